//! Partition values, which are data outside the files. A Hive-style folder
//! (`contact=jane%40example.org/part-0.parquet`, as Spark, pyarrow, DuckDB
//! and delta-rs write them) holds a value of every row of the files in it,
//! and a Delta table's log holds the same value again (`partitionValues`).
//! A copy that rewrote the files but kept their folders and those log
//! entries would keep every such value. So partition columns are planned
//! like columns ([`super::plan`]); each object's copy is written under
//! folders named by the copy's values ([`retarget`]), and a Delta table's
//! copy logs those values.

use super::plan::{ObjectPlan, Partition};
use super::rewrite::Rewrite;
use crate::source::{Location, Names, hive_folder};
use object_store::path::Path;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::collections::{BTreeMap, HashSet};

/// What a folder's value escapes: all but letters, digits and `-_.`
/// (Hive escapes fewer; unescaping is the same).
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.');

/// The folder name of a partition value.
fn folder(key: &str, value: Option<&str>) -> String {
    let value =
        value.map_or_else(|| crate::source::HIVE_NULL.to_owned(), |v| utf8_percent_encode(v, ESCAPED).to_string());
    format!("{}={value}", utf8_percent_encode(key, ESCAPED))
}

/// The partition values of an object of SOURCE: those its Delta table's log
/// gives (`delta`), or else those of the Hive-style folders of its path below
/// SOURCE.
pub(super) fn of(source: &Location, path: &Path, delta: Option<&serde_json::Value>) -> Vec<(String, Option<String>)> {
    if let Some(serde_json::Value::Object(values)) = delta {
        return values.iter().map(|(k, v)| (k.clone(), v.as_str().map(str::to_owned))).collect();
    }
    crate::source::hive_partitions(&source.prefix, path)
}

/// Rewrites each object's partition values by its plan and, where a
/// folder of its path below SOURCE names a rewritten value, sets where its
/// copy goes: the same path with the folder named by the copy's value.
/// Copies that would land on one path (a value masked alike, or redacted)
/// keep apart by a suffix to the file name (`part-0_2.parquet`), given in
/// the order of the source paths, so a re-run names them alike.
pub(super) fn retarget(plans: &mut [ObjectPlan], rewrite: &Rewrite, source: &Location) {
    let mut taken: HashSet<String> = HashSet::new();
    let mut moved: BTreeMap<Path, usize> = BTreeMap::new();
    for (i, plan) in plans.iter_mut().enumerate() {
        if plan.partitions.iter().all(|p| p.plan.is_none()) {
            taken.insert(super::relative(source, &plan.meta.location));
            continue;
        }
        let mut rewriter = rewrite.rewriter(plan);
        let copies: Vec<Option<String>> = plan
            .partitions
            .iter()
            .map(|p| match &p.plan {
                Some(c) => rewriter.partition_value(c, p.value.as_deref()),
                None => p.value.clone(),
            })
            .collect();
        let parts: Vec<String> =
            plan.meta.location.parts().skip(source.prefix.parts().count()).map(|p| p.as_ref().to_owned()).collect();
        let mut renamed = parts.clone();
        for name in renamed.iter_mut().take(parts.len().saturating_sub(1)) {
            let Some((key, value)) = hive_folder(name) else { continue };
            let Some(Partition { plan: Some(c), .. }) = plan.partitions.iter().find(|p| p.key == key) else {
                continue;
            };
            *name = folder(&key, rewriter.partition_value(c, value.as_deref()).as_deref());
        }
        drop(rewriter);
        for (p, copy) in plan.partitions.iter_mut().zip(copies) {
            p.copy = copy;
        }
        if renamed != parts {
            moved.insert(plan.meta.location.clone(), i);
            plan.target = Some(renamed.join("/"));
        } else {
            taken.insert(super::relative(source, &plan.meta.location));
        }
    }
    for i in moved.into_values() {
        let target = plans[i].target.take().expect("a moved object");
        let mut n = 1;
        let mut candidate = target.clone();
        while !taken.insert(candidate.clone()) {
            n += 1;
            candidate = numbered(&target, n);
        }
        plans[i].target = Some(candidate);
    }
}

/// `path` with `_n` after its file name's stem (before its first dot):
/// `a/part-0.snappy.parquet` becomes `a/part-0_2.snappy.parquet`.
fn numbered(path: &str, n: usize) -> String {
    let (folder, name) = path.rsplit_once('/').map_or(("", path), |(f, n)| (f, n));
    let (stem, rest) = name.split_once('.').map_or((name, String::new()), |(s, r)| (s, format!(".{r}")));
    let name = format!("{stem}_{n}{rest}");
    if folder.is_empty() { name } else { format!("{folder}/{name}") }
}

/// `names` (as a scan finds them) and the partition columns whose values
/// the plans replace: their folder names are masked wherever SOURCE's
/// objects are named.
pub(super) fn names(plans: &[ObjectPlan], mut names: Names) -> Names {
    for part in plans.iter().flat_map(|p| &p.partitions) {
        if let Some(plan) = &part.plan {
            let entity = plan.rules.first().map(|r| r.entity.as_str()).filter(|e| !e.is_empty());
            names.mask_column(&part.key, entity.unwrap_or("PERSONAL_DATA"));
        }
    }
    names
}

/// Where the copy of the object `plan` is for goes in DEST.
pub(super) fn copy_path(source: &Location, plan: &ObjectPlan, dest: &Location) -> Path {
    match &plan.target {
        // The parts as they are named (source parts, and escaped folders).
        Some(target) => Path::parse(format!("{}/{target}", dest.prefix)).expect("names of valid parts"),
        None => super::rebased(source, &plan.meta.location, dest),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_round_trip() {
        for value in [Some("jane@example.org"), Some("a/b=c%d"), Some("<EMAIL_ADDRESS>"), Some("Zoë ***"), None] {
            let name = folder("contact", value);
            assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || "-_.%=".contains(c)), "{name}");
            assert_eq!(hive_folder(&name), Some(("contact".to_owned(), value.map(str::to_owned))));
        }
    }

    #[test]
    fn numbered_names_keep_their_extensions() {
        assert_eq!(numbered("a=1/part-0.snappy.parquet", 2), "a=1/part-0_2.snappy.parquet");
        assert_eq!(numbered("data", 3), "data_3");
        assert_eq!(numbered("x.csv.gz", 2), "x_2.csv.gz");
    }
}
