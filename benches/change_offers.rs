//! A change offer for a whole company: 1,000 employees on Managed365 Basic all
//! upgraded to Standard (issue 13). Times creating the offer (every change
//! planned, its lines priced) and sending + accepting it (every change planned
//! again and written), beside the floor of SQLite rewriting the same 1,000
//! instance rows and inserting 1,000 more in one transaction.
//!
//! Run: `cargo bench --bench change_offers` (an optimised build; not part of
//! `make test`). The app itself runs the debug build: `cargo test`-style
//! figures for it are in the issue note.

// Timings are printed in milliseconds; no money is involved.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/support/mod.rs"]
mod support;

use chrono::{Months, Utc};
use servicefolio::booking::*;
use servicefolio::offer::*;
use servicefolio::vocabulary::OfferType;
use std::time::Instant;
use support::booking::rental;
use support::customers::NewCustomer;
use support::store::temp_store;

const EMPLOYEES: usize = 1_000;

fn main() {
    let db = temp_store("change-bench.db");
    let mut store = db.store;
    let names: Vec<String> = (0..EMPLOYEES).map(|n| format!("Employee {n:04}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let customer = NewCustomer::named("Bench AG")
        .location("HQ")
        .employees_at("HQ", &refs)
        .create_in(&mut store);
    let start = Utc::now()
        .date_naive()
        .checked_sub_months(Months::new(3))
        .unwrap();
    let basic = rental(
        customer.id,
        "SVC-M365",
        "BASIC",
        &[("SUPPORT", "8X5")],
        ContextSelector::AllEmployees,
        start,
    );
    let planned = plan(store.conn(), &basic).unwrap();
    let ids = store
        .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
        .unwrap();
    let m365: Vec<i64> = planned
        .lines
        .iter()
        .zip(&ids)
        .filter(|(line, _)| line.item_code == "SVC-M365")
        .map(|(_, id)| *id)
        .collect();
    let changes: Vec<InstanceChange> = m365
        .iter()
        .map(|id| InstanceChange {
            instance_id: *id,
            to: Some(ChangeTarget {
                item: "SVC-M365".into(),
                variant: Some("STANDARD".into()),
                options: vec![ChosenOption {
                    group: "SUPPORT".into(),
                    choice: "8X5".into(),
                }],
                offer_type: OfferType::Rental,
                quantity: 1,
            }),
            not_before: None,
        })
        .collect();

    let t = Instant::now();
    let offer = store
        .write(|tx| {
            create_offer(
                tx,
                &OfferDraft {
                    customer_id: customer.id,
                    requests: vec![],
                    changes,
                    offer_date: None,
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    let create = t.elapsed();
    let t = Instant::now();
    store
        .write(|tx| set_offer_status(tx, offer.id, OfferStatus::Sent))
        .unwrap();
    let accepted = store
        .write(|tx| set_offer_status(tx, offer.id, OfferStatus::Accepted))
        .unwrap();
    let accept = t.elapsed();
    assert_eq!(accepted.ordered_instances.len(), m365.len());

    // The floor: SQLite ending the same rows and inserting as many, in one transaction.
    let t = Instant::now();
    store
        .write(|tx| {
            let mut end = tx.prepare(
                "UPDATE instance SET status = 'cancelled', end_date = '2027-01-01' WHERE id = ?1",
            )?;
            let mut insert = tx.prepare(
                "INSERT INTO instance (customer_id, item_id, variant_id, offer_type, context,
                     employee_id, quantity, terms, status, start_date, reason)
                 SELECT customer_id, item_id, variant_id, offer_type, context, employee_id,
                     quantity, terms, 'ordered', start_date, reason FROM instance WHERE id = ?1",
            )?;
            for id in &m365 {
                end.execute([id])?;
                insert.execute([id])?;
            }
            Ok(())
        })
        .unwrap();
    let floor = t.elapsed();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    println!("change offer, {} upgrades", m365.len());
    println!("  create (plan + price)  {:9.1} ms", ms(create));
    println!("  send + accept (write)  {:9.1} ms", ms(accept));
    println!("  floor (SQLite, same rows) {:6.1} ms", ms(floor));
}
