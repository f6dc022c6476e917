//! Category rules (issue 11, docs/category-rules.md): imported products take
//! their booking contexts and linked items from the rule of their category and
//! manufacturer, the most specific rule winning; rules are assigned on import
//! and reassigned when they change; a product's own contexts win; the catalog
//! rules hold for rules too; an imported notebook is booked with its device
//! management; rules round-trip through the portfolio file.

mod support;

use chrono::NaiveDate;
use serde_json::json;
use servicefolio::booking::{plan, BookingRequest, ContextSelector, LineReason};
use servicefolio::catalog::{
    self, CatalogQuery, CategoryRuleRecord, EditHistory, ItemDraft, ItemRecord, LinkMode,
    LinkQuantity, LinkRecord, RuleDraft,
};
use servicefolio::feed::{read_csv, MappingProfile};
use servicefolio::master::ImportReport;
use servicefolio::portfolio::{self, PortfolioFile};
use servicefolio::vocabulary::{BookingContext, ContextRef, ItemStatus};
use servicefolio::{Error, ErrorKind, Store};
use std::io::Cursor;
use support::booking::{for_employee, purchase};
use support::customers;
use support::feeds::{from_source, import_bytes, itscope_csv};

/// One row: key, manufacturer, name, product type name, cost price.
fn row(key: &str, maker: &str, name: &str, type_name: &str, cost: &str) -> String {
    format!("{key};;MPN-{key};{maker};{name};;;9999;{type_name};{cost};;EUR;19;1;5;S-{key}")
}

/// An ITScope file imported as ITScope's.
fn import(store: &mut Store, bytes: &[u8]) -> ImportReport {
    import_bytes(store, bytes, "itscope.csv", &from_source("itscope")).expect("import")
}

fn id_of(store: &Store, code: &str) -> i64 {
    store
        .conn()
        .query_row("SELECT id FROM catalog_item WHERE code = ?1", [code], |r| {
            r.get(0)
        })
        .unwrap_or_else(|e| panic!("{code}: {e}"))
}

/// The name of the rule that governs the product, as its detail pane says.
fn governed_by(store: &Store, code: &str) -> Option<String> {
    catalog::item_detail(store.conn(), id_of(store, code))
        .expect("detail")
        .governing_rule
        .map(|r| r.name)
}

fn link(item: &str, mode: LinkMode) -> LinkRecord {
    LinkRecord {
        item: item.into(),
        mode,
        quantity: LinkQuantity::PerParentUnit(1),
    }
}

fn rule(
    name: &str,
    categories: &[&str],
    manufacturer: Option<&str>,
    contexts: &[BookingContext],
    links: Vec<LinkRecord>,
) -> CategoryRuleRecord {
    CategoryRuleRecord {
        name: name.into(),
        categories: categories.iter().map(|c| (*c).to_owned()).collect(),
        manufacturer: manufacturer.map(str::to_owned),
        allowed_contexts: contexts.to_vec(),
        links,
    }
}

fn save(store: &mut Store, id: Option<i64>, record: CategoryRuleRecord) -> catalog::RuleApplied {
    catalog::save_category_rule(store, &RuleDraft { id, record }).expect("save rule")
}

fn rule_id(store: &Store, name: &str) -> i64 {
    catalog::category_rules(store.conn())
        .expect("rules")
        .into_iter()
        .find(|r| r.record.name == name)
        .unwrap_or_else(|| panic!("no rule {name}"))
        .id
}

fn counts(store: &Store) -> Vec<(String, i64)> {
    catalog::category_rules(store.conn())
        .expect("rules")
        .into_iter()
        .map(|r| (r.record.name, r.products))
        .collect()
}

const EMPLOYEE: BookingContext = BookingContext::Employee;
const WORKPLACE: BookingContext = BookingContext::Workplace;
const LOCATION: BookingContext = BookingContext::Location;

/// An empty catalog with the two services rules link to.
/// An empty catalog but for the two services rules link: device management
/// (5.00 a month) and backup (3.00).
fn empty_with_services() -> Store {
    support::catalog::store_with(json!({"services": [
        support::catalog::device_service("MDM", "Device management", "Workplace", "5.00"),
        support::catalog::device_service("BACKUP", "Backup", "Security", "3.00"),
    ]}))
}

