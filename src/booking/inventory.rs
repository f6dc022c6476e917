//! A customer's inventory: every instance with its status, contract dates and
//! costs, rolled up per context and for the customer.

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

use super::lifecycle::{contract_dates, ContractDates};
use super::places::{Place, PlaceCost, Places};
use super::plan::ContextNames;
use super::request::ChosenOption;
use super::store::{date_from_text, status_from_text};
use crate::catalog::{active_successors, ItemKind, Successor};
use crate::contract::{context_at, LineTerms, INSTANCE_CONTEXT_COLUMNS};
use crate::customer::customer_structure;
use crate::money::{bounded, checked_sum};
use crate::pricing::to_cents;
use crate::vocabulary::{BookingContext, ContextRef, InstanceStatus, ItemStatus, OfferType};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct InstanceView {
    pub id: i64,
    pub item_code: String,
    pub item_name: String,
    pub item_kind: ItemKind,
    /// The catalog item's status (a deprecated service is still held).
    pub item_status: ItemStatus,
    /// What replaces it: the active successors of a deprecated or discontinued
    /// item, on an instance that is still held (not cancelled or retired);
    /// empty otherwise. The inventory shows "successor available".
    pub successors: Vec<Successor>,
    pub variant: Option<String>,
    /// The options chosen for it, by group and choice code (what a change
    /// that keeps its configuration names).
    pub options: Vec<ChosenOption>,
    pub offer_type: OfferType,
    pub context: ContextRef,
    pub context_label: String,
    /// Where in the customer it is (its location, cloud container, no location
    /// or customer-wide): the inventory lists instances under their place.
    pub place: Place,
    /// The place's name; empty for no location and customer-wide.
    pub place_label: String,
    pub quantity: i64,
    pub status: InstanceStatus,
    pub dates: ContractDates,
    /// One-time cost of the line (price × quantity + setup fee, plus its add-ons), in cents.
    pub one_time: Decimal,
    /// Add-ons ordered for this instance.
    pub add_ons: Vec<super::add_on::AddOnCharge>,
    /// Monthly cost of the line, in cents.
    pub monthly: Decimal,
    pub currency: String,
    pub parent: Option<i64>,
    pub reason: String,
}

