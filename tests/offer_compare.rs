//! Comparing two versions of an offer (docs/offers.md): a line whose offer type
//! or quantity changed is one *changed* row (before → after), not a removal and
//! an addition.

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::offer::*;
use servicefolio::vocabulary::{ContextRef, OfferType};
use servicefolio::Store;
use std::str::FromStr;
use support::customers::NewCustomer;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn workplaces(customer: i64, desk: i64, offer_type: OfferType, quantity: i64) -> BookingRequest {
    BookingRequest {
        quantity,
        offer_type,
        ..support::booking::rental(
            customer,
            "SVC-WAAS",
            "OFFICE",
            &[("SUPPORT", "8X5")],
            ContextSelector::Contexts(vec![ContextRef::Workplace(desk)]),
            NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
        )
    }
}

#[test]
fn a_changed_offer_type_and_quantity_is_one_changed_line() {
    let mut store = Store::open_in_memory().unwrap();
    let (v1, v2) = store
        .write(|tx| {
            let acme = NewCustomer::named("ACME GmbH")
                .employee("Anna Schmidt")
                .with_workplace("Anna's desk")
                .create(tx)?;
            let desk = acme.workplaces[0];
            let v1 = create_offer(
                tx,
                &OfferDraft {
                    customer_id: acme.id,
                    requests: vec![workplaces(acme.id, desk, OfferType::Rental, 1)],
                    changes: Vec::new(),
                    offer_date: Some(NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()),
                    valid_until: None,
                    notes: String::new(),
                },
            )?;
            set_offer_status(tx, v1.id, OfferStatus::Sent)?;
            let v2 = new_offer_version(tx, v1.id, None)?;
            // Version 2 leases three instead of renting one.
            let v2 = update_offer(
                tx,
                v2.id,
                &OfferUpdate {
                    requests: Some(vec![workplaces(acme.id, desk, OfferType::Leasing, 3)]),
                    ..Default::default()
                },
            )?;
            Ok((v1, v2))
        })
        .unwrap();
    let comparison = compare_offers(store.conn(), v1.id, v2.id).unwrap();
    assert_eq!(comparison.changes.len(), 1, "{:?}", comparison.changes);
    match &comparison.changes[0] {
        LineChange::Changed {
            description,
            offer_type_from,
            offer_type_to,
            quantity_from,
            quantity_to,
            unit_price_from,
            unit_price_to,
            monthly_from,
            monthly_to,
            ..
        } => {
            assert!(
                description.starts_with("Workplace as a Service"),
                "{description}"
            );
            assert_eq!(
                (*offer_type_from, *offer_type_to),
                (OfferType::Rental, OfferType::Leasing)
            );
            assert_eq!((*quantity_from, *quantity_to), (1, 3));
            // Rent 59.00; the lease's rate 1,450.00 × 2.95 % = 42.775, × 3 → 128.33.
            assert_eq!(
                (*unit_price_from, *unit_price_to),
                (d("59.00"), d("42.775"))
            );
            assert_eq!((*monthly_from, *monthly_to), (d("59.00"), d("128.33")));
        }
        other => panic!("one changed line, not {other:?}"),
    }
    assert_eq!(comparison.unchanged, 0);
}

#[test]
fn an_added_line_of_another_type_beside_an_unchanged_one_stays_added() {
    // Renting one and now also leasing one: the rental is unchanged, the lease
    // is new; the exact match wins over pairing by item.
    let mut store = Store::open_in_memory().unwrap();
    let (v1, v2) = store
        .write(|tx| {
            let acme = NewCustomer::named("ACME GmbH")
                .employee("Anna Schmidt")
                .with_workplace("Anna's desk")
                .create(tx)?;
            let desk = acme.workplaces[0];
            let rent = workplaces(acme.id, desk, OfferType::Rental, 1);
            let v1 = create_offer(
                tx,
                &OfferDraft {
                    customer_id: acme.id,
                    requests: vec![rent.clone()],
                    changes: Vec::new(),
                    offer_date: Some(NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()),
                    valid_until: None,
                    notes: String::new(),
                },
            )?;
            set_offer_status(tx, v1.id, OfferStatus::Sent)?;
            let v2 = new_offer_version(tx, v1.id, None)?;
            let v2 = update_offer(
                tx,
                v2.id,
                &OfferUpdate {
                    requests: Some(vec![rent, workplaces(acme.id, desk, OfferType::Leasing, 1)]),
                    ..Default::default()
                },
            )?;
            Ok((v1, v2))
        })
        .unwrap();
    let comparison = compare_offers(store.conn(), v1.id, v2.id).unwrap();
    assert_eq!(comparison.unchanged, 1);
    assert!(
        matches!(
            comparison.changes.as_slice(),
            [LineChange::Added {
                offer_type: OfferType::Leasing,
                quantity: 1,
                ..
            }]
        ),
        "{:?}",
        comparison.changes
    );
}
