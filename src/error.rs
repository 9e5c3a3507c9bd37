//! Errors, with the context a user needs to act and the exit code that says
//! whose fault it was (see the exit codes in the README).

use crate::status::ExitStatus;

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
    #[error("unable to {op} {url}: {}", describe_store_error(.error))]
    Store {
        /// What was attempted (`list`, `read`, `write`).
        op: &'static str,
        /// The redacted URL.
        url: String,
        /// The store's error. Not a `source`: error chains are printed, and
        /// its text holds request URLs and response bodies.
        error: object_store::Error,
    },
    /// An object could not be read or decoded; the scan reports it and goes on.
    #[error("{0}")]
    Unreadable(String),
    /// Parquet decoding or encoding failed (reading from a store included;
    /// not a `source`, for the reason given at [`Error::Store`]).
    #[error("parquet: {}", describe_parquet_error(.0))]
    Parquet(parquet::errors::ParquetError),
    /// Arrow failed.
    #[error("arrow: {0}")]
    Arrow(#[from] arrow::error::ArrowError),
    /// A cluster could not be reached, or its job could not finish.
    #[error("cluster {url}: {message}")]
    Cluster {
        /// The scheduler's `df://` URL.
        url: String,
        /// What went wrong, in one line.
        message: String,
    },
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

impl From<lakeaudit_classify::Error> for Error {
    fn from(e: lakeaudit_classify::Error) -> Self {
        match e {
            lakeaudit_classify::Error::Config(m) => Error::Config(m),
            lakeaudit_classify::Error::Internal(m) => Error::Internal(m),
        }
    }
}

impl Error {
    /// The process exit status for this error: nothing was done by the
    /// user's mistake, or the run could not complete.
    pub fn exit_status(&self) -> ExitStatus {
        match self {
            Error::Usage(_) | Error::Config(_) | Error::SourceNotFound(_) => ExitStatus::Usage,
            _ => ExitStatus::Fatal,
        }
    }
}

/// The exit status of a command's error: a typed one's own, that of the
/// classifier's errors as if they were ours, else fatal.
pub fn exit_status(e: &anyhow::Error) -> ExitStatus {
    match (e.downcast_ref::<Error>(), e.downcast_ref::<lakeaudit_classify::Error>()) {
        (Some(e), _) => e.exit_status(),
        (None, Some(lakeaudit_classify::Error::Config(_))) => ExitStatus::Usage,
        (None, _) => ExitStatus::Fatal,
    }
}

/// What a store's error means, in one line a user can act on: for HTTP
/// errors, the status and the store's error code (bad credentials, no such
/// bucket or container, permission denied). Never the response body, and no
/// query string of any URL in it: a signed URL's query is a credential.
pub fn describe_store_error(e: &object_store::Error) -> String {
    let text = e.to_string();
    let code = text.split_once("<Code>").and_then(|(_, rest)| rest.split_once("</Code>")).map(|(c, _)| c);
    let status = text.split_once("status code: ").and_then(|(_, rest)| rest.split_whitespace().next());
    match code {
        Some(
            c @ ("SignatureDoesNotMatch"
            | "InvalidAccessKeyId"
            | "AuthenticationFailed"
            | "InvalidAuthenticationInfo"
            | "ExpiredToken"
            | "InvalidToken"),
        ) => format!("the store rejected the credentials ({c}); check the credentials in the environment"),
        Some(c @ ("AccessDenied" | "AuthorizationFailure" | "AuthorizationPermissionMismatch" | "Forbidden")) => {
            format!("permission denied ({c})")
        }
        Some(c @ "NoSuchBucket") => format!("the bucket does not exist ({c})"),
        Some(c @ ("ContainerNotFound" | "FilesystemNotFound")) => format!("the container does not exist ({c})"),
        Some(c) => format!("the store answered {} {c}", status.unwrap_or("an error")),
        None => match e {
            object_store::Error::NotFound { .. } => "not found".into(),
            object_store::Error::PermissionDenied { .. } => "permission denied".into(),
            object_store::Error::Unauthenticated { .. } => {
                "authentication failed; check the credentials in the environment".into()
            }
            _ => scrub(text.lines().next().unwrap_or_default()),
        },
    }
}

impl From<parquet::errors::ParquetError> for Error {
    fn from(e: parquet::errors::ParquetError) -> Self {
        Error::Parquet(e)
    }
}

/// A Parquet error, with a store error inside it (the store's own error, or
/// an I/O error around it) described as [`describe_store_error`] does.
pub fn describe_parquet_error(e: &parquet::errors::ParquetError) -> String {
    let parquet::errors::ParquetError::External(inner) = e else { return e.to_string() };
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(inner.as_ref());
    while let Some(c) = cause {
        if let Some(store) = c.downcast_ref::<object_store::Error>() {
            return describe_store_error(store);
        }
        cause = match c.downcast_ref::<std::io::Error>() {
            Some(io) => io.get_ref().map(|e| e as &(dyn std::error::Error + 'static)),
            None => c.source(),
        };
    }
    scrub(&inner.to_string())
}

/// `text` with the credentials of every URL in it removed: the user-info
/// part (`http://user:PASS@host`) and the query string (a signature).
/// Everything lakeaudit prints or records about an error goes through here.
pub fn scrub(text: &str) -> String {
    static USERINFO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/@'"]*@"#).expect("valid regex")
    });
    static QUERY: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r#"(https?://[^\s?]*)\?[^\s)'"]*"#).expect("valid regex"));
    let text = USERINFO.replace_all(text, "$1");
    QUERY.replace_all(&text, "$1").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn generic(message: &str) -> object_store::Error {
        object_store::Error::Generic { store: "S3", source: message.into() }
    }

    #[test]
    fn store_errors_are_one_actionable_line_without_secrets() {
        let body = |status: &str, code: &str| {
            format!(
                "Error performing GET http://127.0.0.1:9000/lake?list-type=2&sig=SECRET - Server returned non-2xx \
                 status code: {status} Forbidden: <?xml version=\"1.0\"?><Error><Code>{code}</Code><Message>body</Message></Error>"
            )
        };
        for (e, want) in [
            (
                generic(&body("403", "SignatureDoesNotMatch")),
                "the store rejected the credentials (SignatureDoesNotMatch)",
            ),
            (generic(&body("403", "AccessDenied")), "permission denied (AccessDenied)"),
            (generic(&body("404", "NoSuchBucket")), "the bucket does not exist (NoSuchBucket)"),
            (generic(&body("404", "ContainerNotFound")), "the container does not exist (ContainerNotFound)"),
            (generic(&body("503", "SlowDown")), "the store answered 503 SlowDown"),
            (
                generic("Error performing GET https://acct.blob.core.windows.net/c?sv=1&sig=SECRET in 3s\nmore"),
                "Error performing GET https://acct.blob.core.windows.net/c in 3s",
            ),
        ] {
            let said = describe_store_error(&e);
            assert!(said.contains(want), "{said}");
            assert!(!said.contains("SECRET") && !said.contains("body"), "{said}");
        }
        let wrapped = parquet::errors::ParquetError::External(Box::new(generic(&body("403", "AccessDenied"))));
        assert_eq!(Error::Parquet(wrapped).to_string(), "parquet: permission denied (AccessDenied)");
        assert_eq!(
            scrub("error sending request for url (http://admin:hunter2@127.0.0.1:9/b/k?x=1): refused"),
            "error sending request for url (http://127.0.0.1:9/b/k): refused"
        );
        let io = std::io::Error::other(generic(&body("404", "ContainerNotFound")));
        let wrapped = parquet::errors::ParquetError::External(Box::new(io));
        assert_eq!(describe_parquet_error(&wrapped), "the container does not exist (ContainerNotFound)");
    }
}
