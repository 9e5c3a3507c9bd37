//! Swiss identifiers.

pub(super) mod ahv;
