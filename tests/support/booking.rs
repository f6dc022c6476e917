//! Booking requests on the demo catalog as the tests and benchmarks make them.
//! A test that varies a detail says so with struct update syntax:
//! `BookingRequest { quantity: 2, ..notebook(customer, contexts, start) }`.

use chrono::NaiveDate;
use servicefolio::booking::{BookingRequest, ChosenOption, ContextSelector};
use servicefolio::vocabulary::{ContextRef, OfferType};

/// One unit of a product (or a service variant given later), bought outright
/// for `contexts`, nothing optional along.
pub fn purchase(
    customer: i64,
    item: &str,
    contexts: ContextSelector,
    start: NaiveDate,
) -> BookingRequest {
    BookingRequest {
        customer_id: customer,
        item: item.into(),
        variant: None,
        options: vec![],
        offer_type: OfferType::Purchase,
        contexts,
        quantity: 1,
        start_date: start,
        include_optional: vec![],
        add_anyway: false,
    }
}

/// One unit of a service variant rented with the options chosen as
/// (group, choice), nothing optional along.
pub fn rental(
    customer: i64,
    service: &str,
    variant: &str,
    options: &[(&str, &str)],
    contexts: ContextSelector,
    start: NaiveDate,
) -> BookingRequest {
    BookingRequest {
        variant: Some(variant.into()),
        options: options
            .iter()
            .map(|(group, choice)| ChosenOption {
                group: (*group).into(),
                choice: (*choice).into(),
            })
            .collect(),
        offer_type: OfferType::Rental,
        ..purchase(customer, service, contexts, start)
    }
}

/// Managed365 Standard with 24x7 support and EDR, rented: the demo's
/// service that needs a Microsoft 365 tenant (a basic service) per customer.
pub fn managed365(customer: i64, contexts: ContextSelector, start: NaiveDate) -> BookingRequest {
    rental(
        customer,
        "SVC-M365",
        "STANDARD",
        &[("SUPPORT", "24X7"), ("SECURITY", "EDR")],
        contexts,
        start,
    )
}

/// The demo's Lenovo ThinkPad T14 (NB-LEN-T14G5), bought: it brings its
/// mandatory device management and offers backup.
pub fn notebook(
    customer: i64,
    contexts: ContextSelector,
    quantity: i64,
    start: NaiveDate,
) -> BookingRequest {
    BookingRequest {
        quantity,
        ..purchase(customer, "NB-LEN-T14G5", contexts, start)
    }
}

/// The one employee `id` as the only booking context.
pub fn for_employee(id: i64) -> ContextSelector {
    ContextSelector::Contexts(vec![ContextRef::Employee(id)])
}
