//! `anonymize --verify`: verification that does not trust the classifier
//! ([`run`]). Re-classifying the copy
//! only finds what the classifier can find, which is what the copy was made
//! with. So `--verify` also reads each copied object beside its source, row
//! by row, for every column the plan changed: in a structured column no
//! non-null value may come through unchanged; in free text no span the
//! classifier recognized in the source row may be in the copy's row.
//!
//! The copy is then re-classified below the usual threshold, at
//! [`RESIDUE_SCORE`], to catch what is left of what the plan replaced
//! ([`judge`]): there a weak finding is residue. Elsewhere (columns kept as
//! they were, entities the plan did not replace) the same weak findings are
//! the source's own: version strings shaped like IP addresses, timestamps in
//! log lines. Failing on them would fail every copy of every lake, so they
//! are listed for review, and only a finding at the usual threshold fails.
//!
//! Partition values are checked the same two ways, as DEST holds them (its
//! folders' names and its Delta logs' `partitionValues`): none that a plan
//! replaced may be there, and each partition column is classified and
//! judged.

use super::partitions::copy_path;
use super::plan::{ColumnPlan, ObjectPlan};
use super::policy::Operator;
use super::rewrite::lossless;
use super::{AnonymizeSettings, Outcome, Summary, classify_all, every_object, relative};
use crate::classify::{Classifier, ClassifySettings, leaves, verdict};
use crate::error::{Error, Result};
use crate::limits::Limits;
use crate::printer::Printer;
use crate::sample::SampleSettings;
use crate::source::format::Format;
use crate::source::hive_partitions;
use crate::source::table::is_deleted;
use crate::source::{Location, OWN_FOLDER};
use futures::StreamExt;
use object_store::path::{Path, PathPart};
use object_store::{ObjectMeta, ObjectStoreExt};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::sync::Arc;

/// What the comparison of one column found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Checked {
    /// Non-null, non-blank source values compared.
    pub values: u64,
    /// Structured values that came through unchanged.
    pub unchanged: u64,
    /// Spans recognized in a source value that are in the copy's value.
    pub residual: u64,
    /// Asked for suspect findings in a structured column of values made
    /// from the key: per entity looked for, of its spans in the copy's
    /// values, how many hold text of their source row (carried over) and
    /// how many do not (made up).
    #[serde(skip)]
    pub origins: BTreeMap<&'static str, SpanOrigins>,
}

/// The spans of an entity in a column of values made from the key (see
/// [`Checked::origins`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanOrigins {
    /// Spans whose text is in the source row's value: carried over.
    pub carried: u64,
    /// Spans whose text is not: made up by the operator.
    pub made_up: u64,
}

/// The score from which a finding in the copy, of an entity the plan
/// replaced in that column, is residue.
pub const RESIDUE_SCORE: f64 = 0.3;

/// The settings of the classifier that re-classifies the copy: the whole
/// catalog (whatever the configuration switched off), every entity from
/// [`RESIDUE_SCORE`] (or the lower configured threshold).
pub fn residue_settings(settings: &ClassifySettings) -> ClassifySettings {
    ClassifySettings {
        disabled: Vec::new(),
        min_score: settings.min_score.min(RESIDUE_SCORE),
        thresholds: settings.thresholds.iter().map(|(e, t)| (e.clone(), t.min(RESIDUE_SCORE))).collect(),
        ..settings.clone()
    }
}

/// Where the text of a finding in a column of the copy comes from, as far
/// as verification can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Nothing known: the finding is judged by its score and the plan.
    Unknown,
    /// Tokens the policy makes of the finding's entity: they look like the
    /// real thing by design.
    OwnTokens,
    /// Values made from the key (tokens, hashes, ciphertexts) of another
    /// entity, and none of the finding's spans there holds text of its
    /// source row: made-up text that happens to read as it (a tokenized
    /// number plate as a name, a ciphertext as a prescription number).
    MadeUp,
}

/// Whether a column's plan replaces its values, some or all, with values
/// made from the key (tokens, hashes, ciphertexts): whole values of new
/// text, in which another entity can be read.
fn of_made_up(plan: &ColumnPlan) -> bool {
    plan.structured && plan.rules.iter().any(|r| r.operator.needs_key())
}

