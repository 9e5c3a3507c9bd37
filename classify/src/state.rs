//! Per-column classification state: counts that partial scans can merge in
//! any order (row groups, objects, threads), like an aggregate accumulator.

use std::collections::{BTreeMap, BinaryHeap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// Masked examples kept per column and entity.
const MAX_EXAMPLES: usize = 3;
/// Matched values among which examples are looked for: a short identifier
/// masks to the same stars every time (`*** *** ****`), and masking each
/// of its values in search of a second example cost a quarter of a column's
/// classification.
const EXAMPLE_TRIES: u64 = 64;

/// What one recognizer saw in one column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EntityStats {
    /// Values with at least one pattern match, valid or not.
    pub candidates: u64,
    /// Values with at least one validated match.
    pub matched: u64,
    /// Values that are, as a whole, one validated match.
    pub whole: u64,
    /// Matched values whose match had a context word nearby.
    pub nearby: u64,
    /// Sum over matched values of their best match's score, in millionths:
    /// integers add up exactly, so a sum does not depend on the order of
    /// merges nor on whether a repeated value was counted once per
    /// occurrence or once with its count.
    pub score_sum: u64,
    /// Matched values per pattern (by the pattern of their best match).
    pub by_pattern: Vec<u64>,
    /// Up to three (`MAX_EXAMPLES`) distinct masked examples.
    pub examples: Vec<String>,
}

/// A score in [0, 1] as the millionths [`EntityStats::score_sum`] adds,
/// to the nearest (adding a half and truncating: no call to `round`).
pub(crate) fn millionths(score: f64) -> u32 {
    (score.clamp(0.0, 1.0) * 1e6 + 0.5) as u32
}

impl EntityStats {
    /// Records the best validated match of `n` occurrences of one value,
    /// its score in millionths; `masked` runs only while examples are
    /// still wanted, among the first 64 matches.
    pub fn record(&mut self, pattern: usize, whole: bool, score: u32, n: u64, masked: impl FnOnce() -> String) {
        let first = self.matched + 1;
        self.matched += n;
        self.whole += u64::from(whole) * n;
        self.score_sum += u64::from(score) * n;
        if self.by_pattern.len() <= pattern {
            self.by_pattern.resize(pattern + 1, 0);
        }
        self.by_pattern[pattern] += n;
        // Its repeats would mask to the same example: only the first
        // occurrence counts as a try.
        if self.examples.len() < MAX_EXAMPLES && first <= EXAMPLE_TRIES {
            let m = masked();
            if !self.examples.contains(&m) {
                self.examples.push(m);
            }
        }
    }

    /// The mean score of the matched values; `None` before any.
    pub fn mean_score(&self) -> Option<f64> {
        (self.matched > 0).then(|| self.score_sum as f64 / 1e6 / self.matched as f64)
    }

    fn merge(&mut self, other: &EntityStats) {
        self.candidates += other.candidates;
        self.matched += other.matched;
        self.whole += other.whole;
        self.nearby += other.nearby;
        self.score_sum += other.score_sum;
        if self.by_pattern.len() < other.by_pattern.len() {
            self.by_pattern.resize(other.by_pattern.len(), 0);
        }
        for (a, b) in self.by_pattern.iter_mut().zip(&other.by_pattern) {
            *a += b;
        }
        for e in &other.examples {
            if self.examples.len() < MAX_EXAMPLES && !self.examples.contains(e) {
                self.examples.push(e.clone());
            }
        }
    }
}

/// Values per column state whose shape is measured.
const SHAPE_VALUES: u64 = 256;

/// The shape of a column's first informative values (up to 256 per state):
/// short values or prose, for anonymization's column decisions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Values measured.
    pub values: u64,
    /// Their words (runs between spaces).
    pub words: u64,
    /// Their bytes, trimmed.
    pub bytes: u64,
}

impl Shape {
    /// Folds `other` in.
    pub fn merge(&mut self, other: &Shape) {
        self.values += other.values;
        self.words += other.words;
        self.bytes += other.bytes;
    }

    /// Mean words and bytes per value; `None` before any value.
    pub fn per_value(&self) -> Option<(f64, f64)> {
        let n = self.values as f64;
        (self.values > 0).then(|| (self.words as f64 / n, self.bytes as f64 / n))
    }
}

/// Everything classification learned about one column.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnState {
    /// Values looked at, nulls included.
    pub sampled: u64,
    /// Null values.
    pub nulls: u64,
    /// Empty or blank values.
    pub empty: u64,
    /// The shape of its first informative values.
    pub shape: Shape,
    /// Distinct non-null values.
    pub distinct: DistinctSketch,
    /// One slot per compiled recognizer, in the classifier's order.
    pub entities: Vec<EntityStats>,
    /// Values that several recognizers matched whole, by the set of their slots.
    pub overlaps: BTreeMap<u128, u64>,
}

impl ColumnState {
    /// An empty state for `slots` recognizers.
    pub fn new(slots: usize) -> Self {
        Self {
            sampled: 0,
            nulls: 0,
            empty: 0,
            shape: Shape::default(),
            distinct: DistinctSketch::default(),
            entities: vec![EntityStats::default(); slots],
            overlaps: BTreeMap::new(),
        }
    }

    /// Counts `n` nulls.
    pub fn observe_nulls(&mut self, n: u64) {
        self.sampled += n;
        self.nulls += n;
    }

    /// Counts `n` occurrences of a non-null value (before any recognizer
    /// looks at it): whether it is blank, and the hash of its trimmed text
    /// (values that differ only in surrounding blanks are one distinct value).
    pub fn observe_value(&mut self, blank: bool, hash: u64, n: u64) {
        self.sampled += n;
        self.empty += u64::from(blank) * n;
        self.distinct.insert_hash(hash);
    }

