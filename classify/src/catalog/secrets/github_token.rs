//! GITHUB_TOKEN: GitHub tokens in the 2021 format: `ghp_` (personal),
//! `gho_` (OAuth), `ghu_`/`ghs_` (app), `ghr_` (refresh) and thirty-six
//! base-62 characters; and fine-grained `github_pat_` tokens.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static GITHUB_TOKEN: Recognizer = Recognizer {
    name: "github_token",
    country: "global",
    entity: "GITHUB_TOKEN",
    patterns: &[
        Pattern { name: "github_classic", score: 0.85, regex: r"(?x)\bgh[pousr]_[A-Za-z0-9]{36}\b" },
        Pattern {
            name: "github_fine_grained",
            score: 0.85,
            regex: r"(?x)\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b",
        },
    ],
    validator: Some(|s| s.get(s.len().saturating_sub(36)..).is_some_and(|tail| super::random_enough(tail, 3.5))),
    context: &["github", "token", "gh", "pat", "git"],
    min_ratio: 0.01,
    source: "GitHub Engineering, 'Behind GitHub's new authentication token formats' (2021)",
    secret: true,
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::GITHUB_TOKEN,
            &[
                ("ghp_R4nd0mT0k3nV4lu3F0rT3st1ngOnly0000Zq", Some("ghp_R4nd0mT0k3nV4lu3F0rT3st1ngOnly0000Zq")),
                (
                    "token ghs_9xQwErTyUiOpAsDfGhJkLzXcVbNm12345678 used",
                    Some("ghs_9xQwErTyUiOpAsDfGhJkLzXcVbNm12345678"),
                ),
                ("ghp_000000000000000000000000000000000000", None),
                ("ghx_R4nd0mT0k3nV4lu3F0rT3st1ngOnly0000Zq", None),
            ],
        );
    }
}
