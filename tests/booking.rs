//! The booking engine on the demo catalog, with expectations worked out by hand.

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::contract::LineTerms;
use servicefolio::customer::*;
use servicefolio::vocabulary::{ContextRef, OfferType};
use servicefolio::{ErrorKind, Store};
use std::str::FromStr;
use support::booking::{for_employee, notebook, rental};
use support::customers;

struct Fixture {
    store: Store,
    customer: i64,
    berlin: i64,
    employees: Vec<i64>,
    erp: i64,
    crm: i64,
}

/// A customer with 25 employees in Berlin (Finance and Sales) and two cloud containers.
fn fixture() -> Fixture {
    let mut store = Store::open_in_memory().unwrap();
    let mut acme = customers::acme_gmbh().location("Berlin");
    for n in 1..=25 {
        acme = acme
            .employee_record(EmployeeRecord {
                name: format!("Employee {n:02}"),
                email: Some(format!("e{n}@acme.example")),
                department: if n <= 10 {
                    "Finance".into()
                } else {
                    "Sales".into()
                },
                ..Default::default()
            })
            .at("Berlin");
    }
    let acme = acme
        .cloud_container("ERP")
        .cloud_container("CRM")
        .create_in(&mut store);
    Fixture {
        store,
        customer: acme.id,
        berlin: acme.locations[0],
        employees: acme.employees,
        erp: acme.cloud_containers[0],
        crm: acme.cloud_containers[1],
    }
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
}

fn managed365(f: &Fixture, contexts: ContextSelector) -> BookingRequest {
    support::booking::managed365(f.customer, contexts, start())
}

fn book(f: &mut Fixture, request: &BookingRequest) -> Vec<i64> {
    let planned = plan(f.store.conn(), request).unwrap();
    f.store
        .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
        .unwrap()
}

#[test]
fn twenty_five_employees_book_managed365_and_exactly_one_tenant_is_provisioned() {
    let f = fixture();
    let planned = plan(
        f.store.conn(),
        &managed365(&f, ContextSelector::AllEmployees),
    )
    .unwrap();
    let requested: Vec<_> = planned
        .lines
        .iter()
        .filter(|l| l.reason == LineReason::Requested)
        .collect();
    let tenants: Vec<_> = planned
        .lines
        .iter()
        .filter(|l| l.item_code == "BAS-M365-TENANT")
        .collect();
    assert_eq!(requested.len(), 25);
    assert_eq!(tenants.len(), 1, "one tenant for the whole customer");
    assert_eq!(planned.lines.len(), 26);
    let tenant = tenants[0];
    assert_eq!(tenant.context, ContextRef::Global);
    assert_eq!(tenant.explanation, "required by Managed365 (customer-wide)");
    assert_eq!(
        (tenant.terms.monthly_per_unit, tenant.terms.setup_fee),
        (dec("49.00"), dec("490.00"))
    );
    let tenant_line = planned
        .lines
        .iter()
        .position(|l| l.item_code == "BAS-M365-TENANT")
        .unwrap() as u32;
    for line in &requested {
        // 12.90 Standard + 3.00 for 24x7 support + 2.50 for EDR = 18.40 per employee and month.
        assert_eq!(line.terms.monthly_per_unit, dec("18.40"));
        assert_eq!(
            line.prerequisites,
            [Prerequisite::Line {
                line: tenant_line,
                item: "Microsoft 365 tenant".into()
            }]
        );
        assert!(matches!(line.context, ContextRef::Employee(_)));
    }
    assert_eq!(
        planned.offered.len(),
        1,
        "the Business Premium licence is offered, once"
    );
    assert_eq!(planned.offered[0].item_code, "LIC-MS-M365BP");
}

#[test]
fn a_tenant_in_the_inventory_is_reused_and_not_provisioned_again() {
    let mut f = fixture();
    let first = managed365(
        &f,
        ContextSelector::Contexts(vec![ContextRef::Employee(f.employees[0])]),
    );
    let ids = book(&mut f, &first);
    assert_eq!(ids.len(), 2);
    let tenant_id = ids[1];
    let second = managed365(&f, ContextSelector::EmployeesOfDepartment("Sales".into()));
    let planned = plan(f.store.conn(), &second).unwrap();
    assert_eq!(planned.lines.len(), 15, "15 Sales employees, no new tenant");
    assert!(planned.lines.iter().all(|l| l.prerequisites
        == [Prerequisite::Existing {
            instance_id: tenant_id,
            item: "Microsoft 365 tenant".into()
        }]));
}

