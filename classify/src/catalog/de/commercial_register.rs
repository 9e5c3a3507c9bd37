//! DE_HANDELSREGISTER: entries of the German commercial register
//! (Handelsregister): division A (partnerships) or B (corporations) and the
//! number the register court gave, often after the court's name
//! (`Amtsgericht München, HRB 123456`).

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static DE_HANDELSREGISTER: Recognizer = Recognizer {
    name: "de_commercial_register",
    country: "DE",
    entity: "DE_HANDELSREGISTER",
    patterns: &[
        Pattern {
            name: "court_and_number",
            score: 0.7,
            regex: r"(?x)(?:Amtsgericht|AG)\ \p{Lu}[\p{L}\-]+(?:\ \(\p{L}+\))?,?\ HR[AB]\ ?[1-9]\d{0,5}\b   # Amtsgericht Köln, HRB 1234",
        },
        Pattern { name: "number", score: 0.45, regex: r"(?x)\bHR[AB]\ ?[1-9]\d{0,5}\b   # HRB 12345" },
    ],
    context: &["handelsregister", "hrb", "hra", "registergericht", "amtsgericht", "register"],
    source: "Handelsgesetzbuch §§ 8-9 and Handelsregisterverordnung § 3: Abteilung A and B, Registernummer per Registergericht",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_HANDELSREGISTER,
            &[
                ("HRB 12345", Some("HRB 12345")),
                ("Amtsgericht München, HRB 123456", Some("Amtsgericht München, HRB 123456")),
                ("eingetragen HRA1234", Some("HRA1234")),
                ("HRC 12345", None),
                ("HRB 0123", None),
            ],
        );
    }
}
