//! Writing a plan into the inventory.

use chrono::Utc;
use rusqlite::{params, Transaction};

use super::plan::{new_workplace_employee, BookingPlan, Prerequisite};
use super::store::{InstanceRows, NewInstance};
use crate::contract::LineTerms;
use crate::vocabulary::{ContextRef, InstanceStatus};
use crate::{Error, Result};

/// The status new instances start in: planned (part of an offer) or ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ApplyAs {
    Planned,
    Ordered,
}

/// Writes every line of the plan as an instance, in the caller's transaction.
/// A plan made at another store revision is refused: the catalog, the customer
/// or the inventory may have moved since, so a stale preview never books.
/// A plan whose contexts already hold an item is refused unless its request
/// says to add anyway (`Error::AlreadyHeld`).
/// Returns the new instance ids, one per line.
pub fn apply(tx: &Transaction<'_>, booking: &BookingPlan, status: ApplyAs) -> Result<Vec<i64>> {
    if crate::store::revision(tx)? != booking.basis {
        return Err(Error::StalePlan);
    }
    // A context that already holds the item gets it again only when asked to.
    booking.check_not_held()?;
    // Plans made earlier in this same transaction are stale from here on.
    crate::store::advance_revision(tx)?;
    write_plan(tx, booking, status)
}

/// Writes a plan's lines without the checks of [`apply`]: for a caller that
/// made its plans in this transaction and advanced the revision itself (an
/// offer's changes, planned together and written one after the other).
pub(crate) fn write_plan(
    tx: &Transaction<'_>,
    booking: &BookingPlan,
    status: ApplyAs,
) -> Result<Vec<i64>> {
    let status = match status {
        ApplyAs::Planned => InstanceStatus::Planned,
        ApplyAs::Ordered => InstanceStatus::Ordered,
    };
    let now = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let start = booking.request.start_date.to_string();
    // The workplaces the plan books into for employees who had none come first.
    let mut workplaces: Vec<(i64, i64)> = Vec::with_capacity(booking.new_workplaces.len());
    if !booking.new_workplaces.is_empty() {
        // Named as onboarding names the workplace it creates; the user renames it.
        let name = "Workplace";
        for new in &booking.new_workplaces {
            let created = crate::customer::create_workplace(
                tx,
                &crate::customer::WorkplaceRecord {
                    employee_id: new.employee_id,
                    name: name.into(),
                },
            )?;
            workplaces.push((new.employee_id, created.id));
        }
    }
    let mut ids: Vec<i64> = Vec::with_capacity(booking.lines.len());
    // Thousands of lines share a handful of items: look each up once (a short list,
    // searched without allocating a key per line).
    let mut item_ids: Vec<(&str, Option<&str>, i64, Option<i64>)> = Vec::new();
    // One prepared statement each for the whole plan.
    let mut rows = InstanceRows::prepare(tx)?;
    // A plan for thousands of contexts has a handful of distinct terms: serialise each once.
    let mut terms_json: Vec<(&LineTerms, String)> = Vec::new();
    for line in &booking.lines {
        let known = item_ids.iter().find(|(code, variant, _, _)| {
            *code == line.item_code && *variant == line.variant.as_deref()
        });
        let (item_id, variant_id) = match known {
            Some(&(_, _, item_id, variant_id)) => (item_id, variant_id),
            None => {
                let item_id: i64 = tx
                    .prepare_cached("SELECT id FROM catalog_item WHERE code = ?1")?
                    .query_row([&line.item_code], |r| r.get(0))?;
                let variant_id: Option<i64> = match &line.variant {
                    Some(code) => Some(
                        tx.prepare_cached(
                            "SELECT id FROM service_variant WHERE service_id = ?1 AND code = ?2",
                        )?
                        .query_row(params![item_id, code], |r| r.get(0))?,
                    ),
                    None => None,
                };
                item_ids.push((
                    &line.item_code,
                    line.variant.as_deref(),
                    item_id,
                    variant_id,
                ));
                (item_id, variant_id)
            }
        };
        let parent = line.parent.map(|p| ids[p as usize]);
        let terms = match terms_json.iter().position(|(t, _)| **t == line.terms) {
            Some(at) => at,
            None => {
                let json = serde_json::to_string(&line.terms)
                    .map_err(|e| Error::Corrupt(format!("terms: {e}")))?;
                terms_json.push((&line.terms, json));
                terms_json.len() - 1
            }
        };
        let context = match new_workplace_employee(line.context) {
            Some(employee) => workplaces
                .iter()
                .find(|(e, _)| *e == employee)
                .map(|(_, w)| ContextRef::Workplace(*w))
                .ok_or_else(|| {
                    Error::Corrupt(format!(
                        "the plan books into a new workplace of employee {employee} it does not create"
                    ))
                })?,
            None => line.context,
        };
        let id = rows.insert(&NewInstance {
            customer_id: booking.request.customer_id,
            item_id,
            variant_id,
            context,
            quantity: line.quantity,
            offer_type: line.terms.offer_type,
            terms: &terms_json[terms].1,
            status,
            start_date: &start,
            parent_id: parent,
            reason: &line.explanation,
        })?;
        for option in &line.options {
            rows.insert_option(id, &option.group, &option.choice)?;
        }
        rows.log_start(id, status, &now, &line.explanation)?;
        ids.push(id);
    }
    for (line, id) in booking.lines.iter().zip(&ids) {
        for prerequisite in &line.prerequisites {
            let needed = match prerequisite {
                Prerequisite::Existing { instance_id, .. } => *instance_id,
                Prerequisite::Line { line, .. } => ids[*line as usize],
            };
            rows.insert_prerequisite(*id, needed)?;
        }
    }
    Ok(ids)
}
