//! PERSON: people's names, without a language model. A candidate is a run of
//! capitalised words (or `Surname, Given`, or a name after a title or a
//! salutation); it is a name when the bundled dictionaries know its given
//! name or its surname and nothing in it says company, product or place.
//! A lone word is a name only as a whole value, and weakly: a `first_name`
//! column makes it a finding, a `city` column full of `Charlotte` does not.

use super::{Method, Pattern, Recognizer};
use crate::dictionary::{self, Word, WordHasher};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::LazyLock;

/// A capitalised name word: `Kenji`, `O'Brien`, `Jean-Pierre`, `McDonald`,
/// `SMITH`. Its length is bounded by the validator ([`MAX_WORD`]), not
/// here: a counted repetition multiplies the states of the automata that
/// every value goes through.
macro_rules! word {
    () => {
        r"\p{Lu}[\p{L}'’\-]*\p{L}"
    };
}

/// A word of a script without letter case (Chinese and Japanese
/// characters, Hangul, Arabic, Hebrew, Devanagari, Thai; Georgian, whose
/// letters are all lower case): letters, their marks, and the joiners
/// Indic scripts write between them.
macro_rules! caseless_word {
    () => {
        r"[\p{Lo}\p{Lm}\p{M}\p{Georgian}\x{200C}\x{200D}]+"
    };
}

/// The longest word, in characters, that can be part of a name.
const MAX_WORD: usize = 32;

