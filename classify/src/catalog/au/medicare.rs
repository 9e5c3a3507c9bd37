//! AU_MEDICARE: Medicare card numbers: a first digit 2-6, seven more, a check
//! digit over weights 1,3,7,9,1,3,7,9, and the card's issue number.

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, weighted};

pub(in crate::catalog) static AU_MEDICARE: Recognizer = Recognizer {
    name: "au_medicare",
    country: "AU",
    entity: "AU_MEDICARE",
    patterns: &[
        Pattern {
            name: "medicare_grouped",
            score: 0.5,
            regex: r"(?x)\b[2-6]\d{3}\ \d{5}\ \d\b   # 4 5 1 as on the card",
        },
        Pattern { name: "medicare_digits", score: 0.2, regex: r"(?x)\b[2-6]\d{9}\b   # 10 digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["medicare", "health", "card"],
    min_ratio: 0.01,
    source: "Services Australia, Medicare card number check digit (weights 1,3,7,9,1,3,7,9 mod 10)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    matches!(d.len(), 10 | 11)
        && consistent_separators(s)
        && weighted(&d, &[1, 3, 7, 9, 1, 3, 7, 9]) % 10 == u32::from(d[8])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::AU_MEDICARE,
            &[
                ("2123456701", Some("2123456701")),
                ("medicare 2428 77813 2", Some("2428 77813 2")),
                ("2123456791", None),
            ],
        );
    }
}
