//! Replaying repeats: columns repeat themselves (statuses, countries, a
//! customer's email on each of their orders), so what a short value
//! contributed to a column's state is kept, as events, and replayed for the
//! value's next occurrences in the same array instead of classifying it again.

use super::state::PreHashed;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

/// Distinct values whose outcome an array keeps for their repeats.
pub const MEMO_VALUES: usize = 4096;
/// Longer values (free text) rarely repeat and are not kept.
const MEMO_MAX_LEN: usize = 64;

/// What one value contributed to a column's state; small and plain, as
/// they are written and read by the million (slots and pattern numbers fit
/// a byte: a classifier holds at most 128 recognizers of at most 64
/// patterns, checked when it is built).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Event {
    /// The recognizer in this slot had a candidate.
    Candidate(u8),
    /// ... and this validated match (`start..end` in the value), its
    /// score in millionths (see [`EntityStats::score_sum`](super::EntityStats::score_sum)).
    Match { slot: u8, pattern: u8, near: bool, start: u32, end: u32, score: u32 },
    /// The slots that matched the value whole.
    Overlap(u128),
}

/// The outcomes of an array's values so far, by value.
#[derive(Default)]
pub(super) struct Memo {
    /// Value hash → (value's bytes in `text`, its events in `events`).
    index: HashMap<u64, (std::ops::Range<usize>, std::ops::Range<usize>), BuildHasherDefault<PreHashed>>,
    text: String,
    pub(super) events: Vec<Event>,
    looked_up: u32,
    found: u32,
    off: bool,
}

impl Memo {
    /// The key of `v` (whose hash is `hash`) in the memo, or `None` when `v`
    /// is not to be kept (too long, or the memo is off).
    pub(super) fn key(&self, v: &str, hash: u64) -> Option<u64> {
        (!self.off && v.len() <= MEMO_MAX_LEN).then_some(hash)
    }

    /// A memo for a column already found not to repeat itself: it keeps
    /// nothing.
    pub(super) fn off() -> Self {
        Memo { off: true, ..Memo::default() }
    }

    /// Whether it stopped keeping values (or never kept any).
    pub(super) fn is_off(&self) -> bool {
        self.off
    }

    /// Where the events of an earlier `v` are in [`Memo::events`], if kept.
    pub(super) fn get(&mut self, v: &str, key: Option<u64>) -> Option<std::ops::Range<usize>> {
        let key = key?;
        self.looked_up += 1;
        let (text, events) = self.index.get(&key)?;
        (&self.text[text.clone()] == v).then(|| {
            self.found += 1;
            events.clone()
        })
    }

    /// Keeps `v`'s events (in parts) for its repeats, unless the memo is
    /// full, holds it already (twice in one batch), or the array does not
    /// repeat itself.
    pub(super) fn keep(&mut self, v: &str, key: Option<u64>, events: [&[Event]; 3]) {
        if !self.off && self.looked_up >= 512 && self.found * 4 < self.looked_up {
            // Fewer than one value in four repeats: keeping them costs more
            // than replaying saves (measured on benches/classify.rs).
            *self = Memo::off();
            return;
        }
        let Some(key) = key.filter(|k| !self.off && self.index.len() < MEMO_VALUES && !self.index.contains_key(k))
        else {
            return;
        };
        let text = self.text.len()..self.text.len() + v.len();
        self.text.push_str(v);
        let start = self.events.len();
        for part in events {
            self.events.extend_from_slice(part);
        }
        self.index.insert(key, (text, start..self.events.len()));
    }
}
