//! The offers of the store, or of one customer, as a list.

use rusqlite::Connection;

use super::record::OfferSummary;
use super::store;
use crate::Result;

/// Every offer version, newest number first, versions descending; of one
/// customer if given.
pub fn offers(conn: &Connection, customer_id: Option<i64>) -> Result<Vec<OfferSummary>> {
    store::summaries(conn, customer_id)
}
