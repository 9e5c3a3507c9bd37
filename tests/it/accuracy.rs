//! Precision and recall per entity on labelled corpora made in different
//! ways: lakegen's lake (testdata/lake), Python Faker's in thirteen locales
//! (testdata/faker, written by scripts/faker_corpus.py) and its names in
//! sixteen more scripts (testdata/faker_scripts),
//! column by column through a scan, and value by value inside free text.

use super::{query, scan, testdata};
use arrow::array::{Array, AsArray};
use lakeaudit::classify::{ALL_SLOTS, Classifier, ClassifySettings};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Scans `lake` and compares each object column's entity types with the
/// truth file's (dataset, column, entity) rows; asserts precision and
/// recall of at least `bar` for every entity type the truth names (and,
/// with `every_entity`, that it names every entity of the catalog).
fn column_accuracy(lake: &Path, truth_csv: &Path, bar: f64, every_entity: bool) {
    let report = tempfile::tempdir().unwrap();
    scan(lake, report.path(), &[]);
    let catalog: BTreeSet<String> = lakeaudit::classify::catalog::all().iter().map(|r| r.entity.to_owned()).collect();
    let truth: BTreeSet<(String, String, String)> = std::fs::read_to_string(truth_csv)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_owned(), f[1].to_owned(), f[2].to_owned())
        })
        .filter(|(_, _, e)| catalog.contains(e))
        .collect();
    let labelled: BTreeSet<&String> = truth.iter().map(|(_, _, e)| e).collect();
    let prefix = format!("file://{}/", std::fs::canonicalize(lake).unwrap().display());
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
    let mut failed = Vec::new();
    for (e, (tp, fp, fn_)) in &counts {
        let p = f64::from(*tp) / f64::from((tp + fp).max(1));
        let r = f64::from(*tp) / f64::from((tp + fn_).max(1));
        if tp + fp + fn_ > 0 {
            eprintln!("| {e} | {} | {p:.2} | {r:.2} |", tp + fn_);
        }
        if every_entity && !lakeaudit::classify::catalog::OFF_BY_DEFAULT.contains(&e.as_str()) {
            assert!(tp + fn_ > 0, "{e} has no labelled column in {}", truth_csv.display());
        }
        if (labelled.contains(e) || *fp > 0) && (p < bar || r < bar) {
            failed.push(format!("{e}: precision {p:.2}, recall {r:.2}"));
        }
    }
    assert!(failed.is_empty(), "below {bar}: {failed:?}");
}

#[test]
fn precision_and_recall_per_entity_on_testdata() {
    column_accuracy(&testdata().join("lake"), &testdata().join("truth.csv"), 0.95, true);
}

#[test]
fn precision_and_recall_per_entity_on_the_faker_corpus() {
    let corpus = testdata().join("faker");
    column_accuracy(&corpus.join("lake"), &corpus.join("truth.csv"), 0.98, false);
}

/// Names in scripts without letter case (and, for contrast, Cyrillic and
/// Greek), beside cities, companies, jobs and countries in the same
/// scripts (scripts/faker_scripts_corpus.py).
#[test]
fn precision_and_recall_per_entity_in_other_scripts() {
    let corpus = testdata().join("faker_scripts");
    column_accuracy(&corpus.join("lake"), &corpus.join("truth.csv"), 0.98, false);
}

/// The text values of `column` in the object of `dataset` (Parquet or CSV).
pub(crate) fn texts(lake: &Path, dataset: &str, column: &str) -> Vec<String> {
    let dir = lake.join(dataset);
    let parquet = dir.join("people.parquet");
    if parquet.exists() {
        let file = std::fs::File::open(parquet).unwrap();
        let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReader::try_new(file, 1024).unwrap();
        let mut out = Vec::new();
        for batch in reader {
            let batch = batch.unwrap();
            let array = batch.column_by_name(column).unwrap();
            let strings = arrow::compute::cast(array, &arrow::datatypes::DataType::Utf8).unwrap();
            let strings = strings.as_string::<i32>();
            out.extend((0..strings.len()).map(|i| strings.value(i).to_owned()));
        }
        return out;
    }
    let text = std::fs::read_to_string(dir.join("people.csv")).unwrap();
    let delimiter = if text.lines().next().unwrap().contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
    let at = reader.headers().unwrap().iter().position(|h| h == column).unwrap();
    reader.records().map(|r| r.unwrap()[at].to_owned()).collect()
}

