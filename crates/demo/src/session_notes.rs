//! What the demo's clinicians wrote about their last weeks' sessions, and what the clients said
//! about them. Made up and plain, in the clients' stories ([`super::plans`]); no months named
//! and no scores quoted (the note page adds the latest measures to the data part).

use super::sessions::{By, LOW_FEEDBACK};

/// A progress note as its clinician writes it.
#[derive(Debug)]
pub(super) struct NoteText {
    pub data: &'static str,
    pub assessment: &'static str,
    pub plan: &'static str,
    /// Signed (false: left as a draft).
    pub sign: bool,
}

const fn signed(data: &'static str, assessment: &'static str, plan: &'static str) -> NoteText {
    NoteText {
        data,
        assessment,
        plan,
        sign: true,
    }
}

/// Comments clients leave now and then with their feedback.
pub(super) const COMMENTS: [&str; 8] = [
    "Helpful to plan the week together.",
    "Good to talk it through.",
    "Going over the diary made things clearer.",
    "A hard one today, but useful.",
    "I felt listened to.",
    "We ran a bit short on time at the end.",
    "Glad we kept it small this week.",
    "Useful. I know what I'm doing before next time.",
];

/// Quinn's comment on the session that raised the alliance flag.
pub(super) const QUINN_FEEDBACK: &str =
    "I felt rushed today, and I'm not sure talking about people helps when the pain is this bad.";

/// Daniel Reyes's process note on Quinn's last session (a psychotherapy note: his alone).
pub(super) const QUINN_PROCESS: &str = "The session went flat when I brought us back to reconnecting with people. Quinn went quiet and said \"I know, I know.\" I noticed my own push to make something happen after weeks without change, and Quinn probably felt it as pressure. I did not name the rupture in the room. Next time: name it, ask plainly what is not working for Quinn, and be open to another therapist if that is what Quinn wants. Take to supervision this week.";

/// Dr. Okafor's process note on Casey's last session.
pub(super) const CASEY_PROCESS: &str = "Casey apologised three times for \"being back here\". Shame about slipping is the main thing in the room, more than the scores. I felt the pull to reassure rather than explore and mostly stayed with it. Next time: what the slip means to Casey (the \"burden\" belief again?) before any problem-solving.";

/// Dr. Okafor's correction to a signed note of Fatima's.
pub(super) const FATIMA_AMENDMENT: &str = "Correction: the carers' group meets on Wednesday evenings, not Thursdays as written above. Fatima let me know by message; the plan is otherwise unchanged.";

const ALEX: &[NoteText] = &[signed(
    "Monthly staying-well session, in person. Alex has kept the routine: up by eight, three meals, out of the flat every day. Two job applications this month, one interview next week. No warning signs ticked.",
    "Well and steady; in remission. Some nerves about the interview, in proportion.",
    "Practise interview answers with Jo. Keep the activity plan on the fridge. Next staying-well session in four weeks.",
)];

const SAM: &[NoteText] = &[signed(
    "Family session, in person, with Sam, Anjali and Sam's father. His father has been offered a day-centre place three days a week; the family talked through what changes at home. Sam said his piece calmly and asked for help with the school runs.",
    "Good family communication, and a real change handled without arguments. Sam's mood steady; no sign of the earlier pattern of snapping and withdrawing.",
    "Keep the Sunday planning half hour, now with the day-centre days on it. Sam to call if the new routine brings the arguments back. Next session in four weeks; staying-well group as planned.",
)];

