//! Issue 13, item 1, "the plan knows the inventory": a customer whose employees
//! already hold Managed365 and notebooks got an offer for the same things, the
//! plan gave no warning, and accepting it ordered every one a second time. Now
//! the plan names what each context holds, and nothing books a second time
//! without the request's explicit `add_anyway`.

mod support;

use chrono::NaiveDate;
use servicefolio::booking::*;
use servicefolio::customer::CustomerRecord;
use servicefolio::offer::*;
use servicefolio::vocabulary::{ContextRef, InstanceStatus};
use servicefolio::{Error, ErrorKind, Store};
use support::booking::for_employee;
use support::customers::NewCustomer;

struct Fixture {
    store: Store,
    customer: i64,
    /// Jana Petersen, Tom Berger.
    employees: Vec<i64>,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Nordwind GmbH, two employees; Jana already has Managed365 Standard and a
/// notebook, active since 1 February 2026.
fn nordwind() -> Fixture {
    let mut store = Store::open_in_memory().unwrap();
    let (customer, employees) = store
        .write(|tx| {
            let c = NewCustomer::from_record(CustomerRecord {
                name: "Nordwind GmbH".into(),
                street: "Deichstraße 1".into(),
                postal_code: "20459".into(),
                city: "Hamburg".into(),
                country: "DE".into(),
                currency: "EUR".into(),
            })
            .location("Hamburg")
            .employees_at("Hamburg", &["Jana Petersen", "Tom Berger"])
            .create(tx)?;
            Ok((c.id, c.employees))
        })
        .unwrap();
    let mut f = Fixture {
        store,
        customer,
        employees,
    };
    let jana = for_employee(f.employees[0]);
    for request in [
        support::booking::managed365(f.customer, jana.clone(), day(2026, 2, 1)),
        support::booking::notebook(f.customer, jana, 1, day(2026, 2, 1)),
    ] {
        let ids = book(&mut f, &request).unwrap();
        // Provisioned and live since February.
        f.store
            .write(|tx| {
                for id in &ids {
                    tx.execute("UPDATE instance SET status = 'active' WHERE id = ?1", [id])?;
                }
                Ok(())
            })
            .unwrap();
    }
    f
}

fn book(f: &mut Fixture, request: &BookingRequest) -> servicefolio::Result<Vec<i64>> {
    let planned = plan(f.store.conn(), request)?;
    f.store.write(|tx| apply(tx, &planned, ApplyAs::Ordered))
}

fn count(f: &Fixture) -> i64 {
    f.store
        .conn()
        .query_row("SELECT COUNT(*) FROM instance", [], |r| r.get(0))
        .unwrap()
}

fn both(f: &Fixture) -> ContextSelector {
    ContextSelector::Contexts(
        f.employees
            .iter()
            .map(|e| ContextRef::Employee(*e))
            .collect(),
    )
}

#[test]
fn booking_managed365_again_is_refused_naming_who_holds_it_and_goes_through_when_acknowledged() {
    let mut f = nordwind();
    let before = count(&f);
    let again = support::booking::managed365(f.customer, both(&f), day(2026, 7, 1));

    // The plan says it on Jana's line, with the instance she holds; Tom's line is clean.
    let planned = plan(f.store.conn(), &again).unwrap();
    let jana = planned
        .lines
        .iter()
        .find(|l| l.context == ContextRef::Employee(f.employees[0]) && l.item_code == "SVC-M365")
        .unwrap();
    assert_eq!(jana.already_held.len(), 1);
    assert_eq!(jana.already_held[0].variant.as_deref(), Some("Standard"));
    assert_eq!(jana.already_held[0].status, InstanceStatus::Active);
    assert_eq!(jana.already_held[0].since, day(2026, 2, 1));
    let tom = planned
        .lines
        .iter()
        .find(|l| l.context == ContextRef::Employee(f.employees[1]) && l.item_code == "SVC-M365")
        .unwrap();
    assert!(tom.already_held.is_empty(), "Tom holds nothing yet");

    // Applying it is refused, naming Jana and what she has; nothing is written.
    let err = book(&mut f, &again).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyHeld);
    assert!(
        err.to_string()
            .contains("Jana Petersen already has Managed365 Standard, active since 2026-02-01"),
        "{err}"
    );
    let Error::AlreadyHeld(held) = &err else {
        panic!("{err}")
    };
    assert_eq!(held.len(), 1, "only Jana's line: {held:?}");
    assert_eq!(count(&f), before, "nothing was booked");

