//! An instance as a change to it sees it (what it is, where, on which terms,
//! with what linked to it), and what the customer's running contracts cost a
//! month: the "current" side of a change offer.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::super::inventory::monthly_amount;
use super::super::request::ChosenOption;
use super::super::store::{date_from_text, status_from_text};
use crate::contract::{context_at, LineTerms, INSTANCE_CONTEXT_COLUMNS};
use crate::error::{RefusalSays, Wording};
use crate::money::checked_sum;
use crate::vocabulary::{ContextRef, InstanceStatus};
use crate::{Error, Result};

/// An instance linked to the changed one (mandatory or optional with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct LinkedInstance {
    pub id: i64,
    pub item_code: String,
    pub item_name: String,
    pub quantity: i64,
    pub status: InstanceStatus,
    pub terms: LineTerms,
    pub start: NaiveDate,
    /// Offered with its parent's item, not mandatory with it.
    pub optional: bool,
}

/// An instance with what a change needs to know of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CurrentInstance {
    pub id: i64,
    pub customer_id: i64,
    pub item_id: i64,
    pub item_code: String,
    pub item_name: String,
    pub variant_code: Option<String>,
    pub variant_name: Option<String>,
    pub options: Vec<ChosenOption>,
    pub quantity: i64,
    pub context: ContextRef,
    /// "Jana Petersen", "Hamburg HQ", "customer-wide".
    pub context_label: String,
    pub status: InstanceStatus,
    pub terms: LineTerms,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// The instance it is linked to, named ("Lenovo ThinkPad T14 #12").
    pub parent: Option<String>,
    /// Its live (or, for a planned one, planned) linked instances.
    pub links: Vec<LinkedInstance>,
}

impl CurrentInstance {
    /// "Managed365 #12 (Jana Petersen)".
    pub fn named(&self) -> String {
        format!("{} #{} ({})", self.item_name, self.id, self.context_label)
    }

    /// A sentence about this instance: `{item}` is "Managed365 #12", `{place}`
    /// where it is booked (none for customer-wide).
    pub(crate) fn wording(&self, says: RefusalSays) -> Wording {
        let place = match self.context {
            ContextRef::Global => None,
            _ => Some(self.context_label.as_str()),
        };
        Wording::new(says)
            .text("item", format!("{} #{}", self.item_name, self.id))
            .place("place", place)
    }

    /// "Managed365 Standard": the item with its variant.
    pub fn item_with_variant(&self) -> String {
        match &self.variant_name {
            Some(v) => format!("{} {v}", self.item_name),
            None => self.item_name.clone(),
        }
    }

    /// Reads instance `id`.
    pub fn read(conn: &Connection, id: i64) -> Result<CurrentInstance> {
        let row = conn
            .prepare_cached(&format!(
                "SELECT i.customer_id, i.item_id, ci.code, ci.name, sv.code, sv.name, i.quantity,
                        {INSTANCE_CONTEXT_COLUMNS}, i.status, i.terms, i.start_date, i.end_date,
                        p.id, pci.name, e.name, l.name, cc.name, w.name, we.name
                 FROM instance i
                 JOIN catalog_item ci ON ci.id = i.item_id
                 LEFT JOIN service_variant sv ON sv.id = i.variant_id
                 LEFT JOIN instance p ON p.id = i.parent_id
                 LEFT JOIN catalog_item pci ON pci.id = p.item_id
                 LEFT JOIN employee e ON e.id = i.employee_id
                 LEFT JOIN location l ON l.id = i.location_id
                 LEFT JOIN cloud_container cc ON cc.id = i.cloud_container_id
                 LEFT JOIN workplace w ON w.id = i.workplace_id
                 LEFT JOIN employee we ON we.id = w.employee_id
                 WHERE i.id = ?1"
            ))?
            .query_row([id], |r| {
                let context = context_at(r, 7)?;
                let name = |at: usize| -> rusqlite::Result<String> {
                    Ok(r.get::<_, Option<String>>(at)?
                        .unwrap_or_else(|| "?".into()))
                };
                let context_label = match context {
                    ContextRef::Employee(_) => name(18)?,
                    ContextRef::Location(_) => name(19)?,
                    ContextRef::CloudContainer(_) => name(20)?,
                    ContextRef::Workplace(_) => format!("{} ({})", name(21)?, name(22)?),
                    ContextRef::Global => "customer-wide".into(),
                };
                let parent = match r.get::<_, Option<i64>>(16)? {
                    Some(pid) => Some(format!("{} #{pid}", name(17)?)),
                    None => None,
                };
                Ok((
                    (
                        r.get::<_, i64>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, i64>(6)?,
                    ),
                    context,
                    context_label,
                    (
                        r.get::<_, String>(12)?,
                        r.get::<_, String>(13)?,
                        r.get::<_, String>(14)?,
                        r.get::<_, Option<String>>(15)?,
                    ),
                    parent,
                ))
            })
            .optional()?
            .ok_or_else(|| {
                Error::not_found(Wording::new(RefusalSays::InstanceNotFound).text("id", id))
            })?;
        let (
            (customer_id, item_id, item_code, item_name, variant_code, variant_name, quantity),
            context,
            context_label,
            (status, terms, start, end),
            parent,
        ) = row;
        let status = status_from_text(&status)?;
        Ok(CurrentInstance {
            id,
            customer_id,
            item_id,
            item_code,
            item_name,
            variant_code,
            variant_name,
            options: options_of(conn, id)?,
            quantity,
            context,
            context_label,
            terms: terms_from_text(id, &terms)?,
            start: date_from_text(&start)?,
            end: end.as_deref().map(date_from_text).transpose()?,
            parent,
            links: links_of(conn, id, status)?,
            status,
        })
    }
}

