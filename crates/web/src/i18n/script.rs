//! The texts the pages' scripts show (`static/app.js`: autosave, drafts, the unanswered
//! questions, the character count; `static/room.js`: the online room's checks and status
//! line), in the page's language. The layout writes them into every page as a JSON data block
//! (`<script type="application/json" id="ui-texts">`); each variable reaches the script as
//! `{name}`, which it replaces with the value.

use std::sync::LazyLock;

use super::{Arg, Language, t_args};

/// Each message of `script.ftl` with the names of its variables.
pub(super) const SCRIPT_TEXTS: &[(&str, &[&str])] = &[
    ("js-copied", &[]),
    ("js-question", &["number", "text"]),
    ("js-unanswered-one", &[]),
    ("js-unanswered-many", &["count"]),
    ("js-unanswered-advice-one", &[]),
    ("js-unanswered-advice-many", &[]),
    ("js-answer-it", &[]),
    ("js-answer-them", &[]),
    ("js-send-as-is", &[]),
    ("js-signed-out-kept", &[]),
    ("js-signed-out-lost", &[]),
    ("js-saved-at", &["time"]),
    ("js-not-saved", &["message"]),
    ("js-not-saved-yet", &[]),
    ("js-not-saved-offline", &[]),
    ("js-kept-restored", &["when"]),
    ("js-kept-saving", &[]),
    ("js-kept-send", &[]),
    ("js-kept-put-back", &[]),
    ("js-kept-older", &["when"]),
    ("js-draft-restored", &[]),
    ("js-draft-restored-from", &["when"]),
    ("js-draft-discard", &[]),
    ("js-today-at", &["time"]),
    ("js-day-at", &["day", "time"]),
    ("js-characters-left", &["left", "max"]),
    ("js-room-camera-checking", &[]),
    ("js-room-mic-checking", &[]),
    ("js-room-camera", &[]),
    ("js-room-mic", &[]),
    ("js-room-camera-working", &["device"]),
    ("js-room-camera-missing", &[]),
    ("js-room-mic-working", &["device"]),
    ("js-room-mic-missing", &[]),
    ("js-room-server-good", &["ms"]),
    ("js-room-server-problem", &[]),
    ("js-room-server-none", &[]),
    ("js-room-video-of", &["name"]),
    ("js-room-someone", &[]),
    ("js-room-quality", &["word"]),
    ("js-room-q-connecting", &[]),
    ("js-room-q-lost", &[]),
    ("js-room-q-nothing", &[]),
    ("js-room-q-good", &[]),
    ("js-room-q-fair", &[]),
    ("js-room-q-poor", &[]),
    ("js-room-retrying", &["name"]),
    ("js-room-alone", &[]),
    ("js-room-connecting-one", &[]),
    ("js-room-connecting-many", &["count"]),
    ("js-room-let-in", &["name"]),
    ("js-room-waiting-one", &["names"]),
    ("js-room-waiting-many", &["names"]),
    ("js-room-you", &[]),
    ("js-room-save", &[]),
    ("js-room-saved", &[]),
    ("js-room-joined", &["name"]),
    ("js-room-left", &["name"]),
    ("js-room-connected", &[]),
    ("js-room-reconnecting", &[]),
    ("js-room-muted", &[]),
    ("js-room-unmuted", &[]),
    ("js-room-camera-is-off", &[]),
    ("js-room-camera-is-on", &[]),
    ("js-room-mute", &[]),
    ("js-room-unmute", &[]),
    ("js-room-camera-off", &[]),
    ("js-room-camera-on", &[]),
    ("js-room-share", &[]),
    ("js-room-stop-sharing", &[]),
    ("js-room-sharing", &[]),
    ("js-room-share-stopped", &[]),
    ("js-room-share-impossible", &[]),
    ("js-room-share-not-started", &[]),
];

fn json_of(lang: Language) -> String {
    let texts: serde_json::Map<String, serde_json::Value> = SCRIPT_TEXTS
        .iter()
        .map(|(key, vars)| {
            let args: Vec<(&str, Arg<'_>)> = vars
                .iter()
                .map(|v| (*v, Arg::Owned(format!("{{{v}}}"))))
                .collect();
            (key.to_string(), t_args(lang, key, &args).into())
        })
        .collect();
    // Inside <script>, "</" would end the block: `<` is written as its JSON escape.
    serde_json::Value::Object(texts)
        .to_string()
        .replace('<', "\\u003c")
}

static JSON: LazyLock<[String; 2]> =
    LazyLock::new(|| [json_of(Language::En), json_of(Language::Es)]);

/// The script's texts in `lang`, as JSON safe to write inside a `<script>` element.
pub fn script_texts(lang: Language) -> &'static str {
    match lang {
        Language::En => &JSON[0],
        Language::Es => &JSON[1],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_script_text_exists_with_its_variables_in_every_language() {
        for lang in [Language::En, Language::Es] {
            let texts: serde_json::Value = serde_json::from_str(script_texts(lang)).unwrap();
            for (key, vars) in SCRIPT_TEXTS {
                let text = texts[key].as_str().unwrap();
                assert_ne!(text, *key, "{key} is missing in {lang:?}");
                for v in *vars {
                    assert!(
                        text.contains(&format!("{{{v}}}")),
                        "{key} in {lang:?} lacks {{{v}}}: {text}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_json_cannot_end_its_script_element() {
        assert!(!script_texts(Language::En).contains('<'));
    }
}
