//! `lakeaudit report`: one self-contained HTML page of the report, for
//! people: the latest scan of each source, trends over every scan, the
//! findings (filterable) and the alerts. The data is read with DataFusion and
//! embedded as JSON; a small inline script draws the tables and the SVG
//! charts. Nothing is fetched from anywhere, and nothing in it is a raw
//! value: the report holds masked examples only.

use crate::error::Result;
use crate::source::Location;
use arrow::record_batch::RecordBatch;
use datafusion::prelude::SessionContext;

/// The queries whose rows the page shows, by the name the script reads.
const QUERIES: &[(&str, &str)] = &[
    (
        "scans",
        "SELECT scan_id, CAST(started_at AS VARCHAR) AS started_at, source, status, objects_listed, objects_scanned, \
         objects_unchanged, objects_failed, bytes_listed, bytes_read, columns_scanned, pii_columns FROM scans ORDER BY started_at",
    ),
    (
        "exposure",
        "SELECT s.scan_id, count(DISTINCT f.object) AS exposed_objects, count(*) AS findings \
         FROM scans s LEFT JOIN findings f ON f.scan_id = s.scan_id GROUP BY s.scan_id, s.started_at ORDER BY s.started_at",
    ),
    (
        "findings",
        "WITH latest AS (SELECT scan_id FROM latest_scans), \
         found AS (SELECT f.dataset, f.\"column\", f.entity_type, max(f.score) AS score, count(DISTINCT f.object) AS objects, \
         sum(f.matched_values) AS matched, sum(f.sampled_values) AS sampled, first_value(f.examples) AS examples, \
         first_value(f.evidence) AS evidence, max(f.finding_id) AS finding_id, max(f.source) AS source, \
         array_slice(array_sort(array_agg(DISTINCT f.object)), 1, 3) AS held_by \
         FROM findings f JOIN latest l ON f.scan_id = l.scan_id GROUP BY f.dataset, f.\"column\", f.entity_type) \
         SELECT found.*, d.kind AS decision, d.reason AS decision_reason, d.actor AS decided_by, d.until AS decided_until \
         FROM found LEFT JOIN current_decisions d ON d.finding_id = found.finding_id \
         ORDER BY found.score DESC, found.dataset, found.\"column\"",
    ),
    (
        "alerts",
        "SELECT CAST(a.raised_at AS VARCHAR) AS raised_at, a.dataset, a.\"column\", a.entity_type, a.kind, a.detail, \
         s.source FROM alerts a LEFT JOIN scans s ON s.scan_id = a.scan_id \
         ORDER BY 1 DESC, 2, 3",
    ),
];

fn json(batches: &[RecordBatch]) -> Result<serde_json::Value> {
    let mut w = arrow_json::ArrayWriter::new(Vec::new());
    w.write_batches(&batches.iter().collect::<Vec<_>>())?;
    w.finish()?;
    let bytes = w.into_inner();
    Ok(if bytes.is_empty() { serde_json::json!([]) } else { serde_json::from_slice(&bytes).unwrap_or_default() })
}

async fn rows(ctx: &SessionContext, name: &str, sql: &str) -> Result<serde_json::Value> {
    let needed: &[&str] = match name {
        "alerts" => &["alerts", "scans"],
        "scans" => &["scans"],
        _ => &["scans", "findings"],
    };
    for table in needed {
        if !ctx.table_exist(*table)? {
            return Ok(serde_json::json!([]));
        }
    }
    json(&ctx.sql(sql).await?.collect().await?)
}

/// The page for `report`.
pub async fn render(report: &Location, printer: &crate::printer::Printer) -> Result<String> {
    let ctx = crate::query::session(report, printer).await?;
    let mut data = serde_json::Map::new();
    for (name, sql) in QUERIES {
        data.insert((*name).to_owned(), rows(&ctx, name, sql).await?);
    }
    data.insert("report".into(), report.url().into());
    data.insert("generated".into(), chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true).into());
    // The JSON sits inside <script>: escaped for a script context, `<`, `>`
    // and `&` as JSON escapes, no `</script` or `<!--` can close or turn it.
    let data = serde_json::Value::Object(data)
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    Ok(PAGE.replace("/*DATA*/", &data))
}

