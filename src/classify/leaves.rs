//! Leaf columns: how nested Arrow data maps to the dotted column paths of the
//! report (`user.device.ip`), and how a leaf's values are seen as text.
//!
//! Struct fields become path segments; list elements stay under their list's
//! path; map keys and values become `path.key` and `path.value`. A name that
//! holds a dot is backquoted (`` `user.email` ``), so a column named
//! `user.email` and the field `email` of a struct `user` never share a path. Integers
//! and zero-scale decimals are classified through their decimal text, since
//! phone and card numbers are often stored as numbers.

use arrow::array::{
    Array, ArrayRef, AsArray, BinaryArray, BinaryViewArray, Decimal128Array, LargeBinaryArray, LargeStringArray,
    StringArray, StringViewArray,
};
use arrow::datatypes::{DataType, Field, Int32Type, Int64Type, UInt32Type, UInt64Type};

/// One leaf of a schema, and its values when read.
#[derive(Debug, Clone)]
pub struct Leaf {
    /// Dotted path.
    pub path: String,
    /// The leaf's Arrow type.
    pub data_type: DataType,
    /// Its values, flattened out of lists and structs.
    pub array: Option<ArrayRef>,
}

/// Whether values of this type can hold personal data as text.
pub fn classifiable(dt: &DataType) -> bool {
    match dt {
        DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::FixedSizeBinary(_)
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt32
        | DataType::UInt64 => true,
        DataType::Decimal128(_, 0) => true,
        DataType::Dictionary(_, v) => classifiable(v),
        _ => false,
    }
}

/// A name as one segment of a path: backquoted when it holds a dot or a
/// backquote (which is doubled).
pub fn segment(name: &str) -> std::borrow::Cow<'_, str> {
    match name.contains(['.', '`']) {
        true => format!("`{}`", name.replace('`', "``")).into(),
        false => name.into(),
    }
}

/// Whether `path` names a top-level column (no dot outside backquotes).
pub fn top_level(path: &str) -> bool {
    let mut quoted = false;
    for c in path.chars() {
        match c {
            '`' => quoted = !quoted,
            '.' if !quoted => return false,
            _ => {}
        }
    }
    true
}

/// The path of the field `name` below `path`.
pub fn child(path: &str, name: &str) -> String {
    format!("{path}.{}", segment(name))
}

/// The leaves of a schema, without values.
pub fn schema_leaves(fields: &[arrow::datatypes::FieldRef]) -> Vec<Leaf> {
    let mut out = Vec::new();
    for f in fields {
        walk(&segment(f.name()), f, None, &mut out);
    }
    out
}

/// The leaves of a batch, with their values.
pub fn batch_leaves(batch: &arrow::record_batch::RecordBatch) -> Vec<Leaf> {
    let mut out = Vec::new();
    for (f, col) in batch.schema().fields().iter().zip(batch.columns()) {
        walk(&segment(f.name()), f, Some(col.clone()), &mut out);
    }
    out
}

fn walk(path: &str, field: &Field, array: Option<ArrayRef>, out: &mut Vec<Leaf>) {
    match field.data_type() {
        DataType::Struct(children) => {
            for (i, child) in children.iter().enumerate() {
                let a = array.as_ref().map(|a| a.as_struct().column(i).clone());
                walk(&self::child(path, child.name()), child, a, out);
            }
        }
        DataType::List(item) | DataType::LargeList(item) | DataType::FixedSizeList(item, _) => {
            walk(path, item, array.map(list_values), out);
        }
        DataType::Map(entries, _) => {
            let a = array.map(|a| std::sync::Arc::new(a.as_map().entries().clone()) as ArrayRef);
            let DataType::Struct(kv) = entries.data_type() else {
                return;
            };
            for (i, child) in kv.iter().enumerate() {
                let c = a.as_ref().map(|a| a.as_struct().column(i).clone());
                walk(&self::child(path, child.name()), child, c, out);
            }
        }
        dt => out.push(Leaf { path: path.to_owned(), data_type: dt.clone(), array }),
    }
}

/// The element values a list array refers to (only the referenced slice).
fn list_values(a: ArrayRef) -> ArrayRef {
    match a.data_type() {
        DataType::List(_) => {
            let l = a.as_list::<i32>();
            let (start, end) = (l.value_offsets()[0] as usize, l.value_offsets()[l.len()] as usize);
            l.values().slice(start, end - start)
        }
        DataType::LargeList(_) => {
            let l = a.as_list::<i64>();
            let (start, end) = (l.value_offsets()[0] as usize, l.value_offsets()[l.len()] as usize);
            l.values().slice(start, end - start)
        }
        _ => {
            let l = a.as_fixed_size_list();
            let n = l.value_length() as usize;
            l.values().slice(l.offset() * n, l.len() * n)
        }
    }
}

