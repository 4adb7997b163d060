#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;

use super::generate::{self, Rng};
use super::score::passes;
use super::*;
use crate::therapists::{
    Credential, Format, Gender, InsuranceList, Jurisdiction, Language, Mode, Profile, Specialty,
    TherapyApproach,
};

fn base() -> Profile {
    Profile {
        pronouns: None,
        gender: Some(Gender::Woman),
        credentials: vec![Credential::Phd],
        years_in_practice: Some(10),
        approaches: vec![TherapyApproach::Cbt],
        formats: vec![Format::Individual],
        modes: vec![Mode::Online],
        location: None,
        jurisdictions: vec![Jurisdiction::parse("US-CA").unwrap()],
        languages: vec![Language::parse("en").unwrap()],
        specialties: vec![],
        fee: Some(100),
        sliding_scale: Some(false),
        insurance: InsuranceList::default(),
        accepting_new_clients: true,
        availability: None,
        statement: None,
    }
}

fn req() -> Request {
    Request::default()
}

/// A match with its reasons and concerns as the English sentences.
#[derive(Debug)]
struct Said {
    score: u8,
    reasons: Vec<String>,
    concerns: Vec<String>,
}

fn one(p: &Profile, r: &Request) -> Option<Said> {
    explain(p, r, 0).map(|m| Said {
        score: m.score,
        reasons: m.reasons.iter().map(ToString::to_string).collect(),
        concerns: m.concerns.iter().map(ToString::to_string).collect(),
    })
}

fn ca() -> Option<Jurisdiction> {
    Jurisdiction::parse("US-CA")
}

// ---- hard filters ----

#[test]
fn not_accepting_is_never_shown() {
    let p = Profile {
        accepting_new_clients: false,
        ..base()
    };
    assert!(one(&p, &req()).is_none());
    assert!(Directory::build(&[p]).top(&req(), 10).is_empty());
}

#[test]
fn jurisdiction_applies_in_person_as_well_as_online() {
    let ny = Request {
        jurisdiction: Jurisdiction::parse("US-NY"),
        ..req()
    };
    let in_person = Profile {
        modes: vec![Mode::InPerson],
        location: Some("x".into()),
        ..base()
    };
    assert!(one(&base(), &ny).is_none());
    assert!(one(&in_person, &ny).is_none());
    assert!(
        one(
            &base(),
            &Request {
                jurisdiction: ca(),
                ..req()
            }
        )
        .is_some()
    );
    // A national licence covers the places in that country.
    let ie = Profile {
        jurisdictions: vec![Jurisdiction::parse("IE").unwrap()],
        ..base()
    };
    assert!(
        one(
            &ie,
            &Request {
                jurisdiction: Jurisdiction::parse("IE-D"),
                ..req()
            }
        )
        .is_some()
    );
}

#[test]
fn mode_and_language_filter() {
    assert!(
        one(
            &base(),
            &Request {
                mode: Some(Mode::InPerson),
                ..req()
            }
        )
        .is_none()
    );
    assert!(
        one(
            &base(),
            &Request {
                mode: Some(Mode::Online),
                ..req()
            }
        )
        .is_some()
    );
    assert!(
        one(
            &base(),
            &Request {
                language: Language::parse("es"),
                ..req()
            }
        )
        .is_none()
    );
    let es_mx = Profile {
        languages: vec![Language::parse("es-MX").unwrap()],
        ..base()
    };
    assert!(
        one(
            &es_mx,
            &Request {
                language: Language::parse("es"),
                ..req()
            }
        )
        .is_some()
    );
}

#[test]
fn budget_passes_on_fee_sliding_scale_or_insurance_and_says_which() {
    let dear = Profile {
        fee: Some(180),
        ..base()
    };
    let r = Request {
        max_fee: Some(120),
        ..req()
    };
    assert!(one(&dear, &r).is_none());
    let sliding = one(
        &Profile {
            sliding_scale: Some(true),
            ..dear.clone()
        },
        &r,
    )
    .unwrap();
    assert!(
        sliding
            .concerns
            .contains(&"Usual fee 180, above your 120; offers a sliding scale".to_string()),
        "{sliding:?}"
    );
    let insured = Profile {
        insurance: InsuranceList(vec!["Aetna".into()]),
        ..dear.clone()
    };
    let with_plan = Request {
        insurance: Some("aetna".into()),
        ..r.clone()
    };
    let m = one(&insured, &with_plan).unwrap();
    assert!(
        m.concerns
            .iter()
            .any(|c| c.ends_with("accepts your insurance")),
        "{m:?}"
    );
    assert!(
        m.reasons
            .contains(&"Accepts your insurance (aetna)".to_string())
    );
    let cheap = one(&base(), &r).unwrap();
    assert!(
        cheap
            .reasons
            .contains(&"Usual fee 100, within your 120".to_string())
    );
}

