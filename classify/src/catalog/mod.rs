//! The recognizer catalog: every entity lakeaudit can detect, one item per
//! recognizer, each a plain description (patterns, validator, context words,
//! the specification it follows) that the engine compiles once.
//!
//! Keeping recognizers as data keeps the engine generic: adding an entity is
//! adding a file here (only what is particular to it, then
//! `..Recognizer::DEFAULT`; the type is in `recognizer`, the checksum kit
//! in `checksums`) and a line to [`all`], with its own table-driven tests.
//! This file is the registry: the catalog's order, entity aliases, the
//! validators custom recognizers may borrow.

mod credit_card;
mod crypto;
mod date_time;
mod email;
mod iban;
mod ip;
mod location;
mod mac;
mod nrp;
mod person;
mod phone;
mod url;
mod uuid;

mod au;
mod be;
mod br;
mod ca;
mod ch;
mod cn;
mod de;
mod ee;
mod es;
mod fi;
mod fr;
mod gr;
mod hr;
mod r#in;
mod it;
mod kr;
mod ng;
mod nl;
mod no;
mod ph;
mod pl;
mod ro;
mod se;
mod secrets;
mod sg;
mod th;
mod tr;
mod uk;
mod us;
mod za;

mod checksums;
mod recognizer;

pub(crate) use checksums::{
    consistent_separators, digit_pairs, digits_of, luhn, number, repeated, valid_date, verhoeff, weighted,
};
pub use recognizer::{Method, Narrow, Pattern, Recognizer};

