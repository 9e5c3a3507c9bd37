//! The plan: from what classification found to what happens to each column
//! of each object. Pure: no I/O.
//!
//! Findings are pooled per dataset, so a column that is personal data in one
//! partition is treated as such in every partition of the dataset (a small
//! partition may not show it). A column whose values the recognizers take
//! whole (an email column) is *structured*: every value in it is replaced,
//! even one no recognizer took (a misspelt address is still someone's). Any
//! other column is free text: only the spans recognized in each value are.
//!
//! Partition values (Hive-style folders, a Delta log's `partitionValues`)
//! are outside the files; they are classified here, each partition column's
//! distinct values of a dataset as one column, and a partition column with
//! a finding is structured ([`Partition`]).

use super::policy::{FreeText, Operator, Policy};
use crate::classify::Classifier;
use crate::classify::Shape;
use crate::error::{Error, Result};
use crate::report::Found;
use crate::source::format::Format;
use crate::source::table::Table;
use object_store::ObjectMeta;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

/// Share of matched values that must be whole for a column to be structured.
const STRUCTURED_WHOLE_SHARE: f64 = 0.8;
/// Words per value, at most, of a column of short values (names, addresses):
/// structured when at least half of its matches are whole values (a
/// recognizer that takes a part of "Klaus-Günter Bohlander-Kade" still
/// found a name column).
const SHORT_VALUE_WORDS: f64 = 4.0;
/// The share of whole matches a column of short values needs.
const SHORT_WHOLE_SHARE: f64 = 0.5;
/// Bytes per value, at most, of short values: a value longer than this is
/// a blob (JSON without spaces, a token, a URL with a query) or prose, not a
/// name, an address or a code.
const SHORT_VALUE_BYTES: f64 = 64.0;
/// Words and bytes per value, at most, and share of whole matches, at
/// least, of a column whose name says what it holds (`street_address`):
/// structured.
const NAMED_VALUE_WORDS: f64 = 8.0;
const NAMED_VALUE_BYTES: f64 = 128.0;
const NAMED_WHOLE_SHARE: f64 = 0.3;

/// What classification found in one object.
#[derive(Debug, Clone)]
pub struct Classified {
    /// The object.
    pub meta: ObjectMeta,
    /// Its dataset (folder without partitions), for pooling.
    pub dataset: String,
    /// Its format.
    pub format: Format,
    /// Every leaf column: dotted path and Arrow type.
    pub columns: Vec<(String, String)>,
    /// What was found.
    pub findings: Vec<Found>,
    /// Per column path: the shape of its first values (empty when the
    /// findings come from a report).
    pub shapes: BTreeMap<String, Shape>,
    /// Its partition values, which are not in the file: by key, the value
    /// (`None`: null).
    pub partitions: Vec<(String, Option<String>)>,
    /// The table it is a file of, if any: columns, findings and shapes are
    /// named as the table names them, which may not be the file's names.
    pub table: Option<Arc<Table>>,
}

/// What happens to the values of one entity in a column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rule {
    /// The entity type; empty for a column the policy names without a finding.
    pub entity: String,
    /// The recognizer's slot in the classifier.
    pub slot: Option<usize>,
    /// The operator.
    pub operator: Operator,
}

/// What happens to one column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnPlan {
    /// Per entity, strongest finding first.
    pub rules: Vec<Rule>,
    /// Every value is replaced (by the first rule's operator when no
    /// recognizer takes it), not only recognized spans.
    pub structured: bool,
    /// An integer column: values stay integers.
    pub integer: bool,
    /// Why the column is treated as it is (structured or free text), for
    /// `--dry-run` and the summary.
    pub why: String,
}

impl ColumnPlan {
    /// The plan of every text value when restoring: `encrypt` undone,
    /// nothing else changed.
    pub fn restored() -> Self {
        Self { rules: Vec::new(), structured: false, integer: false, why: "restored".into() }
    }

    /// The slots of the rules, a bit each.
    pub fn slots(&self) -> u128 {
        self.rules.iter().filter_map(|r| r.slot).fold(0, |acc, s| acc | (1 << s))
    }

