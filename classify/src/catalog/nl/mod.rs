//! Dutch identifiers.

pub(super) mod bsn;
