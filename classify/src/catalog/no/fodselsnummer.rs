//! NO_FODSELSNUMMER: the Norwegian national identity number
//! (fødselsnummer, and the D-numbers of people living there for a while):
//! the birth date (a D-number adds 4 to the day's first digit, an H-number
//! to the month's), a three-digit individual number, and two check digits,
//! each a weighted sum modulo 11.

use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, valid_date, weighted};

pub(in crate::catalog) static NO_FODSELSNUMMER: Recognizer = Recognizer {
    name: "no_fodselsnummer",
    country: "NO",
    entity: "NO_FODSELSNUMMER",
    patterns: &[Pattern {
        name: "fodselsnummer",
        score: 0.5,
        regex: r"(?x)\b\d{6}\ ?\d{5}\b   # birth date, individual number, two check digits: 050946 24748",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["fodselsnummer", "fødselsnummer", "fnr", "personnummer", "dnummer", "ssn"],
    min_ratio: 0.01,
    source: "Skatteetaten, fødselsnummer and D-nummer: two modulo 11 check digits (weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2)",
    ..Recognizer::DEFAULT
};

/// A check digit over `digits` with `weights`: 11 less the sum modulo 11,
/// 11 read as 0; `None` for 10, which no number is given.
fn check(digits: &[u8], weights: &[u32]) -> Option<u8> {
    match 11 - weighted(digits, weights) % 11 {
        11 => Some(0),
        10 => None,
        k => Some(k as u8),
    }
}

fn valid(s: &str) -> bool {
    let digits = digits_of(s);
    if digits.len() != 11 {
        return false;
    }
    let [day, month, yy] = digit_pairs(&digits);
    let (day, month) = (if day > 40 { day - 40 } else { day }, if month > 40 { month - 40 } else { month });
    let born = valid_date(1900 + yy, month, day) || valid_date(2000 + yy, month, day);
    let k1 = check(&digits[..9], &[3, 7, 6, 1, 8, 9, 4, 5, 2]);
    let k2 = check(&digits[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    born && k1 == Some(digits[9]) && k2 == Some(digits[10])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::NO_FODSELSNUMMER,
            &[
                ("05094624748", Some("05094624748")),
                ("fnr 050946 24748", Some("050946 24748")),
                ("05094624749", None),
                ("32094624748", None),
            ],
        );
    }
}