    /// The rule for a recognizer's slot.
    pub fn rule(&self, slot: usize) -> Option<&Rule> {
        self.rules.iter().find(|r| r.slot == Some(slot))
    }
}

/// What happens to one object: plain data, which a cluster's executor
/// copies the object by.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ObjectPlan {
    /// The object.
    #[serde(with = "meta")]
    pub meta: ObjectMeta,
    /// Its dataset.
    pub dataset: String,
    /// Its format.
    pub format: Format,
    /// Top-level columns left out of the copy.
    pub dropped: Vec<String>,
    /// Columns whose values change, by dotted path.
    pub columns: BTreeMap<String, ColumnPlan>,
    /// Its partition values, each with what happens to it.
    pub partitions: Vec<Partition>,
    /// Where the copy goes below DEST, when a partition value in the
    /// object's path changes (set when the plan is made: `partitions::retarget`).
    pub target: Option<String>,
    /// Its table's names of its columns, by file name, where the table maps
    /// them (Delta's column mapping names them `col-<uuid>`): its columns
    /// are planned by the table's names ([`ObjectPlan::logical`]).
    pub names: HashMap<String, String>,
}

impl ObjectPlan {
    /// A dotted column path of the file, by the name the plan gives it.
    pub fn logical<'a>(&self, path: &'a str) -> Cow<'a, str> {
        match self.names.is_empty() {
            true => path.into(),
            false => crate::source::table::logical(&self.names, path).into(),
        }
    }
}

/// An [`ObjectMeta`] as plain data ([`crate::pipeline::Meta`]).
mod meta {
    use object_store::ObjectMeta;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub(super) fn serialize<S: Serializer>(m: &ObjectMeta, s: S) -> Result<S::Ok, S::Error> {
        crate::pipeline::Meta::from(m).serialize(s)
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<ObjectMeta, D::Error> {
        Ok(ObjectMeta::from(&crate::pipeline::Meta::deserialize(d)?))
    }
}

/// A partition value of an object: outside the file, in a Hive-style
/// folder of its path (`contact=jane%40example.org`) or its Delta table's
/// log, and the same value for every row of the file. A partition column
/// that holds personal data is structured: every value is replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Partition {
    /// The partition column.
    pub key: String,
    /// The value (`None`: null).
    pub value: Option<String>,
    /// What happens to it, if anything.
    pub plan: Option<ColumnPlan>,
    /// The copy's value, once rewritten.
    pub copy: Option<String>,
}

/// Whether an Arrow type (as text) is one of the integer types the
/// classifier reads.
fn is_integer(data_type: &str) -> bool {
    matches!(data_type, "Int32" | "Int64" | "UInt32" | "UInt64")
        || data_type.starts_with("Decimal128(") && data_type.ends_with(", 0)")
}

/// Findings pooled per dataset and column: (dataset, column) -> entity ->
/// (score, matched, whole).
type Pooled<'a> = BTreeMap<(&'a str, &'a str), BTreeMap<&'a str, (f64, u64, u64)>>;