const JORDAN: &[NoteText] = &[
    signed(
        "Online. Jordan brought two thought records, both about work emails after six. Activity diary: a walk with Chris twice, one evening of guitar.",
        "Using the skills without prompting now. The \"if I stop, I fall behind\" thought is still strong at work.",
        "One more thought record on work evenings. Try leaving the laptop at work one day. Next week as usual.",
    ),
    signed(
        "Online. Left the laptop at work twice. Met an old friend, Theo, for a coffee: the first in over a year. Slept better at the weekend.",
        "Good progress; avoidance of friends easing. Mood brighter in session.",
        "Keep one evening a week with no work. Write down early warning signs before next time.",
    ),
    signed(
        "Online. Talked about what the last year of feeling flat looked like from the start: dropping things one at a time. Jordan named two signs to watch: cancelling on friends and working late every night.",
        "Good understanding of the pattern. Ready to start planning for staying well.",
        "Jordan to add the signs in the app and start the staying-well plan. Keep the thought records going, one a week.",
    ),
    signed(
        "Online. A busy week at work, but Jordan kept two evenings free and went climbing with Chris. One thought record, about a meeting that went badly.",
        "Steady. Coping well with a stressful week; no return of the old avoidance.",
        "Same again next week. Bring the staying-well plan draft.",
    ),
];

const RILEY: &[NoteText] = &[signed(
    "Monthly staying-well session, in person. Riley sorted through a box of Mum's photographs with Aunt May, and framed one. Sleeping through most nights. The anniversary is about two months away.",
    "In remission. Grieving in an ordinary way; able to talk about Mum and cry without it taking over.",
    "Plan a session before the anniversary, as the relapse-prevention plan says. Sertraline unchanged (Dr. Natarajan). Next session in four weeks.",
)];

const CASEY: &[NoteText] = &[
    signed(
        "Online. Casey has been sleeping ten hours at weekends again and left the post for two weeks. Still going to choir.",
        "Early signs from the relapse-prevention plan are back: longer sleep, post avoided. Mood a little lower than last month.",
        "Go back to the plan: bed by eleven, up by eight, open the post on Saturday with a coffee. Weekly sessions continue.",
    ),
    signed(
        "In person. Opened the post on Saturday. Skipped choir once, \"too tired\". Sleep still long. Talked about feeling like a burden to Ana again.",
        "Slipping: the burden thought is back, and the scores are up for the second time running.",
        "Journaling five minutes a day. Ask Ana for a walk this week. Bring the journal next time.",
    ),
    signed(
        "Online. A hard week: stayed in most evenings, missed choir again. Journaled three times. Talked through the relapse-prevention plan line by line.",
        "A relapse in the mild-to-moderate range, recognised early. Casey is engaged and using the plan; no risk concerns.",
        "Choir on Tuesday with Ana. Keep the sleep times. Talk about a GP review if no change in two weeks.",
    ),
    signed(
        "In person. Went to choir and had dinner with Ana after. Still sleeping long but waking at eight. Apologised for \"being back here\".",
        "No worse; a small step back up. Shame about slipping is getting in the way more than the symptoms.",
        "Work on the \"I should be over this\" thought next week. Keep choir and the Saturday post. Weekly as usual.",
    ),
];

const TAYLOR: &[NoteText] = &[signed(
    "Monthly staying-well session, in person. Two handovers this month, both calm; Taylor stuck to the written plan. Running on Sundays again; saw Kim and Olu.",
    "Well; in remission. The dispute with the ex is much quieter.",
    "School holidays coming: agree the plan for the children in writing early. Next session in four weeks, and the group.",
)];

const JAMIE: &[NoteText] = &[signed(
    "Monthly staying-well session, online. A flare-up for a week; Jamie used the bad-day plan and didn't cancel work. Swimming again since.",
    "Mood held through a flare-up, which is the test of the pacing work. Stable.",
    "Keep the good-day and bad-day plans. Next session in four weeks; medication with Dr. Natarajan as usual.",
)];

