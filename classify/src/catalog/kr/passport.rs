//! KR_PASSPORT: Korean passport numbers: a type letter (M, S, R, O, D, G),
//! then eight digits, or since 2021 three digits, a letter and four digits.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static KR_PASSPORT: Recognizer = Recognizer {
    name: "kr_passport",
    country: "KR",
    entity: "KR_PASSPORT",
    patterns: &[
        Pattern { name: "kr_passport_2021", score: 0.3, regex: r"(?x)\b[MSRODG]\d{3}[A-Z]\d{4}\b   # since 2021" },
        Pattern { name: "kr_passport_old", score: 0.1, regex: r"(?x)\b[MSRODG]\d{8}\b   # before 2021" },
    ],
    context: &["passport", "여권", "travel"],
    source: "Ministry of Foreign Affairs (Korea), passport number formats (new format from 2021-12)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::KR_PASSPORT,
            &[("M123A4567", Some("M123A4567")), ("M12345678", Some("M12345678")), ("A123A4567", None)],
        );
    }
}
