//! IBAN_CODE: International Bank Account Numbers, electronic or printed in
//! groups of four, checked against the country's length and ISO 7064 mod 97.

use super::{Pattern, Recognizer};

pub(super) static IBAN: Recognizer = Recognizer {
    name: "iban",
    country: "global",
    entity: "IBAN_CODE",
    patterns: &[Pattern {
        // Each country's length, so that no word after an IBAN is taken
        // for a last group of it (`BE68 5390 0754 7034 EUR`), in any case.
        // A test keeps these in step with LENGTHS.
        name: "iban",
        score: 0.95,
        regex: r"(?xi)\b(?:   # country code, check digits, the BBAN in groups of four
                    (?:NO)\d{2}(?:\ ?[A-Z0-9]{4}){2}\ ?[A-Z0-9]{3}   # 15
                  | (?:BE)\d{2}(?:\ ?[A-Z0-9]{4}){3}   # 16
                  | (?:DK|FI|FK|FO|GL|NL|SD)\d{2}(?:\ ?[A-Z0-9]{4}){3}\ ?[A-Z0-9]{2}   # 18
                  | (?:MK|SI)\d{2}(?:\ ?[A-Z0-9]{4}){3}\ ?[A-Z0-9]{3}   # 19
                  | (?:AT|BA|EE|KZ|LT|LU|MN|XK)\d{2}(?:\ ?[A-Z0-9]{4}){4}   # 20
                  | (?:CH|HR|LI|LV)\d{2}(?:\ ?[A-Z0-9]{4}){4}\ ?[A-Z0-9]{1}   # 21
                  | (?:BG|BH|CR|DE|GB|GE|IE|ME|RS|VA)\d{2}(?:\ ?[A-Z0-9]{4}){4}\ ?[A-Z0-9]{2}   # 22
                  | (?:AE|GI|IL|IQ|OM|SO|TL)\d{2}(?:\ ?[A-Z0-9]{4}){4}\ ?[A-Z0-9]{3}   # 23
                  | (?:AD|CZ|ES|MD|PK|RO|SA|SE|SK|TN|VG)\d{2}(?:\ ?[A-Z0-9]{4}){5}   # 24
                  | (?:LY|PT|ST)\d{2}(?:\ ?[A-Z0-9]{4}){5}\ ?[A-Z0-9]{1}   # 25
                  | (?:IR|IS|TR)\d{2}(?:\ ?[A-Z0-9]{4}){5}\ ?[A-Z0-9]{2}   # 26
                  | (?:BI|DJ|FR|GR|IT|MC|MR|SM)\d{2}(?:\ ?[A-Z0-9]{4}){5}\ ?[A-Z0-9]{3}   # 27
                  | (?:AL|AZ|BY|CY|DO|GT|HN|HU|LB|NI|PL|SV)\d{2}(?:\ ?[A-Z0-9]{4}){6}   # 28
                  | (?:BR|EG|PS|QA|UA)\d{2}(?:\ ?[A-Z0-9]{4}){6}\ ?[A-Z0-9]{1}   # 29
                  | (?:JO|KW|MU|YE)\d{2}(?:\ ?[A-Z0-9]{4}){6}\ ?[A-Z0-9]{2}   # 30
                  | (?:MT|SC)\d{2}(?:\ ?[A-Z0-9]{4}){6}\ ?[A-Z0-9]{3}   # 31
                  | (?:LC)\d{2}(?:\ ?[A-Z0-9]{4}){7}   # 32
                  | (?:RU)\d{2}(?:\ ?[A-Z0-9]{4}){7}\ ?[A-Z0-9]{1}   # 33
                )\b",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["iban", "account", "bank", "konto", "cuenta", "compte", "rekening", "bic"],
    min_ratio: 0.01,
    source: "ISO 13616-1:2020 and the SWIFT IBAN registry (lengths), Central Bank of Iran (Sheba, IR); ISO/IEC 7064 MOD 97-10",
    ..Recognizer::DEFAULT
};

/// IBAN length per country: the SWIFT IBAN registry's, and Iran's, which
/// its central bank issues (the Sheba number) outside the registry.
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
    ("IR", 26),
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
        && compact.iter().all(u8::is_ascii_alphanumeric)
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
            _ => acc * 100 + u64::from(b.to_ascii_uppercase().saturating_sub(b'A')) + 10,
        }
    });
    (n % 97) as u32
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn the_pattern_has_each_country_at_its_length() {
        // Countries by length, as written in the pattern's lines.
        let regex = super::IBAN.patterns[0].regex;
        let mut listed = Vec::new();
        for line in regex.lines().filter(|l| l.contains("# ")) {
            let Some((codes, length)) = line
                .split_once("(?:")
                .and_then(|(_, rest)| rest.split_once(')'))
                .zip(line.rsplit_once("# ").and_then(|(_, n)| n.trim().parse::<usize>().ok()))
            else {
                continue;
            };
            listed.extend(codes.0.split('|').map(|c| (c.to_owned(), length)));
        }
        listed.sort();
        let table: Vec<(String, usize)> = super::LENGTHS.iter().map(|(c, l)| (c.to_string(), *l)).collect();
        assert_eq!(listed, table);
    }

    #[test]
    fn lengths_are_sorted_for_binary_search() {
        assert!(super::LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn table() {
        check(
            &super::IBAN,
            &[
                ("IR062960000000100324200001", Some("IR062960000000100324200001")),
                ("GB82WEST12345698765432", Some("GB82WEST12345698765432")),
                ("GB82 WEST 1234 5698 7654 32", Some("GB82 WEST 1234 5698 7654 32")),
                ("DE89370400440532013000", Some("DE89370400440532013000")),
                ("pay to FR1420041010050500013M02606 now", Some("FR1420041010050500013M02606")),
                ("NO9386011117947", Some("NO9386011117947")),
                ("LY83002048000020100120361", Some("LY83002048000020100120361")),
                ("BE68 5390 0754 7034 EUR", Some("BE68 5390 0754 7034")),
                ("pay BE68539007547034 EUR", Some("BE68539007547034")),
                ("BE68 5390 0754 7034 SEPA", Some("BE68 5390 0754 7034")),
                ("IBAN ES7022406124890391953508 Llegó", Some("ES7022406124890391953508")),
                ("gb82west12345698765432", Some("gb82west12345698765432")),
                ("GB83WEST12345698765432", None),
                ("DE8937040044053201300", None),
                ("XX82WEST12345698765432", None),
                ("SKU AB12CDEF34567890", None),
            ],
        );
    }
}
