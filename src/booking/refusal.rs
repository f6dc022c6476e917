//! Why a booking request is refused, in English: the sentence each
//! `Refusal` makes (the error's message lists them) and how a problem is
//! built up. The data (`RequestProblem`, `Refusal`, `Through`, `RequestPart`)
//! is defined below the error, in `error::booking_request`.

use crate::error::{Refusal, RequestPart, RequestProblem, Through};
use crate::vocabulary::ContextRef;

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
            Refusal::WhichWorkplace {
                item,
                employee,
                workplaces,
                ..
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
