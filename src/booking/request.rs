//! What a consultant asks to book (docs/booking-request.md).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::vocabulary::{ContextRef, OfferType};

/// Where to book: named contexts, or every employee matching a selector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ContextSelector {
    Contexts(Vec<ContextRef>),
    /// Every employee of the customer.
    AllEmployees,
    /// Every employee working at this location.
    EmployeesOfLocation(i64),
    /// Every employee of this department (exact name).
    EmployeesOfDepartment(String),
}

#[derive(
    Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, specta::Type,
)]
pub struct ChosenOption {
    pub group: String,
    pub choice: String,
}

/// A booking request: one item, sold one way, into one or many contexts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct BookingRequest {
    pub customer_id: i64,
    /// Code of a product or service.
    pub item: String,
    /// Code of the service variant; none for products.
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub options: Vec<ChosenOption>,
    /// Products are always purchased; a service's variant must offer the type.
    pub offer_type: OfferType,
    pub contexts: ContextSelector,
    /// Units per context.
    pub quantity: i64,
    pub start_date: NaiveDate,
    /// Codes of optional linked items to book along.
    #[serde(default)]
    pub include_optional: Vec<String>,
    /// Book even where a context already holds a live instance of the item (any
    /// variant): the consultant's explicit "add anyway". Without it such a plan
    /// is refused (`Error::AlreadyHeld`), so nothing is ordered twice by accident.
    #[serde(default)]
    pub add_anyway: bool,
}
