//! TR_TAX_ID: the Turkish tax identification number (Vergi Kimlik
//! Numarası, VKN) of companies and of people without a T.C. Kimlik No: ten
//! digits, the last a check digit over the first nine.

use crate::catalog::{Pattern, Recognizer, digits_of};

pub(in crate::catalog) static TR_TAX_ID: Recognizer = Recognizer {
    name: "tr_tax_id",
    country: "TR",
    entity: "TR_TAX_ID",
    patterns: &[Pattern { name: "vkn", score: 0.3, regex: r"(?x)\b\d{10}\b   # ten digits" }],
    validator: Some(valid),
    checksum: true,
    context: &["vkn", "vergi", "mukellef", "mükellef", "tax"],
    min_ratio: 0.01,
    source: "Gelir İdaresi Başkanlığı VKN check digit, as used by e-Fatura (Presidio TrTaxIdRecognizer)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 10 {
        return false;
    }
    let total: u32 = (0..9)
        .map(|i| {
            let t = (u32::from(d[i]) + 9 - i as u32) % 10;
            if t == 9 { 9 } else { t * (1u32 << (9 - i)) % 9 }
        })
        .sum();
    (10 - total % 10) % 10 == u32::from(d[9])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::TR_TAX_ID,
            &[
                ("1234567890", Some("1234567890")),
                ("VKN 1234567890", Some("1234567890")),
                ("1234567891", None),
                ("12345678901", None),
            ],
        );
    }
}
