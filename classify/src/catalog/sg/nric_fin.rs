//! SG_NRIC_FIN: NRIC and FIN numbers: a prefix (S, T for citizens and
//! permanent residents; F, G, M for foreigners), seven digits and a check
//! letter from weights 2,7,6,5,4,3,2 with an offset per prefix.

use crate::catalog::{Pattern, Recognizer, digits_of, weighted};

pub(in crate::catalog) static SG_NRIC_FIN: Recognizer = Recognizer {
    name: "sg_nric_fin",
    country: "SG",
    entity: "SG_NRIC_FIN",
    patterns: &[Pattern {
        name: "nric_fin",
        score: 0.5,
        regex: r"(?x)\b[STFGM]\d{7}[A-Z]\b   # prefix, 7 digits, check letter",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["nric", "fin", "ic", "identity", "registration"],
    min_ratio: 0.01,
    source: "ICA Singapore, NRIC/FIN check letter (weights 2,7,6,5,4,3,2; offset 4 for T/G, 3 for M)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    let d = digits_of(s);
    if b.len() != 9 || d.len() != 7 {
        return false;
    }
    let sum = weighted(&d, &[2, 7, 6, 5, 4, 3, 2]);
    let r = |offset: u32| ((sum + offset) % 11) as usize;
    let check = match b[0] {
        b'S' => b"JZIHGFEDCBA"[r(0)],
        b'T' => b"JZIHGFEDCBA"[r(4)],
        b'F' => b"XWUTRQPNMLK"[r(0)],
        b'G' => b"XWUTRQPNMLK"[r(4)],
        _ => b"KLJNPQRTUWX"[10 - r(3)],
    };
    b[8] == check
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::SG_NRIC_FIN,
            &[
                ("S1234567D", Some("S1234567D")),
                ("T1234567J", Some("T1234567J")),
                ("fin F1234567N", Some("F1234567N")),
                ("G1234567X", Some("G1234567X")),
                ("M1234567K", Some("M1234567K")),
                ("S1234567A", None),
                ("A1234567D", None),
            ],
        );
    }
}
