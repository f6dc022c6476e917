//! Where a booking lands: one employee, location, cloud container or workplace
//! of a customer, or the customer as a whole.

use serde::{Deserialize, Serialize};

use super::BookingContext;

/// One place a booking lands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, specta::Type,
)]
#[serde(tag = "context", content = "id", rename_all = "snake_case")]
pub enum ContextRef {
    Employee(i64),
    Location(i64),
    CloudContainer(i64),
    Workplace(i64),
    Global,
}

impl ContextRef {
    pub fn kind(self) -> BookingContext {
        match self {
            ContextRef::Employee(_) => BookingContext::Employee,
            ContextRef::Location(_) => BookingContext::Location,
            ContextRef::CloudContainer(_) => BookingContext::CloudContainer,
            ContextRef::Workplace(_) => BookingContext::Workplace,
            ContextRef::Global => BookingContext::Global,
        }
    }
}
