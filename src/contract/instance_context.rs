//! Where an instance was booked, as its row stores it: the context's kind and
//! one id column per kind of context (all but the one that applies are NULL).
//! Every reader of instances decodes it here, so the columns and their order
//! are written down once.

use rusqlite::Row;

use crate::vocabulary::{BookingContext, ContextRef};

/// The columns [`context_at`] reads, in its order, for a `SELECT` on
/// `instance i`.
pub const INSTANCE_CONTEXT_COLUMNS: &str =
    "i.context, i.employee_id, i.location_id, i.cloud_container_id, i.workplace_id";

/// The context of the instance in `row`, whose [`INSTANCE_CONTEXT_COLUMNS`]
/// start at column `at`.
pub fn context_at(row: &Row<'_>, at: usize) -> rusqlite::Result<ContextRef> {
    Ok(match row.get::<_, BookingContext>(at)? {
        BookingContext::Employee => ContextRef::Employee(row.get(at + 1)?),
        BookingContext::Location => ContextRef::Location(row.get(at + 2)?),
        BookingContext::CloudContainer => ContextRef::CloudContainer(row.get(at + 3)?),
        BookingContext::Workplace => ContextRef::Workplace(row.get(at + 4)?),
        BookingContext::Global => ContextRef::Global,
    })
}
