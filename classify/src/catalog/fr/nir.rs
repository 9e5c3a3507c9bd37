//! FR_NIR: the French social security number (numéro d'inscription au
//! répertoire, NIR, "numéro de sécurité sociale"): sex, year and month of
//! birth, département (`2A` and `2B` for Corsica) and commune of birth, an
//! order number, and a two-digit key, 97 less the first thirteen digits
//! modulo 97.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static FR_NIR: Recognizer = Recognizer {
    name: "fr_nir",
    country: "FR",
    entity: "FR_NIR",
    patterns: &[Pattern {
        name: "nir",
        score: 0.6,
        regex: r"(?x)\b[12]\ ?\d{2}\ ?(?:0[1-9]|1[0-2]|[2-9]\d)\ ?(?:\d{2}|2[ABab])\ ?\d{3}\ ?\d{3}\ ?\d{2}\b
            # sex, year, month, département, commune, order, key: 1 85 05 78 006 084 91",
    }],
    validator: Some(valid),
    checksum: true,
    context: &["nir", "insee", "secu", "sécu", "securite", "sécurité", "sociale", "ss", "ssn"],
    min_ratio: 0.01,
    source: "INSEE, répertoire national d'identification des personnes physiques (NIR): key = 97 - (number mod 97), 2A and 2B as 19 and 18",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let compact: Vec<u8> = s.bytes().filter(|b| *b != b' ').map(|b| b.to_ascii_uppercase()).collect();
    if compact.len() != 15 {
        return false;
    }
    // Corsica's départements count as 19 (2A) and 18 (2B) in the key.
    let (head, key) = compact.split_at(13);
    let mut number: u64 = 0;
    for (i, &b) in head.iter().enumerate() {
        let digit = match (i, b) {
            (6, b'A') => 9,
            (6, b'B') => 8,
            (_, b'0'..=b'9') => u64::from(b - b'0'),
            _ => return false,
        };
        let digit = if i == 5 && matches!(head[6], b'A' | b'B') { 1 } else { digit };
        number = number * 10 + digit;
    }
    let Ok(key) = std::str::from_utf8(key).unwrap_or_default().parse::<u64>() else { return false };
    (1..=97).contains(&key) && 97 - number % 97 == key
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::FR_NIR,
            &[
                ("1 85 05 78 006 084 91", Some("1 85 05 78 006 084 91")),
                ("185057800608491", Some("185057800608491")),
                ("n° sécu 2 69 05 2A 123 456 88", Some("2 69 05 2A 123 456 88")),
                ("1 85 05 78 006 084 92", None),
                ("3 85 05 78 006 084 91", None),
                ("2 69 05 2B 123 456 88", None),
            ],
        );
    }
}
