//! Successor services (issue 13, item 4): an item names the items that take its
//! place; the rules keep the names sensible, the portfolio file carries them,
//! the model map draws them, and the inventory says "successor available" on an
//! instance of a deprecated item.

mod support;

use chrono::NaiveDate;
use serde_json::{json, Value};
use servicefolio::booking::{apply, inventory, plan, ApplyAs};
use servicefolio::catalog::{
    catalog_graph, check_draft, delete_item, item_record, read_item, save_item, EdgeKind,
    EditHistory, ItemDraft, ItemKind, ItemRecord,
};
use servicefolio::error::CatalogRule;
use servicefolio::portfolio::{export, import, validate, PortfolioFile};
use servicefolio::vocabulary::ItemStatus;
use servicefolio::{Error, ErrorKind, Store};
use support::booking::for_employee;
use support::catalog::{device_service, portfolio_file, store_with};
use support::customers;

fn notebook(code: &str, status: &str, successors: &[&str]) -> Value {
    json!({
        "code": code, "name": format!("Notebook {code}"), "category": "Notebooks",
        "manufacturer": "Lenovo", "manufacturer_part_number": code, "list_price": "1249.00",
        "currency": "EUR", "tax_rate": "19", "status": status, "allowed_contexts": ["employee"],
        "successors": successors
    })
}

fn service(code: &str, status: &str, successors: &[&str]) -> Value {
    let mut s = device_service(code, &format!("Service {code}"), "Workplace", "10.00");
    s["status"] = json!(status);
    s["successors"] = json!(successors);
    s
}

/// Every violation of a file as (JSON path, rule), in the file's order.
fn violations(catalog: Value) -> Vec<(String, CatalogRule)> {
    let file = PortfolioFile::parse(&portfolio_file(catalog).to_string()).expect("parses");
    match validate(&file) {
        Ok(()) => Vec::new(),
        Err(Error::InvalidPortfolio { violations, .. }) => violations
            .into_iter()
            .map(|l| (l.path, l.violation.rule))
            .collect(),
        Err(other) => panic!("unexpected error {other}"),
    }
}

#[test]
fn a_sensible_successor_breaks_no_rule() {
    // A deprecated service names an active service; a discontinued notebook the next model.
    let found = violations(json!({
        "services": [service("M365-2024", "deprecated", &["M365-2026"]), service("M365-2026", "active", &[])],
        "products": [notebook("T14G4", "discontinued", &["T14G5"]), notebook("T14G5", "active", &[])]
    }));
    assert_eq!(found, []);
}

#[test]
fn a_successor_that_is_not_in_the_catalog_is_a_missing_reference() {
    let found = violations(json!({ "services": [service("OLD", "deprecated", &["NEW"])] }));
    assert_eq!(
        found,
        [(
            "$.catalog.services[0].successors[0]".to_owned(),
            CatalogRule::MissingReference
        )]
    );
}

#[test]
fn a_successor_of_another_kind_is_refused_at_its_field() {
    // A service's customers do not move to a notebook, nor a product's to a basic service.
    let mut tenant = service("TENANT", "active", &[]);
    tenant["kind"] = json!("basic");
    let found = violations(json!({
        "services": [service("OLD", "deprecated", &["NB", "TENANT"]), tenant],
        "products": [notebook("NB", "active", &["TENANT"])]
    }));
    assert_eq!(
        found,
        [
            (
                "$.catalog.services[0].successors[0]".to_owned(),
                CatalogRule::SuccessorKind
            ),
            (
                "$.catalog.services[0].successors[1]".to_owned(),
                CatalogRule::SuccessorKind
            ),
            (
                "$.catalog.products[0].successors[0]".to_owned(),
                CatalogRule::SuccessorKind
            ),
        ]
    );
}

