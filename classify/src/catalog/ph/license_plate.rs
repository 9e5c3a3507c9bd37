//! PH_LICENSE_PLATE: Philippine number plates as the Land Transportation
//! Office issues them: three letters and four digits on cars since 2014
//! (`ABC 1234`), three letters and three digits or two letters and four
//! digits on older cars, digits before letters on motorcycles (`1234 AB`).
//! Product and booking codes share the shape: a column or nearby word must
//! name the plate. A candidate glued to a third group (`ABC 123 ZN`, a South
//! African plate) is part of something else: the patterns take that group
//! in so that the validator can turn the whole down.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static PH_LICENSE_PLATE: Recognizer = Recognizer {
    name: "ph_license_plate",
    country: "PH",
    entity: "PH_LICENSE_PLATE",
    patterns: &[
        Pattern { name: "lto_2014", score: 0.3, regex: r"(?x)\b[A-Z]{3}[\ -]?\d{4}(?:\ [A-Z]{2})?\b   # ABC 1234" },
        Pattern {
            name: "lto_legacy",
            score: 0.2,
            regex: r"(?x)\b(?:[A-Z]{3}[\ -]?\d{3}|[A-Z]{2}[\ -]\d{4})(?:\ [A-Z]{2})?\b   # ABC 123, AB 1234",
        },
        Pattern {
            name: "motorcycle",
            score: 0.2,
            regex: r"(?x)\b(?:[A-Z]{2,3}\ )?\d{3,4}[\ -]?[A-Z]{2,3}\b   # 1234 AB, 123 ABC",
        },
    ],
    validator: Some(|s| s.split([' ', '-']).count() <= 2),
    context: &["plate", "plateno", "lto", "conduction", "sasakyan"],
    source: "LTO Administrative Order AHS-2014-015 (3-letter, 4-digit series) and earlier LTO plate series; motorcycle plates",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::PH_LICENSE_PLATE,
            &[
                ("NBC 1234", Some("NBC 1234")),
                ("plate ABC-123", Some("ABC-123")),
                ("1234 AB", Some("1234 AB")),
                ("PQ 3456", Some("PQ 3456")),
                ("ABCD 1234", None),
                ("AB 12", None),
                ("ABC 123 ZN", None),
                ("DK 28 LF GP", None),
            ],
        );
    }
}
