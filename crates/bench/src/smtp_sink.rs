//! An SMTP server on loopback that accepts every message and keeps its `Message-ID`: the
//! servers' e-mail deliveries land here, so a notice sent twice (by two servers) shows as the
//! same Message-ID twice. Speaks just enough SMTP for a client that sends plain text.

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

pub struct Sink {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<String>>>,
    accept: JoinHandle<()>,
}

impl Sink {
    pub async fn start() -> Result<Sink> {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .context("cannot listen on loopback for the SMTP sink")?;
        let addr = listener.local_addr()?;
        let received = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&received);
        let accept = tokio::spawn(async move {
            while let Ok((s, _)) = listener.accept().await {
                tokio::spawn(session(s, Arc::clone(&kept)));
            }
        });
        Ok(Sink {
            addr,
            received,
            accept,
        })
    }

    /// The Message-ID of every message accepted so far, in order (`?` for one without).
    pub fn message_ids(&self) -> Vec<String> {
        self.received
            .lock()
            .map(|r| r.clone())
            .unwrap_or_else(|p| p.into_inner().clone())
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

async fn session(stream: TcpStream, received: Arc<Mutex<Vec<String>>>) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 rapport-bench sink\r\n").await?;
    let mut line = String::new();
    let mut in_data = false;
    let mut message_id = None;
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        if in_data {
            if line == ".\r\n" || line == ".\n" {
                in_data = false;
                let id = message_id.take().unwrap_or_else(|| "?".to_string());
                match received.lock() {
                    Ok(mut r) => r.push(id),
                    Err(p) => p.into_inner().push(id),
                }
                write.write_all(b"250 accepted\r\n").await?;
            } else if message_id.is_none()
                && line
                    .get(..11)
                    .is_some_and(|h| h.eq_ignore_ascii_case("message-id:"))
            {
                message_id = Some(line[11..].trim().to_string());
            }
            continue;
        }
        let verb = line.get(..4).unwrap_or_default().to_ascii_uppercase();
        let reply: &[u8] = match verb.as_str() {
            "EHLO" => b"250-rapport-bench sink\r\n250 8BITMIME\r\n",
            "HELO" | "MAIL" | "RCPT" | "RSET" | "NOOP" => b"250 ok\r\n",
            "DATA" => {
                in_data = true;
                b"354 go on\r\n"
            }
            "QUIT" => {
                write.write_all(b"221 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 not here\r\n",
        };
        write.write_all(reply).await?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncReadExt;

    #[tokio::test]
    async fn keeps_the_message_id_of_each_message() {
        let sink = Sink::start().await.unwrap();
        let mut s = TcpStream::connect(sink.addr).await.unwrap();
        s.write_all(b"EHLO x\r\nMAIL FROM:<a@b>\r\nRCPT TO:<c@d>\r\nDATA\r\nMessage-ID: <1@x>\r\nSubject: s\r\n\r\nbody\r\n.\r\nQUIT\r\n")
            .await
            .unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).await.unwrap();
        assert!(
            out.contains("354") && out.contains("250 accepted") && out.ends_with("221 bye\r\n")
        );
        assert_eq!(sink.message_ids(), vec!["<1@x>".to_string()]);
    }
}
