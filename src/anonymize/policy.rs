//! The anonymization policy: which operator each entity type (or column)
//! gets, read from TOML, with a built-in default that needs no key.
//!
//! ```toml
//! default = "replace"                  # entities not listed below
//! [entities.EMAIL_ADDRESS]
//! operator = "tokenize"
//! [entities.CREDIT_CARD]
//! operator = "mask"
//! keep_last = 4
//! [entities.DATE_TIME]
//! operator = "generalize"
//! level = "year"
//! [columns."notes"]                    # a column path, in every dataset
//! operator = "drop"
//! ```

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What happens to a value (or a span of free text) of one entity type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "operator", rename_all = "snake_case", deny_unknown_fields)]
pub enum Operator {
    /// A whole value becomes null; a span inside text is removed.
    Redact,
    /// The value becomes `value`, by default `<ENTITY>`.
    Replace {
        /// The replacement; `None`: the entity's name in angle brackets.
        #[serde(default)]
        value: Option<String>,
    },
    /// Letters and digits become `char`, but the first `keep_first` and the
    /// last `keep_last` (never more than half of them, the last ones
    /// first, and none of a credential's); separators stay.
    Mask {
        /// The masking character (`0` in integer columns).
        #[serde(default = "star")]
        char: char,
        /// Letters and digits kept at the start.
        #[serde(default)]
        keep_first: usize,
        /// Letters and digits kept at the end.
        #[serde(default = "four")]
        keep_last: usize,
    },
    /// Keyed HMAC-SHA-256, as hex (digits of the same length in integer columns).
    Hash,
    /// A deterministic, format-preserving token: the same value gives the
    /// same token everywhere; digits stay digits, letters letters, emails
    /// stay emails and checksums stay valid.
    Tokenize,
    /// Deterministic, reversible encryption (AES-SIV), undone by `deanonymize`.
    Encrypt,
    /// Less precise: dates to a year or month, codes to a prefix, numbers
    /// to ranges.
    Generalize {
        /// `year` or `month`, for dates.
        #[serde(default)]
        level: Option<DateLevel>,
        /// Characters of a code kept (postcodes: the outward code by default).
        #[serde(default)]
        keep: Option<usize>,
        /// Width of a number's range.
        #[serde(default = "ten")]
        bucket: u64,
    },
    /// Left as it is.
    Keep,
    /// The column is left out of the copy.
    Drop,
}

fn star() -> char {
    '*'
}
fn four() -> usize {
    4
}
fn ten() -> u64 {
    10
}

/// How far `generalize` rounds a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateLevel {
    /// `1985`.
    Year,
    /// `1985-04`.
    Month,
}

impl Operator {
    /// The operator's name, as the policy and the summary write it.
    pub fn name(&self) -> &'static str {
        match self {
            Operator::Redact => "redact",
            Operator::Replace { .. } => "replace",
            Operator::Mask { .. } => "mask",
            Operator::Hash => "hash",
            Operator::Tokenize => "tokenize",
            Operator::Encrypt => "encrypt",
            Operator::Generalize { .. } => "generalize",
            Operator::Keep => "keep",
            Operator::Drop => "drop",
        }
    }

    /// Whether the operator needs the key.
    pub fn needs_key(&self) -> bool {
        matches!(self, Operator::Hash | Operator::Tokenize | Operator::Encrypt)
    }
}

/// A policy file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// The operator of entities not listed.
    #[serde(default = "default_operator", deserialize_with = "operator_or_name")]
    pub default: Operator,
    /// Operators by entity type.
    #[serde(default)]
    pub entities: BTreeMap<String, Operator>,
    /// Operators by column path (`notes`, `user.email`), in every dataset,
    /// over the entity's.
    #[serde(default)]
    pub columns: BTreeMap<String, Operator>,
    /// What happens to free text (`[free_text]`).
    #[serde(default)]
    pub free_text: FreeTextPolicy,
}

/// What happens to a free-text column (prose, log lines) with a finding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FreeText {
    /// Its recognized spans are replaced, the rest of each value kept.
    #[default]
    Spans,
    /// Every non-null value is redacted whole: for data where what the
    /// recognizers miss in the text is a risk not worth taking.
    Redact,
}

/// `[free_text]`: `default`, then by entity type, then by column path.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreeTextPolicy {
    /// For free text not named below.
    #[serde(default)]
    pub default: FreeText,
    /// By entity type found in the column (any of them asking `redact` wins).
    #[serde(default)]
    pub entities: BTreeMap<String, FreeText>,
    /// By column path, over the entities'.
    #[serde(default)]
    pub columns: BTreeMap<String, FreeText>,
}

impl FreeTextPolicy {
    /// The treatment of the free-text column `column` holding `entities`.
    pub fn of<'a>(&self, column: &str, mut entities: impl Iterator<Item = &'a str>) -> FreeText {
        if let Some(t) = self.columns.get(column) {
            return *t;
        }
        match entities.any(|e| self.entities.get(e) == Some(&FreeText::Redact)) {
            true => FreeText::Redact,
            false => self.default,
        }
    }
}

fn default_operator() -> Operator {
    Operator::Replace { value: None }
}

