//! `lakeaudit anonymize` and `lakeaudit deanonymize`.

use crate::anonymize::{self, AnonymizeSettings, Keys, Outcome, Summary, policy::Policy};
use crate::audit::{AuditLog, Run, Touched};
use crate::classify::Classifier;
use crate::cli::{AnonymizeArgs, DeanonymizeArgs, GlobalArgs};
use crate::pipeline::Interrupt;
use crate::printer::{OutputFormat, Printer};
use crate::settings::{self, ConfigFile};
use crate::source::{Location, OWN_FOLDER, StorageOptions};
use crate::status::ExitStatus;
use std::fmt::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// Plans and writes the copy; exit 1 when `--verify` finds personal data
/// left, 3 when some objects could not be copied.
pub(crate) fn anonymize(args: &AnonymizeArgs, global: &GlobalArgs, printer: &mut Printer) -> anyhow::Result<ExitCode> {
    let config = ConfigFile::load(global)?;
    let threads = settings::threads(global)?;
    let sample = settings::anonymize_sample(args, &config)?;
    let in_flight = settings::objects_in_flight(&config, threads);
    let classify = config.into_classify(crate::classify::ClassifySettings::default().min_score);
    let classifier = Arc::new(Classifier::new(classify.clone())?);
    let entities: Vec<&str> = classifier.recognizers().iter().map(|r| r.entity).collect();
    let policy = match &args.policy {
        Some(path) => Policy::load(path, &entities)?,
        None => Policy::default(),
    };
    if args.in_place && !args.yes && !args.dry_run {
        anyhow::bail!(crate::error::Error::Usage(
            "--in-place commits a new version to the table SOURCE: add --yes to confirm (or --dry-run for the plan)"
                .into()
        ));
    }
    if args.in_place && args.report.is_none() {
        anyhow::bail!(crate::error::Error::Usage(
            "--in-place needs --report REPORT: the run is recorded in its audit log, not inside the table".into()
        ));
    }
    let settings = AnonymizeSettings {
        source: args.source.clone(),
        dest: args.out.clone().unwrap_or_else(|| args.source.clone()),
        in_place: args.in_place,
        report: args.report.clone(),
        policy,
        verify: args.verify,
        dry_run: args.dry_run,
        sample,
        objects_in_flight: in_flight,
        storage: StorageOptions::parse(&global.storage_options)?,
        cluster: args.cluster.clone(),
    };
    if settings.cluster.is_some() && (settings.in_place || !global.storage_options.is_empty()) {
        anyhow::bail!(crate::error::Error::Usage(
            "--cluster copies to DEST with the executors' own store settings: not with --in-place or --storage-option"
                .into()
        ));
    }
    if global.show_settings {
        printer.stdout(&serde_json::to_string_pretty(&settings)?)?;
        return Ok(ExitStatus::Success.into());
    }
    let keys = load_keys(args.key_file.as_deref(), printer)?.map(Arc::new);
    anonymize::check(&settings, keys.as_deref())?;
    let rt = crate::concurrency::runtime(threads)?;
    let mut interrupt = Interrupt::listen(&rt)?;
    // The run is recorded in REPORT's audit log, else in the copy's own
    // (DEST/_lakeaudit/audit). A dry run without REPORT writes nothing at all.
    let audit_at = match &settings.report {
        Some(report) => Some(report.clone()),
        None if !settings.dry_run => Some(format!("{}/{OWN_FOLDER}", settings.dest.trim_end_matches('/'))),
        None => None,
    };
    let run = Run {
        command: "anonymize".into(),
        args: super::audit::args(),
        actor: settings::actor(global.actor.as_deref()),
        sources: vec![settings.source.clone()],
        destinations: if settings.dry_run { Vec::new() } else { vec![settings.dest.clone()] },
        settings_digest: digest(&settings),
    };
    let work = |printer: &mut Printer| -> anyhow::Result<(Summary, ExitStatus, Vec<Touched>)> {
        let mut summary =
            rt.block_on(interrupt.guard(anonymize::anonymize(&settings, classifier.clone(), keys, printer)))?;
        if settings.verify && !settings.dry_run {
            let full = Arc::new(Classifier::new(anonymize::verify::residue_settings(&classify))?);
            let verified = anonymize::verify::run(&settings, full, &classifier, &mut summary, printer);
            rt.block_on(interrupt.guard(verified))?;
        }
        let code = if !summary.left.is_empty() {
            ExitStatus::Gate
        } else if summary.failed() > 0 {
            ExitStatus::Partial
        } else {
            ExitStatus::Success
        };
        summary.mask_names();
        let touched = std::mem::take(&mut summary.touched);
        Ok((summary, code, touched))
    };
    let (summary, code) = match audit_at {
        Some(at) => {
            let log = AuditLog::new(&Location::parse(&at, false, &settings.storage)?);
            super::audit::audited(&rt, &log, run, printer, work)?
        }
        None => {
            let (summary, code, _) = work(printer)?;
            (summary, code)
        }
    };
    print(&summary, settings.dry_run, printer)?;
    Ok(code.into())
}

/// SHA-256 of settings, as the audit log records them.
fn digest(settings: &impl serde::Serialize) -> String {
    hex::encode(&<sha2::Sha256 as sha2::Digest>::digest(serde_json::to_vec(settings).expect("serializable"))[..16])
}

