//! Issue 13, items 2, 3 and 9: selling to customers who already hold things.
//! The stories: an upgrade of 10 of 25 employees at renewal, worked out by
//! hand; a discontinued notebook swapped for its successor, its mandatory
//! device management moving over; a cancellation that ends at the date the
//! notice period allows; an accept refused, writing nothing, because the
//! inventory changed meanwhile; an offer made from the planned portfolio.
//!
//! Dates are relative to today: acceptance applies each change as of the day
//! it happens, as a user's acceptance does.

mod support;

use chrono::{Months, NaiveDate, Utc};
use rust_decimal::Decimal;
use std::str::FromStr;

/// An exact amount.
fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}
use servicefolio::booking::*;
use servicefolio::offer::*;
use servicefolio::vocabulary::{InstanceStatus, OfferType};
use servicefolio::{ErrorKind, Store};
use support::booking::for_employee;
use support::customers::NewCustomer;

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

fn months(date: NaiveDate, n: u32) -> NaiveDate {
    date.checked_add_months(Months::new(n)).unwrap()
}

fn months_ago(n: u32) -> NaiveDate {
    today().checked_sub_months(Months::new(n)).unwrap()
}

struct Customer {
    store: Store,
    id: i64,
    employees: Vec<i64>,
}

fn customer_with(employees: usize) -> Customer {
    let mut store = Store::open_in_memory().unwrap();
    let names: Vec<String> = (1..=employees)
        .map(|n| format!("Employee {n:02}"))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let set_up = NewCustomer::named("Nordwind GmbH")
        .location("Hamburg")
        .employees_at("Hamburg", &refs)
        .create_in(&mut store);
    Customer {
        store,
        id: set_up.id,
        employees: set_up.employees,
    }
}

/// Books as ordered and makes every new instance active (provisioned).
fn book_active(store: &mut Store, request: &BookingRequest) -> Vec<i64> {
    let planned = plan(store.conn(), request).unwrap();
    store
        .write(|tx| {
            let ids = apply(tx, &planned, ApplyAs::Ordered)?;
            for id in &ids {
                tx.execute("UPDATE instance SET status = 'active' WHERE id = ?1", [id])?;
            }
            Ok(ids)
        })
        .unwrap()
}

fn managed365_basic(customer: i64, contexts: ContextSelector, start: NaiveDate) -> BookingRequest {
    support::booking::rental(
        customer,
        "SVC-M365",
        "BASIC",
        &[("SUPPORT", "8X5")],
        contexts,
        start,
    )
}

fn to_variant(variant: &str) -> ChangeTarget {
    ChangeTarget {
        item: "SVC-M365".into(),
        variant: Some(variant.into()),
        options: vec![ChosenOption {
            group: "SUPPORT".into(),
            choice: "8X5".into(),
        }],
        offer_type: OfferType::Rental,
        quantity: 1,
    }
}

/// The Managed365 instance of an employee (the one still live).
fn managed365_of(c: &Customer, employee: i64) -> i64 {
    c.store
        .conn()
        .query_row(
            "SELECT i.id FROM instance i JOIN catalog_item ci ON ci.id = i.item_id
             WHERE ci.code = 'SVC-M365' AND i.employee_id = ?1
               AND i.status IN ('ordered', 'provisioning', 'active') ORDER BY i.id LIMIT 1",
            [employee],
            |r| r.get(0),
        )
        .unwrap()
}

