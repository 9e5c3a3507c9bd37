//! A read-only view of the report's store without the table files that do
//! not read. One corrupt file (a disk error, a hand edit, a crash of another
//! tool) must not lock every command out of the report: the session's tables
//! are registered over this view, so queries, history and alerts read the
//! rest, and the command warns which file of which table it left out.

use async_trait::async_trait;
use bytes::Bytes;
use futures::StreamExt;
use futures::stream::BoxStream;
use object_store::path::Path;
use object_store::{
    CopyOptions, GetOptions, GetResult, ListResult, MultipartUpload, ObjectMeta, ObjectStore, PutMultipartOptions,
    PutOptions, PutPayload, PutResult, Result,
};
use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

/// `inner` without `hidden`; writes are refused.
#[derive(Debug)]
pub(super) struct Without {
    pub(super) inner: Arc<dyn ObjectStore>,
    pub(super) hidden: Arc<HashSet<Path>>,
}

impl std::fmt::Display for Without {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Without({} files, {})", self.hidden.len(), self.inner)
    }
}

fn read_only() -> object_store::Error {
    object_store::Error::NotSupported { source: "the report is read here, never written".into() }
}

impl Without {
    fn check(&self, location: &Path) -> Result<()> {
        match self.hidden.contains(location) {
            true => Err(object_store::Error::NotFound {
                path: location.to_string(),
                source: "left out: the file does not read".into(),
            }),
            false => Ok(()),
        }
    }
}

#[async_trait]
impl ObjectStore for Without {
    async fn put_opts(&self, _: &Path, _: PutPayload, _: PutOptions) -> Result<PutResult> {
        Err(read_only())
    }

    async fn put_multipart_opts(&self, _: &Path, _: PutMultipartOptions) -> Result<Box<dyn MultipartUpload>> {
        Err(read_only())
    }

    async fn get_opts(&self, location: &Path, options: GetOptions) -> Result<GetResult> {
        self.check(location)?;
        self.inner.get_opts(location, options).await
    }

    async fn get_ranges(&self, location: &Path, ranges: &[Range<u64>]) -> Result<Vec<Bytes>> {
        self.check(location)?;
        self.inner.get_ranges(location, ranges).await
    }

    fn delete_stream(&self, _: BoxStream<'static, Result<Path>>) -> BoxStream<'static, Result<Path>> {
        futures::stream::once(async { Err(read_only()) }).boxed()
    }

    fn list(&self, prefix: Option<&Path>) -> BoxStream<'static, Result<ObjectMeta>> {
        let hidden = self.hidden.clone();
        self.inner
            .list(prefix)
            .filter(move |m| std::future::ready(m.as_ref().map_or(true, |m| !hidden.contains(&m.location))))
            .boxed()
    }

    async fn list_with_delimiter(&self, prefix: Option<&Path>) -> Result<ListResult> {
        let mut listed = self.inner.list_with_delimiter(prefix).await?;
        listed.objects.retain(|m| !self.hidden.contains(&m.location));
        Ok(listed)
    }

    async fn copy_opts(&self, _: &Path, _: &Path, _: CopyOptions) -> Result<()> {
        Err(read_only())
    }
}
