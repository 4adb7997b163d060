//! The safety plan: Stanley and Brown's six steps (CLINICAL.md "Safety plan").

use super::sections::{PlanSection, check_sections};
use crate::Result;

pub const SAFETY_STEPS: [PlanSection; 6] = [
    PlanSection {
        key: "warning_signs",
        title: "1. My warning signs",
        prompt: "Thoughts, feelings, situations or behaviour that tell me a crisis may be starting.",
    },
    PlanSection {
        key: "coping",
        title: "2. Things I can do on my own",
        prompt: "What takes my mind off things or helps me feel calmer, without contacting anyone.",
    },
    PlanSection {
        key: "distractions",
        title: "3. People and places that distract me",
        prompt: "People I can be with and places I can go to take my mind off things.",
    },
    PlanSection {
        key: "people",
        title: "4. People I can ask for help",
        prompt: "Names and phone numbers of people I can tell that I am struggling.",
    },
    PlanSection {
        key: "professionals",
        title: "5. Professionals and crisis lines",
        prompt: "My clinician, my doctor, an emergency department, and crisis lines such as 988.",
    },
    PlanSection {
        key: "environment",
        title: "6. Making my surroundings safer",
        prompt: "What I can put away or ask someone to keep, so that I am safer during a crisis.",
    },
];

/// A plan must say something, and each step stay readable.
pub fn check_safety_plan(steps: &[String; 6]) -> Result<()> {
    check_sections(&SAFETY_STEPS, steps)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plans::MAX_STEP_CHARS;

    fn plan(first: &str) -> [String; 6] {
        let mut s: [String; 6] = Default::default();
        s[0] = first.to_string();
        s
    }

    #[test]
    fn six_steps_in_stanley_browns_order() {
        // CLINICAL.md "Safety plan": warning signs · internal coping · people and places that
        // distract · people to ask for help · professionals and crisis lines · a safe environment.
        let keys: Vec<_> = SAFETY_STEPS.iter().map(|s| s.key).collect();
        assert_eq!(
            keys,
            [
                "warning_signs",
                "coping",
                "distractions",
                "people",
                "professionals",
                "environment"
            ]
        );
    }

    #[test]
    fn an_empty_plan_or_a_huge_step_is_refused() {
        assert_eq!(
            check_safety_plan(&plan("  ")).unwrap_err().field,
            "warning_signs"
        );
        assert!(check_safety_plan(&plan(&"x".repeat(MAX_STEP_CHARS + 1))).is_err());
        assert!(check_safety_plan(&plan("Not sleeping, pulling away from friends")).is_ok());
    }
}
