//! DE_TELEMATIK_ID: identities in Germany's health telematics
//! infrastructure (gematik), on health professional cards (eHBA), practice
//! and hospital cards (SMC-B) and, since 2026, patients' Gesundheits-ID: a
//! sector prefix (1 physicians, 10 and 11 insured persons, 5-2 hospitals,
//! 9 gematik) and an identifier of up to 125 characters. The shape is
//! loose (`1-...` also starts North American phone numbers): a column or
//! nearby word must name it.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static DE_TELEMATIK_ID: Recognizer = Recognizer {
    name: "de_telematik_id",
    country: "DE",
    entity: "DE_TELEMATIK_ID",
    patterns: &[Pattern {
        name: "telematik_id",
        score: 0.15,
        regex: r"(?x)\b(?:1|10|11|9|5-2)-[0-9A-Za-z][0-9A-Za-z.\-]{4,124}\b   # sector prefix, identifier",
    }],
    validator: Some(|s| s.split_once('-').is_some_and(|(_, id)| id.bytes().any(|b| b.is_ascii_digit()))),
    context: &["telematik", "telematikid", "tid", "ehba", "smcb", "gesundheitsid"],
    source: "gematik gemSpec_PKI and Telematik-ID mapping (prefixes 1-, 10-, 11-, 5-2-, 9-; at most 128 characters)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_TELEMATIK_ID,
            &[
                ("1-20014123456789", Some("1-20014123456789")),
                ("Telematik-ID 5-2-KH-123456.01", Some("5-2-KH-123456.01")),
                ("10-A123456789", Some("10-A123456789")),
                ("3-ABCDEFG", None),
                ("1-ABCDEFG", None),
            ],
        );
    }
}
