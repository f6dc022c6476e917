//! The contract value of an offer whose lines have different terms, as the app,
//! the XLSX and the CSV show it (docs/pricing.md §3): each line over its own
//! minimum term, never every line over the longest; gross = net + the VAT rows
//! as printed.

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::customer::*;
use servicefolio::offer::*;
use servicefolio::vocabulary::ContextRef;
use servicefolio::Store;
use std::str::FromStr;
use support::customers::NewCustomer;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

/// Managed365 for three employees and the tenant it needs (12 months each)
/// and a managed firewall M for the office (36 months).
fn mixed_terms_offer() -> (Store, Offer) {
    let mut store = Store::open_in_memory().unwrap();
    let start = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let offer = store
        .write(|tx| {
            let acme = NewCustomer::from_record(CustomerRecord {
                name: "ACME GmbH".into(),
                street: "Hauptstraße 5".into(),
                postal_code: "10115".into(),
                city: "Berlin".into(),
                country: "DE".into(),
                currency: "EUR".into(),
            })
            .location("Berlin")
            .employees_at("Berlin", &["Anna Schmidt", "Ben Meyer", "Clara Wolf"])
            .create(tx)?;
            let office = ContextSelector::Contexts(vec![ContextRef::Location(acme.locations[0])]);
            create_offer(
                tx,
                &OfferDraft {
                    customer_id: acme.id,
                    requests: vec![
                        support::booking::managed365(acme.id, ContextSelector::AllEmployees, start),
                        support::booking::rental(acme.id, "SVC-FIREWALL", "M", &[], office, start),
                    ],
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
fn each_line_counts_over_its_own_term() {
    let (_store, o) = mixed_terms_offer();
    let t = &o.calculation.totals;
    // tenant 490.00 + 49.00 × 12 = 1,078.00; Managed365 3 × 18.40 × 12 = 662.40;
    // firewall 390.00 + 149.00 × 36 = 5,754.00.
    assert_eq!((t.net.one_time, t.net.monthly), (d("880.00"), d("253.20")));
    assert_eq!(t.net.contract_value, d("7494.40"));
    // Over the longest term it would have been 880.00 + 253.20 × 36 = 9,995.20:
    // 2,500.80 the customer never committed to.
    assert_ne!(t.net.contract_value, d("9995.20"));
    // 7,494.40 × 19 % = 1,423.936 → 1,423.94, printed as the VAT row.
    assert_eq!(t.vat.len(), 1);
    assert_eq!(t.vat[0].contract_value_vat, d("1423.94"));
    assert_eq!(t.contract_value_gross, d("8918.34"));
}

#[test]
fn the_xlsx_computes_the_same_contract_value_with_each_lines_term() {
    use calamine::{Data, Reader, Xlsx};
    let (store, o) = mixed_terms_offer();
    let bytes = export_offer(store.conn(), o.id, OfferExportFormat::Xlsx).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Angebot").unwrap();
    let formulas = book.worksheet_formula("Angebot").unwrap();
    let start = range.start().unwrap();
    let row_of = |label: &str| {
        (0..range.height())
            .find(|r| matches!(range.get((*r, 2)), Some(Data::String(s)) if s == label))
            .unwrap_or_else(|| panic!("no row {label:?}"))
    };
    let number = |row: usize| match range.get((row, 10)) {
        Some(Data::Float(x)) => Decimal::try_from(*x).unwrap().round_dp(2),
        other => panic!("row {row} holds {other:?}"),
    };
    let formula = |row: usize| {
        formulas
            .get_value((row as u32 - start.0, 10 - start.1))
            .cloned()
            .unwrap_or_default()
    };
    let net = row_of("Gesamtvertragswert netto");
    assert_eq!(number(net), d("7494.40"));
    // Σ monthly × the line's own term (column N), not × one horizon.
    assert!(
        formula(net).contains("SUMPRODUCT(L7:L11*N7:N11)"),
        "{}",
        formula(net)
    );
    let vat = row_of("USt. 19 % auf den Vertragswert");
    assert_eq!(number(vat), d("1423.94"));
    assert!(formula(vat).starts_with("ROUND("), "{}", formula(vat));
    let gross = row_of("Gesamtvertragswert brutto");
    assert_eq!(number(gross), d("8918.34"));
    // Gross is the net cell plus the printed VAT cell(s), nothing else.
    assert_eq!(
        formula(gross),
        format!("K{}+K{}", net + 1, vat + 1),
        "the gross adds the printed rows"
    );
}

#[test]
fn the_csv_carries_each_lines_contract_value_summing_to_the_offers() {
    let (store, o) = mixed_terms_offer();
    let bytes = export_offer(store.conn(), o.id, OfferExportFormat::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let total: Decimal = rows.iter().map(|r| d(&r[column("contract_value")])).sum();
    assert_eq!(total, o.calculation.totals.net.contract_value);
    let firewall = rows
        .iter()
        .find(|r| &r[column("item_code")] == "SVC-FIREWALL")
        .unwrap();
    assert_eq!(&firewall[column("term_months")], "36");
    assert_eq!(&firewall[column("contract_value")], "5754.00");
}
