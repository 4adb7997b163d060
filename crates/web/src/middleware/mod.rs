//! Middleware every request passes: CSRF protection, security headers and error pages.

pub mod csrf;
pub mod security_headers;
