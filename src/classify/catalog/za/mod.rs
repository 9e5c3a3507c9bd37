//! South African identifiers.

pub(super) mod driver_license;
pub(super) mod id_number;
pub(super) mod passport;
pub(super) mod tax;
