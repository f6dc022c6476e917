//! Portfolio files: the demo parses; a bad file is refused with the JSON path and
//! the reason, and an import that fails changes nothing.

use serde_json::{json, Value};
use servicefolio::portfolio::{import_into, validate, PortfolioFile};
use servicefolio::{demo, ErrorKind, Store};

fn minimal() -> Value {
    json!({
        "format": "servicefolio-portfolio",
        "version": 1,
        "catalog": {
            "services": [
                {
                    "code": "TENANT", "name": "Tenant", "kind": "basic", "category": "Cloud",
                    "unit": "flat", "currency": "EUR", "tax_rate": "19",
                    "allowed_contexts": ["global"],
                    "variants": [{"code": "STD", "name": "Standard",
                                  "offers": {"rental": {"monthly_price": "49.00", "minimum_term_months": 12,
                                                        "notice_period_months": 3, "renewal_period_months": 12}}}]
                },
                {
                    "code": "MAIL", "name": "Mail", "kind": "standard", "category": "Cloud",
                    "unit": "per_employee", "currency": "EUR", "tax_rate": "19",
                    "allowed_contexts": ["employee"],
                    "variants": [{"code": "STD", "name": "Standard", "offers": {"purchase": {"price": "10.00"}}}],
                    "requires": [{"service": "TENANT", "scope": "customer"}]
                }
            ],
            "add_ons": [
                {"code": "SETUP", "name": "Setup", "category": "Installation", "one_time_price": "99.00",
                 "currency": "EUR", "tax_rate": "19", "applies_to": ["MAIL"]}
            ],
            "products": [
                {"code": "NB", "name": "Notebook", "category": "Notebooks", "manufacturer": "Lenovo",
                 "manufacturer_part_number": "21ML003LGE", "ean": "4006381333931", "list_price": "1249.00",
                 "currency": "EUR", "tax_rate": "19", "allowed_contexts": ["employee"],
                 "links": [{"item": "MAIL", "mode": "mandatory", "quantity": {"per_parent_unit": 1}}]}
            ]
        }
    })
}

fn refused(file: Value) -> (String, String) {
    match PortfolioFile::parse(&file.to_string()).and_then(|f| validate(&f)) {
        Ok(_) => panic!("the file was accepted"),
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::InvalidPortfolio);
            match error {
                servicefolio::Error::InvalidPortfolio { path, reason, .. } => (path, reason),
                other => panic!("unexpected error {other}"),
            }
        }
    }
}

#[test]
fn the_demo_and_a_minimal_file_parse() {
    let demo = PortfolioFile::parse(demo::PORTFOLIO).unwrap();
    validate(&demo).unwrap();
    assert!(demo.catalog.products.len() >= 30);
    validate(&PortfolioFile::parse(&minimal().to_string()).unwrap()).unwrap();
}

#[test]
fn a_file_that_is_not_a_portfolio_is_refused() {
    let (path, reason) = refused(json!({"format": "something-else", "version": 1, "catalog": {}}));
    assert_eq!(path, "$.format");
    assert!(reason.contains("servicefolio-portfolio"), "{reason}");

    let (path, reason) =
        refused(json!({"format": "servicefolio-portfolio", "version": 9, "catalog": {}}));
    assert_eq!(path, "$.version");
    assert!(reason.contains("version 9"), "{reason}");

    let error = PortfolioFile::parse("{\"format\": \"servicefolio-portfolio\", ").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidPortfolio);
    assert!(error.to_string().contains("line 1"), "{error}");
}

#[test]
fn a_wrong_value_is_reported_at_its_json_path() {
    let mut file = minimal();
    file["catalog"]["products"][0]["list_price"] = json!("12.3.4");
    let (path, reason) = refused(file);
    assert_eq!(path, "$.catalog.products[0].list_price");
    assert!(reason.contains("line"), "{reason}");

    let mut file = minimal();
    file["catalog"]["services"][1]["unit"] = json!("per_galaxy");
    let (path, reason) = refused(file);
    assert_eq!(path, "$.catalog.services[1].unit");
    assert!(reason.contains("per_galaxy"), "{reason}");

    let mut file = minimal();
    file["catalog"]["products"][0]["colour"] = json!("black");
    let (path, reason) = refused(file);
    assert_eq!(path, "$.catalog.products[0].colour");
    assert!(reason.contains("unknown field"), "{reason}");
}

