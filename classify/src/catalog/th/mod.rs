//! Thai identifiers.

pub(super) mod tnin;
