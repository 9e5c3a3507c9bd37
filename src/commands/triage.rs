//! `lakeaudit triage`: decisions about findings kept in REPORT's
//! append-only `decisions` table, each command audited.

use crate::cli::{GlobalArgs, TriageAction, TriageArgs};
use crate::error::Error;
use crate::printer::{OutputFormat, Printer};
use crate::report::{DecisionRow, cells};
use crate::source::{Location, StorageOptions};
use crate::status::ExitStatus;
use crate::triage::Decisions;
use std::fmt::Write;
use std::process::ExitCode;

/// Records decisions, revokes them or lists them.
pub(crate) fn triage(args: &TriageArgs, global: &GlobalArgs, printer: &mut Printer) -> anyhow::Result<ExitCode> {
    let rt = crate::concurrency::runtime(crate::settings::threads(global)?)?;
    let report = Location::parse(&args.report.url, true, &StorageOptions::parse(&global.storage_options)?)?;
    let writes = args.action != TriageAction::List;
    let destinations = if writes { vec![args.report.url.clone()] } else { Vec::new() };
    let run = super::audit::reading("triage", &args.report.url, destinations, global);
    let log = crate::audit::AuditLog::new(&report);
    let ((), _) = super::audit::audited(&rt, &log, run, printer, |printer| {
        rt.block_on(async {
            let ctx = crate::query::session(&report, printer).await?;
            match args.action {
                TriageAction::List => {
                    list(&Decisions::from_report(&ctx).await?, &latest_findings(&ctx).await?, printer)
                }
                _ => decide(args, global, &report, &ctx).await,
            }
        })?;
        Ok(((), ExitStatus::Success, Vec::new()))
    })?;
    if writes && printer.format() != OutputFormat::Json {
        printer.stdout(&format!("{} decision(s) recorded in {}", args.ids.len(), report.url()))?;
    }
    Ok(ExitStatus::Success.into())
}

/// Checks and appends one decision per id, as one file of `decisions`.
async fn decide(
    args: &TriageArgs,
    global: &GlobalArgs,
    report: &Location,
    ctx: &datafusion::prelude::SessionContext,
) -> anyhow::Result<()> {
    let usage = |why: String| Error::Usage(why);
    if args.ids.is_empty() {
        return Err(usage("name the findings by id (as the summary shows them)".into()).into());
    }
    let reason = args.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
    let reason = reason.ok_or_else(|| usage("--reason is required: say why".into()))?;
    let until = match (&args.until, args.action) {
        (None, TriageAction::Snooze) => return Err(usage("a snooze needs --until YYYY-MM-DD".into()).into()),
        (Some(_), TriageAction::Revoke) => return Err(usage("a revoke takes no --until".into()).into()),
        (Some(u), _) => {
            chrono::NaiveDate::parse_from_str(u, "%Y-%m-%d")
                .map_err(|_| usage(format!("--until {u}: not YYYY-MM-DD")))?;
            Some(u.clone())
        }
        (None, _) => None,
    };
    // Only findings the report has: a typo decides nothing.
    let mut known = std::collections::HashSet::new();
    if ctx.table_exist("findings")? {
        for b in
            ctx.sql("SELECT DISTINCT finding_id FROM findings WHERE finding_id IS NOT NULL").await?.collect().await?
        {
            known.extend(cells::<String>(&b, "finding_id")?);
        }
    }
    if let Some(unknown) = args.ids.iter().find(|id| !known.contains(*id)) {
        return Err(usage(format!("no finding {unknown} in {}", report.url())).into());
    }
    let now = chrono::Utc::now();
    let run_id = format!("{}-{:08x}", now.format("%Y%m%dT%H%M%S%.6fZ"), std::process::id());
    let kind = match args.action {
        TriageAction::Accept => "accept",
        TriageAction::FalsePositive => "false-positive",
        TriageAction::Snooze => "snooze",
        TriageAction::Revoke => "revoke",
        TriageAction::List => unreachable!("list decides nothing"),
    };
    let actor = args.by.clone().unwrap_or_else(|| crate::settings::actor(global.actor.as_deref()));
    let rows = args
        .ids
        .iter()
        .map(|id| DecisionRow {
            decided_at: now.timestamp_micros(),
            run_id: run_id.clone(),
            finding_id: id.clone(),
            kind: kind.into(),
            reason: reason.to_owned(),
            actor: actor.clone(),
            until: until.clone(),
        })
        .collect();
    crate::report::append(report, &now.format("%Y-%m-%d").to_string(), &run_id, rows).await?;
    Ok(())
}

/// The ids of the findings of the latest scan of each source.
async fn latest_findings(
    ctx: &datafusion::prelude::SessionContext,
) -> anyhow::Result<std::collections::HashSet<String>> {
    let mut ids = std::collections::HashSet::new();
    if !ctx.table_exist("findings")? {
        return Ok(ids);
    }
    let sql = "SELECT DISTINCT f.finding_id FROM findings f JOIN latest_scans l ON f.scan_id = l.scan_id \
               WHERE f.finding_id IS NOT NULL";
    for b in ctx.sql(sql).await?.collect().await? {
        ids.extend(cells::<String>(&b, "finding_id")?);
    }
    Ok(ids)
}

/// The decisions, as text or JSON, each `live`, `ended` (its last day
/// passed) or `stale` (the latest scans no longer find its finding).
fn list(decisions: &Decisions, found: &std::collections::HashSet<String>, printer: &Printer) -> anyhow::Result<()> {
    let today = chrono::Utc::now().date_naive();
    let state = |d: &crate::triage::Decision| match d.last_day {
        _ if !found.contains(&d.finding) => "stale",
        Some(last) if today > last => "ended",
        _ => "live",
    };
    match printer.format() {
        OutputFormat::Json => {
            let list: Vec<serde_json::Value> =
                decisions.list.iter().map(|d| serde_json::json!({ "state": state(d), "decision": d })).collect();
            printer.stdout(&serde_json::to_string_pretty(&list)?)?;
        }
        _ => {
            let mut out = String::new();
            if decisions.list.is_empty() {
                out.push_str("no decision\n");
            }
            for d in &decisions.list {
                let until = d.until.as_deref().map(|u| format!(" until {u}")).unwrap_or_default();
                let _ =
                    writeln!(out, "{}  {:<5} {} by {}{until}: {}", d.finding, state(d), d.kind.word(), d.by, d.reason);
            }
            printer.stdout(&out)?;
        }
    }
    Ok(())
}
