//! Canadian identifiers.

pub(super) mod postal_code;
pub(super) mod sin;