/// Where a finding of `entity` in `column` of the copy comes from: tokens
/// the policy makes of it, or else values made from the key when `made_up`
/// (no span of it there holds text of its source row).
fn origin(settings: &AnonymizeSettings, column: &str, entity: &str, made_up: bool) -> Origin {
    let tokenized = matches!(settings.policy.operator(column, entity), Operator::Tokenize)
        || matches!(settings.policy.columns.get(column), Some(Operator::Tokenize));
    match (tokenized, made_up) {
        (true, _) => Origin::OwnTokens,
        (false, true) => Origin::MadeUp,
        (false, false) => Origin::Unknown,
    }
}

/// What a finding in the copy says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Personal data left: verification fails.
    Left,
    /// A weak finding where the copy keeps the source's values: for review.
    Doubtful,
    /// Nothing to say: the policy makes tokens of it (tokens look like the
    /// real thing by design), or it is below every threshold.
    Fine,
}

/// Judges a finding of `entity` at `score` in a column of the copy: `plan`
/// is what the column's plan replaced (`None`: the column was kept),
/// `origin` where its text comes from, `threshold` the score a finding of
/// the entity needs in a scan. A finding made up by values made from the
/// key (another entity's tokens, hashes, ciphertexts) is listed for review,
/// never silenced: what looks like a name in a token is still shown.
pub fn judge(entity: &str, score: f64, plan: Option<&ColumnPlan>, origin: Origin, threshold: f64) -> Verdict {
    let replaced =
        plan.is_some_and(|c| c.structured || c.rules.iter().any(|r| r.entity == entity || r.entity.is_empty()));
    if origin == Origin::OwnTokens {
        Verdict::Fine
    } else if origin == Origin::MadeUp {
        if score >= RESIDUE_SCORE { Verdict::Doubtful } else { Verdict::Fine }
    } else if score >= threshold || (replaced && score >= RESIDUE_SCORE) {
        Verdict::Left
    } else if score >= RESIDUE_SCORE {
        Verdict::Doubtful
    } else {
        Verdict::Fine
    }
}

/// Rows of some columns: per column, the values of the next rows.
type Chunk = Vec<Vec<Option<String>>>;

/// Rows read in a chunk of a CSV object.
const CHUNK_ROWS: usize = 8192;

/// Reads `columns` (paths, as `plan` names them) of an object, a chunk of
/// rows at a time, into a bounded channel. A column the object does not
/// have is an error: nothing would be compared.
fn read_columns(
    store: Arc<dyn object_store::ObjectStore>,
    meta: ObjectMeta,
    plan: Arc<ObjectPlan>,
    columns: Vec<String>,
    limits: Limits,
) -> tokio::sync::mpsc::Receiver<Result<Chunk>> {
    let format = plan.format;
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Chunk>>(2);
    tokio::spawn(async move {
        let read = async {
            match format {
                Format::Parquet => parquet_columns(store, &meta, &plan, &columns, &limits, &tx).await,
                Format::Csv(compression) => {
                    let tx = tx.clone();
                    crate::concurrency::streamed(store, &meta, move |input| {
                        let mut opened = crate::sample::csv::open(input, compression, &limits, false)?;
                        // Named as sampling names them: positionally where
                        // there is no header (or a row is wider than it).
                        let mut names = std::mem::take(&mut opened.names);
                        let mut at: Vec<Option<usize>> = vec![None; columns.len()];
                        let locate = |names: &[String], at: &mut Vec<Option<usize>>| {
                            for (c, i) in columns.iter().zip(at.iter_mut()).filter(|(_, i)| i.is_none()) {
                                *i = names.iter().position(|n| leaves::segment(n) == c.as_str());
                            }
                        };
                        locate(&names, &mut at);
                        let mut chunk: Chunk = vec![Vec::new(); columns.len()];
                        let mut rows = 0;
                        while let Some(record) = opened.next_record()? {
                            if record.len() > names.len() {
                                crate::sample::csv::name_columns(&mut names, record.len());
                                locate(&names, &mut at);
                            }
                            for (values, i) in chunk.iter_mut().zip(&at) {
                                values.push(i.and_then(|i| record.get(i)).map(|f| lossless(f).into_owned()));
                            }
                            rows += 1;
                            if rows == CHUNK_ROWS {
                                let full = std::mem::replace(&mut chunk, vec![Vec::new(); columns.len()]);
                                if tx.blocking_send(Ok(full)).is_err() {
                                    return Ok(());
                                }
                                rows = 0;
                            }
                        }
                        if let Some(i) = at.iter().position(Option::is_none) {
                            return Err(missing(&columns[i]));
                        }
                        let _ = tx.blocking_send(Ok(chunk));
                        Ok(())
                    })
                    .await
                }
            }
        };
        let outcome = crate::isolate::object(read).await;
        let failed = match outcome {
            Ok(Ok(())) => None,
            Ok(Err(e)) => Some(e),
            Err(panic) => Some(Error::Unreadable(format!("the decoder failed on this object: {panic}"))),
        };
        if let Some(e) = failed {
            let _ = tx.send(Err(e)).await;
        }
    });
    rx
}

