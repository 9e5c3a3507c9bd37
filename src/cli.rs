//! The command line, as clap parses it. These types only validate; the
//! settings module turns them (with the config file and environment) into
//! what commands run with.

use crate::printer::OutputFormat;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// lakeaudit: find, report and remove personal data in data lakes.
#[derive(Debug, Parser)]
#[command(name = "lakeaudit", version, about, max_term_width = 100)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: GlobalArgs,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// TOML configuration: sampling, thresholds, filters.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Worker threads for decoding and classification (default: all cores).
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// Results as readable text, one JSON document, CSV (`query`) or a SARIF log (`scan`).
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Only errors on stderr.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// More detail on stderr.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    /// A store setting over the environment's, as object_store names it
    /// (`aws_endpoint=http://127.0.0.1:9000`); repeatable, values never shown.
    #[arg(long = "storage-option", global = true, value_name = "KEY=VALUE")]
    pub storage_options: Vec<String>,
    /// Who runs the command, for the report and the audit log [default:
    /// $LAKEAUDIT_ACTOR, else the OS user].
    #[arg(long, global = true, value_name = "NAME")]
    pub actor: Option<String>,
    /// Print the resolved settings as JSON and exit.
    #[arg(long, global = true, hide = true)]
    pub show_settings: bool,
}

/// The report a command reads or appends to, declared once.
#[derive(Debug, Args)]
pub struct ReportArg {
    /// The report: a folder or a file://, s3://, az://, abfss:// or gs://
    /// URL holding the report tables.
    #[arg(long = "report", value_name = "REPORT")]
    pub url: String,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List, sample and classify every column under SOURCE; append the scan to REPORT.
    Scan(ScanArgs),
    /// Write a sanitized copy of SOURCE into DEST, personal data replaced per the policy.
    Anonymize(AnonymizeArgs),
    /// Restore what `anonymize` encrypted: a copy of SOURCE with `encrypt`ed values decrypted.
    Deanonymize(DeanonymizeArgs),
    /// Run SQL over the report tables.
    Query(QueryArgs),
    /// What appeared, disappeared, grew or shrank between two scans.
    Diff(DiffArgs),
    /// Write a self-contained HTML page of the report: summary, trends, findings, alerts.
    Report(ReportArgs),
    /// The recognizer catalog.
    #[command(subcommand)]
    Recognizers(RecognizersCommand),
    /// The tamper-evident audit log under REPORT/audit.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Decide about findings (accept, false-positive, snooze), revoke a
    /// decision, or list those that hold.
    Triage(TriageArgs),
    /// Run a Ballista scheduler or executor for `scan --cluster` and `anonymize --cluster`.
    #[command(subcommand)]
    Cluster(ClusterCommand),
}

/// `lakeaudit cluster`: the roles of a Ballista cluster that lists, reads
/// and copies objects for `scan` and `anonymize --cluster df://HOST:PORT`.
#[derive(Debug, Subcommand)]
pub enum ClusterCommand {
    /// Schedule scan and copy jobs on executors; clients connect with `--cluster df://HOST:PORT`.
    Scheduler {
        /// Where to listen.
        #[arg(long, value_name = "HOST:PORT", default_value = "0.0.0.0:50050")]
        bind: std::net::SocketAddr,
        /// Seconds without a heartbeat before an executor is taken for dead
        /// and its tasks run elsewhere.
        #[arg(long, value_name = "SECS", default_value_t = 60)]
        executor_timeout: u64,
        /// Serve task results to clients through the scheduler (for clients
        /// that cannot reach the executors, outside a container network).
        #[arg(long)]
        flight_proxy: bool,
    },
    /// List, read and copy objects for the scheduler's jobs, with this
    /// machine's store settings and key (its environment).
    Executor {
        /// The scheduler.
        #[arg(long, value_name = "HOST:PORT")]
        scheduler: String,
        /// The address to listen on.
        #[arg(long, value_name = "HOST", default_value = "0.0.0.0")]
        bind: String,
        /// The host name the scheduler and clients reach this executor by
        /// [default: --bind, or this machine's host name for 0.0.0.0].
        #[arg(long, value_name = "HOST")]
        external_host: Option<String>,
        /// Arrow Flight port, where clients fetch results.
        #[arg(long, value_name = "PORT", default_value_t = 50051)]
        port: u16,
        /// gRPC port, where the scheduler hands out tasks.
        #[arg(long, value_name = "PORT", default_value_t = 50052)]
        grpc_port: u16,
        /// Tasks run at once [default: --threads].
        #[arg(long, value_name = "N")]
        tasks: Option<usize>,
        /// Seconds between heartbeats (keep it below the scheduler's
        /// --executor-timeout).
        #[arg(long, value_name = "SECS", default_value_t = 10)]
        heartbeat: u64,
        /// Where task results wait to be fetched [default: a temporary folder].
        #[arg(long, value_name = "DIR")]
        work_dir: Option<String>,
    },
}

