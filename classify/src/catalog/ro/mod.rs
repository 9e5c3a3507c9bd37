//! Romanian identifiers.

pub(super) mod cnp;
