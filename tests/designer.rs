//! The service designer's actions on a real store: every rule is checked before a
//! save, each save is one transaction, and the session's edits can be undone.

use servicefolio::catalog::{
    check_draft, delete_item, item_record, list_items, save_item, undo, CatalogQuery, EditHistory,
    ItemDraft, ItemRecord, LinkMode, LinkQuantity, LinkRecord, RentalTerms, RequirementRecord,
    RequirementScope, ServiceKind, ServiceRecord, ServiceUnit, VariantRecord,
};
use servicefolio::error::CatalogRule;
use servicefolio::portfolio::export;
use servicefolio::{ErrorKind, Store};
use std::str::FromStr;

fn service(code: &str, requires: &str) -> ServiceRecord {
    ServiceRecord {
        code: code.into(),
        name: "Managed printing".into(),
        kind: ServiceKind::Standard,
        category: "Workplace".into(),
        description: String::new(),
        unit: ServiceUnit::PerDevice,
        currency: "EUR".into(),
        tax_rate: "19".parse().unwrap(),
        status: Default::default(),
        allowed_contexts: vec![servicefolio::vocabulary::BookingContext::Location],
        variants: vec![VariantRecord {
            code: "STD".into(),
            name: "Standard".into(),
            description: String::new(),
            setup_fee: None,
            offers: servicefolio::catalog::OfferTerms {
                rental: Some(RentalTerms {
                    monthly_price: rust_decimal::Decimal::from_str("14.90").unwrap(),
                    minimum_term_months: 12,
                    notice_period_months: 3,
                    renewal_period_months: 12,
                }),
                ..Default::default()
            },
        }],
        option_groups: vec![],
        components: vec![],
        requires: vec![RequirementRecord {
            service: requires.into(),
            scope: RequirementScope::Customer,
        }],
        links: vec![],
        successors: vec![],
    }
}

fn new_draft(record: ServiceRecord) -> ItemDraft {
    ItemDraft {
        original_code: None,
        record: ItemRecord::Service(record),
    }
}

fn rules(store: &Store, draft: &ItemDraft) -> Vec<(String, CatalogRule)> {
    check_draft(store.conn(), draft)
        .unwrap()
        .violations
        .into_iter()
        .map(|v| (v.field, v.rule))
        .collect()
}

#[test]
fn a_new_service_with_a_variant_a_rental_term_and_a_requirement_is_saved() {
    let mut store = Store::open_in_memory().unwrap();
    let mut history = EditHistory::default();
    let draft = new_draft(service("SVC-PRINT", "BAS-M365-TENANT"));
    assert!(rules(&store, &draft).is_empty());
    let saved = save_item(&mut store, &mut history, &draft).unwrap();
    assert_eq!(saved.code, "SVC-PRINT");
    assert_eq!(
        item_record(store.conn(), "SVC-PRINT").unwrap(),
        draft.record,
        "what was saved reads back the same"
    );
    let detail = servicefolio::catalog::item_detail(store.conn(), saved.id).unwrap();
    assert_eq!(detail.requires[0].item.code, "BAS-M365-TENANT");
}

#[test]
fn rule_violations_come_with_the_field_before_anything_is_saved() {
    let mut store = Store::open_in_memory().unwrap();
    let mut history = EditHistory::default();
    let before = export(store.conn()).unwrap();

    let mut bad = service("SVC-M365", "SVC-MDM");
    bad.variants[0].offers.rental = None;
    bad.currency = "Euro".into();
    let draft = new_draft(bad);
    let found = rules(&store, &draft);
    assert!(
        found.contains(&("code".into(), CatalogRule::UniqueCode)),
        "{found:?}"
    );
    assert!(
        found.contains(&("requires[0].service".into(), CatalogRule::RequirementTarget)),
        "{found:?}"
    );
    assert!(
        found.contains(&("variants[0].offers".into(), CatalogRule::OfferTerms)),
        "{found:?}"
    );
    assert!(
        found.contains(&("currency".into(), CatalogRule::Currency)),
        "{found:?}"
    );

    let error = save_item(&mut store, &mut history, &draft).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::RuleViolations);
    assert!(
        error
            .to_string()
            .contains("SVC-MDM, which is a service, not a basic service"),
        "{error}"
    );
    assert_eq!(export(store.conn()).unwrap(), before, "nothing was written");
    assert!(!history.can_undo());
}

#[test]
fn a_cycle_is_found_when_a_basic_service_would_bring_its_own_dependant() {
    let store = Store::open_in_memory().unwrap();
    let ItemRecord::Service(mut tenant) = item_record(store.conn(), "BAS-M365-TENANT").unwrap()
    else {
        panic!()
    };
    tenant.links.push(LinkRecord {
        item: "SVC-M365".into(),
        mode: LinkMode::Mandatory,
        quantity: LinkQuantity::Fixed(1),
    });
    let draft = ItemDraft {
        original_code: Some("BAS-M365-TENANT".into()),
        record: ItemRecord::Service(tenant.clone()),
    };
    let violations = check_draft(store.conn(), &draft).unwrap().violations;
    let cycle = violations
        .iter()
        .find(|v| v.rule == CatalogRule::Cycle)
        .expect("a cycle");
    assert!(
        cycle
            .message
            .contains("BAS-M365-TENANT → SVC-M365 → BAS-M365-TENANT"),
        "{}",
        cycle.message
    );

    // Offered optionally, the same link is fine.
    tenant.links[0].mode = LinkMode::Optional;
    let draft = ItemDraft {
        original_code: Some("BAS-M365-TENANT".into()),
        record: ItemRecord::Service(tenant),
    };
    assert!(check_draft(store.conn(), &draft)
        .unwrap()
        .violations
        .is_empty());
}

