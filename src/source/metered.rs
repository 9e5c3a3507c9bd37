//! Counting the bytes read: a store that wraps another and adds up what
//! comes back from it. Every read of an object (format sniffing, footers,
//! pages, CSV streams, verbatim copies, verification) goes through the
//! store it was given, so one wrapper per object measures its `bytes_read`
//! without a counter threaded through every reader.

use async_trait::async_trait;
use bytes::Bytes;
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use object_store::path::Path;
use object_store::{
    CopyOptions, GetOptions, GetResult, GetResultPayload, ListResult, MultipartUpload, ObjectMeta, ObjectStore,
    ObjectStoreExt, PutMultipartOptions, PutOptions, PutPayload, PutResult, Result,
};
use std::ops::Range;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// The bytes read through a [`Metered`] store so far, and the requests
/// that read them.
#[derive(Debug, Clone, Default)]
pub struct BytesRead(Arc<(AtomicU64, AtomicU64)>);

impl BytesRead {
    /// The bytes now.
    pub fn get(&self) -> u64 {
        self.0.0.load(Ordering::Relaxed)
    }

    /// The read requests now.
    pub fn requests(&self) -> u64 {
        self.0.1.load(Ordering::Relaxed)
    }

    fn add(&self, n: usize) {
        self.0.0.fetch_add(n as u64, Ordering::Relaxed);
    }

    fn request(&self) {
        self.0.1.fetch_add(1, Ordering::Relaxed);
    }
}

/// What a read request costs, counted in bytes: between what an S3 GET
/// costs and a few KB of transfer. Ranges closer than this are read by one
/// request, the gap with them (the stores' own merging reads gaps of up to
/// 1 MiB, and those bytes would go uncounted); sampling plans weigh
/// requests against bytes with it.
pub(crate) const REQUEST_BYTES: u64 = 16 * 1024;
/// Merged ranges of one call read at once.
const RANGES_IN_FLIGHT: usize = 8;

/// `ranges` merged where they are at most [`REQUEST_BYTES`] apart, ascending.
fn merged(ranges: &[Range<u64>]) -> Vec<Range<u64>> {
    let mut sorted: Vec<Range<u64>> = ranges.iter().filter(|r| r.start < r.end).cloned().collect();
    sorted.sort_by_key(|r| r.start);
    let mut out: Vec<Range<u64>> = Vec::new();
    for r in sorted {
        match out.last_mut() {
            Some(last) if r.start <= last.end.saturating_add(REQUEST_BYTES) => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// `inner`, counting the bytes its reads deliver: those of ranges at once,
/// those of streams as they are consumed (a reader that stops early has
/// read only what it took).
#[derive(Debug)]
pub struct Metered {
    inner: Arc<dyn ObjectStore>,
    read: BytesRead,
}

impl Metered {
    /// `inner` metered, and its count.
    pub fn wrap(inner: Arc<dyn ObjectStore>) -> (Arc<dyn ObjectStore>, BytesRead) {
        let read = BytesRead::default();
        (Arc::new(Self { inner, read: read.clone() }), read)
    }
}

impl std::fmt::Display for Metered {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Metered({})", self.inner)
    }
}

#[async_trait]
impl ObjectStore for Metered {
    async fn put_opts(&self, location: &Path, payload: PutPayload, opts: PutOptions) -> Result<PutResult> {
        self.inner.put_opts(location, payload, opts).await
    }

    async fn put_multipart_opts(&self, location: &Path, opts: PutMultipartOptions) -> Result<Box<dyn MultipartUpload>> {
        self.inner.put_multipart_opts(location, opts).await
    }

    async fn get_opts(&self, location: &Path, options: GetOptions) -> Result<GetResult> {
        if !options.head {
            self.read.request();
        }
        let result = self.inner.get_opts(location, options).await?;
        let (meta, range, attributes) = (result.meta.clone(), result.range.clone(), result.attributes.clone());
        let read = self.read.clone();
        let counted = result.into_stream().inspect(move |chunk| {
            if let Ok(bytes) = chunk {
                read.add(bytes.len());
            }
        });
        Ok(GetResult { payload: GetResultPayload::Stream(counted.boxed()), meta, range, attributes })
    }

    async fn get_ranges(&self, location: &Path, ranges: &[Range<u64>]) -> Result<Vec<Bytes>> {
        let reads = merged(ranges);
        let fetched: Vec<Bytes> = futures::stream::iter(reads.iter().cloned())
            .map(|r| async move {
                self.read.request();
                let bytes = self.inner.get_range(location, r).await?;
                self.read.add(bytes.len());
                Ok::<_, object_store::Error>(bytes)
            })
            .buffered(RANGES_IN_FLIGHT)
            .try_collect()
            .await?;
        Ok(ranges
            .iter()
            .map(|r| {
                let i = reads.partition_point(|m| m.end < r.end.max(r.start + 1));
                match (reads.get(i), fetched.get(i)) {
                    (Some(m), Some(b)) if r.start >= m.start && r.end <= m.end => {
                        b.slice((r.start - m.start) as usize..(r.end - m.start) as usize)
                    }
                    _ => Bytes::new(),
                }
            })
            .collect())
    }

    fn delete_stream(&self, locations: BoxStream<'static, Result<Path>>) -> BoxStream<'static, Result<Path>> {
        self.inner.delete_stream(locations)
    }

    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, Result<ObjectMeta>> {
        self.inner.list(prefix)
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> Result<ListResult> {
        self.inner.list_with_delimiter(prefix).await
    }

    async fn copy_opts(&self, from: &Path, to: &Path, options: CopyOptions) -> Result<()> {
        self.inner.copy_opts(from, to, options).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use object_store::ObjectStoreExt;
    use object_store::memory::InMemory;

    #[tokio::test]
    async fn reads_are_counted_as_delivered() {
        let inner: Arc<dyn ObjectStore> = Arc::new(InMemory::new());
        let path = Path::from("a/b.csv");
        inner.put(&path, vec![7u8; 100_000].into()).await.unwrap();
        let (store, read) = Metered::wrap(inner);
        assert_eq!(store.get_range(&path, 10..20).await.unwrap().len(), 10);
        assert_eq!((read.get(), read.requests()), (10, 1));
        // Close ranges are read by one request, the gap counted with them.
        let parts = store.get_ranges(&path, &[50..60, 0..5, 52..53]).await.unwrap();
        assert_eq!(parts.iter().map(Bytes::len).collect::<Vec<_>>(), [10, 5, 1]);
        assert_eq!((read.get(), read.requests()), (70, 2));
        let far = REQUEST_BYTES + 100;
        let parts = store.get_ranges(&path, &[0..5, far..far + 5, 7..7]).await.unwrap();
        assert_eq!(parts.iter().map(Bytes::len).collect::<Vec<_>>(), [5, 5, 0]);
        assert_eq!((read.get(), read.requests()), (80, 4));
        // A stream read in part counts the part.
        let mut stream = store.get(&path).await.unwrap().into_stream();
        let first = stream.next().await.unwrap().unwrap().len();
        drop(stream);
        assert_eq!(read.get(), 80 + first as u64);
        store.get(&path).await.unwrap().bytes().await.unwrap();
        assert_eq!(read.get(), 80 + first as u64 + 100_000);
        // Listing, writing and metadata read nothing.
        store.put(&Path::from("a/c.csv"), vec![1u8; 10].into()).await.unwrap();
        store.head(&path).await.unwrap();
        assert_eq!(store.list(None).count().await, 2);
        assert_eq!((read.get(), read.requests()), (80 + first as u64 + 100_000, 6));
    }
}
