//! KR_RRN: Korean Resident Registration Numbers (주민등록번호). Numbers
//! issued since October 2020 carry random final digits, so the historical
//! check digit is not required; the birth date and class digit are.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static KR_RRN: Recognizer = Recognizer {
    name: "kr_rrn",
    country: "KR",
    entity: "KR_RRN",
    patterns: &[
        Pattern { name: "rrn_dashed", score: 0.5, regex: r"(?x)\b\d{6}-[0-49]\d{6}\b   # YYMMDD-SXXXXXX" },
        Pattern { name: "rrn_digits", score: 0.2, regex: r"(?x)\b\d{6}[0-49]\d{6}\b   # 13 digits" },
    ],
    validator: Some(|s| super::class_digit(s).is_some_and(|c| matches!(c, 1..=4 | 9 | 0))),
    context: &["rrn", "resident", "registration", "jumin", "주민등록번호"],
    source: "Resident Registration Act (Korea), number layout; random serials since 2020-10",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::KR_RRN,
            &[
                ("850101-1234566", Some("850101-1234566")),
                ("0412314123459", Some("0412314123459")),
                ("851301-1234566", None),
                ("850101-5234566", None),
            ],
        );
    }
}
