//! Classification: the pure core of lakeaudit. It takes Arrow arrays and
//! returns per-column states and verdicts; it never touches a store, a file
//! or the clock, so it can run anywhere (rayon, tests, benches) and its
//! partial states merge like an aggregate's accumulators.
//!
//! The flow for one column: every value is profiled in one pass, each
//! recognizer whose gate admits the profile runs its patterns, candidates are
//! validated (checksums, ranges), and the counts land in a [`ColumnState`].
//! [`verdict`] then turns a state and the column's name into scored findings.

pub mod catalog;
mod context;
pub mod custom;
mod dictionary;
mod engine;
pub mod leaves;
pub mod mask;
mod memo;
mod observe;
mod state;
pub mod verdict;

pub use state::{ColumnState, DistinctSketch, EntityStats, merge_columns};

use crate::error::{Error, Result};
use arrow::record_batch::RecordBatch;
use catalog::Recognizer;
use custom::CustomRecognizer;
use engine::{Engine, Scratch};
pub use memo::MEMO_VALUES;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};

/// Tuning that changes which findings are reported.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClassifySettings {
    /// A column × entity is reported when its score reaches this.
    pub min_score: f64,
    /// Entity types switched off.
    pub disabled: Vec<String>,
    /// Per-entity thresholds that replace `min_score`.
    pub thresholds: BTreeMap<String, f64>,
    /// Values never reported, per entity type (`*`: every type), any case.
    pub allow: BTreeMap<String, Vec<String>>,
    /// Recognizers defined in configuration, after the catalog's.
    pub custom: Vec<CustomRecognizer>,
}

impl Default for ClassifySettings {
    fn default() -> Self {
        Self {
            min_score: 0.5,
            disabled: Vec::new(),
            thresholds: BTreeMap::new(),
            allow: BTreeMap::new(),
            custom: Vec::new(),
        }
    }
}

impl ClassifySettings {
    /// The score a finding of `entity` must reach.
    pub fn threshold(&self, entity: &str) -> f64 {
        self.thresholds.get(entity).copied().unwrap_or(self.min_score)
    }
}

/// One validated match inside a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Match<'a> {
    /// The matched text.
    pub text: &'a str,
    /// Byte range in the value.
    pub span: std::ops::Range<usize>,
    /// Index of the pattern in the recognizer.
    pub pattern: usize,
    /// The pattern's score, raised when a context word is nearby.
    pub score: f64,
    /// A context word of the recognizer within a few words of a match inside
    /// longer text (`dob 1985-04-12`), as Presidio's context enhancer reads it.
    pub near: Option<&'static str>,
}

impl Match<'_> {
    /// Whether the match is the whole of `value`.
    fn is_whole(&self, value: &str) -> bool {
        self.span.start == 0 && self.span.end == value.len()
    }
}

/// Where an entity is in a value: what anonymization replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range in the value.
    pub range: std::ops::Range<usize>,
    /// The recognizer's slot.
    pub slot: usize,
}

/// A validated match inside longer text, its score raised by a context word
/// nearby.
fn inside<'a>(rec: &Recognizer, pattern: usize, value: &'a str, start: usize, end: usize) -> Match<'a> {
    let near = context::nearby(value, start, end, rec.context);
    let score = rec.patterns[pattern].score + if near.is_some() { verdict::CONTEXT_BOOST } else { 0.0 };
    Match { text: &value[start..end], span: start..end, pattern, score: score.min(1.0), near }
}

/// A match glued to more of the same token (`1.2.3.4` inside `1.2.3.4.5`,
/// a card number followed by `-22`) is a piece of something else.
fn standalone(value: &str, start: usize, end: usize) -> bool {
    let b = value.as_bytes();
    let joiner = |c: u8| matches!(c, b'.' | b'-' | b'_' | b'/' | b':');
    let after = end + 1 < b.len() && joiner(b[end]) && b[end + 1].is_ascii_alphanumeric();
    let before = start >= 2 && joiner(b[start - 1]) && b[start - 2].is_ascii_alphanumeric();
    !after && !before
}

