//! Writing the lakes: the labelled small lake (Parquet, CSV in three
//! compressions, broken objects) and bench lakes. Behind the `lake`
//! feature, the only part of this crate that needs Arrow and Parquet.

use crate::values::{self, Rng};
use crate::{CONTACTS, Column, NATIONAL_IDS, SECRETS, truth};
use arrow::array::{ArrayRef, Float64Array, Int64Array, ListBuilder, StringArray, StringBuilder, StructArray};
use arrow::datatypes::{DataType, Field};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

fn strings(n: usize, r: &mut Rng, f: impl Fn(&mut Rng) -> String) -> ArrayRef {
    Arc::new(StringArray::from_iter_values((0..n).map(|_| f(r))))
}

fn write_parquet(path: &Path, batch: &RecordBatch, row_group_rows: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(path.parent().expect("has parent"))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(row_group_rows))
        .build();
    let mut w = ArrowWriter::try_new(std::fs::File::create(path)?, batch.schema(), Some(props))
        .map_err(std::io::Error::other)?;
    w.write(batch).map_err(std::io::Error::other)?;
    w.close().map_err(std::io::Error::other)?;
    Ok(())
}

/// The customers table: names, emails, phones, IPs, free-text notes with a
/// few emails, a nested device struct, a list of contacts, and decoys
/// (sequential ids, versions, UUIDs, timestamps).
pub fn customers(rows: usize, r: &mut Rng) -> RecordBatch {
    let device = StructArray::from(vec![
        (Arc::new(Field::new("mac", DataType::Utf8, true)), strings(rows, r, values::mac)),
        (Arc::new(Field::new("ip", DataType::Utf8, true)), strings(rows, r, values::ip)),
        (
            Arc::new(Field::new("os", DataType::Utf8, true)),
            strings(rows, r, |r| r.pick(&["ios", "android", "linux"]).to_owned()),
        ),
    ]);
    let mut contacts = ListBuilder::new(StringBuilder::new());
    for _ in 0..rows {
        for _ in 0..r.range(0, 2) {
            contacts.values().append_value(values::email(r));
        }
        contacts.append(true);
    }
    RecordBatch::try_from_iter(vec![
        ("customer_id", Arc::new(Int64Array::from_iter_values((0..rows as i64).map(|i| 100_000 + i))) as ArrayRef),
        ("full_name", strings(rows, r, values::name)),
        ("email", strings(rows, r, values::email)),
        ("phone", strings(rows, r, values::phone)),
        ("last_ip", strings(rows, r, values::ip)),
        ("app_version", strings(rows, r, values::version)),
        ("session_id", strings(rows, r, values::uuid)),
        ("signup_at", strings(rows, r, values::timestamp)),
        (
            "notes",
            strings(rows, r, |r| {
                let s = values::sentence(r, 8);
                if r.chance(0.08) { format!("{s} reply to {} asap", values::email(r)) } else { s }
            }),
        ),
        ("device", Arc::new(device) as ArrayRef),
        ("contacts", Arc::new(contacts.finish()) as ArrayRef),
        ("lifetime_value", Arc::new(Float64Array::from_iter_values((0..rows).map(|i| i as f64 * 1.5))) as ArrayRef),
    ])
    .expect("valid batch")
}

/// The payments table: cards stored as integers and as grouped text, IBANs,
/// wallets, and card lookalikes (order numbers failing Luhn, ISBNs, SKUs,
/// SHA-1 digests).
pub fn payments(rows: usize, r: &mut Rng) -> RecordBatch {
    let cards: Vec<i64> = (0..rows).map(|_| values::card(r).parse().expect("digits")).collect();
    RecordBatch::try_from_iter(vec![
        ("payment_id", strings(rows, r, values::uuid)),
        ("card_number", Arc::new(Int64Array::from(cards)) as ArrayRef),
        ("card_display", strings(rows, r, values::card_grouped)),
        ("iban", strings(rows, r, values::iban)),
        ("wallet", strings(rows, r, values::wallet)),
        ("order_ref", strings(rows, r, values::order_number)),
        ("isbn", strings(rows, r, values::isbn)),
        ("sku", strings(rows, r, values::sku)),
        ("receipt_sha1", strings(rows, r, values::sha1_hex)),
        ("amount", Arc::new(Float64Array::from_iter_values((0..rows).map(|i| (i % 500) as f64 + 0.99))) as ArrayRef),
    ])
    .expect("valid batch")
}

