//! Rewriting Arrow data by the plan: record batches keep their schema (but
//! dropped columns), nested columns are rebuilt around their rewritten
//! leaves, dictionaries have only their values rewritten, and every value is
//! replaced at most once per array (repeats are looked up).

use super::keys::Keys;
use super::operators::{self, Context, Kind};
use super::plan::{ColumnPlan, ObjectPlan};
use crate::classify::Classifier;
use crate::error::Result;
use arrow::array::{
    Array, ArrayRef, AsArray, Decimal128Array, GenericByteArray, LargeListArray, LargeStringArray, ListArray, MapArray,
    PrimitiveArray, RecordBatch, StringArray, StringViewArray, StructArray,
};
use arrow::datatypes::{
    ArrowPrimitiveType, ByteArrayType, DataType, Field, Int32Type, Int64Type, Schema, UInt32Type, UInt64Type,
};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Values changed, per operator name.
pub type Counts = BTreeMap<&'static str, u64>;

/// Rewrites the batches of one object.
pub struct Rewriter<'a> {
    classifier: &'a Classifier,
    keys: Option<&'a Keys>,
    plan: &'a ObjectPlan,
    /// Values changed, per operator.
    pub counts: Counts,
    /// The operators that changed the value being rewritten.
    applied: Vec<&'static str>,
    /// Undo `encrypt` in every text column instead (deanonymize).
    restore: Option<ColumnPlan>,
}

impl<'a> Rewriter<'a> {
    /// A rewriter for `plan`.
    pub fn new(classifier: &'a Classifier, keys: Option<&'a Keys>, plan: &'a ObjectPlan) -> Self {
        Self { classifier, keys, plan, counts: Counts::new(), applied: Vec::new(), restore: None }
    }

    /// A rewriter that restores what `encrypt` sealed in the columns of
    /// `plan`, with the key it was sealed with.
    pub fn restoring(classifier: &'a Classifier, keys: &'a Keys, plan: &'a ObjectPlan) -> Self {
        let every = ColumnPlan { rules: Vec::new(), structured: false, integer: false };
        Self { restore: Some(every), ..Self::new(classifier, Some(keys), plan) }
    }

    /// What happens to the column at `path`, if anything.
    pub fn planned(&self, path: &str) -> Option<&ColumnPlan> {
        self.restore.as_ref().or_else(|| self.plan.columns.get(path))
    }

