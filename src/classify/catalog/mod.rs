//! The recognizer catalog: every entity lakeaudit can detect, one item per
//! recognizer, each a plain description (patterns, validator, context words,
//! the specification it follows) that the engine compiles once.
//!
//! Keeping recognizers as data keeps the engine generic: adding an entity is
//! adding a file here and a line to [`all`], with its own table-driven tests.

mod credit_card;
mod crypto;
mod email;
mod iban;
mod ip;
mod mac;
mod phone;
mod uk_nhs;
mod url;
mod us_ssn;

/// What a cheap single pass over a value found; each recognizer looks at it
/// before running any regex, so most values cost a few comparisons.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Profile {
    /// Length in bytes.
    pub len: usize,
    /// ASCII digits.
    pub digits: usize,
    /// ASCII letters.
    pub letters: usize,
    /// `@` seen.
    pub at: bool,
    /// `.` count.
    pub dots: usize,
    /// `:` count.
    pub colons: usize,
    /// `-` seen.
    pub dash: bool,
}

impl Profile {
    /// Profiles `value` in one pass over its bytes.
    pub fn of(value: &str) -> Self {
        let mut p = Profile { len: value.len(), ..Profile::default() };
        for &b in value.as_bytes() {
            match b {
                b'0'..=b'9' => p.digits += 1,
                b'a'..=b'z' | b'A'..=b'Z' => p.letters += 1,
                b'@' => p.at = true,
                b'.' => p.dots += 1,
                b':' => p.colons += 1,
                b'-' => p.dash = true,
                _ => {}
            }
        }
        p
    }
}

/// One regular expression of a recognizer and the confidence a match of it
/// alone deserves (before validation and context).
#[derive(Debug)]
pub struct Pattern {
    /// Short name shown in evidence (`nanp_formatted`).
    pub name: &'static str,
    /// The expression, written in `(?x)` mode with a comment per part.
    pub regex: &'static str,
    /// Confidence of a single match, in [0, 1].
    pub score: f64,
}

/// A recognizer: how one entity type is found in a value.
#[derive(Debug)]
pub struct Recognizer {
    /// Unique name (`credit_card`).
    pub name: &'static str,
    /// Presidio entity name (`CREDIT_CARD`).
    pub entity: &'static str,
    /// Patterns that propose candidates; the strongest match wins.
    pub patterns: &'static [Pattern],
    /// Checks a candidate (checksum, ranges, structure); a candidate that fails
    /// is no match. `None` when the pattern is the whole definition.
    pub validator: Option<fn(&str) -> bool>,
    /// Whether the validator is a checksum that random digits pass only
    /// rarely. For such entities a column where most candidates fail is a
    /// column of lookalikes (order numbers), and is not reported.
    pub checksum: bool,
    /// Words that, found in a column name, raise confidence.
    pub context: &'static [&'static str],
    /// Share of non-null values that must match before a column is reported.
    pub min_ratio: f64,
    /// Cheap test on the value's [`Profile`]: false means no pattern can match.
    pub gate: fn(&Profile) -> bool,
    /// The public specification the recognizer follows.
    pub source: &'static str,
}

/// The whole catalog, in a stable order.
pub fn all() -> &'static [&'static Recognizer] {
    static ALL: [&Recognizer; 10] = [
        &email::EMAIL,
        &phone::PHONE,
        &credit_card::CREDIT_CARD,
        &iban::IBAN,
        &ip::IP,
        &us_ssn::US_SSN,
        &mac::MAC,
        &url::URL,
        &crypto::CRYPTO,
        &uk_nhs::UK_NHS,
    ];
    &ALL
}

/// ASCII digits of `s`, in order.
pub(crate) fn digits_of(s: &str) -> Vec<u8> {
    s.bytes().filter(u8::is_ascii_digit).map(|b| b - b'0').collect()
}

/// Luhn (ISO/IEC 7812-1 annex B) over digit values, check digit last.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    !digits.is_empty() && sum % 10 == 0
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Checks a recognizer against a table of texts and the first validated
    /// match each must give (`None`: nothing fires), through the engine.
    pub(crate) fn check(r: &'static Recognizer, table: &[(&str, Option<&str>)]) {
        let compiled = crate::classify::Classifier::new(Default::default()).unwrap();
        let c = compiled.recognizers().iter().find(|c| c.def.name == r.name).unwrap();
        for (text, want) in table {
            assert_eq!(c.matches(text).first().map(|m| m.text), *want, "{}: {text}", r.name);
        }
    }

    #[test]
    fn names_are_unique_and_patterns_compile() {
        let mut names = HashSet::new();
        for r in all() {
            assert!(names.insert(r.name), "duplicate recognizer {}", r.name);
            assert!(!r.patterns.is_empty(), "{} has no pattern", r.name);
            assert!(r.source.starts_with("http") || !r.source.is_empty());
            for p in r.patterns {
                regex::Regex::new(p.regex).unwrap_or_else(|e| panic!("{}/{}: {e}", r.name, p.name));
                assert!((0.0..=1.0).contains(&p.score));
            }
        }
    }

    #[test]
    fn luhn_table() {
        for (s, ok) in [("4111111111111111", true), ("4111111111111112", false), ("79927398713", true), ("", false)] {
            assert_eq!(luhn(&digits_of(s)), ok, "{s}");
        }
    }

    #[test]
    fn profile_counts() {
        let p = Profile::of("a.b@c-1:2");
        assert_eq!((p.len, p.digits, p.letters, p.at, p.dots, p.colons, p.dash), (9, 2, 3, true, 1, 1, true));
    }
}
