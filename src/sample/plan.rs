//! Sampling plans, pure: which rows of an object to read so that a bounded
//! sample is spread across the whole object (data is often sorted, so the
//! head alone says little) while touching as few pages as possible.
//!
//! A Parquet sample is a few contiguous runs, one in each equal stratum of
//! the object, each placed at a seeded random offset: a run costs about one
//! page per column (writers cap pages near 20,000 rows or 1 MiB), so few long
//! runs read far less than many scattered rows. A run gets at least
//! [`MIN_RUN_ROWS`] rows: shorter runs would buy spread at the price of a
//! whole page each. The default 1,000-row sample is thus two runs, one in
//! each half; larger budgets spread over up to [`MAX_RUNS`] strata.
//! CSV has no index to seek by, so its sample is a seeded reservoir over the
//! streamed records.

use parquet::arrow::arrow_reader::{RowSelection, RowSelector};
use std::ops::Range;

/// Fewest rows worth a run of their own.
pub const MIN_RUN_ROWS: u64 = 500;
/// Most runs per Parquet object.
pub const MAX_RUNS: u64 = 8;

/// SplitMix64: small, fast, seedable; good enough to place samples.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`, decorrelated per object by `salt` (its path).
    pub fn new(seed: u64, salt: &str) -> Self {
        Rng(seed ^ xxhash_rust::xxh3::xxh3_64(salt.as_bytes()))
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

/// What to read from a Parquet object.
#[derive(Debug, Clone, PartialEq)]
pub struct ParquetPlan {
    /// Row groups to read, ascending.
    pub row_groups: Vec<usize>,
    /// Rows to keep within those row groups (`None`: all of them).
    pub selection: Option<RowSelection>,
    /// Rows that will be read.
    pub rows: u64,
    /// The same rows as runs within row groups, ascending (empty when
    /// every row is read).
    pub runs: Vec<Run>,
}

/// Consecutive rows of one row group.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Run {
    /// The row group.
    pub group: usize,
    /// The first row, counted within the row group.
    pub row: u64,
    /// Rows.
    pub len: u64,
}

/// Plans a sample of `budget` rows (`None`: every row) over row groups of the
/// given sizes.
pub fn parquet(row_group_rows: &[u64], budget: Option<u64>, rng: &mut Rng) -> ParquetPlan {
    let total: u64 = row_group_rows.iter().sum();
    let all = || ParquetPlan {
        row_groups: (0..row_group_rows.len()).collect(),
        selection: None,
        rows: total,
        runs: Vec::new(),
    };
    let Some(budget) = budget.filter(|b| *b < total) else {
        return all();
    };
    let runs = (budget / MIN_RUN_ROWS).clamp(2, MAX_RUNS).min(budget);
    let stratum = total / runs;
    // Absolute [start, end) of each run, one per stratum; lengths add up to the budget.
    let spans: Vec<(u64, u64)> = (0..runs)
        .map(|i| {
            let run_len = budget / runs + u64::from(i < budget % runs);
            let lo = i * stratum;
            let room = stratum.saturating_sub(run_len);
            let start = lo + if room > 0 { rng.below(room + 1) } else { 0 };
            (start, (start + run_len).min(total))
        })
        .collect();
    select(row_group_rows, &spans)
}

/// The plan that reads `spans` (ascending, disjoint `[start, end)` row
/// numbers of the object) from row groups of the given sizes: the row
/// groups they touch, a selection within them, and the same rows as runs.
fn select(row_group_rows: &[u64], spans: &[(u64, u64)]) -> ParquetPlan {
    let mut row_groups = Vec::new();
    let mut selectors = Vec::new();
    let mut runs = Vec::new();
    let mut rows = 0;
    let mut group_start = 0;
    let mut next = 0;
    for (g, &n) in row_group_rows.iter().enumerate() {
        let group_end = group_start + n;
        let mut cursor = group_start;
        let mut group_sel = Vec::new();
        while let Some(&(s, e)) = spans.get(next).filter(|(s, _)| *s < group_end) {
            let (s, e) = (s.max(group_start), e.min(group_end));
            if s < e {
                if s > cursor {
                    group_sel.push(RowSelector::skip((s - cursor) as usize));
                }
                group_sel.push(RowSelector::select((e - s) as usize));
                runs.push(Run { group: g, row: s - group_start, len: e - s });
                rows += e - s;
                cursor = e;
            }
            // A span that goes on into the next row group is kept for it.
            match spans[next].1 > group_end {
                true => break,
                false => next += 1,
            }
        }
        if !group_sel.is_empty() {
            if cursor < group_end {
                group_sel.push(RowSelector::skip((group_end - cursor) as usize));
            }
            row_groups.push(g);
            selectors.extend(group_sel);
        }
        group_start = group_end;
    }
    ParquetPlan { row_groups, selection: Some(RowSelection::from(selectors)), rows, runs }
}

