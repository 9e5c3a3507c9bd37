//! Norwegian identifiers.

pub(super) mod fodselsnummer;
