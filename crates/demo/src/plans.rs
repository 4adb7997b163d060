//! What the demo clients wrote in their intakes, the treatment plans their therapists wrote
//! with them (and changed as the year went on), and the relapse-prevention plans for staying
//! well. The replay ([`super::history`]) saves each through the real use-cases at its moment.
//!
//! Everything here is made up: the people, the doctors, the places, the numbers (555-01xx).
//! Months are never named (the demo is seeded on any day of the year); times are relative.

use rapport_core::intake::{Adherence, Intake, LifeEvent, Medicine};
use rapport_core::plans::approach::EarlierTherapy;

use super::clients::{Profile, Story};

/// Whether the client has had therapy before, and what it was like.
#[derive(Debug, Clone, Copy)]
pub(super) enum Therapy {
    /// Not answered yet (a draft).
    Unanswered,
    Never,
    Before {
        kinds: &'static [EarlierTherapy],
        length: &'static str,
        helped: &'static str,
        not_helped: &'static str,
        missing: &'static str,
    },
}

/// One client's intake, in their words.
#[derive(Debug, Clone, Copy)]
pub(super) struct IntakeText {
    pub name: &'static str,
    /// Sent to the therapist (false: a draft, half written).
    pub send: bool,
    pub reason: &'static str,
    pub events: &'static [LifeEvent],
    pub events_note: &'static str,
    pub therapy: Therapy,
    pub wants: &'static str,
    /// (name, dose, prescriber)
    pub medicines: &'static [(&'static str, &'static str, &'static str)],
    pub adherence: Option<Adherence>,
    pub sleep: &'static str,
    pub supports: &'static str,
}

impl IntakeText {
    pub(super) fn intake(&self) -> Intake {
        let mut intake = Intake {
            reason: self.reason.into(),
            life_events: self.events.to_vec(),
            life_events_note: self.events_note.into(),
            wants: self.wants.into(),
            medicines: self
                .medicines
                .iter()
                .map(|(name, dose, prescriber)| Medicine {
                    name: (*name).into(),
                    dose: (*dose).into(),
                    prescriber: (*prescriber).into(),
                })
                .collect(),
            adherence: self.adherence,
            sleep: self.sleep.into(),
            supports: self.supports.into(),
            ..Intake::default()
        };
        match self.therapy {
            Therapy::Unanswered => {}
            Therapy::Never => intake.had_therapy = Some(false),
            Therapy::Before {
                kinds,
                length,
                helped,
                not_helped,
                missing,
            } => {
                intake.had_therapy = Some(true);
                intake.earlier_kinds = kinds.to_vec();
                intake.earlier_length = length.into();
                intake.earlier_helped = helped.into();
                intake.earlier_not_helped = not_helped.into();
                intake.earlier_missing = missing.into();
            }
        }
        intake
    }
}

const NATARAJAN: &str = "Dr. Priya Natarajan";

