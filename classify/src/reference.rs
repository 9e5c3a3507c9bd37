//! The reference matcher: [`matching`]'s definition written the plain way,
//! to hold the engine to it. One `regex::Regex` per pattern, and one more
//! anchored at both ends, every pattern of every recognizer searched in
//! every value: no automata, no lanes, no batches, no memo, no prefilter.
//! Slow and obvious on purpose.
//!
//! The differential tests generate values and documents that mix every kind
//! of value lakegen makes (valid by their specifications, and broken ones:
//! other case, a digit changed, separators added or dropped) with words,
//! context words, punctuation, numbers, key=value pairs and arbitrary
//! Unicode, and hold the engine's answers per value (candidates, matches,
//! spans, scores) equal to the reference's: through the scan's batched path
//! and through [`Classifier::analyze`], which `recognizers test`, the spans
//! anonymization replaces and the SQL functions use, both with the engine's
//! automata and pattern by pattern, as after a storm.
//!
//! The suite runs a few thousand documents; the long run is the ignored
//! test `differential_long_run` (README: "Differential tests").

use super::matching::{self, Match, ascii_boundaries};
use super::memo::Event;
use super::state::millionths;
use super::{ALL_SLOTS, Classifier, strongest};
use regex::{Regex, RegexBuilder};

/// The reference matcher of a classifier's recognizers.
pub(super) struct Reference<'c> {
    classifier: &'c Classifier,
    /// Per slot, per pattern: (as written, anchored at both ends).
    patterns: Vec<Vec<(Regex, Regex)>>,
}

impl<'c> Reference<'c> {
    pub(super) fn new(classifier: &'c Classifier) -> Self {
        let compile = |p: &str| {
            // The definition's word boundaries are ASCII ones; the printed
            // expression says so (`(?-u:\b)`).
            let text = ascii_boundaries(&regex_syntax::parse(p).expect("a valid pattern")).to_string();
            let build = |t: &str| RegexBuilder::new(t).size_limit(1 << 30).build().expect("a valid pattern");
            (build(&text), build(&format!("^(?:{text})$")))
        };
        let patterns = classifier.recognizers.iter().map(|r| r.patterns.iter().map(|p| compile(p.regex)).collect());
        Self { classifier, patterns: patterns.collect() }
    }

    /// The slots that had a candidate (a pattern occurring), and the
    /// matches, strongest first, of the trimmed value `v`.
    pub(super) fn analyze(&self, v: &str, slots: u128) -> (u128, Vec<Match>) {
        let c = self.classifier;
        let in_use = || c.recognizers.iter().enumerate().filter(|(slot, _)| slots & (1 << slot) != 0);
        let (mut candidates, mut out) = (0u128, Vec::new());
        for (slot, rec) in in_use() {
            let whole = (self.patterns[slot].iter().enumerate())
                .filter(|(_, (_, anchored))| anchored.is_match(v))
                .fold(0u64, |bits, (i, _)| bits | 1 << i);
            if whole == 0 {
                continue;
            }
            candidates |= 1 << slot;
            if let Some(pattern) = strongest(rec, whole)
                && rec.validator.is_none_or(|f| f(v))
                && !c.allowed(slot, v)
            {
                out.push(Match::whole(rec, slot, pattern, v));
            }
        }
        if out.is_empty() {
            for (slot, rec) in in_use() {
                for (i, (written, _)) in self.patterns[slot].iter().enumerate() {
                    for m in written.find_iter(v) {
                        candidates |= 1 << slot;
                        if !matching::standalone(v, m.start(), m.end()) {
                            continue;
                        }
                        if let Some(span) = matching::accepted(rec, v, m.range())
                            && !c.allowed(slot, &v[span.clone()])
                        {
                            out.push(Match::inside(rec, slot, i, v, span));
                        }
                    }
                }
            }
        }
        matching::resolve(&c.recognizers, &mut out);
        (candidates, out)
    }

    /// What the trimmed value `v` contributes to a column's state: a
    /// candidate per recognizer that had one, every whole match or else each
    /// recognizer's strongest match inside, and which slots took it whole.
    pub(super) fn events(&self, v: &str) -> Vec<Event> {
        let (candidates, matches) = self.analyze(v, ALL_SLOTS);
        let mut events: Vec<Event> =
            (0..128).filter(|slot| candidates & (1 << slot) != 0).map(|slot| Event::Candidate(slot as u8)).collect();
        let (mut counted, mut whole) = (0u128, 0u128);
        for m in &matches {
            if counted & (1 << m.slot) == 0 {
                counted |= 1 << m.slot;
                if m.is_whole(v) {
                    whole |= 1 << m.slot;
                }
                let end = u32::try_from(m.span.end).expect("short values");
                let start = u32::try_from(m.span.start).expect("short values");
                let (slot, pattern, near) = (m.slot as u8, m.pattern as u8, m.near.is_some());
                events.push(Event::Match { slot, pattern, near, start, end, score: millionths(m.score) });
            }
        }
        events.push(Event::Overlap(whole));
        events
    }
}