#[test]
fn a_vm_in_a_container_without_a_cloud_zone_gets_one_zone_in_that_container() {
    let mut f = fixture();
    let vm = |f: &Fixture, contexts: Vec<ContextRef>| BookingRequest {
        quantity: 2,
        ..rental(
            f.customer,
            "SVC-VM",
            "M",
            &[("OS", "WINDOWS")],
            ContextSelector::Contexts(contexts),
            start(),
        )
    };
    let planned = plan(
        f.store.conn(),
        &vm(
            &f,
            vec![
                ContextRef::CloudContainer(f.erp),
                ContextRef::CloudContainer(f.crm),
            ],
        ),
    )
    .unwrap();
    let zones: Vec<_> = planned
        .lines
        .iter()
        .filter(|l| l.item_code == "BAS-CLOUD-ZONE")
        .map(|l| (l.context, l.explanation.as_str()))
        .collect();
    assert_eq!(
        zones,
        [
            (
                ContextRef::CloudContainer(f.erp),
                "required by Virtual machine (in ERP)"
            ),
            (
                ContextRef::CloudContainer(f.crm),
                "required by Virtual machine (in CRM)"
            ),
        ]
    );
    let vm_line = &planned.lines[0];
    // 139.00 for size M + 24.00 for the Windows Server licence.
    assert_eq!(
        (vm_line.quantity, vm_line.terms.monthly_per_unit),
        (2, dec("163.00"))
    );
    assert_eq!(planned.offered[0].item_code, "SVC-BACKUP");

    let erp_only = vm(&f, vec![ContextRef::CloudContainer(f.erp)]);
    book(&mut f, &erp_only);
    let again = plan(
        f.store.conn(),
        &vm(
            &f,
            vec![
                ContextRef::CloudContainer(f.erp),
                ContextRef::CloudContainer(f.crm),
            ],
        ),
    )
    .unwrap();
    let zones = again
        .lines
        .iter()
        .filter(|l| l.item_code == "BAS-CLOUD-ZONE")
        .count();
    assert_eq!(zones, 1, "ERP has its zone now; only CRM needs one");
}

#[test]
fn a_notebook_brings_mandatory_device_management_and_offers_backup() {
    let f = fixture();
    let request = notebook(f.customer, for_employee(f.employees[3]), 2, start());
    let planned = plan(f.store.conn(), &request).unwrap();
    assert_eq!(planned.lines.len(), 2);
    let (notebook, mdm) = (&planned.lines[0], &planned.lines[1]);
    assert_eq!(
        (notebook.terms.one_time_per_unit, notebook.quantity),
        (dec("1249.00"), 2)
    );
    assert_eq!(mdm.item_code, "SVC-MDM");
    assert_eq!(
        (mdm.quantity, mdm.parent, mdm.context),
        (2, Some(0), ContextRef::Employee(f.employees[3]))
    );
    assert_eq!(mdm.explanation, "mandatory with Lenovo ThinkPad T14 Gen 5");
    assert_eq!(
        (mdm.terms.offer_type, mdm.terms.monthly_per_unit),
        (OfferType::Rental, dec("4.90"))
    );
    assert_eq!(
        planned
            .offered
            .iter()
            .map(|o| o.item_code.as_str())
            .collect::<Vec<_>>(),
        ["SVC-BACKUP"]
    );

    let with_backup = BookingRequest {
        include_optional: vec!["SVC-BACKUP".into()],
        ..request
    };
    let planned = plan(f.store.conn(), &with_backup).unwrap();
    let backup = planned
        .lines
        .iter()
        .find(|l| l.item_code == "SVC-BACKUP")
        .expect("backup included");
    assert_eq!(
        backup.explanation,
        "optional with Lenovo ThinkPad T14 Gen 5, included"
    );
    assert!(planned.offered.is_empty());
}

