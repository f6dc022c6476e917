//! Onboarding templates: a new Sales employee gets the department's bundle in one step.

mod support;

use chrono::NaiveDate;
use servicefolio::booking::*;
use servicefolio::customer::*;
use servicefolio::vocabulary::OfferType;
use servicefolio::{ErrorKind, Store};
use support::customers;

fn sales_bundle() -> TemplateRecord {
    TemplateRecord {
        name: "Sales starter".into(),
        scope: TemplateScope::Department("Sales".into()),
        steps: vec![
            TemplateStep {
                item: "SVC-WAAS".into(),
                variant: Some("OFFICE".into()),
                options: vec![ChosenOption {
                    group: "SUPPORT".into(),
                    choice: "8X5".into(),
                }],
                offer_type: OfferType::Rental,
                quantity: 1,
                include_optional: vec![],
            },
            TemplateStep {
                item: "SVC-M365".into(),
                variant: Some("STANDARD".into()),
                options: vec![ChosenOption {
                    group: "SUPPORT".into(),
                    choice: "8X5".into(),
                }],
                offer_type: OfferType::Rental,
                quantity: 1,
                include_optional: vec![],
            },
            TemplateStep {
                item: "PHONE".into(),
                variant: None,
                options: vec![],
                offer_type: OfferType::Purchase,
                quantity: 1,
                include_optional: vec![],
            },
        ],
    }
}

#[test]
fn a_new_employee_is_onboarded_in_one_step() {
    let mut store = Store::open_in_memory().unwrap();
    let phone = servicefolio::catalog::list_items(
        store.conn(),
        &servicefolio::catalog::CatalogQuery {
            text: "iPhone 16 128".into(),
            kind: None,
            ..Default::default()
        },
    )
    .unwrap();
    let mut bundle = sale_bundle_with_phone(&phone[0].code);
    let (customer, zoe, max) = store
        .write(|tx| {
            let acme = customers::acme()
                .employee_record(EmployeeRecord {
                    name: "Zoe".into(),
                    department: "Sales".into(),
                    ..Default::default()
                })
                .employee_record(EmployeeRecord {
                    name: "Max".into(),
                    department: "IT".into(),
                    ..Default::default()
                })
                .create(tx)?;
            create_template(tx, acme.id, &bundle)?;
            Ok((acme.id, acme.employees[0], acme.employees[1]))
        })
        .unwrap();
    let start = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    let done = store.write(|tx| onboard_employee(tx, zoe, start)).unwrap();
    assert_eq!(done.templates, ["Sales starter"]);
    assert!(
        done.workplace_created.is_some(),
        "WaaS needs a workplace: one was created"
    );
    // WaaS, Managed365 + tenant, phone + its mandatory MDM.
    assert_eq!(done.instances.len(), 5);
    let inventory = inventory(store.conn(), customer, start).unwrap();
    assert!(inventory
        .instances
        .iter()
        .any(|i| i.item_code == "SVC-WAAS" && i.context_label == "Workplace (Zoe)"));

    let error = store
        .write(|tx| onboard_employee(tx, max, start))
        .unwrap_err();
    assert_eq!(error.to_string(), "the booking request cannot be planned: no onboarding template applies to Max (department \"IT\")");

    bundle.name = "Broken".into();
    bundle.steps[0].item = "NO-SUCH-ITEM".into();
    let error = store
        .write(|tx| create_template(tx, customer, &bundle))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        error.to_string(),
        "steps[0].item: the catalog has no item \"NO-SUCH-ITEM\""
    );
}

#[test]
fn a_template_is_extended_renamed_and_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    let mut record = sales_bundle();
    record.steps.truncate(1);
    let (customer, template, berlin) = store
        .write(|tx| {
            let acme = customers::acme().location("Berlin").create(tx)?;
            let berlin = acme.locations[0];
            create_template(tx, acme.id, &record).map(|t| (acme.id, t.id, berlin))
        })
        .unwrap();
    // Adding a step is saving the template with one more; the scope may change too.
    record.steps.push(sales_bundle().steps[1].clone());
    record.name = "Berlin starter".into();
    record.scope = TemplateScope::Location(berlin);
    store
        .write(|tx| update_template(tx, template, &record))
        .unwrap();
    let stored = templates(store.conn(), customer).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].record, record);

    // A bad step refuses the whole update and leaves the template as it was.
    let mut broken = record.clone();
    broken.steps[1].quantity = 0;
    let error = store
        .write(|tx| update_template(tx, template, &broken))
        .unwrap_err();
    assert_eq!(error.to_string(), "steps[1].quantity: must be positive");
    assert_eq!(templates(store.conn(), customer).unwrap()[0].record, record);

    // The location a template is for stays while the template does.
    let error = store.write(|tx| delete_location(tx, berlin)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InUse);
    assert!(error.to_string().contains("Berlin starter"), "{error}");

    store.write(|tx| delete_template(tx, template)).unwrap();
    assert!(templates(store.conn(), customer).unwrap().is_empty());
    let error = store.write(|tx| delete_template(tx, template)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);

    // A customer's templates go with the customer.
    store
        .write(|tx| create_template(tx, customer, &record))
        .unwrap();
    store.write(|tx| delete_customer(tx, customer)).unwrap();
    assert!(templates(store.conn(), customer).unwrap().is_empty());
}

fn sale_bundle_with_phone(code: &str) -> TemplateRecord {
    let mut bundle = sales_bundle();
    bundle.steps[2].item = code.into();
    bundle
}
