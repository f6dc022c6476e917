//! Customers and their structure on a real store: every change checks its input,
//! a refused change writes nothing, and deleting what is still used is refused.

mod support;

use servicefolio::customer::*;
use servicefolio::{ErrorKind, Store};
use support::customers::NewCustomer;

fn acme_record() -> CustomerRecord {
    CustomerRecord {
        name: "ACME Maschinenbau GmbH".into(),
        street: "Industriestraße 4".into(),
        postal_code: "70173".into(),
        city: "Stuttgart".into(),
        country: "DE".into(),
        currency: "EUR".into(),
    }
}

fn acme(store: &mut Store) -> Customer {
    store
        .write(|tx| create_customer(tx, &acme_record()))
        .unwrap()
}

#[test]
fn a_customer_with_locations_employees_containers_and_workplaces() {
    let mut store = Store::open_in_memory().unwrap();
    let customer = acme(&mut store);
    let id = customer.id;
    let (berlin, munich) = store
        .write(|tx| {
            let berlin = create_location(
                tx,
                id,
                &LocationRecord {
                    name: "Berlin".into(),
                    city: "Berlin".into(),
                    ..Default::default()
                },
            )?;
            let munich = create_location(
                tx,
                id,
                &LocationRecord {
                    name: "München".into(),
                    ..Default::default()
                },
            )?;
            Ok((berlin, munich))
        })
        .unwrap();
    let anna = store
        .write(|tx| {
            create_employee(
                tx,
                id,
                &EmployeeRecord {
                    name: "Anna Schmidt".into(),
                    email: Some("anna.schmidt@acme.example".into()),
                    department: "Finance".into(),
                    cost_centre: "4711".into(),
                    location_id: Some(berlin.id),
                },
            )
        })
        .unwrap();
    store
        .write(|tx| {
            create_cloud_container(
                tx,
                id,
                &CloudContainerRecord {
                    name: "ERP".into(),
                    business_application: "SAP S/4HANA".into(),
                    description: String::new(),
                },
            )?;
            create_workplace(
                tx,
                &WorkplaceRecord {
                    employee_id: anna.id,
                    name: "Office desk".into(),
                },
            )?;
            update_location(
                tx,
                munich.id,
                &LocationRecord {
                    name: "Munich".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();

    let tree = customer_structure(store.conn(), id).unwrap();
    assert_eq!(tree.customer, customer);
    assert_eq!(
        tree.locations
            .iter()
            .map(|l| l.record.name.as_str())
            .collect::<Vec<_>>(),
        ["Berlin", "Munich"]
    );
    assert_eq!(tree.employees, std::slice::from_ref(&anna));
    assert_eq!(
        tree.cloud_containers[0].record.business_application,
        "SAP S/4HANA"
    );
    assert_eq!(tree.workplaces[0].record.employee_id, anna.id);
    assert_eq!(customers(store.conn()).unwrap(), [customer]);
}

#[test]
fn bad_input_is_refused_with_the_field_and_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let id = acme(&mut store).id;
    type Action = Box<dyn Fn(&rusqlite::Transaction<'_>) -> servicefolio::Result<()>>;
    let cases: Vec<(Action, &str)> = vec![
        (
            Box::new(|tx| {
                create_customer(
                    tx,
                    &CustomerRecord {
                        name: " ".into(),
                        currency: "EUR".into(),
                        ..Default::default()
                    },
                )
                .map(drop)
            }),
            "name: must not be empty",
        ),
        (
            Box::new(|tx| {
                create_customer(
                    tx,
                    &CustomerRecord {
                        name: "X".into(),
                        currency: "euro".into(),
                        ..Default::default()
                    },
                )
                .map(drop)
            }),
            "currency: \"euro\" is not an ISO 4217",
        ),
        (
            Box::new(|tx| {
                create_customer(
                    tx,
                    &CustomerRecord {
                        name: "X".into(),
                        currency: "EUR".into(),
                        country: "Germany".into(),
                        ..Default::default()
                    },
                )
                .map(drop)
            }),
            "country: \"Germany\" is not an ISO 3166",
        ),
        (
            Box::new(move |tx| {
                create_employee(
                    tx,
                    id,
                    &EmployeeRecord {
                        name: "Bob".into(),
                        email: Some("bob@localhost".into()),
                        ..Default::default()
                    },
                )
                .map(drop)
            }),
            "email: \"bob@localhost\" is not an e-mail address",
        ),
        (
            Box::new(move |tx| {
                create_employee(
                    tx,
                    id,
                    &EmployeeRecord {
                        name: "Bob".into(),
                        location_id: Some(999),
                        ..Default::default()
                    },
                )
                .map(drop)
            }),
            "location_id: there is no location 999",
        ),
        (
            Box::new(|tx| {
                create_workplace(
                    tx,
                    &WorkplaceRecord {
                        employee_id: 999,
                        name: "Desk".into(),
                    },
                )
                .map(drop)
            }),
            "employee_id: there is no employee 999",
        ),
    ];
    for (action, expected) in cases {
        let error = store.write(|tx| action(tx)).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
        assert!(error.to_string().starts_with(expected), "{error}");
    }
    assert_eq!(customers(store.conn()).unwrap().len(), 1);
    assert!(customer_structure(store.conn(), id)
        .unwrap()
        .employees
        .is_empty());
}

#[test]
fn duplicates_are_named_not_raw_database_errors() {
    let mut store = Store::open_in_memory().unwrap();
    let id = acme(&mut store).id;
    store
        .write(|tx| {
            create_location(
                tx,
                id,
                &LocationRecord {
                    name: "Berlin".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let error = store
        .write(|tx| {
            create_location(
                tx,
                id,
                &LocationRecord {
                    name: " Berlin ".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "name: a location named \"Berlin\" already exists"
    );
    let employee = EmployeeRecord {
        name: "Anna".into(),
        email: Some("anna@acme.example".into()),
        ..Default::default()
    };
    store
        .write(|tx| create_employee(tx, id, &employee))
        .unwrap();
    let shouting = EmployeeRecord {
        email: Some("ANNA@acme.example".into()),
        ..employee
    };
    let error = store
        .write(|tx| create_employee(tx, id, &shouting))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.to_string().contains("already exists"), "{error}");
}

#[test]
fn a_location_where_employees_work_is_not_deleted_and_a_customer_goes_whole() {
    let mut store = Store::open_in_memory().unwrap();
    // Anna works in Berlin and has a desk there.
    let acme = NewCustomer::from_record(acme_record())
        .location("Berlin")
        .employee("Anna Schmidt")
        .at("Berlin")
        .with_workplace("Desk")
        .create_in(&mut store);
    let (id, berlin) = (acme.id, acme.locations[0]);

    let error = store.write(|tx| delete_location(tx, berlin)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InUse);
    assert_eq!(
        error.to_string(),
        "location Berlin cannot be deleted: 1 employee(s) work there: Anna Schmidt"
    );

    store.write(|tx| delete_customer(tx, id)).unwrap();
    assert!(customers(store.conn()).unwrap().is_empty());
    let left: i64 = store
        .conn()
        .query_row("SELECT (SELECT count(*) FROM location) + (SELECT count(*) FROM employee) + (SELECT count(*) FROM workplace)", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn a_workplace_stays_with_its_customer() {
    let mut store = Store::open_in_memory().unwrap();
    // Anna (ACME) has a desk; Zoe works for another customer.
    let first = NewCustomer::from_record(acme_record())
        .employee("Anna")
        .with_workplace("Desk")
        .create_in(&mut store);
    let other = NewCustomer::from_record(CustomerRecord {
        name: "Other AG".into(),
        currency: "CHF".into(),
        ..Default::default()
    })
    .employee("Zoe")
    .create_in(&mut store);
    let (desk, zoe) = (first.workplaces[0], other.employees[0]);
    let error = store
        .write(|tx| {
            update_workplace(
                tx,
                desk,
                &WorkplaceRecord {
                    employee_id: zoe,
                    name: "Desk".into(),
                },
            )
        })
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "employee_id: Zoe is an employee of another customer"
    );
}
