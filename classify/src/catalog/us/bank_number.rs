//! US_BANK_NUMBER: bank account numbers, 8 to 17 digits with no structure or
//! check digit shared by banks. A match means little alone; a column named
//! `account_number` or `bank_acct` makes it a finding.

use crate::catalog::{Pattern, Recognizer, digits_of, repeated};

pub(in crate::catalog) static US_BANK_NUMBER: Recognizer = Recognizer {
    name: "us_bank_number",
    country: "US",
    entity: "US_BANK_NUMBER",
    patterns: &[Pattern { name: "bank_digits", score: 0.05, regex: r"(?x)\b\d{8,17}\b   # 8 to 17 digits" }],
    validator: Some(|s| !repeated(&digits_of(s))),
    context: &["bank", "account", "acct", "checking", "savings", "iban", "accountnumber"],
    source: "ABA / Federal Reserve: US deposit account numbers are 8-17 digits, bank-defined",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::US_BANK_NUMBER,
            &[
                ("00012345678", Some("00012345678")),
                ("acct 48213057", Some("48213057")),
                ("1234567", None),
                ("000000000", None),
                ("123456789012345678", None),
            ],
        );
    }
}
