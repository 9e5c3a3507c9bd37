//! ES_PASSPORT: Spanish passport numbers: three letters and six digits.
//! No check digit: a column or nearby word naming the passport decides.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static ES_PASSPORT: Recognizer = Recognizer {
    name: "es_passport",
    country: "ES",
    entity: "ES_PASSPORT",
    patterns: &[Pattern {
        name: "pasaporte",
        score: 0.05,
        regex: r"(?x)\b[A-Z]{3}\d{6}\b   # three letters, six digits",
    }],
    context: &["pasaporte", "passport"],
    source: "Real Decreto 896/2003 (pasaporte ordinario); number format: 3 letters, 6 digits",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(&super::ES_PASSPORT, &[("PAA123456", Some("PAA123456")), ("PA1234567", None), ("PAAA12345", None)]);
    }
}
