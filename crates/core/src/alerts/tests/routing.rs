//! CLINICAL.md "Early warning": one open flag of a kind per client at a time.

use super::*;

// ---- one open flag of a kind ------------------------------------------------------------

#[test]
fn one_open_flag_of_a_kind_new_triggers_add_evidence() {
    // CLINICAL.md "one open flag of a kind per client at a time (a new trigger adds
    // evidence, not a new flag)".
    let mut data = with_phq9(&[8, 14]);
    data.phq9[1].item9 = Some(1);
    data.risk_assessment = Some(RiskAssessment {
        at: week(1),
        judged_high: true,
    });
    let triggers = evaluate(&data, None);
    let kinds: Vec<FlagKind> = triggers.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![FlagKind::Safety, FlagKind::Safety, FlagKind::Deterioration]
    );
    let open = [
        OpenFlag {
            id: 7u64,
            kind: FlagKind::Safety,
            level: Level::Medium,
        },
        OpenFlag {
            id: 9u64,
            kind: FlagKind::Alliance,
            level: Level::Medium,
        },
    ];
    let routing = route_triggers(&open, triggers);
    assert_eq!(routing.add_evidence.len(), 1);
    assert_eq!(routing.add_evidence[0].flag, 7);
    assert_eq!(routing.add_evidence[0].triggers.len(), 2);
    // The medium safety flag (item 9 left blank) rises to critical and opens again.
    assert_eq!(routing.add_evidence[0].level, Level::Critical);
    assert!(routing.add_evidence[0].reopen);
    assert_eq!(routing.open.len(), 1);
    assert_eq!(routing.open[0].kind, FlagKind::Deterioration);
    assert_eq!(routing.open[0].level, Level::High);

    // Without open flags, both safety triggers open a single flag.
    let routing = route_triggers::<u64>(&[], evaluate(&data, None));
    assert!(routing.add_evidence.is_empty());
    let kinds: Vec<FlagKind> = routing.open.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, vec![FlagKind::Safety, FlagKind::Deterioration]);
    assert_eq!(routing.open[0].triggers.len(), 2);
    assert_eq!(routing.open[0].level, Level::Critical);
    assert_eq!(
        routing.open[0].explanation(),
        Rule::SafetyItem9.explanation()
    );
    assert!(route_triggers::<u64>(&open, vec![]).open.is_empty());
}

#[test]
fn a_quiet_client_raises_nothing() {
    assert!(rules(&with_phq9(&[16, 13, 11, 9, 7])).is_empty());
    assert!(rules(&ClientData::default()).is_empty());
}

#[test]
fn evidence_raises_the_level_and_reopens_only_when_it_rose_or_is_about_safety() {
    // Two low-mood runs (medium) on an acknowledged warning-signs flag: more of the same.
    let trigger = |rule: Rule| Trigger::new(rule, vec![]);
    let open = |kind, level| OpenFlag {
        id: 1u8,
        kind,
        level,
    };
    let same = route_triggers(
        &[open(FlagKind::WarningSigns, Level::Medium)],
        vec![trigger(Rule::LowMoodRun), trigger(Rule::SleepChange)],
    );
    assert_eq!(same.add_evidence[0].level, Level::Medium);
    assert!(!same.add_evidence[0].reopen);
    // A flag never goes down a level.
    let lower = route_triggers(
        &[open(FlagKind::Deterioration, Level::Critical)],
        vec![trigger(Rule::DeteriorationFromBaseline)],
    );
    assert_eq!(lower.add_evidence[0].level, Level::Critical);
    assert!(!lower.add_evidence[0].reopen);
    // A rise reopens.
    let rose = route_triggers(
        &[open(FlagKind::Deterioration, Level::Low)],
        vec![trigger(Rule::DeteriorationFromLowest)],
    );
    assert_eq!(rose.add_evidence[0].level, Level::High);
    assert!(rose.add_evidence[0].reopen);
    // Evidence of risk to life always reopens, even at the same level.
    let safety = route_triggers(
        &[open(FlagKind::Safety, Level::Critical)],
        vec![trigger(Rule::SafetyItem9)],
    );
    assert_eq!(safety.add_evidence[0].level, Level::Critical);
    assert!(safety.add_evidence[0].reopen);
}

