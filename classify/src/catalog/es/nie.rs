//! ES_NIE: the Spanish foreigner identity number: X, Y or Z (standing for
//! 0, 1, 2), seven digits and the NIF check letter.

use crate::catalog::{Pattern, Recognizer, digits_of, number};

pub(in crate::catalog) static ES_NIE: Recognizer = Recognizer {
    name: "es_nie",
    country: "ES",
    entity: "ES_NIE",
    patterns: &[Pattern {
        name: "nie",
        score: 0.5,
        regex: r"(?x)\b[XYZxyz]-?\d{7}-?[A-Za-z]\b   # X/Y/Z, 7 digits, check letter (any case)",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["nie", "extranjero", "foreigner", "identidad", "residencia"],
    min_ratio: 0.01,
    source: "Orden INT/2058/2008: NIE prefix X=0, Y=1, Z=2, then the NIF check letter",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let (Some(first), Some(&last)) = (s.bytes().next(), s.as_bytes().last()) else { return false };
    let Some(prefix) = b"XYZ".iter().position(|&p| p == first.to_ascii_uppercase()) else { return false };
    let d = digits_of(s);
    d.len() == 7 && super::check_letter(prefix as u64 * 10_000_000 + number(&d), last)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ES_NIE,
            &[
                ("X1234567L", Some("X1234567L")),
                ("x1234567l", Some("x1234567l")),
                ("nie Y-1234567-X", Some("Y-1234567-X")),
                ("Z1234567R", Some("Z1234567R")),
                ("X1234567A", None),
            ],
        );
    }
}
