//! PH_UMID: the Common Reference Number of the Unified Multi-Purpose ID,
//! `NNNN-NNNNNNN-N`. No published check digit: bare digits need a column
//! name that says UMID.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static PH_UMID: Recognizer = Recognizer {
    name: "ph_umid",
    country: "PH",
    entity: "PH_UMID",
    patterns: &[
        Pattern { name: "crn", score: 0.5, regex: r"(?x)\b\d{4}-\d{7}-\d\b   # NNNN-NNNNNNN-N" },
        Pattern { name: "crn_digits", score: 0.05, regex: r"(?x)\b\d{12}\b   # twelve digits" },
    ],
    context: &["umid", "crn", "sss", "gsis", "multipurpose"],
    source: "Executive Order 420 (2005), UMID card: Common Reference Number layout 4-7-1",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::PH_UMID,
            &[
                ("0111-2345678-9", Some("0111-2345678-9")),
                ("CRN 011123456789", Some("011123456789")),
                ("0111-234567-89", None),
            ],
        );
    }
}
