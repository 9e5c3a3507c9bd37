//! The job as DataFusion sees it: a table ([`JobTable`]) the client reads,
//! which the scheduler plans as [`JobExec`] over an in-memory source of
//! work: one partition per task, one row per object (its [`Read`] for a
//! scan, its [`CopyItem`] for a copy). The work is data, not part of
//! lakeaudit's node, because Ballista hands each task its own partitions by
//! restricting the plan's data sources (which it knows how to do for
//! in-memory ones); a node holding the work itself would be run whole by
//! every task. Each partition of `JobExec` does its objects' work on an
//! executor. A scan yields their report rows, one row per object: the
//! `objects` row, its `columns` and `findings` rows as lists, how its data
//! was found and which executor read it; the row types are the report
//! tables' own ([`crate::report`]), so the rows travel in the report's
//! schemas. A copy yields what each object's copy gave.

use super::ScanJob;
use crate::anonymize::{CopyItem, CopyJob};
use crate::error::{Error, Result};
use crate::pipeline::{Done, Meta, ObjectRows, Read};
use crate::report::{ColumnRow, FindingRow, ObjectRow, Row};
use crate::source::{Filters, Listed, Location, StorageOptions, list_below};
use arrow::array::{Array, ArrayRef, AsArray, ListArray, RecordBatch, StringArray, StructArray};
use arrow::buffer::OffsetBuffer;
use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef};
use datafusion::catalog::{Session, TableProvider};
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::datasource::TableType;
use datafusion::datasource::memory::MemorySourceConfig;
use datafusion::execution::{SendableRecordBatchStream, TaskContext};
use datafusion::logical_expr::Expr;
use datafusion::physical_expr::{EquivalenceProperties, PhysicalExpr};
use datafusion::physical_plan::execution_plan::{Boundedness, EmissionType};
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{DisplayAs, DisplayFormatType, ExecutionPlan, Partitioning, PlanProperties};
use futures::stream::BoxStream;
use futures::{StreamExt, TryStreamExt};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// What a job does with each of its items.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) enum Work {
    /// Read objects: each item a [`Read`], rows out.
    Scan(ScanJob),
    /// Copy objects: each item a [`CopyItem`], what the copy gave out.
    Copy(CopyJob),
    /// List folders: each item a folder below the source, its objects out.
    List(ListJob),
}

/// What listing folders of a source needs: plain data.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct ListJob {
    /// The source's URL.
    pub(super) source: String,
    /// `--include` globs.
    pub(super) include: Vec<String>,
    /// `--exclude` globs.
    pub(super) exclude: Vec<String>,
    /// A folder left out (the report inside the source).
    pub(super) skip: Option<String>,
}

impl Work {
    /// What the job yields.
    fn schema(&self) -> SchemaRef {
        match self {
            Work::Scan(_) => rows_schema(),
            Work::Copy(_) | Work::List(_) => json_schema(),
        }
    }

