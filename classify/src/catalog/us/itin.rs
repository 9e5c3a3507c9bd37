//! US_ITIN: Individual Taxpayer Identification Numbers, nine digits that
//! start with 9 and whose middle (group) digits fall in the ranges the IRS
//! assigns. There is no check digit, so the ranges are the validation.

use crate::catalog::{Pattern, Recognizer, consistent_separators};

pub(in crate::catalog) static US_ITIN: Recognizer = Recognizer {
    name: "us_itin",
    country: "US",
    entity: "US_ITIN",
    patterns: &[
        Pattern {
            name: "itin_separated",
            score: 0.5,
            regex: r"(?x)
                \b9\d{2}[\ -]                        # 9 and two digits
                (?:5\d|6[0-5]|7\d|8[0-8]|9[0-2]|9[4-9])    # group: 50-65, 70-88, 90-92, 94-99
                [\ -]\d{4}\b                          # serial",
        },
        Pattern {
            name: "itin_digits",
            score: 0.3,
            regex: r"(?x)\b9\d{2}(?:5\d|6[0-5]|7\d|8[0-8]|9[0-2]|9[4-9])\d{4}\b   # the same, unseparated",
        },
    ],
    validator: Some(consistent_separators),
    context: &["itin", "taxpayer", "tin", "tax"],
    source: "IRS, 'Individual Taxpayer Identification Number' (ITIN ranges: group 50-65, 70-88, 90-92, 94-99)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::US_ITIN,
            &[
                ("912-70-1234", Some("912-70-1234")),
                ("itin 999 94 0001", Some("999 94 0001")),
                ("912881234", Some("912881234")),
                ("912-93-1234", None),
                ("912-89-1234", None),
                ("812-70-1234", None),
                ("912-70 1234", None),
            ],
        );
    }
}