#[test]
fn catalog_rules_name_the_item_and_the_rule() {
    type Breakage = fn(&mut Value);
    let cases: Vec<(Breakage, &str, &str)> = vec![
        (
            |f| f["catalog"]["products"][0]["ean"] = json!("4006381333932"),
            "$.catalog.products[0].ean",
            "check digit",
        ),
        (
            |f| f["catalog"]["products"][0]["currency"] = json!("euro"),
            "$.catalog.products[0].currency",
            "ISO 4217",
        ),
        (
            |f| f["catalog"]["products"][0]["code"] = json!("MAIL"),
            "$.catalog.products[0].code",
            "already used",
        ),
        (
            |f| f["catalog"]["products"][0]["list_price"] = json!("-1.00"),
            "$.catalog.products[0].list_price",
            "negative",
        ),
        (
            |f| f["catalog"]["services"][1]["requires"][0]["service"] = json!("NB"),
            "$.catalog.services[1].requires[0].service",
            "NB, which is a product, not a basic service",
        ),
        (
            |f| f["catalog"]["services"][1]["requires"][0]["service"] = json!("SETUP"),
            "$.catalog.services[1].requires[0].service",
            "SETUP, which is an add-on, not a basic service",
        ),
        (
            |f| f["catalog"]["services"][1]["requires"][0]["service"] = json!("MAIL"),
            "$.catalog.services[1].requires[0].service",
            "MAIL requires itself",
        ),
        (
            |f| f["catalog"]["services"][1]["requires"][0]["service"] = json!("GHOST"),
            "$.catalog.services[1].requires[0].service",
            "not in the catalog",
        ),
        (
            |f| f["catalog"]["products"][0]["links"][0]["item"] = json!("SETUP"),
            "$.catalog.products[0].links[0].item",
            "add-on",
        ),
        (
            |f| f["catalog"]["add_ons"][0]["applies_to"] = json!([]),
            "$.catalog.add_ons[0].applies_to",
            "at least one item",
        ),
        (
            |f| f["catalog"]["services"][1]["variants"][0]["offers"] = json!({}),
            "$.catalog.services[1].variants[0].offers",
            "at least one offer type",
        ),
        (
            |f| f["catalog"]["services"][1]["variants"] = json!([]),
            "$.catalog.services[1].variants",
            "at least one variant",
        ),
        (
            |f| f["catalog"]["services"][0]["allowed_contexts"] = json!([]),
            "$.catalog.services[0].allowed_contexts",
            "at least one booking context",
        ),
        (
            |f| f["catalog"]["products"][0]["tax_rate"] = json!("119"),
            "$.catalog.products[0].tax_rate",
            "between 0 and 100",
        ),
    ];
    for (break_it, want_path, want_reason) in cases {
        let mut file = minimal();
        break_it(&mut file);
        let (path, reason) = refused(file);
        assert_eq!(path, want_path, "{reason}");
        assert!(reason.contains(want_reason), "{want_path}: {reason}");
    }
}

#[test]
fn a_cycle_through_requirements_and_mandatory_links_is_refused() {
    let mut file = minimal();
    // Tenant → (mandatory) Notebook → (mandatory) Mail → (requires) Tenant.
    file["catalog"]["services"][0]["links"] =
        json!([{"item": "NB", "mode": "mandatory", "quantity": {"fixed": 1}}]);
    let (_, reason) = refused(file.clone());
    assert!(reason.contains("cycle"), "{reason}");
    assert!(
        reason.contains("MAIL") && reason.contains("NB") && reason.contains("TENANT"),
        "{reason}"
    );

    // The same loop through an optional link is no cycle: nothing pulls itself in.
    file["catalog"]["services"][0]["links"][0]["mode"] = json!("optional");
    validate(&PortfolioFile::parse(&file.to_string()).unwrap()).unwrap();
}

#[test]
fn every_violation_is_reported_at_once() {
    let mut file = minimal();
    file["catalog"]["products"][0]["ean"] = json!("123");
    file["catalog"]["add_ons"][0]["currency"] = json!("eur");
    let (path, reason) = refused(file);
    assert_eq!(path, "$.catalog.add_ons[0].currency");
    assert!(
        reason.contains("and 1 more") && reason.contains("$.catalog.products[0].ean"),
        "{reason}"
    );
}

#[test]
fn an_import_that_fails_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let count = |store: &Store| -> i64 {
        store
            .conn()
            .query_row("SELECT count(*) FROM catalog_item", [], |r| r.get(0))
            .unwrap()
    };
    let before = count(&store);
    // Valid on its own, but its notebook's code clashes with the demo's MDM service.
    let mut file = minimal();
    file["catalog"]["products"][0]["code"] = json!("SVC-MDM");
    let file = PortfolioFile::parse(&file.to_string()).unwrap();
    let error = store.write(|tx| import_into(tx, &file)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidPortfolio);
    assert!(
        error.to_string().contains("$.catalog.products[0].code"),
        "{error}"
    );
    assert_eq!(
        count(&store),
        before,
        "the services and add-on imported before the clash were rolled back"
    );
}

