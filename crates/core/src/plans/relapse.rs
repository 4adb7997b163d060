//! The relapse-prevention plan, for staying well: personal triggers, what helps, who to
//! contact, and when to ask for a booster session. The client's own early warning signs are
//! kept as a list beside it, each a tick box on the daily check-in.

use super::sections::{PlanSection, check_sections};
use crate::Result;

pub const RELAPSE_SECTIONS: [PlanSection; 4] = [
    PlanSection {
        key: "triggers",
        title: "What can set me back",
        prompt: "Situations, dates, stresses or changes that have made my mood drop before.",
    },
    PlanSection {
        key: "what_helps",
        title: "What helps me stay well",
        prompt: "The habits, activities and skills from therapy that keep me well, and what to do more of when the signs appear.",
    },
    PlanSection {
        key: "contacts",
        title: "Who I will contact",
        prompt: "The people and professionals I will tell when I notice my warning signs, with their numbers.",
    },
    PlanSection {
        key: "booster",
        title: "When I will ask for a booster session",
        prompt: "For example: two weeks of my warning signs, or a PHQ-9 of 10 or more. A booster session is a short return to therapy to get back on track.",
    },
];

/// A relapse-prevention plan must say something, and each part stay readable.
pub fn check_relapse_plan(sections: &[String; 4]) -> Result<()> {
    check_sections(&RELAPSE_SECTIONS, sections)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::MAX_STEP_CHARS;

    #[test]
    fn four_parts_beside_the_warning_signs() {
        let keys: Vec<_> = RELAPSE_SECTIONS.iter().map(|s| s.key).collect();
        assert_eq!(keys, ["triggers", "what_helps", "contacts", "booster"]);
    }

    #[test]
    fn an_empty_plan_or_a_huge_part_is_refused() {
        let mut p: [String; 4] = Default::default();
        assert_eq!(check_relapse_plan(&p).unwrap_err().field, "triggers");
        p[3] = "x".repeat(MAX_STEP_CHARS + 1);
        assert_eq!(check_relapse_plan(&p).unwrap_err().field, "booster");
        p[3] = "Two weeks of poor sleep".into();
        assert!(check_relapse_plan(&p).is_ok());
    }
}
