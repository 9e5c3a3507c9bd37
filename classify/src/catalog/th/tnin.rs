//! TH_TNIN: Thai national identification numbers: thirteen digits, the first
//! the registration type 1-8, the last a check digit over weights 13..2.

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, weighted};

pub(in crate::catalog) static TH_TNIN: Recognizer = Recognizer {
    name: "th_tnin",
    country: "TH",
    entity: "TH_TNIN",
    patterns: &[
        Pattern {
            name: "tnin_dashed",
            score: 0.5,
            regex: r"(?x)\b[1-8][\ -]\d{4}[\ -]\d{5}[\ -]\d{2}[\ -]\d\b   # 1-4-5-2-1",
        },
        Pattern { name: "tnin_digits", score: 0.3, regex: r"(?x)\b[1-8]\d{12}\b   # 13 digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["thai", "national", "citizen", "บัตรประชาชน"],
    min_ratio: 0.01,
    source: "Department of Provincial Administration (Thailand), citizen ID check digit (11 - sum mod 11) mod 10",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    // Digits two and three are the province (ISO 3166-2:TH numbering);
    // these are assigned to none.
    d.len() == 13
        && !matches!(d[1] * 10 + d[2], 0..=9 | 28 | 29 | 59 | 68 | 69 | 78 | 79 | 87..=89 | 97..=99)
        && consistent_separators(s)
        && (11 - weighted(&d, &[13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11) % 10 == u32::from(d[12])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::TH_TNIN,
            &[
                ("1101700203166", Some("1101700203166")),
                ("1-1017-00203-16-6", Some("1-1017-00203-16-6")),
                ("1101700203167", None),
                // Province 97 is assigned to none.
                ("1970000000001", None),
            ],
        );
    }
}
