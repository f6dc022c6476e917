//! Amounts and quantities are bounded (issue 11, item 3): every amount that
//! enters is checked against `limits::MAX_AMOUNT` where it enters, with the field
//! and the bound; every computation on amounts is checked and refuses cleanly
//! beyond it. Portfolio files are strict: one JSON value, one item per code,
//! decimals as strings without exponents, no negative prices.

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use servicefolio::booking::{
    apply, inventory, order_add_on, plan, ApplyAs, BookingRequest, ContextSelector,
};
use servicefolio::contract::LineTerms;
use servicefolio::limits::{MAX_AMOUNT, MAX_QUANTITY};
use servicefolio::offer::{create_offer, offer, OfferDraft};
use servicefolio::portfolio::{import, import_into, validate, PortfolioFile};
use servicefolio::pricing::{
    line_amounts, offer_totals, save_price_rule, OfferLine, PriceEnding, PriceRule, PriceRuleDraft,
    RuleScope, UnitCost,
};
use servicefolio::vocabulary::{ContextRef, OfferType};
use servicefolio::{Error, ErrorKind, Store};
use std::str::FromStr;
use support::booking;
use support::catalog::{portfolio_file, store_with};
use support::customers;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn file(products: Value) -> Value {
    portfolio_file(json!({ "products": products }))
}

fn product(code: &str, list_price: Value) -> Value {
    json!({
        "code": code, "name": format!("Product {code}"), "category": "Notebooks",
        "manufacturer": "Lenovo", "manufacturer_part_number": code, "list_price": list_price,
        "currency": "EUR", "tax_rate": "19", "allowed_contexts": ["employee", "global"]
    })
}

/// The path and reason a portfolio text is refused with, parsed and validated.
fn refused(text: &str) -> (String, String) {
    let error = PortfolioFile::parse(text)
        .and_then(|f| validate(&f))
        .expect_err("the file was accepted");
    match error {
        Error::InvalidPortfolio { path, reason, .. } => (path, reason),
        other => panic!("unexpected error {other}"),
    }
}

// ---- portfolio files ----

#[test]
fn a_price_at_decimals_own_maximum_is_refused_with_its_path() {
    // It imported and booked before; inventory and offers then panicked.
    let text = file(json!([product(
        "NB",
        json!("79228162514264337593543950335")
    )]))
    .to_string();
    let (path, reason) = refused(&text);
    assert_eq!(path, "$.catalog.products[0].list_price");
    assert!(
        reason.contains("is beyond 1,000,000,000,000, the largest amount"),
        "{reason}"
    );
    // Import refuses it too, and writes nothing.
    let mut store = Store::open_in_memory_empty().unwrap();
    let parsed = PortfolioFile::parse(&text).unwrap();
    let error = import(&mut store, &parsed).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidPortfolio);
    assert!(
        error
            .to_string()
            .contains("$.catalog.products[0].list_price"),
        "{error}"
    );
    // The bound itself is taken.
    let at_bound = file(json!([product("NB", json!("1000000000000.00"))])).to_string();
    validate(&PortfolioFile::parse(&at_bound).unwrap()).unwrap();
}

#[test]
fn the_same_code_twice_is_refused_with_both_paths() {
    let text = file(json!([
        product("NB", json!("1249.00")),
        product("DOCK", json!("199.00")),
        product("NB", json!("1.00"))
    ]))
    .to_string();
    let mut store = Store::open_in_memory_empty().unwrap();
    let parsed = PortfolioFile::parse(&text).unwrap();
    let error = store.write(|tx| import_into(tx, &parsed)).unwrap_err();
    match error {
        Error::InvalidPortfolio { path, reason, .. } => {
            assert_eq!(path, "$.catalog.products[2].code");
            assert!(
                reason.contains("\"NB\" is already used by $.catalog.products[0]"),
                "{reason}"
            );
        }
        other => panic!("unexpected {other}"),
    }
    assert!(
        servicefolio::catalog::read_catalog(store.conn())
            .unwrap()
            .products
            .is_empty(),
        "nothing was imported (before, the last NB was, silently)"
    );
    // Across sections too.
    let mut across = file(json!([product("X", json!("1.00"))]));
    across["catalog"]["add_ons"] = json!([{
        "code": "X", "name": "Setup", "category": "Installation", "one_time_price": "99.00",
        "currency": "EUR", "tax_rate": "19", "applies_to": ["X"]
    }]);
    let parsed = PortfolioFile::parse(&across.to_string()).unwrap();
    let error = store.write(|tx| import_into(tx, &parsed)).unwrap_err();
    assert!(
        error.to_string().contains("$.catalog.products[0].code")
            && error.to_string().contains("$.catalog.add_ons[0]"),
        "{error}"
    );
}

