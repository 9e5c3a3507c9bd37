//! TR_NATIONAL_ID: the Turkish identity number (T.C. Kimlik No): eleven
//! digits, never starting with 0, whose last two are check digits.

use crate::catalog::{Pattern, Recognizer, digits_of};

pub(in crate::catalog) static TR_NATIONAL_ID: Recognizer = Recognizer {
    name: "tr_national_id",
    country: "TR",
    entity: "TR_NATIONAL_ID",
    patterns: &[Pattern { name: "tckn", score: 0.4, regex: r"(?x)\b[1-9]\d{10}\b   # eleven digits" }],
    validator: Some(valid),
    checksum: true,
    context: &["tckn", "kimlik", "tc", "nufus", "national", "turkish", "identity"],
    min_ratio: 0.01,
    source: "Nüfus ve Vatandaşlık İşleri Genel Müdürlüğü (NVİ): d10 = (7 * (d1+d3+d5+d7+d9) - (d2+d4+d6+d8)) mod 10, d11 = (d1+...+d10) mod 10",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 11 {
        return false;
    }
    let odd: u32 = [0, 2, 4, 6, 8].iter().map(|&i| u32::from(d[i])).sum();
    let even: u32 = [1, 3, 5, 7].iter().map(|&i| u32::from(d[i])).sum();
    let first_ten: u32 = d[..10].iter().map(|&x| u32::from(x)).sum();
    (7 * odd + 10 * even - even) % 10 == u32::from(d[9]) && first_ten % 10 == u32::from(d[10])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::TR_NATIONAL_ID,
            &[
                ("10000000146", Some("10000000146")),
                ("TCKN: 10000000146", Some("10000000146")),
                ("10000000147", None),
                ("10000000156", None),
                ("01000000146", None),
            ],
        );
    }
}
