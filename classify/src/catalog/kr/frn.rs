//! KR_FRN: Korean Foreigner Registration Numbers (외국인등록번호): the RRN
//! layout with a class digit 5-8.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static KR_FRN: Recognizer = Recognizer {
    name: "kr_frn",
    country: "KR",
    entity: "KR_FRN",
    patterns: &[
        Pattern { name: "frn_dashed", score: 0.5, regex: r"(?x)\b\d{6}-[5-8]\d{6}\b   # YYMMDD-SXXXXXX" },
        Pattern { name: "frn_digits", score: 0.2, regex: r"(?x)\b\d{6}[5-8]\d{6}\b   # 13 digits" },
    ],
    validator: Some(|s| super::class_digit(s).is_some()),
    context: &["frn", "foreigner", "alien", "registration", "외국인등록번호"],
    source: "Immigration Act (Korea), foreigner registration number layout",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::KR_FRN,
            &[("900515-5678901", Some("900515-5678901")), ("900515-1678901", None), ("903515-5678901", None)],
        );
    }
}
