//! Drift and anomalies, raised at the end of every scan against the earlier
//! scans of the same source: personal data in a column that never had any,
//! a jump in a column's match ratio or a dataset's exposed objects beyond a
//! robust threshold (median + k × MAD of the history), a column whose type
//! changed, a dataset that disappeared. [`evaluate`] is pure; [`History`]
//! is read from the report with DataFusion.

use crate::error::Result;
use crate::report::cells;
use datafusion::prelude::SessionContext;
use datafusion::scalar::ScalarValue;
use std::collections::{BTreeMap, BTreeSet};

/// How many robust standard deviations a value must exceed the median by.
pub const K: f64 = 3.0;
/// Least spread assumed for match ratios (a steady history has a MAD of 0).
const MIN_RATIO_SPREAD: f64 = 0.05;
/// Least spread assumed for counts of exposed objects.
const MIN_COUNT_SPREAD: f64 = 1.0;
/// Earlier scans needed before a jump can be judged.
const MIN_HISTORY: usize = 2;

/// (dataset, column, entity type).
pub type Key = (String, String, String);

/// What a scan saw, as alerts compare it.
#[derive(Debug, Default)]
pub struct Observed {
    /// Match ratio (matched / sampled values) per column and entity.
    pub ratios: BTreeMap<Key, f64>,
    /// Objects with any finding, per dataset.
    pub exposed: BTreeMap<String, u64>,
    /// The types of every column, per (dataset, column): a dataset may
    /// hold the same column as text in its CSV objects and as a number in
    /// its Parquet ones.
    pub types: BTreeMap<(String, String), BTreeSet<String>>,
    /// Every dataset with an object listed.
    pub datasets: BTreeSet<String>,
    /// The first objects (by name) holding each column's entity, and how
    /// many hold it.
    pub holders: BTreeMap<Key, (Vec<String>, u64)>,
    /// The first objects (by name) with any finding, per dataset (`exposed`
    /// counts them).
    pub exposed_objects: BTreeMap<String, Vec<String>>,
}

/// ` in 3 objects: a.parquet, b.parquet, c.parquet`, or nothing.
fn where_(dataset: &str, objects: Option<&(Vec<String>, u64)>) -> String {
    match objects.filter(|(o, _)| !o.is_empty()) {
        Some((o, n)) => {
            format!(" in {n} object{}: {}", if *n == 1 { "" } else { "s" }, super::named_objects(dataset, o, *n))
        }
        None => String::new(),
    }
}

/// The earlier scans of a source, oldest first.
#[derive(Debug, Default)]
pub struct History {
    /// How many.
    pub scans: usize,
    /// The `decision_expired` alerts they raised: (finding id, detail).
    pub expired_raised: BTreeSet<(String, String)>,
    /// Per column and entity, its match ratio in each earlier scan that
    /// found it, with the scan's position (a column that held nothing, or
    /// did not exist yet, says nothing about its usual ratio).
    pub ratios: BTreeMap<Key, Vec<(usize, f64)>>,
    /// Per dataset, its exposed objects in each earlier scan that found some.
    pub exposed: BTreeMap<String, Vec<(usize, f64)>>,
    /// (dataset, column) that ever held personal data.
    pub pii_columns: BTreeSet<(String, String)>,
    /// Column types in the last earlier scan.
    pub last_types: BTreeMap<(String, String), BTreeSet<String>>,
    /// Datasets in the last earlier scan.
    pub last_datasets: BTreeSet<String>,
}

/// One alert.
#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// The dataset.
    pub dataset: String,
    /// The column, when the alert is about one.
    pub column: Option<String>,
    /// The entity type, when the alert is about one.
    pub entity_type: Option<String>,
    /// `new_pii`, `match_ratio_jump`, `exposed_objects_jump`, `type_changed`, `dataset_disappeared`.
    pub kind: &'static str,
    /// In words (never a value).
    pub detail: String,
    /// The threshold or earlier state compared against.
    pub baseline: Option<f64>,
    /// What this scan saw.
    pub observed: Option<f64>,
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

fn values(history: &[(usize, f64)]) -> Vec<f64> {
    history.iter().map(|(_, v)| *v).collect()
}

