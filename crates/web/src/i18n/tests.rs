//! A translation that is missing, does not parse, is asked for by a page but does not exist,
//! or is left in English fails here.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_bundle::FluentResource;

use super::*;

/// Messages that read the same in both languages.
const SAME_IN_BOTH: &[&str] = &[
    "brand",
    "language-en",
    "language-es",
    "error-prefix",
    "no",
    "self-harm-no",
    "home-minutes",
    "label-individual",
];

fn parse(lang: Language, name: &str, src: &str) -> FluentResource {
    FluentResource::try_new(src.to_string())
        .unwrap_or_else(|(_, errors)| panic!("{}/{name} does not parse: {errors:?}", lang.as_str()))
}

/// The message ids a file defines (a line `id = …` at the start of a line).
fn ids(src: &str) -> Vec<String> {
    src.lines()
        .filter_map(|line| {
            let (id, _) = line.split_once('=')?;
            let id = id.trim_end();
            let ok = id.starts_with(|c: char| c.is_ascii_alphabetic())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            ok.then(|| id.to_string())
        })
        .collect()
}

/// Every message of a language, with its text as formatted without variables.
fn messages(lang: Language) -> Vec<(String, String)> {
    let mut out = vec![];
    for (name, src) in sources(lang) {
        parse(lang, name, src);
        for id in ids(src) {
            let text = format(lang, &id, None).unwrap_or_default();
            out.push((id, text));
        }
    }
    out
}

#[test]
fn every_file_parses() {
    for lang in Language::ALL {
        for (name, src) in sources(*lang) {
            parse(*lang, name, src);
        }
    }
}

#[test]
fn every_key_is_in_every_language() {
    let en: BTreeSet<String> = messages(Language::En).into_iter().map(|m| m.0).collect();
    for lang in Language::ALL {
        let keys: Vec<String> = messages(*lang).into_iter().map(|m| m.0).collect();
        let set: BTreeSet<String> = keys.iter().cloned().collect();
        assert_eq!(
            set.len(),
            keys.len(),
            "{}: a key is defined twice",
            lang.as_str()
        );
        let missing: Vec<_> = en.difference(&set).collect();
        let extra: Vec<_> = set.difference(&en).collect();
        assert!(
            missing.is_empty(),
            "missing in {}: {missing:?}",
            lang.as_str()
        );
        assert!(extra.is_empty(), "only in {}: {extra:?}", lang.as_str());
    }
}

#[test]
fn spanish_is_not_left_in_english() {
    let en: std::collections::BTreeMap<String, String> =
        messages(Language::En).into_iter().collect();
    let mut same = vec![];
    for (key, es) in messages(Language::Es) {
        if en.get(&key) == Some(&es) && !SAME_IN_BOTH.contains(&key.as_str()) {
            same.push(key);
        }
    }
    assert!(same.is_empty(), "left in English in es: {same:?}");
}

/// The keys a source asks for: the first string literal after `t(`, `tn(`, `ts(`, `t_args(`
/// (a method of the layout, or `i18n::` functions), when it looks like a key.
fn keys_used(src: &str) -> Vec<String> {
    let mut out = vec![];
    for call in [
        ".t(",
        ".tn(",
        ".ts(",
        ".t2(",
        ".t3(",
        "self.t(",
        "i18n::t(",
        "i18n::t_args(",
    ] {
        for (at, _) in src.match_indices(call) {
            let rest = &src[at + call.len()..];
            let line = rest.split('\n').next().unwrap_or("");
            let Some(start) = line.find('"') else {
                continue;
            };
            let Some(len) = line[start + 1..].find('"') else {
                continue;
            };
            let key = &line[start + 1..start + 1 + len];
            let looks_like_key = !key.is_empty()
                && key.contains('-')
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '.');
            if looks_like_key {
                out.push(key.to_string());
            }
        }
    }
    out
}

fn walk(dir: &Path, ext: &str, files: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(&p, ext, files);
        } else if p.extension().is_some_and(|x| x == ext) {
            files.push(p);
        }
    }
}

#[test]
fn every_key_a_page_asks_for_exists() {
    let known: BTreeSet<String> = messages(Language::En).into_iter().map(|m| m.0).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    walk(&root.join("templates"), "html", &mut files);
    walk(&root.join("src"), "rs", &mut files);
    let mut unknown = vec![];
    let mut used = 0;
    for f in files {
        if f.ends_with("i18n/tests.rs") {
            continue;
        }
        let src = std::fs::read_to_string(&f).expect("read");
        for key in keys_used(&src) {
            used += 1;
            if !known.contains(&key) {
                unknown.push(format!("{}: {key}", f.display()));
            }
        }
    }
    assert!(used > 50, "the scan found only {used} keys");
    assert!(unknown.is_empty(), "keys that do not exist: {unknown:#?}");
}

