//! Object stores for real: the bundled lake uploaded to an S3-protocol
//! server (s3s-fs, which checks request signatures) and to Azurite, both
//! started on 127.0.0.1 by the test command (scripts/stores.sh), scanned
//! there with the report written there too: the same findings as on local
//! disk, and the report readable where it was written. The test command
//! sets LAKEAUDIT_REQUIRE_STORES=1, so there these tests cannot be skipped.

use super::{code, testdata, walk};
use object_store::ObjectStoreExt;
use object_store::path::Path as StorePath;
use std::collections::BTreeSet;
use std::process::{Command, Output};

/// A store the tests can reach: its URL scheme, the environment the binary
/// gets its credentials from, and the options the test uploads with.
pub(super) struct Store {
    scheme: &'static str,
    pub(super) env: Vec<(&'static str, String)>,
    upload: Vec<(String, String)>,
}

/// Azurite's development account and key, public and documented by Microsoft.
const AZURITE_ACCOUNT: &str = "devstoreaccount1";
const AZURITE_KEY: &str = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

impl Store {
    pub(super) fn s3() -> Option<Self> {
        let endpoint = configured("LAKEAUDIT_S3_ENDPOINT")?;
        let env = vec![
            ("AWS_ENDPOINT", endpoint),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", std::env::var("LAKEAUDIT_S3_ACCESS_KEY").ok()?),
            ("AWS_SECRET_ACCESS_KEY", std::env::var("LAKEAUDIT_S3_SECRET_KEY").ok()?),
        ];
        let upload = env.iter().map(|(k, v)| (k.to_lowercase(), v.clone())).collect();
        Some(Self { scheme: "s3", env, upload })
    }

    pub(super) fn azurite() -> Option<Self> {
        let url = configured("LAKEAUDIT_AZURITE_URL")?;
        // The binary finds Azurite the way users point it there; the upload
        // names the account explicitly (the emulator switch reads its
        // address from the process environment only).
        let upload = [
            ("azure_storage_account_name", AZURITE_ACCOUNT.to_owned()),
            ("azure_storage_account_key", AZURITE_KEY.to_owned()),
            ("azure_storage_endpoint", format!("{url}/{AZURITE_ACCOUNT}")),
            ("allow_http", "true".to_owned()),
        ];
        Some(Self {
            scheme: "az",
            env: vec![("AZURE_STORAGE_USE_EMULATOR", "true".into()), ("AZURITE_BLOB_STORAGE_URL", url)],
            upload: upload.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
        })
    }

    /// `scheme://bucket/prefix`.
    pub(super) fn url(&self, bucket: &str, prefix: &str) -> String {
        format!("{}://{bucket}/{prefix}", self.scheme)
    }

    /// Copies the local folder `from` under `url`, as the binary would see it.
    pub(super) fn upload(&self, from: &std::path::Path, url: &str) {
        let url = url::Url::parse(url).unwrap();
        let (store, prefix) = object_store::parse_url_opts(&url, self.upload.clone()).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        for file in walk(from) {
            let rel = file.strip_prefix(from).unwrap().to_str().unwrap().replace('\\', "/");
            // Named as on disk (a folder `contact=a%40b.org` keeps its `%`).
            let key = StorePath::parse(format!("{prefix}/{rel}")).unwrap();
            let bytes = std::fs::read(&file).unwrap();
            rt.block_on(store.put(&key, bytes.into())).unwrap();
        }
    }

    /// Copies every object under `url` into the local folder `to`, each
    /// named as in the store.
    fn download(&self, url: &str, to: &std::path::Path) {
        use futures::TryStreamExt;
        let url = url::Url::parse(url).unwrap();
        let (store, prefix) = object_store::parse_url_opts(&url, self.upload.clone()).unwrap();
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let objects: Vec<_> = rt.block_on(store.list(Some(&prefix)).try_collect()).unwrap();
        for meta in objects {
            let rel: Vec<String> =
                meta.location.parts().skip(prefix.parts().count()).map(|p| p.as_ref().to_owned()).collect();
            let path = to.join(rel.join("/"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            let bytes = rt.block_on(async { store.get(&meta.location).await.unwrap().bytes().await.unwrap() });
            std::fs::write(path, bytes).unwrap();
        }
    }

    /// Runs the binary with this store's credentials in its environment.
    pub(super) fn lakeaudit(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
            .args(args)
            .envs(self.env.iter().map(|(k, v)| (*k, v)))
            .env_remove("LAKEAUDIT_ACTOR")
            .output()
            .expect("binary runs")
    }
}

/// The value of `var`, or `None` when the store servers are not running;
/// the test command requires them.
fn configured(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) => Some(v),
        Err(_) if std::env::var("LAKEAUDIT_REQUIRE_STORES").is_ok_and(|v| v == "1") => {
            panic!("{var} is not set but LAKEAUDIT_REQUIRE_STORES=1: run the tests with scripts/test.sh")
        }
        Err(_) => {
            eprintln!("skipped: {var} not set (scripts/test.sh starts the store servers)");
            None
        }
    }
}

/// A name no other run uses, for prefixes in the shared buckets.
pub(super) fn unique(name: &str) -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos();
    format!("{name}-{}-{nanos}", std::process::id())
}

