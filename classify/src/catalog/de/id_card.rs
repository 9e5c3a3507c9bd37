//! DE_ID_CARD: German identity card numbers (Personalausweisnummer, cards
//! issued since November 2010): nine characters from the letters ICAO keeps
//! unambiguous and digits, the first L, M, N, P, R, T, V, W, X or Y (C to K
//! start passports: see [`super::passport`]). The machine-readable zone
//! follows them with an ICAO 9303 check digit; written with it, the number
//! checks itself, written without, a column or nearby word must name it.

use super::icao_check;
use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static DE_ID_CARD: Recognizer = Recognizer {
    name: "de_id_card",
    country: "DE",
    entity: "DE_ID_CARD",
    patterns: &[
        Pattern {
            name: "ausweis_mrz",
            score: 0.4,
            regex: r"(?x)\b[LMNPRTVWXY][CFGHJKLMNPRTVWXYZ0-9]{8}[0-9]\b   # number and check digit",
        },
        Pattern {
            name: "ausweis",
            score: 0.1,
            regex: r"(?x)\b[LMNPRTVWXY][CFGHJKLMNPRTVWXYZ0-9]{8}\b   # the number alone",
        },
    ],
    validator: Some(valid),
    context: &["personalausweis", "ausweis", "ausweisnummer", "perso", "identity", "idcard", "id_card"],
    source: "Personalausweisgesetz § 5 and PAuswV; ICAO Doc 9303 Part 3 check digit (weights 7, 3, 1; letters A=10 ... Z=35; modulo 10)",
    ..Recognizer::DEFAULT
};

/// A serial with at least one digit; with a tenth character, its check digit.
fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    matches!(b.len(), 9 | 10)
        && b[..9].iter().any(u8::is_ascii_digit)
        && (b.len() == 9 || Some(icao_check(&b[..9])) == b[9].checked_sub(b'0'))
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_ID_CARD,
            &[
                ("L01X00T471", Some("L01X00T471")),
                ("Ausweis L01X00T47", Some("L01X00T47")),
                ("L01X00T47", Some("L01X00T47")),
                ("L01X00T472", None),
                ("C01X00T47", None),
                ("LMNPRTVWX", None),
                ("L01A00T47", None),
            ],
        );
    }
}