/// The intakes, one for each of [`super::clients::PROFILES`], in their order. Only the clients who see the
/// psychiatrist list medicine (the others' check-ins say "not prescribed").
pub(super) const INTAKES: [IntakeText; 20] = [
    IntakeText {
        name: "Alex Morgan",
        send: true,
        reason: "Since I was laid off I've stopped doing most things. I stay in bed until late, I skip meals, and I can't see the point of looking for work. My doctor said therapy could help alongside the tablets.",
        events: &[LifeEvent::JobLoss],
        events_note: "I worked in the office of a food distributor for nine years. They closed our site a few months ago and most of us were let go.",
        therapy: Therapy::Never,
        wants: "To get a routine back and feel like myself again. Maybe to start looking for work without dreading it.",
        medicines: &[(
            "Sertraline",
            "50 mg every morning",
            "Dr. Hollis (family doctor)",
        )],
        adherence: Some(Adherence::AsPrescribed),
        sleep: "I fall asleep late, around 2, and then sleep until 11 or later. I still feel tired.",
        supports: "My sister Jo calls most days. My friend Dev from work checks in. I don't want to worry my parents.",
    },
    IntakeText {
        name: "Sam Patel",
        send: true,
        reason: "Things at home have been tense since my dad moved in with us after his fall. I snap at my wife and the kids, then I feel guilty and go quiet. I've been low for most of the year.",
        events: &[LifeEvent::Other],
        events_note: "Dad had a bad fall and can't live on his own any more. He moved into our spare room a few months ago.",
        therapy: Therapy::Never,
        wants: "For us to talk at home without it turning into an argument. I'd like my wife to come to some sessions, and maybe Dad too.",
        medicines: &[],
        adherence: None,
        sleep: "I wake at 4 or 5 and can't get back to sleep.",
        supports: "My wife Anjali, though we're both stretched. My brother Raj lives out of state and we talk on Sundays.",
    },
    IntakeText {
        name: "Jordan Lee",
        send: true,
        reason: "I've felt flat and heavy for months and it hasn't lifted. Nothing big happened, which makes it harder to explain. I'm getting through work but nothing else.",
        events: &[LifeEvent::Other],
        events_note: "Nothing big. Work has been busy for two years and I stopped doing the things I used to enjoy, one by one.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Counselling],
            length: "Six sessions, three years ago, through the helpline at work",
            helped: "Having an hour to say things out loud. The counsellor was kind.",
            not_helped: "It ended just as I was starting to open up. We talked a lot, but I didn't come away with anything to do differently.",
            missing: "Something practical to try between sessions, and more time.",
        },
        wants: "Practical tools. I want to understand why I keep getting stuck and what to do about it.",
        medicines: &[],
        adherence: None,
        sleep: "Nine or ten hours at weekends and still tired.",
        supports: "My partner Chris. A couple of old friends I've been avoiding.",
    },
    IntakeText {
        name: "Riley Chen",
        send: true,
        reason: "My mum died earlier this year after a short illness. I went back to work after two weeks and I've been going through the motions since. I cry in the car and I can't face sorting out her things.",
        events: &[LifeEvent::Bereavement],
        events_note: "Mum was ill for three months. I was her main carer at the end.",
        therapy: Therapy::Never,
        wants: "To be able to talk about her without falling apart, and to stop feeling guilty that I wasn't there enough.",
        medicines: &[("Sertraline", "50 mg in the morning", NATARAJAN)],
        adherence: Some(Adherence::AsPrescribed),
        sleep: "I get to sleep fine but wake at 3 and think about the hospital.",
        supports: "My partner Jess, and my aunt May, who was close to Mum.",
    },
    IntakeText {
        name: "Casey Novak",
        send: true,
        reason: "My marriage ended and I moved into a small flat on my own. I sleep a lot but I'm always tired, I've stopped opening my post, and I feel like a burden to everyone.",
        events: &[LifeEvent::Separation],
        events_note: "We separated after eleven years. It was mutual, mostly, but I didn't expect it to hit me this hard.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Counselling],
            length: "About ten sessions at university, years ago",
            helped: "Writing things down. The counsellor got me journaling and I still do it sometimes.",
            not_helped: "It stopped when term ended and I never went back, even when things got bad again.",
            missing: "A plan for what to do if it comes back.",
        },
        wants: "To get back on my feet, and to know what to do if I slip again.",
        medicines: &[],
        adherence: None,
        sleep: "Eleven hours some nights and I still wake up exhausted.",
        supports: "My friend Ana, my mum, and the choir I sing with on Tuesdays.",
    },
    IntakeText {
        name: "Taylor Brooks",
        send: true,
        reason: "Since my separation I've been struggling to keep going. Every handover of the kids ends in an argument with my ex, and afterwards I can't do anything for days. I've been cancelling on friends for months.",
        events: &[LifeEvent::Separation],
        events_note: "We separated last year. We share the children, a week each, and we can't agree on much.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Family],
            length: "Couples therapy for about five months, before we split",
            helped: "We learned to let each other finish a sentence.",
            not_helped: "By then we were really there to end things, not to fix them. It was about us as a couple, not about me.",
            missing: "Help for me on my own.",
        },
        wants: "To stop every conversation with my ex turning into a fight, for the kids' sake. And to feel like seeing people again.",
        medicines: &[],
        adherence: None,
        sleep: "Bad on the weeks the kids are away. I lie awake going over arguments.",
        supports: "My friends Kim and Olu, when I let them. My dad.",
    },
    IntakeText {
        name: "Jamie Ortiz",
        send: true,
        reason: "I was diagnosed with rheumatoid arthritis last year. The pain and the tiredness have taken a lot from me, and I've been low and irritable on top of it. I don't feel like the person I was.",
        events: &[LifeEvent::SeriousIllness],
        events_note: "The treatment is helping my joints, but some days are still hard and I've had to cut my hours.",
        therapy: Therapy::Never,
        wants: "To find a way to live with this without it taking over, and to stop thinking I'm useless on bad days.",
        medicines: &[
            ("Escitalopram", "10 mg in the morning", NATARAJAN),
            (
                "Methotrexate",
                "15 mg once a week",
                "Dr. Feld (rheumatologist)",
            ),
        ],
        adherence: Some(Adherence::AsPrescribed),
        sleep: "Pain wakes me once or twice most nights.",
        supports: "My husband Luis. My sister Carmen, who has the same condition.",
    },
    IntakeText {
        name: "Morgan Ellis",
        send: true,
        reason: "I lost my job when the company I worked for closed, and I haven't found anything since. I lie awake at night, I've started cancelling plans, and I feel useless.",
        events: &[LifeEvent::JobLoss],
        events_note: "I was a project coordinator at a small design firm for six years. It closed with two weeks' notice.",
        therapy: Therapy::Never,
        wants: "To work out what comes next, and to feel less useless while I look for work.",
        medicines: &[],
        adherence: None,
        sleep: "I wake around 3 and can't switch off.",
        supports: "My brother Sam, and my neighbour Ruth. The climbing group on Thursdays, when I go.",
    },
    IntakeText {
        name: "Avery Kim",
        send: true,
        reason: "I left nursing to retrain as a primary school teacher. I thought it would be a fresh start, but I feel out of my depth, I've lost my confidence, and I've been low for months. I've stopped going to the gym and I hardly see friends.",
        events: &[LifeEvent::CareerChange],
        events_note: "Eight years as a nurse, then a year of training. This is my first year in a classroom.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Cbt],
            length: "Eight sessions of online CBT, two years ago",
            helped: "Thought records. Noticing when I'm expecting the worst.",
            not_helped: "It was mostly worksheets, and I stopped doing them when things got busy.",
            missing: "A real person to keep me going with it.",
        },
        wants: "To get my energy back and enjoy things again. To stop dreading Monday mornings.",
        medicines: &[],
        adherence: None,
        sleep: "I sleep, but I wake up dreading the day.",
        supports: "My housemate Beth. My parents, on the phone.",
    },
    IntakeText {
        name: "Quinn Harper",
        send: true,
        reason: "I've had depression on and off since my twenties, and this is the worst it has been. Since my back surgery I'm in pain most days, I had to give up my job, and I hardly leave the flat. Dr. Natarajan suggested therapy here alongside my medication.",
        events: &[LifeEvent::SeriousIllness, LifeEvent::JobLoss],
        events_note: "Back surgery last year. The pain stayed, I couldn't keep up at work, and I left a few months ago.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Cbt, EarlierTherapy::Psychodynamic],
            length: "CBT for about four months, five years ago; psychodynamic therapy for a year in my twenties",
            helped: "The psychodynamic therapist helped me see where some of this comes from. CBT helped for a while with the worst thoughts.",
            not_helped: "When I'm this low I can't do the homework, and then I feel I've failed at therapy too.",
            missing: "Someone who understands that some weeks, getting there is all I can do.",
        },
        wants: "To feel less alone with it. To have one or two people I can really talk to.",
        medicines: &[
            ("Escitalopram", "20 mg daily", NATARAJAN),
            ("Mirtazapine", "15 mg at night", NATARAJAN),
        ],
        adherence: Some(Adherence::AsPrescribed),
        sleep: "Broken. The pain wakes me, and then my thoughts keep me up.",
        supports: "My mum, who calls every day. I've lost touch with most friends.",
    },
    IntakeText {
        name: "Rowan Fischer",
        send: true,
        reason: "Our daughter was born this year. I love her, but since she came I've felt flat and cut off, and guilty for not being happier. I'm irritable with my partner and I've stopped doing anything for myself.",
        events: &[LifeEvent::Other],
        events_note: "Becoming a parent. I went back to work after four weeks and we're both exhausted.",
        therapy: Therapy::Never,
        wants: "To enjoy being a dad, and to have a bit of energy left at the end of the day.",
        medicines: &[],
        adherence: None,
        sleep: "Up twice a night with the baby. On my nights off I still can't sleep.",
        supports: "My partner Mia. My parents help with the baby on Saturdays. Tom from work, who has two kids.",
    },
    IntakeText {
        name: "Skyler Adams",
        send: true,
        reason: "My sister and I fell out badly over our mum's care, and we haven't spoken for months. I keep replaying the arguments. I've stopped answering messages, and some days I don't get dressed.",
        events: &[LifeEvent::Other],
        events_note: "Mum has dementia and moved into a care home this year. My sister and I disagreed about almost everything along the way.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::NotSure],
            length: "A few months with a school counsellor when I was 15",
            helped: "Having an adult who listened.",
            not_helped: "I was a teenager and didn't really want to be there.",
            missing: "",
        },
        wants: "To stop going round in circles about my sister. Maybe to find a way to talk to her again.",
        medicines: &[],
        adherence: None,
        sleep: "All over the place. Some nights I'm up until 4, then I sleep through the morning.",
        supports: "My cousin Lee. I visit Mum on Sundays.",
    },
    IntakeText {
        name: "Elena García",
        send: true,
        reason: "My husband Tomás died a year and a half ago. I thought I was coping, but in the last few months I stopped going out. I've given up my morning walk, I sleep in the afternoons, and the days feel empty.",
        events: &[LifeEvent::Bereavement],
        events_note: "Tomás died suddenly, of a heart attack, after 38 years together.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Group],
            length: "An eight-week bereavement group at the hospice last year",
            helped: "Meeting people who understood. I still have coffee with two of them.",
            not_helped: "It was about grief, and I think now it is more than grief.",
            missing: "Help getting up and doing things again, one at a time.",
        },
        wants: "A reason to get up in the morning. To go back to my walks and see my grandchildren more.",
        medicines: &[("Sertraline", "100 mg in the morning", NATARAJAN)],
        adherence: Some(Adherence::AsPrescribed),
        sleep: "Long naps in the afternoon, then awake half the night.",
        supports: "My daughter Lucía, who lives nearby. Rosa and Inés from the bereavement group.",
    },
    IntakeText {
        name: "Noah Williams",
        send: true,
        reason: "I left the army last year after twelve years and started a civilian job in logistics. I thought I'd be relieved, but I feel lost. I don't know where I fit, I've stopped seeing people, and I'm low most days.",
        events: &[LifeEvent::CareerChange],
        events_note: "Twelve years in the army, then out. The new job is fine on paper but it means nothing to me.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Counselling],
            length: "Four sessions with a welfare counsellor before I left",
            helped: "It got me to admit I wasn't fine.",
            not_helped: "Four sessions weren't enough, and I didn't really say what was going on.",
            missing: "Time, and someone outside the forces.",
        },
        wants: "To find my feet in civilian life and stop feeling like I'm pretending.",
        medicines: &[],
        adherence: None,
        sleep: "I wake at 5 out of habit and then lie there.",
        supports: "My wife Dana. An old friend from my unit who left two years before me.",
    },
    IntakeText {
        name: "Fatima Hassan",
        send: true,
        reason: "My mother had a stroke and I've been looking after her while working full time. I'm exhausted, I cry at small things, and I feel I'm failing at everything: work, Mum, my own family.",
        events: &[LifeEvent::SeriousIllness],
        events_note: "Mum's stroke was six months ago. She lives with us now and needs help with most things.",
        therapy: Therapy::Never,
        wants: "To stop feeling guilty all the time, and to find some time for myself without feeling selfish.",
        medicines: &[],
        adherence: None,
        sleep: "I'm up in the night when Mum calls, and then my mind starts going.",
        supports: "My husband Karim. My brother Yusuf helps at weekends. There is a carers' group I've been meaning to try.",
    },
    IntakeText {
        name: "Liam O'Connor",
        send: true,
        reason: "I had a heart attack last year at 52. Physically I've recovered well, but I've lost my confidence. I'm scared to exert myself, I've stopped playing football with my mates, and I feel old and low.",
        events: &[LifeEvent::SeriousIllness],
        events_note: "Two stents, then cardiac rehab, which finished a few months ago.",
        therapy: Therapy::Never,
        wants: "To get my life back instead of living like a patient.",
        medicines: &[
            (
                "Bupropion",
                "150 mg every morning",
                "Dr. Brennan (family doctor)",
            ),
            ("Atorvastatin", "40 mg at night", "My cardiologist"),
        ],
        adherence: Some(Adherence::Mostly),
        sleep: "OK most nights. I wake early and worry about my heart.",
        supports: "My wife Siobhan. My son, who's at college nearby.",
    },
    IntakeText {
        name: "Grace Mensah",
        send: true,
        reason: "I went back to work this year after three years at home with the children. I'm managing, just, but I feel low and on edge, I'm always behind, and I criticise myself all the time.",
        events: &[LifeEvent::CareerChange],
        events_note: "Back to accounting, part time, at a new firm with new software and colleagues half my age.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Cbt],
            length: "Twelve sessions of CBT after my first child was born",
            helped: "Catching my thoughts and writing them down. It worked then.",
            not_helped: "I stopped practising once I felt better, and the old habits crept back.",
            missing: "Something to keep it going once the sessions ended.",
        },
        wants: "To be kinder to myself, and to have the tools fresh again.",
        medicines: &[],
        adherence: None,
        sleep: "Fine once I'm asleep, but it takes an hour of going over the day.",
        supports: "My husband Kwame. My mother-in-law, who picks the kids up two days a week. A friend at church.",
    },
    IntakeText {
        name: "Hiro Tanaka",
        send: true,
        reason: "I retired this year after 34 years as an engineer. I had looked forward to it, but without work I feel I have no purpose. My wife says I have gone quiet, and she is right.",
        events: &[LifeEvent::CareerChange],
        events_note: "Retirement. My days have no shape now.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Psychodynamic],
            length: "About two years, once a week, in my thirties",
            helped: "I understood my father better, and why I work so hard.",
            not_helped: "It was slow, and it did not help with what to do day to day.",
            missing: "Something more practical, about now rather than then.",
        },
        wants: "To find something that matters to me again, and to stop being a weight at home.",
        medicines: &[],
        adherence: None,
        sleep: "I wake at 4 and cannot get back to sleep.",
        supports: "My wife Keiko. My daughter, who lives on the West Coast and calls on Sundays.",
    },
    IntakeText {
        name: "Isabel Costa",
        send: true,
        reason: "We moved here from Lisbon two years ago for my husband's job. I haven't found work in my field, I miss my family and friends, and over the last months I've felt more and more low and lonely.",
        events: &[LifeEvent::Other],
        events_note: "Moving country. I was an architect in Lisbon; here I'm waiting for my qualifications to be recognised.",
        therapy: Therapy::Before {
            kinds: &[EarlierTherapy::Counselling],
            length: "Some months of counselling in Portugal, after university",
            helped: "Talking in my own language, to someone outside my family.",
            not_helped: "It was a long time ago, for different problems.",
            missing: "",
        },
        wants: "To feel at home here: a routine, and people of my own, not only my husband's colleagues.",
        medicines: &[("Escitalopram", "10 mg daily", "Dr. Alvarez (family doctor)")],
        adherence: Some(Adherence::AsPrescribed),
        sleep: "I sleep too much, nine or ten hours, and I still feel heavy.",
        supports: "My husband Rui. My mother and sister, on video calls from Lisbon.",
    },
    // The newest client (a month in) has started the intake but not finished or sent it: the
    // therapist's chart shows a draft, and the client's page still asks for the rest.
    IntakeText {
        name: "Marcus Johnson",
        send: false,
        reason: "My dad died a couple of months ago. Since then I can't concentrate at work and I've pulled back from everyone. My wife suggested I talk to someone.",
        events: &[LifeEvent::Bereavement],
        events_note: "",
        therapy: Therapy::Unanswered,
        wants: "",
        medicines: &[],
        adherence: None,
        sleep: "Not great. I'll write more about this later.",
        supports: "",
    },
];

