//! "One open flag of a kind per client at a time (a new trigger adds evidence, not a new
//! flag)" (CLINICAL.md "Early warning").

use serde::Serialize;

use super::kinds::{FlagKind, Level};
use super::trigger::Trigger;

/// A flag the client already has unresolved (open or acknowledged): its id (whatever the
/// store uses), kind and level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenFlag<I> {
    pub id: I,
    pub kind: FlagKind,
    pub level: Level,
}

/// Triggers to add as evidence to an unresolved flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddEvidence<I> {
    pub flag: I,
    /// The flag's level from now on: its own or its new triggers', whichever is higher.
    pub level: Level,
    /// Whether an acknowledged flag opens again, so that the clinician looks again: its level
    /// rose, or the evidence is of risk to life (safety). More of the same on a flag the
    /// clinician acknowledged does not reopen it.
    pub reopen: bool,
    pub triggers: Vec<Trigger>,
}

/// A flag to open, with every trigger of its kind as its first evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewFlag {
    pub kind: FlagKind,
    /// The highest of its triggers' levels.
    pub level: Level,
    pub triggers: Vec<Trigger>,
}

impl NewFlag {
    /// The rule in plain words that the flag shows: its first trigger's.
    pub fn explanation(&self) -> &'static str {
        self.triggers.first().map_or("", |t| t.rule)
    }
}

/// What to do with a batch of triggers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Routing<I> {
    pub add_evidence: Vec<AddEvidence<I>>,
    pub open: Vec<NewFlag>,
}

/// Routes triggers: those of a kind that has an unresolved flag go to it as evidence (raising
/// its level to theirs when higher, see [`AddEvidence`]); the others open one new flag per
/// kind, carrying all the triggers of that kind. Should the store hold two unresolved flags of
/// one kind (which it must not), the first listed gets the evidence. Output is in the order of
/// [`FlagKind::ALL`] (safety first).
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
                level: level.max(flag.level),
                reopen: level > flag.level || kind == FlagKind::Safety,
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
