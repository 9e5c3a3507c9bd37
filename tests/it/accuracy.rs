//! Precision and recall per entity on the labelled test lake.

use super::{query, scan, testdata};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn precision_and_recall_per_entity_on_testdata() {
    let report = tempfile::tempdir().unwrap();
    let lake = testdata().join("lake");
    scan(&lake, report.path(), &[]);
    let catalog: BTreeSet<String> = lakeaudit::classify::catalog::all().iter().map(|r| r.entity.to_owned()).collect();
    let truth_csv = std::fs::read_to_string(testdata().join("truth.csv")).unwrap();
    let truth: BTreeSet<(String, String, String)> = truth_csv
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[1].to_owned(), f[2].to_owned())
        })
        .filter(|(_, _, e)| catalog.contains(e))
        .collect();
    let prefix = format!("file://{}/", std::fs::canonicalize(&lake).unwrap().display());
    let dataset = |v: &serde_json::Value| v.as_str().unwrap().strip_prefix(&prefix).unwrap().to_owned();

    // Per object and column: what was predicted, what is true.
    let columns = query(report.path(), "select object, dataset, \"column\", entity_types from columns");
    let mut counts: BTreeMap<String, (u32, u32, u32)> = catalog.iter().map(|e| (e.clone(), (0, 0, 0))).collect();
    for row in &columns {
        let (d, c) = (dataset(&row["dataset"]), row["column"].as_str().unwrap().to_owned());
        let predicted: BTreeSet<String> =
            row["entity_types"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect();
        for e in &catalog {
            let truly = truth.contains(&(d.clone(), c.clone(), e.clone()));
            let said = predicted.contains(e);
            let n = counts.get_mut(e).unwrap();
            match (said, truly) {
                (true, true) => n.0 += 1,
                (true, false) => {
                    n.1 += 1;
                    eprintln!("false positive: {e} in {d}.{c}");
                }
                (false, true) => {
                    n.2 += 1;
                    eprintln!("false negative: {e} in {d}.{c}");
                }
                _ => {}
            }
        }
    }
    eprintln!("| entity | labelled object columns | precision | recall |\n|---|---|---|---|");
    for (e, (tp, fp, fn_)) in &counts {
        let p = f64::from(*tp) / f64::from((tp + fp).max(1));
        let r = f64::from(*tp) / f64::from((tp + fn_).max(1));
        eprintln!("| {e} | {} | {p:.2} | {r:.2} |", tp + fn_);
        assert!(tp + fn_ > 0, "{e} has no labelled column in testdata");
        assert!(p >= 0.95 && r >= 0.95, "{e}: precision {p:.2}, recall {r:.2}");
    }
}