#[test]
fn variables_and_plurals() {
    assert_eq!(
        t_args(Language::En, "measure-minutes", &[("n", 1u8.into())]),
        "About 1 minute. There are no right or wrong answers."
    );
    assert_eq!(
        t_args(Language::En, "measure-minutes", &[("n", 3u8.into())]),
        "About 3 minutes. There are no right or wrong answers."
    );
    assert_eq!(
        t_args(Language::Es, "measure-minutes", &[("n", 1u8.into())]),
        "Aproximadamente 1 minuto. No hay respuestas correctas ni incorrectas."
    );
    assert_eq!(
        t(Language::Es, "no-such-key-anywhere"),
        "no-such-key-anywhere"
    );
}

#[test]
fn long_dates() {
    let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 5).expect("date");
    assert_eq!(long_date(Language::Es, d), "5 de diciembre de 2026");
    assert_eq!(long_date(Language::En, d), "5 December 2026");
    assert_eq!(decimal(Language::Es, 7.5, 1), "7,5");
    assert_eq!(
        local_date(Language::Es, "Tue 3 Nov 2026, 17:00"),
        "mar 3 nov 2026, 17:00"
    );
    assert_eq!(local_date(Language::Es, "3 May"), "3 may");
    assert_eq!(local_date(Language::Es, "today"), "today");
    assert_eq!(local_date(Language::En, "Tue 3 Nov"), "Tue 3 Nov");
}

/// Keys built from a stable word (`medication-taken`, `band-mild`, `learn-homework` …).
#[test]
fn every_key_built_from_a_word_exists() {
    use rapport_core::measures::{Band, Medication, SelfHarmAnswer};
    use rapport_core::medication::MissedReason;
    let known: BTreeSet<String> = messages(Language::En).into_iter().map(|m| m.0).collect();
    let mut keys: Vec<String> = vec![];
    keys.extend(
        Medication::ALL
            .iter()
            .map(|m| format!("medication-{}", m.as_str())),
    );
    keys.extend(
        SelfHarmAnswer::ALL
            .iter()
            .map(|a| format!("self-harm-{}", a.as_str())),
    );
    keys.extend(
        MissedReason::ALL
            .iter()
            .map(|r| format!("missed-reason-{}", r.as_str())),
    );
    keys.extend(Band::ALL.iter().map(|b| format!("band-{}", b.as_str())));
    keys.extend(
        rapport_core::goals::GoalStatus::ALL
            .iter()
            .map(|g| format!("goal-status-{}", g.as_str())),
    );
    keys.extend(
        rapport_core::notifications::NoticeKind::ALL
            .iter()
            .map(|k| format!("notice-kind-{}", k.as_str())),
    );
    keys.extend(
        rapport_core::episodes::EpisodeState::ALL
            .iter()
            .map(|e| format!("cl-episode-label-{}", e.as_str())),
    );
    for role in ["client", "clinician", "family", "admin"] {
        keys.push(format!("role-{role}"));
    }
    for p in rapport_core::learning::PAGES.iter() {
        keys.push(format!("learn-{}", p.slug));
        keys.push(format!("learn-{}-summary", p.slug));
        // English titles are the library's own.
        assert_eq!(t(Language::En, &format!("learn-{}", p.slug)), p.title);
    }
    let missing: Vec<_> = keys.iter().filter(|k| !known.contains(*k)).collect();
    assert!(missing.is_empty(), "missing: {missing:?}");
    // The English labels are the words' own labels, so English pages read as before.
    for m in Medication::ALL {
        assert_eq!(
            t(Language::En, &format!("medication-{}", m.as_str())),
            m.label()
        );
    }
    for b in Band::ALL {
        assert_eq!(t(Language::En, &format!("band-{}", b.as_str())), b.label());
    }
    for k in rapport_core::notifications::NoticeKind::ALL {
        assert_eq!(
            t(Language::En, &format!("notice-kind-{}", k.as_str())),
            k.label()
        );
    }
}

/// Every English sentence listed for translation is what English shows for its key.
#[test]
fn listed_sentences_are_their_english_messages() {
    for (sentence, key) in super::errors::PATTERNS {
        if sentence.contains('{') {
            continue;
        }
        assert_eq!(&t(Language::En, key), sentence, "{key}");
    }
}
