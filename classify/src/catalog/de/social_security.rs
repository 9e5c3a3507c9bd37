//! DE_SOCIAL_SECURITY: the German pension insurance number
//! (Rentenversicherungsnummer): area number, birth date `DDMMYY` (day + 50
//! when the number would otherwise repeat), the initial of the birth name, a
//! serial and a check digit over the letter's position and the digits.

use super::{cross_sum, letter_digits};
use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, valid_date};

pub(in crate::catalog) static DE_SOCIAL_SECURITY: Recognizer = Recognizer {
    name: "de_social_security",
    country: "DE",
    entity: "DE_SOCIAL_SECURITY",
    patterns: &[Pattern {
        name: "rvnr",
        score: 0.5,
        regex: r"(?x)\b\d{2}\ ?\d{6}\ ?[A-Za-z]\ ?\d{3}\b   # area, DDMMYY, initial, serial, check",
    }],
    validator: Some(valid),
    checksum: true,
    context: &[
        "rentenversicherungsnummer",
        "sozialversicherungsnummer",
        "versicherungsnummer",
        "rvnr",
        "svnr",
        "sozialversicherung",
        "rente",
    ],
    min_ratio: 0.01,
    source: "Verordnung über die Versicherungsnummer (VKVV) § 2 and § 4: weights 2,1,2,5,7,1,2,1,2,1,2,1, digit sums, modulo 10",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let compact: Vec<u8> = s.bytes().filter(|b| *b != b' ').collect();
    let d = digits_of(s);
    if d.len() != 11 || compact.len() != 12 {
        return false;
    }
    let [dd, mm, yy] = digit_pairs(&d[2..]);
    let day = if dd > 50 { dd - 50 } else { dd };
    let [l1, l2] = letter_digits(compact[8]);
    let body = [d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], l1, l2, d[8], d[9]];
    valid_date(2000 + yy, mm, day) && cross_sum(&body, &[2, 1, 2, 5, 7, 1, 2, 1, 2, 1, 2, 1]) % 10 == u32::from(d[10])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_SOCIAL_SECURITY,
            &[
                ("15070649C103", Some("15070649C103")),
                ("RVNR 15 070649 C 103", Some("15 070649 C 103")),
                ("15070649C104", None),
                ("15071349C103", None),
                ("15070649D103", None),
            ],
        );
    }
}
