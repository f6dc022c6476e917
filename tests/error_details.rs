//! The structured details refusals carry, so the UI renders them in its language
//! without reading the English message: booking refusals by reason, the
//! instances in the way of a delete or a retirement, the rule violations of a
//! refused catalog edit. These tests assert the data, not the wording.

use chrono::NaiveDate;
use servicefolio::booking::{
    apply, plan, transition, ApplyAs, BookingRequest, ChosenOption, ContextSelector,
};
use servicefolio::catalog::{self, EditHistory, ItemDraft, ItemRecord};
use servicefolio::customer::{self, CustomerRecord, EmployeeRecord, LocationRecord};
use servicefolio::error::CatalogRule;
use servicefolio::error::{BlockingInstance, Refusal, RequestProblem, Through};
use servicefolio::vocabulary::{BookingContext, ContextRef, InstanceStatus, OfferType};
use servicefolio::{Error, ErrorDetails, ErrorPayload, Store};

struct Acme {
    store: Store,
    customer: i64,
    berlin: i64,
    anna: i64,
}

/// ACME GmbH with one employee, Anna, in Berlin, on the demo catalog.
fn acme() -> Acme {
    let mut store = Store::open_in_memory().unwrap();
    let (customer, berlin, anna) = store
        .write(|tx| {
            let c = customer::create_customer(
                tx,
                &CustomerRecord {
                    name: "ACME GmbH".into(),
                    currency: "EUR".into(),
                    ..Default::default()
                },
            )?;
            let berlin = customer::create_location(
                tx,
                c.id,
                &LocationRecord {
                    name: "Berlin".into(),
                    ..Default::default()
                },
            )?;
            let anna = customer::create_employee(
                tx,
                c.id,
                &EmployeeRecord {
                    name: "Anna".into(),
                    location_id: Some(berlin.id),
                    ..Default::default()
                },
            )?;
            Ok((c.id, berlin.id, anna.id))
        })
        .unwrap();
    Acme {
        store,
        customer,
        berlin,
        anna,
    }
}

fn request(a: &Acme, item: &str, contexts: Vec<ContextRef>) -> BookingRequest {
    BookingRequest {
        customer_id: a.customer,
        item: item.into(),
        variant: None,
        options: vec![],
        offer_type: OfferType::Purchase,
        contexts: ContextSelector::Contexts(contexts),
        quantity: 1,
        start_date: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        include_optional: vec![],
        add_anyway: false,
    }
}

fn refusals(error: Error) -> Vec<RequestProblem> {
    match error.details() {
        Some(ErrorDetails::InvalidRequest { reasons }) => reasons,
        other => panic!("not a refused request: {error} ({other:?})"),
    }
}

#[test]
fn a_refused_booking_request_gives_each_reason_as_data() {
    // Every reason the request has, as the UI needs it to word it: what is
    // wrong and with which item, context and choices; the message lists the
    // same reasons' English sentences.
    let a = acme();
    let mut wrong = request(
        &a,
        "SVC-M365",
        vec![
            ContextRef::Location(a.berlin),
            ContextRef::Employee(999_999),
        ],
    );
    wrong.variant = Some("BASIC".into());
    wrong.options = vec![ChosenOption {
        group: "ARCHIVING".into(),
        choice: "MAIL-ARCHIVE".into(),
    }];
    wrong.offer_type = OfferType::Leasing;
    wrong.quantity = 0;
    wrong.include_optional = vec!["SVC-EDR".into()];
    let error = plan(a.store.conn(), &wrong).unwrap_err();
    let message = error.to_string();
    let problems = refusals(error);
    let found: Vec<&Refusal> = problems.iter().map(|p| &p.refusal).collect();
    for expected in [
        Refusal::Quantity {
            quantity: 0,
            max: servicefolio::limits::MAX_QUANTITY,
        },
        Refusal::ForeignContext {
            context: ContextRef::Employee(999_999),
            customer: "ACME GmbH".into(),
        },
        Refusal::GroupNotOffered {
            item: "Managed365".into(),
            variant: "Basic".into(),
            group: "Archiving".into(),
        },
        Refusal::NeedsChoice {
            item: "Managed365".into(),
            group: "Support level".into(),
        },
        Refusal::OfferTypeNotOffered {
            item: "Managed365".into(),
            variant: "Basic".into(),
            offer_type: OfferType::Leasing,
        },
        Refusal::ContextNotAllowed {
            item: "Managed365".into(),
            context: BookingContext::Location,
            context_name: "Berlin".into(),
            allowed: vec![BookingContext::Employee],
        },
        Refusal::NotOptionalLink {
            item: "SVC-EDR".into(),
            of: "SVC-M365".into(),
        },
    ] {
        assert!(
            found.contains(&&expected),
            "missing {expected:?} in {found:#?}"
        );
    }
    // Each reason is the requested item's own, and the message is made of their texts.
    for problem in &problems {
        assert_eq!((&problem.through, &problem.part), (&None, &None));
        assert!(
            message.contains(&problem.text),
            "{message} lacks {}",
            problem.text
        );
    }
}

