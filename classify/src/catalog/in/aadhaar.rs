//! IN_AADHAAR: Aadhaar numbers: twelve digits, the first 2-9, the last a
//! Verhoeff check digit.

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, verhoeff};

pub(in crate::catalog) static IN_AADHAAR: Recognizer = Recognizer {
    name: "in_aadhaar",
    country: "IN",
    entity: "IN_AADHAAR",
    patterns: &[
        Pattern { name: "aadhaar_grouped", score: 0.5, regex: r"(?x)\b[2-9]\d{3}[\ -]\d{4}[\ -]\d{4}\b   # 4 4 4" },
        Pattern { name: "aadhaar_digits", score: 0.3, regex: r"(?x)\b[2-9]\d{11}\b   # 12 digits" },
    ],
    validator: Some(|s| consistent_separators(s) && verhoeff(&digits_of(s))),
    checksum: true,
    context: &["aadhaar", "aadhar", "uid", "uidai"],
    min_ratio: 0.01,
    source: "UIDAI, Aadhaar number: 12 digits, first digit 2-9, Verhoeff check digit",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IN_AADHAAR,
            &[
                ("234567890124", Some("234567890124")),
                ("aadhaar 4991 1865 0920", Some("4991 1865 0920")),
                ("234567890125", None),
                ("134567890124", None),
            ],
        );
    }
}
