//! Greek identifiers.

pub(super) mod amka;