    /// The work of `items` (one task's) on this process, as batches.
    fn run(&self, items: BoxStream<'static, Result<String>>) -> BoxStream<'static, Result<RecordBatch>> {
        let executor =
            EXECUTOR.get().cloned().unwrap_or_else(|| gethostname::gethostname().to_string_lossy().into_owned());
        let work = self.clone();
        futures::stream::once(async move {
            Ok::<_, Error>(match work {
                Work::Scan(job) => {
                    let reader = Arc::new(job.reader().await?);
                    items
                        .map(|item| item.and_then(|i| parse::<Read>(&i)))
                        .map_ok(move |read| {
                            let reader = reader.clone();
                            async move { Ok(reader.read(read).await) }
                        })
                        .try_buffer_unordered(job.in_flight.max(1))
                        .try_chunks(BATCH)
                        .map(move |done| encode(&done.map_err(|e| e.1)?, &executor))
                        .boxed()
                }
                Work::Copy(job) => {
                    let classifier = super::classifier(&job.classify).await?;
                    let items: Vec<CopyItem> = items.map(|i| i.and_then(|i| parse(&i))).try_collect().await?;
                    let copied = job.copy(items, classifier).await?;
                    futures::stream::iter(copied.chunks(BATCH).map(|c| encode_json(c, &executor)).collect::<Vec<_>>())
                        .boxed()
                }
                Work::List(job) => {
                    let source = Location::parse(&job.source, false, &StorageOptions::default())?;
                    let filters = Filters::new(&job.include, &job.exclude)?;
                    let folders: Vec<String> = items.map(|i| i.and_then(|i| parse(&i))).try_collect().await?;
                    let listed = folders.iter().map(|f| list_below(&source, filters.clone(), job.skip.clone(), f));
                    futures::stream::iter(listed.collect::<Vec<_>>())
                        .flatten()
                        // A cloud listing lists objects only.
                        .try_filter_map(|listed| async move {
                            Ok(match listed {
                                Listed::Object(meta) => Some(Meta::from(&meta)),
                                Listed::Unreadable(..) | Listed::Skipped(..) => None,
                            })
                        })
                        .try_chunks(LISTED)
                        .map(move |metas| encode_json(&metas.map_err(|e| e.1)?, &executor))
                        .boxed()
                }
            })
        })
        .try_flatten()
        .boxed()
    }
}

/// An object of a job, as its work row holds it.
fn parse<T: serde::de::DeserializeOwned>(item: &str) -> Result<T> {
    serde_json::from_str(item).map_err(|e| Error::Internal(format!("a job's object came garbled: {e}")))
}

/// A job: what its objects share, and its tasks' objects (each as JSON).
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Spec {
    pub(super) work: Work,
    pub(super) tasks: Vec<Vec<String>>,
}

/// Which executor this process is (`HOST:PORT`), once it runs as one.
pub(super) static EXECUTOR: OnceLock<String> = OnceLock::new();

/// Objects per batch a task yields.
const BATCH: usize = 16;
/// Objects listed per batch a listing task yields.
const LISTED: usize = 4096;

/// What a copy or a listing yields: one value per row, as JSON (what one
/// object's copy gave; an object listed).
fn json_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            Arc::new(Schema::new(vec![
                Field::new("value", DataType::Utf8, false),
                Field::new("executor", DataType::Utf8, false),
            ]))
        })
        .clone()
}

/// `values` as one batch in [`json_schema`].
fn encode_json<T: Serialize>(values: &[T], executor: &str) -> Result<RecordBatch> {
    let json = values.iter().map(serde_json::to_string).collect::<std::result::Result<Vec<_>, _>>();
    let json = json.map_err(|e| Error::Internal(format!("a task's result cannot be sent: {e}")))?;
    let columns: [ArrayRef; 2] = [
        Arc::new(StringArray::from(json)),
        Arc::new(StringArray::from_iter_values(std::iter::repeat_n(executor, values.len()))),
    ];
    Ok(RecordBatch::try_new(json_schema(), columns.to_vec())?)
}

/// The values of a batch in [`json_schema`] a task yielded.
pub(super) fn decode_json<T: serde::de::DeserializeOwned>(batch: &RecordBatch) -> Result<Vec<T>> {
    batch.column(0).as_string::<i32>().iter().map(|v| parse(v.unwrap_or_default())).collect()
}

/// The rows of one object read, as the job's tables' columns.
fn rows_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA
        .get_or_init(|| {
            let list =
                |fields: Fields| DataType::List(Arc::new(Field::new_list_field(DataType::Struct(fields), false)));
            Arc::new(Schema::new(vec![
                Field::new("object", DataType::Struct(ObjectRow::schema().fields().clone()), false),
                Field::new("columns", list(ColumnRow::schema().fields().clone()), false),
                Field::new("findings", list(FindingRow::schema().fields().clone()), false),
                Field::new("how", DataType::Utf8, true),
                Field::new("executor", DataType::Utf8, false),
            ]))
        })
        .clone()
}

