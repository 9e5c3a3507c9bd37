//! BE_NATIONAL_NUMBER: the Belgian national register number
//! (Rijksregisternummer, numéro de registre national): the birth date, a
//! serial (odd for men), and a key, 97 less the first nine digits modulo
//! 97, with a 2 before them for people born from 2000; written
//! `85.07.30-033.28` or bare.

use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, number, valid_date};

pub(in crate::catalog) static BE_NATIONAL_NUMBER: Recognizer = Recognizer {
    name: "be_national_number",
    country: "BE",
    entity: "BE_NATIONAL_NUMBER",
    patterns: &[Pattern {
        name: "rrn",
        score: 0.5,
        regex: r"(?x)\b\d{2}\.?\d{2}\.?\d{2}[-\ ]?\d{3}\.?\d{2}\b   # 85.07.30-033.28",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["rijksregisternummer", "rijksregister", "registre", "national", "insz", "niss", "ssn"],
    min_ratio: 0.01,
    source: "Law of 8 August 1983 on the National Register; key 97 - (number mod 97), 2 before it from 2000",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 11 {
        return false;
    }
    let (first, key) = (number(&d[..9]), number(&d[9..]));
    // A month or day of 0 is a date not known; 20-32 and 40-52 months are
    // for numbers given to people not on the register (BIS numbers).
    let [yy, mm, dd] = digit_pairs(&d);
    let mm = mm % 20;
    let dated = |century: u32| mm == 0 || dd == 0 || valid_date(century + yy, mm, dd);
    (97 - first % 97 == key && dated(1900)) || (97 - (2_000_000_000 + first) % 97 == key && dated(2000))
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::BE_NATIONAL_NUMBER,
            &[
                ("83100478733", Some("83100478733")),
                ("83.10.04-787.33", Some("83.10.04-787.33")),
                ("83100478734", None),
                ("83130478733", None),
            ],
        );
    }
}
