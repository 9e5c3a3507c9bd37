//! ES_NIF: the Spanish NIF of citizens (the DNI number): eight digits and a
//! check letter.

use crate::catalog::{Pattern, Recognizer, digits_of, number};

pub(in crate::catalog) static ES_NIF: Recognizer = Recognizer {
    name: "es_nif",
    country: "ES",
    entity: "ES_NIF",
    patterns: &[Pattern {
        name: "nif",
        score: 0.5,
        regex: r"(?x)\b\d{8}-?[A-Za-z]\b   # 8 digits, check letter (any case)",
    }],
    validator: Some(|s| {
        let d = digits_of(s);
        d.len() == 8 && super::check_letter(number(&d), *s.as_bytes().last().unwrap_or(&0))
    }),
    checksum: true,
    context: &["nif", "dni", "documento", "identidad", "fiscal", "cif"],
    min_ratio: 0.01,
    source: "Real Decreto 1553/2005 (DNI), art. 11: check letter = 'TRWAGMYFPDXBNJZSQVHLCKE'[n mod 23]",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ES_NIF,
            &[
                ("12345678Z", Some("12345678Z")),
                ("12345678z", Some("12345678z")),
                ("dni 00000023-T", Some("00000023-T")),
                ("12345678A", None),
                ("1234567Z", None),
            ],
        );
    }
}
