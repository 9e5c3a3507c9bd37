//! Croatian identifiers.

pub(super) mod oib;
