//! UK_PASSPORT: British passport numbers as HM Passport Office has issued
//! them since 2015: two letters and seven digits. Italian passports have
//! the same shape and no check digit either: a column or nearby word
//! naming the document, and a country code in the name, decide.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static UK_PASSPORT: Recognizer = Recognizer {
    name: "uk_passport",
    country: "UK",
    entity: "UK_PASSPORT",
    patterns: &[Pattern { name: "hmpo", score: 0.1, regex: r"(?x)\b[A-Z]{2}\d{7}\b   # two letters, seven digits" }],
    context: &["passport", "hmpo", "travel"],
    source: "HM Passport Office passport number format (2 letters, 7 digits, from 2015)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(&super::UK_PASSPORT, &[("AB1234567", Some("AB1234567")), ("A12345678", None), ("AB123456", None)]);
    }
}
