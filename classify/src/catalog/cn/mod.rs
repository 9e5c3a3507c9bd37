//! Chinese identifiers.

pub(super) mod resident_id;
