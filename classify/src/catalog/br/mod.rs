//! Brazilian identifiers.

pub(super) mod cpf;