// ---- scoring and explanations ----

#[test]
fn two_earlier_courses_favour_treatment_resistant_expertise() {
    let trd = Profile {
        specialties: vec![Specialty::TreatmentResistantDepression],
        ..base()
    };
    let r = Request {
        earlier_courses: 2,
        ..req()
    };
    let a = one(&trd, &r).unwrap();
    let b = one(&base(), &r).unwrap();
    assert!(a.score > b.score);
    assert_eq!(
        a.reasons[0],
        "Works with depression that has not lifted with earlier treatment — you have had two \
         courses of therapy before"
    );
    assert!(b.concerns[0].contains("has not lifted"));
    // Long-lasting depression or CBASP counts for part.
    let chronic = Profile {
        approaches: vec![TherapyApproach::Cbasp],
        ..base()
    };
    let c = one(&chronic, &r).unwrap();
    assert!(
        a.score > c.score && c.score > b.score,
        "{} {} {}",
        a.score,
        c.score,
        b.score
    );
    assert!(c.reasons[0].contains("CBASP"));
}

#[test]
fn help_with_favours_the_specialty() {
    let grief = Profile {
        specialties: vec![Specialty::Grief],
        ..base()
    };
    let r = Request {
        help_with: Some(HelpWith::Grief),
        ..req()
    };
    let m = one(&grief, &r).unwrap();
    assert_eq!(m.score, 100);
    assert_eq!(
        m.reasons[0],
        "Has particular experience with grief and loss — what you want help with"
    );
    assert!(one(&base(), &r).unwrap().score < 100);
}

#[test]
fn preferences_never_exclude_but_say_what_does_not_fit() {
    let r = Request {
        approach: Some(TherapyApproach::Psychodynamic),
        format: Some(Format::Group),
        therapist_gender: Some(Gender::Man),
        ..req()
    };
    let m = one(&base(), &r).unwrap();
    assert!(
        m.concerns
            .contains(&"Does not offer group work".to_string()),
        "{m:?}"
    );
    assert!(
        m.concerns.contains(
            &"Does not offer psychodynamic therapy, the approach you asked for".to_string()
        )
    );
    assert!(
        m.concerns
            .contains(&"Not the therapist gender you preferred".to_string())
    );
    let fits = Profile {
        approaches: vec![TherapyApproach::Psychodynamic],
        formats: vec![Format::Group],
        gender: Some(Gender::Man),
        ..base()
    };
    assert_eq!(one(&fits, &r).unwrap().score, 100);
}

#[test]
fn nothing_asked_scores_everyone_alike() {
    assert_eq!(one(&base(), &req()).unwrap().score, 100);
}

#[test]
fn approaches_tried_before_are_steered_away_from() {
    let r = Request {
        earlier_approaches: vec![TherapyApproach::Cbt],
        ..req()
    };
    let same = one(&base(), &r).unwrap();
    assert!(
        same.concerns
            .contains(&"Lists only approaches you have tried before".to_string())
    );
    let other = Profile {
        approaches: vec![TherapyApproach::Cbt, TherapyApproach::Interpersonal],
        ..base()
    };
    assert!(one(&other, &r).unwrap().score > same.score);
}

#[test]
fn severe_scores_favour_a_prescriber_a_little() {
    let r = Request {
        phq9_total: Some(22),
        ..req()
    };
    let md = Profile {
        credentials: vec![Credential::Md],
        ..base()
    };
    let m = one(&md, &r).unwrap();
    assert!(m.reasons[0].starts_with("Can prescribe (MD)"));
    assert!(m.score > one(&base(), &r).unwrap().score);
}

#[test]
fn reasons_and_concerns_are_kinds_with_their_values() {
    let r = Request {
        earlier_courses: 3,
        missing: vec![Missing::NoProgress],
        help_with: Some(HelpWith::Grief),
        max_fee: Some(80),
        ..req()
    };
    let trd = Profile {
        specialties: vec![Specialty::TreatmentResistantDepression, Specialty::Grief],
        sliding_scale: Some(true),
        ..base()
    };
    let m = explain(&trd, &r, 0).unwrap();
    let grounds = Grounds {
        courses: Some(3),
        no_progress: true,
    };
    assert_eq!(
        m.reasons[..3],
        [
            Reason::HelpWith(Specialty::Grief),
            Reason::TreatmentResistant(grounds),
            Reason::Missing {
                offers: table::Favour::Specialty(Specialty::TreatmentResistantDepression),
                missing: Missing::NoProgress
            }
        ]
    );
    assert_eq!(
        m.reasons[1].to_string(),
        "Works with depression that has not lifted with earlier treatment — you have had three \
         courses of therapy before and you said the last therapy brought no progress"
    );
    assert_eq!(m.reasons[1].code(), "treatment_resistant");
    assert_eq!(
        m.concerns,
        vec![Concern::FeeAbove {
            fee: 100,
            max: 80,
            sliding: true
        }]
    );
    assert_eq!(m.concerns[0].code(), "fee_above");
}

