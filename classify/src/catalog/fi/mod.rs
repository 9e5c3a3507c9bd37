//! Finnish identifiers.

pub(super) mod personal_identity_code;
