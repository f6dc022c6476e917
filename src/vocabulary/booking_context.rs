//! The kinds of place a booking lands in (an item names those it may go into).

use serde::{Deserialize, Serialize};

use super::stored_enum;

/// Where a booking lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BookingContext {
    Employee,
    Location,
    CloudContainer,
    Workplace,
    Global,
}
stored_enum!(BookingContext { Employee => "employee", Location => "location", CloudContainer => "cloud_container", Workplace => "workplace", Global => "global" });
