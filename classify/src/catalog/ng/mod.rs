//! Nigerian identifiers.

pub(super) mod bvn;
pub(super) mod nin;
pub(super) mod vehicle_registration;
