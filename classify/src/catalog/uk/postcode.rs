//! UK_POSTCODE: British postcodes in Royal Mail's format: an outward code
//! (area letters, district digits, sometimes a letter) and an inward code
//! (a sector digit and two unit letters from the twenty Royal Mail uses).
//! A postcode narrows an address to a few houses; the shape is specific,
//! but short, so a column or nearby word naming it makes the finding.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static UK_POSTCODE: Recognizer = Recognizer {
    name: "uk_postcode",
    country: "UK",
    entity: "UK_POSTCODE",
    patterns: &[Pattern {
        name: "paf_postcode",
        score: 0.3,
        regex: r"(?x)\b(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)
            \ ?[0-9][ABD-HJLNP-UW-Z]{2}\b   # outward and inward code",
    }],
    context: &["postcode", "postal", "post", "pcode"],
    source: "Royal Mail Programmers' Guide to the Postcode Address File (PAF): postcode format and letters used",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::UK_POSTCODE,
            &[
                ("NW1 6XE", Some("NW1 6XE")),
                ("London SW1A 1AA", Some("SW1A 1AA")),
                ("EC1A1BB", Some("EC1A1BB")),
                ("QQ1 1AA", None),
                ("NW1 6CE", None),
            ],
        );
    }
}
