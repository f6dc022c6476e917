//! Contract dates, lifecycle transitions and cost roll-ups, worked out by hand.

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::contract::LineTerms;
use servicefolio::customer::*;
use servicefolio::vocabulary::{InstanceStatus, OfferType};
use servicefolio::{ErrorKind, Store};
use std::str::FromStr;
use support::booking::for_employee;
use support::customers;
use support::terms::rental;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[test]
fn cancelling_respects_the_notice_period() {
    let start = day(2027, 1, 1);
    let terms = rental(12, 3, 12);
    // Notice by 1 October 2027 ends the contract with its minimum term.
    assert_eq!(
        earliest_end(&terms, start, day(2027, 9, 30)),
        day(2028, 1, 1)
    );
    assert_eq!(
        earliest_end(&terms, start, day(2027, 10, 1)),
        day(2028, 1, 1)
    );
    // A day late: it renews for twelve months.
    assert_eq!(
        earliest_end(&terms, start, day(2027, 10, 2)),
        day(2029, 1, 1)
    );
    // Without auto-renewal it runs on until the notice period has passed.
    assert_eq!(
        earliest_end(&rental(12, 1, 0), start, day(2028, 3, 15)),
        day(2028, 4, 15)
    );
    assert_eq!(
        earliest_end(&rental(12, 1, 0), start, day(2027, 3, 15)),
        day(2028, 1, 1)
    );
    let leasing = LineTerms {
        offer_type: OfferType::Leasing,
        minimum_term_months: 36,
        ..rental(0, 0, 0)
    };
    assert_eq!(
        earliest_end(&leasing, start, day(2027, 6, 1)),
        day(2030, 1, 1),
        "a leasing runs its term"
    );
    let purchase = LineTerms {
        offer_type: OfferType::Purchase,
        ..rental(0, 0, 0)
    };
    assert_eq!(
        earliest_end(&purchase, start, day(2027, 6, 1)),
        day(2027, 6, 1)
    );
}

#[test]
fn contract_dates_show_the_deadline_and_the_next_renewal() {
    let dates = contract_dates(&rental(12, 3, 12), day(2027, 1, 31), None, day(2028, 2, 1));
    assert_eq!(dates.minimum_term_end, Some(day(2028, 1, 31)));
    assert_eq!(dates.notice_deadline, Some(day(2027, 10, 31)));
    assert_eq!(dates.next_renewal, Some(day(2029, 1, 31)));
    assert_eq!(dates.end, None);
}

#[test]
fn amounts_are_rounded_to_cents_half_away_from_zero() {
    assert_eq!(to_cents(dec("51.625")), dec("51.63"));
    assert_eq!(to_cents(dec("-51.625")), dec("-51.63"));
    assert_eq!(to_cents(dec("51.624999")), dec("51.62"));
    assert_eq!(to_cents(Decimal::ZERO).to_string(), "0.00");
    assert_eq!(to_cents(dec("12.9")).to_string(), "12.90");
}

struct World {
    store: Store,
    customer: i64,
    anna: i64,
}

/// ACME GmbH with one employee, Anna Schmidt, on the demo catalog.
fn world() -> World {
    let mut store = Store::open_in_memory().unwrap();
    let acme = customers::acme_gmbh()
        .employee("Anna Schmidt")
        .create_in(&mut store);
    World {
        store,
        customer: acme.id,
        anna: acme.employees[0],
    }
}

fn book(w: &mut World, request: BookingRequest, status: ApplyAs) -> Vec<i64> {
    let planned = plan(w.store.conn(), &request).unwrap();
    w.store.write(|tx| apply(tx, &planned, status)).unwrap()
}

fn notebook(w: &World, quantity: i64) -> BookingRequest {
    support::booking::notebook(w.customer, for_employee(w.anna), quantity, day(2027, 1, 1))
}

fn managed365(w: &World) -> BookingRequest {
    support::booking::managed365(w.customer, for_employee(w.anna), day(2027, 1, 1))
}

