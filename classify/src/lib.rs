//! Classification: the pure core of lakeaudit. It takes a column's values
//! as text and returns per-column states and verdicts; it never touches a
//! store, a file, the clock or Arrow, so it can run anywhere (a scan's
//! workers, a cluster's executors, tests, benches) and its partial states
//! merge like an aggregate's accumulators.
//!
//! The flow for one column: the engine says which patterns occur in each
//! value, their matches are validated (checksums, ranges) and resolved
//! where they overlap, as [`matching`] defines once for every path, and the
//! counts land in a [`ColumnState`]. [`verdict`] then turns a state and the
//! column's name into scored findings.

pub mod catalog;
mod context;
pub mod custom;
mod dictionary;
mod engine;
mod error;
pub mod mask;
pub mod matching;
mod memo;
mod observe;
#[cfg(test)]
mod reference;
mod state;
pub mod verdict;

pub use matching::Match;
pub use state::{ColumnState, DistinctSketch, EntityStats, Shape, merge_columns};

use catalog::Recognizer;
use custom::CustomRecognizer;
use engine::{Engine, Scratch};
pub use error::{Error, Result};
pub use memo::MEMO_VALUES;
pub use observe::{Observer, Repeats};
use std::collections::{BTreeMap, HashSet};

/// Tuning that changes which findings are reported.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct ClassifySettings {
    /// A column × entity is reported when its score reaches this.
    pub min_score: f64,
    /// Entity types switched off.
    pub disabled: Vec<String>,
    /// Entity types off by default ([`catalog::OFF_BY_DEFAULT`]) switched on.
    pub enabled: Vec<String>,
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
            enabled: Vec::new(),
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

/// Where an entity is in a value: what anonymization replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range in the value.
    pub range: std::ops::Range<usize>,
    /// The recognizer's slot.
    pub slot: usize,
}

/// Every recognizer slot, a bit each.
pub const ALL_SLOTS: u128 = u128::MAX;

