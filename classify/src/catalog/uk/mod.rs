//! United Kingdom identifiers.

pub(super) mod driving_licence;
pub(super) mod nhs;
pub(super) mod nino;
pub(super) mod passport;
pub(super) mod postcode;
pub(super) mod vehicle_registration;
