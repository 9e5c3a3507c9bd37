//! The audit trail: who ran what, on which data, with which settings, and
//! how it ended, as a tamper-evident log under `REPORT/audit/`.
//!
//! Each record is its own object, `audit/records/<seq>.json`, created with a
//! conditional write (put-if-absent: a rename that never replaces on local
//! disk, `If-None-Match` on object stores), so concurrent runs never fork
//! the log: the loser of a race for a sequence number takes the next one.
//! Each record holds the SHA-256 of the one before (a hash chain) and, when
//! `LAKEAUDIT_AUDIT_KEY` is set, an HMAC of itself; `audit/HEAD` names the
//! last record, so records cut off the end are missed too. The objects a
//! run read and wrote, with their versions, go to `audit/objects/<run>.jsonl`,
//! whose digest the run's end record holds. No record holds a raw value or
//! a credential: URLs are redacted and secret arguments masked.

use crate::error::{Error, Result};
use crate::source::{Location, redact};
use futures::TryStreamExt;
use hmac::Mac;
use object_store::path::Path;
use object_store::{ObjectStoreExt, PutMode, PutOptions};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The environment variable holding the optional HMAC key.
pub const KEY_VAR: &str = "LAKEAUDIT_AUDIT_KEY";
/// Tries at appending before giving up on a busy log.
const APPEND_TRIES: usize = 64;
/// How long an append on an object store waits before reading its record
/// back (see [`AuditLog::still_ours`]).
const RACE_PAUSE_MS: u64 = 150;

crate::report::table! {
/// One record of the log; the query table `audit` holds them all.
#[derive(PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record in "audit" {
    /// Position in the log, from 0.
    pub seq: u64,
    /// `hash` of the record before (empty for the first).
    pub prev_hash: String,
    /// `start` or `end`.
    pub kind: String,
    /// The run both records of a command share.
    pub run_id: String,
    /// UTC, RFC 3339 with microseconds.
    pub time: Rfc3339,
    /// Who ran it.
    pub actor: String,
    /// Where.
    pub host: String,
    /// lakeaudit's version.
    pub tool_version: String,
    /// `scan`, `anonymize`...
    pub command: String,
    /// The arguments, secrets masked and URLs redacted.
    pub args: Vec<String>,
    /// Locations read (redacted URLs).
    pub sources: Vec<String>,
    /// Locations written.
    pub destinations: Vec<String>,
    /// SHA-256 of the resolved settings.
    pub settings_digest: String,
    /// End records: `complete`, `partial`, `failed`, `interrupted`
    /// ([`crate::status::Outcome`]).
    pub outcome: Option<String>,
    /// End records: the exit code.
    pub exit_code: Option<u8>,
    /// End records: why it failed (never a value).
    pub error: Option<String>,
    /// End records: objects read and written.
    pub objects: Option<u64>,
    /// End records: SHA-256 of `audit/objects/<run_id>.jsonl`.
    pub objects_digest: Option<String>,
    /// SHA-256 of this record without `hash` and `mac`.
    pub hash: String,
    /// HMAC-SHA-256 of the same, with the audit key.
    pub mac: Option<String>,
}
}

/// A time as the log stores it, UTC RFC 3339 with microseconds; a
/// timestamp in the query table.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Rfc3339(pub String);

impl Rfc3339 {
    /// The time now.
    fn now() -> Self {
        Self(chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
    }

    /// UTC microseconds since the epoch, if it reads as a time.
    fn micros(&self) -> Option<i64> {
        chrono::DateTime::parse_from_rfc3339(&self.0).ok().map(|t| t.timestamp_micros())
    }
}

/// A time that does not read (a hand-edited log) is a null.
impl crate::report::Cell for Rfc3339 {
    const NULLABLE: bool = true;
    fn data_type() -> arrow::datatypes::DataType {
        <Option<i64> as crate::report::Cell>::data_type()
    }
    fn to_array<'a>(values: impl Iterator<Item = &'a Self>) -> arrow::array::ArrayRef {
        let micros: Vec<Option<i64>> = values.map(Rfc3339::micros).collect();
        <Option<i64> as crate::report::Cell>::to_array(micros.iter())
    }
    fn from_array(array: &dyn arrow::array::Array) -> std::result::Result<Vec<Self>, String> {
        let micros = <Option<i64> as crate::report::Cell>::from_array(array)?;
        let time = |m: i64| chrono::DateTime::from_timestamp_micros(m).unwrap_or_default();
        let text = |m: Option<i64>| m.map(|m| time(m).to_rfc3339_opts(chrono::SecondsFormat::Micros, true));
        Ok(micros.into_iter().map(|m| Rfc3339(text(m).unwrap_or_default())).collect())
    }
}