/// How the plan changed when it was rewritten.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Revision {
    /// The first plan, after the first session.
    First,
    /// Not on track after weeks of treatment: twice a week for a month, with activities.
    Intensify,
    /// Back on track: weekly again.
    BackOnTrack,
    /// Recovering: every two weeks.
    Fortnightly,
    /// Discharged to staying well: a session a month.
    StayingWell,
}

/// A client's first treatment plan, as their primary therapist wrote it.
#[derive(Debug, Clone, Copy)]
pub(super) struct PlanText {
    pub name: &'static str,
    pub approach: &'static str,
    pub ipt_focus: &'static str,
    pub format: &'static str,
    pub delivery: &'static str,
    pub sessions: i64,
    /// Beside the PHQ-9.
    pub measures: &'static [&'static str],
    pub notes: &'static str,
    /// Whether the client agreed to the first version.
    pub agreed: bool,
}

/// The first plans, one for each of [`super::clients::PROFILES`], in their order. Dr. Maya Okafor (the even
/// clients) works with CBT and behavioural activation, Daniel Reyes (the odd ones) with
/// interpersonal therapy and family work; the focus of IPT follows the intake.
pub(super) const PLANS: [PlanText; 20] = [
    PlanText {
        name: "Alex Morgan",
        approach: "behavioural_activation",
        ipt_focus: "",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &["gad7", "who5"],
        notes: "We start by tracking an ordinary week, then plan small steps: a set time to get up, three meals, one thing outside the flat each day. Job searching comes later, in small pieces. Dr. Natarajan looks after the sertraline; tell us both about any change.",
        agreed: true,
    },
    PlanText {
        name: "Sam Patel",
        approach: "family",
        ipt_focus: "",
        format: "family",
        delivery: "mixed",
        sessions: 12,
        measures: &["gad7"],
        notes: "Anjali joins every other session; your dad joins one or two once we agree it would help. We work on how the family talks about his care and the chores, and on a weekly half hour for you and Anjali to plan without the kids or Dad in the room.",
        agreed: true,
    },
    PlanText {
        name: "Jordan Lee",
        approach: "cbt",
        ipt_focus: "",
        format: "individual",
        delivery: "online",
        sessions: 16,
        measures: &["gad7", "who5"],
        notes: "Between sessions: one thought record a week and a short activity diary; we look at both at the start of each session. If the scores have not moved by week eight, we look at the plan again together.",
        agreed: true,
    },
    PlanText {
        name: "Riley Chen",
        approach: "interpersonal",
        ipt_focus: "grief",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &["who5"],
        notes: "We talk about your mum, her illness and the last months, at your pace, and about the things you have been putting off, like sorting her things. Dr. Natarajan continues the sertraline.",
        agreed: true,
    },
    PlanText {
        name: "Casey Novak",
        approach: "cbt",
        ipt_focus: "",
        format: "individual",
        delivery: "mixed",
        sessions: 16,
        measures: &["gad7"],
        notes: "We start with sleep and the shape of the day, then the 'I'm a burden' thoughts. Keep the journal going and bring it when you like. Towards the end we write a plan for staying well together.",
        agreed: true,
    },
    PlanText {
        name: "Taylor Brooks",
        approach: "interpersonal",
        ipt_focus: "role_disputes",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &["gad7", "who5"],
        notes: "The focus is the dispute with your ex about the children: what each of you expects, where it gets stuck, and what you can change on your side. Alongside, one plan with a friend every week, kept.",
        agreed: true,
    },
    PlanText {
        name: "Jamie Ortiz",
        approach: "cbt",
        ipt_focus: "",
        format: "individual",
        delivery: "online",
        sessions: 12,
        measures: &["who5"],
        notes: "Sessions are online, so a bad pain day doesn't mean a missed session. We work on pacing, and on answering the 'I'm useless' thought on bad days. Dr. Natarajan manages the escitalopram; your rheumatologist knows you are in therapy.",
        agreed: true,
    },
    PlanText {
        name: "Morgan Ellis",
        approach: "interpersonal",
        ipt_focus: "role_transitions",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &["gad7"],
        notes: "We look at what you lost with the job and what the next role could be, and build up contact with people again: Sam, Ruth, the climbing group. Job applications are part of the plan, one small step a week.",
        agreed: true,
    },
    PlanText {
        name: "Avery Kim",
        approach: "behavioural_activation",
        ipt_focus: "",
        format: "individual",
        delivery: "in_person",
        sessions: 14,
        measures: &["who5"],
        notes: "We plan back in the things that gave you energy: the gym, friends, cooking. Small and scheduled first, bigger later. We also look at Sunday evenings, when the dread is worst.",
        agreed: true,
    },
    PlanText {
        name: "Quinn Harper",
        approach: "interpersonal",
        ipt_focus: "interpersonal_deficits",
        format: "individual",
        delivery: "mixed",
        sessions: 20,
        measures: &["gad7", "who5"],
        notes: "Sessions can be by phone on high-pain days; a phone session still counts. We work on reconnecting with one or two people, starting small. Dr. Natarajan reviews your medication every month and we share what we see.",
        agreed: true,
    },
    PlanText {
        name: "Rowan Fischer",
        approach: "behavioural_activation",
        ipt_focus: "",
        format: "individual",
        delivery: "online",
        sessions: 12,
        measures: &["who5"],
        notes: "Evening sessions online, once the baby is down. Each week we plan one small thing for you and one thing with Mia that is not about the baby. We also talk about what a good-enough dad looks like.",
        agreed: true,
    },
    PlanText {
        name: "Skyler Adams",
        approach: "interpersonal",
        ipt_focus: "role_disputes",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &["gad7"],
        notes: "The focus is the falling-out with your sister: what each of you wanted for your mum, and whether and how you might talk again. Alongside, a basic daily routine: getting dressed, meals, ten minutes outside.",
        agreed: true,
    },
    PlanText {
        name: "Elena García",
        approach: "behavioural_activation",
        ipt_focus: "",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &["who5"],
        notes: "We rebuild your week one piece at a time, starting with the morning walk, and keep a short diary of what you did and how it felt. Dr. Natarajan continues the sertraline.",
        agreed: true,
    },
    PlanText {
        name: "Noah Williams",
        approach: "interpersonal",
        ipt_focus: "role_transitions",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &["gad7", "who5"],
        notes: "We look at what the army gave you (structure, purpose, your unit) and where you can find some of that now. One contact a week with someone outside work. Dana is welcome at a session if you both want.",
        agreed: true,
    },
    PlanText {
        name: "Fatima Hassan",
        approach: "cbt",
        ipt_focus: "",
        format: "individual",
        delivery: "online",
        sessions: 14,
        measures: &["gad7"],
        notes: "Online sessions, so you don't need someone to sit with your mum. We work on the guilt and the 'I'm failing' thoughts, and protect a small time for yourself each week.",
        agreed: true,
    },
    PlanText {
        name: "Liam O'Connor",
        approach: "interpersonal",
        ipt_focus: "role_transitions",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &["gad7"],
        notes: "We work on the change from 'fit and working' to life after the heart attack: what you lost, what you still have, and getting back to things like football at a pace your cardiologist agrees with. Dr. Natarajan reviews the bupropion; a phone reminder may help with doses.",
        agreed: true,
    },
    PlanText {
        name: "Grace Mensah",
        approach: "cbt",
        ipt_focus: "",
        format: "individual",
        delivery: "online",
        sessions: 12,
        measures: &["gad7"],
        notes: "We bring back the thought records you used before, with a focus on self-criticism at work. In the last sessions we plan how to keep practising once therapy ends.",
        agreed: true,
    },
    PlanText {
        name: "Hiro Tanaka",
        approach: "interpersonal",
        ipt_focus: "role_transitions",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &["who5"],
        notes: "We look at what retirement took away and what it could offer: a shape to the week, people, something that uses your skills. Keiko is welcome at a session.",
        agreed: true,
    },
    PlanText {
        name: "Isabel Costa",
        approach: "behavioural_activation",
        ipt_focus: "",
        format: "individual",
        delivery: "in_person",
        sessions: 12,
        measures: &["who5"],
        notes: "We plan a weekly routine around things that matter to you: a Portuguese-speaking group, drawing, a class, steps towards work. Dr. Natarajan manages the escitalopram.",
        agreed: true,
    },
    // Not agreed yet: like the intake, still on Marcus's list.
    PlanText {
        name: "Marcus Johnson",
        approach: "interpersonal",
        ipt_focus: "grief",
        format: "individual",
        delivery: "in_person",
        sessions: 16,
        measures: &[],
        notes: "We talk about your dad, his death and the weeks since, at your pace, and about getting back in touch with the people you have pulled back from. Finish the intake when you can; bring any questions.",
        agreed: false,
    },
];

