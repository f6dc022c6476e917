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

/// Notes on each requested line the live instances of its item (any variant) in
/// its context. One query for the customer's live instances of the plan's items.
pub(super) fn mark_already_held(
    conn: &Connection,
    customer: i64,
    lines: &mut [PlanLine],
) -> Result<()> {
    let mut codes: Vec<&str> = lines
        .iter()
        .filter(|l| l.reason == LineReason::Requested)
        .map(|l| l.item_code.as_str())
        .collect();
    codes.sort_unstable();
    codes.dedup();
    let mut held: HashMap<(String, ContextRef), Vec<HeldInstance>> = HashMap::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.id, sv.name, i.status, i.start_date, {INSTANCE_CONTEXT_COLUMNS}
         FROM instance i JOIN catalog_item ci ON ci.id = i.item_id
         LEFT JOIN service_variant sv ON sv.id = i.variant_id
         WHERE i.customer_id = ?1 AND ci.code = ?2 AND i.status IN {LIVE}
         ORDER BY i.id"
    ))?;
    for code in codes {
        let rows = stmt.query_map(rusqlite::params![customer, code], |r| {
            let status: String = r.get(2)?;
            let since: String = r.get(3)?;
            Ok((
                context_at(r, 4)?,
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                status,
                since,
            ))
        })?;
        for row in rows {
            let (context, instance_id, variant, status, since) = row?;
            let status = crate::vocabulary::InstanceStatus::parse(&status).ok_or_else(|| {
                Error::Corrupt(format!("instance {instance_id}: status {status}"))
            })?;
            let since = since
                .parse()
                .map_err(|_| Error::Corrupt(format!("instance {instance_id}: start {since}")))?;
            held.entry((code.to_owned(), context))
                .or_default()
                .push(HeldInstance {
                    instance_id,
                    variant,
                    status,
                    since,
                });
        }
    }
    if held.is_empty() {
        return Ok(());
    }
    for line in lines
        .iter_mut()
        .filter(|l| l.reason == LineReason::Requested)
    {
        if let Some(found) = held.get(&(line.item_code.clone(), line.context)) {
            line.already_held = found.clone();
        }
    }
    Ok(())
}
