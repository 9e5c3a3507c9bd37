//! Sampling: bounded, spread across the object, seeded, and cheap in bytes.

use super::{code, query, scan};
use arrow::array::{ArrayRef, StringArray};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use std::path::Path;
use std::sync::Arc;

/// A Parquet object sorted so that emails only appear in its second half,
/// beside a wide filler column: a head-only sample would miss them. Its
/// values are all distinct, so it is written without dictionaries, as
/// writers end up doing for such columns once a dictionary page overflows
/// (a dictionary page is read whole with any row of its column chunk).
pub(super) fn sorted_object(path: &Path, rows: usize) {
    sorted_object_written(path, rows, true, false);
}

/// [`sorted_object`], with or without the page index (pyarrow, pandas and
/// DuckDB write none) and dictionaries.
fn sorted_object_written(path: &Path, rows: usize, page_index: bool, dictionary: bool) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let email = StringArray::from_iter_values(
        (0..rows).map(|i| if i < rows / 2 { format!("n/a {i}") } else { format!("user{i}@example.com") }),
    );
    let filler =
        StringArray::from_iter_values((0..rows).map(|i| format!("{i:08} lorem ipsum dolor sit amet consectetur")));
    let batch = RecordBatch::try_from_iter(vec![
        ("contact", Arc::new(email) as ArrayRef),
        ("filler", Arc::new(filler) as ArrayRef),
    ])
    .unwrap();
    let mut props = WriterProperties::builder()
        .set_max_row_group_row_count(Some(50_000))
        .set_data_page_row_count_limit(2_000)
        .set_write_batch_size(1_000)
        .set_dictionary_enabled(dictionary);
    if !page_index {
        props = props.set_statistics_enabled(EnabledStatistics::Chunk).set_offset_index_disabled(true);
    }
    let props = props.build();
    let mut w = ArrowWriter::try_new(std::fs::File::create(path).unwrap(), batch.schema(), Some(props)).unwrap();
    w.write(&batch).unwrap();
    w.close().unwrap();
}

#[test]
fn default_sample_is_bounded_spread_and_reads_a_small_share() {
    let (lake, report) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    sorted_object(&lake.path().join("t/a.parquet"), 400_000);
    assert_eq!(code(&scan(lake.path(), report.path(), &[])), 0);
    let o = &query(report.path(), "select rows_total, rows_sampled, bytes_read, size_bytes from objects")[0];
    assert_eq!(o["rows_total"], 400_000);
    assert_eq!(o["rows_sampled"], 1000);
    let share = o["bytes_read"].as_f64().unwrap() / o["size_bytes"].as_f64().unwrap();
    assert!(share < 0.10, "read {:.1}% of the object", share * 100.0);
    let f = query(report.path(), "select entity_type, match_ratio from findings where \"column\" = 'contact'");
    assert_eq!(f[0]["entity_type"], "EMAIL_ADDRESS", "the sample reaches the sorted second half");
    let ratio = f[0]["match_ratio"].as_f64().unwrap();
    assert!((0.3..=0.7).contains(&ratio), "half the rows are emails, sample says {ratio}");
}

/// Without a page index the pages are found by their headers, and with
/// dictionaries a large one is sampled by its first entries: either way the
/// sample holds its budget of rows, reaches the sorted second half, and
/// reads a few percent of the object.
#[test]
fn samples_without_a_page_index_or_with_dictionaries_are_spread_and_cheap() {
    for (page_index, dictionary) in [(false, false), (false, true), (true, true)] {
        let (lake, report) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        sorted_object_written(&lake.path().join("t/a.parquet"), 400_000, page_index, dictionary);
        let out = scan(lake.path(), report.path(), &["--verbose"]);
        assert_eq!(code(&out), 0);
        let how = String::from_utf8_lossy(&out.stderr);
        let case = format!("page index {page_index}, dictionaries {dictionary}: {how}");
        assert!(how.contains("sampled by pages"), "{case}");
        if !page_index {
            assert!(!how.contains(" 0 column chunks by their page headers"), "{case}");
        }
        let o = &query(report.path(), "select rows_sampled, bytes_read, size_bytes, read_requests from objects")[0];
        assert_eq!(o["rows_sampled"], 1000, "{case}");
        let share = o["bytes_read"].as_f64().unwrap() / o["size_bytes"].as_f64().unwrap();
        assert!(share < 0.05, "{case}: read {:.1}% of the object", share * 100.0);
        assert!(o["read_requests"].as_u64().unwrap() > 0);
        let f = query(report.path(), "select entity_type, match_ratio from findings where \"column\" = 'contact'");
        assert_eq!(f[0]["entity_type"], "EMAIL_ADDRESS", "{case}: the sample reaches the sorted second half");
        let ratio = f[0]["match_ratio"].as_f64().unwrap();
        assert!((0.3..=0.7).contains(&ratio), "{case}: half the rows are emails, sample says {ratio}");
    }
}

/// The default sample finds what reading every row finds, on the testdata
/// lake: the same entities in the same columns of the same objects.
#[test]
fn the_default_sample_finds_what_a_full_scan_finds_on_the_testdata_lake() {
    let (sampled, full) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let lake = super::testdata().join("lake");
    scan(&lake, sampled.path(), &[]);
    scan(&lake, full.path(), &["--full"]);
    let sql = "select object, \"column\", entity_type from findings order by 1, 2, 3";
    assert_eq!(query(sampled.path(), sql), query(full.path(), sql));
}

