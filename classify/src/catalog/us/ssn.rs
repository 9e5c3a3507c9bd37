//! US_SSN: US Social Security numbers, with the Social Security
//! Administration's rules for numbers that are never issued.

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, repeated};

pub(in crate::catalog) static US_SSN: Recognizer = Recognizer {
    name: "us_ssn",
    country: "US",
    entity: "US_SSN",
    patterns: &[
        Pattern {
            name: "ssn_separated",
            score: 0.5,
            regex: r"(?x)
                \b\d{3}[\ .-]   # area number
                \d{2}[\ .-]           # group number
                \d{4}\b         # serial number",
        },
        Pattern { name: "ssn_digits", score: 0.15, regex: r"(?x)\b\d{9}\b   # nine bare digits" },
    ],
    validator: Some(valid),
    context: &["ssn", "social", "security", "ssns", "socialsecurity", "taxpayer", "tin"],
    source: "SSA, 'Social Security Number Randomization' (2011): area 000, 666 and 900-999, group 00 and serial 0000 are never issued",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    if !consistent_separators(s) {
        return false;
    }
    let d = digits_of(s);
    if d.len() != 9 {
        return false;
    }
    let num = |r: std::ops::Range<usize>| d[r].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    let (area, group, serial) = (num(0..3), num(3..5), num(5..9));
    area != 0
        && area != 666
        && area < 900
        && group != 0
        && serial != 0
        && !repeated(&d)
        // Numbers published in advertising and never valid.
        && !matches!((area, group, serial), (123, 45, 6789) | (78, 5, 1120) | (219, 9, 9999))
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::US_SSN,
            &[
                ("536-90-4399", Some("536-90-4399")),
                ("ssn 536 90 4399 on file", Some("536 90 4399")),
                ("536904399", Some("536904399")),
                ("000-12-3456", None),
                ("666-12-3456", None),
                ("912-12-3456", None),
                ("536-00-4399", None),
                ("536-90-0000", None),
                ("123-45-6789", None),
                ("536-90.4399", None),
                ("2026-11-2345", None),
            ],
        );
    }
}
