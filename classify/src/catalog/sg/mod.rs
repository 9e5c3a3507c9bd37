//! Singapore identifiers.

pub(super) mod nric_fin;
pub(super) mod uen;
