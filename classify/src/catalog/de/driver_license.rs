//! DE_FUEHRERSCHEIN: German driving licence numbers (Führerscheinnummer)
//! as printed on the EU card since 1999: four characters of the issuing
//! authority, a five-character serial, a check character (digit or X) and
//! the issue count. The shape alone is any eleven-character code: a column
//! or nearby word must name it, and a number with no letter is not one.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static DE_FUEHRERSCHEIN: Recognizer = Recognizer {
    name: "de_driver_license",
    country: "DE",
    entity: "DE_FUEHRERSCHEIN",
    patterns: &[Pattern {
        name: "fuehrerschein",
        score: 0.1,
        regex: r"(?x)\b[A-Z0-9]\d{3}[A-Z0-9]{5}[0-9X][A-Z0-9]\b   # authority, serial, check, issue",
    }],
    validator: Some(|s| s.bytes().any(|b| b.is_ascii_uppercase())),
    context: &["fuehrerschein", "führerschein", "fahrerlaubnis", "fsnr"],
    source: "Fahrerlaubnis-Verordnung § 25 and Anlage 8 (EU card model, field 5: Führerscheinnummer)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_FUEHRERSCHEIN,
            &[
                ("B072RRE2I55", Some("B072RRE2I55")),
                ("Führerschein J010000X01", None),
                ("Führerschein J0100000X01", Some("J0100000X01")),
                ("12345678901", None),
                ("B072RRE2IA5", None),
            ],
        );
    }
}
