//! Offers: the store module that alone writes `offer`, `offer_group`,
//! `offer_line` and `offer_event` (the history), and maps their rows
//! (docs/store.md). Its functions take the
//! caller's connection or transaction: the operation that calls them (create,
//! edit, move on, revise, delete) holds the one transaction of the user action.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};
use rust_decimal::Decimal;
use serde::Serialize;

use super::record::{Approval, BuiltLine, ChangedInstance, OfferEvent, OfferEventKind};
use super::{OfferGroup, OfferStatus, OfferSummary};
use crate::booking::{ChosenOption, LineReason};
use crate::contract::LineTerms;
use crate::error::{RefusalSays, Wording};
use crate::money::{decimal_from_text, optional_decimal_from_text};
use crate::pricing::UnitCost;
use crate::vocabulary::ContextRef;
use crate::{Error, Result};

/// Dates are stored as ISO text.
const DATE: &str = "%Y-%m-%d";

fn date_text(date: NaiveDate) -> String {
    date.format(DATE).to_string()
}

fn date_from_text(text: &str, column: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE)
        .map_err(|e| Error::Corrupt(format!("{column} holds {text:?}, not a date: {e}")))
}

/// Contexts, options, terms, costs and plans are stored as JSON.
pub(super) fn json<T: Serialize>(value: &T, what: &str) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Corrupt(format!("{what}: {e}")))
}

pub(super) fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("{what}: {e}")))
}

fn status_from_text(status: &str) -> Result<OfferStatus> {
    OfferStatus::parse(status).map_err(|_| Error::Corrupt(format!("offer.status holds {status:?}")))
}

/// The `offer` row of a version: what the operations check before they act.
pub(super) struct Head {
    pub(super) number: String,
    pub(super) version: u32,
    pub(super) status: OfferStatus,
    pub(super) customer_id: i64,
    pub(super) currency: String,
    pub(super) offer_date: NaiveDate,
    pub(super) valid_until: NaiveDate,
    pub(super) notes: String,
    /// The booking plans as JSON; read with [`from_json`] where needed.
    pub(super) plans: String,
    /// The planned changes to existing instances, as JSON (PlannedChange).
    pub(super) changes: String,
    /// What the customer's running contracts cost a month when the offer was
    /// planned; none for offers made before change offers.
    pub(super) current_monthly: Option<Decimal>,
    pub(super) previous_id: Option<i64>,
    pub(super) year: i64,
    pub(super) seq: i64,
    /// Who approved this version and when; none until then.
    pub(super) approval: Option<Approval>,
}

pub(super) fn head(conn: &Connection, id: i64) -> Result<Head> {
    type HeadRow = (
        String,
        u32,
        String,
        i64,
        String,
        String,
        String,
        String,
        String,
        Option<i64>,
        i64,
        i64,
        Option<String>,
        Option<String>,
        String,
        Option<String>,
    );
    let row: Option<HeadRow> = conn
        .prepare_cached(
            "SELECT number, version, status, customer_id, currency, offer_date, valid_until, notes,
                    plans, previous_id, year, seq, approved_by, approved_at, changes, current_monthly
             FROM offer WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
                r.get(11)?,
                r.get(12)?,
                r.get(13)?,
                r.get(14)?,
                r.get(15)?,
            ))
        })
        .optional()?;
    let Some((
        number,
        version,
        status,
        customer_id,
        currency,
        date,
        until,
        notes,
        plans,
        previous_id,
        year,
        seq,
        approved_by,
        approved_at,
        changes,
        current_monthly,
    )) = row
    else {
        return Err(Error::not_found(
            Wording::new(RefusalSays::OfferNotFound).text("id", id),
        ));
    };
    Ok(Head {
        number,
        version,
        status: status_from_text(&status)?,
        customer_id,
        currency,
        offer_date: date_from_text(&date, "offer.offer_date")?,
        valid_until: date_from_text(&until, "offer.valid_until")?,
        notes,
        plans,
        changes,
        current_monthly: optional_decimal_from_text(current_monthly, "offer.current_monthly")?,
        previous_id,
        year,
        seq,
        approval: approved_by
            .zip(approved_at)
            .map(|(by, at)| Approval { by, at }),
    })
}

/// The groups of an offer in document order (without their lines), each with
/// its context as stored: the key its lines are matched by.
pub(super) fn groups(conn: &Connection, offer_id: i64) -> Result<Vec<(String, OfferGroup)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT context, label FROM offer_group WHERE offer_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([offer_id])?;
    let mut groups = Vec::new();
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        let group = OfferGroup {
            context: from_json(&key, "offer_group.context")?,
            label: r.get(1)?,
            lines: Vec::new(),
        };
        groups.push((key, group));
    }
    Ok(groups)
}

