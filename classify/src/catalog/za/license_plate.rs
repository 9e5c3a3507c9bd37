//! ZA_LICENSE_PLATE: South African number plates. Each province issues its
//! own series; most end in the province's code (Gauteng `DK 28 LF GP`,
//! `ABC 123 GP`; KwaZulu-Natal `ZN`, Eastern Cape `EC` and the others),
//! the Western Cape's start with C and a town letter (`CA 123-456`).

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static ZA_LICENSE_PLATE: Recognizer = Recognizer {
    name: "za_license_plate",
    country: "ZA",
    entity: "ZA_LICENSE_PLATE",
    patterns: &[
        Pattern {
            name: "province_suffix",
            score: 0.4,
            regex: r"(?x)\b[A-Z]{2,3}\ ?\d{2,3}\ ?(?:[A-Z]{2}\ ?)?(?:GP|ZN|EC|FS|MP|NW|NC|LP|WP)\b   # DK 28 LF GP, ABC 123 ZN",
        },
        Pattern {
            name: "western_cape",
            score: 0.3,
            regex: r"(?x)\bC[A-Z]{1,2}\ \d{1,3}(?:-\d{3})?\b   # CA 123-456, CY 123",
        },
    ],
    context: &["plate", "numberplate", "licence", "registration", "natis", "enatis", "vehicle"],
    source: "National Road Traffic Regulations 2000, regulation 35 and provincial series (province codes GP, ZN, EC, FS, MP, NW, NC, LP, WP; Western Cape C-prefixes)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ZA_LICENSE_PLATE,
            &[
                ("DK 28 LF GP", Some("DK 28 LF GP")),
                ("KD93GKGP", Some("KD93GKGP")),
                ("plate ABC 123 ZN", Some("ABC 123 ZN")),
                ("CA 123-456", Some("CA 123-456")),
                ("DK 28 LF GX", None),
                ("ABC 123", None),
            ],
        );
    }
}