/// Calls `f` with every value of a classifiable array as text (`None` for
/// nulls). Binary is decoded lossily: bad bytes never stop a scan.
pub fn for_each_value(array: &dyn Array, mut f: impl FnMut(Option<&str>)) {
    fn strings<'a>(it: impl Iterator<Item = Option<&'a str>>, f: &mut impl FnMut(Option<&str>)) {
        it.for_each(f);
    }
    fn bytes<'a>(it: impl Iterator<Item = Option<&'a [u8]>>, f: &mut impl FnMut(Option<&str>)) {
        it.for_each(|v| f(v.map(String::from_utf8_lossy).as_deref()));
    }
    fn ints<T: itoa::Integer + Copy>(it: impl Iterator<Item = Option<T>>, f: &mut impl FnMut(Option<&str>)) {
        let mut buf = itoa::Buffer::new();
        it.for_each(|v| f(v.map(|x| buf.format(x))));
    }
    let any = array.as_any();
    match array.data_type() {
        DataType::Utf8 => strings(any.downcast_ref::<StringArray>().expect("utf8").iter(), &mut f),
        DataType::LargeUtf8 => strings(any.downcast_ref::<LargeStringArray>().expect("utf8").iter(), &mut f),
        DataType::Utf8View => strings(any.downcast_ref::<StringViewArray>().expect("utf8").iter(), &mut f),
        DataType::Binary => bytes(any.downcast_ref::<BinaryArray>().expect("bin").iter(), &mut f),
        DataType::LargeBinary => bytes(any.downcast_ref::<LargeBinaryArray>().expect("bin").iter(), &mut f),
        DataType::BinaryView => bytes(any.downcast_ref::<BinaryViewArray>().expect("bin").iter(), &mut f),
        DataType::FixedSizeBinary(_) => bytes(array.as_fixed_size_binary().iter(), &mut f),
        DataType::Int32 => ints(array.as_primitive::<Int32Type>().iter(), &mut f),
        DataType::Int64 => ints(array.as_primitive::<Int64Type>().iter(), &mut f),
        DataType::UInt32 => ints(array.as_primitive::<UInt32Type>().iter(), &mut f),
        DataType::UInt64 => ints(array.as_primitive::<UInt64Type>().iter(), &mut f),
        DataType::Decimal128(_, 0) => ints(any.downcast_ref::<Decimal128Array>().expect("dec").iter(), &mut f),
        DataType::Dictionary(_, _) => {
            if let Ok(plain) = arrow::compute::cast(array, &DataType::Utf8) {
                for_each_value(plain.as_ref(), f);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{Int64Array, ListArray, MapBuilder, StringBuilder, StructArray};
    use arrow::datatypes::Int32Type as I32;
    use arrow::record_batch::RecordBatch;
    use std::sync::Arc;

    #[test]
    fn nested_paths_and_values() {
        let device = StructArray::from(vec![(
            Arc::new(Field::new("ip", DataType::Utf8, true)),
            Arc::new(StringArray::from(vec!["203.0.113.1", "203.0.113.2"])) as ArrayRef,
        )]);
        let user = StructArray::from(vec![(
            Arc::new(Field::new("device", device.data_type().clone(), true)),
            Arc::new(device) as ArrayRef,
        )]);
        let tags = ListArray::from_iter_primitive::<I32, _, _>(vec![Some(vec![Some(1), Some(2)]), Some(vec![Some(3)])]);
        let mut mb = MapBuilder::new(None, StringBuilder::new(), StringBuilder::new());
        mb.keys().append_value("k");
        mb.values().append_value("v");
        mb.append(true).unwrap();
        mb.append(true).unwrap();
        let batch = RecordBatch::try_from_iter(vec![
            ("user", Arc::new(user) as ArrayRef),
            ("tags", Arc::new(tags) as ArrayRef),
            ("attrs", Arc::new(mb.finish()) as ArrayRef),
            ("n", Arc::new(Int64Array::from(vec![Some(4111111111111111), None])) as ArrayRef),
        ])
        .unwrap();
        let leaves = batch_leaves(&batch);
        let paths: Vec<&str> = leaves.iter().map(|l| l.path.as_str()).collect();
        assert_eq!(paths, ["user.device.ip", "tags", "attrs.keys", "attrs.values", "n"]);
        assert_eq!(schema_leaves(batch.schema().fields()).len(), 5);
        let mut seen = Vec::new();
        for l in &leaves {
            for_each_value(l.array.as_ref().unwrap().as_ref(), |v| seen.push(v.map(str::to_owned)));
        }
        let seen: Vec<Option<&str>> = seen.iter().map(Option::as_deref).collect();
        assert_eq!(
            seen,
            [
                Some("203.0.113.1"),
                Some("203.0.113.2"),
                Some("1"),
                Some("2"),
                Some("3"),
                Some("k"),
                Some("v"),
                Some("4111111111111111"),
                None
            ]
        );
    }

    #[test]
    fn invalid_utf8_is_lossy() {
        let a = BinaryArray::from(vec![&b"ok\xff"[..]]);
        let mut got = None;
        for_each_value(&a, |v| got = v.map(str::to_owned));
        assert_eq!(got.as_deref(), Some("ok\u{fffd}"));
    }
}