#[test]
fn the_most_specific_rule_governs_and_case_does_not_matter() {
    let mut store = empty_with_services();
    save(
        &mut store,
        None,
        rule("Default", &[], None, &[EMPLOYEE, LOCATION], vec![]),
    );
    save(
        &mut store,
        None,
        rule(
            "Notebooks",
            &["Notebook", "Notebooks"],
            None,
            &[EMPLOYEE, WORKPLACE],
            vec![link("MDM", LinkMode::Mandatory)],
        ),
    );
    save(
        &mut store,
        None,
        rule(
            "Lenovo notebooks",
            &["notebooks"],
            Some("Lenovo"),
            &[WORKPLACE],
            vec![],
        ),
    );
    save(
        &mut store,
        None,
        rule("Apple", &[], Some("Apple"), &[EMPLOYEE], vec![]),
    );
    import(
        &mut store,
        &itscope_csv(&[
            row("1", "LENOVO", "ThinkPad", "Notebooks", "900,00"),
            row("2", "Dell", "Latitude", "NOTEBOOK", "800,00"),
            row("3", "Apple", "Studio Display", "Monitore", "1500,00"),
            row("4", "Apple", "MacBook Air", "Notebooks", "1100,00"),
            row("5", "Logitech", "MX Master", "Mäuse", "80,00"),
            row("6", "Logitech", "No type", "", "10,00"),
        ]),
    );
    // Category and manufacturer, then category, then manufacturer, then default.
    assert_eq!(
        governed_by(&store, "ITSCOPE-1").as_deref(),
        Some("Lenovo notebooks")
    );
    assert_eq!(
        governed_by(&store, "ITSCOPE-2").as_deref(),
        Some("Notebooks")
    );
    assert_eq!(governed_by(&store, "ITSCOPE-3").as_deref(), Some("Apple"));
    assert_eq!(
        governed_by(&store, "ITSCOPE-4").as_deref(),
        Some("Notebooks")
    );
    assert_eq!(governed_by(&store, "ITSCOPE-5").as_deref(), Some("Default"));
    assert_eq!(governed_by(&store, "ITSCOPE-6").as_deref(), Some("Default"));
    // The detail shows the rule's contexts and links.
    let detail = catalog::item_detail(store.conn(), id_of(&store, "ITSCOPE-2")).expect("detail");
    assert_eq!(detail.allowed_contexts, [EMPLOYEE, WORKPLACE]);
    assert_eq!(detail.links.len(), 1);
    assert_eq!(detail.links[0].item.code, "MDM");
    assert_eq!(detail.links[0].mode, LinkMode::Mandatory);
    // ... and the linked service says which rule links it, with its products.
    let mdm = catalog::item_detail(store.conn(), id_of(&store, "MDM")).expect("mdm");
    assert!(
        mdm.linked_from.is_empty(),
        "no product is listed one by one"
    );
    assert_eq!(mdm.linked_from_rules.len(), 1);
    assert_eq!(mdm.linked_from_rules[0].name, "Notebooks");
    assert_eq!(mdm.linked_from_rules[0].products, 2);
    assert_eq!(
        counts(&store),
        [
            ("Apple".to_owned(), 1),
            ("Default".to_owned(), 2),
            ("Lenovo notebooks".to_owned(), 1),
            ("Notebooks".to_owned(), 2)
        ]
    );
}

#[test]
fn without_a_matching_rule_a_product_cannot_be_booked_and_the_refusal_says_how_to_fix_it() {
    let mut store = empty_with_services();
    let customer = customer_with_employee(&mut store);
    import(
        &mut store,
        &itscope_csv(&[row("1", "Dell", "Latitude", "Notebooks", "800,00")]),
    );
    assert_eq!(governed_by(&store, "ITSCOPE-1"), None);
    let detail = catalog::item_detail(store.conn(), id_of(&store, "ITSCOPE-1")).expect("detail");
    assert!(detail.allowed_contexts.is_empty());
    let Err(Error::InvalidRequest(problems)) = plan(store.conn(), &book(&customer, "ITSCOPE-1"))
    else {
        panic!("refused");
    };
    let reasons: Vec<&str> = problems.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(
        reasons[0].contains("cannot be booked yet")
            && reasons[0].contains("\"Notebooks\"")
            && reasons[0].contains("category rule"),
        "{}",
        reasons[0]
    );
    // A rule for the category makes it bookable at once.
    let applied = save(
        &mut store,
        None,
        rule(
            "Notebooks",
            &["Notebooks"],
            None,
            &[EMPLOYEE, WORKPLACE],
            vec![],
        ),
    );
    assert_eq!(applied.changed, 1);
    assert_eq!(applied.rule.expect("rule").products, 1);
    plan(store.conn(), &book(&customer, "ITSCOPE-1")).expect("bookable now");
}

struct Customer {
    id: i64,
    employee: i64,
}

/// ACME GmbH with Anna Schmidt in Berlin.
fn customer_with_employee(store: &mut Store) -> Customer {
    let acme = customers::acme_gmbh()
        .location("Berlin")
        .employees_at("Berlin", &["Anna Schmidt"])
        .create_in(store);
    Customer {
        id: acme.id,
        employee: acme.employees[0],
    }
}

fn book(customer: &Customer, item: &str) -> BookingRequest {
    BookingRequest {
        quantity: 2,
        ..purchase(
            customer.id,
            item,
            for_employee(customer.employee),
            NaiveDate::from_ymd_opt(2027, 1, 1).expect("date"),
        )
    }
}