/// What `lakeaudit triage` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TriageAction {
    /// Personal data there on purpose.
    Accept,
    /// Not personal data.
    FalsePositive,
    /// Personal data, to deal with later (`--until` required).
    Snooze,
    /// Undo the decision about these findings.
    Revoke,
    /// The decisions that hold, and those that ended.
    List,
}

/// `lakeaudit triage`.
#[derive(Debug, Args)]
pub struct TriageArgs {
    /// What to do.
    #[arg(value_enum)]
    pub action: TriageAction,
    /// Finding ids, as the summary and `findings.finding_id` show them.
    #[arg(value_name = "ID")]
    pub ids: Vec<String>,
    /// The report the decisions are kept in.
    #[command(flatten)]
    pub report: ReportArg,
    /// Why (required but for `list`).
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// The last day the decision holds, YYYY-MM-DD (required for `snooze`).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Who decides [default: --actor, LAKEAUDIT_ACTOR or the OS user].
    #[arg(long, value_name = "ACTOR")]
    pub by: Option<String>,
}

/// `lakeaudit scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Local path, file://, s3://, az://, abfss:// or gs:// URL; each is its own scan.
    #[arg(required = true, value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// Where the scan is appended.
    #[command(flatten)]
    pub report: ReportArg,
    /// Only objects whose path below SOURCE matches (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Skip objects whose path below SOURCE matches (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Rows sampled per object [default: 1000].
    #[arg(long, value_name = "N", conflicts_with = "full")]
    pub sample_rows: Option<u64>,
    /// Read every row of every object.
    #[arg(long)]
    pub full: bool,
    /// Only read objects changed since the last scan of SOURCE in REPORT (by
    /// ETag, size and modification time); carry the others' results over.
    #[arg(long)]
    pub incremental: bool,
    /// Also read the files of Delta and Iceberg tables that their current
    /// version no longer references but that are still on storage (old
    /// versions, kept for time travel until VACUUM or snapshot expiry):
    /// their findings are reported with `retained = true`.
    #[arg(long)]
    pub history: bool,
    /// Exit 1 when the scan finds new personal data (a `new_pii` alert), any
    /// personal data, or raises any alert (for CI pipelines).
    #[arg(long, value_enum, value_name = "GATE")]
    pub fail_on: Option<Gate>,
    /// Write Prometheus text metrics of the scan to FILE (for node_exporter's
    /// textfile collector), atomically.
    #[arg(long, value_name = "FILE")]
    pub metrics: Option<PathBuf>,
    /// Decisions about findings (accepted, false positives, snoozed), a
    /// TOML file kept in the repository: decided findings trip no gate and
    /// raise no alert until their decision ends.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// POST the scan's alerts as JSON (with a Slack-compatible `text`) to
    /// URL once the scan is published; retried, never with raw values.
    #[arg(long, value_name = "URL")]
    pub webhook: Option<String>,
    /// Seed for where samples are taken [default: 0].
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Lowest score reported [default: 0.5].
    #[arg(long, value_name = "SCORE")]
    pub min_score: Option<f64>,
    /// Read the objects on a Ballista cluster (`df://HOST:PORT`, its
    /// scheduler): executors sample and classify, this process lists and
    /// writes the report as a local scan does.
    #[arg(long, value_name = "URL")]
    pub cluster: Option<String>,
}

