//! PHONE_NUMBER: international numbers (E.164, with `+` or `00`), North
//! American (NANP) numbers, India's ten-digit numbers, and national numbers
//! with a trunk `0`.
//!
//! A loose digit pattern would flag every order number, so each form is
//! checked: international numbers against ITU-T E.164 country codes and their
//! national number lengths, NANP numbers against the plan's area and exchange
//! rules. Bare digit runs score low and need a column name to be reported.

use super::{Pattern, Recognizer, digits_of, valid_date};

pub(super) static PHONE: Recognizer = Recognizer {
    name: "phone",
    country: "global",
    entity: "PHONE_NUMBER",
    patterns: &[
        Pattern {
            name: "e164",
            score: 0.6,
            regex: r"(?x)
                (?:\+|\b00)                # international prefix
                [1-9]\d{0,2}                     # country code
                (?:[\ .-]?\(?\d{1,5}\)?){1,6}    # groups of the national number, a (0) among them
                (?:\ ?(?:x|ext\.?|\#)\ ?\d{1,6})?  # extension
                \b",
        },
        Pattern {
            name: "nanp_formatted",
            score: 0.6,
            regex: r"(?x)
                (?:\b1[\ .-]?)?                            # optional trunk prefix
                (?:\([2-9]\d{2}\)\ ?|\b[2-9]\d{2}[\ .-])   # area code, parenthesised or followed by a separator
                [2-9]\d{2}[\ .-]\d{4}                            # exchange and line number
                (?:\ ?(?:x|ext\.?|\#)\ ?\d{1,6})?                 # extension
                \b",
        },
        Pattern {
            name: "national_formatted",
            score: 0.5,
            regex: r"(?x)
                (?:\b0[1-9]\d{0,4}[\ .-]{1,2}              # trunk 0 and area or mobile prefix,
                  |\(0[1-9]\d{0,4}\)[\ .-]{0,2})                # or in brackets: (020) 7946, (0114)4960958
                \d{2,8}(?:[\ .-]{1,2}\d{2,8}){0,3}                # subscriber number in groups
                \b",
        },
        Pattern {
            name: "area_code_first",
            score: 0.5,
            regex: r"(?x)
                (?:\([1-9]\d{1,2}\)\ ?|\b[1-9]\d\ )   # an area code without trunk: (378), (11), 37
                (?:9\ ?)?\d{3,4}[\ -]\d{4}\b         # the number: 147 7163, 5568-8748, 98765-4321",
        },
        Pattern {
            name: "mobile_digits",
            score: 0.1,
            regex: r"(?x)\b3\d{8,10}\b   # a mobile number written bare, as Italy's: 3701214139",
        },
        Pattern {
            name: "grouped_digits",
            score: 0.3,
            regex: r"(?x)\b\d{2,3}(?:[\ -]\d{2,3}){2,3}\b   # a number in groups without a trunk: 888 292 803, 22 959 93 26",
        },
        Pattern {
            name: "national_trunk",
            score: 0.3,
            regex: r"(?x)\b0[1-9]\d{7,9}\b   # trunk 0 and the whole national number, bare",
        },
        Pattern {
            name: "ten_digits",
            score: 0.2,
            regex: r"(?x)
                \b1?          # NANP's optional trunk prefix
                [2-9]\d{9}          # ten digits: NANP's area code, exchange and line, or India's national number
                \b",
        },
    ],
    validator: Some(valid),
    context: &[
        "call",
        "phone",
        "telephone",
        "tel",
        "mobile",
        "cell",
        "cellphone",
        "fax",
        "msisdn",
        "contact",
        "telefono",
        "telefon",
        "telefone",
        "handy",
        "portable",
        "gsm",
        "téléphone",
        "movil",
        "móvil",
        "cellulare",
        "mobil",
        "rufnummer",
        "puhelin",
        "telefoonnummer",
    ],
    min_ratio: 0.01,
    source: "ITU-T E.164 and its list of assigned country codes; North American Numbering Plan (NANPA) format rules",
    ..Recognizer::DEFAULT
};

/// E.164 country codes with the shortest and longest national significant
/// number in use there (ITU-T national numbering plans), shortest codes
/// first, each length in order.
const COUNTRY_CODES: &[(&str, usize, usize)] = &[
    ("1", 10, 10),
    ("7", 10, 10),
    ("20", 8, 10),
    ("27", 9, 9),
    ("30", 10, 10),
    ("31", 9, 9),
    ("32", 8, 9),
    ("33", 9, 9),
    ("34", 9, 9),
    ("36", 8, 9),
    ("39", 6, 11),
    ("40", 9, 9),
    ("41", 9, 9),
    ("43", 4, 13),
    ("44", 9, 10),
    ("45", 8, 8),
    ("46", 7, 13),
    ("47", 8, 8),
    ("48", 9, 9),
    ("49", 6, 13),
    ("51", 8, 9),
    ("52", 10, 10),
    ("53", 6, 8),
    ("54", 10, 11),
    ("55", 10, 11),
    ("56", 9, 9),
    ("57", 8, 10),
    ("58", 10, 10),
    ("60", 7, 10),
    ("61", 9, 9),
    ("62", 7, 12),
    ("63", 8, 10),
    ("64", 8, 10),
    ("65", 8, 8),
    ("66", 8, 9),
    ("81", 9, 10),
    ("82", 8, 10),
    ("84", 9, 10),
    ("86", 10, 12),
    ("90", 10, 10),
    ("91", 10, 10),
    ("92", 9, 10),
    ("93", 9, 9),
    ("94", 9, 9),
    ("95", 7, 10),
    ("98", 10, 10),
    ("212", 9, 9),
    ("213", 8, 9),
    ("216", 8, 8),
    ("234", 8, 10),
    ("254", 9, 9),
    ("351", 9, 9),
    ("352", 6, 11),
    ("353", 7, 9),
    ("354", 7, 9),
    ("356", 8, 8),
    ("357", 8, 8),
    ("358", 5, 12),
    ("359", 8, 9),
    ("370", 8, 8),
    ("371", 8, 8),
    ("372", 7, 8),
    ("380", 9, 9),
    ("385", 8, 9),
    ("386", 8, 8),
    ("420", 9, 9),
    ("421", 9, 9),
    ("852", 8, 8),
    ("880", 10, 10),
    ("886", 8, 9),
    ("961", 7, 8),
    ("962", 8, 9),
    ("965", 8, 8),
    ("966", 9, 9),
    ("971", 8, 9),
    ("972", 8, 9),
    ("974", 8, 8),
];

fn valid(s: &str) -> bool {
    // An extension (`x123`, `ext. 12`, `#4`) is not part of the number.
    // Bytes, not characters, throughout: every byte looked for is ASCII,
    // and decoding characters took a third of a column of phone numbers'
    // time.
    let s = s.bytes().position(|b| matches!(b, b'x' | b'e' | b'#')).map_or(s, |at| &s[..at]);
    // `095-53-2663` is laid out as a US Social Security number, not a phone
    // number. Both need separators, which bare numbers lack.
    if !s.bytes().all(|b| b.is_ascii_digit()) && (looks_like_a_date(s) || is_ssn_layout(s)) {
        return false;
    }
    let t = s.trim_start();
    if let Some(rest) = t.strip_prefix('+').or_else(|| t.strip_prefix("00")) {
        // `+44 (0)20 ...`: the trunk 0 in brackets after the country code
        // is dialled only from inside the country.
        let trunk = rest.as_bytes().windows(3).position(|w| w == b"(0)");
        let (a, b) = trunk.map_or((rest, ""), |at| (&rest[..at], &rest[at + 3..]));
        let (a, b) = (digits_of(a), digits_of(b));
        let mut national = [0u8; 32];
        if a.len() + b.len() > national.len() {
            return false;
        }
        national[..a.len()].copy_from_slice(&a);
        national[a.len()..a.len() + b.len()].copy_from_slice(&b);
        return valid_international(&national[..a.len() + b.len()]);
    }
    let digits = digits_of(s);
    let formatted = s.bytes().any(|b| matches!(b, b' ' | b'-' | b'.' | b'('));
    // Nine digits in groups without a trunk prefix, as Poland writes every
    // number (`888 292 803`, `22 959 93 26`).
    let grouped = s.bytes().filter(|b| matches!(b, b' ' | b'-')).count() >= 2;
    match &*digits {
        // An area code first, without trunk: Turkey's (378)147 7163,
        // Brazil's 11 5568-8748 and (11) 98765-4321.
        d if (10..=11).contains(&d.len()) && area_code_first(s) => true,
        [1, rest @ ..] if rest.len() == 10 => valid_nanp(rest),
        d if d.len() == 10 && valid_nanp(d) => true,
        // India's national numbers have ten digits (TRAI National Numbering
        // Plan): mobile numbers from 6, however written, and fixed lines,
        // an area code and the subscriber's number, written bare. Bare ones
        // from 1 are left out: they read as Unix times (`1732345678`).
        d if d.len() == 10 && (d[0] >= 6 || (d[0] >= 2 && !formatted)) => true,
        // Italian mobile numbers, 3 and eight to ten digits, written bare.
        [3, ..] if (9..=11).contains(&digits.len()) && !formatted => true,
        // A trunk 0: eight digits and more when written in groups
        // (Stockholm's 08-92 73 50), nine and more otherwise.
        [0, d, ..] => *d != 0 && (if formatted { 8 } else { 9 }..=11).contains(&digits.len()),
        d => grouped && d.len() == 9,
    }
}

/// Whether `s` opens with an area code of two or three digits, bracketed
/// or followed by a space, without a trunk 0.
fn area_code_first(s: &str) -> bool {
    let b = s.trim().as_bytes();
    let digits_until = |from: usize, end: u8| {
        let n = b[from.min(b.len())..].iter().take_while(|c| c.is_ascii_digit()).count();
        b.get(from + n) == Some(&end) && (2..=3).contains(&n) && b[from] != b'0'
    };
    match b.first() {
        Some(b'(') => digits_until(1, b')'),
        Some(_) => digits_until(0, b' '),
        None => false,
    }
}

/// Whether `s` is three, two and four digits joined by dashes.
fn is_ssn_layout(s: &str) -> bool {
    let mut groups = s.trim().split('-').map(|g| g.bytes().all(|b| b.is_ascii_digit()).then_some(g.len()));
    [Some(Some(3)), Some(Some(2)), Some(Some(4)), None].into_iter().all(|want| groups.next() == want)
}

/// Whether `s` opens with a day, month and four-digit year (or year, month
/// and day) joined by dots, dashes or slashes: `05.12.2024 10`.
fn looks_like_a_date(s: &str) -> bool {
    let mut groups = s.as_bytes().split(|b| !b.is_ascii_digit()).filter(|g| !g.is_empty());
    let (Some(a), Some(b), Some(c)) = (groups.next(), groups.next(), groups.next()) else { return false };
    // As `str::parse::<u32>`, 0 past u32::MAX: no day, month or year.
    let n = |g: &[u8]| g.iter().try_fold(0u32, |n, d| n.checked_mul(10)?.checked_add(u32::from(d - b'0'))).unwrap_or(0);
    let dated = s.bytes().any(|b| matches!(b, b'.' | b'/')) || (a.len() == 4 || c.len() == 4);
    dated
        && ((c.len() == 4 && (valid_date(n(c), n(b), n(a)) || valid_date(n(c), n(a), n(b))))
            || (a.len() == 4 && valid_date(n(a), n(b), n(c))))
}

fn valid_international(d: &[u8]) -> bool {
    (1..=3).filter(|&n| d.len() > n).any(|n| {
        let code = d[..n].iter().map(|&x| x + b'0');
        // The table is in (length, code) order (a test holds it so).
        COUNTRY_CODES.binary_search_by(|(c, ..)| c.len().cmp(&n).then_with(|| c.bytes().cmp(code.clone()))).is_ok_and(
            |at| {
                let (c, min, max) = COUNTRY_CODES[at];
                (min..=max).contains(&(d.len() - n)) && (c != "1" || valid_nanp(&d[1..]))
            },
        )
    })
}

/// NANP: area code NXX with X≠9 in the middle and not N11; exchange NXX not N11.
fn valid_nanp(d: &[u8]) -> bool {
    d.len() == 10
        && (2..=9).contains(&d[0])
        && d[1] != 9
        && !(d[1] == 1 && d[2] == 1)
        && (2..=9).contains(&d[3])
        && !(d[4] == 1 && d[5] == 1)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::PHONE,
            &[
                ("+1 212 555 0143", Some("+1 212 555 0143")),
                ("+44 20 7946 0958", Some("+44 20 7946 0958")),
                ("call +49 30 901820 today", Some("+49 30 901820")),
                ("(212) 555-0143", Some("(212) 555-0143")),
                ("212-555-0143", Some("212-555-0143")),
                ("1-800-555-0199", Some("1-800-555-0199")),
                ("07700 900123", Some("07700 900123")),
                ("call 09-7625400 now", Some("09-7625400")),
                ("090-1234-5678", Some("090-1234-5678")),
                ("0532 123 45 67", Some("0532 123 45 67")),
                ("(020) 74960266", Some("(020) 74960266")),
                ("+44(0)2074960390", Some("+44(0)2074960390")),
                ("call (530)718-3110 today", Some("(530)718-3110")),
                ("(868)458-7840x05756", Some("(868)458-7840x05756")),
                ("call 001-212-861-3441x8854 now", Some("001-212-861-3441x8854")),
                ("05.12.2024 10", None),
                ("31.12.1999", None),
                ("05 12 2024", None),
                ("2125550143", Some("2125550143")),
                ("call 888 292 803 today", Some("888 292 803")),
                ("tel 22 959 93 26", Some("22 959 93 26")),
                ("7119269401", Some("7119269401")),
                ("Call back on 5942520516 after 5pm", Some("5942520516")),
                ("Call back on 6031492701 after 5pm", Some("6031492701")),
                ("(0909)8790115", Some("(0909)8790115")),
                ("(378)147 7163", Some("(378)147 7163")),
                ("ligar 37 5568-8748 hoje", Some("37 5568-8748")),
                ("(11) 98765-4321", Some("(11) 98765-4321")),
                ("3701214139", Some("3701214139")),
                ("08-92 73 50", Some("08-92 73 50")),
                ("+999 1234 5678", None),
                ("+1 123 555 0143", None),
                ("2026-11-23", None),
                ("123-45-6789", None),
                ("ref. 095-53-2663", None),
                ("1732345678", None),
                ("ts=2016-10-30T22:00:01.947068 level=INFO", None),
                ("tel:+14155550143", Some("+14155550143")),
                ("4111111111111111", None),
                ("203.0.113.42", None),
                ("123e4567-e89b-12d3-a456-426614174000", None),
            ],
        );
    }

    /// The check as first written (characters, a linear search of the
    /// country codes): the reference for the byte-wise one.
    fn valid_as_written(s: &str) -> bool {
        // An extension (`x123`, `ext. 12`, `#4`) is not part of the number.
        let s = s.find(['x', 'e', '#']).map_or(s, |at| &s[..at]);
        // `095-53-2663` is laid out as a US Social Security number, not a phone
        // number. Both need separators, which bare numbers lack.
        if !s.bytes().all(|b| b.is_ascii_digit()) && (date_as_written(s) || super::is_ssn_layout(s)) {
            return false;
        }
        let t = s.trim_start();
        if let Some(rest) = t.strip_prefix('+').or_else(|| t.strip_prefix("00")) {
            // `+44 (0)20 ...`: the trunk 0 in brackets after the country code
            // is dialled only from inside the country.
            let (a, b) = rest.split_once("(0)").unwrap_or((rest, ""));
            let (a, b) = (super::digits_of(a), super::digits_of(b));
            let mut national = [0u8; 32];
            if a.len() + b.len() > national.len() {
                return false;
            }
            national[..a.len()].copy_from_slice(&a);
            national[a.len()..a.len() + b.len()].copy_from_slice(&b);
            return international_as_written(&national[..a.len() + b.len()]);
        }
        let digits = super::digits_of(s);
        let formatted = s.contains([' ', '-', '.', '(']);
        // Nine digits in groups without a trunk prefix, as Poland writes every
        // number (`888 292 803`, `22 959 93 26`).
        let grouped = s.matches([' ', '-']).count() >= 2;
        match &*digits {
            // An area code first, without trunk: Turkey's (378)147 7163,
            // Brazil's 11 5568-8748 and (11) 98765-4321.
            d if (10..=11).contains(&d.len()) && super::area_code_first(s) => true,
            [1, rest @ ..] if rest.len() == 10 => super::valid_nanp(rest),
            d if d.len() == 10 && super::valid_nanp(d) => true,
            // India's national numbers have ten digits (TRAI National Numbering
            // Plan): mobile numbers from 6, however written, and fixed lines,
            // an area code and the subscriber's number, written bare. Bare ones
            // from 1 are left out: they read as Unix times (`1732345678`).
            d if d.len() == 10 && (d[0] >= 6 || (d[0] >= 2 && !formatted)) => true,
            // Italian mobile numbers, 3 and eight to ten digits, written bare.
            [3, ..] if (9..=11).contains(&digits.len()) && !formatted => true,
            // A trunk 0: eight digits and more when written in groups
            // (Stockholm's 08-92 73 50), nine and more otherwise.
            [0, d, ..] => *d != 0 && (if formatted { 8 } else { 9 }..=11).contains(&digits.len()),
            d => grouped && d.len() == 9,
        }
    }

    fn date_as_written(s: &str) -> bool {
        let mut groups = s.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty());
        let (Some(a), Some(b), Some(c)) = (groups.next(), groups.next(), groups.next()) else { return false };
        let n = |g: &str| g.parse::<u32>().unwrap_or(0);
        let dated = s.contains(['.', '/']) || (a.len() == 4 || c.len() == 4);
        dated
            && ((c.len() == 4 && (super::valid_date(n(c), n(b), n(a)) || super::valid_date(n(c), n(a), n(b))))
                || (a.len() == 4 && super::valid_date(n(a), n(b), n(c))))
    }

    fn international_as_written(d: &[u8]) -> bool {
        (1..=3).any(|n| {
            d.len() > n
                && super::COUNTRY_CODES.iter().any(|&(code, min, max)| {
                    code.len() == n
                        && code.bytes().zip(d).all(|(c, &x)| c - b'0' == x)
                        && (min..=max).contains(&(d.len() - n))
                        && (code != "1" || super::valid_nanp(&d[1..]))
                })
        })
    }

    #[test]
    fn country_codes_are_in_the_order_the_search_needs() {
        let key = |c: &str| (c.len(), c.to_owned());
        assert!(super::COUNTRY_CODES.windows(2).all(|w| key(w[0].0) < key(w[1].0)));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, failure_persistence: None, ..Default::default() })]
        #[test]
        fn the_check_is_the_one_first_written(
            s in "(\\+|00)?((\\(0\\)|[0-9]{1,5}|4294967296)[ .()/#xe-]{0,2}){0,6}(ext\\.? ?[0-9]{1,4})?|[0-9 .()é#x+-]{0,24}|\\PC{0,16}",
        ) {
            proptest::prop_assert_eq!(super::valid(&s), valid_as_written(&s), "{}", s);
        }
    }
}
