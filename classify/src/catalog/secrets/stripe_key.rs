//! STRIPE_KEY: Stripe secret (`sk_`) and restricted (`rk_`) API keys, live
//! or test. Publishable keys (`pk_`) are meant to be public and are not
//! reported.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static STRIPE_KEY: Recognizer = Recognizer {
    name: "stripe_key",
    country: "global",
    entity: "STRIPE_KEY",
    patterns: &[Pattern {
        name: "stripe_secret",
        score: 0.85,
        regex: r"(?x)\b[sr]k_(?:live|test)_[0-9A-Za-z]{24,99}\b",
    }],
    validator: Some(|s| s.get(8..).is_some_and(|body| super::random_enough(body, 3.5))),
    context: &["stripe", "key", "secret", "api"],
    min_ratio: 0.01,
    source: "Stripe documentation, 'API keys' (secret, restricted and publishable key prefixes)",
    secret: true,
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::STRIPE_KEY,
            &[
                ("sk_live_4eC39HqLyjWDarjtT1zdp7dc", Some("sk_live_4eC39HqLyjWDarjtT1zdp7dc")),
                ("rk_test_51HxYzAbCdEfGhIjKlMnOpQr", Some("rk_test_51HxYzAbCdEfGhIjKlMnOpQr")),
                ("pk_live_4eC39HqLyjWDarjtT1zdp7dc", None),
                ("sk_live_000000000000000000000000", None),
            ],
        );
    }
}
