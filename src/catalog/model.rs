//! The catalog's vocabulary. Each enum is stored as its snake_case name.

use serde::{Deserialize, Serialize};

use crate::vocabulary::stored_enum;

// What a catalog entry is: a word the error's sentences use too (a catalog
// rule names the kind of the item it refers to), so it lives below them.
pub use crate::vocabulary::ItemKind;

/// A basic service is a foundation others require (tenant, cloud zone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    Basic,
    Standard,
}

impl ServiceKind {
    pub fn item_kind(self) -> ItemKind {
        match self {
            ServiceKind::Basic => ItemKind::BasicService,
            ServiceKind::Standard => ItemKind::Service,
        }
    }
}

/// What one unit of a service is priced per.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ServiceUnit {
    PerEmployee,
    PerDevice,
    PerLocation,
    PerVm,
    PerWorkplace,
    Flat,
}
stored_enum!(ServiceUnit { PerEmployee => "per_employee", PerDevice => "per_device", PerLocation => "per_location", PerVm => "per_vm", PerWorkplace => "per_workplace", Flat => "flat" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type, Default)]
#[serde(rename_all = "snake_case")]
pub enum StockStatus {
    InStock,
    LowStock,
    OutOfStock,
    OnOrder,
    #[default]
    Unknown,
}
stored_enum!(StockStatus { InStock => "in_stock", LowStock => "low_stock", OutOfStock => "out_of_stock", OnOrder => "on_order", Unknown => "unknown" });

/// What one unit of a product is, when it is not simply a piece: the unit it
/// is ordered and priced in (a BMEcat `ORDER_UNIT`: `PK`, `MTR`, `Packung`, as
/// the supplier wrote it) and what one such unit contains (`NO_CU_PER_OU` of
/// `CONTENT_UNIT`: 10 `C62`). A product without one is sold per piece.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct SalesUnit {
    pub unit: String,
    /// Read as strictly as any number of a portfolio file (a decimal string).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::money::strict::option"
    )]
    pub content: Option<rust_decimal::Decimal>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_unit: Option<String>,
}

/// Unit codes that mean one piece (UN/CEFACT `C62`, `PCE`, `H87`, `EA`, and
/// the German `ST`/`Stück` many files write).
const PIECE_UNITS: &[&str] = &[
    "c62", "pce", "h87", "ea", "each", "st", "stk", "stück", "stueck", "piece", "pc", "pcs",
];

impl SalesUnit {
    /// Whether `code` means one piece.
    pub fn is_piece_code(code: &str) -> bool {
        let code = code.trim().to_lowercase();
        PIECE_UNITS.contains(&code.as_str())
    }

    /// Whether two unit codes name the same unit (ignoring case; every piece
    /// code is the same unit).
    pub fn same_code(a: &str, b: &str) -> bool {
        a.trim().eq_ignore_ascii_case(b.trim())
            || (SalesUnit::is_piece_code(a) && SalesUnit::is_piece_code(b))
    }
}

/// Where a requirement must be met: once for the whole customer, or in the
/// booking's own context (a VM needs a cloud zone in its cloud container).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum RequirementScope {
    Customer,
    SameContext,
}
stored_enum!(RequirementScope { Customer => "customer", SameContext => "same_context" });

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LinkMode {
    Mandatory,
    Optional,
}
stored_enum!(LinkMode { Mandatory => "mandatory", Optional => "optional" });

/// How many linked units come with a parent booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LinkQuantity {
    /// This many per unit of the parent.
    PerParentUnit(u32),
    /// This many per parent booking, whatever its quantity.
    Fixed(u32),
}

impl LinkQuantity {
    pub fn rule(self) -> &'static str {
        match self {
            LinkQuantity::PerParentUnit(_) => "per_parent_unit",
            LinkQuantity::Fixed(_) => "fixed",
        }
    }

    pub fn count(self) -> u32 {
        match self {
            LinkQuantity::PerParentUnit(n) | LinkQuantity::Fixed(n) => n,
        }
    }

    pub fn from_stored(rule: &str, count: u32) -> Option<LinkQuantity> {
        match rule {
            "per_parent_unit" => Some(LinkQuantity::PerParentUnit(count)),
            "fixed" => Some(LinkQuantity::Fixed(count)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::BookingContext;

    #[test]
    fn stored_names_match_serde_names() {
        for kind in ItemKind::ALL {
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            assert_eq!(ItemKind::parse(kind.as_str()), Some(*kind));
        }
        for context in BookingContext::ALL {
            let json = serde_json::to_string(context).unwrap();
            assert_eq!(json, format!("\"{}\"", context.as_str()));
        }
        for unit in ServiceUnit::ALL {
            assert_eq!(
                serde_json::to_string(unit).unwrap(),
                format!("\"{}\"", unit.as_str())
            );
        }
        assert_eq!(ItemKind::parse("gadget"), None);
    }
}
