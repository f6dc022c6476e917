//! Why a booking request is refused, as data: the UI words each reason in its
//! language from the `Refusal`; the English sentence (`text`) is what the
//! error's message lists, so nobody has to split a message to get the reasons.

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

impl RequestProblem {
    pub(crate) fn new(refusal: Refusal) -> RequestProblem {
        let text = refusal.describe();
        RequestProblem {
            refusal,
            through: None,
            part: None,
            text,
        }
    }

    /// A reason only its sentence tells (a price beyond the bound, a damaged catalog).
    pub(crate) fn other(text: impl Into<String>) -> RequestProblem {
        RequestProblem::new(Refusal::Other { text: text.into() })
    }

    /// The problem of an item that came into the plan `through` another.
    pub(crate) fn through(mut self, through: Through) -> RequestProblem {
        self.text = match &through {
            Through::ComesWith { item } => format!("{} (it comes with {item})", self.text),
            Through::RequiredBy { item } => format!("{} (required by {item})", self.text),
        };
        self.through = Some(through);
        self
    }

    /// The problem within `part` of a larger request.
    pub(crate) fn within(mut self, part: RequestPart) -> RequestProblem {
        self.text = match &part {
            RequestPart::OfferRequest { number } => format!("request {number}: {}", self.text),
            RequestPart::OnboardingStep { template, item } => {
                format!("{template} / {item}: {}", self.text)
            }
        };
        self.part = Some(part);
        self
    }
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
    /// The item goes into a workplace and the employee has none.
    NoWorkplace {
        item: String,
        employee: String,
    },
    /// The item goes into a workplace and the employee has several.
    WhichWorkplace {
        item: String,
        employee: String,
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

impl Refusal {
    /// The reason in English.
    pub fn describe(&self) -> String {
        match self {
            Refusal::NoCustomer { customer_id } => format!("there is no customer {customer_id}"),
            Refusal::NoItem { code } => format!("the catalog has no item {code:?}"),
            Refusal::Quantity { quantity, .. } => format!(
                "the quantity {}",
                crate::money::quantity_problem(*quantity).unwrap_or_default()
            ),
            Refusal::Inactive { item, status } => {
                format!("{item} is {}: it takes no new bookings", status.as_str())
            }
            Refusal::ForeignContext { context, customer } => {
                format!("{} does not belong to {customer}", describe_context(*context))
            }
            Refusal::NoEmployee => {
                "the request names no context: the selector finds no employee".into()
            }
            Refusal::ContextNotAllowed {
                item,
                context,
                context_name,
                allowed,
            } => {
                let names: Vec<&str> = allowed.iter().map(|k| k.as_str()).collect();
                format!(
                    "{item} cannot be booked into {} {context_name} (it allows: {})",
                    context.as_str().replace('_', " "),
                    if names.is_empty() {
                        "nothing".into()
                    } else {
                        names.join(", ")
                    }
                )
            }
            Refusal::NoContextsYet {
                item,
                category,
                manufacturer,
            } => format!(
                "{item} cannot be booked yet: it has no booking contexts of its own and no category \
                 rule matches it (category {category:?}, manufacturer {manufacturer:?}); add a \
                 category rule for it, or give it contexts in the designer"
            ),
            Refusal::NoWorkplace { item, employee } => format!(
                "{item} is booked into a workplace, and {employee} has none: book a workplace first"
            ),
            Refusal::WhichWorkplace {
                item,
                employee,
                workplaces,
            } => format!("{employee} has {workplaces} workplaces: name the one {item} goes into"),
            Refusal::AddOn { item } => format!(
                "{item} is an add-on: it is ordered for an existing instance, not booked"
            ),
            Refusal::ProductPurchasedOnly { item, offer_type } => format!(
                "{item} is a product: it is purchased, not sold as {}",
                offer_type.as_str()
            ),
            Refusal::ProductHasNoVariants { item } => {
                format!("{item} is a product: it has no variants or options")
            }
            Refusal::Unpriced { item } => format!(
                "{item} has no price yet: it can be booked or offered once an import or the \
                 designer gives it one"
            ),
            Refusal::NeedsVariant { item, variants } => {
                format!("{item} needs a variant ({})", variants.join(", "))
            }
            Refusal::NoSuchVariant { item, variant } => {
                format!("{item} has no variant {variant:?}")
            }
            Refusal::NoSuchOptionGroup { item, group } => {
                format!("{item} has no option group {group:?}")
            }
            Refusal::GroupNotOffered {
                item,
                variant,
                group,
            } => format!("the option group {group} is not offered with {item} {variant}"),
            Refusal::NoSuchChoice { group, choice } => format!("{group} has no choice {choice:?}"),
            Refusal::OneChoice { group, picked } => {
                format!("{group}: pick one choice, not {picked}")
            }
            Refusal::NeedsChoice { item, group } => format!("{item}: {group} needs a choice"),
            Refusal::OfferTypeNotOffered {
                item,
                variant,
                offer_type,
            } => format!(
                "{item} {variant} is not offered as {}",
                offer_type.as_str()
            ),
            Refusal::NotOptionalLink { item, of } => {
                format!("{item} is not offered as an optional link of {of}")
            }
            Refusal::NoTemplate {
                employee,
                department,
            } => format!(
                "no onboarding template applies to {employee} (department {department:?})"
            ),
            Refusal::Other { text } => text.clone(),
        }
    }
}

/// A context by kind and id, for contexts that have no name here.
pub(crate) fn describe_context(context: ContextRef) -> String {
    match context {
        ContextRef::Employee(id) => format!("employee {id}"),
        ContextRef::Location(id) => format!("location {id}"),
        ContextRef::CloudContainer(id) => format!("cloud container {id}"),
        ContextRef::Workplace(id) => format!("workplace {id}"),
        ContextRef::Global => "the customer".into(),
    }
}
