//! Decisions about findings: "this one is a false positive", "accepted
//! until the migration ends", "snoozed for a week". They are kept in REPORT
//! (`lakeaudit triage`, an append-only `decisions` table, audited like
//! every command) or in a TOML file that lives in the repository (`scan
//! --decisions FILE`), so that they are code-reviewed; the file's decision
//! about a finding wins. A scan honours the live ones: a decided finding is
//! still in the report's `findings` (what is there does not change), but
//! it trips no gate, raises no alert, counts in no metric and is no SARIF
//! result. A decision whose date has passed re-raises its finding as a
//! `decision_expired` alert; one whose finding is gone is stale, and said.
//!
//! ```toml
//! [[decision]]
//! finding = "3fa2c9d18e4b"          # the finding's id (summary, findings.finding_id)
//! kind = "accept"                    # accept, false-positive or snooze
//! reason = "legal basis: contract"   # required
//! by = "alice"                       # who decided (required)
//! until = "2027-03-31"               # the last day it holds (required for snooze)
//! ```

use crate::error::{Error, Result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// What was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// Personal data, there on purpose.
    Accept,
    /// Not personal data.
    FalsePositive,
    /// Personal data, to be dealt with later.
    Snooze,
}

impl Kind {
    /// The word the summary and alerts use.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Accept => "accepted",
            Kind::FalsePositive => "false positive",
            Kind::Snooze => "snoozed",
        }
    }
}

/// One decision about one finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// The finding's id.
    pub finding: String,
    /// What was decided.
    pub kind: Kind,
    /// Why.
    pub reason: String,
    /// Who.
    pub by: String,
    /// The last day it holds, `YYYY-MM-DD`; none: until revoked (not for
    /// a snooze).
    pub until: Option<String>,
    /// `until`, read.
    #[serde(skip)]
    pub last_day: Option<NaiveDate>,
}

/// The decisions of a file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// Each one.
    #[serde(default, rename = "decision")]
    pub list: Vec<Decision>,
}

impl Decisions {
    /// Reads and checks a decisions file: every decision names a finding
    /// id, a reason and who decided; a snooze has an end; a finding has one
    /// decision.
    pub fn load(path: &std::path::Path) -> Result<Self> {
        let at = |why: String| Error::Config(format!("{}: {why}", path.display()));
        let text = std::fs::read_to_string(path).map_err(|e| at(e.to_string()))?;
        let mut decisions: Decisions = toml::from_str(&text).map_err(|e| at(e.to_string()))?;
        for d in &mut decisions.list {
            if let Some(until) = &d.until {
                let day = NaiveDate::parse_from_str(until, "%Y-%m-%d");
                d.last_day = Some(day.map_err(|_| at(format!("until = \"{until}\" is no date (YYYY-MM-DD)")))?);
            }
        }
        let mut seen = HashSet::new();
        for d in &decisions.list {
            let id_ok = d.finding.len() == 12 && d.finding.bytes().all(|b| b.is_ascii_hexdigit());
            if !id_ok {
                return Err(at(format!("\"{}\" is no finding id (12 hex digits, as the summary shows)", d.finding)));
            }
            if d.reason.trim().is_empty() || d.by.trim().is_empty() {
                return Err(at(format!("the decision about {} needs a reason and who made it (`by`)", d.finding)));
            }
            if d.kind == Kind::Snooze && d.until.is_none() {
                return Err(at(format!("the snooze of {} needs `until` (the last day it holds)", d.finding)));
            }
            if !seen.insert(d.finding.as_str()) {
                return Err(at(format!("{} has more than one decision", d.finding)));
            }
        }
        Ok(decisions)
    }

    /// These decisions, each replaced by `other`'s about the same finding,
    /// and `other`'s others.
    pub fn merged(self, other: Decisions) -> Decisions {
        let overridden: HashSet<&str> = other.list.iter().map(|d| d.finding.as_str()).collect();
        let mut list: Vec<Decision> =
            self.list.into_iter().filter(|d| !overridden.contains(d.finding.as_str())).collect();
        list.extend(other.list);
        Decisions { list }
    }