/// Restores encrypted values; exit 3 when some objects could not be copied.
pub(crate) fn deanonymize(
    args: &DeanonymizeArgs,
    global: &GlobalArgs,
    printer: &mut Printer,
) -> anyhow::Result<ExitCode> {
    let config = ConfigFile::load(global)?;
    let threads = settings::threads(global)?;
    let in_flight = settings::objects_in_flight(&config, threads);
    let storage = StorageOptions::parse(&global.storage_options)?;
    let keys = load_keys(args.key_file.as_deref(), printer)?.ok_or_else(|| Keys::missing("encrypt"))?;
    let source = Location::parse(&args.source, true, &storage)?;
    anonymize::refuse_overlap(&source, &args.out, &storage)?;
    let classifier = Arc::new(Classifier::new(crate::classify::ClassifySettings::default())?);
    let rt = crate::concurrency::runtime(threads)?;
    let mut interrupt = Interrupt::listen(&rt)?;
    let run = Run {
        command: "deanonymize".into(),
        args: super::audit::args(),
        actor: settings::actor(global.actor.as_deref()),
        sources: vec![args.source.clone()],
        destinations: vec![args.out.clone()],
        settings_digest: digest(&(&args.source, &args.out, &keys.fingerprint)),
    };
    let log =
        AuditLog::new(&Location::parse(&format!("{}/{OWN_FOLDER}", args.out.trim_end_matches('/')), false, &storage)?);
    let (summary, code) = super::audit::audited(&rt, &log, run, printer, |printer| {
        let mut summary = rt.block_on(interrupt.guard(anonymize::deanonymize(
            &args.source,
            &args.out,
            &storage,
            in_flight,
            classifier,
            Arc::new(keys),
            printer,
        )))?;
        let touched = std::mem::take(&mut summary.touched);
        let code = if summary.failed() > 0 { ExitStatus::Partial } else { ExitStatus::Success };
        Ok((summary, code, touched))
    })?;
    print(&summary, false, printer)?;
    Ok(code.into())
}

fn print(summary: &Summary, dry_run: bool, printer: &Printer) -> anyhow::Result<()> {
    match printer.format() {
        OutputFormat::Json => printer.stdout(&serde_json::to_string_pretty(summary)?)?,
        OutputFormat::Text | OutputFormat::Csv | OutputFormat::Sarif => printer.stdout(&text(summary, dry_run))?,
    }
    Ok(())
}

/// The readable summary: the plan per dataset, then what was written.
fn text(s: &Summary, dry_run: bool) -> String {
    let mut out = format!("{} {} -> {}\n", if dry_run { "plan for" } else { "copy of" }, s.source, s.dest);
    let prefix = format!("{}/", s.source.trim_end_matches('/'));
    let name = |d: &str| if d == s.source { ".".to_owned() } else { d.strip_prefix(&prefix).unwrap_or(d).to_owned() };
    for (dataset, columns) in &s.columns {
        let _ = writeln!(out, "  {}", name(dataset));
        for (column, rules) in columns {
            let rules: Vec<String> =
                rules.iter().map(|(e, op)| if e.is_empty() { op.clone() } else { format!("{e} -> {op}") }).collect();
            let _ = writeln!(out, "    {column:<24} {}", rules.join(", "));
            if let Some(why) = s.treatment.get(dataset).and_then(|t| t.get(column)).filter(|_| dry_run) {
                let _ = writeln!(out, "    {:<24}   {why}", "");
            }
        }
    }
    for (dataset, columns) in &s.dropped {
        let _ = writeln!(out, "  {}: dropped {}", name(dataset), columns.join(", "));
    }
    if s.columns.is_empty() && s.dropped.is_empty() {
        out.push_str("  no personal data found: objects are copied unchanged\n");
    }
    let count = |f: fn(&Outcome) -> bool| s.objects.values().filter(|o| f(o)).count();
    if dry_run {
        let _ = writeln!(out, "  {} objects would be copied; nothing was written", s.plans.len());
        return out;
    }
    let _ = writeln!(
        out,
        "  {} objects: {} rewritten, {} copied unchanged, {} already written, {} not data, {} failed; {} bytes written",
        s.objects.len(),
        count(|o| matches!(o, Outcome::Written)),
        count(|o| matches!(o, Outcome::Copied)),
        count(|o| matches!(o, Outcome::Already)),
        count(|o| matches!(o, Outcome::Skipped(_))),
        count(|o| matches!(o, Outcome::Failed(_))),
        s.bytes_written
    );
    if !s.values.is_empty() {
        let values: Vec<String> = s.values.iter().map(|(op, n)| format!("{op} {n}")).collect();
        let _ = writeln!(out, "  values changed: {}", values.join(", "));
    }
    for (object, outcome) in &s.objects {
        if let Outcome::Failed(why) = outcome {
            let _ = writeln!(out, "  failed: {object}: {why}");
        }
    }
    if !s.checked.is_empty() {
        let all = s.checked.values().flat_map(|c| c.values());
        let (values, columns) = all.fold((0, 0), |(v, n), c| (v + c.values, n + 1));
        let _ = writeln!(out, "  verified against the source: {values} values in {columns} columns");
    }
    for doubtful in &s.doubtful {
        let _ = writeln!(out, "  for review (not failed): {doubtful}");
    }
    for left in &s.left {
        let _ = writeln!(out, "  left in the copy: {left}");
    }
    if !s.left.is_empty() {
        let _ = writeln!(out, "  verify FAILED: personal data is left in the copy");
    }
    out
}

/// The key, with a warning when its file can be read by other users.
fn load_keys(file: Option<&std::path::Path>, printer: &Printer) -> crate::error::Result<Option<Keys>> {
    if let Some(why) = file.and_then(Keys::exposed) {
        printer.warn(&why);
    }
    Keys::load(file)
}
