//! Scans and copies on an Apache DataFusion Ballista cluster, for lakes one
//! machine cannot read in time. Ballista schedules; lakeaudit brings the
//! work.
//!
//! A scan's client has the executors list a cloud source's folders
//! (`list`), decides what needs no reading as a local scan does
//! ([`crate::pipeline`]), then hands the objects to read to the cluster in
//! jobs (`read`): a table (`plan::JobTable`) whose partitions are tasks
//! of [`Read`]s, carried to the scheduler and the executors by lakeaudit's
//! extension codecs (`codec`). Each task runs the same per-object code as
//! a local scan ([`Reader::read`]: sampling, classification, verdicts) and
//! returns the report rows as Arrow batches; the client writes them as a
//! local scan does (same tables, same atomic publication, same audit
//! record). `anonymize` hands out its planned copies the same way
//! (`copy`). Plans carry no credentials and no key: executors open stores
//! with their own environment's settings, and use their own key.
//!
//! `roles` runs the scheduler and the executors, in this binary.

mod codec;
mod plan;
mod roles;

pub use roles::{ExecutorOptions, SchedulerOptions, executor, scheduler};

use crate::anonymize::{CopyDone, CopyItem, CopyJob};
use crate::classify::{Classifier, ClassifySettings};
use crate::error::{Error, Result};
use crate::pipeline::{Done, Read, Reader, Stamp};
use crate::printer::Printer;
use crate::sample::SampleSettings;
use crate::source::{Listed, Location, Names, StorageOptions};
use ballista::prelude::SessionContextExt;
use ballista_core::extension::SessionConfigExt;
use datafusion::execution::SessionStateBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};
use futures::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex};

/// What every object of a scan's job is read with: what a [`Reader`]
/// holds, as plain data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScanJob {
    /// The scan.
    pub stamp: Stamp,
    /// The source's URL, opened by each executor.
    pub source: String,
    /// How much of each object to read.
    pub sample: SampleSettings,
    /// The classifier's settings (custom recognizers included).
    pub classify: ClassifySettings,
    /// Folder names that name personal data.
    pub names: Names,
    /// Objects a task reads at once.
    pub in_flight: usize,
}

impl ScanJob {
    /// The reader of the job's objects on this process: the source opened
    /// with this process's store settings (its environment), the classifier
    /// built once per process for the same settings.
    async fn reader(&self) -> Result<Reader> {
        let source = Location::parse(&self.source, false, &StorageOptions::default())?;
        let classifier = classifier(&self.classify).await?;
        Ok(Reader {
            stamp: self.stamp.clone(),
            source,
            sample: self.sample.clone(),
            classifier,
            names: self.names.clone(),
        })
    }
}

/// The classifier for `settings`, built once per process (an executor runs
/// many tasks of one job), on the rayon pool (building compiles automata).
async fn classifier(settings: &ClassifySettings) -> Result<Arc<Classifier>> {
    static BUILT: Mutex<Vec<(String, Arc<Classifier>)>> = Mutex::new(Vec::new());
    let settings = settings.clone();
    crate::concurrency::cpu(move || {
        let key = serde_json::to_string(&settings).map_err(|e| Error::Internal(e.to_string()))?;
        let mut built = BUILT.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, c)) = built.iter().find(|(k, _)| *k == key) {
            return Ok(c.clone());
        }
        let c = Arc::new(Classifier::new(settings).map_err(|e| Error::Config(e.to_string()))?);
        // A few settings at a time at most: an executor serves scans, not
        // every configuration there is.
        if built.len() >= 8 {
            built.remove(0);
        }
        built.push((key, c.clone()));
        Ok(c)
    })
    .await?
}

/// Objects one job reads, at most: a job's plan carries them (about 500
/// bytes each, well inside a gRPC message), and the client holds its rows
/// until it finished. A scan of more objects runs several jobs.
const JOB_OBJECTS: usize = 10_000;
/// Jobs running at once: enough tasks for a large cluster, a bounded
/// number of jobs' rows held by the client.
const JOBS_IN_FLIGHT: usize = 4;
/// Tasks a job is cut into, at most: enough to keep executors busy and to
/// lose little to one that dies; fewer for small jobs.
const TASKS: usize = 64;
/// Objects one task reads, at most: a task is retried whole.
const TASK_OBJECTS: usize = 256;

/// Objects cut into tasks, each object its size and its work (as JSON):
/// by size, largest first, dealt in turn, so that tasks carry about the
/// same bytes.
fn tasks(mut items: Vec<(u64, String)>) -> Vec<Vec<String>> {
    let n = items.len().div_ceil(TASK_OBJECTS).max(items.len().min(TASKS)).max(1);
    items.sort_by_key(|(size, _)| std::cmp::Reverse(*size));
    let mut tasks: Vec<Vec<String>> = (0..n).map(|_| Vec::new()).collect();
    for (i, (_, item)) in items.into_iter().enumerate() {
        tasks[i % n].push(item);
    }
    tasks
}

