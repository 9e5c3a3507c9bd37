//! Writing one object of the copy so that it appears whole or not at all:
//! a multipart upload on object stores, a staging file renamed into place
//! on local disk.

use crate::error::{Error, Result};
use crate::source::{Location, OWN_FOLDER};
use object_store::ObjectStoreExt;
use object_store::buffered::BufWriter;
use object_store::path::{Path, PathPart};
use std::sync::Arc;

/// An object being written: a buffered upload that becomes the object only
/// when [`Upload::finish`] completes it. On object stores that is the
/// multipart upload completing. On local disk the bytes go to a staging file
/// under `DEST/_lakeaudit/staging/` (where no reader of the copy looks, and
/// which the next run empties), renamed into place when complete.
pub(crate) struct Upload {
    inner: BufWriter,
    url: String,
    written: u64,
    /// The store, the staging path and the final path, on local disk.
    staged: Option<(Arc<dyn object_store::ObjectStore>, Path, Path)>,
}

/// Where local copies are staged, below DEST.
const STAGING: &str = "staging";

impl Upload {
    pub(super) fn new(dest: &Location, path: Path) -> Self {
        let url = dest.url_of(&path);
        let staged = dest.is_local().then(|| {
            // The copy's path below DEST/_lakeaudit/staging/PID, its file
            // name suffixed (a name ending in `#<digits>` could not be staged).
            let below: Vec<_> = path.parts().skip(dest.prefix.parts().count()).collect();
            let (name, folders) = below.split_last().expect("a path below DEST");
            let pid = std::process::id().to_string();
            let staging: Path = dest
                .prefix
                .parts()
                .chain([OWN_FOLDER, STAGING, pid.as_str()].map(PathPart::from))
                .chain(folders.iter().cloned())
                .chain([PathPart::from(format!("{}.staged", name.as_ref()))])
                .collect();
            (dest.store.clone(), staging, path.clone())
        });
        let target = staged.as_ref().map_or(path, |(_, staging, _)| staging.clone());
        Self { url, inner: BufWriter::new(dest.store.clone(), target), written: 0, staged }
    }

    /// Appends bytes.
    pub(crate) async fn write(&mut self, bytes: impl Into<bytes::Bytes>) -> Result<()> {
        let bytes = bytes.into();
        self.written += bytes.len() as u64;
        let url = self.url.clone();
        self.inner.put(bytes).await.map_err(|error| Error::Store { op: "write", url, error })
    }

    pub(super) async fn finish(mut self) -> Result<u64> {
        use tokio::io::AsyncWriteExt;
        let url = self.url.clone();
        self.inner.shutdown().await.map_err(|e| {
            // The store's error inside says what went wrong in one line, without
            // the response body or a signed URL that its full text may hold.
            let why = match e.get_ref().and_then(|inner| inner.downcast_ref::<object_store::Error>()) {
                Some(store) => crate::error::describe_store_error(store),
                None => e.to_string(),
            };
            Error::Unreadable(format!("unable to write {url}: {why}"))
        })?;
        if let Some((store, staging, path)) = &self.staged {
            store.rename(staging, path).await.map_err(|error| Error::Store { op: "write", url, error })?;
        }
        Ok(self.written)
    }

    pub(super) async fn abort(mut self) {
        let _ = self.inner.abort().await;
        if let Some((store, staging, _)) = &self.staged {
            let _ = store.delete(staging).await;
        }
    }
}

/// Empties DEST's staging folder: what a killed run left there.
pub(super) fn clear_staging(dest: &Location) {
    if dest.is_local() {
        let _ = std::fs::remove_dir_all(format!("/{}/{OWN_FOLDER}/{STAGING}", dest.prefix));
    }
}
