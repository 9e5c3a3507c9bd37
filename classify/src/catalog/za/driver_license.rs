//! ZA_DRIVER_LICENSE: South African driving licence numbers as eNaTIS
//! prints them: six to ten digits and two to five letters or digits, at
//! least one a letter, ten to fourteen characters in all. Shape only.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static ZA_DRIVER_LICENSE: Recognizer = Recognizer {
    name: "za_driver_license",
    country: "ZA",
    entity: "ZA_DRIVER_LICENSE",
    patterns: &[Pattern {
        name: "enatis",
        score: 0.1,
        regex: r"(?x)\b\d{6,10}[A-Z0-9]{2,5}\b   # digits, then letters or digits",
    }],
    validator: Some(|s| (10..=14).contains(&s.len()) && s.bytes().any(|b| b.is_ascii_uppercase())),
    context: &["licence", "license", "driving", "drivers", "enatis", "natis"],
    source: "eNaTIS driving licence card number layout (Road Traffic Act 93 of 1996)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ZA_DRIVER_LICENSE,
            &[("10060004567AB", Some("10060004567AB")), ("1006000456", None), ("123456A", None)],
        );
    }
}
