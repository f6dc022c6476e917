//! Pricing's tables and their owners (docs/store.md).

pub mod price_lists;
pub mod price_rules;