/// The error of a planned column that an object does not have.
fn missing(column: &str) -> Error {
    Error::Unreadable(format!("the object has no column {column}: nothing to compare"))
}

async fn parquet_columns(
    store: Arc<dyn object_store::ObjectStore>,
    meta: &ObjectMeta,
    plan: &Arc<ObjectPlan>,
    columns: &[String],
    limits: &Limits,
    tx: &tokio::sync::mpsc::Sender<Result<Chunk>>,
) -> Result<()> {
    use parquet::arrow::arrow_reader::ArrowReaderOptions;
    use parquet::arrow::push_decoder::ParquetPushDecoderBuilder;
    let fetcher = crate::sample::parquet::Fetcher::new(store, meta, limits);
    let metadata = fetcher.metadata().await?;
    let mut decoder = ParquetPushDecoderBuilder::try_new_decoder_with_options(metadata, ArrowReaderOptions::new())?
        .with_batch_size(8192)
        .build()?;
    let columns = Arc::new(columns.to_vec());
    while let Some(reader) = fetcher.next_row_group(&mut decoder).await? {
        let (columns, plan) = (columns.clone(), plan.clone());
        let chunks = crate::concurrency::cpu(move || -> Result<Vec<Chunk>> {
            let mut chunks = Vec::new();
            for batch in reader {
                let found = leaves::batch_leaves(&batch.map_err(crate::sample::parquet::corrupt_page)?);
                let mut chunk = Vec::with_capacity(columns.len());
                for c in columns.iter() {
                    let leaf = found.iter().find(|l| plan.logical(&l.path) == c.as_str()).ok_or_else(|| missing(c))?;
                    let mut values = Vec::new();
                    if let Some(array) = &leaf.array {
                        leaves::for_each_value(array.as_ref(), |v| values.push(v.map(str::to_owned)));
                    }
                    chunk.push(values);
                }
                chunks.push(chunk);
            }
            Ok(chunks)
        })
        .await??;
        for chunk in chunks {
            if tx.send(Ok(chunk)).await.is_err() {
                return Ok(());
            }
        }
    }
    Ok(())
}

