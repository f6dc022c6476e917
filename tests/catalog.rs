//! The catalog as the browser and the CLI read it, on the seeded demo portfolio.

use rust_decimal::Decimal;
use servicefolio::catalog::{
    item_detail, list_items, CatalogItemSummary, CatalogQuery, ItemBody, ItemKind, LinkMode,
    LinkQuantity, PricePeriod, RequirementScope,
};
use servicefolio::{ErrorKind, Store};
use std::str::FromStr;

fn search(store: &Store, text: &str) -> Vec<CatalogItemSummary> {
    list_items(
        store.conn(),
        &CatalogQuery {
            text: text.into(),
            kind: None,
            ..Default::default()
        },
    )
    .unwrap()
}

fn by_code(store: &Store, code: &str) -> CatalogItemSummary {
    search(store, code)
        .into_iter()
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("{code} is in the demo"))
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[test]
fn the_demo_portfolio_is_a_realistic_msp_catalog() {
    let store = Store::open_in_memory().unwrap();
    let all = search(&store, "");
    let products: Vec<_> = all.iter().filter(|i| i.kind == ItemKind::Product).collect();
    assert!(products.len() >= 30, "{} products", products.len());
    for category in [
        "Notebooks",
        "Monitors",
        "Docking stations",
        "Phones",
        "Licences",
        "Network",
    ] {
        assert!(
            products.iter().any(|p| p.category == category),
            "a product in {category}"
        );
    }
    for p in &products {
        assert!(
            p.manufacturer.is_some() && p.part_number.is_some() && p.ean.is_some(),
            "{} has master data",
            p.code
        );
        assert!(p.price.is_some(), "{} has a price", p.code);
    }
    let expect_kind = |name: &str, kind: ItemKind| {
        let item = all
            .iter()
            .find(|i| i.name == name)
            .unwrap_or_else(|| panic!("{name} is in the demo"));
        assert_eq!(item.kind, kind, "{name}");
    };
    expect_kind("Microsoft 365 tenant", ItemKind::BasicService);
    expect_kind("Cloud zone", ItemKind::BasicService);
    expect_kind("Managed365", ItemKind::Service);
    expect_kind("Workplace as a Service", ItemKind::Service);
    expect_kind("Virtual machine", ItemKind::Service);
    expect_kind("Mobile device management", ItemKind::Service);
    expect_kind("Backup", ItemKind::Service);
    expect_kind("On-site installation", ItemKind::AddOn);
    expect_kind("PC reimaging", ItemKind::AddOn);
}

#[test]
fn the_list_is_grouped_by_kind_in_catalog_order() {
    let store = Store::open_in_memory().unwrap();
    let kinds: Vec<ItemKind> = search(&store, "").iter().map(|i| i.kind).collect();
    let rank = |k: &ItemKind| {
        [
            ItemKind::Service,
            ItemKind::BasicService,
            ItemKind::AddOn,
            ItemKind::Product,
        ]
        .iter()
        .position(|x| x == k)
    };
    assert!(
        kinds.windows(2).all(|w| rank(&w[0]) <= rank(&w[1])),
        "{kinds:?}"
    );
}

#[test]
fn search_matches_every_word_in_name_manufacturer_part_number_and_ean() {
    let store = Store::open_in_memory().unwrap();
    let thinkpads = search(&store, "thinkpad");
    let names: Vec<&str> = thinkpads.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Lenovo ThinkPad Universal Thunderbolt 4 Dock",
            "Lenovo ThinkPad Universal USB-C Dock",
            "Lenovo ThinkPad T14 Gen 4",
            "Lenovo ThinkPad T14 Gen 5",
            "Lenovo ThinkPad X1 Carbon Gen 12"
        ]
    );
    // Every word must match, in any field, in any case.
    let docks: Vec<String> = search(&store, "THINKPAD dock")
        .into_iter()
        .map(|i| i.code)
        .collect();
    assert_eq!(docks, ["DOC-LEN-TB4", "DOC-LEN-USBC"]);
    // Part number and EAN.
    assert_eq!(
        search(&store, "21ML003LGE")
            .iter()
            .map(|i| i.code.as_str())
            .collect::<Vec<_>>(),
        ["NB-LEN-T14G5"]
    );
    assert_eq!(
        search(&store, "0197530611889")
            .iter()
            .map(|i| i.code.as_str())
            .collect::<Vec<_>>(),
        ["NB-LEN-T14G5"]
    );
    // Manufacturer only.
    assert!(search(&store, "lenovo")
        .iter()
        .all(|i| i.manufacturer.as_deref() == Some("Lenovo")));
    // LIKE wildcards are searched for literally.
    assert!(search(&store, "%").is_empty());
    // Unescaped, `_` would match the space in "T14 Gen 5".
    assert!(search(&store, "T14_Gen").is_empty());
    assert_eq!(
        search(&store, "EMEA_VP")
            .iter()
            .map(|i| i.code.as_str())
            .collect::<Vec<_>>(),
        ["NB-DELL-LAT5450"]
    );
    assert!(search(&store, "no such product").is_empty());
}

