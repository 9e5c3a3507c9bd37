//! ES_NIE: the Spanish foreigner identity number: X, Y or Z (standing for
//! 0, 1, 2), seven digits and the NIF check letter.

use crate::classify::catalog::{Method, Pattern, Profile, Recognizer, digits_of, number};

pub(in crate::classify::catalog) static ES_NIE: Recognizer = Recognizer {
    name: "es_nie",
    country: "ES",
    entity: "ES_NIE",
    method: Method::Pattern,
    patterns: &[Pattern {
        name: "nie",
        score: 0.5,
        regex: r"(?x)(?-u:\b)[XYZ]-?\d{7}-?[A-Z](?-u:\b)   # X/Y/Z, 7 digits, check letter",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["nie", "extranjero", "foreigner", "identidad", "residencia"],
    not_context: &[],
    min_ratio: 0.05,
    gate: |p: &Profile| p.digits >= 7 && p.letters >= 2,
    source: "Orden INT/2058/2008: NIE prefix X=0, Y=1, Z=2, then the NIF check letter",
};

fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    let prefix = u64::from(b[0] - b'X');
    super::check_letter(prefix * 10_000_000 + number(&digits_of(s)), b[b.len() - 1])
}

#[cfg(test)]
mod tests {
    use crate::classify::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ES_NIE,
            &[
                ("X1234567L", Some("X1234567L")),
                ("nie Y-1234567-X", Some("Y-1234567-X")),
                ("Z1234567R", Some("Z1234567R")),
                ("X1234567A", None),
            ],
        );
    }
}
