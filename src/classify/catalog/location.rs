//! LOCATION: street addresses, by shape: a house number and a street type
//! in the order each language writes them (`221B Baker Street`,
//! `Hauptstraße 5`, `Via Roma 10`, `12 rue de la Paix`), and the postal
//! lines that complete them (`Springfield, IL 62704`, `10115 Berlin`).
//! Cities and countries alone are not reported: they locate no one. British
//! postcodes are UK_POSTCODE, as in Presidio ([`super::uk::postcode`]).

use super::{Method, Pattern, Profile, Recognizer};

pub(super) static LOCATION: Recognizer = Recognizer {
    name: "street_address",
    country: "global",
    entity: "LOCATION",
    method: Method::Pattern,
    patterns: &[
        Pattern {
            name: "number_then_street",
            score: 0.65,
            regex: r"(?x)(?-u:\b)\d{1,5}[A-Za-z]?,?[\ ]+           # house number
                (?:[NSEW]\.?[\ ]+)?                               # direction
                (?:\p{Lu}[\p{L}'’.\-]*[\ ]+){1,4}                 # street name
                (?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Circle
                  |Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Crescent|Close|Row|Grove|Gardens|Mews)\.?(?-u:\b)",
        },
        Pattern {
            name: "street_then_number",
            score: 0.65,
            regex: r"(?x)(?:\p{Lu}[\p{L}.\-]*[\ ]+){0,3}\p{Lu}[\p{L}\-]*
                (?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|straat|laan|plein|gracht|gatan|vägen|gata|vej|gade|veien)
                [\ ]+\d{1,4}[a-z]?(?-u:\b)                          # Germanic: name+type, then number",
        },
        Pattern {
            name: "romance_street",
            score: 0.65,
            regex: r"(?x)(?:Via|Viale|Piazza|Corso|Largo|Calle|Avenida|Paseo|Plaza|Carrer|Rua|Travessa|Rue|Avenue|Boulevard|Chemin|Allée|Impasse|Quai)
                [\ ]+(?:[\p{L}'’.\-]+[\ ]+){0,4}[\p{L}'’.\-]+,?[\ ]+\d{1,4}(?-u:\b)   # type, name, then number",
        },
        Pattern {
            name: "number_then_rue",
            score: 0.65,
            regex: r"(?x)(?-u:\b)\d{1,4}(?:[\ ]?(?:bis|ter))?,?[\ ]+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai|route|place)
                [\ ]+(?:[\p{L}'’\-]+[\ ]+){0,4}\p{Lu}[\p{L}'’\-]+   # French: number, type, name",
        },
        Pattern {
            name: "us_city_state_zip",
            score: 0.4,
            regex: r"(?x)\p{Lu}[\p{L}.\-]*(?:\ \p{Lu}[\p{L}.\-]*){0,2},\ (?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]
                |N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\ \d{5}(?:-\d{4})?(?-u:\b)   # City, ST 12345",
        },
        Pattern {
            name: "postcode_city",
            score: 0.3,
            regex: r"(?x)(?-u:\b)\d{4,5}\ \p{Lu}\p{Ll}{2,}(?:[\ \-]\p{Lu}\p{Ll}+)?   # 10115 Berlin, 75002 Paris, 1010 Wien",
        },
    ],
    validator: None,
    checksum: false,
    context: &[
        "address",
        "addr",
        "street",
        "residence",
        "home",
        "mailing",
        "billing",
        "shipping",
        "domicile",
        "direccion",
        "indirizzo",
        "adresse",
        "anschrift",
        "strasse",
        "location",
    ],
    not_context: &[],
    min_ratio: 0.05,
    gate: |p: &Profile| p.digits >= 1 && p.letters >= 4,
    source: "UPU Postal Addressing Systems (house number, street type, order per country); USPS state abbreviations and ZIP codes",
};

#[cfg(test)]
mod tests {
    use crate::classify::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::LOCATION,
            &[
                ("221B Baker Street", Some("221B Baker Street")),
                ("1600 Pennsylvania Ave NW", Some("1600 Pennsylvania Ave")),
                ("she lives at 42 Elm Grove, Leeds", Some("42 Elm Grove")),
                ("Hauptstraße 5", Some("Hauptstraße 5")),
                ("Am Lindenweg 12a", Some("Am Lindenweg 12a")),
                ("Via Giuseppe Verdi 10", Some("Via Giuseppe Verdi 10")),
                ("Calle Mayor, 5", Some("Calle Mayor, 5")),
                ("12 rue de la Paix", Some("12 rue de la Paix")),
                ("Springfield, IL 62704", Some("Springfield, IL 62704")),
                ("10115 Berlin", Some("10115 Berlin")),
                ("London NW1 6XE", None),
                ("Springfield, XX 62704", None),
                ("Paris", None),
                ("3 items shipped", None),
                ("version 2 Street Fighter", None),
            ],
        );
    }
}
