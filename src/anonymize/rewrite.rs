//! Rewriting Arrow data by the plan: record batches keep their schema (but
//! dropped columns), nested columns are rebuilt around their rewritten
//! leaves, dictionaries have only their values rewritten, and every value is
//! replaced at most once per array (repeats are looked up).

use super::keys::Keys;
use super::operators::{self, Context, Kind};
use super::plan::{ColumnPlan, ObjectPlan};
use super::policy::Operator;
use crate::classify::{Classifier, leaves};
use crate::error::Result;
use arrow::array::{
    Array, ArrayRef, AsArray, Decimal128Array, FixedSizeBinaryArray, FixedSizeBinaryBuilder, GenericBinaryArray,
    GenericBinaryBuilder, LargeListArray, LargeStringBuilder, ListArray, MapArray, OffsetSizeTrait, PrimitiveArray,
    PrimitiveBuilder, RecordBatch, StringBuilder, StringViewBuilder, StructArray,
};
use arrow::datatypes::{ArrowPrimitiveType, DataType, Field, Int32Type, Int64Type, Schema, UInt32Type, UInt64Type};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use xxhash_rust::xxh3::Xxh3Builder;

/// Where bytes that are not UTF-8 stand in text: one private-use code
/// point per byte value (plane 16, U+10FF00 + byte).
const RAW_BYTE: u32 = 0x10_FF00;

/// Bytes as text without loss: valid UTF-8 as it is, every other byte as
/// its stand-in, so rewriting a span of a Latin-1 value leaves the bytes
/// around it exactly as they were ([`raw_bytes`] undoes it). Text that
/// already holds stand-ins is decoded lossily instead (it could not be
/// undone).
pub(crate) fn lossless(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.into();
    }
    let stand_in = |c: char| (RAW_BYTE..=RAW_BYTE + 0xff).contains(&(c as u32));
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        if chunk.valid().chars().any(stand_in) {
            return String::from_utf8_lossy(bytes);
        }
        out.push_str(chunk.valid());
        out.extend(
            chunk.invalid().iter().map(|&b| char::from_u32(RAW_BYTE + u32::from(b)).expect("a valid code point")),
        );
    }
    out.into()
}

/// Text made by [`lossless`] (and rewritten) back to bytes.
pub(crate) fn raw_bytes(text: &str) -> std::borrow::Cow<'_, [u8]> {
    if !text.chars().any(|c| (RAW_BYTE..=RAW_BYTE + 0xff).contains(&(c as u32))) {
        return text.as_bytes().into();
    }
    let mut out = Vec::with_capacity(text.len());
    for c in text.chars() {
        match (c as u32).checked_sub(RAW_BYTE) {
            Some(b) if b <= 0xff => out.push(b as u8),
            _ => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
        }
    }
    out.into()
}

/// Whether a key-value metadata key holds a schema description only.
fn schema_only(key: &str) -> bool {
    key == "pandas" || key.starts_with("org.apache.spark.") || key.starts_with("ARROW:")
}

/// Values changed, per operator name.
pub type Counts = BTreeMap<&'static str, u64>;

/// Every operator's name (and `decrypt`, deanonymize's), for counting.
const OPERATORS: [&str; 11] = [
    "redact",
    "replace",
    "mask",
    "hash",
    "tokenize",
    "encrypt",
    "generalize",
    "keep",
    "drop",
    "decrypt",
    // Values holding `{enc:` that did not decrypt, left exactly as they were.
    "undecrypted",
];

/// The counted name `name` is, if it is one ([`Counts`] sent as text).
pub fn counted(name: &str) -> Option<&'static str> {
    OPERATORS.into_iter().find(|o| *o == name)
}

fn bit(operator: &str) -> u16 {
    1 << OPERATORS.iter().position(|o| *o == operator).expect("a known operator")
}

/// What became of one value.
enum Cell {
    /// Unchanged.
    Same,
    /// Null (a whole value redacted).
    Null,
    /// Replaced.
    New(String),
}

/// What rewriting needs besides the plan, owned so that workers on the
/// rayon pool or a blocking thread can take it along.
#[derive(Clone)]
pub struct Rewrite {
    /// Finds the spans to replace.
    pub classifier: Arc<Classifier>,
    /// The key, when the policy needs one.
    pub keys: Option<Arc<Keys>>,
    /// Undo `encrypt` instead (deanonymize).
    pub restore: bool,
}