const MORGAN: &[NoteText] = &[
    signed(
        "In person. Morgan sent three applications and went to the climbing group. Talked about what the job gave besides money: a team, being good at something.",
        "Engaged and active. The loss of the role is still raw; mood low but steady.",
        "One application a week, and one thing with people. Ask Ruth about the community centre's volunteering list.",
    ),
    signed(
        "In person. A rejection this week, and Morgan stayed in for two days after it. Went back to climbing on Thursday.",
        "Setbacks hit hard, but Morgan bounced back within days. No change in risk.",
        "Plan for the day after a rejection: call Sam, go out once. Continue the weekly application.",
    ),
    signed(
        "In person. An interview for a coordinator role; Morgan thought it went well. Sleeping badly, waking at three.",
        "Some hope this week. Sleep the main problem.",
        "Wind-down routine, no phone in bed. Talk about the interview outcome next time.",
    ),
    signed(
        "In person. The interview was a no. Morgan said the week had been hard and that it is \"the same story every time\". Still going to climbing; saw Sam at the weekend.",
        "Low after the rejection, hopeless about work. Watch mood closely over the next week.",
        "Check in with the questionnaires this week. Call Sam after bad news rather than staying in. Next session as usual.",
    ),
];

const AVERY: &[NoteText] = &[
    signed(
        "In person. Avery has kept the gym twice a week through a busy month at school, and planned a Sunday evening with Beth instead of marking.",
        "Well; in remission. Confident about managing the term.",
        "Write the relapse-prevention plan together next time. Every two weeks as planned.",
    ),
    signed(
        "In person. We wrote the relapse-prevention plan together: the start of term and parents' evenings as risks, the gym and Sunday plans as what helps.",
        "Good insight into what sets Avery back and what helps. Ready to think about staying well.",
        "Avery to read the plan again at home. Talk about moving to staying-well sessions next time.",
    ),
];

const QUINN: &[NoteText] = &[
    signed(
        "In person. Quinn came despite a bad pain week. Talked about an old friend, Jo, who sent a message last month that Quinn hasn't answered.",
        "Severe depression, no change in the scores since the start. Isolated; avoiding even people who reach out.",
        "A short reply to Jo, two lines. Dr. Natarajan to review medication this month.",
    ),
    signed(
        "In person. Quinn wrote the reply to Jo but didn't send it. Most of the session on pain and sleep.",
        "Not on track. Pain and hopelessness leave little room for the interpersonal work.",
        "Send the message if it feels possible; no pressure. Consider phone sessions on bad days.",
    ),
    signed(
        "By phone, a high-pain day. Quinn sent the message to Jo and got a kind reply, but said it \"didn't change anything\".",
        "A small step taken, but no lift in mood. Engagement feels thinner.",
        "Talk about whether this way of working fits. Talk with Dr. Natarajan about the scores.",
    ),
    signed(
        "In person. I brought us back to reconnecting with people; Quinn went quiet and said it's hard to think about anyone else when the pain is this bad.",
        "Not on track after six weeks, and the alliance feels strained. Quinn's feedback on the session was low.",
        "Next session: ask openly what isn't working and what would help, including another therapist or a different approach. Liaise with Dr. Natarajan.",
    ),
];

const ROWAN: &[NoteText] = &[signed(
    "Monthly staying-well session, online, in the evening. Rowan and Mia kept Friday evenings; he has been running on Saturday mornings while his parents have the baby.",
    "Well; in remission. Enjoying being a dad more.",
    "Keep one thing for himself each week. Next session in four weeks.",
)];

const SKYLER: &[NoteText] = &[
    signed(
        "In person. Skyler's sister sent a message about their mum's birthday. Skyler hasn't answered; replayed the old arguments most of the week.",
        "Mood lower; the dispute is active again. Routine slipping a little.",
        "Draft a reply together next session. Keep getting dressed and ten minutes outside.",
    ),
    signed(
        "In person. We drafted a short reply to the sister; Skyler wasn't ready to send it. Missed two meals a day most days.",
        "Struggling. Avoidance growing. No safety concerns raised; safety plan in place.",
        "Meals and getting dressed first. Decide about the message by next week.",
    ),
    NoteText {
        data: "Did not attend. Phoned at 12:15, no answer; left a voicemail and sent a message through the portal.",
        assessment: "First missed session. Check-ins show low mood.",
        plan: "Try again tomorrow. Offer a phone session if coming in is hard.",
        sign: true,
    },
    NoteText {
        data: "Did not attend, the second week running. Phoned twice and sent a message; no reply yet.",
        assessment: "Disengaging, with low mood in the check-ins. Not answering messages is one of Skyler's own warning signs.",
        plan: "Call again tomorrow and offer a phone session. Look at the safety plan with Skyler when we speak.",
        sign: true,
    },
];

