//! ABA_ROUTING_NUMBER: the nine-digit routing transit numbers of US banks:
//! a Federal Reserve prefix and a 3-7-1 weighted check digit.

use crate::catalog::{Pattern, Recognizer, digits_of, number, repeated, weighted};

pub(in crate::catalog) static ABA_ROUTING_NUMBER: Recognizer = Recognizer {
    name: "aba_routing",
    country: "US",
    entity: "ABA_ROUTING_NUMBER",
    patterns: &[
        Pattern { name: "aba_digits", score: 0.3, regex: r"(?x)\b[0123678]\d{8}\b   # 9 digits" },
        Pattern {
            name: "aba_dashed",
            score: 0.4,
            regex: r"(?x)\b[0123678]\d{3}-\d{4}-\d\b   # XXXX-YYYY-C as printed on checks",
        },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["aba", "routing", "rtn", "transit", "routingnumber", "bank"],
    min_ratio: 0.01,
    source: "ABA Routing Number Policy (Accuity): prefix 00-12, 21-32, 61-72, 80; check 3*(d1+d4+d7) + 7*(d2+d5+d8) + (d3+d6+d9) = 0 mod 10",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 9 {
        return false;
    }
    let prefix = number(&d[..2]);
    matches!(prefix, 0..=12 | 21..=32 | 61..=72 | 80)
        && !repeated(&d)
        && weighted(&d, &[3, 7, 1, 3, 7, 1, 3, 7, 1]).is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::ABA_ROUTING_NUMBER,
            &[
                ("011000015", Some("011000015")),
                ("routing 1210-0035-8", Some("1210-0035-8")),
                ("011000016", None),
                ("411000015", None),
                ("000000000", None),
            ],
        );
    }
}
