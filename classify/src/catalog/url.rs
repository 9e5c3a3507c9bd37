//! URL: web addresses with a scheme, or starting with `www.`.

use super::{Pattern, Recognizer};

pub(super) static URL: Recognizer = Recognizer {
    name: "url",
    country: "global",
    entity: "URL",
    patterns: &[
        Pattern {
            name: "url_scheme",
            score: 0.6,
            regex: r#"(?x)
                \b(?:https?|ftp)://            # scheme
                [A-Za-z0-9._~%!$&'()*+,;=:@-]+       # authority: host, port, maybe userinfo
                (?:[/?\#][^\s<>"]*[^\s<>".,;:!?')\]])?  # path, query, fragment; no trailing punctuation"#,
        },
        Pattern {
            name: "url_www",
            score: 0.5,
            regex: r#"(?x)
                \bwww\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}   # host
                (?:[/?\#][^\s<>"]*[^\s<>".,;:!?')\]])?                           # path"#,
        },
    ],
    validator: Some(valid),
    context: &["url", "uri", "link", "website", "homepage", "href", "web", "referer", "referrer"],
    source: "RFC 3986 (URI generic syntax)",
    ..Recognizer::DEFAULT
};

/// The host must be a dotted name with an alphabetic top-level domain, an
/// IPv4 address, or a bracketed IPv6 address.
fn valid(s: &str) -> bool {
    let rest = s.split_once("://").map_or(s, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host_port.starts_with('[') {
        return host_port.contains(']');
    }
    let host = host_port.split(':').next().unwrap_or_default();
    let tld = host.rsplit('.').next().unwrap_or_default();
    host.contains('.')
        && (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic())
            || host.parse::<std::net::Ipv4Addr>().is_ok())
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::URL,
            &[
                ("https://example.com/a/b?c=1", Some("https://example.com/a/b?c=1")),
                ("see http://shop.example.org/item/42.", Some("http://shop.example.org/item/42")),
                ("(www.example.net/path)", Some("www.example.net/path")),
                ("ftp://203.0.113.5/pub", Some("ftp://203.0.113.5/pub")),
                ("http://localhost:8080/", None),
                ("file:///etc/passwd", None),
                ("version 1.2.3", None),
            ],
        );
    }
}
