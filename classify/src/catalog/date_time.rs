//! DATE_TIME: calendar dates, alone or with a time. Dates are everywhere in
//! a lake (event times, load dates), and only some are personal: a date is
//! reported when the column name says whose (`dob`, `birth_date`), which the
//! low pattern scores encode.

use super::{Pattern, Recognizer, valid_date};

pub(super) static DATE_TIME: Recognizer = Recognizer {
    name: "date_time",
    country: "global",
    entity: "DATE_TIME",
    patterns: &[
        Pattern {
            name: "iso_date",
            score: 0.15,
            regex: r"(?x)
                \b(?:1[89]|20)\d{2}-\d{2}-\d{2}              # ISO 8601 date
                (?:[T\ ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)?      # optional time
                (?:Z|[+-]\d{2}:?\d{2})?                             # optional offset
                \b",
        },
        Pattern {
            name: "numeric_date",
            score: 0.15,
            regex: r"(?x)\b\d{1,2}(?:/\d{1,2}/|\.\d{1,2}\.|-\d{1,2}-)   # day and month, or month and day
                (?:(?:1[89]|20)\d{2}|\d{2})\b                          # year: 31/12/1999, 5-20-2021, 05/21/21",
        },
        Pattern {
            name: "written_date",
            score: 0.2,
            regex: r"(?x)
                \b(?:
                    \d{1,2}[\ -](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?,?[\ -](?:1[89]|20)\d{2}
                  | (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?\ \d{1,2},?\ (?:1[89]|20)\d{2}
                )\b",
        },
    ],
    validator: Some(valid),
    context: &[
        "birth",
        "dob",
        "born",
        "birthday",
        "birthdate",
        "bday",
        "geburtsdatum",
        "nacimiento",
        "naissance",
        "nascita",
        "fodelsedatum",
        "födelsedatum",
        "syntymaaika",
        "urodzenia",
        "geboortedatum",
    ],
    source: "ISO 8601 and common written date forms; Presidio DATE_TIME",
    ..Recognizer::DEFAULT
};

/// Whether the numbers of a candidate make a real date in some order.
fn valid(s: &str) -> bool {
    // The first four numbers (more only ever mean year, month, day first),
    // on the stack, in one pass over the bytes: this runs on every
    // date-shaped value. A run of digits past u32 is no number here.
    let (mut nums, mut n) = ([0u32; 4], 0);
    let (mut run, mut digits, mut month_word) = (0u64, 0, false);
    for &b in s.as_bytes().iter().chain([&b' ']) {
        if b.is_ascii_digit() {
            run = run.saturating_mul(10).saturating_add(u64::from(b - b'0'));
            digits += 1;
            continue;
        }
        month_word |= b.is_ascii_alphabetic() && b != b'T' && b != b'Z';
        if digits > 0
            && let Ok(x) = u32::try_from(run)
        {
            if let Some(slot) = nums.get_mut(n) {
                *slot = x;
            }
            n += 1;
        }
        (run, digits) = (0, 0);
    }
    match &nums[..n.min(nums.len())] {
        [y, m, d, ..] if *y >= 1800 && !month_word => valid_date(*y, *m, *d),
        [a, b, y] if !month_word => valid_date(*y, *b, *a) || valid_date(*y, *a, *b),
        [d, y] if month_word => *d >= 1 && *d <= 31 && *y >= 1800,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DATE_TIME,
            &[
                ("1985-04-12", Some("1985-04-12")),
                ("2026-11-01T10:20:30Z", Some("2026-11-01T10:20:30Z")),
                ("born 12/31/1990", Some("12/31/1990")),
                ("31.12.1990", Some("31.12.1990")),
                ("12 March 1985", Some("12 March 1985")),
                ("Mar 12, 1985", Some("Mar 12, 1985")),
                ("5-20-2021", Some("5-20-2021")),
                ("05/21/21", Some("05/21/21")),
                ("5-May-2021", Some("5-May-2021")),
                ("1985-13-12", None),
                ("5-32-2021", None),
                ("31/31/1990", None),
            ],
        );
    }

    /// The check as first written, to hold the one-pass check to.
    fn valid_as_written(s: &str) -> bool {
        let (mut nums, mut n) = ([0u32; 4], 0);
        for x in s.split(|c: char| !c.is_ascii_digit()).filter_map(|p| p.parse().ok()) {
            if let Some(slot) = nums.get_mut(n) {
                *slot = x;
            }
            n += 1;
        }
        let month_word = s.bytes().any(|b| b.is_ascii_alphabetic() && b != b'T' && b != b'Z');
        match &nums[..n.min(nums.len())] {
            [y, m, d, ..] if *y >= 1800 && !month_word => super::valid_date(*y, *m, *d),
            [a, b, y] if !month_word => super::valid_date(*y, *b, *a) || super::valid_date(*y, *a, *b),
            [d, y] if month_word => *d >= 1 && *d <= 31 && *y >= 1800,
            _ => false,
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 4000, failure_persistence: None, ..Default::default() })]
        #[test]
        fn the_check_is_the_one_first_written(
            s in "(([0-9]{1,4}|0{0,12}[0-9]{1,12}|4294967295|4294967296)[-/. :TZ]{0,2}|(?i:jan|march|t|z|é|x)[ ,]?){0,6}|\\PC{0,12}",
        ) {
            proptest::prop_assert_eq!(super::valid(&s), valid_as_written(&s), "{}", s);
        }
    }
}