/// `lakeaudit anonymize`.
#[derive(Debug, Args)]
pub struct AnonymizeArgs {
    /// Local path, file://, s3://, az://, abfss:// or gs:// URL; only read.
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// Where the copy goes (not inside SOURCE).
    #[arg(long, value_name = "DEST", required_unless_present = "in_place")]
    pub out: Option<String>,
    /// Rewrite the Delta table SOURCE in place instead of copying it: the
    /// files holding personal data are replaced, in a new version of the
    /// table, by anonymized ones (old versions keep the data until VACUUM).
    /// Needs --yes and --report (whose audit log records the run).
    #[arg(long, conflicts_with_all = ["out", "verify"])]
    pub in_place: bool,
    /// Confirms --in-place.
    #[arg(long, requires = "in_place")]
    pub yes: bool,
    /// TOML policy: operator per entity type or column (default: replace, as `<EMAIL_ADDRESS>`).
    #[arg(long, value_name = "FILE")]
    pub policy: Option<PathBuf>,
    /// Take findings from the last scan of SOURCE in REPORT instead of classifying it.
    #[arg(long, value_name = "REPORT")]
    pub report: Option<String>,
    /// Re-scan the copy in full; exit 1 if personal data is left in it.
    #[arg(long)]
    pub verify: bool,
    /// Print the plan (objects, columns, operators); write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// The key for hash, tokenize and encrypt [default: $LAKEAUDIT_KEY].
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Rows sampled per object to classify SOURCE [default: 1000].
    #[arg(long, value_name = "N", conflicts_with = "full")]
    pub sample_rows: Option<u64>,
    /// Classify SOURCE from every row.
    #[arg(long)]
    pub full: bool,
    /// Copy the objects on a Ballista cluster (`df://HOST:PORT`): executors
    /// read SOURCE and write DEST with their own store settings and key
    /// (`LAKEAUDIT_KEY`, which must be this one); this process plans,
    /// finishes tables and verifies as it does alone.
    #[arg(long, value_name = "URL")]
    pub cluster: Option<String>,
}

/// `lakeaudit deanonymize`.
#[derive(Debug, Args)]
pub struct DeanonymizeArgs {
    /// An anonymized copy.
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// Where the restored copy goes.
    #[arg(long, value_name = "DEST")]
    pub out: String,
    /// The key the copy was encrypted with [default: $LAKEAUDIT_KEY].
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
}

/// What `--fail-on` stops a pipeline for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize)]
pub enum Gate {
    /// Personal data where no earlier scan of the source found any.
    NewPii,
    /// Any personal data.
    AnyPii,
    /// Any alert: new personal data, jumps, type changes, vanished datasets.
    Anomaly,
}

/// `lakeaudit query`.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// The report to query.
    #[command(flatten)]
    pub report: ReportArg,
    /// SQL over the tables scans, objects, columns, findings, alerts, audit.
    #[arg(value_name = "SQL", required_unless_present = "name", conflicts_with = "name")]
    pub sql: Option<String>,
    /// A named query of queries/ (latest_findings, new_pii_columns,
    /// fixed_columns, trend, top_datasets, coverage, time_to_remediation).
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
}

/// `lakeaudit diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The report holding both scans.
    #[command(flatten)]
    pub report: ReportArg,
    /// The earlier scan [default: the one before --to of the same source].
    #[arg(long, value_name = "SCAN")]
    pub from: Option<String>,
    /// The later scan [default: the latest of --from's source, else the latest].
    #[arg(long, value_name = "SCAN")]
    pub to: Option<String>,
}

/// `lakeaudit report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The report to show.
    #[command(flatten)]
    pub report: ReportArg,
    /// The page to write.
    #[arg(long, value_name = "FILE.html")]
    pub out: PathBuf,
}

/// `lakeaudit recognizers`.
#[derive(Debug, Subcommand)]
pub enum RecognizersCommand {
    /// Print the catalog: entity, method, validator, source.
    List,
    /// Show what fires on TEXT, and why.
    Test {
        /// The text to try.
        text: String,
        /// A column name to use as context.
        #[arg(long, default_value = "")]
        column: String,
    },
}

/// `lakeaudit audit`.
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Check the hash chain: exit 1 and name every edited, deleted, inserted,
    /// reordered or truncated record.
    Verify {
        /// The report whose log is checked.
        #[command(flatten)]
        report: ReportArg,
    },
    /// Show the log, oldest first.
    Log {
        /// The report whose log is shown.
        #[command(flatten)]
        report: ReportArg,
        /// Only runs by this actor.
        #[arg(long = "by", value_name = "ACTOR")]
        by: Option<String>,
        /// Only this command (`scan`, `anonymize`...).
        #[arg(long, value_name = "COMMAND")]
        command: Option<String>,
        /// Only records at or after this time (RFC 3339 or a date).
        #[arg(long, value_name = "TIME")]
        since: Option<String>,
        /// Only records before this time.
        #[arg(long, value_name = "TIME")]
        until: Option<String>,
    },
}