/// The ids table.
pub fn national_ids(rows: usize, r: &mut Rng) -> RecordBatch {
    generated(rows, r, NATIONAL_IDS)
}

/// The secrets table.
pub fn leaked_secrets(rows: usize, r: &mut Rng) -> RecordBatch {
    generated(rows, r, SECRETS)
}

/// The crm table.
pub fn contacts(rows: usize, r: &mut Rng) -> RecordBatch {
    generated(rows, r, CONTACTS)
}

/// A table of `rows` rows with a string column per named generator.
fn generated(rows: usize, r: &mut Rng, columns: &[Column]) -> RecordBatch {
    let columns: Vec<(&str, ArrayRef)> = columns.iter().map(|(name, f, _)| (*name, strings(rows, r, f))).collect();
    RecordBatch::try_from_iter(columns).expect("valid batch")
}

fn csv_field(s: &str, delimiter: char) -> String {
    if s.contains(delimiter) || s.contains('"') || s.contains('\n') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv(rows: &[Vec<String>], delimiter: char) -> Vec<u8> {
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.iter().map(|f| csv_field(f, delimiter)).collect::<Vec<_>>().join(&delimiter.to_string()));
        out.push('\n');
    }
    out.into_bytes()
}

/// Writes the small labelled lake under `dir` and its truth file beside it.
pub fn small_lake(dir: &Path) -> std::io::Result<()> {
    let mut r = Rng::new(20261123);
    let lake = dir.join("lake");
    if lake.exists() {
        std::fs::remove_dir_all(&lake)?;
    }
    for day in ["2026-11-01", "2026-11-02"] {
        write_parquet(&lake.join(format!("customers/dt={day}/part-0.parquet")), &customers(400, &mut r), 128)?;
    }
    write_parquet(&lake.join("payments/part-0.parquet"), &payments(300, &mut r), 100)?;
    write_parquet(&lake.join("ids/part-0.parquet"), &national_ids(300, &mut r), 300)?;
    write_parquet(&lake.join("secrets/part-0.parquet"), &leaked_secrets(200, &mut r), 200)?;
    // Its own seed, so that the tables above keep their values.
    write_parquet(&lake.join("crm/contacts.parquet"), &contacts(300, &mut Rng::new(7)), 300)?;
    // Hive/Spark style: no extension, found by its magic number.
    let mut orders = payments(50, &mut r);
    let iban_col = orders.column(3).clone();
    orders = RecordBatch::try_from_iter(vec![("order_id", orders.column(0).clone()), ("billing_iban", iban_col)])
        .expect("batch");
    write_parquet(&lake.join("warehouse/orders/part-00000"), &orders, 1000)?;

    // hr: semicolon-delimited, header, quoted multi-line fields, a latin-1 byte.
    let mut hr = vec![
        ["employee_id", "name", "ssn", "nhs_number", "mobile", "homepage", "review", "build"]
            .map(String::from)
            .to_vec(),
    ];
    for i in 0..200 {
        let review = if r.chance(0.3) {
            format!("Good quarter.\nCall me on {} about the offsite; sure", values::phone(&mut r))
        } else {
            format!("{}.\nNo concerns", values::sentence(&mut r, 6))
        };
        hr.push(vec![
            format!("E{:05}", 1000 + i),
            values::name(&mut r),
            values::ssn(&mut r),
            values::nhs(&mut r),
            values::phone_digits(&mut r),
            values::url(&mut r),
            review,
            values::version(&mut r),
        ]);
    }
    let mut hr_bytes = csv(&hr, ';');
    hr_bytes.extend_from_slice(
        b"E09999;Ren\xe9e Caf\xe9;078-12-3456;401 023 2137;2125550111;https://example.com/renee;Ok;1.0.0.1\n",
    );
    std::fs::create_dir_all(lake.join("hr"))?;
    std::fs::write(lake.join("hr/employees.csv"), hr_bytes)?;

    // logs: gzip, tab-delimited, header; free-text messages with emails and IPs.
    let mut logs = vec![["ts", "level", "client_ip", "message", "latency_ms"].map(String::from).to_vec()];
    for _ in 0..300 {
        let msg = match r.range(0, 3) {
            0 => format!("login ok for {}", values::email(&mut r)),
            1 => format!("upstream {} timed out", values::ip(&mut r)),
            _ => values::sentence(&mut r, 5),
        };
        logs.push(vec![
            values::timestamp(&mut r),
            r.pick(&["INFO", "WARN"]).to_string(),
            values::ip(&mut r),
            msg,
            r.range(1, 900).to_string(),
        ]);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&csv(&logs, '\t'))?;
    std::fs::create_dir_all(lake.join("logs"))?;
    std::fs::write(lake.join("logs/app.csv.gz"), gz.finish()?)?;

    // events: zstd, pipe-delimited, no header.
    let events: Vec<Vec<String>> = (0..250)
        .map(|_| {
            vec![
                values::timestamp(&mut r),
                values::email(&mut r),
                values::mac(&mut r),
                values::iban_grouped(&mut r),
                values::sku(&mut r),
            ]
        })
        .collect();
    std::fs::create_dir_all(lake.join("events"))?;
    std::fs::write(lake.join("events/events.csv.zst"), zstd::encode_all(&csv(&events, '|')[..], 3)?)?;

    // Broken objects: each must be one `failed` row, never a stopped scan.
    let broken = lake.join("broken");
    std::fs::create_dir_all(&broken)?;
    let good = std::fs::read(lake.join("payments/part-0.parquet"))?;
    std::fs::write(broken.join("truncated.parquet"), &good[..good.len() / 2])?;
    let mut corrupt = good.clone();
    let footer_len =
        u32::from_le_bytes(corrupt[corrupt.len() - 8..corrupt.len() - 4].try_into().expect("4 bytes")) as usize;
    let footer_start = corrupt.len() - 8 - footer_len;
    for b in &mut corrupt[footer_start..footer_start + footer_len / 2] {
        *b = 0xAB;
    }
    std::fs::write(broken.join("corrupt-footer.parquet"), corrupt)?;
    let mut pages = good;
    for b in &mut pages[64..4096] {
        *b ^= 0x5A;
    }
    std::fs::write(broken.join("corrupt-pages.parquet"), pages)?;
    std::fs::write(broken.join("empty.csv"), b"")?;
    std::fs::write(broken.join("mislabelled.parquet"), b"id,email\n1,nobody@example.com\n")?;
    std::fs::write(broken.join("binary.csv"), [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 7])?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&csv(&logs[..50], ','))?;
    let gz = gz.finish()?;
    std::fs::write(broken.join("truncated.csv.gz"), &gz[..gz.len() / 2])?;

    // Not data: skipped and counted.
    std::fs::write(lake.join("README.txt"), b"A synthetic lake generated by lakegen. Nobody's data.\n")?;
    std::fs::write(lake.join("customers/_SUCCESS"), b"")?;

    let mut labels = String::from("dataset,column,entity_type\n");
    for (d, c, e) in truth() {
        labels.push_str(&format!("{d},{c},{e}\n"));
    }
    std::fs::write(dir.join("truth.csv"), labels)
}

