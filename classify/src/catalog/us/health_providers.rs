//! US_NPI, US_MBI and US_CLIA: the identifiers of US health care billing.
//! The National Provider Identifier (CMS) is ten digits whose last is a Luhn
//! check digit computed with the prefix 80840; the Medicare Beneficiary
//! Identifier has eleven characters in a fixed digit/letter layout, letters
//! that look like digits (S, L, O, I, B, Z) excluded; a CLIA laboratory
//! certificate number is two digits, `D` and seven digits.

use crate::catalog::{Pattern, Recognizer, digits_of, luhn};

pub(in crate::catalog) static US_NPI: Recognizer = Recognizer {
    name: "us_npi",
    country: "US",
    entity: "US_NPI",
    patterns: &[
        Pattern { name: "npi", score: 0.2, regex: r"(?x)\b[12]\d{9}\b   # ten digits" },
        Pattern { name: "npi_grouped", score: 0.4, regex: r"(?x)\b[12]\d{3}[\ -]\d{3}[\ -]\d{3}\b   # 1234 567 890" },
    ],
    validator: Some(|s| {
        let d = digits_of(s);
        let mut prefixed = [8, 0, 8, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        if d.len() != 10 {
            return false;
        }
        prefixed[5..].copy_from_slice(&d);
        d[..9].iter().any(|&x| x != d[0]) && luhn(&prefixed)
    }),
    checksum: true,
    context: &["npi", "provider", "prescriber", "taxonomy"],
    min_ratio: 0.01,
    source: "45 CFR 162.406 (NPI); CMS NPI check digit: Luhn over 80840 and the ten digits",
    ..Recognizer::DEFAULT
};

pub(in crate::catalog) static US_MBI: Recognizer = Recognizer {
    name: "us_mbi",
    country: "US",
    entity: "US_MBI",
    patterns: &[Pattern {
        name: "mbi",
        score: 0.45,
        regex: r"(?x)\b[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9]\d-?[AC-HJKMNP-RT-Y]{2}\d{2}\b
            # C A AN N - A AN N - A A N N",
    }],
    validator: Some(|s| s.matches('-').count() != 1),
    context: &["mbi", "medicare", "beneficiary", "hicn"],
    min_ratio: 0.01,
    source: "CMS Medicare Beneficiary Identifier (MBI) format specification (11 characters, positions 1-11)",
    ..Recognizer::DEFAULT
};

pub(in crate::catalog) static US_CLIA: Recognizer = Recognizer {
    name: "us_clia",
    country: "US",
    entity: "US_CLIA",
    patterns: &[Pattern { name: "clia", score: 0.4, regex: r"(?x)\b\d{2}D\d{7}\b   # 05D1234567" }],
    context: &["clia", "laboratory", "lab"],
    min_ratio: 0.01,
    source: "42 CFR Part 493 (CLIA certificates); CMS CLIA number format: 2 digits, D, 7 digits",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::US_NPI,
            &[
                ("1234567893", Some("1234567893")),
                ("NPI 1234 567 893", Some("1234 567 893")),
                ("1234567890", None),
                ("3234567893", None),
                ("1111111112", None),
            ],
        );
        check(
            &super::US_MBI,
            &[
                ("1EG4TE5MK73", Some("1EG4TE5MK73")),
                ("mbi 1EG4-TE5-MK73", Some("1EG4-TE5-MK73")),
                ("1EG4-TE5MK73", None),
                ("1SG4TE5MK73", None),
                ("0EG4TE5MK73", None),
            ],
        );
        check(&super::US_CLIA, &[("05D1234567", Some("05D1234567")), ("05X1234567", None), ("05D123456", None)]);
    }
}
