//! The safety plan: Stanley and Brown's six steps (CLINICAL.md "Safety plan").

use crate::{Error, Result};

/// One step: its stable word, its title, and a prompt in plain words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SafetyStep {
    pub key: &'static str,
    pub title: &'static str,
    pub prompt: &'static str,
}

pub const SAFETY_STEPS: [SafetyStep; 6] = [
    SafetyStep {
        key: "warning_signs",
        title: "1. My warning signs",
        prompt: "Thoughts, feelings, situations or behaviour that tell me a crisis may be starting.",
    },
    SafetyStep {
        key: "coping",
        title: "2. Things I can do on my own",
        prompt: "What takes my mind off things or helps me feel calmer, without contacting anyone.",
    },
    SafetyStep {
        key: "distractions",
        title: "3. People and places that distract me",
        prompt: "People I can be with and places I can go to take my mind off things.",
    },
    SafetyStep {
        key: "people",
        title: "4. People I can ask for help",
        prompt: "Names and phone numbers of people I can tell that I am struggling.",
    },
    SafetyStep {
        key: "professionals",
        title: "5. Professionals and crisis lines",
        prompt: "My clinician, my doctor, an emergency department, and crisis lines such as 988.",
    },
    SafetyStep {
        key: "environment",
        title: "6. Making my surroundings safer",
        prompt: "What I can put away or ask someone to keep, so that I am safer during a crisis.",
    },
];

/// Of each step, after trimming.
pub const MAX_STEP_CHARS: usize = 4_000;

/// A plan must say something, and each step stay readable.
pub fn check_safety_plan(steps: &[String; 6]) -> Result<()> {
    for (step, text) in SAFETY_STEPS.iter().zip(steps) {
        if text.trim().chars().count() > MAX_STEP_CHARS {
            return Err(Error::invalid(
                step.key,
                format!("Use {MAX_STEP_CHARS} characters or fewer."),
            ));
        }
    }
    if steps.iter().all(|s| s.trim().is_empty()) {
        return Err(Error::invalid(
            SAFETY_STEPS[0].key,
            "Write at least one step. You can add the others later.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
