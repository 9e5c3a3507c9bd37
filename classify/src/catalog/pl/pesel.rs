//! PL_PESEL: the Polish personal number: birth date (the month carries the
//! century: +80 for the 1800s, +20 for the 2000s, +40, +60 after), a serial
//! whose last digit gives the sex, and a weighted check digit.

use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, valid_date, weighted};

pub(in crate::catalog) static PL_PESEL: Recognizer = Recognizer {
    name: "pl_pesel",
    country: "PL",
    entity: "PL_PESEL",
    patterns: &[Pattern { name: "pesel", score: 0.4, regex: r"(?x)\b\d{11}\b   # 11 digits" }],
    validator: Some(valid),
    checksum: true,
    context: &["pesel", "identyfikacyjny", "ewidencyjny"],
    min_ratio: 0.01,
    source: "Ustawa o ewidencji ludności (PESEL): check = (10 - sum(d * [1,3,7,9,1,3,7,9,1,3]) mod 10) mod 10",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 11 {
        return false;
    }
    let [yy, mm, dd] = digit_pairs(&d);
    let (century, month) = match mm {
        81..=92 => (1800, mm - 80),
        1..=12 => (1900, mm),
        21..=32 => (2000, mm - 20),
        41..=52 => (2100, mm - 40),
        61..=72 => (2200, mm - 60),
        _ => return false,
    };
    valid_date(century + yy, month, dd)
        && (10 - weighted(&d, &[1, 3, 7, 9, 1, 3, 7, 9, 1, 3]) % 10) % 10 == u32::from(d[10])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::PL_PESEL,
            &[
                ("44051401359", Some("44051401359")),
                ("pesel 02270803624", Some("02270803624")),
                ("44051401358", None),
                ("44135401351", None),
            ],
        );
    }
}
