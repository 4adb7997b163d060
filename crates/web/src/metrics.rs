//! Prometheus metrics: request counts and latencies by route pattern and status class.
//! Routes are patterns (`/clients/{id}`), so no id or other personal data reaches them.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::{Arc, Mutex};

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

const BUCKETS: [f64; 10] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0];

#[derive(Default)]
struct Series {
    count: u64,
    sum: f64,
    buckets: [u64; BUCKETS.len()],
}

#[derive(Default)]
pub struct Metrics {
    series: Mutex<BTreeMap<(String, String, &'static str), Series>>,
}

fn class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// The method as a label: the standard methods by name, every other (made-up) one as `OTHER`,
/// so that a client inventing methods cannot grow the series without bound.
fn method_label(method: &str) -> &'static str {
    match method {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        "CONNECT" => "CONNECT",
        "TRACE" => "TRACE",
        _ => "OTHER",
    }
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, seconds: f64) {
        if let Ok(mut s) = self.series.lock() {
            let e = s
                .entry((
                    method_label(method).to_string(),
                    route.to_string(),
                    class(status),
                ))
                .or_default();
            e.count += 1;
            e.sum += seconds;
            for (i, b) in BUCKETS.iter().enumerate() {
                if seconds <= *b {
                    e.buckets[i] += 1;
                }
            }
        }
    }

    /// The Prometheus text exposition.
    pub fn render(&self) -> String {
        let mut out = String::new();
        out.push_str(
            "# HELP rapport_http_requests_total HTTP requests by route and status class.\n",
        );
        out.push_str("# TYPE rapport_http_requests_total counter\n");
        let Ok(series) = self.series.lock() else {
            return out;
        };
        for ((m, r, c), s) in series.iter() {
            let _ = writeln!(
                out,
                "rapport_http_requests_total{{method=\"{m}\",route=\"{r}\",status=\"{c}\"}} {}",
                s.count
            );
        }
        out.push_str("# HELP rapport_http_request_duration_seconds Time to answer, by route.\n");
        out.push_str("# TYPE rapport_http_request_duration_seconds histogram\n");
        for ((m, r, c), s) in series.iter() {
            let labels = format!("method=\"{m}\",route=\"{r}\",status=\"{c}\"");
            for (i, b) in BUCKETS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "rapport_http_request_duration_seconds_bucket{{{labels},le=\"{b}\"}} {}",
                    s.buckets[i]
                );
            }
            let _ = writeln!(
                out,
                "rapport_http_request_duration_seconds_bucket{{{labels},le=\"+Inf\"}} {}",
                s.count
            );
            let _ = writeln!(
                out,
                "rapport_http_request_duration_seconds_sum{{{labels}}} {}",
                s.sum
            );
            let _ = writeln!(
                out,
                "rapport_http_request_duration_seconds_count{{{labels}}} {}",
                s.count
            );
        }
        out
    }
}

pub async fn record(State(metrics): State<Arc<Metrics>>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let method = req.method().as_str().to_string();
    let started = rapport_app::clock::monotonic();
    let resp = next.run(req).await;
    metrics.observe(
        &method,
        &route,
        resp.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    resp
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_buckets() {
        let m = Metrics::default();
        m.observe("GET", "/clients/{id}", 200, 0.003);
        m.observe("GET", "/clients/{id}", 200, 0.2);
        let text = m.render();
        assert!(text.contains(
            "rapport_http_requests_total{method=\"GET\",route=\"/clients/{id}\",status=\"2xx\"} 2"
        ));
        assert!(text.contains("le=\"0.005\"} 1"));
        assert!(text.contains("le=\"+Inf\"} 2"));
    }

    #[test]
    fn made_up_methods_share_one_series() {
        let m = Metrics::default();
        for i in 0..50 {
            m.observe(&format!("FOO{i}"), "unmatched", 405, 0.001);
        }
        m.observe("GET", "unmatched", 404, 0.001);
        let text = m.render();
        assert!(text.contains(
            "rapport_http_requests_total{method=\"OTHER\",route=\"unmatched\",status=\"4xx\"} 50"
        ));
        assert!(!text.contains("FOO"));
        assert_eq!(text.matches("rapport_http_requests_total{").count(), 2);
    }
}
