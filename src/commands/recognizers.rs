//! `lakeaudit recognizers list|test`: the catalog, and what fires on a text.

use crate::classify::{Classifier, verdict};
use crate::cli::{GlobalArgs, RecognizersCommand};
use crate::printer::{OutputFormat, Printer};
use crate::settings::ConfigFile;
use crate::status::ExitStatus;
use std::fmt::Write;
use std::process::ExitCode;

/// Prints the catalog or tests a text against it.
pub(crate) fn recognizers(
    cmd: &RecognizersCommand,
    global: &GlobalArgs,
    printer: &mut Printer,
) -> anyhow::Result<ExitCode> {
    // Custom recognizers, allow-lists and switched-off entities of the config
    // file apply; thresholds do not, so that `test` shows every score.
    let mut settings = ConfigFile::load(global)?.into_classify(0.0);
    settings.thresholds.clear();
    let classifier = Classifier::new(settings)?;
    match cmd {
        RecognizersCommand::List => {
            let rows: Vec<serde_json::Value> = classifier
                .recognizers()
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "entity": r.entity, "country": r.country, "recognizer": r.name, "method": r.method.as_str(),
                        "patterns": r.patterns.iter().map(|p| p.name).collect::<Vec<_>>(),
                        "validator": if r.checksum { "checksum" } else if r.validator.is_some() { "structure" } else { "none" },
                        "context": r.context, "source": r.source,
                    })
                })
                .collect();
            match printer.format() {
                OutputFormat::Json => printer.stdout(&serde_json::to_string_pretty(&rows)?)?,
                OutputFormat::Text | OutputFormat::Csv | OutputFormat::Sarif => {
                    let mut out = format!(
                        "{:<26} {:<8} {:<10} {:<10} {}\n",
                        "ENTITY", "COUNTRY", "METHOD", "VALIDATOR", "SOURCE"
                    );
                    for r in &rows {
                        let _ = writeln!(
                            out,
                            "{:<26} {:<8} {:<10} {:<10} {}",
                            r["entity"].as_str().unwrap_or_default(),
                            r["country"].as_str().unwrap_or_default(),
                            r["method"].as_str().unwrap_or_default(),
                            r["validator"].as_str().unwrap_or_default(),
                            r["source"].as_str().unwrap_or_default()
                        );
                    }
                    printer.stdout(&out)?;
                }
            }
        }
        RecognizersCommand::Test { text, column } => {
            // The text is the user's own input, shown back to them masked all
            // the same. What fires is what a scan counts: every path's matches.
            let mut out = String::new();
            let mut found = classifier.analyze(text, crate::classify::ALL_SLOTS);
            found.sort_by_key(|m| m.span.start);
            for m in found {
                let rec = classifier.recognizers()[m.slot];
                let _ = writeln!(
                    out,
                    "{:<26} {:<26} {:<18} at {:>3}..{:<3} score {:.2}{}  {}",
                    rec.entity,
                    rec.name,
                    rec.patterns[m.pattern].name,
                    m.span.start,
                    m.span.end,
                    m.score,
                    m.near.map(|w| format!(" ('{w}' nearby)")).unwrap_or_default(),
                    crate::classify::mask::mask(rec.entity, m.text(text))
                );
            }
            let mut state = classifier.new_state();
            classifier.observe(text, &mut state);
            for f in verdict::findings(&classifier, &state, column, crate::classify::verdict::Evidence::Column) {
                let _ = writeln!(out, "=> {} score {:.2}: {}", f.entity, f.score, f.evidence);
            }
            printer.stdout(if out.is_empty() { "nothing fires" } else { &out })?;
        }
    }
    Ok(ExitStatus::Success.into())
}
