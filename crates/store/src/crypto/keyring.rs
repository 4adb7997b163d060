use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, OsRng, Payload};
use chacha20poly1305::{AeadCore, XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::Zeroizing;

use crate::{Error, Result};

const VERSION: &str = "v1";
const NONCE_LEN: usize = 24;

struct Key {
    id: String,
    bytes: Zeroizing<[u8; 32]>,
}

impl Key {
    fn generate() -> Key {
        let mut bytes = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(bytes.as_mut());
        let mut id = [0u8; 4];
        OsRng.fill_bytes(&mut id);
        Key {
            id: id.iter().map(|b| format!("{b:02x}")).collect(),
            bytes,
        }
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(self.bytes.as_ref().into())
    }

    fn line(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("{} {}\n", self.id, B64.encode(self.bytes.as_ref())))
    }
}

/// Where the keys come from: a file (re-read when a value names a key we do not hold yet,
/// which is how a running server learns of a rotation) or fixed text from the environment.
enum Source {
    File(PathBuf),
    Fixed,
}

/// The keys that seal and open encrypted fields. The last key is the active one.
pub struct Keyring {
    keys: RwLock<Vec<Key>>,
    source: Source,
}

impl std::fmt::Debug for Keyring {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Keyring(<redacted>)")
    }
}

impl Keyring {
    /// Reads the key file, or creates it (mode 0600) with one new key when it is missing.
    pub fn load_or_create(path: &Path) -> Result<Keyring> {
        if !path.exists() {
            let key = Key::generate();
            write_new_file(path, &key.line())?;
            tracing::info!(path = %path.display(), "created a new encryption key file");
        }
        check_permissions(path)?;
        let keys = read_file(path)?;
        Ok(Keyring {
            keys: RwLock::new(keys),
            source: Source::File(path.to_path_buf()),
        })
    }

    /// Keys given as text (`RAPPORT_KEYS`): lines of `<id> <base64 key>`, last one active.
    pub fn from_text(text: &str) -> Result<Keyring> {
        let keys = parse(text, "RAPPORT_KEYS")?;
        Ok(Keyring {
            keys: RwLock::new(keys),
            source: Source::Fixed,
        })
    }

    /// A keyring with one fresh key held in memory only (tests, throw-away demos).
    pub fn ephemeral() -> Keyring {
        Keyring {
            keys: RwLock::new(vec![Key::generate()]),
            source: Source::Fixed,
        }
    }

    pub fn active_key_id(&self) -> String {
        self.keys
            .read()
            .map(|k| k.last().map(|k| k.id.clone()).unwrap_or_default())
            .unwrap_or_default()
    }

