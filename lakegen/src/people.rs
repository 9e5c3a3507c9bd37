//! Made-up people, addresses and the things that look like them: company
//! and product names, cities and countries, for PERSON and LOCATION.

use crate::values::{FAMILY, GIVEN, Rng, sentence};

const STREETS: &[&str] =
    &["Elm", "Baker", "Linden", "Harbour", "Orchard", "Mill", "Station", "Castle", "Meadow", "Quarry"];

/// A street address in the layout of one of five countries.
pub fn street_address(r: &mut Rng) -> String {
    let (street, n) = (r.pick(STREETS), r.range(1, 480));
    match r.range(0, 4) {
        0 => format!("{n} {street} {}", r.pick(&["Street", "Road", "Avenue", "Lane", "Drive"])),
        1 => format!("{street}{} {n}", r.pick(&["straße", "weg", "gasse", "allee"])),
        2 => format!("Via {} {n}", r.pick(FAMILY)),
        3 => format!("{n} rue des {}", r.pick(&["Lilas", "Tanneurs", "Moulins", "Écoles"])),
        _ => format!("Calle {street} {n}"),
    }
}

/// A given name alone.
pub fn first_name(r: &mut Rng) -> String {
    r.pick(GIVEN).to_string()
}

/// A customer note that greets a person by name four times in ten.
pub fn note(r: &mut Rng) -> String {
    if r.chance(0.4) {
        format!("Dear {} {}, {}", r.pick(&["Mr.", "Ms.", "Dr."]), r.pick(FAMILY), sentence(r, 8))
    } else {
        format!("{}.", sentence(r, 10))
    }
}

/// A company named after a family, with its legal form.
pub fn company(r: &mut Rng) -> String {
    format!(
        "{} {} {}",
        r.pick(FAMILY),
        r.pick(&["Holdings", "Logistics", "Group", "Trading", "Systems"]),
        r.pick(&["Ltd", "GmbH", "Inc", "S.p.A.", "AB"])
    )
}

/// A product name.
pub fn product(r: &mut Rng) -> String {
    format!(
        "{} {}",
        r.pick(&["Nimbus", "Aero", "Orbit", "Vela", "Quanta"]),
        r.pick(&["Pro", "Max", "Mini", "Lite", "Ultra"])
    )
}

/// A city, some of them given names too.
pub fn city(r: &mut Rng) -> String {
    r.pick(&["Lyon", "Porto", "Charlotte", "Austin", "Florence", "Adelaide", "Victoria", "Turku", "Gdańsk", "Osaka"])
        .to_string()
}

/// A country, some of them given names too.
pub fn country(r: &mut Rng) -> String {
    r.pick(&["Jordan", "Chad", "Georgia", "Ireland", "Peru", "Kenya", "Norway", "Vietnam", "Chile", "Malta"])
        .to_string()
}

/// A latitude and longitude: numbers, not a person's.
pub fn coordinates(r: &mut Rng) -> String {
    let lat = r.range(0, 180_000_000) as f64 / 1e6 - 90.0;
    let lon = r.range(0, 360_000_000) as f64 / 1e6 - 180.0;
    format!("{lat:.6}, {lon:.6}")
}

/// A nationality, as a customer form records it.
pub fn nationality(r: &mut Rng) -> String {
    r.pick(&[
        "French",
        "German",
        "Nigerian",
        "South African",
        "Filipino",
        "Swedish",
        "Turkish",
        "Brazilian",
        "Korean",
        "Kenyan",
    ])
    .replace("Korean", "South Korean")
}

/// A language: the same words as nationalities, and no person's.
pub fn language(r: &mut Rng) -> String {
    r.pick(&["French", "German", "Spanish", "Swedish", "Turkish", "Portuguese", "Italian", "Dutch"]).to_string()
}
