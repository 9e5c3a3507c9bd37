//! NL_BSN: the Dutch citizen service number (burgerservicenummer, once the
//! sofinummer): nine digits passing the "elfproef", 9·d1 + 8·d2 + … + 2·d8
//! − d9 divisible by 11. One nine-digit number in eleven passes it, so a
//! column name or a nearby word must say BSN.

use crate::catalog::{Pattern, Recognizer, digits_of, weighted};

pub(in crate::catalog) static NL_BSN: Recognizer = Recognizer {
    name: "nl_bsn",
    country: "NL",
    entity: "NL_BSN",
    patterns: &[Pattern {
        name: "bsn",
        score: 0.1,
        regex: r"(?x)\b\d{4}\.?\d{2}\.?\d{3}\b   # nine digits, bare or 1234.56.789",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["bsn", "burgerservicenummer", "sofinummer", "sofi", "burgerservice", "ssn"],
    min_ratio: 0.01,
    source: "Wet algemene bepalingen burgerservicenummer; the elfproef (weights 9..2 and -1, modulo 11)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 9 || d.iter().all(|&x| x == 0) || !s.matches('.').count().is_multiple_of(2) {
        return false;
    }
    weighted(&d, &[9, 8, 7, 6, 5, 4, 3, 2]) % 11 == u32::from(d[8])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::NL_BSN,
            &[
                ("111222333", Some("111222333")),
                ("BSN 1112.22.333", Some("1112.22.333")),
                ("123456782", Some("123456782")),
                ("123456789", None),
                ("000000000", None),
                ("1112.22333", None),
            ],
        );
    }
}
