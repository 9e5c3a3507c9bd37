//! Synthetic values, each valid by its identifier's specification (check
//! digits computed, reserved documentation ranges and example domains used)
//! and each belonging to nobody. Decoys are values that look like personal
//! data but are not: UUIDs, hashes, ISBNs, SKUs, versions, order numbers.

use sha2::{Digest, Sha256};

/// SplitMix64: deterministic, so a lake is the same on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One of `items`.
    pub fn pick<'a, T: ?Sized>(&mut self, items: &[&'a T]) -> &'a T {
        items[self.next_u64() as usize % items.len()]
    }

    pub(crate) fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.range(0, 9) as u8)).collect()
    }

    /// `n` characters drawn from `alphabet`.
    pub(crate) fn letters(&mut self, n: usize, alphabet: &[u8]) -> String {
        (0..n).map(|_| char::from(alphabet[self.range(0, alphabet.len() as u64 - 1) as usize])).collect()
    }
}

pub(crate) const GIVEN: &[&str] = &[
    "Ada", "Bram", "Chiara", "Dmitri", "Elif", "Farah", "Goran", "Hana", "Ines", "Jonas", "Kenji", "Lucia", "Mateo",
    "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sven", "Tomasz", "Uma", "Viktor", "Wen", "Yara", "Zofia",
];
pub(crate) const FAMILY: &[&str] = &[
    "Abara",
    "Brennik",
    "Castellano",
    "Dovrin",
    "Eskel",
    "Fairbourne",
    "Galvano",
    "Holmqvist",
    "Ivaska",
    "Jorunsen",
    "Kowalczyk",
    "Lindqvist",
    "Marchetti",
    "Novakov",
    "Okonkwo",
    "Petrakis",
    "Quarles",
    "Rautio",
    "Sandoval",
    "Tanaka",
    "Ulveset",
    "Valdarno",
    "Whitcombe",
    "Yilmazer",
    "Zemanek",
];
const WORDS: &[&str] = &[
    "the",
    "parcel",
    "arrived",
    "late",
    "customer",
    "asked",
    "about",
    "refund",
    "order",
    "was",
    "shipped",
    "again",
    "please",
    "check",
    "invoice",
    "status",
    "delivery",
    "window",
    "changed",
    "support",
    "ticket",
    "closed",
    "after",
    "call",
    "warehouse",
    "reported",
    "damage",
    "item",
    "replaced",
    "free",
    "of",
    "charge",
];

/// A made-up person's name.
pub fn name(r: &mut Rng) -> String {
    format!("{} {}", r.pick(GIVEN), r.pick(FAMILY))
}

/// An address at a reserved example domain (RFC 2606).
pub fn email(r: &mut Rng) -> String {
    let (g, f) = (r.pick(GIVEN).to_lowercase(), r.pick(FAMILY).to_lowercase());
    let domain = r.pick(&["example.com", "example.org", "example.net", "mail.example.com"]);
    match r.range(0, 2) {
        0 => format!("{g}.{f}@{domain}"),
        1 => format!("{g}{}@{domain}", r.range(1, 999)),
        _ => format!("{}_{f}+news@{domain}", &g[..1]),
    }
}

/// A phone number in a range reserved for fiction: NANP 555-01XX, Ofcom's
/// drama ranges for London (020 7946 0XXX) and mobiles (07700 900XXX).
pub fn phone(r: &mut Rng) -> String {
    let line = r.range(100, 199);
    match r.range(0, 4) {
        0 => format!("+1 212-555-{line:04}"),
        1 => format!("({}) 555-{line:04}", r.pick(&["312", "415", "646", "713"])),
        2 => format!("+44 20 7946 0{:03}", r.range(0, 999)),
        3 => format!("+44 7700 900{:03}", r.range(0, 999)),
        _ => format!("+1 ({}) 555-{line:04}", r.pick(&["206", "303", "617"])),
    }
}

/// A bare ten-digit NANP number in the fictional 555-01XX range.
pub fn phone_digits(r: &mut Rng) -> String {
    format!("{}555{:04}", r.pick(&["212", "312", "415", "646"]), r.range(100, 199))
}