#[test]
fn a_workplace_service_for_an_employee_without_one_creates_the_workplace_and_uses_the_one_there_is()
{
    let mut f = fixture();
    let employee = f.employees[0];
    let request = BookingRequest {
        offer_type: OfferType::Leasing,
        ..rental(
            f.customer,
            "SVC-WAAS",
            "OFFICE",
            &[("SUPPORT", "24X7")],
            for_employee(employee),
            start(),
        )
    };
    // Employee 01 has no workplace: the booking creates one (issue 14, item 1).
    let planned = plan(f.store.conn(), &request).unwrap();
    assert_eq!(planned.lines[0].context, ContextRef::Workplace(-employee));
    assert_eq!(
        planned.lines[0].context_label,
        "new workplace (Employee 01)"
    );
    assert!(
        planned.lines[0]
            .explanation
            .ends_with("; a workplace is created for Employee 01"),
        "{}",
        planned.lines[0].explanation
    );
    assert_eq!(
        planned.new_workplaces,
        [NewWorkplace {
            employee_id: employee,
            employee: "Employee 01".into()
        }]
    );

    let desk = f
        .store
        .write(|tx| {
            create_workplace(
                tx,
                &WorkplaceRecord {
                    employee_id: employee,
                    name: "Desk".into(),
                },
            )
        })
        .unwrap();
    let planned = plan(f.store.conn(), &request).unwrap();
    let waas = &planned.lines[0];
    assert_eq!(waas.context, ContextRef::Workplace(desk.id));
    assert_eq!(waas.context_label, "Desk (Employee 01)");
    // Leasing: (1,450.00 + 300.00 for 24x7) × 2.95 % = 51.625 per month, exact until totals round.
    assert_eq!(waas.terms.monthly_per_unit, dec("51.625"));
    assert_eq!(
        waas.terms.leasing.as_ref().unwrap().financed_amount,
        dec("1750.00")
    );
    assert_eq!(waas.terms.minimum_term_months, 36);
}

#[test]
fn an_invalid_request_gets_every_reason_at_once_and_writes_nothing() {
    let f = fixture();
    let request = BookingRequest {
        customer_id: f.customer,
        item: "SVC-M365".into(),
        variant: Some("BASIC".into()),
        options: vec![ChosenOption {
            group: "ARCHIVING".into(),
            choice: "MAIL-ARCHIVE".into(),
        }],
        offer_type: OfferType::Leasing,
        contexts: ContextSelector::Contexts(vec![
            ContextRef::Location(f.berlin),
            ContextRef::Employee(999_999),
        ]),
        quantity: 0,
        start_date: start(),
        include_optional: vec!["SVC-EDR".into()],
        add_anyway: false,
    };
    let Err(servicefolio::Error::InvalidRequest(problems)) = plan(f.store.conn(), &request) else {
        panic!("refused")
    };
    let reasons: Vec<&str> = problems.iter().map(|p| p.text.as_str()).collect();
    let all = reasons.join("\n");
    for expected in [
        "the quantity must be positive, not 0",
        "employee 999999 does not belong to ACME GmbH",
        "the option group Archiving is not offered with Managed365 Basic",
        "Managed365: Support level needs a choice",
        "Managed365 Basic is not offered as leasing",
        "Managed365 cannot be booked into location Berlin (it allows: employee)",
        "SVC-EDR is not offered as an optional link of SVC-M365",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in:\n{all}");
    }
    let instances: i64 = f
        .store
        .conn()
        .query_row("SELECT count(*) FROM instance", [], |r| r.get(0))
        .unwrap();
    assert_eq!(instances, 0);
}

#[test]
fn a_deprecated_item_takes_no_new_bookings() {
    let mut f = fixture();
    f.store
        .write(|tx| {
            Ok(tx.execute(
                "UPDATE catalog_item SET status = 'deprecated' WHERE code = 'SVC-M365'",
                [],
            )?)
        })
        .unwrap();
    let error = plan(
        f.store.conn(),
        &managed365(&f, ContextSelector::AllEmployees),
    )
    .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("Managed365 is deprecated: it takes no new bookings"),
        "{error}"
    );
}