impl Record {
    /// The digest the record's `hash` must be: over its JSON without `hash`
    /// and `mac`.
    fn digest(&self) -> String {
        let mut bare = self.clone();
        bare.hash = String::new();
        bare.mac = None;
        hex::encode(Sha256::digest(serde_json::to_vec(&bare).expect("serializable")))
    }
}

/// An object a run read or wrote, at the version it had.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Touched {
    /// `read` or `written`.
    pub role: &'static str,
    /// Redacted URL.
    pub object: String,
    /// Size in bytes.
    pub size: u64,
    /// Last-modified time, UTC microseconds (0 when unknown).
    pub last_modified: i64,
    /// ETag, where the store gives one.
    pub etag: Option<String>,
    /// The cluster executor that read it (`scan --cluster`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// What a run says of itself when it starts.
#[derive(Debug, Clone)]
pub struct Run {
    /// The command.
    pub command: String,
    /// The raw arguments (masked here).
    pub args: Vec<String>,
    /// Who.
    pub actor: String,
    /// Locations read.
    pub sources: Vec<String>,
    /// Locations written.
    pub destinations: Vec<String>,
    /// Digest of the resolved settings.
    pub settings_digest: String,
}

/// How a run ended.
#[derive(Debug, Clone)]
pub struct End {
    /// How it ended.
    pub outcome: crate::status::Outcome,
    /// The exit code.
    pub exit_code: u8,
    /// Why it failed.
    pub error: Option<String>,
    /// The objects read and written.
    pub objects: Vec<Touched>,
}

/// The log of one report.
pub struct AuditLog {
    location: Location,
    key: Option<Vec<u8>>,
}

/// A run's open entry in the log.
pub struct Started {
    run_id: String,
    template: Record,
    /// The start record as written.
    written: Record,
}

impl AuditLog {
    /// The log under `report`, with the HMAC key from the environment.
    pub fn new(report: &Location) -> Self {
        let key = std::env::var(KEY_VAR).ok().filter(|k| !k.is_empty()).map(String::into_bytes);
        Self { location: report.clone(), key }
    }

    fn path(&self, rest: &str) -> Path {
        Path::from(format!("{}/audit/{rest}", self.location.prefix))
    }

    fn record_path(&self, seq: u64) -> Path {
        self.path(&format!("records/{seq:020}.json"))
    }

    fn mac(&self, hash: &str) -> Option<String> {
        let key = self.key.as_ref()?;
        let mut mac = <hmac::Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key length");
        mac.update(hash.as_bytes());
        Some(hex::encode(mac.finalize().into_bytes()))
    }

    fn store_error(&self, op: &'static str, path: &Path, error: object_store::Error) -> Error {
        Error::Store { op, url: self.location.url_of(path), error }
    }

    /// Records that `run` starts.
    pub async fn start(&self, run: Run) -> Result<Started> {
        let now = chrono::Utc::now();
        let salt = format!("{now:?}{}{}", std::process::id(), run.command);
        let run_id =
            format!("{}-{:08x}", now.format("%Y%m%dT%H%M%S%.6fZ"), xxhash_rust::xxh3::xxh3_64(salt.as_bytes()) as u32);
        let template = Record {
            seq: 0,
            prev_hash: String::new(),
            kind: "start".into(),
            run_id: run_id.clone(),
            time: Rfc3339::default(),
            actor: run.actor,
            host: gethostname::gethostname().to_string_lossy().into_owned(),
            tool_version: env!("CARGO_PKG_VERSION").into(),
            command: run.command,
            args: mask_args(&run.args),
            sources: run.sources.iter().map(|s| redact(s)).collect(),
            destinations: run.destinations.iter().map(|s| redact(s)).collect(),
            settings_digest: run.settings_digest,
            outcome: None,
            exit_code: None,
            error: None,
            objects: None,
            objects_digest: None,
            hash: String::new(),
            mac: None,
        };
        let written = self.append(template.clone()).await?;
        Ok(Started { run_id, template, written })
    }

