//! CRYPTO: cryptocurrency wallet addresses. Bitcoin legacy (Base58Check) and
//! SegWit (Bech32/Bech32m) addresses carry checksums that are verified;
//! Ethereum addresses are checked against EIP-55 when they are mixed-case.

use super::{Pattern, Recognizer};
use sha2::{Digest, Sha256};
use sha3::Keccak256;

pub(super) static CRYPTO: Recognizer = Recognizer {
    name: "crypto",
    country: "global",
    entity: "CRYPTO",
    patterns: &[
        Pattern {
            name: "btc_base58",
            score: 0.9,
            regex: r"(?x)\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b   # version 1 or 3, Base58 body",
        },
        Pattern {
            name: "btc_bech32",
            score: 0.9,
            regex: r"(?x)\bbc1[02-9ac-hj-np-z]{11,71}\b   # human-readable part bc, separator 1, data",
        },
        Pattern { name: "eth", score: 0.7, regex: r"(?x)\b0x[0-9A-Fa-f]{40}\b   # 0x and 20 bytes in hex" },
    ],
    validator: Some(valid),
    context: &["wallet", "btc", "bitcoin", "eth", "ethereum", "crypto", "address", "addr"],
    min_ratio: 0.01,
    source: "Bitcoin Base58Check (Bitcoin wiki), BIP-173 and BIP-350 (Bech32, Bech32m), EIP-55 (Ethereum checksum)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    if let Some(hex) = s.strip_prefix("0x") {
        eip55(hex)
    } else if s.starts_with("bc1") {
        bech32(s)
    } else {
        base58check(s)
    }
}

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// A 25-byte payload (version 0x00 or 0x05) whose last four bytes are the
/// first four of its double SHA-256.
fn base58check(s: &str) -> bool {
    let mut bytes = [0u8; 25];
    for c in s.bytes() {
        let Some(mut carry) = BASE58.iter().position(|&b| b == c).map(|v| v as u32) else {
            return false;
        };
        for b in bytes.iter_mut().rev() {
            carry += u32::from(*b) * 58;
            *b = (carry & 0xff) as u8;
            carry >>= 8;
        }
        if carry != 0 {
            return false;
        }
    }
    let leading_ones = s.bytes().take_while(|&c| c == b'1').count();
    let leading_zeros = bytes.iter().take_while(|&&b| b == 0).count();
    let (payload, check) = bytes.split_at(21);
    matches!(payload[0], 0x00 | 0x05)
        && leading_ones == leading_zeros
        && Sha256::digest(Sha256::digest(payload))[..4] == *check
}

/// BIP-173 polymod over the expanded human-readable part and the data; the
/// constant is 1 for Bech32 (witness v0) and 0x2bc830a3 for Bech32m (v1+).
fn bech32(s: &str) -> bool {
    const CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    const GEN: [u32; 5] = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
    let Some((hrp, data)) = s.rsplit_once('1') else {
        return false;
    };
    let Some(values) =
        data.bytes().map(|c| CHARSET.iter().position(|&x| x == c).map(|v| v as u32)).collect::<Option<Vec<_>>>()
    else {
        return false;
    };
    let expanded = hrp.bytes().map(|c| u32::from(c) >> 5).chain([0]).chain(hrp.bytes().map(|c| u32::from(c) & 31));
    let polymod = expanded.chain(values.iter().copied()).fold(1u32, |chk, v| {
        let top = chk >> 25;
        let mut chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
        chk
    });
    match values.first() {
        Some(0) => polymod == 1,
        Some(_) => polymod == 0x2bc830a3,
        None => false,
    }
}

/// EIP-55: in a mixed-case address, a letter is upper-case exactly when the
/// matching nibble of Keccak-256(lower-case hex) is 8 or more. Single-case
/// addresses carry no checksum and are accepted as they are.
fn eip55(hex: &str) -> bool {
    let has_upper = hex.bytes().any(|b| b.is_ascii_uppercase());
    let has_lower = hex.bytes().any(|b| b.is_ascii_lowercase());
    if !(has_upper && has_lower) {
        return true;
    }
    let hash = Keccak256::digest(hex.to_ascii_lowercase().as_bytes());
    hex.bytes().enumerate().all(|(i, c)| {
        let nibble = (hash[i / 2] >> if i % 2 == 0 { 4 } else { 0 }) & 0xf;
        !c.is_ascii_alphabetic() || c.is_ascii_uppercase() == (nibble >= 8)
    })
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::CRYPTO,
            &[
                ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", Some("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2")),
                ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", Some("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy")),
                ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", Some("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")),
                (
                    "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
                    Some("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0"),
                ),
                ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", Some("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")),
                ("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", Some("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")),
                ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3", None),
                ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", None),
                ("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", None),
                ("d41d8cd98f00b204e9800998ecf8427e", None),
            ],
        );
    }
}
