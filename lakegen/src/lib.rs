//! lakegen writes synthetic data lakes for lakeaudit: a small labelled lake
//! (`testdata/lake`, with its truth file) that tests measure precision and
//! recall on, and large lakes for benches. Every value is generated: valid by
//! its identifier's specification, and belonging to nobody.

pub mod ids;
pub mod people;
pub mod secrets;
pub mod values;

use arrow::array::{ArrayRef, Float64Array, Int64Array, ListBuilder, StringArray, StringBuilder, StructArray};
use arrow::datatypes::{DataType, Field};
use arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use values::Rng;

/// One labelled column: the dataset (folder below the lake), the column path
/// and the entity it holds.
pub type Label = (&'static str, &'static str, &'static str);

/// The truth of the small lake: every column that holds personal data.
/// Columns not listed hold none (decoys included).
pub const TRUTH: &[Label] = &[
    ("customers", "full_name", "PERSON"),
    ("customers", "email", "EMAIL_ADDRESS"),
    ("customers", "phone", "PHONE_NUMBER"),
    ("customers", "last_ip", "IP_ADDRESS"),
    ("customers", "notes", "EMAIL_ADDRESS"),
    ("customers", "device.mac", "MAC_ADDRESS"),
    ("customers", "device.ip", "IP_ADDRESS"),
    ("customers", "contacts", "EMAIL_ADDRESS"),
    ("payments", "card_number", "CREDIT_CARD"),
    ("payments", "card_display", "CREDIT_CARD"),
    ("payments", "iban", "IBAN_CODE"),
    ("payments", "wallet", "CRYPTO"),
    ("hr", "name", "PERSON"),
    ("hr", "ssn", "US_SSN"),
    ("hr", "nhs_number", "UK_NHS"),
    ("hr", "mobile", "PHONE_NUMBER"),
    ("hr", "homepage", "URL"),
    ("hr", "review", "PHONE_NUMBER"),
    ("logs", "client_ip", "IP_ADDRESS"),
    ("logs", "message", "EMAIL_ADDRESS"),
    ("logs", "message", "IP_ADDRESS"),
    ("events", "column_2", "EMAIL_ADDRESS"),
    ("events", "column_3", "MAC_ADDRESS"),
    ("events", "column_4", "IBAN_CODE"),
    ("warehouse/orders", "billing_iban", "IBAN_CODE"),
    ("ids", "itin", "US_ITIN"),
    ("ids", "passport_number", "US_PASSPORT"),
    ("ids", "dl_number", "US_DRIVER_LICENSE"),
    ("ids", "bank_account", "US_BANK_NUMBER"),
    ("ids", "routing_number", "ABA_ROUTING_NUMBER"),
    ("ids", "dea_number", "MEDICAL_LICENSE"),
    ("ids", "nino", "UK_NINO"),
    ("ids", "nif", "ES_NIF"),
    ("ids", "nie", "ES_NIE"),
    ("ids", "codice_fiscale", "IT_FISCAL_CODE"),
    ("ids", "partita_iva", "IT_VAT_CODE"),
    ("ids", "patente", "IT_DRIVER_LICENSE"),
    ("ids", "passaporto", "IT_PASSPORT"),
    ("ids", "carta_identita", "IT_IDENTITY_CARD"),
    ("ids", "pesel", "PL_PESEL"),
    ("ids", "nric", "SG_NRIC_FIN"),
    ("ids", "uen", "SG_UEN"),
    ("ids", "abn", "AU_ABN"),
    ("ids", "acn", "AU_ACN"),
    ("ids", "tfn", "AU_TFN"),
    ("ids", "medicare_number", "AU_MEDICARE"),
    ("ids", "pan", "IN_PAN"),
    ("ids", "aadhaar", "IN_AADHAAR"),
    ("ids", "gstin", "IN_GSTIN"),
    ("ids", "in_passport_no", "IN_PASSPORT"),
    ("ids", "voter_id", "IN_VOTER"),
    ("ids", "vehicle_reg", "IN_VEHICLE_REGISTRATION"),
    ("ids", "hetu", "FI_PERSONAL_IDENTITY_CODE"),
    ("ids", "rrn", "KR_RRN"),
    ("ids", "frn", "KR_FRN"),
    ("ids", "brn", "KR_BRN"),
    ("ids", "kr_driver_license", "KR_DRIVER_LICENSE"),
    ("ids", "kr_passport", "KR_PASSPORT"),
    ("ids", "thai_national_id", "TH_TNIN"),
    ("ids", "date_of_birth", "DATE_TIME"),
    ("ids", "sin", "CA_SIN"),
    ("ids", "steuer_id", "DE_TAX_ID"),
    ("ids", "rentenversicherungsnummer", "DE_SOCIAL_SECURITY"),
    ("ids", "kvnr", "DE_HEALTH_INSURANCE"),
    ("ids", "personnummer", "SE_PERSONNUMMER"),
    ("ids", "orgnr", "SE_ORGANISATIONSNUMMER"),
    ("ids", "nin", "NG_NIN"),
    ("ids", "ng_plate", "NG_VEHICLE_REGISTRATION"),
    ("ids", "ph_tin", "PH_TIN"),
    ("ids", "tc_kimlik_no", "TR_NATIONAL_ID"),
    ("ids", "za_id_number", "ZA_ID_NUMBER"),
    ("ids", "ust_idnr", "DE_VAT_ID"),
    ("ids", "vkn", "TR_TAX_ID"),
    ("ids", "bvn", "NG_BVN"),
    ("ids", "upi_id", "IN_UPI"),
    ("ids", "philhealth_no", "PH_HEALTH_INSURANCE"),
    ("ids", "umid_crn", "PH_UMID"),
    ("ids", "ph_passport_no", "PH_PASSPORT"),
    ("ids", "se_passport_no", "SE_PASSPORT_NUMBER"),
    ("ids", "plaka", "TR_LICENSE_PLATE"),
    ("ids", "reisepass_nr", "DE_PASSPORT"),
    ("ids", "kennzeichen", "DE_KFZ"),
    ("ids", "za_passport_no", "ZA_PASSPORT"),
    ("ids", "drivers_licence", "ZA_DRIVER_LICENSE"),
    ("ids", "vat_no", "ZA_VAT_NUMBER"),
    ("ids", "sars_income_tax_ref", "ZA_INCOME_TAX_NUMBER"),
    ("secrets", "aws_access_key_id", "AWS_ACCESS_KEY"),
    ("secrets", "aws_secret_access_key", "AWS_SECRET_KEY"),
    ("secrets", "github_token", "GITHUB_TOKEN"),
    ("secrets", "slack_bot_token", "SLACK_TOKEN"),
    ("secrets", "stripe_secret_key", "STRIPE_KEY"),
    ("secrets", "google_api_key", "GOOGLE_API_KEY"),
    ("secrets", "id_token", "JWT"),
    ("secrets", "tls_private_key", "PRIVATE_KEY"),
    ("secrets", "database_url", "PASSWORD"),
    ("crm", "customer_name", "PERSON"),
    ("crm", "first_name", "PERSON"),
    ("crm", "note", "PERSON"),
    ("crm", "street_address", "LOCATION"),
    ("crm", "nationality", "NRP"),
];

fn strings(n: usize, r: &mut Rng, f: impl Fn(&mut Rng) -> String) -> ArrayRef {
    Arc::new(StringArray::from_iter_values((0..n).map(|_| f(r))))
}

fn write_parquet(path: &Path, batch: &RecordBatch, row_group_rows: usize) -> std::io::Result<()> {
    std::fs::create_dir_all(path.parent().expect("has parent"))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::default()))
        .set_max_row_group_row_count(Some(row_group_rows))
        .build();
    let mut w = ArrowWriter::try_new(std::fs::File::create(path)?, batch.schema(), Some(props))
        .map_err(std::io::Error::other)?;
    w.write(batch).map_err(std::io::Error::other)?;
    w.close().map_err(std::io::Error::other)?;
    Ok(())
}