/// `plan` without the rows a table deleted from the object (`deleted`:
/// ascending, disjoint ranges of row numbers), read through a row
/// selection: a sample keeps its places and loses only deleted rows, and a
/// full read reads every row but those.
pub fn excluding(plan: ParquetPlan, row_group_rows: &[u64], deleted: &[Range<u64>]) -> ParquetPlan {
    let starts = starts(row_group_rows);
    let wanted: Vec<(u64, u64)> = match plan.runs.is_empty() {
        true => plan.row_groups.iter().map(|&g| (starts[g], starts[g] + row_group_rows[g])).collect(),
        false => plan.runs.iter().map(|r| (starts[r.group] + r.row, starts[r.group] + r.row + r.len)).collect(),
    };
    let mut kept = Vec::new();
    let mut d = deleted.iter().peekable();
    for (mut s, e) in wanted {
        while s < e {
            while d.next_if(|r| r.end <= s).is_some() {}
            match d.peek() {
                Some(r) if r.start <= s => s = r.end.min(e),
                Some(r) if r.start < e => {
                    kept.push((s, r.start));
                    s = r.end.min(e);
                }
                _ => {
                    kept.push((s, e));
                    s = e;
                }
            }
        }
    }
    // Merge what touches (whole row groups read in a row).
    let mut merged: Vec<(u64, u64)> = Vec::with_capacity(kept.len());
    for (s, e) in kept {
        match merged.last_mut() {
            Some(last) if last.1 == s => last.1 = e,
            _ => merged.push((s, e)),
        }
    }
    ParquetPlan { runs: Vec::new(), ..select(row_group_rows, &merged) }
}

/// The row number in the object of each row group's first row.
fn starts(row_group_rows: &[u64]) -> Vec<u64> {
    row_group_rows
        .iter()
        .scan(0, |acc, n| {
            let s = *acc;
            *acc += n;
            Some(s)
        })
        .collect()
}

/// A seeded reservoir (Algorithm R): keeps a uniform sample of `capacity`
/// items from a stream of unknown length in bounded memory.
#[derive(Debug)]
pub struct Reservoir<T> {
    capacity: usize,
    seen: u64,
    items: Vec<T>,
    rng: Rng,
}

impl<T> Reservoir<T> {
    /// An empty reservoir.
    pub fn new(capacity: usize, rng: Rng) -> Self {
        Self { capacity, seen: 0, items: Vec::with_capacity(capacity.min(1 << 16)), rng }
    }

    /// Offers an item; `make` runs only when the item is kept.
    pub fn offer(&mut self, make: impl FnOnce() -> T) {
        self.seen += 1;
        if self.items.len() < self.capacity {
            self.items.push(make());
        } else {
            let j = self.rng.below(self.seen);
            if (j as usize) < self.capacity {
                self.items[j as usize] = make();
            }
        }
    }

    /// Items offered so far.
    pub fn seen(&self) -> u64 {
        self.seen
    }

