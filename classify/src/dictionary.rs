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
    given: load(include_bytes!("../data/given_names.txt.zst")),
    surnames: load(include_bytes!("../data/surnames.txt.zst")),
    places: load(include_bytes!("../data/places.txt.zst")),
    common: load(include_bytes!("../data/common_words.txt.zst")),
    name_words: load(include_bytes!("../data/name_words.txt.zst")),
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
    /// What the name and word lists say of `word` (any case), lower-cased
    /// once for all of them: PERSON asks several questions of each word, and
    /// lower-casing a non-ASCII word allocates.
    pub(crate) fn word(&self, word: &str) -> Word {
        with_lowercase(word, |w| Word {
            given: self.given.contains(w),
            surname: self.surnames.contains(w),
            common: self.common.contains(w),
            name_word: self.name_words.contains(w),
        })
    }

    /// Whether `text` (any case) is the name of a city, country or US state.
    pub(crate) fn is_place(&self, text: &str) -> bool {
        contains(&self.places, text)
    }
}

/// What the lists say of one word ([`Dictionaries::word`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Word {
    /// A known given name.
    pub given: bool,
    /// A known surname.
    pub surname: bool,
    /// Among the most frequent words of a supported language and no name
    /// people commonly have (`Brot`, `Angst`, `See`): a capitalised one is
    /// weak evidence of a name.
    pub common: bool,
    /// Among the most frequent words and a name people commonly have too
    /// (`Hand`, `Man`, `Will`, `Adam`): a name, but not one to pick out of
    /// prose.
    pub name_word: bool,
}

/// Looks `word` up in lower case.
fn contains(set: &Words, word: &str) -> bool {
    with_lowercase(word, |lower| set.contains(lower))
}

/// Calls `f` with `word` in lower case: on the stack for words of up to 64
/// bytes (lookups run on hot paths), allocated otherwise.
pub(crate) fn with_lowercase<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 64];
    if word.is_ascii() && word.len() <= buf.len() {
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return f(std::str::from_utf8(lower).expect("ASCII stays UTF-8"));
    }
    // Char by char as `str::to_lowercase` does, but for the final sigma
    // (which depends on its neighbours): that one takes the general path.
    let mut len = 0;
    for c in word.chars() {
        if c == 'Σ' {
            return f(&word.to_lowercase());
        }
        for l in c.to_lowercase() {
            if len + l.len_utf8() > buf.len() {
                return f(&word.to_lowercase());
            }
            len += l.encode_utf8(&mut buf[len..]).len();
        }
    }
    f(std::str::from_utf8(&buf[..len]).expect("encoded chars are UTF-8"))
}

#[cfg(test)]
mod tests {
    use super::get;

    #[test]
    fn lookups_ignore_case_and_cover_many_countries() {
        let d = get();
        for given in ["Mary", "JOSÉ", "Søren", "Giulia", "Łukasz", "Jean", "kenji", "Ngozi"] {
            assert!(d.word(given).given, "{given}");
        }
        for surname in ["Smith", "MÜLLER", "Rossi", "García", "Kowalski", "Nguyen", "Andersson"] {
            assert!(d.word(surname).surname, "{surname}");
        }
        for place in ["Paris", "virginia beach", "Nigeria", "São Paulo", "Texas"] {
            assert!(d.is_place(place), "{place}");
        }
        for word in ["the", "invoice", "warehouse", "xqzv"] {
            assert!(!d.word(word).given && !d.is_place(word), "{word}");
        }
        for word in ["Hand", "will", "Adam"] {
            assert!(d.word(word).name_word && !d.word(word).common, "{word}");
        }
        for word in ["Brot", "angst"] {
            assert!(d.word(word).common && !d.word(word).name_word, "{word}");
        }
        for word in ["MÜLLER", "Ærøskøbing", "ΟΔΥΣΣΕΥΣ", "Σοφία", "İstanbul", "Дмитрий", &"Ж".repeat(40)]
        {
            super::with_lowercase(word, |lower| assert_eq!(lower, word.to_lowercase()));
        }
        let kenji = d.word("KENJI");
        assert!(kenji.given && !kenji.common && !kenji.name_word);
    }
}
