//! South African identifiers.

pub(super) mod id_number;
