//! SE_PASSPORT_NUMBER: Swedish passport numbers, eight digits. Shape only:
//! a column name says passport.

use crate::catalog::{Pattern, Recognizer, digits_of, repeated};

pub(in crate::catalog) static SE_PASSPORT_NUMBER: Recognizer = Recognizer {
    name: "se_passport",
    country: "SE",
    entity: "SE_PASSPORT_NUMBER",
    patterns: &[Pattern { name: "se_passport", score: 0.05, regex: r"(?x)\b\d{8}\b   # eight digits" }],
    validator: Some(|s| !repeated(&digits_of(s))),
    context: &["passport", "pass", "passnummer", "passeport"],
    source: "Polisen, Swedish passport: eight-digit document number",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(&super::SE_PASSPORT_NUMBER, &[("87654321", Some("87654321")), ("11111111", None), ("876543210", None)]);
    }
}
