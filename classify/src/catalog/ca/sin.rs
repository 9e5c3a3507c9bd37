//! CA_SIN: the Canadian Social Insurance Number: nine digits, the last a
//! Luhn check digit; the first gives the region or kind (0 and 8 are never
//! issued to people, 9 marks temporary residents).

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, luhn};

pub(in crate::catalog) static CA_SIN: Recognizer = Recognizer {
    name: "ca_sin",
    country: "CA",
    entity: "CA_SIN",
    patterns: &[
        Pattern { name: "sin_grouped", score: 0.5, regex: r"(?x)\b[1-79]\d{2}[\ -]\d{3}[\ -]\d{3}\b   # DDD DDD DDD" },
        Pattern { name: "sin_digits", score: 0.1, regex: r"(?x)\b[1-79]\d{8}\b   # nine digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["sin", "social", "insurance", "nas", "assurance", "sociale"],
    min_ratio: 0.01,
    source: "Employment and Social Development Canada, 'Social Insurance Number' (Luhn check digit; first digit 1-7 or 9)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    consistent_separators(s) && luhn(&digits_of(s))
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::CA_SIN,
            &[
                ("130 692 544", Some("130 692 544")),
                ("SIN: 130-692-544.", Some("130-692-544")),
                ("130692544", Some("130692544")),
                ("130 692 545", None),
                ("130-692 544", None),
                ("046 454 286", None),
                ("830 692 544", None),
            ],
        );
    }
}
