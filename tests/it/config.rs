//! Tuning and custom recognizers from `--config`: TOML recognizers with
//! deny-lists and validators, Presidio YAML files, allow-lists, per-entity
//! thresholds and switched-off entities.

use super::{code, lakeaudit, query, scan};
use std::path::Path;

const CONFIG: &str = r#"
[classify]
disabled = ["IP_ADDRESS"]
presidio_recognizers = ["presidio.yaml"]

[classify.thresholds]
PHONE_NUMBER = 0.95

[classify.allow]
EMAIL_ADDRESS = ["NoReply@Example.com"]

[[recognizers]]
name = "employee_id"
entity = "EMPLOYEE_ID"
patterns = [{ name = "emp", regex = 'EMP-\d{6}', score = 0.7 }]
context = ["staff", "employee"]

[[recognizers]]
name = "loyalty_card"
entity = "LOYALTY_CARD"
patterns = [{ name = "digits", regex = '\b\d{12}\b', score = 0.6 }]
validator = "luhn"
checksum = true
"#;

const PRESIDIO: &str = r#"
recognizers:
  - name: "Zip code Recognizer"
    supported_language: "de"
    patterns:
      - name: "zip code (weak)"
        regex: "(\\b\\d{5}(?:\\-\\d{4})?\\b)"
        score: 0.01
    context: [zip, code]
    supported_entity: "ZIP"
  - name: "Codenames"
    supported_entity: "PROJECT_CODENAME"
    deny_list: [Bluebird, Nightjar]
"#;

fn setup(dir: &Path) -> std::path::PathBuf {
    std::fs::write(dir.join("lakeaudit.toml"), CONFIG).unwrap();
    std::fs::write(dir.join("presidio.yaml"), PRESIDIO).unwrap();
    let lake = dir.join("lake");
    std::fs::create_dir_all(&lake).unwrap();
    let mut csv = String::from("staff,note,contact_email,zip,line,client_ip,loyalty,batch\n");
    for i in 0..100 {
        let luhn_ok = ["424242424242", "123456789015"][i % 2];
        csv += &format!(
            "EMP-{:06},status of bluebird {i},noreply@example.com,{:05},+44 20 7946 {:04},10.0.0.{},{luhn_ok},{:012}\n",
            100_000 + i,
            10_000 + i * 7,
            1000 + i,
            i % 250,
            987_654_321_000u64 + i as u64
        );
    }
    std::fs::write(lake.join("people.csv"), csv).unwrap();
    lake
}

#[test]
fn custom_recognizers_allow_lists_thresholds_and_switches_apply() {
    let dir = tempfile::tempdir().unwrap();
    let lake = setup(dir.path());
    let report = dir.path().join("report");
    let config = dir.path().join("lakeaudit.toml");
    let out = scan(&lake, &report, &["--config", config.to_str().unwrap()]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    let rows = query(&report, "select \"column\", entity_type, recognizer from findings order by 1, 2");
    let found: Vec<(String, String)> = rows
        .iter()
        .map(|r| (r["column"].as_str().unwrap().to_string(), r["entity_type"].as_str().unwrap().to_string()))
        .collect();
    let want = [("loyalty", "LOYALTY_CARD"), ("note", "PROJECT_CODENAME"), ("staff", "EMPLOYEE_ID"), ("zip", "ZIP")];
    assert_eq!(found, want.map(|(c, e)| (c.to_string(), e.to_string())), "{rows:?}");
}

#[test]
fn recognizers_list_shows_config_recognizers_with_their_source() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let config = dir.path().join("lakeaudit.toml");
    let out = lakeaudit(&["recognizers", "list", "--config", config.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("EMPLOYEE_ID") && text.contains("config file"), "{text}");
    let codenames = text.lines().find(|l| l.starts_with("PROJECT_CODENAME")).unwrap();
    assert!(codenames.contains("deny list") && codenames.contains("Presidio recognizer file"), "{codenames}");
    assert!(!text.contains("IP_ADDRESS"), "switched off");
}

#[test]
fn bad_custom_recognizers_are_configuration_errors() {
    let dir = tempfile::tempdir().unwrap();
    let lake = setup(dir.path());
    for (broken, message) in [
        (CONFIG.replace("validator = \"luhn\"", "validator = \"lunh\""), "unknown validator 'lunh'"),
        (CONFIG.replace(r"EMP-\d{6}", r"(?<=EMP)\d{6}"), "employee_id"),
        (CONFIG.replace("PHONE_NUMBER = 0.95", "PHONE_NUMBR = 0.95"), "unknown entity type 'PHONE_NUMBR'"),
    ] {
        std::fs::write(dir.path().join("lakeaudit.toml"), broken).unwrap();
        let config = dir.path().join("lakeaudit.toml");
        let out = scan(&lake, &dir.path().join("report"), &["--config", config.to_str().unwrap()]);
        assert_eq!(code(&out), 2);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{err}");
    }
}
