//! A unit price is shown the way the line computes it (docs/pricing.md §1): a
//! leasing rate 1,450.00 × 2.95 % = 42.775 stays exact and the line rounds
//! once (3 × 42.775 = 128.325 → 128.33), so the documents print 42,775 € with
//! a footnote, never 42,78 € (whose triple, 128.34, is not the line).

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::locale::Locale;
use servicefolio::offer::*;
use servicefolio::vocabulary::{ContextRef, OfferType};
use servicefolio::Store;
use std::str::FromStr;
use support::customers::NewCustomer;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

#[test]
fn unit_prices_keep_their_decimals_and_amounts_show_cents() {
    assert_eq!(Locale::De.unit_money(d("42.775"), "EUR"), "42,775 €");
    assert_eq!(Locale::En.unit_money(d("11.9325"), "EUR"), "€11.9325");
    assert_eq!(Locale::De.unit_money(d("1449.9"), "EUR"), "1.449,90 €");
    assert_eq!(Locale::De.money(d("42.775"), "EUR"), "42,78 €");
    assert!(Locale::has_sub_cents(d("42.7750")));
    assert!(!Locale::has_sub_cents(d("42.780")));
}

/// Three Workplace as a Service *Office* leased for Anna's workplace.
fn leased_workplaces() -> (Store, Offer) {
    let mut store = Store::open_in_memory().unwrap();
    let start = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let offer = store
        .write(|tx| {
            let acme = NewCustomer::named("ACME GmbH")
                .employee("Anna Schmidt")
                .with_workplace("Anna's desk")
                .create(tx)?;
            let desk = ContextSelector::Contexts(vec![ContextRef::Workplace(acme.workplaces[0])]);
            let request = BookingRequest {
                quantity: 3,
                offer_type: OfferType::Leasing,
                ..support::booking::rental(
                    acme.id,
                    "SVC-WAAS",
                    "OFFICE",
                    &[("SUPPORT", "8X5")],
                    desk,
                    start,
                )
            };
            create_offer(
                tx,
                &OfferDraft {
                    customer_id: acme.id,
                    requests: vec![request],
                    changes: Vec::new(),
                    offer_date: Some(NaiveDate::from_ymd_opt(2026, 5, 20).unwrap()),
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    (store, offer)
}

#[test]
fn the_pdf_prints_the_exact_rate_marked_and_explained() {
    let (store, o) = leased_workplaces();
    let lease = o
        .lines()
        .find(|l| l.item_code == "SVC-WAAS")
        .expect("the lease");
    assert_eq!(lease.terms.monthly_per_unit, d("42.775"));
    assert_eq!(lease.amounts.monthly, d("128.33"));
    let bytes = export_offer(store.conn(), o.id, OfferExportFormat::Pdf).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offer.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils; scripts/setup.sh test installs it)");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("42,775 € mtl.*"), "{text}");
    assert!(
        !text.contains("42,78 €"),
        "the rounded rate is not the line's: {text}"
    );
    assert!(text.contains("128,33 €"), "{text}");
    assert!(text.contains("* Einzelpreis exakt"), "{text}");
    // The contract value: the lease over its 36 months; its VAT printed, so
    // 4.768,88 € + 906,09 € = 5.674,97 € as the reader can add up.
    assert!(text.contains("Gesamtvertragswert netto"), "{text}");
    assert!(text.contains("4.768,88 €"), "{text}");
    assert!(text.contains("USt. 19 % auf den Vertragswert"), "{text}");
    assert!(text.contains("906,09 €"), "{text}");
    assert!(text.contains("5.674,97 €"), "{text}");
    assert!(
        text.contains("jede Position über ihre eigene Mindestlaufzeit"),
        "{text}"
    );
}

#[test]
fn the_xlsx_unit_price_shows_the_rates_decimals() {
    use calamine::{Data, Reader, Xlsx};
    let (store, o) = leased_workplaces();
    let bytes = export_offer(store.conn(), o.id, OfferExportFormat::Xlsx).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Angebot").unwrap();
    let row = (0..range.height())
        .find(|r| matches!(range.get((*r, 2)), Some(Data::String(s)) if s.starts_with("Workplace")))
        .expect("the lease's row");
    // The cell holds the exact rate; its format shows up to six decimals.
    assert_eq!(range.get((row, 6)), Some(&Data::Float(42.775)));
}
