//! The operators, value by value: pure functions from a value (or a span of
//! free text) of one entity type to its replacement. Integer columns stay
//! integers: there every operator gives digits (or null).

use super::keys::{HmacSha256, Keys};
use super::policy::{DateLevel, Operator};
use aes_siv::KeyInit as _;
use base64::Engine as _;
use hmac::Mac;

/// Tries `tokenize` makes to find a token its entity's checksum accepts
/// (a mod-97 check passes about once in 97).
const TOKEN_TRIES: u32 = 1024;
/// Marks encrypted text, so `deanonymize` finds it inside free text too.
pub const ENCRYPTED_PREFIX: &str = "{enc:";

/// What a value is stored as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text (or binary read as text).
    Text,
    /// An integer, written in decimal: the result must be digits too.
    Integer,
}

/// What an operator needs besides the value.
pub struct Context<'a> {
    /// The key, when the policy needs one.
    pub keys: Option<&'a Keys>,
    /// Whether a candidate fits the column (an integer of its type).
    pub fits: &'a dyn Fn(&str) -> bool,
    /// Whether the entity's recognizer takes a candidate whole, as the
    /// classifier would (always false for an entity it does not know).
    pub recognized: &'a dyn Fn(&str) -> bool,
    /// Whether the entity has a checksum, which its tokens keep valid.
    pub checksum: bool,
    /// Whether the entity is a credential, of which `mask` keeps nothing.
    pub secret: bool,
}

impl Context<'_> {
    /// A token fits and, where the entity has a checksum, passes it.
    fn token(&self, t: &str) -> bool {
        (self.fits)(t) && (!self.checksum || (self.recognized)(t))
    }

    /// A hash fits and does not pass for the real thing: an integer hash of
    /// a card number is not a valid card number.
    fn hash(&self, t: &str) -> bool {
        (self.fits)(t) && !(self.recognized)(t)
    }
}

/// The replacement of `value` (an entity of type `entity`); `None` is null
/// for a whole value and nothing for a span of text.
pub fn apply(op: &Operator, entity: &str, value: &str, kind: Kind, ctx: &Context) -> Option<String> {
    let keys = || ctx.keys.expect("the policy's key was checked before the run");
    match (op, kind) {
        (Operator::Keep | Operator::Drop, _) => Some(value.to_owned()),
        (Operator::Redact, _) | (Operator::Replace { .. } | Operator::Encrypt, Kind::Integer) => None,
        (Operator::Replace { value: with }, Kind::Text) => Some(with.clone().unwrap_or_else(|| format!("<{entity}>"))),
        (Operator::Mask { char, keep_first, keep_last }, _) => {
            let char = if kind == Kind::Integer && !char.is_ascii_digit() { '0' } else { *char };
            let (first, last) = if ctx.secret { (0, 0) } else { masked_ends(value, *keep_first, *keep_last) };
            Some(crate::classify::mask::keep_ends(value, char, first, last))
        }
        (Operator::Hash, Kind::Text) => {
            Some(hex::encode(hmac(&keys().hash, &[value.as_bytes()]).finalize().into_bytes()))
        }
        (Operator::Hash, Kind::Integer) => Some(digits_like(&keys().hash, value, &|t| ctx.hash(t))),
        (Operator::Tokenize, _) => Some(tokenize(&keys().token, entity, value, &|t| ctx.token(t))),
        (Operator::Encrypt, Kind::Text) => Some(encrypt(keys(), value)),
        (Operator::Generalize { level, keep, bucket }, _) => generalize(entity, value, kind, *level, *keep, *bucket),
    }
}

/// The letters and digits `mask` keeps at the start and at the end of
/// `value`: what the policy asks, but never more than half of them (the
/// last ones first), so that `keep_last = 4` does not keep a four-letter
/// name or an IP address's four digits whole.
fn masked_ends(value: &str, first: usize, last: usize) -> (usize, usize) {
    let half = value.chars().filter(|c| c.is_alphanumeric()).count() / 2;
    let last = last.min(half);
    (first.min(half - last), last)
}

/// `keyed` (an HMAC keyed once) over the length-prefixed parts.
fn hmac(keyed: &HmacSha256, parts: &[&[u8]]) -> HmacSha256 {
    let mut mac = keyed.clone();
    for p in parts {
        mac.update(&(p.len() as u64).to_le_bytes());
        mac.update(p);
    }
    mac
}

/// A pseudo-random byte stream keyed by the key and the inputs.
struct Stream {
    /// The HMAC with the key and the inputs absorbed.
    seeded: HmacSha256,
    block: [u8; 32],
    used: usize,
    counter: u64,
}

