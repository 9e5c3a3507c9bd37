//! DE_TAX_ID: the German tax identification number (Steuerliche
//! Identifikationsnummer): eleven digits, the first not 0; among the first
//! ten exactly one digit occurs twice or three times and the rest at most
//! once; the last is an ISO 7064 MOD 11,10 check digit.

use super::mod_11_10;
use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of};

pub(in crate::catalog) static DE_TAX_ID: Recognizer = Recognizer {
    name: "de_tax_id",
    country: "DE",
    entity: "DE_TAX_ID",
    patterns: &[
        Pattern { name: "idnr_grouped", score: 0.4, regex: r"(?x)\b[1-9]\d\ \d{3}\ \d{3}\ \d{3}\b   # DD DDD DDD DDD" },
        Pattern { name: "idnr_digits", score: 0.1, regex: r"(?x)\b[1-9]\d{10}\b   # eleven digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["steuer", "steuerid", "idnr", "steueridentifikationsnummer", "identifikationsnummer", "tax", "tin"],
    min_ratio: 0.01,
    source: "Steueridentifikationsnummerverordnung (StIdV) § 2 and BZSt format rules; check digit ISO/IEC 7064 MOD 11,10",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 11 {
        return false;
    }
    let mut counts = [0u8; 10];
    for &x in &d[..10] {
        counts[usize::from(x)] += 1;
    }
    let repeated = counts.iter().filter(|&&c| c >= 2).count();
    consistent_separators(s) && repeated == 1 && counts.iter().all(|&c| c <= 3) && mod_11_10(&d[..10]) == d[10]
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_TAX_ID,
            &[
                ("86095742719", Some("86095742719")),
                ("Steuer-ID 86 095 742 719", Some("86 095 742 719")),
                ("86095742718", None),
                ("12345678903", None),
                ("86 095 742719", None),
            ],
        );
    }
}