/// The customers table: names, emails, phones, IPs, free-text notes with a
/// few emails, a nested device struct, a list of contacts, and decoys
/// (sequential ids, versions, UUIDs, timestamps).
pub fn customers(rows: usize, r: &mut Rng) -> RecordBatch {
    let device = StructArray::from(vec![
        (Arc::new(Field::new("mac", DataType::Utf8, true)), strings(rows, r, values::mac)),
        (Arc::new(Field::new("ip", DataType::Utf8, true)), strings(rows, r, values::ip)),
        (
            Arc::new(Field::new("os", DataType::Utf8, true)),
            strings(rows, r, |r| r.pick(&["ios", "android", "linux"]).to_owned()),
        ),
    ]);
    let mut contacts = ListBuilder::new(StringBuilder::new());
    for _ in 0..rows {
        for _ in 0..r.range(0, 2) {
            contacts.values().append_value(values::email(r));
        }
        contacts.append(true);
    }
    RecordBatch::try_from_iter(vec![
        ("customer_id", Arc::new(Int64Array::from_iter_values((0..rows as i64).map(|i| 100_000 + i))) as ArrayRef),
        ("full_name", strings(rows, r, values::name)),
        ("email", strings(rows, r, values::email)),
        ("phone", strings(rows, r, values::phone)),
        ("last_ip", strings(rows, r, values::ip)),
        ("app_version", strings(rows, r, values::version)),
        ("session_id", strings(rows, r, values::uuid)),
        ("signup_at", strings(rows, r, values::timestamp)),
        (
            "notes",
            strings(rows, r, |r| {
                let s = values::sentence(r, 8);
                if r.chance(0.08) { format!("{s} reply to {} asap", values::email(r)) } else { s }
            }),
        ),
        ("device", Arc::new(device) as ArrayRef),
        ("contacts", Arc::new(contacts.finish()) as ArrayRef),
        ("lifetime_value", Arc::new(Float64Array::from_iter_values((0..rows).map(|i| i as f64 * 1.5))) as ArrayRef),
    ])
    .expect("valid batch")
}

