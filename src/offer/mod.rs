//! Offers (issue 5, docs/offers.md): a priced proposal to a customer built from
//! booking plans. Numbered per year (`ANG-2026-0001`), versioned (a sent version
//! is frozen; a new version copies it as a draft), compared line by line, and
//! accepted in one transaction that applies its plans as ordered inventory.
//! Exports: a customer PDF, an XLSX calculation sheet and CSV.

mod compare;
mod csv_export;
mod pdf;
pub(crate) mod store;
mod xlsx;

use chrono::{Duration, NaiveDate, Utc};
use rusqlite::{Connection, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::booking::{apply, plan, ApplyAs, BookingPlan, BookingRequest, ChosenOption};
use crate::catalog::{read_item, ItemRecord};
use crate::contract::LineTerms;
use crate::pricing::{
    line_amounts, offer_totals, LineAmounts, OfferCalculation, OfferLine, UnitCost,
};
use crate::vocabulary::{ContextRef, OfferType};
use crate::{Error, Result};
use store::{from_json, json};

pub use compare::{compare_offers, LineChange, OfferComparison};
pub use csv_export::offer_csv;
pub use pdf::offer_pdf;
pub use xlsx::offer_xlsx;

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

    pub fn parse(text: &str) -> Result<OfferStatus> {
        Ok(match text {
            "draft" => OfferStatus::Draft,
            "sent" => OfferStatus::Sent,
            "accepted" => OfferStatus::Accepted,
            "rejected" => OfferStatus::Rejected,
            "expired" => OfferStatus::Expired,
            other => {
                return Err(Error::input(
                    "status",
                    format!(
                    "{other:?} is not an offer status (draft, sent, accepted, rejected, expired)"
                ),
                ))
            }
        })
    }
}

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

/// A change to a draft. Fields left out stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferUpdate {
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// Every context group of the offer, in the new order.
    #[serde(default)]
    pub group_order: Option<Vec<ContextRef>>,
    /// Plans the offer again from these requests (its lines are rebuilt; groups
    /// that stay keep their order, new ones come last).
    #[serde(default)]
    pub requests: Option<Vec<BookingRequest>>,
}

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
}

/// The lines of one booking context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferGroup {
    pub context: ContextRef,
    pub label: String,
    pub lines: Vec<OfferLineView>,
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

/// What accepting an offer wrote: the ordered instances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferStatusChange {
    pub offer: OfferSummary,
    /// New instance ids, when the offer was accepted.
    pub ordered_instances: Vec<i64>,
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// "ANG-2026-0001".
pub fn offer_number(year: i32, seq: i64) -> String {
    format!("ANG-{year}-{seq:04}")
}

/// A line as it is frozen into an offer.
struct BuiltLine {
    context: ContextRef,
    context_label: String,
    item_code: String,
    description: String,
    variant: Option<String>,
    options: Vec<ChosenOption>,
    quantity: i64,
    terms: LineTerms,
    unit_cost: Option<UnitCost>,
    amounts: LineAmounts,
    explanation: String,
}

/// Plans the requests in order, each against the inventory as the ones before it
/// will leave it: every plan is applied as planned inside a savepoint that is
/// rolled back, so nothing is written, and acceptance later applies the same
/// plans in the same order.
fn plan_requests(tx: &Transaction<'_>, requests: &[BookingRequest]) -> Result<Vec<BookingPlan>> {
    if requests.is_empty() {
        return Err(Error::input(
            "requests",
            "an offer needs at least one booking request",
        ));
    }
    tx.execute_batch("SAVEPOINT offer_plan")?;
    let planned = (|| {
        let mut plans = Vec::with_capacity(requests.len());
        for (index, request) in requests.iter().enumerate() {
            let booking = plan(tx, request).map_err(|e| match e {
                Error::InvalidRequest(reasons) => Error::InvalidRequest(
                    reasons
                        .into_iter()
                        .map(|r| {
                            r.within(crate::error::RequestPart::OfferRequest {
                                number: u32::try_from(index + 1).unwrap_or(u32::MAX),
                            })
                        })
                        .collect(),
                ),
                other => other,
            })?;
            apply(tx, &booking, ApplyAs::Planned)?;
            plans.push(booking);
        }
        Ok(plans)
    })();
    tx.execute_batch("ROLLBACK TO offer_plan; RELEASE offer_plan")?;
    planned
}

