//! CH_AHV: the Swiss social security number (AHV-Nummer, AVS, since 2008
//! the 13-digit one): Switzerland's country code 756, nine digits, and an
//! EAN-13 check digit; written `756.1234.5678.97`.

use crate::catalog::{Pattern, Recognizer, digits_of, weighted};

pub(in crate::catalog) static CH_AHV: Recognizer = Recognizer {
    name: "ch_ahv",
    country: "CH",
    entity: "CH_AHV",
    patterns: &[Pattern {
        name: "ahv",
        score: 0.6,
        regex: r"(?x)\b756\.?\d{4}\.?\d{4}\.?\d{2}\b   # 756.1234.5678.97",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["ahv", "avs", "avs13", "ahv13", "sozialversicherungsnummer", "assurance", "ssn"],
    min_ratio: 0.01,
    source: "Zentrale Ausgleichsstelle (ZAS), AHV-Nummer: 756 and an EAN-13 (GS1) check digit",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    let sum = weighted(&d, &[1, 3, 1, 3, 1, 3, 1, 3, 1, 3, 1, 3]);
    d.len() == 13 && s.matches('.').count().is_multiple_of(3) && (10 - sum % 10) % 10 == u32::from(d[12])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::CH_AHV,
            &[
                ("756.1902.5748.68", Some("756.1902.5748.68")),
                ("AHV 7561902574868", Some("7561902574868")),
                ("756.1902.5748.69", None),
                ("756.19025748.68", None),
            ],
        );
    }
}
