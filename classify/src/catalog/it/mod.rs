//! Italian identifiers.

pub(super) mod driver_license;
pub(super) mod fiscal_code;
pub(super) mod identity_card;
pub(super) mod passport;
pub(super) mod vat_code;
