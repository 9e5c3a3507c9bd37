//! Listing: every object under a location, recursively, filtered by
//! `--include` / `--exclude` globs matched against the path relative to the
//! location. A location that names a single object lists just that object.
//! lakeaudit's own folder (anonymize's manifests in a copy) is never listed.

use super::{Location, below};
use crate::error::{Error, Result};
use futures::stream::{self, BoxStream, StreamExt};
use globset::{Glob, GlobSet, GlobSetBuilder};
use object_store::path::Path;
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

/// One entry of a listing.
#[derive(Debug)]
pub enum Listed {
    /// An object to read.
    Object(ObjectMeta),
    /// An entry that cannot be read as an object (an unreadable folder, a
    /// name that is not UTF-8, a link that leads nowhere): its display name
    /// below the location and why. The scan reports it as failed.
    Unreadable(String, String),
    /// An entry passed over on purpose (a link to a folder already listed,
    /// a device or pipe): its display name and why.
    Skipped(String, String),
}

/// Streams the entries under `location` that pass `filters`, in no
/// particular order, leaving out `exclude` (a prefix below the location:
/// the report, when it lies inside). Local folders are walked here, not by
/// the object store: every file is listed (object_store's local store hides
/// names ending in `#<digits>`, which it uses for its own staging), and a
/// bad entry is one [`Listed::Unreadable`] item, not the end of the listing.
/// A cloud listing failure is an error item, which is fatal.
pub async fn list(
    location: &Location,
    filters: Filters,
    exclude: Option<String>,
) -> Result<BoxStream<'static, Result<Listed>>> {
    let store = location.store.clone();
    if let Ok(meta) = store.head(&location.prefix).await {
        return Ok(stream::iter([Ok(Listed::Object(meta))]).boxed());
    }
    let prefix = location.prefix.clone();
    let admission = Admission { filters, exclude };
    if location.is_local() {
        let (tx, rx) = tokio::sync::mpsc::channel(1024);
        let root = std::path::PathBuf::from(format!("/{prefix}"));
        tokio::task::spawn_blocking(move || walk(&root, &admission, &tx));
        return Ok(stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (Ok(item), rx)) }).boxed());
    }
    Ok(listed(location, prefix.clone(), admission))
}

/// The objects of a cloud listing from `from` (the location's prefix or a
/// folder below it) that `admission` keeps, by path below the location.
fn listed(location: &Location, from: Path, admission: Admission) -> BoxStream<'static, Result<Listed>> {
    let (url, prefix) = (location.url(), location.prefix.clone());
    location
        .store
        .list(Some(&from))
        .filter_map(move |r| {
            let out = match r {
                Ok(meta) => admission.passes(&below(&prefix, &meta.location)).then_some(Ok(Listed::Object(meta))),
                Err(error) => Some(Err(Error::Store { op: "list", url: url.clone(), error })),
            };
            std::future::ready(out)
        })
        .boxed()
}

/// Folders a cut listing aims for: enough to spread over a cluster.
const SHARDS: usize = 64;
/// Folder levels a listing is cut down to, at most.
const SHARD_DEPTH: usize = 3;

/// A cloud listing cut into folders for a cluster's executors to list
/// apart: the objects above the cut, and the folders' paths below the
/// location (each listed by [`list_below`]). The cut is at the first level
/// of folders, and goes a level deeper while it has fewer than `SHARDS` (64)
/// folders and the next level has more, down to `SHARD_DEPTH` (3) levels: a
/// lake under one folder is cut inside it. `None` where the listing is not
/// cut: a local folder (walked here), a single object.
pub async fn shards(
    location: &Location,
    filters: Filters,
    exclude: Option<String>,
) -> Result<Option<(Vec<Listed>, Vec<String>)>> {
    if location.is_local() || location.store.head(&location.prefix).await.is_ok() {
        return Ok(None);
    }
    let admission = Admission { filters, exclude };
    let (mut objects, mut folders) = (Vec::new(), vec![location.prefix.clone()]);
    for depth in 0..=SHARD_DEPTH {
        if depth > 0 && folders.len() >= SHARDS {
            break;
        }
        let (mut above, mut deeper) = (Vec::new(), Vec::new());
        for folder in &folders {
            let level = location.store.list_with_delimiter(Some(folder)).await.map_err(|error| Error::Store {
                op: "list",
                url: location.url_of(folder),
                error,
            })?;
            let passes = |meta: &ObjectMeta| admission.passes(&below(&location.prefix, &meta.location));
            above.extend(level.objects.into_iter().filter(passes).map(Listed::Object));
            deeper.extend(level.common_prefixes.into_iter().filter(|p| admission.kept(&below(&location.prefix, p))));
        }
        // Cut deeper only where it gives more folders (the location's own
        // level always): this level's objects are then above the cut.
        if depth > 0 && deeper.len() <= folders.len() {
            break;
        }
        objects.extend(above);
        folders = deeper;
    }
    Ok(Some((objects, folders.iter().map(|p| below(&location.prefix, p)).collect())))
}

/// The entries of a cloud listing of `location` below its `folder`, as
/// [`list`] lists them (filters applied to paths below the location).
pub fn list_below(
    location: &Location,
    filters: Filters,
    exclude: Option<String>,
    folder: &str,
) -> BoxStream<'static, Result<Listed>> {
    let folder = Path::parse(folder).unwrap_or_else(|_| Path::from(folder));
    let from: Path = location.prefix.parts().chain(folder.parts()).collect();
    listed(location, from, Admission { filters, exclude })
}

