//! The multi-pattern engine: every pattern of the catalog in two automata.
//!
//! Running each recognizer's regexes one after another costs a search setup
//! per pattern per value, which dominates on short values. Instead every
//! pattern is compiled into two multi-pattern lazy DFAs (regex-automata's
//! hybrid DFA, used directly: the meta regex around it spends a tenth of the
//! time filling and reading a pattern set):
//! - the *whole* automaton holds each pattern anchored at both ends of the
//!   value. Its pass says which patterns match the value whole. A structured value
//!   (an email, a card number) is usually one of these, and then it is that
//!   entity: nothing inside it is looked for.
//! - the *inside* automaton holds the patterns as written, searched
//!   anywhere; its pass says which occur in a value (often none), and only
//!   those are searched again, alone, to locate them.
//!
//! Each comes in two versions: values without any of the [`KEY_BYTES`] go
//! through automata that leave out the patterns needing one.
//!
//! Word boundaries (`\b`) are ASCII ones, whatever the pattern says: see
//! [`ascii_boundaries`]. The automata see every non-ASCII character a
//! pattern accepts as "any non-ASCII character" (see [`coarse`]), which
//! halves their alphabet; what they find in non-ASCII text is confirmed by
//! the exact patterns.
//!
//! A walk is a chain of dependent loads (each state's row names the next),
//! and with thousands of states learned the rows do not stay in the core's
//! cache: one value at a time, each byte waits out a cache miss. So values
//! are walked [`LANES`] at a time, a few bytes of each in turn, and the
//! misses of the lanes overlap: walking the short values of
//! benches/classify.rs alone, the whole pass went from 95 to 71 ns a value
//! and the inside pass from about 130 to 100. A lane reads up to [`STEPS`]
//! bytes a turn while they stay on the fast path: switching lanes at every
//! byte cost more than it hid (a `--full` scan of the bench lake took about
//! 9 % less CPU time with eight bytes a turn than with one; the bench
//! lake's columns one by one 6 % less).
//!
//! Values that make the automata learn a state at nearly every byte
//! (random tokens, ciphertexts, base64: every offset starts a different mix
//! of partial matches) turn a lazy DFA into a slow compiler: 2,500 such
//! values a second, where warm automata take millions. A walk that makes
//! its cache grow past a budget ([`STORM_BASE`], [`STORM_PER_VALUE`]) stops,
//! and so do the column's next values, more of them after each storm
//! ([`Backoff`]), before the automata are tried again. Those values go
//! through smaller automata: the whole pass pattern by pattern (anchored,
//! each dies within a few bytes), the inside pass through groups of
//! [`GROUP`] patterns, most of which stay small on random text; a group
//! that storms in turn goes pattern by pattern for a while. 84,000
//! ciphertexts a second so, 40,000 pattern by pattern only. Either way the
//! answers are the same.
//!
//! Measured alternatives (benches/classify.rs): one automaton holding both
//! forms of every pattern made every value pay for the inside search;
//! trying each hit pattern anchored costs a search per hit (15 % slower);
//! the meta regex's pattern-set search was 10 % slower than the lazy DFA's
//! own overlapping search, which in turn does per-match work that a plain
//! walk of the DFA's states avoids; joining an array's values into one
//! haystack gained nothing. The automata have many states to learn, so their
//! lazy DFAs get large caches, kept warm per thread in a pool: built cold
//! for every array, the determinization alone made them ten times slower.

use super::matching::ascii_boundaries;
use crate::{Error, Result};
use regex_automata::hybrid::LazyStateID;
use regex_automata::hybrid::dfa as lazy;
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::{Pool, PoolGuard};
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, MatchKind};
use regex_syntax::hir::{Hir, Look};
use std::sync::Arc;

/// Makes a thread's [`Scratch`].
pub(super) type NewScratch =
    Box<dyn Fn() -> Scratch + Send + Sync + std::panic::RefUnwindSafe + std::panic::UnwindSafe>;

/// Bytes some patterns cannot match without (`@` of an email address, `:`
/// of an IPv6 address or a URL, `=` of a `password=`). Most values hold
/// none of them, and those are walked through automata without such
/// patterns, whose states are fewer: an email's local part alone kept the
/// whole pass alive along most values.
const KEY_BYTES: &[u8; 3] = b"@:=";
/// The automaton of a pair (see [`Engine::whole`]) for values with a key
/// byte, and the one for values without.
const KEYED: usize = 0;
const PLAIN: usize = 1;

/// The compiled patterns of a list of recognizers.
#[derive(Debug)]
pub(super) struct Engine {
    /// Pattern `k` anchored at both ends of the value, by [`KEYED`] and
    /// [`PLAIN`] values.
    whole: [Arc<lazy::DFA>; 2],
    /// Pattern `k` as written, for the same two kinds of value.
    inside: [Arc<lazy::DFA>; 2],
    /// Each pattern alone, to find its spans inside longer text.
    finders: Vec<Regex>,
    /// The patterns as written, [`GROUP`] at a time, each group an
    /// automaton of its own: the inside pass after a storm (see the
    /// module's docs).
    groups: Vec<Arc<lazy::DFA>>,
    /// For each pattern `k`: (recognizer slot, pattern index in it).
    owners: Vec<(usize, usize)>,
    /// Each pattern alone anchored at both ends, exact: to confirm the
    /// automata's whole matches of a `widened` one on non-ASCII text, and
    /// for the whole pass pattern by pattern.
    wholes: Vec<Regex>,
    /// Whether the automata hold a wider version of pattern `k` (see
    /// [`coarse`]): on non-ASCII text their matches of it are only
    /// candidates.
    widened: Vec<bool>,
    /// Search state per thread. A lazy DFA learns its states as it reads, so
    /// a cache is reused from one array to the next rather than rebuilt cold.
    scratches: Pool<Scratch, NewScratch>,
    /// The cache growth a walk may cause, in bytes: this much, plus this
    /// much per value walked (see [`STORM_BASE`]).
    storm_budget: [usize; 2],
}

