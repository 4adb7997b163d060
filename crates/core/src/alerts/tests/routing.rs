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
        },
        OpenFlag {
            id: 9u64,
            kind: FlagKind::Alliance,
        },
    ];
    let routing = route_triggers(&open, triggers);
    assert_eq!(routing.add_evidence.len(), 1);
    assert_eq!(routing.add_evidence[0].flag, 7);
    assert_eq!(routing.add_evidence[0].triggers.len(), 2);
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
    assert!(route_triggers::<u64>(&open, vec![]).open.is_empty());
}

#[test]
fn a_quiet_client_raises_nothing() {
    assert!(rules(&with_phq9(&[16, 13, 11, 9, 7])).is_empty());
    assert!(rules(&ClientData::default()).is_empty());
}
