//! IT_DRIVER_LICENSE: Italian driving licence numbers: the EU card's `U1`
//! followed by seven characters and a letter, or the older two letters,
//! seven digits and a letter.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static IT_DRIVER_LICENSE: Recognizer = Recognizer {
    name: "it_driver_license",
    country: "IT",
    entity: "IT_DRIVER_LICENSE",
    patterns: &[
        Pattern { name: "patente_eu", score: 0.3, regex: r"(?x)\bU1[0-9A-Z]{7}[A-Z]\b   # EU card" },
        Pattern { name: "patente", score: 0.2, regex: r"(?x)\b[A-Z]{2}\d{7}[A-Z]\b   # older card" },
    ],
    context: &["patente", "guida", "driving", "driver", "license", "licence"],
    source: "Decreto 30/09/2003 (patente di guida, modello comunitario): number format",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IT_DRIVER_LICENSE,
            &[("U1H76T531K", Some("U1H76T531K")), ("MI1234567A", Some("MI1234567A")), ("MI1234567", None)],
        );
    }
}
