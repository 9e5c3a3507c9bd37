//! CN_RESIDENT_ID: the resident identity card number of the People's
//! Republic of China (居民身份证号码, GB 11643-1999): a six-digit address
//! code, the birth date (YYYYMMDD), a three-digit sequence whose last digit
//! is odd for men, and a check character (`0`-`9` or `X`) by ISO 7064
//! MOD 11-2. The fifteen-digit numbers issued before 1999 carry no check
//! and are not looked for.

use crate::catalog::{Pattern, Recognizer, digits_of, number, valid_date, weighted};

pub(in crate::catalog) static CN_RESIDENT_ID: Recognizer = Recognizer {
    name: "cn_resident_id",
    country: "CN",
    entity: "CN_RESIDENT_ID",
    patterns: &[Pattern {
        name: "resident_id",
        score: 0.5,
        regex: r"(?x)\b\d{17}[\dXx]\b   # address, birth date, sequence, check (the date is the validator's)",
    }],
    validator: Some(valid),
    checksum: true,
    context: &[
        "身份证",
        "身份证号",
        "身份证号码",
        "证件号",
        "证件号码",
        "sfz",
        "shenfenzheng",
        "resident",
        "identity",
        "citizen",
        "prc",
    ],
    min_ratio: 0.01,
    source: "GB 11643-1999 (citizen identification number); ISO/IEC 7064 MOD 11-2",
    ..Recognizer::DEFAULT
};

/// Weights of the first seventeen digits: 2^(17 - i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The check character of a remainder mod 11.
const CHECK: &[u8; 11] = b"10X98765432";

fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || b[0] == b'0' || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d = digits_of(&s[..17]);
    let n = |r: std::ops::Range<usize>| number(&d[r]) as u32;
    let year = n(6..10);
    (1800..=2099).contains(&year)
        && valid_date(year, n(10..12), n(12..14))
        && b[17].to_ascii_uppercase() == CHECK[(weighted(&d, &WEIGHTS) % 11) as usize]
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::CN_RESIDENT_ID,
            &[
                ("11010519491231002X", Some("11010519491231002X")),
                ("11010519491231002x", Some("11010519491231002x")),
                ("440524188001010014", Some("440524188001010014")),
                ("身份证号 11010519491231002X", Some("11010519491231002X")),
                ("110105194912310021", None),
                ("11010519491331002X", None),
                ("11010519490230002X", None),
                ("011010519491231002X", None),
                ("1101051949123100201", None),
            ],
        );
    }
}
