//! IN_PAN: Permanent Account Numbers: five letters (the fourth the holder's
//! type: P person, C company, H family...), four digits and a letter.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static IN_PAN: Recognizer = Recognizer {
    name: "in_pan",
    country: "IN",
    entity: "IN_PAN",
    patterns: &[Pattern {
        name: "pan",
        score: 0.5,
        regex: r"(?x)
            \b[A-Z]{3}       # series
            [ABCFGHJLPT]           # holder type
            [A-Z]\d{4}[A-Z]        # surname initial, serial, check letter
            \b",
    }],
    context: &["pan", "permanent", "account", "income", "tax"],
    source: "Income Tax Department of India, 'Permanent Account Number' structure (holder type in 4th position)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IN_PAN,
            &[("ABCPD1234E", Some("ABCPD1234E")), ("pan: AAAPZ1234C", Some("AAAPZ1234C")), ("ABCXD1234E", None)],
        );
    }
}
