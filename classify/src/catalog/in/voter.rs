//! IN_VOTER: Elector's Photo Identity Card (EPIC) numbers: three letters and
//! seven digits. No check digit, so a column name is needed.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static IN_VOTER: Recognizer = Recognizer {
    name: "in_voter",
    country: "IN",
    entity: "IN_VOTER",
    patterns: &[Pattern { name: "epic", score: 0.1, regex: r"(?x)\b[A-Z]{3}\d{7}\b   # 3 letters, 7 digits" }],
    context: &["voter", "epic", "elector", "election", "electoral"],
    source: "Election Commission of India, EPIC number format",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(&super::IN_VOTER, &[("ABE1234566", Some("ABE1234566")), ("AB1234566", None), ("ABE12345667", None)]);
    }
}
