//! AWS_ACCESS_KEY: AWS access key IDs: a four-letter resource prefix (`AKIA`
//! long-term user keys, `ASIA` temporary ones, `AROA` roles...) and sixteen
//! base-32 characters.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static AWS_ACCESS_KEY: Recognizer = Recognizer {
    name: "aws_access_key",
    country: "global",
    entity: "AWS_ACCESS_KEY",
    patterns: &[Pattern {
        name: "aws_key_id",
        score: 0.8,
        regex: r"(?x)
            \b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)   # unique-id prefix
            [A-Z2-7]{16}\b                                                     # base-32 body",
    }],
    validator: Some(|s| s.get(4..).is_some_and(|body| super::random_enough(body, 3.0))),
    context: &["aws", "access", "key", "accesskey", "credentials", "iam"],
    min_ratio: 0.01,
    source: "AWS IAM User Guide, 'Unique identifiers' (IAM ID prefixes)",
    secret: true,
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::AWS_ACCESS_KEY,
            &[
                ("AKIAIOSFODNN7EXAMPLE", Some("AKIAIOSFODNN7EXAMPLE")),
                ("key=ASIAY34FZKBOKMUTVV7A;", Some("ASIAY34FZKBOKMUTVV7A")),
                ("AKIAAAAAAAAAAAAAAAAA", None),
                ("AKIAIOSFODNN7EXAMPL", None),
                ("XKIAIOSFODNN7EXAMPLE", None),
            ],
        );
    }
}
