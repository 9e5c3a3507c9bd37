//! Turkish identifiers.

pub(super) mod license_plate;
pub(super) mod national_id;
pub(super) mod tax_id;