    /// Seals `plaintext` for one cell: `table.column` of the row `row_id`.
    pub fn seal(&self, table: &str, column: &str, row_id: &str, plaintext: &str) -> Result<String> {
        let keys = self
            .keys
            .read()
            .map_err(|_| Error::Decrypt("key store poisoned".into()))?;
        let key = keys
            .last()
            .ok_or_else(|| Error::Decrypt("no encryption key".into()))?;
        let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
        let aad = associated_data(table, column, row_id);
        let ct = key
            .cipher()
            .encrypt(
                &nonce,
                Payload {
                    msg: plaintext.as_bytes(),
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Error::Decrypt("encryption failed".into()))?;
        let mut blob = Vec::with_capacity(NONCE_LEN + ct.len());
        blob.extend_from_slice(&nonce);
        blob.extend_from_slice(&ct);
        Ok(format!("{VERSION}:{}:{}", key.id, B64.encode(blob)))
    }

    /// Opens a value sealed by `seal` for the same cell.
    pub fn open(&self, table: &str, column: &str, row_id: &str, sealed: &str) -> Result<String> {
        let (key_id, blob) = split(sealed)?;
        if !self.has_key(key_id) {
            self.reload()?;
        }
        let keys = self
            .keys
            .read()
            .map_err(|_| Error::Decrypt("key store poisoned".into()))?;
        let key = keys
            .iter()
            .find(|k| k.id == key_id)
            .ok_or_else(|| Error::Decrypt(format!("unknown key {key_id}")))?;
        if blob.len() < NONCE_LEN {
            return Err(Error::Decrypt("value too short".into()));
        }
        let (nonce, ct) = blob.split_at(NONCE_LEN);
        let aad = associated_data(table, column, row_id);
        let plain = key
            .cipher()
            .decrypt(
                XNonce::from_slice(nonce),
                Payload {
                    msg: ct,
                    aad: aad.as_bytes(),
                },
            )
            .map_err(|_| Error::Decrypt(format!("{table}.{column} of {row_id}")))?;
        String::from_utf8(plain).map_err(|_| Error::Decrypt("not text".into()))
    }

    /// The key id a sealed value names, if it is one of ours.
    pub fn key_id_of(sealed: &str) -> Option<&str> {
        split(sealed).ok().map(|(id, _)| id)
    }

    /// Adds a new active key and writes it to the key file (atomically, mode 0600), keeping
    /// the old keys so that values not yet re-sealed still open.
    pub fn add_key(&self) -> Result<String> {
        let key = Key::generate();
        let id = key.id.clone();
        if let Source::File(path) = &self.source {
            let mut text = Zeroizing::new(String::new());
            for k in self
                .keys
                .read()
                .map_err(|_| Error::Decrypt("key store poisoned".into()))?
                .iter()
            {
                text.push_str(&k.line());
            }
            text.push_str(&key.line());
            replace_file(path, &text)?;
        }
        self.keys
            .write()
            .map_err(|_| Error::Decrypt("key store poisoned".into()))?
            .push(key);
        Ok(id)
    }

    fn has_key(&self, id: &str) -> bool {
        self.keys
            .read()
            .map(|k| k.iter().any(|k| k.id == id))
            .unwrap_or(false)
    }

    /// Re-reads the key file (a running server calls this now and then to learn of a
    /// rotation before it meets a value sealed with the new key).
    pub fn reload(&self) -> Result<()> {
        if let Source::File(path) = &self.source {
            let keys = read_file(path)?;
            *self
                .keys
                .write()
                .map_err(|_| Error::Decrypt("key store poisoned".into()))? = keys;
        }
        Ok(())
    }

    /// A secret of 32 bytes for one `purpose` (say `unsubscribe`), derived from the first
    /// (oldest) key, so that it stays the same across key rotations while that key stays in
    /// the file: SHA-256 over a fixed label, the purpose and the key. Never the key itself.
    pub fn derive_secret(&self, purpose: &str) -> Result<Zeroizing<[u8; 32]>> {
        use sha2::{Digest, Sha256};
        let keys = self
            .keys
            .read()
            .map_err(|_| Error::Decrypt("key store poisoned".into()))?;
        let key = keys
            .first()
            .ok_or_else(|| Error::Decrypt("no key".into()))?;
        let mut h = Sha256::new();
        h.update(b"rapport/derive/v1\0");
        h.update(purpose.as_bytes());
        h.update(b"\0");
        h.update(key.bytes.as_ref());
        let mut out = Zeroizing::new([0u8; 32]);
        out.copy_from_slice(&h.finalize());
        Ok(out)
    }
}

fn associated_data(table: &str, column: &str, row_id: &str) -> String {
    format!("rapport/{VERSION}/{table}/{column}/{row_id}")
}

fn split(sealed: &str) -> Result<(&str, Vec<u8>)> {
    let mut parts = sealed.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(VERSION), Some(id), Some(b64)) => {
            let blob = B64
                .decode(b64)
                .map_err(|_| Error::Decrypt("bad encoding".into()))?;
            Ok((id, blob))
        }
        _ => Err(Error::Decrypt("not a sealed value".into())),
    }
}

