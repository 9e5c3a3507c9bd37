//! SLACK_TOKEN: Slack API tokens (`xoxb-` bot, `xoxp-` user, `xoxa-`,
//! `xoxr-`, `xoxs-`) and incoming-webhook URLs, which carry their secret in
//! the path.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static SLACK_TOKEN: Recognizer = Recognizer {
    name: "slack_token",
    country: "global",
    entity: "SLACK_TOKEN",
    patterns: &[
        Pattern {
            name: "slack_api_token",
            score: 0.85,
            regex: r"(?x)\bxox[baprs]-\d{8,13}-\d{8,13}(?:-\d{8,13})?-[A-Za-z0-9]{24,34}\b",
        },
        Pattern {
            name: "slack_webhook",
            score: 0.85,
            regex: r"(?x)https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}\b",
        },
    ],
    validator: Some(|s| s.get(s.len().saturating_sub(24)..).is_some_and(|tail| super::random_enough(tail, 3.5))),
    context: &["slack", "token", "webhook", "bot"],
    min_ratio: 0.01,
    source: "Slack API documentation, 'Token types' and 'Sending messages using incoming webhooks'",
    secret: true,
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::SLACK_TOKEN,
            &[
                (
                    "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
                    Some("xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"),
                ),
                ("post to https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", None),
                (
                    "https://hooks.slack.com/services/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",
                    Some("https://hooks.slack.com/services/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"),
                ),
                ("xoxz-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx", None),
            ],
        );
    }
}
