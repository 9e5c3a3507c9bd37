//! `scan --format sarif`: the scan's findings as a SARIF 2.1.0 log, which
//! CI systems (GitHub code scanning, GitLab, Azure DevOps) ingest. One run
//! per source; one rule per entity type; one result per finding (dataset,
//! column, entity type), located at the objects that hold it, relative to
//! the source (`uriBaseId` `SOURCE`), with the finding's id as its
//! fingerprint so that a CI system tracks it from scan to scan. Messages
//! carry masked examples only.

use crate::pipeline::{Exposure, ScanSummary};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// The SARIF log of `summaries`.
pub(crate) fn log(summaries: &[ScanSummary]) -> Value {
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": summaries.iter().map(run).collect::<Vec<_>>(),
    })
}

/// An entity type in Pascal case: `EMAIL_ADDRESS` is `EmailAddress` (SARIF keeps
/// the id opaque and the name for people).
fn pascal(entity: &str) -> String {
    entity
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + &c.as_str().to_ascii_lowercase()).unwrap_or_default()
        })
        .collect()
}

/// A result's level by the finding's score.
fn level(score: f64) -> &'static str {
    if score >= 0.8 { "error" } else { "warning" }
}

fn run(s: &ScanSummary) -> Value {
    let source = s.scan.source.trim_end_matches('/');
    let findings = s.exposures.iter().map(|f| (f, false)).chain(s.retained.iter().map(|f| (f, true)));
    let entities: Vec<&str> =
        findings.clone().map(|(((_, _, entity), _), _)| entity.as_str()).collect::<BTreeSet<_>>().into_iter().collect();
    let rules: Vec<Value> = entities
        .iter()
        .map(|entity| {
            json!({
                "id": entity,
                "name": format!("Pii{}", pascal(entity)),
                "shortDescription": { "text": format!("Personal data: {entity}") },
                "fullDescription": { "text": format!(
                    "A column holds {entity} values, found by lakeaudit's recognizers (pattern, validation and context)."
                ) },
                "defaultConfiguration": { "level": "error" },
                "properties": { "tags": ["privacy", "pii"] },
            })
        })
        .collect();
    let results: Vec<Value> = findings
        .map(|(((dataset, column, entity), exposure), retained)| {
            let rule = entities.iter().position(|e| e == entity).expect("a rule per entity");
            result(source, (dataset, column, entity), rule, exposure, retained)
        })
        .collect();
    json!({
        "tool": { "driver": {
            "name": "lakeaudit",
            "version": env!("CARGO_PKG_VERSION"),
            "semanticVersion": env!("CARGO_PKG_VERSION"),
            "rules": rules,
        } },
        "originalUriBaseIds": { "SOURCE": { "uri": format!("{source}/") } },
        "invocations": [{ "executionSuccessful": s.scan.objects_failed == 0 }],
        "automationDetails": { "id": format!("lakeaudit/{}", s.scan.scan_id) },
        "results": results,
    })
}

/// One finding as a result: where (the objects holding it, below the
/// source, and the column as a logical location), how sure, and its id.
fn result(
    source: &str,
    (dataset, column, entity): (&str, &str, &str),
    rule: usize,
    e: &Exposure,
    retained: bool,
) -> Value {
    let below = |url: &str| url.strip_prefix(source).unwrap_or(url).trim_start_matches('/').to_owned();
    let name = crate::source::dataset_name(source, dataset);
    let ratio = e.matched_values as f64 / e.sampled_values.max(1) as f64 * 100.0;
    let mut text = format!(
        "{name}: column {column} holds {entity} (score {:.2}, {ratio:.1}% of values, {} object{})",
        e.max_score,
        e.objects,
        if e.objects == 1 { "" } else { "s" }
    );
    if retained {
        text.push_str(", in files of old table versions still on storage");
    }
    let examples: Vec<&str> = e.examples.iter().map(String::as_str).filter(|x| !x.is_empty()).take(3).collect();
    if !examples.is_empty() {
        text.push_str(&format!("; examples (masked): {}", examples.join(", ")));
    }
    let logical = json!([{ "name": column, "fullyQualifiedName": format!("{name}.{column}"), "kind": "member" }]);
    // The first objects by name (the exposure keeps that many; `objects` counts them all).
    let locations: Vec<Value> = e
        .holders
        .iter()
        .map(|object| {
            json!({
                "physicalLocation": { "artifactLocation": { "uri": below(object), "uriBaseId": "SOURCE" } },
                "logicalLocations": logical,
            })
        })
        .collect();
    let mut result = json!({
        "ruleId": entity,
        "ruleIndex": rule,
        "level": if retained { "warning" } else { level(e.max_score) },
        "message": { "text": text },
        "locations": locations,
        "properties": {
            "dataset": dataset,
            "column": column,
            "score": e.max_score,
            "objects": e.objects,
            "matchedValues": e.matched_values,
            "sampledValues": e.sampled_values,
            "retained": retained,
        },
    });
    if let Some(id) = &e.finding_id {
        result["partialFingerprints"] = json!({ "lakeauditFindingId/v1": id });
    }
    result
}
