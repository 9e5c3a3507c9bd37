//! Settings: command-line arguments, the `--config` TOML file and the
//! environment resolved into what commands run with. Precedence: flag, then
//! config file, then default. `--show-settings` prints the result.

use crate::classify::ClassifySettings;
use crate::classify::custom::CustomRecognizer;
use crate::cli::{GlobalArgs, ScanArgs};
use crate::error::{Error, Result};
use crate::limits::{CONFIG_FILE_BYTES, Limits, MAX_THREADS, read_input, toml_error};
use crate::sample::SampleSettings;
use crate::source::{Filters, Location, StorageOptions};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Rows sampled per object when neither `--sample-rows` nor `--full` is given.
pub const DEFAULT_SAMPLE_ROWS: u64 = 1000;

/// The `--config` file.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    sample: SampleSection,
    #[serde(default)]
    classify: ClassifySection,
    #[serde(default)]
    scan: ScanSection,
    #[serde(default)]
    limits: Limits,
    /// Custom recognizers (`[[recognizers]]`), then those of the Presidio
    /// files named in `classify.presidio_recognizers`.
    #[serde(default)]
    recognizers: Vec<CustomRecognizer>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SampleSection {
    rows: Option<u64>,
    full: Option<bool>,
    seed: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassifySection {
    min_score: Option<f64>,
    #[serde(default)]
    disabled: Vec<String>,
    /// Entities off by default that run all the same (`UUID`).
    #[serde(default)]
    enabled: Vec<String>,
    #[serde(default)]
    thresholds: BTreeMap<String, f64>,
    #[serde(default)]
    allow: BTreeMap<String, Vec<String>>,
    /// Presidio YAML recognizer files, relative to the config file.
    #[serde(default)]
    presidio_recognizers: Vec<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScanSection {
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    objects_in_flight: Option<usize>,
    incremental: Option<bool>,
    table_history: Option<bool>,
}

impl ConfigFile {
    /// Reads the file named by `--config`, or the defaults.
    pub fn load(global: &GlobalArgs) -> Result<Self> {
        let Some(path) = &global.config else {
            return Ok(Self::default());
        };
        let text = read_input(path, "config file", CONFIG_FILE_BYTES)?;
        let mut config: Self = toml::from_str(&text)
            .map_err(|e| Error::Config(format!("{}: {}", path.display(), toml_error(&text, &e))))?;
        config.limits.check()?;
        for r in &mut config.recognizers {
            r.source = format!("config file {}", path.display());
        }
        let dir = path.parent().unwrap_or(Path::new("."));
        for file in &config.classify.presidio_recognizers {
            let path = dir.join(file);
            let text = crate::limits::read_input(&path, "recognizer file", crate::limits::CONFIG_FILE_BYTES)?;
            config.recognizers.extend(crate::classify::custom::presidio_yaml(&text, &path)?);
        }
        Ok(config)
    }

    /// The classification settings it holds, with `min_score` resolved.
    pub fn into_classify(self, min_score: f64) -> ClassifySettings {
        classify_settings(self.classify, self.recognizers, min_score)
    }
}

fn classify_settings(c: ClassifySection, custom: Vec<CustomRecognizer>, min_score: f64) -> ClassifySettings {
    // Entities may be named by their old names (see `catalog::entity_name`).
    let name = |e: String| crate::classify::catalog::entity_name(&e).to_owned();
    ClassifySettings {
        min_score,
        disabled: c.disabled.into_iter().map(name).collect(),
        enabled: c.enabled.into_iter().map(name).collect(),
        thresholds: c.thresholds.into_iter().map(|(e, t)| (name(e), t)).collect(),
        allow: c.allow.into_iter().map(|(e, v)| (name(e), v)).collect(),
        custom,
    }
}

/// Threads for the rayon pool: `--threads`, else every core.
pub fn threads(global: &GlobalArgs) -> Result<usize> {
    match global.threads {
        Some(0) => Err(Error::Usage("--threads must be at least 1".into())),
        Some(n) if n > MAX_THREADS => Err(Error::Usage(format!("--threads must be at most {MAX_THREADS}, not {n}"))),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, usize::from)),
    }
}