/// The highest-scoring of `rec`'s patterns among the bits of `patterns`.
fn strongest(rec: &Recognizer, patterns: u64) -> Option<usize> {
    (0..rec.patterns.len())
        .filter(|i| patterns & (1 << i) != 0)
        .max_by(|a, b| rec.patterns[*a].score.total_cmp(&rec.patterns[*b].score))
}

/// The compiled catalog plus settings: what every worker shares.
#[derive(Debug)]
pub struct Classifier {
    recognizers: Vec<&'static Recognizer>,
    engine: Engine,
    /// Per slot, the lower-cased values never to report.
    allow: Vec<HashSet<String>>,
    settings: ClassifySettings,
}

impl Classifier {
    /// Compiles the catalog, leaving out disabled entities.
    pub fn new(settings: ClassifySettings) -> Result<Self> {
        let custom: Vec<&'static Recognizer> =
            settings.custom.iter().map(CustomRecognizer::compile).collect::<Result<_>>()?;
        let all: Vec<&'static Recognizer> = catalog::all().iter().copied().chain(custom).collect();
        let mut names = std::collections::HashSet::new();
        if let Some(dup) = all.iter().find(|r| !names.insert(r.name)) {
            return Err(Error::Config(format!("two recognizers are named '{}'", dup.name)));
        }
        let known: Vec<&str> = all.iter().map(|r| r.entity).collect();
        let named = settings.disabled.iter().map(|e| ("disabled entities", e));
        let named = named.chain(settings.thresholds.keys().map(|e| ("thresholds", e)));
        let named = named.chain(settings.allow.keys().filter(|e| *e != "*").map(|e| ("allow", e)));
        for (section, entity) in named {
            if !known.contains(&entity.as_str()) {
                return Err(Error::Config(format!(
                    "unknown entity type '{entity}' in {section} (known: {})",
                    known.join(", ")
                )));
            }
        }
        if let Some((e, t)) = settings.thresholds.iter().find(|(_, t)| !(0.0..=1.0).contains(*t)) {
            return Err(Error::Config(format!("threshold {t} for {e} is outside [0, 1]")));
        }
        let recognizers: Vec<&'static Recognizer> =
            all.into_iter().filter(|r| !settings.disabled.iter().any(|d| d == r.entity)).collect();
        if recognizers.len() > 128 {
            return Err(Error::Config(format!("{} recognizers; at most 128 can be in use", recognizers.len())));
        }
        let allow = recognizers
            .iter()
            .map(|r| {
                let values = settings.allow.get(r.entity).into_iter().chain(settings.allow.get("*")).flatten();
                values.map(|v| v.to_lowercase()).collect()
            })
            .collect();
        let engine = Engine::new(recognizers.iter().map(|r| (r.name, r.patterns.iter().map(|p| p.regex).collect())))?;
        Ok(Self { recognizers, engine, allow, settings })
    }

    /// The recognizers in use, in catalog order; a state's entity slots follow it.
    pub fn recognizers(&self) -> &[&'static Recognizer] {
        &self.recognizers
    }

    /// The settings it was built with.
    pub fn settings(&self) -> &ClassifySettings {
        &self.settings
    }

    /// An empty state with a slot per recognizer.
    pub fn new_state(&self) -> ColumnState {
        ColumnState::new(self.recognizers.len())
    }

    /// Classifies every classifiable leaf of a batch into `states` (keyed by
    /// column path), the leaves in parallel.
    pub fn observe_batch(&self, batch: &RecordBatch, states: &mut BTreeMap<String, ColumnState>) {
        let leaves: Vec<leaves::Leaf> =
            leaves::batch_leaves(batch).into_iter().filter(|l| leaves::classifiable(&l.data_type)).collect();
        let partial: Vec<(String, ColumnState)> = leaves
            .into_par_iter()
            .filter_map(|l| {
                let array = l.array?;
                let mut state = self.new_state();
                self.observe_array(array.as_ref(), &mut state);
                Some((l.path, state))
            })
            .collect();
        merge_columns(states, partial);
    }