/// Recognizers a classifier can hold: one bit each in a set of slots.
pub const MAX_RECOGNIZERS: usize = ALL_SLOTS.count_ones() as usize;

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
        let named = named.chain(settings.enabled.iter().map(|e| ("enabled entities", e)));
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
        let on = |r: &&Recognizer| {
            !settings.disabled.iter().any(|d| d == r.entity)
                && (!catalog::OFF_BY_DEFAULT.contains(&r.entity) || settings.enabled.iter().any(|e| e == r.entity))
        };
        let recognizers: Vec<&'static Recognizer> = all.into_iter().filter(on).collect();
        if recognizers.len() > MAX_RECOGNIZERS {
            return Err(Error::Config(format!(
                "{} recognizers; at most {MAX_RECOGNIZERS} can be in use",
                recognizers.len()
            )));
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

    /// Whether `text` is on the allow-list of the recognizer in `slot`.
    fn allowed(&self, slot: usize, text: &str) -> bool {
        let allow = &self.allow[slot];
        !allow.is_empty() && allow.contains(&text.to_lowercase())
    }

    /// The recognizer slot of `entity`, if it is in the catalog.
    pub fn slot_of(&self, entity: &str) -> Option<usize> {
        self.recognizers.iter().position(|r| r.entity == entity)
    }

    /// The context word of `entity` that the column name `column` holds
    /// (`address` in `street_address` for LOCATION), if any.
    pub fn named_by(&self, column: &str, entity: &str) -> Option<&'static str> {
        let tokens = context::tokens(column);
        self.recognizers.iter().filter(|r| r.entity == entity).find_map(|r| context::find(&tokens, r.context))
    }

    /// Whether the recognizer in `slot` takes all of `value` (pattern,
    /// validator), as a value of a column of that entity.
    pub fn accepts_whole(&self, slot: usize, value: &str) -> bool {
        let mut scratch = self.engine.scratch();
        let whole = self.engine.whole(&[value], &mut scratch);
        let mut found = Vec::new();
        self.whole_matches(value, whole.of(0), 1 << slot, &mut found);
        scratch.recycle(whole);
        !found.is_empty()
    }

    /// The recognizers of `found` (what the whole pass found in `v`), among
    /// `slots`, that take `v` whole: matches of the whole value, pushed
    /// onto `out` (see [`matching`] for the definition).
    fn whole_matches(&self, v: &str, found: &[(usize, u64)], slots: u128, out: &mut Vec<Match>) {
        for &(slot, patterns) in found.iter().filter(|(slot, _)| slots & (1 << slot) != 0) {
            let rec = self.recognizers[slot];
            if let Some(pattern) = strongest(rec, patterns)
                && rec.validator.is_none_or(|f| f(v))
                && !self.allowed(slot, v)
            {
                out.push(Match::whole(rec, slot, pattern, v));
            }
        }
        matching::resolve(&self.recognizers, out);
    }

    /// The validated matches inside `v` of the patterns of `found` (what the
    /// inside pass found in it), among `slots`, resolved where they overlap:
    /// into `out`, strongest first (see [`matching`]).
    fn inside_matches(
        &self,
        v: &str,
        found: &[(usize, u64)],
        slots: u128,
        scratch: &mut Scratch,
        out: &mut Vec<Match>,
    ) {
        for &(slot, patterns) in found.iter().filter(|(slot, _)| slots & (1 << slot) != 0) {
            let rec = self.recognizers[slot];
            for i in (0..rec.patterns.len()).filter(|i| patterns & (1 << i) != 0) {
                self.engine.find(slot, i, v, scratch, |start, end| {
                    if matching::standalone(v, start, end)
                        && let Some(span) = matching::accepted(rec, v, start..end)
                        && !self.allowed(slot, &v[span.clone()])
                    {
                        out.push(Match::inside(rec, slot, i, v, span));
                    }
                });
            }
        }
        matching::resolve(&self.recognizers, out);
    }

    /// The matches of the recognizers of `slots` (a bit per slot) in
    /// `value`, strongest first: the recognizers that take it whole, or else
    /// the matches inside it that no stronger overlapping one beats. Spans
    /// are byte ranges of `value`; blanks around it are not part of it. This
    /// is what every path finds (see [`matching`]).
    pub fn analyze(&self, value: &str, slots: u128) -> Vec<Match> {
        let v = value.trim();
        let offset = v.as_ptr() as usize - value.as_ptr() as usize;
        let mut out = Vec::new();
        if v.is_empty() || slots == 0 {
            return out;
        }
        let mut scratch = self.engine.scratch();
        let whole = self.engine.whole(&[v], &mut scratch);
        self.whole_matches(v, whole.of(0), slots, &mut out);
        scratch.recycle(whole);
        if out.is_empty() {
            let inside = self.engine.inside(&[v], &mut scratch);
            self.inside_matches(v, inside.of(0), slots, &mut scratch, &mut out);
            scratch.recycle(inside);
        }
        out.into_iter().map(|m| m.shifted(offset)).collect()
    }

    /// Where the recognizers of `slots` find their entities in `value`, as
    /// byte ranges of `value` without overlaps, in order: [`Self::analyze`]'s
    /// matches, the strongest of alternatives for the same text.
    pub fn spans(&self, value: &str, slots: u128) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        for m in self.analyze(value, slots) {
            if spans.iter().all(|s| s.range != m.span) {
                spans.push(Span { range: m.span, slot: m.slot });
            }
        }
        spans.sort_by_key(|s| s.range.start);
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_and_embedded_matches_are_counted() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let mut s = c.new_state();
        let values = [Some("jane@example.com"), Some("write to bob@example.org today"), None, Some("")];
        c.observe_all(values, &mut s);
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
        c.observe_all(values.iter().map(|v| Some(*v)), &mut memoized);
        for v in &values {
            c.observe(v, &mut one_by_one);
        }
        assert_eq!(memoized, one_by_one);
        // Distinct values switch the memo off without changing the outcome,
        // examples included: other entities come after it went off, in the
        // larger batches of a column that does not repeat.
        let mut r = lakegen::values::Rng::new(3);
        let late: [fn(&mut lakegen::values::Rng) -> String; 3] =
            [lakegen::values::card, lakegen::values::iban, lakegen::values::ip];
        let unique: Vec<String> =
            (0..3000).map(|i| if i < 1000 { format!("user{i}@example.com") } else { late[i % 3](&mut r) }).collect();
        let (mut memoized, mut one_by_one) = (c.new_state(), c.new_state());
        c.observe_all(unique.iter().map(|v| Some(v.as_str())), &mut memoized);
        for v in &unique {
            c.observe(v, &mut one_by_one);
        }
        assert_eq!(memoized, one_by_one);
    }

    #[test]
    fn starting_from_an_earlier_observer_changes_nothing_but_speed() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        // Unique at first (the memo gives up), then repeating.
        let values: Vec<String> = (0..3000)
            .map(|i| match i < 1500 {
                true => format!("user{i}@example.com"),
                false => ["jane@example.com", "open", "4111 1111 1111 1111"][i % 3].to_owned(),
            })
            .collect();
        let mut whole = c.new_state();
        c.observe_all(values.iter().map(|v| Some(v.as_str())), &mut whole);
        for start in [Repeats::default(), Repeats::DISTINCT] {
            let (mut parts, mut repeats) = (c.new_state(), start);
            for chunk in values.chunks(700) {
                let mut observer = c.observer_after(&mut parts, repeats);
                for v in chunk {
                    observer.push(Some(v));
                }
                repeats = observer.repeats();
            }
            assert_eq!(parts, whole);
        }
        let mut state = c.new_state();
        let mut observer = c.observer(&mut state);
        for v in &values[..1000] {
            observer.push(Some(v));
        }
        assert!(observer.repeats().unrepeated, "unique values turn the memo off");
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
    fn unknown_disabled_entity_is_a_config_error() {
        let err =
            Classifier::new(ClassifySettings { disabled: vec!["NOPE".into()], ..Default::default() }).unwrap_err();
        assert!(err.to_string().contains("NOPE"), "{err}");
    }
}
