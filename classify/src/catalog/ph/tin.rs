//! PH_TIN: the Philippine Taxpayer Identification Number: nine digits, the
//! ninth a weighted modulo-11 check digit, and optionally a three-digit
//! branch code (`000` for the head office).

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, repeated, weighted};

pub(in crate::catalog) static PH_TIN: Recognizer = Recognizer {
    name: "ph_tin",
    country: "PH",
    entity: "PH_TIN",
    patterns: &[
        Pattern {
            name: "tin_dashed",
            score: 0.5,
            regex: r"(?x)\b\d{3}-\d{3}-\d{3}(?:-\d{3,5})?\b   # DDD-DDD-DDD[-branch]",
        },
        Pattern { name: "tin_digits", score: 0.1, regex: r"(?x)\b(?:\d{9}|\d{12})\b   # 9 or 12 digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["tin", "taxpayer", "bir", "tax", "rdo"],
    min_ratio: 0.01,
    source: "Bureau of Internal Revenue TIN layout (9 digits + branch code); check digit: weights 9..2, modulo 11, as Presidio's PhTinRecognizer validates",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    matches!(d.len(), 9 | 12 | 13 | 14)
        && consistent_separators(s)
        && !repeated(&d[..9])
        && weighted(&d, &[9, 8, 7, 6, 5, 4, 3, 2]) % 11 == u32::from(d[8])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::PH_TIN,
            &[
                ("123-456-782-000", Some("123-456-782-000")),
                ("TIN 123-456-782", Some("123-456-782")),
                ("123456782", Some("123456782")),
                ("123-456-781", None),
                ("000-000-000", None),
            ],
        );
    }
}
