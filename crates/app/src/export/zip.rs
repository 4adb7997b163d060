//! A ZIP archive of stored (uncompressed) files: what the export needs and nothing more, so no
//! dependency. The export is a few hundred kilobytes of text; the format is APPNOTE 6.3.10
//! §4.3 (local headers, the central directory, its end record), UTF-8 names (bit 11).

use chrono::{DateTime, Datelike, Timelike, Utc};
use rapport_core::export::File;

/// The archive of `files`, each dated `at`.
pub(super) fn write(files: &[File], at: DateTime<Utc>) -> Vec<u8> {
    let (time, date) = dos_time(at);
    let mut out = Vec::new();
    let mut central = Vec::new();
    for f in files {
        let offset = len32(out.len());
        let crc = crc32(&f.bytes);
        let size = len32(f.bytes.len());
        let name = f.name.as_bytes();
        // Local file header.
        out.extend(0x0403_4b50u32.to_le_bytes());
        out.extend(20u16.to_le_bytes()); // version needed: 2.0
        out.extend(0x0800u16.to_le_bytes()); // flags: UTF-8 names
        out.extend(0u16.to_le_bytes()); // method: stored
        out.extend(time.to_le_bytes());
        out.extend(date.to_le_bytes());
        out.extend(crc.to_le_bytes());
        out.extend(size.to_le_bytes()); // compressed
        out.extend(size.to_le_bytes()); // uncompressed
        out.extend(len16(name.len()).to_le_bytes());
        out.extend(0u16.to_le_bytes()); // extra field
        out.extend(name);
        out.extend(&f.bytes);
        // Its central directory entry.
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(0x031eu16.to_le_bytes()); // made by: Unix, 3.0
        central.extend(20u16.to_le_bytes());
        central.extend(0x0800u16.to_le_bytes());
        central.extend(0u16.to_le_bytes());
        central.extend(time.to_le_bytes());
        central.extend(date.to_le_bytes());
        central.extend(crc.to_le_bytes());
        central.extend(size.to_le_bytes());
        central.extend(size.to_le_bytes());
        central.extend(len16(name.len()).to_le_bytes());
        central.extend(0u16.to_le_bytes()); // extra field
        central.extend(0u16.to_le_bytes()); // comment
        central.extend(0u16.to_le_bytes()); // disk
        central.extend(0u16.to_le_bytes()); // internal attributes
        central.extend((0o100_600u32 << 16).to_le_bytes()); // a regular file, rw-------
        central.extend(offset.to_le_bytes());
        central.extend(name);
    }
    let central_at = len32(out.len());
    let central_len = len32(central.len());
    out.extend(central);
    let count = len16(files.len());
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // this disk
    out.extend(0u16.to_le_bytes()); // the directory's disk
    out.extend(count.to_le_bytes());
    out.extend(count.to_le_bytes());
    out.extend(central_len.to_le_bytes());
    out.extend(central_at.to_le_bytes());
    out.extend(0u16.to_le_bytes()); // comment
    out
}

// An export never nears 4 GiB or 65,535 files (ZIP64 would be needed); saturate rather than wrap.
fn len32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn len16(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// MS-DOS time and date (2-second steps, years from 1980).
fn dos_time(at: DateTime<Utc>) -> (u16, u16) {
    let year = u16::try_from(at.year().clamp(1980, 2107) - 1980).unwrap_or(0);
    let time = ((at.hour() << 11) | (at.minute() << 5) | (at.second() / 2)) as u16;
    let date = (year << 9) | ((at.month() << 5) | at.day()) as u16;
    (time, date)
}

/// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as ZIP uses it.
pub(super) fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_the_check_string() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn an_archive_has_its_files_and_ends_with_the_directory() {
        let files = vec![File {
            name: "a.txt",
            bytes: b"hello".to_vec(),
        }];
        let zip = write(&files, DateTime::<Utc>::UNIX_EPOCH);
        assert_eq!(&zip[..4], b"PK\x03\x04");
        assert_eq!(&zip[30..35], b"a.txt");
        assert_eq!(&zip[35..40], b"hello");
        assert_eq!(&zip[zip.len() - 22..zip.len() - 18], b"PK\x05\x06");
    }
}
