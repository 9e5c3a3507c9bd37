//! lakegen writes synthetic data lakes for lakeaudit: a small labelled lake
//! (`testdata/lake`, with its truth file) that tests measure precision and
//! recall on, and large lakes for benches. Every value is generated: valid by
//! its identifier's specification, and belonging to nobody.

pub mod ids;
pub mod people;
pub mod secrets;
pub mod values;

#[cfg(feature = "lake")]
mod lake;

#[cfg(feature = "lake")]
pub use lake::*;
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
    ("shenfenzheng", ids::cn_resident_id, Some("CN_RESIDENT_ID")),
    ("cpf", ids::br_cpf, Some("BR_CPF")),
    ("numero_secu", ids::fr_nir, Some("FR_NIR")),
    ("bsn", ids::nl_bsn, Some("NL_BSN")),
    ("cnp", ids::ro_cnp, Some("RO_CNP")),
    ("fodselsnummer", ids::no_fodselsnummer, Some("NO_FODSELSNUMMER")),
    ("ahv_nr", ids::ch_ahv, Some("CH_AHV")),
    ("rijksregisternummer", ids::be_national_number, Some("BE_NATIONAL_NUMBER")),
    ("isikukood", ids::ee_isikukood, Some("EE_ISIKUKOOD")),
    ("oib", ids::hr_oib, Some("HR_OIB")),
    ("amka", ids::gr_amka, Some("GR_AMKA")),
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
