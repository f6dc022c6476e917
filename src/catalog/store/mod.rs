//! The catalog's tables and their owners (docs/store.md): each aggregate's
//! store module alone writes its tables and maps their rows; the rest of the
//! catalog (checks, rules, search, the designer) calls it.

pub mod category_rules;
pub mod items;
pub mod products;