#[test]
fn a_successor_that_is_not_active_is_refused() {
    // Customers are moved to what is sold: not to a deprecated service or a
    // discontinued notebook.
    let found = violations(json!({
        "services": [service("A", "deprecated", &["B"]), service("B", "deprecated", &[])],
        "products": [notebook("N1", "discontinued", &["N2"]), notebook("N2", "discontinued", &[])]
    }));
    assert_eq!(
        found,
        [
            (
                "$.catalog.services[0].successors[0]".to_owned(),
                CatalogRule::SuccessorStatus
            ),
            (
                "$.catalog.products[0].successors[0]".to_owned(),
                CatalogRule::SuccessorStatus
            ),
        ]
    );
}

#[test]
fn successors_form_no_cycle_and_no_item_succeeds_itself() {
    // A → B → A would send customers round in circles; SELF → SELF is the shortest such circle.
    let file = portfolio_file(json!({
        "services": [service("A", "active", &["B"]), service("B", "active", &["A"]),
                     service("SELF", "active", &["SELF"])]
    }));
    let error = validate(&PortfolioFile::parse(&file.to_string()).unwrap()).unwrap_err();
    let Error::InvalidPortfolio { violations, .. } = error else {
        panic!("a refused file")
    };
    let found: Vec<(&str, CatalogRule, &str)> = violations
        .iter()
        .map(|l| {
            (
                l.path.as_str(),
                l.violation.rule,
                l.violation.message.as_str(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (
                "$.catalog.services[1].successors[0]",
                CatalogRule::SuccessorCycle,
                "successors form a cycle: A → B → A"
            ),
            (
                "$.catalog.services[2].successors[0]",
                CatalogRule::SuccessorCycle,
                "SELF names itself as its successor"
            ),
        ]
    );
}

#[test]
fn a_successor_named_twice_is_refused() {
    let found = violations(json!({
        "services": [service("OLD", "deprecated", &["NEW", "NEW"]), service("NEW", "active", &[])]
    }));
    assert_eq!(
        found,
        [(
            "$.catalog.services[0].successors[1]".to_owned(),
            CatalogRule::UniqueCode
        )]
    );
}

#[test]
fn successors_survive_the_round_trip_in_their_order() {
    // The order is the order of suggestion: the file keeps it, not the codes' order.
    let catalog = json!({
        "products": [notebook("T14G4", "discontinued", &["X1", "T14G5"]),
                     notebook("T14G5", "active", &[]), notebook("X1", "active", &[])]
    });
    let store = store_with(catalog);
    let ItemRecord::Product(g4) = read_item(store.conn(), "T14G4").unwrap() else {
        panic!("a product")
    };
    assert_eq!(g4.successors, ["X1", "T14G5"]);

    let first = export(store.conn()).unwrap();
    let mut target = Store::open_in_memory_empty().unwrap();
    import(&mut target, &PortfolioFile::parse(&first).unwrap()).unwrap();
    assert_eq!(export(target.conn()).unwrap(), first);
    let exported: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        exported["catalog"]["products"][0]["successors"],
        json!(["X1", "T14G5"])
    );
    // An item without successors writes no empty list.
    assert!(exported["catalog"]["products"][1]
        .get("successors")
        .is_none());
}

#[test]
fn the_file_reads_successors_strictly() {
    // A list of codes: a single code or a misspelt key is refused with its path.
    let mut single = notebook("OLD", "discontinued", &[]);
    single["successors"] = json!("NEW");
    let text = portfolio_file(json!({ "products": [single] })).to_string();
    let error = PortfolioFile::parse(&text).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidPortfolio);
    assert!(
        error
            .to_string()
            .contains("$.catalog.products[0].successors"),
        "{error}"
    );

    let mut misspelt = notebook("OLD", "discontinued", &[]);
    misspelt["successor"] = json!(["NEW"]);
    let text = portfolio_file(json!({ "products": [misspelt] })).to_string();
    let error = PortfolioFile::parse(&text).unwrap_err();
    assert!(
        error.to_string().contains("unknown field `successor`"),
        "{error}"
    );
}