    /// Whether `text` is on the allow-list of the recognizer in `slot`.
    fn allowed(&self, slot: usize, text: &str) -> bool {
        let allow = &self.allow[slot];
        !allow.is_empty() && allow.contains(&text.to_lowercase())
    }

    /// The strongest validated match of one recognizer inside `v`: the
    /// `patterns` that occur in it, strongest first, each searched alone.
    fn best_inside<'a>(&self, slot: usize, patterns: u64, v: &'a str, scratch: &mut Scratch) -> Option<Match<'a>> {
        let rec = self.recognizers[slot];
        let mut best: Option<Match<'a>> = None;
        let mut left = patterns;
        while best.is_none()
            && let Some(i) = strongest(rec, left)
        {
            left &= !(1 << i);
            self.engine.find(slot, i, v, scratch, |start, end| {
                let text = &v[start..end];
                if best.is_none() && standalone(v, start, end) && rec.validator.is_none_or(|f| f(text)) {
                    best = Some(inside(rec, i, v, start, end));
                }
            });
        }
        best
    }

    /// The recognizer slot of `entity`, if it is in the catalog.
    pub fn slot_of(&self, entity: &str) -> Option<usize> {
        self.recognizers.iter().position(|r| r.entity == entity)
    }

    /// Whether the recognizer in `slot` takes all of `value` (pattern and
    /// validator), as a value of a column of that entity.
    pub fn accepts_whole(&self, slot: usize, value: &str) -> bool {
        let mut scratch = self.engine.scratch();
        let whole = self.engine.whole(&[value], &mut scratch);
        let rec = self.recognizers[slot];
        let hit = whole.of(0).iter().any(|&(s, _)| s == slot) && rec.validator.is_none_or(|f| f(value));
        scratch.recycle(whole);
        hit
    }

    /// Where the recognizers of `slots` (a bit per slot) find their entities
    /// in `value`, as byte ranges of `value` without overlaps, in order. A
    /// value one of them takes whole is one span; otherwise every validated
    /// match inside counts, longer ones winning over those they overlap.
    pub fn spans(&self, value: &str, slots: u128) -> Vec<Span> {
        let v = value.trim();
        let offset = v.as_ptr() as usize - value.as_ptr() as usize;
        if v.is_empty() || slots == 0 {
            return Vec::new();
        }
        let mut scratch = self.engine.scratch();
        let whole = self.engine.whole(&[v], &mut scratch);
        let taken = whole.of(0).iter().find(|&&(slot, _)| {
            slots & (1 << slot) != 0 && self.recognizers[slot].validator.is_none_or(|f| f(v)) && !self.allowed(slot, v)
        });
        if let Some(&(slot, _)) = taken {
            scratch.recycle(whole);
            return vec![Span { range: offset..offset + v.len(), slot }];
        }
        scratch.recycle(whole);
        let inside = self.engine.inside(&[v], &mut scratch);
        let mut found = Vec::new();
        for &(slot, patterns) in inside.of(0).iter().filter(|(slot, _)| slots & (1 << slot) != 0) {
            let rec = self.recognizers[slot];
            for i in (0..rec.patterns.len()).filter(|i| patterns & (1 << i) != 0) {
                self.engine.find(slot, i, v, &mut scratch, |start, end| {
                    let text = &v[start..end];
                    if standalone(v, start, end) && rec.validator.is_none_or(|f| f(text)) && !self.allowed(slot, text) {
                        found.push(Span { range: offset + start..offset + end, slot });
                    }
                });
            }
        }
        scratch.recycle(inside);
        // Longest first; a span overlapping one already kept is dropped.
        found.sort_by_key(|s| (std::cmp::Reverse(s.range.len()), s.range.start));
        let mut kept: Vec<Span> = Vec::new();
        for s in found {
            if kept.iter().all(|k| s.range.end <= k.range.start || s.range.start >= k.range.end) {
                kept.push(s);
            }
        }
        kept.sort_by_key(|s| s.range.start);
        kept
    }

    /// Every validated match of the recognizer in `slot` inside `value`
    /// (what `recognizers test` shows).
    pub fn matches<'a>(&self, slot: usize, value: &'a str) -> Vec<Match<'a>> {
        let rec = self.recognizers[slot];
        let mut scratch = self.engine.scratch();
        let mut out = Vec::new();
        for (i, p) in rec.patterns.iter().enumerate() {
            self.engine.find(slot, i, value, &mut scratch, |start, end| {
                if standalone(value, start, end) && rec.validator.is_none_or(|f| f(&value[start..end])) {
                    out.push(if start == 0 && end == value.len() {
                        Match { text: value, span: start..end, pattern: i, score: p.score, near: None }
                    } else {
                        inside(rec, i, value, start, end)
                    });
                }
            });
        }
        out.sort_by_key(|m| (m.span.start, m.pattern));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{Int64Array, StringArray};

    #[test]
    fn whole_and_embedded_matches_are_counted() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let mut s = c.new_state();
        let a =
            StringArray::from(vec![Some("jane@example.com"), Some("write to bob@example.org today"), None, Some("")]);
        c.observe_array(&a, &mut s);
        let email = c.recognizers().iter().position(|r| r.entity == "EMAIL_ADDRESS").unwrap();
        let st = &s.entities[email];
        assert_eq!((s.sampled, s.nulls, s.empty, st.matched, st.whole), (4, 1, 1, 2, 1));
        assert_eq!(st.examples, vec!["j***@e******.com", "b**@e******.org"]);
    }

    #[test]
    fn repeated_values_are_replayed_exactly() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let distinct = ["jane@example.com", "call 020 7946 0958 today", "4111 1111 1111 1111", "open", "Kenji Eskel"];
        let values: Vec<&str> = (0..3000).map(|i| distinct[i * 7 % distinct.len()]).collect();
        let (mut memoized, mut one_by_one) = (c.new_state(), c.new_state());
        c.observe_array(&StringArray::from(values.clone()), &mut memoized);
        for v in &values {
            c.observe(v, &mut one_by_one);
        }
        assert_eq!(memoized, one_by_one);
        // Distinct values switch the memo off without changing the outcome.
        let unique: Vec<String> = (0..3000).map(|i| format!("user{i}@example.com")).collect();
        let (mut memoized, mut one_by_one) = (c.new_state(), c.new_state());
        c.observe_array(&StringArray::from(unique.clone()), &mut memoized);
        for v in &unique {
            c.observe(v, &mut one_by_one);
        }
        assert_eq!(memoized, one_by_one);
    }

    #[test]
    fn spans_cover_whole_values_or_every_match_inside() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let (email, ip) = (c.slot_of("EMAIL_ADDRESS").unwrap(), c.slot_of("IP_ADDRESS").unwrap());
        let both = (1u128 << email) | (1 << ip);
        let ranges = |v: &str, slots| c.spans(v, slots).into_iter().map(|s| (s.range, s.slot)).collect::<Vec<_>>();
        assert_eq!(ranges(" jane@example.com ", both), vec![(1..17, email)]);
        let text = "from 10.1.2.3 user a@b.org and c@d.org";
        assert_eq!(ranges(text, both), vec![(5..13, ip), (19..26, email), (31..38, email)]);
        assert_eq!(ranges(text, 1 << email), vec![(19..26, email), (31..38, email)]);
        assert!(ranges("nothing here", both).is_empty());
        assert!(c.accepts_whole(c.slot_of("CREDIT_CARD").unwrap(), "4111111111111111"));
        assert!(!c.accepts_whole(c.slot_of("CREDIT_CARD").unwrap(), "4111111111111112"));
    }

    #[test]
    fn integers_are_classified_as_text() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let mut s = c.new_state();
        c.observe_array(&Int64Array::from(vec![4111111111111111, 5555555555554444]), &mut s);
        let card = c.recognizers().iter().position(|r| r.entity == "CREDIT_CARD").unwrap();
        assert_eq!(s.entities[card].whole, 2);
    }

    #[test]
    fn unknown_disabled_entity_is_a_config_error() {
        let err =
            Classifier::new(ClassifySettings { disabled: vec!["NOPE".into()], ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("NOPE"), "{err}");
    }
}
