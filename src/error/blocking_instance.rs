//! The instances that block a change (a context or customer they were booked
//! into cannot be deleted, a basic service they depend on cannot be retired),
//! as data for the error that refuses it (`Error::InUse`). Read from the
//! database by `BlockingInstance::query` (in `contract`); defined here below
//! the error.

use serde::Serialize;

use crate::vocabulary::{ContextRef, InstanceStatus};

/// One instance in the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct BlockingInstance {
    pub id: i64,
    /// The item's name.
    pub item: String,
    pub status: InstanceStatus,
    pub customer_id: i64,
    pub context: ContextRef,
}
