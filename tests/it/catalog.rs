//! The catalog against Presidio's: every pattern entity Presidio detects has
//! a lakeaudit recognizer under the same name, and every item of the catalog
//! names its country, its specification and a context word.

use lakeaudit::classify::catalog;
use std::collections::BTreeSet;

#[test]
fn every_presidio_pattern_entity_is_in_the_catalog() {
    let list = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/presidio_entities.txt")).unwrap();
    let ours: BTreeSet<&str> = catalog::all().iter().map(|r| r.entity).collect();
    let pattern_entities: Vec<&str> = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter(|l| !l.ends_with(" ner"))
        .map(str::trim)
        .collect();
    assert!(pattern_entities.len() >= 40, "the list lost entries: {}", pattern_entities.len());
    let missing: Vec<&&str> = pattern_entities.iter().filter(|e| !ours.contains(**e)).collect();
    assert!(missing.is_empty(), "Presidio entities without a recognizer: {missing:?}");
}

#[test]
fn every_recognizer_says_where_it_comes_from() {
    for r in catalog::all() {
        assert!(
            r.country == "global" || (r.country.len() == 2 && r.country.chars().all(|c| c.is_ascii_uppercase())),
            "{}",
            r.name
        );
        assert!(r.source.len() > 20, "{} cites no specification", r.name);
        assert!(!r.context.is_empty(), "{} has no context words", r.name);
        assert!(r.entity.chars().all(|c| c.is_ascii_uppercase() || c == '_'), "{}", r.entity);
    }
}