/// median + k × max(1.4826 × MAD, `floor`): above it a value is an anomaly.
pub fn threshold(history: &[f64], k: f64, floor: f64) -> f64 {
    let mut v = history.to_vec();
    let m = median(&mut v);
    let mut deviations: Vec<f64> = history.iter().map(|x| (x - m).abs()).collect();
    let mad = median(&mut deviations);
    m + k * (1.4826 * mad).max(floor)
}

/// The alerts of a scan; none for the first scan of a source (it sets the baseline).
pub fn evaluate(history: &History, now: &Observed, k: f64) -> Vec<Alert> {
    let mut out = Vec::new();
    if history.scans == 0 {
        return out;
    }
    let mut new_columns = BTreeSet::new();
    for ((dataset, column, entity), ratio) in &now.ratios {
        let key = (dataset.clone(), column.clone());
        if !history.pii_columns.contains(&key) && new_columns.insert(key) {
            out.push(Alert {
                dataset: dataset.clone(),
                column: Some(column.clone()),
                entity_type: Some(entity.clone()),
                kind: "new_pii",
                detail: format!(
                    "{column} holds {entity} ({:.1}% of values){}; no earlier scan found personal data there",
                    ratio * 100.0,
                    where_(dataset, now.holders.get(&(dataset.clone(), column.clone(), entity.clone())))
                ),
                baseline: Some(0.0),
                observed: Some(*ratio),
            });
            continue;
        }
        let past = history.ratios.get(&(dataset.clone(), column.clone(), entity.clone()));
        if let Some(past) = past.filter(|p| p.len() >= MIN_HISTORY) {
            let limit = threshold(&values(past), k, MIN_RATIO_SPREAD);
            if *ratio > limit {
                out.push(Alert {
                    dataset: dataset.clone(),
                    column: Some(column.clone()),
                    entity_type: Some(entity.clone()),
                    kind: "match_ratio_jump",
                    detail: format!(
                        "{entity} in {:.1}% of {column}'s values, above {:.1}% (median + {k} MAD){}",
                        ratio * 100.0,
                        limit * 100.0,
                        where_(dataset, now.holders.get(&(dataset.clone(), column.clone(), entity.clone())))
                    ),
                    baseline: Some(limit),
                    observed: Some(*ratio),
                });
            }
        }
    }
    for (dataset, objects) in &now.exposed {
        if let Some(past) = history.exposed.get(dataset).filter(|p| p.len() >= MIN_HISTORY) {
            let limit = threshold(&values(past), k, MIN_COUNT_SPREAD);
            if *objects as f64 > limit {
                out.push(Alert {
                    dataset: dataset.clone(),
                    column: None,
                    entity_type: None,
                    kind: "exposed_objects_jump",
                    detail: format!(
                        "{objects} objects expose personal data, above {limit:.1} (median + {k} MAD): {}",
                        super::named_objects(dataset, now.exposed_objects.get(dataset).map_or(&[], |o| o), *objects)
                    ),
                    baseline: Some(limit),
                    observed: Some(*objects as f64),
                });
            }
        }
    }
    for ((dataset, column), was) in &history.last_types {
        if let Some(is) = now.types.get(&(dataset.clone(), column.clone()))
            && is != was
        {
            let shown = |types: &BTreeSet<String>| types.iter().map(String::as_str).collect::<Vec<_>>().join(" or ");
            out.push(Alert {
                dataset: dataset.clone(),
                column: Some(column.clone()),
                entity_type: None,
                kind: "type_changed",
                detail: format!("{column} was {}, is {}", shown(was), shown(is)),
                baseline: None,
                observed: None,
            });
        }
    }
    for dataset in history.last_datasets.difference(&now.datasets) {
        out.push(Alert {
            dataset: dataset.clone(),
            column: None,
            entity_type: None,
            kind: "dataset_disappeared",
            detail: "no object of the dataset was listed; the last scan had some".into(),
            baseline: None,
            observed: None,
        });
    }
    out
}

