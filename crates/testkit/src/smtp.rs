//! A real SMTP server on loopback for the e-mail tests: Python's `aiosmtpd` (Debian's
//! `python3-aiosmtpd`) with its `Mailbox` handler, which keeps every accepted message as a
//! file in a maildir. [`SmtpSink::stop`] and [`SmtpSink::start`] simulate an outage on the
//! same port.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use tempfile::TempDir;

/// The Python that has `aiosmtpd` (`python3` on PATH may be another one without it).
pub const PYTHON: &str = "/usr/bin/python3";

pub struct SmtpSink {
    port: u16,
    dir: TempDir,
    child: Option<Child>,
}

impl SmtpSink {
    /// Starts a sink on a free port and waits until it answers.
    pub fn new() -> SmtpSink {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut sink = SmtpSink {
            port,
            dir,
            child: None,
        };
        sink.start();
        sink
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The URL to give Rapport: plain SMTP on loopback.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn maildir(&self) -> PathBuf {
        self.dir.path().join("mail")
    }

    /// Starts the server again (after [`SmtpSink::stop`]) on the same port.
    pub fn start(&mut self) {
        if self.child.is_some() {
            return;
        }
        let child = Command::new(PYTHON)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(self.maildir())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {PYTHON} -m aiosmtpd (apt-get install python3-aiosmtpd): {e}")
            });
        self.child = Some(child);
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        // Up to 15 seconds, in steps of 50 ms (the project's clock rule keeps
        // `Instant::now` out of tests too).
        let mut tries = 0;
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            if let Some(Ok(Some(status))) = self.child.as_mut().map(Child::try_wait) {
                panic!("aiosmtpd stopped at start: {status}");
            }
            tries += 1;
            assert!(tries < 300, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Stops the server: connections are refused until [`SmtpSink::start`].
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        let addr = SocketAddr::from(([127, 0, 0, 1], self.port));
        for _ in 0..100 {
            if TcpStream::connect_timeout(&addr, Duration::from_millis(100)).is_err() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Every message accepted so far, as it arrived (headers and body).
    pub fn messages(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            out.extend(read_dir(&self.maildir().join(sub)));
        }
        out
    }

    /// Waits until at least `n` messages arrived (or about `timeout` passed); them all.
    pub fn wait_for(&self, n: usize, timeout: Duration) -> Vec<String> {
        let step = Duration::from_millis(50);
        let tries = timeout.as_millis() / step.as_millis();
        for _ in 0..tries {
            let m = self.messages();
            if m.len() >= n {
                return m;
            }
            std::thread::sleep(step);
        }
        self.messages()
    }
}

impl Default for SmtpSink {
    fn default() -> Self {
        SmtpSink::new()
    }
}

fn read_dir(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect()
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The value of header `name` in a message (first occurrence; unfolded).
pub fn header(message: &str, name: &str) -> Option<String> {
    let text = message.replace("\r\n", "\n");
    let head = text.split("\n\n").next().unwrap_or(&text);
    let head = head.replace("\n ", " ").replace("\n\t", " ");
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_string())
    })
}
