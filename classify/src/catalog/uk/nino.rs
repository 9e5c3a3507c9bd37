//! UK_NINO: National Insurance numbers: two prefix letters (with the letters
//! and pairs HMRC never allocates excluded), six digits and a suffix A-D.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static UK_NINO: Recognizer = Recognizer {
    name: "uk_nino",
    country: "UK",
    entity: "UK_NINO",
    patterns: &[Pattern {
        name: "nino",
        score: 0.5,
        regex: r"(?xi)
            \b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]   # prefix: no D F I Q U V, no O second (any case)
            \ ?\d{2}\ ?\d{2}\ ?\d{2}                        # six digits, optionally in pairs
            \ ?[A-D]\b                                # suffix",
    }],
    validator: Some(valid),
    context: &["nino", "insurance", "ni", "nin", "nationalinsurance"],
    source: "HMRC National Insurance Manual NIM39110: prefixes BG, GB, KN, NK, NT, TN, ZZ are never allocated",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    // Written whole or fully spaced (`AB 12 34 56 C`), never half.
    let prefix = s.as_bytes().get(..2).map(<[u8]>::to_ascii_uppercase);
    prefix.is_some_and(|p| !matches!(&p[..], b"BG" | b"GB" | b"KN" | b"NK" | b"NT" | b"TN" | b"ZZ"))
        && matches!(s.bytes().filter(|&b| b == b' ').count(), 0 | 4)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::UK_NINO,
            &[
                ("AB123456C", Some("AB123456C")),
                ("tw987654a", Some("tw987654a")),
                ("zz123456a", None),
                ("ni: JG 10 37 52 A", Some("JG 10 37 52 A")),
                ("GB123456A", None),
                ("DA123456A", None),
                ("AB123456E", None),
                ("AB12 3456C", None),
            ],
        );
    }
}