/// Recovering clients whose therapist moved sessions to every two weeks: (name, days before
/// today, whether the client has agreed yet).
pub(super) const STEP_DOWNS: [(&str, i64, bool); 2] =
    [("Elena García", 35, true), ("Hiro Tanaka", 3, false)];

/// Clients on monthly questionnaires whose therapist has not discharged them (yet): the
/// browser journeys start from them. A clinician discharges Avery Kim to staying well
/// (`tests/browser/tests/plans.test.mjs`), and Jordan Lee writes their own first plan for
/// staying well (`journey-plans.test.mjs`). Their plans step down to every two weeks (Jordan's
/// sessions stay weekly: the browser journeys book more with Jordan, see `sessions::PLAIN`).
pub(super) const NOT_DISCHARGED: [&str; 2] = ["Avery Kim", "Jordan Lee"];

/// Whether the client is discharged to staying well when their questionnaires become monthly.
pub(super) fn discharged(p: &Profile) -> bool {
    p.monthly_from_week.is_some() && !NOT_DISCHARGED.contains(&p.name)
}

/// The plan as its therapist writes a revision: (frequency, expected sessions, notes).
pub(super) fn revised(base: &PlanText, revision: Revision) -> (&'static str, i64, String) {
    let change = match revision {
        Revision::First => return ("weekly", base.sessions, base.notes.to_string()),
        Revision::Intensify => (
            "twice_weekly",
            base.sessions + 8,
            "Changed because the scores have not moved in the first weeks: for the next month we meet twice a week and add behavioural activation, a weekly plan of small activities we check at each session. We review at the end of the month.",
        ),
        Revision::BackOnTrack => (
            "weekly",
            base.sessions + 8,
            "Changed because the scores are now falling as expected: back to one session a week. Keep the weekly activity plan going.",
        ),
        Revision::Fortnightly => (
            "fortnightly",
            base.sessions,
            "Changed because you are doing much better: we now meet every two weeks, so you can practise on your own in between. If things dip we can go back to weekly at any time.",
        ),
        Revision::StayingWell => (
            "monthly",
            6,
            "Discharged to staying well: a check-in session once a month for six months, and the PHQ-9 and GAD-7 every four weeks. Your relapse-prevention plan says when to ask for a booster session; you can ask any time.",
        ),
    };
    (
        change.0,
        change.1,
        format!("{}\n\n{}", change.2, base.notes),
    )
}