/// Descriptions and costs of the catalog items, looked up once each.
struct Catalog<'c> {
    conn: &'c Connection,
    items: HashMap<String, ItemRecord>,
}

impl Catalog<'_> {
    fn item(&mut self, code: &str) -> Result<&ItemRecord> {
        if !self.items.contains_key(code) {
            let record = read_item(self.conn, code)?;
            self.items.insert(code.to_owned(), record);
        }
        Ok(&self.items[code])
    }

    fn describe(
        &mut self,
        code: &str,
        fallback: &str,
        variant: Option<&str>,
        options: &[ChosenOption],
    ) -> Result<(String, Option<UnitCost>)> {
        Ok(match self.item(code)? {
            ItemRecord::Product(p) => (
                p.name.clone(),
                p.cost_price.map(|cost| UnitCost {
                    one_time: cost,
                    monthly: Decimal::ZERO,
                }),
            ),
            ItemRecord::Service(s) => {
                let mut text = s.name.clone();
                if let Some(v) = variant.and_then(|c| s.variants.iter().find(|v| v.code == c)) {
                    text.push(' ');
                    text.push_str(&v.name);
                }
                let chosen: Vec<String> = options
                    .iter()
                    .filter_map(|o| {
                        let group = s.option_groups.iter().find(|g| g.code == o.group)?;
                        let choice = group.choices.iter().find(|c| c.code == o.choice)?;
                        Some(format!("{}: {}", group.name, choice.name))
                    })
                    .collect();
                if !chosen.is_empty() {
                    text.push_str(&format!(" ({})", chosen.join(", ")));
                }
                (text, None)
            }
            _ => (fallback.to_owned(), None),
        })
    }
}

fn build_lines(conn: &Connection, plans: &[BookingPlan]) -> Result<Vec<BuiltLine>> {
    let mut catalog = Catalog {
        conn,
        items: HashMap::new(),
    };
    let mut lines = Vec::new();
    for booking in plans {
        for line in &booking.lines {
            let (description, unit_cost) = catalog.describe(
                &line.item_code,
                &line.item_name,
                line.variant.as_deref(),
                &line.options,
            )?;
            let amounts = line_amounts(&line.terms, line.quantity, unit_cost.as_ref())?;
            lines.push(BuiltLine {
                context: line.context,
                context_label: line.context_label.clone(),
                item_code: line.item_code.clone(),
                description,
                variant: line.variant.clone(),
                options: line.options.clone(),
                quantity: line.quantity,
                terms: line.terms.clone(),
                unit_cost,
                amounts,
                explanation: line.explanation.clone(),
            });
        }
    }
    Ok(lines)
}

fn customer_currency(conn: &Connection, customer_id: i64) -> Result<String> {
    conn.prepare_cached("SELECT currency FROM customer WHERE id = ?1")?
        .query_row([customer_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::not_found(format!("customer {customer_id}")))
}

/// Writes the groups and lines of an offer; groups in `order` first (those still
/// present), then new ones in the order their first line appears.
fn write_lines(
    tx: &Transaction<'_>,
    offer_id: i64,
    currency: &str,
    lines: &[BuiltLine],
    order: &[ContextRef],
) -> Result<()> {
    for (index, line) in lines.iter().enumerate() {
        if line.terms.currency != currency {
            return Err(Error::input(
                "currency",
                format!(
                    "line {} ({}) is in {}, the offer in {currency}",
                    index + 1,
                    line.description,
                    line.terms.currency
                ),
            ));
        }
    }
    let mut groups: Vec<(ContextRef, &str)> = Vec::new();
    for context in order {
        if let Some(line) = lines.iter().find(|l| l.context == *context) {
            groups.push((*context, &line.context_label));
        }
    }
    // New groups: customer-wide first, then locations, cloud containers,
    // employees and workplaces, each in the order their first line appears.
    let rank = |c: &ContextRef| match c {
        ContextRef::Global => 0,
        ContextRef::Location(_) => 1,
        ContextRef::CloudContainer(_) => 2,
        ContextRef::Employee(_) => 3,
        ContextRef::Workplace(_) => 4,
    };
    let known = groups.len();
    for line in lines {
        if !groups.iter().any(|(c, _)| *c == line.context) {
            groups.push((line.context, &line.context_label));
        }
    }
    groups[known..].sort_by_key(|(c, _)| rank(c));
    for (position, (context, label)) in groups.iter().enumerate() {
        store::insert_offer_group(tx, offer_id, position, context, label)?;
    }
    for (position, line) in lines.iter().enumerate() {
        store::insert_offer_line(tx, offer_id, position, line)?;
    }
    Ok(())
}

fn default_validity(conn: &Connection, from: NaiveDate) -> Result<NaiveDate> {
    let days = crate::settings::settings(conn)?.default_validity_days;
    // Checked: an offer date near the end of the calendar has no date after it.
    from.checked_add_signed(Duration::days(i64::from(days)))
        .ok_or_else(|| {
            Error::input(
                "valid_until",
                format!("{from} plus {days} days is beyond the last date there is"),
            )
        })
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
    offer(tx, id)
}

fn check_validity(offer_date: NaiveDate, valid_until: NaiveDate) -> Result<()> {
    if valid_until < offer_date {
        return Err(Error::input(
            "valid_until",
            format!("{valid_until} is before the offer date {offer_date}"),
        ));
    }
    Ok(())
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
    })
}

