//! Early warning: the flags of CLINICAL.md "Early warning", as pure rules over one client's
//! data, and the rule that keeps one open flag of a kind per client.
//!
//! The app gathers a [`ClientData`] (with `now` and the client's `today`), calls
//! [`evaluate`], then [`route_triggers`] with the client's open flags, and stores the result.
//! Rules describe the state *now*: a condition that still holds fires again at the next
//! evaluation, and its evidence then goes to the open flag.

mod alliance;
mod daily;
mod dedup;
mod engagement;
mod evaluate;
mod input;
mod kinds;
mod messages;
mod progress;
mod relapse;
mod scores;
mod self_harm;
mod side_effects;
mod trigger;

pub use alliance::{BELOW_OWN_AVERAGE, LOW_ANSWER_AT_MOST};
pub use daily::{
    LOW_MOOD_AT_MOST, LOW_MOOD_RUN, LOW_MOOD_WITHIN_DAYS, MEDICATION_MISSED_DAYS,
    SLEEP_MEDIAN_DAYS, SLEEP_MEDIAN_MIN_NIGHTS, SLEEP_OFF_HOURS, SLEEP_RUN, WARNING_SIGN_DAYS,
    WINDOW_DAYS,
};
pub use dedup::{AddEvidence, NewFlag, OpenFlag, Routing, route_triggers};
pub use engagement::{MISSED_IN_A_ROW, NO_CHECK_IN_DAYS};
pub use evaluate::evaluate;
pub use input::{
    Appointment, Attendance, CarriedRemission, CheckIn, ClientData, DiaryNight, Episode,
    FibserPoint, Gad7Point, Medication, Needs, Phase, Phq9Point, Reporter, RiskAssessment,
    Scheduled, SessionFeedback, SignReport, WarningSignId,
};
pub use kinds::{FlagKind, FlagStatus, Level};
pub use messages::Rule;
pub use progress::{Phq9Progress, gad7_needed};
pub use relapse::{
    CARRIED_REMISSION_DAYS, FlagRelapse, SUSTAINED_REMISSION_DAYS, SustainedRemission,
    remission_at_end,
};
pub use scores::{NOT_ON_TRACK_FROM_N, refused_phq9};
pub use self_harm::{ASK_SELF_HARM_DAYS, ask_about_self_harm};
pub use side_effects::side_effects_rule;
pub use trigger::{Evidence, MeasureRole, Trigger};

#[cfg(test)]
mod tests;
