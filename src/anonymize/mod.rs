//! Anonymized copies: every object under SOURCE written again under DEST,
//! same format, schema and rows, with personal data replaced per entity
//! type by the policy's operators. The source is only ever read.

pub mod keys;
pub mod operators;
pub mod plan;
pub mod policy;
pub mod rewrite;