/// Per-thread search state; one per worker, reused across values.
#[derive(Debug)]
pub(super) struct Scratch {
    /// Caches of [`Engine::whole`] and [`Engine::inside`], in their order.
    whole_caches: [lazy::Cache; 2],
    inside_caches: [lazy::Cache; 2],
    finder_caches: Vec<Option<meta::Cache>>,
    /// Caches of [`Engine::groups`], and how each fared.
    group_caches: Vec<lazy::Cache>,
    group_storms: Vec<Backoff>,
    hits: Hits,
    /// Per value walked, a bitset of words: bit `k`, pattern `k` matched.
    seen: Vec<u64>,
    /// The values of a pass for the [`KEYED`] and the [`PLAIN`] automata.
    order: [Vec<usize>; 2],
    /// How the automata fared on the values of late.
    storms: Storms,
}

/// Per [`Pass`], how its automata fared on the values of late (see
/// [`Backoff`]): an observer keeps its column's across arrays.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Storms([Backoff; 2]);

impl Storms {
    /// No storm seen.
    pub(super) const CALM: Storms = Storms([Backoff { grown: 0, values: 0, skip: 0, next_skip: 0 }; 2]);

    /// Whether a pass is backing off after a storm.
    #[cfg(test)]
    pub(super) fn stormed(&self) -> bool {
        self.0.iter().any(|b| b.next_skip > 0)
    }
}

impl Scratch {
    /// How the automata fared on the values walked since
    /// [`Scratch::set_storms`].
    pub(super) fn storms(&self) -> Storms {
        self.storms
    }

    /// Walks the next values as after values that fared as `storms` says
    /// (another column's values, or an earlier array's of the same).
    pub(super) fn set_storms(&mut self, storms: Storms) {
        self.storms = storms;
    }

    /// Hands back what [`Engine::whole`] or [`Engine::inside`] returned,
    /// for the next values.
    pub(super) fn recycle(&mut self, mut hits: Hits) {
        hits.found.clear();
        hits.ends.clear();
        self.hits = hits;
    }
}

/// What one pass found in each of a list of values.
#[derive(Debug, Default)]
pub(super) struct Hits {
    /// (recognizer slot, bit per pattern), value after value.
    found: Vec<(usize, u64)>,
    /// Where each value's entries in `found` end.
    ends: Vec<usize>,
}

impl Hits {
    /// What the pass found in the `i`th value: (recognizer slot, bit per
    /// pattern) in slot order.
    pub(super) fn of(&self, i: usize) -> &[(usize, u64)] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.found[start..self.ends[i]]
    }
}

/// Cache growth (bytes) a pass's walks may cause over the values of late,
/// plus [`STORM_PER_VALUE`] per value, before it is a storm (see the
/// module's docs). Measured cold: generated emails, names, IP addresses or
/// sentences grow the caches by 20-110 KB in all, UUIDs by 2.2 MB over
/// 60,000 values (at most 400 KB in a walk); ciphertexts (`{enc:...}`) by
/// 40 KB a value and more, never fewer.
const STORM_BASE: usize = 1 << 20;
/// See [`STORM_BASE`].
const STORM_PER_VALUE: usize = 2 << 10;
/// Values walked without a storm after which a pass is calm again.
const STORM_WINDOW: usize = 1 << 14;
/// Fewest and most values a storm sends pattern by pattern before the
/// automata are tried again.
const SKIP: [usize; 2] = [256, 1 << 16];
/// Patterns per automaton of the inside pass after a storm.
const GROUP: usize = 12;
/// The storm budget of one of those automata, as [`STORM_BASE`] and
/// [`STORM_PER_VALUE`].
const GROUP_BUDGET: [usize; 2] = [256 << 10, 1 << 10];

/// How a pass's automata fared on the values of late: the cache growth
/// its walks caused over how many values, and after a storm how many
/// values go pattern by pattern before the automata are tried again (twice
/// as many after each storm, up to [`SKIP`]; [`STORM_WINDOW`] values
/// without one start over).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Backoff {
    grown: usize,
    values: usize,
    skip: usize,
    next_skip: usize,
}

impl Backoff {
    fn storm(&mut self) {
        self.next_skip = (self.next_skip * 2).clamp(SKIP[0], SKIP[1]);
        (self.skip, self.grown, self.values) = (self.next_skip, 0, 0);
    }

    /// Whether a walk so far of `values` that grew the cache by `grown`
    /// bytes takes the pass to its `budget` (a budget of nothing: always).
    fn over(&self, grown: usize, values: usize, [base, per_value]: [usize; 2]) -> bool {
        self.grown + grown >= base + per_value * (self.values + values)
    }

    /// Counts a finished walk (see [`Backoff::over`]); over the budget, it
    /// is a storm for the passes after it.
    fn count(&mut self, grown: usize, values: usize, budget: [usize; 2]) {
        if self.over(grown, values, budget) {
            self.storm();
        } else {
            (self.grown, self.values) = (self.grown + grown, self.values + values);
            if self.values >= STORM_WINDOW {
                *self = Backoff::default();
            }
        }
    }
}

/// Values walked through an automaton at once (see the module's docs).
const LANES: usize = 8;
/// Bytes a lane reads on the fast path in one turn (see the module's docs).
const STEPS: usize = 8;

/// Patterns per recognizer that a bitmask of [`Hits`] can hold.
pub(super) const MAX_PATTERNS: usize = 64;

/// How a walk of many values ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Walked {
    Done,
    /// The DFA cleared its cache mid-walk (see [`Engine::walk`]).
    Cleared,
    /// The cache grew past the pass's budget (see [`STORM_BASE`]).
    Storm,
}