// ---- the what-was-missing table, one test per row ----

fn row_test(missing: Missing, fits: Profile, misses: Profile, r: Request) {
    let r = Request {
        missing: vec![missing],
        ..r
    };
    let good = one(&fits, &r).unwrap();
    let bad = one(&misses, &r).unwrap();
    assert!(
        good.score > bad.score,
        "{missing:?}: {} vs {}",
        good.score,
        bad.score
    );
    let row = table::row(missing);
    assert!(
        good.reasons.iter().any(|x| x.ends_with(row.reason)),
        "{missing:?}: {good:?}"
    );
    assert!(
        bad.concerns.contains(&row.concern.to_string()),
        "{missing:?}: {bad:?}"
    );
}

#[test]
fn row_too_unstructured_favours_cbt_ba_problem_solving() {
    for a in [
        TherapyApproach::Cbt,
        TherapyApproach::BehaviouralActivation,
        TherapyApproach::ProblemSolving,
    ] {
        row_test(
            Missing::TooUnstructured,
            Profile {
                approaches: vec![a],
                ..base()
            },
            Profile {
                approaches: vec![TherapyApproach::Psychodynamic],
                ..base()
            },
            req(),
        );
    }
    let m = one(
        &base(),
        &Request {
            missing: vec![Missing::TooUnstructured],
            ..req()
        },
    )
    .unwrap();
    assert!(
        m.reasons[0].starts_with("Offers cognitive behavioural therapy (CBT): a structured way")
    );
}

#[test]
fn row_did_not_address_my_past_favours_psychodynamic_and_cbasp() {
    for a in [TherapyApproach::Psychodynamic, TherapyApproach::Cbasp] {
        row_test(
            Missing::DidNotAddressMyPast,
            Profile {
                approaches: vec![a],
                ..base()
            },
            base(),
            req(),
        );
    }
}

#[test]
fn row_did_not_feel_heard_favours_counselling_emotion_focused_ipt_and_meeting_a_few() {
    for a in [
        TherapyApproach::Counselling,
        TherapyApproach::EmotionFocused,
        TherapyApproach::Interpersonal,
    ] {
        row_test(
            Missing::DidNotFeelHeard,
            Profile {
                approaches: vec![a],
                ..base()
            },
            base(),
            req(),
        );
    }
    assert!(
        table::row(Missing::DidNotFeelHeard)
            .reason
            .contains("meeting two or three")
    );
}

#[test]
fn row_too_expensive_favours_sliding_scale_or_insurance() {
    let dear = Profile {
        fee: Some(200),
        ..base()
    };
    row_test(
        Missing::TooExpensive,
        Profile {
            sliding_scale: Some(true),
            ..dear.clone()
        },
        dear.clone(),
        req(),
    );
    row_test(
        Missing::TooExpensive,
        Profile {
            insurance: InsuranceList(vec!["Cigna".into()]),
            ..dear.clone()
        },
        dear.clone(),
        Request {
            insurance: Some("Cigna".into()),
            ..req()
        },
    );
}

#[test]
fn row_could_not_attend_favours_online_or_phone() {
    let in_person = Profile {
        modes: vec![Mode::InPerson],
        location: Some("x".into()),
        ..base()
    };
    row_test(Missing::CouldNotAttend, base(), in_person.clone(), req());
    row_test(
        Missing::CouldNotAttend,
        Profile {
            modes: vec![Mode::Phone],
            ..base()
        },
        in_person,
        req(),
    );
}

#[test]
fn row_no_progress_favours_expertise_a_different_approach_or_a_prescriber() {
    let plain = base();
    row_test(
        Missing::NoProgress,
        Profile {
            specialties: vec![Specialty::TreatmentResistantDepression],
            ..base()
        },
        plain.clone(),
        req(),
    );
    row_test(
        Missing::NoProgress,
        Profile {
            credentials: vec![Credential::Np],
            ..base()
        },
        plain.clone(),
        req(),
    );
    row_test(
        Missing::NoProgress,
        Profile {
            approaches: vec![TherapyApproach::Interpersonal],
            ..base()
        },
        plain,
        Request {
            earlier_approaches: vec![TherapyApproach::Cbt],
            ..req()
        },
    );
    // No progress alone also favours treatment-resistant expertise (item 3).
    assert!(
        Request {
            missing: vec![Missing::NoProgress],
            ..req()
        }
        .favours_treatment_resistant()
    );
}

