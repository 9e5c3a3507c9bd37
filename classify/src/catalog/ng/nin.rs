//! NG_NIN: the Nigerian National Identification Number: eleven digits, the
//! last a Verhoeff check digit. Bare digits look like many other numbers, so
//! a column needs a name that says NIN before it is reported.

use crate::catalog::{Pattern, Recognizer, digits_of, verhoeff};

pub(in crate::catalog) static NG_NIN: Recognizer = Recognizer {
    name: "ng_nin",
    country: "NG",
    entity: "NG_NIN",
    patterns: &[Pattern { name: "nin", score: 0.05, regex: r"(?x)\b\d{11}\b   # eleven digits" }],
    validator: Some(|s| verhoeff(&digits_of(s))),
    checksum: true,
    context: &["nin", "nimc", "national", "identification", "identity"],
    min_ratio: 0.01,
    source: "National Identity Management Commission (NIMC), NIN: 11 digits with a Verhoeff check digit (as Presidio's NgNinRecognizer validates)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::NG_NIN,
            &[
                ("12345678902", Some("12345678902")),
                ("nin 12345678902.", Some("12345678902")),
                ("12345678901", None),
                ("1234567890", None),
            ],
        );
    }
}