/// The payments table: cards stored as integers and as grouped text, IBANs,
/// wallets, and card lookalikes (order numbers failing Luhn, ISBNs, SKUs,
/// SHA-1 digests).
pub fn payments(rows: usize, r: &mut Rng) -> RecordBatch {
    let cards: Vec<i64> = (0..rows).map(|_| values::card(r).parse().expect("digits")).collect();
    RecordBatch::try_from_iter(vec![
        ("payment_id", strings(rows, r, values::uuid)),
        ("card_number", Arc::new(Int64Array::from(cards)) as ArrayRef),
        ("card_display", strings(rows, r, values::card_grouped)),
        ("iban", strings(rows, r, values::iban)),
        ("wallet", strings(rows, r, values::wallet)),
        ("order_ref", strings(rows, r, values::order_number)),
        ("isbn", strings(rows, r, values::isbn)),
        ("sku", strings(rows, r, values::sku)),
        ("receipt_sha1", strings(rows, r, values::sha1_hex)),
        ("amount", Arc::new(Float64Array::from_iter_values((0..rows).map(|i| (i % 500) as f64 + 0.99))) as ArrayRef),
    ])
    .expect("valid batch")
}

type Gen = fn(&mut Rng) -> String;

/// The ids table: a labelled column per national, tax and financial
/// identifier of the catalog, each under the name a real table would give it,
/// and decoys shaped like them (reference numbers failing checksums, batch
/// and product codes, tracking numbers, event dates).
pub fn national_ids(rows: usize, r: &mut Rng) -> RecordBatch {
    let labelled: &[(&str, Gen)] = &[
        ("itin", ids::us_itin as Gen),
        ("passport_number", ids::us_passport as Gen),
        ("dl_number", ids::us_driver_license as Gen),
        ("bank_account", ids::us_bank_number as Gen),
        ("routing_number", ids::aba_routing as Gen),
        ("dea_number", ids::dea as Gen),
        ("nino", ids::uk_nino as Gen),
        ("nif", ids::es_nif as Gen),
        ("nie", ids::es_nie as Gen),
        ("codice_fiscale", ids::it_fiscal_code as Gen),
        ("partita_iva", ids::it_vat_code as Gen),
        ("patente", ids::it_driver_license as Gen),
        ("passaporto", ids::it_passport as Gen),
        ("carta_identita", ids::it_identity_card as Gen),
        ("pesel", ids::pl_pesel as Gen),
        ("nric", ids::sg_nric_fin as Gen),
        ("uen", ids::sg_uen as Gen),
        ("abn", ids::au_abn as Gen),
        ("acn", ids::au_acn as Gen),
        ("tfn", ids::au_tfn as Gen),
        ("medicare_number", ids::au_medicare as Gen),
        ("pan", ids::in_pan as Gen),
        ("aadhaar", ids::in_aadhaar as Gen),
        ("gstin", ids::in_gstin as Gen),
        ("in_passport_no", ids::in_passport as Gen),
        ("voter_id", ids::in_voter as Gen),
        ("vehicle_reg", ids::in_vehicle_registration as Gen),
        ("hetu", ids::fi_personal_identity_code as Gen),
        ("rrn", ids::kr_rrn as Gen),
        ("frn", ids::kr_frn as Gen),
        ("brn", ids::kr_brn as Gen),
        ("kr_driver_license", ids::kr_driver_license as Gen),
        ("kr_passport", ids::kr_passport as Gen),
        ("thai_national_id", ids::th_tnin as Gen),
        ("date_of_birth", ids::date_of_birth as Gen),
        ("sin", ids::ca_sin as Gen),
        ("steuer_id", ids::de_tax_id as Gen),
        ("rentenversicherungsnummer", ids::de_social_security as Gen),
        ("kvnr", ids::de_health_insurance as Gen),
        ("personnummer", ids::se_personnummer as Gen),
        ("orgnr", ids::se_organisationsnummer as Gen),
        ("nin", ids::ng_nin as Gen),
        ("ng_plate", ids::ng_vehicle_registration as Gen),
        ("ph_tin", ids::ph_tin as Gen),
        ("tc_kimlik_no", ids::tr_national_id as Gen),
        ("za_id_number", ids::za_id_number as Gen),
        ("ust_idnr", ids::de_vat_id as Gen),
        ("vkn", ids::tr_tax_id as Gen),
        ("bvn", ids::ng_bvn as Gen),
        ("upi_id", ids::in_upi as Gen),
        ("philhealth_no", ids::ph_health_insurance as Gen),
        ("umid_crn", ids::ph_umid as Gen),
        ("ph_passport_no", ids::ph_passport as Gen),
        ("se_passport_no", ids::se_passport as Gen),
        ("plaka", ids::tr_license_plate as Gen),
        ("reisepass_nr", ids::de_passport as Gen),
        ("kennzeichen", ids::de_kfz as Gen),
        ("za_passport_no", ids::za_passport as Gen),
        ("drivers_licence", ids::za_driver_license as Gen),
        ("vat_no", ids::za_vat_number as Gen),
        ("sars_income_tax_ref", ids::za_income_tax_number as Gen),
    ];
    let decoys: &[(&str, Gen)] = &[
        ("ref_no", |r| format!("{}", r.range(100_000_000, 999_999_999))),
        ("batch_code", |r| format!("{}{}", r.letters(2, b"ABCDEFGHJKLMNPRSTUVWXYZ"), r.digits(7))),
        ("product_code", |r| {
            format!("{}{}{}", r.letters(5, b"ABCDEFGHJKLMNPRSTUVWXYZ"), r.digits(4), r.letters(1, b"ABCDEFGH"))
        }),
        ("tracking_number", |r| r.digits(13)),
        ("invoice_no", |r| format!("{}{}", r.range(1, 9), r.digits(10))),
        ("event_date", |r| format!("2026-{:02}-{:02}", r.range(1, 12), r.range(1, 28))),
    ];
    generated(rows, r, labelled.iter().chain(decoys))
}

