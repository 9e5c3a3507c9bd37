//! Estonian identifiers.

pub(super) mod isikukood;
