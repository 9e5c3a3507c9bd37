//! Synthetic credentials in each vendor's published shape: random bodies
//! from the seeded generator, valid for nothing.

use crate::values::{BASE64URL, Rng};

const B62: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn base64url(bytes: &[u8]) -> String {
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

/// An AWS access key ID.
pub fn aws_access_key(r: &mut Rng) -> String {
    format!("{}{}", r.pick(&["AKIA", "ASIA"]), r.letters(16, b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"))
}

/// An AWS secret access key.
pub fn aws_secret_key(r: &mut Rng) -> String {
    r.letters(40, b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+")
}

/// A GitHub personal access token.
pub fn github_token(r: &mut Rng) -> String {
    format!("{}_{}", r.pick(&["ghp", "gho", "ghs"]), r.letters(36, B62))
}

/// A Slack bot token.
pub fn slack_token(r: &mut Rng) -> String {
    format!("xoxb-{}-{}-{}", r.digits(11), r.digits(13), r.letters(24, B62))
}

/// A Stripe secret key.
pub fn stripe_key(r: &mut Rng) -> String {
    format!("sk_{}_{}", r.pick(&["live", "test"]), r.letters(24, B62))
}

/// A Google API key.
pub fn google_api_key(r: &mut Rng) -> String {
    format!("AIza{}", r.letters(35, b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
}

/// A signed JWT for a made-up subject.
pub fn jwt(r: &mut Rng) -> String {
    let header = base64url(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = base64url(
        format!(r#"{{"sub":"user-{}","iat":{}}}"#, r.range(1, 99999), r.range(1_700_000_000, 1_800_000_000)).as_bytes(),
    );
    let signature: Vec<u8> = (0..32).map(|_| r.range(0, 255) as u8).collect();
    format!("{header}.{payload}.{}", base64url(&signature))
}

/// A PEM block with a random body.
pub fn private_key(r: &mut Rng) -> String {
    let kind = r.pick(&["RSA ", "EC ", ""]);
    let body: Vec<u8> = (0..96).map(|_| r.range(0, 255) as u8).collect();
    format!("-----BEGIN {kind}PRIVATE KEY-----\n{}\n-----END {kind}PRIVATE KEY-----", base64url(&body))
}

/// A database URL with its password inline.
pub fn database_url(r: &mut Rng) -> String {
    format!(
        "{}://app:{}@db{}.example.com:5432/prod",
        r.pick(&["postgres", "mysql", "mongodb"]),
        r.letters(14, B62),
        r.range(1, 9)
    )
}
