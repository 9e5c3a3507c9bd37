//! The identifiers of US health insurance paperwork that Presidio names:
//! claim, member, prescription, prior authorization and referral numbers,
//! and the provider's tax ID.
//!
//! Only the tax ID (an IRS Employer Identification Number, `12-3456789`,
//! its two-digit prefix one the IRS assigns) has a shape of its own. The
//! others are each payer's or pharmacy's own numbering, so they are found
//! after the words that name them (`claim #`, `member ID:`, `Rx`), which
//! are part of the match. A column of such numbers alone has nothing that
//! tells them from any other identifier: a whole-value shape for them cost
//! a quarter of the classifier's speed on short values (every order number
//! and SKU matched five of them) and is left out.

use crate::catalog::{Pattern, Recognizer, digits_of};

/// Words that name an identifier, then the identifier.
macro_rules! after {
    ($words:literal) => {
        concat!(
            r"(?x)\b(?i:",
            $words,
            r")[\ ]?(?i:\#|no\.?|nr\.?|number|num|id)?[\ :\#]*   # the words that name it
            [A-Za-z]{0,4}-?\d[A-Za-z0-9-]{4,19}\b           # the identifier: CLM-2024-000123"
        )
    };
}

pub(in crate::catalog) static US_CLAIM_NUMBER: Recognizer = Recognizer {
    name: "us_claim_number",
    country: "US",
    entity: "US_CLAIM_NUMBER",
    patterns: &[Pattern { name: "named_claim", score: 0.5, regex: after!("claim") }],
    context: &["claim", "claims", "clm", "icn", "dcn"],
    source: "Presidio US_CLAIM_NUMBER; CMS claim control numbers (ICN/DCN) and payers' claim numbers have no common format",
    ..Recognizer::DEFAULT
};

pub(in crate::catalog) static US_HEALTH_INSURANCE_MEMBER_ID: Recognizer = Recognizer {
    name: "us_health_insurance_member_id",
    country: "US",
    entity: "US_HEALTH_INSURANCE_MEMBER_ID",
    patterns: &[Pattern { name: "named_member_id", score: 0.5, regex: after!("member|subscriber|insured") }],
    context: &["member", "memberid", "subscriber", "insured", "insurance", "policy", "enrollee"],
    source: "Presidio US_HEALTH_INSURANCE_MEMBER_ID; payers' member ID cards (each payer's own numbering)",
    ..Recognizer::DEFAULT
};

pub(in crate::catalog) static US_PRESCRIPTION_NUMBER: Recognizer = Recognizer {
    name: "us_prescription_number",
    country: "US",
    entity: "US_PRESCRIPTION_NUMBER",
    patterns: &[Pattern { name: "named_rx", score: 0.6, regex: after!("rx|prescription") }],
    context: &["rx", "prescription", "script", "refill"],
    source: "Presidio US_PRESCRIPTION_NUMBER; pharmacies' prescription (Rx) numbers (each pharmacy's own numbering)",
    ..Recognizer::DEFAULT
};

pub(in crate::catalog) static US_PRIOR_AUTHORIZATION_NUMBER: Recognizer = Recognizer {
    name: "us_prior_authorization_number",
    country: "US",
    entity: "US_PRIOR_AUTHORIZATION_NUMBER",
    patterns: &[Pattern {
        name: "named_authorization",
        score: 0.5,
        regex: after!("prior\\ auth(?:orization)?|pre-?auth(?:orization)?|pre-?cert(?:ification)?"),
    }],
    context: &["authorization", "authorisation", "auth", "preauth", "precert", "prior"],
    source: "Presidio US_PRIOR_AUTHORIZATION_NUMBER; payers' prior authorization numbers (X12 278 responses)",
    ..Recognizer::DEFAULT
};

pub(in crate::catalog) static US_REFERRAL_NUMBER: Recognizer = Recognizer {
    name: "us_referral_number",
    country: "US",
    entity: "US_REFERRAL_NUMBER",
    patterns: &[Pattern { name: "named_referral", score: 0.5, regex: after!("referral") }],
    context: &["referral", "referrals"],
    source: "Presidio US_REFERRAL_NUMBER; payers' referral numbers (X12 278 responses)",
    ..Recognizer::DEFAULT
};

pub(in crate::catalog) static US_PROVIDER_TAX_ID: Recognizer = Recognizer {
    name: "us_provider_tax_id",
    country: "US",
    entity: "US_PROVIDER_TAX_ID",
    patterns: &[Pattern { name: "ein", score: 0.3, regex: r"(?x)\b\d{2}-\d{7}\b   # 12-3456789" }],
    validator: Some(|s| {
        let d = digits_of(s);
        d.len() == 9
            && matches!(d[0] * 10 + d[1], 1..=6 | 10..=16 | 20..=27 | 30..=48 | 50..=68 | 71..=77 | 80..=88 | 90..=95 | 98 | 99)
    }),
    context: &["ein", "fein", "tin", "tax", "taxid", "provider", "employer"],
    source: "IRS Employer Identification Number format and campus prefixes (IRS, 'How EINs are assigned and valid EIN prefixes')",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn named_in_text() {
        check(&super::US_CLAIM_NUMBER, &[("re claim # CLM-2024-000123 denied", Some("claim # CLM-2024-000123"))]);
        check(&super::US_CLAIM_NUMBER, &[("CLM2024000123", None), ("claim denied", None)]);
        check(&super::US_HEALTH_INSURANCE_MEMBER_ID, &[("Member ID: XYZ123456789", Some("Member ID: XYZ123456789"))]);
        check(&super::US_PRESCRIPTION_NUMBER, &[("refill Rx# 6123457 today", Some("Rx# 6123457"))]);
        check(
            &super::US_PRIOR_AUTHORIZATION_NUMBER,
            &[("prior authorization number PA-88231977 approved", Some("prior authorization number PA-88231977"))],
        );
        check(&super::US_REFERRAL_NUMBER, &[("referral no. R7781234", Some("referral no. R7781234"))]);
    }

    #[test]
    fn provider_tax_id() {
        check(
            &super::US_PROVIDER_TAX_ID,
            &[("EIN 12-3456789", Some("12-3456789")), ("07-3456789", None), ("97-3456789", None), ("123-456789", None)],
        );
    }
}
