//! Polish identifiers.

pub(super) mod pesel;