#[test]
fn an_imported_notebook_in_the_demo_is_booked_with_its_device_management() {
    // The demo portfolio's rules: every notebook an ITScope feed brings is
    // bookable for an employee at once, with device management mandatory and
    // backup offered, like the demo's own notebooks.
    let mut store = Store::open_in_memory().expect("demo");
    let customer = customer_with_employee(&mut store);
    import(
        &mut store,
        &itscope_csv(&[
            row(
                "10001039",
                "Lenovo",
                "Lenovo ThinkPad E14 Gen 6",
                "Notebooks",
                "689,00",
            ),
            row("10001040", "Dell", "Dell P2425H", "Monitore", "139,00"),
        ]),
    );
    assert_eq!(
        governed_by(&store, "ITSCOPE-10001039").as_deref(),
        Some("Notebooks")
    );
    let planned = plan(store.conn(), &book(&customer, "ITSCOPE-10001039")).expect("plan");
    let mdm: Vec<_> = planned
        .lines
        .iter()
        .filter(|l| l.item_code == "SVC-MDM")
        .collect();
    assert_eq!(mdm.len(), 1, "{:?}", planned.lines);
    assert_eq!(mdm[0].quantity, 2, "one per notebook");
    assert_eq!(
        mdm[0].reason,
        LineReason::Mandatory {
            with: "Lenovo ThinkPad E14 Gen 6".into()
        }
    );
    assert_eq!(mdm[0].parent, Some(0));
    assert_eq!(
        planned
            .offered
            .iter()
            .map(|o| o.item_code.as_str())
            .collect::<Vec<_>>(),
        ["SVC-BACKUP"]
    );
    // The monitor is bookable at a location, with nothing linked.
    let mut at_location = book(&customer, "ITSCOPE-10001040");
    let location: i64 = store
        .conn()
        .query_row("SELECT id FROM location", [], |r| r.get(0))
        .expect("location");
    at_location.contexts = ContextSelector::Contexts(vec![ContextRef::Location(location)]);
    let planned = plan(store.conn(), &at_location).expect("monitor");
    assert_eq!(planned.lines.len(), 1);
    // An offer goes through the same plan.
    let offer = store
        .write(|tx| {
            servicefolio::offer::create_offer(
                tx,
                &servicefolio::offer::OfferDraft {
                    customer_id: customer.id,
                    requests: vec![book(&customer, "ITSCOPE-10001039")],
                    changes: Vec::new(),
                    offer_date: None,
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .expect("offer");
    let codes: Vec<&str> = offer.lines().map(|l| l.item_code.as_str()).collect();
    assert!(codes.contains(&"SVC-MDM"), "{codes:?}");
}

#[test]
fn an_unpriced_imported_notebook_is_governed_by_its_rule_but_not_sold_until_it_has_a_price() {
    // Category rules (contexts, links) meet unpriced products: the rule makes
    // the notebook bookable for an employee, yet without a price the plan and
    // an offer refuse it for that reason, and nothing is written; once a feed
    // brings the price, it books with its mandatory device management.
    let mut store = Store::open_in_memory().expect("demo");
    let customer = customer_with_employee(&mut store);
    let report = import(
        &mut store,
        &itscope_csv(&[row(
            "10001041",
            "Lenovo",
            "Lenovo ThinkPad T14 Gen 5",
            "Notebooks",
            "",
        )]),
    );
    assert_eq!((report.new, report.unpriced), (1, 1), "{report:?}");
    assert_eq!(
        governed_by(&store, "ITSCOPE-10001041").as_deref(),
        Some("Notebooks")
    );
    let refused = plan(store.conn(), &book(&customer, "ITSCOPE-10001041")).expect_err("no price");
    assert_eq!(refused.kind(), ErrorKind::InvalidRequest);
    let message = refused.to_string();
    assert!(
        message.contains("Lenovo ThinkPad T14 Gen 5 has no price yet"),
        "{message}"
    );
    assert!(
        !message.contains("allows"),
        "its rule allows employees: {message}"
    );
    let before = servicefolio::store::revision(store.conn()).expect("revision");
    let refused = store
        .write(|tx| {
            servicefolio::offer::create_offer(
                tx,
                &servicefolio::offer::OfferDraft {
                    customer_id: customer.id,
                    requests: vec![book(&customer, "ITSCOPE-10001041")],
                    changes: Vec::new(),
                    offer_date: None,
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .expect_err("no offer");
    assert!(
        refused.to_string().contains("has no price yet"),
        "{refused}"
    );
    assert_eq!(
        servicefolio::store::revision(store.conn()).expect("revision"),
        before
    );
    let offers: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM offer", [], |r| r.get(0))
        .expect("offers");
    assert_eq!(offers, 0);

    // In a portfolio file it has no contexts of its own and no price, and a
    // catalog made from that file has it governed by the same rule, unpriced.
    let exported = portfolio::export(store.conn()).expect("export");
    let mut copy = Store::open_in_memory_empty().expect("empty");
    portfolio::import(&mut copy, &PortfolioFile::parse(&exported).expect("parse")).expect("import");
    assert_eq!(portfolio::export(copy.conn()).expect("export"), exported);
    assert_eq!(
        governed_by(&copy, "ITSCOPE-10001041").as_deref(),
        Some("Notebooks")
    );
    let ItemRecord::Product(p) =
        servicefolio::catalog::read_item(copy.conn(), "ITSCOPE-10001041").expect("read")
    else {
        panic!("a product")
    };
    assert_eq!((p.list_price, p.allowed_contexts.len()), (None, 0));

    // The next feed prices it: it keeps its rule and books with what the rule links.
    let report = import(
        &mut store,
        &itscope_csv(&[row(
            "10001041",
            "Lenovo",
            "Lenovo ThinkPad T14 Gen 5",
            "Notebooks",
            "899,00",
        )]),
    );
    assert_eq!((report.updated, report.unpriced), (1, 0), "{report:?}");
    assert_eq!(
        governed_by(&store, "ITSCOPE-10001041").as_deref(),
        Some("Notebooks")
    );
    let planned = plan(store.conn(), &book(&customer, "ITSCOPE-10001041")).expect("priced");
    assert!(
        planned.lines.iter().any(|l| l.item_code == "SVC-MDM"),
        "{:?}",
        planned.lines
    );
    assert!(!planned.lines[0].terms.one_time_per_unit.is_zero());
}

#[test]
fn a_rule_that_links_an_unpriced_product_says_so_when_its_products_are_booked() {
    // A rule links a dock to every notebook; the dock came from master data
    // without a price. Offered (optional), it does not stand in the way;
    // mandatory, booking a notebook is refused naming the dock and why it is
    // there.
    let mut store = empty_with_services();
    let customer = customer_with_employee(&mut store);
    import(
        &mut store,
        &itscope_csv(&[
            row("1", "Lenovo", "Lenovo ThinkPad E14", "Notebooks", "689,00"),
            row("2", "Lenovo", "Lenovo USB-C Dock", "Docks", ""),
        ]),
    );
    let dock = || link("ITSCOPE-2", LinkMode::Optional);
    let mut notebooks = rule(
        "Notebooks",
        &["Notebooks"],
        None,
        &[EMPLOYEE, WORKPLACE],
        vec![link("MDM", LinkMode::Mandatory), dock()],
    );
    save(&mut store, None, notebooks.clone());
    save(
        &mut store,
        None,
        rule("Docks", &["Docks"], None, &[EMPLOYEE, WORKPLACE], vec![]),
    );
    let planned = plan(store.conn(), &book(&customer, "ITSCOPE-1")).expect("offered only");
    assert_eq!(
        planned
            .offered
            .iter()
            .map(|o| o.item_code.as_str())
            .collect::<Vec<_>>(),
        ["ITSCOPE-2"]
    );
    let mut with_dock = book(&customer, "ITSCOPE-1");
    with_dock.include_optional = vec!["ITSCOPE-2".into()];
    let refused = plan(store.conn(), &with_dock).expect_err("the dock has no price");
    assert!(
        refused.to_string().contains(
            "Lenovo USB-C Dock has no price yet: it can be booked or offered once an import or \
             the designer gives it one (it comes with Lenovo ThinkPad E14)"
        ),
        "{refused}"
    );

    notebooks.links[1].mode = LinkMode::Mandatory;
    let id = rule_id(&store, "Notebooks");
    save(&mut store, Some(id), notebooks);
    let refused = plan(store.conn(), &book(&customer, "ITSCOPE-1")).expect_err("mandatory");
    assert_eq!(refused.kind(), ErrorKind::InvalidRequest);
    assert!(
        refused
            .to_string()
            .contains("Lenovo USB-C Dock has no price yet"),
        "{refused}"
    );
    assert!(
        refused
            .to_string()
            .contains("(it comes with Lenovo ThinkPad E14)"),
        "{refused}"
    );
}

#[test]
fn changing_a_rule_reassigns_its_products_and_says_how_many_changed() {
    let mut store = empty_with_services();
    import(
        &mut store,
        &itscope_csv(&[
            row("1", "Dell", "Latitude", "Notebooks", "800,00"),
            row("2", "HP", "EliteBook", "Laptop", "900,00"),
            row("3", "HP", "Z2 Mini", "Desktops", "700,00"),
            row("4", "Dell", "OptiPlex", "Desktops", "600,00"),
        ]),
    );
    let created = save(
        &mut store,
        None,
        rule("Notebooks", &["Notebooks"], None, &[EMPLOYEE], vec![]),
    );
    assert_eq!(created.changed, 1);
    let notebooks = created.rule.expect("rule").id;
    // New categories claim more products.
    let wider = save(
        &mut store,
        Some(notebooks),
        rule(
            "Notebooks",
            &["Laptop", "Notebooks"],
            None,
            &[EMPLOYEE],
            vec![],
        ),
    );
    assert_eq!(wider.changed, 1, "the laptop joined");
    assert_eq!(wider.rule.expect("rule").products, 2);
    // What the rule allows changes for every product it governs, and no
    // product moves.
    let allows_more = save(
        &mut store,
        Some(notebooks),
        rule(
            "Notebooks",
            &["Laptop", "Notebooks"],
            None,
            &[EMPLOYEE, WORKPLACE],
            vec![link("MDM", LinkMode::Mandatory)],
        ),
    );
    assert_eq!(allows_more.changed, 2);
    // Contexts alone, or links alone, change every product it governs too.
    let contexts_only = save(
        &mut store,
        Some(notebooks),
        rule(
            "Notebooks",
            &["Laptop", "Notebooks"],
            None,
            &[WORKPLACE],
            vec![link("MDM", LinkMode::Mandatory)],
        ),
    );
    assert_eq!(contexts_only.changed, 2);
    let links_only = save(
        &mut store,
        Some(notebooks),
        rule(
            "Notebooks",
            &["Laptop", "Notebooks"],
            None,
            &[WORKPLACE],
            vec![link("MDM", LinkMode::Optional)],
        ),
    );
    assert_eq!(links_only.changed, 2);
    save(
        &mut store,
        Some(notebooks),
        rule(
            "Notebooks",
            &["Laptop", "Notebooks"],
            None,
            &[EMPLOYEE, WORKPLACE],
            vec![link("MDM", LinkMode::Mandatory)],
        ),
    );
    assert_eq!(
        catalog::item_detail(store.conn(), id_of(&store, "ITSCOPE-2"))
            .expect("detail")
            .allowed_contexts,
        [EMPLOYEE, WORKPLACE]
    );
    // Saving it unchanged changes nothing.
    let same = save(
        &mut store,
        Some(notebooks),
        rule(
            "Notebooks",
            &["Laptop", "Notebooks"],
            None,
            &[EMPLOYEE, WORKPLACE],
            vec![link("MDM", LinkMode::Mandatory)],
        ),
    );
    assert_eq!(same.changed, 0);
    // A default rule takes every product no other rule has.
    let default = save(
        &mut store,
        None,
        rule("Default", &[], None, &[LOCATION], vec![]),
    );
    assert_eq!(default.changed, 2);
    // A manufacturer rule takes Dell's desktop from the default, not its notebook.
    let dell = save(
        &mut store,
        None,
        rule("Dell", &[], Some("DELL"), &[EMPLOYEE], vec![]),
    );
    assert_eq!(dell.changed, 1);
    assert_eq!(governed_by(&store, "ITSCOPE-4").as_deref(), Some("Dell"));
    assert_eq!(
        governed_by(&store, "ITSCOPE-1").as_deref(),
        Some("Notebooks")
    );
    // Narrowing gives the laptop back to the default.
    let narrower = save(
        &mut store,
        Some(notebooks),
        rule(
            "Notebooks",
            &["Notebooks"],
            None,
            &[EMPLOYEE, WORKPLACE],
            vec![link("MDM", LinkMode::Mandatory)],
        ),
    );
    assert_eq!(narrower.changed, 1);
    assert_eq!(governed_by(&store, "ITSCOPE-2").as_deref(), Some("Default"));
    // Deleting a rule hands its products to the next rule that matches.
    let deleted = catalog::delete_category_rule(&mut store, notebooks).expect("delete");
    assert_eq!(deleted.changed, 1);
    assert_eq!(governed_by(&store, "ITSCOPE-1").as_deref(), Some("Dell"));
    let default_id = rule_id(&store, "Default");
    catalog::delete_category_rule(&mut store, default_id).expect("delete default");
    assert_eq!(governed_by(&store, "ITSCOPE-2"), None);
    assert_eq!(governed_by(&store, "ITSCOPE-3"), None);
    // The manufacturer rule moves from Dell to HP: Dell's products leave it,
    // HP's (governed by no rule) join it.
    let dell_id = rule_id(&store, "Dell");
    let moved = save(
        &mut store,
        Some(dell_id),
        rule("Dell", &[], Some("HP"), &[EMPLOYEE], vec![]),
    );
    assert_eq!(moved.changed, 4);
    assert_eq!(governed_by(&store, "ITSCOPE-1"), None);
    assert_eq!(governed_by(&store, "ITSCOPE-4"), None);
    assert_eq!(governed_by(&store, "ITSCOPE-2").as_deref(), Some("Dell"));
    assert_eq!(governed_by(&store, "ITSCOPE-3").as_deref(), Some("Dell"));
    // No product points at a rule that is gone.
    let dangling: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM product WHERE category_rule_id IS NOT NULL
             AND category_rule_id NOT IN (SELECT id FROM category_rule)",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(dangling, 0);
}

#[test]
fn an_import_reassigns_a_product_whose_category_changed() {
    let mut store = empty_with_services();
    save(
        &mut store,
        None,
        rule("Notebooks", &["Notebooks"], None, &[EMPLOYEE], vec![]),
    );
    save(
        &mut store,
        None,
        rule("Monitors", &["Monitore"], None, &[LOCATION], vec![]),
    );
    import(
        &mut store,
        &itscope_csv(&[row("1", "Dell", "P2425H", "Notebooks", "139,00")]),
    );
    assert_eq!(
        governed_by(&store, "ITSCOPE-1").as_deref(),
        Some("Notebooks")
    );
    // The supplier corrects the product type.
    let report = import(
        &mut store,
        &itscope_csv(&[row("1", "Dell", "P2425H", "Monitore", "139,00")]),
    );
    assert_eq!(report.updated, 1);
    assert_eq!(
        governed_by(&store, "ITSCOPE-1").as_deref(),
        Some("Monitors")
    );
}

#[test]
fn a_products_own_contexts_win_over_its_rule() {
    let mut store = Store::open_in_memory().expect("demo");
    // The demo's notebooks have contexts and links of their own.
    assert_eq!(governed_by(&store, "NB-LEN-T14G5"), None);
    import(
        &mut store,
        &itscope_csv(&[row("7", "HP", "HP ProBook 450", "Notebooks", "700,00")]),
    );
    assert_eq!(
        governed_by(&store, "ITSCOPE-7").as_deref(),
        Some("Notebooks")
    );
    // The designer gives the imported notebook contexts of its own: they stand,
    // with its own (no) links.
    let mut history = EditHistory::default();
    let ItemRecord::Product(mut product) =
        catalog::item_record(store.conn(), "ITSCOPE-7").expect("record")
    else {
        panic!("a product");
    };
    assert!(product.allowed_contexts.is_empty(), "the file keeps it so");
    product.allowed_contexts = vec![LOCATION];
    catalog::save_item(
        &mut store,
        &mut history,
        &ItemDraft {
            original_code: Some("ITSCOPE-7".into()),
            record: ItemRecord::Product(product.clone()),
        },
    )
    .expect("designer save after an import");
    let detail = catalog::item_detail(store.conn(), id_of(&store, "ITSCOPE-7")).expect("detail");
    assert_eq!(detail.governing_rule, None);
    assert_eq!(detail.allowed_contexts, [LOCATION]);
    assert!(detail.links.is_empty());
    // Taking its contexts away gives it back to its rule.
    product.allowed_contexts = vec![];
    catalog::save_item(
        &mut store,
        &mut history,
        &ItemDraft {
            original_code: Some("ITSCOPE-7".into()),
            record: ItemRecord::Product(product.clone()),
        },
    )
    .expect("back to the rule");
    assert_eq!(
        governed_by(&store, "ITSCOPE-7").as_deref(),
        Some("Notebooks")
    );
    // A product without contexts cannot have links of its own: its rule's apply.
    product.links = vec![link("SVC-EDR", LinkMode::Optional)];
    let Err(Error::RuleViolations(violations)) = catalog::save_item(
        &mut store,
        &mut history,
        &ItemDraft {
            original_code: Some("ITSCOPE-7".into()),
            record: ItemRecord::Product(product),
        },
    ) else {
        panic!("refused");
    };
    assert_eq!(violations[0].field, "links");
    assert!(violations[0].message.contains("give it contexts"));
}

fn refused(store: &mut Store, id: Option<i64>, record: CategoryRuleRecord) -> Vec<String> {
    let before = portfolio::export(store.conn()).expect("export");
    let result = catalog::save_category_rule(store, &RuleDraft { id, record });
    let Err(Error::RuleViolations(violations)) = result else {
        panic!("refused: {result:?}");
    };
    assert_eq!(
        portfolio::export(store.conn()).expect("export"),
        before,
        "a refused rule changes nothing"
    );
    violations
        .into_iter()
        .map(|v| format!("{} {}: {}", v.item, v.field, v.message))
        .collect()
}

#[test]
fn rules_obey_the_catalog_rules() {
    let mut store = Store::open_in_memory().expect("demo");
    let notebooks = rule_id(&store, "Notebooks");
    let record = |links: Vec<LinkRecord>| {
        rule(
            "Notebooks",
            &["Notebooks"],
            None,
            &[EMPLOYEE, WORKPLACE],
            links,
        )
    };
    // A link to an item the catalog does not have, or to an add-on.
    let found = refused(
        &mut store,
        Some(notebooks),
        record(vec![link("SVC-NOPE", LinkMode::Optional)]),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("links[0].item") && found[0].contains("not in the catalog"));
    let found = refused(
        &mut store,
        Some(notebooks),
        record(vec![link("ADD-ONSITE-INSTALL", LinkMode::Optional)]),
    );
    assert!(found[0].contains("add-on"), "{found:?}");
    // No contexts; a category another rule governs; a second default.
    let found = refused(
        &mut store,
        None,
        rule("Laptops again", &["laptop"], None, &[], vec![]),
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].contains("at least one booking context"));
    assert!(
        found[1].contains("categories[0]")
            && found[1].contains("already governed by category rule Notebooks")
    );
    let found = refused(
        &mut store,
        None,
        rule("Fallback", &[], None, &[EMPLOYEE], vec![]),
    );
    assert!(found[0].contains("already the default rule"), "{found:?}");
    // The same name (ignoring case), blanks at its ends.
    let found = refused(
        &mut store,
        None,
        rule("notebooks", &["Tablets"], None, &[EMPLOYEE], vec![]),
    );
    assert!(found[0].contains("already used"), "{found:?}");
    let found = refused(
        &mut store,
        None,
        rule("Tablets ", &["Tablet"], None, &[EMPLOYEE], vec![]),
    );
    assert!(found[0].contains("spaces at its ends"), "{found:?}");
}

#[test]
fn a_mandatory_link_through_a_rule_forms_no_cycle() {
    let mut store = empty_with_services();
    import(
        &mut store,
        &itscope_csv(&[row("1", "Dell", "Latitude", "Notebooks", "800,00")]),
    );
    // The device management service comes with this very notebook ...
    let file =
        PortfolioFile::parse(&portfolio::export(store.conn()).expect("export")).expect("file");
    let mut mdm = file
        .catalog
        .services
        .into_iter()
        .find(|s| s.code == "MDM")
        .expect("mdm");
    mdm.links = vec![link("ITSCOPE-1", LinkMode::Mandatory)];
    catalog::save_item(
        &mut store,
        &mut EditHistory::default(),
        &ItemDraft {
            original_code: Some("MDM".into()),
            record: ItemRecord::Service(mdm),
        },
    )
    .expect("no rule yet, no cycle");
    // ... so a rule giving notebooks mandatory device management would loop.
    let found = refused(
        &mut store,
        None,
        rule(
            "Notebooks",
            &["Notebooks"],
            None,
            &[EMPLOYEE],
            vec![link("MDM", LinkMode::Mandatory)],
        ),
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("cycle")
            && found[0].contains("category rule Notebooks")
            && found[0].contains("MDM")
            && found[0].contains("ITSCOPE-1"),
        "{found:?}"
    );
    // Optional, it is fine.
    save(
        &mut store,
        None,
        rule(
            "Notebooks",
            &["Notebooks"],
            None,
            &[EMPLOYEE],
            vec![link("MDM", LinkMode::Optional)],
        ),
    );
    // A default rule with the mandatory link, and deleting the notebook rule
    // would hand the notebook to it: refused too.
    save(
        &mut store,
        None,
        rule("Default", &[], None, &[EMPLOYEE], vec![]),
    );
    let default = rule_id(&store, "Default");
    let err = catalog::save_category_rule(
        &mut store,
        &RuleDraft {
            id: Some(default),
            record: rule(
                "Default",
                &[],
                None,
                &[EMPLOYEE],
                vec![link("MDM", LinkMode::Mandatory)],
            ),
        },
    );
    assert!(err.is_ok(), "the notebook follows its own rule: {err:?}");
    let notebooks = rule_id(&store, "Notebooks");
    let Err(Error::RuleViolations(v)) = catalog::delete_category_rule(&mut store, notebooks) else {
        panic!("delete refused");
    };
    assert!(
        v[0].message.contains("cannot be deleted") && v[0].message.contains("cycle"),
        "{v:?}"
    );
    assert_eq!(
        governed_by(&store, "ITSCOPE-1").as_deref(),
        Some("Notebooks")
    );
}

#[test]
fn items_that_rules_link_are_not_deleted_and_retired_ones_are_not_newly_linked() {
    let mut store = Store::open_in_memory().expect("demo");
    let mut history = EditHistory::default();
    let notebooks = rule_id(&store, "Notebooks");
    save(
        &mut store,
        Some(notebooks),
        rule(
            "Notebooks",
            &["Notebooks"],
            None,
            &[EMPLOYEE, WORKPLACE],
            vec![link("SVC-EDR", LinkMode::Optional)],
        ),
    );
    let Err(Error::RuleViolations(v)) = catalog::delete_item(&mut store, &mut history, "SVC-EDR")
    else {
        panic!("deleting an item a rule links is refused");
    };
    assert_eq!(v.len(), 1, "{v:?}");
    assert_eq!(
        v[0].message,
        "SVC-EDR cannot be deleted: category rule Notebooks links it"
    );
    // A retired item keeps its place in a rule, but is not linked anew.
    let ItemRecord::Service(mut backup) =
        catalog::item_record(store.conn(), "SVC-EDR").expect("edr")
    else {
        panic!("service");
    };
    backup.status = ItemStatus::Retired;
    catalog::save_item(
        &mut store,
        &mut history,
        &ItemDraft {
            original_code: Some("SVC-EDR".into()),
            record: ItemRecord::Service(backup),
        },
    )
    .expect("retire");
    save(
        &mut store,
        Some(notebooks),
        rule(
            "Notebooks",
            &["Notebook", "Notebooks"],
            None,
            &[EMPLOYEE, WORKPLACE],
            vec![link("SVC-EDR", LinkMode::Optional)],
        ),
    );
    let desktops = rule_id(&store, "Desktops");
    let found = refused(
        &mut store,
        Some(desktops),
        rule(
            "Desktops",
            &["Desktops"],
            None,
            &[EMPLOYEE],
            vec![link("SVC-EDR", LinkMode::Optional)],
        ),
    );
    assert!(found[0].contains("retired"), "{found:?}");
}

#[test]
fn rules_round_trip_through_the_portfolio_file() {
    let demo = Store::open_in_memory().expect("demo");
    let exported = portfolio::export(demo.conn()).expect("export");
    let file = PortfolioFile::parse(&exported).expect("parse");
    assert!(file.catalog.category_rules.len() >= 6);
    assert_eq!(
        exported,
        servicefolio::demo::PORTFOLIO,
        "the demo file is in canonical form, rules included"
    );
    let mut other = Store::open_in_memory_empty().expect("empty");
    portfolio::import(&mut other, &file).expect("import");
    assert_eq!(portfolio::export(other.conn()).expect("again"), exported);
    // Importing it again changes nothing.
    let summary = portfolio::import(&mut other, &file).expect("again");
    assert_eq!((summary.added, summary.updated), (0, 0));

    // Unknown fields are refused with their path; so is a rule breaking a rule.
    let bad = exported.replacen(
        "\"name\": \"Default\",",
        "\"name\": \"Default\", \"colour\": 1,",
        1,
    );
    let err = PortfolioFile::parse(&bad).expect_err("unknown field");
    assert_eq!(err.kind(), ErrorKind::InvalidPortfolio);
    assert!(
        err.to_string().contains("$.catalog.category_rules[0]"),
        "{err}"
    );
    assert!(err.to_string().contains("colour"), "{err}");
    let mut file = PortfolioFile::parse(&exported).expect("parse");
    let last = file.catalog.category_rules.len() - 1;
    file.catalog.category_rules[last].links = vec![link("SVC-GONE", LinkMode::Mandatory)];
    let err = portfolio::import(&mut other, &file).expect_err("dangling link");
    assert!(
        err.to_string()
            .contains(&format!("$.catalog.category_rules[{last}].links[0].item")),
        "{err}"
    );
}

#[test]
fn a_rule_from_a_file_is_applied_to_products_already_imported() {
    let mut store = empty_with_services();
    import(
        &mut store,
        &itscope_csv(&[row("1", "Dell", "Latitude", "Laptop", "800,00")]),
    );
    let mut file =
        PortfolioFile::parse(&portfolio::export(store.conn()).expect("export")).expect("file");
    file.catalog.products.clear();
    file.catalog.category_rules = vec![rule(
        "Notebooks",
        &["Laptop"],
        None,
        &[EMPLOYEE],
        vec![
            link("MDM", LinkMode::Mandatory),
            link("BACKUP", LinkMode::Optional),
        ],
    )];
    let summary = portfolio::import(&mut store, &file).expect("import");
    assert_eq!(summary.added, 1);
    assert_eq!(
        governed_by(&store, "ITSCOPE-1").as_deref(),
        Some("Notebooks")
    );
    // The imported product exports without contexts: the rule gives them.
    let exported =
        PortfolioFile::parse(&portfolio::export(store.conn()).expect("export")).expect("file");
    let product = &exported.catalog.products[0];
    assert!(product.allowed_contexts.is_empty());
    assert!(product.links.is_empty());
}

#[test]
fn the_itscope_profile_reads_the_product_type_name_in_both_exports() {
    let standard = itscope_csv(&[row("1", "Dell", "Latitude", "Notebooks", "800,00")]);
    let small = "Puid;Ean;ManufacturerSKU;ProductName;ShortInfo;ProductType;Price\n\
                 2;;X1;Dell P2425H;24 Zoll;Monitore;139,00\n";
    for (bytes, expected) in [
        (standard, "Notebooks"),
        (small.as_bytes().to_vec(), "Monitore"),
    ] {
        let mut categories = Vec::new();
        read_csv(
            Cursor::new(bytes),
            &MappingProfile::itscope(),
            "itscope.csv",
            &mut |item| {
                if let servicefolio::feed::FeedItem::Article(a) = item {
                    categories.push(a.category.clone());
                }
                Ok::<(), std::convert::Infallible>(())
            },
        )
        .expect("reads");
        assert_eq!(categories, [Some(expected.to_owned())]);
    }
    // The generated feed (benches) carries the name too.
    let mut feed = Vec::new();
    servicefolio::feed::generate_itscope_feed(40, 3, &mut feed).expect("feed");
    let mut store = Store::open_in_memory().expect("demo");
    import(&mut store, &feed);
    let categories: Vec<String> = store
        .conn()
        .prepare(
            "SELECT DISTINCT ci.category FROM catalog_item ci JOIN product p ON p.item_id = ci.id
             WHERE p.source = 'itscope'",
        )
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("categories");
    assert!(!categories.is_empty());
    assert!(
        categories
            .iter()
            .all(|c| c.chars().any(char::is_alphabetic)),
        "names, not ids: {categories:?}"
    );
    let ungoverned: i64 = store
        .conn()
        .query_row(
            "SELECT count(*) FROM product WHERE source = 'itscope' AND category_rule_id IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(
        ungoverned, 0,
        "the demo's rules govern every generated product"
    );
    let list = catalog::list_items(
        store.conn(),
        &CatalogQuery {
            text: "Notebooks".into(),
            ..CatalogQuery::default()
        },
    )
    .expect("list");
    assert!(list.iter().any(|i| i.code.starts_with("EAN-")));
}

const BMECAT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<BMECAT version="1.2" xmlns="http://www.bmecat.org/bmecat/1.2/bmecat_new_catalog">
  <HEADER>
    <CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>C1</CATALOG_ID><CATALOG_VERSION>1</CATALOG_VERSION><CURRENCY>EUR</CURRENCY></CATALOG>
    <SUPPLIER><SUPPLIER_NAME>Acme Distribution</SUPPLIER_NAME></SUPPLIER>
  </HEADER>
  <T_NEW_CATALOG>
    <CATALOG_GROUP_SYSTEM>
      <CATALOG_STRUCTURE type="node"><GROUP_ID>10</GROUP_ID><GROUP_NAME>Notebooks</GROUP_NAME><PARENT_ID>0</PARENT_ID></CATALOG_STRUCTURE>
      <CATALOG_STRUCTURE type="leaf"><GROUP_ID>11</GROUP_ID><PARENT_ID>10</PARENT_ID></CATALOG_STRUCTURE>
    </CATALOG_GROUP_SYSTEM>
    <ARTICLE>
      <SUPPLIER_AID>A-1</SUPPLIER_AID>
      <ARTICLE_DETAILS><DESCRIPTION_SHORT>Notebook in a nameless group</DESCRIPTION_SHORT><MANUFACTURER_NAME>Dell</MANUFACTURER_NAME></ARTICLE_DETAILS>
      <ARTICLE_PRICE_DETAILS><ARTICLE_PRICE price_type="net_customer"><PRICE_AMOUNT>800</PRICE_AMOUNT></ARTICLE_PRICE></ARTICLE_PRICE_DETAILS>
    </ARTICLE>
    <ARTICLE>
      <SUPPLIER_AID>A-2</SUPPLIER_AID>
      <ARTICLE_DETAILS><DESCRIPTION_SHORT>Article in a group the file does not describe</DESCRIPTION_SHORT></ARTICLE_DETAILS>
      <ARTICLE_PRICE_DETAILS><ARTICLE_PRICE price_type="net_customer"><PRICE_AMOUNT>5</PRICE_AMOUNT></ARTICLE_PRICE></ARTICLE_PRICE_DETAILS>
    </ARTICLE>
    <ARTICLE_TO_CATALOGGROUP_MAP><ART_ID>A-1</ART_ID><CATALOG_GROUP_ID>11</CATALOG_GROUP_ID></ARTICLE_TO_CATALOGGROUP_MAP>
    <ARTICLE_TO_CATALOGGROUP_MAP><ART_ID>A-2</ART_ID><CATALOG_GROUP_ID>4711</CATALOG_GROUP_ID></ARTICLE_TO_CATALOGGROUP_MAP>
  </T_NEW_CATALOG>
</BMECAT>
"#;

#[test]
fn a_bmecat_group_without_a_name_gives_its_parents_name_never_its_id() {
    let mut store = Store::open_in_memory().expect("demo");
    let report = import_bytes(
        &mut store,
        BMECAT.as_bytes(),
        "acme.xml",
        &from_source("acme"),
    )
    .expect("import");
    assert_eq!(report.new_products, 2, "{:?}", report.problems);
    let category = |code: &str| -> String {
        store
            .conn()
            .query_row(
                "SELECT category FROM catalog_item WHERE code = ?1",
                [code],
                |r| r.get(0),
            )
            .expect("category")
    };
    assert_eq!(category("ACME-A-1"), "Notebooks");
    assert_eq!(category("ACME-A-2"), "", "not the group id 4711");
    // The group map came after the articles: the notebook was reassigned.
    assert_eq!(
        governed_by(&store, "ACME-A-1").as_deref(),
        Some("Notebooks")
    );
    assert_eq!(governed_by(&store, "ACME-A-2").as_deref(), Some("Default"));
}

#[test]
fn linking_an_unpriced_product_is_allowed_and_warned_of_where_the_link_is_made() {
    // A booking that includes the dock is refused until it has a price; the
    // rules view and the designer say so next to the link, and save anyway
    // (an import may price it soon).
    use servicefolio::catalog::{LinkWarning, LinkWarningKind};
    let mut store = empty_with_services();
    import(
        &mut store,
        &itscope_csv(&[
            row("1", "Lenovo", "Lenovo ThinkPad E14", "Notebooks", "689,00"),
            row("2", "Lenovo", "Lenovo USB-C Dock", "Docks", ""),
        ]),
    );
    let dock_warning = LinkWarning {
        field: "links[1].item".into(),
        item: "ITSCOPE-2".into(),
        name: "Lenovo USB-C Dock".into(),
        kind: LinkWarningKind::Unpriced,
    };
    let notebooks = rule(
        "Notebooks",
        &["Notebooks"],
        None,
        &[EMPLOYEE, WORKPLACE],
        vec![
            link("MDM", LinkMode::Mandatory),
            link("ITSCOPE-2", LinkMode::Optional),
            link("ITSCOPE-1", LinkMode::Optional),
        ],
    );
    let draft = RuleDraft {
        id: None,
        record: notebooks.clone(),
    };
    let checked = catalog::check_rule(store.conn(), &draft).expect("check");
    assert!(checked.violations.is_empty(), "{:?}", checked.violations);
    assert_eq!(checked.warnings, std::slice::from_ref(&dock_warning));
    assert_eq!(
        checked.warnings[0].message(),
        "Lenovo USB-C Dock has no price yet: bookings that include it will be refused until it has one"
    );
    save(&mut store, None, notebooks);

    // The designer: the device management service offering the dock.
    let ItemRecord::Service(mut mdm) = catalog::item_record(store.conn(), "MDM").expect("mdm")
    else {
        panic!("a service");
    };
    mdm.links = vec![
        link("BACKUP", LinkMode::Optional),
        link("ITSCOPE-2", LinkMode::Optional),
    ];
    let draft = ItemDraft {
        original_code: Some("MDM".into()),
        record: ItemRecord::Service(mdm),
    };
    let checked = catalog::check_draft(store.conn(), &draft).expect("check");
    assert!(checked.violations.is_empty(), "{:?}", checked.violations);
    assert_eq!(checked.warnings, std::slice::from_ref(&dock_warning));
    catalog::save_item(&mut store, &mut EditHistory::default(), &draft).expect("saved anyway");

    // Once an import prices the dock, nothing is said.
    import(
        &mut store,
        &itscope_csv(&[row("2", "Lenovo", "Lenovo USB-C Dock", "Docks", "129,00")]),
    );
    let rule_draft = RuleDraft {
        id: Some(rule_id(&store, "Notebooks")),
        record: catalog::category_rule(store.conn(), rule_id(&store, "Notebooks"))
            .expect("rule")
            .record,
    };
    assert!(catalog::check_rule(store.conn(), &rule_draft)
        .expect("check")
        .warnings
        .is_empty());
    assert!(catalog::check_draft(store.conn(), &draft)
        .expect("check")
        .warnings
        .is_empty());
}
