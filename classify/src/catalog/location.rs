//! LOCATION: street addresses, by shape: a house number and a street type
//! in the order each language writes them (`221B Baker Street`,
//! `Hauptstraße 5`, `Via Roma 10`, `12 rue de la Paix`, `32/395 Mandal
//! Path`), the unit that may come before or after (`Apt. 4`, `Flat 2`),
//! and the postal lines that complete them (`Springfield, IL 62704`,
//! `10115 Berlin`), and the house numbers and street markers of addresses
//! in other scripts (`中正路5號`, `29丁目7番2号`, `ул. Ленина,
//! д. 5`, `195/1 ถนน...`). Cities and countries alone are not reported: they
//! locate no one. British postcodes are UK_POSTCODE, as in Presidio
//! ([`super::uk::postcode`]).

use super::{Pattern, Recognizer};

/// Street types written after the street's name: the USPS Publication 28
/// suffixes (appendix C1, names and standard abbreviations, less the
/// two-letter ones that are common words: `Is`, `Un`, `Pr`), the types of
/// Australia Post's and Royal Mail's addressing guides not among them
/// (`Close`, `Parade`, `Wynd`), and those of Indian addresses (`Nagar`,
/// `Marg`, `Chowk`).
macro_rules! street_types {
    () => {
        concat!(
            "Access|Alley|Alleyway|Aly|Amble|Anchorage|Annex|Approach|Arcade|Artery|Av|Ave|Avenue|Bagh|Basin|",
            "Basti|Bayou|Bazaar|Bazar|Bch|Beach|Bend|Blf|Blfs|Bluff|Bluffs|Blvd|Bnd|Boardwalk|Bottom|",
            "Boulevard|Boulevarde|Br|Brace|Brae|Branch|Break|Brg|Bridge|Brk|Brks|Broadway|Brook|Brooks|Brow|",
            "Btm|Burg|Burgs|Byp|Bypass|Byway|Camp|Canyon|Cape|Causeway|Center|Centers|Centre|Centreway|Chase|",
            "Chowk|Cir|Circle|Circles|Circlet|Circuit|Circus|Cirs|Clb|Clf|Clfs|Cliff|Cliffs|Close|Club|Cmn|",
            "Cmns|Colonnade|Colony|Common|Commons|Concourse|Copse|Cor|Corner|Corners|Cors|Corso|Course|Court|",
            "Courts|Courtyard|Cove|Coves|Cpe|Creek|Cres|Crescent|Crest|Crk|Croft|Cross|Crossing|Crossroad|",
            "Crossroads|Crossway|Crse|Crst|Cruiseway|Cswy|Ct|Ctr|Ctrs|Cts|Curv|Curve|Cutting|Cv|Cvs|Cyn|Dale|",
            "Dam|Dell|Deviation|Dip|Distributor|Divide|Dr|Drive|Drives|Driveway|Drs|Edge|Elbow|Enclave|End|",
            "Entrance|Esplanade|Est|Estate|Estates|Ests|Expressway|Expy|Ext|Extension|Extensions|Exts|Fairway|",
            "Fall|Falls|Ferry|Field|Fields|Firetrail|Flat|Flats|Fld|Flds|Fls|Flt|Flts|Follow|Footway|Ford|",
            "Fords|Foreshore|Forest|Forge|Forges|Fork|Forks|Formation|Fort|Frd|Frds|Freeway|Frg|Frgs|Frk|Frks|",
            "Frontage|Frst|Fry|Ft|Fwy|Gali|Galli|Ganj|Gap|Garden|Gardens|Gate|Gates|Gateway|Gdn|Gdns|Glade|",
            "Glen|Glens|Gln|Glns|Grange|Green|Greens|Grn|Grns|Ground|Grove|Groves|Grv|Grvs|Gtwy|Gully|Halli|",
            "Harbor|Harbors|Harbour|Haven|Hbr|Hbrs|Heights|Highroad|Highway|Hill|Hills|Hollow|Holw|Hts|Hvn|",
            "Hwy|Inlet|Inlt|Interchange|Island|Islands|Isle|Jct|Jcts|Junction|Junctions|Key|Keys|Knl|Knls|",
            "Knoll|Knolls|Kunj|Ky|Kys|Lake|Lakes|Land|Landing|Lane|Laneway|Layout|Lck|Lcks|Ldg|Lees|Lgt|Lgts|",
            "Light|Lights|Line|Link|Lk|Lks|Ln|Lndg|Loaf|Lock|Locks|Lodge|Lookout|Loop|Mall|Manor|Manors|Marg|",
            "Mdw|Mdws|Meadow|Meadows|Meander|Mew|Mews|Mill|Mills|Mission|Mnr|Mnrs|Mohalla|Motorway|Mount|",
            "Mountain|Mountains|Msn|Mt|Mtn|Mtns|Mtwy|Nagar|Nck|Neck|Niwas|Nook|Opas|Orch|Orchard|Outlook|Oval|",
            "Overpass|Pally|Palya|Parade|Park|Parklands|Parks|Parkway|Parkways|Pass|Passage|Path|Peth|Piazza|",
            "Pike|Pine|Pines|Pkwy|Pl|Place|Plain|Plains|Plaza|Pln|Plns|Plz|Pne|Pnes|Pocket|Point|Points|Port|",
            "Ports|Prairie|Precinct|Prk|Promenade|Prt|Prts|Psge|Pt|Pts|Puram|Quadrant|Quay|Quays|Radial|Radl|",
            "Ramble|Ramp|Ranch|Rapid|Rapids|Rd|Rdg|Rdgs|Rds|Reach|Reserve|Rest|Retreat|Ride|Ridge|Ridges|",
            "Ridgeway|Ring|Rise|Riv|River|Rnch|Road|Roads|Ronde|Rosebowl|Rotary|Round|Route|Row|Rpd|Rpds|Rst|",
            "Rte|Rue|Run|Salai|Sarani|Sector|Serviceway|Shl|Shls|Shoal|Shoals|Shore|Shores|Shr|Shrs|Shunt|",
            "Skwy|Skyway|Slope|Smt|Spgs|Spring|Springs|Spur|Spurs|Sq|Sqs|Square|Squares|St|Station|Steps|Stra|",
            "Strand|Stravenue|Stream|Street|Streets|Strip|Strm|Sts|Subway|Summit|Tarn|Ter|Terrace|",
            "Thoroughfare|Throughway|Tollway|Tor|Towers|Tpke|Trace|Track|Trafficway|Trail|Trailer|Trak|Trce|",
            "Trfy|Trl|Trlr|Trunkway|Trwy|Tunl|Tunnel|Turn|Turnpike|Twist|Underpass|Union|Unions|Upas|Upper|",
            "Vale|Valley|Valleys|Verge|Viaduct|View|Views|Vihar|Village|Villages|Ville|Vis|Vista|Vlg|Vlgs|Vly|",
            "Vlys|Vw|Vws|Wadi|Walk|Walks|Walkway|Wall|Way|Ways|Well|Wells|Wharf|Wynd|Xing|Xrd|Xrds|Yard|Zila",
        )
    };
}