/// The whole catalog, in a stable order.
pub fn all() -> &'static [&'static Recognizer] {
    static ALL: &[&Recognizer] = &[
        &email::EMAIL,
        &phone::PHONE,
        &credit_card::CREDIT_CARD,
        &iban::IBAN,
        &ip::IP,
        &mac::MAC,
        &url::URL,
        &crypto::CRYPTO,
        &date_time::DATE_TIME,
        &person::PERSON,
        &location::LOCATION,
        &nrp::NRP,
        &us::ssn::US_SSN,
        &us::itin::US_ITIN,
        &us::passport::US_PASSPORT,
        &us::driver_license::US_DRIVER_LICENSE,
        &us::bank_number::US_BANK_NUMBER,
        &us::aba_routing::ABA_ROUTING_NUMBER,
        &us::medical_license::MEDICAL_LICENSE,
        &us::health_providers::US_NPI,
        &us::health_providers::US_MBI,
        &us::health_providers::US_CLIA,
        &us::health_insurance::US_CLAIM_NUMBER,
        &us::health_insurance::US_HEALTH_INSURANCE_MEMBER_ID,
        &us::health_insurance::US_PRESCRIPTION_NUMBER,
        &us::health_insurance::US_PRIOR_AUTHORIZATION_NUMBER,
        &us::health_insurance::US_REFERRAL_NUMBER,
        &us::health_insurance::US_PROVIDER_TAX_ID,
        &uk::nhs::UK_NHS,
        &uk::nino::UK_NINO,
        &uk::passport::UK_PASSPORT,
        &uk::driving_licence::UK_DRIVING_LICENCE,
        &uk::vehicle_registration::UK_VEHICLE_REGISTRATION,
        &uk::postcode::UK_POSTCODE,
        &es::nif::ES_NIF,
        &es::nie::ES_NIE,
        &es::passport::ES_PASSPORT,
        &it::fiscal_code::IT_FISCAL_CODE,
        &it::vat_code::IT_VAT_CODE,
        &it::driver_license::IT_DRIVER_LICENSE,
        &it::passport::IT_PASSPORT,
        &it::identity_card::IT_IDENTITY_CARD,
        &pl::pesel::PL_PESEL,
        &sg::nric_fin::SG_NRIC_FIN,
        &sg::uen::SG_UEN,
        &au::abn::AU_ABN,
        &au::acn::AU_ACN,
        &au::tfn::AU_TFN,
        &au::medicare::AU_MEDICARE,
        &r#in::pan::IN_PAN,
        &r#in::aadhaar::IN_AADHAAR,
        &r#in::gstin::IN_GSTIN,
        &r#in::passport::IN_PASSPORT,
        &r#in::vehicle_registration::IN_VEHICLE_REGISTRATION,
        &r#in::voter::IN_VOTER,
        &r#in::upi::IN_UPI,
        &fi::personal_identity_code::FI_PERSONAL_IDENTITY_CODE,
        &kr::rrn::KR_RRN,
        &kr::frn::KR_FRN,
        &kr::brn::KR_BRN,
        &kr::driver_license::KR_DRIVER_LICENSE,
        &kr::passport::KR_PASSPORT,
        &th::tnin::TH_TNIN,
        &ca::sin::CA_SIN,
        &ca::postal_code::CA_POSTAL_CODE,
        &de::tax_id::DE_TAX_ID,
        &de::social_security::DE_SOCIAL_SECURITY,
        &de::health_insurance::DE_HEALTH_INSURANCE,
        &de::vat_id::DE_VAT_ID,
        &de::passport::DE_PASSPORT,
        &de::license_plate::DE_KFZ,
        &de::id_card::DE_ID_CARD,
        &de::driver_license::DE_FUEHRERSCHEIN,
        &de::tax_number::DE_TAX_NUMBER,
        &de::physician::DE_LANR,
        &de::physician::DE_BSNR,
        &de::telematik_id::DE_TELEMATIK_ID,
        &de::commercial_register::DE_HANDELSREGISTER,
        &de::postal_code::DE_PLZ,
        &se::personnummer::SE_PERSONNUMMER,
        &se::organisationsnummer::SE_ORGANISATIONSNUMMER,
        &se::passport::SE_PASSPORT_NUMBER,
        &ng::nin::NG_NIN,
        &ng::vehicle_registration::NG_VEHICLE_REGISTRATION,
        &ng::bvn::NG_BVN,
        &ph::tin::PH_TIN,
        &ph::health_insurance::PH_HEALTH_INSURANCE,
        &ph::umid::PH_UMID,
        &ph::passport::PH_PASSPORT,
        &ph::license_plate::PH_LICENSE_PLATE,
        &tr::national_id::TR_NATIONAL_ID,
        &cn::resident_id::CN_RESIDENT_ID,
        &br::cpf::BR_CPF,
        &fr::nir::FR_NIR,
        &nl::bsn::NL_BSN,
        &ro::cnp::RO_CNP,
        &no::fodselsnummer::NO_FODSELSNUMMER,
        &ch::ahv::CH_AHV,
        &be::national_number::BE_NATIONAL_NUMBER,
        &ee::isikukood::EE_ISIKUKOOD,
        &hr::oib::HR_OIB,
        &gr::amka::GR_AMKA,
        &tr::tax_id::TR_TAX_ID,
        &tr::license_plate::TR_LICENSE_PLATE,
        &za::id_number::ZA_ID_NUMBER,
        &za::passport::ZA_PASSPORT,
        &za::driver_license::ZA_DRIVER_LICENSE,
        &za::tax::ZA_VAT_NUMBER,
        &za::tax::ZA_INCOME_TAX_NUMBER,
        &za::license_plate::ZA_LICENSE_PLATE,
        &za::traffic_register::ZA_TRAFFIC_REGISTER_NUMBER,
        &za::company_registration::ZA_COMPANY_REGISTRATION,
        &za::phone::ZA_MOBILE_NUMBER,
        &za::phone::ZA_TELEPHONE_NUMBER,
        &secrets::aws_access_key::AWS_ACCESS_KEY,
        &secrets::aws_secret_key::AWS_SECRET_KEY,
        &secrets::github_token::GITHUB_TOKEN,
        &secrets::slack_token::SLACK_TOKEN,
        &secrets::stripe_key::STRIPE_KEY,
        &secrets::google_api_key::GOOGLE_API_KEY,
        &secrets::jwt::JWT,
        &secrets::private_key::PRIVATE_KEY,
        &secrets::password::PASSWORD,
        &uuid::UUID,
    ];
    ALL
}

