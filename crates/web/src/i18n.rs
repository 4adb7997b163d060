//! Translations (issue 21): Fluent messages in `locales/<language>/*.ftl`, compiled into the
//! binary. A page asks its layout (`l.t("key")`); handlers ask [`t`]. A message missing in a
//! language falls back to English, then to its key; the tests below make either a failure.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rapport_core::language::Language;

pub use rapport_core::language::Language as Lang;

/// Every FTL file of a language, by name; each language has the same names.
macro_rules! ftl {
    ($lang:literal: $($file:literal),+ $(,)?) => {
        &[$(($file, include_str!(concat!("../locales/", $lang, "/", $file)))),+]
    };
}

const EN: &[(&str, &str)] = ftl!("en":
    "common.ftl",
    "client.ftl",
    "measures.ftl",
    "family.ftl",
    "offline.ftl",
    "script.ftl",
    "clinician.ftl",
    "staff.ftl",
    "medication.ftl",
    "more.ftl",
    "chart.ftl",
    "find.ftl",
    "therapists.ftl",
);
const ES: &[(&str, &str)] = ftl!("es":
    "common.ftl",
    "client.ftl",
    "measures.ftl",
    "family.ftl",
    "offline.ftl",
    "script.ftl",
    "clinician.ftl",
    "staff.ftl",
    "medication.ftl",
    "more.ftl",
    "chart.ftl",
    "find.ftl",
    "therapists.ftl",
);

/// The FTL files of a language.
pub fn sources(lang: Language) -> &'static [(&'static str, &'static str)] {
    match lang {
        Language::En => EN,
        Language::Es => ES,
    }
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Language) -> Bundle {
    let id = lang
        .as_str()
        .parse()
        .unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: the pages are one direction, and English
    // output stays byte for byte what it was.
    b.set_use_isolating(false);
    for (name, src) in sources(lang) {
        let resource = match FluentResource::try_new((*src).to_string()) {
            Ok(r) => r,
            Err((r, errors)) => {
                tracing::error!(
                    lang = lang.as_str(),
                    file = name,
                    ?errors,
                    "FTL file does not parse"
                );
                r
            }
        };
        if let Err(errors) = b.add_resource(resource) {
            tracing::error!(
                lang = lang.as_str(),
                file = name,
                ?errors,
                "FTL message defined twice"
            );
        }
    }
    b
}

static BUNDLES: LazyLock<[Bundle; 2]> =
    LazyLock::new(|| [bundle(Language::En), bundle(Language::Es)]);

fn bundle_of(lang: Language) -> &'static Bundle {
    match lang {
        Language::En => &BUNDLES[0],
        Language::Es => &BUNDLES[1],
    }
}

/// A value for a message's variable.
pub enum Arg<'a> {
    Str(&'a str),
    Owned(String),
    Num(i64),
}

impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Owned(s)
    }
}

impl<'a> From<&&'a String> for Arg<'a> {
    fn from(s: &&'a String) -> Self {
        Arg::Str(s)
    }
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Str(s)
    }
}

impl<'a> From<&&'a str> for Arg<'a> {
    fn from(s: &&'a str) -> Self {
        Arg::Str(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Str(s)
    }
}

macro_rules! num_arg {
    ($($t:ty),+) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Num(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg<'_> {
            fn from(n: &$t) -> Self {
                Arg::Num(i64::try_from(*n).unwrap_or(i64::MAX))
            }
        }
        impl From<&&$t> for Arg<'_> {
            fn from(n: &&$t) -> Self {
                Arg::Num(i64::try_from(**n).unwrap_or(i64::MAX))
            }
        }
    )+};
}
num_arg!(u8, u16, u32, u64, usize, i16, i32, i64);

fn format(lang: Language, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let b = bundle_of(lang);
    let pattern = b.get_message(key)?.value()?;
    let mut errors = vec![];
    let s = b.format_pattern(pattern, args, &mut errors);
    if !errors.is_empty() {
        tracing::warn!(
            lang = lang.as_str(),
            key,
            ?errors,
            "FTL message did not format"
        );
    }
    Some(s.into_owned())
}

