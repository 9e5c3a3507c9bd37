//! DE_TAX_NUMBER: the Steuernummer a Finanzamt gives a taxpayer (not the
//! lifelong Steuer-ID, [`super::tax_id`]). Each Land writes it its own way
//! with slashes (Bayern 181/815/08155, NRW 133/8150/8159, Berlin
//! 21/815/08150, Baden-Württemberg 93815/08152, Rheinland-Pfalz
//! 22/815/0815/4: ten or eleven digits); ELSTER's nationwide form has
//! thirteen: the four-digit Finanzamt number, which starts with the Land's
//! code, a 0, and the eight digits of district, number and check digit.
//! The check digit is computed differently in each Land and is not
//! verified; a column or nearby word must name the number.

use crate::catalog::{Pattern, Recognizer, digits_of};

pub(in crate::catalog) static DE_TAX_NUMBER: Recognizer = Recognizer {
    name: "de_tax_number",
    country: "DE",
    entity: "DE_TAX_NUMBER",
    patterns: &[
        Pattern {
            name: "steuernummer_laender",
            score: 0.3,
            regex: r"(?x)\b(?:\d{2}/\d{3}/\d{4}/\d|\d{2,3}/\d{3,4}/\d{4,5}|\d{5}/\d{5})\b   # as the Laender write it",
        },
        Pattern {
            name: "steuernummer_elster",
            score: 0.25,
            regex: r"(?x)\b(?:(?:1[01]|2[1-8]|3[0-2]|4[01]|9[12])\d{2}|5\d{3})0\d{8}\b   # Finanzamt, 0, eight digits",
        },
    ],
    validator: Some(|s| {
        let n = digits_of(s).len();
        if s.contains('/') { n == 10 || n == 11 } else { n == 13 }
    }),
    context: &["steuernummer", "stnr", "steuer", "finanzamt"],
    source: "Abgabenordnung § 139a; ELSTER bundeseinheitliches 13-stelliges Steuernummernformat (Finanzamtsnummer with Land code 10, 11, 21-28, 30-32, 40, 41, 5, 91, 92)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_TAX_NUMBER,
            &[
                ("181/815/08155", Some("181/815/08155")),
                ("Steuernummer 133/8150/8159", Some("133/8150/8159")),
                ("93815/08152", Some("93815/08152")),
                ("22/815/0815/4", Some("22/815/0815/4")),
                ("9181081508155", Some("9181081508155")),
                ("5133081508159", Some("5133081508159")),
                ("1/815/08155", None),
                ("9181181508155", None),
                ("6181081508155", None),
            ],
        );
    }
}
