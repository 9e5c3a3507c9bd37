//! Observing a column: its values through the engine in batches, their
//! outcomes into the column's state in the order the values came.
//!
//! The engine walks many values at once (its lanes overlap their cache
//! misses), so fresh values wait in a [`Batch`] until there are enough to
//! fill the lanes. Repeats of values seen earlier in the array are replayed
//! from the [`Memo`] instead, but wait in the same batch: a state's masked
//! examples are the first ones met, so outcomes are applied in value order
//! and a column's state does not depend on how its values were batched.

use super::engine::{NewScratch, Scratch, Storms};
use super::memo::{Event, Memo};
use super::state::millionths;
use super::{ALL_SLOTS, Classifier, ColumnState, Match, mask};
use regex_automata::util::pool::PoolGuard;
use std::ops::Range;

/// Fresh values classified together: enough to keep the engine's lanes
/// busy while values of different lengths finish at different times. No
/// more while the memo is on: a repeat of a value still waiting in the
/// batch is not found in it, and with 256 the memo gave up on a column of
/// names that repeat (ten times slower, benches/classify.rs).
const BATCH: usize = 64;
/// The same once the memo is off: nothing is replayed, and a batch's
/// fixed costs are shared by more values (3 % less CPU time in a `--full`
/// scan of the bench lake).
const UNREPEATED_BATCH: usize = 256;

/// Values waiting to be classified or replayed, in arrival order.
#[derive(Default)]
struct Batch {
    /// The trimmed values, one after another.
    text: String,
    entries: Vec<Entry>,
    fresh: usize,
    work: Work,
}

/// The fresh values' events, and buffers reused from batch to batch.
#[derive(Default)]
struct Work {
    /// The events of the whole pass, value after value, then those of the
    /// inside pass.
    events: Vec<Event>,
    /// Per fresh value, in order.
    outcomes: Vec<Outcome>,
    /// One value's matches, while its events are written.
    matches: Vec<Match>,
}

/// One value of a batch.
struct Entry {
    /// Its bytes in [`Batch::text`].
    text: Range<usize>,
    /// Its occurrences in a row.
    count: u64,
    /// Its events in the memo (a repeat), or its memo key (a fresh value).
    kind: Kind,
}

enum Kind {
    Replay(Range<usize>),
    Fresh(Option<u64>),
}

/// What a fresh value contributes: its events in [`Work::events`], from
/// each pass, and the slots it had as candidates and matched whole.
#[derive(Default)]
struct Outcome {
    candidates: u128,
    whole_hits: u128,
    early: Range<usize>,
    late: Range<usize>,
}

impl Outcome {
    /// Its events, the last one saying which slots matched it whole.
    fn events<'a>(&self, events: &'a [Event], overlap: &'a [Event; 1]) -> [&'a [Event]; 3] {
        [&events[self.early.clone()], &events[self.late.clone()], overlap]
    }
}

/// Feeds one column's values, in order, into its state: what
/// [`Classifier::observer`] returns. Values wait in batches; dropping the
/// observer classifies what still waits.
pub struct Observer<'a> {
    classifier: &'a Classifier,
    state: &'a mut ColumnState,
    scratch: PoolGuard<'a, Scratch, NewScratch>,
    memo: Memo,
    batch: Batch,
}

/// Whether a column repeats itself, as an observer of some of its values
/// found, and whether they storm the engine's automata (random tokens,
/// which the engine then reads through smaller ones): where the next
/// observer of the same column starts from (see
/// [`Classifier::observer_after`]). It changes how fast a column is
/// classified, never its state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Repeats {
    pub(crate) unrepeated: bool,
    pub(crate) storms: Storms,
}

impl Repeats {
    /// For values known to be distinct (a dictionary's entries).
    pub const DISTINCT: Repeats = Repeats { unrepeated: true, storms: Storms::CALM };
}

impl Observer<'_> {
    /// What it found so far of whether its column repeats itself, and of
    /// how its values fare in the automata.
    pub fn repeats(&self) -> Repeats {
        Repeats { unrepeated: self.memo.is_off(), storms: self.scratch.storms() }
    }

    /// Counts a value (`None`: a null) into the state.
    pub fn push(&mut self, value: Option<&str>) {
        self.push_counted(value, 1);
    }

    /// Counts `n` occurrences in a row of a value (`None`: a null) into the
    /// state, classifying it once: the state is the one `n` calls of
    /// [`Observer::push`] give. A dictionary-encoded column is observed this
    /// way, each distinct value with the number of rows that hold it.
    pub fn push_counted(&mut self, value: Option<&str>, n: u64) {
        let Self { classifier, state, scratch, memo, batch } = self;
        match value {
            _ if n == 0 => {}
            None => state.observe_nulls(n),
            Some(value) => {
                if classifier.push(value, n, state, batch, memo) {
                    classifier.flush(batch, state, scratch, memo);
                }
            }
        }
    }
}

