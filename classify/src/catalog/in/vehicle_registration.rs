//! IN_VEHICLE_REGISTRATION: Indian registration plates: a state or union
//! territory code, the RTO district number, a series of letters and a
//! four-digit number; and the Bharat series (`22 BH 1234 AA`).

use crate::catalog::{Pattern, Recognizer, consistent_separators};

pub(in crate::catalog) static IN_VEHICLE_REGISTRATION: Recognizer = Recognizer {
    name: "in_vehicle_registration",
    country: "IN",
    entity: "IN_VEHICLE_REGISTRATION",
    patterns: &[
        Pattern {
            name: "state_series",
            score: 0.4,
            regex: r"(?x)
                \b[A-Z]{2}[\ -]?    # state code
                \d{1,2}[\ -]?             # RTO district
                [A-Z]{1,3}[\ -]?          # series
                \d{4}\b             # number",
        },
        Pattern {
            name: "bharat_series",
            score: 0.5,
            regex: r"(?x)\b\d{2}[\ -]?BH[\ -]?\d{4}[\ -]?[A-Z]{1,2}\b   # year, BH, number, letters",
        },
    ],
    validator: Some(valid),
    context: &["vehicle", "registration", "plate", "rc", "number", "car", "regno"],
    source: "Central Motor Vehicles Rules 1989, rule 50 and Bharat series notification (MoRTH, 2021)",
    ..Recognizer::DEFAULT
};

/// State and union territory codes.
const STATES: &[&str] = &[
    "AN", "AP", "AR", "AS", "BR", "CG", "CH", "DD", "DL", "DN", "GA", "GJ", "HP", "HR", "JH", "JK", "KA", "KL", "LA",
    "LD", "MH", "ML", "MN", "MP", "MZ", "NL", "OD", "OR", "PB", "PY", "RJ", "SK", "TN", "TR", "TS", "UK", "UP", "WB",
];

fn valid(s: &str) -> bool {
    consistent_separators(s)
        && (s.as_bytes().first().is_some_and(u8::is_ascii_digit) || s.get(..2).is_some_and(|st| STATES.contains(&st)))
}

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::IN_VEHICLE_REGISTRATION,
            &[
                ("MH12AB1234", Some("MH12AB1234")),
                ("car KA 05 MN 4321", Some("KA 05 MN 4321")),
                ("22BH1234AA", Some("22BH1234AA")),
                ("ZZ12AB1234", None),
                ("MH-12 AB1234", None),
            ],
        );
    }
}
