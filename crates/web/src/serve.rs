//! The HTTP server loop: HTTP/1.1 connections with time limits, so that a slow or silent
//! client cannot hold a connection for ever, and a shutdown that waits a bounded time for the
//! requests in flight.
//!
//! `axum::serve` sets no timer on hyper, so hyper's header time-out never runs there; this
//! loop sets one.

use std::convert::Infallible;
use std::future::Future;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, Response, StatusCode};
use axum::response::IntoResponse;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tower::ServiceExt;

/// How long the server waits for each thing.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// From the first byte of a request (or the connection's opening) to the end of its
    /// headers; past it the connection is closed.
    pub headers: Duration,
    /// From the end of the headers to the response (reading the body included); past it the
    /// answer is 408 and the connection is closed.
    pub request: Duration,
    /// At shutdown, how long requests in flight may take to finish.
    pub shutdown: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            headers: Duration::from_secs(10),
            request: Duration::from_secs(30),
            shutdown: Duration::from_secs(5),
        }
    }
}

/// Serves `router` on `listener` until `shutdown` resolves, then stops accepting, lets the
/// requests in flight finish for at most `limits.shutdown`, and returns.
pub async fn serve_with_limits(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
    limits: Limits,
) -> std::io::Result<()> {
    // Connections are upgradeable (the online rooms' WebSockets), which hyper-util's
    // `GracefulShutdown` cannot watch: each connection task waits for the stop signal itself.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut connections = tokio::task::JoinSet::new();
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.headers)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors and the like: wait a moment instead of spinning.
                    tracing::warn!(error = %e, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Finished connections are reaped as new ones come.
        while connections.try_join_next().is_some() {}
        let router = router.clone();
        let request_limit = limits.request;
        let service = hyper::service::service_fn(move |req: Request<Incoming>| {
            let mut req = req.map(Body::new);
            req.extensions_mut().insert(ConnectInfo(peer));
            let router = router.clone();
            async move {
                match tokio::time::timeout(request_limit, router.oneshot(req)).await {
                    Ok(resp) => resp,
                    Err(_) => Ok::<Response<Body>, Infallible>(timed_out()),
                }
            }
        });
        let conn = builder
            .serve_connection(TokioIo::new(stream), service)
            .with_upgrades();
        let mut stop_seen = stopped.clone();
        connections.spawn(async move {
            tokio::pin!(conn);
            // A closed or timed-out connection is normal; nothing to report.
            let asked_to_stop = tokio::select! {
                _ = conn.as_mut() => false,
                _ = stop_seen.wait_for(|s| *s) => true,
            };
            if asked_to_stop {
                conn.as_mut().graceful_shutdown();
                let _ = conn.await;
            }
        });
    }
    drop(listener);
    let _ = stop.send(true);
    let drained = async { while connections.join_next().await.is_some() {} };
    if tokio::time::timeout(limits.shutdown, drained)
        .await
        .is_err()
    {
        tracing::warn!(
            seconds = limits.shutdown.as_secs(),
            "requests still in flight at shutdown were cut off"
        );
    }
    Ok(())
}

fn timed_out() -> Response<Body> {
    let mut resp = (
        StatusCode::REQUEST_TIMEOUT,
        axum::Json(serde_json::json!({
            "error": {"code": "request_timeout", "message": "The request took too long."}
        })),
    )
        .into_response();
    resp.headers_mut().insert(
        axum::http::header::CONNECTION,
        axum::http::HeaderValue::from_static("close"),
    );
    resp
}