#[test]
fn apply_writes_instances_with_parents_prerequisites_and_a_logged_transition() {
    let mut f = fixture();
    let request = managed365(&f, ContextSelector::EmployeesOfLocation(f.berlin));
    let planned = plan(f.store.conn(), &request).unwrap();
    let ids = f
        .store
        .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
        .unwrap();
    assert_eq!(ids.len(), 26);
    let conn = f.store.conn();
    let ordered: i64 = conn
        .query_row(
            "SELECT count(*) FROM instance WHERE status = 'ordered'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let links: i64 = conn
        .query_row("SELECT count(*) FROM instance_prerequisite", [], |r| {
            r.get(0)
        })
        .unwrap();
    let logged: i64 = conn.query_row("SELECT count(*) FROM instance_transition WHERE to_status = 'ordered' AND from_status IS NULL", [], |r| r.get(0)).unwrap();
    let options: i64 = conn
        .query_row("SELECT count(*) FROM instance_option", [], |r| r.get(0))
        .unwrap();
    assert_eq!((ordered, links, logged, options), (26, 25, 26, 50));
    let terms: String = conn
        .query_row("SELECT terms FROM instance WHERE id = ?1", [ids[0]], |r| {
            r.get(0)
        })
        .unwrap();
    let terms: LineTerms = serde_json::from_str(&terms).unwrap();
    assert_eq!(
        terms.monthly_per_unit,
        dec("18.40"),
        "the price is frozen with the instance"
    );
}

#[test]
fn the_inventory_names_each_instance_s_options_so_a_renewal_can_keep_them() {
    // A change offer that renews an instance names what it is now: its variant
    // and its options (issue 13, item 2), read from the inventory.
    let mut f = fixture();
    let request = managed365(&f, for_employee(f.employees[0]));
    book(&mut f, &request);
    let held = inventory(f.store.conn(), f.customer, start()).unwrap();
    let m365 = held
        .instances
        .iter()
        .find(|i| i.item_code == "SVC-M365")
        .unwrap();
    assert_eq!(m365.variant.as_deref(), Some("STANDARD"));
    let options: Vec<(&str, &str)> = m365
        .options
        .iter()
        .map(|o| (o.group.as_str(), o.choice.as_str()))
        .collect();
    assert_eq!(options, [("SECURITY", "EDR"), ("SUPPORT", "24X7")]);
    // The tenant it brought was booked without options.
    assert!(held
        .instances
        .iter()
        .filter(|i| i.item_code != "SVC-M365")
        .all(|i| i.options.is_empty()));
}

#[test]
fn a_stale_plan_is_refused() {
    let mut f = fixture();
    let for_anna = managed365(
        &f,
        ContextSelector::Contexts(vec![ContextRef::Employee(f.employees[0])]),
    );
    let stale = plan(f.store.conn(), &for_anna).unwrap();
    // Meanwhile someone books Managed365 for Sales, which provisions the tenant.
    let sales = managed365(&f, ContextSelector::EmployeesOfDepartment("Sales".into()));
    book(&mut f, &sales);
    let error = f
        .store
        .write(|tx| apply(tx, &stale, ApplyAs::Ordered))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::StalePlan);
    let tenants: i64 = f.store.conn().query_row("SELECT count(*) FROM instance i JOIN catalog_item c ON c.id = i.item_id WHERE c.code = 'BAS-M365-TENANT'", [], |r| r.get(0)).unwrap();
    assert_eq!(tenants, 1, "the stale plan did not add a second tenant");
}