const ELENA: &[NoteText] = &[
    signed(
        "In person. Morning walk most days, lunch with Rosa and Inés every Wednesday. No afternoon naps this fortnight; sat in the garden instead.",
        "Well; in remission. The routine holds without prompting.",
        "Think about what to do for Tomás's birthday, which is coming. Every two weeks as planned.",
    ),
    signed(
        "In person. Elena spent Tomás's birthday with Lucía and the grandchildren and went to his favourite café. Sad, but she went.",
        "Grieving well; no return of the withdrawal.",
        "Keep the plan. Talk about staying well and how long to carry on next time.",
    ),
];

const NOAH: &[NoteText] = &[
    signed(
        "In person. Noah went to the veterans' football evening with his friend from the unit. Talked about the structure the army gave him.",
        "Improving steadily; finding some of what he lost in new places.",
        "One contact a week outside work. Dana may join a session.",
    ),
    signed(
        "In person. Noah asked for more responsibility at work and got a team to lead from next month. Sleep better.",
        "Good progress; mood much brighter.",
        "Talk next time about what leading a team will ask of him.",
    ),
    signed(
        "In person. Our session last week was cancelled (I was unwell). Noah kept up football and started the new team. Dana came to the last half of the session.",
        "Doing well. Dana sees the change at home too.",
        "Start thinking about finishing and a staying-well plan. Weekly for now.",
    ),
];

const FATIMA: &[NoteText] = &[
    signed(
        "Online. Fatima kept her Saturday morning for herself three weeks running. Guilt thoughts when her mum called during it, but she didn't go home early.",
        "Well; the guilt is easing. Scores low.",
        "Keep Saturday mornings. Think about the relapse-prevention plan.",
    ),
    signed(
        "Online. Her mum had a bad week, and Fatima asked Yusuf to cover two evenings: the first time she has asked early.",
        "Coping well under strain; using the skills.",
        "Write the relapse-prevention plan together next session.",
    ),
    signed(
        "Online. We wrote the relapse-prevention plan together. Fatima has joined the carers' group, which meets on Thursday evenings.",
        "Well; good insight into what sets her back.",
        "Read the plan with Karim. Next session in a week.",
    ),
    signed(
        "Online. A calm week. First carers' group went well; she met another daughter caring for a parent after a stroke.",
        "In remission and keeping well.",
        "Talk about moving to every two weeks next time.",
    ),
];

const LIAM: &[NoteText] = &[
    signed(
        "In person. Liam walked to the football ground and watched the five-a-side; didn't play. Frightened of his heart racing.",
        "Avoidance driven by fear of exertion; mood improving slowly.",
        "Ask the cardiologist what exercise is safe, in writing.",
    ),
    signed(
        "In person. The cardiologist said walking football is fine. Liam went once and enjoyed it. Missed last week's session (work).",
        "Good step; confidence growing.",
        "Walking football weekly. Talk about the new shift pattern.",
    ),
    signed(
        "In person. The new shift pattern has broken his morning routine and he has been forgetting the morning bupropion. Still playing walking football.",
        "Mood steady, but missed doses are a risk. Let Dr. Natarajan know.",
        "A phone reminder for the morning dose. Message Dr. Natarajan about the missed doses.",
    ),
];