/// The rows of `done` as one batch in [`rows_schema`].
fn encode(done: &[Done], executor: &str) -> Result<RecordBatch> {
    let objects: Vec<ObjectRow> = done.iter().map(|d| d.rows.object.clone()).collect();
    let columns: Vec<&[ColumnRow]> = done.iter().map(|d| d.rows.columns.as_slice()).collect();
    let findings: Vec<&[FindingRow]> = done.iter().map(|d| d.rows.findings.as_slice()).collect();
    let columns: [ArrayRef; 5] = [
        Arc::new(StructArray::from(ObjectRow::to_batch(&objects)?)),
        list(&columns)?,
        list(&findings)?,
        Arc::new(done.iter().map(|d| d.how.as_deref()).collect::<StringArray>()),
        Arc::new(StringArray::from_iter_values(std::iter::repeat_n(executor, done.len()))),
    ];
    Ok(RecordBatch::try_new(rows_schema(), columns.to_vec())?)
}

/// Each object's rows of one table, as a list per object.
fn list<R: Row + Clone>(rows: &[&[R]]) -> Result<ArrayRef> {
    let flat: Vec<R> = rows.iter().flat_map(|r| r.iter().cloned()).collect();
    let values = StructArray::from(R::to_batch(&flat)?);
    let field = Arc::new(Field::new_list_field(values.data_type().clone(), false));
    let offsets = OffsetBuffer::from_lengths(rows.iter().map(|r| r.len()));
    Ok(Arc::new(ListArray::try_new(field, offsets, Arc::new(values), None)?))
}

/// The objects' rows in a batch a task yielded.
pub(super) fn decode(batch: &RecordBatch) -> Result<Vec<Done>> {
    let wrong = |what: &str| Error::Internal(format!("a cluster task returned rows without {what}"));
    let column = |name: &str| batch.column_by_name(name).ok_or_else(|| wrong(name));
    let objects = ObjectRow::from_batch(&RecordBatch::from(column("object")?.as_struct().clone()))?;
    let columns = unlist::<ColumnRow>(column("columns")?.as_list::<i32>())?;
    let findings = unlist::<FindingRow>(column("findings")?.as_list::<i32>())?;
    let how = column("how")?.as_string::<i32>();
    let executor = column("executor")?.as_string::<i32>();
    Ok(objects
        .into_iter()
        .zip(columns.into_iter().zip(findings))
        .enumerate()
        .map(|(i, (object, (columns, findings)))| Done {
            rows: ObjectRows { object, columns, findings },
            how: how.is_valid(i).then(|| how.value(i).to_owned()),
            by: Some(executor.value(i).to_owned()),
        })
        .collect())
}

/// The rows of each list of `lists`.
fn unlist<R: Row>(lists: &ListArray) -> Result<Vec<Vec<R>>> {
    let mut values = R::from_batch(&RecordBatch::from(lists.values().as_struct().clone()))?.into_iter();
    let offsets = lists.value_offsets();
    let mut out = Vec::with_capacity(lists.len());
    // Skip what precedes the first list (a sliced array's values).
    values.by_ref().take(offsets[0] as usize).for_each(drop);
    for w in offsets.windows(2) {
        out.push(values.by_ref().take((w[1] - w[0]) as usize).collect());
    }
    Ok(out)
}

/// The work of a task: one object per row.
fn work_schema() -> SchemaRef {
    static SCHEMA: OnceLock<SchemaRef> = OnceLock::new();
    SCHEMA.get_or_init(|| Arc::new(Schema::new(vec![Field::new("item", DataType::Utf8, false)]))).clone()
}

/// The objects of work rows.
fn items(batch: &RecordBatch) -> Vec<String> {
    batch.column(0).as_string::<i32>().iter().map(|i| i.unwrap_or_default().to_owned()).collect()
}

/// The job as a table: what the client reads and the scheduler plans.
#[derive(Debug)]
pub(super) struct JobTable {
    spec: Arc<Spec>,
}

impl JobTable {
    pub(super) fn new(spec: Spec) -> Self {
        Self { spec: Arc::new(spec) }
    }

    pub(super) fn spec(&self) -> &Spec {
        &self.spec
    }
}

