//! Renewals and notice deadlines across customers: the running contracts whose
//! next notice deadline, term end or lease end falls within the coming days,
//! soonest first, with the monthly amount at stake. The dates come from the
//! lifecycle's rules (`next_deadline`); this module only selects and orders.

use chrono::{Days, NaiveDate};
use rusqlite::{Connection, Row};
use rust_decimal::Decimal;
use serde::Serialize;

use super::inventory::monthly_amount;
use super::lifecycle::{next_deadline, DeadlineKind};
use super::store::{date_from_text, status_from_text};
use crate::contract::{context_at, LineTerms, INSTANCE_CONTEXT_COLUMNS};
use crate::error::{InputSays, Wording};
use crate::vocabulary::{ContextRef, InstanceStatus, OfferType};
use crate::{Error, Result};

/// The window looked at when none is given: a quarter.
pub const DEFAULT_WINDOW_DAYS: u32 = 90;

/// The widest window: two years. Wider asks for every contract at once, which
/// is the inventory's job, not a list of what is coming up.
pub const MAX_WINDOW_DAYS: u32 = 730;

/// One running contract with a date coming up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Renewal {
    pub instance_id: i64,
    pub customer_id: i64,
    pub customer_name: String,
    pub context: ContextRef,
    /// Who or where it is booked for ("Anna Schmidt", "customer-wide").
    pub context_label: String,
    pub item_code: String,
    pub item_name: String,
    /// The variant's name, for a service booked in one.
    pub variant: Option<String>,
    pub offer_type: OfferType,
    pub quantity: i64,
    pub status: InstanceStatus,
    /// The date coming up, and which it is.
    pub date: NaiveDate,
    pub kind: DeadlineKind,
    /// The end of the term the date belongs to.
    pub term_end: NaiveDate,
    /// The next day notice can be given by (rentals).
    pub notice_deadline: Option<NaiveDate>,
    /// What the customer pays a month for it (price × quantity, in cents).
    pub monthly: Decimal,
    pub currency: String,
}

/// The renewals between `today` and `until` (both included), soonest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Renewals {
    pub today: NaiveDate,
    pub until: NaiveDate,
    pub renewals: Vec<Renewal>,
}

/// Every running contract (ordered, provisioning or active, not yet ending) of
/// every customer whose next date falls within `within_days` of `today`,
/// soonest first (then by customer and instance). One query over the
/// instances with their customer and context names; the dates are worked out
/// per row from the stored terms.
pub fn renewals(conn: &Connection, today: NaiveDate, within_days: u32) -> Result<Renewals> {
    if within_days > MAX_WINDOW_DAYS {
        return Err(Error::input_said(
            "within",
            Wording::new(InputSays::TooFarAhead)
                .number("days", within_days)
                .number("max", MAX_WINDOW_DAYS),
        ));
    }
    let until = today
        .checked_add_days(Days::new(within_days.into()))
        .unwrap_or(NaiveDate::MAX);
    // Purchases have no dates to watch and ending contracts (end_date set)
    // are already decided: both are left out in SQL.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT i.id, i.customer_id, c.name, ci.code, ci.name, v.name, {INSTANCE_CONTEXT_COLUMNS},
                i.quantity, i.status, i.terms, i.start_date, i.end_date,
                e.name, l.name, cc.name, w.name, we.name
         FROM instance i
         JOIN customer c ON c.id = i.customer_id
         JOIN catalog_item ci ON ci.id = i.item_id
         LEFT JOIN service_variant v ON v.id = i.variant_id
         LEFT JOIN employee e ON e.id = i.employee_id
         LEFT JOIN location l ON l.id = i.location_id
         LEFT JOIN cloud_container cc ON cc.id = i.cloud_container_id
         LEFT JOIN workplace w ON w.id = i.workplace_id
         LEFT JOIN employee we ON we.id = w.employee_id
         WHERE i.status IN ('ordered', 'provisioning', 'active')
           AND i.offer_type <> 'purchase' AND i.end_date IS NULL"
    ))?;
    let mut rows = stmt.query([])?;
    let mut renewals = Vec::new();
    while let Some(r) = rows.next()? {
        let terms: LineTerms = serde_json::from_str(&r.get::<_, String>(13)?)
            .map_err(|e| Error::Corrupt(format!("instance terms: {e}")))?;
        let start = date_from_text(&r.get::<_, String>(14)?)?;
        let end = r
            .get::<_, Option<String>>(15)?
            .as_deref()
            .map(date_from_text)
            .transpose()?;
        let Some(deadline) = next_deadline(&terms, start, end, today) else {
            continue;
        };
        if deadline.date > until {
            continue;
        }
        let id: i64 = r.get(0)?;
        let item_name: String = r.get(4)?;
        let quantity: i64 = r.get(11)?;
        let context = context_at(r, 6)?;
        renewals.push(Renewal {
            instance_id: id,
            customer_id: r.get(1)?,
            customer_name: r.get(2)?,
            context,
            context_label: context_label(r, context)?,
            item_code: r.get(3)?,
            monthly: monthly_amount(&terms, quantity, || {
                format!("the monthly amount of {item_name} #{id}")
            })?,
            item_name,
            variant: r.get(5)?,
            offer_type: terms.offer_type,
            quantity,
            status: status_from_text(&r.get::<_, String>(12)?)?,
            date: deadline.date,
            kind: deadline.kind,
            term_end: deadline.term_end,
            notice_deadline: deadline.notice_deadline,
            currency: terms.currency,
        });
    }
    renewals.sort_by(|a, b| {
        (a.date, &a.customer_name, a.customer_id, a.instance_id).cmp(&(
            b.date,
            &b.customer_name,
            b.customer_id,
            b.instance_id,
        ))
    });
    Ok(Renewals {
        today,
        until,
        renewals,
    })
}

/// The context's name as the inventory says it (a workplace with its employee),
/// from the names joined in (columns 16 to 20).
fn context_label(r: &Row<'_>, context: ContextRef) -> Result<String> {
    let name = |at: usize| -> Result<String> {
        Ok(r.get::<_, Option<String>>(at)?
            .unwrap_or_else(|| super::refusal::describe_context(context)))
    };
    Ok(match context {
        ContextRef::Employee(_) => name(16)?,
        ContextRef::Location(_) => name(17)?,
        ContextRef::CloudContainer(_) => name(18)?,
        ContextRef::Workplace(_) => format!("{} ({})", name(19)?, {
            r.get::<_, Option<String>>(20)?
                .unwrap_or_else(|| "?".into())
        }),
        ContextRef::Global => "customer-wide".into(),
    })
}