impl Rewrite {
    /// A rewriter of the batches of the object `plan` is for.
    pub fn rewriter<'a>(&'a self, plan: &'a ObjectPlan) -> Rewriter<'a> {
        Rewriter::new(&self.classifier, self.keys.as_deref(), plan, self.restore)
    }
}

/// Rewrites the batches of one object.
pub struct Rewriter<'a> {
    classifier: &'a Classifier,
    keys: Option<&'a Keys>,
    plan: &'a ObjectPlan,
    /// Values changed, per operator.
    pub counts: Counts,
    /// The operators that changed the value being rewritten, a bit each
    /// (positions in [`OPERATORS`]).
    applied: u16,
    /// Undo `encrypt` in every text column instead (deanonymize).
    restore: Option<ColumnPlan>,
}

impl<'a> Rewriter<'a> {
    /// A rewriter for `plan`; with `restore`, one that instead undoes what
    /// `encrypt` sealed in every text column, with the key it was sealed with.
    pub fn new(classifier: &'a Classifier, keys: Option<&'a Keys>, plan: &'a ObjectPlan, restore: bool) -> Self {
        assert!(!restore || keys.is_some(), "restoring needs the key");
        Self { classifier, keys, plan, counts: Counts::new(), applied: 0, restore: restore.then(ColumnPlan::restored) }
    }

    /// What happens to the column at `path`, if anything.
    pub fn planned(&self, path: &str) -> Option<&ColumnPlan> {
        self.restore.as_ref().or_else(|| self.plan.columns.get(self.plan.logical(path).as_ref()))
    }

