//! The life of an instance: planned → ordered → provisioning → active →
//! cancelled → retired. Every transition is checked, cascades to linked
//! instances, and is logged with a timestamp.

use chrono::{Months, NaiveDate, Utc};
use rusqlite::Transaction;
use serde::Serialize;

use super::store::{self, instance_state};
use crate::contract::LineTerms;
use crate::error::{BlockingInstance, InputProblem, RefusalSays, Wording};
use crate::vocabulary::{InstanceStatus, OfferType};
use crate::{Error, Result};

/// The dates of a contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ContractDates {
    pub start: NaiveDate,
    /// Start plus the minimum term (rental) or the leasing term.
    pub minimum_term_end: Option<NaiveDate>,
    /// The last day notice can be given to end at the minimum term.
    pub notice_deadline: Option<NaiveDate>,
    /// The next renewal after `today` for a running rental that renews.
    pub next_renewal: Option<NaiveDate>,
    /// When it ends, once cancelled or retired.
    pub end: Option<NaiveDate>,
}

fn add_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(date)
}

fn sub_months(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months)).unwrap_or(date)
}

/// The contract dates as seen on `today`.
pub fn contract_dates(
    terms: &LineTerms,
    start: NaiveDate,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> ContractDates {
    let minimum_term_end = match terms.offer_type {
        OfferType::Purchase => None,
        OfferType::Rental | OfferType::Leasing => {
            Some(add_months(start, terms.minimum_term_months))
        }
    };
    let notice_deadline = minimum_term_end.map(|e| sub_months(e, terms.notice_period_months));
    let next_renewal = match (terms.offer_type, minimum_term_end, end) {
        (OfferType::Rental, Some(min_end), None) if terms.renewal_period_months > 0 => {
            let mut renewal = min_end;
            while renewal <= today {
                renewal = add_months(renewal, terms.renewal_period_months);
            }
            Some(renewal)
        }
        _ => None,
    };
    ContractDates {
        start,
        minimum_term_end,
        notice_deadline,
        next_renewal,
        end,
    }
}

/// The earliest end of a contract cancelled on `on`, respecting the notice period:
/// the end of the minimum term if notice is given in time, otherwise the first
/// renewal date far enough away; a leasing runs its whole term; a purchase ends at once.
pub fn earliest_end(terms: &LineTerms, start: NaiveDate, on: NaiveDate) -> NaiveDate {
    match terms.offer_type {
        OfferType::Purchase => on,
        OfferType::Leasing => add_months(start, terms.minimum_term_months).max(on),
        OfferType::Rental => {
            let notice = terms.notice_period_months;
            let mut end = add_months(start, terms.minimum_term_months);
            if terms.renewal_period_months == 0 {
                // No auto-renewal: after the minimum term it ends with the notice period.
                return end.max(add_months(on, notice));
            }
            while sub_months(end, notice) < on {
                end = add_months(end, terms.renewal_period_months);
            }
            end
        }
    }
}

/// Which date of a contract is coming up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// The last day notice can be given to end a rental at `term_end`.
    NoticeDeadline,
    /// The end of a rental's term: it ends then (no auto-renewal) or renews.
    TermEnd,
    /// The end of a leasing's term (a leasing takes no notice: it runs its term).
    LeaseEnd,
}

/// The next date of a contract on or after a day, and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct Deadline {
    pub date: NaiveDate,
    pub kind: DeadlineKind,
    /// The end of the term the date belongs to (what notice by a notice deadline ends it at).
    pub term_end: NaiveDate,
    /// The next day notice can still be given by, when there is one (rentals).
    pub notice_deadline: Option<NaiveDate>,
}

/// The next deadline of a running contract on or after `today`: for a rental,
/// whichever comes first of the next notice deadline (the one `earliest_end`
/// respects: notice on that day ends it at `term_end`) and the end of the
/// current term (renewing ones run term after term, so a deadline already
/// passed gives way to the next); for a leasing, the end of its term. None for
/// a purchase, for a contract whose dates are all past (a rental without
/// auto-renewal after its minimum term), and for one already ending (`end`).
pub fn next_deadline(
    terms: &LineTerms,
    start: NaiveDate,
    end: Option<NaiveDate>,
    today: NaiveDate,
) -> Option<Deadline> {
    if end.is_some() {
        return None;
    }
    let minimum_term_end = add_months(start, terms.minimum_term_months);
    match terms.offer_type {
        OfferType::Purchase => None,
        OfferType::Leasing => (minimum_term_end >= today).then_some(Deadline {
            date: minimum_term_end,
            kind: DeadlineKind::LeaseEnd,
            term_end: minimum_term_end,
            notice_deadline: None,
        }),
        OfferType::Rental if terms.renewal_period_months == 0 => {
            if minimum_term_end < today {
                return None;
            }
            let notice = sub_months(minimum_term_end, terms.notice_period_months);
            let in_time = (notice >= today).then_some(notice);
            Some(Deadline {
                date: in_time.unwrap_or(minimum_term_end),
                kind: match in_time {
                    Some(_) => DeadlineKind::NoticeDeadline,
                    None => DeadlineKind::TermEnd,
                },
                term_end: minimum_term_end,
                notice_deadline: in_time,
            })
        }
        OfferType::Rental => {
            let mut current_end = minimum_term_end;
            while current_end < today {
                current_end = add_months(current_end, terms.renewal_period_months);
            }
            // Notice given today ends it at `earliest_end`; the deadline for that
            // is the next one still open.
            let ends_at = earliest_end(terms, start, today);
            let notice = sub_months(ends_at, terms.notice_period_months);
            Some(if notice <= current_end {
                Deadline {
                    date: notice,
                    kind: DeadlineKind::NoticeDeadline,
                    term_end: ends_at,
                    notice_deadline: Some(notice),
                }
            } else {
                Deadline {
                    date: current_end,
                    kind: DeadlineKind::TermEnd,
                    term_end: current_end,
                    notice_deadline: Some(notice),
                }
            })
        }
    }
}