const GRACE: &[NoteText] = &[
    signed(
        "Online. Grace brought three thought records about mistakes at work; each time she called herself \"useless\". Worked on what she would say to a friend.",
        "Self-criticism still strong, but she catches it quickly now.",
        "Write the kinder answer on each thought record this week.",
    ),
    signed(
        "Online. Grace told her manager she needed training on the new software instead of staying late to work it out alone.",
        "A real change in behaviour, not only in thinking.",
        "Notice what happens when she asks for help. Keep the thought records.",
    ),
    signed(
        "Online. A bad day after a mistake in a report; Grace used a thought record that evening and was fine by the morning.",
        "Bouncing back faster. Mild symptoms.",
        "Start planning how to keep practising once therapy ends.",
    ),
    signed(
        "Online. We made a list of the tools that help most. Grace wants to keep a weekly ten minutes for a thought record after therapy ends.",
        "Ready to start thinking about the end of therapy.",
        "Draft a staying-well plan next time.",
    ),
];

const HIRO: &[NoteText] = &[
    signed(
        "In person. Hiro visited the repair café at the library and spent two hours fixing a radio. Keiko came to the second half of the session.",
        "Improving; found something that uses his skills.",
        "Go back to the repair café weekly. Keiko says he talks more at dinner.",
    ),
    signed(
        "In person. The repair café has asked Hiro to teach a Saturday session. He is nervous but said yes.",
        "Mood improving; a sense of purpose returning.",
        "Plan the first teaching session.",
    ),
    signed(
        "In person. The teaching session went well. Hiro has started walking with a neighbour in the mornings.",
        "Much better. Days have a shape again.",
        "Talk about meeting less often next time.",
    ),
    signed(
        "In person. We looked back over the last three months. Hiro agreed to move to sessions every two weeks; I have updated the treatment plan for him to read.",
        "Recovering well; ready to practise more on his own between sessions.",
        "Hiro to read and agree to the updated plan. Next session in two weeks.",
    ),
];

const ISABEL: &[NoteText] = &[
    signed(
        "In person. Isabel went to the Portuguese-speaking group at the library for the first time. Drew on two evenings.",
        "Small steps out of isolation. Mood still low most mornings.",
        "Go to the group again. One drawing session a week.",
    ),
    signed(
        "In person. Went to the group again and had coffee with two women after. Heard back about her qualifications: more paperwork.",
        "Encouraged by the group, frustrated about work. Mild-to-moderate symptoms.",
        "Break the paperwork into one small step a day.",
    ),
    signed(
        "In person. Sent the paperwork. Looked at a drawing class at the community college.",
        "Activity is up; mood lifting slowly.",
        "Enrol in the class if it still feels right. Keep the group.",
    ),
    signed(
        "In person. Enrolled in the drawing class. Talked with her mother on a video call about feeling lonely, for the first time.",
        "Improving. More open with her family.",
        "Keep the weekly routine. Review progress against the plan next session.",
    ),
];

const MARCUS: &[NoteText] = &[
    signed(
        "In person. Marcus talked about his dad's last weeks in hospital and the funeral. He hasn't cried since.",
        "Grief with depression; pulled back from everyone since the death.",
        "Look at photographs of his dad if he wants to. Finish the intake when he can.",
    ),
    signed(
        "In person. Marcus brought a photo of his dad at his wedding. Talked about their fishing trips.",
        "Starting to talk about his dad; some relief in session.",
        "Call his brother this week, whom he has been avoiding.",
    ),
    signed(
        "In person. Marcus called his brother; they talked for an hour. Still can't concentrate at work.",
        "A step back towards people. Concentration still poor.",
        "Talk about work next time; ask his wife about joining a session.",
    ),
    NoteText {
        data: "In person. Marcus's wife came for the last twenty minutes. She described him as \"there but not there\" since the funeral.",
        assessment: "Early in treatment. The treatment plan is not agreed yet.",
        plan: "",
        sign: false,
    },
];

const REVIEW_RILEY: &[NoteText] = &[signed(
    "Medication review by phone. Sertraline 50 mg each morning; taking it every day, no side effects. Sleeping through most nights.",
    "In remission on sertraline.",
    "Continue. Talk about reducing after the anniversary, not before. Review in four weeks.",
)];

