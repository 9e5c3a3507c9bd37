//! Where lakeaudit's concurrency is wired, once for every command: the
//! tokio runtime for I/O beside a rayon pool for CPU work, sized together;
//! the bridges from async I/O to CPU work (closures on the rayon pool, a
//! byte stream read on a blocking thread); and objects handled a bounded
//! number at a time, so memory follows the objects in flight, not their
//! size. No tokio worker ever blocks on decoding or classification.

use crate::error::{Error, Result};
use bytes::Bytes;
use futures::{Stream, StreamExt};
use object_store::{ObjectMeta, ObjectStore, ObjectStoreExt};
use std::io::Read;
use std::sync::Arc;

/// Sizes the rayon pool (CPU work) and builds the tokio runtime (I/O), so
/// the two never compete for more threads than there are cores.
pub(crate) fn runtime(threads: usize) -> Result<tokio::runtime::Runtime> {
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

/// Runs `f` on the rayon pool and awaits its result. A panic in `f` (a
/// decoder bug a hostile object found) comes back as an error.
pub(crate) async fn cpu<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Result<T> {
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

/// `f` over `items`, at most `in_flight` (at least one) at a time; the
/// results as they finish.
pub(crate) fn bounded<S, F, Fut>(items: S, in_flight: usize, f: F) -> impl Stream<Item = Fut::Output>
where
    S: Stream,
    F: FnMut(S::Item) -> Fut,
    Fut: Future,
{
    items.map(f).buffer_unordered(in_flight.max(1))
}

/// Streams an object's bytes to `f`, which reads them on a blocking thread
/// through a bounded channel (memory stays bounded whatever the size).
pub(crate) async fn streamed<T: Send + 'static>(
    store: Arc<dyn ObjectStore>,
    meta: &ObjectMeta,
    f: impl FnOnce(ChannelReader) -> Result<T> + Send + 'static,
) -> Result<T> {
    if meta.size == 0 {
        return Err(Error::Unreadable("empty object: no header and no rows".into()));
    }
    let (tx, rx) = tokio::sync::mpsc::channel::<std::io::Result<Bytes>>(4);
    let worker = tokio::task::spawn_blocking(move || f(ChannelReader { rx, cur: Bytes::new() }));
    let fetched = async {
        let mut stream = store.get(&meta.location).await?.into_stream();
        while let Some(chunk) = stream.next().await {
            if tx.send(Ok(chunk?)).await.is_err() {
                break; // the reader stopped early; its error says why
            }
        }
        Ok::<_, object_store::Error>(())
    }
    .await;
    if let Err(e) = fetched {
        let _ = tx.send(Err(std::io::Error::other(crate::error::describe_store_error(&e)))).await;
    }
    drop(tx);
    worker.await.map_err(|e| Error::Internal(format!("reader thread failed: {e}")))?
}

/// A blocking `Read` over the chunks the async side sends.
pub(crate) struct ChannelReader {
    rx: tokio::sync::mpsc::Receiver<std::io::Result<Bytes>>,
    cur: Bytes,
}

impl Read for ChannelReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.cur.is_empty() {
            match self.rx.blocking_recv() {
                Some(chunk) => self.cur = chunk?,
                None => return Ok(0),
            }
        }
        let n = buf.len().min(self.cur.len());
        buf[..n].copy_from_slice(&self.cur.split_to(n));
        Ok(n)
    }
}
