//! `lakeaudit report`: one self-contained page, opened in headless Chromium
//! (Debian's `chromium`, installed by the test command): it renders, draws
//! its charts, filters its findings, and holds no raw value.

use super::{code, lakeaudit, scan, testdata};
use std::process::Command;

/// The page's DOM after its script ran, as Chromium sees it.
pub(super) fn rendered(page: &std::path::Path, fragment: &str) -> Option<String> {
    let url = format!("file://{}{fragment}", page.display());
    let out = Command::new("chromium")
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--virtual-time-budget=5000", "--dump-dom", &url])
        .output();
    match out {
        Ok(o) if o.status.success() => Some(String::from_utf8(o.stdout).unwrap()),
        _ if std::env::var("LAKEAUDIT_REQUIRE_BROWSER").is_ok_and(|v| v == "1") => {
            panic!("chromium did not run, but LAKEAUDIT_REQUIRE_BROWSER=1: {out:?}")
        }
        _ => None,
    }
}

#[test]
fn the_page_renders_draws_its_charts_and_holds_no_raw_value() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report, page) = (dir.path().join("lake"), dir.path().join("report"), dir.path().join("report.html"));
    for rel in
        ["customers/dt=2026-11-01/part-0.parquet", "hr/employees.csv", "payments/part-0.parquet", "ids/part-0.parquet"]
    {
        std::fs::create_dir_all(lake.join(rel).parent().unwrap()).unwrap();
        std::fs::copy(testdata().join("lake").join(rel), lake.join(rel)).unwrap();
    }
    scan(&lake, &report, &[]);
    std::fs::remove_dir_all(lake.join("hr")).unwrap();
    scan(&lake, &report, &[]);
    // A second source in the same report, its objects at its root.
    let crm = dir.path().join("elsewhere/crm");
    std::fs::create_dir_all(&crm).unwrap();
    std::fs::copy(testdata().join("lake/crm/contacts.parquet"), crm.join("contacts.parquet")).unwrap();
    scan(&crm, &report, &[]);
    let out = lakeaudit(&["report", "--report", report.to_str().unwrap(), "--out", page.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();

    // Self-contained: nothing that fetches (the SVG namespace is a name, not a fetch).
    for outside in ["src=", "href=", "<link", "@import", "url(", "fetch(", "XMLHttpRequest", "import(", "https://"] {
        assert!(!html.contains(outside), "the page refers to something outside: {outside}");
    }
    // No raw value: only masked examples.
    let leaked: Vec<String> =
        super::report::planted_values().into_iter().filter(|v| super::report::contains_token(&html, v)).collect();
    assert!(leaked.is_empty(), "{} raw values in the page, e.g. {:?}", leaked.len(), &leaked[..leaked.len().min(3)]);

    let Some(dom) = rendered(&page, "") else { return eprintln!("skipped: no chromium") };
    assert!(dom.contains("data-ready=\"true\""), "the script ran to the end");
    assert_eq!(dom.matches("<polyline").count(), 2, "the trend chart has two series");
    assert!(dom.matches("<rect").count() >= 5, "the entity chart has bars");
    assert!(dom.contains("dataset_disappeared"), "the alert is shown");
    let rows = |dom: &str| -> usize {
        let at = dom.find("data-rows=\"").expect("the findings table") + 11;
        dom[at..].split('"').next().unwrap().parse().unwrap()
    };
    let all = rows(&dom);
    assert!(all > 40, "{all} findings rows");
    let filtered = rendered(&page, "#payments").unwrap();
    assert_eq!(rows(&filtered), 4, "the filter keeps the payments columns");
    // Each finding shows its id, and a link can name one.
    let ids = super::query(&report, "select distinct finding_id from findings where \"column\" = 'card_number'");
    let id = ids[0]["finding_id"].as_str().unwrap().to_owned();
    assert!(dom.contains(&format!(">{id}<")), "the id is shown");
    assert!(dom.contains(">dt=2026-11-01/part-0.parquet<"), "each finding names where it is");
    // Datasets are named the same way on every row, with their source.
    assert!(dom.contains(">lake › payments<") && dom.contains(">crm › .<"), "datasets named with their source");
    assert!(!dom.contains(">payments<"), "no dataset named without its source");
    assert_eq!(rows(&rendered(&page, &format!("#{id}")).unwrap()), 1, "the filter finds a finding by its id");
}

#[test]
fn hostile_names_cannot_close_or_script_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let (lake, report, page) = (dir.path().join("lake"), dir.path().join("report"), dir.path().join("report.html"));
    std::fs::create_dir_all(lake.join("x</script><script>alert(1)</script>")).unwrap();
    let csv = "e<!--<script>,e</script><b>e</b>\nann@example.com,bob@example.org\ncid@example.net,dee@example.com\n";
    std::fs::write(lake.join("x</script><script>alert(1)</script>/people.csv"), csv).unwrap();
    scan(&lake, &report, &[]);
    let out = lakeaudit(&["report", "--report", report.to_str().unwrap(), "--out", page.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let html = std::fs::read_to_string(&page).unwrap();
    // The data block, as an HTML parser tokenizes a script element's text:
    // it ends at the first `</script`, and `<!--` in it would change that.
    let start = html.find("<script type=\"application/json\" id=\"data\">").unwrap();
    let block = &html[start..];
    let end = block.find("</script").unwrap();
    let data = &block[block.find('>').unwrap() + 1..end];
    assert!(!data.contains('<') && !data.contains('>'), "{data}");
    let parsed: serde_json::Value = serde_json::from_str(data).unwrap();
    assert!(parsed.to_string().contains("<!--<script>"), "the name is kept, escaped");
    let Some(dom) = rendered(&page, "") else { return eprintln!("skipped: no chromium") };
    assert!(dom.contains("data-ready=\"true\""), "the script ran to the end");
    assert!(!dom.contains("<script>alert(1)</script>") && !dom.contains("<b>e</b>"), "names are text, not markup");
}