impl Stream {
    fn new(keyed: &HmacSha256, parts: &[&[u8]]) -> Self {
        Self { seeded: hmac(keyed, parts), block: [0; 32], used: 32, counter: 0 }
    }

    fn next(&mut self) -> u8 {
        if self.used == 32 {
            self.block = hmac(&self.seeded, &[&self.counter.to_le_bytes()]).finalize().into_bytes().into();
            self.counter += 1;
            self.used = 0;
        }
        self.used += 1;
        self.block[self.used - 1]
    }

    /// A uniform value below `n` (rejection sampling: no bias).
    fn below(&mut self, n: u8) -> u8 {
        let limit = 256 - (256 % n as u16);
        loop {
            let b = self.next();
            if u16::from(b) < limit {
                return b % n;
            }
        }
    }
}

/// The token of `value`: each digit a digit, each letter a letter of the
/// same case, everything else kept; a leading non-zero digit stays non-zero
/// (integers keep their length). An email keeps its top-level domain and an
/// IBAN its country code, and among the candidates the first `accept` takes
/// wins (checksums stay valid).
fn tokenize(key: &HmacSha256, entity: &str, value: &str, accept: &dyn Fn(&str) -> bool) -> String {
    let kept_from = match entity {
        "EMAIL_ADDRESS" => value.rfind('.').filter(|dot| value[..*dot].contains('@')),
        _ => None,
    };
    let kept_before = if entity == "IBAN_CODE" { value.bytes().take_while(u8::is_ascii_alphabetic).count() } else { 0 };
    let candidate = |attempt: u32| {
        let mut s = Stream::new(key, &[entity.as_bytes(), value.as_bytes(), &attempt.to_le_bytes()]);
        let mut out = String::with_capacity(value.len());
        for (i, c) in value.char_indices() {
            let kept = i < kept_before || kept_from.is_some_and(|k| i >= k);
            out.push(match c {
                _ if kept => c,
                '0'..='9' if i == 0 && c != '0' => (b'1' + s.below(9)) as char,
                '0'..='9' => (b'0' + s.below(10)) as char,
                c if c.is_alphabetic() && c.is_uppercase() => (b'A' + s.below(26)) as char,
                c if c.is_alphabetic() => (b'a' + s.below(26)) as char,
                c => c,
            });
        }
        out
    };
    (0..TOKEN_TRIES).map(candidate).find(|t| accept(t)).unwrap_or_else(|| candidate(0))
}

/// Digits of the same length as the integer `value` (sign kept), from the
/// keyed hash, that `accept` takes (they fit the column's type).
fn digits_like(key: &HmacSha256, value: &str, accept: &dyn Fn(&str) -> bool) -> String {
    let (sign, digits) = value.strip_prefix('-').map_or(("", value), |d| ("-", d));
    let candidate = |attempt: u32| {
        let mut s = Stream::new(key, &[b"integer", value.as_bytes(), &attempt.to_le_bytes()]);
        let body: String = (0..digits.len())
            .map(|i| if i == 0 && digits.len() > 1 { b'1' + s.below(9) } else { b'0' + s.below(10) } as char)
            .collect();
        format!("{sign}{body}")
    };
    (0..TOKEN_TRIES).map(candidate).find(|t| accept(t)).unwrap_or_else(|| "0".into())
}

/// AES-SIV of `value`, deterministic, as `{enc:BASE64URL}`.
fn encrypt(keys: &Keys, value: &str) -> String {
    let mut cipher = aes_siv::siv::Aes256Siv::new((&keys.siv).into());
    let sealed = cipher.encrypt([b"lakeaudit"], value.as_bytes()).expect("AES-SIV takes any plaintext");
    format!("{ENCRYPTED_PREFIX}{}}}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(sealed))
}

/// Restores the text `encrypt` sealed (`BASE64URL`, without the marks);
/// `None` when the key is not the one it was sealed with.
pub fn decrypt(keys: &Keys, sealed: &str) -> Option<String> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(sealed).ok()?;
    let mut cipher = aes_siv::siv::Aes256Siv::new((&keys.siv).into());
    String::from_utf8(cipher.decrypt([b"lakeaudit"], &bytes).ok()?).ok()
}

/// The entities `generalize` makes less precise in text: what is left of
/// any other value is a piece of it (`Kenji W`, half an email address).
/// Integers of any entity go to ranges.
pub const GENERALIZED: &[&str] = &["DATE_TIME", "IP_ADDRESS", "UK_POSTCODE", "DE_PLZ", "CA_POSTAL_CODE"];

