//! Changes to what a customer already holds (docs/change-offers.md): an
//! instance is upgraded or downgraded (another variant or options), gets more
//! or fewer units, switches its offer type at the end of its term, is replaced
//! by a successor, renewed at today's prices, cancelled, or — when it is only
//! planned — ordered. A change is planned (nothing written) into a
//! `PlannedChange` that says what it does, when the terms let it take effect
//! and what happens to the items linked to it; `apply` writes it on
//! acceptance, or refuses when the instance changed meanwhile.
//!
//! Every change but a cancellation is made the same way: the instance ends
//! the day its replacement starts, and the replacement is booked through the
//! planner (so it is priced for the customer and brings what the catalog links
//! to it). Linked instances the replacement's item links too move over to it;
//! the others end with the instance.

mod apply;
mod current;

use chrono::NaiveDate;
use rusqlite::Connection;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::lifecycle::{dependants, earliest_end};
use super::plan::{plan_with, BookingPlan, CustomerSnapshot};
use super::request::{BookingRequest, ChosenOption, ContextSelector};
use crate::catalog::active_successors;
use crate::error::{BlockingInstance, InputSays, RefusalSays, Wording};
use crate::vocabulary::{InstanceStatus, OfferType};
use crate::{Error, Result};

pub use apply::{apply_change, apply_changes, AppliedChange};
pub use current::{running_monthly, CurrentInstance, LinkedInstance};

/// What an instance is to become: its item (itself or a successor), variant,
/// options, offer type and units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct ChangeTarget {
    /// The instance's own item, or one of its successors.
    pub item: String,
    #[serde(default)]
    pub variant: Option<String>,
    #[serde(default)]
    pub options: Vec<ChosenOption>,
    pub offer_type: OfferType,
    pub quantity: i64,
}

/// A change an offer proposes to one existing instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(deny_unknown_fields)]
pub struct InstanceChange {
    pub instance_id: i64,
    /// What it becomes; none cancels it.
    #[serde(default)]
    pub to: Option<ChangeTarget>,
    /// Not before this day; none: as early as its terms allow.
    #[serde(default)]
    pub not_before: Option<NaiveDate>,
}

/// What kind of change it is, as the offer names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// A planned instance (the modelled portfolio) ordered at today's prices.
    Order,
    /// The same at today's prices for a new term.
    Renew,
    /// Another variant or options that cost more a month.
    Upgrade,
    /// Another variant or options that cost less a month.
    Downgrade,
    /// Another variant or options at the same monthly price.
    Reconfigure,
    MoreUnits,
    FewerUnits,
    /// Rental, purchase or leasing from the end of the term.
    SwitchOfferType,
    /// Replaced by a successor item.
    Replace,
    Cancel,
    /// A linked item that ends with the instance it came with (its new item
    /// does not link it).
    EndsWith,
}

impl ChangeKind {
    /// Lines of this kind stop costing: their proposed amounts are nothing.
    pub fn ends(self) -> bool {
        matches!(self, ChangeKind::Cancel | ChangeKind::EndsWith)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Order => "order",
            ChangeKind::Renew => "renew",
            ChangeKind::Upgrade => "upgrade",
            ChangeKind::Downgrade => "downgrade",
            ChangeKind::Reconfigure => "reconfigure",
            ChangeKind::MoreUnits => "more_units",
            ChangeKind::FewerUnits => "fewer_units",
            ChangeKind::SwitchOfferType => "switch_offer_type",
            ChangeKind::Replace => "replace",
            ChangeKind::Cancel => "cancel",
            ChangeKind::EndsWith => "ends_with",
        }
    }
}

/// A linked instance that ends with the changed one, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct EndingLink {
    pub instance: LinkedInstance,
    pub end: NaiveDate,
}

