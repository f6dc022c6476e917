//! Instances: the store module that alone writes `instance`, its options,
//! prerequisites, add-ons and transition log, and maps their rows.
//!
//! Every function runs in the caller's transaction and never begins or commits
//! one: the user action that calls it (booking, a transition, an add-on order)
//! is the transaction.

use chrono::NaiveDate;
use rusqlite::{params, CachedStatement, Connection, OptionalExtension, Transaction};

use crate::contract::LineTerms;
use crate::error::{RefusalSays, Wording};
use crate::vocabulary::{ContextRef, InstanceStatus, OfferType};
use crate::{Error, Result};

/// An instance to be written.
pub(crate) struct NewInstance<'a> {
    pub customer_id: i64,
    pub item_id: i64,
    pub variant_id: Option<i64>,
    pub context: ContextRef,
    pub quantity: i64,
    pub offer_type: OfferType,
    /// The line's terms as JSON (a plan serialises each distinct terms once).
    pub terms: &'a str,
    pub status: InstanceStatus,
    /// The start date, as stored (`YYYY-MM-DD`).
    pub start_date: &'a str,
    pub parent_id: Option<i64>,
    pub reason: &'a str,
}

/// The instance writer of a booking: its statements prepared once for the
/// whole plan (a 5,000-employee bundle writes some 65,000 rows), then run per
/// row.
pub(crate) struct InstanceRows<'tx> {
    instance: CachedStatement<'tx>,
    option: CachedStatement<'tx>,
    transition: CachedStatement<'tx>,
    prerequisite: CachedStatement<'tx>,
}

impl<'tx> InstanceRows<'tx> {
    pub(crate) fn prepare(tx: &'tx Transaction<'_>) -> rusqlite::Result<Self> {
        Ok(Self {
            instance: tx.prepare_cached(
                "INSERT INTO instance (customer_id, item_id, variant_id, offer_type, context, employee_id,
                     location_id, cloud_container_id, workplace_id, quantity, terms, status, start_date,
                     parent_id, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) RETURNING id",
            )?,
            option: tx.prepare_cached(
                "INSERT INTO instance_option (instance_id, group_code, choice_code) VALUES (?1, ?2, ?3)",
            )?,
            transition: tx.prepare_cached(
                "INSERT INTO instance_transition (instance_id, from_status, to_status, at, note)
                 VALUES (?1, NULL, ?2, ?3, ?4)",
            )?,
            prerequisite: tx.prepare_cached(
                "INSERT INTO instance_prerequisite (instance_id, prerequisite_id) VALUES (?1, ?2)",
            )?,
        })
    }

    /// Inserts an instance; returns its id. Its context goes into the column
    /// of its kind (`contract::context_at` reads it back).
    pub(crate) fn insert(&mut self, new: &NewInstance<'_>) -> rusqlite::Result<i64> {
        let (employee, location, container, workplace) = match new.context {
            ContextRef::Employee(id) => (Some(id), None, None, None),
            ContextRef::Location(id) => (None, Some(id), None, None),
            ContextRef::CloudContainer(id) => (None, None, Some(id), None),
            ContextRef::Workplace(id) => (None, None, None, Some(id)),
            ContextRef::Global => (None, None, None, None),
        };
        self.instance.query_row(
            params![
                new.customer_id,
                new.item_id,
                new.variant_id,
                new.offer_type.as_str(),
                new.context.kind(),
                employee,
                location,
                container,
                workplace,
                new.quantity,
                new.terms,
                new.status.as_str(),
                new.start_date,
                new.parent_id,
                new.reason
            ],
            |r| r.get(0),
        )
    }

    /// Records an option group's choice for an instance.
    pub(crate) fn insert_option(
        &mut self,
        instance_id: i64,
        group: &str,
        choice: &str,
    ) -> rusqlite::Result<()> {
        self.option.execute(params![instance_id, group, choice])?;
        Ok(())
    }

    /// Logs an instance's first status (it comes from nothing).
    pub(crate) fn log_start(
        &mut self,
        instance_id: i64,
        status: InstanceStatus,
        at: &str,
        note: &str,
    ) -> rusqlite::Result<()> {
        self.transition
            .execute(params![instance_id, status.as_str(), at, note])?;
        Ok(())
    }

    /// Records that an instance needs another one.
    pub(crate) fn insert_prerequisite(
        &mut self,
        instance_id: i64,
        prerequisite_id: i64,
    ) -> rusqlite::Result<()> {
        self.prerequisite
            .execute(params![instance_id, prerequisite_id])?;
        Ok(())
    }
}

/// What a transition reads of an instance.
pub(crate) struct InstanceState {
    pub status: InstanceStatus,
    pub terms: LineTerms,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    /// The name of its catalog item, for messages.
    pub item_name: String,
}

