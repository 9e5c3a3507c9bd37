//! Object names that hold personal data. A Hive-style folder names a value
//! of every row below it (`contact=jane%40example.org/part-0.parquet`);
//! where that partition column holds personal data, the name must not leave
//! through a report, a log, progress output or a copy's manifest any more
//! than the value itself. [`Names`] masks such folder names in paths and
//! URLs: `contact=<EMAIL_ADDRESS:1a2b3c4d>`, the entity and the first 32
//! bits of the SHA-256 of the folder name, so that an object keeps one name
//! from run to run and two values keep two names. Those 32 bits can confirm
//! a guessed value, as a masked example can hint at one; they cannot give
//! the value back.

use sha2::{Digest, Sha256};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The partition columns whose folder names are masked, each with the
/// entity it holds.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Names {
    entities: BTreeMap<String, String>,
}

impl Names {
    /// Masks the folders of partition column `key`, which hold `entity`.
    pub fn mask_column(&mut self, key: &str, entity: &str) {
        self.entities.entry(key.to_owned()).or_insert_with(|| entity.to_owned());
    }

    /// Whether no folder name is masked.
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// `name` (a path or URL) with the value of every folder of a masked
    /// partition column masked.
    pub fn mask<'a>(&self, name: &'a str) -> Cow<'a, str> {
        if self.entities.is_empty() || !name.contains('=') {
            return name.into();
        }
        let mut changed = false;
        let parts: Vec<Cow<str>> = name
            .split('/')
            .map(|part| match super::hive_folder(part).and_then(|(key, _)| self.entities.get(&key)) {
                Some(entity) => {
                    changed = true;
                    let (key, _) = part.split_once('=').expect("a partition folder");
                    let digest = Sha256::digest(part.as_bytes());
                    format!("{key}=<{entity}:{}>", hex::encode(&digest[..4])).into()
                }
                None => part.into(),
            })
            .collect();
        match changed {
            true => parts.join("/").into(),
            false => name.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_of_masked_columns_are_masked_and_kept_apart() {
        let mut names = Names::default();
        assert_eq!(
            names.mask("s3://b/t/contact=jane%40example.org/0.parquet"),
            "s3://b/t/contact=jane%40example.org/0.parquet"
        );
        names.mask_column("contact", "EMAIL_ADDRESS");
        let jane = names.mask("s3://b/t/contact=jane%40example.org/dt=2026-01-01/0.parquet");
        let john = names.mask("s3://b/t/contact=john%40example.org/dt=2026-01-01/0.parquet");
        assert!(
            jane.starts_with("s3://b/t/contact=<EMAIL_ADDRESS:") && jane.ends_with(">/dt=2026-01-01/0.parquet"),
            "{jane}"
        );
        assert!(!jane.contains("jane") && jane != john, "{jane} {john}");
        assert_eq!(names.mask("s3://b/t/contact=jane%40example.org/dt=2026-01-01/0.parquet"), jane, "stable");
        assert_eq!(names.mask("t/region=eu/0.parquet"), "t/region=eu/0.parquet");
    }
}