    /// The values of one planned column of text (CSV), rewritten.
    pub fn column<'v>(&mut self, path: &str, values: impl Iterator<Item = Option<&'v str>>) -> Vec<Option<String>> {
        let plan = self.planned(path).expect("a planned column").clone();
        let mut out = Vec::new();
        self.each(&plan, true, Kind::Text, &|_| true, values, |o| out.push(o.map(str::to_owned)));
        out
    }

    /// One value rewritten by `plan` (a partition value; with restore,
    /// undone instead).
    pub fn partition_value(&mut self, plan: &ColumnPlan, value: Option<&str>) -> Option<String> {
        let plan = self.restore.clone().unwrap_or_else(|| plan.clone());
        let mut out = None;
        self.each(&plan, true, Kind::Text, &|_| true, std::iter::once(value), |o| out = o.map(str::to_owned));
        out
    }

    /// Whether the top-level column `name` is in the copy (not dropped).
    pub fn keeps(&self, name: &str) -> bool {
        let segment = leaves::segment(name);
        !self.plan.dropped.iter().any(|d| *d == self.plan.logical(&segment))
    }

    /// The schema of rewritten batches: `schema` without dropped columns.
    ///
    /// Of the source's key-value metadata, only what describes the schema
    /// is kept (pandas' and Spark's); anything else may hold values of the
    /// source and is left out. Statistics, page indexes and bloom filters
    /// are written anew from the copy's values.
    pub fn schema(&self, schema: &Schema) -> Arc<Schema> {
        let fields: Vec<_> = schema.fields().iter().filter(|f| self.keeps(f.name())).cloned().collect();
        let metadata = schema.metadata().iter().filter(|(k, _)| schema_only(k)).map(|(k, v)| (k.clone(), v.clone()));
        Arc::new(Schema::new_with_metadata(fields, metadata.collect()))
    }

    /// `batch` rewritten.
    pub fn batch(&mut self, batch: &RecordBatch) -> Result<RecordBatch> {
        let schema = batch.schema();
        let mut columns = Vec::with_capacity(batch.num_columns());
        for (field, array) in schema.fields().iter().zip(batch.columns()) {
            if self.keeps(field.name()) {
                columns.push(self.array(&leaves::segment(field.name()), field, array)?);
            }
        }
        Ok(RecordBatch::try_new(self.schema(&schema), columns)?)
    }

    /// Whether any planned column is `path` or below it.
    fn touches(&self, path: &str) -> bool {
        let path = self.plan.logical(path);
        self.restore.is_some()
            || self.plan.columns.range(path.to_string()..).next().is_some_and(|(c, _)| {
                c == path.as_ref() || c.strip_prefix(path.as_ref()).is_some_and(|rest| rest.starts_with('.'))
            })
    }

    fn array(&mut self, path: &str, field: &Field, array: &ArrayRef) -> Result<ArrayRef> {
        if !self.touches(path) {
            return Ok(array.clone());
        }
        Ok(match field.data_type() {
            DataType::Struct(children) => {
                let s = array.as_struct();
                let columns = children
                    .iter()
                    .zip(s.columns())
                    .map(|(child, a)| self.array(&leaves::child(path, child.name()), child, a))
                    .collect::<Result<Vec<_>>>()?;
                Arc::new(StructArray::try_new(children.clone(), columns, s.nulls().cloned())?)
            }
            DataType::List(item) => {
                let l = array.as_list::<i32>();
                let values = self.array(path, item, l.values())?;
                Arc::new(ListArray::try_new(item.clone(), l.offsets().clone(), values, l.nulls().cloned())?)
            }
            DataType::LargeList(item) => {
                let l = array.as_list::<i64>();
                let values = self.array(path, item, l.values())?;
                Arc::new(LargeListArray::try_new(item.clone(), l.offsets().clone(), values, l.nulls().cloned())?)
            }
            DataType::Map(entries, sorted) => {
                let m = array.as_map();
                let DataType::Struct(kv) = entries.data_type() else { return Ok(array.clone()) };
                let e = m.entries();
                let columns = kv
                    .iter()
                    .zip(e.columns())
                    .map(|(child, a)| self.array(&leaves::child(path, child.name()), child, a))
                    .collect::<Result<Vec<_>>>()?;
                let e = StructArray::try_new(kv.clone(), columns, e.nulls().cloned())?;
                Arc::new(MapArray::try_new(entries.clone(), m.offsets().clone(), e, m.nulls().cloned(), *sorted)?)
            }
            DataType::Dictionary(_, value_type) => {
                let d = array.as_any_dictionary();
                let values_field = Field::new(field.name(), value_type.as_ref().clone(), true);
                let values = self.array(path, &values_field, d.values())?;
                d.with_values(values)
            }
            _ => match self.planned(path).cloned() {
                Some(plan) => self.leaf(&plan, field.is_nullable(), array),
                None => array.clone(),
            },
        })
    }

    fn leaf(&mut self, plan: &ColumnPlan, nullable: bool, array: &ArrayRef) -> ArrayRef {
        let (len, text) = (array.len(), Kind::Text);
        match array.data_type() {
            DataType::Utf8 => {
                let mut b = StringBuilder::with_capacity(len, array.to_data().buffers()[1].len());
                self.each(plan, nullable, text, &|_| true, array.as_string::<i32>().iter(), |o| b.append_option(o));
                Arc::new(b.finish())
            }
            DataType::LargeUtf8 => {
                let mut b = LargeStringBuilder::with_capacity(len, array.to_data().buffers()[1].len());
                self.each(plan, nullable, text, &|_| true, array.as_string::<i64>().iter(), |o| b.append_option(o));
                Arc::new(b.finish())
            }
            DataType::Utf8View => {
                let mut b = StringViewBuilder::with_capacity(len);
                self.each(plan, nullable, text, &|_| true, array.as_string_view().iter(), |o| b.append_option(o));
                Arc::new(b.finish())
            }
            DataType::Binary => Arc::new(self.binary(plan, nullable, array.as_binary::<i32>())),
            DataType::FixedSizeBinary(size) => {
                Arc::new(self.fixed(plan, nullable, array.as_fixed_size_binary(), *size))
            }
            DataType::LargeBinary => Arc::new(self.binary(plan, nullable, array.as_binary::<i64>())),
            DataType::Int32 => Arc::new(self.integers::<Int32Type>(plan, nullable, array.as_primitive())),
            DataType::Int64 => Arc::new(self.integers::<Int64Type>(plan, nullable, array.as_primitive())),
            DataType::UInt32 => Arc::new(self.integers::<UInt32Type>(plan, nullable, array.as_primitive())),
            DataType::UInt64 => Arc::new(self.integers::<UInt64Type>(plan, nullable, array.as_primitive())),
            DataType::Decimal128(p, s) => {
                let a: &Decimal128Array = array.as_primitive();
                let out: Decimal128Array = self.integers(plan, nullable, a);
                Arc::new(out.with_precision_and_scale(*p, *s).expect("the input's precision and scale"))
            }
            // Types that cannot hold text are never planned.
            _ => array.clone(),
        }
    }

    fn binary<O: OffsetSizeTrait>(
        &mut self,
        plan: &ColumnPlan,
        nullable: bool,
        a: &GenericBinaryArray<O>,
    ) -> GenericBinaryArray<O> {
        let texts: Vec<Option<std::borrow::Cow<'_, str>>> = a.iter().map(|v| v.map(lossless)).collect();
        let mut b = GenericBinaryBuilder::<O>::new();
        self.each(plan, nullable, Kind::Text, &|_| true, texts.iter().map(|v| v.as_deref()), |o| {
            b.append_option(o.map(raw_bytes))
        });
        b.finish()
    }

    /// Fixed-size values keep their size: a result of another length (a
    /// `replace` label) becomes a mask of the value's length.
    fn fixed(
        &mut self,
        plan: &ColumnPlan,
        nullable: bool,
        a: &FixedSizeBinaryArray,
        size: i32,
    ) -> FixedSizeBinaryArray {
        let texts: Vec<Option<std::borrow::Cow<'_, str>>> = a.iter().map(|v| v.map(lossless)).collect();
        let mut b = FixedSizeBinaryBuilder::with_capacity(a.len(), size);
        let masked = vec![b'*'; size as usize];
        self.each(plan, nullable, Kind::Text, &|_| true, texts.iter().map(|v| v.as_deref()), |o| match o {
            Some(text) => {
                let bytes = raw_bytes(text);
                let value = if bytes.len() == size as usize { &bytes[..] } else { &masked[..] };
                b.append_value(value).expect("the column's size");
            }
            None => b.append_null(),
        });
        b.finish()
    }

    fn integers<T: ArrowPrimitiveType>(
        &mut self,
        plan: &ColumnPlan,
        nullable: bool,
        a: &PrimitiveArray<T>,
    ) -> PrimitiveArray<T>
    where
        T::Native: std::fmt::Display + std::str::FromStr,
    {
        let texts: Vec<Option<String>> = a.iter().map(|v| v.map(|n| n.to_string())).collect();
        let fits = |s: &str| s.parse::<T::Native>().is_ok();
        let mut b = PrimitiveBuilder::<T>::with_capacity(a.len());
        self.each(plan, nullable, Kind::Integer, &fits, texts.iter().map(|v| v.as_deref()), |o| {
            b.append_option(o.and_then(|s| s.parse::<T::Native>().ok()))
        });
        b.finish()
    }

    /// Rewrites `values`, handing each result to `emit` in order (`None`:
    /// null; where the column allows no null, empty text or zero). Each
    /// distinct value is rewritten once; in a structured column with one
    /// operator whose result does not depend on the value (`replace`,
    /// `redact`), once per call.
    fn each<'v>(
        &mut self,
        plan: &ColumnPlan,
        nullable: bool,
        kind: Kind,
        fits: &dyn Fn(&str) -> bool,
        values: impl Iterator<Item = Option<&'v str>>,
        mut emit: impl FnMut(Option<&str>),
    ) {
        let constant = self.restore.is_none()
            && plan.structured
            && plan.rules.len() == 1
            && matches!(plan.rules[0].operator, Operator::Replace { .. } | Operator::Redact);
        let mut memo: HashMap<&'v str, u32, Xxh3Builder> = HashMap::with_hasher(Xxh3Builder::new());
        let mut done: Vec<(Cell, u16)> = Vec::new();
        let mut counts = [0u64; OPERATORS.len()];
        let empty = if kind == Kind::Integer { "0" } else { "" };
        for v in values {
            let Some(v) = v else {
                emit(if nullable { None } else { Some(empty) });
                continue;
            };
            if v.trim().is_empty() {
                emit(Some(v));
                continue;
            }
            let at = if constant && !done.is_empty() {
                0
            } else if let Some(&at) = memo.get(v) {
                at as usize
            } else {
                done.push(self.cell(plan, kind, fits, v));
                if !constant {
                    memo.insert(v, (done.len() - 1) as u32);
                }
                done.len() - 1
            };
            let (cell, applied) = &done[at];
            for (i, n) in counts.iter_mut().enumerate() {
                *n += u64::from(applied >> i & 1);
            }
            match cell {
                Cell::Same => emit(Some(v)),
                Cell::Null => emit(if nullable { None } else { Some(empty) }),
                Cell::New(new) => emit(Some(new)),
            }
        }
        for (op, n) in OPERATORS.iter().zip(counts) {
            if n > 0 {
                *self.counts.entry(op).or_default() += n;
            }
        }
    }

    /// One value rewritten, and the operators that changed it (a bit each).
    fn cell(&mut self, plan: &ColumnPlan, kind: Kind, fits: &dyn Fn(&str) -> bool, v: &str) -> (Cell, u16) {
        self.applied = 0;
        let cell = match self.value(plan, kind, fits, v) {
            None => Cell::Null,
            Some(new) if new == v => Cell::Same,
            Some(new) => Cell::New(new),
        };
        (cell, std::mem::take(&mut self.applied))
    }

    /// One value rewritten: the spans the column's recognizers find, or the
    /// whole value in a structured column.
    fn value(&mut self, plan: &ColumnPlan, kind: Kind, fits: &dyn Fn(&str) -> bool, v: &str) -> Option<String> {
        if self.restore.is_some() {
            return Some(self.restored(v));
        }
        let spans =
            if plan.structured && plan.rules.len() == 1 { Vec::new() } else { self.classifier.spans(v, plan.slots()) };
        let whole = spans.len() == 1 && spans[0].range.len() == v.trim().len();
        if spans.is_empty() || whole || kind == Kind::Integer {
            let rule = match spans.first() {
                Some(s) if whole => plan.rule(s.slot).expect("spans of the plan's slots"),
                _ if plan.structured => &plan.rules[0],
                _ => return Some(v.to_owned()),
            };
            return self.apply(rule, kind, fits, if whole { v.trim() } else { v });
        }
        let mut out = String::with_capacity(v.len());
        let mut at = 0;
        for s in &spans {
            out.push_str(&v[at..s.range.start]);
            let rule = plan.rule(s.slot).expect("spans of the plan's slots");
            if let Some(new) = self.apply(rule, Kind::Text, fits, &v[s.range.clone()]) {
                out.push_str(&new);
            }
            at = s.range.end;
        }
        out.push_str(&v[at..]);
        Some(out)
    }

    /// `v` with every `{enc:...}` it holds decrypted; one the key does not
    /// open stays as it is.
    fn restored(&mut self, v: &str) -> String {
        let keys = self.keys.expect("restoring needs the key");
        let mut out = String::with_capacity(v.len());
        let mut rest = v;
        while let Some(start) = rest.find(operators::ENCRYPTED_PREFIX) {
            let body = &rest[start + operators::ENCRYPTED_PREFIX.len()..];
            let end = body.find('}').unwrap_or(body.len());
            out.push_str(&rest[..start]);
            match operators::decrypt(keys, &body[..end]).filter(|_| end < body.len()) {
                Some(plain) => {
                    out.push_str(&plain);
                    self.applied |= bit("decrypt");
                }
                None => {
                    // Left exactly as it was, its closing brace included.
                    let closed = (end < body.len()) as usize;
                    out.push_str(&rest[start..start + operators::ENCRYPTED_PREFIX.len() + end + closed]);
                    self.applied |= bit("undecrypted");
                }
            }
            rest = body.get(end + 1..).unwrap_or("");
            if end == body.len() {
                break;
            }
        }
        out.push_str(rest);
        out
    }

    fn apply(&mut self, rule: &super::plan::Rule, kind: Kind, fits: &dyn Fn(&str) -> bool, v: &str) -> Option<String> {
        let classifier = self.classifier;
        let recognized = |t: &str| rule.slot.is_some_and(|s| classifier.accepts_whole(s, t));
        let recognizer = rule.slot.map(|s| classifier.recognizers()[s]);
        let (checksum, secret) = recognizer.map_or((false, false), |r| (r.checksum, r.secret));
        let ctx = Context { keys: self.keys, fits, recognized: &recognized, checksum, secret };
        let out = operators::apply(&rule.operator, &rule.entity, v, kind, &ctx);
        if out.as_deref() != Some(v) {
            self.applied |= bit(rule.operator.name());
        }
        out
    }
}
