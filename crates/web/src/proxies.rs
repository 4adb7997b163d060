//! Reverse proxies we trust to tell us a request's real address (`--trusted-proxy CIDR`).
//!
//! Behind a proxy every connection comes from the proxy's address, so throttling by address
//! would lump everyone together. From a trusted peer only, `X-Forwarded-For` is read right to
//! left, skipping trusted addresses; the first untrusted one is the client. Anything to its
//! left was written by the client itself and is ignored.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// One `address/prefix` block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

impl Cidr {
    /// `10.0.0.0/8`, `2001:db8::/32`, or a single address (`192.0.2.7`, `::1`).
    pub fn parse(text: &str) -> Result<Cidr, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let network: IpAddr = addr
            .parse()
            .map_err(|_| format!("`{text}` is not an IP address or CIDR block"))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("`{text}`: the prefix length must be 0 to {max}"))?,
            None => max,
        };
        Ok(Cidr {
            network: masked(network, prefix),
            prefix,
        })
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        self.network.is_ipv4() == ip.is_ipv4() && masked(ip, self.prefix) == self.network
    }
}

/// An IPv4 address written as IPv6 (`::ffff:10.0.0.1`) is the IPv4 address.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

fn masked(ip: IpAddr, prefix: u8) -> IpAddr {
    match canonical(ip) {
        IpAddr::V4(a) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V4(Ipv4Addr::from(u32::from(a) & mask))
        }
        IpAddr::V6(a) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0);
            IpAddr::V6(Ipv6Addr::from(u128::from(a) & mask))
        }
    }
}

/// The proxies whose `X-Forwarded-For` we believe. Empty: none (the default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Cidr>);

impl TrustedProxies {
    /// Blocks separated by commas or spaces, from any number of flags.
    pub fn parse<S: AsRef<str>>(items: &[S]) -> Result<TrustedProxies, String> {
        let mut out = Vec::new();
        for item in items {
            for part in item
                .as_ref()
                .split([',', ' '])
                .filter(|p| !p.trim().is_empty())
            {
                out.push(Cidr::parse(part)?);
            }
        }
        Ok(TrustedProxies(out))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn trusts(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|c| c.contains(ip))
    }

    /// The client's address: the peer itself unless it is trusted; then the right-most
    /// untrusted address of `X-Forwarded-For` (all its headers, in order). When every
    /// forwarded address is trusted, the left-most of them; when one cannot be read, the last
    /// trusted hop before it.
    pub fn client_of<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl Iterator<Item = &'a str>,
    ) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let hops: Vec<&str> = forwarded_for.flat_map(|h| h.split(',')).collect();
        let mut client = peer;
        for hop in hops.iter().rev() {
            let Some(ip) = parse_hop(hop) else {
                return client;
            };
            client = ip;
            if !self.trusts(ip) {
                return ip;
            }
        }
        client
    }
}

/// One `X-Forwarded-For` entry: an address, perhaps with a port (`192.0.2.1:5000`,
/// `[2001:db8::1]:5000`).
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim();
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
        .map(canonical)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn parses_blocks_and_single_addresses() {
        let t = TrustedProxies::parse(&["10.0.0.0/8, 192.168.1.7", "2001:db8::/32 ::1"]).unwrap();
        assert!(t.trusts(ip("10.200.3.4")));
        assert!(!t.trusts(ip("11.0.0.1")));
        assert!(t.trusts(ip("192.168.1.7")));
        assert!(!t.trusts(ip("192.168.1.8")));
        assert!(t.trusts(ip("2001:db8:1::5")));
        assert!(t.trusts(ip("::1")));
        assert!(!t.trusts(ip("::2")));
        // An IPv4 peer seen through an IPv6 socket.
        assert!(t.trusts(ip("::ffff:10.1.2.3")));
        // Host bits are masked off.
        assert_eq!(
            Cidr::parse("10.1.2.3/8").unwrap(),
            Cidr::parse("10.0.0.0/8").unwrap()
        );
        assert!(
            TrustedProxies::parse(&["0.0.0.0/0"])
                .unwrap()
                .trusts(ip("203.0.113.9"))
        );
        assert!(TrustedProxies::parse::<&str>(&[]).unwrap().is_empty());
    }

    #[test]
    fn refuses_what_is_not_a_block() {
        for bad in [
            "10.0.0.0/33",
            "::/129",
            "10.0.0/8",
            "proxy",
            "10.0.0.0/x",
            "10.0.0.0/-1",
        ] {
            assert!(TrustedProxies::parse(&[bad]).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_forwarded_for_only_from_a_trusted_peer() {
        let t = TrustedProxies::parse(&["10.0.0.0/8"]).unwrap();
        let forged = ["198.51.100.1"];
        // An untrusted peer's header is ignored.
        assert_eq!(
            t.client_of(ip("203.0.113.5"), forged.into_iter()),
            ip("203.0.113.5")
        );
        // From the proxy: the right-most untrusted address, not what the client wrote first.
        let chain = ["198.51.100.1, 203.0.113.5", "10.0.0.2"];
        assert_eq!(
            t.client_of(ip("10.0.0.1"), chain.into_iter()),
            ip("203.0.113.5")
        );
        // No header: the proxy itself.
        assert_eq!(
            t.client_of(ip("10.0.0.1"), std::iter::empty()),
            ip("10.0.0.1")
        );
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(
            t.client_of(ip("10.0.0.1"), ["nonsense"].into_iter()),
            ip("10.0.0.1")
        );
        // A port on the address is allowed.
        assert_eq!(
            t.client_of(ip("10.0.0.1"), ["[2001:db8::9]:4711"].into_iter()),
            ip("2001:db8::9")
        );
        // Nothing trusted: the peer, whatever the header says.
        let none = TrustedProxies::default();
        assert_eq!(
            none.client_of(ip("10.0.0.1"), forged.into_iter()),
            ip("10.0.0.1")
        );
    }
}