/// Plans every object: pools findings per dataset, then applies the policy.
pub fn plan(objects: Vec<Classified>, policy: &Policy, classifier: &Classifier) -> Result<Vec<ObjectPlan>> {
    let mut pooled: Pooled = BTreeMap::new();
    // (dataset, column) -> shape
    let mut shapes: BTreeMap<(&str, &str), Shape> = BTreeMap::new();
    for o in &objects {
        for f in &o.findings {
            let e = pooled.entry((&o.dataset, &f.column)).or_default().entry(&f.entity).or_default();
            *e = (e.0.max(f.score), e.1 + f.matched, e.2 + f.whole);
        }
        for (column, shape) in &o.shapes {
            shapes.entry((&o.dataset, column)).or_default().merge(shape);
        }
    }
    let found_in_partitions = classify_partitions(&objects, classifier);
    let mut plans = Vec::with_capacity(objects.len());
    for o in &objects {
        let mut columns = BTreeMap::new();
        let mut dropped = Vec::new();
        for (column, data_type) in &o.columns {
            let entities = ranked(pooled.get(&(o.dataset.as_str(), column.as_str())));
            let mut rules = rules(column, &entities, policy, classifier);
            let whole_share = entities.first().map(|(_, (_, matched, whole))| *whole as f64 / (*matched).max(1) as f64);
            let per_value = shapes.get(&(o.dataset.as_str(), column.as_str())).and_then(Shape::per_value);
            let fits = |words, bytes| per_value.is_some_and(|(w, b)| w <= words && b <= bytes);
            let short = fits(SHORT_VALUE_WORDS, SHORT_VALUE_BYTES);
            let named = entities.first().and_then(|(e, _)| classifier.named_by(column, e));
            let named_short = named.is_some() && fits(NAMED_VALUE_WORDS, NAMED_VALUE_BYTES);
            let mut structured = whole_share.is_some_and(|s| {
                s >= STRUCTURED_WHOLE_SHARE
                    || (short && s >= SHORT_WHOLE_SHARE)
                    || (named_short && s >= NAMED_WHOLE_SHARE)
            });
            let share = whole_share.unwrap_or(0.0) * 100.0;
            let mut shape = format!("{share:.0}% of its matches are whole values");
            if let Some((w, b)) = per_value {
                shape.push_str(&format!(", {w:.1} words and {b:.0} bytes a value"));
            }
            if let Some(word) = named {
                shape.push_str(&format!(", its name says '{word}'"));
            }
            let mut why = match structured {
                true => format!("structured ({shape}): every value replaced"),
                false => format!("free text ({shape}): recognized spans replaced"),
            };
            if rules.is_empty()
                && let Some(op) = policy.columns.get(column)
            {
                rules.push(Rule { entity: String::new(), slot: None, operator: op.clone() });
                structured = true;
                why = "named by the policy: every value replaced".into();
            }
            if rules.is_empty() || rules.iter().all(|r| r.operator == Operator::Keep) {
                continue;
            }
            if !structured
                && rules.iter().all(|r| r.operator != Operator::Drop)
                && policy.free_text.of(column, entities.iter().map(|(e, _)| *e)) == FreeText::Redact
            {
                rules.truncate(1);
                rules[0].operator = Operator::Redact;
                structured = true;
                why = format!("free text ({shape}): every value redacted, by the policy's [free_text]");
            }
            let integer = is_integer(data_type);
            let at = || format!("{}: column {column}", o.dataset);
            if rules.iter().any(|r| r.operator == Operator::Drop) {
                if !crate::classify::leaves::top_level(column) {
                    return Err(Error::Config(format!(
                        "policy: drop applies to top-level columns, and {} is nested; use redact",
                        at()
                    )));
                }
                dropped.push(column.clone());
                continue;
            }
            if !integer {
                refuse_pieces(&rules, &at())?;
            }
            if integer && rules.iter().any(|r| r.operator == Operator::Encrypt) {
                return Err(Error::Config(format!(
                    "policy: encrypt cannot keep the integer {} an integer; use tokenize or hash there",
                    at()
                )));
            }
            columns.insert(column.clone(), ColumnPlan { rules, structured, integer, why });
        }
        let mut partitions = Vec::with_capacity(o.partitions.len());
        for (key, value) in &o.partitions {
            let entities = ranked(found_in_partitions.get(&(o.dataset.as_str(), key.as_str())));
            let mut rules = rules(key, &entities, policy, classifier);
            if rules.is_empty()
                && let Some(op) = policy.columns.get(key)
            {
                rules.push(Rule { entity: String::new(), slot: None, operator: op.clone() });
            }
            let at = format!("{}: partition column {key}", o.dataset);
            if rules.iter().any(|r| r.operator == Operator::Drop) {
                return Err(Error::Config(format!(
                    "policy: drop cannot remove {at}: its values name the copy's folders; use redact, hash or tokenize"
                )));
            }
            refuse_pieces(&rules, &at)?;
            let plan = (!rules.is_empty() && rules.iter().any(|r| r.operator != Operator::Keep)).then(|| {
                let why = "a partition value: every value replaced".to_owned();
                ColumnPlan { rules, structured: true, integer: false, why }
            });
            partitions.push(Partition { key: key.clone(), value: value.clone(), plan, copy: value.clone() });
        }
        plans.push(ObjectPlan {
            meta: o.meta.clone(),
            dataset: o.dataset.clone(),
            format: o.format,
            dropped,
            columns,
            partitions,
            target: None,
            names: o.table.as_ref().map(|t| t.names.clone()).unwrap_or_default(),
        });
    }
    Ok(plans)
}