#[test]
fn trailing_data_after_the_portfolio_is_refused() {
    let good = file(json!([product("NB", json!("1249.00"))])).to_string();
    PortfolioFile::parse(&format!("{good}\n  \n")).unwrap();
    for tail in ["garbage", "{}", ",", "]", "\u{0}"] {
        let text = format!("{good}\n{tail}");
        let error = PortfolioFile::parse(&text).unwrap_err();
        match error {
            Error::InvalidPortfolio { path, reason, .. } => {
                assert_eq!(path, "$", "{tail:?}");
                assert_eq!(
                    reason, "trailing characters after the portfolio at line 2, column 1",
                    "{tail:?}"
                );
            }
            other => panic!("unexpected {other}"),
        }
    }
}

#[test]
fn decimals_are_strings_without_exponents() {
    for (price, wanted) in [
        (json!("1e5"), "no exponent"),
        (json!("1E5"), "no exponent"),
        (json!("+5.00"), "not a decimal number"),
        (json!(" 5.00"), "not a decimal number"),
        (json!("1,299.00"), "not a decimal number"),
        (json!(1e5), "JSON number"),
        (json!(1299), "JSON number 1299"),
        (json!(12.5), "JSON number"),
    ] {
        let text = file(json!([product("NB", price.clone())])).to_string();
        let (path, reason) = refused(&text);
        assert_eq!(path, "$.catalog.products[0].list_price", "{price}");
        assert!(reason.contains(wanted), "{price}: {reason}");
    }
    // An exponent in a nested amount names its path too.
    let mut service = json!({
        "format": "servicefolio-portfolio", "version": 1,
        "catalog": {"services": [{
            "code": "S", "name": "S", "kind": "standard", "category": "C", "unit": "flat",
            "currency": "EUR", "tax_rate": "19", "allowed_contexts": ["global"],
            "variants": [{"code": "V", "name": "V", "setup_fee": "2e2",
                          "offers": {"purchase": {"price": "10.00"}}}]
        }]}
    });
    let (path, _) = refused(&service.to_string());
    assert_eq!(path, "$.catalog.services[0].variants[0].setup_fee");
    service["catalog"]["services"][0]["variants"][0]["setup_fee"] = json!("200.00");
    service["catalog"]["services"][0]["variants"][0]["offers"]["purchase"]["price"] =
        json!("1.0e1");
    let (path, _) = refused(&service.to_string());
    assert_eq!(
        path,
        "$.catalog.services[0].variants[0].offers.purchase.price"
    );
}

#[test]
fn negative_prices_are_refused_with_their_path_negative_deltas_are_discounts() {
    let (path, reason) = refused(&file(json!([product("NB", json!("-1.00"))])).to_string());
    assert_eq!(path, "$.catalog.products[0].list_price");
    assert!(reason.contains("-1.00 is negative"), "{reason}");
    let service = |delta: &str, factor: &str| {
        json!({
            "format": "servicefolio-portfolio", "version": 1,
            "catalog": {"services": [{
                "code": "S", "name": "S", "kind": "standard", "category": "C", "unit": "flat",
                "currency": "EUR", "tax_rate": "19", "allowed_contexts": ["global"],
                "variants": [{"code": "V", "name": "V", "offers": {
                    "rental": {"monthly_price": "10.00", "minimum_term_months": 12,
                               "notice_period_months": 3, "renewal_period_months": 12},
                    "leasing": {"financed_amount": "1000.00", "term_months": 36,
                                "leasing_factor_percent": factor, "residual_value_percent": "0"}}}],
                "option_groups": [{"code": "G", "name": "G", "selection": "single",
                    "choices": [{"code": "C", "name": "C", "price_deltas": {"rental_monthly": delta}}]}]
            }]}
        })
        .to_string()
    };
    validate(&PortfolioFile::parse(&service("-2.50", "2.95")).unwrap()).unwrap();
    let (path, reason) = refused(&service("-2000000000000", "2.95"));
    assert_eq!(
        path,
        "$.catalog.services[0].option_groups[0].choices[0].price_deltas.rental_monthly"
    );
    assert!(reason.contains("beyond 1,000,000,000,000"), "{reason}");
    let (path, _) = refused(&service("1.00", "1000000"));
    assert_eq!(
        path,
        "$.catalog.services[0].variants[0].offers.leasing.leasing_factor_percent"
    );
}

