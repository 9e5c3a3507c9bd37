//! Word lists compiled into the binary: given names, surnames and places,
//! for the recognizers that have no pattern of their own (PERSON, and
//! telling a person from a city), and the common words of the supported
//! languages, apart and among common names (`scripts/common_words.py`).
//! Built by `scripts/dictionaries.py` from
//! public lists (US Census name files, Faker's per-country name lists,
//! GeoNames places), stored zstd-compressed (440 KB for 160,000 entries)
//! and turned into hash sets over the decompressed text on first use: a
//! lookup is one hash and one comparison, without allocation. (Finite state
//! transducers held the lists in a few hundred kilobytes rather than about
//! four megabytes, but walking them made names the slowest values of
//! benches/classify.rs: as hash sets, names classify twice as fast.)

use std::collections::HashSet;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// The compiled word lists.
pub(crate) struct Dictionaries {
    given: Words,
    surnames: Words,
    places: Words,
    /// Common words that are no common names (`scripts/common_words.py`).
    common: Words,
    /// Common words that are common names too (`Hand`, `Will`).
    name_words: Words,
}

/// A set of lower-case words (or phrases).
pub(crate) type Words = HashSet<&'static str, BuildHasherDefault<WordHasher>>;

/// xxh3 over a word's bytes: short keys hash in a few nanoseconds, where
/// the standard library's SipHash takes several times that.
#[derive(Default)]
pub(crate) struct WordHasher(u64);

impl Hasher for WordHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.rotate_left(5) ^ xxhash_rust::xxh3::xxh3_64(bytes);
    }
    fn write_u8(&mut self, b: u8) {
        self.0 = self.0.rotate_left(5) ^ u64::from(b);
    }
}

static DICTIONARIES: LazyLock<Dictionaries> = LazyLock::new(|| Dictionaries {
    given: load(include_bytes!("../../data/given_names.txt.zst")),
    surnames: load(include_bytes!("../../data/surnames.txt.zst")),
    places: load(include_bytes!("../../data/places.txt.zst")),
    common: load(include_bytes!("../../data/common_words.txt.zst")),
    name_words: load(include_bytes!("../../data/name_words.txt.zst")),
});

/// The dictionaries, loaded on first use.
pub(crate) fn get() -> &'static Dictionaries {
    &DICTIONARIES
}

fn load(compressed: &[u8]) -> Words {
    // Both are part of the binary and checked by the tests below: a failure
    // here is a build defect, not an input error. The text lives as long as
    // the process, as the static holding the set does.
    let text = zstd::decode_all(compressed).expect("bundled dictionary decompresses");
    let text: &'static str = String::from_utf8(text).expect("bundled dictionary is UTF-8").leak();
    text.lines().filter(|l| !l.is_empty()).collect()
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

    /// Whether `word` (any case) is among the most frequent words of a
    /// supported language and not a name people commonly have (`Brot`,
    /// `Angst`, `See`): a capitalised one is weak evidence of a name.
    pub(crate) fn is_common_word(&self, word: &str) -> bool {
        contains(&self.common, word)
    }

    /// Whether `word` (any case) is among the most frequent words of a
    /// supported language and a name people commonly have too (`Hand`,
    /// `Man`, `Will`, `Adam`): a name, but not one to pick out of prose.
    pub(crate) fn is_name_word(&self, word: &str) -> bool {
        contains(&self.name_words, word)
    }

    /// Whether `text` (any case) is the name of a city, country or US state.
    pub(crate) fn is_place(&self, text: &str) -> bool {
        contains(&self.places, text)
    }
}

/// Looks `word` up in lower case.
fn contains(set: &Words, word: &str) -> bool {
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
        for word in ["Hand", "will", "Adam"] {
            assert!(d.is_name_word(word) && !d.is_common_word(word), "{word}");
        }
        assert!(!d.is_name_word("Kenji") && !d.is_name_word("Brot"));
    }
}