/// The secrets table: a labelled column per credential type, as a leaked
/// configuration export would hold them, and decoys (digests, UUIDs).
pub fn leaked_secrets(rows: usize, r: &mut Rng) -> RecordBatch {
    let generators: &[(&str, Gen)] = &[
        ("aws_access_key_id", secrets::aws_access_key as Gen),
        ("aws_secret_access_key", secrets::aws_secret_key as Gen),
        ("github_token", secrets::github_token as Gen),
        ("slack_bot_token", secrets::slack_token as Gen),
        ("stripe_secret_key", secrets::stripe_key as Gen),
        ("google_api_key", secrets::google_api_key as Gen),
        ("id_token", secrets::jwt as Gen),
        ("tls_private_key", secrets::private_key as Gen),
        ("database_url", secrets::database_url as Gen),
        ("config_sha1", values::sha1_hex),
        ("request_id", values::uuid),
    ];
    generated(rows, r, generators)
}

/// The crm table: people's names (full, given alone, in greetings) and
/// street addresses, beside company and product names, cities and
/// countries, which share their shape and are none of them.
pub fn contacts(rows: usize, r: &mut Rng) -> RecordBatch {
    let generators: &[(&str, Gen)] = &[
        ("customer_name", values::name as Gen),
        ("first_name", people::first_name),
        ("note", people::note),
        ("street_address", people::street_address),
        ("company_name", people::company),
        ("product_name", people::product),
        ("city", people::city),
        ("country", people::country),
        ("geo", people::coordinates),
        ("nationality", people::nationality),
        ("preferred_language", people::language),
    ];
    generated(rows, r, generators)
}