/// Events in a canonical order, to compare two paths' answers.
fn canonical(mut events: Vec<Event>) -> Vec<String> {
    let mut out: Vec<String> = events.drain(..).map(|e| format!("{e:?}")).collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ClassifySettings;
    use proptest::prelude::*;
    use std::sync::LazyLock;

    /// With an allow-list entry, so the rule that drops allowed values is
    /// exercised too.
    fn classifier() -> Classifier {
        let mut settings = ClassifySettings::default();
        settings.allow.insert("*".into(), vec!["jane.doe@example.com".into(), "10.0.0.1".into()]);
        Classifier::new(settings).unwrap()
    }
    static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(classifier);
    /// The same, its engine going pattern by pattern as after a storm.
    static STORMING: LazyLock<Classifier> = LazyLock::new(|| {
        let mut c = classifier();
        c.engine.storm_always();
        c
    });
    static REFERENCE: LazyLock<Reference<'static>> = LazyLock::new(|| Reference::new(&CLASSIFIER));
    static GENERATORS: LazyLock<Vec<(Option<&'static str>, lakegen::Gen)>> = LazyLock::new(lakegen::generators);

    const WORDS: &[&str] = &[
        "Login",
        "from",
        "failed",
        "src",
        "ip",
        "email",
        "dob",
        "born",
        "ssn",
        "card",
        "phone",
        "tel",
        "My",
        "Order",
        "Server",
        "MAC",
        "address",
        "Mr",
        "Dr",
        "Anna",
        "Müller",
        "Rogers",
        "Freeway",
        "Apt",
        "Suite",
        "Street",
        "Road",
        "iban",
        "account",
        "passport",
        "the",
        "and",
        "de",
        "von",
        "user",
        "id",
        "no",
        "nr",
        "Mozilla/5.0",
        "AppleWebKit/537.36",
        "(KHTML,",
        "like",
        "Gecko)",
        "x86_64;",
        "key",
        "password",
        "token",
        "https://",
    ];
    const PUNCTUATION: &[&str] =
        &[".", ",", ";", ":", "(", ")", "[", "]", "'", "\"", "/", "-", "_", "=", "@", "#", "..."];
    const UNICODE: &[&str] = &[
        "é",
        "Straße",
        "中文",
        "😀",
        "\u{a0}",
        "ǅ",
        "İ",
        "ﬃ",
        "\u{200b}",
        "Ünïcödé",
        "ß",
        "ÅÄÖ",
        "Ⅻ",
        "٣٤٥",
        "１２３",
    ];
    const SEPARATORS: &[&str] = &["", " ", " ", ". ", ", ", "\n", "\t", "=", ":", "/", "-", "; ", "  ", " (", ") "];

    /// A generated entity value, valid by its specification.
    fn entity(seed: u64) -> String {
        let mut r = lakegen::values::Rng::new(seed);
        let (_, generate) = GENERATORS[(seed % GENERATORS.len() as u64) as usize];
        generate(&mut r)
    }

    /// `v` broken in one of the ways real data is.
    fn mutated(v: &str, seed: u64) -> String {
        let chars: Vec<char> = v.chars().collect();
        let at = (seed >> 8) as usize % chars.len().max(1);
        match seed % 7 {
            0 => v.to_lowercase(),
            1 => v.to_uppercase(),
            2 => chars
                .iter()
                .enumerate()
                .map(
                    |(i, c)| {
                        if i == at && c.is_ascii_digit() { char::from(b'0' + (*c as u8 - b'0' + 1) % 10) } else { *c }
                    },
                )
                .collect(),
            3 => chars.iter().enumerate().flat_map(|(i, c)| (i == at).then_some(' ').into_iter().chain([*c])).collect(),
            4 => chars.iter().filter(|c| !matches!(c, ' ' | '-' | '.' | '/')).collect(),
            5 => chars.iter().enumerate().filter(|(i, _)| *i != at).map(|(_, c)| *c).collect(),
            _ => chars.iter().enumerate().flat_map(|(i, c)| (i == at).then_some('-').into_iter().chain([*c])).collect(),
        }
    }

    /// One token of a document.
    fn token(kind: u8, seed: u64, arbitrary: &str) -> String {
        let pick = |list: &[&str]| list[(seed % list.len() as u64) as usize].to_owned();
        match kind {
            0..=2 => entity(seed),
            3 => mutated(&entity(seed), seed.rotate_left(17)),
            4 => pick(WORDS),
            5 => pick(PUNCTUATION),
            6 => (seed % 10u64.pow((seed % 19) as u32 + 1)).to_string(),
            7 => pick(UNICODE),
            8 => format!("{}={}", pick(WORDS).to_lowercase(), entity(seed.rotate_left(7))),
            _ => arbitrary.to_owned(),
        }
    }

    type Part = (u8, u64, u8, String);

    fn document(parts: &[Part]) -> String {
        let mut out = String::new();
        for (kind, seed, sep, arbitrary) in parts {
            out.push_str(&token(*kind, *seed, arbitrary));
            out.push_str(SEPARATORS[*sep as usize % SEPARATORS.len()]);
        }
        out
    }

    fn documents() -> impl Strategy<Value = Vec<String>> {
        let part = (0u8..10, any::<u64>(), any::<u8>(), "\\PC{0,6}");
        let doc = prop::collection::vec(part, 1..8).prop_map(|parts| document(&parts));
        prop::collection::vec(doc, 1..48)
    }

    /// Holds the engine's answers for `docs` equal to the reference's, as
    /// it walks its automata and as it goes pattern by pattern.
    fn same_answers(docs: &[String]) -> Result<(), TestCaseError> {
        let values: Vec<&str> = docs.iter().map(|d| d.trim()).filter(|v| !v.is_empty()).collect();
        for c in [&*CLASSIFIER, &*STORMING] {
            let batched = c.batched_events(&values);
            for (v, events) in values.iter().zip(batched) {
                prop_assert_eq!(canonical(events), canonical(REFERENCE.events(v)), "batched path on {:?}", v);
                prop_assert_eq!(c.analyze(v, ALL_SLOTS), REFERENCE.analyze(v, ALL_SLOTS).1, "analyze on {:?}", v);
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 160, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn the_engine_finds_what_the_reference_finds(docs in documents()) {
            same_answers(&docs)?;
        }

        /// A value counted `n` times at once (a dictionary entry with the
        /// rows that hold it) leaves the state that `n` occurrences in a row
        /// leave, examples and scores included.
        #[test]
        fn counted_values_equal_repeated_ones(
            docs in documents(),
            counts in prop::collection::vec((0u64..300, 0u8..8), 48),
        ) {
            let c = &*CLASSIFIER;
            let values: Vec<(Option<&str>, u64)> = docs
                .iter()
                .zip(&counts)
                .map(|(d, &(n, kind))| match kind {
                    0 => (None, n),
                    1 => (Some("  "), n),
                    _ => (Some(d.as_str()), n),
                })
                .collect();
            let (mut counted, mut repeated) = (c.new_state(), c.new_state());
            let mut observer = c.observer(&mut counted);
            for &(v, n) in &values {
                observer.push_counted(v, n);
            }
            drop(observer);
            c.observe_all(values.iter().flat_map(|&(v, n)| std::iter::repeat_n(v, n as usize)), &mut repeated);
            prop_assert_eq!(counted, repeated);
        }
    }

    /// The long run: `LAKEAUDIT_DIFF_CASES` cases (default 20,000, about
    /// 500,000 documents); README, "Differential tests".
    #[test]
    #[ignore = "minutes: run before changing the engine or the catalog"]
    fn differential_long_run() {
        let cases = std::env::var("LAKEAUDIT_DIFF_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(20_000);
        let config = ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() };
        let checked = std::sync::atomic::AtomicUsize::new(0);
        let run = proptest::test_runner::TestRunner::new(config).run(&documents(), |docs| {
            checked.fetch_add(docs.len(), std::sync::atomic::Ordering::Relaxed);
            same_answers(&docs)
        });
        eprintln!("{cases} cases, {} documents checked", checked.into_inner());
        run.unwrap();
    }

    /// Random tokens (ciphertexts, base64) make the automata learn a state
    /// at nearly every byte, and the engine goes pattern by pattern: the
    /// answers stay the reference's, for the tokens and for the entities
    /// among them.
    #[test]
    fn values_that_storm_the_automata_get_the_reference_answers() {
        let docs = |seed: u64| -> Vec<String> {
            let mut r = lakegen::values::Rng::new(seed);
            (0..3000u64)
                .map(|i| {
                    let token = lakegen::values::token(&mut r);
                    let e = seed * 10_000 + i;
                    match i % 10 {
                        0 => format!("{token} {}", entity(e)),
                        1 => token,
                        // Whole values among them, of every kind, and broken.
                        2 | 3 => entity(e),
                        4 => mutated(&entity(e), e),
                        _ => format!("{{enc:{token}}}"),
                    }
                })
                .collect()
        };
        same_answers(&docs(11)).unwrap();
        // Such tokens storm an observer (tokens the automata learned in an
        // earlier test would not: each set is new to them).
        let c = &*CLASSIFIER;
        let mut state = c.new_state();
        let mut observer = c.observer(&mut state);
        docs(12).iter().for_each(|d| observer.push(Some(d)));
        assert!(observer.repeats().storms.stormed(), "no storm: the test tests nothing");
    }

    #[test]
    fn regressions_found_by_the_differential_tests() {
        let docs: Vec<String> = [
            // The issue's own examples: IPs in sentences with periods.
            "Login from 10.1.2.3 failed.",
            "wonder. src=26.130.53.149",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        same_answers(&docs).unwrap();
    }
}