/// Everything a scan needs.
#[derive(Debug, Serialize)]
pub struct ScanSettings {
    /// Sources as given, each scanned on its own.
    pub sources: Vec<String>,
    /// The report location as given.
    pub report: String,
    /// Globs.
    pub include: Vec<String>,
    /// Globs.
    pub exclude: Vec<String>,
    /// Sampling.
    pub sample: SampleSettings,
    /// Classification.
    pub classify: ClassifySettings,
    /// Objects read at once.
    pub objects_in_flight: usize,
    /// Build on the last scan of each source: unchanged objects are not read.
    pub incremental: bool,
    /// Also read the files of Delta and Iceberg tables that their current
    /// version no longer references (`--history`).
    pub history: bool,
    /// Who runs the scan.
    pub actor: String,
    /// Host name.
    pub host: String,
    /// Digest of the settings that change results.
    pub config_digest: String,
    /// `--storage-option`s for every location.
    pub storage: StorageOptions,
    /// `--decisions`: what was decided about findings (not in the digest:
    /// a decision changes no finding).
    pub decisions: crate::triage::Decisions,
    /// `--cluster`: the Ballista scheduler that reads the objects (not in
    /// the digest: a cluster finds what a local scan finds).
    pub cluster: Option<String>,
}

impl ScanSettings {
    /// Resolves flags, config file and environment.
    pub fn resolve(args: &ScanArgs, global: &GlobalArgs, config: ConfigFile) -> Result<Self> {
        let rows = sample_rows(args.full, args.sample_rows, &config)?;
        let min_score = args.min_score.or(config.classify.min_score).unwrap_or(ClassifySettings::default().min_score);
        if !(0.0..=1.0).contains(&min_score) {
            return Err(Error::Usage(format!("--min-score must be between 0 and 1, not {min_score}")));
        }
        let threads = threads(global)?;
        let in_flight_default = if rows.is_none() { 2 * threads } else { 16 };
        let mut s = Self {
            sources: args.sources.clone(),
            report: args.report.url.clone(),
            include: if args.include.is_empty() { config.scan.include } else { args.include.clone() },
            exclude: if args.exclude.is_empty() { config.scan.exclude } else { args.exclude.clone() },
            sample: SampleSettings {
                rows,
                seed: args.seed.or(config.sample.seed).unwrap_or(0),
                limits: config.limits.clone(),
            },
            classify: classify_settings(config.classify, config.recognizers, min_score),
            objects_in_flight: config.scan.objects_in_flight.unwrap_or(in_flight_default).max(1),
            incremental: args.incremental || config.scan.incremental == Some(true),
            history: args.history || config.scan.table_history == Some(true),
            actor: actor(global.actor.as_deref()),
            host: gethostname::gethostname().to_string_lossy().into_owned(),
            config_digest: String::new(),
            storage: StorageOptions::parse(&global.storage_options)?,
            decisions: match &args.decisions {
                Some(path) => crate::triage::Decisions::load(path)?,
                None => Default::default(),
            },
            cluster: args.cluster.clone(),
        };
        if s.cluster.is_some() && !global.storage_options.is_empty() {
            return Err(Error::Usage(
                "--storage-option is not sent to a cluster (plans never carry credentials): executors take store settings from their own environment".into(),
            ));
        }
        Filters::new(&s.include, &s.exclude)?;
        s.config_digest =
            digest(&(&s.include, &s.exclude, &s.sample, &s.classify, s.history, env!("CARGO_PKG_VERSION")));
        Ok(s)
    }

    /// The compiled filters.
    pub fn filters(&self) -> Result<Filters> {
        Filters::new(&self.include, &self.exclude)
    }

    /// Parses the report location, creating it on local disk.
    pub fn report_location(&self) -> Result<Location> {
        Location::parse(&self.report, false, &self.storage)
    }
}

/// The sampling `anonymize` classifies SOURCE with: flags, then the config
/// file's `[sample]`, then the default.
pub fn anonymize_sample(args: &crate::cli::AnonymizeArgs, config: &ConfigFile) -> Result<SampleSettings> {
    let rows = sample_rows(args.full, args.sample_rows, config)?;
    Ok(SampleSettings { rows, seed: config.sample.seed.unwrap_or(0), limits: config.limits.clone() })
}