/// Pooled findings of a column, strongest first.
fn ranked<'a>(found: Option<&BTreeMap<&'a str, (f64, u64, u64)>>) -> Vec<(&'a str, (f64, u64, u64))> {
    let mut entities: Vec<(&str, (f64, u64, u64))> =
        found.map(|m| m.iter().map(|(e, s)| (*e, *s)).collect()).unwrap_or_default();
    entities.sort_by(|a, b| b.1.0.total_cmp(&a.1.0).then(a.0.cmp(b.0)));
    entities
}

/// The policy's rule for each entity found in `column`, strongest first.
fn rules(column: &str, entities: &[(&str, (f64, u64, u64))], policy: &Policy, classifier: &Classifier) -> Vec<Rule> {
    entities
        .iter()
        .map(|(entity, _)| Rule {
            entity: (*entity).to_owned(),
            slot: classifier.slot_of(entity),
            operator: policy.operator(column, entity).clone(),
        })
        .collect()
}

/// `generalize` keeps a piece of a value (a name's initial); it is refused
/// on text of entities it has no ranges for (`at` names the column).
fn refuse_pieces(rules: &[Rule], at: &str) -> Result<()> {
    let piece = |r: &&Rule| {
        matches!(r.operator, Operator::Generalize { .. })
            && !r.entity.is_empty()
            && !super::operators::GENERALIZED.contains(&r.entity.as_str())
    };
    match rules.iter().find(piece) {
        Some(r) => Err(Error::Config(format!(
            "policy: generalize would keep a piece of each {} value in {at}; it applies to {} and integer columns: use replace, mask, hash or tokenize there",
            r.entity,
            super::operators::GENERALIZED.join(", ")
        ))),
        None => Ok(()),
    }
}

