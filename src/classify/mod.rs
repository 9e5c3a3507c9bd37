//! Classification, as the rest of lakeaudit sees it: the pure classifier
//! of the `lakeaudit-classify` crate (catalog, engine, verdicts, masking),
//! and [`leaves`], which turns Arrow data into the column paths and text
//! values that the classifier takes.

pub mod leaves;

pub use lakeaudit_classify::*;

use arrow::array::{Array, ArrayRef, AsArray};
use arrow::record_batch::RecordBatch;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Classifies every value of a leaf array into `state`; a dictionary
/// array's entries once each, with the rows that hold them.
pub fn observe_array(classifier: &Classifier, array: &dyn Array, state: &mut ColumnState) {
    match Entries::of(array) {
        Some(entries) => entries.observe(classifier, state),
        None => {
            let mut observer = classifier.observer(state);
            leaves::for_each_value(array, |v| observer.push(v));
        }
    }
}

/// Classifies every classifiable leaf of a batch into `states` (keyed by
/// column path), the leaves in parallel.
pub fn observe_batch(classifier: &Classifier, batch: &RecordBatch, states: &mut BTreeMap<String, ColumnState>) {
    let mut tally = Tally::default();
    tally.batch(classifier, batch);
    merge_columns(states, tally.finish(classifier));
}

/// The rows of a dictionary array per entry of its dictionary: what a
/// column chunk written with a dictionary is, read without expanding it.
struct Entries {
    dictionary: ArrayRef,
    rows: Vec<u64>,
    nulls: u64,
}

impl Entries {
    /// The counts of `array`, if it is a dictionary array.
    fn of(array: &dyn Array) -> Option<Self> {
        let dict = array.as_any_dictionary_opt()?;
        let mut entries = Entries { dictionary: dict.values().clone(), rows: vec![0; dict.values().len()], nulls: 0 };
        entries.add(array);
        Some(entries)
    }

    /// Adds the rows of `array`, a dictionary array over the same dictionary.
    fn add(&mut self, array: &dyn Array) {
        let dict = array.as_any_dictionary();
        if self.rows.is_empty() {
            // No entries: every row is null (`normalized_keys` needs one).
            self.nulls += array.len() as u64;
            return;
        }
        let keys = dict.normalized_keys();
        match dict.keys().nulls() {
            None => keys.iter().for_each(|&k| self.rows[k] += 1),
            Some(nulls) => {
                for (i, &k) in keys.iter().enumerate() {
                    match nulls.is_valid(i) {
                        true => self.rows[k] += 1,
                        false => self.nulls += 1,
                    }
                }
            }
        }
    }

    /// Whether `array` is a dictionary array over the same dictionary.
    fn shares(&self, array: &dyn Array) -> bool {
        array.as_any_dictionary_opt().is_some_and(|d| {
            std::sync::Arc::ptr_eq(d.values(), &self.dictionary)
                || d.values().to_data().ptr_eq(&self.dictionary.to_data())
        })
    }

    /// Classifies each entry that some row holds, once, with its rows.
    fn observe(self, classifier: &Classifier, state: &mut ColumnState) {
        let mut observer = classifier.observer(state);
        let mut rows = self.rows.iter();
        leaves::for_each_value(self.dictionary.as_ref(), |v| {
            let n = rows.next().copied().unwrap_or(0);
            observer.push_counted(v, n);
        });
        observer.push_counted(None, self.nulls);
    }
}

/// Classification of a stream of batches (a row group, a CSV object): each
/// leaf's state, and the rows of the dictionary its batches share, counted
/// across batches and classified once when the dictionary changes or the
/// stream ends.
#[derive(Default)]
pub struct Tally {
    leaves: BTreeMap<String, (ColumnState, Option<Entries>)>,
}

impl Tally {
    /// Classifies the classifiable leaves of `batch`, in parallel.
    pub fn batch(&mut self, classifier: &Classifier, batch: &RecordBatch) {
        let mut work: Vec<(ArrayRef, String, ColumnState, Option<Entries>)> = leaves::batch_leaves(batch)
            .into_iter()
            .filter(|l| leaves::classifiable(&l.data_type))
            .filter_map(|l| {
                let array = l.array?;
                let (state, entries) = self.leaves.remove(&l.path).unwrap_or_else(|| (classifier.new_state(), None));
                Some((array, l.path, state, entries))
            })
            .collect();
        work.par_iter_mut().for_each(|(array, _, state, entries)| match entries {
            Some(e) if e.shares(array.as_ref()) => e.add(array.as_ref()),
            _ => {
                if let Some(done) = entries.take() {
                    done.observe(classifier, state);
                }
                match Entries::of(array.as_ref()) {
                    Some(e) => *entries = Some(e),
                    None => observe_array(classifier, array.as_ref(), state),
                }
            }
        });
        for (_, path, state, entries) in work {
            self.leaves.insert(path, (state, entries));
        }
    }

    /// Each leaf's state, its last dictionary's rows classified.
    pub fn finish(self, classifier: &Classifier) -> Vec<(String, ColumnState)> {
        let mut leaves: Vec<(String, (ColumnState, Option<Entries>))> = self.leaves.into_iter().collect();
        leaves.par_iter_mut().for_each(|(_, (state, entries))| {
            if let Some(e) = entries.take() {
                e.observe(classifier, state);
            }
        });
        leaves.into_iter().map(|(path, (state, _))| (path, state)).collect()
    }
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