    /// The decisions REPORT holds: its session's `current_decisions` (the
    /// latest row about each finding, a `revoke` undoing).
    pub async fn from_report(ctx: &datafusion::prelude::SessionContext) -> Result<Self> {
        use crate::report::Row;
        let mut list = Vec::new();
        for batch in ctx.sql("SELECT * FROM current_decisions ORDER BY finding_id").await?.collect().await? {
            for row in crate::report::DecisionRow::from_batch(&batch)? {
                let kind = match row.kind.as_str() {
                    "accept" => Kind::Accept,
                    "false-positive" => Kind::FalsePositive,
                    "snooze" => Kind::Snooze,
                    other => {
                        return Err(Error::Config(format!("decisions: unknown kind {other} (a newer lakeaudit's?)")));
                    }
                };
                let last_day = row.until.as_deref().and_then(|u| NaiveDate::parse_from_str(u, "%Y-%m-%d").ok());
                let (finding, reason, by, until) = (row.finding_id, row.reason, row.actor, row.until);
                list.push(Decision { finding, kind, reason, by, until, last_day });
            }
        }
        Ok(Self { list })
    }

    /// The decision about `finding` that holds on `today`, if any.
    pub fn live(&self, finding: &str, today: NaiveDate) -> Option<&Decision> {
        self.list.iter().find(|d| d.finding == finding && d.last_day.is_none_or(|last| today <= last))
    }

    /// The decision about `finding` whose last day is before `today`, if any.
    pub fn expired(&self, finding: &str, today: NaiveDate) -> Option<&Decision> {
        self.list.iter().find(|d| d.finding == finding && d.last_day.is_some_and(|last| today > last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("decisions.toml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn decisions_hold_until_their_last_day() {
        let (_dir, path) = write(
            "[[decision]]\nfinding = \"3fa2c9d18e4b\"\nkind = \"snooze\"\nreason = \"migration\"\nby = \"alice\"\nuntil = \"2026-12-31\"\n\
             [[decision]]\nfinding = \"000000000001\"\nkind = \"false-positive\"\nreason = \"order numbers\"\nby = \"bob\"\n",
        );
        let d = Decisions::load(&path).unwrap();
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(d.live("3fa2c9d18e4b", day("2026-12-31")).is_some());
        assert!(d.live("3fa2c9d18e4b", day("2027-01-01")).is_none());
        assert!(d.expired("3fa2c9d18e4b", day("2027-01-01")).is_some());
        assert!(d.live("000000000001", day("2099-01-01")).is_some(), "no end: until revoked");
        assert!(d.live("ffffffffffff", day("2026-01-01")).is_none());
    }

    #[test]
    fn bad_decisions_are_refused_with_the_reason() {
        for (text, why) in [
            ("[[decision]]\nfinding = \"nope\"\nkind = \"accept\"\nreason = \"r\"\nby = \"a\"\n", "no finding id"),
            (
                "[[decision]]\nfinding = \"3fa2c9d18e4b\"\nkind = \"accept\"\nreason = \" \"\nby = \"a\"\n",
                "needs a reason",
            ),
            (
                "[[decision]]\nfinding = \"3fa2c9d18e4b\"\nkind = \"snooze\"\nreason = \"r\"\nby = \"a\"\n",
                "needs `until`",
            ),
            (
                "[[decision]]\nfinding = \"3fa2c9d18e4b\"\nkind = \"ignore\"\nreason = \"r\"\nby = \"a\"\n",
                "unknown variant",
            ),
            (
                "[[decision]]\nfinding = \"3fa2c9d18e4b\"\nkind = \"accept\"\nreason = \"r\"\nby = \"a\"\nuntil = \"soon\"\n",
                "no date",
            ),
        ] {
            let (_dir, path) = write(text);
            let err = Decisions::load(&path).unwrap_err().to_string();
            assert!(err.contains(why), "{err}");
        }
    }
}
