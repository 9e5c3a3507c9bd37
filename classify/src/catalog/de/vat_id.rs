//! DE_VAT_ID: the German VAT identification number (Umsatzsteuer-
//! Identifikationsnummer, USt-IdNr.): `DE` and nine digits, the last an
//! ISO 7064 MOD 11,10 check digit. It names businesses, and sole traders
//! with them.

use super::mod_11_10;
use crate::catalog::{Pattern, Recognizer, digits_of};

pub(in crate::catalog) static DE_VAT_ID: Recognizer = Recognizer {
    name: "de_vat_id",
    country: "DE",
    entity: "DE_VAT_ID",
    patterns: &[Pattern {
        name: "ust_idnr",
        score: 0.5,
        regex: r"(?x)\b(?i:DE)[\ ]?(?:\d{9}|\d{3}\ \d{3}\ \d{3})\b   # DE + 9 digits, whole or in threes",
    }],
    validator: Some(|s| {
        let d = digits_of(s);
        d.len() == 9 && mod_11_10(&d[..8]) == d[8]
    }),
    checksum: true,
    context: &["ust", "ustidnr", "umsatzsteuer", "vat", "mehrwertsteuer", "steuer", "tax"],
    min_ratio: 0.01,
    source: "§ 27a UStG, BZSt USt-IdNr. format; check digit ISO/IEC 7064 MOD 11,10",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_VAT_ID,
            &[
                ("DE136695976", Some("DE136695976")),
                ("USt-IdNr.: DE 129273398", Some("DE 129273398")),
                ("DE136695977", None),
                ("DE 136 695 976", Some("DE 136 695 976")),
                ("de136695976", Some("de136695976")),
                ("AT136695976", None),
            ],
        );
    }
}