    // Saying "add anyway" books it for both, Jana a second time, as asked.
    let acknowledged = BookingRequest {
        add_anyway: true,
        ..again
    };
    let ids = book(&mut f, &acknowledged).unwrap();
    assert_eq!(ids.len(), 2);
    assert_eq!(count(&f), before + 2);
}

#[test]
fn another_variant_of_the_same_item_counts_and_the_message_says_which_one_is_held() {
    let mut f = nordwind();
    let basic = support::booking::rental(
        f.customer,
        "SVC-M365",
        "BASIC",
        &[("SUPPORT", "8X5")],
        for_employee(f.employees[0]),
        day(2026, 7, 1),
    );
    let err = book(&mut f, &basic).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyHeld);
    // She holds Standard; Basic is what was asked for: the message names hers.
    assert!(
        err.to_string()
            .contains("Jana Petersen already has Managed365 Standard, active since 2026-02-01"),
        "{err}"
    );
}

#[test]
fn an_offer_for_what_the_employees_hold_cannot_be_made_or_accepted_without_add_anyway() {
    let mut f = nordwind();
    let before = count(&f);
    let draft = |requests: Vec<BookingRequest>| OfferDraft {
        customer_id: f.customer,
        requests,
        changes: Vec::new(),
        offer_date: Some(day(2026, 6, 20)),
        valid_until: None,
        notes: String::new(),
    };
    // The offer: Managed365 and notebooks for everyone, Jana included.
    let same_things = vec![
        support::booking::managed365(f.customer, both(&f), day(2026, 7, 1)),
        support::booking::notebook(f.customer, both(&f), 1, day(2026, 7, 1)),
    ];
    let offer_draft = draft(same_things.clone());
    let err = f
        .store
        .write(|tx| create_offer(tx, &offer_draft))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyHeld);
    let text = err.to_string();
    assert!(
        text.contains("Jana Petersen already has Managed365 Standard"),
        "{text}"
    );

    // Acknowledged, the offer is made (Jana gets a second notebook, say).
    let acknowledged: Vec<BookingRequest> = same_things
        .into_iter()
        .map(|r| BookingRequest {
            add_anyway: true,
            ..r
        })
        .collect();
    let offer_draft = draft(acknowledged);
    let made = f.store.write(|tx| create_offer(tx, &offer_draft)).unwrap();
    assert_eq!(count(&f), before, "an offer orders nothing");

    // The inventory changes between offer and accept: an offer for Tom alone,
    // then Tom gets Managed365 some other way. Accepting names him and books nothing.
    let for_tom = vec![support::booking::managed365(
        f.customer,
        for_employee(f.employees[1]),
        day(2026, 7, 1),
    )];
    let offer_draft = draft(for_tom.clone());
    let tom_offer = f.store.write(|tx| create_offer(tx, &offer_draft)).unwrap();
    book(&mut f, &for_tom[0]).unwrap();
    let booked = count(&f);
    for id in [made.id, tom_offer.id] {
        f.store
            .write(|tx| set_offer_status(tx, id, OfferStatus::Sent))
            .unwrap();
    }
    let err = f
        .store
        .write(|tx| set_offer_status(tx, tom_offer.id, OfferStatus::Accepted))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlreadyHeld);
    assert!(
        err.to_string()
            .contains("Tom Berger already has Managed365 Standard, ordered since 2026-07-01"),
        "{err}"
    );
    assert_eq!(count(&f), booked, "nothing was written");
    assert_eq!(
        offer(f.store.conn(), tom_offer.id).unwrap().status,
        OfferStatus::Sent
    );
}
