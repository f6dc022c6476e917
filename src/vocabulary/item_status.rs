//! Whether a catalog item is for sale.

use serde::{Deserialize, Serialize};

use super::stored_enum;

/// Active items can be booked; deprecated ones keep their inventory but take no
/// new bookings; retired and discontinued ones are gone from sale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    #[default]
    Active,
    Deprecated,
    Retired,
    Discontinued,
}
stored_enum!(ItemStatus { Active => "active", Deprecated => "deprecated", Retired => "retired", Discontinued => "discontinued" });
