//! What the contexts already hold: a plan line whose context holds a live
//! (ordered, provisioning or active) instance of the same item, in any variant,
//! carries those instances, and the plan books it only with `add_anyway`.

use super::{LineReason, PlanLine};
use crate::contract::{context_at, INSTANCE_CONTEXT_COLUMNS};
use crate::error::HeldInstance;
use crate::vocabulary::ContextRef;
use crate::{Error, Result};
use rusqlite::Connection;
use std::collections::HashMap;

/// The instances that count as already held: ordered, provisioning or active.
/// Planned instances are offers not yet accepted (and an accepted offer's own
/// lines, while it is planned again), cancelled and retired ones are gone.
const LIVE: &str = "('ordered', 'provisioning', 'active')";

/// The customer's live instances by item code and context.
pub(super) type Held = HashMap<(String, ContextRef), Vec<HeldInstance>>;

/// Every live instance of the customer, by item and context: one query, read
/// once for any number of plans.
pub(super) fn live_instances(conn: &Connection, customer: i64) -> Result<Held> {
    let mut held: Held = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.id, sv.name, i.status, i.start_date, ci.code, {INSTANCE_CONTEXT_COLUMNS}
         FROM instance i JOIN catalog_item ci ON ci.id = i.item_id
         LEFT JOIN service_variant sv ON sv.id = i.variant_id
         WHERE i.customer_id = ?1 AND i.status IN {LIVE}
         ORDER BY i.id"
    ))?;
    let mut rows = stmt.query([customer])?;
    while let Some(r) = rows.next()? {
        let instance_id: i64 = r.get(0)?;
        let status: String = r.get(2)?;
        let since: String = r.get(3)?;
        let status = crate::vocabulary::InstanceStatus::parse(&status)
            .ok_or_else(|| Error::Corrupt(format!("instance {instance_id}: status {status}")))?;
        let since = since
            .parse()
            .map_err(|_| Error::Corrupt(format!("instance {instance_id}: start {since}")))?;
        held.entry((r.get(4)?, context_at(r, 5)?))
            .or_default()
            .push(HeldInstance {
                instance_id,
                variant: r.get(1)?,
                status,
                since,
            });
    }
    Ok(held)
}

/// Notes on each requested line the live instances of its item (any variant)
/// in its context.
pub(super) fn mark_already_held(held: &Held, lines: &mut [PlanLine]) {
    if held.is_empty() {
        return;
    }
    for line in lines
        .iter_mut()
        .filter(|l| l.reason == LineReason::Requested)
    {
        if let Some(found) = held.get(&(line.item_code.clone(), line.context)) {
            line.already_held = found.clone();
        }
    }
}