/// An `offer_line` row as stored, amounts included (the reader checks them
/// against the line math).
pub(super) struct StoredLine {
    /// The context as stored: the key of its group.
    pub(super) key: String,
    pub(super) context: ContextRef,
    pub(super) item_code: String,
    pub(super) description: String,
    pub(super) variant: Option<String>,
    pub(super) options: Vec<ChosenOption>,
    pub(super) quantity: i64,
    pub(super) terms: LineTerms,
    pub(super) unit_cost: Option<UnitCost>,
    pub(super) one_time: Decimal,
    pub(super) monthly: Decimal,
    pub(super) explanation: String,
    pub(super) reason: Option<LineReason>,
    /// None for lines frozen before list amounts were kept.
    pub(super) list_unit_amount: Option<Decimal>,
    /// The instance the line changes; none for a new booking.
    pub(super) changed: Option<ChangedInstance>,
}

/// The lines of an offer in document order.
pub(super) fn lines(conn: &Connection, offer_id: i64) -> Result<Vec<StoredLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT context, item_code, description, variant, options, quantity, terms, unit_cost,
                one_time, monthly, explanation, list_unit_amount, changed, reason
         FROM offer_line WHERE offer_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query([offer_id])?;
    let mut lines = Vec::new();
    while let Some(r) = rows.next()? {
        let key: String = r.get(0)?;
        lines.push(StoredLine {
            context: from_json(&key, "offer_line.context")?,
            key,
            item_code: r.get(1)?,
            description: r.get(2)?,
            variant: r.get(3)?,
            options: from_json(&r.get::<_, String>(4)?, "offer_line.options")?,
            quantity: r.get(5)?,
            terms: from_json(&r.get::<_, String>(6)?, "offer_line.terms")?,
            unit_cost: r
                .get::<_, Option<String>>(7)?
                .map(|t| from_json(&t, "offer_line.unit_cost"))
                .transpose()?,
            one_time: decimal_from_text(&r.get::<_, String>(8)?, "offer_line.one_time")?,
            monthly: decimal_from_text(&r.get::<_, String>(9)?, "offer_line.monthly")?,
            explanation: r.get(10)?,
            list_unit_amount: optional_decimal_from_text(
                r.get(11)?,
                "offer_line.list_unit_amount",
            )?,
            changed: r
                .get::<_, Option<String>>(12)?
                .map(|t| from_json(&t, "offer_line.changed"))
                .transpose()?,
            reason: r
                .get::<_, Option<String>>(13)?
                .map(|t| from_json(&t, "offer_line.reason"))
                .transpose()?,
        });
    }
    Ok(lines)
}

/// The columns an [`OfferSummary`] is read from, the customer's name joined in
/// (a list shows whose offer it is).
const SUMMARY: &str = "SELECT o.id, o.number, o.version, o.status, o.customer_id, c.name,
        o.offer_date, o.valid_until, o.currency,
        (SELECT count(*) FROM offer_line l WHERE l.offer_id = o.id)
    FROM offer o JOIN customer c ON c.id = o.customer_id";

fn summary_from_row(r: &Row<'_>) -> Result<OfferSummary> {
    Ok(OfferSummary {
        id: r.get(0)?,
        number: r.get(1)?,
        version: r.get(2)?,
        status: status_from_text(&r.get::<_, String>(3)?)?,
        customer_id: r.get(4)?,
        customer_name: r.get(5)?,
        offer_date: date_from_text(&r.get::<_, String>(6)?, "offer.offer_date")?,
        valid_until: date_from_text(&r.get::<_, String>(7)?, "offer.valid_until")?,
        currency: r.get(8)?,
        line_count: r.get(9)?,
    })
}

pub(super) fn summary(conn: &Connection, id: i64) -> Result<OfferSummary> {
    conn.prepare_cached(&format!("{SUMMARY} WHERE o.id = ?1"))?
        .query_row([id], |r| Ok(summary_from_row(r)))
        .optional()?
        .ok_or_else(|| Error::not_found(Wording::new(RefusalSays::OfferNotFound).text("id", id)))?
}

/// Every offer version, newest number first, versions descending; of one
/// customer if given.
pub(super) fn summaries(conn: &Connection, customer_id: Option<i64>) -> Result<Vec<OfferSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SUMMARY} WHERE ?1 IS NULL OR o.customer_id = ?1
         ORDER BY o.year DESC, o.seq DESC, o.version DESC"
    ))?;
    let mut rows = stmt.query([customer_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(summary_from_row(r)?);
    }
    Ok(out)
}

/// The next number of the year's sequence.
pub(super) fn next_seq(conn: &Connection, year: i32) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM offer WHERE year = ?1")?
        .query_row([year], |r| r.get(0))?)
}

/// The next version number of an offer.
pub(super) fn next_version(conn: &Connection, year: i64, seq: i64) -> Result<u32> {
    Ok(conn
        .prepare_cached("SELECT max(version) + 1 FROM offer WHERE year = ?1 AND seq = ?2")?
        .query_row(params![year, seq], |r| r.get(0))?)
}

