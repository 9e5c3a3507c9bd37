//! SQL functions for analysts, backed by the classifier:
//! `pii_entities(text)` lists the entity types found in a value,
//! `pii_redact(text)` replaces each found span with `<ENTITY>`.

use crate::classify::Classifier;
use arrow::array::{ArrayRef, AsArray, ListBuilder, StringBuilder};
use arrow::datatypes::{DataType, Field};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarUDF, Volatility, create_udf};
use std::sync::Arc;

/// Every recognizer's slot, a bit each.
fn all_slots(classifier: &Classifier) -> u128 {
    match classifier.recognizers().len() {
        n if n >= 128 => u128::MAX,
        n => (1u128 << n) - 1,
    }
}

/// The first argument as text (any type Arrow can cast to text).
fn text(args: &[ColumnarValue]) -> Result<ArrayRef> {
    let array = ColumnarValue::values_to_arrays(args)?.remove(0);
    Ok(arrow::compute::cast(&array, &DataType::Utf8)?)
}

/// `pii_entities(text)`: the entity types found in each value, in order of
/// appearance, each once.
pub fn pii_entities(classifier: Arc<Classifier>) -> ScalarUDF {
    let item = Arc::new(Field::new("item", DataType::Utf8, true));
    let fun = move |args: &[ColumnarValue]| -> Result<ColumnarValue> {
        let values = text(args)?;
        let mut out = ListBuilder::new(StringBuilder::new());
        let slots = all_slots(&classifier);
        for v in values.as_string::<i32>() {
            let Some(v) = v else {
                out.append_null();
                continue;
            };
            let mut seen: Vec<&str> = Vec::new();
            for span in classifier.spans(v, slots) {
                let entity = classifier.recognizers()[span.slot].entity;
                if !seen.contains(&entity) {
                    seen.push(entity);
                    out.values().append_value(entity);
                }
            }
            out.append(true);
        }
        Ok(ColumnarValue::Array(Arc::new(out.finish())))
    };
    create_udf("pii_entities", vec![DataType::Utf8], DataType::List(item), Volatility::Immutable, Arc::new(fun))
}

/// `pii_redact(text)`: each value with every span found replaced by `<ENTITY>`.
pub fn pii_redact(classifier: Arc<Classifier>) -> ScalarUDF {
    let fun = move |args: &[ColumnarValue]| -> Result<ColumnarValue> {
        let values = text(args)?;
        let slots = all_slots(&classifier);
        let mut out = StringBuilder::new();
        for v in values.as_string::<i32>() {
            let Some(v) = v else {
                out.append_null();
                continue;
            };
            let mut redacted = String::with_capacity(v.len());
            let mut at = 0;
            for span in classifier.spans(v, slots) {
                redacted.push_str(&v[at..span.range.start]);
                redacted.push('<');
                redacted.push_str(classifier.recognizers()[span.slot].entity);
                redacted.push('>');
                at = span.range.end;
            }
            redacted.push_str(&v[at..]);
            out.append_value(redacted);
        }
        Ok(ColumnarValue::Array(Arc::new(out.finish())))
    };
    create_udf("pii_redact", vec![DataType::Utf8], DataType::Utf8, Volatility::Immutable, Arc::new(fun))
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::prelude::SessionContext;

    #[tokio::test]
    async fn functions_find_and_redact() {
        let c = Arc::new(Classifier::new(Default::default()).unwrap());
        let ctx = SessionContext::new();
        ctx.register_udf(pii_entities(c.clone()));
        ctx.register_udf(pii_redact(c));
        let sql = "SELECT pii_entities('mail jane@example.com from 10.1.2.3') AS e, \
                   pii_redact('mail jane@example.com from 10.1.2.3') AS r, pii_redact(NULL) AS n";
        let batches = ctx.sql(sql).await.unwrap().collect().await.unwrap();
        let text = arrow::util::pretty::pretty_format_batches(&batches).unwrap().to_string();
        assert!(text.contains("[EMAIL_ADDRESS, IP_ADDRESS]"), "{text}");
        assert!(text.contains("mail <EMAIL_ADDRESS> from <IP_ADDRESS>"), "{text}");
    }

    #[tokio::test]
    async fn overlapping_matches_are_labelled_by_strength_not_catalog_order() {
        let c = Arc::new(Classifier::new(Default::default()).unwrap());
        let ctx = SessionContext::new();
        ctx.register_udf(pii_entities(c));
        // Valid national IDs whose digits other recognizers' shapes also
        // take: the checksum-validated entity wins.
        for (text, entity) in [
            ("id 1101700203166", "TH_TNIN"),
            ("kimlik 10000000146", "TR_NATIONAL_ID"),
            ("id 8001015009087", "ZA_ID_NUMBER"),
            ("ust DE136695976", "DE_VAT_ID"),
            ("Login from 10.1.2.3 failed.", "IP_ADDRESS"),
            ("wonder. src=26.130.53.149", "IP_ADDRESS"),
        ] {
            let sql = format!("SELECT pii_entities('{text}') AS e");
            let batches = ctx.sql(&sql).await.unwrap().collect().await.unwrap();
            let found = arrow::util::pretty::pretty_format_batches(&batches).unwrap().to_string();
            assert!(found.contains(&format!("[{entity}]")), "{text}: {found}");
        }
    }
}
