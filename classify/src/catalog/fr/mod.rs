//! French identifiers.

pub(super) mod nir;
