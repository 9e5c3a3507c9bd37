//! IT_VAT_CODE: the partita IVA: a seven-digit company number, a three-digit
//! provincial office code and a Luhn check digit, optionally prefixed `IT`.

use crate::catalog::{Pattern, Recognizer, digits_of, luhn, number, repeated};

pub(in crate::catalog) static IT_VAT_CODE: Recognizer = Recognizer {
    name: "it_vat_code",
    country: "IT",
    entity: "IT_VAT_CODE",
    patterns: &[Pattern {
        name: "partita_iva",
        score: 0.3,
        regex: r"(?x)\b(?:IT)?\d{11}\b   # optional IT, 11 digits",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["iva", "partita", "vat", "piva", "partitaiva"],
    min_ratio: 0.01,
    source: "DPR 633/1972 art. 35 and DM 23/12/1976: office codes 001-100, 120, 121, 888, 999; Luhn check digit",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    d.len() == 11 && matches!(number(&d[7..10]), 1..=100 | 120 | 121 | 888 | 999) && !repeated(&d[..7]) && luhn(&d)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IT_VAT_CODE,
            &[
                ("00743110157", Some("00743110157")),
                ("P.IVA IT01114601006", Some("IT01114601006")),
                ("00743110158", None),
                ("12345675007", None),
            ],
        );
    }
}