pub(super) static PERSON: Recognizer = Recognizer {
    name: "person",
    country: "global",
    entity: "PERSON",
    method: Method::Dictionary,
    patterns: &[
        Pattern {
            name: "titled_name",
            score: 0.75,
            regex: concat!(
                r"(?x)(?:(?:Mr|Mrs|Ms|Mx|Miss|Dr|Dra|Dott|Prof|Sir|Dame|Herr|Frau|Pan|Pani|Bay|Bayan|Sr|Sra|Srta|Mme|Mlle|Sig|Dear|Hello|Hi)\.?[\ ]+){1,2}",
                word!(),
                r"(?:\ ",
                word!(),
                r"){0,3}   # a title or salutation, then one to four names"
            ),
        },
        Pattern {
            name: "full_name",
            score: 0.6,
            regex: concat!(
                r"(?x)",
                word!(),
                r"(?:\ \p{Lu}\.)?   # given name, middle initial
                (?:\ (?:(?:van|von|der|den|de|del|della|da|di|du|dos|la|le|bin|ibn|al|ter|ten)\ ){0,2}",
                word!(),
                r"){1,3}   # surnames, with their particles, one space apart (two end a run: a cell, a removed word)"
            ),
        },
        Pattern {
            name: "surname_comma_given",
            score: 0.6,
            regex: concat!(r"(?x)", word!(), r",[\ ]+", word!(), r"   # Surname, Given"),
        },
        Pattern {
            name: "caseless_full_name",
            score: 0.6,
            regex: concat!(
                r"(?x)\A",
                caseless_word!(),
                r"(?:\ ",
                caseless_word!(),
                r"){1,3}\z   # two to four words of a caseless script, the whole value: 鈴木 英樹, فوزي بن لادن"
            ),
        },
        Pattern {
            name: "unspaced_name",
            score: 0.3,
            regex: r"(?x)\A(?:\p{Han}{2,4}|\p{Hangul}{2,4})\z   # surname and given name written together: 王帆, 김재호",
        },
        Pattern {
            name: "single_name",
            score: 0.1,
            regex: concat!(r"(?x)\A", word!(), r"\z   # one name, the whole value"),
        },
    ],
    validator: Some(valid),
    narrow: Some(narrow),
    context: &[
        "name",
        "names",
        "fullname",
        "firstname",
        "lastname",
        "first",
        "last",
        "given",
        "surname",
        "family",
        "middle",
        "customer",
        "client",
        "patient",
        "employee",
        "person",
        "people",
        "contact",
        "owner",
        "holder",
        "recipient",
        "sender",
        "author",
        "signatory",
        "beneficiary",
        "nombre",
        "apellido",
        "nom",
        "prenom",
        "vorname",
        "nachname",
        "cognome",
        "nome",
        "naam",
        "imie",
        "nazwisko",
        "姓名",
        "名字",
        "氏名",
        "名前",
        "이름",
        "성명",
    ],
    not_context: &[
        "company",
        "business",
        "org",
        "organization",
        "organisation",
        "employer",
        "vendor",
        "supplier",
        "merchant",
        "brand",
        "product",
        "item",
        "city",
        "town",
        "country",
        "region",
        "state",
        "county",
        "province",
        "street",
        "place",
        "location",
        "host",
        "hostname",
        "file",
        "filename",
        "domain",
        "server",
        "table",
        "column",
        "app",
        "device",
        "bank",
        "store",
        "shop",
        "team",
        "project",
        "department",
        "dept",
        "category",
        "tag",
        "label",
        "agent",
        "useragent",
        "ua",
        "browser",
    ],
    min_ratio: 0.01,
    source: "Presidio PERSON (NER) approximated by US Census 1990 and Faker name lists, GeoNames places, and title/salutation cues",
    ..Recognizer::DEFAULT
};

/// Words that make a capitalised run something other than a person's name.
const NOT_NAME_WORDS: &[&str] = &[
    // Companies and organisations.
    "inc",
    "ltd",
    "llc",
    "llp",
    "plc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "ag",
    "kg",
    "sa",
    "sas",
    "sarl",
    "spa",
    "srl",
    "bv",
    "nv",
    "ab",
    "as",
    "oy",
    "pty",
    "group",
    "holdings",
    "holding",
    "industries",
    "international",
    "global",
    "solutions",
    "systems",
    "services",
    "technologies",
    "technology",
    "labs",
    "studio",
    "studios",
    "partners",
    "associates",
    "consulting",
    "enterprises",
    "trading",
    "brothers",
    "bros",
    "sons",
    "foods",
    "motors",
    "bank",
    "insurance",
    "capital",
    "ventures",
    "foundation",
    "trust",
    "university",
    "college",
    "school",
    "hospital",
    "clinic",
    "church",
    "club",
    "hotel",
    "restaurant",
    "cafe",
    "market",
    "store",
    "shop",
    "airlines",
    "logistics",
    // Products.
    "pro",
    "max",
    "mini",
    "plus",
    "ultra",
    "lite",
    "edition",
    "series",
    "model",
    "premium",
    "deluxe",
    "classic",
    // Places and streets.
    "street",
    "grove",
    "gardens",
    "mews",
    "terrace",
    "crescent",
    "parkway",
    "highway",
    "via",
    "rue",
    "calle",
    "avenue",
    "road",
    "lane",
    "drive",
    "boulevard",
    "square",
    "park",
    "city",
    "county",
    "state",
    "river",
    "lake",
    "mount",
    "beach",
    "valley",
    "island",
    "north",
    "south",
    "east",
    "west",
    "new",
    "saint",
    "fort",
    "port",
    // Sentence words that start capitalised runs.
    "the",
    "this",
    "that",
    "these",
    "please",
    "thanks",
    "thank",
    "regards",
    "best",
    "dear",
    "hello",
    "hi",
    "our",
    "your",
    "we",
    "they",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "my",
    // German capitalises its polite pronouns mid-sentence.
    "sie",
    "ihr",
    "ihre",
    "ihnen",
    "his",
    "her",
    "its",
    "their",
    "you",
    "order",
    "account",
    "login",
    "server",
    "client",
    "user",
    "admin",
    "error",
    "warning",
    "address",
    // Software and devices, as user agents and logs name them.
    "mozilla",
    "windows",
    "linux",
    "android",
    "ubuntu",
    "intel",
    "mac",
    "macintosh",
    "iphone",
    "ipad",
    "cpu",
    "os",
    "nt",
    "gecko",
    "khtml",
    "applewebkit",
    "chrome",
    "chromium",
    "safari",
    "firefox",
    "edge",
    "opera",
    "mobile",
    "version",
    "like",
    "samsung",
    "pixel",
    "trident",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Titles and salutations, as the `titled_name` pattern lists them.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "mx", "miss", "dr", "dra", "dott", "prof", "sir", "dame", "herr", "frau", "pan", "pani", "bay",
    "bayan", "sr", "sra", "srta", "mme", "mlle", "sig", "dear", "hello", "hi",
];

/// Titles that are common nouns too (German `eine Frau`, Polish `pan`,
/// English `bay`): after them only known names are names.
const NOUN_TITLES: &[&str] = &["herr", "frau", "pan", "pani", "bay", "bayan"];

const PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "dos", "la", "le", "bin", "ibn", "al", "ter",
    "ten",
];

