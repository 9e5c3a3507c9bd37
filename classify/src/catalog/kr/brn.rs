//! KR_BRN: Korean Business Registration Numbers (사업자등록번호): a tax
//! office code, an entity type, a serial and a weighted check digit.

use crate::catalog::{Pattern, Recognizer, consistent_separators, digits_of, repeated, weighted};

pub(in crate::catalog) static KR_BRN: Recognizer = Recognizer {
    name: "kr_brn",
    country: "KR",
    entity: "KR_BRN",
    patterns: &[
        Pattern { name: "brn_dashed", score: 0.4, regex: r"(?x)\b\d{3}-\d{2}-\d{5}\b   # XXX-XX-XXXXX" },
        Pattern { name: "brn_digits", score: 0.1, regex: r"(?x)\b\d{10}\b   # 10 digits" },
    ],
    validator: Some(valid),
    checksum: true,
    context: &["brn", "business", "registration", "사업자등록번호", "company"],
    min_ratio: 0.01,
    source: "National Tax Service (Korea), business registration number check digit (weights 1,3,7,1,3,7,1,3,5)",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 10 {
        return false;
    }
    let sum = weighted(&d, &[1, 3, 7, 1, 3, 7, 1, 3, 5]) + u32::from(d[8]) * 5 / 10;
    consistent_separators(s) && !repeated(&d) && (10 - sum % 10) % 10 == u32::from(d[9])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::KR_BRN,
            &[("123-45-67891", Some("123-45-67891")), ("2208114674", Some("2208114674")), ("123-45-67892", None)],
        );
    }
}
