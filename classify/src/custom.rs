//! Recognizers from configuration: `[[recognizers]]` tables of the TOML
//! config file, and Presidio's YAML recognizer files, so teams can add their
//! own identifiers (employee numbers, project code names) next to the
//! catalog and Presidio users can bring theirs unchanged.
//!
//! A definition is checked here (a name, an entity, patterns that compile,
//! scores in range, a known validator) and becomes a catalog [`Recognizer`]
//! for the life of the process.

use super::catalog::{self, Method, Pattern, Recognizer};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A recognizer defined in configuration.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CustomRecognizer {
    /// Unique name.
    pub name: String,
    /// Entity type it reports (`EMPLOYEE_ID`).
    pub entity: String,
    /// Country code or `global`.
    #[serde(default = "global")]
    pub country: String,
    /// Patterns with their scores.
    #[serde(default)]
    pub patterns: Vec<CustomPattern>,
    /// Exact words that are the entity whenever they appear (any case).
    #[serde(default)]
    pub deny_list: Vec<String>,
    /// Score of a deny-list match.
    #[serde(default = "one")]
    pub deny_list_score: f64,
    /// Column-name and nearby words that raise confidence.
    #[serde(default)]
    pub context: Vec<String>,
    /// A validator by name: `luhn`, `verhoeff`, `mod97`, or the name of a
    /// catalog recognizer whose check to borrow (`credit_card`, `iban`).
    pub validator: Option<String>,
    /// Whether the validator is a checksum (columns where most candidates
    /// fail it are lookalikes).
    #[serde(default)]
    pub checksum: bool,
    /// Whether the entity is a credential (an internal API key): `mask`
    /// keeps none of its characters.
    #[serde(default)]
    pub secret: bool,
    /// Share of values that must match before a column is reported.
    #[serde(default = "min_ratio")]
    pub min_ratio: f64,
    /// Where it was defined, for `recognizers list`.
    #[serde(default)]
    pub source: String,
}

/// One pattern of a [`CustomRecognizer`].
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CustomPattern {
    /// Short name.
    pub name: String,
    /// Regular expression (Rust `regex` syntax: no look-around).
    pub regex: String,
    /// Confidence of a match, in [0, 1].
    pub score: f64,
}

fn global() -> String {
    "global".into()
}
fn one() -> f64 {
    1.0
}
fn min_ratio() -> f64 {
    0.05
}

impl CustomRecognizer {
    /// Checks the definition and turns it into a catalog recognizer. The
    /// strings are leaked: configuration is read once per process.
    pub(crate) fn compile(&self) -> Result<&'static Recognizer> {
        let bad = |what: String| Error::Config(format!("recognizer '{}': {what}", self.name));
        if self.name.trim().is_empty() {
            return Err(Error::Config("a custom recognizer has no name".into()));
        }
        if self.entity.trim().is_empty() {
            return Err(bad("no entity".into()));
        }
        if self.patterns.is_empty() && self.deny_list.is_empty() {
            return Err(bad("needs patterns or a deny_list".into()));
        }
        let scores = self.patterns.iter().map(|p| p.score).chain([self.deny_list_score, self.min_ratio]);
        if let Some(s) = scores.into_iter().find(|s| !(0.0..=1.0).contains(s)) {
            return Err(bad(format!("score or ratio {s} is outside [0, 1]")));
        }
        let validator = match &self.validator {
            None => None,
            Some(name) => Some(catalog::validator(name).ok_or_else(|| {
                bad(format!("unknown validator '{name}' (luhn, verhoeff, mod97 or a catalog recognizer's name)"))
            })?),
        };
        let leak = |s: &str| -> &'static str { Box::leak(s.to_owned().into_boxed_str()) };
        let mut patterns: Vec<Pattern> = self
            .patterns
            .iter()
            .map(|p| Pattern { name: leak(&p.name), regex: leak(&p.regex), score: p.score })
            .collect();
        if !self.deny_list.is_empty() {
            patterns.push(Pattern {
                name: "deny_list",
                regex: leak(&deny_list_regex(&self.deny_list)),
                score: self.deny_list_score,
            });
        }
        let context: Vec<&'static str> = self.context.iter().map(|w| leak(&w.to_lowercase())).collect();
        Ok(Box::leak(Box::new(Recognizer {
            name: leak(&self.name),
            method: if self.patterns.is_empty() { Method::DenyList } else { Method::Pattern },
            country: leak(&self.country),
            entity: leak(catalog::entity_name(&self.entity)),
            patterns: Box::leak(patterns.into_boxed_slice()),
            validator,
            narrow: None,
            checksum: self.checksum,
            secret: self.secret,
            context: Box::leak(context.into_boxed_slice()),
            not_context: &[],
            min_ratio: self.min_ratio,
            source: leak(if self.source.is_empty() { "configuration" } else { &self.source }),
        })))
    }
}

/// One case-insensitive alternation of the words, each held to word
/// boundaries where it starts or ends with a word character (`Mr.` ends
/// with none), as Presidio builds its deny-list pattern.
fn deny_list_regex(words: &[String]) -> String {
    // Word boundaries are ASCII in the engine: only ASCII word characters get one.
    let edge = |c: Option<char>| if c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') { r"\b" } else { "" };
    let alternatives: Vec<String> = words
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| format!("{}{}{}", edge(w.chars().next()), regex_syntax::escape(w), edge(w.chars().last())))
        .collect();
    format!("(?i:{})", alternatives.join("|"))
}

/// A Presidio recognizer file (`recognizers:` list of YAML maps).
#[derive(Debug, Deserialize)]
struct PresidioFile {
    recognizers: Vec<PresidioRecognizer>,
}