/// Each object as its size and its work (as JSON).
fn items<T: Serialize>(objects: Vec<T>, size: impl Fn(&T) -> u64) -> Result<Vec<(u64, String)>> {
    let item = |o: T| serde_json::to_string(&o).map(|json| (size(&o), json));
    objects.into_iter().map(item).collect::<std::result::Result<_, _>>().map_err(|e| Error::Internal(e.to_string()))
}

/// Reads `reads` on the cluster whose scheduler is at `url` (`df://HOST:PORT`);
/// each object's rows, a job's once it finished. A scheduler that cannot be
/// reached, or a job that cannot finish, is an error (the scan then
/// publishes nothing).
pub(crate) async fn read(
    url: &str,
    job: ScanJob,
    reads: Vec<Read>,
    printer: &Printer,
) -> Result<futures::stream::BoxStream<'static, Result<Done>>> {
    let items = items(reads, |r| r.meta.size())?;
    let batches = submit(url, plan::Work::Scan(job), items, printer).await?;
    Ok(batches
        .map(|batch| batch.and_then(|b| plan::decode(&b)))
        .map_ok(|done| futures::stream::iter(done.into_iter().map(Ok)))
        .try_flatten()
        .boxed())
}

/// Lists `source` as [`crate::source::list`] does, its first-level folders
/// listed by the cluster at `url` (a folder per item, so that listing a
/// huge lake is not one machine's requests); a local folder or a single
/// object is listed here.
pub(crate) async fn list(
    url: &str,
    source: &Location,
    settings: &crate::settings::ScanSettings,
    skip: Option<String>,
    printer: &Printer,
) -> Result<futures::stream::BoxStream<'static, Result<Listed>>> {
    let Some((top, folders)) = crate::source::shards(source, settings.filters()?, skip.clone()).await? else {
        return crate::source::list(source, settings.filters()?, skip).await;
    };
    printer.detail(&format!("cluster {url}: listing {} folders", folders.len()));
    let job = plan::ListJob {
        source: source.url(),
        include: settings.include.clone(),
        exclude: settings.exclude.clone(),
        skip,
    };
    let listed = submit(url, plan::Work::List(job), items(folders, |_| 1)?, printer)
        .await?
        .map(|batch| batch.and_then(|b| plan::decode_json::<crate::pipeline::Meta>(&b)))
        .map_ok(|metas| futures::stream::iter(metas.into_iter().map(|m| Ok(Listed::Object((&m).into())))))
        .try_flatten();
    Ok(futures::stream::iter(top.into_iter().map(Ok)).chain(listed).boxed())
}

/// Copies `items` on the cluster at `url`; what each copy gave.
pub(crate) async fn copy(url: &str, job: CopyJob, items: Vec<CopyItem>, printer: &Printer) -> Result<Vec<CopyDone>> {
    let items = self::items(items, |i| i.plan.meta.size)?;
    let batches: Vec<_> = submit(url, plan::Work::Copy(job), items, printer).await?.try_collect().await?;
    let mut copied = Vec::new();
    for batch in &batches {
        copied.extend(plan::decode_json(batch)?);
    }
    Ok(copied)
}

/// Runs `work` over `items` on the cluster at `url`, in jobs of at most
/// [`JOB_OBJECTS`], [`JOBS_IN_FLIGHT`] at a time; each job's batches once
/// it finished.
async fn submit(
    url: &str,
    work: plan::Work,
    mut items: Vec<(u64, String)>,
    printer: &Printer,
) -> Result<futures::stream::BoxStream<'static, Result<arrow::array::RecordBatch>>> {
    let scheduler = scheduler_address(url)?;
    // Ballista connects when a job is submitted, and retries for long: a
    // scheduler that does not answer is said at once.
    reachable(&scheduler).await.map_err(|message| Error::Cluster { url: url.to_owned(), message })?;
    let mut jobs = Vec::new();
    while !items.is_empty() {
        let rest = items.split_off(items.len().min(JOB_OBJECTS));
        jobs.push(std::mem::replace(&mut items, rest));
    }
    printer.detail(&format!("cluster {url}: {} jobs", jobs.len()));
    let url = url.to_owned();
    let batches = futures::stream::iter(jobs)
        .map(move |items| run(url.clone(), scheduler.clone(), work.clone(), items))
        .buffer_unordered(JOBS_IN_FLIGHT)
        .map_ok(|batches| futures::stream::iter(batches.into_iter().map(Ok)))
        .try_flatten();
    Ok(batches.boxed())
}

