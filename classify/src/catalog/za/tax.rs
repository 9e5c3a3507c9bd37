//! ZA_VAT_NUMBER and ZA_INCOME_TAX_NUMBER: the South African Revenue
//! Service's ten-digit references, VAT numbers starting with 4, income tax
//! references with 0, 1, 2, 3 or 9. Neither has a published check digit, so
//! a column or nearby word naming them makes the finding.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static ZA_VAT_NUMBER: Recognizer = Recognizer {
    name: "za_vat_number",
    country: "ZA",
    entity: "ZA_VAT_NUMBER",
    patterns: &[Pattern { name: "za_vat", score: 0.15, regex: r"(?x)\b4\d{9}\b   # 4 and nine digits" }],
    context: &["vat", "sars"],
    source: "SARS VAT registration number: ten digits starting with 4 (Value-Added Tax Act 89 of 1991)",
    ..Recognizer::DEFAULT
};

pub(in crate::catalog) static ZA_INCOME_TAX_NUMBER: Recognizer = Recognizer {
    name: "za_income_tax_number",
    country: "ZA",
    entity: "ZA_INCOME_TAX_NUMBER",
    patterns: &[Pattern {
        name: "za_tax_reference",
        score: 0.05,
        regex: r"(?x)\b[01239]\d{9}\b   # 0, 1, 2, 3 or 9 and nine digits",
    }],
    context: &["sars", "itr", "taxpayer", "income"],
    source: "SARS income tax reference number: ten digits starting with 0, 1, 2, 3 or 9",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(&super::ZA_VAT_NUMBER, &[("4123456789", Some("4123456789")), ("5123456789", None)]);
        check(&super::ZA_INCOME_TAX_NUMBER, &[("0123456789", Some("0123456789")), ("4123456789", None)]);
    }
}