#[test]
fn a_kind_filter_keeps_one_kind() {
    let store = Store::open_in_memory().unwrap();
    let add_ons = list_items(
        store.conn(),
        &CatalogQuery {
            text: String::new(),
            kind: Some(ItemKind::AddOn),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(add_ons.len(), 4);
    assert!(add_ons.iter().all(|i| i.kind == ItemKind::AddOn));
}

#[test]
fn list_prices_are_exact_and_services_show_their_lowest_monthly_price() {
    let store = Store::open_in_memory().unwrap();
    let notebook = by_code(&store, "NB-LEN-T14G5");
    let price = notebook.price.unwrap();
    assert_eq!(
        (
            price.amount,
            price.currency.as_str(),
            price.period,
            price.from
        ),
        (dec("1249.00"), "EUR", PricePeriod::OneTime, false)
    );
    assert_eq!(
        price.amount.to_string(),
        "1249.00",
        "the scale of the stored text is kept"
    );

    let m365 = by_code(&store, "SVC-M365").price.unwrap();
    assert_eq!(
        (m365.amount, m365.period, m365.from),
        (dec("7.90"), PricePeriod::Monthly, true)
    );
    let tenant = by_code(&store, "BAS-M365-TENANT").price.unwrap();
    assert!(!tenant.from, "one variant: no 'from'");
}

#[test]
fn a_service_detail_has_variants_terms_and_requirements() {
    let store = Store::open_in_memory().unwrap();
    let m365 = item_detail(store.conn(), by_code(&store, "SVC-M365").id).unwrap();
    let ItemBody::Service(service) = &m365.body else {
        panic!("Managed365 is a service")
    };
    let variants: Vec<(&str, Decimal)> = service
        .variants
        .iter()
        .map(|v| {
            (
                v.name.as_str(),
                v.offers.rental.as_ref().unwrap().monthly_price,
            )
        })
        .collect();
    assert_eq!(
        variants,
        [
            ("Basic", dec("7.90")),
            ("Standard", dec("12.90")),
            ("E3", dec("19.90"))
        ]
    );
    assert_eq!(m365.requires.len(), 1);
    assert_eq!(m365.requires[0].item.code, "BAS-M365-TENANT");
    assert_eq!(m365.requires[0].scope, RequirementScope::Customer);

    let tenant = item_detail(store.conn(), by_code(&store, "BAS-M365-TENANT").id).unwrap();
    assert!(tenant.required_by.iter().any(|r| r.item.code == "SVC-M365"));

    let vm = item_detail(store.conn(), by_code(&store, "SVC-VM").id).unwrap();
    assert_eq!(vm.requires[0].item.code, "BAS-CLOUD-ZONE");
    assert_eq!(vm.requires[0].scope, RequirementScope::SameContext);
}

#[test]
fn a_notebook_brings_device_management_and_offers_backup_and_add_ons() {
    let store = Store::open_in_memory().unwrap();
    let notebook = item_detail(store.conn(), by_code(&store, "NB-LEN-T14G5").id).unwrap();
    let ItemBody::Product(product) = &notebook.body else {
        panic!("a product")
    };
    assert_eq!(product.manufacturer_part_number, "21ML003LGE");
    assert_eq!(product.margin, Some(dec("200.00")));
    assert_eq!(
        product.margin_percent,
        Some(dec("16.0")),
        "200 / 1249 = 16.01 %"
    );
    let mdm = notebook
        .links
        .iter()
        .find(|l| l.item.code == "SVC-MDM")
        .expect("MDM is linked");
    assert_eq!(
        (mdm.mode, mdm.quantity),
        (LinkMode::Mandatory, LinkQuantity::PerParentUnit(1))
    );
    assert!(notebook
        .links
        .iter()
        .any(|l| l.item.code == "SVC-BACKUP" && l.mode == LinkMode::Optional));
    let add_ons: Vec<&str> = notebook.add_ons.iter().map(|a| a.code.as_str()).collect();
    assert!(
        add_ons.contains(&"ADD-ONSITE-INSTALL") && add_ons.contains(&"ADD-PC-REIMAGE"),
        "{add_ons:?}"
    );

    let mdm_detail = item_detail(store.conn(), mdm.item.id).unwrap();
    assert!(mdm_detail
        .linked_from
        .iter()
        .any(|l| l.item.code == "NB-LEN-T14G5"));
}

#[test]
fn an_add_on_names_what_it_applies_to() {
    let store = Store::open_in_memory().unwrap();
    let reimage = item_detail(store.conn(), by_code(&store, "ADD-PC-REIMAGE").id).unwrap();
    let ItemBody::AddOn(add_on) = &reimage.body else {
        panic!("an add-on")
    };
    assert_eq!(add_on.one_time_price, dec("89.00"));
    assert!(add_on.applies_to.iter().any(|r| r.code == "SVC-WAAS"));
    assert!(reimage.allowed_contexts.is_empty());
}

#[test]
fn a_missing_item_is_not_found() {
    let store = Store::open_in_memory().unwrap();
    let error = item_detail(store.conn(), 999_999).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotFound);
    assert_eq!(error.to_string(), "catalog item 999999 not found");
}