#[test]
fn an_import_into_an_empty_store_writes_everything() {
    let mut store = Store::open_in_memory_empty().unwrap();
    let file = PortfolioFile::parse(&minimal().to_string()).unwrap();
    store.write(|tx| import_into(tx, &file)).unwrap();
    let items = servicefolio::catalog::list_items(store.conn(), &Default::default()).unwrap();
    let codes: Vec<&str> = items.iter().map(|i| i.code.as_str()).collect();
    assert_eq!(codes, ["MAIL", "TENANT", "SETUP", "NB"]);
}

#[test]
fn the_example_in_the_format_documentation_is_a_valid_portfolio() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/portfolio-format.md"
    ))
    .unwrap();
    let example = doc
        .split("```json")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a json example");
    let file = PortfolioFile::parse(example).unwrap();
    let mut store = Store::open_in_memory_empty().unwrap();
    store.write(|tx| import_into(tx, &file)).unwrap();
    let items = servicefolio::catalog::list_items(store.conn(), &Default::default()).unwrap();
    assert_eq!(items.len(), 5);
}

/// The violations of a file that breaks the catalog rules.
fn violations_of(file: Value) -> Vec<servicefolio::error::LocatedViolation> {
    match PortfolioFile::parse(&file.to_string()).and_then(|f| validate(&f)) {
        Err(servicefolio::Error::InvalidPortfolio { violations, .. }) => violations,
        other => panic!("not refused for its rules: {other:?}"),
    }
}

#[test]
fn a_violation_carries_its_sentence_with_typed_values() {
    use servicefolio::catalog::ItemKind;
    use servicefolio::error::{CatalogSays, Says, Value as Said};
    use servicefolio::vocabulary::BookingContext;
    use std::collections::BTreeMap;

    let text = |t: &str| Said::Text(t.to_owned());
    let mut file = minimal();
    file["catalog"]["services"][1]["variants"][0]["offers"]["leasing"] = json!({
        "financed_amount": "1000.00", "term_months": 36,
        "leasing_factor_percent": "120.5", "residual_value_percent": "10"
    });
    file["catalog"]["products"][0]["allowed_contexts"] = json!(["employee", "employee"]);
    file["catalog"]["services"][1]["requires"][0]["service"] = json!("NB");
    file["catalog"]["category_rules"] = json!([
        {"name": "Everything", "allowed_contexts": ["employee"]},
        {"name": "All else", "allowed_contexts": ["global"]}
    ]);
    let found = violations_of(file);
    let said = |path: &str| {
        let located = found
            .iter()
            .find(|l| l.path == path)
            .unwrap_or_else(|| panic!("no violation at {path}: {found:?}"));
        // The message is the sentence's English, always.
        assert_eq!(
            located.violation.message,
            located.violation.wording.english()
        );
        (
            located.violation.wording.said,
            located.violation.wording.values.clone(),
            located.violation.message.clone(),
        )
    };

    let (says, values, message) =
        said("$.catalog.services[1].variants[0].offers.leasing.leasing_factor_percent");
    assert_eq!(says, Says::Catalog(CatalogSays::LeasingFactorOutOfRange));
    assert_eq!(
        values,
        BTreeMap::from([
            ("item".to_owned(), text("MAIL")),
            ("variant".to_owned(), text("STD")),
            ("factor".to_owned(), Said::Number("120.5".into())),
        ])
    );
    assert!(
        message.starts_with("variant MAIL STD: the leasing factor"),
        "{message}"
    );
    assert!(message.ends_with("not 120.5"), "{message}");

    let (says, values, message) = said("$.catalog.products[0].allowed_contexts[1]");
    assert_eq!(says, Says::Catalog(CatalogSays::ContextTwice));
    assert_eq!(values["context"], Said::Context(BookingContext::Employee));
    assert_eq!(message, "NB: employee is listed twice");

    let (says, values, message) = said("$.catalog.services[1].requires[0].service");
    assert_eq!(says, Says::Catalog(CatalogSays::RequiresNotBasic));
    assert_eq!(values["kind"], Said::ItemKind(ItemKind::Product));
    assert_eq!(values["service"], text("NB"));
    assert_eq!(
        message,
        "MAIL requires NB, which is a product, not a basic service"
    );

    // A rule is named as a rule (a typed value), not by its English label.
    let (says, values, message) = said("$.catalog.category_rules[1]");
    assert_eq!(says, Says::Catalog(CatalogSays::DefaultRuleTwice));
    assert_eq!(values["item"], Said::Rule("All else".into()));
    assert_eq!(values["other"], Said::Rule("Everything".into()));
    assert!(
        message.starts_with(
            "category rule All else: category rule Everything is already the default rule"
        ),
        "{message}"
    );
}