impl History {
    /// The earlier scans of `source` in the session's report tables.
    pub async fn load(ctx: &SessionContext, source: &str) -> Result<Self> {
        let mut h = History::default();
        if !ctx.table_exist("scans")? || !ctx.table_exist("findings")? {
            return Ok(h);
        }
        let param = || vec![ScalarValue::Utf8(Some(source.to_owned()))];
        let run = |sql: &'static str, params: Vec<ScalarValue>| async move {
            ctx.sql(sql).await?.with_param_values(params)?.collect().await
        };
        let scans = run("SELECT scan_id FROM scans WHERE source = $1 ORDER BY started_at", param()).await?;
        let mut ids: Vec<String> = Vec::new();
        for b in &scans {
            ids.extend(cells::<String>(b, "scan_id")?);
        }
        if ctx.table_exist("alerts")? {
            let sql = "SELECT a.finding_id, a.detail FROM alerts a JOIN scans s ON s.scan_id = a.scan_id \
                       WHERE s.source = $1 AND a.kind = 'decision_expired' AND a.finding_id IS NOT NULL";
            for b in run(sql, param()).await? {
                let raised = cells::<String>(&b, "finding_id")?.into_iter().zip(cells::<String>(&b, "detail")?);
                h.expired_raised.extend(raised);
            }
        }
        h.scans = ids.len();
        let Some(last) = ids.last().cloned() else { return Ok(h) };
        let position: BTreeMap<&str, usize> = ids.iter().enumerate().map(|(i, id)| (id.as_str(), i)).collect();
        let per_column = run(
            "SELECT scan_id, dataset, \"column\", entity_type, sum(matched_values) AS m, sum(sampled_values) AS s \
             FROM findings WHERE source = $1 GROUP BY scan_id, dataset, \"column\", entity_type",
            param(),
        )
        .await?;
        for b in &per_column {
            let (scan, dataset) = (cells::<String>(b, "scan_id")?, cells::<String>(b, "dataset")?);
            let column = cells::<String>(b, "column")?;
            let (entity, m, s) = (cells::<String>(b, "entity_type")?, cells::<u64>(b, "m")?, cells::<u64>(b, "s")?);
            let rows = scan.iter().zip(dataset).zip(column).zip(entity).zip(m.into_iter().zip(s));
            for ((((scan, dataset), column), entity), (m, s)) in rows {
                let Some(&at) = position.get(scan.as_str()) else { continue };
                h.pii_columns.insert((dataset.clone(), column.clone()));
                h.ratios.entry((dataset, column, entity)).or_default().push((at, m as f64 / s.max(1) as f64));
            }
        }
        let exposed = run(
            "SELECT scan_id, dataset, count(DISTINCT object) AS n FROM findings WHERE source = $1 GROUP BY scan_id, dataset",
            param(),
        )
        .await?;
        for b in &exposed {
            let (scan, dataset, n) =
                (cells::<String>(b, "scan_id")?, cells::<String>(b, "dataset")?, cells::<u64>(b, "n")?);
            for ((scan, dataset), n) in scan.iter().zip(dataset).zip(n) {
                let Some(&at) = position.get(scan.as_str()) else { continue };
                h.exposed.entry(dataset).or_default().push((at, n as f64));
            }
        }
        let last_param = || vec![ScalarValue::Utf8(Some(last.clone()))];
        if ctx.table_exist("columns")? {
            let types =
                run("SELECT DISTINCT dataset, \"column\", data_type FROM columns WHERE scan_id = $1", last_param())
                    .await?;
            for b in &types {
                let (dataset, column) = (cells::<String>(b, "dataset")?, cells::<String>(b, "column")?);
                for ((dataset, column), data_type) in
                    dataset.into_iter().zip(column).zip(cells::<String>(b, "data_type")?)
                {
                    h.last_types.entry((dataset, column)).or_default().insert(data_type);
                }
            }
        }
        if ctx.table_exist("objects")? {
            let datasets = run("SELECT DISTINCT dataset FROM objects WHERE scan_id = $1", last_param()).await?;
            for b in &datasets {
                h.last_datasets.extend(cells::<String>(b, "dataset")?);
            }
        }
        Ok(h)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: &str, e: &str) -> Key {
        ("d".into(), c.into(), e.into())
    }

    #[test]
    fn thresholds_are_robust() {
        assert!((threshold(&[0.1, 0.1, 0.1], 3.0, 0.05) - 0.25).abs() < 1e-9);
        // One outlier in the history barely moves the median or the MAD.
        let t = threshold(&[0.10, 0.11, 0.09, 0.10, 0.90], 3.0, 0.0);
        assert!(t < 0.2, "{t}");
    }

    #[test]
    fn alert_table() {
        let history = History {
            scans: 3,
            ratios: BTreeMap::from([(key("email", "EMAIL_ADDRESS"), vec![(0, 0.10), (1, 0.11), (2, 0.10)])]),
            exposed: BTreeMap::from([("d".to_owned(), vec![(0, 2.0), (1, 2.0), (2, 3.0)])]),
            pii_columns: BTreeSet::from([("d".to_owned(), "email".to_owned())]),
            last_types: BTreeMap::from([(("d".to_owned(), "id".to_owned()), BTreeSet::from(["Int64".to_owned()]))]),
            last_datasets: BTreeSet::from(["d".to_owned(), "gone".to_owned()]),
            ..History::default()
        };
        let now = Observed {
            ratios: BTreeMap::from([(key("email", "EMAIL_ADDRESS"), 0.60), (key("notes", "PHONE_NUMBER"), 0.2)]),
            exposed: BTreeMap::from([("d".to_owned(), 9)]),
            types: BTreeMap::from([(("d".to_owned(), "id".to_owned()), BTreeSet::from(["Utf8".to_owned()]))]),
            datasets: BTreeSet::from(["d".to_owned()]),
            holders: BTreeMap::from([(
                key("notes", "PHONE_NUMBER"),
                ((0..5).map(|i| format!("d/p={i}/x.csv")).collect(), 7),
            )]),
            exposed_objects: BTreeMap::from([("d".to_owned(), vec!["d/a.csv".to_owned()])]),
        };
        let alerts = evaluate(&history, &now, K);
        // Alerts name where: the first objects below the dataset, and how many more.
        let new = alerts.iter().find(|a| a.kind == "new_pii").unwrap();
        assert!(
            new.detail.contains(" in 7 objects: p=0/x.csv, p=1/x.csv, p=2/x.csv, p=3/x.csv, p=4/x.csv and 2 more;"),
            "{}",
            new.detail
        );
        let jump = alerts.iter().find(|a| a.kind == "exposed_objects_jump").unwrap();
        assert!(jump.detail.ends_with("(median + 3 MAD): a.csv and 8 more"), "{}", jump.detail);
        let kinds: Vec<(&str, Option<String>)> = alerts.into_iter().map(|a| (a.kind, a.column)).collect();
        assert_eq!(
            kinds,
            [
                ("match_ratio_jump", Some("email".into())),
                ("new_pii", Some("notes".into())),
                ("exposed_objects_jump", None),
                ("type_changed", Some("id".into())),
                ("dataset_disappeared", None),
            ]
        );
        // Steady values raise nothing; the first scan raises nothing.
        let steady = Observed {
            ratios: BTreeMap::from([(key("email", "EMAIL_ADDRESS"), 0.12)]),
            exposed: BTreeMap::from([("d".to_owned(), 3)]),
            types: now.types.clone(),
            datasets: history.last_datasets.clone(),
            ..Observed::default()
        };
        let raised: Vec<_> = evaluate(&history, &steady, K).into_iter().map(|a| a.kind).collect();
        assert_eq!(raised, ["type_changed"]);
        // A column that is text in some objects and a number in others is
        // one observation, whatever order the objects were read in.
        let both = BTreeSet::from(["Int64".to_owned(), "Utf8".to_owned()]);
        let mixed =
            History { last_types: BTreeMap::from([(("d".to_owned(), "id".to_owned()), both.clone())]), ..history };
        let again = Observed { types: BTreeMap::from([(("d".to_owned(), "id".to_owned()), both)]), ..steady };
        assert!(evaluate(&mixed, &again, K).is_empty());
        assert!(evaluate(&History::default(), &now, K).is_empty());
    }
}
