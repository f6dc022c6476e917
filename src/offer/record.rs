//! The offer record: a version with its customer, its groups and frozen lines
//! in document order, and its calculation; read back from the store with every
//! line checked against the line math.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::approval::{evaluate, OfferApproval};
use super::history::OfferEvent;
use super::status::OfferStatus;
use super::store::{self, from_json};
use crate::booking::{BookingPlan, BookingRequest, ChosenOption};
use crate::contract::LineTerms;
use crate::pricing::{
    line_amounts, offer_totals, LineAmounts, OfferCalculation, OfferLine, UnitCost,
};
use crate::vocabulary::{ContextRef, OfferType};
use crate::{Error, Result};

/// One frozen line of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferLineView {
    /// 1-based, in document order.
    pub position: u32,
    pub context: ContextRef,
    pub item_code: String,
    /// "Managed365 Standard (Security: EDR)".
    pub description: String,
    pub variant: Option<String>,
    pub options: Vec<ChosenOption>,
    pub quantity: i64,
    pub offer_type: OfferType,
    pub terms: LineTerms,
    /// Internal; never in customer documents.
    pub unit_cost: Option<UnitCost>,
    pub amounts: LineAmounts,
    /// Why the line is there ("required by Managed365 (customer-wide)").
    pub explanation: String,
    /// Internal: the per-unit amount at the catalog's price, before the
    /// customer's price list (what a discount is measured against); none for
    /// lines frozen before it was kept.
    pub list_unit_amount: Option<rust_decimal::Decimal>,
}

/// The lines of one booking context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferGroup {
    pub context: ContextRef,
    pub label: String,
    pub lines: Vec<OfferLineView>,
}

impl OfferGroup {
    /// The group's name as a document in `locale` prints it: the stored
    /// label names the employee, location, …; the customer-wide group is
    /// named in the document's language.
    pub fn label_in(&self, locale: crate::locale::Locale) -> String {
        if self.label.is_empty() || self.context == ContextRef::Global {
            locale.labels().customer_wide.to_owned()
        } else {
            self.label.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferCustomer {
    pub id: i64,
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

/// An offer version with its groups, lines and calculation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Offer {
    pub id: i64,
    pub number: String,
    pub version: u32,
    pub status: OfferStatus,
    pub customer: OfferCustomer,
    pub currency: String,
    pub offer_date: NaiveDate,
    pub valid_until: NaiveDate,
    pub notes: String,
    /// The version this one was copied from.
    pub previous_id: Option<i64>,
    /// In document order.
    pub groups: Vec<OfferGroup>,
    /// Totals (customer-facing) and the internal margin (the app only).
    pub calculation: OfferCalculation,
    /// What acceptance applies, in order.
    pub requests: Vec<BookingRequest>,
    /// The approval rules it breaks (as the settings hold them now) and who
    /// approved it. Internal.
    pub approval: OfferApproval,
    /// What happened to the offer, all its versions, oldest first.
    pub history: Vec<OfferEvent>,
}

impl Offer {
    pub fn lines(&self) -> impl Iterator<Item = &OfferLineView> {
        self.groups.iter().flat_map(|g| g.lines.iter())
    }

    /// "ANG-2026-0001 v2".
    pub fn title(&self) -> String {
        format!("{} v{}", self.number, self.version)
    }
}

/// "ANG-2026-0001".
pub fn offer_number(year: i32, seq: i64) -> String {
    format!("ANG-{year}-{seq:04}")
}

/// One offer version with its lines in document order and its calculation.
pub fn offer(conn: &Connection, id: i64) -> Result<Offer> {
    let head = store::head(conn, id)?;
    let customer = conn
        .prepare_cached(
            "SELECT name, street, postal_code, city, country FROM customer WHERE id = ?1",
        )?
        .query_row([head.customer_id], |r| {
            Ok(OfferCustomer {
                id: head.customer_id,
                name: r.get(0)?,
                street: r.get(1)?,
                postal_code: r.get(2)?,
                city: r.get(3)?,
                country: r.get(4)?,
            })
        })?;
    let mut groups: Vec<OfferGroup> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (key, group) in store::groups(conn, id)? {
        index.insert(key, groups.len());
        groups.push(group);
    }
    for line in store::lines(conn, id)? {
        let amounts = line_amounts(&line.terms, line.quantity, line.unit_cost.as_ref())?;
        // The stored amounts are what the customer was shown; they must still agree.
        if line.one_time != amounts.one_time || line.monthly != amounts.monthly {
            return Err(Error::Corrupt(format!(
                "a line of offer {id} no longer adds up to its stored amounts"
            )));
        }
        let group = *index
            .get(&line.key)
            .ok_or_else(|| Error::Corrupt(format!("offer {id} has a line outside its groups")))?;
        groups[group].lines.push(OfferLineView {
            position: 0,
            context: line.context,
            item_code: line.item_code,
            description: line.description,
            variant: line.variant,
            options: line.options,
            quantity: line.quantity,
            offer_type: line.terms.offer_type,
            terms: line.terms,
            unit_cost: line.unit_cost,
            amounts,
            explanation: line.explanation,
            list_unit_amount: line.list_unit_amount,
        });
    }
    let mut position = 0u32;
    let mut offer_lines = Vec::new();
    for group in &mut groups {
        for line in &mut group.lines {
            position += 1;
            line.position = position;
            offer_lines.push(OfferLine {
                context: line.context,
                quantity: line.quantity,
                terms: line.terms.clone(),
                unit_cost: line.unit_cost,
            });
        }
    }
    let calculation = offer_totals(&head.currency, &offer_lines)?;
    let plans: Vec<BookingPlan> = from_json(&head.plans, "offer.plans")?;
    let all_lines: Vec<&OfferLineView> = groups.iter().flat_map(|g| g.lines.iter()).collect();
    let approval = evaluate(
        &crate::settings::approval_rules(conn)?,
        &all_lines,
        &calculation,
        &head.currency,
        head.approval,
    );
    Ok(Offer {
        id,
        number: head.number,
        version: head.version,
        status: head.status,
        customer,
        currency: head.currency,
        offer_date: head.offer_date,
        valid_until: head.valid_until,
        notes: head.notes,
        previous_id: head.previous_id,
        groups,
        calculation,
        requests: plans.into_iter().map(|p| p.request).collect(),
        approval,
        history: store::offer_events(conn, id)?,
    })
}
