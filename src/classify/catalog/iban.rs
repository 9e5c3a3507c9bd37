//! IBAN_CODE: International Bank Account Numbers, electronic or printed in
//! groups of four, checked against the country's length and ISO 7064 mod 97.

use super::{Method, Pattern, Recognizer};

pub(super) static IBAN: Recognizer = Recognizer {
    name: "iban",
    country: "global",
    entity: "IBAN_CODE",
    method: Method::Pattern,
    patterns: &[
        Pattern {
            name: "iban",
            score: 0.95,
            regex: r"(?x)
                (?-u:\b)[A-Za-z]{2}\d{2}         # country code and check digits (any case)
                (?:\ ?[A-Za-z0-9]{4}){2,7}       # BBAN in groups of four
                (?:\ ?[A-Za-z0-9]{1,3})?         # a shorter last group
                (?-u:\b)",
        },
        Pattern {
            // The same without a shorter last group, searched alone: a
            // printed IBAN of whole groups followed by a short word
            // (`BE68 5390 0754 7034 EUR`) is found without the word.
            name: "iban_whole_groups",
            score: 0.95,
            regex: r"(?x)
                (?-u:\b)[A-Za-z]{2}\d{2}         # country code and check digits (any case)
                (?:\ ?[A-Za-z0-9]{4}){2,7}       # BBAN in groups of four
                (?-u:\b)",
        },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["iban", "account", "bank", "konto", "cuenta", "compte", "rekening", "bic"],
    not_context: &[],
    min_ratio: 0.01,
    source: "ISO 13616-1:2020 and the SWIFT IBAN registry (lengths); ISO/IEC 7064 MOD 97-10",
};

/// IBAN length per country (SWIFT IBAN registry).
const LENGTHS: &[(&str, usize)] = &[
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BI", 27),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DJ", 27),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FK", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HN", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("LY", 25),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MN", 20),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NI", 28),
    ("NL", 18),
    ("NO", 15),
    ("OM", 23),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("RU", 33),
    ("SA", 24),
    ("SC", 31),
    ("SD", 18),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("SO", 23),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("YE", 30),
];

fn valid(s: &str) -> bool {
    // The longest IBAN has 34 characters (ISO 13616-1).
    let mut compact = [0u8; 34];
    let mut len = 0;
    for b in s.bytes().filter(|b| *b != b' ') {
        let Some(slot) = compact.get_mut(len) else { return false };
        *slot = b.to_ascii_uppercase();
        len += 1;
    }
    let compact = &compact[..len];
    len >= 4
        && LENGTHS.binary_search_by(|(c, _)| c.as_bytes().cmp(&compact[..2])).is_ok_and(|i| LENGTHS[i].1 == len)
        && mod97(compact) == 1
}

/// ISO 7064 MOD 97-10 over the rearranged IBAN (first four characters moved
/// to the end, letters as 10..35). The remainder is taken only when the
/// running number nears the top of a u64, not after every character: a
/// division per character was most of an IBAN's classification.
pub(crate) fn mod97(iban: &[u8]) -> u32 {
    let (head, tail) = iban.split_at(4);
    let n = tail.iter().chain(head).fold(0u64, |acc, &b| {
        let acc = if acc >= 1 << 56 { acc % 97 } else { acc };
        match b {
            b'0'..=b'9' => acc * 10 + u64::from(b - b'0'),
            _ => acc * 100 + u64::from(b.to_ascii_uppercase().wrapping_sub(b'A') + 10),
        }
    });
    (n % 97) as u32
}

#[cfg(test)]
mod tests {
    use crate::classify::catalog::tests::check;

    #[test]
    fn lengths_are_sorted_for_binary_search() {
        assert!(super::LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn table() {
        check(
            &super::IBAN,
            &[
                ("GB82WEST12345698765432", Some("GB82WEST12345698765432")),
                ("GB82 WEST 1234 5698 7654 32", Some("GB82 WEST 1234 5698 7654 32")),
                ("DE89370400440532013000", Some("DE89370400440532013000")),
                ("pay to FR1420041010050500013M02606 now", Some("FR1420041010050500013M02606")),
                ("NO9386011117947", Some("NO9386011117947")),
                ("LY83002048000020100120361", Some("LY83002048000020100120361")),
                ("BE68 5390 0754 7034 EUR", Some("BE68 5390 0754 7034")),
                ("pay BE68539007547034 EUR", Some("BE68539007547034")),
                ("gb82west12345698765432", Some("gb82west12345698765432")),
                ("GB83WEST12345698765432", None),
                ("DE8937040044053201300", None),
                ("XX82WEST12345698765432", None),
                ("SKU AB12CDEF34567890", None),
            ],
        );
    }
}
