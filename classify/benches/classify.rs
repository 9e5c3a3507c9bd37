//! The classifier on one core: values per second on short structured values
//! (a realistic mix of personal data, decoys and plain words), and bytes per
//! second on free text. `cargo bench -p lakeaudit-classify`.

use divan::counter::{BytesCount, ItemsCount};
use divan::{Bencher, black_box};
use lakeaudit_classify::{Classifier, ClassifySettings};
use lakegen::values::{self, Rng};
use std::sync::LazyLock;

static CLASSIFIER: LazyLock<Classifier> = LazyLock::new(|| Classifier::new(ClassifySettings::default()).unwrap());

fn main() {
    divan::main();
}

/// Kinds of short value: one in four personal, the rest decoys and words.
const SHORT_KINDS: &[fn(&mut Rng) -> String] = &[
    values::email,
    values::phone,
    values::card,
    values::iban,
    values::ip,
    values::mac,
    values::ssn,
    values::nhs,
    values::uuid,
    values::sku,
    values::isbn,
    values::version,
    values::timestamp,
    values::order_number,
    values::name,
    |r| values::sentence(r, 2),
    |r| r.range(0, 1_000_000).to_string(),
    |r| values::sentence(r, 1),
];

/// 10,000 short values, the kinds in turn: the hardest mix, every kind
/// competing for the automata's cache in one column.
fn short_values() -> Vec<String> {
    let mut r = Rng::new(42);
    (0..10_000).map(|i| SHORT_KINDS[i % SHORT_KINDS.len()](&mut r)).collect()
}

/// 2,000 lines of free text, a few with an email, phone, IP, name or
/// street address inside.
fn free_text() -> Vec<String> {
    let mut r = Rng::new(7);
    (0..2_000)
        .map(|i| {
            let s = values::sentence(&mut r, 30);
            match i % 20 {
                0 => format!("{s} contact {} today", values::email(&mut r)),
                1 => format!("{s} call {} now", values::phone(&mut r)),
                2 => format!("{s} from {}", values::ip(&mut r)),
                3 => format!("Dear {}, {s}", values::name(&mut r)),
                4 => format!("{s} ship to {}", lakegen::people::street_address(&mut r)),
                _ => s,
            }
        })
        .collect()
}

/// Classifies `values` as one column, counting values per second.
fn per_value(bencher: Bencher, values: Vec<String>) {
    let count = ItemsCount::new(values.len());
    classify(bencher.counter(count), values);
}

/// Classifies `values` as one column, counting bytes per second.
fn per_byte(bencher: Bencher, values: Vec<String>) {
    let count = BytesCount::new(values.iter().map(String::len).sum::<usize>());
    classify(bencher.counter(count), values);
}

fn classify(bencher: Bencher, values: Vec<String>) {
    bencher.bench(|| {
        let mut state = CLASSIFIER.new_state();
        CLASSIFIER.observe_all(black_box(&values).iter().map(|v| Some(v.as_str())), &mut state);
        state
    });
}

#[divan::bench]
fn short_values_full_catalog(bencher: Bencher) {
    per_value(bencher, short_values());
}

/// The same kinds as a table holds them, a column of 10,000 values each,
/// classified column by column as a scan does.
#[divan::bench]
fn short_values_by_column_full_catalog(bencher: Bencher) {
    let mut r = Rng::new(42);
    let columns: Vec<Vec<String>> =
        SHORT_KINDS.iter().map(|kind| (0..10_000).map(|_| kind(&mut r)).collect()).collect();
    bencher.counter(ItemsCount::new(columns.iter().map(|c| c.len()).sum::<usize>())).bench(|| {
        columns
            .iter()
            .map(|c| {
                let mut state = CLASSIFIER.new_state();
                CLASSIFIER.observe_all(black_box(c).iter().map(|v| Some(v.as_str())), &mut state);
                state
            })
            .collect::<Vec<_>>()
    });
}

#[divan::bench]
fn free_text_full_catalog(bencher: Bencher) {
    per_byte(bencher, free_text());
}

/// 2,000 lines mixing scripts, accents, digits and punctuation: the input
/// most likely to make the lazy DFA learn many states.
fn mixed_text() -> Vec<String> {
    const PIECES: &[&str] = &[
        "Müller",
        "Ærøskøbing",
        "São",
        "Łódź",
        "Þórður",
        "Дмитрий",
        "Санкт-Петербург",
        "東京都",
        "김민준",
        "Αθήνα",
        "naïve",
        "façade",
        "№",
        "€12,50",
        "#A-17/b",
        "(0)",
        "ß",
        "İstanbul",
        "ğ",
        "Nguyễn",
        "42",
        "x=3;",
        "e-mail:",
    ];
    let mut r = Rng::new(11);
    (0..2_000).map(|_| (0..30).map(|_| r.pick(PIECES)).collect::<Vec<&str>>().join(" ")).collect()
}

#[divan::bench]
fn mixed_scripts_full_catalog(bencher: Bencher) {
    per_byte(bencher, mixed_text());
}

/// 10,000 values of a column that repeats itself: 200 customers' emails,
/// phones and names, as an orders table holds them.
#[divan::bench]
fn repeating_column_full_catalog(bencher: Bencher) {
    let mut r = Rng::new(5);
    let distinct: Vec<String> = (0..200).map(|i| [values::email, values::phone, values::name][i % 3](&mut r)).collect();
    let picks: Vec<&str> = distinct.iter().map(String::as_str).collect();
    per_value(bencher, (0..10_000).map(|_| r.pick(&picks).to_string()).collect());
}

/// 5,000 ciphertexts as `anonymize`'s `encrypt` writes them
/// (`{enc:BASE64URL}`) and 5,000 bare base64 tokens: random text, on which
/// the automata learn a state at nearly every byte and the engine goes
/// pattern by pattern (see its docs).
#[divan::bench(args = ["{enc:", ""])]
fn random_tokens(bencher: Bencher, prefix: &str) {
    let mut r = Rng::new(5);
    let tokens = (0..5_000)
        .map(|_| {
            let token = values::token(&mut r);
            if prefix.is_empty() { token } else { format!("{prefix}{token}}}") }
        })
        .collect();
    per_value(bencher, tokens);
}

/// The floor: visiting every value without classifying it.
#[divan::bench]
fn short_values_floor(bencher: Bencher) {
    let values = short_values();
    bencher.counter(ItemsCount::new(values.len())).bench(|| black_box(&values).iter().map(String::len).sum::<usize>());
}

/// The columns of the scan bench's lake (`lakegen::customers`), 20,000
/// values each, one column at a time: which kinds of value a full scan
/// spends its time on.
#[divan::bench(args = ["customer_id", "full_name", "email", "phone", "ip", "app_version", "session_id", "signup_at", "notes", "mac", "os"])]
fn bench_lake_column(bencher: Bencher, column: &str) {
    let mut r = Rng::new(9);
    let kind: fn(&mut Rng) -> String = match column {
        "customer_id" => |r| (100_000 + r.range(0, 1_000_000)).to_string(),
        "full_name" => values::name,
        "email" => values::email,
        "phone" => values::phone,
        "ip" => values::ip,
        "app_version" => values::version,
        "session_id" => values::uuid,
        "signup_at" => values::timestamp,
        "notes" => |r| values::sentence(r, 8),
        "mac" => values::mac,
        _ => |r| r.pick(&["ios", "android", "linux"]).to_owned(),
    };
    per_value(bencher, (0..20_000).map(|_| kind(&mut r)).collect());
}
