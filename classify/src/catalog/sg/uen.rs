//! SG_UEN: Unique Entity Numbers of Singapore organisations in ACRA's three
//! formats: businesses (8 digits and a check letter), local companies
//! (registration year, 5 digits, check letter) and other entities (T/S/R and
//! a year, an entity-type code, 4 digits, check character).

use crate::catalog::{Pattern, Recognizer, digits_of, number, weighted};

pub(in crate::catalog) static SG_UEN: Recognizer = Recognizer {
    name: "sg_uen",
    country: "SG",
    entity: "SG_UEN",
    patterns: &[
        Pattern { name: "uen_business", score: 0.3, regex: r"(?x)\b\d{8}[A-Z]\b   # format A" },
        Pattern { name: "uen_company", score: 0.4, regex: r"(?x)\b(?:19|20)\d{7}[A-Z]\b   # format B" },
        Pattern { name: "uen_other", score: 0.5, regex: r"(?x)\b[TSR]\d{2}[A-Z]{2}\d{4}[A-Z]\b   # format C" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["uen", "acra", "entity", "business", "registration", "company"],
    min_ratio: 0.01,
    source: "ACRA, Unique Entity Number formats and check characters (as implemented by Presidio's SgUenRecognizer)",
    ..Recognizer::DEFAULT
};

/// Entity-type codes of format C.
const ENTITY_TYPES: &[&str] = &[
    "LP", "LL", "FC", "PF", "RF", "MQ", "MM", "NB", "CC", "CS", "MB", "FM", "GS", "DP", "CP", "NR", "CM", "CD", "MD",
    "HS", "VH", "CH", "MH", "CL", "XL", "CX", "HC", "RP", "TU", "TC", "FB", "FN", "PA", "PB", "SS", "MC", "SM", "GA",
    "GB",
];

fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    let d = digits_of(s);
    if !matches!(b.len(), 9 | 10) || !s.is_ascii() {
        return false;
    }
    let check = b[b.len() - 1];
    if b[0].is_ascii_alphabetic() {
        const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWX0123456789";
        if !ENTITY_TYPES.contains(&&s[3..5]) {
            return false;
        }
        let sum: i64 = b[..9]
            .iter()
            .zip([4, 3, 5, 3, 10, 2, 2, 5, 7])
            .map(|(c, w)| ALPHABET.iter().position(|a| a == c).map_or(0, |i| i as i64 * w))
            .sum();
        return ALPHABET[(sum - 5).rem_euclid(11) as usize] == check;
    }
    if d.len() == 8 {
        b"XMKECAWLJDB"[(weighted(&d, &[10, 4, 9, 3, 8, 2, 7, 1]) % 11) as usize] == check
    } else {
        d.len() == 9
            && number(&d[..4]) <= 2100
            && b"ZKCMDNERGWH"[(weighted(&d, &[10, 8, 6, 4, 9, 7, 5, 3, 1]) % 11) as usize] == check
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::SG_UEN,
            &[
                ("53012345B", Some("53012345B")),
                ("uen 200212345E", Some("200212345E")),
                ("T09LL0001D", Some("T09LL0001D")),
                ("53012345D", None),
                ("T09ZZ0001D", None),
            ],
        );
    }
}