    /// Records how the run ended, with the objects it touched.
    pub async fn end(&self, started: Started, end: End) -> Result<()> {
        let mut lines = Vec::new();
        for t in &end.objects {
            lines.extend(serde_json::to_vec(t).expect("serializable"));
            lines.push(b'\n');
        }
        let digest = hex::encode(Sha256::digest(&lines));
        let path = self.path(&format!("objects/{}.jsonl", started.run_id));
        self.location.store.put(&path, lines.into()).await.map_err(|e| self.store_error("write", &path, e))?;
        // The start record must still be in the log (see `still_ours`): if a
        // racing writer replaced it after all, it is appended again.
        let start = self.record_path(started.written.seq);
        let kept = match self.read(&start).await {
            Ok(Ok(r)) => r.hash == started.written.hash,
            _ => false,
        };
        if !kept {
            self.append(started.template.clone()).await?;
        }
        let record = Record {
            kind: "end".into(),
            outcome: Some(end.outcome.as_str().into()),
            exit_code: Some(end.exit_code),
            error: end.error,
            objects: Some(end.objects.len() as u64),
            objects_digest: Some(digest),
            ..started.template
        };
        self.append(record).await.map(drop)
    }

    /// Whether the record just created at `path` is still `body`. Some
    /// S3-compatible servers check `If-None-Match` and then write, so two
    /// racing creates can both succeed, the later replacing the earlier:
    /// on object stores the record is read back after a pause, and appended
    /// again if it was replaced. Local disk creates atomically.
    async fn still_ours(&self, path: &Path, body: &[u8]) -> Result<bool> {
        if self.location.is_local() {
            return Ok(true);
        }
        tokio::time::sleep(std::time::Duration::from_millis(RACE_PAUSE_MS)).await;
        let found = self.location.store.get(path).await.map_err(|e| self.store_error("read", path, e))?;
        let found = found.bytes().await.map_err(|e| self.store_error("read", path, e))?;
        Ok(found.as_ref() == body)
    }

    /// Appends a record at the next free sequence number; returns it as written.
    async fn append(&self, mut record: Record) -> Result<Record> {
        for _ in 0..APPEND_TRIES {
            let (seq, prev_hash) = match self.last().await? {
                Some(last) => (last.seq + 1, last.hash),
                None => (0, String::new()),
            };
            record.seq = seq;
            record.prev_hash = prev_hash;
            record.time = Rfc3339::now();
            record.hash = record.digest();
            record.mac = self.mac(&record.hash);
            let path = self.record_path(seq);
            let body = serde_json::to_vec(&record).expect("serializable");
            let opts = PutOptions { mode: PutMode::Create, ..Default::default() };
            match self.location.store.put_opts(&path, body.clone().into(), opts).await {
                Ok(_) if self.still_ours(&path, &body).await? => {
                    self.advance_head(&record).await;
                    return Ok(record);
                }
                Ok(_) => continue,
                Err(object_store::Error::AlreadyExists { .. } | object_store::Error::Precondition { .. }) => {
                    continue;
                }
                Err(e) => return Err(self.store_error("write", &path, e)),
            }
        }
        Err(Error::ReportWrite {
            url: self.location.url_of(&self.path("records")),
            message: "the audit log is too busy".into(),
        })
    }

    /// Points HEAD at the log's last record, which `record` was when
    /// appended (best effort: the records themselves are the log; HEAD lets
    /// `verify` see records cut off the end, and must name the last one).
    ///
    /// Two writers race here: A reads the log's end (5), B appends 6 and
    /// points HEAD at it, then A's write names 5. So each writer looks at the
    /// log's end again after writing HEAD, and writes again until HEAD names
    /// the last record it sees: the last writer leaves HEAD right.
    async fn advance_head(&self, record: &Record) {
        let mut target = Head { seq: record.seq, hash: record.hash.clone(), mac: record.mac.clone() };
        for _ in 0..APPEND_TRIES {
            let body = serde_json::to_vec(&target).expect("serializable");
            if self.location.store.put(&self.path("HEAD"), body.into()).await.is_err() {
                return;
            }
            match self.last().await {
                Ok(Some(last)) if last.seq != target.seq => {
                    target = Head { seq: last.seq, hash: last.hash, mac: last.mac };
                }
                _ => return,
            }
        }
    }

