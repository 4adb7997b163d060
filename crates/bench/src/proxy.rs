//! A round-robin TCP proxy on loopback, as a load balancer in front of several servers would
//! be: each new connection goes to the next backend, and its bytes are copied both ways
//! until either side closes. Kept-alive connections stay with the server they first reached.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

pub struct Proxy {
    pub addr: SocketAddr,
    accept: JoinHandle<()>,
}

impl Proxy {
    /// Listens on a free loopback port and spreads connections over `backends` in turn.
    pub async fn start(backends: Vec<SocketAddr>) -> Result<Proxy> {
        if backends.is_empty() {
            bail!("a proxy needs at least one backend");
        }
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .context("cannot listen on loopback for the proxy")?;
        let addr = listener.local_addr()?;
        let accept = tokio::spawn(async move {
            let mut turn = 0usize;
            loop {
                let Ok((inbound, _)) = listener.accept().await else {
                    // Out of descriptors, say: wait rather than spin.
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                };
                let backend = backends[turn % backends.len()];
                turn = turn.wrapping_add(1);
                tokio::spawn(forward(inbound, backend));
            }
        });
        Ok(Proxy { addr, accept })
    }
}

async fn forward(mut inbound: TcpStream, backend: SocketAddr) {
    // A backend that refuses closes the client's connection: the client sees the error.
    let Ok(mut outbound) = TcpStream::connect(backend).await else {
        return;
    };
    let _ = inbound.set_nodelay(true);
    let _ = outbound.set_nodelay(true);
    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    /// A backend that answers every connection with its own name.
    async fn named(name: u8) -> SocketAddr {
        let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = l.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut s, _)) = l.accept().await {
                let mut b = [0u8; 1];
                if s.read_exact(&mut b).await.is_ok() {
                    let _ = s.write_all(&[name, b[0]]).await;
                }
            }
        });
        addr
    }

    #[tokio::test]
    async fn connections_go_round_the_backends_and_bytes_both_ways() {
        let backends = vec![named(b'a').await, named(b'b').await, named(b'c').await];
        let proxy = Proxy::start(backends).await.unwrap();
        let mut seen = Vec::new();
        for i in 0..6u8 {
            let mut s = TcpStream::connect(proxy.addr).await.unwrap();
            s.write_all(&[b'0' + i]).await.unwrap();
            let mut back = [0u8; 2];
            s.read_exact(&mut back).await.unwrap();
            assert_eq!(back[1], b'0' + i);
            seen.push(back[0]);
        }
        assert_eq!(seen, b"abcabc");
    }

    #[tokio::test]
    async fn no_backends_is_refused() {
        assert!(Proxy::start(vec![]).await.is_err());
    }
}
