//! The demo practice: an administrator, three clinicians and twenty clients.
