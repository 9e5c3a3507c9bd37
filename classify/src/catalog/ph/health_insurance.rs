//! PH_HEALTH_INSURANCE: the PhilHealth Identification Number, twelve digits
//! written `NN-NNNNNNNNN-N`, the last a weighted modulo-11 check digit.

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of};

pub(in crate::catalog) static PH_HEALTH_INSURANCE: Recognizer = Recognizer {
    name: "ph_health_insurance",
    country: "PH",
    entity: "PH_HEALTH_INSURANCE",
    patterns: &[
        Pattern { name: "philhealth_pin", score: 0.5, regex: r"(?x)\b\d{2}-\d{9}-\d\b   # NN-NNNNNNNNN-N" },
        Pattern { name: "philhealth_digits", score: 0.1, regex: r"(?x)\b\d{12}\b   # twelve digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["philhealth", "health", "insurance", "kalusugan", "pin"],
    min_ratio: 0.01,
    source: "PhilHealth eClaims Implementation Guide v3.1: 12-digit PIN, modulus 11 check digit (weights 2..12)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 12 {
        return false;
    }
    let total: u32 = d[..11].iter().zip(2..).map(|(&x, w)| u32::from(x) * w).sum();
    let check = match 11 - total % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    consistent_separators(s) && check == u32::from(d[11])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::PH_HEALTH_INSURANCE,
            &[
                ("12-000015726-6", Some("12-000015726-6")),
                ("PhilHealth 120000157266", Some("120000157266")),
                ("12-000015726-5", None),
                ("12-0000157266", None),
            ],
        );
    }
}
