//! EMAIL_ADDRESS: RFC 5322 addresses in their common dot-atom form.

use super::{Pattern, Recognizer};

/// Email addresses, validated beyond the pattern: RFC 5321 length limits and
/// top-level domains that are not file extensions (`icon@2x.png`).
pub(super) static EMAIL: Recognizer = Recognizer {
    name: "email",
    country: "global",
    entity: "EMAIL_ADDRESS",
    patterns: &[Pattern {
        name: "email",
        score: 0.7,
        regex: r"(?x)
            [A-Za-z0-9_%+-]+ (?:\.[A-Za-z0-9_%+-]+)*          # local part: dot-separated atoms
            @
            (?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+  # domain labels (RFC 1035)
            [A-Za-z]{2,24}                                     # alphabetic top-level domain
            \b",
    }],
    validator: Some(valid),
    context: &[
        "email",
        "mail",
        "e-mail",
        "emailaddress",
        "correo",
        "courriel",
        "contact",
        "posta",
        "epost",
        "sahkoposti",
        "sähköposti",
    ],
    min_ratio: 0.01,
    source: "RFC 5322 section 3.4.1; RFC 5321 section 4.5.3.1 (length limits)",
    ..Recognizer::DEFAULT
};

/// Extensions that make `name@2x.png` look like an address.
const FILE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "js", "ts", "css", "json", "txt", "csv", "pdf", "zip",
    "gz", "tar", "mp3", "mp4", "mov", "html", "xml", "yaml", "yml", "md", "rs", "py", "java", "class", "jar",
];

fn valid(s: &str) -> bool {
    let Some((local, domain)) = s.rsplit_once('@') else {
        return false;
    };
    let tld = domain.rsplit('.').next().unwrap_or_default();
    local.len() <= 64 && s.len() <= 254 && !FILE_EXTENSIONS.iter().any(|e| tld.eq_ignore_ascii_case(e))
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::EMAIL,
            &[
                ("jane.doe@example.com", Some("jane.doe@example.com")),
                ("mail me: j_o+tag@mail.example.org.", Some("j_o+tag@mail.example.org")),
                ("Jane <JANE@EXAMPLE.CO.UK>", Some("JANE@EXAMPLE.CO.UK")),
                ("icon@2x.png", None),
                ("left-pad@1.3.0", None),
                ("user@localhost", None),
                ("no at sign.example.com", None),
                ("a@b.c", None),
            ],
        );
    }
}
