//! The offer record: the types of an offer version (its customer, groups and
//! frozen lines, status, approval and history) and of the list of offers. Only
//! types live here, so the store that maps their rows and every job of the room
//! (reading, creating, editing, approving, moving along its status) stand on
//! them without standing on each other.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::booking::{BookingRequest, ChangeKind, ChosenOption, InstanceChange, LineReason};
use crate::contract::LineTerms;
use crate::error::{InputSays, RuleBreach, Wording};
use crate::pricing::{LineAmounts, OfferCalculation, UnitCost};
pub use crate::vocabulary::OfferStatus;
use crate::vocabulary::{ContextRef, OfferType};
use crate::{Error, Result};

/// One frozen line of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferLineView {
    /// 1-based, in document order.
    pub position: u32,
    pub context: ContextRef,
    pub item_code: String,
    /// "Managed365 Standard (Security: EDR)".
    pub description: String,
    pub variant: Option<String>,
    pub options: Vec<ChosenOption>,
    pub quantity: i64,
    pub offer_type: OfferType,
    pub terms: LineTerms,
    /// Internal; never in customer documents.
    pub unit_cost: Option<UnitCost>,
    pub amounts: LineAmounts,
    /// Why the line is there ("required by Managed365 (customer-wide)"), in
    /// English, for logs and the CLI.
    pub explanation: String,
    /// Why the line is there, as data (the UI says it in its language); none
    /// for a change line and for a line whose explanation no plan wrote.
    pub reason: Option<LineReason>,
    /// Internal: the per-unit amount at the catalog's price, before the
    /// customer's price list (what a discount is measured against); none for
    /// lines frozen before it was kept.
    pub list_unit_amount: Option<rust_decimal::Decimal>,
    /// The existing instance the line changes (its current amounts, the kind
    /// of change and when it takes effect); none for a new booking.
    pub changed: Option<ChangedInstance>,
}

/// What a change line changes: the instance as it is and when the change
/// takes effect. The line's own amounts are the proposed ones (nothing for a
/// cancellation or a link that ends with it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ChangedInstance {
    pub instance_id: i64,
    pub kind: ChangeKind,
    /// What it is now: "Managed365 Basic", its units and offer type.
    pub item: String,
    pub quantity: i64,
    pub offer_type: OfferType,
    /// What it costs now, as its terms say: once (when it was booked) and a month.
    pub current_one_time: Decimal,
    pub current_monthly: Decimal,
    /// The day the change takes effect (a cancellation: the last day).
    pub effective: NaiveDate,
    /// For a cancellation of a rental: the last day notice could be given to end it
    /// then (shown beside the end).
    pub notice_by: Option<NaiveDate>,
    /// The linked items that move over to what takes its place.
    pub moves: Vec<String>,
}

/// The customer's monthly amount before and after the offer (net): what the
/// running contracts cost a month when the offer was made, what they will
/// cost with every change and new booking of the offer, and the difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MonthlyChange {
    pub current: Decimal,
    pub new: Decimal,
    pub difference: Decimal,
}

/// The lines of one booking context.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferGroup {
    pub context: ContextRef,
    pub label: String,
    pub lines: Vec<OfferLineView>,
}

