//! What a match is, defined once for every path that finds entities: the
//! scan's batched engine, `recognizers test`, anonymization's spans and the
//! SQL functions all go through `Classifier::whole_matches`,
//! `Classifier::inside_matches` and `resolve`; the engine only decides,
//! fast, which patterns are worth searching.
//!
//! The definition, for one value (trimmed):
//! 1. A recognizer takes the value *whole* when one of its patterns matches
//!    all of it, its validator accepts it and it is not on the allow-list.
//!    Such a value is that entity (an email address, a card number): what
//!    its text holds inside is a piece of it and is not looked for. Several
//!    recognizers may take the same value whole (an NHS number is also a
//!    well-formed phone number): they are alternatives, which a column's
//!    name settles (see [`super::verdict`]).
//! 2. Otherwise every pattern is searched *inside* the value, left to right
//!    (leftmost-first, as the `regex` crate finds), and a match counts when
//!    it stands alone (not glued to more of the same token, see
//!    `standalone`), its validator accepts its text (or the recognizer
//!    narrows it to the part that is the entity, see `accepted`) and it
//!    is not on the allow-list. Its score is its pattern's, raised when a
//!    context word of its recognizer is nearby.
//! 3. Overlapping matches are resolved (`resolve`). A match inside a longer one
//!    that scores at least as high is a piece of it (the digits of a phone
//!    number that happen to pass a national ID's check). Otherwise a match
//!    validated by a checksum beats one that only has the shape; then the
//!    higher score wins; then the longer span; then the earlier one, then
//!    the recognizer listed first. Matches of the very same text are
//!    alternatives and all stay.
//!
//! Word boundaries (`\b`) in patterns are ASCII ones (see
//! `ascii_boundaries`).

use super::catalog::Recognizer;
use super::{context, verdict};
use regex_syntax::hir::{Hir, Look};
use std::cmp::Ordering;
use std::ops::Range;

/// One validated match inside a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// Byte range in the value.
    pub span: Range<usize>,
    /// The recognizer's slot in the classifier.
    pub slot: usize,
    /// Index of the pattern in the recognizer.
    pub pattern: usize,
    /// The pattern's score, raised when a context word is nearby.
    pub score: f64,
    /// A context word of the recognizer within a few words of a match inside
    /// longer text (`dob 1985-04-12`), as Presidio's context enhancer reads it.
    pub near: Option<&'static str>,
}

impl Match {
    /// A match of all of `value`: its pattern's score, no context.
    pub(super) fn whole(rec: &Recognizer, slot: usize, pattern: usize, value: &str) -> Self {
        let score = rec.patterns[pattern].score;
        Match { span: 0..value.len(), slot, pattern, score, near: None }
    }

    /// A match at `start..end` inside longer text, its score raised by a
    /// context word nearby.
    pub(super) fn inside(rec: &Recognizer, slot: usize, pattern: usize, value: &str, span: Range<usize>) -> Self {
        let near = context::nearby(value, span.start, span.end, rec.context);
        let score = rec.patterns[pattern].score + if near.is_some() { verdict::CONTEXT_BOOST } else { 0.0 };
        Match { span, slot, pattern, score: score.min(1.0), near }
    }

    /// The matched text of `value`.
    pub fn text<'a>(&self, value: &'a str) -> &'a str {
        &value[self.span.clone()]
    }

    /// Whether the match is the whole of `value`.
    pub fn is_whole(&self, value: &str) -> bool {
        self.span.start == 0 && self.span.end == value.len()
    }

    /// The same match in a value `by` bytes longer at the front.
    pub(super) fn shifted(self, by: usize) -> Match {
        Match { span: self.span.start + by..self.span.end + by, ..self }
    }
}

