//! Renewals and notice deadlines across customers, the dates worked out by hand
//! from the lifecycle's rule (notice by the term end minus the notice period;
//! a renewing rental runs term after term).

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::contract::LineTerms;
use servicefolio::vocabulary::{InstanceStatus, OfferType};
use servicefolio::{ErrorKind, Store};
use std::str::FromStr;
use support::booking::for_employee;
use support::customers::{acme_gmbh, NewCustomer};
use support::terms::rental;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[test]
fn a_twelve_month_rental_with_three_months_notice_is_due_on_the_first_of_october() {
    // Started 2026-01-01: the minimum term ends 2027-01-01 (the date the
    // lifecycle ends it at), so notice is due by 2027-01-01 − 3 months =
    // 2026-10-01, the last day `earliest_end` still ends it with the term.
    let terms = rental(12, 3, 12);
    let start = day(2026, 1, 1);
    assert_eq!(
        earliest_end(&terms, start, day(2026, 10, 1)),
        day(2027, 1, 1)
    );
    assert_eq!(
        next_deadline(&terms, start, None, day(2026, 6, 1)),
        Some(Deadline {
            date: day(2026, 10, 1),
            kind: DeadlineKind::NoticeDeadline,
            term_end: day(2027, 1, 1),
            notice_deadline: Some(day(2026, 10, 1)),
        })
    );
    // On the deadline itself notice is still in time.
    assert_eq!(
        next_deadline(&terms, start, None, day(2026, 10, 1)).map(|d| d.date),
        Some(day(2026, 10, 1))
    );
    // A day later the term end comes first: it renews on 2027-01-01 unless
    // cancelled, and the next notice is due by 2027-10-01.
    assert_eq!(
        next_deadline(&terms, start, None, day(2026, 10, 2)),
        Some(Deadline {
            date: day(2027, 1, 1),
            kind: DeadlineKind::TermEnd,
            term_end: day(2027, 1, 1),
            notice_deadline: Some(day(2027, 10, 1)),
        })
    );
    // Renewed: in its second year the next deadline is 2027-10-01, not the
    // past one of 2026.
    assert_eq!(
        next_deadline(&terms, start, None, day(2027, 3, 1)).map(|d| (d.date, d.kind)),
        Some((day(2027, 10, 1), DeadlineKind::NoticeDeadline))
    );
    // Once cancelled (an end date set) nothing is coming up any more.
    assert_eq!(
        next_deadline(&terms, start, Some(day(2027, 1, 1)), day(2026, 6, 1)),
        None
    );
}

#[test]
fn without_renewal_a_rental_has_no_dates_after_its_term_and_a_leasing_ends_with_its_term() {
    let start = day(2026, 1, 1);
    // No auto-renewal: after the minimum term it runs on until cancelled,
    // with nothing to watch.
    let once = rental(12, 3, 0);
    assert_eq!(
        next_deadline(&once, start, None, day(2026, 11, 1)).map(|d| (d.date, d.kind)),
        Some((day(2027, 1, 1), DeadlineKind::TermEnd))
    );
    assert_eq!(next_deadline(&once, start, None, day(2027, 1, 2)), None);
    // A leasing takes no notice: its term end is the date, 36 months on.
    let leasing = LineTerms {
        offer_type: OfferType::Leasing,
        minimum_term_months: 36,
        ..rental(0, 0, 0)
    };
    assert_eq!(
        next_deadline(&leasing, start, None, day(2028, 12, 1)),
        Some(Deadline {
            date: day(2029, 1, 1),
            kind: DeadlineKind::LeaseEnd,
            term_end: day(2029, 1, 1),
            notice_deadline: None,
        })
    );
    // A purchase has no dates at all.
    let purchase = LineTerms {
        offer_type: OfferType::Purchase,
        ..rental(0, 0, 0)
    };
    assert_eq!(next_deadline(&purchase, start, None, day(2026, 2, 1)), None);
}

struct Two {
    store: Store,
    /// ACME GmbH: Anna's Managed365 (18.40 a month) and the tenant it needs (49.00).
    acme: i64,
    m365: i64,
    tenant: i64,
    /// Beta AG: Ben's purchased notebook with its device management (4.90 a month).
    beta: i64,
    mdm: i64,
}

