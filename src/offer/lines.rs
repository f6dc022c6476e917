//! From booking plans to an offer's frozen lines: the requests are planned in
//! order (nothing written), each planned line is described and priced from the
//! catalog, and the lines are written in their context groups.

use rusqlite::{Connection, Transaction};
use rust_decimal::Decimal;
use std::collections::HashMap;

use super::read::offer;
use super::record::BuiltLine;
use super::rules::unit_amount;
use super::store;
use crate::booking::{apply, plan, ApplyAs, BookingPlan, BookingRequest, ChosenOption, PlanLine};
use crate::catalog::{read_item, ItemKind, ItemRecord};
use crate::error::{InputSays, Wording};
use crate::pricing::{line_amounts, UnitCost};
use crate::vocabulary::ContextRef;
use crate::{Error, Result};

/// Plans the requests in order, each against the inventory as the ones before it
/// will leave it: every plan is applied as planned inside a savepoint that is
/// rolled back, so nothing is written, and acceptance later applies the same
/// plans in the same order.
pub(super) fn plan_requests(
    tx: &Transaction<'_>,
    requests: &[BookingRequest],
) -> Result<Vec<BookingPlan>> {
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
pub(super) struct Catalog<'c> {
    conn: &'c Connection,
    items: HashMap<String, ItemRecord>,
}

impl<'c> Catalog<'c> {
    pub(super) fn new(conn: &'c Connection) -> Self {
        Catalog {
            conn,
            items: HashMap::new(),
        }
    }

    fn item(&mut self, code: &str) -> Result<&ItemRecord> {
        if !self.items.contains_key(code) {
            let record = read_item(self.conn, code)?;
            self.items.insert(code.to_owned(), record);
        }
        Ok(&self.items[code])
    }

    pub(super) fn describe(
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

/// A sale at the catalog's price: a service variant with its options, sold one way.
pub(super) type Sale = (
    String,
    String,
    Vec<ChosenOption>,
    crate::vocabulary::OfferType,
);

/// The per-unit amount of a planned line at the catalog's price. The plan
/// priced service lines for the customer (docs/pricing.md §4); the catalog's
/// amount is what the customer's price list took off from. Products keep their
/// fixed price, and without a list in force the plan's price is the catalog's.
fn list_unit_amount(
    conn: &Connection,
    request: &BookingRequest,
    line: &PlanLine,
    in_force: bool,
    known: &mut HashMap<Sale, Decimal>,
) -> Result<Decimal> {
    use crate::pricing::{customer_price, PriceTarget};
    let service = matches!(line.item_kind, ItemKind::Service | ItemKind::BasicService);
    let (true, true, Some(variant)) = (in_force, service, line.variant.as_ref()) else {
        return Ok(unit_amount(&line.terms));
    };
    let offer_type = line.terms.offer_type;
    let key = (
        line.item_code.clone(),
        variant.clone(),
        line.options.clone(),
        offer_type,
    );
    if let Some(amount) = known.get(&key) {
        return Ok(*amount);
    }
    let date = request.start_date;
    let target = PriceTarget::Variant {
        service: line.item_code.clone(),
        variant: variant.clone(),
    };
    let mut amount = customer_price(conn, request.customer_id, &target, offer_type, date)?.catalog;
    for option in &line.options {
        let target = PriceTarget::Option {
            service: line.item_code.clone(),
            group: option.group.clone(),
            choice: option.choice.clone(),
        };
        let delta = customer_price(conn, request.customer_id, &target, offer_type, date)?.catalog;
        amount = crate::money::bounded(amount.checked_add(delta), || {
            format!("the catalog price of {}", line.item_name)
        })?;
    }
    known.insert(key, amount);
    Ok(amount)
}

/// The lines of one booking plan, described and priced.
pub(super) fn plan_lines(
    conn: &Connection,
    catalog: &mut Catalog<'_>,
    booking: &BookingPlan,
    list_amounts: &mut HashMap<Sale, Decimal>,
) -> Result<Vec<BuiltLine>> {
    let request = &booking.request;
    let in_force =
        crate::pricing::list_in_force(conn, request.customer_id, request.start_date)?.is_some();
    let mut lines = Vec::with_capacity(booking.lines.len());
    for line in &booking.lines {
        let list = list_unit_amount(conn, request, line, in_force, list_amounts)?;
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
            reason: Some(line.reason.clone()),
            list_unit_amount: Some(list),
            changed: None,
        });
    }
    Ok(lines)
}

/// Writes the groups and lines of an offer; groups in `order` first (those still
/// present), then new ones in the order their first line appears.
pub(super) fn write_lines(
    tx: &Transaction<'_>,
    offer_id: i64,
    currency: &str,
    lines: &[BuiltLine],
    order: &[ContextRef],
) -> Result<()> {
    for (index, line) in lines.iter().enumerate() {
        if line.terms.currency != currency {
            return Err(Error::input_said(
                "currency",
                Wording::new(InputSays::LineCurrencyDiffers)
                    .text("line", index + 1)
                    .text("description", &line.description)
                    .text("line_currency", &line.terms.currency)
                    .text("currency", currency),
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

/// The stored lines of an offer, in stored order, as they were built.
pub(super) fn stored_lines(conn: &Connection, id: i64) -> Result<Vec<BuiltLine>> {
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
                reason: l.reason,
                list_unit_amount: l.list_unit_amount,
                changed: l.changed,
            })
        })
        .collect())
}