#[async_trait::async_trait]
impl TableProvider for JobTable {
    fn schema(&self) -> SchemaRef {
        self.spec.work.schema()
    }

    fn table_type(&self) -> TableType {
        TableType::Temporary
    }

    async fn scan(
        &self,
        _state: &dyn Session,
        projection: Option<&Vec<usize>>,
        _filters: &[Expr],
        _limit: Option<usize>,
    ) -> datafusion::error::Result<Arc<dyn ExecutionPlan>> {
        let tasks = self.spec.tasks.iter().map(|t| {
            RecordBatch::try_new(work_schema(), vec![Arc::new(StringArray::from(t.clone()))]).map(|b| vec![b])
        });
        let tasks = tasks.collect::<std::result::Result<Vec<_>, _>>()?;
        let input = MemorySourceConfig::try_new_exec(&tasks, work_schema(), None)?;
        let node = Node { work: self.spec.work.clone(), projection: projection.cloned() };
        Ok(Arc::new(JobExec::new(Arc::new(node), input)))
    }
}

/// What [`JobExec`] holds besides its input: what every object of the job
/// shares, and the columns asked for.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Node {
    pub(super) work: Work,
    pub(super) projection: Option<Vec<usize>>,
}

/// The job as a plan: each partition of its input is a task's work.
#[derive(Debug)]
pub(super) struct JobExec {
    node: Arc<Node>,
    input: Arc<dyn ExecutionPlan>,
    properties: Arc<PlanProperties>,
}

impl JobExec {
    pub(super) fn new(node: Arc<Node>, input: Arc<dyn ExecutionPlan>) -> Self {
        let schema = node.work.schema();
        let schema = match &node.projection {
            Some(p) => Arc::new(schema.project(p).expect("a projection of the job's schema")),
            None => schema,
        };
        let partitions = input.properties().output_partitioning().partition_count();
        let properties = PlanProperties::new(
            EquivalenceProperties::new(schema),
            Partitioning::UnknownPartitioning(partitions),
            EmissionType::Incremental,
            Boundedness::Bounded,
        );
        Self { node, input, properties: Arc::new(properties) }
    }

    pub(super) fn node(&self) -> &Node {
        &self.node
    }
}

impl DisplayAs for JobExec {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match &self.node.work {
            Work::Scan(job) => write!(f, "LakeauditJobExec: scan={}", job.stamp.scan_id),
            Work::Copy(job) => write!(f, "LakeauditJobExec: copy to {}", job.dest),
            Work::List(job) => write!(f, "LakeauditJobExec: list {}", job.source),
        }
    }
}

