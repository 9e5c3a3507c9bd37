//! Turkish identifiers.

pub(super) mod national_id;
pub(super) mod tax_id;
