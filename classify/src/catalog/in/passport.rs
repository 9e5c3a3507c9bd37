//! IN_PASSPORT: Indian passport numbers: a letter (not Q, X or Z), a digit
//! 1-9, five digits and a final digit 1-9. No check digit.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static IN_PASSPORT: Recognizer = Recognizer {
    name: "in_passport",
    country: "IN",
    entity: "IN_PASSPORT",
    patterns: &[Pattern {
        name: "in_passport",
        score: 0.1,
        regex: r"(?x)\b[A-PR-WY][1-9]\d\ ?\d{4}[1-9]\b   # letter, 7 digits",
    }],
    context: &["passport", "passports", "travel"],
    source: "Ministry of External Affairs (India), passport number format",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IN_PASSPORT,
            &[("A1234567", Some("A1234567")), ("Q1234567", None), ("A0234567", None), ("A1234560", None)],
        );
    }
}