/// Which of two matches wins where they overlap ([`Ordering::Greater`]: `a`).
pub(super) fn strength(recognizers: &[&Recognizer], a: &Match, b: &Match) -> Ordering {
    let checksum = |m: &Match| recognizers[m.slot].checksum;
    checksum(a)
        .cmp(&checksum(b))
        .then(a.score.total_cmp(&b.score))
        .then(a.span.len().cmp(&b.span.len()))
        .then(b.span.start.cmp(&a.span.start))
        .then(b.slot.cmp(&a.slot))
        .then(b.pattern.cmp(&a.pattern))
}

/// Keeps the matches that no stronger overlapping match beats (matches of
/// the same text are alternatives: all stay), strongest first.
pub(super) fn resolve(recognizers: &[&Recognizer], matches: &mut Vec<Match>) {
    if matches.len() < 2 {
        return;
    }
    // Pieces of longer matches first: a match is dropped when one still
    // kept contains it, longest first, so nothing is compared with a
    // piece already dropped (and nothing is allocated: this runs per value).
    let piece = |m: &Match, of: &Match| {
        of.span.start <= m.span.start && m.span.end <= of.span.end && of.span != m.span && of.score >= m.score
    };
    matches.sort_by_key(|m| std::cmp::Reverse(m.span.len()));
    let mut kept = 0;
    for i in 0..matches.len() {
        if !matches[..kept].iter().any(|of| piece(&matches[i], of)) {
            matches.swap(kept, i);
            kept += 1;
        }
    }
    matches.truncate(kept);
    matches.sort_by(|a, b| strength(recognizers, b, a));
    let mut kept = 0;
    for i in 0..matches.len() {
        let m = &matches[i];
        let clear = matches[..kept]
            .iter()
            .all(|k| k.span == m.span || m.span.end <= k.span.start || m.span.start >= k.span.end);
        // One match per recognizer and span: a second pattern finding the
        // same text adds nothing.
        let repeat = matches[..kept].iter().any(|k| k.span == m.span && k.slot == m.slot);
        if clear && !repeat {
            matches.swap(kept, i);
            kept += 1;
        }
    }
    matches.truncate(kept);
}

/// What counts of a candidate at `span` inside `value`: the part the
/// recognizer narrows it to (`Kenji Watanabe` of `Customer Kenji
/// Watanabe`), or else all of it when the validator accepts it.
pub(super) fn accepted(rec: &Recognizer, value: &str, span: Range<usize>) -> Option<Range<usize>> {
    let text = &value[span.clone()];
    if let Some(narrow) = rec.narrow {
        let part = narrow(text).filter(|r| !r.is_empty())?;
        return Some(span.start + part.start..span.start + part.end);
    }
    rec.validator.is_none_or(|valid| valid(text)).then_some(span)
}

/// A match glued to more of the same token is a piece of something else:
/// a letter or digit right beside an edge of it that is a letter, a digit
/// or a joining character (`fe80::1` in `fe80::1text`, `::1234` in
/// `hhhh::1234`), or one behind a character that joins the pieces of a
/// token (`1.2.3.4` inside `1.2.3.4.5`, a card number followed by `-22`).
///
/// `:` and `/` part a key, a port, a path or a prefix length from a value
/// (`ip:10.1.2.3`, `10.1.2.3:443`, `mailto:jane@example.com`,
/// `/users/jane@example.com`, `203.0.113.0/24`), and a match beside one
/// stands alone, except behind a digit (`22:00:01.947068`, a time) or a
/// key that announces a version (`rv:1.9.1.20` in a browser's user agent).
pub(super) fn standalone(value: &str, start: usize, end: usize) -> bool {
    let b = value.as_bytes();
    let inner = |c: u8| matches!(c, b'.' | b'-' | b'_');
    let token = |i: usize| b.get(i).is_some_and(|&c| c.is_ascii_alphanumeric() || inner(c) || c == b'/' || c == b':');
    let word = |i: usize| b.get(i).is_some_and(u8::is_ascii_alphanumeric);
    let after =
        (end > start && token(end - 1) && word(end)) || (b.get(end).is_some_and(|&c| inner(c)) && word(end + 1));
    let behind = |joiner: u8| match joiner {
        b'.' | b'-' | b'_' => true,
        b':' | b'/' => {
            let key = &b[..start - 1];
            let key = &key[key.iter().rposition(|c| !c.is_ascii_alphanumeric()).map_or(0, |i| i + 1)..];
            key.last().is_some_and(u8::is_ascii_digit) || VERSION_KEYS.iter().any(|k| key.eq_ignore_ascii_case(k))
        }
        _ => false,
    };
    let before =
        start >= 1 && ((token(start) && word(start - 1)) || (start >= 2 && word(start - 2) && behind(b[start - 1])));
    !after && !before
}

