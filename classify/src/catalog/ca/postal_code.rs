//! CA_POSTAL_CODE: Canadian postal codes, `A1A 1A1`: a forward sortation
//! area (letter, digit, letter) and a local delivery unit (digit, letter,
//! digit). D, F, I, O, Q and U are never used, W and Z never first.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static CA_POSTAL_CODE: Recognizer = Recognizer {
    name: "ca_postal_code",
    country: "CA",
    entity: "CA_POSTAL_CODE",
    patterns: &[Pattern {
        name: "fsa_ldu",
        score: 0.4,
        regex: r"(?x)\b
            [ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]   # forward sortation area
            [\ -]?\d[ABCEGHJ-NPRSTV-Z]\d            # local delivery unit
            \b",
    }],
    context: &["postal", "postcode", "zip", "zipcode", "codepostal"],
    source: "Canada Post, Canadian Addressing Guide: postal code format (letters D, F, I, O, Q, U excluded; W, Z not first)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::CA_POSTAL_CODE,
            &[
                ("K1A 0B1", Some("K1A 0B1")),
                ("Toronto, ON M5V 3L9", Some("M5V 3L9")),
                ("H2X-1Y4", Some("H2X-1Y4")),
                ("W1A 0B1", None),
                ("K1A 0D1", None),
                ("K1A0B1X", None),
            ],
        );
    }
}
