//! NG_VEHICLE_REGISTRATION: Nigerian number plates of the 2011 format,
//! `ABC-123DE`: a three-letter local government code, a three-digit serial
//! and two letters.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static NG_VEHICLE_REGISTRATION: Recognizer = Recognizer {
    name: "ng_vehicle_registration",
    country: "NG",
    entity: "NG_VEHICLE_REGISTRATION",
    patterns: &[Pattern {
        name: "plate",
        score: 0.3,
        regex: r"(?x)\b[A-Z]{3}[-\ ]?\d{3}[A-Z]{2}\b   # LGA code, serial, letters",
    }],
    context: &["plate", "vehicle", "registration", "number", "reg", "car"],
    source: "Federal Road Safety Corps, national vehicle number plate format (2011): LGA code, 3 digits, 2 letters",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::NG_VEHICLE_REGISTRATION,
            &[
                ("ABC-123DE", Some("ABC-123DE")),
                ("plate KJA 455 XY", None),
                ("KJA455XY", Some("KJA455XY")),
                ("AB-123DE", None),
                ("ABC-1234DE", None),
            ],
        );
    }
}