fn status(w: &World, id: i64) -> String {
    w.store
        .conn()
        .query_row("SELECT status FROM instance WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn linked_instances_follow_their_parent_through_the_lifecycle() {
    let mut w = world();
    let ids = {
        let request = notebook(&w, 2);
        book(&mut w, request, ApplyAs::Ordered)
    };
    let (laptop, mdm) = (ids[0], ids[1]);
    let today = day(2027, 1, 5);
    for next in [InstanceStatus::Provisioning, InstanceStatus::Active] {
        let moved = w
            .store
            .write(|tx| transition(tx, laptop, next, today, ""))
            .unwrap();
        assert_eq!(moved.moved, [laptop, mdm]);
    }
    assert_eq!(status(&w, mdm), "active");

    let error = w
        .store
        .write(|tx| transition(tx, laptop, InstanceStatus::Planned, today, ""))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "status: Lenovo ThinkPad T14 Gen 5 is active; it cannot become planned"
    );

    // The purchased notebook can be retired at once; its device management goes with it.
    let retired = w
        .store
        .write(|tx| {
            transition(
                tx,
                laptop,
                InstanceStatus::Retired,
                day(2028, 6, 1),
                "returned",
            )
        })
        .unwrap();
    assert_eq!(retired.moved, [laptop, mdm]);
    assert_eq!(
        (status(&w, laptop), status(&w, mdm)),
        ("retired".into(), "retired".into())
    );
    let logged: i64 = w
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM instance_transition WHERE instance_id = ?1",
            [mdm],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(logged, 4, "ordered, provisioning, active, retired");
}

#[test]
fn a_rental_is_cancelled_to_its_earliest_end_and_retired_from_then_on() {
    let mut w = world();
    let ids = {
        let request = managed365(&w);
        book(&mut w, request, ApplyAs::Ordered)
    };
    let m365 = ids[0];
    w.store
        .write(|tx| transition(tx, m365, InstanceStatus::Provisioning, day(2027, 1, 2), ""))
        .unwrap();
    w.store
        .write(|tx| transition(tx, m365, InstanceStatus::Active, day(2027, 1, 3), ""))
        .unwrap();
    let error = w
        .store
        .write(|tx| transition(tx, m365, InstanceStatus::Retired, day(2027, 5, 1), ""))
        .unwrap_err();
    assert!(error.to_string().contains("cancel it first"), "{error}");
    let cancelled = w
        .store
        .write(|tx| {
            transition(
                tx,
                m365,
                InstanceStatus::Cancelled,
                day(2027, 5, 1),
                "customer request",
            )
        })
        .unwrap();
    assert_eq!(cancelled.end_date, Some(day(2028, 1, 1)));
    let error = w
        .store
        .write(|tx| transition(tx, m365, InstanceStatus::Retired, day(2027, 12, 31), ""))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "status: Managed365 runs until 2028-01-01: it can be retired from then on"
    );
    w.store
        .write(|tx| transition(tx, m365, InstanceStatus::Retired, day(2028, 1, 1), ""))
        .unwrap();
}

#[test]
fn a_basic_service_is_not_retired_while_instances_depend_on_it() {
    let mut w = world();
    let ids = {
        let request = managed365(&w);
        book(&mut w, request, ApplyAs::Ordered)
    };
    let (m365, tenant) = (ids[0], ids[1]);
    let error = w
        .store
        .write(|tx| transition(tx, tenant, InstanceStatus::Cancelled, day(2027, 2, 1), ""))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InUse);
    assert_eq!(
        error.to_string(),
        format!("Microsoft 365 tenant cannot be cancelled: 1 instance depends on it: Managed365 #{m365}")
    );
    assert_eq!(status(&w, tenant), "ordered", "nothing changed");
}

/// Blocked by dependants, `tenant` names them as data and in words.
fn refused_for_dependants(w: &mut World, tenant: i64, to: InstanceStatus) -> servicefolio::Error {
    let error = w
        .store
        .write(|tx| transition(tx, tenant, to, day(2027, 6, 1), ""))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InUse, "{error}");
    error
}