impl ExecutionPlan for JobExec {
    fn name(&self) -> &str {
        "LakeauditJobExec"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        &self.properties
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> datafusion::error::Result<TreeNodeRecursion>,
    ) -> datafusion::error::Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn with_new_children(
        self: Arc<Self>,
        children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> datafusion::error::Result<Arc<dyn ExecutionPlan>> {
        match <[_; 1]>::try_from(children) {
            Ok([input]) => Ok(Arc::new(JobExec::new(self.node.clone(), input))),
            Err(_) => Err(datafusion::error::DataFusionError::Internal("LakeauditJobExec has one input".into())),
        }
    }

    fn execute(&self, partition: usize, ctx: Arc<TaskContext>) -> datafusion::error::Result<SendableRecordBatchStream> {
        let items = self
            .input
            .execute(partition, ctx)?
            .map_err(Error::from)
            .map_ok(|batch| futures::stream::iter(items(&batch)).map(Ok))
            .try_flatten()
            .boxed();
        let projection = self.node.projection.clone();
        let stream = self
            .node
            .work
            .run(items)
            .map(move |batch| {
                let batch = batch?;
                Ok(match &projection {
                    Some(p) => batch.project(p)?,
                    None => batch,
                })
            })
            .map_err(|e: Error| datafusion::error::DataFusionError::External(Box::new(e)));
        let schema = self.properties.eq_properties.schema().clone();
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, stream)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::{Classifier, ClassifySettings};
    use crate::pipeline::{Cost, Facts, Reader, Stamp, Status};
    use crate::sample::{ColumnSample, ObjectSample, SampleSettings};
    use crate::source::table::Role;

    /// Rows for objects of emails (read), and one failed, as a reader makes
    /// them.
    fn done() -> Vec<Done> {
        let classifier = Arc::new(Classifier::new(ClassifySettings::default()).unwrap());
        let reader = Reader {
            stamp: Stamp { scan_id: "s".into(), scanned_at: 1, source: "file:///lake".into() },
            source: crate::source::Location::parse("testdata/lake", true, &Default::default()).unwrap(),
            sample: SampleSettings { rows: Some(10), seed: 0, limits: Default::default() },
            classifier: classifier.clone(),
            names: Default::default(),
        };
        (0..5)
            .map(|i| {
                let meta = object_store::ObjectMeta {
                    location: format!("lake/t/{i}.csv").into(),
                    last_modified: chrono::DateTime::default(),
                    size: 10 + i,
                    e_tag: Some(format!("e{i}")),
                    version: None,
                };
                let facts = Facts::of(&meta, format!("file:///lake/t/{i}.csv"), "file:///lake/t".into(), &Role::Loose);
                let status = match i {
                    3 => Status::Failed("truncated".into(), None),
                    _ => {
                        let mut state = classifier.new_state();
                        let values: Vec<String> = (0..20).map(|v| format!("user{v}@example.com")).collect();
                        classifier.observe_all(values.iter().map(|v| Some(v.as_str())), &mut state);
                        let column =
                            ColumnSample { path: "email".into(), data_type: "Utf8".into(), state: Some(state) };
                        let sample = ObjectSample {
                            rows_total: Some(20),
                            rows_sampled: 20,
                            coverage: 1.0,
                            columns: vec![column],
                            reads: None,
                        };
                        Status::Scanned(sample, "csv")
                    }
                };
                reader.done(&facts, Cost::default(), status)
            })
            .collect()
    }

    fn rows(d: &Done) -> String {
        format!("{:?} {:?} {:?}", d.rows.object, d.rows.columns, d.rows.findings)
    }

    #[test]
    fn rows_travel_as_they_were_made() {
        let sent = done();
        assert!(sent.iter().any(|d| !d.rows.findings.is_empty()) && sent.iter().any(|d| d.rows.columns.is_empty()));
        let batch = encode(&sent, "10.0.0.7:50051").unwrap();
        let got = decode(&batch).unwrap();
        assert_eq!(got.iter().map(rows).collect::<Vec<_>>(), sent.iter().map(rows).collect::<Vec<_>>());
        assert!(got.iter().all(|d| d.by.as_deref() == Some("10.0.0.7:50051")));
        // A slice (as a batch may arrive) holds its own objects' rows only.
        let got = decode(&batch.slice(2, 2)).unwrap();
        assert_eq!(got.iter().map(rows).collect::<Vec<_>>(), sent[2..4].iter().map(rows).collect::<Vec<_>>());
    }

    #[test]
    fn work_travels_as_it_was_cut() {
        let reads: Vec<Read> = done()
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let meta = object_store::ObjectMeta {
                    location: format!("lake/t/{i}.csv").into(),
                    last_modified: chrono::DateTime::default(),
                    size: d.rows.object.size_bytes,
                    e_tag: None,
                    version: None,
                };
                let facts = Facts::of(&meta, d.rows.object.object.clone(), d.rows.object.dataset.clone(), &Role::Loose);
                Read { meta: (&meta).into(), facts, skip: Some(vec![1..3, 5..8]), every: i == 0 }
            })
            .collect();
        let json: Vec<String> = reads.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
        let batch = RecordBatch::try_new(work_schema(), vec![Arc::new(StringArray::from(json))]).unwrap();
        let back: Vec<Read> = items(&batch).iter().map(|i| parse(i).unwrap()).collect();
        assert_eq!(format!("{back:?}"), format!("{reads:?}"));
    }
}
