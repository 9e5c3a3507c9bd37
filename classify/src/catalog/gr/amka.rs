//! GR_AMKA: the Greek social security number (Αριθμός Μητρώου Κοινωνικής
//! Ασφάλισης): the birth date (DDMMYY), four more digits, and a Luhn check
//! digit.

use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, luhn, valid_date};

pub(in crate::catalog) static GR_AMKA: Recognizer = Recognizer {
    name: "gr_amka",
    country: "GR",
    entity: "GR_AMKA",
    patterns: &[Pattern {
        name: "amka",
        score: 0.4,
        regex: r"(?x)\b\d{11}\b   # birth date, serial, Luhn digit (the date is the validator's)",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["amka", "αμκα", "ssn", "ασφάλισης"],
    min_ratio: 0.01,
    source: "Law 2972/2001, art. 33 (AMKA: birth date and Luhn check digit)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 11 {
        return false;
    }
    let [dd, mm, yy] = digit_pairs(&d);
    (valid_date(1900 + yy, mm, dd) || valid_date(2000 + yy, mm, dd)) && luhn(&d)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::GR_AMKA,
            &[("20111793830", Some("20111793830")), ("ΑΜΚΑ 20111793830", Some("20111793830")), ("20111793831", None)],
        );
    }
}
