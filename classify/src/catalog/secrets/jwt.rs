//! JWT: JSON Web Tokens (RFC 7519) in compact form: base64url header,
//! payload and signature. A candidate is a JWT when its header decodes to a
//! JSON object naming an algorithm; unsigned (`alg: none`) tokens count too,
//! since their claims are just as exposed.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static JWT: Recognizer = Recognizer {
    name: "jwt",
    country: "global",
    entity: "JWT",
    patterns: &[Pattern {
        name: "jwt_compact",
        score: 0.8,
        regex: r"(?x)\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*",
    }],
    validator: Some(valid),
    context: &["jwt", "token", "bearer", "authorization", "auth", "session", "idtoken"],
    min_ratio: 0.01,
    source: "RFC 7519 (JSON Web Token), RFC 7515 section 7.1 (compact serialization)",
    secret: true,
    ..Recognizer::DEFAULT
};

/// Decodes unpadded base64url (RFC 4648 section 5).
fn base64url(s: &str) -> Option<Vec<u8>> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in s.bytes() {
        acc = (acc << 6) | u32::from(value(c)?);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

fn valid(s: &str) -> bool {
    let header = s.split('.').next().and_then(base64url);
    header.and_then(|h| serde_json::from_slice::<serde_json::Value>(&h).ok()).is_some_and(|h| h.get("alg").is_some())
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    // Header {"alg":"HS256","typ":"JWT"}, payload {"sub":"1234567890","name":"Jo Doe"}.
    const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvIERvZSJ9.c2lnbmF0dXJlLW5vdC1jaGVja2Vk";

    #[test]
    fn table() {
        check(
            &super::JWT,
            &[
                (TOKEN, Some(TOKEN)),
                (
                    "Authorization: Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
                    Some("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."),
                ),
                ("eyJub3RhbGciOjF9.eyJzdWIiOiJ4In0.c2ln", None),
                ("eyJhbGciOiJIUzI1.eyJzd", None),
            ],
        );
    }
}