/// A change planned against the inventory: nothing is written until `apply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PlannedChange {
    pub change: InstanceChange,
    pub kind: ChangeKind,
    /// The instance as it was when the change was planned; acceptance refuses
    /// when it is no longer so.
    pub instance: CurrentInstance,
    /// The day the change takes effect: the instance ends (a cancellation:
    /// its last day), its replacement starts.
    pub effective: NaiveDate,
    /// The replacement's booking (its first line is the instance's successor
    /// line; linked lines that move over are left out). None for a cancellation.
    pub replacement: Option<BookingPlan>,
    /// Linked instances that move over to the replacement.
    pub moving: Vec<LinkedInstance>,
    /// Linked instances that end with it.
    pub ending: Vec<EndingLink>,
}

impl PlannedChange {
    /// Whether its replacement provisions a basic service (a prerequisite the
    /// inventory does not hold yet): the changes after it must see it.
    pub(crate) fn provisions(&self) -> bool {
        self.replacement.as_ref().is_some_and(|r| {
            r.lines
                .iter()
                .any(|l| matches!(l.reason, super::plan::LineReason::Prerequisite { .. }))
        })
    }
}

/// The statuses a change can start from: running contracts, and planned ones
/// (which are ordered).
fn changeable(status: InstanceStatus) -> bool {
    matches!(
        status,
        InstanceStatus::Planned
            | InstanceStatus::Ordered
            | InstanceStatus::Provisioning
            | InstanceStatus::Active
    )
}

/// Plans a change to one of `customer_id`'s instances as of `today`: checks
/// it, works out its kind and the date the terms allow, plans the replacement
/// and sorts the linked instances into those that move and those that end.
/// Writes nothing.
pub fn plan_change(
    conn: &Connection,
    customer_id: i64,
    change: &InstanceChange,
    today: NaiveDate,
) -> Result<PlannedChange> {
    let snapshot = CustomerSnapshot::read(conn, customer_id)?;
    plan_change_with(conn, &snapshot, customer_id, change, today)
}