/// Dates to a year (or month), UK postcodes to their outward code, other
/// codes (IP addresses, postcodes) to a prefix, integers to the start of
/// their range of `bucket`.
fn generalize(
    entity: &str,
    value: &str,
    kind: Kind,
    level: Option<DateLevel>,
    keep: Option<usize>,
    bucket: u64,
) -> Option<String> {
    if kind == Kind::Integer {
        let n: i128 = value.parse().ok()?;
        let b = i128::from(bucket);
        return Some((n.div_euclid(b) * b).to_string());
    }
    if let Some((year, month)) = date_parts(value)
        && (entity == "DATE_TIME" || level.is_some())
    {
        return Some(match (level.unwrap_or(DateLevel::Year), month) {
            (DateLevel::Month, Some(m)) => format!("{year}-{m}"),
            _ => year.to_owned(),
        });
    }
    let v = value.trim();
    let keep = keep.unwrap_or_else(|| match v.split_once(' ') {
        Some((outward, _)) if entity == "UK_POSTCODE" => outward.len(),
        _ => v.chars().count().div_ceil(2),
    });
    Some(v.chars().take(keep).collect())
}

/// The year (and month, for ISO dates) of a date at the start of `value`:
/// `1985-04-12`, `12.04.1985`, `04/12/1985`.
fn date_parts(value: &str) -> Option<(&str, Option<&str>)> {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if digits(0..4) && matches!(b.get(4), Some(b'-' | b'/')) && digits(5..7) {
        return Some((&value[..4], Some(&value[5..7])));
    }
    if digits(0..2)
        && matches!(b.get(2), Some(b'.' | b'/' | b'-'))
        && digits(3..5)
        && b.get(5) == b.get(2)
        && digits(6..10)
    {
        return Some((&value[6..10], None));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> Keys {
        Keys::parse(&"ab".repeat(32)).unwrap()
    }

    fn run(op: &Operator, entity: &str, value: &str, kind: Kind) -> Option<String> {
        let k = keys();
        apply(
            op,
            entity,
            value,
            kind,
            &Context { keys: Some(&k), fits: &|_| true, recognized: &|_| false, checksum: false, secret: false },
        )
    }

    #[test]
    fn mask_keeps_nothing_of_a_credential() {
        // The last four characters of a password once stayed, and with the
        // host behind them read as an email address.
        let mask = Operator::Mask { char: '*', keep_first: 2, keep_last: 4 };
        let ctx = |secret| Context { keys: None, fits: &|_| true, recognized: &|_| false, checksum: false, secret };
        let url = "mysql://app:ihbdT1k9b4wDXC@";
        assert_eq!(
            apply(&mask, "PASSWORD", url, Kind::Text, &ctx(true)).as_deref(),
            Some("*****://***:**************@")
        );
        assert_eq!(
            apply(&mask, "PASSWORD", url, Kind::Text, &ctx(false)).as_deref(),
            Some("my***://***:**********wDXC@")
        );
    }

    #[test]
    fn operator_table() {
        use Kind::*;
        let mask = Operator::Mask { char: '*', keep_first: 0, keep_last: 4 };
        let year = Operator::Generalize { level: None, keep: None, bucket: 10 };
        let month = Operator::Generalize { level: Some(DateLevel::Month), keep: None, bucket: 10 };
        for (op, entity, value, kind, want) in [
            (Operator::Redact, "EMAIL_ADDRESS", "a@b.org", Text, None),
            (Operator::Replace { value: None }, "EMAIL_ADDRESS", "a@b.org", Text, Some("<EMAIL_ADDRESS>")),
            (Operator::Replace { value: Some("x".into()) }, "EMAIL_ADDRESS", "a@b.org", Text, Some("x")),
            (Operator::Replace { value: None }, "CREDIT_CARD", "4111111111111111", Integer, None),
            (mask.clone(), "CREDIT_CARD", "4111111111111111", Text, Some("************1111")),
            (mask.clone(), "CREDIT_CARD", "4111 1111 1111 1111", Text, Some("**** **** **** 1111")),
            (mask.clone(), "CREDIT_CARD", "4111111111111111", Integer, Some("0000000000001111")),
            // Never more than half kept.
            (mask.clone(), "PERSON", "Anna", Text, Some("**na")),
            (mask.clone(), "IP_ADDRESS", "10.1.2.3", Text, Some("**.*.2.3")),
            (mask, "PERSON", "Li", Text, Some("*i")),
            (
                Operator::Mask { char: '#', keep_first: 3, keep_last: 3 },
                "US_SSN",
                "123-45-6789",
                Text,
                Some("1##-##-#789"),
            ),
            (year.clone(), "DATE_TIME", "1985-04-12", Text, Some("1985")),
            (year.clone(), "DATE_TIME", "12.04.1985", Text, Some("1985")),
            (month, "DATE_TIME", "1985-04-12T10:00:00Z", Text, Some("1985-04")),
            (year.clone(), "UK_POSTCODE", "SW1A 1AA", Text, Some("SW1A")),
            (year.clone(), "DE_PLZ", "10115", Text, Some("101")),
            (year.clone(), "US_SSN", "37", Integer, Some("30")),
            (year, "US_SSN", "-37", Integer, Some("-40")),
            (Operator::Keep, "PERSON", "Kenji Eskel", Text, Some("Kenji Eskel")),
        ] {
            assert_eq!(run(&op, entity, value, kind).as_deref(), want, "{op:?} {value}");
        }
    }

    #[test]
    fn tokens_are_deterministic_and_keep_the_shape() {
        let t = |entity, v| run(&Operator::Tokenize, entity, v, Kind::Text).unwrap();
        assert_eq!(t("PHONE_NUMBER", "+44 20 7946 0958"), t("PHONE_NUMBER", "+44 20 7946 0958"));
        assert_ne!(t("PHONE_NUMBER", "+44 20 7946 0958"), t("PHONE_NUMBER", "+44 20 7946 0959"));
        let phone = t("PHONE_NUMBER", "+44 20 7946 0958");
        assert_ne!(phone, "+44 20 7946 0958");
        assert!(phone.chars().zip("+44 20 7946 0958".chars()).all(|(a, b)| a.is_ascii_digit() == b.is_ascii_digit()));
        let email = t("EMAIL_ADDRESS", "Jane.Doe@example.com");
        assert!(email.ends_with(".com") && email.contains('@') && email.len() == 20, "{email}");
        assert!(email.starts_with(|c: char| c.is_ascii_uppercase()), "{email}");
        let iban = t("IBAN_CODE", "DE89370400440532013000");
        assert!(iban.starts_with("DE") && iban[2..].bytes().all(|b| b.is_ascii_digit()), "{iban}");
        // A checksum the acceptor asks for is met.
        let k = keys();
        // Luhn, written out here rather than taken from the catalog.
        let luhn = |s: &str| {
            let doubled = |(i, b): (usize, u8)| {
                let d = u32::from(b - b'0') * if i % 2 == 1 { 2 } else { 1 };
                d / 10 + d % 10
            };
            s.bytes().all(|b| b.is_ascii_digit()) && s.bytes().rev().enumerate().map(doubled).sum::<u32>() % 10 == 0
        };
        let ctx = Context { keys: Some(&k), fits: &|_| true, recognized: &luhn, checksum: true, secret: false };
        let card = apply(&Operator::Tokenize, "CREDIT_CARD", "4111111111111111", Kind::Text, &ctx).unwrap();
        assert!(luhn(&card) && card != "4111111111111111" && card.len() == 16, "{card}");
        // A hash does not pass for one.
        for n in 0..50u64 {
            let card = (4111111111111111 + n).to_string();
            let hashed = apply(&Operator::Hash, "CREDIT_CARD", &card, Kind::Integer, &ctx).unwrap();
            assert!(!luhn(&hashed) && hashed.len() == 16, "{hashed}");
        }
    }

    #[test]
    fn hashes_and_integers_stay_in_their_type() {
        let h = run(&Operator::Hash, "EMAIL_ADDRESS", "a@b.org", Kind::Text).unwrap();
        assert_eq!(h.len(), 64);
        assert_eq!(h, run(&Operator::Hash, "EMAIL_ADDRESS", "a@b.org", Kind::Text).unwrap());
        let n = run(&Operator::Hash, "CREDIT_CARD", "4111111111111111", Kind::Integer).unwrap();
        assert!(n.len() == 16 && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0'), "{n}");
        let t = run(&Operator::Tokenize, "US_SSN", "-123456789", Kind::Integer).unwrap();
        assert!(t.starts_with('-') && t.len() == 10, "{t}");
    }

    #[test]
    fn encryption_round_trips_and_needs_the_key() {
        let k = keys();
        let sealed = run(&Operator::Encrypt, "PERSON", "Kenji Eskel", Kind::Text).unwrap();
        assert_eq!(sealed, run(&Operator::Encrypt, "PERSON", "Kenji Eskel", Kind::Text).unwrap());
        let body = sealed.strip_prefix(ENCRYPTED_PREFIX).unwrap().strip_suffix('}').unwrap();
        assert_eq!(decrypt(&k, body).as_deref(), Some("Kenji Eskel"));
        let other = Keys::parse(&"cd".repeat(32)).unwrap();
        assert_eq!(decrypt(&other, body), None);
    }
}
