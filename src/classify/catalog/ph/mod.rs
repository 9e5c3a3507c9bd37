//! Philippine identifiers.

pub(super) mod tin;
