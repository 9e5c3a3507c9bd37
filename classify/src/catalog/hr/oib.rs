//! HR_OIB: the Croatian personal identification number (osobni
//! identifikacijski broj): ten random digits and an ISO 7064 MOD 11,10
//! check digit. Nothing else in it can be checked, so a column name or a
//! nearby word must say OIB.

use crate::catalog::{Pattern, Recognizer, digits_of};

pub(in crate::catalog) static HR_OIB: Recognizer = Recognizer {
    name: "hr_oib",
    country: "HR",
    entity: "HR_OIB",
    patterns: &[Pattern { name: "oib", score: 0.1, regex: r"(?x)\b\d{11}\b   # eleven digits" }],
    validator: Some(valid),
    checksum: true,
    context: &["oib", "osobni", "identifikacijski", "ssn"],
    min_ratio: 0.01,
    source: "Zakon o osobnom identifikacijskom broju (NN 60/08); ISO/IEC 7064 MOD 11,10",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if d.len() != 11 {
        return false;
    }
    let t = d[..10].iter().fold(10u32, |t, &x| match (t + u32::from(x)) % 10 {
        0 => 20 % 11,
        r => r * 2 % 11,
    });
    (11 - t) % 10 == u32::from(d[10])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::HR_OIB,
            &[("45712063898", Some("45712063898")), ("OIB: 45712063898", Some("45712063898")), ("45712063899", None)],
        );
    }
}