impl InstanceView {
    /// Whether its costs count: ordered up to cancelled (planned ones belong to offers).
    pub fn costs_count(&self) -> bool {
        !matches!(
            self.status,
            InstanceStatus::Planned | InstanceStatus::Retired
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ContextCost {
    pub context: ContextRef,
    pub label: String,
    pub one_time: Decimal,
    pub monthly: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Inventory {
    pub customer_id: i64,
    pub currency: String,
    pub instances: Vec<InstanceView>,
    /// Per context, in the order employee, location, cloud container, workplace, global.
    pub per_context: Vec<ContextCost>,
    /// Per place: each location (with its employees and their workplaces), each
    /// cloud container, the employees without a location, customer-wide; only
    /// places that hold instances whose costs count.
    pub per_place: Vec<PlaceCost>,
    pub one_time: Decimal,
    pub monthly: Decimal,
}

/// The monthly amount of an instance: its monthly price per unit × quantity,
/// rounded to cents once; beyond `MAX_AMOUNT` refused as `what`.
pub(super) fn monthly_amount(
    terms: &LineTerms,
    quantity: i64,
    what: impl FnOnce() -> String,
) -> Result<Decimal> {
    bounded(
        terms
            .monthly_per_unit
            .checked_mul(Decimal::from(quantity))
            .map(to_cents),
        what,
    )
}

/// The customer's inventory as seen on `today`.
pub fn inventory(conn: &Connection, customer_id: i64, today: NaiveDate) -> Result<Inventory> {
    let structure = customer_structure(conn, customer_id)?;
    let names = ContextNames::new(&structure);
    let places = Places::new(&structure);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.id, ci.code, ci.name, ci.kind, v.code, {INSTANCE_CONTEXT_COLUMNS},
                    i.quantity, i.status, i.terms, i.start_date, i.end_date, i.parent_id, i.reason,
                    ci.id, ci.status
             FROM instance i JOIN catalog_item ci ON ci.id = i.item_id
             LEFT JOIN service_variant v ON v.id = i.variant_id
             WHERE i.customer_id = ?1 ORDER BY i.id"
    ))?;
    let mut rows = stmt.query([customer_id])?;
    let mut instances = Vec::new();
    // Each item's successors once, however many instances hold it.
    let mut successors_of: std::collections::HashMap<i64, Vec<Successor>> =
        std::collections::HashMap::new();
    while let Some(r) = rows.next()? {
        let context = context_at(r, 5)?;
        let status = status_from_text(&r.get::<_, String>(11)?)?;
        let terms: LineTerms = serde_json::from_str(&r.get::<_, String>(12)?)
            .map_err(|e| Error::Corrupt(format!("instance terms: {e}")))?;
        let start = date_from_text(&r.get::<_, String>(13)?)?;
        let end = r
            .get::<_, Option<String>>(14)?
            .as_deref()
            .map(date_from_text)
            .transpose()?;
        let quantity: i64 = r.get(10)?;
        let units = Decimal::from(quantity);
        let id: i64 = r.get(0)?;
        let item_name: String = r.get(2)?;
        // Stored terms may come from an older version that bounded nothing: every
        // product and sum is checked, and one beyond MAX_AMOUNT is refused by name.
        let what = |part: &str| format!("the {part} of {item_name} #{id}");
        let one_time = bounded(
            terms
                .one_time_per_unit
                .checked_mul(units)
                .and_then(|x| x.checked_add(terms.setup_fee))
                .map(to_cents),
            || what("one-time amount"),
        )?;
        let monthly = monthly_amount(&terms, quantity, || what("monthly amount"))?;
        let item_id: i64 = r.get(17)?;
        let item_status: ItemStatus = r.get(18)?;
        let held = !matches!(status, InstanceStatus::Cancelled | InstanceStatus::Retired);
        let successors = if held
            && matches!(
                item_status,
                ItemStatus::Deprecated | ItemStatus::Discontinued
            ) {
            match successors_of.get(&item_id) {
                Some(found) => found.clone(),
                None => {
                    let found = active_successors(conn, item_id)?;
                    successors_of.insert(item_id, found.clone());
                    found
                }
            }
        } else {
            Vec::new()
        };
        instances.push(InstanceView {
            id,
            item_code: r.get(1)?,
            item_name: item_name.clone(),
            item_kind: r.get(3)?,
            item_status,
            successors,
            variant: r.get(4)?,
            options: Vec::new(),
            offer_type: terms.offer_type,
            context,
            context_label: names.label(context),
            place: places.of(context),
            place_label: places.label(places.of(context)),
            quantity,
            status,
            dates: contract_dates(&terms, start, end, today),
            one_time,
            add_ons: Vec::new(),
            monthly,
            currency: terms.currency.clone(),
            parent: r.get(15)?,
            reason: r.get(16)?,
        });
    }
    let position: std::collections::HashMap<i64, usize> = instances
        .iter()
        .enumerate()
        .map(|(at, i)| (i.id, at))
        .collect();
    let mut stmt = conn.prepare_cached(
        "SELECT o.instance_id, o.group_code, o.choice_code
         FROM instance_option o JOIN instance i ON i.id = o.instance_id
         WHERE i.customer_id = ?1 ORDER BY o.instance_id, o.group_code, o.choice_code",
    )?;
    let mut rows = stmt.query([customer_id])?;
    while let Some(r) = rows.next()? {
        if let Some(instance) = position
            .get(&r.get::<_, i64>(0)?)
            .and_then(|at| instances.get_mut(*at))
        {
            instance.options.push(ChosenOption {
                group: r.get(1)?,
                choice: r.get(2)?,
            });
        }
    }
    // Add-on charges: each rounded once, as its own line, and added to its instance.
    let mut stmt = conn.prepare_cached(
        "SELECT x.id, x.instance_id, ci.code, ci.name, x.quantity, x.unit_price, x.currency, x.ordered_on
         FROM instance_add_on x JOIN instance i ON i.id = x.instance_id JOIN catalog_item ci ON ci.id = x.add_on_id
         WHERE i.customer_id = ?1 ORDER BY x.id",
    )?;
    let mut rows = stmt.query([customer_id])?;
    while let Some(r) = rows.next()? {
        let charge = super::add_on::AddOnCharge {
            id: r.get(0)?,
            instance_id: r.get(1)?,
            add_on_code: r.get(2)?,
            add_on_name: r.get(3)?,
            quantity: r.get(4)?,
            unit_price: crate::money::decimal_from_text(&r.get::<_, String>(5)?, "unit_price")?,
            currency: r.get(6)?,
            ordered_on: NaiveDate::parse_from_str(&r.get::<_, String>(7)?, "%Y-%m-%d")
                .map_err(|e| Error::Corrupt(format!("add-on date: {e}")))?,
        };
        if let Some(instance) = position
            .get(&charge.instance_id)
            .and_then(|at| instances.get_mut(*at))
        {
            instance.one_time = bounded(
                charge
                    .unit_price
                    .checked_mul(Decimal::from(charge.quantity))
                    .map(to_cents)
                    .and_then(|x| x.checked_add(instance.one_time)),
                || {
                    format!(
                        "the one-time amount of {} #{} with the add-on {}",
                        instance.item_name, instance.id, charge.add_on_name
                    )
                },
            )?;
            instance.add_ons.push(charge);
        }
    }
    let mut per_context: BTreeMap<(usize, ContextRef), (Decimal, Decimal)> = BTreeMap::new();
    for instance in instances.iter().filter(|i| i.costs_count()) {
        let order = BookingContext::ALL
            .iter()
            .position(|k| *k == instance.context.kind())
            .unwrap_or(0);
        let sums = per_context.entry((order, instance.context)).or_default();
        let label = || names.label(instance.context);
        sums.0 = bounded(sums.0.checked_add(instance.one_time), || {
            format!("the one-time costs of {}", label())
        })?;
        sums.1 = bounded(sums.1.checked_add(instance.monthly), || {
            format!("the monthly costs of {}", label())
        })?;
    }
    let per_context: Vec<ContextCost> = per_context
        .into_iter()
        .map(|((_, context), (one_time, monthly))| ContextCost {
            context,
            label: names.label(context),
            one_time,
            monthly,
        })
        .collect();
    let per_place = places.subtotals(
        instances
            .iter()
            .filter(|i| i.costs_count())
            .map(|i| (i.context, i.one_time, i.monthly)),
    )?;
    let customer = &structure.customer.record.name;
    Ok(Inventory {
        customer_id,
        currency: structure.customer.record.currency.clone(),
        one_time: bounded(checked_sum(per_context.iter().map(|c| c.one_time)), || {
            format!("the one-time costs of {customer}")
        })?,
        monthly: bounded(checked_sum(per_context.iter().map(|c| c.monthly)), || {
            format!("the monthly costs of {customer}")
        })?,
        instances,
        per_context,
        per_place,
    })
}
