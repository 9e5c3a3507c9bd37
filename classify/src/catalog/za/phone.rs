//! ZA_MOBILE_NUMBER and ZA_TELEPHONE_NUMBER: South African numbers, national
//! (trunk 0) or international (+27), nine digits after the trunk: mobile
//! numbers in the 06, 07 and 081-084 ranges, geographic ones in 01-05.

use crate::catalog::{Pattern, Recognizer, digits_of};

pub(in crate::catalog) static ZA_MOBILE_NUMBER: Recognizer = Recognizer {
    name: "za_mobile_number",
    country: "ZA",
    entity: "ZA_MOBILE_NUMBER",
    patterns: &[Pattern {
        name: "za_mobile",
        score: 0.5,
        regex: r"(?x)
            (?:\+27[\ -]?|\b0)        # country code or trunk
            (?:6\d|7[1-46-9]|8[1-4])        # mobile range
            [\ -]?\d{3}[\ -]?\d{4}\b  # subscriber",
    }],
    validator: Some(valid),
    context: &["mobile", "cell", "cellphone", "selfoon", "msisdn", "whatsapp"],
    source: "ICASA National Numbering Plan Regulations 2016 (mobile number ranges 06, 07, 081-084)",
    ..Recognizer::DEFAULT
};

pub(in crate::catalog) static ZA_TELEPHONE_NUMBER: Recognizer = Recognizer {
    name: "za_telephone_number",
    country: "ZA",
    entity: "ZA_TELEPHONE_NUMBER",
    patterns: &[Pattern {
        name: "za_geographic",
        score: 0.4,
        regex: r"(?x)
            (?:\+27[\ -]?|\b0)        # country code or trunk
            [1-5]\d                         # geographic area code
            [\ -]?\d{3}[\ -]?\d{4}\b  # subscriber",
    }],
    validator: Some(valid),
    context: &["telephone", "tel", "phone", "landline", "office", "work", "fax", "telefoon"],
    source: "ICASA National Numbering Plan Regulations 2016 (geographic numbers 01-05)",
    ..Recognizer::DEFAULT
};

/// Nine digits after the trunk 0 or the country code 27.
fn valid(s: &str) -> bool {
    digits_of(s).len() == if s.starts_with('+') { 11 } else { 10 }
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn mobile() {
        check(
            &super::ZA_MOBILE_NUMBER,
            &[
                ("082 123 4567", Some("082 123 4567")),
                ("sms +27 71 555 0123 now", Some("+27 71 555 0123")),
                ("0611234567", Some("0611234567")),
                ("075 123 4567", None),
                ("011 123 4567", None),
            ],
        );
    }

    #[test]
    fn telephone() {
        check(
            &super::ZA_TELEPHONE_NUMBER,
            &[
                ("011 123 4567", Some("011 123 4567")),
                ("+27 21 555 0123", Some("+27 21 555 0123")),
                ("082 123 4567", None),
            ],
        );
    }
}
