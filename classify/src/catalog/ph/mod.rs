//! Philippine identifiers.

pub(super) mod health_insurance;
pub(super) mod license_plate;
pub(super) mod passport;
pub(super) mod tin;
pub(super) mod umid;
