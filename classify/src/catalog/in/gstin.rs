//! IN_GSTIN: Goods and Services Tax identification numbers: a state code,
//! the holder's PAN, an entity number, `Z` and a base-36 check character.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static IN_GSTIN: Recognizer = Recognizer {
    name: "in_gstin",
    country: "IN",
    entity: "IN_GSTIN",
    patterns: &[Pattern {
        name: "gstin",
        score: 0.5,
        regex: r"(?x)
            \b(?:0[1-9]|[1-3]\d)                 # state code
            [A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z]        # PAN
            [1-9A-Z]Z[0-9A-Z]                          # entity number, Z, check
            \b",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["gstin", "gst", "gstn", "tax"],
    min_ratio: 0.01,
    source: "GSTN, GSTIN structure and check character (Luhn mod 36)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let value = |c: u8| match c.to_ascii_uppercase() {
        c @ b'0'..=b'9' => u32::from(c - b'0'),
        c @ b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 99,
    };
    let b = s.as_bytes();
    if b.len() != 15 || b.iter().any(|&c| value(c) == 99) {
        return false;
    }
    let sum: u32 = b[..14]
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let p = value(c) * if i % 2 == 0 { 1 } else { 2 };
            p / 36 + p % 36
        })
        .sum();
    (36 - sum % 36) % 36 == value(b[14])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IN_GSTIN,
            &[("27AAPFU0939F1ZV", Some("27AAPFU0939F1ZV")), ("27AAPFU0939F1ZW", None), ("99AAPFU0939F1ZV", None)],
        );
    }
}
