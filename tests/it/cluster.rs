//! A real Ballista cluster: a scheduler and executors started as separate
//! `lakeaudit cluster` processes on 127.0.0.1, scans run through it with
//! `--cluster df://`, and the report compared row by row with a local
//! scan's (read back through DataFusion), from local disk and from the S3
//! server; then an executor killed mid-job, and a scheduler that is not
//! there.

use super::{code, lakeaudit, query, testdata};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A scheduler and its executors, stopped when dropped.
struct Cluster {
    scheduler: Child,
    /// Each executor's id (`HOST:PORT`), process and work folder.
    executors: Vec<(String, Child, std::path::PathBuf)>,
    port: u16,
    work: tempfile::TempDir,
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits until something listens on `port`.
fn listening(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "nothing listens on {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Cluster {
    /// A scheduler and `executors` executors of one task each, with `env`
    /// (the store settings executors read with); with `proxy`, results
    /// are fetched through the scheduler.
    fn start(executors: usize, env: &[(&str, String)], proxy: bool) -> Self {
        let work = tempfile::tempdir().unwrap();
        let port = free_port();
        let spawn = |args: &[&str], log: &str| {
            Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
                .args(args)
                .envs(env.iter().map(|(k, v)| (*k, v)))
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(work.path().join(log)).unwrap())
                .spawn()
                .expect("binary runs")
        };
        let bind = format!("127.0.0.1:{port}");
        let mut args = vec!["cluster", "scheduler", "--bind", &bind, "--executor-timeout", "4"];
        if proxy {
            args.push("--flight-proxy");
        }
        let scheduler = spawn(&args, "scheduler.log");
        listening(port);
        let executors = (0..executors)
            .map(|i| {
                let (flight, grpc) = (free_port(), free_port());
                let dir = work.path().join(format!("executor-{i}"));
                std::fs::create_dir(&dir).unwrap();
                let args = [
                    "--threads",
                    "1",
                    "cluster",
                    "executor",
                    "--scheduler",
                    &bind,
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    &flight.to_string(),
                    "--grpc-port",
                    &grpc.to_string(),
                    "--heartbeat",
                    "1",
                    "--work-dir",
                    dir.to_str().unwrap(),
                ];
                let child = spawn(&args, &format!("executor-{i}.log"));
                listening(flight);
                (format!("127.0.0.1:{flight}"), child, dir)
            })
            .collect();
        // Executors register as they start: give the last one a heartbeat.
        std::thread::sleep(Duration::from_millis(1500));
        Self { scheduler, executors, port, work }
    }

    fn url(&self) -> String {
        format!("df://127.0.0.1:{}", self.port)
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        for (_, child, _) in &mut self.executors {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = self.scheduler.kill();
        let _ = self.scheduler.wait();
    }
}

/// Columns that differ between two scans of the same objects.
const VOLATILE: [&str; 4] = ["scan_id", "scanned_at", "duration_ms", "started_at"];

/// The rows of `table` of a report, volatile columns left out, sorted.
fn rows(report: &Path, table: &str) -> Vec<String> {
    let mut rows: Vec<String> = query(report, &format!("SELECT * FROM {table}"))
        .into_iter()
        .map(|mut row| {
            VOLATILE.iter().for_each(|c| {
                row.remove(*c);
            });
            serde_json::to_string(&row).unwrap()
        })
        .collect();
    rows.sort();
    rows
}

/// The two reports hold the same `objects`, `columns` and `findings` rows.
fn same_rows(local: &Path, cluster: &Path) {
    for table in ["objects", "columns", "findings"] {
        let (l, c) = (rows(local, table), rows(cluster, table));
        assert!(!l.is_empty(), "{table} holds rows");
        assert_eq!(l.len(), c.len(), "{table}: as many rows");
        for (l, c) in l.iter().zip(&c) {
            assert_eq!(l, c, "{table}: the same rows");
        }
    }
}

fn ok(out: &Output) {
    assert_eq!(code(out), 3, "the bundled lake has broken objects: {}", String::from_utf8_lossy(&out.stderr));
}

/// The executors named in the audit log's objects of `report`.
fn readers(report: &Path) -> std::collections::BTreeSet<String> {
    let mut by = std::collections::BTreeSet::new();
    for file in super::walk(&report.join("audit/objects")) {
        for line in std::fs::read_to_string(file).unwrap().lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            if v["role"] == "read" {
                by.insert(v["by"].as_str().expect("each object read names its executor").to_owned());
            }
        }
    }
    by
}

