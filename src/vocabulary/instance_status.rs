//! Where an instance stands in its life: planned → ordered → provisioning →
//! active → cancelled → retired (the transitions themselves are booking's).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum InstanceStatus {
    Planned,
    Ordered,
    Provisioning,
    Active,
    Cancelled,
    Retired,
}

impl InstanceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InstanceStatus::Planned => "planned",
            InstanceStatus::Ordered => "ordered",
            InstanceStatus::Provisioning => "provisioning",
            InstanceStatus::Active => "active",
            InstanceStatus::Cancelled => "cancelled",
            InstanceStatus::Retired => "retired",
        }
    }

    pub fn parse(text: &str) -> Option<InstanceStatus> {
        [
            InstanceStatus::Planned,
            InstanceStatus::Ordered,
            InstanceStatus::Provisioning,
            InstanceStatus::Active,
            InstanceStatus::Cancelled,
            InstanceStatus::Retired,
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }

    /// Whether the instance counts as present (satisfies requirements, costs money).
    pub fn is_live(self) -> bool {
        !matches!(self, InstanceStatus::Retired)
    }

    pub(crate) fn may_become(self, next: InstanceStatus) -> bool {
        use InstanceStatus::*;
        matches!(
            (self, next),
            (Planned, Ordered)
                | (Planned, Retired)
                | (Ordered, Provisioning)
                | (Ordered, Cancelled)
                | (Provisioning, Active)
                | (Provisioning, Cancelled)
                | (Active, Cancelled)
                | (Active, Retired)
                | (Cancelled, Retired)
        )
    }
}
