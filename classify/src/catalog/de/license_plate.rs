//! DE_KFZ: German number plates (Kfz-Kennzeichen): a district code of one to
//! three letters, one or two letters, one to four digits, and `E`
//! (electric) or `H` (historic) after them.

use crate::catalog::{Pattern, Recognizer, consistent_separators};

pub(in crate::catalog) static DE_KFZ: Recognizer = Recognizer {
    name: "de_kfz",
    country: "DE",
    entity: "DE_KFZ",
    patterns: &[Pattern {
        name: "kennzeichen",
        score: 0.3,
        regex: r"(?x)\b[A-ZÄÖÜ]{1,3}[\ -][A-Z]{1,2}[\ -][1-9]\d{0,3}[EH]?\b   # district, letters, digits",
    }],
    validator: Some(consistent_separators),
    context: &["kennzeichen", "kfz", "nummernschild", "fahrzeug", "zulassung", "pkw", "lkw", "plate"],
    source: "Fahrzeug-Zulassungsverordnung (FZV) §§ 8-9 and Anlage 4: Unterscheidungszeichen, Erkennungsnummer, E/H",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_KFZ,
            &[
                ("B AB 1234", Some("B AB 1234")),
                ("Kennzeichen HH-XY-99H", Some("HH-XY-99H")),
                ("MIL E 1234E", Some("MIL E 1234E")),
                ("B AB-1234", None),
                ("B AB 01234", None),
                ("ABCD EF 12", None),
            ],
        );
    }
}
