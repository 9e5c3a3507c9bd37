//! GOOGLE_API_KEY: Google Cloud API keys: `AIza` and thirty-five URL-safe
//! base-64 characters.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static GOOGLE_API_KEY: Recognizer = Recognizer {
    name: "google_api_key",
    country: "global",
    entity: "GOOGLE_API_KEY",
    patterns: &[Pattern { name: "google_api_key", score: 0.85, regex: r"(?x)\bAIza[0-9A-Za-z_-]{35}" }],
    validator: Some(|s| s.get(4..39).is_some_and(|body| super::random_enough(body, 3.5))),
    context: &["google", "api", "key", "gcp", "firebase", "maps"],
    min_ratio: 0.01,
    source: "Google Cloud documentation, 'Manage API keys' (key format as reported by Google's secret scanning partners)",
    secret: true,
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::GOOGLE_API_KEY,
            &[
                ("AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe", Some("AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe")),
                ("AIzaAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", None),
                ("AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGew", None),
            ],
        );
    }
}
