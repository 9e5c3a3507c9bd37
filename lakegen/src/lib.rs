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
pub fn truth() -> Vec<Label> {
    let generated = [("ids", NATIONAL_IDS), ("secrets", SECRETS), ("crm", CONTACTS)];
    let labelled = generated
        .into_iter()
        .flat_map(|(dataset, columns)| columns.iter().filter_map(move |(c, _, e)| e.map(|e| (dataset, *c, e))));
    HANDWRITTEN.iter().copied().chain(labelled).collect()
}

/// The labels of the tables written by hand below (the generated tables
/// carry theirs in their column lists).
const HANDWRITTEN: &[Label] = &[
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
    // A South African mobile number is a phone number too (a landline's
    // column is ZA_TELEPHONE_NUMBER alone: it scores higher).
    ("ids", "za_cell", "PHONE_NUMBER"),
    // Billing notes name each kind of US health insurance number.
    ("ids", "billing_note", "US_HEALTH_INSURANCE_MEMBER_ID"),
    ("ids", "billing_note", "US_PRESCRIPTION_NUMBER"),
    ("ids", "billing_note", "US_PRIOR_AUTHORIZATION_NUMBER"),
    ("ids", "billing_note", "US_REFERRAL_NUMBER"),
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

/// A generator of one kind of value.
pub type Gen = fn(&mut Rng) -> String;

/// One generated column: its name, its generator, and the entity it holds
/// (`None` for a decoy).
type Column = (&'static str, Gen, Option<&'static str>);

/// The ids table: a labelled column per national, tax and financial
/// identifier of the catalog, each under the name a real table would give it,
/// and decoys shaped like them (reference numbers failing checksums, batch
/// and product codes, tracking numbers, invoice numbers, event dates).
const NATIONAL_IDS: &[Column] = &[
    ("itin", ids::us_itin, Some("US_ITIN")),
    ("passport_number", ids::us_passport, Some("US_PASSPORT")),
    ("dl_number", ids::us_driver_license, Some("US_DRIVER_LICENSE")),
    ("bank_account", ids::us_bank_number, Some("US_BANK_NUMBER")),
    ("routing_number", ids::aba_routing, Some("ABA_ROUTING_NUMBER")),
    ("dea_number", ids::dea, Some("MEDICAL_LICENSE")),
    ("nino", ids::uk_nino, Some("UK_NINO")),
    ("nif", ids::es_nif, Some("ES_NIF")),
    ("nie", ids::es_nie, Some("ES_NIE")),
    ("codice_fiscale", ids::it_fiscal_code, Some("IT_FISCAL_CODE")),
    ("partita_iva", ids::it_vat_code, Some("IT_VAT_CODE")),
    ("patente", ids::it_driver_license, Some("IT_DRIVER_LICENSE")),
    ("passaporto", ids::it_passport, Some("IT_PASSPORT")),
    ("carta_identita", ids::it_identity_card, Some("IT_IDENTITY_CARD")),
    ("pesel", ids::pl_pesel, Some("PL_PESEL")),
    ("nric", ids::sg_nric_fin, Some("SG_NRIC_FIN")),
    ("uen", ids::sg_uen, Some("SG_UEN")),
    ("abn", ids::au_abn, Some("AU_ABN")),
    ("acn", ids::au_acn, Some("AU_ACN")),
    ("tfn", ids::au_tfn, Some("AU_TFN")),
    ("medicare_number", ids::au_medicare, Some("AU_MEDICARE")),
    ("pan", ids::in_pan, Some("IN_PAN")),
    ("aadhaar", ids::in_aadhaar, Some("IN_AADHAAR")),
    ("gstin", ids::in_gstin, Some("IN_GSTIN")),
    ("in_passport_no", ids::in_passport, Some("IN_PASSPORT")),
    ("voter_id", ids::in_voter, Some("IN_VOTER")),
    ("vehicle_reg", ids::in_vehicle_registration, Some("IN_VEHICLE_REGISTRATION")),
    ("hetu", ids::fi_personal_identity_code, Some("FI_PERSONAL_IDENTITY_CODE")),
    ("rrn", ids::kr_rrn, Some("KR_RRN")),
    ("frn", ids::kr_frn, Some("KR_FRN")),
    ("brn", ids::kr_brn, Some("KR_BRN")),
    ("kr_driver_license", ids::kr_driver_license, Some("KR_DRIVER_LICENSE")),
    ("kr_passport", ids::kr_passport, Some("KR_PASSPORT")),
    ("thai_national_id", ids::th_tnin, Some("TH_TNIN")),
    ("date_of_birth", ids::date_of_birth, Some("DATE_TIME")),
    ("sin", ids::ca_sin, Some("CA_SIN")),
    ("steuer_id", ids::de_tax_id, Some("DE_TAX_ID")),
    ("rentenversicherungsnummer", ids::de_social_security, Some("DE_SOCIAL_SECURITY")),
    ("kvnr", ids::de_health_insurance, Some("DE_HEALTH_INSURANCE")),
    ("personnummer", ids::se_personnummer, Some("SE_PERSONNUMMER")),
    ("orgnr", ids::se_organisationsnummer, Some("SE_ORGANISATIONSNUMMER")),
    ("nin", ids::ng_nin, Some("NG_NIN")),
    ("ng_plate", ids::ng_vehicle_registration, Some("NG_VEHICLE_REGISTRATION")),
    ("ph_tin", ids::ph_tin, Some("PH_TIN")),
    ("tc_kimlik_no", ids::tr_national_id, Some("TR_NATIONAL_ID")),
    ("za_id_number", ids::za_id_number, Some("ZA_ID_NUMBER")),
    ("ust_idnr", ids::de_vat_id, Some("DE_VAT_ID")),
    ("vkn", ids::tr_tax_id, Some("TR_TAX_ID")),
    ("bvn", ids::ng_bvn, Some("NG_BVN")),
    ("upi_id", ids::in_upi, Some("IN_UPI")),
    ("philhealth_no", ids::ph_health_insurance, Some("PH_HEALTH_INSURANCE")),
    ("umid_crn", ids::ph_umid, Some("PH_UMID")),
    ("ph_passport_no", ids::ph_passport, Some("PH_PASSPORT")),
    ("se_passport_no", ids::se_passport, Some("SE_PASSPORT_NUMBER")),
    ("plaka", ids::tr_license_plate, Some("TR_LICENSE_PLATE")),
    ("reisepass_nr", ids::de_passport, Some("DE_PASSPORT")),
    ("kennzeichen", ids::de_kfz, Some("DE_KFZ")),
    ("za_passport_no", ids::za_passport, Some("ZA_PASSPORT")),
    ("drivers_licence", ids::za_driver_license, Some("ZA_DRIVER_LICENSE")),
    ("vat_no", ids::za_vat_number, Some("ZA_VAT_NUMBER")),
    ("sars_income_tax_ref", ids::za_income_tax_number, Some("ZA_INCOME_TAX_NUMBER")),
    ("personalausweis_nr", ids::de_id_card, Some("DE_ID_CARD")),
    ("fuehrerschein_nr", ids::de_driver_license, Some("DE_FUEHRERSCHEIN")),
    ("steuernummer", ids::de_tax_number, Some("DE_TAX_NUMBER")),
    ("lanr", ids::de_lanr, Some("DE_LANR")),
    ("bsnr", ids::de_bsnr, Some("DE_BSNR")),
    ("telematik_id", ids::de_telematik_id, Some("DE_TELEMATIK_ID")),
    ("handelsregister", ids::de_commercial_register, Some("DE_HANDELSREGISTER")),
    ("plz", ids::de_postal_code, Some("DE_PLZ")),
    ("ph_plate_no", ids::ph_license_plate, Some("PH_LICENSE_PLATE")),
    ("za_number_plate", ids::za_license_plate, Some("ZA_LICENSE_PLATE")),
    ("enatis_trn", ids::za_traffic_register_number, Some("ZA_TRAFFIC_REGISTER_NUMBER")),
    ("cipc_reg_no", ids::za_company_registration, Some("ZA_COMPANY_REGISTRATION")),
    ("uk_passport_no", ids::uk_passport, Some("UK_PASSPORT")),
    ("driving_licence_no", ids::uk_driving_licence, Some("UK_DRIVING_LICENCE")),
    ("uk_reg_mark", ids::uk_vehicle_registration, Some("UK_VEHICLE_REGISTRATION")),
    ("postcode", ids::uk_postcode, Some("UK_POSTCODE")),
    ("npi", ids::us_npi, Some("US_NPI")),
    ("medicare_mbi", ids::us_mbi, Some("US_MBI")),
    ("clia_number", ids::us_clia, Some("US_CLIA")),
    ("pasaporte", ids::es_passport, Some("ES_PASSPORT")),
    ("ca_postal_code", ids::ca_postal_code, Some("CA_POSTAL_CODE")),
    ("billing_note", ids::us_billing_note, Some("US_CLAIM_NUMBER")),
    ("provider_ein", ids::us_ein, Some("US_PROVIDER_TAX_ID")),
    ("za_cell", ids::za_mobile, Some("ZA_MOBILE_NUMBER")),
    ("za_landline", ids::za_telephone, Some("ZA_TELEPHONE_NUMBER")),
    ("ref_no", |r| format!("{}", r.range(100_000_000, 999_999_999)), None),
    ("batch_code", |r| format!("{}{}", r.letters(2, b"ABCDEFGHJKLMNPRSTUVWXYZ"), r.digits(7)), None),
    (
        "product_code",
        |r| format!("{}{}{}", r.letters(5, b"ABCDEFGHJKLMNPRSTUVWXYZ"), r.digits(4), r.letters(1, b"ABCDEFGH")),
        None,
    ),
    ("tracking_number", |r| r.digits(13), None),
    ("invoice_no", |r| format!("{}{}", r.range(1, 9), r.digits(10)), None),
    ("event_date", |r| format!("2026-{:02}-{:02}", r.range(1, 12), r.range(1, 28)), None),
    ("zip", |r| format!("{:05}", r.range(1001, 99950)), None),
];

/// The secrets table: a labelled column per credential type, as a leaked
/// configuration export would hold them, and decoys (digests, UUIDs).
const SECRETS: &[Column] = &[
    ("aws_access_key_id", secrets::aws_access_key, Some("AWS_ACCESS_KEY")),
    ("aws_secret_access_key", secrets::aws_secret_key, Some("AWS_SECRET_KEY")),
    ("github_token", secrets::github_token, Some("GITHUB_TOKEN")),
    ("slack_bot_token", secrets::slack_token, Some("SLACK_TOKEN")),
    ("stripe_secret_key", secrets::stripe_key, Some("STRIPE_KEY")),
    ("google_api_key", secrets::google_api_key, Some("GOOGLE_API_KEY")),
    ("id_token", secrets::jwt, Some("JWT")),
    ("tls_private_key", secrets::private_key, Some("PRIVATE_KEY")),
    ("database_url", secrets::database_url, Some("PASSWORD")),
    ("config_sha1", values::sha1_hex, None),
    ("request_id", values::uuid, None),
];

/// The crm table: people's names (full, given alone, in greetings),
/// street addresses and nationalities, beside company and product names,
/// cities, countries, coordinates and languages, which share their shape
/// and are none of them.
const CONTACTS: &[Column] = &[
    ("customer_name", values::name, Some("PERSON")),
    ("first_name", people::first_name, Some("PERSON")),
    ("note", people::note, Some("PERSON")),
    ("street_address", people::street_address, Some("LOCATION")),
    ("company_name", people::company, None),
    ("product_name", people::product, None),
    ("city", people::city, None),
    ("country", people::country, None),
    ("geo", people::coordinates, None),
    ("nationality", people::nationality, Some("NRP")),
    ("preferred_language", people::language, None),
];

/// Every generator of this crate with the entity its values are (`None`:
/// a lookalike), for tests that want values of every kind.
pub fn generators() -> Vec<(Option<&'static str>, Gen)> {
    let basic: &[(Option<&'static str>, Gen)] = &[
        (Some("EMAIL_ADDRESS"), values::email),
        (Some("PHONE_NUMBER"), values::phone),
        (Some("PHONE_NUMBER"), values::phone_digits),
        (Some("CREDIT_CARD"), values::card),
        (Some("CREDIT_CARD"), values::card_grouped),
        (Some("IBAN_CODE"), values::iban),
        (Some("IBAN_CODE"), values::iban_grouped),
        (Some("IP_ADDRESS"), values::ip),
        (Some("MAC_ADDRESS"), values::mac),
        (Some("US_SSN"), values::ssn),
        (Some("UK_NHS"), values::nhs),
        (Some("URL"), values::url),
        (Some("CRYPTO"), values::wallet),
        (Some("PERSON"), values::name),
        (None, values::order_number),
        (None, values::uuid),
        (None, values::sha1_hex),
        (None, values::isbn),
        (None, values::sku),
        (None, values::version),
        (None, values::timestamp),
    ];
    let tables = [NATIONAL_IDS, SECRETS, CONTACTS].into_iter().flatten().map(|(_, g, e)| (*e, *g));
    basic.iter().copied().chain(tables).collect()
}

/// The ids table.
pub fn national_ids(rows: usize, r: &mut Rng) -> RecordBatch {
    generated(rows, r, NATIONAL_IDS)
}

/// The secrets table.
pub fn leaked_secrets(rows: usize, r: &mut Rng) -> RecordBatch {
    generated(rows, r, SECRETS)
}

/// The crm table.
pub fn contacts(rows: usize, r: &mut Rng) -> RecordBatch {
    generated(rows, r, CONTACTS)
}

/// A table of `rows` rows with a string column per named generator.
fn generated(rows: usize, r: &mut Rng, columns: &[Column]) -> RecordBatch {
    let columns: Vec<(&str, ArrayRef)> = columns.iter().map(|(name, f, _)| (*name, strings(rows, r, f))).collect();
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

    let mut labels = String::from("dataset,column,entity_type\n");
    for (d, c, e) in truth() {
        labels.push_str(&format!("{d},{c},{e}\n"));
    }
    std::fs::write(dir.join("truth.csv"), labels)
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

#[cfg(test)]
mod tests {
    #[test]
    fn column_names_are_unique_per_table() {
        for columns in [super::NATIONAL_IDS, super::SECRETS, super::CONTACTS] {
            let mut names: Vec<&str> = columns.iter().map(|(name, _, _)| *name).collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            assert_eq!(before, names.len(), "a column name is used twice");
        }
    }
}