    /// Measures `n` occurrences of an informative (trimmed) value while
    /// fewer than 256 were: enough for a column's shape, at no cost after.
    pub fn observe_shape(&mut self, value: &str, n: u64) {
        let k = n.min(SHAPE_VALUES - self.shape.values.min(SHAPE_VALUES));
        if k > 0 {
            self.shape.values += k;
            self.shape.words += (memchr::memchr_iter(b' ', value.as_bytes()).count() as u64 + 1) * k;
            self.shape.bytes += value.len() as u64 * k;
        }
    }

    /// Records the set of recognizer slots (a bit each) that matched `n`
    /// occurrences of one value whole.
    pub fn record_overlap(&mut self, slots: u128, n: u64) {
        if slots.count_ones() >= 2 {
            *self.overlaps.entry(slots).or_default() += n;
        }
    }

    /// Values that both slots matched whole.
    pub fn overlap(&self, a: usize, b: usize) -> u64 {
        let both = (1u128 << a) | (1u128 << b);
        self.overlaps.iter().filter(|(k, _)| *k & both == both).map(|(_, v)| v).sum()
    }

    /// Values that carry information: neither null nor blank.
    pub fn informative(&self) -> u64 {
        self.sampled - self.nulls - self.empty
    }

    /// Folds `other` into `self`; the order of merges does not matter.
    pub fn merge(&mut self, other: &ColumnState) {
        self.sampled += other.sampled;
        self.nulls += other.nulls;
        self.empty += other.empty;
        self.shape.merge(&other.shape);
        self.distinct.merge(&other.distinct);
        for (a, b) in self.entities.iter_mut().zip(&other.entities) {
            a.merge(b);
        }
        for (k, v) in &other.overlaps {
            *self.overlaps.entry(*k).or_default() += v;
        }
    }
}

/// Folds per-column states into a map keyed by column path.
pub fn merge_columns(into: &mut BTreeMap<String, ColumnState>, part: impl IntoIterator<Item = (String, ColumnState)>) {
    for (path, state) in part {
        match into.get_mut(&path) {
            Some(s) => s.merge(&state),
            None => {
                into.insert(path, state);
            }
        }
    }
}

/// Distinct-count sketch: the K smallest hashes seen (a KMV sketch). Exact
/// below K distinct values, within a few percent above, mergeable.
///
/// The hashes sit in a max-heap (the largest is the one to evict) with a
/// hash set beside it for duplicates: both O(1) or O(log K) per value, where
/// an ordered tree cost more than the classifier's own pass on short values.
#[derive(Debug, Clone, Default)]
pub struct DistinctSketch {
    heap: BinaryHeap<u64>,
    members: HashSet<u64, BuildHasherDefault<PreHashed>>,
}

impl PartialEq for DistinctSketch {
    fn eq(&self, other: &Self) -> bool {
        self.members == other.members
    }
}

/// The identity hasher for keys that are already hashes.
#[derive(Debug, Default)]
pub(crate) struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = bytes.iter().fold(self.0, |h, &b| h.rotate_left(8) ^ u64::from(b));
    }
    fn write_u64(&mut self, h: u64) {
        self.0 = h;
    }
}

impl DistinctSketch {
    const K: usize = 1024;

    /// Adds a value by its xxh3 hash.
    pub fn insert_hash(&mut self, h: u64) {
        if self.heap.len() < Self::K {
            if self.members.insert(h) {
                self.heap.push(h);
            }
        } else if h < *self.heap.peek().expect("K > 0") && self.members.insert(h) {
            let evicted = self.heap.pop().expect("K > 0");
            self.members.remove(&evicted);
            self.heap.push(h);
        }
    }

    /// Estimated number of distinct values.
    pub fn estimate(&self) -> u64 {
        if self.heap.len() < Self::K {
            return self.heap.len() as u64;
        }
        let kth = *self.heap.peek().expect("K > 0") as f64 / u64::MAX as f64;
        ((Self::K - 1) as f64 / kth).round() as u64
    }

    /// Folds `other` into `self`.
    pub fn merge(&mut self, other: &DistinctSketch) {
        for &h in &other.heap {
            self.insert_hash(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sketch_is_exact_when_small_and_close_when_large() {
        let mut s = DistinctSketch::default();
        for i in 0..500 {
            s.insert_hash(xxhash_rust::xxh3::xxh3_64(format!("v{}", i % 100).as_bytes()));
        }
        assert_eq!(s.estimate(), 100);
        let mut big = DistinctSketch::default();
        for i in 0..200_000 {
            big.insert_hash(xxhash_rust::xxh3::xxh3_64(format!("v{i}").as_bytes()));
        }
        let e = big.estimate() as f64;
        assert!((e - 200_000.0).abs() / 200_000.0 < 0.1, "{e}");
    }

    #[test]
    fn merge_equals_single_pass() {
        let values: Vec<String> = (0..5000).map(|i| format!("x{}", i % 3000)).collect();
        let (mut one, mut a, mut b) = (ColumnState::new(2), ColumnState::new(2), ColumnState::new(2));
        for (i, v) in values.iter().enumerate() {
            let h = xxhash_rust::xxh3::xxh3_64(v.as_bytes());
            one.observe_value(false, h, 1);
            one.entities[1].record(0, true, 500_000, 1, || "m".into());
            let part = if i % 2 == 0 { &mut a } else { &mut b };
            part.observe_value(false, h, 1);
            part.entities[1].record(0, true, 500_000, 1, || "m".into());
        }
        one.record_overlap(0b11, 1);
        b.record_overlap(0b11, 1);
        a.merge(&b);
        assert_eq!(a, one);
        assert_eq!(a.overlap(0, 1), 1);
    }
}
