//! The one bridge from async I/O to CPU work: closures run on the rayon pool
//! and their results come back through a oneshot channel, so no tokio worker
//! ever blocks on decoding or classification. A panic in the closure (a
//! decoder bug a hostile object found) comes back as an error.

use crate::error::{Error, Result};

/// Runs `f` on the rayon pool and awaits its result.
pub(crate) async fn run<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
    let (tx, rx) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        let _ = tx.send(crate::isolate::call(f));
    });
    match rx.await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(panic)) => Err(Error::Unreadable(format!("the decoder failed on this object: {panic}"))),
        Err(_) => Err(Error::Internal("worker dropped its result".into())),
    }
}
