//! What can go wrong while building a classifier: a bad recognizer or
//! setting (the user's to fix), or a bug.

/// Result with the classifier's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a classifier could not be built.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad recognizer, pattern or classification setting.
    #[error("configuration: {0}")]
    Config(String),
    /// A bug in lakeaudit.
    #[error("internal error (a bug, please report it): {0}")]
    Internal(String),
}