/// Writes a bench lake of about `bytes` of uncompressed CSV under `dir`:
/// the customers rows' flat columns, in files of 1 M rows (about 150 MB),
/// quoted where a value holds the delimiter.
pub fn bench_csv_lake(dir: &Path, bytes: u64) -> std::io::Result<()> {
    use arrow::array::{Array, AsArray};
    let mut written = 0u64;
    let mut i = 0;
    while written < bytes {
        let path = dir.join(format!("customers/part-{i:05}.csv"));
        std::fs::create_dir_all(path.parent().expect("parent"))?;
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let mut r = Rng::new(i as u64 + 1);
        for part in 0..20 {
            let batch = customers(50_000, &mut r);
            let schema = batch.schema();
            let columns: Vec<usize> = (0..schema.fields().len())
                .filter(|&c| matches!(schema.field(c).data_type(), DataType::Utf8 | DataType::Int64))
                .collect();
            if part == 0 {
                let names: Vec<&str> = columns.iter().map(|&c| schema.field(c).name().as_str()).collect();
                writeln!(out, "{}", names.join(","))?;
            }
            for row in 0..batch.num_rows() {
                let cells: Vec<String> = columns
                    .iter()
                    .map(|&c| {
                        let column = batch.column(c);
                        let value = match column.data_type() {
                            DataType::Int64 => {
                                column.as_primitive::<arrow::datatypes::Int64Type>().value(row).to_string()
                            }
                            _ if column.is_null(row) => String::new(),
                            _ => column.as_string::<i32>().value(row).to_owned(),
                        };
                        match value.contains([',', '"', '\n']) {
                            true => format!("\"{}\"", value.replace('"', "\"\"")),
                            false => value,
                        }
                    })
                    .collect();
                writeln!(out, "{}", cells.join(","))?;
            }
        }
        out.flush()?;
        drop(out);
        written += std::fs::metadata(&path)?.len();
        i += 1;
    }
    Ok(())
}

