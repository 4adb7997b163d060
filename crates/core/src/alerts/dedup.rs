//! "One open flag of a kind per client at a time (a new trigger adds evidence, not a new
//! flag)" (CLINICAL.md "Early warning").

use serde::Serialize;

use super::kinds::{FlagKind, Level};
use super::trigger::Trigger;

/// A flag the client already has open: its id (whatever the store uses) and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFlag<I> {
    pub id: I,
    pub kind: FlagKind,
}

/// Triggers to add as evidence to an open flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddEvidence<I> {
    pub flag: I,
    pub triggers: Vec<Trigger>,
}

/// A flag to open, with every trigger of its kind as its first evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewFlag {
    pub kind: FlagKind,
    pub level: Level,
    pub triggers: Vec<Trigger>,
}

/// What to do with a batch of triggers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routing<I> {
    pub add_evidence: Vec<AddEvidence<I>>,
    pub open: Vec<NewFlag>,
}

/// Routes triggers: those of a kind that has an open flag go to it as evidence; the others
/// open one new flag per kind, carrying all the triggers of that kind. Should the store hold
/// two open flags of one kind (which it must not), the first listed gets the evidence.
/// Output is in the order of [`FlagKind::ALL`] (safety first).
pub fn route_triggers<I: Clone>(open_flags: &[OpenFlag<I>], triggers: Vec<Trigger>) -> Routing<I> {
    let mut routing = Routing {
        add_evidence: Vec::new(),
        open: Vec::new(),
    };
    for kind in FlagKind::ALL {
        let of_kind: Vec<Trigger> = triggers
            .iter()
            .filter(|t| t.kind == kind)
            .cloned()
            .collect();
        let Some(level) = of_kind.iter().map(|t| t.level).max() else {
            continue;
        };
        match open_flags.iter().find(|f| f.kind == kind) {
            Some(flag) => routing.add_evidence.push(AddEvidence {
                flag: flag.id.clone(),
                triggers: of_kind,
            }),
            None => routing.open.push(NewFlag {
                kind,
                level,
                triggers: of_kind,
            }),
        }
    }
    routing
}
