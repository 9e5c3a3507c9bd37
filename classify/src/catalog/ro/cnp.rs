//! RO_CNP: the Romanian personal numeric code (Cod Numeric Personal):
//! sex and century, the birth date, the county code, a serial, and a check
//! digit, the weighted sum (weights 279146358279) modulo 11, 10 read as 1.

use crate::catalog::{Pattern, Recognizer, digit_pairs, digits_of, valid_date, weighted};

pub(in crate::catalog) static RO_CNP: Recognizer = Recognizer {
    name: "ro_cnp",
    country: "RO",
    entity: "RO_CNP",
    patterns: &[Pattern { name: "cnp", score: 0.5, regex: r"(?x)\b\d{13}\b   # thirteen digits" }],
    validator: Some(valid),
    checksum: true,
    context: &["cnp", "cod", "numeric", "personal", "romanian", "ssn"],
    min_ratio: 0.01,
    source: "Law 119/1996 on civil status documents, CNP structure; check digit over the weights 279146358279",
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let d = digits_of(s);
    if s.len() != 13 || d.len() != 13 {
        return false;
    }
    let [yy, mm, dd] = digit_pairs(&d[1..]);
    let county = u32::from(d[7]) * 10 + u32::from(d[8]);
    // Sex and century: 1-2 the 1900s, 3-4 the 1800s, 5-6 the 2000s; 7-9
    // residents and foreigners, of either century.
    let born = match d[0] {
        0 => false,
        1 | 2 => valid_date(1900 + yy, mm, dd),
        3 | 4 => valid_date(1800 + yy, mm, dd),
        5 | 6 => valid_date(2000 + yy, mm, dd),
        _ => valid_date(1900 + yy, mm, dd) || valid_date(2000 + yy, mm, dd),
    };
    let check = match weighted(&d, &[2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11 {
        10 => 1,
        r => r,
    };
    born && (1..=52).contains(&county) && check == u32::from(d[12])
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::RO_CNP,
            &[
                ("1650405312020", Some("1650405312020")),
                ("CNP 1650405312020", Some("1650405312020")),
                ("1650405312021", None),
                ("1651305312020", None),
                ("1650405992020", None),
            ],
        );
    }
}
