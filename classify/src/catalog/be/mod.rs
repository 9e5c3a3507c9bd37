//! Belgian identifiers.

pub(super) mod national_number;