/// The accepted version of an offer, if one is.
pub(super) fn accepted_version(conn: &Connection, year: i64, seq: i64) -> Result<Option<u32>> {
    Ok(conn
        .prepare_cached(
            "SELECT version FROM offer WHERE year = ?1 AND seq = ?2 AND status = 'accepted'",
        )?
        .query_row(params![year, seq], |r| r.get(0))
        .optional()?)
}

/// Version 1 of a new offer, a draft.
pub(super) struct NewOffer<'a> {
    pub(super) customer_id: i64,
    pub(super) year: i32,
    pub(super) seq: i64,
    pub(super) number: &'a str,
    pub(super) currency: &'a str,
    pub(super) offer_date: NaiveDate,
    pub(super) valid_until: NaiveDate,
    pub(super) notes: &'a str,
    /// The booking plans, as JSON.
    pub(super) plans: &'a str,
    /// The planned changes, as JSON.
    pub(super) changes: &'a str,
    pub(super) current_monthly: Decimal,
    /// Created and status changed at.
    pub(super) stamp: &'a str,
}

/// Inserts the `offer` row of a new offer; its id.
pub(super) fn insert_offer(tx: &Transaction<'_>, new: &NewOffer<'_>) -> Result<i64> {
    Ok(tx
        .prepare_cached(
            "INSERT INTO offer (customer_id, year, seq, number, version, status, currency, offer_date,
                 valid_until, notes, plans, previous_id, created_at, status_changed_at, changes,
                 current_monthly)
             VALUES (?1, ?2, ?3, ?4, 1, 'draft', ?5, ?6, ?7, ?8, ?9, NULL, ?10, ?10, ?11, ?12)
             RETURNING id",
        )?
        .query_row(
            params![
                new.customer_id,
                new.year,
                new.seq,
                new.number,
                new.currency,
                date_text(new.offer_date),
                date_text(new.valid_until),
                new.notes,
                new.plans,
                new.stamp,
                new.changes,
                new.current_monthly.to_string()
            ],
            |r| r.get(0),
        )?)
}

/// Copies version `from_id` with its groups and lines as a new draft version;
/// the copy's id.
pub(super) fn insert_version(
    tx: &Transaction<'_>,
    from_id: i64,
    version: u32,
    offer_date: NaiveDate,
    valid_until: NaiveDate,
    stamp: &str,
) -> Result<i64> {
    let new_id: i64 = tx
        .prepare_cached(
            "INSERT INTO offer (customer_id, year, seq, number, version, status, currency, offer_date,
                 valid_until, notes, plans, previous_id, created_at, status_changed_at, changes,
                 current_monthly)
             SELECT customer_id, year, seq, number, ?2, 'draft', currency, ?3, ?4, notes, plans, id, ?5, ?5,
                 changes, current_monthly
             FROM offer WHERE id = ?1 RETURNING id",
        )?
        .query_row(
            params![
                from_id,
                version,
                date_text(offer_date),
                date_text(valid_until),
                stamp
            ],
            |r| r.get(0),
        )?;
    tx.prepare_cached(
        "INSERT INTO offer_group (offer_id, position, context, label)
         SELECT ?2, position, context, label FROM offer_group WHERE offer_id = ?1",
    )?
    .execute(params![from_id, new_id])?;
    tx.prepare_cached(
        "INSERT INTO offer_line (offer_id, position, context, item_code, description, variant, options,
             quantity, offer_type, terms, unit_cost, one_time, monthly, explanation, list_unit_amount,
             changed, reason)
         SELECT ?2, position, context, item_code, description, variant, options, quantity, offer_type,
             terms, unit_cost, one_time, monthly, explanation, list_unit_amount, changed, reason
         FROM offer_line WHERE offer_id = ?1",
    )?
    .execute(params![from_id, new_id])?;
    Ok(new_id)
}

pub(super) fn insert_offer_group(
    tx: &Transaction<'_>,
    offer_id: i64,
    position: usize,
    context: &ContextRef,
    label: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO offer_group (offer_id, position, context, label) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        offer_id,
        position as i64,
        json(context, "context")?,
        label
    ])?;
    Ok(())
}

