//! Errors, with the context a user needs to act and the exit code that says
//! whose fault it was (see the exit codes in the README).

use std::process::ExitCode;

/// Result with lakeaudit's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong, by whose fault and where.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad flag or argument combination.
    #[error("{0}")]
    Usage(String),
    /// A bad configuration file or value.
    #[error("configuration: {0}")]
    Config(String),
    /// The source does not exist.
    #[error("source not found: {0}")]
    SourceNotFound(String),
    /// A storage operation on a URL failed.
    #[error("unable to {op} {url}: {source}")]
    Store {
        /// What was attempted (`list`, `read`, `write`).
        op: &'static str,
        /// The redacted URL.
        url: String,
        /// The store's error.
        source: object_store::Error,
    },
    /// An object could not be read or decoded; the scan reports it and goes on.
    #[error("{0}")]
    Unreadable(String),
    /// Parquet decoding or encoding failed.
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    /// Arrow failed.
    #[error("arrow: {0}")]
    Arrow(#[from] arrow::error::ArrowError),
    /// DataFusion failed (a query, usually).
    #[error("{0}")]
    DataFusion(#[from] datafusion::error::DataFusionError),
    /// The report could not be written.
    #[error("unable to write report {url}: {message}")]
    ReportWrite {
        /// The redacted report URL.
        url: String,
        /// What went wrong.
        message: String,
    },
    /// The run was interrupted.
    #[error("interrupted")]
    Interrupted,
    /// A bug in lakeaudit.
    #[error("internal error (a bug, please report it): {0}")]
    Internal(String),
}

impl Error {
    /// The process exit code for this error (2: nothing was done by the
    /// user's mistake; 4: the run could not complete).
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Usage(_) | Error::Config(_) | Error::SourceNotFound(_) => ExitCode::from(2),
            _ => ExitCode::from(4),
        }
    }
}
