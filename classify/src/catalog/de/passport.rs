//! DE_PASSPORT: German passport numbers (Reisepassnummer): nine characters
//! from the letters ICAO keeps unambiguous (no A, B, D, E, I, O, Q, S, U)
//! and digits, the last the ICAO 9303 check digit of the first eight. The
//! first letter is C, F, G, H, J or K (L to Y start identity cards: see
//! [`super::id_card`]).

use super::icao_check;
use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static DE_PASSPORT: Recognizer = Recognizer {
    name: "de_passport",
    country: "DE",
    entity: "DE_PASSPORT",
    patterns: &[Pattern {
        name: "reisepass",
        score: 0.4,
        regex: r"(?x)\b[CFGHJK][CFGHJKLMNPRTVWXYZ0-9]{7}[0-9]\b   # 8 characters and a check digit",
    }],
    validator: Some(|s| {
        let b = s.as_bytes();
        b.len() == 9 && Some(icao_check(&b[..8])) == b[8].checked_sub(b'0')
    }),
    checksum: true,
    context: &["reisepass", "passnummer", "pass", "passport", "reisepassnummer", "dokumentennummer", "mrz"],
    min_ratio: 0.01,
    source: "Passgesetz § 4; ICAO Doc 9303 Part 3 check digit (weights 7, 3, 1; letters A=10 ... Z=35; modulo 10)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_PASSPORT,
            &[
                ("C01X00T41", Some("C01X00T41")),
                ("Reisepass C01X00T41", Some("C01X00T41")),
                ("C01X00T42", None),
                ("A01X00T41", None),
                ("L01X00T44", None),
            ],
        );
    }
}