#[test]
fn a_linked_item_that_cannot_be_placed_names_the_item_it_comes_with() {
    // Device management goes into workplaces only (changed in the designer);
    // a notebook for Anna, who has two, brings it along mandatorily: which
    // workplace is the question, device management's, through the notebook.
    let mut a = acme();
    let mut history = EditHistory::default();
    let ItemRecord::Service(mut mdm) = catalog::item_record(a.store.conn(), "SVC-MDM").unwrap()
    else {
        panic!("SVC-MDM is a service")
    };
    mdm.allowed_contexts = vec![BookingContext::Workplace];
    let mdm_name = mdm.name.clone();
    catalog::save_item(
        &mut a.store,
        &mut history,
        &ItemDraft {
            original_code: Some("SVC-MDM".into()),
            record: ItemRecord::Service(mdm),
        },
    )
    .unwrap();
    let anna = a.anna;
    a.store
        .write(|tx| {
            for name in ["Desk", "Home office"] {
                customer::create_workplace(
                    tx,
                    &customer::WorkplaceRecord {
                        employee_id: anna,
                        name: name.into(),
                    },
                )?;
            }
            Ok(())
        })
        .unwrap();
    let notebook = catalog::item_record(a.store.conn(), "NB-LEN-T14G5")
        .unwrap()
        .name()
        .to_owned();
    let error = plan(
        a.store.conn(),
        &request(&a, "NB-LEN-T14G5", vec![ContextRef::Employee(a.anna)]),
    )
    .unwrap_err();
    let problems = refusals(error);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(
        problems[0].refusal,
        Refusal::WhichWorkplace {
            item: mdm_name,
            employee: "Anna".into(),
            employee_id: a.anna,
            workplaces: 2
        }
    );
    assert_eq!(
        problems[0].through,
        Some(Through::ComesWith { item: notebook })
    );
}

/// Managed365 for Anna, ordered: the subscription and the tenant it requires.
fn book_managed365(a: &mut Acme) -> Vec<i64> {
    let mut m365 = request(a, "SVC-M365", vec![ContextRef::Employee(a.anna)]);
    m365.variant = Some("BASIC".into());
    m365.options = vec![ChosenOption {
        group: "SUPPORT".into(),
        choice: "8X5".into(),
    }];
    m365.offer_type = OfferType::Rental;
    let planned = plan(a.store.conn(), &m365).unwrap();
    a.store
        .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
        .unwrap()
}

fn blocking(error: Error) -> Vec<BlockingInstance> {
    match error.details() {
        Some(ErrorDetails::InUse { instances, .. }) => instances,
        other => panic!("not in use: {error} ({other:?})"),
    }
}

#[test]
fn a_delete_refused_for_instances_lists_them_with_customer_and_context() {
    // The UI shows which instances stand in the way and where they are booked.
    let mut a = acme();
    let ids = book_managed365(&mut a);
    let (m365, tenant) = (ids[0], ids[1]);
    let error = a
        .store
        .write(|tx| customer::delete_customer(tx, a.customer))
        .unwrap_err();
    let mut held = blocking(error);
    held.sort_by_key(|i| i.id);
    let expected = [
        (m365, ContextRef::Employee(a.anna)),
        (tenant, ContextRef::Global),
    ];
    assert_eq!(
        held.iter().map(|i| (i.id, i.context)).collect::<Vec<_>>(),
        expected.to_vec()
    );
    assert!(held
        .iter()
        .all(|i| i.customer_id == a.customer && i.status == InstanceStatus::Ordered));

    // Deleting Anna: only what is booked for her.
    let error = a
        .store
        .write(|tx| customer::delete_employee(tx, a.anna))
        .unwrap_err();
    let held = blocking(error);
    assert_eq!(held.iter().map(|i| i.id).collect::<Vec<_>>(), [m365]);
    assert_eq!(held[0].item, "Managed365");
}

#[test]
fn a_basic_service_kept_by_dependants_lists_them() {
    // Cancelling the tenant is refused while Managed365 depends on it: the
    // dependant is named as an instance, not only in words.
    let mut a = acme();
    let ids = book_managed365(&mut a);
    let (m365, tenant) = (ids[0], ids[1]);
    let on = NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    let error = a
        .store
        .write(|tx| transition(tx, tenant, InstanceStatus::Cancelled, on, ""))
        .unwrap_err();
    let held = blocking(error);
    assert_eq!(held.iter().map(|i| i.id).collect::<Vec<_>>(), [m365]);
    assert_eq!(held[0].context, ContextRef::Employee(a.anna));
}

