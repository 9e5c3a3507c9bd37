//! Indian identifiers.

pub(super) mod aadhaar;
pub(super) mod gstin;
pub(super) mod pan;
pub(super) mod passport;
pub(super) mod upi;
pub(super) mod vehicle_registration;
pub(super) mod voter;
