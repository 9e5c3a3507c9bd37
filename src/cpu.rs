//! The one bridge from async I/O to CPU work: closures run on the rayon pool
//! and their results come back through a oneshot channel, so no tokio worker
//! ever blocks on decoding or classification.

use crate::error::{Error, Result};

/// Runs `f` on the rayon pool and awaits its result.
pub(crate) async fn run<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let _ = tx.send(std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)));
    });
    match rx.await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(panic)) => Err(Error::Internal(format!("worker panicked: {}", panic_message(&panic)))),
        Err(_) => Err(Error::Internal("worker dropped its result".into())),
    }
}

fn panic_message(p: &Box<dyn std::any::Any + Send>) -> &str {
    p.downcast_ref::<&str>().copied().or_else(|| p.downcast_ref::<String>().map(String::as_str)).unwrap_or("unknown")
}