/// Compares one copied object with its source, column by planned column,
/// the source without the rows of `deleted` (rows a table deleted, which
/// the copy leaves out). `classifier` made the plan. Every planned column
/// is compared, or with `look` only its columns, in whose values its
/// classifier (the whole catalog) looks for the spans of the slots given,
/// for [`Checked::origins`]: a value at a time, the slow path, so only
/// for suspect findings.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn compare(
    source: &Location,
    dest: &Location,
    copy: &object_store::path::Path,
    plan: &ObjectPlan,
    classifier: &Classifier,
    limits: &Limits,
    deleted: Option<&[std::ops::Range<u64>]>,
    look: Option<(&Classifier, &BTreeMap<String, u128>)>,
) -> Result<BTreeMap<String, Checked>> {
    let columns: Vec<String> = match look {
        Some((_, columns)) => columns.keys().filter(|c| plan.columns.contains_key(*c)).cloned().collect(),
        None => plan.columns.keys().cloned().collect(),
    };
    let copied =
        dest.store.head(copy).await.map_err(|error| Error::Store { op: "read", url: dest.url_of(copy), error })?;
    let shared = Arc::new(plan.clone());
    let mut a = read_columns(source.store.clone(), plan.meta.clone(), shared.clone(), columns.clone(), limits.clone());
    let mut b = read_columns(dest.store.clone(), copied, shared, columns.clone(), limits.clone());
    let mut checked: BTreeMap<String, Checked> = columns.iter().map(|c| (c.clone(), Checked::default())).collect();
    if columns.is_empty() {
        return Ok(checked);
    }
    let mut queues: [Vec<VecDeque<Option<String>>>; 2] =
        [vec![VecDeque::new(); columns.len()], vec![VecDeque::new(); columns.len()]];
    let mut done = [false, false];
    // The row number in the source of the next row it gives.
    let mut source_row = 0u64;
    while !(done[0] && done[1]) {
        // Read on the side with fewer rows queued (or the one not done).
        let side = match done {
            [true, _] => 1,
            [_, true] => 0,
            _ => usize::from(queues[0][0].len() > queues[1][0].len()),
        };
        match if side == 0 { a.recv().await } else { b.recv().await } {
            Some(chunk) => {
                let chunk = chunk?;
                let rows = chunk.first().map_or(0, Vec::len) as u64;
                for (queue, values) in queues[side].iter_mut().zip(chunk) {
                    match (side, deleted) {
                        (0, Some(deleted)) => queue.extend(
                            values
                                .into_iter()
                                .enumerate()
                                .filter_map(|(i, v)| (!is_deleted(deleted, source_row + i as u64)).then_some(v)),
                        ),
                        _ => queue.extend(values),
                    }
                }
                if side == 0 {
                    source_row += rows;
                }
            }
            None => done[side] = true,
        }
        let ready = queues[0][0].len().min(queues[1][0].len());
        for (i, column) in columns.iter().enumerate() {
            let rule = &plan.columns[column];
            let looked_for = look.map(|(residue, slots)| (residue, slots[column]));
            let c = checked.get_mut(column).expect("every column");
            for _ in 0..ready {
                let (s, t) = (queues[0][i].pop_front().flatten(), queues[1][i].pop_front().flatten());
                let Some(s) = s.filter(|s| !s.trim().is_empty()) else { continue };
                c.values += 1;
                if rule.structured {
                    c.unchanged += u64::from(t.as_deref() == Some(s.as_str()));
                    if let (Some((residue, slots)), Some(t)) = (looked_for, t.as_deref()) {
                        for span in residue.spans(t, slots) {
                            let seen = c.origins.entry(residue.recognizers()[span.slot].entity).or_default();
                            match s.contains(&t[span.range]) {
                                true => seen.carried += 1,
                                false => seen.made_up += 1,
                            }
                        }
                    }
                } else {
                    let t = t.unwrap_or_default();
                    let spans = classifier.spans(&s, rule.slots());
                    c.residual += spans.iter().filter(|m| t.contains(&s[m.range.clone()])).count() as u64;
                }
            }
        }
    }
    if queues.iter().any(|q| !q[0].is_empty()) {
        return Err(Error::Unreadable("the copy does not have the source's rows".into()));
    }
    Ok(checked)
}