    /// HEAD as stored: `None` when there is none, `Some(Err)` when it is
    /// not a valid HEAD.
    async fn head(&self) -> Result<Option<std::result::Result<Head, String>>> {
        let path = self.path("HEAD");
        match self.location.store.get(&path).await {
            Ok(r) => {
                let bytes = r.bytes().await.map_err(|e| self.store_error("read", &path, e))?;
                Ok(Some(serde_json::from_slice(&bytes).map_err(|e| e.to_string())))
            }
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(self.store_error("read", &path, e)),
        }
    }

    /// What is wrong with HEAD, given the log's last sequence number and,
    /// when that record was read whole, its hash: HEAD must name that very
    /// record (sequence number and hash, and its HMAC with a key).
    async fn check_head(&self, last_seq: Option<u64>, last: Option<(u64, String)>) -> Result<Vec<String>> {
        let head = match self.head().await? {
            None if last_seq.is_none() => return Ok(Vec::new()),
            None => return Ok(vec!["HEAD is missing (deleted)".into()]),
            Some(Err(why)) => return Ok(vec![format!("HEAD is not valid ({why}) (edited or truncated)")]),
            Some(Ok(head)) => head,
        };
        let ends = last_seq.map_or("none".into(), |l| l.to_string());
        let mut problems = Vec::new();
        if last_seq.is_none_or(|l| l < head.seq) {
            problems
                .push(format!("the log ends at record {ends} but HEAD says {} (records cut off the end)", head.seq));
        } else if last_seq != Some(head.seq) {
            problems.push(format!(
                "HEAD says the log ends at record {} but it goes on to record {ends} (HEAD edited, or records appended without it)",
                head.seq
            ));
        } else if let Some((_, hash)) = last
            && head.hash != hash
        {
            problems.push(format!("HEAD's hash is not that of record {ends} (HEAD edited)"));
        } else if self.key.is_some() {
            match &head.mac {
                None => problems.push("HEAD has no HMAC".into()),
                Some(mac) if Some(mac) != self.mac(&head.hash).as_ref() => {
                    problems.push("HEAD's HMAC does not match (forged)".into())
                }
                Some(_) => {}
            }
        }
        Ok(problems)
    }

    /// The sequence numbers present, in order.
    async fn sequence(&self) -> Result<Vec<(u64, Path)>> {
        let prefix = self.path("records");
        let metas: Vec<_> = self
            .location
            .store
            .list(Some(&prefix))
            .try_collect()
            .await
            .map_err(|e| self.store_error("list", &prefix, e))?;
        let mut seqs: Vec<(u64, Path)> = metas
            .into_iter()
            .filter_map(|m| {
                let name = m.location.filename()?.strip_suffix(".json")?.parse().ok()?;
                Some((name, m.location))
            })
            .collect();
        seqs.sort_by_key(|(s, _)| *s);
        Ok(seqs)
    }

    async fn read(&self, path: &Path) -> Result<std::result::Result<Record, String>> {
        let bytes = self.location.store.get(path).await.map_err(|e| self.store_error("read", path, e))?;
        let bytes = bytes.bytes().await.map_err(|e| self.store_error("read", path, e))?;
        Ok(serde_json::from_slice(&bytes).map_err(|e| format!("not a valid record: {e}")))
    }

    async fn last(&self) -> Result<Option<Record>> {
        let Some((_, path)) = self.sequence().await?.pop() else { return Ok(None) };
        self.read(&path).await?.map(Some).map_err(|why| Error::ReportWrite {
            url: self.location.url_of(&path),
            message: format!("the last audit record is damaged ({why}); run lakeaudit audit verify"),
        })
    }

