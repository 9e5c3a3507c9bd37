//! NG_BVN: the Nigerian Bank Verification Number, eleven digits (issued
//! from 22...) tying a person's bank accounts to one biometric record. It
//! has no published check digit, so only a column or nearby word naming it
//! makes a finding.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static NG_BVN: Recognizer = Recognizer {
    name: "ng_bvn",
    country: "NG",
    entity: "NG_BVN",
    patterns: &[Pattern { name: "bvn", score: 0.05, regex: r"(?x)\b22\d{9}\b   # 22 and nine digits" }],
    context: &["bvn", "verification", "nibss"],
    source: "Central Bank of Nigeria, BVN Regulatory Framework (2014): 11-digit number, no public check digit",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::NG_BVN,
            &[
                ("22123456789", Some("22123456789")),
                ("BVN: 22123456789", Some("22123456789")),
                ("12123456789", None),
                ("221234567890", None),
            ],
        );
    }
}