#[test]
fn an_active_rental_basic_service_lists_its_dependants_whichever_way_it_is_ended() {
    // The tenant is a rental: retiring it while active also needs a cancel first.
    // That rule used to answer alone ("cancel it first"), hiding that Managed365
    // depends on it; the dependants must be named whether it is retired or cancelled.
    let mut w = world();
    let ids = {
        let request = managed365(&w);
        book(&mut w, request, ApplyAs::Ordered)
    };
    let (m365, tenant) = (ids[0], ids[1]);
    for next in [InstanceStatus::Provisioning, InstanceStatus::Active] {
        w.store
            .write(|tx| transition(tx, tenant, next, day(2027, 1, 2), ""))
            .unwrap();
    }

    let retire = refused_for_dependants(&mut w, tenant, InstanceStatus::Retired);
    assert_eq!(
        retire.to_string(),
        format!(
            "Microsoft 365 tenant cannot be retired: 1 instance depends on it: Managed365 #{m365}; \
             then, as it runs on a rental contract, cancel it before retiring it"
        )
    );
    let Some(servicefolio::ErrorDetails::InUse { instances, .. }) = retire.details() else {
        panic!("no instances in the refusal: {retire}")
    };
    assert_eq!(instances.iter().map(|i| i.id).collect::<Vec<_>>(), [m365]);

    let cancel = refused_for_dependants(&mut w, tenant, InstanceStatus::Cancelled);
    assert_eq!(
        cancel.to_string(),
        format!("Microsoft 365 tenant cannot be cancelled: 1 instance depends on it: Managed365 #{m365}")
    );
    let Some(servicefolio::ErrorDetails::InUse { instances, .. }) = cancel.details() else {
        panic!("no instances in the refusal: {cancel}")
    };
    assert_eq!(instances.iter().map(|i| i.id).collect::<Vec<_>>(), [m365]);
    assert_eq!(status(&w, tenant), "active", "nothing changed");

    // Once Managed365 has gone, the remaining rule answers: cancel before retire.
    w.store
        .write(|tx| transition(tx, m365, InstanceStatus::Cancelled, day(2027, 6, 1), ""))
        .unwrap();
    let error = w
        .store
        .write(|tx| transition(tx, tenant, InstanceStatus::Retired, day(2027, 6, 1), ""))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "status: Microsoft 365 tenant runs on a rental contract: cancel it first"
    );
}

#[test]
fn costs_roll_up_per_context_and_customer() {
    let mut w = world();
    {
        let request = notebook(&w, 2);
        book(&mut w, request, ApplyAs::Ordered)
    };
    {
        let request = managed365(&w);
        book(&mut w, request, ApplyAs::Ordered)
    };
    // An offer's planned booking costs nothing yet. Anna already holds the
    // notebooks: the offer adds five more on purpose.
    {
        let request = BookingRequest {
            add_anyway: true,
            ..notebook(&w, 5)
        };
        book(&mut w, request, ApplyAs::Planned)
    };
    let inventory = inventory(w.store.conn(), w.customer, day(2027, 3, 1)).unwrap();
    assert_eq!(
        inventory.instances.len(),
        6,
        "notebooks + MDM, Managed365 + tenant, planned notebooks + MDM"
    );
    let anna: Vec<_> = inventory
        .per_context
        .iter()
        .map(|c| (c.label.as_str(), c.one_time, c.monthly))
        .collect();
    // Anna: 2 × 1,249.00 notebooks; 2 × 4.90 MDM + 18.40 Managed365 a month.
    // Customer-wide: the tenant, 490.00 setup and 49.00 a month.
    assert_eq!(
        anna,
        [
            ("Anna Schmidt", dec("2498.00"), dec("28.20")),
            ("customer-wide", dec("490.00"), dec("49.00"))
        ]
    );
    assert_eq!(
        (inventory.one_time, inventory.monthly),
        (dec("2988.00"), dec("77.20"))
    );
    let tenant = inventory
        .instances
        .iter()
        .find(|i| i.item_code == "BAS-M365-TENANT")
        .unwrap();
    assert_eq!(tenant.dates.minimum_term_end, Some(day(2028, 1, 1)));
    assert_eq!(tenant.reason, "required by Managed365 (customer-wide)");
}

