//! IT_IDENTITY_CARD: Italian identity cards: the electronic CIE 3.0 (two
//! letters, five digits, two letters) and the older paper card (two letters
//! and seven digits, weak: the same shape as a passport).

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static IT_IDENTITY_CARD: Recognizer = Recognizer {
    name: "it_identity_card",
    country: "IT",
    entity: "IT_IDENTITY_CARD",
    patterns: &[
        Pattern { name: "cie", score: 0.3, regex: r"(?x)\b[A-Z]{2}\d{5}[A-Z]{2}\b   # CIE 3.0" },
        Pattern { name: "paper_card", score: 0.05, regex: r"(?x)\b[A-Z]{2}\ ?\d{7}\b   # paper card" },
    ],
    context: &["identita", "cie", "carta", "identity", "idcard", "documento"],
    source: "Ministero dell'Interno, Carta d'Identità Elettronica 3.0: number format AA00000AA",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IT_IDENTITY_CARD,
            &[("CA00000AA", Some("CA00000AA")), ("AB 1234567", Some("AB 1234567")), ("CA0000AA", None)],
        );
    }
}