/// How long after a version is written it is due for review.
pub(super) fn review_weeks(revision: Revision) -> i64 {
    match revision {
        Revision::First => 12,
        Revision::Intensify => 4,
        Revision::BackOnTrack | Revision::Fortnightly => 8,
        Revision::StayingWell => 26,
    }
}

/// The revision that is the plan in force at the end of the client's year (its review date
/// is still to come).
pub(super) fn last_revision(p: &Profile) -> Revision {
    if discharged(p) {
        Revision::StayingWell
    } else if p.monthly_from_week.is_some() || STEP_DOWNS.iter().any(|(name, _, _)| *name == p.name)
    {
        Revision::Fortnightly
    } else if p.story == Story::SlowResponse {
        Revision::BackOnTrack
    } else {
        Revision::First
    }
}

/// A relapse-prevention plan, in the client's words.
#[derive(Debug, Clone, Copy)]
pub(super) struct RelapseText {
    pub name: &'static str,
    /// Written in a session with the therapist (saved by them) rather than by the client.
    pub with_therapist: bool,
    /// How many days before today it was written; `None`: two days after the discharge to
    /// staying well.
    pub days_ago: Option<i64>,
    /// What can set me back, what helps, who I will contact, when I ask for a booster.
    pub sections: [&'static str; 4],
}

/// Every client discharged to staying well, Casey (written in remission, before the relapse),
/// and three recovered clients still in treatment. Not Jordan Lee: see [`NOT_DISCHARGED`].
pub(super) const RELAPSE_PLANS: [RelapseText; 10] = [
    RelapseText {
        name: "Alex Morgan",
        with_therapist: false,
        days_ago: None,
        sections: [
            "Long empty days without a plan. Rejections from job applications. The anniversary of the layoff. Dark evenings in winter.",
            "Up by eight, even at weekends. Three meals, however small. Something outside the flat every day. The activity plan from therapy: I keep a blank one on the fridge.",
            "My sister Jo (555-0142). Dev (555-0168). Dr. Okafor or Dr. Natarajan through the practice (555-0100).",
            "If I'm staying in bed past ten or skipping meals most days for two weeks, or my PHQ-9 is 10 or more.",
        ],
    },
    RelapseText {
        name: "Sam Patel",
        with_therapist: false,
        days_ago: None,
        sections: [
            "Dad's health getting worse, or another fall. Money worries. Weeks when Anjali and I skip our planning time.",
            "Our half hour on Sunday evening to plan the week. Saying what I need before I snap. Walking to work. Calling Raj.",
            "Anjali. My brother Raj (555-0147). Daniel Reyes at the practice (555-0100).",
            "If the arguments at home are back most days for two weeks, or Dad's care changes and we need to talk it through as a family.",
        ],
    },
    RelapseText {
        name: "Riley Chen",
        with_therapist: false,
        days_ago: None,
        sections: [
            "Mum's birthday and the anniversary of her death. Hospitals. The holidays.",
            "Talking about her with Jess or Aunt May. Taking flowers to her grave. Keeping the sertraline going until Dr. Natarajan and I agree otherwise.",
            "Jess (555-0126). Aunt May (555-0184). The practice (555-0100).",
            "If I'm crying in the car most days again, or avoiding everything that reminds me of her, for more than two weeks. And a session before the first anniversary, just in case.",
        ],
    },
    RelapseText {
        name: "Casey Novak",
        with_therapist: true,
        days_ago: Some(76),
        sections: [
            "The anniversary of the separation. Dark evenings. Piles of post and paperwork. Long weekends alone.",
            "Bed by eleven and up by eight, even when I'm tired. Five minutes of journaling. Choir on Tuesdays. Opening the post every Saturday morning with a coffee.",
            "Ana (555-0172). Mum (555-0123). Dr. Okafor at the practice (555-0100).",
            "If I sleep more than ten hours and still wake up tired for a week, or stop opening the post, or my PHQ-9 goes up two weeks running.",
        ],
    },
    RelapseText {
        name: "Taylor Brooks",
        with_therapist: false,
        days_ago: None,
        sections: [
            "Handovers that turn into arguments. School holidays, when the plans for the kids change. The weeks without them.",
            "Sticking to the handover plan we wrote down. One plan with friends on the weeks without the kids, and not cancelling it. Running on Sunday mornings.",
            "Kim (555-0151). Olu (555-0177). My dad (555-0138). Daniel Reyes at the practice (555-0100).",
            "If I cancel on friends two weeks running, or the arguments with my ex are back at every handover.",
        ],
    },
    RelapseText {
        name: "Jamie Ortiz",
        with_therapist: false,
        days_ago: None,
        sections: [
            "Flare-ups and weeks of bad pain. Doing too much on a good day and paying for it. People telling me I look well when I don't feel it.",
            "Pacing: a plan for good days and a plan for bad days. Answering the 'I'm useless' thought instead of believing it. Swimming when my joints allow.",
            "Luis (555-0112). My sister Carmen (555-0189). Dr. Natarajan or Dr. Okafor at the practice (555-0100).",
            "If a flare-up brings the low mood back for more than two weeks, or my PHQ-9 is 10 or more.",
        ],
    },
    RelapseText {
        name: "Avery Kim",
        with_therapist: true,
        days_ago: Some(8),
        sections: [
            "The start of term. Parents' evenings and inspections. Giving up the gym when I'm busy.",
            "The gym on Tuesdays and Thursdays, booked like a lesson. A plan for Sunday evening so it isn't all dread. Seeing Beth and friends at weekends.",
            "Beth (555-0145). Mum and Dad (555-0121). Dr. Okafor at the practice (555-0100).",
            "If I've missed the gym and my friends for two weeks, or I'm dreading every morning again.",
        ],
    },
    RelapseText {
        name: "Rowan Fischer",
        with_therapist: false,
        days_ago: None,
        sections: [
            "Sleepless weeks with the baby. Work deadlines on top. Feeling that no time is mine.",
            "One thing for me each week, even just an hour. Friday evenings, Mia and me. Telling Mia early when I feel flat, not weeks later.",
            "Mia (555-0134). Tom from work (555-0158). Dr. Okafor at the practice (555-0100).",
            "If I feel flat and cut off for two weeks, or Mia notices I've gone quiet.",
        ],
    },
    RelapseText {
        name: "Elena García",
        with_therapist: false,
        days_ago: Some(35),
        sections: [
            "Tomás's birthday, our anniversary, and the day he died. Grey weeks when I stay in. Lucía being away.",
            "My morning walk every day, even a short one. Lunch with Rosa and Inés on Wednesdays. No naps after lunch: I sit in the garden instead.",
            "Lucía (555-0116). Rosa (555-0129). Inés (555-0181). Dr. Natarajan or Dr. Okafor at the practice (555-0100).",
            "If I stop my walk or sleep in the afternoons for more than a week, or before the anniversary if I feel it coming.",
        ],
    },
    RelapseText {
        name: "Fatima Hassan",
        with_therapist: true,
        days_ago: Some(10),
        sections: [
            "Mum having a bad spell or another hospital stay. Busy months at work. Weeks when I give up my own time.",
            "My Saturday morning to myself. The carers' group once a month. Asking Yusuf for help early instead of late. Answering the guilty thoughts instead of obeying them.",
            "Karim (555-0153). My brother Yusuf (555-0179). Dr. Okafor at the practice (555-0100).",
            "If I give up my own time three weeks running, or I'm crying at small things again.",
        ],
    },
];

/// The intake of a client (every client has one).
pub(super) fn intake_of(name: &str) -> Option<&'static IntakeText> {
    INTAKES.iter().find(|t| t.name == name)
}