pub(super) fn insert_offer_line(
    tx: &Transaction<'_>,
    offer_id: i64,
    position: usize,
    line: &BuiltLine,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO offer_line (offer_id, position, context, item_code, description, variant,
             options, quantity, offer_type, terms, unit_cost, one_time, monthly, explanation,
             list_unit_amount, changed, reason)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
    )?
    .execute(params![
        offer_id,
        position as i64,
        json(&line.context, "context")?,
        line.item_code,
        line.description,
        line.variant,
        json(&line.options, "options")?,
        line.quantity,
        line.terms.offer_type.as_str(),
        json(&line.terms, "terms")?,
        line.unit_cost.map(|c| json(&c, "unit cost")).transpose()?,
        line.amounts.one_time.to_string(),
        line.amounts.monthly.to_string(),
        line.explanation,
        line.list_unit_amount.map(|a| a.to_string()),
        line.changed
            .as_ref()
            .map(|c| json(c, "changed"))
            .transpose()?,
        line.reason
            .as_ref()
            .map(|r| json(r, "reason"))
            .transpose()?
    ])?;
    Ok(())
}

/// Deletes the lines and groups of an offer, to be written again.
pub(super) fn delete_offer_lines(tx: &Transaction<'_>, offer_id: i64) -> Result<()> {
    tx.prepare_cached("DELETE FROM offer_line WHERE offer_id = ?1")?
        .execute([offer_id])?;
    tx.prepare_cached("DELETE FROM offer_group WHERE offer_id = ?1")?
        .execute([offer_id])?;
    Ok(())
}

pub(super) fn set_offer_notes(tx: &Transaction<'_>, id: i64, notes: &str) -> Result<()> {
    tx.prepare_cached("UPDATE offer SET notes = ?2 WHERE id = ?1")?
        .execute(params![id, notes])?;
    Ok(())
}

pub(super) fn set_offer_valid_until(tx: &Transaction<'_>, id: i64, until: NaiveDate) -> Result<()> {
    tx.prepare_cached("UPDATE offer SET valid_until = ?2 WHERE id = ?1")?
        .execute(params![id, date_text(until)])?;
    Ok(())
}

/// The booking plans and planned changes (as JSON) and the customer's
/// running monthly amount they were planned against.
pub(super) fn set_offer_plans(
    tx: &Transaction<'_>,
    id: i64,
    plans: &str,
    changes: &str,
    current_monthly: Decimal,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE offer SET plans = ?2, changes = ?3, current_monthly = ?4 WHERE id = ?1",
    )?
    .execute(params![id, plans, changes, current_monthly.to_string()])?;
    Ok(())
}

/// Records who approved a version and when.
pub(super) fn set_offer_approval(tx: &Transaction<'_>, id: i64, approval: &Approval) -> Result<()> {
    tx.prepare_cached("UPDATE offer SET approved_by = ?2, approved_at = ?3 WHERE id = ?1")?
        .execute(params![id, approval.by, approval.at])?;
    Ok(())
}

/// Voids an approval (the lines it covered are gone).
pub(super) fn clear_offer_approval(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached(
        "UPDATE offer SET approved_by = NULL, approved_at = NULL
         WHERE id = ?1 AND approved_by IS NOT NULL",
    )?
    .execute([id])?;
    Ok(())
}

/// Adds an event to a version's history.
pub(super) fn insert_offer_event(
    tx: &Transaction<'_>,
    offer_id: i64,
    kind: OfferEventKind,
    by: Option<&str>,
    at: &str,
) -> Result<()> {
    tx.prepare_cached("INSERT INTO offer_event (offer_id, at, kind, by) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![offer_id, at, kind.as_str(), by])?;
    Ok(())
}

/// The history of an offer: the events of all its versions, oldest first.
pub(super) fn offer_events(conn: &Connection, id: i64) -> Result<Vec<OfferEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.offer_id, v.version, e.kind, e.by, e.at
         FROM offer o JOIN offer v ON v.year = o.year AND v.seq = o.seq
         JOIN offer_event e ON e.offer_id = v.id
         WHERE o.id = ?1 ORDER BY e.at, e.id",
    )?;
    let mut rows = stmt.query([id])?;
    let mut events = Vec::new();
    while let Some(r) = rows.next()? {
        let kind: String = r.get(2)?;
        events.push(OfferEvent {
            offer_id: r.get(0)?,
            version: r.get(1)?,
            kind: OfferEventKind::parse(&kind)
                .ok_or_else(|| Error::Corrupt(format!("offer_event.kind holds {kind:?}")))?,
            by: r.get(3)?,
            at: r.get(4)?,
        });
    }
    Ok(events)
}

pub(super) fn set_offer_status(
    tx: &Transaction<'_>,
    id: i64,
    status: OfferStatus,
    changed_at: &str,
) -> Result<()> {
    tx.prepare_cached("UPDATE offer SET status = ?2, status_changed_at = ?3 WHERE id = ?1")?
        .execute(params![id, status.as_str(), changed_at])?;
    Ok(())
}

/// Deletes a version (its groups and lines go with it); a version copied from
/// it forgets where it came from.
pub(super) fn delete_offer(tx: &Transaction<'_>, id: i64) -> Result<()> {
    tx.prepare_cached("UPDATE offer SET previous_id = NULL WHERE previous_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM offer WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}
