//! PASSWORD: passwords written into URLs (`scheme://user:password@host`,
//! RFC 3986 section 3.2.1, deprecated for this very reason) and into
//! connection strings (`Password=...;`, `pwd=...`). Placeholders such as
//! `****`, `${DB_PASSWORD}` or `<password>` are not passwords.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static PASSWORD: Recognizer = Recognizer {
    name: "password",
    country: "global",
    entity: "PASSWORD",
    patterns: &[
        Pattern {
            name: "url_userinfo",
            score: 0.75,
            regex: r"(?x)\b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\s:/@]{1,64}:[^\s:/@]{1,128}@",
        },
        Pattern {
            name: "connection_string",
            score: 0.75,
            regex: r#"(?x)(?i:\b(?:password|passwd|pwd))\s*=\s*(?:"[^"\r\n]{1,128}"|'[^'\r\n]{1,128}'|[^;\s"']{1,128})"#,
        },
    ],
    validator: Some(valid),
    context: &["password", "passwd", "pwd", "dsn", "connection", "jdbc", "url", "secret", "credentials"],
    min_ratio: 0.01,
    source: "RFC 3986 section 3.2.1 (user information in URIs); ADO.NET / ODBC / JDBC connection string keywords",
    secret: true,
    ..Recognizer::DEFAULT
};

fn valid(s: &str) -> bool {
    let secret = match s.find("://") {
        Some(i) => s[i + 3..].trim_end_matches('@').split_once(':').map_or("", |(_, p)| p),
        None => s.split_once('=').map_or("", |(_, p)| p.trim().trim_matches(|c| c == '"' || c == '\'')),
    };
    let placeholder = secret.is_empty()
        || secret.chars().all(|c| c == '*' || c == 'x' || c == 'X' || c == '.')
        || secret.starts_with("${")
        || secret.starts_with("{{")
        || secret.starts_with('<')
        || secret.starts_with('%')
        || matches!(
            secret.to_ascii_lowercase().as_str(),
            "password" | "pass" | "secret" | "changeme" | "redacted" | "null" | "none"
        );
    !placeholder
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::PASSWORD,
            &[
                ("postgres://app:s3cr3t-Pw@db.example.com:5432/prod", Some("postgres://app:s3cr3t-Pw@")),
                ("Server=db;User Id=app;Password=Tr0ub4dor&3;", Some("Password=Tr0ub4dor&3")),
                ("pwd='hunter2 x'", Some("pwd='hunter2 x'")),
                ("postgres://app:****@db.example.com/prod", None),
                ("Password=${DB_PASSWORD};", None),
                ("https://example.com/a:b", None),
                ("password = <password>", None),
            ],
        );
    }
}
