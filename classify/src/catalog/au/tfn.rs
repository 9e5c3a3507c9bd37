//! AU_TFN: Australian Tax File Numbers: nine digits whose weighted sum is
//! divisible by 11.

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, repeated, weighted};

pub(in crate::catalog) static AU_TFN: Recognizer = Recognizer {
    name: "au_tfn",
    country: "AU",
    entity: "AU_TFN",
    patterns: &[
        Pattern { name: "tfn_grouped", score: 0.4, regex: r"(?x)\b\d{3}\ \d{3}\ \d{3}\b   # 3 3 3" },
        Pattern { name: "tfn_digits", score: 0.2, regex: r"(?x)\b\d{9}\b   # 9 digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["tfn", "tax", "australian"],
    min_ratio: 0.01,
    source: "Australian Taxation Office TFN algorithm (weights 1,4,3,7,5,8,6,9,10; modulus 11)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    consistent_separators(s) && !repeated(&d) && weighted(&d, &[1, 4, 3, 7, 5, 8, 6, 9, 10]).is_multiple_of(11)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::AU_TFN,
            &[("123456782", Some("123456782")), ("tfn 876 543 210", Some("876 543 210")), ("123456783", None)],
        );
    }
}
