//! DE_HEALTH_INSURANCE: the German statutory health insurance number
//! (Krankenversichertennummer, unchangeable part): a letter, eight digits
//! and a check digit over the letter's position and the digits.

use super::{cross_sum, letter_digits};
use crate::catalog::{Pattern, Recognizer, digits_of};

pub(in crate::catalog) static DE_HEALTH_INSURANCE: Recognizer = Recognizer {
    name: "de_health_insurance",
    country: "DE",
    entity: "DE_HEALTH_INSURANCE",
    patterns: &[Pattern { name: "kvnr", score: 0.3, regex: r"(?x)\b[A-Z]\d{9}\b   # letter, 8 digits, check" }],
    validator: Some(valid),
    checksum: true,
    context: &[
        "kvnr",
        "krankenversichertennummer",
        "krankenversicherungsnummer",
        "versichertennummer",
        "krankenkasse",
        "gesundheitskarte",
        "egk",
        "health",
        "insurance",
    ],
    min_ratio: 0.01,
    source: "§ 290 SGB V with GKV-Spitzenverband 'Richtlinien Krankenversichertennummer', Anlage 1: weights 1,2,..., digit sums, modulo 10",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    let Some(&first) = s.as_bytes().first().filter(|c| c.is_ascii_alphabetic()) else { return false };
    if d.len() != 9 {
        return false;
    }
    let [l1, l2] = letter_digits(first);
    let body = [l1, l2, d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]];
    cross_sum(&body, &[1, 2, 1, 2, 1, 2, 1, 2, 1, 2]) % 10 == u32::from(d[8])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_HEALTH_INSURANCE,
            &[
                ("A000500015", Some("A000500015")),
                ("KVNR: A000500015", Some("A000500015")),
                ("A000500016", None),
                ("B000500015", None),
            ],
        );
    }
}