const REVIEW_JAMIE: &[NoteText] = &[signed(
    "Medication review, online. Escitalopram 10 mg; no side effects. The methotrexate was not changed. One flare-up this month; mood held.",
    "Stable and well.",
    "Continue escitalopram. Review in four weeks.",
)];

const REVIEW_ELENA: &[NoteText] = &[signed(
    "Medication review in person. Sertraline 100 mg; sleeping at night, no naps. Lucía came with her.",
    "In remission.",
    "Continue for at least six more months, then talk about reducing. Review in four weeks.",
)];

const REVIEW_QUINN: &[NoteText] = &[signed(
    "Medication review by phone. Escitalopram 20 mg and mirtazapine 15 mg at night, taken as prescribed. Pain no better; sleep broken. Scores unchanged since the start.",
    "Severe depression not responding after several weeks at full dose. Pain a large part of it.",
    "Talked about the options (a change of antidepressant, or adding one); Quinn wants a week to think. Suggested a referral to the pain clinic. Speak with Daniel Reyes. Review in two weeks.",
)];

/// The notes for a client's last sessions with their therapist or the psychiatrist, oldest
/// first (the newest note goes with the newest session).
pub(super) fn of(name: &str, by: By) -> &'static [NoteText] {
    match (by, name) {
        (By::Therapist, "Alex Morgan") => ALEX,
        (By::Therapist, "Sam Patel") => SAM,
        (By::Therapist, "Jordan Lee") => JORDAN,
        (By::Therapist, "Riley Chen") => RILEY,
        (By::Therapist, "Casey Novak") => CASEY,
        (By::Therapist, "Taylor Brooks") => TAYLOR,
        (By::Therapist, "Jamie Ortiz") => JAMIE,
        (By::Therapist, "Morgan Ellis") => MORGAN,
        (By::Therapist, "Avery Kim") => AVERY,
        (By::Therapist, LOW_FEEDBACK) => QUINN,
        (By::Therapist, "Rowan Fischer") => ROWAN,
        (By::Therapist, "Skyler Adams") => SKYLER,
        (By::Therapist, "Elena García") => ELENA,
        (By::Therapist, "Noah Williams") => NOAH,
        (By::Therapist, "Fatima Hassan") => FATIMA,
        (By::Therapist, "Liam O'Connor") => LIAM,
        (By::Therapist, "Grace Mensah") => GRACE,
        (By::Therapist, "Hiro Tanaka") => HIRO,
        (By::Therapist, "Isabel Costa") => ISABEL,
        (By::Therapist, "Marcus Johnson") => MARCUS,
        (By::Psychiatrist, "Riley Chen") => REVIEW_RILEY,
        (By::Psychiatrist, "Jamie Ortiz") => REVIEW_JAMIE,
        (By::Psychiatrist, "Elena García") => REVIEW_ELENA,
        (By::Psychiatrist, LOW_FEEDBACK) => REVIEW_QUINN,
        _ => &[],
    }
}

const GROUP_SAM: NoteText = signed(
    "Staying-well group, in person, with two other clients. Sam talked about his father's health and the family's new routine. Supportive of the others.",
    "Well. Uses the group to plan ahead rather than to vent.",
    "Next group in four weeks.",
);

const GROUP_RILEY: NoteText = signed(
    "Staying-well group. Riley spoke about the coming anniversary of Mum's death and plans for the day.",
    "Well; planning ahead for a known risk.",
    "Session before the anniversary as agreed. Next group in four weeks.",
);

const GROUP_TAYLOR: NoteText = signed(
    "Staying-well group. Taylor shared the written handover plan; another member asked for a copy of the idea.",
    "Well and confident.",
    "Next group in four weeks.",
);

/// The note on a client in the staying-well group.
pub(super) fn of_group(name: &str) -> Option<&'static NoteText> {
    match name {
        "Sam Patel" => Some(&GROUP_SAM),
        "Riley Chen" => Some(&GROUP_RILEY),
        "Taylor Brooks" => Some(&GROUP_TAYLOR),
        _ => None,
    }
}