/// Words of [`NOT_NAME_WORDS`] that are also common English surnames
/// (US Census): after a given name, as the second of two names, they are
/// the surname (`Stephanie Church`, `Adam West`).
const SURNAME_NOUNS: &[&str] = &["church", "west", "north", "south", "east"];

/// Bits of [`kind`]: which of the word lists above hold a word.
const NOT_NAME: u8 = 1;
const TITLE: u8 = 2;
const PARTICLE: u8 = 4;
const SURNAME_NOUN: u8 = 8;
const NOUN_TITLE: u8 = 16;

/// The word lists above as one map, so that a word is looked up once
/// whatever it may be.
static LISTED: LazyLock<HashMap<&str, u8, BuildHasherDefault<WordHasher>>> = LazyLock::new(|| {
    let mut all = HashMap::default();
    for (list, bit) in [
        (NOT_NAME_WORDS, NOT_NAME),
        (TITLES, TITLE),
        (PARTICLES, PARTICLE),
        (SURNAME_NOUNS, SURNAME_NOUN),
        (NOUN_TITLES, NOUN_TITLE),
    ] {
        for word in list {
            *all.entry(*word).or_default() |= bit;
        }
    }
    all
});

/// Which lists hold `word`, in any case (0: none).
fn kind(word: &str) -> u8 {
    // The lists are ASCII (a test holds them to it): no need to lower-case
    // an accented word to know it is not there.
    if !word.is_ascii() {
        return 0;
    }
    dictionary::with_lowercase(word, |lower| LISTED.get(lower).copied().unwrap_or(0))
}

/// The most words a candidate can hold: the patterns allow two titles, a
/// middle initial and four names with two particles each.
const MAX_WORDS: usize = 12;

/// A word of a candidate with what the lists say of it.
#[derive(Clone, Copy, Default)]
struct Named {
    /// Bits of [`kind`].
    kind: u8,
    /// What the dictionaries say, hyphenated parts included.
    facts: Word,
}

/// What the word lists say of `w`: a hyphenated word is a given name (or
/// surname) when each part is (`Marthe-Noémi`, `Lloyd-Webber`); the parts
/// are looked up once for both.
fn named(w: &str) -> Named {
    let d = dictionary::get();
    let mut facts = d.word(w);
    if w.contains('-') && !(facts.given && facts.surname) {
        let (mut given, mut surname) = (true, true);
        for part in w.split('-') {
            let known = if part.is_empty() { Word::default() } else { d.word(part) };
            (given, surname) = (given && known.given, surname && known.surname);
        }
        (facts.given, facts.surname) = (facts.given || given, facts.surname || surname);
    }
    Named { kind: kind(w), facts }
}

/// Whether a word is left out of the name rules: an initial or a particle.
fn skipped(w: &str, kind: u8) -> bool {
    w.chars().nth(1).is_none() || kind & PARTICLE != 0
}

/// A word of a candidate: its byte range, what it is, and whether the name
/// rules leave it out ([`skipped`]).
type Token = (usize, usize, Named, bool);

/// The most words a candidate can hold, counting initials and particles.
const MAX_TOKENS: usize = 2 * MAX_WORDS;

/// The words of a candidate, split at spaces and commas with a trailing `.`
/// left out of each; `None` when it holds more than [`MAX_WORDS`] names,
/// more than [`MAX_TOKENS`] words, or a name longer than [`MAX_WORD`].
fn words_of(s: &str) -> Option<([Token; MAX_TOKENS], usize)> {
    let mut words = [(0, 0, Named::default(), false); MAX_TOKENS];
    let (mut n, mut names) = (0, 0);
    for (start, token) in s.split([' ', ',']).scan(0, |at, w| Some((std::mem::replace(at, *at + w.len() + 1), w))) {
        if token.is_empty() {
            continue;
        }
        let w = token.trim_end_matches('.');
        let k = kind(w);
        let skip = skipped(w, k);
        names += usize::from(!skip);
        if n == MAX_TOKENS || names > MAX_WORDS || (!skip && w.chars().nth(MAX_WORD).is_some()) {
            return None;
        }
        words[n] =
            (start, start + token.len(), if skip { Named { kind: k, ..Named::default() } } else { named(w) }, skip);
        n += 1;
    }
    Some((words, n))
}