/// Entity names lakeaudit used before it took Presidio's, and the names
/// they became: configuration and policies written with them still work.
const ALIASES: &[(&str, &str)] = &[
    ("DE_COMMERCIAL_REGISTER", "DE_HANDELSREGISTER"),
    ("DE_DRIVER_LICENSE", "DE_FUEHRERSCHEIN"),
    ("DE_POSTAL_CODE", "DE_PLZ"),
];

/// Recognizers that run only when configuration enables them
/// (`[classify] enabled`): their entities are rarely personal on their own.
pub const OFF_BY_DEFAULT: &[&str] = &["UUID"];

/// The entity name `name` stands for: itself, or the current name of an old one.
pub fn entity_name(name: &str) -> &str {
    ALIASES.iter().find(|(old, _)| *old == name).map_or(name, |(_, new)| new)
}

/// A check by name, for recognizers defined in configuration: `luhn`,
/// `verhoeff` and `mod97` (ISO 7064 MOD 97-10) over a candidate's digits,
/// or the name of a catalog recognizer whose validator to borrow.
pub fn validator(name: &str) -> Option<fn(&str) -> bool> {
    match name {
        "luhn" => Some(|s| luhn(&digits_of(s))),
        "verhoeff" => Some(|s| verhoeff(&digits_of(s))),
        "mod97" => Some(|s| {
            !digits_of(s).is_empty() && digits_of(s).iter().fold(0u32, |a, &d| (a * 10 + u32::from(d)) % 97) == 1
        }),
        _ => all().iter().find(|r| r.name == name).and_then(|r| r.validator),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Checks a recognizer against a table of texts and the first validated
    /// match each must give (`None`: nothing fires), through the engine.
    pub(crate) fn check(r: &'static Recognizer, table: &[(&str, Option<&str>)]) {
        static CLASSIFIER: std::sync::LazyLock<crate::Classifier> =
            std::sync::LazyLock::new(|| crate::Classifier::new(Default::default()).unwrap());
        let compiled = &*CLASSIFIER;
        let slot = compiled.recognizers().iter().position(|c| c.name == r.name).unwrap();
        for (text, want) in table {
            let first = compiled.analyze(text, 1 << slot).into_iter().min_by_key(|m| m.span.start);
            assert_eq!(first.map(|m| m.text(text)), *want, "{}: {text}", r.name);
        }
    }

    #[test]
    fn names_are_unique_and_patterns_compile() {
        let mut names = HashSet::new();
        for r in all() {
            assert!(names.insert(r.name), "duplicate recognizer {}", r.name);
            // A state tracks which recognizers matched a value whole in a u128.
            assert!(all().len() <= 128, "the overlap bitmask holds 128 recognizers");
            assert!(!r.patterns.is_empty(), "{} has no pattern", r.name);
            assert!(r.source.starts_with("http") || !r.source.is_empty());
            for p in r.patterns {
                regex::Regex::new(p.regex).unwrap_or_else(|e| panic!("{}/{}: {e}", r.name, p.name));
                assert!((0.0..=1.0).contains(&p.score));
            }
        }
    }

    #[test]
    fn column_names_in_several_languages_name_their_entity() {
        use crate::context::{find, tokens};
        for (column, entity) in [
            ("cust_email_addr", "EMAIL_ADDRESS"),
            ("correo_electronico", "EMAIL_ADDRESS"),
            ("courriel", "EMAIL_ADDRESS"),
            ("EPostAdresse", "EMAIL_ADDRESS"),
            ("tel_no", "PHONE_NUMBER"),
            ("Telefonnummer", "PHONE_NUMBER"),
            ("numero_cellulare", "PHONE_NUMBER"),
            ("téléphone_fixe", "PHONE_NUMBER"),
            ("iban_nr", "IBAN_CODE"),
            ("kontonummer", "IBAN_CODE"),
            ("dob", "DATE_TIME"),
            ("geburtsdatum", "DATE_TIME"),
            ("fecha_nacimiento", "DATE_TIME"),
            ("data_di_nascita", "DATE_TIME"),
            ("kreditkartennummer", "CREDIT_CARD"),
            ("numero_tarjeta", "CREDIT_CARD"),
            ("client_ip", "IP_ADDRESS"),
            ("nachname", "PERSON"),
            ("cognome", "PERSON"),
            ("anschrift", "LOCATION"),
            ("indirizzo_residenza", "LOCATION"),
            ("steuer_id", "DE_TAX_ID"),
            ("personnummer", "SE_PERSONNUMMER"),
        ] {
            let r = all().iter().find(|r| r.entity == entity).unwrap();
            assert!(find(&tokens(column), r.context).is_some(), "{column} should name {entity}");
        }
    }

    #[test]
    fn validators_by_name() {
        let luhn = validator("luhn").unwrap();
        assert!(luhn("4111 1111 1111 1111") && !luhn("4111 1111 1111 1112"));
        assert!(validator("verhoeff").unwrap()("2363"));
        assert!(validator("mod97").unwrap()("98") && !validator("mod97").unwrap()("97"));
        assert!(validator("iban").unwrap()("GB82WEST12345698765432"));
        assert!(validator("nope").is_none());
    }

    type Validator = fn(&str) -> bool;

    /// Every validator a recognizer (catalog or custom) can use, by name.
    fn every_validator() -> Vec<(&'static str, Validator)> {
        let named = ["luhn", "verhoeff", "mod97"].into_iter().chain(all().iter().map(|r| r.name));
        named.filter_map(|n| validator(n).map(|f| (n, f))).collect()
    }

    #[test]
    fn validators_never_panic_on_any_length_or_shape() {
        // Custom recognizers borrow catalog validators for candidates of any
        // shape: every length of every kind of character, through each.
        let kinds = ["1", "9", "0", "A", "z", "-", " ", "/", ".", "é", "1A", "A1-", "12 "];
        let mut panicked = std::collections::BTreeSet::new();
        for (name, f) in every_validator() {
            for kind in kinds {
                for len in 0..=64 {
                    let s = kind.repeat(len);
                    if std::panic::catch_unwind(|| f(&s)).is_err() {
                        panicked.insert(name);
                    }
                }
            }
        }
        assert!(panicked.is_empty(), "validators that panicked: {panicked:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 2000, failure_persistence: None, ..Default::default() })]

        #[test]
        fn validators_never_panic_on_arbitrary_text(s in "\\PC{0,40}|[0-9 ./:-]{0,40}|[A-Za-z0-9]{0,24}|[A-Z]{0,4}[0-9]{0,20}[A-Z]{0,3}") {
            for (_, f) in every_validator() {
                let _ = f(&s);
            }
        }
    }

    #[test]
    fn luhn_table() {
        for (s, ok) in [("4111111111111111", true), ("4111111111111112", false), ("79927398713", true), ("", false)] {
            assert_eq!(luhn(&digits_of(s)), ok, "{s}");
        }
    }

    #[test]
    fn verhoeff_table() {
        // Verhoeff's own example (236 → check digit 3) and its neighbours.
        for (s, ok) in [("2363", true), ("2364", false), ("3632", false), ("0", true), ("", false)] {
            assert_eq!(verhoeff(&digits_of(s)), ok, "{s}");
        }
    }

    #[test]
    fn dates() {
        for (y, m, d, ok) in [(2024, 2, 29, true), (2023, 2, 29, false), (1900, 2, 29, false), (2000, 2, 29, true)] {
            assert_eq!(valid_date(y, m, d), ok, "{y}-{m}-{d}");
        }
        assert!(!valid_date(2020, 13, 1) && !valid_date(2020, 4, 31) && !valid_date(2020, 1, 0));
    }
}