#[test]
fn quantities_and_terms_in_a_file_are_bounded() {
    let mut text = file(json!([
        product("NB", json!("1.00")),
        product("MDM", json!("1.00"))
    ]));
    text["catalog"]["products"][0]["links"] =
        json!([{"item": "MDM", "mode": "mandatory", "quantity": {"fixed": 4_000_000_000u32}}]);
    let (path, reason) = refused(&text.to_string());
    assert_eq!(path, "$.catalog.products[0].links[0].quantity");
    assert!(reason.contains("beyond 1,000,000"), "{reason}");
}

// ---- computations ----

fn purchase(price: &str) -> LineTerms {
    LineTerms {
        offer_type: OfferType::Purchase,
        currency: "EUR".into(),
        tax_rate: d("19"),
        monthly_per_unit: Decimal::ZERO,
        one_time_per_unit: d(price),
        setup_fee: Decimal::ZERO,
        minimum_term_months: 0,
        notice_period_months: 0,
        renewal_period_months: 0,
        leasing: None,
    }
}

fn rental(monthly: &str, months: u32) -> LineTerms {
    LineTerms {
        offer_type: OfferType::Rental,
        monthly_per_unit: d(monthly),
        minimum_term_months: months,
        ..purchase("0")
    }
}

fn out_of_bounds(result: servicefolio::Result<impl std::fmt::Debug>) -> String {
    let error = result.expect_err("computed beyond the bound");
    assert_eq!(error.kind(), ErrorKind::AmountOutOfBounds, "{error}");
    error.to_string()
}

#[test]
fn a_line_near_the_bound_computes_and_one_beyond_it_is_refused() {
    let at = line_amounts(&purchase("1000000000000"), 1, None).unwrap();
    assert_eq!(at.one_time, MAX_AMOUNT);
    let message = out_of_bounds(line_amounts(&purchase("1000000000000"), 2, None));
    assert!(
        message.contains("the one-time amount of 2 × 1000000000000"),
        "{message}"
    );
    assert!(message
        .ends_with("would be beyond 1,000,000,000,000, the largest amount Servicefolio computes"));
    // Decimal's own maximum (stored by an older version): refused, no overflow.
    out_of_bounds(line_amounts(
        &purchase("79228162514264337593543950335"),
        1,
        None,
    ));
    out_of_bounds(line_amounts(
        &purchase("1"),
        1,
        Some(&UnitCost {
            one_time: Decimal::MAX,
            monthly: Decimal::ZERO,
        }),
    ));
    // A monthly amount within the bound, but not over its term.
    let message = out_of_bounds(line_amounts(&rental("100000000000", 12), 1, None));
    assert!(message.contains("contract value"), "{message}");
    // Quantities are bounded where they enter.
    let error = line_amounts(&purchase("1"), MAX_QUANTITY + 1, None).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(error.to_string().contains("beyond 1,000,000"), "{error}");
    line_amounts(&purchase("1"), MAX_QUANTITY, None).unwrap();
}

#[test]
fn offer_totals_near_the_bound_compute_and_beyond_it_refuse() {
    let line = |price: &str| OfferLine {
        context: ContextRef::Global,
        quantity: 1,
        terms: purchase(price),
        unit_cost: None,
    };
    // 800 billion net + 19 % VAT = 952 billion gross: within the bound.
    let c = offer_totals("EUR", &[line("400000000000"), line("400000000000")]).unwrap();
    assert_eq!(c.totals.one_time_gross, d("952000000000.00"));
    // Two lines of 600 billion: each is fine, their sum is not.
    let message = out_of_bounds(offer_totals(
        "EUR",
        &[line("600000000000"), line("600000000000")],
    ));
    assert!(message.contains("one-time total"), "{message}");
    // The net is within the bound, its gross is not.
    let message = out_of_bounds(offer_totals("EUR", &[line("900000000000")]));
    assert!(message.contains("gross"), "{message}");
}

