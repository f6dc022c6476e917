//! Issue 14, item 4: an inventory that reads like a contract list, with
//! subtotals per location (its employees and their workplaces included), per
//! cloud container, for the employees without a location and customer-wide.

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::vocabulary::ContextRef;
use servicefolio::Store;
use std::str::FromStr;
use support::customers::NewCustomer;

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[test]
fn the_inventory_subtotals_each_place_and_the_places_add_up_to_the_total() {
    let mut store = Store::open_in_memory().unwrap();
    let c = NewCustomer::named("Nordwind GmbH")
        .location("Hamburg")
        .location("Berlin")
        .employee("Jana Petersen")
        .at("Hamburg")
        .with_workplace("Desk 1")
        .employee("Tom Berger")
        .at("Hamburg")
        .employee("Eva Weber")
        .at("Berlin")
        .employee("Max Roth")
        .cloud_container("ERP")
        .create_in(&mut store);
    let start = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    let mut book = |request: BookingRequest| {
        let planned = plan(store.conn(), &request).unwrap();
        store
            .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
            .unwrap();
    };
    // Managed365 Basic for everyone (7.90 each) brings the tenant (49.00, customer-wide).
    book(support::booking::rental(
        c.id,
        "SVC-M365",
        "BASIC",
        &[("SUPPORT", "8X5")],
        ContextSelector::AllEmployees,
        start,
    ));
    // Workplace as a Service for Jana's desk: 59.00, counted at Hamburg.
    book(support::booking::rental(
        c.id,
        "SVC-WAAS",
        "OFFICE",
        &[("SUPPORT", "8X5")],
        ContextSelector::Contexts(vec![ContextRef::Workplace(c.workplaces[0])]),
        start,
    ));
    let inventory = inventory(store.conn(), c.id, start).unwrap();
    let places: Vec<(Place, &str, u32, Decimal)> = inventory
        .per_place
        .iter()
        .map(|p| (p.place, p.label.as_str(), p.instances, p.monthly))
        .collect();
    assert_eq!(
        places,
        [
            (Place::Location(c.locations[1]), "Berlin", 1, dec("7.90")),
            (Place::Location(c.locations[0]), "Hamburg", 3, dec("74.80")),
            (Place::NoLocation, "", 1, dec("7.90")),
            (Place::CustomerWide, "", 1, dec("49.00")),
        ],
        "locations by name; the cloud container holds nothing and is left out"
    );
    let sum: Decimal = inventory.per_place.iter().map(|p| p.monthly).sum();
    assert_eq!(sum, inventory.monthly);
    assert_eq!(inventory.monthly, dec("139.60"));
    let one_time: Decimal = inventory.per_place.iter().map(|p| p.one_time).sum();
    assert_eq!(one_time, inventory.one_time);
    // Each instance names its place, so the inventory can list it there.
    let of = |item: &str, context: ContextRef| {
        let i = inventory
            .instances
            .iter()
            .find(|i| i.item_code == item && i.context == context)
            .unwrap();
        (i.place, i.place_label.clone())
    };
    assert_eq!(
        of("SVC-WAAS", ContextRef::Workplace(c.workplaces[0])),
        (Place::Location(c.locations[0]), "Hamburg".to_string()),
        "a workplace is at its employee's location"
    );
    assert_eq!(
        of("SVC-M365", ContextRef::Employee(c.employees[3])),
        (Place::NoLocation, String::new()),
        "Max Roth works at no location"
    );
    let tenant = inventory
        .instances
        .iter()
        .find(|i| i.context == ContextRef::Global)
        .unwrap();
    assert_eq!(tenant.place, Place::CustomerWide);
    for place in &inventory.per_place {
        let held = inventory
            .instances
            .iter()
            .filter(|i| i.place == place.place && i.costs_count())
            .count();
        assert_eq!(held, place.instances as usize, "{:?}", place.place);
    }
}
