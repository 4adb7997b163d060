//! Rapport's HTTP face: server-rendered pages, the JSON API under `/api/v1`, the OpenAPI
//! document, and the middleware every response passes through.

mod api;
mod assets;
mod calendar;
mod charts;
mod crisis;
mod error;
mod extract;
pub mod i18n;
mod messages;
mod metrics;
mod middleware;
mod offline;
mod pages;
pub mod proxies;
mod serve;
mod signalling;
mod state;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;

pub use crisis::{CrisisLine, CrisisResources};
pub use metrics::Metrics;
pub use proxies::TrustedProxies;
pub use serve::{Limits, serve_with_limits};
pub use state::{AppState, DemoAccount, WebConfig};

/// Every route of the server, wrapped in its middleware.
pub fn router(state: AppState) -> Router {
    let metrics = state.metrics.clone();
    Router::new()
        .merge(pages::routes())
        .merge(api::routes())
        .merge(offline::routes())
        .route("/static/{file}", get(assets::serve))
        .fallback(pages::public::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::csrf::protect,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(256 * 1024))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&metrics),
            metrics::record,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::security_headers::apply,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            extract::resolve_address,
        ))
        .with_state(state)
}

/// Serves the router on `listener` until `shutdown` completes, then lets requests in flight
/// finish for at most 5 seconds. Headers must arrive within 10 seconds and a request be
/// answered within 30 ([`Limits`]).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    serve_with_limits(listener, router(state), shutdown, Limits::default()).await
}

/// The OpenAPI document served at `/api/openapi.json`, pretty-printed.
pub fn openapi_json() -> String {
    api::openapi::pretty()
}