/// The exposures of a JSON summary, datasets relative to `root`.
fn exposures(out: &Output, root: &str) -> BTreeSet<(String, String, String, String, u64)> {
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON summary");
    v[0]["exposures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let dataset = e["dataset"].as_str().unwrap();
            let rel = dataset.strip_prefix(root).unwrap_or_else(|| panic!("{dataset} is not under {root}"));
            let text = |k: &str| e[k].as_str().unwrap().to_owned();
            (
                rel.to_owned(),
                text("column"),
                text("entity_type"),
                e["max_score"].to_string(),
                e["matched_values"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// The same lake scanned on local disk and in `store`, the report in the
/// store, gives the same findings, and the report reads back from there.
fn same_findings_as_local_disk(store: &Store) {
    let lake = testdata().join("lake");
    let local_report = tempfile::tempdir().unwrap();
    let local = super::scan(&lake, local_report.path(), &["--format", "json"]);
    assert!(!local.stdout.is_empty(), "{}", String::from_utf8_lossy(&local.stderr));
    let local_root = format!("file://{}", std::fs::canonicalize(&lake).unwrap().display());

    let prefix = unique("lake");
    let source = store.url("lake", &prefix);
    store.upload(&lake, &source);
    let report = store.url("reports", &unique("report"));
    let remote = store.lakeaudit(&["scan", &source, "--report", &report, "--format", "json"]);
    let stderr = String::from_utf8_lossy(&remote.stderr);
    assert_eq!(code(&remote), code(&local), "{stderr}");
    assert_eq!(exposures(&remote, &source), exposures(&local, &local_root));
    // Same objects, columns and failures, and the same bytes read: ranges
    // over HTTP cost what reads on disk do.
    let stats = |out: &Output| {
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let keys =
            ["objects_listed", "objects_scanned", "objects_failed", "objects_skipped", "bytes_listed", "bytes_read"];
        keys.map(|k| (k, v[0]["scan"][k].clone()))
    };
    assert_eq!(stats(&remote), stats(&local));
    // No credential reaches the output.
    for (_, secret) in &store.env {
        if secret.len() > 8 && !secret.starts_with("http") && secret != "true" {
            assert!(
                !stderr.contains(secret.as_str()) && !String::from_utf8_lossy(&remote.stdout).contains(secret.as_str())
            );
        }
    }

    let count = |out: Output| {
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        rows[0]["n"].as_i64().unwrap()
    };
    let sql = "select count(*) as n from findings";
    let here =
        count(super::lakeaudit(&["query", "--format", "json", "--report", local_report.path().to_str().unwrap(), sql]));
    let there = count(store.lakeaudit(&["query", "--format", "json", "--report", &report, sql]));
    assert!(here > 0);
    assert_eq!(here, there);

    // Anonymized into another bucket: the same changes as on local disk,
    // and --verify (a full scan of the copy there) finds nothing left.
    let local_copy = tempfile::tempdir().unwrap();
    let anonymize = |run: &dyn Fn(&[&str]) -> Output, from: &str, to: &str| {
        let out = run(&["anonymize", from, "--out", to, "--verify", "--format", "json"]);
        assert_eq!(code(&out), 3, "only the broken objects fail: {}", String::from_utf8_lossy(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let here =
        anonymize(&|a: &[&str]| super::lakeaudit(a), lake.to_str().unwrap(), local_copy.path().to_str().unwrap());
    let remote_copy = store.url("anon", &unique("copy"));
    let there = anonymize(&|a: &[&str]| store.lakeaudit(a), &source, &remote_copy);
    assert_eq!(there["left"], serde_json::json!([]));
    for key in ["values", "objects", "dropped", "bytes_written"] {
        assert_eq!(there[key], here[key], "{key}");
    }
    let again = anonymize(&|a: &[&str]| store.lakeaudit(a), &source, &remote_copy);
    assert!(again["objects"].as_object().unwrap().values().any(|o| o == "already"), "{again}");

    // Incremental over the store's ETags: nothing changed, nothing is read
    // but the objects that failed; one object rewritten is read again.
    let again = store.lakeaudit(&["scan", &source, "--report", &report, "--format", "json", "--incremental"]);
    assert_eq!(exposures(&again, &source), exposures(&local, &local_root));
    let scan_of = |out: &Output| serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0]["scan"].clone();
    let (first, second) = (scan_of(&remote), scan_of(&again));
    assert_eq!(
        (second["objects_scanned"].as_u64(), second["objects_unchanged"].clone()),
        (Some(0), first["objects_scanned"].clone())
    );
    let rewritten = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(rewritten.path().join("crm")).unwrap();
    std::fs::copy(lake.join("payments/part-0.parquet"), rewritten.path().join("crm/contacts.parquet")).unwrap();
    store.upload(rewritten.path(), &source);
    let third = store.lakeaudit(&["scan", &source, "--report", &report, "--format", "json", "--incremental"]);
    let third = scan_of(&third);
    assert_eq!(third["objects_scanned"], 1);
    assert_eq!(third["objects_unchanged"].as_u64(), first["objects_scanned"].as_u64().map(|n| n - 1));
}

/// Delta and Iceberg tables written on disk by their own clients, uploaded
/// to `store`: read there as on disk, with `--history`. The same live,
/// retained and log files, the same table versions and the same findings
/// (Iceberg's metadata names the files by the URL they were written at,
/// which no longer exists: they are found below the table's folder).
fn tables_read_as_on_local_disk(store: &Store) {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, _)) = super::tables::write_tables(dir.path()) else { return };
    let local_report = dir.path().join("report");
    let local = super::scan(&lake, &local_report, &["--history"]);
    assert_eq!(code(&local), 0, "{}", String::from_utf8_lossy(&local.stderr));
    let source = store.url("lake", &unique("tables"));
    store.upload(&lake, &source);
    let report = tempfile::tempdir().unwrap();
    let remote = store.lakeaudit(&["scan", &source, "--report", report.path().to_str().unwrap(), "--history"]);
    assert_eq!(code(&remote), 0, "{}", String::from_utf8_lossy(&remote.stderr));
    let local_root = format!("file://{}", std::fs::canonicalize(&lake).unwrap().display());
    let rows = |report: &std::path::Path, root: &str, sql: &str| -> BTreeSet<Vec<String>> {
        super::query(report, sql)
            .iter()
            .map(|r| {
                r.values()
                    .map(|v| match v.as_str() {
                        Some(s) => s.strip_prefix(root).unwrap_or(s).to_owned(),
                        None => v.to_string(),
                    })
                    .collect()
            })
            .collect()
    };
    for sql in [
        "select object, dataset, status, table_version, retained, rows_total from objects",
        "select object, \"column\", entity_type, matched_values from findings",
        "select tables, objects_listed, objects_scanned, objects_skipped from scans",
    ] {
        let here = rows(&local_report, &local_root, sql);
        assert!(!here.is_empty(), "{sql}");
        assert_eq!(rows(report.path(), &source, sql), here, "{sql}");
    }
}

/// A Delta table in `store` anonymized in place: one new version,
/// committed through delta-rs with the store's conditional writes; the
/// old files stay (retained) until VACUUM.
fn a_table_is_anonymized_in_place(store: &Store) {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, summary)) = super::tables::write_tables(dir.path()) else { return };
    let source = store.url("lake", &unique("in-place"));
    store.upload(&lake.join("crm/people_delta"), &source);
    let report = dir.path().join("report");
    let report = report.to_str().unwrap();
    let scanned = store.lakeaudit(&["scan", &source, "--report", report]);
    assert_eq!(code(&scanned), 0, "{}", String::from_utf8_lossy(&scanned.stderr));
    let out = store.lakeaudit(&["anonymize", &source, "--in-place", "--yes", "--report", report]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let again = store.lakeaudit(&["scan", &source, "--report", report, "--format", "json"]);
    assert_eq!(code(&again), 0, "{}", String::from_utf8_lossy(&again.stderr));
    let rows = super::query(
        std::path::Path::new(report),
        "select max(table_version) as v, sum(case when retained then 0 else rows_total end) as n from objects \
         where scan_id = (select max(scan_id) from scans) and format = 'parquet'",
    );
    let version = summary["delta"]["version"].as_u64().unwrap();
    assert_eq!(rows[0]["v"].as_u64(), Some(version + 1), "{rows:?}");
    assert_eq!(rows[0]["n"], summary["delta"]["rows"], "{rows:?}");
    let emails = super::query(
        std::path::Path::new(report),
        "select count(*) as n from findings f join objects o on o.object = f.object and o.scan_id = f.scan_id \
         where f.scan_id = (select max(scan_id) from scans) and f.\"column\" = 'email' and not o.retained",
    );
    assert_eq!(emails[0]["n"], 0, "{emails:?}");
}

/// Tables and loose folders partitioned by an email column, in `store`,
/// anonymized into `store`: the copy's names and bytes hold no address,
/// and the copy reads back (downloaded) as on disk.
fn partition_values_are_anonymized_in(store: &Store) {
    let dir = tempfile::tempdir().unwrap();
    let Some(tables) = super::tables::by_email(dir.path()) else { return };
    // Short prefixes: s3s-fs keeps a file named by the base64 of each key,
    // which the file system caps at 255 bytes (keys of about 180).
    let (source, dest) = (store.url("lake", &unique("p")), store.url("anon", &unique("p")));
    store.upload(&tables, &source);
    let out = store.lakeaudit(&["anonymize", &source, "--out", &dest, "--verify"]);
    let printed = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(code(&out), 0, "{printed}");
    let copy = dir.path().join("copy");
    store.download(&dest, &copy);
    let planted: Vec<String> =
        (0..5).flat_map(|i| [format!("partner{i}@example.org"), format!("partner{i}%40example.org")]).collect();
    assert!(!planted.iter().any(|p| printed.contains(p.as_str())), "{printed}");
    let copied = walk(&copy);
    assert!(copied.len() >= 20, "{copied:?}");
    for path in copied {
        let name = path.strip_prefix(&copy).unwrap().to_string_lossy().into_owned();
        let raw = String::from_utf8_lossy(&std::fs::read(&path).unwrap()).into_owned();
        assert!(!planted.iter().any(|p| name.contains(p.as_str()) || raw.contains(p.as_str())), "{name}");
    }
    let read = super::tables::python(&[std::path::Path::new("--read-hive"), &copy.join("loose/duckdb")]);
    assert_eq!((read["rows"].as_u64(), &read["contacts"]), (Some(20), &serde_json::json!(["<EMAIL_ADDRESS>"])));
    let delta = super::tables::python(&[std::path::Path::new("--read"), &copy.join("delta")]);
    assert_eq!((delta["rows"].as_u64(), &delta["partitions"]), (Some(20), &serde_json::json!(["contact"])));
}

#[test]
fn partition_values_on_an_s3_server_are_anonymized() {
    if let Some(store) = Store::s3() {
        partition_values_are_anonymized_in(&store);
    }
}

#[test]
fn partition_values_in_azurite_are_anonymized() {
    if let Some(store) = Store::azurite() {
        partition_values_are_anonymized_in(&store);
    }
}

#[test]
fn a_table_on_an_s3_server_is_anonymized_in_place() {
    if let Some(store) = Store::s3() {
        a_table_is_anonymized_in_place(&store);
    }
}

#[test]
fn a_table_in_azurite_is_anonymized_in_place() {
    if let Some(store) = Store::azurite() {
        a_table_is_anonymized_in_place(&store);
    }
}

#[test]
fn tables_on_an_s3_server_read_as_on_disk() {
    if let Some(store) = Store::s3() {
        tables_read_as_on_local_disk(&store);
    }
}

#[test]
fn tables_in_azurite_read_as_on_disk() {
    if let Some(store) = Store::azurite() {
        tables_read_as_on_local_disk(&store);
    }
}

#[test]
fn a_large_parquet_object_on_an_s3_server_is_read_in_small_ranges() {
    let Some(store) = Store::s3() else { return };
    let dir = tempfile::tempdir().unwrap();
    super::sampling::sorted_object(&dir.path().join("t/a.parquet"), 400_000);
    let source = store.url("lake", &unique("large"));
    store.upload(dir.path(), &source);
    let report = tempfile::tempdir().unwrap();
    let out = store.lakeaudit(&["scan", &source, "--report", report.path().to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let o = &super::query(report.path(), "select bytes_read, size_bytes from objects")[0];
    let (read, size) = (o["bytes_read"].as_f64().unwrap(), o["size_bytes"].as_f64().unwrap());
    assert!(read / size < 0.10, "read {read} of {size} bytes");
    let local = tempfile::tempdir().unwrap();
    assert_eq!(code(&super::scan(dir.path(), local.path(), &[])), 0);
    assert_eq!(super::query(local.path(), "select bytes_read from objects")[0]["bytes_read"], o["bytes_read"]);
    eprintln!("default scan of a {size} B Parquet object on S3 read {read} B ({:.2} %)", 100.0 * read / size);
}

#[test]
fn a_lake_on_an_s3_server_gives_the_same_findings_as_on_disk() {
    if let Some(store) = Store::s3() {
        same_findings_as_local_disk(&store);
    }
}

#[test]
fn a_lake_in_azurite_gives_the_same_findings_as_on_disk() {
    if let Some(store) = Store::azurite() {
        same_findings_as_local_disk(&store);
    }
}

#[test]
fn bad_credentials_and_missing_buckets_are_one_clear_line() {
    let Some(s3) = Store::s3() else { return };
    let mut wrong = Store { scheme: "s3", env: s3.env.clone(), upload: Vec::new() };
    wrong.env.retain(|(k, _)| *k != "AWS_SECRET_ACCESS_KEY");
    wrong.env.push(("AWS_SECRET_ACCESS_KEY", "not-the-secret-at-all".into()));
    let report = tempfile::tempdir().unwrap();
    let report = report.path().to_str().unwrap();
    let stderr = |out: Output| {
        assert_eq!(code(&out), 4);
        String::from_utf8(out.stderr).unwrap()
    };
    let said = stderr(wrong.lakeaudit(&["scan", "s3://lake/x", "--report", report]));
    assert!(said.contains("the store rejected the credentials (SignatureDoesNotMatch)"), "{said}");
    assert!(!said.contains("not-the-secret-at-all") && said.lines().count() == 1, "{said}");
    let said = stderr(s3.lakeaudit(&["scan", "s3://no-such-bucket/x", "--report", report]));
    assert!(said.contains("s3://no-such-bucket/x: the bucket does not exist (NoSuchBucket)"), "{said}");
    let Some(az) = Store::azurite() else { return };
    let payments = testdata().join("lake/payments");
    let said = stderr(az.lakeaudit(&["scan", payments.to_str().unwrap(), "--report", "az://no-such-container/r"]));
    assert!(said.contains("the container does not exist (ContainerNotFound)") && said.lines().count() == 1, "{said}");
}

#[test]
fn storage_options_reach_the_store_and_stay_secret() {
    let Some(s3) = Store::s3() else { return };
    let source = s3.url("lake", &unique("opts"));
    s3.upload(&testdata().join("lake/payments"), &source);
    let options: Vec<String> = s3.env.iter().map(|(k, v)| format!("{}={v}", k.to_lowercase())).collect();
    let mut args: Vec<&str> = Vec::new();
    for o in &options {
        args.extend(["--storage-option", o.as_str()]);
    }
    let report = tempfile::tempdir().unwrap();
    // No credentials in the environment: only the options name the server.
    let plain = Store { scheme: "s3", env: Vec::new(), upload: Vec::new() };
    let scan = [&["scan", source.as_str(), "--report", report.path().to_str().unwrap(), "--format", "json"], &args[..]]
        .concat();
    let out = plain.lakeaudit(&scan);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!exposures(&out, &source).is_empty());
    let shown = plain.lakeaudit(&[&scan[..], &["--show-settings"]].concat());
    let shown = String::from_utf8(shown.stdout).unwrap();
    assert!(shown.contains("aws_secret_access_key=***") && !shown.contains("lakeaudit-test-secret"), "{shown}");
    let typo = plain.lakeaudit(&["scan", &source, "--report", "r", "--storage-option", "aws_endpiont=x"]);
    assert_eq!(code(&typo), 2);
    assert!(String::from_utf8_lossy(&typo.stderr).contains("unknown storage option 'aws_endpiont' for s3://"));
}

/// Which requests a [`FaultyProxy`] spoils.
#[derive(Clone)]
enum Which {
    /// One request in `n`, the first included.
    OneIn(usize),
    /// Every request whose target contains this text.
    Path(String),
}

/// How a [`FaultyProxy`] spoils a request.
#[derive(Clone, Copy)]
enum Fault {
    /// Answered `503 Service Unavailable`, the connection closed.
    Fail,
    /// Passed on after this long.
    Delay(std::time::Duration),
    /// Passed on, but the connection is cut a few bytes into the answer's body.
    Cut,
}

/// A proxy in front of a store server that spoils requests as a flaky
/// network or an overloaded store would. HTTP/1.1 clients send a request
/// only once the previous answer is in, so requests can be told apart
/// without parsing answers, and the next bytes from the server after a
/// request belong to its answer.
struct FaultyProxy {
    addr: std::net::SocketAddr,
    spoiled: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl FaultyProxy {
    fn start(upstream: &str, which: Which, fault: Fault) -> Self {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let upstream = url::Url::parse(upstream).unwrap().socket_addrs(|| None).unwrap()[0];
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (spoiled, seen) = (std::sync::Arc::new(AtomicUsize::new(0)), std::sync::Arc::new(AtomicUsize::new(0)));
        let counters = (spoiled.clone(), seen);
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let (which, (spoiled, seen)) = (which.clone(), (counters.0.clone(), counters.1.clone()));
                std::thread::spawn(move || {
                    let spoils = |target: &str| match &which {
                        Which::OneIn(n) => seen.fetch_add(1, Ordering::SeqCst) % n == 0,
                        Which::Path(p) => target.contains(p.as_str()),
                    };
                    let _ = Self::relay(client, upstream, spoils, fault, &spoiled);
                });
            }
        });
        Self { addr, spoiled }
    }

    fn relay(
        mut client: std::net::TcpStream,
        upstream: std::net::SocketAddr,
        spoils: impl Fn(&str) -> bool,
        fault: Fault,
        spoiled: &std::sync::atomic::AtomicUsize,
    ) -> std::io::Result<()> {
        use std::io::{Read, Write};
        use std::sync::atomic::{AtomicBool, Ordering};
        let mut server = std::net::TcpStream::connect(upstream)?;
        let (answers, to_client) = (server.try_clone()?, client.try_clone()?);
        let cut_next = std::sync::Arc::new(AtomicBool::new(false));
        let cut = cut_next.clone();
        std::thread::spawn(move || Self::answer(answers, to_client, &cut));
        let mut pending: Vec<u8> = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        loop {
            // A whole request: its head, then as many body bytes as it announces.
            while let Some(end) = pending.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&pending[..end]).into_owned();
                let body = head
                    .lines()
                    .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned()))
                    .map_or(0, |v| v.parse::<usize>().unwrap_or(0));
                if pending.len() < end + 4 + body {
                    break;
                }
                let request: Vec<u8> = pending.drain(..end + 4 + body).collect();
                let target = head.split_whitespace().nth(1).unwrap_or_default();
                if spoils(target) {
                    spoiled.fetch_add(1, Ordering::SeqCst);
                    match fault {
                        Fault::Fail => {
                            client.write_all(
                                b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                            )?;
                            let _ = server.shutdown(std::net::Shutdown::Both);
                            return client.shutdown(std::net::Shutdown::Both);
                        }
                        Fault::Delay(d) => std::thread::sleep(d),
                        Fault::Cut => cut_next.store(true, Ordering::SeqCst),
                    }
                }
                server.write_all(&request)?;
            }
            let n = client.read(&mut buf)?;
            if n == 0 {
                return server.shutdown(std::net::Shutdown::Write);
            }
            pending.extend_from_slice(&buf[..n]);
        }
    }

    /// Copies answers to the client; once `cut` is set, the next answer is
    /// passed on up to a few bytes of its body and both connections closed.
    fn answer(mut server: std::net::TcpStream, mut client: std::net::TcpStream, cut: &std::sync::atomic::AtomicBool) {
        use std::io::{Read, Write};
        let mut buf = [0u8; 64 * 1024];
        let mut answer: Vec<u8> = Vec::new();
        while let Ok(n) = server.read(&mut buf) {
            if n == 0 {
                break;
            }
            if !cut.load(std::sync::atomic::Ordering::SeqCst) {
                if client.write_all(&buf[..n]).is_err() {
                    break;
                }
                continue;
            }
            answer.extend_from_slice(&buf[..n]);
            if let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") {
                let _ = client.write_all(&answer[..(end + 4 + 16).min(answer.len())]);
                let _ = server.shutdown(std::net::Shutdown::Both);
                break;
            }
        }
        let _ = client.shutdown(std::net::Shutdown::Both);
    }

    /// `store` reached through this proxy.
    fn in_front_of(&self, store: &Store) -> Store {
        let mut env = store.env.clone();
        env.retain(|(k, _)| *k != "AWS_ENDPOINT");
        env.push(("AWS_ENDPOINT", format!("http://{}", self.addr)));
        Store { scheme: store.scheme, env, upload: store.upload.clone() }
    }
}

