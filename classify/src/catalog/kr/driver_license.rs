//! KR_DRIVER_LICENSE: Korean driver license numbers: a two-digit regional
//! code (11-28), the year of issue, a six-digit serial and two check digits.

use crate::catalog::{Pattern, Recognizer, consistent_separators};

pub(in crate::catalog) static KR_DRIVER_LICENSE: Recognizer = Recognizer {
    name: "kr_driver_license",
    country: "KR",
    entity: "KR_DRIVER_LICENSE",
    patterns: &[
        Pattern {
            name: "kr_dl_dashed",
            score: 0.4,
            regex: r"(?x)\b(?:1[1-9]|2[0-8])-\d{2}-\d{6}-\d{2}\b   # region-year-serial-check",
        },
        Pattern { name: "kr_dl_digits", score: 0.05, regex: r"(?x)\b(?:1[1-9]|2[0-8])\d{10}\b   # 12 digits" },
    ],
    validator: Some(consistent_separators),
    context: &["driver", "license", "licence", "운전면허", "driving"],
    source: "Road Traffic Act (Korea), driver license number layout (regional codes 11-28)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(&super::KR_DRIVER_LICENSE, &[("11-24-123456-62", Some("11-24-123456-62")), ("29-24-123456-62", None)]);
    }
}
