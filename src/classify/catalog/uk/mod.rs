//! United Kingdom identifiers.

pub(super) mod nhs;
pub(super) mod nino;