#[test]
fn a_plan_is_refused_after_any_write_and_after_another_plan_applied_in_the_same_transaction() {
    let mut f = fixture();
    let for_anna = managed365(
        &f,
        ContextSelector::Contexts(vec![ContextRef::Employee(f.employees[0])]),
    );
    let before = plan(f.store.conn(), &for_anna).unwrap();
    // Any write advances the store revision: a new location, here.
    let customer = f.customer;
    f.store
        .write(|tx| {
            create_location(
                tx,
                customer,
                &LocationRecord {
                    name: "Leipzig".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let error = f
        .store
        .write(|tx| apply(tx, &before, ApplyAs::Ordered))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::StalePlan);

    // Two plans made in one transaction: once the first is applied, the second
    // (which would provision a second tenant) is stale; the whole write rolls back.
    let for_ben = managed365(
        &f,
        ContextSelector::Contexts(vec![ContextRef::Employee(f.employees[1])]),
    );
    let error = f
        .store
        .write(|tx| {
            let first = plan(tx, &for_anna)?;
            let second = plan(tx, &for_ben)?;
            apply(tx, &first, ApplyAs::Ordered)?;
            apply(tx, &second, ApplyAs::Ordered)
        })
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::StalePlan);
    let instances: i64 = f
        .store
        .conn()
        .query_row("SELECT count(*) FROM instance", [], |r| r.get(0))
        .unwrap();
    assert_eq!(instances, 0, "nothing of the refused write remains");

    // A fresh plan books.
    let now = plan(f.store.conn(), &for_anna).unwrap();
    assert_eq!(now.basis, before.basis + 1);
    f.store
        .write(|tx| apply(tx, &now, ApplyAs::Ordered))
        .unwrap();
}

#[test]
fn booking_workplaces_for_a_location_creates_the_missing_ones_in_the_same_transaction() {
    let mut store = Store::open_in_memory().unwrap();
    let c = customers::NewCustomer::named("Nordwind GmbH")
        .location("Hamburg")
        .employee("Jana Petersen")
        .at("Hamburg")
        .with_workplace("Desk 1")
        .employee("Tom Berger")
        .at("Hamburg")
        .employee("Aylin Demir")
        .at("Hamburg")
        .create_in(&mut store);
    let workplaces = |store: &Store| -> Vec<(i64, String)> {
        let mut stmt = store
            .conn()
            .prepare("SELECT employee_id, name FROM workplace ORDER BY id")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let request = rental(
        c.id,
        "SVC-WAAS",
        "OFFICE",
        &[("SUPPORT", "8X5")],
        ContextSelector::EmployeesOfLocation(c.locations[0]),
        start(),
    );
    let planned = plan(store.conn(), &request).unwrap();
    let new: Vec<&str> = planned
        .new_workplaces
        .iter()
        .map(|w| w.employee.as_str())
        .collect();
    assert_eq!(
        new,
        ["Aylin Demir", "Tom Berger"],
        "Jana has her desk (employees in name order)"
    );
    let ids = store
        .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
        .unwrap();
    let after = workplaces(&store);
    assert_eq!(after.len(), 3, "two workplaces created: {after:?}");
    // Every instance sits in its employee's (only) workplace.
    let placed: Vec<(String, String)> = ids
        .iter()
        .filter_map(|id| {
            store
                .conn()
                .query_row(
                    "SELECT e.name, w.name FROM instance i JOIN workplace w ON w.id = i.workplace_id
                     JOIN employee e ON e.id = w.employee_id
                     JOIN catalog_item ci ON ci.id = i.item_id
                     WHERE i.id = ?1 AND ci.code = 'SVC-WAAS'",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .ok()
        })
        .collect();
    let default_name = after[1].1.clone();
    assert_eq!(default_name, "Workplace", "named as onboarding names it");
    assert_eq!(
        placed,
        [
            ("Aylin Demir".to_string(), default_name.clone()),
            ("Jana Petersen".to_string(), "Desk 1".to_string()),
            ("Tom Berger".to_string(), default_name),
        ]
    );

    // Booking again finds the workplaces there are: nothing new is created.
    let again = plan(
        store.conn(),
        &BookingRequest {
            add_anyway: true,
            ..request.clone()
        },
    )
    .unwrap();
    assert!(again.new_workplaces.is_empty());

    // An employee with two workplaces is asked which; nothing is created.
    let jana = c.employees[0];
    store
        .write(|tx| {
            create_workplace(
                tx,
                &WorkplaceRecord {
                    employee_id: jana,
                    name: "Home office".into(),
                },
            )
        })
        .unwrap();
    let error = plan(
        store.conn(),
        &BookingRequest {
            add_anyway: true,
            ..request
        },
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert!(error.to_string().contains("Jana Petersen"), "{error}");
    assert_eq!(workplaces(&store).len(), 4);
}

#[test]
fn where_an_item_cannot_go_is_said_before_how_it_would_be_configured() {
    let f = fixture();
    // Workplace as a Service for a location, without its required support
    // level: the location is the basic problem, the missing choice comes after.
    let request = BookingRequest {
        options: vec![],
        ..rental(
            f.customer,
            "SVC-WAAS",
            "OFFICE",
            &[],
            ContextSelector::Contexts(vec![ContextRef::Global]),
            start(),
        )
    };
    let Err(servicefolio::Error::InvalidRequest(problems)) = plan(f.store.conn(), &request) else {
        panic!("refused")
    };
    let reasons: Vec<&str> = problems
        .iter()
        .map(|p| match &p.refusal {
            servicefolio::error::Refusal::ContextNotAllowed { .. } => "context_not_allowed",
            servicefolio::error::Refusal::NeedsChoice { .. } => "needs_choice",
            _ => "other",
        })
        .collect();
    assert_eq!(
        reasons,
        ["context_not_allowed", "needs_choice"],
        "{problems:#?}"
    );
}
