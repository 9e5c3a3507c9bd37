//! South African identifiers.

pub(super) mod company_registration;
pub(super) mod driver_license;
pub(super) mod id_number;
pub(super) mod license_plate;
pub(super) mod passport;
pub(super) mod phone;
pub(super) mod tax;
pub(super) mod traffic_register;
