//! Australian identifiers.

pub(super) mod abn;
pub(super) mod acn;
pub(super) mod medicare;
pub(super) mod tfn;