fn parse(text: &str, origin: &str) -> Result<Vec<Key>> {
    let bad = |message: &str| Error::KeyFile {
        path: origin.to_string(),
        message: message.into(),
    };
    let mut keys = Vec::new();
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (id, b64) = line
            .split_once(' ')
            .ok_or_else(|| bad("each line is `<id> <base64 key>`"))?;
        let raw = Zeroizing::new(
            B64.decode(b64.trim())
                .map_err(|_| bad("a key is not base64"))?,
        );
        let bytes: [u8; 32] = raw
            .as_slice()
            .try_into()
            .map_err(|_| bad("a key is not 32 bytes"))?;
        keys.push(Key {
            id: id.to_string(),
            bytes: Zeroizing::new(bytes),
        });
    }
    if keys.is_empty() {
        return Err(bad("holds no key"));
    }
    Ok(keys)
}

fn read_file(path: &Path) -> Result<Vec<Key>> {
    let text = Zeroizing::new(fs::read_to_string(path).map_err(|e| Error::KeyFile {
        path: path.display().to_string(),
        message: e.to_string(),
    })?);
    parse(&text, &path.display().to_string())
}

fn open_options() -> fs::OpenOptions {
    let mut o = fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o
}

fn write_new_file(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let mut f = open_options().open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()?;
    Ok(())
}

fn replace_file(path: &Path, text: &str) -> Result<()> {
    let tmp = path.with_extension("new");
    let _ = fs::remove_file(&tmp);
    write_new_file(&tmp, text)?;
    fs::rename(&tmp, path)?;
    Ok(())
}

fn check_permissions(path: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            return Err(Error::KeyFile {
                path: path.display().to_string(),
                message: format!(
                    "is readable by other users (mode {:o}); run `chmod 600` on it",
                    mode & 0o777
                ),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seals_and_opens_only_in_its_own_cell() {
        let ring = Keyring::ephemeral();
        let sealed = ring
            .seal("notes", "body", "r1", "I felt low on Sunday")
            .unwrap();
        assert!(!sealed.contains("Sunday"));
        assert_eq!(
            ring.open("notes", "body", "r1", &sealed).unwrap(),
            "I felt low on Sunday"
        );
        assert!(ring.open("notes", "body", "r2", &sealed).is_err());
        assert!(ring.open("notes", "title", "r1", &sealed).is_err());
        assert!(ring.open("notes", "body", "r1", "v1:zz:AAAA").is_err());
        assert!(ring.open("notes", "body", "r1", "plain").is_err());
    }

    #[test]
    fn same_text_seals_differently_each_time() {
        let ring = Keyring::ephemeral();
        let a = ring.seal("t", "c", "r", "same").unwrap();
        let b = ring.seal("t", "c", "r", "same").unwrap();
        assert_ne!(a, b);
    }

    #[test]
    fn key_file_is_private_and_rotation_keeps_old_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rapport.key");
        let ring = Keyring::load_or_create(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o600
            );
        }
        let old = ring.seal("t", "c", "r", "before").unwrap();
        let old_id = ring.active_key_id();
        let new_id = ring.add_key().unwrap();
        assert_ne!(old_id, new_id);
        assert_eq!(
            Keyring::key_id_of(&ring.seal("t", "c", "r", "x").unwrap()),
            Some(new_id.as_str())
        );
        // Another process (a running server) that loaded the file before the rotation
        // learns the new key when it first meets a value sealed with it.
        let reopened = Keyring::load_or_create(&path).unwrap();
        assert_eq!(reopened.open("t", "c", "r", &old).unwrap(), "before");
        assert_eq!(reopened.active_key_id(), new_id);
    }

    #[test]
    fn a_world_readable_key_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("k");
        Keyring::load_or_create(&path).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
            assert!(Keyring::load_or_create(&path).is_err());
        }
    }
}
