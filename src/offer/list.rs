//! The offers of the store, or of one customer, as a list.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use super::status::OfferStatus;
use super::store;
use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferSummary {
    pub id: i64,
    pub number: String,
    pub version: u32,
    pub status: OfferStatus,
    pub customer_id: i64,
    pub customer_name: String,
    pub offer_date: NaiveDate,
    pub valid_until: NaiveDate,
    pub currency: String,
    pub line_count: u32,
}

/// Every offer version, newest number first, versions descending; of one
/// customer if given.
pub fn offers(conn: &Connection, customer_id: Option<i64>) -> Result<Vec<OfferSummary>> {
    store::summaries(conn, customer_id)
}