#[test]
fn a_price_rule_on_a_huge_cost_is_refused_not_a_panic() {
    // "Multiplication overflowed" in pricing/price_rule.rs before.
    let rule = PriceRule {
        id: 1,
        scope: RuleScope::Default,
        markup_percent: d("25"),
        ending: PriceEnding::Ninety,
    };
    assert_eq!(rule.list_price(d("100.00")).unwrap(), d("125.90"));
    for cost in ["79228162514264337593543950335", "1e27", "900000000000"] {
        let cost = Decimal::from_str(cost)
            .or_else(|_| Decimal::from_scientific(cost))
            .unwrap();
        let message = out_of_bounds(rule.list_price(cost));
        assert!(
            message.contains("the list price from the cost"),
            "{message}"
        );
    }
    // Through the store: a product whose cost a feed (or an older version) left
    // huge makes "apply price rules" refuse by name, and change nothing.
    let mut store = store_with(json!({"products": [product("NB", json!("1.00"))]}));
    store
        .conn()
        .execute(
            "UPDATE product SET source = 'itscope', cost_price = '79228162514264337593543950335'",
            [],
        )
        .unwrap();
    store
        .write(|tx| {
            save_price_rule(
                tx,
                &PriceRuleDraft {
                    scope: RuleScope::Default,
                    markup_percent: d("25"),
                    ending: PriceEnding::Whole,
                },
            )
        })
        .unwrap();
    let message = out_of_bounds(store.write(servicefolio::pricing::apply_price_rules));
    assert!(message.starts_with("NB: the list price"), "{message}");
}

/// A store with one customer and the products of `products`.
fn shop(products: Value) -> (Store, i64) {
    let mut store = store_with(json!({ "products": products }));
    let customer = customers::acme_gmbh().create_in(&mut store).id;
    (store, customer)
}

fn request(customer: i64, item: &str, quantity: i64) -> BookingRequest {
    BookingRequest {
        quantity,
        ..booking::purchase(
            customer,
            item,
            ContextSelector::Contexts(vec![ContextRef::Global]),
            NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        )
    }
}