    /// The sample.
    pub fn into_items(self) -> Vec<T> {
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selected(plan: &ParquetPlan, groups: &[u64]) -> Vec<u64> {
        // Absolute row numbers the plan selects.
        let starts = starts(groups);
        let mut rows: Vec<u64> = plan.row_groups.iter().flat_map(|&g| starts[g]..starts[g] + groups[g]).collect();
        if let Some(sel) = &plan.selection {
            let mut it = rows.into_iter();
            let mut out = Vec::new();
            for s in sel.iter() {
                let chunk: Vec<u64> = it.by_ref().take(s.row_count).collect();
                if !s.skip {
                    out.extend(chunk);
                }
            }
            rows = out;
        }
        rows
    }

    #[test]
    fn small_objects_are_read_whole() {
        let plan = parquet(&[100, 50], Some(1000), &mut Rng::new(1, "x"));
        assert_eq!((plan.row_groups, plan.selection, plan.rows, plan.runs), (vec![0, 1], None, 150, vec![]));
        assert_eq!(parquet(&[100], None, &mut Rng::new(1, "x")).rows, 100);
    }

    #[test]
    fn sample_is_bounded_spread_and_seeded() {
        let groups = [250_000u64; 8];
        for (budget, strata) in [(1000u64, 2u64), (2000, 4), (100_000, 8)] {
            let plan = parquet(&groups, Some(budget), &mut Rng::new(7, "a.parquet"));
            let rows = selected(&plan, &groups);
            assert_eq!(rows.len() as u64, plan.rows);
            assert_eq!(plan.rows, budget);
            assert_eq!(plan.runs.iter().map(|r| r.len).sum::<u64>(), budget);
            let starts: Vec<u64> = plan.runs.iter().map(|r| r.group as u64 * 250_000 + r.row).collect();
            assert!(starts.iter().all(|s| rows.contains(s)), "runs start on selected rows");
            let width = 2_000_000 / strata;
            for q in 0..strata {
                let (lo, hi) = (q * width, (q + 1) * width);
                assert_eq!(rows.iter().filter(|r| (lo..hi).contains(*r)).count() as u64, budget / strata, "{q}");
            }
            assert!(plan.row_groups.len() as u64 <= strata);
        }
        let plan = parquet(&groups, Some(1000), &mut Rng::new(7, "a.parquet"));
        assert_eq!(plan, parquet(&groups, Some(1000), &mut Rng::new(7, "a.parquet")));
        assert_ne!(plan, parquet(&groups, Some(1000), &mut Rng::new(7, "b.parquet")));
    }

    #[test]
    fn odd_budgets_are_exact() {
        for budget in [1, 3, 123, 1001] {
            let plan = parquet(&[100_000], Some(budget), &mut Rng::new(1, "x"));
            assert_eq!(plan.rows, budget);
        }
    }

    #[test]
    fn runs_crossing_row_groups_are_split() {
        let groups = [3u64; 40];
        let plan = parquet(&groups, Some(20), &mut Rng::new(3, "x"));
        assert_eq!(selected(&plan, &groups).len(), 20);
    }

    proptest::proptest! {
        /// Excluding deleted rows keeps exactly the plan's rows that were
        /// not deleted, for samples and full reads, any row groups.
        #[test]
        fn excluding_deleted_rows_keeps_the_rest(
            groups in proptest::collection::vec(0u64..400, 1..8),
            budget in proptest::option::of(1u64..2_000),
            deleted in proptest::collection::vec((0u64..3_000, 1u64..300), 0..12),
            seed: u64,
        ) {
            let total: u64 = groups.iter().sum();
            let mut set = std::collections::BTreeSet::new();
            for (start, len) in &deleted {
                set.extend(*start..(start + len).min(total));
            }
            let ranges = crate::source::table::ranges_of(set.iter().copied());
            let plan = parquet(&groups, budget, &mut Rng::new(seed, "x"));
            let want: Vec<u64> = selected(&plan, &groups).into_iter().filter(|r| !set.contains(r)).collect();
            let kept = excluding(plan, &groups, &ranges);
            let got = selected(&kept, &groups);
            proptest::prop_assert_eq!(&got, &want);
            proptest::prop_assert_eq!(kept.rows, want.len() as u64);
            proptest::prop_assert!(kept.runs.is_empty());
            let touched: std::collections::BTreeSet<usize> = kept.row_groups.iter().copied().collect();
            proptest::prop_assert_eq!(touched.len(), kept.row_groups.len());
        }
    }

    #[test]
    fn reservoir_is_uniform_enough() {
        let mut r = Reservoir::new(100, Rng::new(1, "r"));
        for i in 0..10_000u32 {
            r.offer(|| i);
        }
        let items = r.into_items();
        assert_eq!(items.len(), 100);
        let late = items.iter().filter(|&&i| i >= 5000).count();
        assert!((30..=70).contains(&late), "{late}");
    }
}
