//! ZA_ID_NUMBER: the South African identity number `YYMMDDSSSSCAZ`: birth
//! date, a sequence (0000-4999 female, 5000-9999 male), citizenship (0
//! citizen, 1 permanent resident, 2 refugee), a former race digit now 8 or 9,
//! and a Luhn check digit.

use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, luhn, valid_date};

pub(in crate::catalog) static ZA_ID_NUMBER: Recognizer = Recognizer {
    name: "za_id_number",
    country: "ZA",
    entity: "ZA_ID_NUMBER",
    patterns: &[Pattern { name: "za_id", score: 0.4, regex: r"(?x)\b\d{10}[012][89]\d\b   # YYMMDD SSSS C A Z" }],
    validator: Some(valid),
    checksum: true,
    context: &["id", "identity", "rsa", "south", "african", "national", "idnumber"],
    min_ratio: 0.01,
    source: "Department of Home Affairs identity number layout (Identification Act 68 of 1997): YYMMDD, sequence, citizenship, 8/9, Luhn",
    ..Recognizer::DEFAULT
};

pub(super) fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 13 {
        return false;
    }
    let [yy, mm, dd] = digit_pairs(&d);
    // The century is not written; a 2000 base year accepts 29 February of every leap year.
    valid_date(2000 + yy, mm, dd) && luhn(&d)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ZA_ID_NUMBER,
            &[
                ("8001015009087", Some("8001015009087")),
                ("id no 8001015009087", Some("8001015009087")),
                ("8001015009088", None),
                ("8013015009085", None),
                ("8001015009387", None),
            ],
        );
    }
}
