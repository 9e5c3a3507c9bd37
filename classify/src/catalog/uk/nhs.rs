//! UK_NHS: NHS numbers of England, Wales and the Isle of Man, ten digits with
//! a modulus 11 check digit.

use crate::catalog::{Pattern, Recognizer, digits_of};

pub(in crate::catalog) static UK_NHS: Recognizer = Recognizer {
    name: "uk_nhs",
    country: "UK",
    entity: "UK_NHS",
    patterns: &[
        Pattern {
            name: "nhs_grouped",
            score: 0.5,
            regex: r"(?x)\b\d{3}[\ -]\d{3}[\ -]\d{4}\b   # 3-3-4, spaces or dashes",
        },
        Pattern { name: "nhs_digits", score: 0.4, regex: r"(?x)\b\d{10}\b   # ten bare digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["nhs", "nhsnumber", "patient", "health", "medical", "nhsno"],
    min_ratio: 0.01,
    source: "NHS Data Dictionary, 'NHS Number' (modulus 11 check digit algorithm)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 10 || d.iter().all(|&x| x == d[0]) {
        return false;
    }
    let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(&x, w)| u32::from(x) * w).sum();
    match 11 - sum % 11 {
        11 => d[9] == 0,
        10 => false,
        check => u32::from(d[9]) == check,
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::UK_NHS,
            &[
                ("943 476 5919", Some("943 476 5919")),
                ("9434765919", Some("9434765919")),
                ("nhs no. 401-023-2137", Some("401-023-2137")),
                ("943 476 5918", None),
                ("1111111111", None),
                ("94347659190", None),
            ],
        );
    }
}