/// Which of the two automata.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pass {
    Whole,
    Inside,
}

impl Engine {
    /// Compiles `patterns[slot]`, the regexes of each recognizer slot.
    pub(super) fn new<'a>(patterns: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>) -> Result<Self> {
        Self::with_caches(patterns, [16 << 20, 64 << 20], [STORM_BASE, STORM_PER_VALUE])
    }

    /// [`Engine::new`] with these cache capacities (bytes) for the whole
    /// and the inside automata (the lazy DFA's minimum if smaller), and
    /// this storm budget.
    fn with_caches<'a>(
        patterns: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>,
        [whole_cache, inside_cache]: [usize; 2],
        storm_budget: [usize; 2],
    ) -> Result<Self> {
        let parse = |name: &str, p: &str| {
            regex_syntax::ParserBuilder::new()
                .build()
                .parse(p)
                .map_err(|e| Error::Config(format!("recognizer {name}: invalid pattern: {e}")))
        };
        let mut owners = Vec::new();
        let mut hirs = Vec::new();

        for (slot, (name, regexes)) in patterns.into_iter().enumerate() {
            if regexes.len() > MAX_PATTERNS {
                return Err(Error::Config(format!("recognizer {name}: more than {MAX_PATTERNS} patterns")));
            }
            for (i, p) in regexes.into_iter().enumerate() {
                let hir = ascii_boundaries(&parse(name, p)?);
                if hir.properties().minimum_len() == Some(0) {
                    return Err(Error::Config(format!("recognizer {name}: pattern '{p}' matches empty text")));
                }
                let whole = Hir::concat(vec![Hir::look(Look::Start), hir.clone(), Hir::look(Look::End)]);
                hirs.push(hir);
                hirs.push(whole);
                owners.push((slot, i));
            }
        }
        let internal = |e: &dyn std::fmt::Display| Error::Internal(format!("compiling the recognizer patterns: {e}"));
        let coarse_hirs: Vec<Hir> = hirs.iter().map(coarse).collect();
        let widened: Vec<bool> = coarse_hirs.chunks(2).zip(hirs.chunks(2)).map(|(c, h)| c[0] != h[0]).collect();
        // Keyed (`true`): every pattern; plain: those needing no key byte,
        // the others failing at once (pattern numbers stay the same).
        let automaton = |pass: Pass, keyed: bool, cache: usize| {
            let fail = Hir::fail();
            let of_pass: Vec<&Hir> = coarse_hirs
                .iter()
                .skip(usize::from(pass == Pass::Whole))
                .step_by(2)
                .map(|h| if keyed || !needs_any(h, KEY_BYTES) { h } else { &fail })
                .collect();
            let nfa = thompson::Compiler::new()
                .configure(thompson::Config::new().nfa_size_limit(Some(256 << 20)))
                .build_many_from_hir(&of_pass)
                .map_err(|e| internal(&e))?;
            // No quit bytes (word boundaries are ASCII) and no giving up
            // (the default): the search cannot fail.
            lazy::DFA::builder()
                .configure(
                    lazy::DFA::config()
                        .match_kind(MatchKind::All)
                        .cache_capacity(cache)
                        .skip_cache_capacity_check(true),
                )
                .build_from_nfa(nfa)
                .map(Arc::new)
                .map_err(|e| internal(&e))
        };
        // Indexed by KEYED and PLAIN.
        let pair = |pass, cache| -> Result<[Arc<lazy::DFA>; 2]> {
            Ok([automaton(pass, true, cache)?, automaton(pass, false, cache)?])
        };
        let (whole, inside) = (pair(Pass::Whole, whole_cache)?, pair(Pass::Inside, inside_cache)?);
        let inside_hirs: Vec<&Hir> = coarse_hirs.iter().step_by(2).collect();
        let groups = inside_hirs
            .chunks(GROUP)
            .map(|group| {
                let nfa = thompson::Compiler::new().build_many_from_hir(group).map_err(|e| internal(&e))?;
                lazy::DFA::builder()
                    .configure(lazy::DFA::config().match_kind(MatchKind::All).cache_capacity(4 << 20))
                    .build_from_nfa(nfa)
                    .map(Arc::new)
                    .map_err(|e| internal(&e))
            })
            .collect::<Result<Vec<_>>>()?;
        // Pattern `k` alone: as written (`skip` 0) or whole (1).
        let alone = |skip| {
            hirs.iter()
                .skip(skip)
                .step_by(2)
                .map(|h| {
                    meta::Builder::new()
                        .configure(meta::Config::new().hybrid_cache_capacity(8 << 20))
                        .syntax(syntax::Config::new())
                        .build_from_hir(h)
                        .map_err(|e| internal(&e))
                })
                .collect::<Result<Vec<_>>>()
        };
        let (finders, wholes) = (alone(0)?, alone(1)?);
        let (w, i, n, g) = (whole.clone(), inside.clone(), finders.len(), groups.clone());
        let scratches: Pool<Scratch, NewScratch> = Pool::new(Box::new(move || Scratch {
            whole_caches: w.each_ref().map(|d| d.create_cache()),
            inside_caches: i.each_ref().map(|d| d.create_cache()),
            finder_caches: (0..n).map(|_| None).collect(),
            group_caches: g.iter().map(|d| d.create_cache()).collect(),
            group_storms: vec![Backoff::default(); g.len()],
            hits: Hits::default(),
            seen: Vec::new(),
            order: Default::default(),
            storms: Storms::CALM,
        }));
        Ok(Self { whole, inside, finders, groups, wholes, owners, widened, scratches, storm_budget })
    }

    /// Makes every walk a storm: the engine pattern by pattern, but for a
    /// probe of the automata now and then (see [`Backoff`]).
    #[cfg(test)]
    pub(super) fn storm_always(&mut self) {
        self.storm_budget = [0, 0];
    }

    /// This thread's search state, warm from earlier values.
    pub(super) fn scratch(&self) -> PoolGuard<'_, Scratch, NewScratch> {
        self.scratches.get()
    }

    /// For each of `values`, the patterns that match all of it. On
    /// non-ASCII text a widened pattern's match is confirmed by the exact
    /// pattern. Give the hits back with [`Scratch::recycle`].
    pub(super) fn whole(&self, values: &[&str], scratch: &mut Scratch) -> Hits {
        self.pass(Pass::Whole, values, scratch, |v, k| !self.widened[k] || self.wholes[k].is_match(v))
    }

    /// For each of `values`, the patterns that occur somewhere in it. On
    /// non-ASCII text a widened pattern's occurrence is confirmed by the
    /// exact pattern.
    pub(super) fn inside(&self, values: &[&str], scratch: &mut Scratch) -> Hits {
        self.pass(Pass::Inside, values, scratch, |v, k| !self.widened[k] || self.finders[k].is_match(v))
    }

    /// Walks `values` through the `pass` automata (each through the one of
    /// its kind, [`KEYED`] or [`PLAIN`]) and lists the patterns found in
    /// each: in ASCII values all of them, in others those that `confirmed`
    /// (value, pattern) lets through.
    fn pass(
        &self,
        pass: Pass,
        values: &[&str],
        scratch: &mut Scratch,
        confirmed: impl Fn(&str, usize) -> bool,
    ) -> Hits {
        let words = self.finders.len().div_ceil(64);
        scratch.seen.clear();
        scratch.seen.resize(values.len() * words, 0);
        let [mut keyed, mut plain] = std::mem::take(&mut scratch.order);
        keyed.clear();
        plain.clear();
        for (i, v) in values.iter().enumerate() {
            if has_key_byte(v) { keyed.push(i) } else { plain.push(i) }
        }
        let backing_off = &mut scratch.storms.0[pass as usize].skip;
        let walked = if *backing_off > 0 {
            *backing_off = backing_off.saturating_sub(values.len());
            None
        } else {
            [(KEYED, &keyed), (PLAIN, &plain)].into_iter().try_for_each(|(variant, order)| {
                let walk = |lanes, scratch: &mut Scratch| match lanes {
                    1 => self.walk::<1>(pass, variant, values, order, scratch),
                    _ => self.walk::<LANES>(pass, variant, values, order, scratch),
                };
                if order.is_empty() {
                    return Some(());
                }
                let walked = match walk(order.len().min(LANES), scratch)? {
                    // The lanes' states went with a cache clear: one lane
                    // holds no state across values.
                    Walked::Cleared => {
                        for &i in order {
                            scratch.seen[i * words..(i + 1) * words].fill(0);
                        }
                        walk(1, scratch)?
                    }
                    walked => walked,
                };
                (walked != Walked::Storm).then_some(())
            })
        };
        scratch.order = [keyed, plain];
        if walked.is_none() {
            // A storm (or the DFA gave up, which it cannot as configured,
            // see `new`): each group of patterns, or each pattern alone,
            // gives the same answer.
            let Scratch { seen, finder_caches, group_caches, group_storms, .. } = &mut *scratch;
            for (i, v) in values.iter().enumerate() {
                let seen = &mut seen[i * words..(i + 1) * words];
                match pass {
                    Pass::Inside => self.by_group(v, seen, group_caches, group_storms, finder_caches),
                    Pass::Whole => self.one_by_one(pass, v, seen, finder_caches),
                }
            }
        }
        let mut hits = std::mem::take(&mut scratch.hits);
        for (v, seen) in values.iter().zip(scratch.seen.chunks(words)) {
            // Whether the automata's answer needs confirming: asked once
            // per value, and only of values with an answer.
            let mut ascii = None;
            for (w, &word) in seen.iter().enumerate() {
                let mut bits = word;
                while bits != 0 {
                    let k = w * 64 + bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    if !*ascii.get_or_insert_with(|| v.is_ascii()) && !confirmed(v, k) {
                        continue;
                    }
                    let (slot, i) = self.owners[k];
                    if hits.found.len() == hits.ends.last().copied().unwrap_or(0)
                        || hits.found.last().is_some_and(|(s, _)| *s != slot)
                    {
                        hits.found.push((slot, 0));
                    }
                    hits.found.last_mut().expect("pushed above").1 |= 1 << i;
                }
            }
            hits.ends.push(hits.found.len());
        }
        hits
    }

    /// Reads `values[i]` for each `i` of `order` through the automaton
    /// `variant` of `pass`, byte by byte, `N` at a time, and sets in
    /// `scratch.seen` (at `i`) the patterns whose match states each passed.
    /// Walking the DFA directly rather than through its overlapping search
    /// skips the per-match bookkeeping: only which patterns occur matters
    /// here, not where. `None` if the DFA gave up (it cannot, as built).
    ///
    /// A step is one table lookup, and a lane takes up to [`STEPS`] of them
    /// a turn; the rest (match states, states not yet computed, dead ends)
    /// happens off that path. A lane that is
    /// done takes the next value at once. Should the DFA clear its cache to
    /// make room (it is large; warm, it never has), the other lanes' states
    /// are gone: the walk stops and says so, for one lane to do it again.
    /// It also stops, for the values to go pattern by pattern, when its
    /// cache grows past the pass's budget (see [`STORM_BASE`]); a walk that
    /// ends over it makes the next passes go that way.
    fn walk<const N: usize>(
        &self,
        pass: Pass,
        variant: usize,
        values: &[&str],
        order: &[usize],
        scratch: &mut Scratch,
    ) -> Option<Walked> {
        let (dfa, cache) = match pass {
            Pass::Whole => (&*self.whole[variant], &mut scratch.whole_caches[variant]),
            Pass::Inside => (&*self.inside[variant], &mut scratch.inside_caches[variant]),
        };
        let words = self.finders.len().div_ceil(64);
        let seen = &mut scratch.seen;
        let backoff = &mut scratch.storms.0[pass as usize];
        let grown_from = cache.memory_usage();
        let grown = |cache: &lazy::Cache| cache.memory_usage().saturating_sub(grown_from);
        let anchored = if pass == Pass::Whole { Anchored::Yes } else { Anchored::No };
        let start =
            |cache: &mut lazy::Cache, v: &str| dfa.start_state_forward(cache, &Input::new(v).anchored(anchored));
        let note = |cache: &lazy::Cache, sid: LazyStateID, seen: &mut [u64]| {
            for n in 0..dfa.match_len(cache, sid) {
                let k = dfa.match_pattern(cache, sid, n).as_usize();
                seen[k / 64] |= 1 << (k % 64);
            }
        };
        // The busy lanes are the first `busy`; each is on one value: its
        // index, bytes, bytes read, state, and the last match state noted
        // (runs of one, `\d{3}` along a number, are read once).
        let clears = cache.clear_count();
        let cleared = |cache: &lazy::Cache| N > 1 && cache.clear_count() != clears;
        let mut busy = N.min(order.len());
        let mut value: [usize; N] = std::array::from_fn(|l| order.get(l).copied().unwrap_or(0));
        let mut bytes: [&[u8]; N] = std::array::from_fn(|l| values[value[l]].as_bytes());
        let mut pos = [0; N];
        let mut sid = [start(cache, "").ok()?; N];
        let mut last = [None; N];
        for l in 0..busy {
            sid[l] = start(cache, values[value[l]]).ok()?;
        }
        let mut next = busy;
        if cleared(cache) {
            return Some(Walked::Cleared);
        }
        while busy > 0 {
            let mut l = 0;
            while l < busy {
                if let Some(&b) = bytes[l].get(pos[l]) {
                    pos[l] += 1;
                    let s = sid[l];
                    let t = if s.is_tagged() { s } else { dfa.next_state_untagged(cache, s, b) };
                    if !t.is_tagged() {
                        // More bytes of the same lane on the fast path,
                        // while it stays on it (a byte that leads off it is
                        // read again on the lane's next turn).
                        let mut t = t;
                        for _ in 1..STEPS {
                            let Some(&b) = bytes[l].get(pos[l]) else { break };
                            let u = dfa.next_state_untagged(cache, t, b);
                            if u.is_tagged() {
                                break;
                            }
                            (t, pos[l]) = (u, pos[l] + 1);
                        }
                        sid[l] = t;
                        l += 1;
                        continue;
                    }
                    // Off the fast path: a tagged state (match, dead, quit,
                    // start) or a transition not computed yet.
                    let t = dfa.next_state(cache, s, b).ok()?;
                    if cleared(cache) {
                        return Some(Walked::Cleared);
                    }
                    sid[l] = t;
                    if t.is_quit() {
                        return None;
                    }
                    if t.is_match() && last[l] != Some(t) {
                        note(cache, t, &mut seen[value[l] * words..(value[l] + 1) * words]);
                        last[l] = Some(t);
                    }
                    if !t.is_dead() {
                        l += 1;
                        continue;
                    }
                } else {
                    let eoi = dfa.next_eoi_state(cache, sid[l]).ok()?;
                    if eoi.is_match() {
                        note(cache, eoi, &mut seen[value[l] * words..(value[l] + 1) * words]);
                    }
                }
                // The lane is done (dead or at its value's end): it takes the
                // next value, or once none are left the last lane's place.
                if let Some(&i) = order.get(next) {
                    // Learning a state at nearly every byte: a storm.
                    if next.is_multiple_of(LANES) && backoff.over(grown(cache), next, self.storm_budget) {
                        backoff.storm();
                        return Some(Walked::Storm);
                    }
                    (value[l], bytes[l], pos[l]) = (i, values[i].as_bytes(), 0);
                    (sid[l], last[l]) = (start(cache, values[i]).ok()?, None);
                    next += 1;
                    l += 1;
                } else {
                    busy -= 1;
                    (value[l], bytes[l], pos[l]) = (value[busy], bytes[busy], pos[busy]);
                    (sid[l], last[l]) = (sid[busy], last[busy]);
                }
                if cleared(cache) {
                    return Some(Walked::Cleared);
                }
            }
        }
        backoff.count(grown(cache), order.len(), self.storm_budget);
        Some(Walked::Done)
    }

    /// The inside pass of one value through each group's automaton, setting
    /// its bits in `seen`; a group whose automaton storms in turn goes
    /// pattern by pattern for a while (see [`Backoff`]).
    fn by_group(
        &self,
        value: &str,
        seen: &mut [u64],
        caches: &mut [lazy::Cache],
        storms: &mut [Backoff],
        finder_caches: &mut [Option<meta::Cache>],
    ) {
        seen.fill(0);
        let mut note = |k: usize| seen[k / 64] |= 1 << (k % 64);
        for (g, dfa) in self.groups.iter().enumerate() {
            let (cache, storm, first) = (&mut caches[g], &mut storms[g], g * GROUP);
            let patterns = first..(first + GROUP).min(self.finders.len());
            if storm.skip == 0 {
                let grown_from = cache.memory_usage();
                if let Some(found) = walk_one(dfa, cache, value) {
                    found.into_iter().for_each(|k| note(first + k));
                    storm.count(cache.memory_usage().saturating_sub(grown_from), 1, GROUP_BUDGET);
                    continue;
                }
            }
            storm.skip = storm.skip.saturating_sub(1);
            for k in patterns {
                let finder = &self.finders[k];
                let cache = finder_caches[k].get_or_insert_with(|| finder.create_cache());
                if finder.search_half_with(cache, &Input::new(value)).is_some() {
                    note(k);
                }
            }
        }
    }

    /// [`Engine::walk`] for one value with one search per pattern, setting
    /// its bits in `seen`.
    fn one_by_one(&self, pass: Pass, value: &str, seen: &mut [u64], caches: &mut [Option<meta::Cache>]) {
        seen.fill(0);
        for (k, finder) in self.finders.iter().enumerate() {
            let hit = match pass {
                Pass::Inside => {
                    let cache = caches[k].get_or_insert_with(|| finder.create_cache());
                    finder.search_half_with(cache, &Input::new(value)).is_some()
                }
                // Not the finder's match anchored at the start: leftmost
                // first, it may stop short of a whole match that exists.
                Pass::Whole => self.wholes[k].is_match(value),
            };
            if hit {
                seen[k / 64] |= 1 << (k % 64);
            }
        }
    }

    /// Spans of the `i`th pattern of `slot` in `value`, left to right.
    pub(super) fn find(
        &self,
        slot: usize,
        i: usize,
        value: &str,
        scratch: &mut Scratch,
        mut f: impl FnMut(usize, usize),
    ) {
        let k = self.owners.partition_point(|&o| o < (slot, i));
        let finder = &self.finders[k];
        let cache = scratch.finder_caches[k].get_or_insert_with(|| finder.create_cache());
        let mut input = Input::new(value);
        while let Some(m) = finder.search_with(cache, &input) {
            f(m.start(), m.end());
            // Patterns never match empty text (checked in `new`), so this advances.
            input.set_start(m.end());
        }
    }
}