/// What a listing keeps, by path below the location.
struct Admission {
    filters: Filters,
    /// A prefix left out (the report inside the source).
    exclude: Option<String>,
}

impl Admission {
    /// Whether anything at or below `relative` can be listed: not
    /// lakeaudit's own folder, not the excluded prefix. Folders are pruned
    /// by this only: an include glob may match a file at any depth.
    fn kept(&self, relative: &str) -> bool {
        let own = relative.split('/').next() == Some(super::OWN_FOLDER);
        let excluded = self.exclude.as_deref().is_some_and(|x| relative == x || relative.starts_with(&format!("{x}/")));
        !own && !excluded
    }

    /// Whether the object at `relative` is listed.
    fn passes(&self, relative: &str) -> bool {
        self.kept(relative) && self.filters.admits(relative)
    }
}

/// Walks a local folder, depth first, following symbolic links as the
/// object store does, each folder once.
fn walk(root: &std::path::Path, admission: &Admission, tx: &tokio::sync::mpsc::Sender<Listed>) {
    use std::os::unix::fs::MetadataExt;
    let send = |item| tx.blocking_send(item).is_ok();
    let shown = |path: &std::path::Path| {
        let rel = path.strip_prefix(root).unwrap_or(path).to_string_lossy();
        rel.chars().map(|c| if c.is_control() { '?' } else { c }).collect::<String>()
    };
    let mut seen = std::collections::HashSet::new();
    if let Ok(m) = std::fs::metadata(root) {
        seen.insert((m.dev(), m.ino()));
    }
    let mut folders = vec![root.to_owned()];
    while let Some(folder) = folders.pop() {
        let entries = match std::fs::read_dir(&folder) {
            Ok(entries) => entries,
            Err(e) => {
                if !send(Listed::Unreadable(format!("{}/", shown(&folder)), format!("unable to list this folder: {e}")))
                {
                    return;
                }
                continue;
            }
        };
        let mut paths = Vec::new();
        for entry in entries {
            match entry {
                Ok(entry) => paths.push(entry.path()),
                Err(e) => {
                    if !send(Listed::Unreadable(
                        format!("{}/", shown(&folder)),
                        format!("unable to list this folder: {e}"),
                    )) {
                        return;
                    }
                }
            }
        }
        paths.sort();
        for path in paths.into_iter().rev() {
            let name = shown(&path);
            let Some(relative) = relative_path(root, &path) else {
                if admission.passes(&name) && !send(Listed::Unreadable(name, "the name is not valid UTF-8".into())) {
                    return;
                }
                continue;
            };
            if !admission.kept(&relative) {
                continue;
            }
            let item = match std::fs::metadata(&path) {
                Err(e) => admission.passes(&relative).then(|| Listed::Unreadable(name, describe_link_error(&path, &e))),
                Ok(m) if m.is_dir() => {
                    if seen.insert((m.dev(), m.ino())) {
                        folders.push(path);
                        None
                    } else {
                        Some(Listed::Skipped(format!("{name}/"), "a link to a folder already listed (a loop?)".into()))
                    }
                }
                Ok(m) if m.is_file() => admission.passes(&relative).then(|| {
                    // The path the store itself maps back to this file.
                    let Ok(location) = Path::from_absolute_path(&path) else {
                        let why = match relative.contains(char::is_control) {
                            true => "the name holds control characters (a line break, a tab), which the object store cannot address",
                            false => "the name cannot be addressed through the object store",
                        };
                        return Listed::Unreadable(name.clone(), why.into());
                    };
                    Listed::Object(ObjectMeta {
                        location,
                        last_modified: m.modified().map(chrono::DateTime::from).unwrap_or_default(),
                        size: m.len(),
                        e_tag: Some(super::local::etag(&m)),
                        version: None,
                    })
                }),
                Ok(_) => admission.passes(&relative).then(|| Listed::Skipped(name, "not a regular file".into())),
            };
            if let Some(item) = item
                && !send(item)
            {
                return;
            }
        }
    }
}

/// `path` below `root` with `/` between parts, if every part is UTF-8.
fn relative_path(root: &std::path::Path, path: &std::path::Path) -> Option<String> {
    let parts: Option<Vec<&str>> = path.strip_prefix(root).ok()?.iter().map(|p| p.to_str()).collect();
    Some(parts?.join("/"))
}

/// Why a file cannot be opened: a link that leads nowhere or in circles is
/// said so.
fn describe_link_error(path: &std::path::Path, e: &std::io::Error) -> String {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => format!("a symbolic link that leads nowhere or loops: {e}"),
        _ => format!("unable to read: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn include_globs_reach_files_in_any_folder() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        for f in ["a/b/x.parquet", "a/y.csv", "z.parquet", "_lakeaudit/m.parquet"] {
            std::fs::create_dir_all(dir.path().join(f).parent().unwrap()).unwrap();
            std::fs::write(dir.path().join(f), b"x").unwrap();
        }
        let loc = Location::parse(dir.path().to_str().unwrap(), true, &Default::default()).unwrap();
        let filters = Filters::new(&["**/*.parquet".into()], &[]).unwrap();
        let mut names: Vec<String> = list(&loc, filters, None)
            .await
            .unwrap()
            .map(|l| match l.unwrap() {
                Listed::Object(m) => below(&loc.prefix, &m.location),
                other => panic!("{other:?}"),
            })
            .collect()
            .await;
        names.sort();
        assert_eq!(names, ["a/b/x.parquet", "z.parquet"]);
    }

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
