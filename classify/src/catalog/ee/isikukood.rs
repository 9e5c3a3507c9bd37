//! EE_ISIKUKOOD: the Estonian personal identification code: sex and century
//! (1-6), the birth date, a serial, and a check digit, the sum with weights
//! 1 2 3 4 5 6 7 8 9 1 modulo 11, or with 3 4 5 6 7 8 9 1 2 3 where that
//! is 10 (and 0 where that is 10 again).

use crate::catalog::{Pattern, Recognizer, valid_date};

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
    let b = s.as_bytes();
    if b.len() != 11 || !b.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let d: Vec<u32> = b.iter().map(|&c| u32::from(c - b'0')).collect();
    let century = match d[0] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return false,
    };
    let weighted = |w: [u32; 10]| d.iter().zip(w).map(|(x, w)| x * w).sum::<u32>() % 11;
    let check = match weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 1]) {
        10 => weighted([3, 4, 5, 6, 7, 8, 9, 1, 2, 3]) % 10,
        r => r,
    };
    valid_date(century + d[1] * 10 + d[2], d[3] * 10 + d[4], d[5] * 10 + d[6]) && check == d[10]
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