/// Every offer version, newest number first, versions descending; of one
/// customer if given.
pub fn offers(conn: &Connection, customer_id: Option<i64>) -> Result<Vec<OfferSummary>> {
    store::summaries(conn, customer_id)
}

fn refuse_frozen(head: &store::Head, action: &'static str) -> Error {
    Error::InUse {
        what: format!("offer {} version {}", head.number, head.version),
        action,
        reason: format!(
            "it is {} and frozen; create a new version to change it",
            head.status.as_str()
        ),
        instances: Vec::new(),
    }
}

/// Changes a draft: notes, validity, the order of its context groups, or its
/// requests (planned and priced again). A sent (or later) version is refused.
pub fn update_offer(tx: &Transaction<'_>, id: i64, update: &OfferUpdate) -> Result<Offer> {
    let head = store::head(tx, id)?;
    if head.status != OfferStatus::Draft {
        return Err(refuse_frozen(&head, "edited"));
    }
    if let Some(notes) = &update.notes {
        store::set_offer_notes(tx, id, notes.trim())?;
    }
    if let Some(until) = update.valid_until {
        check_validity(head.offer_date, until)?;
        store::set_offer_valid_until(tx, id, until)?;
    }
    let current = offer(tx, id)?;
    let mut order: Vec<ContextRef> = current.groups.iter().map(|g| g.context).collect();
    if let Some(wanted) = &update.group_order {
        let mut sorted_wanted = wanted.clone();
        sorted_wanted.sort();
        let mut sorted_have = order.clone();
        sorted_have.sort();
        if sorted_wanted != sorted_have {
            return Err(Error::input(
                "group_order",
                format!(
                    "must name each of the offer's {} context groups once",
                    order.len()
                ),
            ));
        }
        order = wanted.clone();
    }
    let (plans_json, lines) = match &update.requests {
        Some(requests) => {
            if let Some(other) = requests.iter().find(|r| r.customer_id != head.customer_id) {
                return Err(Error::input(
                    "requests",
                    format!(
                        "a request for customer {} cannot be part of an offer to customer {}",
                        other.customer_id, head.customer_id
                    ),
                ));
            }
            let plans = plan_requests(tx, requests)?;
            (Some(json(&plans, "plans")?), build_lines(tx, &plans)?)
        }
        None if update.group_order.is_some() => (None, stored_lines(tx, id)?),
        None => return offer(tx, id),
    };
    store::delete_offer_lines(tx, id)?;
    if let Some(plans) = plans_json {
        store::set_offer_plans(tx, id, &plans)?;
    }
    // Lines follow their group: a moved group takes its lines along.
    let mut lines = lines;
    lines.sort_by_key(|l| {
        order
            .iter()
            .position(|c| *c == l.context)
            .unwrap_or(usize::MAX)
    });
    write_lines(tx, id, &head.currency, &lines, &order)?;
    offer(tx, id)
}

/// The stored lines of an offer, in stored order, as they were built.
fn stored_lines(conn: &Connection, id: i64) -> Result<Vec<BuiltLine>> {
    let current = offer(conn, id)?;
    Ok(current
        .groups
        .into_iter()
        .flat_map(|g| {
            let label = g.label;
            g.lines.into_iter().map(move |l| BuiltLine {
                context: l.context,
                context_label: label.clone(),
                item_code: l.item_code,
                description: l.description,
                variant: l.variant,
                options: l.options,
                quantity: l.quantity,
                terms: l.terms,
                unit_cost: l.unit_cost,
                amounts: l.amounts,
                explanation: l.explanation,
            })
        })
        .collect())
}