/// A table of `rows` rows with a string column per named generator.
fn generated<'a>(rows: usize, r: &mut Rng, columns: impl IntoIterator<Item = &'a (&'a str, Gen)>) -> RecordBatch {
    let columns: Vec<(&str, ArrayRef)> = columns.into_iter().map(|(name, f)| (*name, strings(rows, r, f))).collect();
    RecordBatch::try_from_iter(columns).expect("valid batch")
}

fn csv_field(s: &str, delimiter: char) -> String {
    if s.contains(delimiter) || s.contains('"') || s.contains('\n') {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn csv(rows: &[Vec<String>], delimiter: char) -> Vec<u8> {
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.iter().map(|f| csv_field(f, delimiter)).collect::<Vec<_>>().join(&delimiter.to_string()));
        out.push('\n');
    }
    out.into_bytes()
}

/// Writes the small labelled lake under `dir` and its truth file beside it.
pub fn small_lake(dir: &Path) -> std::io::Result<()> {
    let mut r = Rng::new(20261123);
    let lake = dir.join("lake");
    if lake.exists() {
        std::fs::remove_dir_all(&lake)?;
    }
    for day in ["2026-11-01", "2026-11-02"] {
        write_parquet(&lake.join(format!("customers/dt={day}/part-0.parquet")), &customers(400, &mut r), 128)?;
    }
    write_parquet(&lake.join("payments/part-0.parquet"), &payments(300, &mut r), 100)?;
    write_parquet(&lake.join("ids/part-0.parquet"), &national_ids(300, &mut r), 300)?;
    write_parquet(&lake.join("secrets/part-0.parquet"), &leaked_secrets(200, &mut r), 200)?;
    // Its own seed, so that the tables above keep their values.
    write_parquet(&lake.join("crm/contacts.parquet"), &contacts(300, &mut Rng::new(7)), 300)?;
    // Hive/Spark style: no extension, found by its magic number.
    let mut orders = payments(50, &mut r);
    let iban_col = orders.column(3).clone();
    orders = RecordBatch::try_from_iter(vec![("order_id", orders.column(0).clone()), ("billing_iban", iban_col)])
        .expect("batch");
    write_parquet(&lake.join("warehouse/orders/part-00000"), &orders, 1000)?;

    // hr: semicolon-delimited, header, quoted multi-line fields, a latin-1 byte.
    let mut hr = vec![
        ["employee_id", "name", "ssn", "nhs_number", "mobile", "homepage", "review", "build"]
            .map(String::from)
            .to_vec(),
    ];
    for i in 0..200 {
        let review = if r.chance(0.3) {
            format!("Good quarter.\nCall me on {} about the offsite; sure", values::phone(&mut r))
        } else {
            format!("{}.\nNo concerns", values::sentence(&mut r, 6))
        };
        hr.push(vec![
            format!("E{:05}", 1000 + i),
            values::name(&mut r),
            values::ssn(&mut r),
            values::nhs(&mut r),
            values::phone_digits(&mut r),
            values::url(&mut r),
            review,
            values::version(&mut r),
        ]);
    }
    let mut hr_bytes = csv(&hr, ';');
    hr_bytes.extend_from_slice(
        b"E09999;Ren\xe9e Caf\xe9;078-12-3456;401 023 2137;2125550111;https://example.com/renee;Ok;1.0.0.1\n",
    );
    std::fs::create_dir_all(lake.join("hr"))?;
    std::fs::write(lake.join("hr/employees.csv"), hr_bytes)?;

    // logs: gzip, tab-delimited, header; free-text messages with emails and IPs.
    let mut logs = vec![["ts", "level", "client_ip", "message", "latency_ms"].map(String::from).to_vec()];
    for _ in 0..300 {
        let msg = match r.range(0, 3) {
            0 => format!("login ok for {}", values::email(&mut r)),
            1 => format!("upstream {} timed out", values::ip(&mut r)),
            _ => values::sentence(&mut r, 5),
        };
        logs.push(vec![
            values::timestamp(&mut r),
            r.pick(&["INFO", "WARN"]).to_string(),
            values::ip(&mut r),
            msg,
            r.range(1, 900).to_string(),
        ]);
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&csv(&logs, '\t'))?;
    std::fs::create_dir_all(lake.join("logs"))?;
    std::fs::write(lake.join("logs/app.csv.gz"), gz.finish()?)?;

    // events: zstd, pipe-delimited, no header.
    let events: Vec<Vec<String>> = (0..250)
        .map(|_| {
            vec![
                values::timestamp(&mut r),
                values::email(&mut r),
                values::mac(&mut r),
                values::iban_grouped(&mut r),
                values::sku(&mut r),
            ]
        })
        .collect();
    std::fs::create_dir_all(lake.join("events"))?;
    std::fs::write(lake.join("events/events.csv.zst"), zstd::encode_all(&csv(&events, '|')[..], 3)?)?;

    // Broken objects: each must be one `failed` row, never a stopped scan.
    let broken = lake.join("broken");
    std::fs::create_dir_all(&broken)?;
    let good = std::fs::read(lake.join("payments/part-0.parquet"))?;
    std::fs::write(broken.join("truncated.parquet"), &good[..good.len() / 2])?;
    let mut corrupt = good.clone();
    let footer_len =
        u32::from_le_bytes(corrupt[corrupt.len() - 8..corrupt.len() - 4].try_into().expect("4 bytes")) as usize;
    let footer_start = corrupt.len() - 8 - footer_len;
    for b in &mut corrupt[footer_start..footer_start + footer_len / 2] {
        *b = 0xAB;
    }
    std::fs::write(broken.join("corrupt-footer.parquet"), corrupt)?;
    let mut pages = good;
    for b in &mut pages[64..4096] {
        *b ^= 0x5A;
    }
    std::fs::write(broken.join("corrupt-pages.parquet"), pages)?;
    std::fs::write(broken.join("empty.csv"), b"")?;
    std::fs::write(broken.join("mislabelled.parquet"), b"id,email\n1,nobody@example.com\n")?;
    std::fs::write(broken.join("binary.csv"), [0u8, 159, 146, 150, 0, 1, 2, 3, 0, 0, 7])?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&csv(&logs[..50], ','))?;
    let gz = gz.finish()?;
    std::fs::write(broken.join("truncated.csv.gz"), &gz[..gz.len() / 2])?;

    // Not data: skipped and counted.
    std::fs::write(lake.join("README.txt"), b"A synthetic lake generated by lakegen. Nobody's data.\n")?;
    std::fs::write(lake.join("customers/_SUCCESS"), b"")?;

    let mut truth = String::from("dataset,column,entity_type\n");
    for (d, c, e) in TRUTH {
        truth.push_str(&format!("{d},{c},{e}\n"));
    }
    std::fs::write(dir.join("truth.csv"), truth)
}

/// Writes a bench lake of about `bytes` of Parquet under `dir`: files of
/// about 128 MiB of customers rows (Spark's usual size), in row groups of
/// 1 Mi rows with the writer's default page sizes.
pub fn bench_lake(dir: &Path, bytes: u64) -> std::io::Result<()> {
    const FILE_ROWS: usize = 1_000_000;
    let mut written = 0u64;
    let mut i = 0;
    while written < bytes {
        let path = dir.join(format!("customers/part-{i:05}.parquet"));
        let mut r = Rng::new(i as u64 + 1);
        std::fs::create_dir_all(path.parent().expect("parent"))?;
        let props = WriterProperties::builder().set_compression(Compression::SNAPPY).build();
        let first = customers(1, &mut r);
        let mut w = ArrowWriter::try_new(std::fs::File::create(&path)?, first.schema(), Some(props))
            .map_err(std::io::Error::other)?;
        for _ in 0..FILE_ROWS / 100_000 {
            w.write(&customers(100_000, &mut r)).map_err(std::io::Error::other)?;
        }
        w.close().map_err(std::io::Error::other)?;
        written += std::fs::metadata(&path)?.len();
        i += 1;
    }
    Ok(())
}
