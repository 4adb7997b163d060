//! The official Spanish versions, as overlays of the English definitions: only the words
//! change; numbers, values, codes and bands are the English definition's own, so an answer is
//! stored the same whatever language it was given in (issue 21; sources in
//! docs/CLINICAL-CHOICES.md).
//!
//! - PHQ-9, PHQ-2 (its items 1–2) and GAD-7: the Pfizer PHQ Screeners, "Spanish for the USA"
//!   (free to use, no permission required).
//! - WHO-5: the official Spanish version from the WHO-5 site (Mental Health Centre North
//!   Zealand, Psychiatric Research Unit), free to use.

use super::definition::{AnswerOption, Definition, Item};
use super::{gad7, phq2, phq9, who5};

/// Item `i` (0-based) of `items`, in other words and with other answer labels.
const fn item(
    items: &[Item],
    i: usize,
    text: &'static str,
    options: &'static [AnswerOption],
) -> Item {
    Item {
        text,
        options,
        ..items[i]
    }
}

const fn label(options: &[AnswerOption], i: usize, label: &'static str) -> AnswerOption {
    AnswerOption {
        label,
        ..options[i]
    }
}

const FREQUENCY: &[AnswerOption] = &[
    label(super::definition::FREQUENCY, 0, "Ningún día"),
    label(super::definition::FREQUENCY, 1, "Varios días"),
    label(
        super::definition::FREQUENCY,
        2,
        "Más de la mitad de los días",
    ),
    label(super::definition::FREQUENCY, 3, "Casi todos los días"),
];

const PHQ9_ITEMS: &[Item] = &[
    item(
        phq9::ITEMS,
        0,
        "Poco interés o placer en hacer cosas",
        FREQUENCY,
    ),
    item(
        phq9::ITEMS,
        1,
        "Se ha sentido decaído(a), deprimido(a) o sin esperanzas",
        FREQUENCY,
    ),
    item(
        phq9::ITEMS,
        2,
        "Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado",
        FREQUENCY,
    ),
    item(
        phq9::ITEMS,
        3,
        "Se ha sentido cansado(a) o con poca energía",
        FREQUENCY,
    ),
    item(
        phq9::ITEMS,
        4,
        "Sin apetito o ha comido en exceso",
        FREQUENCY,
    ),
    item(
        phq9::ITEMS,
        5,
        "Se ha sentido mal con usted mismo(a) — o que es un fracaso o que ha quedado mal con usted mismo(a) o con su familia",
        FREQUENCY,
    ),
    item(
        phq9::ITEMS,
        6,
        "Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico o ver la televisión",
        FREQUENCY,
    ),
    item(
        phq9::ITEMS,
        7,
        "¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? o lo contrario — muy inquieto(a) o agitado(a) que ha estado moviéndose mucho más de lo normal",
        FREQUENCY,
    ),
    item(
        phq9::ITEMS,
        8,
        "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera",
        FREQUENCY,
    ),
];

const DIFFICULTY_OPTIONS: &[AnswerOption] = &[
    label(phq9::DIFFICULTY.options, 0, "No ha sido difícil"),
    label(phq9::DIFFICULTY.options, 1, "Un poco difícil"),
    label(phq9::DIFFICULTY.options, 2, "Muy difícil"),
    label(phq9::DIFFICULTY.options, 3, "Extremadamente difícil"),
];

/// PHQ-9 item 10, in Spanish.
pub const PHQ9_DIFFICULTY: Item = Item {
    text: "Si marcó cualquiera de los problemas, ¿qué tanta dificultad le han dado estos problemas para hacer su trabajo, encargarse de las tareas del hogar, o llevarse bien con otras personas?",
    options: DIFFICULTY_OPTIONS,
    ..phq9::DIFFICULTY
};

const PHQ_STEM: &str = "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los siguientes problemas?";

pub(super) const PHQ9: Definition = Definition {
    title: "Cuestionario sobre la salud del paciente (PHQ-9)",
    stem: PHQ_STEM,
    items: PHQ9_ITEMS,
    unscored_items: &[PHQ9_DIFFICULTY],
    ..phq9::DEFINITION
};

pub(super) const PHQ2: Definition = Definition {
    title: "Cuestionario sobre la salud del paciente (PHQ-2)",
    stem: PHQ_STEM,
    items: PHQ9_ITEMS.split_at(2).0,
    ..phq2::DEFINITION
};

const GAD7_OPTIONS: &[AnswerOption] = &[
    label(super::definition::FREQUENCY, 0, "Nunca"),
    label(super::definition::FREQUENCY, 1, "Varios días"),
    label(
        super::definition::FREQUENCY,
        2,
        "Más de la mitad de los días",
    ),
    label(super::definition::FREQUENCY, 3, "Casi todos los días"),
];