/// Checks the copy, trusting the classifier for neither half: every copied
/// object is compared with its source value by value (`compare`),
/// and every object of DEST is classified in full with the whole catalog,
/// down to [`RESIDUE_SCORE`], each finding judged by
/// [`judge`]. `classifier` is built from
/// [`residue_settings`]; `planned_with` is what made the plan.
pub async fn run(
    settings: &AnonymizeSettings,
    classifier: Arc<Classifier>,
    planned_with: &Classifier,
    summary: &mut Summary,
    printer: &mut Printer,
) -> Result<()> {
    let source = Location::parse(&settings.source, true, &settings.storage)?;
    let dest = Location::parse(&settings.dest, true, &settings.storage)?;
    compare_all(settings, &source, &dest, planned_with, summary).await?;
    let (metas, others) = every_object(&dest).await?;
    for (name, outcome) in others {
        if let Outcome::Failed(why) = outcome {
            summary.left.push(format!("{}/{name}: not verified: {why}", dest.url()));
        }
    }
    let in_copy = partition_values(&dest, &metas).await?;
    check_partitions(settings, &dest, in_copy, &classifier, planned_with, summary);
    let full = SampleSettings { rows: None, seed: 0, limits: settings.sample.limits.clone() };
    printer.progress_start("verified", metas.len());
    let every = verdict::Evidence::EveryMatch;
    let in_flight = settings.objects_in_flight;
    let (classified, _) =
        classify_all(&dest, &metas, &full, every, &classifier, in_flight, &BTreeMap::new(), printer).await;
    printer.progress_finish();
    let plans: HashMap<Path, &ObjectPlan> = summary.plans.iter().map(|p| (copy_path(&source, p, &dest), p)).collect();
    let origins = span_origins(settings, &source, &dest, &classifier, planned_with, &plans, &classified, summary).await;
    let (mut left, mut doubtful) = (Vec::new(), Vec::new());
    for (meta, result) in classified {
        let url = dest.url_of(&meta.location);
        let c = match result {
            Ok(c) => c,
            Err(Outcome::Failed(why)) => {
                left.push(format!("{url}: not verified: {why}"));
                continue;
            }
            Err(_) => continue,
        };
        let plan = plans.get(&meta.location);
        for f in c.findings {
            let spans = origins.get(&(meta.location.clone(), f.column.clone()));
            let spans = spans.and_then(|by_entity| by_entity.get(f.entity.as_str()));
            let made_up = spans.is_some_and(|t| t.made_up > 0 && t.carried == 0);
            let origin = origin(settings, &f.column, &f.entity, made_up);
            let column = plan.and_then(|p| p.columns.get(&f.column));
            let threshold = planned_with.settings().threshold(&f.entity);
            let mut line =
                format!("{url}: column {} holds {} (score {:.2}, {} values)", f.column, f.entity, f.score, f.matched);
            if origin == Origin::MadeUp {
                line.push_str(" only in values made from the key: no text of its source rows");
            }
            match judge(&f.entity, f.score, column, origin, threshold) {
                Verdict::Left => left.push(line),
                Verdict::Doubtful => doubtful.push(line),
                Verdict::Fine => {}
            }
        }
    }
    summary.left.extend(left);
    summary.left.sort();
    doubtful.append(&mut summary.doubtful);
    doubtful.sort();
    summary.doubtful = doubtful;
    let record = serde_json::json!({ "checked": summary.checked, "left": summary.left, "doubtful": summary.doubtful });
    let record = serde_json::to_vec_pretty(&record).expect("serializable");
    let path = Path::from_iter(dest.prefix.parts().chain([OWN_FOLDER, "verification.json"].map(PathPart::from)));
    dest.store.put(&path, record.into()).await.map_err(|error| Error::Store {
        op: "write",
        url: dest.url_of(&path),
        error,
    })?;
    Ok(())
}

/// The partition values in DEST, by partition column: of the Hive-style
/// folders of every object's path, and of every `add` action of the Delta
/// logs there. Read from DEST itself, not from what the copy meant to
/// write.
async fn partition_values(dest: &Location, metas: &[ObjectMeta]) -> Result<BTreeMap<String, BTreeSet<String>>> {
    let mut values: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for meta in metas {
        for (key, value) in hive_partitions(&dest.prefix, &meta.location) {
            values.entry(key).or_default().extend(value);
        }
        let in_log = meta.location.parts().skip(dest.prefix.parts().count()).any(|p| p.as_ref() == "_delta_log");
        if !(in_log && meta.location.as_ref().ends_with(".json")) {
            continue;
        }
        let url = dest.url_of(&meta.location);
        let read = |error| Error::Store { op: "read", url: url.clone(), error };
        let text = dest.store.get(&meta.location).await.map_err(read)?.bytes().await.map_err(read)?;
        for line in String::from_utf8_lossy(&text).lines() {
            let Ok(action) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            if let Some(partitions) = action["add"]["partitionValues"].as_object() {
                for (key, value) in partitions {
                    values.entry(key.clone()).or_default().extend(value.as_str().map(str::to_owned));
                }
            }
        }
    }
    Ok(values)
}

