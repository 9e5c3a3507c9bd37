//! Turkish identifiers.

pub(super) mod national_id;