fn status_and_end(c: &Customer, id: i64) -> (String, Option<String>) {
    c.store
        .conn()
        .query_row(
            "SELECT status, end_date FROM instance WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn instance_count(c: &Customer) -> i64 {
    c.store
        .conn()
        .query_row("SELECT count(*) FROM instance", [], |r| r.get(0))
        .unwrap()
}

fn change_offer(c: &mut Customer, changes: Vec<InstanceChange>) -> servicefolio::Result<Offer> {
    let customer_id = c.id;
    c.store.write(|tx| {
        create_offer(
            tx,
            &OfferDraft {
                customer_id,
                requests: vec![],
                changes,
                offer_date: None,
                valid_until: None,
                notes: String::new(),
            },
        )
    })
}

fn send_and_accept(c: &mut Customer, id: i64) -> servicefolio::Result<OfferStatusChange> {
    c.store
        .write(|tx| set_offer_status(tx, id, OfferStatus::Sent))?;
    c.store
        .write(|tx| set_offer_status(tx, id, OfferStatus::Accepted))
}

#[test]
fn upgrading_10_of_25_employees_at_renewal_shows_the_monthly_amounts_worked_out_by_hand() {
    let mut c = customer_with(25);
    // Since six months; the term is 12 months, renewing by 12.
    let start = months_ago(6);
    book_active(
        &mut c.store,
        &managed365_basic(c.id, ContextSelector::AllEmployees, start),
    );
    let renewal = months(start, 12);

    // The finance team, the first ten, goes to Standard at renewal.
    let upgraded: Vec<i64> = c.employees[..10]
        .iter()
        .map(|e| managed365_of(&c, *e))
        .collect();
    let changes = upgraded
        .iter()
        .map(|id| InstanceChange {
            instance_id: *id,
            to: Some(to_variant("STANDARD")),
            not_before: Some(renewal),
        })
        .collect();
    let offer = change_offer(&mut c, changes).unwrap();

    // By hand: 25 × Basic 7.90 = 197.50, plus the customer's Microsoft 365
    // tenant 49.00 (the basic service Managed365 needs) = 246.50 a month now.
    // Ten go from 7.90 to 12.90: + 10 × 5.00 = 50.00, so 296.50 from renewal.
    let totals = offer
        .monthly_change
        .expect("a change offer shows the monthly amounts");
    assert_eq!(totals.current, dec("246.50"));
    assert_eq!(totals.new, dec("296.50"));
    assert_eq!(totals.difference, dec("50.00"));

    let lines: Vec<&OfferLineView> = offer.lines().collect();
    assert_eq!(
        lines.len(),
        10,
        "one line per upgraded employee: {lines:#?}"
    );
    for line in &lines {
        let changed = line.changed.as_ref().expect("a change line");
        assert_eq!(changed.kind, ChangeKind::Upgrade);
        assert_eq!(changed.current_monthly, dec("7.90"));
        assert_eq!(line.amounts.monthly, dec("12.90"));
        assert_eq!(changed.current_one_time, Decimal::ZERO);
        assert_eq!(line.amounts.one_time, Decimal::ZERO, "no new setup");
        assert_eq!(changed.effective, renewal, "at renewal, as asked");
        assert_eq!(
            changed.item,
            "Managed365 Basic (Support level: 8x5 business hours)"
        );
    }
    // The offer's own monthly total is what its lines cost: 10 × 12.90.
    assert_eq!(offer.calculation.totals.net.monthly, dec("129.00"));

    let accepted = send_and_accept(&mut c, offer.id).unwrap();
    assert_eq!(accepted.ordered_instances.len(), 10);
    for id in &upgraded {
        assert_eq!(
            status_and_end(&c, *id),
            ("cancelled".into(), Some(renewal.to_string())),
            "the Basic contract ends the day Standard starts"
        );
    }
    for id in &accepted.ordered_instances {
        let (variant, start_date, status): (String, String, String) = c
            .store
            .conn()
            .query_row(
                "SELECT sv.code, i.start_date, i.status FROM instance i
                 JOIN service_variant sv ON sv.id = i.variant_id WHERE i.id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            (variant.as_str(), start_date, status.as_str()),
            ("STANDARD", renewal.to_string(), "ordered")
        );
    }
    // After renewal the customer pays what the offer said.
    let running = running_monthly(c.store.conn(), c.id).unwrap();
    assert_eq!(
        running,
        dec("296.50"),
        "the running contracts cost what the offer said (the ten Basic ones are cancelled: they \
         end at renewal)"
    );
}

/// Lenovo ThinkPad T14 Gen 4 (now discontinued) bought for `employee` with
/// its mandatory device management, both active.
fn old_notebook(store: &mut Store, customer: i64, employee: i64) -> (i64, i64) {
    store
        .write(|tx| {
            tx.execute(
                "UPDATE catalog_item SET status = 'active' WHERE code = 'NB-LEN-T14G4'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    let request = BookingRequest {
        item: "NB-LEN-T14G4".into(),
        ..support::booking::notebook(customer, for_employee(employee), 1, months_ago(20))
    };
    let ids = book_active(store, &request);
    store
        .write(|tx| {
            tx.execute(
                "UPDATE catalog_item SET status = 'discontinued' WHERE code = 'NB-LEN-T14G4'",
                [],
            )?;
            Ok(())
        })
        .unwrap();
    assert_eq!(ids.len(), 2, "the notebook and its device management");
    (ids[0], ids[1])
}

fn successor_notebook() -> ChangeTarget {
    ChangeTarget {
        item: "NB-LEN-T14G5".into(),
        variant: None,
        options: vec![],
        offer_type: OfferType::Purchase,
        quantity: 1,
    }
}

#[test]
fn a_swapped_notebook_takes_its_mandatory_device_management_along() {
    let mut c = customer_with(1);
    let jana = c.employees[0];
    let (notebook, mdm) = old_notebook(&mut c.store, c.id, jana);

    let offer = change_offer(
        &mut c,
        vec![InstanceChange {
            instance_id: notebook,
            to: Some(successor_notebook()),
            not_before: None,
        }],
    )
    .unwrap();
    let lines: Vec<&OfferLineView> = offer.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "the new notebook only: the device management moves, it is not sold again: {lines:#?}"
    );
    let line = lines[0];
    assert_eq!(line.item_code, "NB-LEN-T14G5");
    let changed = line.changed.as_ref().unwrap();
    assert_eq!(changed.kind, ChangeKind::Replace);
    assert_eq!(changed.instance_id, notebook);
    assert_eq!(changed.current_one_time, dec("1149.00"));
    assert_eq!(line.amounts.one_time, dec("1249.00"));
    assert_eq!(changed.moves, vec!["Mobile device management".to_string()]);
    assert_eq!(
        changed.effective,
        today(),
        "a purchase has no term to wait for"
    );
    let totals = offer.monthly_change.unwrap();
    assert_eq!(
        totals.difference,
        Decimal::ZERO,
        "the device management runs on"
    );

    let accepted = send_and_accept(&mut c, offer.id).unwrap();
    let new_notebook = accepted.ordered_instances[0];
    assert_eq!(accepted.ordered_instances.len(), 1);
    assert_eq!(
        status_and_end(&c, notebook),
        ("cancelled".into(), Some(today().to_string()))
    );
    let (parent, status): (i64, String) = c
        .store
        .conn()
        .query_row(
            "SELECT parent_id, status FROM instance WHERE id = ?1",
            [mdm],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        parent, new_notebook,
        "device management now belongs to the new notebook"
    );
    assert_eq!(status, "active", "and keeps running");
}

#[test]
fn a_swap_to_an_item_that_is_not_a_successor_is_refused_naming_the_successors() {
    let mut c = customer_with(1);
    let (notebook, _) = old_notebook(&mut c.store, c.id, c.employees[0]);
    let err = change_offer(
        &mut c,
        vec![InstanceChange {
            instance_id: notebook,
            to: Some(ChangeTarget {
                item: "NB-DELL-LAT5450".into(),
                ..successor_notebook()
            }),
            not_before: None,
        }],
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(
        err.to_string().contains(
            "NB-DELL-LAT5450 is not a successor of Lenovo ThinkPad T14 Gen 4: its successors are \
             Lenovo ThinkPad T14 Gen 5 (NB-LEN-T14G5)"
        ),
        "{err}"
    );
}

#[test]
fn a_cancellation_ends_at_the_date_the_notice_period_allows() {
    let mut c = customer_with(2);
    // Two months in: notice by month 9 ends it at month 12.
    let early = months_ago(2);
    book_active(
        &mut c.store,
        &managed365_basic(c.id, for_employee(c.employees[0]), early),
    );
    // Ten months in: month 9 has passed, so it runs to month 24.
    let late = months_ago(10);
    book_active(
        &mut c.store,
        &managed365_basic(c.id, for_employee(c.employees[1]), late),
    );
    let (first, second) = (
        managed365_of(&c, c.employees[0]),
        managed365_of(&c, c.employees[1]),
    );

    let cancel = |instance_id| InstanceChange {
        instance_id,
        to: None,
        not_before: None,
    };
    let offer = change_offer(&mut c, vec![cancel(first), cancel(second)]).unwrap();
    let lines: Vec<&OfferLineView> = offer.lines().collect();
    let ends = |id: i64| {
        lines
            .iter()
            .find_map(|l| l.changed.as_ref().filter(|c| c.instance_id == id))
            .unwrap()
            .clone()
    };
    let a = ends(first);
    assert_eq!(a.kind, ChangeKind::Cancel);
    assert_eq!(a.effective, months(early, 12));
    assert_eq!(a.notice_by, Some(months(early, 9)));
    let b = ends(second);
    assert_eq!(b.effective, months(late, 24));
    assert_eq!(b.notice_by, Some(months(late, 21)));
    for line in &lines {
        assert_eq!(
            line.amounts.monthly,
            Decimal::ZERO,
            "nothing due once it ends"
        );
    }
    let totals = offer.monthly_change.unwrap();
    assert_eq!(totals.current, dec("49.00") + dec("7.90") * dec("2"));
    assert_eq!(totals.difference, dec("-15.80"));
    assert_eq!(
        offer.calculation.totals.line_count, 0,
        "nothing new is sold"
    );

    send_and_accept(&mut c, offer.id).unwrap();
    assert_eq!(
        status_and_end(&c, first),
        ("cancelled".into(), Some(months(early, 12).to_string()))
    );
    assert_eq!(
        status_and_end(&c, second),
        ("cancelled".into(), Some(months(late, 24).to_string()))
    );
}

#[test]
fn an_accept_after_the_inventory_changed_is_refused_and_writes_nothing() {
    let mut c = customer_with(2);
    book_active(
        &mut c.store,
        &managed365_basic(c.id, ContextSelector::AllEmployees, months_ago(3)),
    );
    let jana = managed365_of(&c, c.employees[0]);
    let offer = change_offer(
        &mut c,
        vec![InstanceChange {
            instance_id: jana,
            to: Some(to_variant("E3")),
            not_before: None,
        }],
    )
    .unwrap();
    c.store
        .write(|tx| set_offer_status(tx, offer.id, OfferStatus::Sent))
        .unwrap();
    // Meanwhile someone cancels Jana's Managed365 in the inventory.
    c.store
        .write(|tx| transition(tx, jana, InstanceStatus::Cancelled, today(), "by hand"))
        .unwrap();
    let before = instance_count(&c);
    let err = c
        .store
        .write(|tx| set_offer_status(tx, offer.id, OfferStatus::Accepted))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InventoryChanged);
    assert!(
        err.to_string().contains(&format!(
            "Managed365 #{jana} (Employee 01) has changed since the offer was made (it was \
             active and is cancelled now)"
        )),
        "{err}"
    );
    // The UI says it in its language: which instance, and how it changed, as data.
    use servicefolio::error::{RefusalSays, Says, Value};
    let Some(servicefolio::ErrorDetails::InventoryChanged { what, reason }) = err.details() else {
        panic!("no details: {err}");
    };
    assert_eq!(what.said, Says::Refusal(RefusalSays::InstanceAt));
    assert_eq!(
        what.values["item"],
        Value::Text(format!("Managed365 #{jana}"))
    );
    assert_eq!(
        what.values["place"],
        Value::Place(Some("Employee 01".into()))
    );
    assert_eq!(reason.said, Says::Refusal(RefusalSays::ChangedStatus));
    assert_eq!(
        reason.values["was"],
        Value::InstanceStatus(InstanceStatus::Active)
    );
    assert_eq!(
        reason.values["now"],
        Value::InstanceStatus(InstanceStatus::Cancelled)
    );
    assert_eq!(instance_count(&c), before, "nothing was written");
    assert_eq!(
        servicefolio::offer::offer(c.store.conn(), offer.id)
            .unwrap()
            .status,
        OfferStatus::Sent
    );
}

#[test]
fn an_offer_from_the_planned_portfolio_orders_what_was_planned() {
    let mut c = customer_with(1);
    let start = months(today(), 1);
    let planned = plan(
        c.store.conn(),
        &managed365_basic(c.id, for_employee(c.employees[0]), start),
    )
    .unwrap();
    let ids = c
        .store
        .write(|tx| apply(tx, &planned, ApplyAs::Planned))
        .unwrap();
    // The tenant (line 0, a prerequisite) and Managed365 are planned.
    let m365 = managed365_of_planned(&c);
    let offer = change_offer(
        &mut c,
        vec![InstanceChange {
            instance_id: m365,
            to: Some(to_variant("BASIC")),
            not_before: None,
        }],
    )
    .unwrap();
    let main = offer
        .lines()
        .find(|l| l.item_code == "SVC-M365")
        .expect("Managed365 is offered");
    let changed = main.changed.as_ref().unwrap();
    assert_eq!(changed.kind, ChangeKind::Order);
    assert_eq!(
        changed.current_monthly,
        Decimal::ZERO,
        "planned costs nothing yet"
    );
    assert_eq!(main.amounts.monthly, dec("7.90"));
    assert_eq!(changed.effective, start);

    let accepted = send_and_accept(&mut c, offer.id).unwrap();
    assert!(!accepted.ordered_instances.is_empty());
    assert_eq!(
        status_and_end(&c, m365).0,
        "retired",
        "the plan is superseded"
    );
    let ordered: String = c
        .store
        .conn()
        .query_row(
            "SELECT status FROM instance WHERE id = ?1",
            [accepted.ordered_instances[0]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(ordered, "ordered");
    assert!(ids.contains(&m365));
}

fn managed365_of_planned(c: &Customer) -> i64 {
    c.store
        .conn()
        .query_row(
            "SELECT i.id FROM instance i JOIN catalog_item ci ON ci.id = i.item_id
             WHERE ci.code = 'SVC-M365' AND i.status = 'planned'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn changes_that_make_no_sense_are_refused_with_the_reason() {
    let mut c = customer_with(1);
    let (notebook, mdm) = old_notebook(&mut c.store, c.id, c.employees[0]);
    book_active(
        &mut c.store,
        &managed365_basic(c.id, for_employee(c.employees[0]), months_ago(1)),
    );
    let m365 = managed365_of(&c, c.employees[0]);
    let refused = |c: &mut Customer, changes: Vec<InstanceChange>| {
        let err = change_offer(c, changes).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidInput, "{err}");
        err.to_string()
    };
    let upgrade = InstanceChange {
        instance_id: m365,
        to: Some(to_variant("STANDARD")),
        not_before: None,
    };
    assert!(refused(&mut c, vec![upgrade.clone(), upgrade.clone()])
        .contains("is changed twice in this offer"));
    assert!(refused(
        &mut c,
        vec![InstanceChange {
            instance_id: mdm,
            to: None,
            not_before: None,
        }]
    )
    .contains("comes with Lenovo ThinkPad T14 Gen 4"));
    assert!(refused(
        &mut c,
        vec![InstanceChange {
            instance_id: notebook,
            to: Some(ChangeTarget {
                item: "NB-LEN-T14G4".into(),
                quantity: 2,
                ..successor_notebook()
            }),
            not_before: None,
        }]
    )
    .contains("was purchased: it is owned"));
    assert!(refused(&mut c, vec![]).contains("at least one booking or one change"));
    // Another customer's instance.
    let other = NewCustomer::named("Südwind AG")
        .employee("Eva Weber")
        .create_in(&mut c.store);
    book_active(
        &mut c.store,
        &managed365_basic(other.id, for_employee(other.employees[0]), months_ago(1)),
    );
    let foreign = managed365_of(&c, other.employees[0]);
    assert!(refused(
        &mut c,
        vec![InstanceChange {
            instance_id: foreign,
            to: None,
            not_before: None,
        }]
    )
    .contains("belongs to another customer"));
}

#[test]
fn a_renewal_waits_for_the_term_end_and_a_new_version_keeps_the_changes() {
    let mut c = customer_with(1);
    let start = months_ago(4);
    book_active(
        &mut c.store,
        &managed365_basic(c.id, for_employee(c.employees[0]), start),
    );
    let m365 = managed365_of(&c, c.employees[0]);
    // Managed365 is rented only: a switch to leasing is refused by the planner.
    let err = change_offer(
        &mut c,
        vec![InstanceChange {
            instance_id: m365,
            to: Some(ChangeTarget {
                offer_type: OfferType::Leasing,
                ..to_variant("BASIC")
            }),
            not_before: None,
        }],
    )
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRequest, "{err}");

    // The same again: a renewal at today's prices, from the end of the term.
    let offer = change_offer(
        &mut c,
        vec![InstanceChange {
            instance_id: m365,
            to: Some(ChangeTarget {
                quantity: 1,
                ..to_variant("BASIC")
            }),
            not_before: None,
        }],
    )
    .unwrap();
    let changed = offer.lines().next().unwrap().changed.clone().unwrap();
    assert_eq!(changed.kind, ChangeKind::Renew);
    assert_eq!(
        changed.effective,
        months(start, 12),
        "a renewal starts at the term's end"
    );

    c.store
        .write(|tx| set_offer_status(tx, offer.id, OfferStatus::Sent))
        .unwrap();
    let v2 = c
        .store
        .write(|tx| new_offer_version(tx, offer.id, None))
        .unwrap();
    assert_eq!(v2.changes, offer.changes);
    assert_eq!(v2.monthly_change, offer.monthly_change);
    assert_eq!(
        v2.lines().map(|l| l.changed.clone()).collect::<Vec<_>>(),
        offer.lines().map(|l| l.changed.clone()).collect::<Vec<_>>()
    );
    // The draft can take the change away again and book something new instead.
    let edited = c
        .store
        .write(|tx| {
            update_offer(
                tx,
                v2.id,
                &OfferUpdate {
                    changes: Some(vec![InstanceChange {
                        instance_id: m365,
                        to: Some(to_variant("E3")),
                        not_before: None,
                    }]),
                    ..OfferUpdate::default()
                },
            )
        })
        .unwrap();
    let changed = edited.lines().next().unwrap().changed.clone().unwrap();
    assert_eq!(changed.kind, ChangeKind::Upgrade);
    assert_eq!(
        changed.effective,
        today(),
        "an upgrade of a rental takes effect at once"
    );
    assert_eq!(edited.monthly_change.unwrap().difference, dec("12.00"));
}

#[test]
fn a_switch_of_offer_type_takes_effect_at_the_end_of_the_term() {
    let mut store = Store::open_in_memory().unwrap();
    let c = NewCustomer::named("Nordwind GmbH")
        .employee("Jana Petersen")
        .with_workplace("Desk 1")
        .create_in(&mut store);
    // Workplace as a Service, Office, rented for 36 months since 30 months.
    let start = months_ago(30);
    let rented = support::booking::rental(
        c.id,
        "SVC-WAAS",
        "OFFICE",
        &[("SUPPORT", "8X5")],
        ContextSelector::Contexts(vec![servicefolio::vocabulary::ContextRef::Workplace(
            c.workplaces[0],
        )]),
        start,
    );
    let ids = book_active(&mut store, &rented);
    let mut c = Customer {
        store,
        id: c.id,
        employees: c.employees,
    };
    let offer = change_offer(
        &mut c,
        vec![InstanceChange {
            instance_id: ids[0],
            to: Some(ChangeTarget {
                item: "SVC-WAAS".into(),
                variant: Some("OFFICE".into()),
                options: vec![ChosenOption {
                    group: "SUPPORT".into(),
                    choice: "8X5".into(),
                }],
                offer_type: OfferType::Leasing,
                quantity: 1,
            }),
            not_before: None,
        }],
    )
    .unwrap();
    let line = offer.lines().next().unwrap();
    let changed = line.changed.as_ref().unwrap();
    assert_eq!(changed.kind, ChangeKind::SwitchOfferType);
    assert_eq!(changed.offer_type, OfferType::Rental);
    assert_eq!(line.offer_type, OfferType::Leasing);
    // Notice by month 33 is still open: the rental ends at month 36 and the
    // leasing starts then.
    assert_eq!(changed.effective, months(start, 36));
    assert_eq!(changed.current_monthly, dec("59.00"));
    // By hand: 1,450.00 × 2.95 % = 42.775 a month, 42.78 in cents.
    assert_eq!(line.amounts.monthly, dec("42.78"));
    assert_eq!(
        line.amounts.one_time,
        Decimal::ZERO,
        "no new setup for the same service"
    );
    assert_eq!(offer.monthly_change.unwrap().difference, dec("-16.22"));
}

#[test]
fn a_change_offer_over_an_approval_threshold_is_sent_only_once_approved() {
    use servicefolio::settings::{save_settings, settings, ApprovalRules};
    let mut c = customer_with(25);
    book_active(
        &mut c.store,
        &managed365_basic(c.id, ContextSelector::AllEmployees, months_ago(6)),
    );
    let mut s = settings(c.store.conn()).unwrap();
    s.approval = ApprovalRules {
        max_contract_value: Some(dec("1000")),
        ..ApprovalRules::default()
    };
    c.store.write(|tx| save_settings(tx, &s)).unwrap();
    // Ten upgrades to E3: 10 × 19.90 × 12 months = 2,388.00 over their terms.
    let changes = c.employees[..10]
        .iter()
        .map(|e| InstanceChange {
            instance_id: managed365_of(&c, *e),
            to: Some(to_variant("E3")),
            not_before: None,
        })
        .collect();
    let offer = change_offer(&mut c, changes).unwrap();
    assert_eq!(offer.calculation.totals.net.contract_value, dec("2388.00"));
    assert!(offer.approval.required);
    let err = c
        .store
        .write(|tx| set_offer_status(tx, offer.id, OfferStatus::Sent))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::ApprovalRequired);
    c.store
        .write(|tx| approve_offer(tx, offer.id, "Mara Lindner"))
        .unwrap();
    let accepted = send_and_accept(&mut c, offer.id).expect("approved, it is sent and accepted");
    assert_eq!(accepted.offer.status, OfferStatus::Accepted);
    assert_eq!(
        accepted.ordered_instances.len(),
        10,
        "the upgrades, at once"
    );
}

#[test]
fn an_offer_of_the_schema_before_change_offers_reads_as_new_bookings_only() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("before-change-offers.db");
    let (offer_id, lines) = {
        let mut store = Store::open(&path).unwrap();
        let c = NewCustomer::named("Nordwind GmbH")
            .employee("Jana Petersen")
            .create_in(&mut store);
        let request = managed365_basic(c.id, for_employee(c.employees[0]), today());
        let offer = store
            .write(|tx| {
                create_offer(
                    tx,
                    &OfferDraft {
                        customer_id: c.id,
                        requests: vec![request],
                        changes: vec![],
                        offer_date: None,
                        valid_until: None,
                        notes: String::new(),
                    },
                )
            })
            .unwrap();
        // Back to schema 17: what 0018 (and the later 0019) add is taken away,
        // the offer stays.
        store
            .conn()
            .execute_batch(
                "ALTER TABLE offer_line DROP COLUMN reason;
                 ALTER TABLE settings DROP COLUMN export_folder;
                 ALTER TABLE offer_line DROP COLUMN changed;
                 ALTER TABLE offer DROP COLUMN current_monthly;
                 ALTER TABLE offer DROP COLUMN changes;
                 PRAGMA user_version = 17;",
            )
            .unwrap();
        (offer.id, offer.lines().cloned().collect::<Vec<_>>())
    };
    let store = Store::open(&path).unwrap();
    let migrated = servicefolio::offer::offer(store.conn(), offer_id).unwrap();
    assert!(migrated.changes.is_empty());
    assert_eq!(
        migrated.monthly_change, None,
        "what the customer paid then was not recorded: no current / new figures are made up"
    );
    assert_eq!(migrated.lines().cloned().collect::<Vec<_>>(), lines);
}