/// Checks the partition values of the copy (`in_copy`) as columns are
/// checked: no value that a plan replaced may be among them (named in
/// `left`, counted in `checked`), and each partition column's values are
/// classified, every finding judged by [`judge`].
fn check_partitions(
    settings: &AnonymizeSettings,
    dest: &Location,
    in_copy: BTreeMap<String, BTreeSet<String>>,
    classifier: &Classifier,
    planned_with: &Classifier,
    summary: &mut Summary,
) {
    // Per partition column: its plan, and per dataset the values replaced.
    let mut replaced: BTreeMap<&str, (&ColumnPlan, BTreeMap<&str, BTreeSet<&str>>)> = BTreeMap::new();
    for p in &summary.plans {
        for part in &p.partitions {
            if let (Some(plan), Some(value)) = (&part.plan, part.value.as_deref().filter(|v| !v.trim().is_empty())) {
                let entry = replaced.entry(&part.key).or_insert_with(|| (plan, BTreeMap::new()));
                entry.1.entry(&p.dataset).or_default().insert(value);
            }
        }
    }
    let (mut left, mut doubtful, mut checked) = (Vec::new(), Vec::new(), Vec::new());
    for (key, (_, datasets)) in &replaced {
        let copied = in_copy.get(*key);
        for (dataset, values) in datasets {
            let unchanged = values.iter().filter(|v| copied.is_some_and(|c| c.contains(**v))).count() as u64;
            if unchanged > 0 {
                left.push(format!(
                    "{}: partition column {key}: {unchanged} values unchanged from the source",
                    dest.url()
                ));
            }
            checked.push((dataset.to_string(), key.to_string(), values.len() as u64, unchanged));
        }
    }
    for (key, values) in &in_copy {
        let plan = replaced.get(key.as_str()).map(|(plan, _)| *plan);
        for f in crate::classify::any_match(classifier, key, values.iter().map(String::as_str)) {
            let origin = origin(settings, key, f.entity, false);
            let threshold = planned_with.settings().threshold(f.entity);
            let line = format!(
                "{}: partition column {key} holds {} (score {:.2}, {} values)",
                dest.url(),
                f.entity,
                f.score,
                f.matched
            );
            match judge(f.entity, f.score, plan, origin, threshold) {
                Verdict::Left => left.push(line),
                Verdict::Doubtful => doubtful.push(line),
                Verdict::Fine => {}
            }
        }
    }
    for (dataset, key, values, unchanged) in checked {
        let total = summary.checked.entry(dataset).or_default().entry(key).or_default();
        total.values += values;
        total.unchanged += unchanged;
    }
    summary.left.extend(left);
    summary.doubtful.extend(doubtful);
}

/// Reads every copied object beside its source ([`compare`]): a
/// structured value that came through, or a recognized span left in free
/// text, is named in `left`; the counts go to `checked`.
async fn compare_all(
    settings: &AnonymizeSettings,
    source: &Location,
    dest: &Location,
    planned_with: &Classifier,
    summary: &mut Summary,
) -> Result<()> {
    let limits = &settings.sample.limits;
    let plans = std::mem::take(&mut summary.plans);
    let deleted = std::mem::take(&mut summary.deleted);
    let copied = plans.iter().filter(|p| {
        let outcome = summary.objects.get(&relative(source, &p.meta.location));
        !p.columns.is_empty() && matches!(outcome, Some(Outcome::Written | Outcome::Already))
    });
    let compared = crate::concurrency::bounded(futures::stream::iter(copied), settings.objects_in_flight, |p| {
        let copy = copy_path(source, p, dest);
        let deleted = deleted.get(&p.meta.location).cloned();
        async move {
            let deleted = deleted.as_deref().map(Vec::as_slice);
            let result = compare(source, dest, &copy, p, planned_with, limits, deleted, None).await;
            (p, dest.url_of(&copy), result)
        }
    })
    .collect::<Vec<_>>()
    .await;
    for (plan, url, result) in compared {
        match result {
            Ok(columns) => {
                for (column, c) in columns {
                    if c.unchanged > 0 {
                        summary
                            .left
                            .push(format!("{url}: column {column}: {} values unchanged from the source", c.unchanged));
                    }
                    if c.residual > 0 {
                        summary.left.push(format!("{url}: column {column}: {} spans of the source left", c.residual));
                    }
                    let total =
                        summary.checked.entry(plan.dataset.clone()).or_default().entry(column.clone()).or_default();
                    total.values += c.values;
                    total.unchanged += c.unchanged;
                    total.residual += c.residual;
                }
            }
            Err(e) => summary.left.push(format!("{url}: not verified against the source: {e}")),
        }
    }
    summary.plans = plans;
    summary.deleted = deleted;
    Ok(())
}