/// Rows sampled per object (`None`: every row) from `--full`,
/// `--sample-rows`, then the config file's `[sample]`, then the default.
fn sample_rows(full: bool, flag: Option<u64>, config: &ConfigFile) -> Result<Option<u64>> {
    let rows = if full || (flag.is_none() && config.sample.full == Some(true)) {
        None
    } else {
        Some(flag.or(config.sample.rows).unwrap_or(DEFAULT_SAMPLE_ROWS))
    };
    if rows == Some(0) {
        return Err(Error::Usage("--sample-rows must be at least 1 (use --full to read everything)".into()));
    }
    Ok(rows)
}

/// Objects handled at once by `anonymize`: the config's, else two per core.
pub fn objects_in_flight(config: &ConfigFile, threads: usize) -> usize {
    config.scan.objects_in_flight.unwrap_or(2 * threads).max(1)
}

/// `--actor`, else `$LAKEAUDIT_ACTOR`, else the OS user.
pub fn actor(flag: Option<&str>) -> String {
    flag.map(str::to_owned)
        .or_else(|| std::env::var("LAKEAUDIT_ACTOR").ok())
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .unwrap_or_else(|| "unknown".into())
}

fn digest(value: &impl Serialize) -> String {
    let json = serde_json::to_vec(value).expect("settings serialize");
    hex::encode(&Sha256::digest(&json)[..16])
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn resolve(argv: &[&str], config: &str) -> Result<ScanSettings> {
        let cli = crate::cli::Cli::try_parse_from(argv).unwrap();
        let crate::cli::Command::Scan(args) = &cli.command else { unreachable!() };
        ScanSettings::resolve(args, &cli.global, toml::from_str(config).unwrap())
    }

    #[test]
    fn precedence_flag_config_default() {
        let s = resolve(&["lakeaudit", "scan", "x", "--report", "r"], "").unwrap();
        assert_eq!(s.sample.rows, Some(DEFAULT_SAMPLE_ROWS));
        let s = resolve(&["lakeaudit", "scan", "x", "--report", "r"], "[sample]\nrows = 50").unwrap();
        assert_eq!(s.sample.rows, Some(50));
        let s =
            resolve(&["lakeaudit", "scan", "x", "--report", "r", "--sample-rows", "7"], "[sample]\nrows = 50").unwrap();
        assert_eq!(s.sample.rows, Some(7));
        let s = resolve(&["lakeaudit", "scan", "x", "--report", "r", "--full"], "").unwrap();
        assert_eq!(s.sample.rows, None);
    }

    #[test]
    fn old_entity_names_are_accepted_as_presidios() {
        let config = "[classify]\ndisabled = [\"DE_POSTAL_CODE\"]\n[classify.thresholds]\nDE_DRIVER_LICENSE = 0.9\n";
        let s = resolve(&["lakeaudit", "scan", "x", "--report", "r"], config).unwrap();
        assert_eq!(s.classify.disabled, ["DE_PLZ"]);
        assert_eq!(s.classify.thresholds.keys().collect::<Vec<_>>(), ["DE_FUEHRERSCHEIN"]);
        let c = crate::classify::Classifier::new(s.classify).unwrap();
        assert!(c.slot_of("DE_PLZ").is_none() && c.slot_of("DE_FUEHRERSCHEIN").is_some());
    }

    #[test]
    fn digest_follows_settings_that_change_results() {
        let a = resolve(&["lakeaudit", "scan", "x", "--report", "r"], "").unwrap();
        let b = resolve(&["lakeaudit", "scan", "y", "--report", "r2", "--actor", "z"], "").unwrap();
        let c = resolve(&["lakeaudit", "scan", "x", "--report", "r", "--min-score", "0.7"], "").unwrap();
        assert_eq!(a.config_digest, b.config_digest);
        assert_ne!(a.config_digest, c.config_digest);
    }

    #[test]
    fn bad_values_are_usage_errors() {
        for argv in [
            &["lakeaudit", "scan", "x", "--report", "r", "--min-score", "2"][..],
            &["lakeaudit", "scan", "x", "--report", "r", "--sample-rows", "0"],
        ] {
            assert_eq!(resolve(argv, "").unwrap_err().exit_status(), crate::status::ExitStatus::Usage);
        }
        assert!(toml::from_str::<ConfigFile>("[sample]\nrowz = 1").unwrap_err().to_string().contains("rowz"));
    }
}
