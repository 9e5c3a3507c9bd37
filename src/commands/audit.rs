//! `lakeaudit audit verify|log`, and the start and end records every
//! command that reads or writes data leaves in the audit log.

use crate::audit::{AuditLog, End, Record, Run, Touched};
use crate::cli::{AuditCommand, GlobalArgs};
use crate::error::Error;
use crate::printer::{OutputFormat, Printer};
use crate::source::{Location, StorageOptions};
use crate::status::{ExitStatus, Outcome};
use std::fmt::Write;
use std::process::ExitCode;

/// Runs `work` between a start and an end record in `log`: the end record
/// says how it went (exit code, outcome, the objects it read and wrote),
/// and is written for failures and interruptions too.
pub(crate) fn audited<T>(
    rt: &tokio::runtime::Runtime,
    log: &AuditLog,
    run: Run,
    printer: &mut Printer,
    work: impl FnOnce(&mut Printer) -> anyhow::Result<(T, ExitStatus, Vec<Touched>)>,
) -> anyhow::Result<(T, ExitStatus)> {
    let started = rt.block_on(log.start(run))?;
    let result = work(printer);
    let end = match &result {
        Ok((_, exit, touched)) => {
            End { outcome: Outcome::of(*exit), exit_code: exit.code(), error: None, objects: touched.clone() }
        }
        Err(e) => {
            let interrupted = matches!(e.downcast_ref::<Error>(), Some(Error::Interrupted));
            End {
                outcome: if interrupted { Outcome::Interrupted } else { Outcome::Failed },
                exit_code: crate::error::exit_status(e).code(),
                error: Some(crate::audit::mask_error(&format!("{e:#}"))),
                objects: Vec::new(),
            }
        }
    };
    if let Err(e) = rt.block_on(log.end(started, end)) {
        printer.warn(&format!("the audit log's end record could not be written: {e}"));
    }
    result.map(|(value, code, _)| (value, code))
}

/// The arguments of this process, for the audit log (masked there).
pub(crate) fn args() -> Vec<String> {
    std::env::args().skip(1).collect()
}

/// The run of a command that reads REPORT (`query`, `diff`, `report`) and
/// writes at most `destinations`.
pub(crate) fn reading(command: &str, report: &str, destinations: Vec<String>, global: &GlobalArgs) -> Run {
    Run {
        command: command.into(),
        args: args(),
        actor: crate::settings::actor(global.actor.as_deref()),
        sources: vec![report.to_owned()],
        destinations,
        settings_digest: String::new(),
    }
}

/// `lakeaudit audit verify|log`.
pub(crate) fn audit(cmd: &AuditCommand, global: &GlobalArgs, printer: &mut Printer) -> anyhow::Result<ExitCode> {
    let storage = StorageOptions::parse(&global.storage_options)?;
    let rt = crate::concurrency::runtime(crate::settings::threads(global)?)?;
    match cmd {
        AuditCommand::Verify { report } => {
            let log = AuditLog::new(&Location::parse(&report.url, true, &storage)?);
            let (records, problems) =
                rt.block_on(async { Ok::<_, Error>((log.records().await?, log.verify().await?)) })?;
            match printer.format() {
                OutputFormat::Json => printer.stdout(&serde_json::to_string_pretty(
                    &serde_json::json!({ "records": records.len(), "problems": problems }),
                )?)?,
                OutputFormat::Text | OutputFormat::Csv | OutputFormat::Sarif if problems.is_empty() => {
                    printer.stdout(&format!("audit log intact: {} records, hash chain unbroken", records.len()))?;
                }
                OutputFormat::Text | OutputFormat::Csv | OutputFormat::Sarif => {
                    printer.stdout(&format!(
                        "audit log TAMPERED: {} problems\n  {}",
                        problems.len(),
                        problems.join("\n  ")
                    ))?;
                }
            }
            Ok(if problems.is_empty() { ExitStatus::Success } else { ExitStatus::Gate }.into())
        }
        AuditCommand::Log { report, by, command, since, until } => {
            let log = AuditLog::new(&Location::parse(&report.url, true, &storage)?);
            let records = rt.block_on(log.records())?;
            let time = |t: &Option<String>| t.as_deref().map(normalize_time).transpose();
            let (since, until) = (time(since)?, time(until)?);
            let shown: Vec<&Record> = records
                .iter()
                .filter(|r| by.as_ref().is_none_or(|a| &r.actor == a))
                .filter(|r| command.as_ref().is_none_or(|c| &r.command == c))
                .filter(|r| since.as_ref().is_none_or(|s| r.time.0.as_str() >= s.as_str()))
                .filter(|r| until.as_ref().is_none_or(|u| r.time.0.as_str() < u.as_str()))
                .collect();
            match printer.format() {
                OutputFormat::Json => printer.stdout(&serde_json::to_string_pretty(&shown)?)?,
                OutputFormat::Text | OutputFormat::Csv | OutputFormat::Sarif => printer.stdout(&text(&shown))?,
            }
            Ok(ExitStatus::Success.into())
        }
    }
}

/// A time bound as the records write times: a date alone is its midnight UTC.
fn normalize_time(t: &str) -> crate::error::Result<String> {
    if let Ok(d) = chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(format!("{d}T00:00:00.000000Z"));
    }
    chrono::DateTime::parse_from_rfc3339(t)
        .map(|d| d.with_timezone(&chrono::Utc).to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
        .map_err(|_| Error::Usage(format!("'{t}' is not a date (2026-11-23) or an RFC 3339 time")))
}

fn text(records: &[&Record]) -> String {
    let mut out = String::new();
    for r in records {
        let _ = write!(
            out,
            "{:>5} {} {:<5} {} {} by {} on {}",
            r.seq, r.time.0, r.kind, r.run_id, r.command, r.actor, r.host
        );
        match (&r.outcome, r.exit_code) {
            (Some(outcome), Some(code)) => {
                let _ = write!(out, ": {outcome} (exit {code}), {} objects", r.objects.unwrap_or(0));
            }
            _ => {
                let _ = write!(out, ": {}", r.args.join(" "));
            }
        }
        if let Some(e) = &r.error {
            let _ = write!(out, "; {e}");
        }
        out.push('\n');
    }
    out
}