/// The span of words `i..=j` of `s` when they are a person's name and no
/// place (`Virginia Beach`).
fn name_in(s: &str, words: &[Token], i: usize, j: usize) -> Option<std::ops::Range<usize>> {
    let mut names = [Named::default(); MAX_WORDS];
    let mut m = 0;
    for &(_, _, w, _) in words[i..=j].iter().filter(|(_, _, _, skip)| !skip) {
        names[m] = w;
        m += 1;
    }
    let r = words[i].0..words[j].1;
    (is_name(&names[..m], s[r.clone()].contains(',')) && !dictionary::get().is_place(&s[r.clone()])).then_some(r)
}

fn valid(s: &str) -> bool {
    // A company, product or place word rules the run out before any
    // dictionary lookup (as `is_name` would after them).
    let ruled_out = s.split([' ', ',']).map(|t| t.trim_end_matches('.')).any(|w| {
        let k = kind(w);
        !skipped(w, k) && k & NOT_NAME != 0 && k & (TITLE | SURNAME_NOUN) == 0
    });
    !ruled_out
        && (unspaced(s) || words_of(s).is_some_and(|(words, n)| n > 0 && name_in(s, &words[..n], 0, n - 1).is_some()))
}

/// Whether `s` is a surname and a given name written together in Chinese
/// characters or Hangul (`王帆`, `欧阳娜娜`, `김재호`, `鈴木英樹`): a known
/// surname of one or two characters, then one or two more.
fn unspaced(s: &str) -> bool {
    let han_or_hangul = |c: char| matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}' | '\u{AC00}'..='\u{D7A3}');
    let n = s.chars().count();
    (2..=4).contains(&n)
        && s.chars().all(han_or_hangul)
        && s.char_indices()
            .skip(1)
            .take(2)
            .enumerate()
            .any(|(i, (at, _))| (1..=2).contains(&(n - i - 1)) && dictionary::get().word(&s[..at]).surname)
}

/// The name rules over the words of a candidate (particles and initials
/// left out), `comma` when it is written `Surname, Given`.
fn is_name(words: &[Named], comma: bool) -> bool {
    let titles = words.iter().take_while(|w| w.kind & TITLE != 0).count();
    let names = &words[titles..];
    if names.is_empty() {
        return false;
    }
    let (given, surname) = (|i: usize| names[i].facts.given, |i: usize| names[i].facts.surname);
    let not_name = |i: usize, k: u8| {
        let surname_noun = k & SURNAME_NOUN != 0 && i == 1 && names.len() == 2 && names[0].kind == 0 && given(0);
        k & NOT_NAME != 0 && !surname_noun
    };
    // German capitalises every noun, and many nouns are somebody's name
    // somewhere (`Tisch`, `Angst`): a run holding a common word of a
    // supported language that is no common name is prose (`Winter Brot`).
    let prose = names.iter().any(|w| w.facts.common);
    if prose || names.iter().enumerate().any(|(i, w)| not_name(i, w.kind)) {
        return false;
    }
    let known = |i: usize| given(i) || surname(i);
    if titles > 0 {
        // After a title or salutation any capitalised word is a name, but
        // after one that is a noun too only known names are.
        return words[..titles].iter().any(|w| w.kind & NOUN_TITLE == 0) || (0..names.len()).all(known);
    }
    let last = names.len() - 1;
    match names.len() {
        1 => known(0),
        2 if comma => surname(0) && given(1),
        // Given name first, or surname first as in East Asian and
        // Hungarian order (the given name then known as nothing else:
        // `Teller Stein` is two German nouns, and `Stein` a surname too).
        _ => given(0) || (surname(0) && given(last) && !surname(last)),
    }
}