/// The patterns (of `dfa`'s own numbering) that occur in `value`, read
/// through `dfa` unanchored; `None` if the DFA gave up (it cannot, as
/// built).
fn walk_one(dfa: &lazy::DFA, cache: &mut lazy::Cache, value: &str) -> Option<Vec<usize>> {
    let mut found = Vec::new();
    let mut note = |cache: &lazy::Cache, sid: LazyStateID| {
        (0..dfa.match_len(cache, sid)).for_each(|n| found.push(dfa.match_pattern(cache, sid, n).as_usize()));
    };
    let mut sid = dfa.start_state_forward(cache, &Input::new(value)).ok()?;
    for &b in value.as_bytes() {
        sid = dfa.next_state(cache, sid, b).ok()?;
        if sid.is_match() {
            note(cache, sid);
        } else if sid.is_dead() {
            return Some(found);
        }
    }
    let eoi = dfa.next_eoi_state(cache, sid).ok()?;
    if eoi.is_match() {
        note(cache, eoi);
    }
    Some(found)
}

/// Whether `value` holds one of the [`KEY_BYTES`]. Short values, where
/// setting up a vectorized search costs more than it saves, are read eight
/// bytes at a time, each word tested for a zero byte after XOR with each
/// key byte repeated (exact: the test has no false positives).
fn has_key_byte(value: &str) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    let [a, b, c] = *KEY_BYTES;
    let bytes = value.as_bytes();
    if bytes.len() >= 32 {
        return memchr::memchr3(a, b, c, bytes).is_some();
    }
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH != 0;
    let (words, rest) = bytes.as_chunks::<8>();
    words.iter().any(|w| {
        let x = u64::from_ne_bytes(*w);
        zero_byte(x ^ (ONES * u64::from(a)))
            || zero_byte(x ^ (ONES * u64::from(b)))
            || zero_byte(x ^ (ONES * u64::from(c)))
    }) || rest.iter().any(|&x| x == a || x == b || x == c)
}

