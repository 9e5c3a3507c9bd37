//! ZA_TRAFFIC_REGISTER_NUMBER: the thirteen-digit numbers eNaTIS gives
//! foreigners and organisations in place of an identity number. They share
//! the ID number's length but not its date and Luhn check: a thirteen-digit
//! number that is a valid ID number is one, not a TRN; the rest need a
//! column or nearby word naming them.

use super::id_number;
use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static ZA_TRAFFIC_REGISTER_NUMBER: Recognizer = Recognizer {
    name: "za_traffic_register_number",
    country: "ZA",
    entity: "ZA_TRAFFIC_REGISTER_NUMBER",
    patterns: &[Pattern { name: "trn", score: 0.05, regex: r"(?x)\b\d{13}\b   # thirteen digits" }],
    validator: Some(|s| !id_number::valid(s)),
    context: &["trn", "traffic", "natis", "enatis"],
    source: "National Road Traffic Act 93 of 1996, regulation 4 (traffic register number, eNaTIS)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ZA_TRAFFIC_REGISTER_NUMBER,
            &[
                ("1234567890123", Some("1234567890123")),
                ("TRN 7001015009080", Some("7001015009080")),
                ("8001015009087", None),
            ],
        );
    }
}