/// An instance's status, terms and dates, decoded.
pub(crate) fn instance_state(conn: &Connection, id: i64) -> Result<InstanceState> {
    let row = conn
        .prepare_cached(
            "SELECT i.status, i.terms, i.start_date, i.end_date, ci.name FROM instance i
             JOIN catalog_item ci ON ci.id = i.item_id WHERE i.id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
            ))
        })
        .optional()?
        .ok_or_else(|| {
            Error::not_found(Wording::new(RefusalSays::InstanceNotFound).text("id", id))
        })?;
    let terms: LineTerms = serde_json::from_str(&row.1)
        .map_err(|e| Error::Corrupt(format!("terms of instance {id}: {e}")))?;
    Ok(InstanceState {
        status: status_from_text(&row.0)?,
        terms,
        start: date_from_text(&row.2)?,
        end: row.3.as_deref().map(date_from_text).transpose()?,
        item_name: row.4,
    })
}

/// A stored instance status.
pub(crate) fn status_from_text(text: &str) -> Result<InstanceStatus> {
    InstanceStatus::parse(text).ok_or_else(|| Error::Corrupt(format!("instance status {text:?}")))
}

/// A stored instance date (`YYYY-MM-DD`).
pub(crate) fn date_from_text(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|e| Error::Corrupt(format!("date {text:?}: {e}")))
}

/// An instance's status as stored (`retired`, …), if the instance exists.
pub(crate) fn stored_status(conn: &Connection, id: i64) -> rusqlite::Result<Option<String>> {
    conn.prepare_cached("SELECT status FROM instance WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()
}

/// The instances linked to this one (its children), oldest first.
pub(crate) fn children(conn: &Connection, id: i64) -> rusqlite::Result<Vec<i64>> {
    conn.prepare_cached("SELECT id FROM instance WHERE parent_id = ?1 ORDER BY id")?
        .query_map([id], |r| r.get(0))?
        .collect()
}

/// Moves an instance to `to`, setting its end date when one is given, and logs
/// the move at `at` with the note.
pub(crate) fn set_instance_status(
    tx: &Transaction<'_>,
    id: i64,
    from: InstanceStatus,
    to: InstanceStatus,
    end: Option<NaiveDate>,
    at: &str,
    note: &str,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE instance SET status = ?2, end_date = COALESCE(?3, end_date) WHERE id = ?1",
    )?
    .execute(params![id, to.as_str(), end.map(|d| d.to_string())])?;
    tx.prepare_cached("INSERT INTO instance_transition (instance_id, from_status, to_status, at, note) VALUES (?1, ?2, ?3, ?4, ?5)")?
        .execute(params![id, from.as_str(), to.as_str(), at, note])?;
    Ok(())
}

/// An add-on ordered for an instance, at the price of the day.
pub(crate) struct NewAddOnCharge<'a> {
    pub instance_id: i64,
    pub add_on_id: i64,
    pub quantity: i64,
    /// The unit price as stored (decimal text).
    pub unit_price: &'a str,
    pub currency: &'a str,
    pub tax_rate: &'a str,
    pub ordered_on: NaiveDate,
    pub note: &'a str,
}

/// Records an add-on charge; returns its id.
pub(crate) fn insert_add_on_charge(
    tx: &Transaction<'_>,
    charge: &NewAddOnCharge<'_>,
) -> rusqlite::Result<i64> {
    tx.prepare_cached(
        "INSERT INTO instance_add_on (instance_id, add_on_id, quantity, unit_price, currency, tax_rate, ordered_on, note)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        charge.instance_id,
        charge.add_on_id,
        charge.quantity,
        charge.unit_price,
        charge.currency,
        charge.tax_rate,
        charge.ordered_on.to_string(),
        charge.note
    ])?;
    Ok(tx.last_insert_rowid())
}

/// Hangs a linked instance below another parent (a change moves it over to
/// the instance that takes its parent's place).
pub(crate) fn set_parent(tx: &Transaction<'_>, id: i64, parent: i64) -> rusqlite::Result<()> {
    tx.prepare_cached("UPDATE instance SET parent_id = ?2 WHERE id = ?1")?
        .execute(params![id, parent])?;
    Ok(())
}

/// The live instances that need `from` as a prerequisite need `to` instead.
pub(crate) fn repoint_prerequisites(
    tx: &Transaction<'_>,
    from: i64,
    to: i64,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE instance_prerequisite SET prerequisite_id = ?2
         WHERE prerequisite_id = ?1 AND instance_id IN (
             SELECT id FROM instance WHERE status IN ('planned', 'ordered', 'provisioning', 'active'))",
    )?
    .execute(params![from, to])?;
    Ok(())
}
