//! Name-based UUIDs (RFC 9562 version 5, SHA-1), so that the same export always carries the
//! same ids. SHA-1 here only names things; it protects nothing.

use std::fmt;

/// A UUID, shown in lower case as `8-4-4-4-12` hex digits (the form `urn:uuid:` requires).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Uuid([u8; 16]);

/// RFC 9562's namespace for names that are URLs.
const NAMESPACE_URL: Uuid = Uuid([
    0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8,
]);

/// Where the hyphens are in the text form.
const HYPHENS: [usize; 4] = [8, 13, 18, 23];

impl Uuid {
    /// Reads the `8-4-4-4-12` form, in either case.
    pub(super) fn parse(s: &str) -> Option<Uuid> {
        if s.len() != 36 {
            return None;
        }
        let mut nibbles = Vec::with_capacity(32);
        for (i, c) in s.bytes().enumerate() {
            if HYPHENS.contains(&i) {
                if c != b'-' {
                    return None;
                }
            } else {
                nibbles.push(char::from(c).to_digit(16)?);
            }
        }
        let mut bytes = [0u8; 16];
        for (byte, pair) in bytes.iter_mut().zip(nibbles.chunks_exact(2)) {
            let (hi, lo) = match pair {
                [hi, lo] => (*hi, *lo),
                _ => return None,
            };
            *byte = u8::try_from(hi * 16 + lo).ok()?;
        }
        Some(Uuid(bytes))
    }

    /// The version 5 UUID of `name` in `namespace`.
    pub(super) fn v5(namespace: Uuid, name: &str) -> Uuid {
        let mut data = namespace.0.to_vec();
        data.extend_from_slice(name.as_bytes());
        let hash = sha1(&data);
        let mut bytes = [0u8; 16];
        for (b, h) in bytes.iter_mut().zip(hash) {
            *b = h;
        }
        bytes[6] = (bytes[6] & 0x0f) | 0x50;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        Uuid(bytes)
    }

    /// The version 5 UUID of a URL.
    pub(super) fn of_url(url: &str) -> Uuid {
        Uuid::v5(NAMESPACE_URL, url)
    }

    /// `urn:uuid:…`, a bundle entry's `fullUrl` and what references point at.
    pub(super) fn urn(self) -> String {
        format!("urn:uuid:{self}")
    }
}

impl fmt::Display for Uuid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

/// SHA-1 (FIPS 180-4).
fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [
        0x6745_2301,
        0xefcd_ab89,
        0x98ba_dcfe,
        0x1032_5476,
        0xc3d2_e1f0,
    ];
    let bits = u64::try_from(data.len())
        .unwrap_or(u64::MAX)
        .wrapping_mul(8);
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&bits.to_be_bytes());
    for block in message.chunks_exact(64) {
        let mut w = [0u32; 80];
        for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
            *word = bytes.iter().fold(0, |acc, &b| (acc << 8) | u32::from(b));
        }
        for t in 16..80 {
            w[t] = (w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16]).rotate_left(1);
        }
        let [mut a, mut b, mut c, mut d, mut e] = h;
        for (t, wt) in w.iter().enumerate() {
            let (f, k) = match t {
                0..=19 => ((b & c) | (!b & d), 0x5a82_7999),
                20..=39 => (b ^ c ^ d, 0x6ed9_eba1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8f1b_bcdc),
                _ => (b ^ c ^ d, 0xca62_c1d6),
            };
            let next = a
                .rotate_left(5)
                .wrapping_add(f)
                .wrapping_add(e)
                .wrapping_add(k)
                .wrapping_add(*wt);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = next;
        }
        for (hi, v) in h.iter_mut().zip([a, b, c, d, e]) {
            *hi = hi.wrapping_add(v);
        }
    }
    let mut out = [0u8; 20];
    for (bytes, v) in out.chunks_exact_mut(4).zip(h) {
        bytes.copy_from_slice(&v.to_be_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    // FIPS 180-4 examples, and the padding edge (55, 56 and 64 bytes).
    #[test]
    fn sha1_known_answers() {
        assert_eq!(hex(&sha1(b"")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
        assert_eq!(
            hex(&sha1(b"abc")),
            "a9993e364706816aba3e25717850c26c9cd0d89d"
        );
        assert_eq!(
            hex(&sha1(
                b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
            )),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        );
        assert_eq!(
            hex(&sha1(&[b'a'; 55])),
            "c1c8bbdc22796e28c0e15163d20899b65621d65a"
        );
        assert_eq!(
            hex(&sha1(&[b'a'; 56])),
            "c2db330f6083854c99d4b5bfb6e8f29f201be699"
        );
        assert_eq!(
            hex(&sha1(&[b'a'; 64])),
            "0098ba824b5c16427bd7a1122a5a442a25ec644d"
        );
    }

    // RFC 9562 / Python's uuid.uuid5 give the same.
    #[test]
    fn v5_matches_other_implementations() {
        let dns = Uuid::parse("6ba7b810-9dad-11d1-80b4-00c04fd430c8").unwrap();
        assert_eq!(
            Uuid::v5(dns, "python.org").to_string(),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d"
        );
        assert_eq!(
            Uuid::of_url("https://example.org/fhir/Questionnaire/phq9").to_string(),
            "3b9e9612-cab7-5d54-9741-115600efa834"
        );
    }

    #[test]
    fn parse_accepts_only_the_hyphenated_form() {
        let u = Uuid::parse("0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B").unwrap();
        assert_eq!(u.to_string(), "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        assert_eq!(u.urn(), "urn:uuid:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");
        assert_eq!(Uuid::parse(&u.to_string()), Some(u));
        for bad in [
            "",
            "client-42",
            "0190a1b2c3d47e5f8a9b0c1d2e3f4a5b",
            "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g",
            "0190a1b2-c3d4-7e5f-8a9b+0c1d2e3f4a5b",
            "{0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5}",
            "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4aé",
        ] {
            assert_eq!(Uuid::parse(bad), None, "{bad}");
        }
    }
}