/// Moves an offer along its lifecycle: draft → sent → accepted / rejected /
/// expired. Accepting applies the offer's plans as ordered inventory in the
/// caller's transaction; a plan the inventory or catalog has moved past is
/// refused (stale_plan) and nothing changes.
pub fn set_offer_status(
    tx: &Transaction<'_>,
    id: i64,
    status: OfferStatus,
) -> Result<OfferStatusChange> {
    let head = store::head(tx, id)?;
    let allowed = matches!(
        (head.status, status),
        (OfferStatus::Draft, OfferStatus::Sent)
            | (OfferStatus::Sent, OfferStatus::Accepted)
            | (OfferStatus::Sent, OfferStatus::Rejected)
            | (OfferStatus::Sent, OfferStatus::Expired)
    );
    if !allowed {
        return Err(Error::InUse {
            what: format!("offer {} version {}", head.number, head.version),
            action: "moved on",
            reason: format!(
                "it is {}; it cannot become {} (draft → sent → accepted, rejected or expired)",
                head.status.as_str(),
                status.as_str()
            ),
            instances: Vec::new(),
        });
    }
    let mut ordered = Vec::new();
    if status == OfferStatus::Accepted {
        if let Some(version) = store::accepted_version(tx, head.year, head.seq)? {
            return Err(Error::InUse {
                what: format!("offer {} version {}", head.number, head.version),
                action: "accepted",
                reason: format!("version {version} of this offer is already accepted"),
                instances: Vec::new(),
            });
        }
        let plans: Vec<BookingPlan> = from_json(&head.plans, "offer.plans")?;
        for booking in &plans {
            // The store has moved on since the offer was made (sending it is a
            // write too), so the plan is made again: it must book exactly the
            // lines the customer accepted, or the offer is stale.
            let now = plan(tx, &booking.request)?;
            if now.lines != booking.lines {
                return Err(Error::StalePlan);
            }
            ordered.extend(apply(tx, &now, ApplyAs::Ordered)?);
        }
    }
    store::set_offer_status(tx, id, status, &now())?;
    Ok(OfferStatusChange {
        offer: store::summary(tx, id)?,
        ordered_instances: ordered,
    })
}

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
        return Err(Error::InUse {
            what: format!("offer {} version {}", head.number, head.version),
            action: "revised",
            reason: "it is accepted; make a new offer instead".into(),
            instances: Vec::new(),
        });
    }
    let version = store::next_version(tx, head.year, head.seq)?;
    let date = offer_date.unwrap_or_else(|| Utc::now().date_naive());
    let until = default_validity(tx, date)?;
    let new_id = store::insert_version(tx, id, version, date, until, &now())?;
    offer(tx, new_id)
}

/// Deletes a draft (a sent version is kept as the record of what was sent).
pub fn delete_offer(tx: &Transaction<'_>, id: i64) -> Result<()> {
    let head = store::head(tx, id)?;
    if head.status != OfferStatus::Draft {
        return Err(refuse_frozen(&head, "deleted"));
    }
    store::delete_offer(tx, id)
}

/// The documents an offer exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OfferExportFormat {
    Pdf,
    Xlsx,
    Csv,
}

/// The bytes of an offer's document, in the language of the settings (the
/// customer PDF with the settings' letterhead).
pub fn export_offer(conn: &Connection, id: i64, format: OfferExportFormat) -> Result<Vec<u8>> {
    let offer = offer(conn, id)?;
    let settings = crate::settings::settings(conn)?;
    match format {
        OfferExportFormat::Pdf => offer_pdf(&offer, &settings, settings.language),
        OfferExportFormat::Xlsx => offer_xlsx(&offer, settings.language),
        OfferExportFormat::Csv => offer_csv(&offer),
    }
}

/// Writes an offer's document to `path` atomically ([`crate::files`]): a reader
/// never sees half a file; a failure leaves no partial file and the old one as
/// it was, and says what happened (the disk is full, no permission, ...).
/// Returns the number of bytes written.
pub fn export_offer_to(
    conn: &Connection,
    id: i64,
    format: OfferExportFormat,
    path: &std::path::Path,
) -> Result<u64> {
    let bytes = export_offer(conn, id, format)?;
    crate::files::write_bytes(path, &bytes)
}
