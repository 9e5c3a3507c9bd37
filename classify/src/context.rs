//! Context from column names: `cust_email_addr`, `telNo` or `user.device.ip`
//! split into tokens and compared with each recognizer's context words, and
//! with words that name things which merely look like personal data.

/// Words in a column name that say its values are identifiers of things, not
/// people: a version, a product code, a hash, a time.
const LOOKALIKE_WORDS: &[&str] = &[
    "version",
    "ver",
    "build",
    "release",
    "sku",
    "isbn",
    "ean",
    "upc",
    "gtin",
    "uuid",
    "guid",
    "hash",
    "sha",
    "sha1",
    "sha256",
    "md5",
    "checksum",
    "digest",
    "order",
    "invoice",
    "ticket",
    "tracking",
    "serial",
    "timestamp",
    "epoch",
    "ts",
    "lat",
    "lng",
    "lon",
    "latitude",
    "longitude",
    "coord",
    "coordinates",
    "product",
    "item",
    "part",
    "batch",
    "lot",
    "isin",
    "model",
];

/// The lower-case tokens of a column path: split on separators and on
/// lower-to-upper case changes.
pub(crate) fn tokens(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        if !c.is_alphanumeric() {
            out.extend((!cur.is_empty()).then(|| std::mem::take(&mut cur)));
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        cur.extend(c.to_lowercase());
    }
    out.extend((!cur.is_empty()).then_some(cur));
    out
}

/// The first of `words` that the name's tokens name: a token equal to a word,
/// or starting with a word of four letters or more (`emailaddr`).
pub(crate) fn find<'w>(tokens: &[String], words: &[&'w str]) -> Option<&'w str> {
    words.iter().copied().find(|w| tokens.iter().any(|t| names(t, w)))
}

/// Whether the lower-case `token` names `word`: equals it, or starts with it
/// when the word has four letters or more or only digits follow (`ean13`).
fn names(token: &str, word: &str) -> bool {
    token == word
        || token.strip_prefix(word).is_some_and(|rest| word.len() >= 4 || rest.bytes().all(|b| b.is_ascii_digit()))
}

/// A word of the name that says its values are lookalikes, if any.
pub(crate) fn lookalike(tokens: &[String]) -> Option<&'static str> {
    find(tokens, LOOKALIKE_WORDS)
}

/// A word of `words` among the five words before a match at
/// `start..end` in `text` or the two after it, compared as [`find`] does.
/// It runs on every match inside free text, so it allocates nothing.
pub(crate) fn nearby<'w>(text: &str, start: usize, end: usize, words: &[&'w str]) -> Option<&'w str> {
    let before = &text[text.floor_char_boundary(start.saturating_sub(48))..start];
    let after = &text[end..text.ceil_char_boundary((end + 24).min(text.len()))];
    // Each word of the window is lower-cased once, then compared with every
    // context word.
    let mut window = words_in(before).rev().take(5).chain(words_in(after).take(2));
    window.find_map(|token| {
        super::dictionary::with_lowercase(token, |lower| words.iter().copied().find(|w| names(lower, w)))
    })
}

fn words_in(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_table() {
        for (name, want) in [
            ("cust_email_addr", vec!["cust", "email", "addr"]),
            ("telNo", vec!["tel", "no"]),
            ("user.device.ip", vec!["user", "device", "ip"]),
            ("IBAN-Nr", vec!["iban", "nr"]),
            ("ip_v4", vec!["ip", "v4"]),
            ("", vec![]),
        ] {
            assert_eq!(tokens(name), want, "{name}");
        }
    }

    #[test]
    fn find_table() {
        for (name, words, want) in [
            ("cust_email_addr", &["mail", "email"][..], Some("email")),
            ("emailAddress", &["email"][..], Some("email")),
            ("tel_no", &["tel"][..], Some("tel")),
            ("hotel", &["tel"][..], None),
            ("ipsum", &["ip"][..], None),
            ("ean13", &["ean"][..], Some("ean")),
            ("ip4", &["ip"][..], Some("ip")),
        ] {
            assert_eq!(find(&tokens(name), words), want, "{name}");
        }
        assert_eq!(lookalike(&tokens("app_version")), Some("version"));
        let text = "patient dob: 1985-04-12, seen by the clinic on 2026-01-02 for a check";
        let (a, b) = (text.find("1985").unwrap(), text.find("1985").unwrap() + 10);
        assert_eq!(nearby(text, a, b, &["dob"]), Some("dob"));
        let (c, d) = (text.find("2026").unwrap(), text.find("2026").unwrap() + 10);
        assert_eq!(nearby(text, c, d, &["dob"]), None);
        assert_eq!(nearby("DOB 1985-04-12", 4, 14, &["dob"]), Some("dob"));
        assert_eq!(nearby("Geburtsdatum: 12.04.1985", 14, 24, &["geburt"]), Some("geburt"));
        assert_eq!(nearby("dobson 12.04.1985", 7, 17, &["dob"]), None);
        assert_eq!(lookalike(&tokens("email")), None);
    }
}
