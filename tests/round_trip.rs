//! Portfolio files through the store: export, import and export again give the
//! same bytes; an import updates what is there and adds what is new.

mod support;

use serde_json::json;
use servicefolio::catalog::{read_item, ItemRecord};
use servicefolio::portfolio::{export, import, PortfolioFile};
use servicefolio::{demo, ErrorKind, Store};
use support::store::temp_store;

#[test]
fn the_demo_file_is_the_canonical_export_of_itself() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(
        export(store.conn()).unwrap(),
        demo::PORTFOLIO,
        "assets/demo.servicefolio.json is in export form"
    );
}

#[test]
fn export_then_import_into_an_empty_database_then_export_gives_the_same_bytes() {
    // The source is a database file, seeded as the app seeds it on first start.
    let source = temp_store("source.db");
    let first = export(source.store.conn()).unwrap();

    let mut target = Store::open_in_memory_empty().unwrap();
    let summary = import(&mut target, &PortfolioFile::parse(&first).unwrap()).unwrap();
    assert_eq!((summary.updated, summary.unchanged), (0, 0));
    assert!(summary.added >= 60);
    let second = export(target.conn()).unwrap();
    assert!(first == second, "the second export differs from the first");
    assert!(first.ends_with("}\n"));
}

#[test]
fn option_groups_and_components_survive_the_round_trip() {
    let store = Store::open_in_memory().unwrap();
    let ItemRecord::Service(m365) = read_item(store.conn(), "SVC-M365").unwrap() else {
        panic!("a service")
    };
    let groups: Vec<&str> = m365.option_groups.iter().map(|g| g.code.as_str()).collect();
    assert_eq!(groups, ["SECURITY", "ARCHIVING", "SUPPORT"]);
    let archiving = &m365.option_groups[1];
    assert_eq!(archiving.variants, ["STANDARD", "E3"]);
    assert_eq!(
        archiving.choices[0]
            .price_deltas
            .rental_monthly
            .unwrap()
            .to_string(),
        "1.90"
    );
    assert!(m365.option_groups[2].required);
    let ItemRecord::Service(waas) = read_item(store.conn(), "SVC-WAAS").unwrap() else {
        panic!("a service")
    };
    assert!(
        matches!(&waas.components[0], servicefolio::catalog::ComponentRecord::Goods { product, quantity_per_unit: 1 } if product == "NB-LEN-T14G5")
    );
}

#[test]
fn reimporting_the_same_file_changes_nothing_and_an_edited_file_updates() {
    let mut store = Store::open_in_memory().unwrap();
    let text = export(store.conn()).unwrap();
    let file = PortfolioFile::parse(&text).unwrap();
    let summary = import(&mut store, &file).unwrap();
    assert_eq!((summary.added, summary.updated), (0, 0));
    assert_eq!(export(store.conn()).unwrap(), text);

    let mut edited: serde_json::Value = serde_json::from_str(&text).unwrap();
    let services = edited["catalog"]["services"].as_array_mut().unwrap();
    let m365 = services
        .iter_mut()
        .find(|s| s["code"] == "SVC-M365")
        .unwrap();
    m365["variants"][0]["offers"]["rental"]["monthly_price"] = json!("8.40");
    m365["variants"].as_array_mut().unwrap().remove(2);
    m365["option_groups"][1]["variants"] = json!(["STANDARD"]);
    edited["catalog"]["products"].as_array_mut().unwrap().push(json!({
        "code": "ZZ-NEW", "name": "New headset", "category": "Headsets", "manufacturer": "Jabra",
        "manufacturer_part_number": "X1", "list_price": "99.00", "currency": "EUR", "tax_rate": "19",
        "allowed_contexts": ["employee"], "links": [{"item": "SVC-MDM", "mode": "optional", "quantity": {"fixed": 1}}]
    }));
    let summary = import(
        &mut store,
        &PortfolioFile::parse(&edited.to_string()).unwrap(),
    )
    .unwrap();
    assert_eq!((summary.added, summary.updated), (1, 1));
    let ItemRecord::Service(m365) = read_item(store.conn(), "SVC-M365").unwrap() else {
        panic!("a service")
    };
    assert_eq!(m365.variants.len(), 2, "the removed variant is gone");
    assert_eq!(
        m365.variants[0]
            .offers
            .rental
            .as_ref()
            .unwrap()
            .monthly_price
            .to_string(),
        "8.40"
    );
    assert!(
        matches!(read_item(store.conn(), "ZZ-NEW").unwrap(), ItemRecord::Product(p) if p.links[0].item == "SVC-MDM")
    );
}

