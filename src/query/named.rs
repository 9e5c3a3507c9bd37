//! The named queries of `queries/`, compiled into the binary so `--name`
//! works from anywhere. Each file starts with a `--` line saying what it
//! answers.

/// Name and SQL of every named query.
pub const NAMED: &[(&str, &str)] = &[
    ("latest_findings", include_str!("../../queries/latest_findings.sql")),
    ("new_pii_columns", include_str!("../../queries/new_pii_columns.sql")),
    ("fixed_columns", include_str!("../../queries/fixed_columns.sql")),
    ("trend", include_str!("../../queries/trend.sql")),
    ("top_datasets", include_str!("../../queries/top_datasets.sql")),
    ("coverage", include_str!("../../queries/coverage.sql")),
    ("time_to_remediation", include_str!("../../queries/time_to_remediation.sql")),
    ("retained_pii", include_str!("../../queries/retained_pii.sql")),
    ("open_findings", include_str!("../../queries/open_findings.sql")),
    ("decisions_by_actor", include_str!("../../queries/decisions_by_actor.sql")),
    ("expiring_decisions", include_str!("../../queries/expiring_decisions.sql")),
];

/// The SQL of a named query; an unknown name is a usage error listing them.
pub fn sql(name: &str) -> crate::error::Result<&'static str> {
    NAMED.iter().find(|(n, _)| *n == name).map(|(_, sql)| *sql).ok_or_else(|| {
        let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
        crate::error::Error::Usage(format!("no query named '{name}'; the named queries are {}", names.join(", ")))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_file_of_queries_is_named_and_says_what_it_answers() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("queries");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".sql").to_owned())
            .collect();
        files.sort();
        let mut named: Vec<String> = super::NAMED.iter().map(|(n, _)| (*n).to_owned()).collect();
        named.sort();
        assert_eq!(files, named);
        assert!(super::NAMED.iter().all(|(_, sql)| sql.starts_with("-- ")));
        assert!(super::sql("nope").unwrap_err().to_string().contains("latest_findings"));
    }
}
