//! Copying the planned objects: each rewritten (or copied verbatim when
//! nothing in it changes) through an [`Upload`], then its manifest under
//! `DEST/_lakeaudit/manifests/`, so that a re-run skips what is already
//! written from the same source version, plan and key.

use super::partitions::copy_path;
use super::plan::ObjectPlan;
use super::policy::Policy;
use super::rewrite::{Counts, Rewrite};
use super::upload::Upload;
use super::{Outcome, relative};
use super::{csv, parquet};
use crate::error::{Error, Result};
use crate::printer::Printer;
use crate::source::format::Format;
use crate::source::table::Deleted;
use crate::source::{Location, Names, OWN_FOLDER};
use futures::StreamExt;
use object_store::path::Path;
use object_store::{ObjectMeta, ObjectStoreExt};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// One copying run.
pub(super) struct Run<'a> {
    pub(super) source: &'a Location,
    pub(super) dest: &'a Location,
    pub(super) policy: &'a Policy,
    pub(super) rewrite: Rewrite,
    pub(super) limits: &'a crate::limits::Limits,
    /// Rows to leave out of a file, by its path in SOURCE (rows a table
    /// deleted without rewriting the file).
    pub(super) deleted: &'a std::collections::HashMap<Path, Arc<Deleted>>,
    /// SOURCE's folder names that name personal data, masked in manifests.
    pub(super) names: &'a Names,
}

/// What one object's copy gave: its path below SOURCE, the copy's URL,
/// outcome, values changed and bytes written.
pub(super) type Copied = (String, String, Outcome, Counts, u64);

/// What copying objects on a cluster's executor needs besides their plans,
/// as plain data. The key never travels: an executor loads its own
/// (`LAKEAUDIT_KEY`), which must have the client's fingerprint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CopyJob {
    /// SOURCE's URL.
    pub source: String,
    /// DEST's URL.
    pub dest: String,
    /// The policy.
    pub policy: Policy,
    /// The classifier's settings (free-text spans are found by it).
    pub classify: crate::classify::ClassifySettings,
    /// The key's fingerprint, when the policy needs a key.
    pub key: Option<String>,
    /// What one object may cost.
    pub limits: crate::limits::Limits,
    /// SOURCE's folder names that name personal data.
    pub names: Names,
    /// Objects a task copies at once.
    pub in_flight: usize,
}

/// One object to copy: its plan, and the rows its table deleted from it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CopyItem {
    /// The plan.
    pub plan: ObjectPlan,
    /// Rows to leave out.
    pub deleted: Option<Deleted>,
}

/// One object copied on an executor: what its copy gave, as plain data, with the
/// bytes read.
#[derive(Debug, Serialize, Deserialize)]
pub struct CopyDone {
    rel: String,
    url: String,
    outcome: Outcome,
    counts: std::collections::BTreeMap<String, u64>,
    written: u64,
    read: u64,
}

impl CopyDone {
    /// What the copy gave, and the bytes it read.
    pub(super) fn copied(self) -> (Copied, u64) {
        let counts = self.counts.into_iter().filter_map(|(k, v)| Some((super::rewrite::counted(&k)?, v))).collect();
        ((self.rel, self.url, self.outcome, counts, self.written), self.read)
    }
}

impl CopyJob {
    /// Copies `items` on this process, with its own store settings and key.
    pub async fn copy(
        &self,
        items: Vec<CopyItem>,
        classifier: Arc<crate::classify::Classifier>,
    ) -> Result<Vec<CopyDone>> {
        let options = crate::source::StorageOptions::default();
        let source = Location::parse(&self.source, false, &options)?;
        let dest = Location::parse(&self.dest, false, &options)?;
        let keys = match &self.key {
            None => None,
            Some(wanted) => {
                let keys = super::keys::Keys::load(None)?.ok_or_else(|| {
                    Error::Config(format!(
                        "the policy needs a key, and {} is not set on this executor",
                        super::keys::KEY_VAR
                    ))
                })?;
                if &keys.fingerprint != wanted {
                    return Err(Error::Config(format!(
                        "this executor's key ({}) is not the client's ({wanted})",
                        keys.fingerprint
                    )));
                }
                Some(Arc::new(keys))
            }
        };
        let deleted =
            items.iter().filter_map(|i| Some((i.plan.meta.location.clone(), Arc::new(i.deleted.clone()?)))).collect();
        let run = Run {
            source: &source,
            dest: &dest,
            policy: &self.policy,
            rewrite: Rewrite { classifier, keys, restore: false },
            limits: &self.limits,
            deleted: &deleted,
            names: &self.names,
        };
        let quiet = Printer::new(crate::printer::OutputFormat::Text, true, false);
        let plans = items.into_iter().map(|i| i.plan).collect();
        let copied = run.copy_all(plans, self.in_flight, &quiet).await;
        Ok(copied
            .into_iter()
            .map(|((rel, url, outcome, counts, written), read)| CopyDone {
                rel,
                url,
                outcome,
                counts: counts.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
                written,
                read,
            })
            .collect())
    }
}

