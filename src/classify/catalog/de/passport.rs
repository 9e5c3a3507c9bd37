//! DE_PASSPORT: German passport numbers (Reisepassnummer): nine characters
//! from the letters ICAO keeps unambiguous (no A, B, D, E, I, O, Q, S, U)
//! and digits, the last the ICAO 9303 check digit of the first eight.

use crate::classify::catalog::{Method, Pattern, Profile, Recognizer};

pub(in crate::classify::catalog) static DE_PASSPORT: Recognizer = Recognizer {
    name: "de_passport",
    country: "DE",
    entity: "DE_PASSPORT",
    method: Method::Pattern,
    patterns: &[Pattern {
        name: "reisepass",
        score: 0.4,
        regex: r"(?x)(?-u:\b)[CFGHJKLMNPRTVWXYZ][CFGHJKLMNPRTVWXYZ0-9]{7}[0-9](?-u:\b)   # 8 characters and a check digit",
    }],
    validator: Some(|s| icao_check(&s.as_bytes()[..8]) == s.as_bytes()[8] - b'0'),
    checksum: true,
    context: &["reisepass", "passnummer", "pass", "passport", "reisepassnummer", "dokumentennummer", "mrz"],
    not_context: &[],
    min_ratio: 0.05,
    gate: |p: &Profile| p.digits >= 1 && p.len >= 9,
    source: "Passgesetz § 4; ICAO Doc 9303 Part 3 check digit (weights 7, 3, 1; letters A=10 ... Z=35; modulo 10)",
};

/// ICAO Doc 9303 check digit of `chars` (digits and capital letters).
fn icao_check(chars: &[u8]) -> u8 {
    let value = |c: u8| if c.is_ascii_digit() { u32::from(c - b'0') } else { u32::from(c - b'A') + 10 };
    (chars.iter().zip([7, 3, 1].iter().cycle()).map(|(&c, w)| value(c) * w).sum::<u32>() % 10) as u8
}

#[cfg(test)]
mod tests {
    use crate::classify::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_PASSPORT,
            &[
                ("C01X00T41", Some("C01X00T41")),
                ("Reisepass C01X00T41", Some("C01X00T41")),
                ("C01X00T42", None),
                ("A01X00T41", None),
            ],
        );
    }
}
