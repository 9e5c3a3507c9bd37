//! AU_ABN: Australian Business Numbers: eleven digits whose weighted sum,
//! after subtracting one from the first digit, is divisible by 89.

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, weighted};

pub(in crate::catalog) static AU_ABN: Recognizer = Recognizer {
    name: "au_abn",
    country: "AU",
    entity: "AU_ABN",
    patterns: &[
        Pattern { name: "abn_grouped", score: 0.5, regex: r"(?x)\b\d{2}\ \d{3}\ \d{3}\ \d{3}\b   # 2 3 3 3" },
        Pattern { name: "abn_digits", score: 0.3, regex: r"(?x)\b\d{11}\b   # 11 digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["abn", "business", "australian"],
    min_ratio: 0.01,
    source: "Australian Business Register, 'Format of the ABN' (weights 10,1,3,5,...,19, modulus 89)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let mut d = digits_of(s);
    if d.len() != 11 || d[0] == 0 || !consistent_separators(s) {
        return false;
    }
    d[0] -= 1;
    weighted(&d, &[10, 1, 3, 5, 7, 9, 11, 13, 15, 17, 19]).is_multiple_of(89)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::AU_ABN,
            &[
                ("51824753556", Some("51824753556")),
                ("ABN 53 004 085 616", Some("53 004 085 616")),
                ("51824753557", None),
                ("01824753556", None),
            ],
        );
    }
}
