//! A context that already holds a live instance of the item a plan line books
//! (issue 13, item 1: nothing is ordered twice by accident). Built by the
//! booking plan; defined here below the error that refuses an unacknowledged
//! plan (`Error::AlreadyHeld`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::vocabulary::{ContextRef, InstanceStatus};

/// A live instance (ordered, provisioning or active) of the item a line books,
/// in the line's context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct HeldInstance {
    pub instance_id: i64,
    /// The variant's name ("Standard"); none for products.
    pub variant: Option<String>,
    pub status: InstanceStatus,
    /// The instance's start date: "active since", "ordered for".
    pub since: NaiveDate,
}

/// One plan line whose context already holds the item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct AlreadyHeld {
    pub context: ContextRef,
    /// "Jana Petersen".
    pub context_label: String,
    /// The item's name ("Managed365").
    pub item: String,
    pub held: Vec<HeldInstance>,
}

impl AlreadyHeld {
    /// "Jana Petersen already has Managed365 Standard, active since 2026-02-01".
    pub fn describe(&self) -> String {
        let held: Vec<String> = self
            .held
            .iter()
            .map(|h| {
                let name = match &h.variant {
                    Some(v) => format!("{} {v}", self.item),
                    None => self.item.clone(),
                };
                format!("{name}, {} since {}", h.status.as_str(), h.since)
            })
            .collect();
        format!("{} already has {}", self.context_label, held.join(" and "))
    }
}