/// Street types written before the street's name: Italian, Spanish,
/// Portuguese, French (either case) and Polish (also abbreviated).
macro_rules! types_first {
    () => {
        r"(?:Via|Viale|Piazza|Piazzale|Corso|Largo|Vicolo|Borgo|Contrada|Strada|Stretto|Rotonda|Canale|Incrocio
          |Calle|Avenida|Avda\.|Paseo|Plaza|Pasaje|Alameda|Glorieta|Callejón|Acceso|Camino|Cañada|Cuesta
          |Pasadizo|Rambla|Ronda|Urbanización|Vial|Carretera|Travesía|Carrer
          |Rua|Travessa|Praça|Estrada|Rodovia|Esplanada|Ladeira|Vila|Viela|Jardim|Quadra|Setor|Trecho
          |Vereda|Favela|Aeroporto|Estação|Conjunto|Condomínio|Residencial|Loteamento|Parque|Recanto
          |Sítio|Chácara|Fazenda|Colônia|Distrito|Núcleo|Trevo|Viaduto|Pátio|Área|Lagoa|Morro|Praia
          |Passarela|Campo|Lago|Feira|Vale
          |Rue|Avenue|Boulevard|Chemin|Allée|Impasse|Quai|Cours|Passage
          |rue|avenue|boulevard|chemin|allée|impasse|quai|cours|passage
          |ulica|aleja|plac|ul\.|al\.|pl\.|os\.|osiedle|Ulica|Aleja|Plac|Osiedle|Rondo)"
    };
}

/// A unit within a building, before or after the street address.
macro_rules! unit {
    () => {
        r"(?:Apt|Apartment|Suite|Ste|Unit|Flat|Fl|Floor|Level|Lvl|Room|Rm|Shop|Lot|Plot|Block|Bldg|\#)\.?\ ?[A-Za-z0-9][A-Za-z0-9-]{0,5}"
    };
}