#[test]
fn the_demo_shows_a_discontinued_notebook_with_its_successor() {
    let store = Store::open_in_memory().unwrap();
    let ItemRecord::Product(g4) = read_item(store.conn(), "NB-LEN-T14G4").unwrap() else {
        panic!("a product")
    };
    assert_eq!(g4.status, ItemStatus::Discontinued);
    assert_eq!(g4.successors, ["NB-LEN-T14G5"]);
}

#[test]
fn the_model_map_draws_successor_edges() {
    let store = store_with(json!({
        "products": [notebook("T14G4", "discontinued", &["T14G5"]), notebook("T14G5", "active", &[]),
                     notebook("ALONE", "active", &[])]
    }));
    let graph = catalog_graph(store.conn()).unwrap();
    let code = |id: i64| {
        graph
            .nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.code.as_str())
            .unwrap()
    };
    let edges: Vec<(&str, &str, EdgeKind)> = graph
        .edges
        .iter()
        .map(|e| (code(e.from), code(e.to), e.kind))
        .collect();
    assert_eq!(edges, [("T14G4", "T14G5", EdgeKind::Successor)]);
    // Products in no relation stay off the map; the two in succession are on it.
    let nodes: Vec<&str> = graph.nodes.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(nodes, ["T14G4", "T14G5"]);
}

#[test]
fn an_item_named_as_successor_is_not_deleted() {
    let mut store = store_with(json!({
        "products": [notebook("T14G4", "discontinued", &["T14G5"]), notebook("T14G5", "active", &[])]
    }));
    let error = delete_item(&mut store, &mut EditHistory::default(), "T14G5").unwrap_err();
    assert!(
        error
            .to_string()
            .contains("T14G5 cannot be deleted: T14G4 names it as its successor"),
        "{error}"
    );
    assert!(
        read_item(store.conn(), "T14G5").is_ok(),
        "nothing was deleted"
    );
}

#[test]
fn the_designer_shows_a_bad_successor_at_its_field() {
    // Naming a notebook as Managed365's successor: the violation carries the
    // draft's field, so the designer shows it at the successor list.
    let store = Store::open_in_memory().unwrap();
    let ItemRecord::Service(mut m365) = item_record(store.conn(), "SVC-M365").unwrap() else {
        panic!("a service")
    };
    m365.successors = vec!["NB-LEN-T14G5".into()];
    let check = check_draft(
        store.conn(),
        &ItemDraft {
            original_code: Some("SVC-M365".into()),
            record: ItemRecord::Service(m365),
        },
    )
    .unwrap();
    let found: Vec<(&str, &str, CatalogRule)> = check
        .violations
        .iter()
        .map(|v| (v.item.as_str(), v.field.as_str(), v.rule))
        .collect();
    assert_eq!(
        found,
        [("SVC-M365", "successors[0]", CatalogRule::SuccessorKind)]
    );
}

/// An inventory row as the test reads it: item, its status, its successors.
type Flagged<'a> = (&'a str, ItemStatus, Vec<(&'a str, &'a str, ItemKind)>);

