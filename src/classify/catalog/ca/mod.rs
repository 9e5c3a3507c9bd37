//! Canadian identifiers.

pub(super) mod sin;
