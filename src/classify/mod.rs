//! Classification, as the rest of lakeaudit sees it: the pure classifier
//! of the `lakeaudit-classify` crate (catalog, engine, verdicts, masking),
//! and [`leaves`], which turns Arrow data into the column paths and text
//! values that the classifier takes.

pub mod leaves;

pub use lakeaudit_classify::*;

use arrow::array::{Array, ArrayRef, AsArray};
use arrow::datatypes::{DataType, Int64Type};
use arrow::record_batch::RecordBatch;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The findings of `values` taken as one column named `column`, any match
/// counting: for values outside the data files (partition values), where a
/// handful is all there is.
pub fn any_match<'v>(
    classifier: &Classifier,
    column: &str,
    values: impl IntoIterator<Item = &'v str>,
) -> Vec<verdict::Finding> {
    let mut state = classifier.new_state();
    classifier.observe_all(values.into_iter().map(Some), &mut state);
    verdict::findings(classifier, &state, column, verdict::Evidence::EveryMatch)
}

/// Classifies every value of a leaf array into `state`, value by value,
/// starting from what earlier arrays of the column found of its repeats,
/// and updating it.
pub fn observe_array(classifier: &Classifier, array: &dyn Array, state: &mut ColumnState, repeats: &mut Repeats) {
    let mut observer = classifier.observer_after(state, *repeats);
    leaves::for_each_value(array, |v| observer.push(v));
    *repeats = observer.repeats();
}

/// The rows of a dictionary array per entry of its dictionary: what a
/// column chunk written with a dictionary is, read without expanding it.
struct Entries {
    dictionary: ArrayRef,
    rows: Vec<u64>,
    nulls: u64,
}

impl Entries {
    /// An empty count over the dictionary of `array`, if it is a
    /// dictionary array.
    fn over(array: &dyn Array) -> Option<Self> {
        let dict = array.as_any_dictionary_opt()?;
        Some(Entries { dictionary: dict.values().clone(), rows: vec![0; dict.values().len()], nulls: 0 })
    }

    /// Adds the rows of `array`, a dictionary array over the same
    /// dictionary. A key outside the dictionary is a corrupt page: the
    /// parquet crate does not check the keys it decodes in release builds,
    /// and arrow's own `normalized_keys` would quietly clamp them.
    fn add(&mut self, array: &dyn Array) -> crate::error::Result<()> {
        let keys = array.as_any_dictionary().keys();
        let wide = arrow::compute::cast(keys, &DataType::Int64).map_err(crate::sample::parquet::corrupt_page)?;
        for (i, key) in wide.as_primitive::<Int64Type>().iter().enumerate() {
            match key.and_then(|k| usize::try_from(k).ok()).and_then(|k| self.rows.get_mut(k)) {
                Some(rows) => *rows += 1,
                None if keys.is_null(i) => self.nulls += 1,
                None => {
                    return Err(crate::error::Error::Unreadable(format!(
                        "corrupt data page: dictionary key {} outside a dictionary of {} entries",
                        key.map_or_else(|| "beyond 2^63".into(), |k| k.to_string()),
                        self.rows.len()
                    )));
                }
            }
        }
        Ok(())
    }

    /// Whether `array` is a dictionary array over the same dictionary.
    fn shares(&self, array: &dyn Array) -> bool {
        array.as_any_dictionary_opt().is_some_and(|d| {
            std::sync::Arc::ptr_eq(d.values(), &self.dictionary)
                || d.values().to_data().ptr_eq(&self.dictionary.to_data())
        })
    }