/// `default = "replace"` or `default = { operator = "mask", keep_last = 2 }`.
fn operator_or_name<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Operator, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Either {
        Name(String),
        Full(Operator),
    }
    match Either::deserialize(d)? {
        Either::Full(op) => Ok(op),
        Either::Name(name) => {
            let table = toml::Table::from_iter([("operator".to_owned(), toml::Value::String(name))]);
            Operator::deserialize(table).map_err(serde::de::Error::custom)
        }
    }
}

impl Default for Policy {
    /// `replace` for every entity (`<EMAIL_ADDRESS>`; null in integer
    /// columns): no key needed, nothing recoverable.
    fn default() -> Self {
        Self {
            default: default_operator(),
            entities: BTreeMap::new(),
            columns: BTreeMap::new(),
            free_text: FreeTextPolicy::default(),
        }
    }
}

impl Policy {
    /// Reads a policy file; `known` are the catalog's entity names.
    pub fn load(path: &std::path::Path, known: &[&str]) -> Result<Self> {
        let text = crate::limits::read_input(path, "policy", crate::limits::CONFIG_FILE_BYTES)?;
        let mut policy: Self = toml::from_str(&text).map_err(|e| {
            Error::Config(format!("policy {}: {}", path.display(), crate::limits::toml_error(&text, &e)))
        })?;
        // Entities may be named by their old names (see `catalog::entity_name`).
        policy.entities = std::mem::take(&mut policy.entities)
            .into_iter()
            .map(|(e, op)| (crate::classify::catalog::entity_name(&e).to_owned(), op))
            .collect();
        if let Some(unknown) = policy.entities.keys().find(|e| !known.contains(&e.as_str())) {
            return Err(Error::Config(format!("policy {}: unknown entity type {unknown}", path.display())));
        }
        let bad = |op: &Operator| match op {
            Operator::Generalize { bucket: 0, .. } => Some("generalize's bucket must be at least 1"),
            Operator::Mask { char, .. } if char.is_alphanumeric() && !char.is_ascii_digit() => {
                Some("mask's char must not be a letter")
            }
            _ => None,
        };
        let all = std::iter::once(&policy.default).chain(policy.entities.values()).chain(policy.columns.values());
        if let Some(why) = all.filter_map(bad).next() {
            return Err(Error::Config(format!("policy {}: {why}", path.display())));
        }
        if matches!(policy.default, Operator::Drop) {
            return Err(Error::Config(format!(
                "policy {}: drop cannot be the default (name the columns to drop)",
                path.display()
            )));
        }
        Ok(policy)
    }

    /// The operator for `entity` in column `column`.
    pub fn operator(&self, column: &str, entity: &str) -> &Operator {
        self.columns.get(column).or_else(|| self.entities.get(entity)).unwrap_or(&self.default)
    }

    /// Whether any operator needs the key.
    pub fn needs_key(&self) -> bool {
        std::iter::once(&self.default)
            .chain(self.entities.values())
            .chain(self.columns.values())
            .any(Operator::needs_key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Policy> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.toml");
        std::fs::write(&path, text).unwrap();
        Policy::load(&path, &["EMAIL_ADDRESS", "CREDIT_CARD", "DATE_TIME"])
    }

    #[test]
    fn operators_parse_with_their_defaults() {
        let p = load(
            "default = \"mask\"\n[entities.EMAIL_ADDRESS]\noperator = \"tokenize\"\n\
             [entities.DATE_TIME]\noperator = \"generalize\"\nlevel = \"month\"\n[columns.notes]\noperator = \"drop\"\n",
        )
        .unwrap();
        assert_eq!(p.default, Operator::Mask { char: '*', keep_first: 0, keep_last: 4 });
        assert_eq!(p.operator("email", "EMAIL_ADDRESS"), &Operator::Tokenize);
        assert_eq!(p.operator("notes", "EMAIL_ADDRESS"), &Operator::Drop);
        assert_eq!(
            p.operator("dob", "DATE_TIME"),
            &Operator::Generalize { level: Some(DateLevel::Month), keep: None, bucket: 10 }
        );
        assert!(p.needs_key());
        assert!(!Policy::default().needs_key());
        let full = load("default = { operator = \"replace\", value = \"[x]\" }").unwrap();
        assert_eq!(full.default, Operator::Replace { value: Some("[x]".into()) });
    }

    #[test]
    fn bad_policies_say_what_is_wrong() {
        for (text, says) in [
            ("[entities.EMAIL]\noperator = \"mask\"", "unknown entity type EMAIL"),
            ("[entities.EMAIL_ADDRESS]\noperator = \"scramble\"", "scramble"),
            ("[entities.EMAIL_ADDRESS]\noperator = \"mask\"\nkeep_lst = 2", "keep_lst"),
            ("default = \"drop\"", "drop cannot be the default"),
            ("[entities.CREDIT_CARD]\noperator = \"generalize\"\nbucket = 0", "bucket"),
        ] {
            let err = load(text).unwrap_err();
            assert!(err.to_string().contains(says), "{text}: {err}");
            assert_eq!(err.exit_status(), crate::status::ExitStatus::Usage);
        }
    }
}