/// Keys whose value is a version number (see [`standalone`]).
const VERSION_KEYS: &[&[u8]] = &[b"rv", b"v", b"ver", b"version", b"build"];

/// `hir` with every Unicode word boundary made an ASCII one. A lazy DFA
/// cannot evaluate a Unicode `\b` on non-ASCII text and hands the search to a
/// much slower engine: one such pattern, from a config file say, would slow
/// every value with an accent in it across the whole catalog.
pub(super) fn ascii_boundaries(hir: &Hir) -> Hir {
    use regex_syntax::hir::{Capture, HirKind, Repetition};
    match hir.kind() {
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => *other,
        }),
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(ascii_boundaries(&r.sub)), ..r.clone() }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(ascii_boundaries(&c.sub)), ..c.clone() }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(ascii_boundaries).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(ascii_boundaries).collect()),
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Classifier, ClassifySettings};

    #[test]
    fn a_checksum_beats_a_shape_then_score_then_length() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let recs = c.recognizers();
        let slot = |e: &str| c.slot_of(e).unwrap();
        let m = |e: &str, span: Range<usize>, score: f64| Match { span, slot: slot(e), pattern: 0, score, near: None };
        // A valid Thai ID (checksum) wins over a bank number's shape, even
        // one scoring higher.
        let mut ms = vec![m("US_BANK_NUMBER", 0..13, 0.9), m("TH_TNIN", 0..13, 0.5)];
        resolve(recs, &mut ms);
        assert_eq!(ms.len(), 2, "same text: alternatives");
        assert_eq!(ms[0].slot, slot("TH_TNIN"));
        let mut ms = vec![m("US_BANK_NUMBER", 0..13, 0.9), m("TH_TNIN", 1..14, 0.5)];
        resolve(recs, &mut ms);
        assert_eq!(ms.iter().map(|m| m.slot).collect::<Vec<_>>(), [slot("TH_TNIN")]);
        // Shapes: the higher score, then the longer span.
        let mut ms = vec![m("PHONE_NUMBER", 0..10, 0.4), m("US_SSN", 2..11, 0.5), m("PERSON", 20..25, 0.3)];
        resolve(recs, &mut ms);
        assert_eq!(ms.iter().map(|m| m.slot).collect::<Vec<_>>(), [slot("US_SSN"), slot("PERSON")]);
        let mut ms = vec![m("PHONE_NUMBER", 0..10, 0.5), m("US_SSN", 2..11, 0.5)];
        resolve(recs, &mut ms);
        assert_eq!(ms.iter().map(|m| m.slot).collect::<Vec<_>>(), [slot("PHONE_NUMBER")]);
        // The digits of a phone number that pass a national ID's check are
        // a piece of it; a stronger match inside a weaker one is not.
        let mut ms = vec![m("PHONE_NUMBER", 0..18, 0.6), m("AU_ACN", 4..18, 0.4)];
        resolve(recs, &mut ms);
        assert_eq!(ms.iter().map(|m| m.slot).collect::<Vec<_>>(), [slot("PHONE_NUMBER")]);
        let mut ms = vec![m("US_CLAIM_NUMBER", 0..26, 0.5), m("CREDIT_CARD", 8..26, 0.9)];
        resolve(recs, &mut ms);
        assert_eq!(ms.iter().map(|m| m.slot).collect::<Vec<_>>(), [slot("CREDIT_CARD")]);
    }
}