pub(super) const GAD7: Definition = Definition {
    title: "Escala del trastorno de ansiedad generalizada (GAD-7)",
    stem: "Durante las últimas 2 semanas, ¿con qué frecuencia le han molestado los siguientes problemas?",
    items: &[
        item(
            gad7::DEFINITION.items,
            0,
            "Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta",
            GAD7_OPTIONS,
        ),
        item(
            gad7::DEFINITION.items,
            1,
            "No ha sido capaz de parar o controlar su preocupación",
            GAD7_OPTIONS,
        ),
        item(
            gad7::DEFINITION.items,
            2,
            "Se ha preocupado demasiado por motivos diferentes",
            GAD7_OPTIONS,
        ),
        item(
            gad7::DEFINITION.items,
            3,
            "Ha tenido dificultad para relajarse",
            GAD7_OPTIONS,
        ),
        item(
            gad7::DEFINITION.items,
            4,
            "Se ha sentido tan intranquilo(a) que no podía estarse quieto(a)",
            GAD7_OPTIONS,
        ),
        item(
            gad7::DEFINITION.items,
            5,
            "Se ha molestado o irritado fácilmente",
            GAD7_OPTIONS,
        ),
        item(
            gad7::DEFINITION.items,
            6,
            "Ha tenido miedo de que algo terrible fuera a pasar",
            GAD7_OPTIONS,
        ),
    ],
    ..gad7::DEFINITION
};

const WHO5_OPTIONS: &[AnswerOption] = &[
    label(who5::OPTIONS, 0, "Todo el tiempo"),
    label(who5::OPTIONS, 1, "La mayor parte del tiempo"),
    label(who5::OPTIONS, 2, "Más de la mitad del tiempo"),
    label(who5::OPTIONS, 3, "Menos de la mitad del tiempo"),
    label(who5::OPTIONS, 4, "De vez en cuando"),
    label(who5::OPTIONS, 5, "Nunca"),
];

pub(super) const WHO5: Definition = Definition {
    title: "Índice de Bienestar General (WHO-5)",
    stem: "Durante las últimas dos semanas:",
    items: &[
        item(
            who5::DEFINITION.items,
            0,
            "Me he sentido alegre y de buen humor",
            WHO5_OPTIONS,
        ),
        item(
            who5::DEFINITION.items,
            1,
            "Me he sentido tranquilo y relajado",
            WHO5_OPTIONS,
        ),
        item(
            who5::DEFINITION.items,
            2,
            "Me he sentido activo y enérgico",
            WHO5_OPTIONS,
        ),
        item(
            who5::DEFINITION.items,
            3,
            "Me he despertado fresco y descansado",
            WHO5_OPTIONS,
        ),
        item(
            who5::DEFINITION.items,
            4,
            "Mi vida cotidiana ha estado llena de cosas que me interesan",
            WHO5_OPTIONS,
        ),
    ],
    ..who5::DEFINITION
};

#[cfg(test)]
mod tests {
    use super::super::instrument::Instrument;
    use crate::language::Language;

    /// Everything but the words is the English definition's: a series is one series whatever
    /// language it was answered in.
    #[test]
    fn only_the_words_differ() {
        for i in Instrument::ALL {
            let (en, es) = (i.definition(), i.definition_in(Language::Es));
            assert_eq!(es.instrument, en.instrument);
            assert_eq!(es.panel_codes, en.panel_codes);
            assert_eq!(es.total_codes, en.total_codes);
            assert_eq!(es.max_total, en.max_total);
            assert_eq!(es.bands, en.bands);
            assert_eq!(es.caseness_at, en.caseness_at);
            let pairs = |a: &[super::Item], b: &[super::Item]| {
                assert_eq!(a.len(), b.len(), "{i:?}");
                for (x, y) in a.iter().zip(b) {
                    assert_eq!((x.number, x.code), (y.number, y.code), "{i:?}");
                    let values = |it: &super::Item| {
                        it.options
                            .iter()
                            .map(|o| (o.value, o.code))
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(values(x), values(y), "{i:?} item {}", x.number);
                    if i.translated(Language::Es) {
                        assert_ne!(x.text, y.text, "{i:?} item {} is not translated", x.number);
                        for (o, p) in x.options.iter().zip(y.options) {
                            assert_ne!(o.label, p.label, "{i:?} answer {}", o.value);
                        }
                    }
                }
            };
            pairs(en.items, es.items);
            pairs(en.unscored_items, es.unscored_items);
            if i.translated(Language::Es) {
                assert_ne!(en.stem, es.stem);
                assert_ne!(en.title, es.title);
            }
        }
    }

    #[test]
    fn english_is_the_english_definition() {
        for i in Instrument::ALL {
            assert_eq!(i.definition_in(Language::En), i.definition());
        }
        assert!(!Instrument::Fibser.translated(Language::Es));
        assert!(Instrument::Phq9.translated(Language::Es));
    }
}