#[test]
fn offers_and_the_inventory_near_the_bound_compute_or_refuse_cleanly() {
    let (mut store, customer) = shop(json!([product("BIG", json!("600000000000.00"))]));
    // One at 600 billion: the offer computes (gross 714 billion).
    let created = store
        .write(|tx| {
            create_offer(
                tx,
                &OfferDraft {
                    customer_id: customer,
                    requests: vec![request(customer, "BIG", 1)],
                    changes: Vec::new(),
                    offer_date: None,
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    let read = offer(store.conn(), created.id).unwrap();
    assert_eq!(read.calculation.totals.one_time_gross, d("714000000000.00"));
    // Three of them: the line is beyond the bound; refused, nothing written.
    let error = store
        .write(|tx| {
            create_offer(
                tx,
                &OfferDraft {
                    customer_id: customer,
                    requests: vec![request(customer, "BIG", 3)],
                    changes: Vec::new(),
                    offer_date: None,
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::AmountOutOfBounds, "{error}");
    assert_eq!(
        servicefolio::offer::offers(store.conn(), None)
            .unwrap()
            .len(),
        1
    );

    // Booked twice (each within the bound): the inventory's total is not. The
    // second is the same product customer-wide again, on purpose: add anyway.
    for _ in 0..2 {
        let twice = BookingRequest {
            add_anyway: true,
            ..request(customer, "BIG", 1)
        };
        let booking = plan(store.conn(), &twice).unwrap();
        store
            .write(|tx| apply(tx, &booking, ApplyAs::Ordered))
            .unwrap();
    }
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let error = inventory(store.conn(), customer, today).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::AmountOutOfBounds, "{error}");
    assert!(error.to_string().contains("costs of"), "{error}");
}

#[test]
fn a_stored_price_of_decimals_maximum_makes_no_panic_anywhere() {
    // What an older version let in: an instance priced at 7.9e28. The
    // inventory and a new offer refuse with a reason; nothing panics.
    let (mut store, customer) = shop(json!([product("NB", json!("1.00"))]));
    let booking = plan(store.conn(), &request(customer, "NB", 1)).unwrap();
    store
        .write(|tx| apply(tx, &booking, ApplyAs::Ordered))
        .unwrap();
    store
        .conn()
        .execute(
            "UPDATE instance SET terms = json_set(terms, '$.one_time_per_unit', '79228162514264337593543950335', '$.setup_fee', '1')",
            [],
        )
        .unwrap();
    store
        .conn()
        .execute(
            "UPDATE product SET list_price = '79228162514264337593543950335'",
            [],
        )
        .unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
    let error = inventory(store.conn(), customer, today).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::AmountOutOfBounds, "{error}");
    assert!(error.to_string().contains("Product NB #"), "{error}");
    let error = store
        .write(|tx| {
            create_offer(
                tx,
                &OfferDraft {
                    customer_id: customer,
                    requests: vec![request(customer, "NB", 1)],
                    changes: Vec::new(),
                    offer_date: None,
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .unwrap_err();
    // The product is not sold at that price: the request is refused by name.
    assert_eq!(error.kind(), ErrorKind::InvalidRequest, "{error}");
    assert!(
        error
            .to_string()
            .contains("Product NB: its price 79228162514264337593543950335 is beyond"),
        "{error}"
    );
}

#[test]
fn a_booking_whose_line_would_leave_the_bound_is_refused_when_planned() {
    // Each unit is within the bound, two are not: refused before anything is
    // booked, so no inventory holds what it could not total.
    let (store, customer) = shop(json!([product("BIG", json!("600000000000.00"))]));
    plan(store.conn(), &request(customer, "BIG", 1)).unwrap();
    let error = plan(store.conn(), &request(customer, "BIG", 2)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::AmountOutOfBounds, "{error}");
    assert!(
        error.to_string().starts_with(
            "Product BIG in customer-wide: the one-time amount of 2 × 600000000000.00"
        ),
        "{error}"
    );
}

#[test]
fn booking_quantities_are_bounded() {
    let mut products = json!([product("NB", json!("1.00")), product("MDM", json!("1.00"))]);
    products[0]["links"] =
        json!([{"item": "MDM", "mode": "mandatory", "quantity": {"per_parent_unit": 2}}]);
    let (store, customer) = shop(products);
    let error = plan(store.conn(), &request(customer, "NB", MAX_QUANTITY + 1)).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert!(error.to_string().contains("beyond 1,000,000"), "{error}");
    plan(store.conn(), &request(customer, "NB", i64::MAX)).unwrap_err();
    // 600,000 notebooks are fine; their 1,200,000 linked units are not (the
    // product overflowed i64 for large enough requests before).
    let error = plan(store.conn(), &request(customer, "NB", 600_000)).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("MDM comes with Product NB 2 per unit × 600000"),
        "{error}"
    );
    let fine = plan(store.conn(), &request(customer, "NB", 500_000)).unwrap();
    assert_eq!(fine.lines[1].quantity, MAX_QUANTITY);
}

#[test]
fn add_on_orders_are_bounded() {
    let mut products = json!([product("NB", json!("1.00"))]);
    products[0]["allowed_contexts"] = json!(["global"]);
    let (mut store, customer) = shop(products);
    let addon = json!({
        "format": "servicefolio-portfolio", "version": 1,
        "catalog": {"add_ons": [{
            "code": "SETUP", "name": "Setup", "category": "Installation",
            "one_time_price": "900000000000.00", "currency": "EUR", "tax_rate": "19",
            "applies_to": ["NB"]
        }]}
    });
    import(
        &mut store,
        &PortfolioFile::parse(&addon.to_string()).unwrap(),
    )
    .unwrap();
    let booking = plan(store.conn(), &request(customer, "NB", 1)).unwrap();
    let applied = store
        .write(|tx| apply(tx, &booking, ApplyAs::Ordered))
        .unwrap();
    let instance = applied[0];
    let on = NaiveDate::from_ymd_opt(2026, 6, 2).unwrap();
    let error = store
        .write(|tx| order_add_on(tx, instance, "SETUP", MAX_QUANTITY + 1, on, ""))
        .unwrap_err();
    assert!(error.to_string().contains("beyond 1,000,000"), "{error}");
    let error = store
        .write(|tx| order_add_on(tx, instance, "SETUP", 2, on, ""))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::AmountOutOfBounds, "{error}");
    store
        .write(|tx| order_add_on(tx, instance, "SETUP", 1, on, ""))
        .unwrap();
}

#[test]
fn a_unit_price_that_options_or_price_lists_would_make_negative_or_huge_is_refused() {
    use servicefolio::booking::ChosenOption;
    use servicefolio::pricing::{create_price_list, PriceListDraft, PriceListEntry};
    let mut store = store_with(json!({"services": [{
        "code": "S", "name": "Backup", "kind": "standard", "category": "C", "unit": "flat",
        "currency": "EUR", "tax_rate": "19", "allowed_contexts": ["global"],
        "variants": [{"code": "V", "name": "Basic", "offers": {
            "rental": {"monthly_price": "10.00", "minimum_term_months": 12,
                       "notice_period_months": 3, "renewal_period_months": 12}}}],
        "option_groups": [{"code": "G", "name": "Retention", "selection": "single",
            "choices": [{"code": "SHORT", "name": "Short", "price_deltas": {"rental_monthly": "-2.50"}},
                        {"code": "NONE", "name": "None", "price_deltas": {"rental_monthly": "-12.00"}}]}]
    }]}));
    let customer = customers::acme_gmbh().create_in(&mut store).id;
    let with = |choice: &str| BookingRequest {
        variant: Some("V".into()),
        options: vec![ChosenOption {
            group: "G".into(),
            choice: choice.into(),
        }],
        offer_type: OfferType::Rental,
        ..request(customer, "S", 1)
    };
    let fine = plan(store.conn(), &with("SHORT")).unwrap();
    assert_eq!(fine.lines[0].terms.monthly_per_unit, d("7.50"));
    let error = plan(store.conn(), &with("NONE")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidRequest);
    assert!(
        error
            .to_string()
            .contains("Backup Basic with these options: the unit price -2.00 is negative"),
        "{error}"
    );

    // Price lists: a variant's own price is a price; an option's own delta may
    // be negative; both stay within the bound.
    let list = |entries: Vec<PriceListEntry>| PriceListDraft {
        customer_id: customer,
        name: "2026".into(),
        valid_from: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        valid_until: None,
        entries,
    };
    let variant = |amount: &str| PriceListEntry::Variant {
        service: "S".into(),
        variant: "V".into(),
        offer_type: OfferType::Rental,
        amount: d(amount),
    };
    let option = |amount: &str| PriceListEntry::Option {
        service: "S".into(),
        group: "G".into(),
        choice: "SHORT".into(),
        offer_type: OfferType::Rental,
        amount: d(amount),
    };
    for (entry, field) in [
        (variant("-1.00"), "entries[0].amount: -1.00 is negative"),
        (
            variant("1000000000000.01"),
            "entries[0].amount: 1000000000000.01 is beyond",
        ),
        (
            option("-1000000000000.01"),
            "entries[0].amount: -1000000000000.01 is beyond",
        ),
    ] {
        let error = store
            .write(|tx| create_price_list(tx, &list(vec![entry.clone()])))
            .unwrap_err();
        assert_eq!(error.kind(), ErrorKind::InvalidInput);
        assert!(error.to_string().starts_with(field), "{error}");
    }
    // An option override that takes the price below zero is refused when planned.
    store
        .write(|tx| create_price_list(tx, &list(vec![option("-20.00")])))
        .unwrap();
    let error = plan(store.conn(), &with("SHORT")).unwrap_err();
    assert!(
        error.to_string().contains("would cost -10.00 per unit"),
        "{error}"
    );
}

#[test]
fn an_offer_dated_at_the_end_of_the_calendar_is_refused_not_a_panic() {
    let (mut store, customer) = shop(json!([product("NB", json!("1.00"))]));
    let error = store
        .write(|tx| {
            create_offer(
                tx,
                &OfferDraft {
                    customer_id: customer,
                    requests: vec![request(customer, "NB", 1)],
                    changes: Vec::new(),
                    offer_date: Some(NaiveDate::MAX),
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    assert!(
        error.to_string().contains("beyond the last date"),
        "{error}"
    );
}