/// Two customers on the demo catalog, each with contracts on the demo's
/// 12-month rental terms (3 months' notice, renewing for 12): ACME's start
/// 2026-01-01 (notice by 2026-10-01), Beta's 2026-03-01 (notice by 2026-12-01).
fn two_customers() -> Two {
    let mut store = Store::open_in_memory().unwrap();
    let acme = acme_gmbh().employee("Anna Schmidt").create_in(&mut store);
    let beta = NewCustomer::named("Beta AG")
        .employee("Ben Berger")
        .create_in(&mut store);
    let mut book = |request: BookingRequest| {
        let planned = plan(store.conn(), &request).unwrap();
        store
            .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
            .unwrap()
    };
    let acme_ids = book(support::booking::managed365(
        acme.id,
        for_employee(acme.employees[0]),
        day(2026, 1, 1),
    ));
    let beta_ids = book(support::booking::notebook(
        beta.id,
        for_employee(beta.employees[0]),
        1,
        day(2026, 3, 1),
    ));
    Two {
        store,
        acme: acme.id,
        m365: acme_ids[0],
        tenant: acme_ids[1],
        beta: beta.id,
        mdm: beta_ids[1],
    }
}

#[test]
fn the_contracts_coming_up_are_listed_across_customers_soonest_first() {
    let w = two_customers();
    let found = renewals(w.store.conn(), day(2026, 9, 15), 90).unwrap();
    assert_eq!(
        found.until,
        day(2026, 12, 14),
        "90 days on, both ends included"
    );
    // The purchased notebook has no date; the rest, soonest first.
    let rows: Vec<_> = found
        .renewals
        .iter()
        .map(|r| {
            (
                r.customer_id,
                r.instance_id,
                r.date,
                r.kind,
                r.context_label.as_str(),
                r.monthly,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                w.acme,
                w.m365,
                day(2026, 10, 1),
                DeadlineKind::NoticeDeadline,
                "Anna Schmidt",
                dec("18.40")
            ),
            (
                w.acme,
                w.tenant,
                day(2026, 10, 1),
                DeadlineKind::NoticeDeadline,
                "customer-wide",
                dec("49.00")
            ),
            (
                w.beta,
                w.mdm,
                day(2026, 12, 1),
                DeadlineKind::NoticeDeadline,
                "Ben Berger",
                dec("4.90")
            ),
        ]
    );
    let m365 = &found.renewals[0];
    assert_eq!(
        (
            m365.customer_name.as_str(),
            m365.item_name.as_str(),
            m365.variant.as_deref(),
            m365.offer_type,
            m365.status,
            m365.term_end,
        ),
        (
            "ACME GmbH",
            "Managed365",
            Some("Standard"),
            OfferType::Rental,
            InstanceStatus::Ordered,
            day(2027, 1, 1)
        )
    );

    // A shorter window ends before Beta's deadline.
    let soon = renewals(w.store.conn(), day(2026, 9, 15), 30).unwrap();
    assert_eq!(
        soon.renewals
            .iter()
            .map(|r| r.instance_id)
            .collect::<Vec<_>>(),
        [w.m365, w.tenant]
    );
}

#[test]
fn a_cancelled_contract_is_no_longer_up_for_renewal() {
    // Cancelling Beta's device management decides it: it leaves the list.
    let mut w = two_customers();
    let mdm = w.mdm;
    w.store
        .write(|tx| transition(tx, mdm, InstanceStatus::Cancelled, day(2026, 9, 1), ""))
        .unwrap();
    let found = renewals(w.store.conn(), day(2026, 9, 15), 90).unwrap();
    assert!(found.renewals.iter().all(|r| r.customer_id != w.beta));
    assert_eq!(found.renewals.len(), 2);
}

#[test]
fn a_window_beyond_two_years_is_refused() {
    let w = two_customers();
    assert!(renewals(w.store.conn(), day(2026, 1, 1), MAX_WINDOW_DAYS).is_ok());
    let error = renewals(w.store.conn(), day(2026, 1, 1), MAX_WINDOW_DAYS + 1).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        error.to_string(),
        "within: 731 days is too far ahead: at most 730 days"
    );
}