#[test]
fn a_deprecated_item_keeps_its_links_but_gains_no_new_ones() {
    let mut store = Store::open_in_memory().unwrap();
    let mut history = EditHistory::default();
    let ItemRecord::Product(mut notebook) = item_record(store.conn(), "NB-LEN-X1CG12").unwrap()
    else {
        panic!()
    };
    notebook.status = servicefolio::vocabulary::ItemStatus::Discontinued;
    let code = Some("NB-LEN-X1CG12".to_owned());
    save_item(
        &mut store,
        &mut history,
        &ItemDraft {
            original_code: code.clone(),
            record: ItemRecord::Product(notebook.clone()),
        },
    )
    .unwrap();

    notebook.links.push(LinkRecord {
        item: "SVC-EDR".into(),
        mode: LinkMode::Optional,
        quantity: LinkQuantity::PerParentUnit(1),
    });
    let draft = ItemDraft {
        original_code: code,
        record: ItemRecord::Product(notebook),
    };
    let violations = check_draft(store.conn(), &draft).unwrap().violations;
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert_eq!(violations[0].rule, CatalogRule::DeprecatedLink);
    assert_eq!(violations[0].field, "links[2].item");
    assert!(violations[0].message.contains("cannot gain new ones"));

    // Nor can an active item newly link a deprecated one.
    let ItemRecord::Service(mut edr) = item_record(store.conn(), "SVC-EDR").unwrap() else {
        panic!()
    };
    edr.links.push(LinkRecord {
        item: "NB-LEN-X1CG12".into(),
        mode: LinkMode::Optional,
        quantity: LinkQuantity::Fixed(1),
    });
    let found = check_draft(
        store.conn(),
        &ItemDraft {
            original_code: Some("SVC-EDR".into()),
            record: ItemRecord::Service(edr),
        },
    )
    .unwrap()
    .violations;
    assert!(
        found.iter().any(|v| v.rule == CatalogRule::DeprecatedLink
            && v.message.contains("NB-LEN-X1CG12 is discontinued")),
        "{found:?}"
    );
}

#[test]
fn renaming_a_code_keeps_every_reference() {
    let mut store = Store::open_in_memory().unwrap();
    let mut history = EditHistory::default();
    let ItemRecord::Service(mut mdm) = item_record(store.conn(), "SVC-MDM").unwrap() else {
        panic!()
    };
    mdm.code = "SVC-UEM".into();
    let draft = ItemDraft {
        original_code: Some("SVC-MDM".into()),
        record: ItemRecord::Service(mdm),
    };
    assert!(check_draft(store.conn(), &draft)
        .unwrap()
        .violations
        .is_empty());
    save_item(&mut store, &mut history, &draft).unwrap();
    let ItemRecord::Product(notebook) = item_record(store.conn(), "NB-LEN-T14G5").unwrap() else {
        panic!()
    };
    assert!(notebook.links.iter().any(|l| l.item == "SVC-UEM"));
}

#[test]
fn undo_takes_back_the_sessions_edits_newest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let mut history = EditHistory::default();
    let original = export(store.conn()).unwrap();

    save_item(
        &mut store,
        &mut history,
        &new_draft(service("SVC-PRINT", "BAS-M365-TENANT")),
    )
    .unwrap();
    let after_create = export(store.conn()).unwrap();
    let mut renamed = service("SVC-PRINT", "BAS-M365-TENANT");
    renamed.name = "Managed print services".into();
    save_item(
        &mut store,
        &mut history,
        &ItemDraft {
            original_code: Some("SVC-PRINT".into()),
            record: ItemRecord::Service(renamed),
        },
    )
    .unwrap();

    let undone = undo(&mut store, &mut history).unwrap();
    assert!(
        undone.description.contains("restored the previous state"),
        "{}",
        undone.description
    );
    assert_eq!(export(store.conn()).unwrap(), after_create);
    let undone = undo(&mut store, &mut history).unwrap();
    assert!(undone.item.is_none());
    assert_eq!(export(store.conn()).unwrap(), original);
    assert_eq!(
        undo(&mut store, &mut history).unwrap_err().kind(),
        ErrorKind::NothingToUndo
    );
}

#[test]
fn delete_is_refused_while_something_refers_to_the_item_and_can_be_undone() {
    let mut store = Store::open_in_memory().unwrap();
    let mut history = EditHistory::default();
    let error = delete_item(&mut store, &mut history, "SVC-MDM").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::RuleViolations);
    assert!(
        error.to_string().contains("NB-LEN-T14G5 links it"),
        "{error}"
    );

    let before = export(store.conn()).unwrap();
    delete_item(&mut store, &mut history, "ADD-DATA-MIGRATION").unwrap();
    let codes: Vec<String> = list_items(store.conn(), &CatalogQuery::default())
        .unwrap()
        .into_iter()
        .map(|i| i.code)
        .collect();
    assert!(!codes.contains(&"ADD-DATA-MIGRATION".to_owned()));
    undo(&mut store, &mut history).unwrap();
    assert_eq!(export(store.conn()).unwrap(), before);
}