// ---- the same results as routing one trigger at a time ---------------------------------

/// A flag after routing: which one (`None`: opened now), its kind and level, whether it was
/// reopened, the explanation it opened with, and its new evidence (rule ids, in order).
#[derive(Debug, Clone, PartialEq)]
struct Routed {
    id: Option<u8>,
    kind: FlagKind,
    level: Level,
    reopen: bool,
    explanation: Option<&'static str>,
    evidence: Vec<&'static str>,
}

/// How the app routed triggers before it asked core (one at a time, each written before the
/// next was read): a trigger of a kind with an unresolved flag adds evidence to the first such
/// flag at the higher of the two levels, reopening it when the level rose or the kind is
/// safety; otherwise it opens a flag at its own level with its own explanation, which the next
/// triggers of the kind then find.
fn one_at_a_time(open: &[OpenFlag<u8>], triggers: &[Trigger]) -> Vec<Routed> {
    let mut flags: Vec<Routed> = open
        .iter()
        .map(|f| Routed {
            id: Some(f.id),
            kind: f.kind,
            level: f.level,
            reopen: false,
            explanation: None,
            evidence: vec![],
        })
        .collect();
    for t in triggers {
        match flags.iter_mut().find(|f| f.kind == t.kind) {
            Some(f) => {
                let rises = t.level > f.level;
                f.level = f.level.max(t.level);
                // A flag opened in this batch is open already: nothing to reopen.
                f.reopen |= f.id.is_some() && (rises || t.kind == FlagKind::Safety);
                f.evidence.push(t.rule_id);
            }
            None => flags.push(Routed {
                id: None,
                kind: t.kind,
                level: t.level,
                reopen: false,
                explanation: Some(t.rule),
                evidence: vec![t.rule_id],
            }),
        }
    }
    flags.retain(|f| !f.evidence.is_empty());
    flags.sort_by_key(|f| f.kind);
    flags
}

fn routed(routing: Routing<u8>) -> Vec<Routed> {
    let ids = |ts: &[Trigger]| ts.iter().map(|t| t.rule_id).collect::<Vec<_>>();
    let mut out: Vec<Routed> = routing
        .add_evidence
        .iter()
        .map(|a| Routed {
            id: Some(a.flag),
            kind: a.triggers[0].kind,
            level: a.level,
            reopen: a.reopen,
            explanation: None,
            evidence: ids(&a.triggers),
        })
        .chain(routing.open.iter().map(|f| Routed {
            id: None,
            kind: f.kind,
            level: f.level,
            reopen: false,
            explanation: Some(f.explanation()),
            evidence: ids(&f.triggers),
        }))
        .collect();
    out.sort_by_key(|f| f.kind);
    out
}

mod same_as_one_at_a_time {
    use proptest::prelude::*;
    use proptest::sample::select;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        /// Routing a batch gives the flags, levels, reopenings, explanations and evidence
        /// that routing its triggers one at a time gave (in any order, with any open flags,
        /// even two of one kind).
        #[test]
        fn routing_a_batch_is_routing_one_at_a_time(
            open in proptest::collection::vec((select(FlagKind::ALL.to_vec()), select(Level::ALL.to_vec())), 0..6),
            rules in proptest::collection::vec(select(Rule::ALL.to_vec()), 0..12),
        ) {
            let open: Vec<OpenFlag<u8>> = open
                .into_iter()
                .zip(0u8..)
                .map(|((kind, level), id)| OpenFlag { id, kind, level })
                .collect();
            let triggers: Vec<Trigger> = rules.into_iter().map(|r| Trigger::new(r, vec![])).collect();
            prop_assert_eq!(
                routed(route_triggers(&open, triggers.clone())),
                one_at_a_time(&open, &triggers)
            );
        }
    }
}
