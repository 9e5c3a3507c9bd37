//! MEDICAL_LICENSE: DEA registration numbers of US prescribers: a registrant
//! type letter, a letter (the registrant's surname initial, or 9), six
//! digits and a check digit.

use crate::catalog::{Pattern, Recognizer, digits_of};

pub(in crate::catalog) static MEDICAL_LICENSE: Recognizer = Recognizer {
    name: "medical_license",
    country: "US",
    entity: "MEDICAL_LICENSE",
    patterns: &[Pattern {
        name: "dea_number",
        score: 0.4,
        regex: r"(?x)\b[ABCDEFGHJKLMPRSTUX][A-Z9]\d{7}\b   # type, initial, 6 digits, check",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["dea", "medical", "license", "licence", "prescriber", "physician", "registration", "npi"],
    min_ratio: 0.01,
    source: "21 CFR 1301 / DEA Diversion Control: check digit = last digit of (d1+d3+d5) + 2*(d2+d4+d6)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let Some(d) = s.get(2..).map(digits_of).filter(|d| d.len() == 7) else { return false };
    let sum = u32::from(d[0] + d[2] + d[4]) + 2 * u32::from(d[1] + d[3] + d[5]);
    sum % 10 == u32::from(d[6])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::MEDICAL_LICENSE,
            &[
                ("BJ1234563", Some("BJ1234563")),
                ("dea AB1234563", Some("AB1234563")),
                ("BJ1234564", None),
                ("IJ1234563", None),
            ],
        );
    }
}