/// The message `key` in `lang`, with its variables.
pub fn t_args(lang: Language, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    let fluent_args = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Str(s) => a.set(*name, FluentValue::from(*s)),
                Arg::Owned(s) => a.set(*name, FluentValue::from(s.as_str())),
                Arg::Num(n) => a.set(*name, FluentValue::from(*n)),
            }
        }
        a
    });
    format(lang, key, fluent_args.as_ref())
        .or_else(|| format(Language::En, key, fluent_args.as_ref()))
        .unwrap_or_else(|| {
            if let Ok(mut missing) = MISSING.lock() {
                missing.insert(format!("{}: {key}", lang.as_str()));
            }
            tracing::warn!(lang = lang.as_str(), key, "no such FTL message");
            key.to_string()
        })
}

static MISSING: std::sync::Mutex<std::collections::BTreeSet<String>> =
    std::sync::Mutex::new(std::collections::BTreeSet::new());

/// The messages asked for that no language has (the page showed the key), as `lang: key`;
/// the route walk's test requires none.
pub fn missing_messages() -> Vec<String> {
    MISSING
        .lock()
        .map(|m| m.iter().cloned().collect())
        .unwrap_or_default()
}

/// The message `key` as a fragment of HTML for a page: the message is ours and written as
/// HTML (it may hold `<strong>` or an entity); each string variable is escaped the way
/// askama escapes.
pub fn t_html(
    lang: Language,
    key: &str,
    args: &[(&str, Arg<'_>)],
) -> askama::filters::Safe<String> {
    let escaped: Vec<String> = args
        .iter()
        .map(|(_, a)| match a {
            Arg::Str(s) => escape(s),
            Arg::Owned(s) => escape(s),
            Arg::Num(_) => String::new(),
        })
        .collect();
    let args: Vec<(&str, Arg<'_>)> = args
        .iter()
        .zip(&escaped)
        .map(|((name, a), e)| match a {
            Arg::Str(_) | Arg::Owned(_) => (*name, Arg::Str(e.as_str())),
            Arg::Num(n) => (*name, Arg::Num(*n)),
        })
        .collect();
    askama::filters::Safe(t_args(lang, key, &args))
}

/// What askama's HTML escaper writes.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '&' => out.push_str("&#38;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&#60;"),
            '>' => out.push_str("&#62;"),
            c => out.push(c),
        }
    }
    out
}

/// The message `key` in `lang`.
pub fn t(lang: Language, key: &str) -> String {
    t_args(lang, key, &[])
}

const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// A date written out: "5 December 2026", "5 de diciembre de 2026".
pub fn long_date(lang: Language, d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Language::En => d.format("%-d %B %Y").to_string(),
        Language::Es => format!(
            "{} de {} de {}",
            d.day(),
            MONTHS_ES[d.month0() as usize],
            d.year()
        ),
    }
}

const WEEKDAYS: [(&str, &str); 7] = [
    ("Mon", "lun"),
    ("Tue", "mar"),
    ("Wed", "mié"),
    ("Thu", "jue"),
    ("Fri", "vie"),
    ("Sat", "sáb"),
    ("Sun", "dom"),
];

const MONTHS: [(&str, &str); 12] = [
    ("Jan", "ene"),
    ("Feb", "feb"),
    ("Mar", "mar"),
    ("Apr", "abr"),
    ("May", "may"),
    ("Jun", "jun"),
    ("Jul", "jul"),
    ("Aug", "ago"),
    ("Sep", "sept"),
    ("Oct", "oct"),
    ("Nov", "nov"),
    ("Dec", "dic"),
];

/// A date or time as `rapport_app::time::Zone` writes it ("Tue 3 Nov 2026, 17:00", "3 Nov")
/// in the language: the English day and month abbreviations become the language's ("mar 3 nov
/// 2026, 17:00"); numbers and the 24-hour clock stay. Anything else passes through.
pub fn local_date(lang: Language, text: &str) -> String {
    if lang == Language::En {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 4);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let spanish = WEEKDAYS
            .iter()
            .chain(MONTHS.iter())
            .find(|(en, _)| en == word)
            .map(|(_, es)| *es);
        out.push_str(spanish.unwrap_or(word));
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphabetic() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A number with a decimal part as the language writes it: "7.5", "7,5".
pub fn decimal(lang: Language, n: f64, places: usize) -> String {
    let s = format!("{n:.places$}");
    match lang {
        Language::En => s,
        Language::Es => s.replace('.', ","),
    }
}

mod errors;
mod script;
pub use errors::error_message;
pub use script::script_texts;

#[cfg(test)]
mod tests;
