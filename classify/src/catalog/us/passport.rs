//! US_PASSPORT: passport book numbers, nine digits, or a letter and eight
//! digits for the Next Generation Passport. No check digit, so a match is
//! weak on its own and needs a column name such as `passport_no`.

use crate::catalog::{Pattern, Recognizer, digits_of, repeated};

pub(in crate::catalog) static US_PASSPORT: Recognizer = Recognizer {
    name: "us_passport",
    country: "US",
    entity: "US_PASSPORT",
    patterns: &[
        Pattern { name: "passport_next_gen", score: 0.1, regex: r"(?x)\b[A-Z]\d{8}\b   # letter and 8 digits" },
        Pattern { name: "passport_digits", score: 0.05, regex: r"(?x)\b\d{9}\b   # 9 digits" },
    ],
    validator: Some(|s| !repeated(&digits_of(s))),
    context: &["passport", "passports", "travel", "ppt"],
    source: "US Department of State, passport book number formats (9 digits; Next Generation Passport: letter + 8 digits, 2021)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::US_PASSPORT,
            &[
                ("A12345678", Some("A12345678")),
                ("passport 912345678", Some("912345678")),
                ("111111111", None),
                ("AB1234567", None),
                ("A123456789", None),
            ],
        );
    }
}