// ---- ranking ----

#[test]
fn ranking_is_by_score_then_position() {
    let grief = Profile {
        specialties: vec![Specialty::Grief],
        ..base()
    };
    let ps = vec![base(), grief.clone(), base(), grief];
    let r = Request {
        help_with: Some(HelpWith::Grief),
        ..req()
    };
    let order: Vec<usize> = Directory::build(&ps)
        .top(&r, 10)
        .iter()
        .map(|m| m.index)
        .collect();
    assert_eq!(order, vec![1, 3, 0, 2]);
    assert_eq!(
        rank(&ps, &r, 10)
            .iter()
            .map(|m| m.index)
            .collect::<Vec<_>>(),
        order
    );
    assert_eq!(Directory::build(&ps).top(&r, 1)[0].index, 1);
    let without_1: Vec<usize> = Directory::build(&ps)
        .top_where(&r, 10, |i| i != 1)
        .iter()
        .map(|m| m.index)
        .collect();
    assert_eq!(without_1, vec![3, 0, 2]);
}

// ---- widening ----

#[test]
fn nothing_matches_widens_one_step_at_a_time_and_points_to_resources() {
    let r = Request {
        mode: Some(Mode::InPerson),
        max_fee: Some(50),
        language: Language::parse("es"),
        jurisdiction: Jurisdiction::parse("US-NY"),
        therapist_gender: Some(Gender::Man),
        ..req()
    };
    let d = Directory::build(&[base()]);
    let out = d.find(&r, 10, |_| true);
    assert!(out.results.is_empty());
    let kinds: Vec<StepKind> = out.widen.iter().map(|s| s.step).collect();
    assert_eq!(
        kinds,
        vec![
            StepKind::Mode,
            StepKind::Budget,
            StepKind::Language,
            StepKind::Jurisdiction
        ]
    );
    assert_eq!(
        out.widen[0].request,
        Request {
            mode: None,
            ..r.clone()
        }
    );
    assert!(out.widen[3].message().contains("Licence rules"));
    assert_eq!(out.resources.len(), 4);
    assert_eq!(out.resources[0].phone, Some("1-800-662-4357"));
    assert!(
        out.resources
            .iter()
            .any(|x| x.href.contains("findtreatment.gov"))
    );
    // Dropping every step in turn finds the one clinician.
    let mut cur = r;
    for _ in 0..4 {
        cur = widen(&cur)[0].request.clone();
    }
    assert_eq!(d.find(&cur, 10, |_| true).results.len(), 1);
    assert!(widen(&cur).is_empty());
}

// ---- properties ----

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_result_ever_violates_a_hard_filter(seed in any::<u64>(), n in 0usize..120) {
        let ps = generate::profiles(seed, n);
        let mut rng = Rng::new(seed ^ 0xA5A5);
        let d = Directory::build(&ps);
        for _ in 0..8 {
            let r = generate::request(&mut rng);
            for m in d.top(&r, 20) {
                let p = &ps[m.index];
                prop_assert!(p.accepting_new_clients);
                if let Some(j) = &r.jurisdiction { prop_assert!(p.practises_in(j)); }
                if let Some(md) = r.mode { prop_assert!(p.modes.contains(&md)); }
                if let Some(l) = &r.language { prop_assert!(p.speaks(l)); }
                if let Some(max) = r.max_fee {
                    prop_assert!(
                        p.fee.is_none_or(|f| f <= max)
                            || p.sliding_scale == Some(true)
                            || r.insurance.as_deref().is_some_and(|i| p.insurance.accepts(i))
                    );
                }
                prop_assert!(m.score <= 100);
                for why in &m.reasons {
                    prop_assert!(!why.code().is_empty() && !why.to_string().is_empty());
                }
                for why in &m.concerns {
                    prop_assert!(!why.code().is_empty() && !why.to_string().is_empty());
                }
            }
        }
    }

    #[test]
    fn the_compact_directory_agrees_with_the_reference(seed in any::<u64>(), n in 0usize..150, k in 1usize..30) {
        let ps = generate::profiles(seed, n);
        let mut rng = Rng::new(seed.rotate_left(7));
        let d = Directory::build(&ps);
        for _ in 0..8 {
            let r = generate::request(&mut rng);
            prop_assert_eq!(d.top(&r, k), rank(&ps, &r, k));
            let passing = ps.iter().filter(|p| passes(p, &r)).count();
            prop_assert_eq!(rank(&ps, &r, usize::MAX).len(), passing);
        }
    }
}
