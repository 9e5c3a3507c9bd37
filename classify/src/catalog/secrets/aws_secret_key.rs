//! AWS_SECRET_KEY: AWS secret access keys: forty base-64 characters with no
//! prefix, so only entropy, mixed case and a name (`aws_secret_access_key`,
//! in the column or just before the value) tell one from a digest.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static AWS_SECRET_KEY: Recognizer = Recognizer {
    name: "aws_secret_key",
    country: "global",
    entity: "AWS_SECRET_KEY",
    patterns: &[
        Pattern {
            name: "aws_secret_assigned",
            score: 0.7,
            regex: r#"(?x)
                (?i:aws_?secret_?(?:access_?)?key)["']?\s*[:=]\s*["']?   # the name it is given
                [A-Za-z0-9/+]{40}\b"#,
        },
        Pattern {
            name: "aws_secret_bare",
            score: 0.1,
            regex: r"(?x)(?:^|[^A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?:$|[^A-Za-z0-9/+=])",
        },
    ],
    validator: Some(valid),
    context: &["aws", "secret", "secretkey", "secretaccesskey", "credentials"],
    min_ratio: 0.01,
    source: "AWS IAM User Guide, 'Managing access keys' (40-character secret access keys)",
    secret: true,
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let key = s.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '/' && c != '+');
    let Some(key) = key.get(key.len().saturating_sub(40)..) else { return false };
    key.bytes().any(|b| b.is_ascii_lowercase())
        && key.bytes().any(|b| b.is_ascii_uppercase())
        && key.bytes().any(|b| b.is_ascii_digit() || b == b'/' || b == b'+')
        && super::random_enough(key, 4.0)
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::AWS_SECRET_KEY,
            &[
                (
                    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                    Some("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
                ),
                ("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Some("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                ("3f786850e387550fdab836ed7e6dc881de23001b", None),
                ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaA", None),
            ],
        );
    }
}