/// The name in a candidate inside longer text: all of it when it is one
/// (as [`valid`] says), else its longest run of two or more words that is a
/// name, the leftmost of equals: `Kenji Watanabe` of `Customer Kenji
/// Watanabe` or `Kenji Watanabe Monday`. A capitalised word at the start of
/// a sentence, or a noun after a name, would otherwise hide the name. Around
/// such a part are words that are no name, which says prose (German
/// capitalises its nouns): so none of its names may be a frequent word too
/// (`Man Hand Auto` holds no `Man Hand`). Each word is looked up once.
fn narrow(s: &str) -> Option<std::ops::Range<usize>> {
    let (words, n) = words_of(s)?;
    let words = &words[..n];
    if unspaced(s) || (n > 0 && name_in(s, words, 0, n - 1).is_some()) {
        return Some(0..s.len());
    }
    let capital = |i: usize| s[words[i].0..].starts_with(char::is_uppercase);
    let frequent = |&(_, _, w, skip): &Token| !skip && w.kind & TITLE == 0 && w.facts.name_word;
    (2..n).rev().flat_map(|len| (0..=n - len).map(move |i| (i, i + len - 1))).find_map(|(i, j)| {
        let candidate = capital(i) && capital(j) && !words[i..=j].iter().any(frequent);
        candidate.then(|| name_in(s, words, i, j)).flatten()
    })
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn word_lists_are_lower_case_ascii_that_the_lookup_can_find() {
        use super::{NOT_NAME, PARTICLE, SURNAME_NOUN, TITLE, kind};
        for (list, bit) in [
            (super::NOT_NAME_WORDS, NOT_NAME),
            (super::TITLES, TITLE),
            (super::PARTICLES, PARTICLE),
            (super::SURNAME_NOUNS, SURNAME_NOUN),
        ] {
            for w in list {
                assert!(w.len() <= 16 && w.bytes().all(|b| b.is_ascii_lowercase() || b == b'.'), "{w}");
                assert!(kind(w) & bit != 0, "{w}");
            }
        }
        assert_eq!((kind("GmbH"), kind("Kenji"), kind("DR"), kind("von")), (NOT_NAME, 0, TITLE, PARTICLE));
    }

    /// Inside text, `narrow` decides in place of `valid`: it must take a
    /// candidate whole exactly when `valid` accepts it.
    #[test]
    fn narrowing_takes_a_run_whole_exactly_when_the_validator_accepts_it() {
        let runs = [
            "Kenji Watanabe",
            "Customer Kenji Watanabe",
            "Dear Ms. Dovrin",
            "Smith, Mary",
            "Ludwig van Beethoven",
            "Mary J. Blige",
            "Virginia Beach",
            "Herr Müller",
            "Frau Küche",
            "Stephanie Church",
            "Church Street",
            "Marthe-Noémi Bernard",
            "Man Hand",
            "Acme Holdings Ltd",
            "Nguyen Anh",
            "Teller Stein",
            "Oskar",
            "Paris",
            "Dr. Eriş Adila Tarhan Akdeniz",
            "Pani Anita Imiela",
            "Hi Kenji",
            "Kenji Hi",
        ];
        for run in runs {
            assert_eq!(super::narrow(run) == Some(0..run.len()), super::valid(run), "{run}");
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]
        /// The same on runs made of names, nouns, titles, particles,
        /// places, initials and commas.
        #[test]
        fn narrowing_agrees_with_the_validator_on_generated_runs(
            words in proptest::collection::vec(proptest::sample::select(&[
                "Kenji", "Watanabe", "Mary", "Smith,", "J.", "van", "de", "Dr.", "Ms.", "Herr", "Frau", "Pani",
                "Customer", "Monday", "Church", "West", "Hand", "Man", "Tisch", "Virginia", "Beach", "Paris",
                "Marthe-Noémi", "Lloyd-Webber", "Müller", "Дмитрий", "Ltd", "Hi", "Dear", "Anna", "Stein",
                "鈴木", "英樹", "王芳", "김민준", "محمد", "東京",
            ][..]), 1..7)
        ) {
            let run = words.join(" ");
            proptest::prop_assert_eq!(super::narrow(&run) == Some(0..run.len()), super::valid(&run), "{}", run);
        }
    }

    #[test]
    fn the_titled_pattern_lists_every_title() {
        let pattern = super::PERSON.patterns[0].regex;
        let listed = pattern.split_once("(?:(?:").and_then(|(_, rest)| rest.split_once(")")).unwrap().0;
        let listed: Vec<String> = listed.split('|').map(str::to_lowercase).collect();
        assert_eq!(listed, super::TITLES);
        assert!(super::NOUN_TITLES.iter().all(|t| super::TITLES.contains(t)));
    }

    #[test]
    fn table() {
        check(
            &super::PERSON,
            &[
                ("Kenji Watanabe", Some("Kenji Watanabe")),
                // Scripts without letter case, as whole values.
                ("鈴木 英樹", Some("鈴木 英樹")),
                ("鈴木英樹", Some("鈴木英樹")),
                ("王芳", Some("王芳")),
                ("欧阳娜娜", Some("欧阳娜娜")),
                ("김민준", Some("김민준")),
                ("محمد أحمد", Some("محمد أحمد")),
                ("דוד כהן", Some("דוד כהן")),
                ("राहुल शर्मा", Some("राहुल शर्मा")),
                ("กนกเนตร กุมารบุญ", Some("กนกเนตร กุมารบุญ")),
                ("გიორგი ბერიძე", Some("გიორგი ბერიძე")),
                ("北京市", None),
                ("서울특별시", None),
                ("이메일주소", None),
                ("王", None),
                ("東京 大阪", None),
                ("请联系王芳", None),
                ("JOHN SMITH", Some("JOHN SMITH")),
                ("María José García", Some("María José García")),
                ("Ludwig van Beethoven", Some("Ludwig van Beethoven")),
                ("Mary J. Blige", Some("Mary J. Blige")),
                ("Smith, Mary", Some("Smith, Mary")),
                ("Viktor Dovrin", Some("Viktor Dovrin")),
                ("Dear Ms. Dovrin, your order shipped", Some("Dear Ms. Dovrin")),
                ("call Priya Eskel today", Some("Priya Eskel")),
                ("Oskar", Some("Oskar")),
                ("Acme Holdings Ltd", None),
                ("Jordan Brothers", None),
                ("Virginia Beach", None),
                ("Max Pro", None),
                ("lives at 42 Elm Grove", None),
                ("New York", None),
                ("The Warehouse Reported", None),
                ("Charlotte", None),
                ("Paris", None),
                ("quick brown fox", None),
                ("BEGIN PRIVATE KEY", None),
                ("Nguyen Anh", Some("Nguyen Anh")),
                // Hyphenated given names and surnames, each part known.
                ("Spoke with Marthe-Noémi Bernard today", Some("Marthe-Noémi Bernard")),
                ("Édouard-Luc Devaux", Some("Édouard-Luc Devaux")),
                ("Emma Lloyd-Webber", Some("Emma Lloyd-Webber")),
                ("Bernard, Marthe-Noémi", Some("Bernard, Marthe-Noémi")),
                ("Rock-Paper Scissors", None),
                // A capitalised word beside a name does not hide it.
                ("Customer Kenji Watanabe called", Some("Kenji Watanabe")),
                ("we met Kenji Watanabe Monday morning", Some("Kenji Watanabe")),
                ("Thanks Dr. Kenji Watanabe Monday", Some("Dr. Kenji Watanabe")),
                ("Invoice Monday Delivery", None),
                ("Man Hand Auto Katze Zimmer Berg Meer überall", None),
                ("Wichtig Oma Wiese sehen", None),
                ("Dr. Eriş Adila Tarhan Akdeniz", Some("Dr. Eriş Adila Tarhan Akdeniz")),
                ("Bayan Haliye Umuşan Sakarya Sezgin", Some("Bayan Haliye Umuşan Sakarya Sezgin")),
                ("rozmawiałem z Pani Anitą Imielą", None),
                ("Pani Anita Imiela", Some("Pani Anita Imiela")),
                ("the Bay Area Rapid Transit", None),
                ("Spoke with Luiz Otávio Pimenta today", Some("Luiz Otávio Pimenta")),
                ("Spoke with Rozalia Gula today", Some("Rozalia Gula")),
                // Four names.
                ("Spoke with Nicolas Pierre Le Besson today", Some("Nicolas Pierre Le Besson")),
                ("Şahıgül Seniha Dumanlı Şensoy", Some("Şahıgül Seniha Dumanlı Şensoy")),
                // Two spaces are where something was: a word redacted.
                ("partita IVA  Caratteristico meglio", None),
                // Surnames that are nouns, after a given name only.
                ("Spoke with Stephanie Church today", Some("Stephanie Church")),
                ("Adam West", Some("Adam West")),
                ("Church Street", None),
                ("West Church", None),
                ("My Order arrived late", None),
                // German nouns that are names somewhere.
                ("Da können Bild glauben doch Teller Stein für acht", None),
                ("Nein Fisch erzählen Tisch Bett schlafen", None),
                ("See Flasche sofort", None),
                ("Fangen allein Katze leicht Frau Küche traurig", None),
                ("Sehr geehrte Frau Schneider", Some("Frau Schneider")),
                ("Auch fertig nein rot Sie Angst oder ihr", None),
                ("My MAC address changed", None),
                ("Server Kenji restarted", None),
                (
                    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36",
                    None,
                ),
                (
                    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15",
                    None,
                ),
                ("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Mobile Safari/537.36", None),
            ],
        );
    }
}
