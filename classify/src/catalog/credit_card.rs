//! CREDIT_CARD: payment card numbers (PANs) of the major networks, checked
//! against the network's issuer ranges and lengths and the Luhn check digit.

use super::{Pattern, Recognizer, digits_of, luhn};

pub(super) static CREDIT_CARD: Recognizer = Recognizer {
    name: "credit_card",
    country: "global",
    entity: "CREDIT_CARD",
    patterns: &[Pattern {
        name: "pan",
        score: 0.9,
        regex: r"(?x)
            \b[1-6]\d{3}        # issuer identification, first four digits
            (?:[\ -]?\d){8,15}        # the rest, grouped by spaces or dashes
            \b",
    }],
    validator: Some(valid),
    narrow: Some(narrow),
    checksum: true,
    context: &[
        "card",
        "credit",
        "creditcard",
        "cc",
        "pan",
        "visa",
        "mastercard",
        "amex",
        "tarjeta",
        "kreditkarte",
        "carta",
        "carte",
        "kreditkarte",
        "payment",
    ],
    min_ratio: 0.01,
    source: "ISO/IEC 7812-1 (issuer identification, Luhn check digit); card networks' published IIN ranges",
    ..Recognizer::DEFAULT
};

/// (first digits low, high, allowed lengths) per network, as the ISO/IEC
/// 7812 registrations of the networks and their published ranges give them
/// (Dankort's 5019 is in Maestro's 50).
const RANGES: &[(u32, u32, &[usize])] = &[
    (4, 4, &[13, 16, 19]),                       // Visa
    (51, 55, &[16]),                             // Mastercard
    (2221, 2720, &[16]),                         // Mastercard 2-series
    (34, 34, &[15]),                             // American Express
    (37, 37, &[15]),                             // American Express
    (6011, 6011, &[16, 17, 18, 19]),             // Discover
    (644, 649, &[16, 17, 18, 19]),               // Discover
    (65, 65, &[16, 17, 18, 19]),                 // Discover
    (35, 35, &[16, 17, 18, 19]),                 // JCB (3528-3589 today, all of 35 reserved)
    (2131, 2131, &[15]),                         // JCB, 15 digits
    (1800, 1800, &[15]),                         // JCB, 15 digits
    (300, 305, &[14, 15, 16, 17, 18, 19]),       // Diners Club
    (36, 36, &[14, 15, 16, 17, 18, 19]),         // Diners Club
    (38, 39, &[14, 16, 17, 18, 19]),             // Diners Club
    (62, 62, &[16, 17, 18, 19]),                 // UnionPay
    (2200, 2204, &[16, 17, 18, 19]),             // Mir
    (50, 50, &[12, 13, 14, 15, 16, 17, 18, 19]), // Maestro (5018, 5020, 5038...)
    (56, 69, &[12, 13, 14, 15, 16, 17, 18, 19]), // Maestro (5893, 6304, 6759, 676770...)
    (1, 1, &[15]),                               // UATP
];

fn valid(s: &str) -> bool {
    if !consistent_separators(s) {
        return false;
    }
    let d = digits_of(s);
    let prefix = |n: usize| d.iter().take(n).fold(0u32, |acc, &x| acc * 10 + u32::from(x));
    let issuer = RANGES.iter().any(|&(lo, hi, lens)| {
        let n = lo.ilog10() as usize + 1;
        (lo..=hi).contains(&prefix(n)) && lens.contains(&d.len())
    });
    issuer && luhn(&d) && !d.iter().all(|&x| x == d[0])
}

/// Inside text, the card number a candidate holds: all of it when it is
/// one, else the longest run of its groups before a space that is. The
/// pattern reads on into the digits written after a number (an expiry
/// date, a security code: `4111 1111 1111 1111 05/28`, `4111111111111111
/// 123`), and the Luhn check then fails on the whole. A dash joins the
/// pieces of one token (`4111111111111111-22` is some other identifier).
fn narrow(s: &str) -> Option<std::ops::Range<usize>> {
    if valid(s) {
        return Some(0..s.len());
    }
    let spaces = s.char_indices().filter(|&(_, c)| c == ' ').map(|(i, _)| i);
    spaces.rev().find(|&end| valid(&s[..end])).map(|end| 0..end)
}

/// `4111 1111-1111 1111` mixes separators: no printed card looks like that.
fn consistent_separators(s: &str) -> bool {
    !(s.contains(' ') && s.contains('-'))
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::CREDIT_CARD,
            &[
                ("4111111111111111", Some("4111111111111111")),
                ("4111 1111 1111 1111", Some("4111 1111 1111 1111")),
                ("5555-5555-5555-4444", Some("5555-5555-5555-4444")),
                ("378282246310005", Some("378282246310005")),
                ("6011111111111117", Some("6011111111111117")),
                ("3530111333300000", Some("3530111333300000")),
                ("2223003122003222", Some("2223003122003222")),
                ("paid with 4012888888881881 yesterday", Some("4012888888881881")),
                ("UATP 122000000000003", Some("122000000000003")),
                ("5019717010103742", Some("5019717010103742")),
                ("6759 6498 2643 8453", Some("6759 6498 2643 8453")),
                ("122000000000004", None),
                ("4111111111111112", None),
                ("4111 1111-1111 1111", None),
                ("9111111111111111", None),
                ("1234567812345670", None),
                ("4111111111111111-22", None),
                ("card:4111111111111111", Some("4111111111111111")),
                // The expiry date or the security code after the number.
                ("3588690256285356 05/28", Some("3588690256285356")),
                ("card 4111 1111 1111 1111 05 28", Some("4111 1111 1111 1111")),
                ("4111111111111111 123 12/27", Some("4111111111111111")),
                ("5555-5555-5555-4444 123", Some("5555-5555-5555-4444")),
                ("4111111111111111-22 123", None),
                ("9780306406157", None),
            ],
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]
        /// Narrowing takes a candidate whole exactly when the validator
        /// accepts it, and what it takes of it is a valid number.
        #[test]
        fn narrowing_agrees_with_the_validator(
            s in "(4111|5555|3530|6011)([ -]?[0-9]{2,4}){2,6}|4111 1111 1111 1111( [0-9]{1,4}){0,2}",
        ) {
            let part = super::narrow(&s);
            proptest::prop_assert_eq!(part == Some(0..s.len()), super::valid(&s), "{}", s);
            if let Some(r) = part {
                proptest::prop_assert!(super::valid(&s[r]), "{}", s);
            }
        }
    }
}