#[test]
fn full_reads_every_row_and_sample_rows_sets_the_budget() {
    let (lake, full, some) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    sorted_object(&lake.path().join("t/a.parquet"), 60_000);
    assert_eq!(code(&scan(lake.path(), full.path(), &["--full"])), 0);
    assert_eq!(query(full.path(), "select rows_sampled from objects")[0]["rows_sampled"], 60_000);
    let c = query(full.path(), "select sampled_values, distinct_values from columns where \"column\" = 'filler'");
    assert_eq!(c[0]["sampled_values"], 60_000);
    let distinct = c[0]["distinct_values"].as_f64().unwrap();
    assert!((distinct - 60_000.0).abs() / 60_000.0 < 0.1, "{distinct}");
    assert_eq!(code(&scan(lake.path(), some.path(), &["--sample-rows", "123"])), 0);
    assert_eq!(query(some.path(), "select rows_sampled from objects")[0]["rows_sampled"], 123);
}

#[test]
fn the_same_seed_gives_the_same_findings() {
    let (lake, a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    sorted_object(&lake.path().join("t/a.parquet"), 100_000);
    scan(lake.path(), a.path(), &["--seed", "9"]);
    scan(lake.path(), b.path(), &["--seed", "9"]);
    let sql = "select \"column\", entity_type, matched_values, examples from findings order by 1, 2";
    assert_eq!(query(a.path(), sql), query(b.path(), sql));
}

#[test]
fn csv_samples_are_bounded_and_cover_the_whole_stream() {
    let (lake, report) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut text = String::from("id,contact\n");
    for i in 0..20_000 {
        text.push_str(&if i < 19_000 { format!("{i},none\n") } else { format!("{i},u{i}@example.org\n") });
    }
    std::fs::write(lake.path().join("c.csv"), text).unwrap();
    scan(lake.path(), report.path(), &["--sample-rows", "2000"]);
    let o = &query(report.path(), "select rows_total, rows_sampled from objects")[0];
    assert_eq!((o["rows_total"].as_u64(), o["rows_sampled"].as_u64()), (Some(20_000), Some(2000)));
    let f = query(report.path(), "select entity_type from findings");
    assert_eq!(f[0]["entity_type"], "EMAIL_ADDRESS", "the tail of the stream is sampled too");
}

/// No byte is fetched twice: footer, page index and data reads of every
/// object of the test lake add up to at most its size (plus the 4-byte magic
/// number sniffed from extension-less objects), and small Parquet objects are
/// read in one request.
#[test]
fn no_object_reads_more_than_its_size() {
    let report = tempfile::tempdir().unwrap();
    scan(&super::testdata().join("lake"), report.path(), &["--full"]);
    let over = query(
        report.path(),
        "select object, size_bytes, bytes_read from objects where status = 'scanned' and bytes_read > size_bytes + 4",
    );
    assert!(over.is_empty(), "{over:?}");
    let parquet = query(
        report.path(),
        "select count(*) as n from objects where object like '%ids/part-0.parquet' and bytes_read = size_bytes",
    );
    assert_eq!(parquet[0]["n"], 1);
}

/// A large uncompressed CSV is sampled by byte ranges spread over the
/// object (the emails sit in its second half); one whose head shows quoted
/// line breaks is streamed instead, and both find the emails.
#[test]
fn large_csv_is_sampled_by_byte_ranges_unless_quoted_fields_span_lines() {
    for multiline in [false, true] {
        let (lake, report) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let rows = 300_000;
        let mut text = String::from("id,contact,note\n");
        for i in 0..rows {
            let contact = if i < rows / 2 { format!("n/a {i}") } else { format!("user{i}@example.com") };
            let note = if multiline && i % 50 == 0 { "\"two\nlines, quoted\"" } else { "lorem ipsum dolor sit amet" };
            text.push_str(&format!("{i},{contact},{note}\n"));
        }
        std::fs::write(lake.path().join("c.csv"), &text).unwrap();
        let out = scan(lake.path(), report.path(), &["--verbose"]);
        assert_eq!(code(&out), 0);
        let how = String::from_utf8_lossy(&out.stderr);
        assert_eq!(how.contains("byte ranges"), !multiline, "{how}");
        let o = &query(report.path(), "select rows_total, rows_sampled, bytes_read, size_bytes from objects")[0];
        assert_eq!(o["rows_sampled"], 1000, "multiline {multiline}");
        let share = o["bytes_read"].as_f64().unwrap() / o["size_bytes"].as_f64().unwrap();
        match multiline {
            false => {
                assert!(share < 0.05, "read {:.1}% of the object", share * 100.0);
                assert!(o.get("rows_total").is_none_or(|v| v.is_null()), "unknown when not every row was seen");
            }
            true => assert_eq!(o["rows_total"], rows),
        }
        let f = query(report.path(), "select entity_type, match_ratio from findings where \"column\" = 'contact'");
        assert_eq!(f[0]["entity_type"], "EMAIL_ADDRESS", "multiline {multiline}: the second half is sampled");
        let ratio = f[0]["match_ratio"].as_f64().unwrap();
        assert!((0.3..=0.7).contains(&ratio), "half the rows are emails, sample says {ratio}");
    }
}
