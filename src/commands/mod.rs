//! One file per command: each resolves its settings, runs, and prints
//! through the printer. `anyhow` stops here; below it errors are typed.

mod anonymize;
mod audit;
mod cluster;
mod diff;
mod query;
mod recognizers;
mod report;
mod sarif;
mod scan;
mod triage;

pub(crate) use anonymize::{anonymize, deanonymize};
pub(crate) use audit::audit;
pub(crate) use cluster::cluster;
pub(crate) use diff::diff;
pub(crate) use query::query;
pub(crate) use recognizers::recognizers;
pub(crate) use report::report;
pub(crate) use scan::scan;
pub(crate) use triage::triage;
