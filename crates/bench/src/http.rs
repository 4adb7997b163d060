//! A small HTTP/1.1 client: one keep-alive connection, to loopback only, with the cookies and
//! forms a signed-in browser sends. Hand-written rather than hyper's client so that the load
//! tool adds no features to the crates the server is built from (hyper's `client` would
//! rebuild the whole web stack for every build that includes this crate), and so that the
//! client spends as little of the two cores as it can.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// No request of the load run should take anywhere near this long.
const TIMEOUT: Duration = Duration::from_secs(60);

/// Largest head or body accepted (a caseload of thousands is well under this).
const MAX_BYTES: usize = 64 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn set_cookies(&self) -> impl Iterator<Item = &str> {
        self.headers
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

/// Why reading a response stopped.
#[derive(Debug)]
enum ReadError {
    /// The peer closed the connection before sending a byte: a kept-alive connection the
    /// server had already let go, safe to open again and resend on.
    ClosedBeforeResponse,
    Other(anyhow::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(e: std::io::Error) -> Self {
        ReadError::Other(e.into())
    }
}

impl From<anyhow::Error> for ReadError {
    fn from(e: anyhow::Error) -> Self {
        ReadError::Other(e)
    }
}

/// One connection, opened on first use and again after the server closes it.
pub struct Conn {
    addr: SocketAddr,
    host: String,
    stream: Option<TcpStream>,
    buf: Vec<u8>,
    /// Requests answered on the current connection.
    served: u64,
    /// Connections opened after the first.
    pub reconnects: u64,
    opened: bool,
}

impl Conn {
    /// A connection to `addr`, which must be a loopback address: the load run sends nothing
    /// anywhere else.
    pub fn new(addr: SocketAddr) -> Result<Conn> {
        if !addr.ip().is_loopback() {
            bail!("{addr} is not a loopback address; the load run only talks to loopback");
        }
        Ok(Conn {
            addr,
            host: addr.to_string(),
            stream: None,
            buf: Vec::with_capacity(64 * 1024),
            served: 0,
            reconnects: 0,
            opened: false,
        })
    }

    /// Drops the connection (after an error), so the next request opens a fresh one.
    pub fn reset(&mut self) {
        self.stream = None;
        self.buf.clear();
        self.served = 0;
    }

    pub async fn get(&mut self, path: &str, cookie: Option<&str>) -> Result<Response> {
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("Cookie", c)).into_iter().collect();
        self.request("GET", path, &headers, None).await
    }

    /// A GET with a bearer token.
    pub async fn get_bearer(&mut self, path: &str, token: &str) -> Result<Response> {
        let auth = format!("Bearer {token}");
        self.request("GET", path, &[("Authorization", &auth)], None)
            .await
    }

    /// A form post (`application/x-www-form-urlencoded`).
    pub async fn post_form(
        &mut self,
        path: &str,
        cookie: Option<&str>,
        pairs: &[(&str, &str)],
    ) -> Result<Response> {
        let body = form(pairs);
        let headers: Vec<(&str, &str)> = cookie.map(|c| ("Cookie", c)).into_iter().collect();
        self.request(
            "POST",
            path,
            &headers,
            Some(("application/x-www-form-urlencoded", body.as_bytes())),
        )
        .await
    }

    /// A JSON post, with a bearer token when given.
    pub async fn post_json(
        &mut self,
        path: &str,
        bearer: Option<&str>,
        body: &[u8],
    ) -> Result<Response> {
        let auth = bearer.map(|t| format!("Bearer {t}"));
        let headers: Vec<(&str, &str)> = auth
            .as_deref()
            .map(|a| ("Authorization", a))
            .into_iter()
            .collect();
        self.request("POST", path, &headers, Some(("application/json", body)))
            .await
    }

    pub async fn request(
        &mut self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<(&str, &[u8])>,
    ) -> Result<Response> {
        let req = encode_request(&self.host, method, path, headers, body);
        let head_only = method == "HEAD";
        match tokio::time::timeout(TIMEOUT, self.exchange(&req, head_only)).await {
            Err(_) => {
                self.reset();
                Err(anyhow!(
                    "{method} {path}: no answer in {} s",
                    TIMEOUT.as_secs()
                ))
            }
            Ok(Ok(r)) => Ok(r),
            Ok(Err(ReadError::ClosedBeforeResponse)) if self.served > 0 => {
                // The server closed an idle kept-alive connection: open a new one, once.
                self.reset();
                match tokio::time::timeout(TIMEOUT, self.exchange(&req, head_only)).await {
                    Ok(Ok(r)) => Ok(r),
                    Ok(Err(e)) => {
                        self.reset();
                        Err(describe(e)).with_context(|| format!("{method} {path}"))
                    }
                    Err(_) => {
                        self.reset();
                        Err(anyhow!(
                            "{method} {path}: no answer in {} s",
                            TIMEOUT.as_secs()
                        ))
                    }
                }
            }
            Ok(Err(e)) => {
                self.reset();
                Err(describe(e)).with_context(|| format!("{method} {path}"))
            }
        }
    }

    async fn exchange(&mut self, req: &[u8], head_only: bool) -> Result<Response, ReadError> {
        if self.stream.is_none() {
            let s = TcpStream::connect(self.addr)
                .await
                .with_context(|| format!("cannot connect to {}", self.addr))?;
            s.set_nodelay(true)?;
            if self.opened {
                self.reconnects += 1;
            }
            self.opened = true;
            self.stream = Some(s);
            self.buf.clear();
            self.served = 0;
        }
        let Some(stream) = self.stream.as_mut() else {
            return Err(ReadError::Other(anyhow!("no connection")));
        };
        if let Err(e) = stream.write_all(req).await {
            return if self.served > 0 {
                Err(ReadError::ClosedBeforeResponse)
            } else {
                Err(e.into())
            };
        }
        let (response, keep_alive) = read_response(stream, &mut self.buf, head_only).await?;
        self.served += 1;
        if !keep_alive {
            self.stream = None;
            self.buf.clear();
        }
        Ok(response)
    }
}

fn describe(e: ReadError) -> anyhow::Error {
    match e {
        ReadError::ClosedBeforeResponse => anyhow!("the server closed the connection"),
        ReadError::Other(e) => e,
    }
}

fn encode_request(
    host: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, &[u8])>,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(256 + body.map_or(0, |(_, b)| b.len()));
    out.extend_from_slice(method.as_bytes());
    out.push(b' ');
    out.extend_from_slice(path.as_bytes());
    out.extend_from_slice(b" HTTP/1.1\r\nHost: ");
    out.extend_from_slice(host.as_bytes());
    out.extend_from_slice(b"\r\nUser-Agent: rapport-bench\r\nAccept: */*\r\n");
    for (k, v) in headers {
        out.extend_from_slice(k.as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(v.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    if let Some((content_type, b)) = body {
        out.extend_from_slice(b"Content-Type: ");
        out.extend_from_slice(content_type.as_bytes());
        out.extend_from_slice(format!("\r\nContent-Length: {}\r\n", b.len()).as_bytes());
    }
    out.extend_from_slice(b"\r\n");
    if let Some((_, b)) = body {
        out.extend_from_slice(b);
    }
    out
}

/// Reads more bytes into `buf`; the number read (0 at the end of the stream).
async fn fill<R: AsyncRead + Unpin>(r: &mut R, buf: &mut Vec<u8>) -> Result<usize, ReadError> {
    if buf.len() > MAX_BYTES {
        return Err(ReadError::Other(anyhow!(
            "response larger than {MAX_BYTES} bytes"
        )));
    }
    let mut chunk = [0u8; 16 * 1024];
    let n = r.read(&mut chunk).await?;
    buf.extend_from_slice(&chunk[..n]);
    Ok(n)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// Reads one response from `r`. `buf` holds bytes already read (and keeps any read past
/// this response). Returns the response and whether the connection stays open.
async fn read_response<R: AsyncRead + Unpin>(
    r: &mut R,
    buf: &mut Vec<u8>,
    head_only: bool,
) -> Result<(Response, bool), ReadError> {
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n", 0) {
            break i;
        }
        let had = buf.len();
        if fill(r, buf).await? == 0 {
            return if had == 0 {
                Err(ReadError::ClosedBeforeResponse)
            } else {
                Err(ReadError::Other(anyhow!(
                    "the connection closed inside a response head"
                )))
            };
        }
    };
    let head = std::str::from_utf8(&buf[..head_end])
        .map_err(|_| anyhow!("a response head that is not UTF-8"))?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let mut parts = status_line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/1.") {
        return Err(ReadError::Other(anyhow!(
            "not an HTTP/1 response: {status_line:?}"
        )));
    }
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| anyhow!("no status in {status_line:?}"))?;
    let mut headers = Vec::new();
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            return Err(ReadError::Other(anyhow!(
                "a malformed header line: {line:?}"
            )));
        };
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let mut response = Response {
        status,
        headers,
        body: Vec::new(),
    };
    let mut keep_alive = version != "HTTP/1.0"
        && !response
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
    let mut pos = head_end + 4;
    let no_body = head_only || (100..200).contains(&status) || status == 204 || status == 304;
    let chunked = response
        .header("transfer-encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let length = response
        .header("content-length")
        .map(|v| v.parse::<usize>())
        .transpose()
        .map_err(|_| anyhow!("a malformed Content-Length"))?;
    if no_body {
    } else if chunked {
        loop {
            let line_end = loop {
                if let Some(i) = find(buf, b"\r\n", pos) {
                    break i;
                }
                if fill(r, buf).await? == 0 {
                    return Err(ReadError::Other(anyhow!(
                        "the connection closed inside a chunk"
                    )));
                }
            };
            let size_text = std::str::from_utf8(&buf[pos..line_end])
                .map_err(|_| anyhow!("a chunk size that is not text"))?;
            let size_text = size_text.split(';').next().unwrap_or_default().trim();
            let size = usize::from_str_radix(size_text, 16)
                .map_err(|_| anyhow!("a malformed chunk size {size_text:?}"))?;
            pos = line_end + 2;
            if size == 0 {
                // Trailers, if any, end with an empty line.
                loop {
                    let end = loop {
                        if let Some(i) = find(buf, b"\r\n", pos) {
                            break i;
                        }
                        if fill(r, buf).await? == 0 {
                            return Err(ReadError::Other(anyhow!(
                                "the connection closed inside the trailers"
                            )));
                        }
                    };
                    let empty = end == pos;
                    pos = end + 2;
                    if empty {
                        break;
                    }
                }
                break;
            }
            while buf.len() < pos + size + 2 {
                if fill(r, buf).await? == 0 {
                    return Err(ReadError::Other(anyhow!(
                        "the connection closed inside a chunk"
                    )));
                }
            }
            response.body.extend_from_slice(&buf[pos..pos + size]);
            pos += size + 2;
        }
    } else if let Some(n) = length {
        while buf.len() < pos + n {
            if fill(r, buf).await? == 0 {
                return Err(ReadError::Other(anyhow!(
                    "the connection closed after {} of {n} body bytes",
                    buf.len() - pos
                )));
            }
        }
        response.body.extend_from_slice(&buf[pos..pos + n]);
        pos += n;
    } else {
        // No length: the body runs to the end of the connection.
        while fill(r, buf).await? > 0 {}
        response.body.extend_from_slice(&buf[pos..]);
        pos = buf.len();
        keep_alive = false;
    }
    buf.drain(..pos);
    Ok((response, keep_alive))
}