fn terms_from_text(id: i64, text: &str) -> Result<LineTerms> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("terms of instance {id}: {e}")))
}

fn options_of(conn: &Connection, id: i64) -> Result<Vec<ChosenOption>> {
    let mut stmt = conn.prepare_cached(
        "SELECT group_code, choice_code FROM instance_option WHERE instance_id = ?1
         ORDER BY group_code, choice_code",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(ChosenOption {
                group: r.get(0)?,
                choice: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// The linked instances that go with a change: live ones of a running
/// instance, planned ones of a planned instance. Whether each is optional is
/// what the catalog links say of the two items.
fn links_of(conn: &Connection, id: i64, status: InstanceStatus) -> Result<Vec<LinkedInstance>> {
    let statuses = if status == InstanceStatus::Planned {
        "('planned')"
    } else {
        "('ordered', 'provisioning', 'active')"
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT c.id, ci.code, ci.name, c.quantity, c.status, c.terms, c.start_date,
                COALESCE(il.mode = 'optional', 0)
         FROM instance c
         JOIN instance p ON p.id = c.parent_id
         JOIN catalog_item ci ON ci.id = c.item_id
         LEFT JOIN item_link il ON il.parent_id = p.item_id AND il.child_id = c.item_id
         WHERE c.parent_id = ?1 AND c.status IN {statuses}
         ORDER BY c.id"
    ))?;
    let mut rows = stmt.query([id])?;
    let mut links = Vec::new();
    while let Some(r) = rows.next()? {
        let child: i64 = r.get(0)?;
        links.push(LinkedInstance {
            id: child,
            item_code: r.get(1)?,
            item_name: r.get(2)?,
            quantity: r.get(3)?,
            status: status_from_text(&r.get::<_, String>(4)?)?,
            terms: terms_from_text(child, &r.get::<_, String>(5)?)?,
            start: date_from_text(&r.get::<_, String>(6)?)?,
            optional: r.get(7)?,
        });
    }
    Ok(links)
}

/// What the customer's running contracts (ordered, provisioning or active)
/// cost a month, net, each instance rounded to cents as the inventory does.
pub fn running_monthly(conn: &Connection, customer_id: i64) -> Result<Decimal> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, terms, quantity FROM instance
         WHERE customer_id = ?1 AND status IN ('ordered', 'provisioning', 'active')",
    )?;
    let mut rows = stmt.query([customer_id])?;
    let mut amounts = Vec::new();
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        let terms = terms_from_text(id, &r.get::<_, String>(1)?)?;
        amounts.push(monthly_amount(&terms, r.get(2)?, || {
            format!("the monthly amount of instance {id}")
        })?);
    }
    crate::money::bounded(checked_sum(amounts), || {
        "the customer's monthly amount".to_string()
    })
}