/// Whether every match of `hir` holds one of the ASCII `bytes`.
fn needs_any(hir: &Hir, bytes: &[u8]) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    let within = |lo: u32, hi: u32| (lo..=hi).all(|c| u8::try_from(c).is_ok_and(|b| bytes.contains(&b)));
    match hir.kind() {
        HirKind::Literal(lit) => lit.0.iter().any(|b| bytes.contains(b)),
        HirKind::Class(Class::Unicode(c)) => c.ranges().iter().all(|r| within(r.start().into(), r.end().into())),
        HirKind::Class(Class::Bytes(c)) => c.ranges().iter().all(|r| within(r.start().into(), r.end().into())),
        HirKind::Repetition(r) => r.min > 0 && needs_any(&r.sub, bytes),
        HirKind::Capture(c) => needs_any(&c.sub, bytes),
        HirKind::Concat(subs) => subs.iter().any(|h| needs_any(h, bytes)),
        HirKind::Alternation(subs) => subs.iter().all(|h| needs_any(h, bytes)),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// `hir` with every non-ASCII character it accepts widened to any non-ASCII
/// one, for the combined automaton. Classes like `\p{Lu}` next to `\p{Ll}`
/// split UTF-8 continuation bytes into dozens of byte classes, and every
/// state of the lazy DFA holds a transition per class: widened, the alphabet
/// halves (210 to 113 classes for the catalog) and so do the states' memory
/// and the cache misses of each step. On ASCII text the widened pattern
/// matches exactly where the pattern does; on other text it may match more,
/// so what it finds there is confirmed by the exact pattern.
fn coarse(hir: &Hir) -> Hir {
    use regex_syntax::hir::{Capture, Class, ClassUnicode, ClassUnicodeRange, HirKind, Repetition};
    let wide = || ClassUnicodeRange::new('\u{80}', '\u{10FFFF}');
    match hir.kind() {
        HirKind::Class(Class::Unicode(c)) if c.ranges().last().is_some_and(|r| r.end() > '\x7F') => {
            let mut c = c.clone();
            c.union(&ClassUnicode::new([wide()]));
            Hir::class(Class::Unicode(c))
        }
        HirKind::Literal(lit) if !lit.0.is_ascii() => match std::str::from_utf8(&lit.0) {
            Ok(s) => Hir::concat(
                s.chars()
                    .map(|ch| match ch.is_ascii() {
                        true => Hir::literal(ch.to_string().into_bytes()),
                        false => Hir::class(Class::Unicode(ClassUnicode::new([wide()]))),
                    })
                    .collect(),
            ),
            Err(_) => hir.clone(),
        },
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(coarse(&r.sub)), ..r.clone() }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(coarse(&c.sub)), ..c.clone() }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(coarse).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(coarse).collect()),
        _ => hir.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> Engine {
        Engine::new([("digits", vec![r"(?x)\b\d{3}\b  # three digits", r"\d{5}"]), ("word", vec!["abc"])]).unwrap()
    }

    /// (whole, inside) per slot, as `(slot, bits)` lists.
    type Passes = (Vec<(usize, u64)>, Vec<(usize, u64)>);

    fn passes(e: &Engine, v: &str) -> Passes {
        let mut s = e.scratch();
        let whole = e.whole(&[v], &mut s);
        let inside = e.inside(&[v], &mut s);
        let out = (whole.of(0).to_vec(), inside.of(0).to_vec());
        s.recycle(whole);
        s.recycle(inside);
        out
    }

    #[test]
    fn the_passes_report_whole_and_inside_matches_per_slot() {
        let e = engine();
        assert_eq!(passes(&e, "123"), (vec![(0, 0b01)], vec![(0, 0b01)]));
        assert_eq!(passes(&e, "x 123 abc 12345"), (vec![], vec![(0, 0b11), (1, 0b1)]));
        assert_eq!(passes(&e, "nothing here"), (vec![], vec![]));
    }

    #[test]
    fn the_fallback_search_gives_the_same_answers() {
        let e = engine();
        let mut s = e.scratch();
        let values = ["123", "x 123 abc 12345", "nothing here", "12345", "abc", "x 12345 abc", "a", "123 4567"];
        for pass in [Pass::Whole, Pass::Inside] {
            // Eight lanes and more values than lanes, and one value alone;
            // values without a key byte through both automata.
            let mut all: Vec<&str> = values.iter().cycle().take(19).copied().collect();
            all.extend(["", "99999"]);
            let order: Vec<usize> = (0..all.len()).collect();
            for variant in [KEYED, PLAIN] {
                s.seen = vec![0; all.len()];
                assert_eq!(e.walk::<LANES>(pass, variant, &all, &order, &mut s), Some(Walked::Done));
                let walked = s.seen.clone();
                for (i, v) in all.iter().enumerate() {
                    let mut alone = [0];
                    e.one_by_one(pass, v, &mut alone, &mut s.finder_caches);
                    assert_eq!(walked[i], alone[0], "{v} {pass:?}");
                    s.seen = vec![0];
                    assert_eq!(e.walk::<1>(pass, variant, &[v], &[0], &mut s), Some(Walked::Done));
                    assert_eq!(s.seen[0], alone[0], "{v} {pass:?} alone");
                }
            }
        }
    }

    /// Holds a `pass` over `values` to each pattern alone, value by value.
    fn assert_one_by_one(e: &Engine, pass: Pass, values: &[&str], s: &mut Scratch) {
        let hits = e.pass(pass, values, s, |_, _| true);
        for (i, v) in values.iter().enumerate() {
            let mut alone = [0];
            e.one_by_one(pass, v, &mut alone, &mut s.finder_caches);
            let found: u64 = hits.of(i).iter().map(|&(_, bits)| bits).fold(0, |a, b| a | b);
            assert_eq!(found, alone[0], "{v} {pass:?}");
        }
        s.recycle(hits);
    }

    #[test]
    fn whole_matches_are_found_pattern_by_pattern_where_leftmost_first_stops_short() {
        // Leftmost-first, `\d{3}` wins at the start of `555-1234` and ends
        // short; the whole value is still a match of the pattern.
        let e = Engine::new([("phone", vec![r"\d{3}|\d{3}-\d{4}", r"[a-z]+?\d?"])]).unwrap();
        let mut s = e.scratch();
        assert_one_by_one(&e, Pass::Whole, &["555-1234", "555", "abc1", "555-12"], &mut s);
        assert_eq!(passes(&e, "555-1234").0, vec![(0, 1)]);
    }

    #[test]
    fn a_cache_cleared_mid_walk_gives_the_same_answers() {
        // Caches at the lazy DFA's minimum: a few hundred distinct numbers
        // make it clear them again and again while eight lanes are busy.
        let patterns = vec![r"\b\d{3}-\d{2}-\d{4}\b", r"\b[2-9]\d{9}\b", r"\d{5}", r"\b4\d{12}(?:\d{3})?\b"];
        let e = Engine::with_caches([("ids", patterns)], [0, 0], [STORM_BASE, STORM_PER_VALUE]).unwrap();
        let values: Vec<String> = (0..400u64)
            .map(|i| match i % 3 {
                0 => format!("{:03}-{:02}-{:04}", i * 7 % 1000, i % 100, i * 37 % 10_000),
                1 => format!("n {} x {}", 2_000_000_000 + i * 7_919_993, i * 13),
                _ => format!("4{:012}", i * 1_234_567),
            })
            .collect();
        let values: Vec<&str> = values.iter().map(String::as_str).collect();
        let mut s = e.scratch();
        for pass in [Pass::Whole, Pass::Inside] {
            assert_one_by_one(&e, pass, &values, &mut s);
        }
        assert!(s.whole_caches[PLAIN].clear_count() + s.inside_caches[PLAIN].clear_count() > 0, "no clear happened");
    }

    #[test]
    fn a_storm_goes_pattern_by_pattern_with_the_same_answers() {
        // No budget: every walk is a storm, and the next passes back off.
        let patterns = vec![r"\b\d{3}-\d{2}-\d{4}\b", r"[A-Za-z0-9]{20}", r"\w+@\w+\.com", r"\d{5}"];
        let e = Engine::with_caches([("ids", patterns)], [16 << 20, 16 << 20], [0, 0]).unwrap();
        let values: Vec<String> = (0..300u64)
            .map(|i| match i % 4 {
                0 => format!("{:03}-{:02}-{:04}", i * 7 % 1000, i % 100, i * 37 % 10_000),
                1 => format!("k{:x}Zq{}", i.wrapping_mul(0x9E37_79B9_7F4A_7C15), i),
                2 => format!("mail u{i}@x{}.com", i * 13),
                _ => format!("n {} x", i * 7_919),
            })
            .collect();
        let mut s = e.scratch();
        for pass in [Pass::Whole, Pass::Inside] {
            // Storms, and passes skipped after them.
            let mut stormed = false;
            for chunk in values.chunks(9) {
                let chunk: Vec<&str> = chunk.iter().map(String::as_str).collect();
                assert_one_by_one(&e, pass, &chunk, &mut s);
                stormed |= s.storms().0[pass as usize].next_skip > 0;
            }
            assert!(stormed, "{pass:?}");
        }
        // A budget never reached: no storm.
        let calm = Engine::with_caches([("ids", vec![r"\d{5}"])], [16 << 20; 2], [usize::MAX / 2, 0]).unwrap();
        let mut s = calm.scratch();
        let hits = calm.pass(Pass::Inside, &["12345", "x"], &mut s, |_, _| true);
        assert!(!s.storms().stormed() && hits.of(0) == [(0, 1)]);
    }

    #[test]
    fn values_with_a_key_byte_meet_the_patterns_needing_it() {
        let e = Engine::new([("at", vec![r"\w+@\w+"]), ("digits", vec![r"\d+", r"(?:a|=)\d"])]).unwrap();
        assert_eq!(passes(&e, "jo@x1"), (vec![(0, 1)], vec![(0, 1), (1, 1)]));
        assert_eq!(passes(&e, "jo x1"), (vec![], vec![(1, 1)]));
        assert_eq!(passes(&e, "=1"), (vec![(1, 2)], vec![(1, 3)]));
        assert_eq!(passes(&e, "a1"), (vec![(1, 2)], vec![(1, 3)]));
        let needs = |p: &str| needs_any(&regex_syntax::parse(p).unwrap(), KEY_BYTES);
        for (p, want) in [("a@b", true), ("a(?:@|:)b", true), ("a[@:=]b", true), ("a@?b", false), ("a|@", false)] {
            assert_eq!(needs(p), want, "{p}");
        }
        assert!(needs("(?:x[=]){2}") && !needs("(?:x=){0,2}") && !needs("[@a]"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]
        #[test]
        fn key_bytes_are_found_word_by_word_as_byte_by_byte(s in "[a-z@:= 0-9\u{80}-\u{3ff}]{0,40}|\\PC{0,40}") {
            proptest::prop_assert_eq!(has_key_byte(&s), s.bytes().any(|b| KEY_BYTES.contains(&b)));
        }
    }

    #[test]
    fn find_locates_every_span() {
        let e = engine();
        let mut s = e.scratch();
        let mut spans = Vec::new();
        e.find(0, 0, "123 456 7890", &mut s, |a, b| spans.push((a, b)));
        assert_eq!(spans, vec![(0, 3), (4, 7)]);
    }

    #[test]
    fn word_boundaries_are_ascii() {
        // Under Unicode rules `é` is a word character and `écafe` has no
        // boundary before `c`; under ASCII rules it has one.
        let e = Engine::new([("w", vec![r"\bcafe\b"])]).unwrap();
        let mut s = e.scratch();
        let mut spans = Vec::new();
        e.find(0, 0, "écafe cafeteria", &mut s, |a, b| spans.push((a, b)));
        assert_eq!(spans, vec![(2, 6)]);
        assert_eq!(passes(&e, "écafe").1, vec![(0, 1)]);
    }

    #[test]
    fn widened_patterns_are_confirmed_on_non_ascii_text() {
        let e = Engine::new([("street", vec![r"Stra(?:ß|ss)e"]), ("cap", vec![r"\p{Lu}\p{Ll}+"])]).unwrap();
        // ASCII text: the automaton's answer is exact.
        assert_eq!(passes(&e, "Strasse"), (vec![(0, 1), (1, 1)], vec![(0, 1), (1, 1)]));
        // Non-ASCII text: matches of widened patterns are confirmed by the
        // exact patterns, which reject the lookalike and keep the real one.
        assert_eq!(passes(&e, "Straße"), (vec![(0, 1), (1, 1)], vec![(0, 1), (1, 1)]));
        assert_eq!(passes(&e, "Straüe"), (vec![(1, 1)], vec![(1, 1)]));
        let spans = |slot, v: &str| {
            let mut out = Vec::new();
            e.find(slot, 0, v, &mut e.scratch(), |a, b| out.push((a, b)));
            out
        };
        assert_eq!(spans(0, "Straße"), vec![(0, 7)]);
        assert_eq!(spans(0, "Straüe"), vec![]);
        assert_eq!(spans(1, "Ärger"), vec![(0, 6)]);
        assert_eq!(spans(1, "ärger"), vec![]);
    }

    #[test]
    fn bad_patterns_are_config_errors() {
        for p in ["(unclosed", "a*"] {
            let err = Engine::new([("bad", vec![p])]).unwrap_err();
            assert!(matches!(err, Error::Config(_)), "{p}: {err}");
        }
    }
}
