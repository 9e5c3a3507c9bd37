//! PH_PASSPORT: Philippine passport numbers, `P1234567A` (since 2016) or
//! `EB1234567`. Shape only: a column name says passport.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static PH_PASSPORT: Recognizer = Recognizer {
    name: "ph_passport",
    country: "PH",
    entity: "PH_PASSPORT",
    patterns: &[Pattern {
        name: "ph_passport",
        score: 0.1,
        regex: r"(?x)\b(?:[A-Z]\d{7}[A-Z]|[A-Z]{2}\d{7})\b   # L7DL or LL7D",
    }],
    context: &["passport", "pasaporte", "dfa", "travel"],
    source: "Department of Foreign Affairs passport number formats (ePassport 2016: letter, 7 digits, letter)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::PH_PASSPORT,
            &[
                ("P1234567A", Some("P1234567A")),
                ("EB1234567", Some("EB1234567")),
                ("P12345678", None),
                ("PA123456", None),
            ],
        );
    }
}
