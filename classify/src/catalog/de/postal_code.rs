//! DE_PLZ: German postcodes (Postleitzahlen), five digits from
//! 01067 (Dresden) to 99998. Every five-digit number has their shape: only
//! a column or nearby word naming them makes a finding.

use crate::catalog::{Pattern, Recognizer, digits_of, number};

pub(in crate::catalog) static DE_PLZ: Recognizer = Recognizer {
    name: "de_postal_code",
    country: "DE",
    entity: "DE_PLZ",
    patterns: &[Pattern { name: "plz", score: 0.05, regex: r"(?x)\b\d{5}\b   # five digits" }],
    validator: Some(|s| (1067..=99998).contains(&number(&digits_of(s)))),
    context: &["plz", "postleitzahl"],
    source: "Deutsche Post Postleitzahlen (1993 system): five digits, 01067-99998",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_PLZ,
            &[
                ("10115", Some("10115")),
                ("PLZ 01067 Dresden", Some("01067")),
                ("00123", None),
                ("99999", None),
                ("1011", None),
            ],
        );
    }
}
