//! United States identifiers.

pub(super) mod aba_routing;
pub(super) mod bank_number;
pub(super) mod driver_license;
pub(super) mod health_insurance;
pub(super) mod health_providers;
pub(super) mod itin;
pub(super) mod medical_license;
pub(super) mod passport;
pub(super) mod ssn;
