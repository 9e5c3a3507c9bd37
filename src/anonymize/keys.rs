//! The key behind `hash`, `tokenize` and `encrypt`: from `LAKEAUDIT_KEY` or
//! a key file (hex or base64, at least 32 bytes), never from the command
//! line, never printed. Each operator gets its own subkey, derived with
//! HMAC-SHA-256, so a hash never reveals a token and neither the AES key.

use crate::error::{Error, Result};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::path::Path;

/// The environment variable holding the key.
pub const KEY_VAR: &str = "LAKEAUDIT_KEY";
/// Bytes a key has at least.
const MIN_KEY_BYTES: usize = 32;

/// HMAC-SHA-256.
pub(crate) type HmacSha256 = Hmac<Sha256>;

/// The subkeys derived from one key; the HMAC ones keyed once, cloned per use.
pub struct Keys {
    pub(crate) hash: HmacSha256,
    pub(crate) token: HmacSha256,
    pub(crate) siv: [u8; 64],
    /// Identifies the key without revealing it (manifests record it, so a
    /// re-run with another key rewrites the copy).
    pub fingerprint: String,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Keys({})", self.fingerprint)
    }
}

impl Keys {
    /// The key of `--key-file`, else of `LAKEAUDIT_KEY`; `None` when neither is set.
    pub fn load(file: Option<&Path>) -> Result<Option<Self>> {
        let (text, origin) = match file {
            Some(path) => (
                crate::limits::read_input(path, "key file", crate::limits::KEY_FILE_BYTES)?,
                format!("key file {}", path.display()),
            ),
            None => match std::env::var(KEY_VAR) {
                Ok(v) => (v, KEY_VAR.to_owned()),
                Err(_) => return Ok(None),
            },
        };
        Self::parse(text.trim()).map(Some).map_err(|why| Error::Config(format!("{origin}: {why}")))
    }

    /// A warning when the key file at `path` can be read by other users.
    pub fn exposed(path: &Path) -> Option<String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).ok()?.permissions().mode();
            (mode & 0o077 != 0).then(|| {
                format!(
                    "key file {} can be read by other users (mode {:o}); chmod 600 it",
                    path.display(),
                    mode & 0o777
                )
            })
        }
        #[cfg(not(unix))]
        None
    }

    /// A key from its hex or base64 text.
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let bytes = if text.len().is_multiple_of(2) && text.bytes().all(|b| b.is_ascii_hexdigit()) {
            hex::decode(text).map_err(|e| e.to_string())?
        } else {
            base64::engine::general_purpose::STANDARD
                .decode(text)
                .or_else(|_| base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text))
                .map_err(|_| "the key is neither hex nor base64".to_owned())?
        };
        if bytes.len() < MIN_KEY_BYTES {
            return Err(format!("the key has {} bytes; at least {MIN_KEY_BYTES} are needed", bytes.len()));
        }
        let derive = |label: &str| -> [u8; 32] {
            let mut mac = <HmacSha256 as Mac>::new_from_slice(&bytes).expect("any key length");
            mac.update(label.as_bytes());
            mac.finalize().into_bytes().into()
        };
        let mut siv = [0u8; 64];
        siv[..32].copy_from_slice(&derive("lakeaudit encrypt 1"));
        siv[32..].copy_from_slice(&derive("lakeaudit encrypt 2"));
        let keyed = |label: &str| <HmacSha256 as Mac>::new_from_slice(&derive(label)).expect("any key length");
        Ok(Self {
            hash: keyed("lakeaudit hash"),
            token: keyed("lakeaudit tokenize"),
            siv,
            fingerprint: hex::encode(&derive("lakeaudit fingerprint")[..8]),
        })
    }

    /// The error for a policy that needs a key when none is set.
    pub fn missing(operators: &str) -> Error {
        Error::Config(format!(
            "the policy's {operators} operators need a key: set {KEY_VAR} (hex or base64, at least \
             {MIN_KEY_BYTES} bytes) or pass --key-file FILE"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_from_hex_or_base64_and_never_show() {
        let hex_key = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        let a = Keys::parse(hex_key).unwrap();
        let b64 = base64::engine::general_purpose::STANDARD.encode(hex::decode(hex_key).unwrap());
        let b = Keys::parse(&b64).unwrap();
        let out = |m: &HmacSha256| m.clone().finalize().into_bytes();
        assert_eq!((out(&a.hash), out(&a.token), a.fingerprint.clone()), (out(&b.hash), out(&b.token), b.fingerprint));
        assert_ne!(out(&a.hash), out(&a.token));
        assert!(!format!("{a:?}").contains("0011"));
        assert!(Keys::parse("00112233").unwrap_err().contains("4 bytes"));
        assert!(Keys::parse("not a key!").unwrap_err().contains("neither hex nor base64"));
    }
}