/// The first treatment plan of a client (every client has one).
pub(super) fn plan_of(name: &str) -> Option<&'static PlanText> {
    PLANS.iter().find(|t| t.name == name)
}

/// The relapse-prevention plan of a client, if they have one.
pub(super) fn relapse_of(name: &str) -> Option<&'static RelapseText> {
    RELAPSE_PLANS.iter().find(|r| r.name == name)
}

#[cfg(test)]
mod tests {
    use rapport_core::intake::{check_complete, check_draft};
    use rapport_core::plans::{TreatmentPlanInput, check_relapse_plan, check_treatment_plan};

    use super::super::clients::{PROFILES, sees_psychiatrist};
    use super::*;

    #[test]
    fn every_client_has_an_intake_and_a_plan_in_order() {
        for (i, p) in PROFILES.iter().enumerate() {
            assert_eq!(INTAKES[i].name, p.name);
            assert_eq!(PLANS[i].name, p.name);
            // Medicine in the intake exactly when the client sees the psychiatrist (their
            // check-ins record doses).
            assert_eq!(
                !INTAKES[i].medicines.is_empty(),
                sees_psychiatrist(i),
                "{}",
                p.name
            );
        }
        for r in &RELAPSE_PLANS {
            assert!(PROFILES.iter().any(|p| p.name == r.name), "{}", r.name);
        }
        for (name, _, _) in STEP_DOWNS {
            assert!(PROFILES.iter().any(|p| p.name == name), "{name}");
        }
    }

