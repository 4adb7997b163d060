//! The words for how therapy is done: approach, IPT focus, format and delivery. Each has a
//! stable word (stored, and used by the API) and a label in plain words.

string_enum!(
    /// A psychotherapy for depression (the ones Rapport supports with plans and homework).
    Approach {
        Cbt => "cbt", "Cognitive behavioural therapy (CBT)";
        BehaviouralActivation => "behavioural_activation", "Behavioural activation";
        CognitiveTherapy => "cognitive_therapy", "Cognitive therapy";
        Interpersonal => "interpersonal", "Interpersonal therapy (IPT)";
        Psychodynamic => "psychodynamic", "Psychodynamic therapy";
        Family => "family", "Family therapy";
        Group => "group", "Group therapy";
    }
);

string_enum!(
    /// Kinds of therapy a client may have had before (their intake): the approaches, and the
    /// answers people give when they do not know the name.
    EarlierTherapy {
        Cbt => "cbt", "Cognitive behavioural therapy (CBT)";
        BehaviouralActivation => "behavioural_activation", "Behavioural activation";
        Interpersonal => "interpersonal", "Interpersonal therapy (IPT)";
        Psychodynamic => "psychodynamic", "Psychodynamic therapy";
        Family => "family", "Family or couples therapy";
        Group => "group", "Group therapy";
        Counselling => "counselling", "Counselling or talking therapy";
        NotSure => "not_sure", "I am not sure what kind";
    }
);

string_enum!(
    /// The focus area of interpersonal therapy (CLINICAL.md "IPT focus").
    IptFocus {
        Grief => "grief", "Grief and loss";
        RoleDisputes => "role_disputes", "Role disputes";
        RoleTransitions => "role_transitions", "Role transitions";
        InterpersonalDeficits => "interpersonal_deficits", "Interpersonal deficits";
    }
);

string_enum!(
    /// Who is in the room.
    Format {
        Individual => "individual", "Individual";
        Family => "family", "Family";
        Group => "group", "Group";
    }
);

string_enum!(
    /// Where sessions happen.
    Delivery {
        InPerson => "in_person", "In person";
        Online => "online", "Online (video)";
        Phone => "phone", "By phone";
        Mixed => "mixed", "A mix";
    }
);

string_enum!(
    /// How often sessions happen.
    Frequency {
        Weekly => "weekly", "Every week";
        TwiceWeekly => "twice_weekly", "Twice a week";
        Fortnightly => "fortnightly", "Every two weeks";
        Monthly => "monthly", "Every month";
    }
);

impl Approach {
    /// What the approach is, in a sentence a client can read.
    pub fn plain(self) -> &'static str {
        match self {
            Approach::Cbt => {
                "We look at how thoughts, feelings and what you do affect each other, and practise new ways of thinking and acting between sessions."
            }
            Approach::BehaviouralActivation => {
                "We plan small, doable activities that bring a sense of pleasure or achievement, because doing comes before feeling better."
            }
            Approach::CognitiveTherapy => {
                "We notice the thoughts that keep low mood going, test them against the facts, and find more balanced ones."
            }
            Approach::Interpersonal => {
                "We work on one area of your relationships and roles that is tied to how you feel now."
            }
            Approach::Psychodynamic => {
                "We explore patterns from the past that shape your feelings and relationships today."
            }
            Approach::Family => {
                "People close to you join some sessions, so that the family can support each other and change what keeps things stuck."
            }
            Approach::Group => {
                "You meet with a small group of people facing similar things, led by a therapist, and learn from each other."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_parses_back_and_is_unique() {
        fn check<T: Copy + PartialEq + std::fmt::Debug>(
            all: &[T],
            word: fn(T) -> &'static str,
            parse: fn(&str) -> Option<T>,
        ) {
            let mut seen = std::collections::HashSet::new();
            for v in all {
                assert_eq!(parse(word(*v)), Some(*v));
                assert!(seen.insert(word(*v)));
            }
            assert_eq!(parse("nonsense"), None);
        }
        check(Approach::ALL, Approach::as_str, Approach::parse);
        check(
            EarlierTherapy::ALL,
            EarlierTherapy::as_str,
            EarlierTherapy::parse,
        );
        check(IptFocus::ALL, IptFocus::as_str, IptFocus::parse);
        check(Format::ALL, Format::as_str, Format::parse);
        check(Delivery::ALL, Delivery::as_str, Delivery::parse);
        check(Frequency::ALL, Frequency::as_str, Frequency::parse);
    }

    #[test]
    fn ipt_has_the_four_focus_areas_of_clinical_md() {
        let words: Vec<_> = IptFocus::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(
            words,
            [
                "grief",
                "role_disputes",
                "role_transitions",
                "interpersonal_deficits"
            ]
        );
        assert_eq!(Approach::ALL.len(), 7);
    }
}