/// Per copied object and column, what [`Checked::origins`] says.
type Origins = HashMap<(Path, String), BTreeMap<&'static str, SpanOrigins>>;

/// Where the text of the findings that would fail verification in a
/// structured column of values made from the key comes from: such a
/// column's objects are compared with their sources again ([`compare`]),
/// looking in the copy's values for the spans of those findings' entities.
/// An object that cannot be compared says nothing: its findings fail as
/// they are.
#[allow(clippy::too_many_arguments)]
async fn span_origins(
    settings: &AnonymizeSettings,
    source: &Location,
    dest: &Location,
    residue: &Classifier,
    planned_with: &Classifier,
    plans: &HashMap<Path, &ObjectPlan>,
    classified: &[(ObjectMeta, std::result::Result<super::Classified, Outcome>)],
    summary: &Summary,
) -> Origins {
    let mut suspects: HashMap<Path, BTreeMap<String, u128>> = HashMap::new();
    for (meta, result) in classified {
        let (Ok(c), Some(plan)) = (result, plans.get(&meta.location)) else { continue };
        for f in &c.findings {
            let column = plan.columns.get(&f.column).filter(|c| of_made_up(c));
            let threshold = planned_with.settings().threshold(&f.entity);
            let origin = origin(settings, &f.column, &f.entity, false);
            if column.is_some() && judge(&f.entity, f.score, column, origin, threshold) == Verdict::Left {
                let slots = residue.recognizers().iter().enumerate().filter(|(_, r)| r.entity == f.entity);
                let bits = slots.fold(0u128, |bits, (slot, _)| bits | 1 << slot);
                *suspects.entry(meta.location.clone()).or_default().entry(f.column.clone()).or_default() |= bits;
            }
        }
    }
    let mut spans = Origins::new();
    for (copy, columns) in suspects {
        let plan = plans[&copy];
        let deleted = summary.deleted.get(&plan.meta.location).map(|d| d.as_slice());
        let limits = &settings.sample.limits;
        let look = Some((residue, &columns));
        if let Ok(checked) = compare(source, dest, &copy, plan, planned_with, limits, deleted, look).await {
            for (column, c) in checked {
                spans.insert((copy.clone(), column), c.origins);
            }
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anonymize::plan::Rule;
    use crate::anonymize::policy::Operator;

    #[test]
    fn weak_findings_fail_where_the_plan_replaced_their_entity() {
        let rule = |entity: &str| Rule { entity: entity.into(), slot: None, operator: Operator::Redact };
        let plan = |structured, rules| ColumnPlan { rules, structured, integer: false, why: String::new() };
        let free_text = plan(false, vec![rule("PHONE_NUMBER")]);
        let structured = plan(true, vec![rule("PERSON")]);
        let named = plan(false, vec![rule("")]);
        use Origin::*;
        use Verdict::*;
        for (entity, score, column, origin, want) in [
            // Residue of what the plan replaced.
            ("PHONE_NUMBER", 0.3, Some(&free_text), Unknown, Left),
            ("IBAN_CODE", 0.35, Some(&structured), Unknown, Left),
            ("IBAN_CODE", 0.35, Some(&named), Unknown, Left),
            // The source's own weak findings: timestamps in a log line, a
            // column of version strings kept as it was.
            ("DATE_TIME", 0.3, Some(&free_text), Unknown, Doubtful),
            ("IP_ADDRESS", 0.4, None, Unknown, Doubtful),
            // At the threshold, anywhere; tokens of the entity never.
            ("IP_ADDRESS", 0.5, None, Unknown, Left),
            ("DATE_TIME", 0.6, Some(&free_text), Unknown, Left),
            ("PHONE_NUMBER", 0.9, Some(&free_text), OwnTokens, Fine),
            ("PHONE_NUMBER", 0.2, Some(&free_text), Unknown, Fine),
            // Another entity's tokens that read as a name, with no text of
            // their source rows: listed, even above the threshold.
            ("PERSON", 0.6, Some(&structured), MadeUp, Doubtful),
            ("PERSON", 0.2, Some(&structured), MadeUp, Fine),
        ] {
            assert_eq!(judge(entity, score, column, origin, 0.5), want, "{entity} {score}");
        }
    }
}
