//! Reading the instances that block a change (a context or customer they were
//! booked into cannot be deleted, a basic service they depend on cannot be
//! retired) from the database; the data the refusing error carries,
//! `BlockingInstance`, is defined below the error (`error::BlockingInstance`).

use rusqlite::Row;

use super::instance_context::context_at;
use crate::error::BlockingInstance;
use crate::vocabulary::InstanceStatus;
use crate::{Error, Result};

impl BlockingInstance {
    /// Reads a row of `i.id, ci.name, i.status, i.customer_id, i.context,
    /// i.employee_id, i.location_id, i.cloud_container_id, i.workplace_id`
    /// (from `instance i JOIN catalog_item ci`).
    pub(crate) fn from_row(r: &Row<'_>) -> Result<BlockingInstance> {
        let context = context_at(r, 4)?;
        let status_text: String = r.get(2)?;
        let status = InstanceStatus::parse(&status_text)
            .ok_or_else(|| Error::Corrupt(format!("instance status {status_text:?}")))?;
        Ok(BlockingInstance {
            id: r.get(0)?,
            item: r.get(1)?,
            status,
            customer_id: r.get(3)?,
            context,
        })
    }

    /// All instances a query selecting those columns finds for `id`.
    pub(crate) fn query(conn: &rusqlite::Connection, sql: &str, id: i64) -> Result<Vec<Self>> {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([id])?;
        let mut found = Vec::new();
        while let Some(row) = rows.next()? {
            found.push(BlockingInstance::from_row(row)?);
        }
        Ok(found)
    }
}
