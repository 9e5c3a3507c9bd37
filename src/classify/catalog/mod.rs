//! The recognizer catalog: every entity lakeaudit can detect, one item per
//! recognizer, each a plain description (patterns, validator, context words,
//! the specification it follows) that the engine compiles once.
//!
//! Keeping recognizers as data keeps the engine generic: adding an entity is
//! adding a file here and a line to [`all`], with its own table-driven tests.

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
mod ca;
mod de;
mod es;
mod fi;
mod r#in;
mod it;
mod kr;
mod ng;
mod ph;
mod pl;
mod se;
mod secrets;
mod sg;
mod th;
mod tr;
mod uk;
mod us;
mod za;

/// One regular expression of a recognizer and the confidence a match of it
/// alone deserves (before validation and context).
#[derive(Debug)]
pub struct Pattern {
    /// Short name shown in evidence (`nanp_formatted`).
    pub name: &'static str,
    /// The expression, written in `(?x)` mode with a comment per part.
    pub regex: &'static str,
    /// Confidence of a single match, in [0, 1].
    pub score: f64,
}

/// How a recognizer finds its candidates, for `recognizers list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Regular expressions (then the validator, if any).
    Pattern,
    /// Regular expressions for the shape, bundled dictionaries for the words.
    Dictionary,
    /// A list of exact words.
    DenyList,
}

impl Method {
    /// The name shown in listings.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Pattern => "pattern",
            Method::Dictionary => "dictionary",
            Method::DenyList => "deny list",
        }
    }
}

/// Finds the part of a candidate that is the entity (see [`Recognizer::narrow`]).
pub type Narrow = fn(&str) -> Option<std::ops::Range<usize>>;

/// A recognizer: how one entity type is found in a value.
#[derive(Debug)]
pub struct Recognizer {
    /// Unique name (`credit_card`).
    pub name: &'static str,
    /// Country whose identifier it is (ISO 3166 alpha-2, `UK` as Presidio
    /// writes it), or `global`.
    pub country: &'static str,
    /// Presidio entity name (`CREDIT_CARD`).
    pub entity: &'static str,
    /// How candidates are found.
    pub method: Method,
    /// Patterns that propose candidates; the strongest match wins.
    pub patterns: &'static [Pattern],
    /// Checks a candidate (checksum, ranges, structure); a candidate that fails
    /// is no match. `None` when the pattern is the whole definition.
    pub validator: Option<fn(&str) -> bool>,
    /// For a candidate inside longer text, in place of the validator: the
    /// part of it that is the entity, all of it or none (a name inside a
    /// run of capitalised words: `Kenji Watanabe` of `Customer Kenji
    /// Watanabe`). It must take a candidate whole exactly when the
    /// validator accepts it (a test holds PERSON to that). `None`: the
    /// validator takes a candidate or leaves it.
    pub narrow: Option<Narrow>,
    /// Whether the validator is a checksum that random digits pass only
    /// rarely. For such entities a column where most candidates fail is a
    /// column of lookalikes (order numbers), and is not reported.
    pub checksum: bool,
    /// Words that, found in a column name, raise confidence.
    pub context: &'static [&'static str],
    /// Words that, found in a column name, say its values are something else
    /// that shares the shape (`company_name` holds no person's name): they
    /// cancel the context words and lower confidence.
    pub not_context: &'static [&'static str],
    /// Share of non-null values that must match before a column is reported.
    pub min_ratio: f64,
    /// The public specification the recognizer follows.
    pub source: &'static str,
}

impl Recognizer {
    /// What a recognizer is unless its file says otherwise: patterns alone
    /// (no validator, no narrowing, no checksum), no words against it, and
    /// reported from 5 % of a column's values. A recognizer's file holds
    /// only what is particular to it, then `..Recognizer::DEFAULT`.
    pub const DEFAULT: Recognizer = Recognizer {
        name: "",
        country: "global",
        entity: "",
        method: Method::Pattern,
        patterns: &[],
        validator: None,
        narrow: None,
        checksum: false,
        context: &[],
        not_context: &[],
        min_ratio: 0.05,
        source: "",
    };
}

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