const PAGE: &str = r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lakeaudit report</title>
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #222; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; margin-top: 1.8em; }
.meta { color: #666; }
.cards { display: flex; gap: 1em; flex-wrap: wrap; }
.card { border: 1px solid #ddd; border-radius: 6px; padding: 0.8em 1.1em; min-width: 9em; }
.card b { display: block; font-size: 1.6em; }
table { border-collapse: collapse; width: 100%; margin-top: 0.5em; }
th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid #eee; vertical-align: top; }
th { background: #f6f6f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
input { padding: 0.4em; width: 22em; }
.charts { display: flex; gap: 2em; flex-wrap: wrap; }
svg text { font-size: 11px; fill: #444; }
.alert { color: #a40000; }
</style>
</head>
<body>
<h1>lakeaudit report</h1>
<div class="meta" id="meta"></div>
<h2>Latest scan of each source</h2>
<div class="cards" id="cards"></div>
<h2>Trends over scans</h2>
<div class="charts"><div><div>PII columns and exposed objects per scan</div><div id="trend"></div></div>
<div><div>Columns per entity type (latest scans)</div><div id="entities"></div></div></div>
<h2>Alerts</h2>
<div id="alerts"></div>
<h2>Findings (latest scans)</h2>
<input id="filter" type="search" placeholder="Filter by status, dataset, column, entity type or id">
<div id="findings"></div>
<script type="application/json" id="data">/*DATA*/</script>
<script>
"use strict";
const data = JSON.parse(document.getElementById("data").textContent);
const NS = "http://www.w3.org/2000/svg";
function el(tag, attrs, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = String(text);
  return e;
}
function svg(tag, attrs, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = String(text);
  return e;
}
function short(dataset) {
  return dataset.replace(/^[a-z0-9]+:\/\/[^/]*/, "").split("/").slice(-2).join("/");
}
// A dataset named the same way on every row: its source's last folder (or
// bucket), then its path below the source ("." for the source itself).
function named(dataset, source) {
  if (!source) return short(dataset);
  const root = source.replace(/\/$/, "");
  const base = root.replace(/^[a-z0-9]+:\/\//, "").split("/").filter(Boolean).pop() || root;
  const rel = dataset === root ? "." : dataset.startsWith(root + "/") ? dataset.slice(root.length + 1) : dataset;
  return `${base} › ${rel}`;
}
function table(columns, rows, numeric) {
  const t = el("table"), head = el("tr");
  columns.forEach(c => head.appendChild(el("th", {}, c[1])));
  t.appendChild(head);
  rows.forEach(r => {
    const tr = el("tr");
    columns.forEach(c => tr.appendChild(el("td", numeric.includes(c[0]) ? { class: "num" } : {}, r[c[0]] ?? "")));
    t.appendChild(tr);
  });
  return t;
}
document.getElementById("meta").textContent =
  `${data.report} · ${data.scans.length} scans · generated ${data.generated}`;
const latest = {};
data.scans.forEach(s => { latest[s.source] = s; });
const cards = document.getElementById("cards");
Object.values(latest).forEach(s => {
  const c = el("div", { class: "card" });
  c.appendChild(el("div", {}, short(s.source) || s.source));
  c.appendChild(el("b", {}, s.pii_columns));
  c.appendChild(el("div", {}, `PII columns · ${s.objects_scanned + s.objects_unchanged}/${s.objects_listed} objects · ${s.objects_failed} failed · ${s.status}`));
  cards.appendChild(c);
});
// Line chart: PII columns and exposed objects over scans.
(function trend() {
  const W = 520, H = 200, P = 30, n = data.scans.length;
  const exposure = Object.fromEntries(data.exposure.map(e => [e.scan_id, e.exposed_objects]));
  const series = [
    { name: "PII columns", color: "#c0392b", values: data.scans.map(s => s.pii_columns) },
    { name: "exposed objects", color: "#2471a3", values: data.scans.map(s => exposure[s.scan_id] || 0) },
  ];
  const max = Math.max(1, ...series.flatMap(s => s.values));
  const x = i => P + (n <= 1 ? (W - 2 * P) / 2 : i * (W - 2 * P) / (n - 1));
  const y = v => H - P - v * (H - 2 * P) / max;
  const chart = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "class": "chart" });
  chart.appendChild(svg("line", { x1: P, y1: H - P, x2: W - P, y2: H - P, stroke: "#999" }));
  chart.appendChild(svg("text", { x: 2, y: P }, max));
  chart.appendChild(svg("text", { x: 2, y: H - P }, 0));
  series.forEach((s, k) => {
    chart.appendChild(svg("polyline", { points: s.values.map((v, i) => `${x(i)},${y(v)}`).join(" "), fill: "none", stroke: s.color, "stroke-width": 2 }));
    s.values.forEach((v, i) => chart.appendChild(svg("circle", { cx: x(i), cy: y(v), r: 3, fill: s.color })));
    chart.appendChild(svg("text", { x: P + k * 150, y: 14, fill: s.color }, s.name));
  });
  const anchor = i => (n > 1 && i === n - 1) ? "end" : (n > 1 && i === 0 ? "start" : "middle");
  data.scans.forEach((s, i) => chart.appendChild(svg("text", { x: x(i), y: H - 10, "text-anchor": anchor(i) }, s.started_at.slice(5, 16))));
  document.getElementById("trend").appendChild(chart);
})();
// Bar chart: columns per entity type in the latest scans.
(function entities() {
  const counts = {};
  data.findings.forEach(f => { counts[f.entity_type] = (counts[f.entity_type] || 0) + 1; });
  const items = Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, 15);
  const W = 420, row = 18, H = Math.max(40, items.length * row + 10), L = 170;
  const max = Math.max(1, ...items.map(i => i[1]));
  const chart = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, role: "img", "class": "chart" });
  items.forEach(([name, n], i) => {
    chart.appendChild(svg("text", { x: 0, y: i * row + 13 }, name));
    chart.appendChild(svg("rect", { x: L, y: i * row + 3, width: Math.max(2, n * (W - L - 30) / max), height: row - 6, fill: "#2471a3" }));
    chart.appendChild(svg("text", { x: L + n * (W - L - 30) / max + 4, y: i * row + 13 }, n));
  });
  document.getElementById("entities").appendChild(chart);
})();
// Alerts.
const alerts = document.getElementById("alerts");
if (data.alerts.length === 0) alerts.appendChild(el("p", {}, "No alert."));
else alerts.appendChild(table([["raised_at", "raised"], ["kind", "kind"], ["where", "where"], ["detail", "detail"]],
  data.alerts.map(a => ({ ...a, where: named(a.dataset, a.source) + (a.column ? " · " + a.column : "") })), []));
alerts.querySelectorAll("td:nth-child(2)").forEach(td => td.classList.add("alert"));
// Findings, filterable.
// Where: the first three objects holding a finding (the query sends no more),
// named below its dataset.
function where(f) {
  const held = f.held_by || [], prefix = f.dataset.replace(/\/$/, "") + "/";
  const shown = held.map(o => o.startsWith(prefix) ? o.slice(prefix.length) : o);
  return shown.join(", ") + (f.objects > held.length ? ` and ${f.objects - held.length} more` : "");
}
// A finding's status: its decision while it holds (REPORT's, by `lakeaudit triage`), else open.
const today = new Date().toISOString().slice(0, 10);
const words = { "accept": "accepted", "false-positive": "false positive", "snooze": "snoozed" };
function status(f) {
  const live = f.decision && (!f.decided_until || f.decided_until >= today);
  const ended = f.decision && !live ? ` (${words[f.decision]} until ${f.decided_until})` : "";
  return live ? words[f.decision] : "open" + ended;
}
function decision(f) {
  if (!f.decision) return "";
  return `${f.decided_by}${f.decided_until ? " until " + f.decided_until : ""}: ${f.decision_reason}`;
}
const rows = data.findings.map(f => ({
  ...f, dataset: named(f.dataset, f.source), ratio: (100 * f.matched / Math.max(1, f.sampled)).toFixed(1) + "%",
  score: Number(f.score).toFixed(2), examples: (f.examples || []).slice(0, 3).join(", "), where: where(f),
  status: status(f), decision: decision(f),
}));
const columns = [["finding_id", "id"], ["status", "status"], ["dataset", "dataset"], ["column", "column"],
  ["entity_type", "entity type"], ["score", "score"], ["ratio", "of values"], ["objects", "objects"], ["where", "where"],
  ["examples", "examples (masked)"], ["decision", "decision"]];
function showFindings() {
  const q = document.getElementById("filter").value.toLowerCase();
  const shown = rows.filter(r => !q || [r.finding_id, r.status, r.dataset, r.column, r.entity_type]
    .some(v => String(v || "").toLowerCase().includes(q)));
  const box = document.getElementById("findings");
  box.replaceChildren(table(columns, shown, ["score", "ratio", "objects"]));
  box.setAttribute("data-rows", shown.length);
}
document.getElementById("filter").addEventListener("input", showFindings);
// A link can carry a filter: report.html#payments
document.getElementById("filter").value = decodeURIComponent(location.hash.slice(1));
showFindings();
document.body.setAttribute("data-ready", "true");
</script>
</body>
</html>
"##;