#[test]
fn a_cluster_scan_writes_the_rows_a_local_scan_writes() {
    let cluster = Cluster::start(2, &[], false);
    let executors: std::collections::BTreeSet<String> = cluster.executors.iter().map(|e| e.0.clone()).collect();
    let generated = tempfile::tempdir().unwrap();
    lakegen::small_lake(generated.path()).unwrap();
    for lake in [testdata().join("lake"), generated.path().to_owned()] {
        let (local, remote) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let l = super::scan(&lake, local.path(), &[]);
        let c = super::scan(&lake, remote.path(), &["--cluster", &cluster.url()]);
        assert_eq!(code(&c), code(&l), "{}", String::from_utf8_lossy(&c.stderr));
        same_rows(local.path(), remote.path());
        let by = readers(remote.path());
        assert!(!by.is_empty() && by.is_subset(&executors), "{by:?} read, of {executors:?}");
        // Incremental on the cluster: nothing changed, nothing read, the
        // same findings carried over.
        let again =
            super::scan(&lake, remote.path(), &["--cluster", &cluster.url(), "--incremental", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
        assert_eq!(v[0]["scan"]["objects_scanned"], 0, "{}", String::from_utf8_lossy(&again.stderr));
        let latest = |r: &Path| {
            query(r, "SELECT count(*) AS n FROM findings WHERE scan_id = (SELECT max(scan_id) FROM scans)")[0]["n"]
                .clone()
        };
        assert_eq!(latest(remote.path()), latest(local.path()));
    }
    // Both executors took tasks of the bundled lake's seventeen objects.
    let (local, remote) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    ok(&super::scan(&testdata().join("lake"), local.path(), &[]));
    ok(&super::scan(&testdata().join("lake"), remote.path(), &["--cluster", &cluster.url()]));
    assert_eq!(readers(remote.path()), executors);
}

#[test]
fn a_scheduler_that_is_not_there_is_one_line_and_nothing_is_published() {
    let report = tempfile::tempdir().unwrap();
    let url = format!("df://127.0.0.1:{}", free_port());
    let out = super::scan(&testdata().join("lake"), report.path(), &["--cluster", &url]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 4, "{stderr}");
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains(&url) && stderr.contains("cannot be reached"), "{stderr}");
    assert!(!report.path().join("objects").exists(), "no report table is published");
    // A bad URL is a usage error.
    let out = super::scan(&testdata().join("lake"), report.path(), &["--cluster", "http://127.0.0.1:1"]);
    assert_eq!(code(&out), 2);
    // Credentials never travel in plans.
    let out = lakeaudit(&[
        "scan",
        testdata().join("lake").to_str().unwrap(),
        "--report",
        report.path().to_str().unwrap(),
        "--cluster",
        &url,
        "--storage-option",
        "aws_secret_access_key=x",
    ]);
    assert_eq!(code(&out), 2, "{}", String::from_utf8_lossy(&out.stderr));
    let out = lakeaudit(&["cluster", "executor", "--scheduler", "127.0.0.1:1", "--storage-option", "a=b"]);
    assert_eq!(code(&out), 2, "{}", String::from_utf8_lossy(&out.stderr));
}

/// Whether any file is below `dir`.
fn holds_files(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|d| d.flatten().any(|e| e.path().is_file() || holds_files(&e.path())))
}