/// The partition values of every dataset classified, a column per
/// partition key with each distinct value once, any match counting (a
/// handful of values is all there is), pooled by (dataset, key).
fn classify_partitions<'a>(objects: &'a [Classified], classifier: &Classifier) -> Pooled<'a> {
    let mut values: BTreeMap<(&str, &str), BTreeSet<&str>> = BTreeMap::new();
    for o in objects {
        for (key, value) in &o.partitions {
            let distinct = values.entry((&o.dataset, key)).or_default();
            distinct.extend(value.as_deref());
        }
    }
    let mut found = BTreeMap::new();
    for ((dataset, key), distinct) in values {
        let entities: BTreeMap<&str, (f64, u64, u64)> = crate::classify::any_match(classifier, key, distinct)
            .into_iter()
            .map(|f| (f.entity, (f.score, f.matched, f.whole)))
            .collect();
        if !entities.is_empty() {
            found.insert((dataset, key), entities);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::ClassifySettings;

    fn object(dataset: &str, name: &str, columns: &[(&str, &str)], findings: &[(&str, &str, u64, u64)]) -> Classified {
        Classified {
            meta: ObjectMeta {
                location: name.into(),
                last_modified: chrono::DateTime::UNIX_EPOCH,
                size: 1,
                e_tag: None,
                version: None,
            },
            dataset: dataset.into(),
            format: Format::Parquet,
            columns: columns.iter().map(|(c, t)| ((*c).to_owned(), (*t).to_owned())).collect(),
            findings: findings
                .iter()
                .map(|(c, e, m, w)| Found {
                    column: (*c).into(),
                    entity: (*e).into(),
                    score: 0.9,
                    matched: *m,
                    whole: *w,
                })
                .collect(),
            shapes: BTreeMap::new(),
            partitions: Vec::new(),
            table: None,
        }
    }

    #[test]
    fn findings_are_pooled_per_dataset_and_the_policy_applied() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let cols = [("email", "Utf8"), ("note", "Utf8"), ("card", "Int64"), ("id", "Utf8")];
        let objects = vec![
            object(
                "d",
                "d/p=1/a.parquet",
                &cols,
                &[("email", "EMAIL_ADDRESS", 10, 10), ("note", "EMAIL_ADDRESS", 5, 0)],
            ),
            object("d", "d/p=2/b.parquet", &cols, &[("card", "CREDIT_CARD", 10, 10)]),
        ];
        let policy: Policy =
            toml::from_str("[columns.id]\noperator = \"hash\"\n[entities.CREDIT_CARD]\noperator = \"mask\"").unwrap();
        let plans = plan(objects, &policy, &c).unwrap();
        for p in &plans {
            assert_eq!(p.columns.keys().collect::<Vec<_>>(), ["card", "email", "id", "note"], "pooled over partitions");
            assert!(p.columns["email"].structured && !p.columns["note"].structured);
            assert!(p.columns["card"].integer);
            assert_eq!(p.columns["id"].rules[0].operator, Operator::Hash);
            assert_eq!(p.columns["email"].rules[0].operator, Operator::Replace { value: None });
        }
    }

    #[test]
    fn short_values_are_few_words_and_few_bytes() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        // Six matches in ten are whole values: structured when the values
        // are short, free text when they are long single tokens.
        let decide = |words: u64, bytes: u64| {
            let mut o = object("d", "d/a.parquet", &[("who", "Utf8")], &[("who", "PERSON", 10, 6)]);
            o.shapes.insert("who".into(), Shape { values: 100, words, bytes });
            let plans = plan(vec![o], &Policy::default(), &c).unwrap();
            (plans[0].columns["who"].structured, plans[0].columns["who"].why.clone())
        };
        let (structured, why) = decide(200, 1_500);
        assert!(structured && why.contains("2.0 words and 15 bytes a value"), "{why}");
        assert!(!decide(100, 9_000).0, "one 90-byte token a value is no name");
        assert!(!decide(600, 4_000).0, "six words a value is prose");
    }

    #[test]
    fn impossible_policies_are_refused_at_plan_time() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let objects = vec![object("d", "d/a.parquet", &[("card", "Int64")], &[("card", "CREDIT_CARD", 3, 3)])];
        let policy: Policy = toml::from_str("[entities.CREDIT_CARD]\noperator = \"encrypt\"").unwrap();
        let err = plan(objects.clone(), &policy, &c).unwrap_err().to_string();
        assert!(err.contains("encrypt cannot keep the integer d: column card"), "{err}");
        let names = vec![object("d", "d/a.parquet", &[("who", "Utf8")], &[("who", "PERSON", 3, 3)])];
        let policy: Policy = toml::from_str("default = \"generalize\"").unwrap();
        let err = plan(names, &policy, &c).unwrap_err().to_string();
        assert!(err.contains("generalize would keep a piece of each PERSON value in d: column who"), "{err}");
        let policy: Policy = toml::from_str("[entities.CREDIT_CARD]\noperator = \"generalize\"").unwrap();
        assert!(plan(objects.clone(), &policy, &c).is_ok(), "integers go to ranges");
        let nested = vec![object("d", "d/a.parquet", &[("u.mail", "Utf8")], &[("u.mail", "EMAIL_ADDRESS", 3, 3)])];
        let policy: Policy = toml::from_str("[entities.EMAIL_ADDRESS]\noperator = \"drop\"").unwrap();
        assert!(plan(nested, &policy, &c).unwrap_err().to_string().contains("top-level"));
        let policy: Policy = toml::from_str("[columns.card]\noperator = \"drop\"").unwrap();
        assert_eq!(plan(objects, &policy, &c).unwrap()[0].dropped, ["card"]);
    }
}
