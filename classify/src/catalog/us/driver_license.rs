//! US_DRIVER_LICENSE: state driver license numbers. Each state has its own
//! format (a letter and 4 to 14 digits, two letters and digits, digits
//! alone, Florida's dashed groups); none has a public check digit, so
//! matches are weak and need a column name such as `dl_number`.

use crate::catalog::{Pattern, Recognizer, digits_of, repeated};

pub(in crate::catalog) static US_DRIVER_LICENSE: Recognizer = Recognizer {
    name: "us_driver_license",
    country: "US",
    entity: "US_DRIVER_LICENSE",
    patterns: &[
        Pattern {
            name: "dl_alphanumeric",
            score: 0.1,
            regex: r"(?x)
                \b(?:
                    [A-Z]{1,2}\d{4,14}                 # CA, IL, NJ, WA...: letters then digits
                  | [A-Z]\d{3}-\d{3}-\d{2}-\d{3}-\d    # FL, dashed
                  | [A-Z]\d{2}-\d{2}-\d{4}             # ... and shorter dashed forms
                )\b",
        },
        Pattern { name: "dl_digits", score: 0.02, regex: r"(?x)\b\d{7,9}\b   # NY, TX, PA...: digits only" },
    ],
    validator: Some(|s| !repeated(&digits_of(s))),
    context: &["driver", "drivers", "driving", "license", "licence", "dl", "dln", "permit"],
    source: "AAMVA DL/ID Card Design Standard, state license number formats (no public check digit)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::US_DRIVER_LICENSE,
            &[
                ("D1234567", Some("D1234567")),
                ("license S123-456-78-901-0", Some("S123-456-78-901-0")),
                ("123456789", Some("123456789")),
                ("1111111", None),
                ("ABC", None),
            ],
        );
    }
}