#[test]
fn an_instance_of_a_deprecated_item_shows_its_successor_in_the_inventory() {
    // ACME's Anna holds Managed365; Managed365 2026 comes out and the old one is
    // deprecated in its favour: her instance says which successor is available,
    // the instances of items still sold say nothing.
    let mut store = Store::open_in_memory().unwrap();
    let acme = customers::acme_gmbh()
        .employee("Anna Schmidt")
        .create_in(&mut store);
    let start = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let request = support::booking::managed365(acme.id, for_employee(acme.employees[0]), start);
    let planned = plan(store.conn(), &request).unwrap();
    store
        .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
        .unwrap();

    let mut history = EditHistory::default();
    let ItemRecord::Service(m365) = item_record(store.conn(), "SVC-M365").unwrap() else {
        panic!("a service")
    };
    let mut next = m365.clone();
    next.code = "SVC-M365-2026".into();
    next.name = "Managed365 2026".into();
    save_item(
        &mut store,
        &mut history,
        &ItemDraft {
            original_code: None,
            record: ItemRecord::Service(next),
        },
    )
    .unwrap();
    let mut old = m365;
    old.status = ItemStatus::Deprecated;
    old.successors = vec!["SVC-M365-2026".into()];
    save_item(
        &mut store,
        &mut history,
        &ItemDraft {
            original_code: Some("SVC-M365".into()),
            record: ItemRecord::Service(old),
        },
    )
    .unwrap();

    let inventory = inventory(store.conn(), acme.id, start).unwrap();
    let flagged: Vec<Flagged> = inventory
        .instances
        .iter()
        .map(|i| {
            (
                i.item_code.as_str(),
                i.item_status,
                i.successors
                    .iter()
                    .map(|s| (s.code.as_str(), s.name.as_str(), s.kind))
                    .collect(),
            )
        })
        .collect();
    assert!(
        flagged.contains(&(
            "SVC-M365",
            ItemStatus::Deprecated,
            vec![("SVC-M365-2026", "Managed365 2026", ItemKind::Service)]
        )),
        "{flagged:?}"
    );
    assert!(
        flagged
            .iter()
            .filter(|(code, ..)| *code != "SVC-M365")
            .all(|(_, status, successors)| *status == ItemStatus::Active && successors.is_empty()),
        "only Managed365 is deprecated: {flagged:?}"
    );
}

#[test]
fn the_item_detail_names_successors_in_order_and_what_an_item_succeeds() {
    let store = store_with(json!({
        "products": [notebook("T14G4", "discontinued", &["X1", "T14G5"]),
                     notebook("T14G5", "active", &[]), notebook("X1", "active", &[])]
    }));
    let id = |code: &str| {
        store
            .conn()
            .query_row("SELECT id FROM catalog_item WHERE code = ?1", [code], |r| {
                r.get::<_, i64>(0)
            })
            .unwrap()
    };
    let old = servicefolio::catalog::item_detail(store.conn(), id("T14G4")).unwrap();
    let codes: Vec<&str> = old.successors.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["X1", "T14G5"], "in the order of suggestion");
    assert!(old.succeeds.is_empty());
    let new = servicefolio::catalog::item_detail(store.conn(), id("T14G5")).unwrap();
    let codes: Vec<&str> = new.succeeds.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["T14G4"]);
}

#[test]
fn an_item_named_as_successor_is_not_taken_out_of_service_in_the_designer() {
    // The demo's T14 Gen 4 names the Gen 5: discontinuing the Gen 5 would leave
    // its customers nowhere to go, so the designer says so at the Gen 4's field.
    let store = Store::open_in_memory().unwrap();
    let ItemRecord::Product(mut g5) = item_record(store.conn(), "NB-LEN-T14G5").unwrap() else {
        panic!("a product")
    };
    g5.status = ItemStatus::Discontinued;
    let check = check_draft(
        store.conn(),
        &ItemDraft {
            original_code: Some("NB-LEN-T14G5".into()),
            record: ItemRecord::Product(g5),
        },
    )
    .unwrap();
    let found: Vec<(&str, &str, CatalogRule)> = check
        .violations
        .iter()
        .map(|v| (v.item.as_str(), v.field.as_str(), v.rule))
        .collect();
    assert_eq!(
        found,
        [(
            "NB-LEN-T14G4",
            "successors[0]",
            CatalogRule::SuccessorStatus
        )]
    );
}

