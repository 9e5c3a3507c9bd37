//! IT_PASSPORT: Italian passport numbers, two letters and seven digits. No
//! check digit: a column name such as `passaporto` makes a match a finding.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static IT_PASSPORT: Recognizer = Recognizer {
    name: "it_passport",
    country: "IT",
    entity: "IT_PASSPORT",
    patterns: &[Pattern { name: "passaporto", score: 0.1, regex: r"(?x)\b[A-Z]{2}\d{7}\b   # 2 letters, 7 digits" }],
    context: &["passaporto", "passport", "passaporti"],
    source: "Polizia di Stato, passaporto elettronico: number of two letters and seven digits",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(&super::IT_PASSPORT, &[("YA1234567", Some("YA1234567")), ("YA12345678", None), ("Y1234567", None)]);
    }
}
