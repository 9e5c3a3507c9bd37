//! UK_VEHICLE_REGISTRATION: British number plates in the format used since
//! September 2001: a two-letter memory tag (region and office), a two-digit
//! age identifier (the year in March, the year + 50 in September) and three
//! random letters, I and Q never used: `AB51 ABC`. Shape only: a column or
//! nearby word naming the vehicle or its registration makes the finding.

use crate::catalog::{Pattern, Recognizer};

pub(in crate::catalog) static UK_VEHICLE_REGISTRATION: Recognizer = Recognizer {
    name: "uk_vehicle_registration",
    country: "UK",
    entity: "UK_VEHICLE_REGISTRATION",
    patterns: &[Pattern {
        name: "dvla_2001",
        score: 0.3,
        regex: r"(?x)\b[A-HJ-PR-Y][A-HJ-PR-Y](?:0[2-9]|[12]\d|5[1-9]|[67]\d)\ ?[A-HJ-PR-Z]{3}\b   # memory tag, age, letters",
    }],
    context: &["registration", "reg", "vrm", "numberplate", "plate", "vehicle"],
    source: "Road Vehicles (Display of Registration Marks) Regulations 2001, Schedule 2 (current format: memory tag, age identifier, random letters)",
    ..Recognizer::DEFAULT
};

#[cfg(test)]
mod tests {
    use crate::catalog::tests::check;

    #[test]
    fn table() {
        check(
            &super::UK_VEHICLE_REGISTRATION,
            &[
                ("AB51 ABC", Some("AB51 ABC")),
                ("reg LD24XYZ", Some("LD24XYZ")),
                ("AB51 AIC", None),
                ("AB41 ABC", None),
                ("IB51 ABC", None),
            ],
        );
    }
}
