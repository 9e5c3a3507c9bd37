//! UK_DRIVING_LICENCE: DVLA driving licence numbers: the first five letters
//! of the surname (padded with 9), the birth date encoded (decade digit,
//! month with 50 added for women, day, year digit), two initials (padded
//! with 9), an arbitrary digit and two check letters: `MORGA753116SM9IJ`.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static UK_DRIVING_LICENCE: Recognizer = Recognizer {
    name: "uk_driving_licence",
    country: "UK",
    entity: "UK_DRIVING_LICENCE",
    patterns: &[Pattern {
        name: "dvla",
        score: 0.5,
        regex: r"(?x)\b[A-Z](?:[A-Z]{4}|[A-Z]{3}9|[A-Z]{2}99|[A-Z]999|9999)\ ?\d(?:0[1-9]|1[0-2]|5[1-9]|6[0-2])(?:0[1-9]|[12]\d|3[01])\d\ ?[A-Z][A-Z9]\d[A-Z]{2}\b
            # surname, birth date, initials, digit, check letters",
    }],
    context: &["licence", "license", "driving", "driver", "dvla"],
    source: "DVLA driver number format (Road Traffic Act 1988 Part III licences): surname, encoded date of birth, initials, check characters",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::UK_DRIVING_LICENCE,
            &[
                ("MORGA753116SM9IJ", Some("MORGA753116SM9IJ")),
                ("licence LI999 862122 A99AB", Some("LI999 862122 A99AB")),
                ("MORGA713116SM9IJ", None),
                ("MORGA753326SM9IJ", None),
                // Padding 9s only end the surname.
                ("MO9G9657054SM9IJ", None),
                ("MO999657054SM9IJ", Some("MO999657054SM9IJ")),
            ],
        );
    }
}
