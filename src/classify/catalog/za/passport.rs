//! ZA_PASSPORT: South African passport numbers, a letter (A, D, M or T) and
//! eight digits. Shape only: a column name says passport.

use crate::classify::catalog::{Method, Pattern, Recognizer};

pub(in crate::classify::catalog) static ZA_PASSPORT: Recognizer = Recognizer {
    name: "za_passport",
    country: "ZA",
    entity: "ZA_PASSPORT",
    method: Method::Pattern,
    patterns: &[Pattern {
        name: "za_passport",
        score: 0.1,
        regex: r"(?x)(?-u:\b)[ADMT]\d{8}(?-u:\b)   # letter, 8 digits",
    }],
    validator: None,
    narrow: None,
    checksum: false,
    context: &["passport", "dha", "travel"],
    not_context: &[],
    min_ratio: 0.05,
    source: "Department of Home Affairs passport numbers: A, D, M or T and eight digits",
};

#[cfg(test)]
mod tests {
    use crate::classify::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ZA_PASSPORT,
            &[("A12345678", Some("A12345678")), ("M00123456", Some("M00123456")), ("B12345678", None)],
        );
    }
}
