//! What a catalog entry is.

use serde::{Deserialize, Serialize};

use super::stored_enum;

/// What a catalog entry is, as the catalog browser groups it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Product,
    Service,
    BasicService,
    AddOn,
}
stored_enum!(ItemKind { Product => "product", Service => "service", BasicService => "basic_service", AddOn => "add_on" });