/// Runs one job of `work` over `items` on the cluster; its batches, once
/// it finished.
async fn run(
    url: String,
    scheduler: String,
    work: plan::Work,
    items: Vec<(u64, String)>,
) -> Result<Vec<arrow::array::RecordBatch>> {
    let tasks = tasks(items);
    let name = match &work {
        plan::Work::Scan(job) => format!("lakeaudit scan {}", job.stamp.scan_id),
        plan::Work::Copy(job) => format!("lakeaudit anonymize to {}", job.dest),
        plan::Work::List(job) => format!("lakeaudit list {}", job.source),
    };
    // One task per partition, as cut: a round-robin repartition would run
    // within each task and do every partition's objects again there.
    let config = SessionConfig::new_with_ballista()
        .with_round_robin_repartition(false)
        .with_ballista_logical_extension_codec(Arc::new(codec::Logical::default()))
        .with_ballista_physical_extension_codec(Arc::new(codec::Physical::default()))
        .with_ballista_job_name(&name);
    let state = SessionStateBuilder::new().with_config(config).with_default_features().build();
    let failed = |e: datafusion::error::DataFusionError| Error::Cluster { url: url.clone(), message: describe(&e) };
    let ctx = SessionContext::remote_with_state(&format!("df://{scheduler}"), state).await.map_err(failed)?;
    let table = plan::JobTable::new(plan::Spec { work, tasks });
    let frame = ctx.read_table(Arc::new(table)).map_err(failed)?;
    frame.execute_stream().await.map_err(failed)?.try_collect().await.map_err(failed)
}

/// `HOST:PORT` of a `df://HOST:PORT` URL.
fn scheduler_address(url: &str) -> Result<String> {
    let address = url.strip_prefix("df://").unwrap_or_default().trim_end_matches('/');
    match address.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => Ok(address.to_owned()),
        _ => Err(Error::Usage(format!("--cluster wants df://HOST:PORT (a Ballista scheduler), not '{url}'"))),
    }
}

/// Whether the scheduler at `address` accepts connections, within a few
/// seconds.
async fn reachable(address: &str) -> std::result::Result<(), String> {
    let connect = tokio::net::TcpStream::connect(address);
    match tokio::time::timeout(std::time::Duration::from_secs(5), connect).await {
        Ok(Ok(_)) => Ok(()),
        Ok(Err(e)) => Err(format!("the scheduler cannot be reached: {e}")),
        Err(_) => Err("the scheduler did not answer within 5 s".into()),
    }
}

/// A cluster error in one line: Ballista nests its errors, with their
/// causes, in long chains.
fn describe(e: &datafusion::error::DataFusionError) -> String {
    let text = e.to_string();
    let line = text.lines().next().unwrap_or_default();
    line.chars().take(400).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::table::Role;
    use object_store::ObjectMeta;

    fn read(i: usize, size: u64) -> Read {
        let meta = ObjectMeta {
            location: format!("lake/t/part-{i}.parquet").into(),
            last_modified: chrono::DateTime::default(),
            size,
            e_tag: None,
            version: None,
        };
        let facts =
            crate::pipeline::Facts::of(&meta, format!("file:///lake/t/part-{i}.parquet"), "t".into(), &Role::Loose);
        Read { meta: (&meta).into(), facts, skip: None, every: false }
    }

    #[test]
    fn each_object_is_in_one_task_and_tasks_carry_about_the_same_bytes() {
        for (n, tasks_wanted) in [(0, 1), (1, 1), (17, 17), (64, 64), (65, 64), (20_000, 79)] {
            let reads: Vec<Read> = (0..n).map(|i| read(i, 1 + (i as u64 * 7919) % 1000)).collect();
            let total: u64 = reads.iter().map(|r| r.meta.size()).sum();
            let cut: Vec<Vec<Read>> = tasks(items(reads, |r| r.meta.size()).unwrap())
                .into_iter()
                .map(|t| t.iter().map(|i| serde_json::from_str(i).unwrap()).collect())
                .collect();
            assert_eq!(cut.len(), tasks_wanted, "{n} objects");
            let mut names: Vec<&str> = cut.iter().flatten().map(|r| r.facts.object.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), n, "every object once");
            assert!(cut.iter().all(|t| t.len() <= TASK_OBJECTS));
            let bytes: Vec<u64> = cut.iter().map(|t| t.iter().map(|r| r.meta.size()).sum()).collect();
            let (min, max) = (bytes.iter().min().unwrap(), bytes.iter().max().unwrap());
            assert!(n < 2 * cut.len() || max - min <= 1000, "{n}: {min}..{max} of {total}");
        }
    }

    #[test]
    fn the_scheduler_is_named_by_a_df_url() {
        assert_eq!(scheduler_address("df://10.0.0.5:50050").unwrap(), "10.0.0.5:50050");
        assert_eq!(scheduler_address("df://scheduler:50050/").unwrap(), "scheduler:50050");
        for bad in ["http://h:1", "df://h", "df://:1", "df://h:port", "h:1"] {
            assert!(matches!(scheduler_address(bad), Err(Error::Usage(_))), "{bad}");
        }
    }
}
