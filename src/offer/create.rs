//! Creating an offer (version 1, a draft) from booking requests.

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::history::record;
use super::lines::{build_lines, plan_requests, write_lines};
use super::now;
use super::read::{offer, offer_number};
use super::record::{Offer, OfferEventKind};
use super::store::{self, json};
use super::validity::{check_validity, default_validity};
use crate::booking::BookingRequest;
use crate::{Error, Result};

/// What a new offer is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferDraft {
    pub customer_id: i64,
    /// Planned in this order; each sees the lines of those before it, as they
    /// will be applied on acceptance.
    pub requests: Vec<BookingRequest>,
    /// Today if none.
    #[serde(default)]
    pub offer_date: Option<NaiveDate>,
    /// The offer date plus the default validity days of the settings if none.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

fn customer_currency(conn: &Connection, customer_id: i64) -> Result<String> {
    conn.prepare_cached("SELECT currency FROM customer WHERE id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(format!("customer {customer_id}")))
}

/// Creates an offer (version 1, draft) from booking requests, in the caller's
/// transaction: the requests are planned (customer prices applied), the lines
/// priced and frozen; nothing enters the inventory until it is accepted.
pub fn create_offer(tx: &Transaction<'_>, draft: &OfferDraft) -> Result<Offer> {
    let currency = customer_currency(tx, draft.customer_id)?;
    if let Some(other) = draft
        .requests
        .iter()
        .find(|r| r.customer_id != draft.customer_id)
    {
        return Err(Error::input(
            "requests",
            format!(
                "a request for customer {} cannot be part of an offer to customer {}",
                other.customer_id, draft.customer_id
            ),
        ));
    }
    let plans = plan_requests(tx, &draft.requests)?;
    let lines = build_lines(tx, &plans)?;
    let offer_date = draft.offer_date.unwrap_or_else(|| Utc::now().date_naive());
    let valid_until = match draft.valid_until {
        Some(date) => date,
        None => default_validity(tx, offer_date)?,
    };
    check_validity(offer_date, valid_until)?;
    let year = chrono::Datelike::year(&offer_date);
    let seq = store::next_seq(tx, year)?;
    let plans = json(&plans, "plans")?;
    let id = store::insert_offer(
        tx,
        &store::NewOffer {
            customer_id: draft.customer_id,
            year,
            seq,
            number: &offer_number(year, seq),
            currency: &currency,
            offer_date,
            valid_until,
            notes: draft.notes.trim(),
            plans: &plans,
            stamp: &now(),
        },
    )?;
    write_lines(tx, id, &currency, &lines, &[])?;
    record(tx, id, OfferEventKind::Created, None)?;
    offer(tx, id)
}