impl Run<'_> {
    /// Copies each planned object, a bounded number at a time; what each
    /// gave, with the bytes it read.
    pub(super) async fn copy_all(
        &self,
        plans: Vec<ObjectPlan>,
        in_flight: usize,
        printer: &Printer,
    ) -> Vec<(Copied, u64)> {
        let copies = crate::concurrency::bounded(futures::stream::iter(plans), in_flight, |plan| async move {
            let (source, read) = self.source.metered();
            let out = self.copy(&source, Arc::new(plan)).await;
            printer.progress_inc(read.get());
            (out, read.get())
        });
        copies.collect().await
    }

    /// The manifest of an object's copy: what it was made from and how.
    fn manifest(&self, plan: &ObjectPlan) -> Vec<u8> {
        #[derive(Serialize)]
        struct Manifest<'a> {
            source: String,
            size: u64,
            last_modified: i64,
            etag: Option<&'a str>,
            plan: String,
            key: Option<&'a str>,
            tool_version: &'static str,
        }
        let columns: Vec<_> = plan.columns.iter().map(|(c, p)| (c, format!("{:?}", p))).collect();
        let deleted: Vec<(u64, u64)> = self
            .deleted
            .get(&plan.meta.location)
            .map(|d| d.iter().map(|r| (r.start, r.end)).collect())
            .unwrap_or_default();
        let partitions = format!("{:?}", plan.partitions);
        let digest = Sha256::digest(
            serde_json::to_vec(&(columns, &plan.dropped, self.rewrite.restore, self.policy, deleted, partitions))
                .expect("serializable"),
        );
        let m = Manifest {
            source: self.names.mask(&self.source.url_of(&plan.meta.location)).into_owned(),
            size: plan.meta.size,
            last_modified: plan.meta.last_modified.timestamp_micros(),
            etag: plan.meta.e_tag.as_deref(),
            plan: hex::encode(&digest[..16]),
            key: self.rewrite.keys.as_ref().map(|k| k.fingerprint.as_str()),
            tool_version: env!("CARGO_PKG_VERSION"),
        };
        serde_json::to_vec_pretty(&m).expect("serializable")
    }

    /// Copies one object, read from `source` (this run's source, metered).
    async fn copy(&self, source: &Location, plan: Arc<ObjectPlan>) -> Copied {
        let rel = relative(self.source, &plan.meta.location);
        let path = copy_path(self.source, &plan, self.dest);
        let url = self.dest.url_of(&path);
        // Named as the copy is (whose folders name no personal data).
        let copied = crate::source::below(&self.dest.prefix, &path);
        let manifest_path = Path::parse(format!("{}/{OWN_FOLDER}/manifests/{copied}.json", self.dest.prefix))
            .expect("names of valid parts");
        let manifest = self.manifest(&plan);
        let done = async {
            let previous = self.dest.store.get(&manifest_path).await.ok()?.bytes().await.ok()?;
            (previous.as_ref() == manifest.as_slice() && self.dest.store.head(&path).await.is_ok()).then_some(())
        };
        if done.await.is_some() {
            return (rel, url, Outcome::Already, Counts::new(), 0);
        }
        let mut upload = Upload::new(self.dest, path);
        let deleted = self.deleted.get(&plan.meta.location).cloned();
        let verbatim = !self.rewrite.restore && plan.columns.is_empty() && plan.dropped.is_empty() && deleted.is_none();
        let (rewrite, store) = (self.rewrite.clone(), source.store.clone());
        let result = match plan.format {
            _ if verbatim => verbatim_copy(source, &plan.meta, &mut upload).await,
            Format::Parquet => {
                isolated(parquet::copy(store, plan.clone(), &mut upload, rewrite, self.limits, deleted)).await
            }
            Format::Csv(_) if deleted.is_some() => {
                Err(Error::Unreadable("a table deleted rows of this CSV object, which a copy cannot leave out".into()))
            }
            Format::Csv(c) => isolated(csv::copy(store, plan.clone(), c, &mut upload, rewrite, self.limits)).await,
        };
        let finished = match result {
            Ok(counts) => upload.finish().await.map(|written| (counts, written)),
            Err(e) => {
                upload.abort().await;
                Err(e)
            }
        };
        let (counts, written) = match finished {
            Ok(done) => done,
            Err(e) => return (rel, url, Outcome::Failed(e.to_string()), Counts::new(), 0),
        };
        if let Err(error) = self.dest.store.put(&manifest_path, manifest.into()).await {
            let e = Error::Store { op: "write", url: self.dest.url_of(&manifest_path), error };
            return (rel, url, Outcome::Failed(e.to_string()), counts, written);
        }
        (rel, url, if verbatim { Outcome::Copied } else { Outcome::Written }, counts, written)
    }
}

/// Runs one object's copy isolated: a panic fails that object.
async fn isolated(copy: impl std::future::Future<Output = Result<Counts>>) -> Result<Counts> {
    crate::isolate::object(copy)
        .await
        .unwrap_or_else(|panic| Err(Error::Unreadable(format!("the decoder failed on this object: {panic}"))))
}

async fn verbatim_copy(source: &Location, meta: &ObjectMeta, upload: &mut Upload) -> Result<Counts> {
    let url = source.url_of(&meta.location);
    let get = |error| Error::Store { op: "read", url: url.clone(), error };
    let mut stream = source.store.get(&meta.location).await.map_err(get)?.into_stream();
    while let Some(chunk) = stream.next().await {
        upload.write(chunk.map_err(get)?).await?;
    }
    Ok(Counts::new())
}
