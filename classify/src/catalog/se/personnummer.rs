//! SE_PERSONNUMMER: the Swedish personal identity number `YYMMDD-NNNC`
//! (`+` instead of `-` from the year a holder turns 100; written with the
//! century as `YYYYMMDD-NNNC` too). Coordination numbers (samordningsnummer)
//! add 60 to the day. The check digit is Luhn over the ten digits.

use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, luhn, valid_date};

pub(in crate::catalog) static SE_PERSONNUMMER: Recognizer = Recognizer {
    name: "se_personnummer",
    country: "SE",
    entity: "SE_PERSONNUMMER",
    patterns: &[
        Pattern { name: "personnummer", score: 0.5, regex: r"(?x)\b(?:1[89]|20)?\d{6}[-+]\d{4}\b   # [CC]YYMMDD-NNNC" },
        Pattern {
            name: "personnummer_digits",
            score: 0.2,
            regex: r"(?x)\b(?:(?:1[89]|20)\d{10}|\d{10})\b   # [CC]YYMMDDNNNC",
        },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["personnummer", "samordningsnummer", "pnr", "personal", "identity"],
    min_ratio: 0.01,
    source: "Skatteverket, 'Personnummer' (SKV 704) and 'Samordningsnummer' (SKV 707): date, serial, Luhn check digit",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let all = digits_of(s);
    if !matches!(all.len(), 10 | 12) {
        return false;
    }
    let d = &all[all.len() - 10..];
    let [yy, mm, dd] = digit_pairs(d);
    let day = if dd > 60 { dd - 60 } else { dd };
    // With the century written, the date is checked in that century; else in
    // a leap-year-friendly one, since a two-digit year does not say.
    let year = if all.len() == 12 { u32::from(all[0]) * 1000 + u32::from(all[1]) * 100 + yy } else { 2000 + yy };
    valid_date(year, mm, day) && luhn(d)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::SE_PERSONNUMMER,
            &[
                ("811218-9876", Some("811218-9876")),
                ("19811218-9876", Some("19811218-9876")),
                ("8112189876", Some("8112189876")),
                ("pnr 701063-2391 ok", Some("701063-2391")),
                ("811218-9875", None),
                ("811318-9873", None),
                ("19811232-9876", None),
            ],
        );
    }
}
