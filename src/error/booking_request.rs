//! Why a booking request is refused, as data (`Error::InvalidRequest`): the UI
//! words each reason in its language from the `Refusal`; the English sentence
//! (`text`) is what the error's message lists, so nobody has to split a message
//! to get the reasons. Raised by `booking`, which also writes the sentences
//! (`booking/refusal.rs`); defined here below the error.

use serde::Serialize;

use crate::vocabulary::{BookingContext, ContextRef, ItemStatus, OfferType};

/// One reason a booking request cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RequestProblem {
    /// What is wrong.
    pub refusal: Refusal,
    /// How the item at fault came into the plan, when it was not requested itself.
    pub through: Option<Through>,
    /// Which part of a larger request it concerns (an offer's request, an onboarding step).
    pub part: Option<RequestPart>,
    /// The whole reason in English, as the error's message lists it.
    pub text: String,
}

/// How an item the request did not name came into the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "how", rename_all = "snake_case")]
pub enum Through {
    /// A linked item of `item` (by name).
    ComesWith { item: String },
    /// A basic service `item` (by name) requires.
    RequiredBy { item: String },
}

/// The part of a larger request a problem concerns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum RequestPart {
    /// The offer's request `number` (from 1).
    OfferRequest { number: u32 },
    /// The onboarding template's step booking `item` (a code).
    OnboardingStep { template: String, item: String },
}

/// What is wrong with a request. Items are named by name unless a field says code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Refusal {
    NoCustomer {
        customer_id: i64,
    },
    /// The catalog has no item with this code.
    NoItem {
        code: String,
    },
    /// The quantity is not between 1 and `max`.
    Quantity {
        quantity: i64,
        max: i64,
    },
    /// A deprecated or retired item.
    Inactive {
        item: String,
        status: ItemStatus,
    },
    /// A context of another customer (or none at all); `customer` is the requesting one.
    ForeignContext {
        context: ContextRef,
        customer: String,
    },
    /// The selector finds no employee.
    NoEmployee,
    /// The item may not be booked into this kind of context.
    ContextNotAllowed {
        item: String,
        context: BookingContext,
        /// The context's name ("Berlin", "customer-wide").
        context_name: String,
        allowed: Vec<BookingContext>,
    },
    /// An imported product with no contexts of its own that no category rule governs.
    NoContextsYet {
        item: String,
        category: String,
        manufacturer: String,
    },
    /// The item goes into a workplace and the employee has several.
    WhichWorkplace {
        item: String,
        employee: String,
        /// The employee's id, so a window can offer their workplaces to choose from.
        #[serde(default)]
        employee_id: i64,
        workplaces: u32,
    },
    /// Add-ons are ordered for instances, not booked.
    AddOn {
        item: String,
    },
    /// A product is purchased, never sold as `offer_type`.
    ProductPurchasedOnly {
        item: String,
        offer_type: OfferType,
    },
    /// A product has no variants or options to choose.
    ProductHasNoVariants {
        item: String,
    },
    /// An imported product with no price yet.
    Unpriced {
        item: String,
    },
    /// No variant chosen; `variants` are the codes to choose from.
    NeedsVariant {
        item: String,
        variants: Vec<String>,
    },
    NoSuchVariant {
        item: String,
        variant: String,
    },
    NoSuchOptionGroup {
        item: String,
        group: String,
    },
    /// The option group (by name) is not offered with this variant (by name).
    GroupNotOffered {
        item: String,
        variant: String,
        group: String,
    },
    NoSuchChoice {
        group: String,
        choice: String,
    },
    /// A single-choice group with `picked` choices.
    OneChoice {
        group: String,
        picked: u32,
    },
    /// A required option group without a choice.
    NeedsChoice {
        item: String,
        group: String,
    },
    /// The variant (by name) is not sold as `offer_type`.
    OfferTypeNotOffered {
        item: String,
        variant: String,
        offer_type: OfferType,
    },
    /// `item` (a code) is no optional link of `of` (a code).
    NotOptionalLink {
        item: String,
        of: String,
    },
    /// No onboarding template applies to the employee.
    NoTemplate {
        employee: String,
        department: String,
    },
    /// Anything else; `text` says it.
    Other {
        text: String,
    },
}
