//! Classification, as the rest of lakeaudit sees it: the pure classifier
//! of the `lakeaudit-classify` crate (catalog, engine, verdicts, masking),
//! and [`leaves`], which turns Arrow data into the column paths and text
//! values that the classifier takes.

pub mod leaves;

pub use lakeaudit_classify::*;

use arrow::array::Array;
use arrow::record_batch::RecordBatch;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Classifies every value of a leaf array into `state`.
pub fn observe_array(classifier: &Classifier, array: &dyn Array, state: &mut ColumnState) {
    let mut observer = classifier.observer(state);
    leaves::for_each_value(array, |v| observer.push(v));
}

/// Classifies every classifiable leaf of a batch into `states` (keyed by
/// column path), the leaves in parallel.
pub fn observe_batch(classifier: &Classifier, batch: &RecordBatch, states: &mut BTreeMap<String, ColumnState>) {
    let leaves: Vec<leaves::Leaf> =
        leaves::batch_leaves(batch).into_iter().filter(|l| leaves::classifiable(&l.data_type)).collect();
    let partial: Vec<(String, ColumnState)> = leaves
        .into_par_iter()
        .filter_map(|l| {
            let array = l.array?;
            let mut state = classifier.new_state();
            observe_array(classifier, array.as_ref(), &mut state);
            Some((l.path, state))
        })
        .collect();
    merge_columns(states, partial);
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{Int64Array, StringArray};

    #[test]
    fn integers_are_classified_as_text() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let mut s = c.new_state();
        observe_array(&c, &Int64Array::from(vec![4111111111111111, 5555555555554444]), &mut s);
        let card = c.slot_of("CREDIT_CARD").unwrap();
        assert_eq!(s.entities[card].whole, 2);
    }

    #[test]
    fn an_array_is_classified_as_its_values_one_by_one() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let values = [Some("jane@example.com"), None, Some(" call 020 7946 0958 "), Some(""), Some("jane@example.com")];
        let (mut array, mut one_by_one) = (c.new_state(), c.new_state());
        observe_array(&c, &StringArray::from(values.to_vec()), &mut array);
        c.observe_all(values, &mut one_by_one);
        assert_eq!(array, one_by_one);
    }
}