    /// The values of one planned column of text (CSV), rewritten.
    pub fn column<'v>(&mut self, path: &str, values: impl Iterator<Item = Option<&'v str>>) -> Vec<Option<String>> {
        let plan = self.planned(path).expect("a planned column").clone();
        self.values(&plan, true, Kind::Text, values).collect()
    }

    /// The schema of rewritten batches: `schema` without dropped columns.
    pub fn schema(&self, schema: &Schema) -> Arc<Schema> {
        let fields: Vec<_> =
            schema.fields().iter().filter(|f| !self.plan.dropped.contains(f.name())).cloned().collect();
        Arc::new(Schema::new_with_metadata(fields, schema.metadata().clone()))
    }

    /// `batch` rewritten.
    pub fn batch(&mut self, batch: &RecordBatch) -> Result<RecordBatch> {
        let schema = batch.schema();
        let mut columns = Vec::with_capacity(batch.num_columns());
        for (field, array) in schema.fields().iter().zip(batch.columns()) {
            if !self.plan.dropped.contains(field.name()) {
                columns.push(self.array(field.name(), field, array)?);
            }
        }
        Ok(RecordBatch::try_new(self.schema(&schema), columns)?)
    }

    /// Whether any planned column is `path` or below it.
    fn touches(&self, path: &str) -> bool {
        self.restore.is_some()
            || self
                .plan
                .columns
                .range(path.to_owned()..)
                .next()
                .is_some_and(|(c, _)| c == path || c.strip_prefix(path).is_some_and(|rest| rest.starts_with('.')))
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
                    .map(|(child, a)| self.array(&format!("{path}.{}", child.name()), child, a))
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
                    .map(|(child, a)| self.array(&format!("{path}.{}", child.name()), child, a))
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
        match array.data_type() {
            DataType::Utf8 => Arc::new(self.text::<StringArray>(plan, nullable, array.as_string::<i32>())),
            DataType::LargeUtf8 => Arc::new(self.text::<LargeStringArray>(plan, nullable, array.as_string::<i64>())),
            DataType::Utf8View => {
                let a = array.as_string_view();
                Arc::new(StringViewArray::from_iter(self.values(plan, nullable, Kind::Text, a.iter())))
            }
            DataType::Binary => Arc::new(self.binary(plan, nullable, array.as_binary::<i32>())),
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

    fn text<A>(&mut self, plan: &ColumnPlan, nullable: bool, a: &A) -> A
    where
        for<'b> &'b A: IntoIterator<Item = Option<&'b str>>,
        A: FromIterator<Option<String>>,
    {
        self.values(plan, nullable, Kind::Text, a.into_iter()).collect()
    }

    fn binary<T: ByteArrayType<Native = [u8]>>(
        &mut self,
        plan: &ColumnPlan,
        nullable: bool,
        a: &GenericByteArray<T>,
    ) -> GenericByteArray<T> {
        let texts: Vec<Option<std::borrow::Cow<'_, str>>> = a.iter().map(|v| v.map(String::from_utf8_lossy)).collect();
        let out = self.values(plan, nullable, Kind::Text, texts.iter().map(|v| v.as_deref()));
        out.into_iter().collect::<Vec<Option<String>>>().iter().map(|v| v.as_deref().map(str::as_bytes)).collect()
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
        let out = self.values_with(plan, nullable, Kind::Integer, &fits, texts.iter().map(|v| v.as_deref()));
        out.into_iter().map(|v| v.and_then(|s| s.parse::<T::Native>().ok())).collect::<Vec<_>>().into_iter().collect()
    }

    fn values<'v>(
        &mut self,
        plan: &ColumnPlan,
        nullable: bool,
        kind: Kind,
        values: impl Iterator<Item = Option<&'v str>>,
    ) -> std::vec::IntoIter<Option<String>> {
        self.values_with(plan, nullable, kind, &|_| true, values)
    }

    /// Every value rewritten, each distinct one once; a null where the
    /// column allows none becomes empty text (or zero).
    fn values_with<'v>(
        &mut self,
        plan: &ColumnPlan,
        nullable: bool,
        kind: Kind,
        fits: &dyn Fn(&str) -> bool,
        values: impl Iterator<Item = Option<&'v str>>,
    ) -> std::vec::IntoIter<Option<String>> {
        let mut seen: HashMap<&'v str, (Option<String>, Vec<&'static str>)> = HashMap::new();
        let empty = || Some(if kind == Kind::Integer { "0" } else { "" }.to_owned());
        let out: Vec<Option<String>> = values
            .map(|v| {
                let v = v?;
                if v.trim().is_empty() {
                    return Some(v.to_owned());
                }
                if !seen.contains_key(v) {
                    let done = self.value(plan, kind, fits, v);
                    seen.insert(v, (done, std::mem::take(&mut self.applied)));
                }
                let (new, applied) = &seen[v];
                for op in applied {
                    *self.counts.entry(op).or_default() += 1;
                }
                if new.is_none() && !nullable { empty() } else { new.clone() }
            })
            .collect();
        out.into_iter()
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
                    self.applied.push("decrypt");
                }
                None => out.push_str(&rest[start..start + operators::ENCRYPTED_PREFIX.len() + end]),
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
        let checksum = rule.slot.filter(|&s| self.classifier.recognizers()[s].checksum);
        let classifier = self.classifier;
        let accept = |t: &str| fits(t) && checksum.is_none_or(|s| classifier.accepts_whole(s, t));
        let out =
            operators::apply(&rule.operator, &rule.entity, v, kind, &Context { keys: self.keys, accept: &accept });
        if out.as_deref() != Some(v) {
            self.applied.push(rule.operator.name());
        }
        out
    }
}
