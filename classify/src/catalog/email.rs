//! EMAIL_ADDRESS: RFC 5322 addresses in their common dot-atom form, and
//! internationalized ones (RFC 6531, 6532): letters of any script in the
//! local part and the domain, and a top-level domain in any script or in
//! its ASCII form (`xn--p1ai`).
//!
//! A local part takes letters of scripts written with spaces between
//! words only. Chinese, Japanese or Thai text runs into an address without
//! one (`请联系zhangwei@example.com获取`), and the address is the part in
//! Latin letters, not the sentence before it.

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
            # local part: dot-separated atoms
            [_%+\-\p{L}\p{M}\p{N}--[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]]+
            (?:\.[_%+\-\p{L}\p{M}\p{N}--[\p{Han}\p{Hiragana}\p{Katakana}\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}]]+)*
            @
            (?:[\p{L}\p{N}](?:[\-\p{L}\p{M}\p{N}]{0,61}[\p{L}\p{M}\p{N}])?\.)+  # domain labels (RFC 1035, 5890)
            (?:xn--[A-Za-z0-9-]{1,59}\b          # top-level domain: in its ASCII form,
              |[A-Za-z]{2,24}\b                  # alphabetic,
              |[\p{L}--\p{ASCII}][\p{L}\p{M}--\p{ASCII}]{1,23})   # or in another script (.中国, .рф)",
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

/// Whether `tld`, in any case, is a file extension that makes
/// `name@2x.png` look like an address. A `match` on the lower-cased bytes:
/// this runs on every address, and a list compared entry by entry cost a
/// tenth of an address's classification.
fn file_extension(tld: &str) -> bool {
    let mut lower = [0u8; 5];
    let Some(buf) = lower.get_mut(..tld.len()) else { return false };
    buf.copy_from_slice(tld.as_bytes());
    buf.make_ascii_lowercase();
    matches!(
        &*buf,
        b"png"
            | b"jpg"
            | b"jpeg"
            | b"gif"
            | b"svg"
            | b"webp"
            | b"bmp"
            | b"ico"
            | b"js"
            | b"ts"
            | b"css"
            | b"json"
            | b"txt"
            | b"csv"
            | b"pdf"
            | b"zip"
            | b"gz"
            | b"tar"
            | b"mp3"
            | b"mp4"
            | b"mov"
            | b"html"
            | b"xml"
            | b"yaml"
            | b"yml"
            | b"md"
            | b"rs"
            | b"py"
            | b"java"
            | b"class"
            | b"jar"
    )
}

fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(at) = b.iter().rposition(|&c| c == b'@') else {
        return false;
    };
    let tld = &s[b.iter().rposition(|&c| c == b'.').filter(|&dot| dot > at).unwrap_or(at) + 1..];
    at <= 64 && s.len() <= 254 && !file_extension(tld)
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
                ("report@site.CLASS", None),
                ("ann@example.classic", Some("ann@example.classic")),
                ("mailto:jane@example.com", Some("jane@example.com")),
                ("from:jane@example.com", Some("jane@example.com")),
                ("GET /users/jane@example.com HTTP/1.1", Some("jane@example.com")),
                ("jane@example.com/profile", Some("jane@example.com")),
                // Internationalized addresses (RFC 6531).
                ("jörg.müller@example.de", Some("jörg.müller@example.de")),
                ("Schreiben Sie an jörg.müller@example.de bitte", Some("jörg.müller@example.de")),
                ("user@exämple.org", Some("user@exämple.org")),
                ("δοκιμή@παράδειγμα.δοκιμή", Some("δοκιμή@παράδειγμα.δοκιμή")),
                ("संपर्क@डाटामेल.भारत", Some("संपर्क@डाटामेल.भारत")),
                ("user@例子.中国", Some("user@例子.中国")),
                ("info@example.xn--p1ai", Some("info@example.xn--p1ai")),
                ("请联系张伟zhangwei@example.com获取", Some("zhangwei@example.com")),
                ("Grüße an anna@example.com.", Some("anna@example.com")),
            ],
        );
    }

    /// The list and the check as first written, to hold the fast check to.
    fn valid_as_written(s: &str) -> bool {
        const FILE_EXTENSIONS: &[&str] = &[
            "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "js", "ts", "css", "json", "txt", "csv", "pdf",
            "zip", "gz", "tar", "mp3", "mp4", "mov", "html", "xml", "yaml", "yml", "md", "rs", "py", "java", "class",
            "jar",
        ];
        let Some((local, domain)) = s.rsplit_once('@') else {
            return false;
        };
        let tld = domain.rsplit('.').next().unwrap_or_default();
        local.len() <= 64 && s.len() <= 254 && !FILE_EXTENSIONS.iter().any(|e| tld.eq_ignore_ascii_case(e))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]
        #[test]
        fn the_check_is_the_one_first_written(
            s in "([a-z0-9.]{0,6}@[a-z]{0,6}\\.|[a-zA-Z0-9.@]{0,12}[@.])((?i:png|jpg|jpeg|gif|svg|webp|bmp|ico|js|ts|css|json|txt|csv|pdf|zip|gz|tar|mp3|mp4|mov|html|xml|yaml|yml|md|rs|py|java|class|jar|classic|jsx|c)|[a-z]{1,3}|\\PC{0,4})",
            long in 60usize..70,
        ) {
            proptest::prop_assert_eq!(super::valid(&s), valid_as_written(&s), "{}", s);
            let padded = format!("{}{s}", "a".repeat(long));
            proptest::prop_assert_eq!(super::valid(&padded), valid_as_written(&padded), "{}", padded);
        }
    }
}