/// A `--full` scan of `lake` through `cluster`, running.
fn full_scan(lake: &Path, report: &Path, cluster: &Cluster) -> Child {
    Command::new(env!("CARGO_BIN_EXE_lakeaudit"))
        .args(["scan", lake.to_str().unwrap(), "--report", report.to_str().unwrap(), "--full"])
        .args(["--cluster", &cluster.url()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

impl Cluster {
    /// Kills executor `i` (`kill -9`) once it runs a task of a new job (its
    /// work folder, emptied first, holds a task's output in the making);
    /// its id.
    fn kill_when_busy(&mut self, i: usize) -> String {
        let work = self.work.path().join(format!("executor-{i}"));
        let _ = std::fs::remove_dir_all(&work);
        std::fs::create_dir(&work).unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        while !holds_files(&work) {
            assert!(Instant::now() < deadline, "executor {i} took no task");
            std::thread::sleep(Duration::from_millis(20));
        }
        let at = self.executors.iter().position(|e| e.2 == work).expect("running");
        let (id, mut child, _) = self.executors.remove(at);
        child.kill().unwrap();
        child.wait().unwrap();
        id
    }
}

#[test]
fn an_executor_killed_mid_job_has_its_tasks_run_elsewhere() {
    let lake = tempfile::tempdir().unwrap();
    super::atomic::write_lake(lake.path(), 16, 20_000);
    let local = tempfile::tempdir().unwrap();
    assert_eq!(code(&super::scan(lake.path(), local.path(), &["--full"])), 0);
    let mut cluster = Cluster::start(2, &[], false);
    let remote = tempfile::tempdir().unwrap();
    let scan = full_scan(lake.path(), remote.path(), &cluster);
    // The first executor is killed once it is running a task.
    let killed = cluster.kill_when_busy(0);
    let out = scan.wait_with_output().unwrap();
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    same_rows(local.path(), remote.path());
    let survivor = &cluster.executors[0].0;
    assert!(!readers(remote.path()).contains(&killed), "rows of the killed executor's tasks were not kept");
    assert!(readers(remote.path()).contains(survivor));

    // With the last executor killed mid-job the job cannot finish: a clear
    // error, and nothing of the scan is published.
    let published = |r: &Path| super::walk(r).into_iter().filter(|f| !f.starts_with(r.join("audit"))).count();
    let before = published(remote.path());
    let scan = full_scan(lake.path(), remote.path(), &cluster);
    cluster.kill_when_busy(1);
    let out = scan.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 4, "{stderr}");
    assert!(stderr.contains(&format!("cluster {}", cluster.url())) && stderr.contains("executors"), "{stderr}");
    assert_eq!(published(remote.path()), before, "no report file of the failed scan: {stderr}");
}

/// The bundled lake uploaded to `store` (`nested` one folder down), scanned
/// there locally and through a cluster whose executors hold the store's
/// settings in their environment: the executors list its ten folders (the
/// cut goes inside a lone folder), and the rows are the local scan's.
fn through_the_cluster_from(store: &super::stores::Store, nested: bool) {
    let lake = testdata().join("lake");
    let source = store.url("lake", &super::stores::unique("cl"));
    store.upload(&lake, &if nested { format!("{source}/all") } else { source.clone() });
    let cluster = Cluster::start(2, &store.env, true);
    let (local, remote) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let scan = |report: &Path, extra: &[&str]| {
        let mut args = vec!["scan", &source, "--report", report.to_str().unwrap()];
        args.extend_from_slice(extra);
        store.lakeaudit(&args)
    };
    ok(&scan(local.path(), &[]));
    let c = scan(remote.path(), &["--cluster", &cluster.url(), "--verbose"]);
    ok(&c);
    same_rows(local.path(), remote.path());
    let stderr = String::from_utf8_lossy(&c.stderr);
    assert!(stderr.contains("listing 10 folders"), "{stderr}");
    // No credential reaches the output.
    for (_, value) in store.env.iter().filter(|(k, _)| k.contains("SECRET")) {
        assert!(!stderr.contains(value.as_str()));
    }
}

#[test]
fn a_cluster_scan_from_the_s3_server_lists_and_writes_the_rows_a_local_scan_writes() {
    if let Some(store) = super::stores::Store::s3() {
        through_the_cluster_from(&store, false);
        through_the_cluster_from(&store, true);
    }
}

#[test]
fn a_cluster_scan_from_azurite_lists_and_writes_the_rows_a_local_scan_writes() {
    if let Some(store) = super::stores::Store::azurite() {
        through_the_cluster_from(&store, false);
    }
}

/// The deployment files hold to the binary: the image builds every
/// workspace member's manifest in its dependency stage, and the compose
/// file starts the roles with flags the binary takes. (Docker cannot run
/// here: no daemon, and no registry for base images.)
#[test]
fn the_deployment_files_hold_to_the_binary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dockerfile = std::fs::read_to_string(root.join("Dockerfile")).unwrap();
    let manifest: toml::Value = toml::from_str(&std::fs::read_to_string(root.join("Cargo.toml")).unwrap()).unwrap();
    for member in manifest["workspace"]["members"].as_array().unwrap() {
        let path = match member.as_str().unwrap() {
            "." => "Cargo.toml".to_owned(),
            m => format!("{m}/Cargo.toml"),
        };
        assert!(dockerfile.contains(&format!("COPY {path} ")) || path == "Cargo.toml", "the image copies {path}");
    }
    assert!(dockerfile.contains("cargo build --release --locked --bin lakeaudit"));
    let compose: serde_yaml_ng::Value =
        serde_yaml_ng::from_str(&std::fs::read_to_string(root.join("deploy/compose.yaml")).unwrap()).unwrap();
    let services = &compose["services"];
    let scheduler: Vec<&str> =
        services["scheduler"]["command"].as_sequence().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    let executor = services["executor"]["command"][0].as_str().unwrap();
    // The container's address, as the shell gives it there (`$$` is
    // compose's escape of `$`).
    let executor = executor.replace(r#""$$(hostname -i)""#, "127.0.0.1");
    let executor: Vec<&str> =
        executor.strip_prefix("exec lakeaudit ").expect("the executor runs lakeaudit").split_whitespace().collect();
    for args in [scheduler, executor] {
        // `--help` after the flags: clap refuses an unknown flag before it.
        let out = lakeaudit(&[args.as_slice(), &["--help"]].concat());
        assert_eq!(code(&out), 0, "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// Delta and Iceberg tables written by their own clients, with `--history`
/// (retained files, deletion vectors' rows, the logs' old values) and the
/// tables partitioned by email: the same rows through the cluster.
#[test]
fn tables_through_the_cluster_give_the_rows_a_local_scan_gives() {
    let dir = tempfile::tempdir().unwrap();
    let Some((lake, _)) = super::tables::write_tables(dir.path()) else { return };
    let Some(by_email) = super::tables::by_email(&dir.path().join("e")) else { return };
    let cluster = Cluster::start(2, &[], false);
    for lake in [lake, by_email] {
        let (local, remote) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let l = super::scan(&lake, local.path(), &["--history"]);
        let c = super::scan(&lake, remote.path(), &["--history", "--cluster", &cluster.url()]);
        assert_eq!(code(&c), code(&l), "{}", String::from_utf8_lossy(&c.stderr));
        same_rows(local.path(), remote.path());
    }
}

/// Runs the binary with `LAKEAUDIT_KEY` set to `key`.
fn keyed(key: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lakeaudit")).args(args).env("LAKEAUDIT_KEY", key).output().expect("runs")
}

/// Every file below `dir` and its bytes, by path below `dir`, the run's
/// own bookkeeping (its audit log) left out.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    super::walk(dir)
        .into_iter()
        .map(|f| (f.strip_prefix(dir).unwrap().to_string_lossy().into_owned(), std::fs::read(&f).unwrap()))
        .filter(|(name, _)| !name.starts_with("_lakeaudit/audit"))
        .collect()
}

#[test]
fn an_anonymized_copy_made_on_the_cluster_is_the_copy_made_here() {
    let key = "5a".repeat(32);
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("policy.toml");
    std::fs::write(
        &policy,
        "default = \"tokenize\"\n[entities.EMAIL_ADDRESS]\noperator = \"encrypt\"\n[entities.PERSON]\noperator = \"mask\"\n",
    )
    .unwrap();
    let lake = testdata().join("lake");
    let (lake, policy) = (lake.to_str().unwrap(), policy.to_str().unwrap());
    let (here, there) = (dir.path().join("here"), dir.path().join("there"));
    let local = keyed(&key, &["anonymize", lake, "--out", here.to_str().unwrap(), "--policy", policy]);
    // Executors hold the key in their own environment.
    let cluster = Cluster::start(2, &[("LAKEAUDIT_KEY", key.clone())], false);
    let args = ["anonymize", lake, "--out", there.to_str().unwrap(), "--policy", policy, "--cluster", &cluster.url()];
    let remote = keyed(&key, &args);
    assert_eq!(code(&remote), code(&local), "{}", String::from_utf8_lossy(&remote.stderr));
    let (a, b) = (tree(&here), tree(&there));
    assert_eq!(a.iter().map(|f| &f.0).collect::<Vec<_>>(), b.iter().map(|f| &f.0).collect::<Vec<_>>());
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{name} differs");
    }
    assert!(a.iter().any(|(n, _)| n.ends_with(".parquet")) && a.iter().any(|(n, _)| n.contains("manifests")));
    // Verification runs here whichever made the copy, and judges the two
    // alike (a re-run finds every object already written).
    let verify = |dest: &Path, extra: &[&str]| {
        let args = ["anonymize", lake, "--out", dest.to_str().unwrap(), "--policy", policy, "--verify"];
        let out = keyed(&key, &[args.as_slice(), extra].concat());
        let left: Vec<String> = String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| l.contains("left in the copy"))
            .map(|l| l.replace(dest.to_str().unwrap(), "DEST"))
            .collect();
        (code(&out), left)
    };
    assert_eq!(verify(&there, &["--cluster", &cluster.url()]), verify(&here, &[]));
    // An executor whose key is not the client's copies nothing.
    let other = tempfile::tempdir().unwrap();
    let args =
        ["anonymize", lake, "--out", other.path().to_str().unwrap(), "--policy", policy, "--cluster", &cluster.url()];
    let out = keyed(&"77".repeat(32), &args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code(&out), 4, "{stderr}");
    assert!(stderr.contains("key"), "{stderr}");
    assert!(!tree(other.path()).iter().any(|(n, _)| n.ends_with(".parquet") || n.ends_with(".csv")), "nothing copied");
}