/// What a transition changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct TransitionOutcome {
    /// Every instance that moved: the one asked for first, then its linked ones.
    pub moved: Vec<i64>,
    /// The end date set by a cancellation.
    pub end_date: Option<NaiveDate>,
}

/// Moves an instance (and the instances linked to it) to `to` on the date `on`.
pub fn transition(
    tx: &Transaction<'_>,
    id: i64,
    to: InstanceStatus,
    on: NaiveDate,
    note: &str,
) -> Result<TransitionOutcome> {
    let row = instance_state(tx, id)?;
    if !row.status.may_become(to) {
        return Err(Error::input_problem(
            "status",
            InputProblem::CannotBecome {
                item: row.item_name.clone(),
                from: row.status,
                to,
            },
        ));
    }
    // The dependants come first: whatever else stands in the way (a contract to
    // cancel, an end to wait for), they must be dealt with before, so the answer
    // lists them rather than only the next step.
    let must_cancel_first = to == InstanceStatus::Retired
        && row.status == InstanceStatus::Active
        && row.terms.offer_type != OfferType::Purchase;
    if matches!(to, InstanceStatus::Retired | InstanceStatus::Cancelled) {
        let dependants = dependants(tx, id)?;
        if !dependants.is_empty() {
            let listed = dependants
                .iter()
                .map(|d| format!("{} #{}", d.item, d.id))
                .collect::<Vec<_>>()
                .join(", ");
            let one = dependants.len() == 1;
            let says = match (to == InstanceStatus::Retired, must_cancel_first, one) {
                (false, _, true) => RefusalSays::OneDependsNoCancel,
                (false, _, false) => RefusalSays::ManyDependNoCancel,
                (true, false, true) => RefusalSays::OneDependsNoRetire,
                (true, false, false) => RefusalSays::ManyDependNoRetire,
                (true, true, true) => RefusalSays::OneDependsNoRetireCancelFirst,
                (true, true, false) => RefusalSays::ManyDependNoRetireCancelFirst,
            };
            let mut why = Wording::new(says)
                .text("item", &row.item_name)
                .number("count", dependants.len())
                .text("dependants", listed);
            if must_cancel_first {
                why = why.offer_type("offer_type", row.terms.offer_type);
            }
            return Err(Error::in_use(why, dependants));
        }
    }
    if must_cancel_first {
        return Err(Error::input_problem(
            "status",
            InputProblem::CancelFirst {
                item: row.item_name.clone(),
                offer_type: row.terms.offer_type,
            },
        ));
    }
    if to == InstanceStatus::Retired && row.status == InstanceStatus::Cancelled {
        if let Some(end) = row.end.filter(|end| *end > on) {
            return Err(Error::input_problem(
                "status",
                InputProblem::RunsUntil {
                    item: row.item_name.clone(),
                    end,
                },
            ));
        }
    }
    let end_date = match to {
        InstanceStatus::Cancelled => Some(earliest_end(&row.terms, row.start, on)),
        InstanceStatus::Retired => Some(row.end.unwrap_or(on)),
        _ => None,
    };
    let mut moved = vec![id];
    write_transition(tx, id, row.status, to, end_date, note)?;
    // Linked instances follow their parent (those already past `to` stay).
    let mut queue = children(tx, id)?;
    while let Some(child) = queue.pop() {
        let child_row = instance_state(tx, child)?;
        if child_row.status.may_become(to) {
            let child_end = match to {
                InstanceStatus::Cancelled => Some(
                    earliest_end(&child_row.terms, child_row.start, on).max(end_date.unwrap_or(on)),
                ),
                InstanceStatus::Retired => Some(child_row.end.unwrap_or(on)),
                _ => None,
            };
            write_transition(
                tx,
                child,
                child_row.status,
                to,
                child_end,
                &format!("follows {}", row.item_name),
            )?;
            moved.push(child);
        }
        queue.extend(children(tx, child)?);
    }
    Ok(TransitionOutcome { moved, end_date })
}

fn write_transition(
    tx: &Transaction<'_>,
    id: i64,
    from: InstanceStatus,
    to: InstanceStatus,
    end: Option<NaiveDate>,
    note: &str,
) -> Result<()> {
    let now = Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    store::set_instance_status(tx, id, from, to, end, &now, note)?;
    Ok(())
}

fn children(tx: &Transaction<'_>, id: i64) -> Result<Vec<i64>> {
    Ok(store::children(tx, id)?)
}

/// Live instances (not cancelled or retired) that need this one as a prerequisite.
pub(super) fn dependants(conn: &rusqlite::Connection, id: i64) -> Result<Vec<BlockingInstance>> {
    BlockingInstance::query(
        conn,
        "SELECT i.id, ci.name, i.status, i.customer_id, i.context, i.employee_id, i.location_id,
                i.cloud_container_id, i.workplace_id
         FROM instance_prerequisite p
         JOIN instance i ON i.id = p.instance_id JOIN catalog_item ci ON ci.id = i.item_id
         WHERE p.prerequisite_id = ?1 AND i.status IN ('planned', 'ordered', 'provisioning', 'active')
         ORDER BY i.id",
        id,
    )
}