#[test]
fn values_planted_in_free_text_are_found_one_by_one() {
    let corpus = testdata().join("faker");
    let lake = corpus.join("lake");
    let classifier = Classifier::new(ClassifySettings::default()).unwrap();
    let planted = std::fs::read_to_string(corpus.join("planted.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(planted.as_bytes());
    let mut cache: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    // Per entity: planted, found.
    let mut counts: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for record in reader.records() {
        let r = record.unwrap();
        let (dataset, column, row, entity, value) = (&r[0], &r[1], r[2].parse::<usize>().unwrap(), &r[3], &r[4]);
        let values = cache.entry((dataset.into(), column.into())).or_insert_with(|| texts(&lake, dataset, column));
        let text = &values[row];
        let at = text.find(value).unwrap_or_else(|| panic!("a planted value is not in {dataset}.{column} row {row}"));
        let planted_span = at..at + value.len();
        let found = classifier.analyze(text, ALL_SLOTS).iter().any(|m| {
            classifier.recognizers()[m.slot].entity == entity
                && m.span.start < planted_span.end
                && planted_span.start < m.span.end
        });
        let n = counts.entry(entity.to_owned()).or_default();
        n.0 += 1;
        n.1 += u32::from(found);
        if !found {
            eprintln!("missed {entity} in {dataset}.{column} row {row}");
        }
    }
    eprintln!("| entity | planted in free text | recall |\n|---|---|---|");
    let mut failed = Vec::new();
    for (e, (planted, found)) in &counts {
        let recall = f64::from(*found) / f64::from(*planted);
        eprintln!("| {e} | {planted} | {recall:.3} |");
        // Names and addresses have no fixed shape; the bar is for identifiers.
        if !matches!(e.as_str(), "PERSON" | "LOCATION") && recall < 0.95 {
            failed.push(format!("{e}: {recall:.3}"));
        }
    }
    assert!(failed.is_empty(), "recall below 0.95: {failed:?}");
}

#[test]
fn street_addresses_of_thirteen_locales_are_recognized() {
    let lake = testdata().join("faker/lake");
    let classifier = Classifier::new(ClassifySettings::default()).unwrap();
    let location = classifier.slot_of("LOCATION").unwrap();
    let (mut all, mut found) = (0u32, 0u32);
    eprintln!("| locale | street addresses | recognized |\n|---|---|---|");
    let mut locales: Vec<_> = std::fs::read_dir(&lake).unwrap().map(|e| e.unwrap().file_name()).collect();
    locales.sort();
    for locale in locales {
        let locale = locale.to_str().unwrap();
        let values = texts(&lake, locale, "street_address");
        let hits = values.iter().filter(|v| !classifier.analyze(v, 1 << location).is_empty()).count() as u32;
        eprintln!("| {locale} | {} | {:.3} |", values.len(), f64::from(hits) / values.len() as f64);
        (all, found) = (all + values.len() as u32, found + hits);
    }
    let share = f64::from(found) / f64::from(all);
    eprintln!("| all | {all} | {share:.3} |");
    assert!(share >= 0.95, "{share:.3} of street addresses recognized");
}

#[test]
fn ips_in_sentences_with_periods_are_found_by_the_scan() {
    // Issue 15: a prefilter of the scan wanted exactly three dots in a value,
    // so IPv4 addresses in any sentence with a period went unreported while
    // `recognizers test` found them.
    let lake = tempfile::tempdir().unwrap();
    let report = tempfile::tempdir().unwrap();
    let mut csv = String::from("id,message\n");
    for i in 0..200 {
        let line = match i % 3 {
            0 => format!("Login from 10.1.{}.{} failed.", i % 250, (i * 7) % 250),
            1 => format!("wonder. src=26.130.{}.149 dst=10.0.0.{}", i % 250, i % 200),
            _ => "Nothing happened. All good.".to_owned(),
        };
        csv.push_str(&format!("{i},{line}\n"));
    }
    std::fs::write(lake.path().join("logs.csv"), csv).unwrap();
    scan(lake.path(), report.path(), &["--full"]);
    let rows = query(report.path(), "select \"column\", entity_type from findings");
    assert!(
        rows.iter().any(|r| r["column"] == "message" && r["entity_type"] == "IP_ADDRESS"),
        "no IP_ADDRESS finding: {rows:?}"
    );
}