#[test]
fn an_import_that_would_break_a_rule_with_the_database_is_refused_whole() {
    let mut store = Store::open_in_memory().unwrap();
    let before = export(store.conn()).unwrap();
    // The file refers to an item in the database, which is not a basic service.
    let file = json!({
        "format": "servicefolio-portfolio", "version": 1,
        "catalog": {"services": [{
            "code": "SVC-NEW", "name": "New", "kind": "standard", "category": "X", "unit": "flat",
            "currency": "EUR", "tax_rate": "19", "allowed_contexts": ["global"],
            "variants": [{"code": "A", "name": "A", "offers": {"purchase": {"price": "1.00"}}}],
            "requires": [{"service": "SVC-M365", "scope": "customer"}]
        }]}
    });
    let error = import(
        &mut store,
        &PortfolioFile::parse(&file.to_string()).unwrap(),
    )
    .unwrap_err();
    assert_eq!(error.to_string(), "invalid portfolio file at $.catalog.services[0].requires[0].service: SVC-NEW requires SVC-M365, which is a service, not a basic service");

    // A cycle through the database: the tenant gets a mandatory link to Managed365,
    // which requires the tenant.
    let mut tenant: serde_json::Value = serde_json::from_str(&before).unwrap();
    let tenant = tenant["catalog"]["services"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|s| s["code"] == "BAS-M365-TENANT")
        .unwrap()
        .clone();
    let mut tenant = tenant;
    tenant["links"] = json!([{"item": "SVC-M365", "mode": "mandatory", "quantity": {"fixed": 1}}]);
    let mut m365_ref = serde_json::from_str::<serde_json::Value>(&before).unwrap()["catalog"]
        ["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["code"] == "SVC-M365")
        .unwrap()
        .clone();
    m365_ref["name"] = json!("Managed365 (renamed)");
    let file = json!({"format": "servicefolio-portfolio", "version": 1, "catalog": {"services": [tenant, m365_ref]}});
    let error = import(
        &mut store,
        &PortfolioFile::parse(&file.to_string()).unwrap(),
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidPortfolio);
    assert!(error.to_string().contains("cycle"), "{error}");
    assert_eq!(
        export(store.conn()).unwrap(),
        before,
        "nothing changed, not even the rename"
    );
}

#[test]
fn an_import_never_changes_an_items_kind() {
    let mut store = Store::open_in_memory().unwrap();
    let file = json!({"format": "servicefolio-portfolio", "version": 1, "catalog": {"add_ons": [{
        "code": "SVC-MDM", "name": "MDM as add-on", "category": "X", "one_time_price": "1.00",
        "currency": "EUR", "tax_rate": "19", "applies_to": ["SVC-M365"]}]}});
    let error = import(
        &mut store,
        &PortfolioFile::parse(&file.to_string()).unwrap(),
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("$.catalog.add_ons[0].code"),
        "{error}"
    );
    assert!(
        error.to_string().contains("is a service in the catalog"),
        "{error}"
    );
}

#[test]
fn an_unpriced_product_and_a_sales_unit_survive_the_round_trip() {
    let mut store = Store::open_in_memory_empty().unwrap();
    let file = json!({
        "format": "servicefolio-portfolio",
        "version": 1,
        "catalog": {
            "products": [
                {"code": "CABLE", "name": "Patch cable", "category": "Cables", "manufacturer": "Acme",
                 "manufacturer_part_number": "C-1", "currency": "EUR", "tax_rate": "19",
                 "sales_unit": {"unit": "PK", "content": "10", "content_unit": "C62"},
                 "allowed_contexts": ["location"]}
            ]
        }
    });
    let text = file.to_string();
    import(&mut store, &PortfolioFile::parse(&text).unwrap()).unwrap();
    let ItemRecord::Product(p) = read_item(store.conn(), "CABLE").unwrap() else {
        panic!("a product")
    };
    assert_eq!(p.list_price, None, "no price, not 0");
    let unit = p.sales_unit.clone().unwrap();
    assert_eq!(
        (
            unit.unit.as_str(),
            unit.content.map(|c| c.to_string()),
            unit.content_unit.as_deref()
        ),
        ("PK", Some("10".to_owned()), Some("C62"))
    );
    let exported = export(store.conn()).unwrap();
    assert!(!exported.contains("list_price"), "{exported}");
    let mut again = Store::open_in_memory_empty().unwrap();
    import(&mut again, &PortfolioFile::parse(&exported).unwrap()).unwrap();
    assert_eq!(export(again.conn()).unwrap(), exported);

    // A sales unit that holds nothing is refused at its path.
    let mut bad = file.clone();
    bad["catalog"]["products"][0]["sales_unit"]["content"] = json!("0");
    let error = import(&mut store, &PortfolioFile::parse(&bad.to_string()).unwrap()).unwrap_err();
    assert!(error.to_string().contains("sales_unit.content"), "{error}");
}

#[test]
fn an_unpriced_product_and_its_sales_unit_are_read_as_strictly_as_any_amount() {
    // The strict portfolio numbers (decimal strings, no exponent, no JSON
    // number, bounded, not negative) hold for the optional list price and the
    // sales unit's content too; leaving the price out, or null, is no price.
    let product = |list_price: Option<serde_json::Value>, content: serde_json::Value| {
        let mut p = json!({"code": "CABLE", "name": "Patch cable", "category": "Cables",
            "manufacturer": "Acme", "manufacturer_part_number": "C-1", "currency": "EUR",
            "tax_rate": "19", "sales_unit": {"unit": "PK", "content": content},
            "allowed_contexts": ["location"]});
        if let Some(price) = list_price {
            p["list_price"] = price;
        }
        json!({"format": "servicefolio-portfolio", "version": 1,
               "catalog": {"products": [p]}})
        .to_string()
    };
    let refused = |text: String, path: &str| {
        let mut store = Store::open_in_memory_empty().unwrap();
        let error = PortfolioFile::parse(&text)
            .and_then(|file| import(&mut store, &file))
            .expect_err("refused");
        assert!(error.to_string().contains(path), "{path} is named: {error}");
        assert_eq!(
            export(store.conn()).unwrap(),
            export(Store::open_in_memory_empty().unwrap().conn()).unwrap()
        );
    };
    let list = "catalog.products[0].list_price";
    refused(product(Some(json!("1e5")), json!("10")), list);
    refused(product(Some(json!(1299)), json!("10")), list);
    refused(product(Some(json!("-1.00")), json!("10")), "list_price");
    refused(
        product(Some(json!("1000000000000.01")), json!("10")),
        "list_price",
    );
    let content = "catalog.products[0].sales_unit.content";
    refused(product(None, json!("1e1")), content);
    refused(product(None, json!(10)), content);
    refused(product(None, json!(" 10")), content);
    // What one sales unit holds is a quantity: at most limits::MAX_QUANTITY.
    for beyond in ["1000000.5", "79228162514264337593543950335"] {
        let text = product(None, json!(beyond));
        refused(text.clone(), content);
        let error = PortfolioFile::parse(&text)
            .and_then(|file| import(&mut Store::open_in_memory_empty().unwrap(), &file))
            .unwrap_err();
        assert!(
            error
                .to_string()
                .contains("is beyond 1,000,000, the most one sales unit may hold"),
            "{error}"
        );
    }
    import(
        &mut Store::open_in_memory_empty().unwrap(),
        &PortfolioFile::parse(&product(None, json!("1000000"))).unwrap(),
    )
    .expect("a million is the bound itself");

    for list_price in [None, Some(json!(null))] {
        let mut store = Store::open_in_memory_empty().unwrap();
        let file = PortfolioFile::parse(&product(list_price, json!("10.0"))).unwrap();
        import(&mut store, &file).unwrap();
        let ItemRecord::Product(p) = read_item(store.conn(), "CABLE").unwrap() else {
            panic!("a product")
        };
        assert_eq!(p.list_price, None);
        let exported = export(store.conn()).unwrap();
        assert!(!exported.contains("list_price"), "{exported}");
        assert!(exported.contains("\"content\": \"10\""), "{exported}");
        let mut again = Store::open_in_memory_empty().unwrap();
        import(&mut again, &PortfolioFile::parse(&exported).unwrap()).unwrap();
        assert_eq!(export(again.conn()).unwrap(), exported);
    }
}