/// `application/x-www-form-urlencoded`.
pub fn form(pairs: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_component(k, &mut out);
        out.push('=');
        encode_component(v, &mut out);
    }
    out
}

fn encode_component(s: &str, out: &mut String) {
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// The cookies one browser holds for the server.
#[derive(Debug, Clone, Default)]
pub struct Jar {
    cookies: Vec<(String, String)>,
}

impl Jar {
    /// Takes in the response's `Set-Cookie` headers (a removal cookie removes).
    pub fn absorb(&mut self, r: &Response) {
        for line in r.set_cookies() {
            let mut attrs = line.split(';');
            let Some((name, value)) = attrs.next().and_then(|p| p.split_once('=')) else {
                continue;
            };
            let (name, value) = (name.trim(), value.trim());
            let removal =
                value.is_empty() || attrs.any(|a| a.trim().eq_ignore_ascii_case("max-age=0"));
            self.cookies.retain(|(n, _)| n != name);
            if !removal {
                self.cookies.push((name.to_string(), value.to_string()));
            }
        }
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.cookies
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The `Cookie` header's value.
    pub fn header(&self) -> String {
        self.cookies
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn parse(bytes: &[u8]) -> (Response, bool, Vec<u8>) {
        let mut r = bytes;
        let mut buf = Vec::new();
        let (resp, keep) = read_response(&mut r, &mut buf, false).await.unwrap();
        (resp, keep, buf)
    }

    #[tokio::test]
    async fn reads_a_response_with_a_length_and_keeps_what_follows() {
        let (r, keep, rest) = parse(
            b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\nSet-Cookie: a=1; Path=/\r\n\r\nhelloHTTP/1.1",
        )
        .await;
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"hello");
        assert!(keep);
        assert_eq!(rest, b"HTTP/1.1");
        assert_eq!(r.set_cookies().collect::<Vec<_>>(), vec!["a=1; Path=/"]);
    }

    #[tokio::test]
    async fn reads_a_chunked_response() {
        let (r, keep, rest) = parse(
            b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;x=y\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n",
        )
        .await;
        assert_eq!(r.body, b"Wikipedia");
        assert!(keep);
        assert!(rest.is_empty());
    }

    #[tokio::test]
    async fn a_body_without_length_runs_to_the_close() {
        let (r, keep, _) = parse(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nall of it").await;
        assert_eq!(r.body, b"all of it");
        assert!(!keep);
    }

    #[tokio::test]
    async fn no_body_for_a_redirect_with_zero_length() {
        let (r, _, _) =
            parse(b"HTTP/1.1 303 See Other\r\nlocation: /home\r\ncontent-length: 0\r\n\r\n").await;
        assert_eq!(r.status, 303);
        assert_eq!(r.header("Location"), Some("/home"));
    }

    #[tokio::test]
    async fn an_empty_stream_is_a_closed_connection() {
        let mut r: &[u8] = b"";
        let mut buf = Vec::new();
        assert!(matches!(
            read_response(&mut r, &mut buf, false).await,
            Err(ReadError::ClosedBeforeResponse)
        ));
    }

    #[test]
    fn encodes_forms() {
        assert_eq!(
            form(&[("email", "client1@seed.rapport.test"), ("p", "a b&c")]),
            "email=client1%40seed.rapport.test&p=a+b%26c"
        );
    }

    #[test]
    fn the_jar_keeps_replaces_and_removes() {
        let r = Response {
            status: 200,
            headers: vec![
                (
                    "set-cookie".into(),
                    "rapport_csrf=abc; HttpOnly; Path=/".into(),
                ),
                ("set-cookie".into(), "rapport_session=s1; Path=/".into()),
            ],
            body: vec![],
        };
        let mut jar = Jar::default();
        jar.absorb(&r);
        assert_eq!(jar.get("rapport_csrf"), Some("abc"));
        let r2 = Response {
            status: 303,
            headers: vec![
                ("set-cookie".into(), "rapport_csrf=def; Path=/".into()),
                (
                    "set-cookie".into(),
                    "rapport_session=; Path=/; Max-Age=0".into(),
                ),
            ],
            body: vec![],
        };
        jar.absorb(&r2);
        assert_eq!(jar.header(), "rapport_csrf=def");
    }

    #[test]
    fn refuses_other_hosts() {
        assert!(Conn::new("192.0.2.1:80".parse().unwrap()).is_err());
        assert!(Conn::new("127.0.0.1:80".parse().unwrap()).is_ok());
    }
}
