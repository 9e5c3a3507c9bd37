//! ZA_COMPANY_REGISTRATION: company registration numbers of the Companies
//! and Intellectual Property Commission (CIPC): year of registration, a
//! six-digit sequence and the two-digit entity type (`2001/123456/07`, a
//! private company); close corporations registered before 2011 wrote `CK`
//! and the year before the sequence.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static ZA_COMPANY_REGISTRATION: Recognizer = Recognizer {
    name: "za_company_registration",
    country: "ZA",
    entity: "ZA_COMPANY_REGISTRATION",
    patterns: &[
        Pattern {
            name: "cipc",
            score: 0.5,
            regex: r"(?x)\b(?:18|19|20)\d{2}/\d{6}/\d{2}\b   # year, sequence, entity type",
        },
        Pattern {
            name: "close_corporation",
            score: 0.35,
            regex: r"(?x)\bCK\ ?(?:19|20)\d{2}/\d{5,6}(?:/\d{2})?\b   # CK1998/012345/23",
        },
    ],
    context: &["cipc", "enterprise", "registration", "regno", "company"],
    source: "Companies Act 71 of 2008 and Companies Regulations 2011, regulation 14 (registration number: year/sequence/type); Close Corporations Act 69 of 1984",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ZA_COMPANY_REGISTRATION,
            &[
                ("2001/123456/07", Some("2001/123456/07")),
                ("reg no CK1998/012345/23", Some("CK1998/012345/23")),
                ("2001/12345/07", None),
                ("2101/123456/07", None),
            ],
        );
    }
}