impl OfferGroup {
    /// The group's name as a document in `locale` prints it: the stored
    /// label names the employee, location, …; the customer-wide group is
    /// named in the document's language.
    pub fn label_in(&self, locale: crate::locale::Locale) -> String {
        if self.label.is_empty() || self.context == ContextRef::Global {
            locale.labels().customer_wide.to_owned()
        } else {
            self.label.clone()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferCustomer {
    pub id: i64,
    pub name: String,
    pub street: String,
    pub postal_code: String,
    pub city: String,
    pub country: String,
}

/// An offer version with its groups, lines and calculation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Offer {
    pub id: i64,
    pub number: String,
    pub version: u32,
    pub status: OfferStatus,
    pub customer: OfferCustomer,
    pub currency: String,
    pub offer_date: NaiveDate,
    pub valid_until: NaiveDate,
    pub notes: String,
    /// The version this one was copied from.
    pub previous_id: Option<i64>,
    /// In document order.
    pub groups: Vec<OfferGroup>,
    /// Totals (customer-facing) and the internal margin (the app only).
    pub calculation: OfferCalculation,
    /// What acceptance applies, in order: the new bookings, then the changes.
    pub requests: Vec<BookingRequest>,
    pub changes: Vec<InstanceChange>,
    /// The customer's monthly amount now, with this offer, and the difference;
    /// none for offers made before change offers.
    pub monthly_change: Option<MonthlyChange>,
    /// The approval rules it breaks (as the settings hold them now) and who
    /// approved it. Internal.
    pub approval: OfferApproval,
    /// What happened to the offer, all its versions, oldest first.
    pub history: Vec<OfferEvent>,
}

impl Offer {
    pub fn lines(&self) -> impl Iterator<Item = &OfferLineView> {
        self.groups.iter().flat_map(|g| g.lines.iter())
    }

    /// "ANG-2026-0001 v2".
    pub fn title(&self) -> String {
        format!("{} v{}", self.number, self.version)
    }
}

/// Read from text (an argument, a stored row); the type is the vocabulary's.
impl OfferStatus {
    pub fn parse(text: &str) -> Result<OfferStatus> {
        Ok(match text {
            "draft" => OfferStatus::Draft,
            "sent" => OfferStatus::Sent,
            "accepted" => OfferStatus::Accepted,
            "rejected" => OfferStatus::Rejected,
            "expired" => OfferStatus::Expired,
            other => {
                return Err(Error::input_said(
                    "status",
                    Wording::new(InputSays::NotOfferStatus).text("value", other),
                ))
            }
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OfferEventKind {
    Created,
    /// This version was copied from the one before.
    NewVersion,
    /// Notes, validity or the order of groups changed.
    Changed,
    /// The requests were planned again: new lines (an approval is void).
    Replanned,
    Approved,
    Sent,
    Accepted,
    Rejected,
    Expired,
}

impl OfferEventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OfferEventKind::Created => "created",
            OfferEventKind::NewVersion => "new_version",
            OfferEventKind::Changed => "changed",
            OfferEventKind::Replanned => "replanned",
            OfferEventKind::Approved => "approved",
            OfferEventKind::Sent => "sent",
            OfferEventKind::Accepted => "accepted",
            OfferEventKind::Rejected => "rejected",
            OfferEventKind::Expired => "expired",
        }
    }

    pub(super) fn parse(text: &str) -> Option<OfferEventKind> {
        [
            OfferEventKind::Created,
            OfferEventKind::NewVersion,
            OfferEventKind::Changed,
            OfferEventKind::Replanned,
            OfferEventKind::Approved,
            OfferEventKind::Sent,
            OfferEventKind::Accepted,
            OfferEventKind::Rejected,
            OfferEventKind::Expired,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }

    /// The event of reaching a status.
    pub(super) fn of_status(status: OfferStatus) -> OfferEventKind {
        match status {
            OfferStatus::Draft => OfferEventKind::Changed,
            OfferStatus::Sent => OfferEventKind::Sent,
            OfferStatus::Accepted => OfferEventKind::Accepted,
            OfferStatus::Rejected => OfferEventKind::Rejected,
            OfferStatus::Expired => OfferEventKind::Expired,
        }
    }
}

/// One event of an offer's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferEvent {
    /// The version it happened to, by id and number.
    pub offer_id: i64,
    pub version: u32,
    pub kind: OfferEventKind,
    /// Who, where known (the approver).
    pub by: Option<String>,
    /// When, as RFC 3339 in UTC.
    pub at: String,
}

/// Who approved a version, and when (RFC 3339, UTC).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Approval {
    pub by: String,
    pub at: String,
}

/// An offer checked against the approval rules as the settings hold them now.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferApproval {
    /// The rules the offer breaks, in the order discount, margin, contract value.
    pub breaches: Vec<RuleBreach>,
    pub approved: Option<Approval>,
    /// Breaks a rule and is not approved: a draft cannot be sent.
    pub required: bool,
    /// Lines the margin rule leaves out: their cost is unknown.
    pub lines_without_cost: u32,
    /// Lines the discount rule leaves out: frozen before list prices were kept.
    pub lines_without_list_price: u32,
}

/// A line as it is frozen into an offer.
pub(super) struct BuiltLine {
    pub(super) context: ContextRef,
    pub(super) context_label: String,
    pub(super) item_code: String,
    pub(super) description: String,
    pub(super) variant: Option<String>,
    pub(super) options: Vec<ChosenOption>,
    pub(super) quantity: i64,
    pub(super) terms: LineTerms,
    pub(super) unit_cost: Option<UnitCost>,
    pub(super) amounts: LineAmounts,
    pub(super) explanation: String,
    pub(super) reason: Option<LineReason>,
    /// The per-unit amount at the catalog's price (before the customer's price
    /// list): what a discount below list is measured against.
    pub(super) list_unit_amount: Option<Decimal>,
    pub(super) changed: Option<ChangedInstance>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OfferSummary {
    pub id: i64,
    pub number: String,
    pub version: u32,
    pub status: OfferStatus,
    pub customer_id: i64,
    pub customer_name: String,
    pub offer_date: NaiveDate,
    pub valid_until: NaiveDate,
    pub currency: String,
    pub line_count: u32,
}