/// [`plan_change`] against a snapshot of the customer read in the same store
/// state: an offer's changes share one.
pub(crate) fn plan_change_with(
    conn: &Connection,
    snapshot: &CustomerSnapshot,
    customer_id: i64,
    change: &InstanceChange,
    today: NaiveDate,
) -> Result<PlannedChange> {
    let instance = CurrentInstance::read(conn, change.instance_id)?;
    let field = format!("instance {}", change.instance_id);
    let named = instance.named();
    if instance.customer_id != customer_id {
        return Err(Error::input_said(
            field,
            Wording::new(InputSays::InstanceOfAnotherCustomer).text("instance", &named),
        ));
    }
    if !changeable(instance.status) {
        return Err(Error::input_said(
            field,
            Wording::new(InputSays::NothingLeftToChange)
                .text("instance", &named)
                .instance_status("status", instance.status),
        ));
    }
    if let Some(parent) = &instance.parent {
        return Err(Error::input_said(
            field,
            Wording::new(InputSays::ChangeParentInstead)
                .text("instance", &named)
                .text("parent", parent),
        ));
    }
    let planned = instance.status == InstanceStatus::Planned;
    let Some(target) = &change.to else {
        if planned {
            return Err(Error::input_said(
                field,
                Wording::new(InputSays::OnlyPlannedNoContract).text("instance", &named),
            ));
        }
        refuse_dependants(conn, &instance)?;
        let effective = later(
            earliest_end(&instance.terms, instance.start, today),
            change.not_before,
        );
        let ending = instance
            .links
            .iter()
            .map(|l| EndingLink {
                end: effective.max(earliest_end(&l.terms, l.start, today)),
                instance: l.clone(),
            })
            .collect();
        return Ok(PlannedChange {
            change: change.clone(),
            kind: ChangeKind::Cancel,
            instance,
            effective,
            replacement: None,
            moving: Vec::new(),
            ending,
        });
    };
    let same_item = target.item == instance.item_code;
    if !same_item {
        let successors = active_successors(conn, instance.item_id)?;
        if !successors.iter().any(|s| s.code == target.item) {
            let wording = match successors.len() {
                0 => Wording::new(InputSays::NoActiveSuccessor),
                _ => Wording::new(InputSays::NotASuccessor).text(
                    "successors",
                    successors
                        .iter()
                        .map(|s| format!("{} ({})", s.name, s.code))
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
            };
            return Err(Error::input_said(
                format!("{field}: item"),
                wording
                    .text("target", &target.item)
                    .text("item", &instance.item_name),
            ));
        }
    }
    // A purchase is owned: it has no term to renew or switch at, and more of
    // it is a new booking.
    if !planned && same_item && instance.terms.offer_type == OfferType::Purchase {
        return Err(Error::input_said(
            field,
            Wording::new(InputSays::PurchasedNoContract).text("instance", &named),
        ));
    }
    // Priced once as of today to tell an upgrade from a downgrade, then again
    // from the day it takes effect.
    let first = plan_with(
        conn,
        snapshot,
        &replacement_request(&instance, target, today),
    )?;
    let kind = if planned {
        ChangeKind::Order
    } else {
        kind_of(&instance, target, &first)
    };
    let effective = match kind {
        ChangeKind::Order => later(instance.start.max(today), change.not_before),
        // More at once, while the contract runs on; a leasing runs its term.
        ChangeKind::Upgrade | ChangeKind::MoreUnits
            if instance.terms.offer_type != OfferType::Leasing =>
        {
            later(today, change.not_before)
        }
        _ => later(
            earliest_end(&instance.terms, instance.start, today),
            change.not_before,
        ),
    };
    // The same request from the day it takes effect; planned again only when
    // that is another day (prices may differ then).
    let replacement = if effective == today {
        first
    } else {
        plan_with(
            conn,
            snapshot,
            &replacement_request(&instance, target, effective),
        )?
    };
    let (replacement, moving, ending) = sort_links(&instance, replacement, effective, today, kind);
    Ok(PlannedChange {
        change: change.clone(),
        kind,
        instance,
        effective,
        replacement: Some(replacement),
        moving,
        ending,
    })
}

fn later(date: NaiveDate, not_before: Option<NaiveDate>) -> NaiveDate {
    not_before.map_or(date, |d| d.max(date))
}

/// Refuses to cancel an instance that live instances need as a prerequisite.
fn refuse_dependants(conn: &Connection, instance: &CurrentInstance) -> Result<()> {
    let needing: Vec<BlockingInstance> = dependants(conn, instance.id)?;
    if needing.is_empty() {
        return Ok(());
    }
    let listed = needing
        .iter()
        .map(|d| format!("{} #{}", d.item, d.id))
        .collect::<Vec<_>>()
        .join(", ");
    let says = match needing.len() {
        1 => RefusalSays::OneDependsNoCancelAt,
        _ => RefusalSays::ManyDependNoCancelAt,
    };
    let why = instance
        .wording(says)
        .number("count", needing.len())
        .text("dependants", listed);
    Err(Error::in_use(why, needing))
}

/// The booking of what the instance becomes, in its own context: its linked
/// optional items the target item offers too come along (they move over).
fn replacement_request(
    instance: &CurrentInstance,
    target: &ChangeTarget,
    start: NaiveDate,
) -> BookingRequest {
    BookingRequest {
        customer_id: instance.customer_id,
        item: target.item.clone(),
        variant: target.variant.clone(),
        options: target.options.clone(),
        offer_type: target.offer_type,
        contexts: ContextSelector::Contexts(vec![instance.context]),
        quantity: target.quantity,
        start_date: start,
        include_optional: instance
            .links
            .iter()
            .filter(|l| l.optional)
            .map(|l| l.item_code.clone())
            .collect(),
        // The instance itself is still held until the replacement starts.
        add_anyway: true,
    }
}

/// The kind of a change to a running instance, from what differs.
fn kind_of(instance: &CurrentInstance, target: &ChangeTarget, first: &BookingPlan) -> ChangeKind {
    if target.item != instance.item_code {
        return ChangeKind::Replace;
    }
    if target.offer_type != instance.terms.offer_type {
        return ChangeKind::SwitchOfferType;
    }
    let reconfigured = target.variant != instance.variant_code || {
        let mut a = target.options.clone();
        let mut b = instance.options.clone();
        a.sort();
        b.sort();
        a != b
    };
    if reconfigured {
        let new = first
            .lines
            .first()
            .map_or(Decimal::ZERO, |l| l.terms.monthly_per_unit);
        let now = instance.terms.monthly_per_unit;
        return match new.cmp(&now) {
            std::cmp::Ordering::Greater => ChangeKind::Upgrade,
            std::cmp::Ordering::Less => ChangeKind::Downgrade,
            std::cmp::Ordering::Equal => ChangeKind::Reconfigure,
        };
    }
    match target.quantity.cmp(&instance.quantity) {
        std::cmp::Ordering::Greater => ChangeKind::MoreUnits,
        std::cmp::Ordering::Less => ChangeKind::FewerUnits,
        std::cmp::Ordering::Equal => ChangeKind::Renew,
    }
}

/// Splits the instance's linked instances into those the replacement's plan
/// links too (they move over: their plan lines, and what hangs below them,
/// are left out) and those that end with it. A change of the same item
/// brings no new setup: its replacement line's setup fee is dropped.
fn sort_links(
    instance: &CurrentInstance,
    mut replacement: BookingPlan,
    effective: NaiveDate,
    today: NaiveDate,
    kind: ChangeKind,
) -> (BookingPlan, Vec<LinkedInstance>, Vec<EndingLink>) {
    let mut moving = Vec::new();
    let mut ending = Vec::new();
    let mut dropped: Vec<usize> = Vec::new();
    for link in &instance.links {
        let matching = replacement.lines.iter().enumerate().position(|(at, l)| {
            l.parent == Some(0)
                && !dropped.contains(&at)
                && l.item_code == link.item_code
                && l.quantity == link.quantity
        });
        match matching {
            Some(at) if kind != ChangeKind::Order => {
                dropped.push(at);
                moving.push(link.clone());
            }
            _ => ending.push(EndingLink {
                end: match kind {
                    // A planned link is not a contract: it goes with its parent.
                    ChangeKind::Order => effective,
                    _ => effective.max(earliest_end(&link.terms, link.start, today)),
                },
                instance: link.clone(),
            }),
        }
    }
    // What hangs below a dropped line goes too.
    let mut gone = vec![false; replacement.lines.len()];
    for (at, line) in replacement.lines.iter().enumerate() {
        gone[at] = dropped.contains(&at) || line.parent.is_some_and(|p| gone[p as usize]);
    }
    let mut new_index = Vec::with_capacity(replacement.lines.len());
    let mut next = 0u32;
    for g in &gone {
        new_index.push(next);
        if !g {
            next += 1;
        }
    }
    let lines = std::mem::take(&mut replacement.lines);
    replacement.lines = lines
        .into_iter()
        .enumerate()
        .filter(|(at, _)| !gone[*at])
        .map(|(_, mut line)| {
            line.parent = line.parent.map(|p| new_index[p as usize]);
            for prerequisite in &mut line.prerequisites {
                // A linked line is never a basic service another line needs,
                // so no prerequisite points at a line left out.
                if let super::plan::Prerequisite::Line { line: at, .. } = prerequisite {
                    *at = new_index[*at as usize];
                }
            }
            line
        })
        .collect();
    if !matches!(kind, ChangeKind::Order | ChangeKind::Replace) {
        if let Some(first) = replacement.lines.first_mut() {
            first.terms.setup_fee = Decimal::ZERO;
        }
    }
    (replacement, moving, ending)
}
