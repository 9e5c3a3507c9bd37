//! One file per command: each resolves its settings, runs, and prints
//! through the printer. `anyhow` stops here; below it errors are typed.

mod anonymize;
mod audit;
mod diff;
mod query;
mod recognizers;
mod report;
mod scan;

pub(crate) use anonymize::{anonymize, deanonymize};
pub(crate) use audit::audit;
pub(crate) use diff::diff;
pub(crate) use query::query;
pub(crate) use recognizers::recognizers;
pub(crate) use report::report;
pub(crate) use scan::scan;

use crate::error::{Error, Result};

/// Sizes the rayon pool (CPU work) and builds the tokio runtime (I/O), so
/// the two never compete for more threads than there are cores.
fn runtime(threads: usize) -> Result<tokio::runtime::Runtime> {
    // The global pool may already exist (tests run many commands in-process).
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("lakeaudit-cpu-{i}"))
        .build_global();
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(threads.clamp(1, 2))
        .thread_name("lakeaudit-io")
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("unable to start the runtime: {e}")))
}