    #[test]
    fn the_texts_pass_the_checks_of_the_use_cases() {
        for t in &INTAKES {
            let intake = t.intake().tidy();
            if t.send {
                check_complete(&intake).unwrap_or_else(|e| panic!("{}: {e:?}", t.name));
            } else {
                check_draft(&intake).unwrap();
                assert!(check_complete(&intake).is_err());
            }
        }
        for (i, base) in PLANS.iter().enumerate() {
            for revision in [
                Revision::First,
                Revision::Intensify,
                Revision::BackOnTrack,
                Revision::Fortnightly,
                Revision::StayingWell,
            ] {
                let (frequency, sessions, notes) = revised(base, revision);
                let measures: Vec<String> = base.measures.iter().map(|m| m.to_string()).collect();
                check_treatment_plan(&TreatmentPlanInput {
                    approach: base.approach,
                    ipt_focus: base.ipt_focus,
                    with_medication: !INTAKES[i].medicines.is_empty(),
                    format: base.format,
                    delivery: base.delivery,
                    frequency,
                    expected_sessions: Some(sessions),
                    target_measures: &measures,
                    notes: &notes,
                })
                .unwrap_or_else(|e| panic!("{} {revision:?}: {e:?}", base.name));
            }
        }
        for r in &RELAPSE_PLANS {
            check_relapse_plan(&r.sections.map(str::to_string)).unwrap();
            for section in r.sections {
                // Made-up numbers only.
                for (at, _) in section.match_indices("555-") {
                    assert_eq!(&section[at..at + 6], "555-01", "{}", r.name);
                }
            }
        }
    }
}