#[test]
fn add_ons_are_charged_once_where_they_apply() {
    let mut w = world();
    let ids = {
        let request = notebook(&w, 1);
        book(&mut w, request, ApplyAs::Ordered)
    };
    let m365 = {
        let request = managed365(&w);
        book(&mut w, request, ApplyAs::Ordered)[0]
    };
    let offered = |id| -> Vec<(String, Decimal)> {
        applicable_add_ons(w.store.conn(), id)
            .unwrap()
            .into_iter()
            .map(|a| (a.code, a.unit_price))
            .collect()
    };
    assert_eq!(
        offered(ids[0]),
        [
            ("ADD-DATA-MIGRATION".to_string(), dec("129.00")),
            ("ADD-ONSITE-INSTALL".to_string(), dec("149.00")),
            ("ADD-PC-REIMAGE".to_string(), dec("89.00")),
        ]
    );
    assert_eq!(
        offered(m365),
        [("ADD-M365-MAILMIG".to_string(), dec("39.00"))]
    );
    let charge = w
        .store
        .write(|tx| {
            order_add_on(
                tx,
                ids[0],
                "ADD-PC-REIMAGE",
                2,
                day(2027, 3, 1),
                "after a crash",
            )
        })
        .unwrap();
    assert_eq!((charge.unit_price, charge.quantity), (dec("89.00"), 2));
    let error = w
        .store
        .write(|tx| order_add_on(tx, m365, "ADD-PC-REIMAGE", 1, day(2027, 3, 1), ""))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "add_on: PC reimaging does not apply to Managed365"
    );
    let error = w
        .store
        .write(|tx| order_add_on(tx, ids[0], "ADD-PC-REIMAGE", 0, day(2027, 3, 1), ""))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let error = w
        .store
        .write(|tx| order_add_on(tx, ids[0], "SVC-MDM", 1, day(2027, 3, 1), ""))
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "add_on: the catalog has no add-on \"SVC-MDM\""
    );

    let inventory = inventory(w.store.conn(), w.customer, day(2027, 3, 2)).unwrap();
    let laptop = inventory.instances.iter().find(|i| i.id == ids[0]).unwrap();
    // 1,249.00 for the notebook + 2 × 89.00 reimaging.
    assert_eq!(laptop.one_time, dec("1427.00"));
    assert_eq!(laptop.add_ons.len(), 1);
    assert_eq!(inventory.one_time, dec("1427.00") + dec("490.00"));
}

#[test]
fn a_context_holding_instances_is_not_deleted_and_the_instances_are_listed() {
    let mut w = world();
    let ids = {
        let request = notebook(&w, 1);
        book(&mut w, request, ApplyAs::Ordered)
    };
    let error = w.store.write(|tx| delete_employee(tx, w.anna)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InUse);
    assert_eq!(
        error.to_string(),
        format!("employee Anna Schmidt cannot be deleted: it holds 2 instance(s): Lenovo ThinkPad T14 Gen 5 #{} (ordered), Mobile device management #{} (ordered)", ids[0], ids[1])
    );
    let error = w
        .store
        .write(|tx| delete_customer(tx, w.customer))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("customer ACME GmbH cannot be deleted: it holds 2 instance(s)"),
        "{error}"
    );
}

#[test]
fn deprecating_an_item_keeps_its_instances_but_takes_no_new_bookings() {
    let mut w = world();
    let ids = {
        let request = managed365(&w);
        book(&mut w, request, ApplyAs::Ordered)
    };
    let mut history = servicefolio::catalog::EditHistory::default();
    let servicefolio::catalog::ItemRecord::Service(mut m365) =
        servicefolio::catalog::item_record(w.store.conn(), "SVC-M365").unwrap()
    else {
        panic!("a service")
    };
    m365.status = servicefolio::vocabulary::ItemStatus::Deprecated;
    let draft = servicefolio::catalog::ItemDraft {
        original_code: Some("SVC-M365".into()),
        record: servicefolio::catalog::ItemRecord::Service(m365),
    };
    servicefolio::catalog::save_item(&mut w.store, &mut history, &draft).unwrap();

    assert_eq!(status(&w, ids[0]), "ordered", "the booked instance stays");
    w.store
        .write(|tx| {
            transition(
                tx,
                ids[0],
                InstanceStatus::Provisioning,
                day(2027, 1, 2),
                "",
            )
        })
        .unwrap();
    let error = plan(w.store.conn(), &managed365(&w)).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("Managed365 is deprecated: it takes no new bookings"),
        "{error}"
    );
}
