//! AU_ACN: Australian Company Numbers: nine digits, the last a check digit
//! over weights 8 down to 1.

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, repeated, weighted};

pub(in crate::catalog) static AU_ACN: Recognizer = Recognizer {
    name: "au_acn",
    country: "AU",
    entity: "AU_ACN",
    patterns: &[
        Pattern { name: "acn_grouped", score: 0.4, regex: r"(?x)\b\d{3}\ \d{3}\ \d{3}\b   # 3 3 3" },
        Pattern { name: "acn_digits", score: 0.2, regex: r"(?x)\b\d{9}\b   # 9 digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["acn", "company", "australian"],
    min_ratio: 0.01,
    source: "ASIC, 'Australian Company Number (ACN) check digit' (weights 8..1, complement of sum mod 10)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    d.len() == 9
        && consistent_separators(s)
        && !repeated(&d)
        && (10 - weighted(&d, &[8, 7, 6, 5, 4, 3, 2, 1]) % 10) % 10 == u32::from(d[8])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::AU_ACN,
            &[("004085616", Some("004085616")), ("acn 010 499 966", Some("010 499 966")), ("004085617", None)],
        );
    }
}