/// How the files of a bench lake are written: the writers users' lakes
/// come from differ in what sampling can seek by.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Writer {
    /// arrow-rs's defaults: the page index, row groups of 1 Mi rows, files
    /// of 1 M rows (about 128 MiB, Spark's usual size).
    ArrowRs,
    /// pyarrow's (and pandas') defaults: no page index, pages of at most
    /// 20,000 rows or 1 MiB; one row group per file of 250,000 rows.
    PyarrowOneGroup,
    /// pyarrow's defaults with files of 2 M rows in row groups of 1 M rows.
    PyarrowGroups,
}

impl Writer {
    /// Every profile.
    pub const ALL: [Writer; 3] = [Writer::ArrowRs, Writer::PyarrowOneGroup, Writer::PyarrowGroups];

    /// A short name, for folders and tables.
    pub fn name(self) -> &'static str {
        match self {
            Writer::ArrowRs => "arrow-rs",
            Writer::PyarrowOneGroup => "pyarrow-1-group",
            Writer::PyarrowGroups => "pyarrow-1M-groups",
        }
    }

    /// Rows per file and per row group.
    fn rows(self) -> (usize, usize) {
        match self {
            Writer::ArrowRs => (1_000_000, 1024 * 1024),
            Writer::PyarrowOneGroup => (250_000, 250_000),
            Writer::PyarrowGroups => (2_000_000, 1_000_000),
        }
    }

    fn properties(self) -> WriterProperties {
        let builder = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(self.rows().1));
        match self {
            Writer::ArrowRs => builder,
            // Statistics per chunk, in the footer; no column or offset index.
            _ => builder.set_statistics_enabled(EnabledStatistics::Chunk).set_offset_index_disabled(true),
        }
        .build()
    }
}

/// Writes a bench lake of about `bytes` of Parquet under `dir`: customers
/// rows written as `writer` writes them.
pub fn bench_lake(dir: &Path, bytes: u64, writer: Writer) -> std::io::Result<()> {
    let (file_rows, _) = writer.rows();
    let mut written = 0u64;
    let mut i = 0;
    while written < bytes {
        let path = dir.join(format!("customers/part-{i:05}.parquet"));
        let mut r = Rng::new(i as u64 + 1);
        std::fs::create_dir_all(path.parent().expect("parent"))?;
        let first = customers(1, &mut r);
        let mut w = ArrowWriter::try_new(std::fs::File::create(&path)?, first.schema(), Some(writer.properties()))
            .map_err(std::io::Error::other)?;
        for _ in 0..file_rows / 50_000 {
            w.write(&customers(50_000, &mut r)).map_err(std::io::Error::other)?;
        }
        w.close().map_err(std::io::Error::other)?;
        written += std::fs::metadata(&path)?.len();
        i += 1;
    }
    Ok(())
}