#[test]
fn a_refused_catalog_edit_gives_item_field_and_rule_of_each_violation() {
    // What the designer shows after a refused save, straight from the refusal:
    // which item (code and name), which field, which rule.
    let mut store = Store::open_in_memory().unwrap();
    let mut history = EditHistory::default();
    let ItemRecord::Service(mut mdm) = catalog::item_record(store.conn(), "SVC-MDM").unwrap()
    else {
        panic!("SVC-MDM is a service")
    };
    mdm.currency = "EURO".into();
    let name = mdm.name.clone();
    let error = catalog::save_item(
        &mut store,
        &mut history,
        &ItemDraft {
            original_code: Some("SVC-MDM".into()),
            record: ItemRecord::Service(mdm),
        },
    )
    .unwrap_err();
    let Some(ErrorDetails::RuleViolations { violations }) = error.details() else {
        panic!("not refused by the rules: {error}")
    };
    assert!(
        violations.iter().any(|v| v.item == "SVC-MDM"
            && v.item_name == name
            && v.field == "currency"
            && v.rule == CatalogRule::Currency),
        "{violations:#?}"
    );

    // A delete refused because another item links it names the item deleted.
    let error = catalog::delete_item(&mut store, &mut history, "NW-FTN-FG40F").unwrap_err();
    let Some(ErrorDetails::RuleViolations { violations }) = error.details() else {
        panic!("not refused by the rules: {error}")
    };
    assert!(!violations.is_empty());
    for v in &violations {
        assert_eq!(
            (v.item.as_str(), v.rule),
            ("NW-FTN-FG40F", CatalogRule::MissingReference)
        );
        assert!(!v.item_name.is_empty());
    }
}

#[test]
fn the_wire_form_carries_the_details_tagged_for_the_ui() {
    // The UI switches on `type` and on each reason's `reason` tag.
    let a = acme();
    let error = plan(
        a.store.conn(),
        &request(&a, "SVC-M365", vec![ContextRef::Location(a.berlin)]),
    )
    .unwrap_err();
    let payload = serde_json::to_value(ErrorPayload::from(error)).unwrap();
    assert_eq!(payload["kind"], "invalid_request");
    assert_eq!(payload["details"]["type"], "invalid_request");
    let reasons = payload["details"]["reasons"].as_array().unwrap();
    assert!(
        reasons
            .iter()
            .any(|r| r["refusal"]["reason"] == "needs_variant"
                && r["refusal"]["variants"]
                    .as_array()
                    .is_some_and(|v| !v.is_empty())),
        "{reasons:#?}"
    );
}

#[test]
fn a_refused_feed_says_which_file_line_and_columns_as_data() {
    // A feed without the profile's header: the UI can say which columns are
    // missing and where in its language; the kind stays `invalid_input`.
    use servicefolio::error::FeedProblem;
    use servicefolio::feed::MappingProfile;
    use servicefolio::master::{import_reader, ImportOptions};
    let mut store = Store::open_in_memory().unwrap();
    let bytes = b"10001;4006381333931;Lenovo\n10002;;HP\n";
    let options = ImportOptions {
        source: Some("itscope".into()),
        profile: Some(MappingProfile::itscope()),
        ..ImportOptions::default()
    };
    let error = import_reader(
        &mut store,
        std::io::Cursor::new(bytes.to_vec()),
        "feed.csv",
        bytes.len() as u64,
        &options,
        &mut |_| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .unwrap_err();
    assert_eq!(error.kind(), servicefolio::ErrorKind::InvalidInput);
    let Some(ErrorDetails::InvalidFeed { file, problem }) = error.details() else {
        panic!("not a refused feed: {error}")
    };
    assert_eq!(file.as_deref(), Some("feed.csv"));
    let FeedProblem::MissingColumns {
        line,
        missing,
        found,
        ..
    } = *problem
    else {
        panic!("not missing columns: {problem:?}")
    };
    assert_eq!(line, 1);
    assert!(missing.contains(&"puid".to_owned()), "{missing:?}");
    assert_eq!(found, ["10001", "4006381333931", "Lenovo"]);
}

#[test]
fn a_portfolio_file_breaking_rules_lists_every_violation_with_its_json_path() {
    // Scripts importing a portfolio file get every broken rule where it is, not
    // only the first one's path and the rest in a sentence.
    use servicefolio::portfolio::{self, PortfolioFile};
    let store = Store::open_in_memory().unwrap();
    let mut file = PortfolioFile::parse(&portfolio::export(store.conn()).unwrap()).unwrap();
    let index = file
        .catalog
        .services
        .iter()
        .position(|s| s.code == "SVC-MDM")
        .unwrap();
    file.catalog.services[index].currency = "EURO".into();
    file.catalog.services[index].tax_rate = "-1".parse().unwrap();
    let error = portfolio::validate(&file).unwrap_err();
    let Some(ErrorDetails::InvalidPortfolio {
        path, violations, ..
    }) = error.details()
    else {
        panic!("not an invalid portfolio: {error}")
    };
    assert_eq!(violations.len(), 2, "{violations:#?}");
    assert_eq!(path, violations[0].path);
    let at = |field: &str| format!("$.catalog.services[{index}].{field}");
    let located: Vec<(String, CatalogRule)> = violations
        .iter()
        .map(|l| (l.path.clone(), l.violation.rule))
        .collect();
    assert!(
        located.contains(&(at("currency"), CatalogRule::Currency)),
        "{located:?}"
    );
    assert!(
        located.contains(&(at("tax_rate"), CatalogRule::TaxRate)),
        "{located:?}"
    );
    assert!(violations.iter().all(|l| l.violation.item == "SVC-MDM"));
}
