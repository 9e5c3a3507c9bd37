//! Every status lakeaudit reports, defined once: what became of an object
//! (`objects.status`), how a scan or a run ended (`scans.status`, the audit
//! log's end records) and the process's exit status (README "Exit codes").
//! The words are part of the report's contract: queries filter on them.

use serde::Serialize;
use std::process::ExitCode;

/// What became of an object in a scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ObjectStatus {
    /// Read and classified.
    Scanned,
    /// Unchanged since the last scan: its rows carried over.
    Unchanged,
    /// Not data, or left out on purpose (a loop, lakeaudit's own files).
    Skipped,
    /// Could not be read; the error says why.
    Failed,
}

impl ObjectStatus {
    /// Every status, in the order the report lists them.
    pub const ALL: [ObjectStatus; 4] = [Self::Scanned, Self::Unchanged, Self::Skipped, Self::Failed];

    /// The word the report stores.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Scanned => "scanned",
            Self::Unchanged => "unchanged",
            Self::Skipped => "skipped",
            Self::Failed => "failed",
        }
    }

    /// The status a stored word names.
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == word)
    }
}

/// How a scan or a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// Done, every object read.
    Complete,
    /// Done, but some objects could not be read.
    Partial,
    /// Stopped by an error.
    Failed,
    /// Stopped by the user.
    Interrupted,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 4] = [Self::Complete, Self::Partial, Self::Failed, Self::Interrupted];

    /// The outcome a stored word names.
    pub fn parse(word: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == word)
    }

    /// The word the report and the audit log store.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Complete => "complete",
            Self::Partial => "partial",
            Self::Failed => "failed",
            Self::Interrupted => "interrupted",
        }
    }

    /// How a command that returned `exit` ended.
    pub fn of(exit: ExitStatus) -> Outcome {
        match exit {
            ExitStatus::Partial => Self::Partial,
            _ => Self::Complete,
        }
    }
}

/// The process's exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Done; no gate failed.
    Success,
    /// Done, and a `--fail-on` gate tripped, `anonymize --verify` found
    /// personal data left, or `audit verify` found the log tampered with.
    Gate,
    /// A usage or configuration error: nothing was done.
    Usage,
    /// Done, but some objects could not be read.
    Partial,
    /// The run could not complete.
    Fatal,
}

impl ExitStatus {
    /// The number the process exits with.
    pub fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Gate => 1,
            Self::Usage => 2,
            Self::Partial => 3,
            Self::Fatal => 4,
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(status.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_words_are_the_serialized_ones() {
        for s in ObjectStatus::ALL {
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
            assert_eq!(ObjectStatus::parse(s.as_str()), Some(s));
        }
        for o in Outcome::ALL {
            assert_eq!(serde_json::to_value(o).unwrap(), o.as_str());
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(ObjectStatus::parse("completed"), None);
        assert_eq!(Outcome::of(ExitStatus::Partial), Outcome::Partial);
        assert_eq!(Outcome::of(ExitStatus::Gate), Outcome::Complete);
    }
}