#[derive(Debug, Deserialize)]
struct PresidioRecognizer {
    name: String,
    #[serde(default)]
    supported_entity: Option<String>,
    #[serde(default)]
    supported_entities: Vec<String>,
    #[serde(default)]
    patterns: Vec<CustomPattern>,
    #[serde(default)]
    deny_list: Vec<String>,
    #[serde(default)]
    deny_list_score: Option<f64>,
    #[serde(default)]
    context: Vec<String>,
    #[serde(default)]
    enabled: Option<bool>,
    #[serde(default, rename = "type")]
    kind: Option<String>,
}

/// Reads a Presidio YAML recognizer file. Presidio's own predefined
/// recognizers (`type: predefined`) are skipped, since the catalog has its
/// own; languages are ignored, since lakeaudit's recognizers have none.
/// `text` is the file's content, `path` names it in errors.
pub fn presidio_yaml(text: &str, path: &Path) -> Result<Vec<CustomRecognizer>> {
    let file: PresidioFile =
        serde_yaml_ng::from_str(text).map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
    let mut out = Vec::new();
    for r in file.recognizers {
        if r.enabled == Some(false) || r.kind.as_deref() == Some("predefined") {
            continue;
        }
        let entities: Vec<String> = r.supported_entity.into_iter().chain(r.supported_entities).collect();
        let [entity] = entities.as_slice() else {
            return Err(Error::Config(format!(
                "{}: recognizer '{}' must name exactly one supported_entity",
                path.display(),
                r.name
            )));
        };
        out.push(CustomRecognizer {
            name: r.name,
            entity: entity.clone(),
            country: global(),
            patterns: r.patterns,
            deny_list: r.deny_list,
            deny_list_score: r.deny_list_score.unwrap_or(1.0),
            context: r.context,
            validator: None,
            checksum: false,
            secret: false,
            min_ratio: min_ratio(),
            source: format!("Presidio recognizer file {}", path.display()),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn employee_id() -> CustomRecognizer {
        toml::from_str(
            r#"
            name = "employee_id"
            entity = "EMPLOYEE_ID"
            patterns = [{ name = "emp", regex = 'EMP-\d{6}', score = 0.6 }]
            context = ["employee", "Staff"]
            "#,
        )
        .unwrap()
    }

    #[test]
    fn toml_definition_compiles_with_defaults() {
        let r = employee_id().compile().unwrap();
        assert_eq!(
            (r.entity, r.country, r.min_ratio, r.context),
            ("EMPLOYEE_ID", "global", 0.05, &["employee", "staff"][..])
        );
        assert_eq!(r.source, "configuration");
    }

    #[test]
    fn bad_definitions_are_config_errors_naming_the_recognizer() {
        type Change = fn(&mut CustomRecognizer);
        let cases: [(Change, &str); 4] = [
            (|r| r.patterns[0].score = 1.5, "outside"),
            (|r| r.validator = Some("nope".into()), "unknown validator"),
            (|r| r.patterns.clear(), "needs patterns"),
            (|r| r.entity.clear(), "no entity"),
        ];
        for (change, message) in cases {
            let mut r = employee_id();
            change(&mut r);
            let err = r.compile().unwrap_err().to_string();
            assert!(err.contains(message) && err.contains("employee_id"), "{err}");
        }
    }

    #[test]
    fn a_borrowed_validator_never_panics_on_candidates_of_another_shape() {
        // Issue 15: `validator = "au_acn"` indexed nine digits of a candidate
        // the custom pattern let be shorter, and panicked a worker.
        let mut r = employee_id();
        r.patterns[0].regex = r"\d{1,12}".into();
        for validator in ["au_acn", "us_ssn", "th_tnin", "sg_uen", "it_fiscal_code", "de_passport"] {
            r.validator = Some(validator.into());
            let settings = crate::ClassifySettings { custom: vec![r.clone()], ..Default::default() };
            let c = crate::Classifier::new(settings).unwrap();
            let mut state = c.new_state();
            for v in ["1", "12", "123 456", "12345678", "000000000000", "x"] {
                c.observe(v, &mut state);
            }
        }
    }

    #[test]
    fn deny_lists_match_whole_words_in_any_case() {
        let re = regex::Regex::new(&deny_list_regex(&["Bluebird".into(), "Mr.".into()])).unwrap();
        assert!(re.is_match("project BLUEBIRD is late"));
        assert!(re.is_match("ask mr. Smith"));
        assert!(!re.is_match("bluebirds"));
    }

    #[test]
    fn presidio_yaml_loads_custom_recognizers_and_skips_predefined_ones() {
        let text = r#"
recognizers:
  -
    name: "Zip code Recognizer"
    supported_language: "de"
    patterns:
      -
         name: "zip code (weak)"
         regex: "(\\b\\d{5}(?:\\-\\d{4})?\\b)"
         score: 0.01
    context:
     - zip
     - code
    supported_entity: "ZIP"
  -
    name: "Titles recognizer"
    supported_language: "en"
    supported_entity: "TITLE"
    deny_list:
      - Mr.
      - Mrs.
  -
    name: CreditCardRecognizer
    type: predefined
"#;
        let rs = presidio_yaml(text, Path::new("recognizers.yaml")).unwrap();
        assert_eq!(rs.iter().map(|r| r.entity.as_str()).collect::<Vec<_>>(), ["ZIP", "TITLE"]);
        assert_eq!(rs[0].patterns[0].score, 0.01);
        assert_eq!(rs[1].deny_list, ["Mr.", "Mrs."]);
        for r in &rs {
            r.compile().unwrap();
        }
    }
}
