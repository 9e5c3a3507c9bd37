//! FI_PERSONAL_IDENTITY_CODE: the henkilötunnus: birth date, a century sign
//! (`+` 1800s; `-`, `U`-`Y` 1900s; `A`-`F` 2000s), a three-digit individual
//! number and a check character, the nine digits modulo 31.

use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, number, valid_date};

pub(in crate::catalog) static FI_PERSONAL_IDENTITY_CODE: Recognizer = Recognizer {
    name: "fi_personal_identity_code",
    country: "FI",
    entity: "FI_PERSONAL_IDENTITY_CODE",
    patterns: &[Pattern {
        name: "henkilotunnus",
        score: 0.5,
        regex: r"(?x)\b\d{6}[-+A-FU-Y]\d{3}[0-9A-Y]\b   # DDMMYY, century, number, check",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["henkilotunnus", "hetu", "personal", "identity", "sotu", "personbeteckning"],
    min_ratio: 0.01,
    source: "Digital and Population Data Services Agency (DVV), 'The personal identity code' (2023 century signs)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 11 || !s.is_ascii() {
        return false;
    }
    let century = match b[6] {
        b'+' => 1800,
        b'-' | b'U'..=b'Y' => 1900,
        _ => 2000,
    };
    let d = digits_of(&s[..10]);
    let [dd, mm, yy] = digit_pairs(&d);
    let n = number(&d) as usize;
    valid_date(century + yy, mm, dd) && b"0123456789ABCDEFHJKLMNPRSTUVWXY"[n % 31] == b[10]
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::FI_PERSONAL_IDENTITY_CODE,
            &[
                ("131052-308T", Some("131052-308T")),
                ("hetu 131052A308T", Some("131052A308T")),
                ("131052-308U", None),
                ("311152-308T", None),
            ],
        );
    }
}
