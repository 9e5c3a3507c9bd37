//! ZA_PASSPORT: South African passport numbers, a letter (A, D, M or T) and
//! eight digits. Shape only: a column name says passport.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static ZA_PASSPORT: Recognizer = Recognizer {
    name: "za_passport",
    country: "ZA",
    entity: "ZA_PASSPORT",
    patterns: &[Pattern { name: "za_passport", score: 0.1, regex: r"(?x)\b[ADMT]\d{8}\b   # letter, 8 digits" }],
    context: &["passport", "dha", "travel"],
    source: "Department of Home Affairs passport numbers: A, D, M or T and eight digits",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ZA_PASSPORT,
            &[("A12345678", Some("A12345678")), ("M00123456", Some("M00123456")), ("B12345678", None)],
        );
    }
}
