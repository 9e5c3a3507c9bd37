//! Word lists compiled into the binary: given names, surnames and places,
//! for the recognizers that have no pattern of their own (PERSON, and
//! telling a person from a city). Built by `scripts/dictionaries.py` from
//! public lists (US Census name files, Faker's per-country name lists,
//! GeoNames places), stored zstd-compressed and turned into finite state
//! transducers on first use: a few hundred kilobytes for 160,000 entries,
//! looked up without allocation.

use fst::Set;
use std::sync::LazyLock;

/// The compiled word lists.
pub(crate) struct Dictionaries {
    given: Set<Vec<u8>>,
    surnames: Set<Vec<u8>>,
    places: Set<Vec<u8>>,
}

static DICTIONARIES: LazyLock<Dictionaries> = LazyLock::new(|| Dictionaries {
    given: load(include_bytes!("../../data/given_names.txt.zst")),
    surnames: load(include_bytes!("../../data/surnames.txt.zst")),
    places: load(include_bytes!("../../data/places.txt.zst")),
});

/// The dictionaries, loaded on first use.
pub(crate) fn get() -> &'static Dictionaries {
    &DICTIONARIES
}

fn load(compressed: &[u8]) -> Set<Vec<u8>> {
    // Both are part of the binary and checked by the tests below: a failure
    // here is a build defect, not an input error.
    let text = zstd::decode_all(compressed).expect("bundled dictionary decompresses");
    Set::from_iter(text.split(|b| *b == b'\n').filter(|l| !l.is_empty())).expect("bundled dictionary is sorted")
}

impl Dictionaries {
    /// Whether `word` (any case) is a known given name.
    pub(crate) fn is_given(&self, word: &str) -> bool {
        contains(&self.given, word)
    }

    /// Whether `word` (any case) is a known surname.
    pub(crate) fn is_surname(&self, word: &str) -> bool {
        contains(&self.surnames, word)
    }

    /// Whether `text` (any case) is the name of a city, country or US state.
    pub(crate) fn is_place(&self, text: &str) -> bool {
        contains(&self.places, text)
    }
}

/// Looks `word` up in lower case.
fn contains(set: &Set<Vec<u8>>, word: &str) -> bool {
    with_lowercase(word, |lower| set.contains(lower))
}

/// Calls `f` with `word` in lower case: on the stack for the usual short
/// ASCII words (lookups run on hot paths), allocated otherwise.
pub(crate) fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        f(std::str::from_utf8(lower).expect("ASCII stays UTF-8"))
    } else {
        f(&word.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::get;

    #[test]
    fn lookups_ignore_case_and_cover_many_countries() {
        let d = get();
        for given in ["Mary", "JOSÉ", "Søren", "Giulia", "Łukasz", "Jean", "kenji", "Ngozi"] {
            assert!(d.is_given(given), "{given}");
        }
        for surname in ["Smith", "MÜLLER", "Rossi", "García", "Kowalski", "Nguyen", "Andersson"] {
            assert!(d.is_surname(surname), "{surname}");
        }
        for place in ["Paris", "virginia beach", "Nigeria", "São Paulo", "Texas"] {
            assert!(d.is_place(place), "{place}");
        }
        for word in ["the", "invoice", "warehouse", "xqzv"] {
            assert!(!d.is_given(word) && !d.is_place(word), "{word}");
        }
    }
}
