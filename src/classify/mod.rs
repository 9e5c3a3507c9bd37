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
pub mod leaves;
pub mod mask;
mod state;
pub mod verdict;

pub use state::{ColumnState, DistinctSketch, EntityStats, merge_columns};

use crate::error::{Error, Result};
use arrow::array::Array;
use arrow::record_batch::RecordBatch;
use catalog::{Profile, Recognizer};
use rayon::prelude::*;
use regex::Regex;
use std::collections::BTreeMap;

/// Tuning that changes which findings are reported.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ClassifySettings {
    /// A column × entity is reported when its score reaches this.
    pub min_score: f64,
    /// Entity types switched off.
    pub disabled: Vec<String>,
}

impl Default for ClassifySettings {
    fn default() -> Self {
        Self { min_score: 0.5, disabled: Vec::new() }
    }
}

/// A recognizer with its patterns compiled.
#[derive(Debug)]
pub struct Compiled {
    /// The catalog item.
    pub def: &'static Recognizer,
    regexes: Vec<Regex>,
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
    /// The pattern's score.
    pub score: f64,
}

impl Compiled {
    fn new(def: &'static Recognizer) -> Result<Self> {
        let regexes = def
            .patterns
            .iter()
            .map(|p| Regex::new(p.regex).map_err(|e| Error::Internal(format!("recognizer {}: {e}", def.name))))
            .collect::<Result<_>>()?;
        Ok(Self { def, regexes })
    }

    /// Runs the patterns over `value`, calling `f` for every candidate with
    /// whether it passed validation.
    fn scan<'a>(&self, value: &'a str, mut f: impl FnMut(Match<'a>, bool)) {
        for (i, re) in self.regexes.iter().enumerate() {
            for m in re.find_iter(value) {
                if !standalone(value, m.start(), m.end()) {
                    continue;
                }
                let ok = self.def.validator.is_none_or(|v| v(m.as_str()));
                f(Match { text: m.as_str(), span: m.range(), pattern: i, score: self.def.patterns[i].score }, ok);
            }
        }
    }

    /// Every validated match in `value`.
    pub fn matches<'a>(&self, value: &'a str) -> Vec<Match<'a>> {
        let mut out = Vec::new();
        self.scan(value, |m, ok| {
            if ok {
                out.push(m)
            }
        });
        out
    }
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

/// The compiled catalog plus settings: what every worker shares.
#[derive(Debug)]
pub struct Classifier {
    recognizers: Vec<Compiled>,
    settings: ClassifySettings,
}

impl Classifier {
    /// Compiles the catalog, leaving out disabled entities.
    pub fn new(settings: ClassifySettings) -> Result<Self> {
        let known: Vec<&str> = catalog::all().iter().map(|r| r.entity).collect();
        if let Some(bad) = settings.disabled.iter().find(|d| !known.contains(&d.as_str())) {
            return Err(Error::Config(format!(
                "unknown entity type '{bad}' in disabled entities (known: {})",
                known.join(", ")
            )));
        }
        let recognizers = catalog::all()
            .iter()
            .filter(|r| !settings.disabled.iter().any(|d| d == r.entity))
            .map(|r| Compiled::new(r))
            .collect::<Result<_>>()?;
        Ok(Self { recognizers, settings })
    }

    /// The compiled recognizers, in catalog order; a state's entity slots follow it.
    pub fn recognizers(&self) -> &[Compiled] {
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

    /// Classifies every value of a leaf array into `state`.
    pub fn observe_array(&self, array: &dyn Array, state: &mut ColumnState) {
        leaves::for_each_value(array, |v| match v {
            None => state.observe_null(),
            Some(v) => self.observe(v, state),
        });
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

    /// Classifies one non-null value into `state`.
    pub fn observe(&self, value: &str, state: &mut ColumnState) {
        state.observe_value(value);
        let v = value.trim();
        if v.is_empty() {
            return;
        }
        let profile = Profile::of(v);
        let mut whole_hits: u128 = 0;
        for (slot, rec) in self.recognizers.iter().enumerate() {
            if !(rec.def.gate)(&profile) {
                continue;
            }
            let mut candidate = false;
            let mut best: Option<(bool, Match<'_>)> = None;
            rec.scan(v, |m, ok| {
                candidate = true;
                let whole = m.span.start == 0 && m.span.end == v.len();
                if ok && best.as_ref().is_none_or(|(w, b)| (whole, m.score) > (*w, b.score)) {
                    best = Some((whole, m));
                }
            });
            let stats = &mut state.entities[slot];
            stats.candidates += u64::from(candidate);
            if let Some((whole, m)) = best {
                stats.record(m.pattern, whole, m.score, || mask::mask(rec.def.entity, m.text));
                if whole && slot < 128 {
                    whole_hits |= 1 << slot;
                }
            }
        }
        state.record_overlap(whole_hits);
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
        let email = c.recognizers().iter().position(|r| r.def.entity == "EMAIL_ADDRESS").unwrap();
        let st = &s.entities[email];
        assert_eq!((s.sampled, s.nulls, s.empty, st.matched, st.whole), (4, 1, 1, 2, 1));
        assert_eq!(st.examples, vec!["j***@e******.com", "b**@e******.org"]);
    }

    #[test]
    fn integers_are_classified_as_text() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let mut s = c.new_state();
        c.observe_array(&Int64Array::from(vec![4111111111111111, 5555555555554444]), &mut s);
        let card = c.recognizers().iter().position(|r| r.def.entity == "CREDIT_CARD").unwrap();
        assert_eq!(s.entities[card].whole, 2);
    }

    #[test]
    fn unknown_disabled_entity_is_a_config_error() {
        let err =
            Classifier::new(ClassifySettings { disabled: vec!["NOPE".into()], ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("NOPE"), "{err}");
    }
}
