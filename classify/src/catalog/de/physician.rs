//! DE_LANR and DE_BSNR: the nine-digit numbers the Kassenärztliche
//! Bundesvereinigung gives a physician for life (lebenslange Arztnummer:
//! six digits, a check digit, a two-digit specialty) and a practice site
//! (Betriebsstättennummer: a two-digit regional KV code and seven digits).
//! Both share their shape with every other nine-digit number, so a column
//! or nearby word must name them; the LANR's check digit also rules out
//! nine in ten random numbers.

use crate::catalog::{Pattern, Recognizer, digits_of, weighted};

pub(in crate::catalog) static DE_LANR: Recognizer = Recognizer {
    name: "de_lanr",
    country: "DE",
    entity: "DE_LANR",
    patterns: &[Pattern { name: "lanr", score: 0.15, regex: r"(?x)\b\d{9}\b   # nine digits" }],
    validator: Some(|s| {
        let d = digits_of(s);
        d.len() == 9 && (10 - weighted(&d[..6], &[4, 9, 4, 9, 4, 9]) % 10) % 10 == u32::from(d[6])
    }),
    checksum: true,
    context: &["lanr", "arztnummer", "arzt", "physician", "doctor"],
    min_ratio: 0.01,
    source: "KBV Richtlinie nach § 75 Abs. 7 SGB V (Arztnummern-Richtlinie): LANR digits 1-6 weighted 4, 9, 4, 9, 4, 9; digit 7 = (10 - sum mod 10) mod 10",
    ..Recognizer::DEFAULT
};

/// The regional codes of the Kassenärztliche Vereinigungen, the KBV and the
/// hospitals (Arztnummern-Richtlinie, Anlage 1), sorted.
const KV_CODES: &[u8] = &[1, 2, 3, 17, 20, 35, 38, 46, 51, 52, 71, 72, 73, 74, 78, 83, 88, 93, 98];

pub(in crate::catalog) static DE_BSNR: Recognizer = Recognizer {
    name: "de_bsnr",
    country: "DE",
    entity: "DE_BSNR",
    patterns: &[Pattern { name: "bsnr", score: 0.05, regex: r"(?x)\b\d{9}\b   # nine digits" }],
    validator: Some(|s| {
        let d = digits_of(s);
        d.len() == 9 && KV_CODES.binary_search(&(d[0] * 10 + d[1])).is_ok()
    }),
    context: &["bsnr", "betriebsstaette", "betriebsstätte", "betriebsstaettennummer", "praxis", "praxisnummer"],
    min_ratio: 0.01,
    source: "KBV Richtlinie nach § 75 Abs. 7 SGB V (Arztnummern-Richtlinie): BSNR = KV regional code (Anlage 1) and seven digits",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::DE_LANR,
            &[
                ("123456601", Some("123456601")),
                ("LANR 123456601", Some("123456601")),
                ("123456501", None),
                ("12345660", None),
            ],
        );
        check(
            &super::DE_BSNR,
            &[
                ("021234568", Some("021234568")),
                ("BSNR 981234567", Some("981234567")),
                ("041234567", None),
                ("02123456", None),
            ],
        );
    }

    #[test]
    fn kv_codes_are_sorted_for_the_lookup() {
        assert!(super::KV_CODES.is_sorted());
    }
}