impl Drop for Observer<'_> {
    fn drop(&mut self) {
        let Self { classifier, state, scratch, memo, batch } = self;
        classifier.flush(batch, state, scratch, memo);
    }
}

impl Classifier {
    /// An observer that classifies a column's values into `state`.
    ///
    /// Columns repeat themselves (statuses, countries, a customer's email on
    /// each of their orders): what a value contributed is kept, for up to
    /// [`MEMO_VALUES`](super::MEMO_VALUES) distinct values, and replayed for
    /// its repeats. A column whose first values hardly repeat stops keeping
    /// them.
    pub fn observer<'a>(&'a self, state: &'a mut ColumnState) -> Observer<'a> {
        self.observer_after(state, Repeats::default())
    }

    /// [`Classifier::observer`] for more values of a column that an earlier
    /// observer saw (an array after the array before it), starting from
    /// what that one found: a column whose values did not repeat keeps no
    /// memo from the first value on, rather than trying again on each array.
    pub fn observer_after<'a>(&'a self, state: &'a mut ColumnState, repeats: Repeats) -> Observer<'a> {
        let mut scratch = self.engine.scratch();
        scratch.set_storms(repeats.storms);
        let memo = if repeats.unrepeated { Memo::off() } else { Memo::default() };
        Observer { classifier: self, state, scratch, memo, batch: Batch::default() }
    }

    /// Classifies a column's values (`None`: a null) into `state`.
    pub fn observe_all<'v>(&self, values: impl IntoIterator<Item = Option<&'v str>>, state: &mut ColumnState) {
        let mut observer = self.observer(state);
        for v in values {
            observer.push(v);
        }
    }

    /// Classifies one non-null value into `state`.
    pub fn observe(&self, value: &str, state: &mut ColumnState) {
        self.observe_all([Some(value)], state);
    }

    /// Counts `n` occurrences of `value` and queues it, as a repeat when the
    /// memo holds it (or replays it at once when nothing waits before it);
    /// true when the batch is full.
    fn push(&self, value: &str, n: u64, state: &mut ColumnState, batch: &mut Batch, memo: &mut Memo) -> bool {
        let v = trim(value);
        let hash = xxhash_rust::xxh3::xxh3_64(v.as_bytes());
        state.observe_value(v.is_empty(), hash, n);
        if v.is_empty() {
            return false;
        }
        state.observe_shape(v, n);
        let key = memo.key(v, hash);
        let kind = match memo.get(v, key) {
            // Nothing waiting before it: replayed at once, not queued (the
            // usual case in a column that repeats itself).
            Some(events) if batch.entries.is_empty() => {
                self.apply(v, n, &memo.events[events], state);
                return false;
            }
            Some(events) => Kind::Replay(events),
            None => {
                batch.fresh += 1;
                Kind::Fresh(key)
            }
        };
        let start = batch.text.len();
        batch.text.push_str(v);
        batch.entries.push(Entry { text: start..batch.text.len(), count: n, kind });
        batch.fresh == if memo.is_off() { UNREPEATED_BATCH } else { BATCH }
    }

    /// Classifies the batch's fresh values, applies every value's events to
    /// `state` in order, and keeps the fresh ones' in the memo.
    fn flush(&self, batch: &mut Batch, state: &mut ColumnState, scratch: &mut Scratch, memo: &mut Memo) {
        let Batch { text, entries, work, .. } = batch;
        let values: Vec<&str> =
            entries.iter().filter(|e| matches!(e.kind, Kind::Fresh(_))).map(|e| &text[e.text.clone()]).collect();
        if !values.is_empty() {
            self.classify(&values, scratch, work);
        }
        let mut outcomes = work.outcomes.iter();
        for e in entries.iter() {
            let v = &text[e.text.clone()];
            match &e.kind {
                Kind::Replay(r) => self.apply(v, e.count, &memo.events[r.clone()], state),
                Kind::Fresh(_) => {
                    let outcome = outcomes.next().expect("an outcome per fresh value");
                    let overlap = [Event::Overlap(outcome.whole_hits)];
                    for part in outcome.events(&work.events, &overlap) {
                        self.apply(v, e.count, part, state);
                    }
                }
            }
        }
        // A memo that gave up keeps nothing more: its values are not
        // offered to it (a call per value was 1.3 % of a full scan).
        if !memo.is_off() {
            let keys = entries.iter().filter_map(|e| match e.kind {
                Kind::Fresh(key) => Some(key),
                Kind::Replay(_) => None,
            });
            for ((key, v), outcome) in keys.zip(values).zip(&work.outcomes) {
                memo.keep(v, key, outcome.events(&work.events, &[Event::Overlap(outcome.whole_hits)]));
            }
        }
        text.clear();
        entries.clear();
        batch.fresh = 0;
    }

    /// What each of the trimmed, non-empty `values` contributes: an
    /// [`Outcome`] each in `work.outcomes`, their events in `work.events`.
    ///
    /// A value that a recognizer validates whole is that entity (an email
    /// address, a card number), and what else its text holds is a piece of
    /// it: the inside search, the costlier of the engine's two passes, only
    /// runs on values that no recognizer takes whole.
    fn classify(&self, values: &[&str], scratch: &mut Scratch, work: &mut Work) {
        let Work { events, outcomes, matches } = work;
        events.clear();
        outcomes.clear();
        let whole = self.engine.whole(values, scratch);
        outcomes.resize_with(values.len(), Outcome::default);
        for (i, (v, outcome)) in values.iter().zip(outcomes.iter_mut()).enumerate() {
            let start = events.len();
            for &(slot, _) in whole.of(i) {
                events.push(Event::Candidate(slot as u8));
                outcome.candidates |= 1 << slot;
            }
            matches.clear();
            self.whole_matches(v, whole.of(i), ALL_SLOTS, matches);
            for m in matches.iter() {
                outcome.whole_hits |= 1 << m.slot;
                events.push(event(m));
            }
            outcome.early = start..events.len();
        }
        scratch.recycle(whole);
        let needing: Vec<&str> =
            values.iter().zip(outcomes.iter()).filter(|(_, o)| o.whole_hits == 0).map(|(v, _)| *v).collect();
        if needing.is_empty() {
            return;
        }
        let inside = self.engine.inside(&needing, scratch);
        let needing = values.iter().zip(outcomes.iter_mut()).filter(|(_, o)| o.whole_hits == 0);
        for (i, (v, outcome)) in needing.enumerate() {
            let start = events.len();
            for &(slot, _) in inside.of(i) {
                if outcome.candidates & (1 << slot) == 0 {
                    events.push(Event::Candidate(slot as u8));
                }
            }
            matches.clear();
            self.inside_matches(v, inside.of(i), ALL_SLOTS, scratch, matches);
            // A value counts once per recognizer, by its strongest match
            // (they come strongest first).
            let mut counted = 0u128;
            for m in matches.iter() {
                if counted & (1 << m.slot) == 0 {
                    counted |= 1 << m.slot;
                    events.push(event(m));
                }
            }
            outcome.late = start..events.len();
        }
        scratch.recycle(inside);
    }

    /// Adds the events of `n` occurrences of the trimmed value `v` to `state`.
    fn apply(&self, v: &str, n: u64, events: &[Event], state: &mut ColumnState) {
        for &e in events {
            match e {
                Event::Candidate(slot) => state.entities[usize::from(slot)].candidates += n,
                Event::Match { slot, pattern, near, start, end, score } => {
                    let stats = &mut state.entities[usize::from(slot)];
                    stats.nearby += u64::from(near) * n;
                    let whole = start == 0 && end == offset(v.len());
                    let entity = self.recognizers[usize::from(slot)].entity;
                    let text = v.get(start as usize..end as usize).unwrap_or_default();
                    stats.record(usize::from(pattern), whole, score, n, || mask::mask(entity, text));
                }
                Event::Overlap(slots) => state.record_overlap(slots, n),
            }
        }
    }
}