/// Sum of `digits[i] * weights[i]` over the shorter of the two.
pub(crate) fn weighted(digits: &[u8], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(&d, &w)| u32::from(d) * w).sum()
}

/// The number that `digits` spell, most significant first.
pub(crate) fn number(digits: &[u8]) -> u64 {
    digits.iter().fold(0u64, |n, &d| n.saturating_mul(10).saturating_add(u64::from(d)))
}

/// The first six digits as three two-digit numbers: the `YYMMDD` or
/// `DDMMYY` birth date that opens many national identifiers.
pub(crate) fn digit_pairs(digits: &[u8]) -> [u32; 3] {
    // Fewer than six digits give month 0, which no date has.
    let at = |i: usize| digits.get(i).map_or(0, |&d| u32::from(d));
    [0, 2, 4].map(|i| at(i) * 10 + at(i + 1))
}

/// Whether day `d` of month `m` exists in year `y` (proleptic Gregorian).
pub(crate) fn valid_date(y: u32, m: u32, d: u32) -> bool {
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Verhoeff's dihedral-group check (Verhoeff 1969), check digit last.
pub(crate) fn verhoeff(digits: &[u8]) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    let c = digits.iter().rev().enumerate().fold(0u8, |c, (i, &d)| D[c as usize][P[i % 8][d as usize] as usize]);
    !digits.is_empty() && c == 0
}

/// Whether the non-digit separators of `s` are all the same character
/// (`536-90-4399`, not `536-90.4399`).
pub(crate) fn consistent_separators(s: &str) -> bool {
    let mut seps = s.bytes().filter(|b| !b.is_ascii_alphanumeric());
    let first = seps.next();
    seps.all(|b| Some(b) == first)
}

/// Whether every digit is the same (`000000000`): test data, never issued.
pub(crate) fn repeated(digits: &[u8]) -> bool {
    digits.windows(2).all(|w| w[0] == w[1])
}

/// ASCII digits of `s`, in order, as digit values.
///
/// Validators run on every candidate, so the digits live on the stack. No
/// identifier has more than [`Digits::MAX`] digits: a longer text gives no
/// digits at all, which every length check rejects.
pub(crate) fn digits_of(s: &str) -> Digits {
    let mut d = Digits { buf: [0; Digits::MAX], len: 0 };
    for b in s.bytes().filter(u8::is_ascii_digit) {
        if d.len == Digits::MAX {
            d.len = 0;
            return d;
        }
        d.buf[d.len] = b - b'0';
        d.len += 1;
    }
    d
}

/// The digit values [`digits_of`] returns.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Digits {
    buf: [u8; Digits::MAX],
    len: usize,
}

impl Digits {
    const MAX: usize = 48;
}

impl std::ops::Deref for Digits {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl std::ops::DerefMut for Digits {
    fn deref_mut(&mut self) -> &mut [u8] {
        &mut self.buf[..self.len]
    }
}

/// Luhn (ISO/IEC 7812-1 annex B) over digit values, check digit last.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 { x - 9 } else { x }
            } else {
                d
            }
        })
        .sum();
    !digits.is_empty() && sum.is_multiple_of(10)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Checks a recognizer against a table of texts and the first validated
    /// match each must give (`None`: nothing fires), through the engine.
    pub(crate) fn check(r: &'static Recognizer, table: &[(&str, Option<&str>)]) {
        static CLASSIFIER: std::sync::LazyLock<crate::classify::Classifier> =
            std::sync::LazyLock::new(|| crate::classify::Classifier::new(Default::default()).unwrap());
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
    fn digits_of_keeps_digits_and_gives_none_past_the_longest_identifier() {
        assert_eq!(&*digits_of("DE89 3704-0044"), &[8, 9, 3, 7, 0, 4, 0, 0, 4, 4]);
        assert!(digits_of(&"1".repeat(Digits::MAX + 1)).is_empty());
        assert_eq!(digits_of(&"1".repeat(Digits::MAX)).len(), Digits::MAX);
    }

    #[test]
    fn column_names_in_several_languages_name_their_entity() {
        use crate::classify::context::{find, tokens};
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