#[test]
fn one_request_in_ten_failing_cut_or_stalled_changes_no_finding() {
    let Some(s3) = Store::s3() else { return };
    let lake = testdata().join("lake");
    let source = s3.url("lake", &unique("flaky"));
    s3.upload(&lake, &source);
    let report = tempfile::tempdir().unwrap();
    let clean = s3.lakeaudit(&["scan", &source, "--report", report.path().to_str().unwrap(), "--format", "json"]);
    // Failed, cut mid-answer, or slower than the request timeout (1 s
    // here): each is retried, and no finding changes.
    let faults = [Fault::Fail, Fault::Cut, Fault::Delay(std::time::Duration::from_millis(1500))];
    for fault in faults {
        let proxy = FaultyProxy::start(&s3.env[0].1, Which::OneIn(10), fault);
        let flaky = proxy.in_front_of(&s3);
        let report = report.path().to_str().unwrap();
        let out = flaky.lakeaudit(&[
            "scan",
            &source,
            "--report",
            report,
            "--format",
            "json",
            "--storage-option",
            "timeout=1s",
        ]);
        assert_eq!(code(&out), code(&clean), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(exposures(&out, &source), exposures(&clean, &source));
        let failed = |out: &Output| {
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()[0]["scan"]["objects_failed"].clone()
        };
        assert_eq!(failed(&out), failed(&clean), "only the broken objects fail");
        let spoiled = proxy.spoiled.load(std::sync::atomic::Ordering::SeqCst);
        assert!(spoiled >= 3, "only {spoiled} requests spoiled: the test proves nothing");
    }
}

#[test]
fn an_object_that_always_fails_is_one_failed_row_in_a_finished_scan() {
    let Some(s3) = Store::s3() else { return };
    let source = s3.url("lake", &unique("broken"));
    s3.upload(&testdata().join("lake/payments"), &format!("{source}/payments"));
    s3.upload(&testdata().join("lake/customers"), &format!("{source}/customers"));
    let proxy = FaultyProxy::start(&s3.env[0].1, Which::Path("payments/part-0.parquet".into()), Fault::Fail);
    let report = tempfile::tempdir().unwrap();
    let out = proxy.in_front_of(&s3).lakeaudit(&["scan", &source, "--report", report.path().to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 3, "{stderr}");
    assert!(stderr.contains("payments/part-0.parquet"), "{stderr}");
    let failed = super::query(report.path(), "select object, status, error from objects where status = 'failed'");
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(failed[0]["error"].as_str().unwrap().contains("503"), "{failed:?}");
    let scans = super::query(report.path(), "select status, objects_scanned from scans");
    // Finished, with the one failure: `partial`, not interrupted or failed.
    assert_eq!(scans[0]["status"], "partial");
    assert!(scans[0]["objects_scanned"].as_u64().unwrap() >= 1);
}

#[test]
fn concurrent_runs_on_an_s3_report_never_fork_the_audit_chain() {
    let Some(s3) = Store::s3() else { return };
    let report = s3.url("reports", &unique("audit"));
    let lake = testdata().join("lake/payments");
    let runs: Vec<_> = (0..5)
        .map(|i| {
            Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
                .args(["scan", lake.to_str().unwrap(), "--report", &report, "--actor", &format!("w{i}")])
                .envs(s3.env.iter().map(|(k, v)| (*k, v)))
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut r in runs {
        assert!(r.wait().unwrap().success());
    }
    let out = s3.lakeaudit(&["audit", "verify", "--report", &report]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stdout));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("10 records, hash chain unbroken"), "{said}");
}
