//! Creating an offer (version 1, a draft) from booking requests.

use chrono::{NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use super::change_lines::{build_offer_lines, plan_offer};
use super::history::record;
use super::lines::write_lines;
use super::now;
use super::read::{offer, offer_number};
use super::record::{Offer, OfferEventKind};
use super::store::{self, json};
use super::validity::{check_validity, default_validity};
use crate::booking::{BookingRequest, InstanceChange};
use crate::error::{RefusalSays, Wording};
use crate::{Error, Result};

/// What a new offer is made of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferDraft {
    pub customer_id: i64,
    /// Planned in this order; each sees the lines of those before it, as they
    /// will be applied on acceptance.
    pub requests: Vec<BookingRequest>,
    /// Changes to the customer's existing (or planned) instances, applied
    /// after the requests.
    #[serde(default)]
    pub changes: Vec<InstanceChange>,
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
        .ok_or_else(|| {
            Error::not_found(Wording::new(RefusalSays::CustomerNotFound).text("id", customer_id))
        })
}

/// Creates an offer (version 1, draft) from booking requests, in the caller's
/// transaction: the requests are planned (customer prices applied), the lines
/// priced and frozen; nothing enters the inventory until it is accepted.
pub fn create_offer(tx: &Transaction<'_>, draft: &OfferDraft) -> Result<Offer> {
    let currency = customer_currency(tx, draft.customer_id)?;
    let offer_date = draft.offer_date.unwrap_or_else(|| Utc::now().date_naive());
    let planned = plan_offer(
        tx,
        draft.customer_id,
        &draft.requests,
        &draft.changes,
        offer_date,
    )?;
    let lines = build_offer_lines(tx, &planned)?;
    let valid_until = match draft.valid_until {
        Some(date) => date,
        None => default_validity(tx, offer_date)?,
    };
    check_validity(offer_date, valid_until)?;
    let year = chrono::Datelike::year(&offer_date);
    let seq = store::next_seq(tx, year)?;
    let plans = json(&planned.plans, "plans")?;
    let changes = json(&planned.changes, "changes")?;
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
            changes: &changes,
            current_monthly: planned.current_monthly,
            stamp: &now(),
        },
    )?;
    write_lines(tx, id, &currency, &lines, &[])?;
    record(tx, id, OfferEventKind::Created, None)?;
    offer(tx, id)
}
