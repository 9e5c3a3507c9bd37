//! Listing: every object under a location, recursively, filtered by
//! `--include` / `--exclude` globs matched against the path relative to the
//! location. A location that names a single object lists just that object.
//! lakeaudit's own folder (anonymize's manifests in a copy) is never listed.

use super::{Location, below};
use crate::error::{Error, Result};
use futures::stream::{self, BoxStream, StreamExt};
use globset::{Glob, GlobSet, GlobSetBuilder};
use object_store::{ObjectMeta, ObjectStoreExt};

/// Include and exclude globs.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filters {
    /// Compiles the globs; a bad glob is a usage error.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Self> {
        let build = |globs: &[String]| -> Result<Option<GlobSet>> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(Glob::new(g).map_err(|e| Error::Usage(format!("invalid glob '{g}': {e}")))?);
            }
            Ok(Some(b.build().map_err(|e| Error::Usage(e.to_string()))?))
        };
        Ok(Self { include: build(include)?, exclude: build(exclude)? })
    }

    /// Whether a relative path passes.
    pub fn admits(&self, relative: &str) -> bool {
        self.include.as_ref().is_none_or(|g| g.is_match(relative))
            && self.exclude.as_ref().is_none_or(|g| !g.is_match(relative))
    }
}

/// Streams the objects under `location` that pass `filters`, in no
/// particular order. A listing failure is an error item, which is fatal.
pub async fn list(location: &Location, filters: Filters) -> Result<BoxStream<'static, Result<ObjectMeta>>> {
    let store = location.store.clone();
    let url = location.url();
    if let Ok(meta) = store.head(&location.prefix).await {
        return Ok(stream::iter([Ok(meta)]).boxed());
    }
    let prefix = location.prefix.clone();
    Ok(store
        .list(Some(&prefix))
        .filter_map(move |r| {
            let out = match r {
                Ok(meta) => {
                    let relative = below(&prefix, &meta.location);
                    let own = relative.split('/').next() == Some(super::OWN_FOLDER);
                    (!own && filters.admits(&relative)).then_some(Ok(meta))
                }
                Err(error) => Some(Err(Error::Store { op: "list", url: url.clone(), error })),
            };
            std::future::ready(out)
        })
        .boxed())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_table() {
        let f = Filters::new(&["**/*.parquet".into()], &["tmp/**".into()]).unwrap();
        assert!(f.admits("sales/dt=1/a.parquet"));
        assert!(!f.admits("sales/a.csv"));
        assert!(!f.admits("tmp/a.parquet"));
        assert!(Filters::default().admits("anything"));
        assert!(Filters::new(&["a[".into()], &[]).unwrap_err().to_string().contains("invalid glob"));
    }
}