/// `value` without the whitespace around it, as [`str::trim`] cuts it:
/// when it starts and ends with a printable ASCII character (most values),
/// there is none, and no character is decoded to find that out.
fn trim(value: &str) -> &str {
    match value.as_bytes() {
        [first, .., last] | [first @ last] if first.is_ascii_graphic() && last.is_ascii_graphic() => value,
        _ => value.trim(),
    }
}

/// The event of a match.
fn event(m: &Match) -> Event {
    let (slot, pattern, near) = (m.slot as u8, m.pattern as u8, m.near.is_some());
    Event::Match {
        slot,
        pattern,
        near,
        start: offset(m.span.start),
        end: offset(m.span.end),
        score: millionths(m.score),
    }
}

/// A byte offset in a value as events hold it: values past 4 GiB are cut
/// there (no column cell is that long; an example of one would be empty).
fn offset(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

#[cfg(test)]
impl Classifier {
    /// Each of the trimmed, non-empty `values`' events as the batched path
    /// writes them, for the differential tests.
    pub(super) fn batched_events(&self, values: &[&str]) -> Vec<Vec<Event>> {
        let mut scratch = self.engine.scratch();
        let mut work = Work::default();
        let mut out = Vec::new();
        for chunk in values.chunks(BATCH) {
            self.classify(chunk, &mut scratch, &mut work);
            for o in &work.outcomes {
                out.push(o.events(&work.events, &[Event::Overlap(o.whole_hits)]).concat());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]
        #[test]
        fn trimming_is_str_trim(s in "[ \t\na-z\u{a0}\u{85}\u{2003}\u{3000}é]{0,12}|\\PC{0,12}") {
            proptest::prop_assert_eq!(super::trim(&s), s.trim());
        }
    }
}
