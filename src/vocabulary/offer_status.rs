//! Where an offer version stands: draft, sent, accepted, rejected or expired.

use serde::{Deserialize, Serialize};

/// Where an offer version stands (draft → sent → accepted, rejected or expired).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    Draft,
    Sent,
    Accepted,
    Rejected,
    Expired,
}

impl OfferStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            OfferStatus::Draft => "draft",
            OfferStatus::Sent => "sent",
            OfferStatus::Accepted => "accepted",
            OfferStatus::Rejected => "rejected",
            OfferStatus::Expired => "expired",
        }
    }
}