    /// Every record, in order (damaged ones left out).
    pub async fn records(&self) -> Result<Vec<Record>> {
        let mut out = Vec::new();
        for (_, path) in self.sequence().await? {
            if let Ok(r) = self.read(&path).await? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Checks the whole log; each problem found, in words.
    pub async fn verify(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut expected = 0u64;
        // The last record read whole: its position and hash.
        let mut prev: Option<(u64, String)> = None;
        let seqs = self.sequence().await?;
        for (seq, path) in &seqs {
            let seq = *seq;
            if seq > expected {
                problems.push(format!("records {expected} to {} are missing (deleted)", seq - 1));
            }
            expected = seq + 1;
            let record = match self.read(path).await? {
                Ok(r) => r,
                Err(why) => {
                    problems.push(format!("record {seq}: {why} (edited or truncated)"));
                    prev = None;
                    continue;
                }
            };
            if record.seq != seq {
                problems.push(format!("record {seq}: says it is record {} (moved or reordered)", record.seq));
            }
            if record.hash != record.digest() {
                problems.push(format!("record {seq}: its content does not match its hash (edited)"));
            } else if self.key.is_some() && record.mac != self.mac(&record.hash) {
                problems.push(format!("record {seq}: its HMAC does not match (forged, or hashed again after an edit)"));
            }
            let follows = match &prev {
                Some((p, hash)) if p + 1 == seq => record.prev_hash == *hash,
                None if seq == 0 => record.prev_hash.is_empty(),
                _ => true,
            };
            if !follows {
                problems.push(format!("record {seq}: does not follow the record before it (inserted or reordered)"));
            }
            if let (Some(digest), "end") = (&record.objects_digest, record.kind.as_str()) {
                let objects = self.path(&format!("objects/{}.jsonl", record.run_id));
                let found = match self.location.store.get(&objects).await {
                    Ok(r) => r.bytes().await.ok().map(|b| hex::encode(Sha256::digest(&b))),
                    Err(_) => None,
                };
                if found.as_ref() != Some(digest) {
                    problems.push(format!(
                        "record {seq}: the list of objects of run {} is missing or edited",
                        record.run_id
                    ));
                }
            }
            prev = Some((seq, record.hash));
        }
        let last = prev.filter(|(seq, _)| seqs.last().is_some_and(|(l, _)| l == seq));
        problems.extend(self.check_head(seqs.last().map(|(s, _)| *s), last).await?);
        Ok(problems)
    }
}

/// The last record's position, as `audit/HEAD` keeps it.
#[derive(Debug, Serialize, Deserialize)]
struct Head {
    seq: u64,
    hash: String,
    mac: Option<String>,
}

/// Arguments as recorded: URLs redacted, values of options that may carry
/// secrets masked, anything that looks like a key or token masked.
pub fn mask_args(args: &[String]) -> Vec<String> {
    const SECRET_OPTIONS: &[&str] = &["--storage-option"];
    let mut out = Vec::with_capacity(args.len());
    let mut hide_next = false;
    for arg in args {
        if hide_next {
            hide_next = false;
            out.push(match arg.split_once('=') {
                Some((k, _)) => format!("{k}=***"),
                None => "***".into(),
            });
            continue;
        }
        if let Some((flag, value)) = arg.split_once('=')
            && SECRET_OPTIONS.contains(&flag)
        {
            let key = value.split_once('=').map_or("", |(k, _)| k);
            out.push(format!("{flag}={key}=***"));
            continue;
        }
        if SECRET_OPTIONS.contains(&arg.as_str()) {
            hide_next = true;
            out.push(arg.clone());
            continue;
        }
        // A flag (`--report`) is no SQL; a query is, quotes or comments in it.
        let flag = arg.starts_with('-') && !arg.contains(char::is_whitespace);
        let sql = arg.contains(['\'', '$']) || arg.contains("--") || arg.contains("/*");
        out.push(if sql && !flag {
            mask_sql(arg)
        } else if arg.contains("://") {
            redact(arg)
        } else if looks_secret(arg) {
            "***".into()
        } else {
            arg.clone()
        });
    }
    out
}

/// SQL with the contents of its string literals and comments masked
/// (`WHERE email = '***'`): a literal may be the very value someone looked
/// for. Knows `'...'` (with `''` inside), `E'...'` (with backslash
/// escapes), `$tag$...$tag$`, `-- ...` and `/* ... */`.
fn mask_sql(sql: &str) -> String {
    let b = sql.as_bytes();
    let mut out = String::with_capacity(sql.len());
    let mut i = 0;
    let mut copied = 0;
    let mask = |out: &mut String, from: usize, open: &str, close: &str, copied: &mut usize, end: usize| {
        out.push_str(&sql[*copied..from]);
        out.push_str(open);
        out.push_str("***");
        out.push_str(close);
        *copied = end;
    };
    while i < b.len() {
        match b[i] {
            b'-' if b.get(i + 1) == Some(&b'-') => {
                let end = sql[i..].find('\n').map_or(b.len(), |n| i + n);
                mask(&mut out, i, "-- ", "", &mut copied, end);
                i = end;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let end = sql[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
                mask(&mut out, i, "/* ", " */", &mut copied, end);
                i = end;
            }
            b'$' => {
                let tag_end = sql[i + 1..].find('$').map(|n| i + 1 + n);
                let tag = tag_end
                    .map(|e| &sql[i..=e])
                    .filter(|t| t[1..t.len() - 1].bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_'));
                match tag {
                    Some(tag) => {
                        let body = i + tag.len();
                        let end = sql[body..].find(tag).map_or(b.len(), |n| body + n + tag.len());
                        mask(&mut out, i, tag, tag, &mut copied, end);
                        i = end;
                    }
                    None => i += 1,
                }
            }
            b'\'' => {
                let escapes = i > 0 && matches!(b[i - 1], b'e' | b'E') && (i < 2 || !b[i - 2].is_ascii_alphanumeric());
                let mut j = i + 1;
                while j < b.len() {
                    match b[j] {
                        b'\\' if escapes => j += 2,
                        b'\'' if b.get(j + 1) == Some(&b'\'') => j += 2,
                        b'\'' => break,
                        _ => j += 1,
                    }
                }
                let end = (j + 1).min(b.len());
                mask(&mut out, i, "'", "'", &mut copied, end);
                i = end;
            }
            _ => i += 1,
        }
    }
    out.push_str(&sql[copied.min(sql.len())..]);
    out
}

/// An error message as the audit log records it: credentials scrubbed, and
/// whatever it quotes masked (a query's error quotes its literals).
pub fn mask_error(text: &str) -> String {
    static QUOTED: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"'[^']*'|"[^"]*"|`[^`]*`"#).expect("valid regex"));
    let text = crate::error::scrub(text);
    QUOTED
        .replace_all(&text, |c: &regex::Captures<'_>| {
            let q = &c[0][..1];
            format!("{q}***{q}")
        })
        .into_owned()
}

/// A long token of mixed letters and digits with no spaces or path
/// separators: a key, a token, a password.
fn looks_secret(arg: &str) -> bool {
    let letters = arg.bytes().filter(u8::is_ascii_alphabetic).count();
    let digits = arg.bytes().filter(u8::is_ascii_digit).count();
    arg.len() >= 20 && !arg.contains([' ', '/', '\\', '.']) && letters >= 4 && digits >= 4
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_in_arguments_are_masked() {
        let args: Vec<String> = [
            "scan",
            "s3://AKIAEXAMPLE:hunter2@bucket/p?X-Amz-Signature=abc",
            "--storage-option",
            "aws_secret_access_key=s3cr3tValue",
            "--storage-option=aws_access_key_id=AKIAX",
            "ghp_1234567890abcdefghijABCDEFGHIJ123456",
            "--report",
            "target/report",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
        let masked = mask_args(&args).join(" ");
        for secret in ["hunter2", "AKIAEXAMPLE", "s3cr3tValue", "AKIAX", "ghp_1234", "X-Amz"] {
            assert!(!masked.contains(secret), "{secret} in {masked}");
        }
        assert!(masked.contains("s3://bucket/p") && masked.contains("aws_secret_access_key=***"), "{masked}");
        assert!(masked.contains("--report target/report"), "{masked}");
        let sql = mask_args(&["select * from findings where examples = 'j***@x.org' and x = 'it''s'".into()]);
        assert_eq!(sql, ["select * from findings where examples = '***' and x = '***'"]);
        for (sql, want) in [
            ("select 1 -- ann@example.com\nfrom t", "select 1 -- ***\nfrom t"),
            ("select /* 4111 1111 1111 1111 */ 1", "select /* *** */ 1"),
            ("select $$ann@example.com$$, $q$x$q$", "select $$***$$, $q$***$q$"),
            ("select E'it\\'s ann@example.com' as e", "select E'***' as e"),
            ("select 'unterminated ann@example.com", "select '***'"),
        ] {
            assert_eq!(mask_args(&[sql.to_owned()]), [want], "{sql}");
        }
        let e = mask_error(
            "Schema error: No field named \"ann@example.com\". Valid fields are 'x', Utf8(\"bob@x.org\") at http://u:PASS@h/p",
        );
        assert!(!e.contains("ann@") && !e.contains("bob@") && !e.contains("PASS"), "{e}");
    }
}
