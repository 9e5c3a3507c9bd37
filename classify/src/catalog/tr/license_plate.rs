//! TR_LICENSE_PLATE: Turkish plates, `34 ABC 1234`: a province code 01-81,
//! one to three letters of the Turkish alphabet (no Q, W, X) and two to four
//! digits.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static TR_LICENSE_PLATE: Recognizer = Recognizer {
    name: "tr_license_plate",
    country: "TR",
    entity: "TR_LICENSE_PLATE",
    patterns: &[Pattern {
        name: "plaka",
        score: 0.3,
        regex: r"(?x)\b(?:0[1-9]|[1-7][0-9]|8[01])[\ -]?[A-PR-VYZ]{1,3}[\ -]?\d{2,4}\b   # province, letters, digits",
    }],
    validator: Some(crate::catalog::consistent_separators),
    // Not "vehicle": an Indian registration (`MH 12 AB 1234`) ends in a
    // well-formed Turkish plate, and the two share every other word.
    context: &["plaka", "plate", "license", "arac", "araç"],
    source: "Karayolları Trafik Yönetmeliği, plate format: province code 01-81, letters, digits",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::TR_LICENSE_PLATE,
            &[
                ("34 ABC 1234", Some("34 ABC 1234")),
                ("06 A 123", Some("06 A 123")),
                ("35-JK-12", Some("35-JK-12")),
                ("82 ABC 1234", None),
                ("34 QWX 1234", None),
            ],
        );
    }
}