pub(super) static LOCATION: Recognizer = Recognizer {
    name: "street_address",
    country: "global",
    entity: "LOCATION",
    patterns: &[
        Pattern {
            name: "number_then_street",
            score: 0.65,
            regex: concat!(
                r"(?x)(?:",
                unit!(),
                r",?[\ ]+)?                                         # a unit first: Apt. 4, Level 8
                (?:(?:H\.?\ ?No|House\ No|Door\ No|No)\.?\ ?)?     # a house-number mark: H.No. 100
                \b\d{1,5}[A-Za-z]?(?:[/-][0-9A-Za-z]{1,5})?,?[\ ]+   # house number: 221B, 32/395, 12-B, 295,
                (?:[NSEW]\.?[\ ]+)?                                # direction
                (?:\p{Lu}[\p{L}'’.\-]*[\ ]+){1,4}                  # street name
                (?:",
                street_types!(),
                r")\b
                (?:,?[\ ]+",
                unit!(),
                r"\b)?                                       # a unit after: Apt. 457"
            ),
        },
        Pattern {
            name: "street_then_number",
            score: 0.65,
            regex: r"(?x)(?:\p{Lu}[\p{L}.\-]*[\ ]+){0,3}\p{Lu}[\p{L}\-]{2,}   # the name, glued to its type
                (?i:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm|ufer|pfad|steig|chaussee|markt   # German
                  |straat|laan|plein|gracht|pad|singel|kade|dreef|steeg|baan|dijk|hof                    # Dutch
                  |gatan|vägen|gata|gränd|stigen|torget|vej|gade|veien)                                  # Nordic
                [\ ]+\d{1,4}[a-z]?(?:[/-]\d{1,4}[a-z]?)?\b                # number: 5, 12a, 28-65, 4/4",
        },
        Pattern {
            name: "type_then_street",
            score: 0.65,
            regex: concat!(
                r"(?x)",
                types_first!(),
                r"[\ ]+(?:[\p{L}'’.\-]+[\ ]+){0,4}[\p{L}'’.\-]+,?[\ ]+   # the name
                \d{1,4}[a-zA-Z]?(?:[/-]\d{1,4}[a-zA-Z]?)?\b    # number: 10, 35/29"
            ),
        },
        Pattern {
            // A street's name alone, without a number (`rue Paris`,
            // `Travessa Sarah Pereira`): as a whole value only, and weakly,
            // so that a column name saying address makes the finding.
            name: "street_name",
            score: 0.3,
            regex: concat!(
                r"(?x)\A",
                types_first!(),
                r"[\ ]+(?:[\p{L}'’.\-]+[\ ]+){0,4}\p{Lu}[\p{L}'’.\-]+\z   # type, then the name"
            ),
        },
        Pattern {
            name: "number_then_rue",
            score: 0.65,
            regex: r"(?x)\b\d{1,4}(?:[\ ]?(?:bis|ter))?,?[\ ]+(?:rue|avenue|boulevard|bd|chemin|allée|impasse|quai|route|place|cours|passage)
                [\ ]+(?:[\p{L}'’\-]+[\ ]+){0,4}\p{Lu}[\p{L}'’\-]+   # French: number, type, name",
        },
        Pattern {
            name: "han_street_number",
            score: 0.65,
            regex: r"(?x)\p{Han}(?:路|街|道|巷|弄|胡同)\d{1,5}(?:之\d{1,3})?(?:号|號)   # Chinese: the street's last character, its type and number (中正路5號)",
        },
        Pattern {
            name: "chome_banchi",
            score: 0.65,
            regex: r"(?x)\d{1,3}丁目\d{1,4}番地?(?:\d{1,4}号)?   # Japanese: 29丁目7番2号",
        },
        Pattern {
            name: "cyrillic_street_house",
            score: 0.65,
            regex: r"(?x)(?:ул|пр|просп|пер|ш|пл|наб|бул|бульв|вул|пров)\.[\ ]+\p{Lu}[\p{L}\-]+(?:[\ ]+[\p{L}\-]+){0,2},?[\ ]+(?:д|буд)\.[\ ]?\d{1,4}   # ул. Ленина, д. 5; вул. Шевченка, буд. 34",
        },
        Pattern {
            name: "thai_house_road",
            score: 0.65,
            regex: r"(?x)\b\d{1,4}/\d{1,4}\ (?:ถนน|ซอย|หมู่)\p{Thai}*   # Thai: house number (195/1), then road, lane or village and its name",
        },
        Pattern {
            name: "us_city_state_zip",
            score: 0.4,
            regex: r"(?x)\p{Lu}[\p{L}.\-]*(?:\ \p{Lu}[\p{L}.\-]*){0,2},\ (?:A[KLRZ]|C[AOT]|D[CE]|FL|GA|HI|I[ADLN]|K[SY]|LA|M[ADEINOST]
                |N[CDEHJMVY]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|V[AT]|W[AIVY])\ \d{5}(?:-\d{4})?\b   # City, ST 12345",
        },
        Pattern {
            name: "postcode_city",
            score: 0.3,
            regex: r"(?x)\b\d{4,5}\ \p{Lu}\p{Ll}{2,}(?:[\ \-]\p{Lu}\p{Ll}+)?   # 10115 Berlin, 75002 Paris, 1010 Wien",
        },
    ],
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
        "地址",
        "住所",
        "주소",
        "адрес",
        "адреса",
        "ที่อยู่",
        "כתובת",
        "عنوان",
        "آدرس",
        "पता",
    ],
    source: "UPU Postal Addressing Systems (house number, street type, order per country); USPS state abbreviations and ZIP codes; Japan Post (chōme, banchi, gō), the street abbreviations of Russian and Ukrainian postal addresses",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::LOCATION,
            &[
                ("221B Baker Street", Some("221B Baker Street")),
                // Other scripts: a street marker and a house number.
                ("台北市中正路5號3樓", Some("正路5號")),
                ("北京市朝阳区建国路88号", Some("国路88号")),
                ("東京都千代田区千代田1丁目1番1号", Some("1丁目1番1号")),
                ("г. Муром, ш. Заводское, д. 25, 703764", Some("ш. Заводское, д. 25")),
                ("вул. Шевченка, буд. 34, Токмак", Some("вул. Шевченка, буд. 34")),
                ("площа Долинська, буд. 34", None),
                ("195/1 ถนนปรีชากุลเศรษฐ์ ต.เกาะโพธิ์", Some("195/1 ถนนปรีชากุลเศรษฐ์")),
                ("北京市朝阳区", None),
                ("3丁目", None),
                ("1600 Pennsylvania Ave NW", Some("1600 Pennsylvania Ave")),
                ("she lives at 42 Elm Grove, Leeds", Some("42 Elm Grove")),
                ("Hauptstraße 5", Some("Hauptstraße 5")),
                ("Am Lindenweg 12a", Some("Am Lindenweg 12a")),
                ("Via Giuseppe Verdi 10", Some("Via Giuseppe Verdi 10")),
                ("Calle Mayor, 5", Some("Calle Mayor, 5")),
                ("12 rue de la Paix", Some("12 rue de la Paix")),
                ("Springfield, IL 62704", Some("Springfield, IL 62704")),
                ("10115 Berlin", Some("10115 Berlin")),
                // Addresses as Faker and real forms write them (issue 15).
                ("265 Rogers Freeway, Karenbury", Some("265 Rogers Freeway")),
                ("Apt. 085 9 Kathryn View, Johnnyland", Some("Apt. 085 9 Kathryn View")),
                ("32/395 Mandal Path, Jalna", Some("32/395 Mandal Path")),
                ("295, Mukhopadhyay Nagar, Kollam", Some("295, Mukhopadhyay Nagar")),
                ("H.No. 100, Prakash Nagar", Some("H.No. 100, Prakash Nagar")),
                ("12-B Station Rd", Some("12-B Station Rd")),
                ("032 Adam Ridges Apt. 457", Some("032 Adam Ridges Apt. 457")),
                ("Flat 3 47 Adams Motorway", Some("Flat 3 47 Adams Motorway")),
                ("Juliana-Döring-Gasse 4", Some("Juliana-Döring-Gasse 4")),
                ("Wagenknechtplatz 28-65", Some("Wagenknechtplatz 28-65")),
                ("Lisasingel 8", Some("Lisasingel 8")),
                ("Idrottstorget 060", Some("Idrottstorget 060")),
                ("Alameda Ofelia Delgado 547 Piso 8", Some("Alameda Ofelia Delgado 547")),
                ("Vicolo Carfagna, 185", Some("Vicolo Carfagna, 185")),
                ("pl. Baczyńskiego 35/29", Some("pl. Baczyńskiego 35/29")),
                ("Rodovia de Novais, 789", Some("Rodovia de Novais, 789")),
                ("35, chemin de Leleu", Some("35, chemin de Leleu")),
                ("London NW1 6XE", None),
                ("Spring 2024", None),
                ("rue Paris", Some("rue Paris")),
                ("Travessa Sarah Pereira", Some("Travessa Sarah Pereira")),
                ("Incrocio Renier, 0", Some("Incrocio Renier, 0")),
                ("54 Buch Zila", Some("54 Buch Zila")),
                ("746 Turner Anchorage", Some("746 Turner Anchorage")),
                ("sent via Email today", None),
                ("Chapter 3 This Is", None),
                ("Springfield, XX 62704", None),
                ("Paris", None),
                ("3 items shipped", None),
                ("version 2 Street Fighter", None),
            ],
        );
    }
}