    /// Classifies each entry that some row holds, once, with its rows
    /// (distinct values: nothing for a memo to replay).
    fn observe(self, classifier: &Classifier, state: &mut ColumnState) {
        let mut observer = classifier.observer_after(state, Repeats::DISTINCT);
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
/// stream ends, and whether its values repeat.
#[derive(Default)]
pub struct Tally {
    leaves: BTreeMap<String, LeafTally>,
}

/// What a [`Tally`] holds of one leaf.
type LeafTally = (ColumnState, Option<Entries>, Repeats);

impl Tally {
    /// Classifies the classifiable leaves of `batch`, in parallel; fails on
    /// a dictionary key outside its dictionary.
    pub fn batch(&mut self, classifier: &Classifier, batch: &RecordBatch) -> crate::error::Result<()> {
        let mut work: Vec<(ArrayRef, String, LeafTally)> = leaves::batch_leaves(batch)
            .into_iter()
            .filter(|l| leaves::classifiable(&l.data_type))
            .filter_map(|l| {
                let array = l.array?;
                let leaf =
                    self.leaves.remove(&l.path).unwrap_or_else(|| (classifier.new_state(), None, Repeats::default()));
                Some((array, l.path, leaf))
            })
            .collect();
        let added: crate::error::Result<()> =
            work.par_iter_mut().try_for_each(|(array, _, (state, entries, repeats))| {
                if !entries.as_ref().is_some_and(|e| e.shares(array.as_ref())) {
                    if let Some(done) = entries.take() {
                        done.observe(classifier, state);
                    }
                    *entries = Entries::over(array.as_ref());
                }
                match entries {
                    Some(e) => e.add(array.as_ref()),
                    None => {
                        observe_array(classifier, array.as_ref(), state, repeats);
                        Ok(())
                    }
                }
            });
        for (_, path, leaf) in work {
            self.leaves.insert(path, leaf);
        }
        added
    }

    /// Each leaf's state, its last dictionary's rows classified.
    pub fn finish(self, classifier: &Classifier) -> Vec<(String, ColumnState)> {
        let mut leaves: Vec<(String, LeafTally)> = self.leaves.into_iter().collect();
        leaves.par_iter_mut().for_each(|(_, (state, entries, _))| {
            if let Some(e) = entries.take() {
                e.observe(classifier, state);
            }
        });
        leaves.into_iter().map(|(path, (state, ..))| (path, state)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{Int64Array, StringArray};
    use std::sync::Arc;

    #[test]
    fn integers_are_classified_as_text() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let mut s = c.new_state();
        observe_array(&c, &Int64Array::from(vec![4111111111111111, 5555555555554444]), &mut s, &mut Repeats::default());
        let card = c.slot_of("CREDIT_CARD").unwrap();
        assert_eq!(s.entities[card].whole, 2);
    }

    #[test]
    fn a_dictionary_key_outside_its_dictionary_is_a_corrupt_page() {
        use arrow::array::{DictionaryArray, Int32Array};
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let values = Arc::new(StringArray::from(vec!["jane@example.com", "open"])) as ArrayRef;
        let batch = |keys: Vec<Option<i32>>| {
            // As the parquet crate builds them in release builds: unchecked.
            let keys = Int32Array::from(keys);
            let dict = unsafe { DictionaryArray::new_unchecked(keys, values.clone()) };
            RecordBatch::try_from_iter([("status", Arc::new(dict) as ArrayRef)]).unwrap()
        };
        let mut tally = Tally::default();
        tally.batch(&c, &batch(vec![Some(0), None, Some(1), Some(0)])).unwrap();
        let err = tally.batch(&c, &batch(vec![Some(1), Some(2)])).unwrap_err().to_string();
        assert!(err.contains("dictionary key 2 outside a dictionary of 2 entries"), "{err}");
        let err = Tally::default().batch(&c, &batch(vec![Some(-1)])).unwrap_err().to_string();
        assert!(err.contains("dictionary key -1"), "{err}");
        // Rows counted across batches of one dictionary, nulls included.
        let mut tally = Tally::default();
        tally.batch(&c, &batch(vec![Some(0), None, Some(1), Some(0)])).unwrap();
        tally.batch(&c, &batch(vec![Some(0), None])).unwrap();
        let (_, state) = tally.finish(&c).remove(0);
        let email = c.slot_of("EMAIL_ADDRESS").unwrap();
        assert_eq!((state.sampled, state.nulls, state.entities[email].matched), (6, 2, 3));
    }

    #[test]
    fn an_array_is_classified_as_its_values_one_by_one() {
        let c = Classifier::new(ClassifySettings::default()).unwrap();
        let values = [Some("jane@example.com"), None, Some(" call 020 7946 0958 "), Some(""), Some("jane@example.com")];
        let (mut array, mut one_by_one) = (c.new_state(), c.new_state());
        observe_array(&c, &StringArray::from(values.to_vec()), &mut array, &mut Repeats::default());
        c.observe_all(values, &mut one_by_one);
        assert_eq!(array, one_by_one);
    }
}
