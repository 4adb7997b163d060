//! The installable web app (issue 21): the web app manifest, Rapport's own service worker at
//! `/sw.js` (its scope is the whole site, so it is served from the root, not `/static/`), and
//! `/offline`, the page the worker shows for a page that is not kept on the device. What the
//! worker keeps and why: `docs/offline.md`.

use askama::Template;
use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

use crate::extract::Ctx;
use crate::i18n::{self, Lang};
use crate::pages::templates::Layout;
use crate::pages::{Page, render};
use crate::state::AppState;

const MANIFEST_PATH: &str = "/manifest.webmanifest";
const WORKER_PATH: &str = "/sw.js";

const MANIFEST: &[u8] = include_bytes!("../static/manifest.webmanifest");
const WORKER: &[u8] = include_bytes!("../static/sw.js");

// The paths are written out (not the constants) because the every-route test reads them from
// the source.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/manifest.webmanifest", get(manifest))
        .route("/sw.js", get(worker))
        .route("/offline", get(offline))
}

/// Whether a path answers with its own `Cache-Control` (the security headers leave it).
pub fn sets_own_caching(path: &str) -> bool {
    path == MANIFEST_PATH || path == WORKER_PATH
}

/// The manifest in the reader's language (`lang`, the name, the description and the
/// shortcuts' names); the file as it is when it cannot be read (it always can: it is ours).
async fn manifest(ctx: Ctx) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "application/manifest+json"),
            (header::CACHE_CONTROL, "no-cache"),
            (header::VARY, "Accept-Language, Cookie"),
        ],
        manifest_in(ctx.lang),
    )
}

fn manifest_in(lang: Lang) -> Vec<u8> {
    let Ok(mut m) = serde_json::from_slice::<serde_json::Value>(MANIFEST) else {
        return MANIFEST.to_vec();
    };
    let t = |key: &str| serde_json::Value::String(i18n::t(lang, key));
    m["lang"] = serde_json::Value::String(lang.as_str().to_string());
    m["name"] = t("brand");
    m["short_name"] = t("brand");
    m["description"] = t("manifest-description");
    if let Some(shortcuts) = m["shortcuts"].as_array_mut() {
        for s in shortcuts {
            let key = match s["url"].as_str() {
                Some("/checkin") => "offline-page-checkin",
                Some("/safety-plan") => "offline-page-safety-plan",
                _ => "offline-page-crisis",
            };
            s["name"] = t(key);
        }
    }
    serde_json::to_vec_pretty(&m).unwrap_or_else(|_| MANIFEST.to_vec())
}

/// `no-cache`: the browser asks again on every check for updates, so a new worker arrives
/// with a new version of the program.
async fn worker() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        WORKER,
    )
}

#[derive(Template)]
#[template(path = "offline.html")]
struct OfflinePage {
    l: Layout,
}

async fn offline(ctx: Ctx) -> Page {
    render(OfflinePage {
        l: Layout::new(&ctx),
    })
}