pub(crate) fn luhn_check(body: &str) -> u8 {
    let sum: u32 = body
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 { if d * 2 > 9 { d * 2 - 9 } else { d * 2 } } else { d }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

/// A card number with a network prefix and a valid Luhn digit.
pub fn card(r: &mut Rng) -> String {
    let (prefix, len) = *r.pick(&[&("4", 16), &("51", 16), &("55", 16), &("2221", 16), &("37", 15), &("6011", 16)]);
    let body = format!("{prefix}{}", r.digits(len - prefix.len() - 1));
    format!("{body}{}", luhn_check(&body))
}

/// A card number printed in groups of four.
pub fn card_grouped(r: &mut Rng) -> String {
    loop {
        let c = card(r);
        if c.len() == 16 {
            return c
                .as_bytes()
                .chunks(4)
                .map(|g| std::str::from_utf8(g).expect("ascii"))
                .collect::<Vec<_>>()
                .join(" ");
        }
    }
}

/// A 16-digit order number whose last digit fails Luhn: a card lookalike.
pub fn order_number(r: &mut Rng) -> String {
    let body = format!("4{}", r.digits(14));
    format!("{body}{}", (luhn_check(&body) + r.range(1, 9) as u8) % 10)
}

fn mod97(s: &str) -> u32 {
    s.bytes().fold(0u32, |acc, b| match b {
        b'0'..=b'9' => (acc * 10 + u32::from(b - b'0')) % 97,
        _ => (acc * 100 + u32::from(b - b'A' + 10)) % 97,
    })
}

/// An IBAN with valid ISO 7064 check digits (GB, DE, FR or NL layouts).
pub fn iban(r: &mut Rng) -> String {
    let (country, bban) = match r.range(0, 3) {
        0 => ("GB", format!("{}{}", r.pick(&["WEST", "NWBK", "BARC"]), r.digits(14))),
        1 => ("DE", r.digits(18)),
        2 => ("FR", format!("{}{}M{}", r.digits(10), r.digits(10), r.digits(2))),
        _ => ("NL", format!("{}{}", r.pick(&["ABNA", "RABO", "INGB"]), r.digits(10))),
    };
    let check = 98 - mod97(&format!("{bban}{country}00"));
    format!("{country}{check:02}{bban}")
}

/// An IBAN printed in groups of four.
pub fn iban_grouped(r: &mut Rng) -> String {
    let i = iban(r);
    i.as_bytes().chunks(4).map(|g| std::str::from_utf8(g).expect("ascii")).collect::<Vec<_>>().join(" ")
}

/// A documentation-range address (RFC 5737, RFC 3849).
pub fn ip(r: &mut Rng) -> String {
    match r.range(0, 3) {
        0 => format!("192.0.2.{}", r.range(1, 254)),
        1 => format!("198.51.100.{}", r.range(1, 254)),
        2 => format!("203.0.113.{}", r.range(1, 254)),
        _ => format!("2001:db8::{:x}:{:x}", r.range(1, 0xffff), r.range(1, 0xffff)),
    }
}

/// A locally administered unicast MAC address.
pub fn mac(r: &mut Rng) -> String {
    let b: Vec<String> = (0..5).map(|_| format!("{:02x}", r.range(0, 255))).collect();
    format!("02:{}", b.join(":"))
}

/// A Social Security number outside the never-issued ranges.
pub fn ssn(r: &mut Rng) -> String {
    let mut area = r.range(1, 899);
    if area == 666 {
        area = 667;
    }
    format!("{area:03}-{:02}-{:04}", r.range(1, 99), r.range(1, 9999))
}

/// An NHS number with a valid modulus 11 check digit.
pub fn nhs(r: &mut Rng) -> String {
    loop {
        let body = format!("4{}", r.digits(8));
        let sum: u32 = body.bytes().zip((2..=10).rev()).map(|(b, w)| u32::from(b - b'0') * w).sum();
        let check = match 11 - sum % 11 {
            11 => 0,
            10 => continue,
            c => c,
        };
        return format!("{} {} {}{check}", &body[..3], &body[3..6], &body[6..]);
    }
}

/// A URL at a reserved example domain.
pub fn url(r: &mut Rng) -> String {
    match r.range(0, 2) {
        0 => format!("https://www.example.com/users/{}", r.range(1, 99999)),
        1 => format!("http://shop.example.org/p/{}?ref=mail", r.range(1, 99999)),
        _ => format!("https://example.net/{}", r.pick(&["about", "blog/post-7", "u/profile"])),
    }
}

const BASE58: &[u8] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/// A Bitcoin Base58Check address over random bytes (P2PKH or P2SH), or an
/// all-lower-case Ethereum address.
pub fn wallet(r: &mut Rng) -> String {
    if r.chance(0.3) {
        return format!(
            "0x{}",
            (0..40).map(|_| char::from(b"0123456789abcdef"[r.range(0, 15) as usize])).collect::<String>()
        );
    }
    let mut payload = vec![if r.chance(0.5) { 0x00 } else { 0x05 }];
    payload.extend((0..20).map(|_| r.range(0, 255) as u8));
    let check = Sha256::digest(Sha256::digest(&payload));
    payload.extend_from_slice(&check[..4]);
    let mut digits: Vec<u8> = Vec::new();
    for &byte in &payload {
        let mut carry = u32::from(byte);
        for d in digits.iter_mut() {
            carry += u32::from(*d) << 8;
            *d = (carry % 58) as u8;
            carry /= 58;
        }
        while carry > 0 {
            digits.push((carry % 58) as u8);
            carry /= 58;
        }
    }
    let zeros = payload.iter().take_while(|&&b| b == 0).count();
    std::iter::repeat_n('1', zeros).chain(digits.iter().rev().map(|&d| char::from(BASE58[d as usize]))).collect()
}

/// The URL-safe base64 alphabet.
pub(crate) const BASE64URL: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A random token as ciphertexts, session tokens and API keys look: 40 to
/// 59 base64url characters.
pub fn token(r: &mut Rng) -> String {
    let n = 40 + r.range(0, 19) as usize;
    r.letters(n, BASE64URL)
}

/// A version 4 UUID.
pub fn uuid(r: &mut Rng) -> String {
    let h = format!("{:016x}{:016x}", r.next_u64(), r.next_u64());
    format!("{}-{}-4{}-a{}-{}", &h[..8], &h[8..12], &h[13..16], &h[17..20], &h[20..32])
}

/// A hex SHA-1-sized digest.
pub fn sha1_hex(r: &mut Rng) -> String {
    format!("{:016x}{:016x}{:08x}", r.next_u64(), r.next_u64(), r.next_u64() as u32)
}

/// An ISBN-13 with a valid check digit.
pub fn isbn(r: &mut Rng) -> String {
    let body = format!("978{}", r.digits(9));
    let sum: u32 = body.bytes().enumerate().map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 1 } else { 3 }).sum();
    format!("{body}{}", (10 - sum % 10) % 10)
}

/// A stock-keeping unit code.
pub fn sku(r: &mut Rng) -> String {
    format!(
        "SKU-{}{}-{}",
        char::from(b'A' + r.range(0, 25) as u8),
        char::from(b'A' + r.range(0, 25) as u8),
        r.digits(5)
    )
}

/// A four-part version string, an IP lookalike.
pub fn version(r: &mut Rng) -> String {
    format!("{}.{}.{}.{}", r.range(1, 12), r.range(0, 30), r.range(0, 200), r.range(0, 255))
}

/// A UTC timestamp in ISO 8601.
pub fn timestamp(r: &mut Rng) -> String {
    format!(
        "2026-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        r.range(1, 12),
        r.range(1, 28),
        r.range(0, 23),
        r.range(0, 59),
        r.range(0, 59)
    )
}

/// A sentence of filler words.
pub fn sentence(r: &mut Rng, words: usize) -> String {
    (0..words).map(|_| r.pick(WORDS)).collect::<Vec<_>>().join(" ")
}
