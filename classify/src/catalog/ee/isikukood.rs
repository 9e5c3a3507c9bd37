//! EE_ISIKUKOOD: the Estonian personal identification code: sex and century
//! (1-6), the birth date, a serial, and a check digit, the sum with weights
//! 1 2 3 4 5 6 7 8 9 1 modulo 11, or with 3 4 5 6 7 8 9 1 2 3 where that
//! is 10 (and 0 where that is 10 again).

use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, valid_date, weighted};

pub(in crate::catalog) static EE_ISIKUKOOD: Recognizer = Recognizer {
    name: "ee_isikukood",
    country: "EE",
    entity: "EE_ISIKUKOOD",
    patterns: &[Pattern { name: "isikukood", score: 0.5, regex: r"(?x)\b\d{11}\b   # eleven digits" }],
    validator: Some(valid),
    checksum: true,
    context: &["isikukood", "ik", "personal", "estonian", "ssn"],
    min_ratio: 0.01,
    source: "EVS 585:2007 (Estonian personal identification code)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if s.len() != 11 || d.len() != 11 {
        return false;
    }
    let century = match d[0] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return false,
    };
    let check = match weighted(&d, &[1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) % 11 {
        10 => weighted(&d, &[3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 11 % 10,
        r => r,
    };
    let [yy, mm, dd] = digit_pairs(&d[1..]);
    valid_date(century + yy, mm, dd) && check == u32::from(d[10])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::EE_ISIKUKOOD,
            &[
                ("47010267305", Some("47010267305")),
                ("isikukood 47010267305", Some("47010267305")),
                ("47010267306", None),
                ("47013267305", None),
            ],
        );
    }
}