#[test]
fn a_successor_the_feed_discontinued_holds_up_no_unrelated_edit() {
    // The supplier feed discontinues a product that lost its last offer,
    // without asking the designer's rules: the rule is asked where a person
    // names a successor or changes a status, so editing another item still
    // saves; whoever edits the item naming it is told.
    let mut store = Store::open_in_memory().unwrap();
    store
        .conn()
        .execute(
            "UPDATE catalog_item SET status = 'discontinued' WHERE code = 'NB-LEN-T14G5'",
            [],
        )
        .unwrap();
    let ItemRecord::Service(mut backup) = item_record(store.conn(), "SVC-BACKUP").unwrap() else {
        panic!("a service")
    };
    backup.description = "Daily backup, kept 30 days.".into();
    save_item(
        &mut store,
        &mut EditHistory::default(),
        &ItemDraft {
            original_code: Some("SVC-BACKUP".into()),
            record: ItemRecord::Service(backup),
        },
    )
    .expect("an unrelated edit saves");

    // Whoever edits the Gen 4 is told.
    let g4 = item_record(store.conn(), "NB-LEN-T14G4").unwrap();
    let check = check_draft(
        store.conn(),
        &ItemDraft {
            original_code: Some("NB-LEN-T14G4".into()),
            record: g4,
        },
    )
    .unwrap();
    assert_eq!(
        check
            .violations
            .iter()
            .map(|v| (v.field.as_str(), v.rule))
            .collect::<Vec<_>>(),
        [("successors[0]", CatalogRule::SuccessorStatus)]
    );
}

#[test]
fn a_discontinued_notebook_suggests_only_an_active_successor() {
    // Anna bought a T14 Gen 4 while it was sold; the feed has discontinued it
    // since: her notebook says the Gen 5 is available. Once the Gen 5 is
    // discontinued too, nothing is suggested rather than a dead end.
    let mut store = Store::open_in_memory().unwrap();
    let acme = customers::acme_gmbh()
        .employee("Anna Schmidt")
        .create_in(&mut store);
    let set_status = |store: &Store, code: &str, status: &str| {
        store
            .conn()
            .execute(
                "UPDATE catalog_item SET status = ?2 WHERE code = ?1",
                [code, status],
            )
            .unwrap();
    };
    set_status(&store, "NB-LEN-T14G4", "active");
    let start = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let request = support::booking::purchase(
        acme.id,
        "NB-LEN-T14G4",
        for_employee(acme.employees[0]),
        start,
    );
    let planned = plan(store.conn(), &request).unwrap();
    store
        .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
        .unwrap();
    set_status(&store, "NB-LEN-T14G4", "discontinued");

    let suggested = |store: &Store| -> Vec<String> {
        let inventory = inventory(store.conn(), acme.id, start).unwrap();
        let row = inventory
            .instances
            .iter()
            .find(|i| i.item_code == "NB-LEN-T14G4")
            .expect("the notebook is held");
        row.successors.iter().map(|s| s.code.clone()).collect()
    };
    assert_eq!(suggested(&store), ["NB-LEN-T14G5"]);
    set_status(&store, "NB-LEN-T14G5", "discontinued");
    assert_eq!(suggested(&store), Vec::<String>::new());
}

#[test]
fn renaming_a_successor_keeps_it_named() {
    // The Gen 5 gets a new code in the designer: the Gen 4 still names it.
    let mut store = Store::open_in_memory().unwrap();
    let ItemRecord::Product(mut g5) = item_record(store.conn(), "NB-LEN-T14G5").unwrap() else {
        panic!("a product")
    };
    g5.code = "NB-LEN-T14G5-21ML".into();
    save_item(
        &mut store,
        &mut EditHistory::default(),
        &ItemDraft {
            original_code: Some("NB-LEN-T14G5".into()),
            record: ItemRecord::Product(g5),
        },
    )
    .unwrap();
    let ItemRecord::Product(g4) = read_item(store.conn(), "NB-LEN-T14G4").unwrap() else {
        panic!("a product")
    };
    assert_eq!(g4.successors, ["NB-LEN-T14G5-21ML"]);
}
