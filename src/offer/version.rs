//! A new version of an offer: a copy of a version as a draft, to be changed
//! and sent again.

use chrono::{NaiveDate, Utc};
use rusqlite::Transaction;

use super::history::record;
use super::now;
use super::read::offer;
use super::record::{Offer, OfferEventKind, OfferStatus};
use super::store;
use super::validity::default_validity;
use crate::error::{RefusalSays, Wording};
use crate::{Error, Result};

/// Copies a version as a new draft with the next version number of its offer,
/// dated today (or `offer_date`) and valid for the default days. An accepted
/// offer is final and gets no new version.
pub fn new_offer_version(
    tx: &Transaction<'_>,
    id: i64,
    offer_date: Option<NaiveDate>,
) -> Result<Offer> {
    let head = store::head(tx, id)?;
    if head.status == OfferStatus::Accepted {
        let why = Wording::new(RefusalSays::AcceptedNotRevised)
            .text("offer", &head.number)
            .text("version", head.version);
        return Err(Error::in_use(why, Vec::new()));
    }
    let version = store::next_version(tx, head.year, head.seq)?;
    let date = offer_date.unwrap_or_else(|| Utc::now().date_naive());
    let until = default_validity(tx, date)?;
    let new_id = store::insert_version(tx, id, version, date, until, &now())?;
    // The copy starts unapproved: it is made to be changed and sent again.
    record(tx, new_id, OfferEventKind::NewVersion, None)?;
    offer(tx, new_id)
}
