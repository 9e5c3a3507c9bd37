//! SE_ORGANISATIONSNUMMER: the Swedish organisation number `NNNNNN-NNNC`:
//! the first digit gives the kind of legal entity, the middle pair is 20 or
//! more (so it is never a personnummer's month), the last is a Luhn check
//! digit. Sometimes written with a `16` prefix.

use crate::catalog::{Pattern, Recognizer, digits_of, luhn};

pub(in crate::catalog) static SE_ORGANISATIONSNUMMER: Recognizer = Recognizer {
    name: "se_organisationsnummer",
    country: "SE",
    entity: "SE_ORGANISATIONSNUMMER",
    patterns: &[
        Pattern {
            name: "organisationsnummer",
            score: 0.5,
            regex: r"(?x)\b(?:16)?[1-9]\d[2-9]\d{3}-\d{4}\b   # [16]NNNNNN-NNNC",
        },
        Pattern {
            name: "organisationsnummer_digits",
            score: 0.2,
            regex: r"(?x)\b(?:16)?[1-9]\d[2-9]\d{7}\b   # [16]NNNNNNNNNC",
        },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["organisationsnummer", "orgnr", "organisation", "organization", "foretag", "company"],
    min_ratio: 0.01,
    source: "Skatteverket, 'Organisationsnummer' (SKV 709): group digit, middle pair >= 20, Luhn check digit",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let all = digits_of(s);
    matches!(all.len(), 10 | 12) && luhn(&all[all.len() - 10..])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::SE_ORGANISATIONSNUMMER,
            &[
                ("556703-7485", Some("556703-7485")),
                ("orgnr 16556703-7485", Some("16556703-7485")),
                ("5567037485", Some("5567037485")),
                ("556703-7486", None),
                ("551203-7485", None),
            ],
        );
    }
}
