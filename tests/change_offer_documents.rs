//! Issue 13, item 2, in the customer's documents: a change offer's PDF, XLSX
//! and CSV show each change line's kind, when it takes effect, what the
//! instance is now and what it becomes with the current and proposed amounts,
//! and the customer's monthly amount now, with the offer, and the difference,
//! in the document's language throughout.
//!
//! Nordwind GmbH rents Managed365 Basic (8x5 support, 7.90 € a month) for
//! Jana and for Tom since 1 February 2026 and bought Jana a ThinkPad T14 Gen 4
//! with its mandatory device management (4.90 € a month). The offer of 20 May
//! 2026 upgrades Jana to Managed365 Standard with 24x7 support, cancels Tom's
//! Managed365, and replaces the discontinued notebook by its successor, the
//! Gen 5, to which the device management moves.

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::customer::CustomerRecord;
use servicefolio::locale::Locale;
use servicefolio::offer::*;
use servicefolio::settings::{save_settings, Settings};
use servicefolio::vocabulary::OfferType;
use servicefolio::Store;
use std::str::FromStr;
use support::booking::for_employee;
use support::customers::NewCustomer;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

struct Fixture {
    store: Store,
    offer: Offer,
}

/// Books `request` as ordered and sets what it booked active; returns the
/// instance ids, the requested item's first.
fn hold(store: &mut Store, request: &BookingRequest) -> Vec<i64> {
    let planned = plan(store.conn(), request).unwrap();
    let ids = store
        .write(|tx| apply(tx, &planned, ApplyAs::Ordered))
        .unwrap();
    store
        .write(|tx| {
            for id in &ids {
                tx.execute("UPDATE instance SET status = 'active' WHERE id = ?1", [id])?;
            }
            Ok(())
        })
        .unwrap();
    ids
}

/// What the catalog says of an item's status, as it was when the customer
/// bought it (the Gen 4 was sold then).
fn set_item_status(store: &mut Store, code: &str, status: &str) {
    store
        .write(|tx| {
            tx.execute(
                "UPDATE catalog_item SET status = ?2 WHERE code = ?1",
                [code, status],
            )?;
            Ok(())
        })
        .unwrap();
}

fn nordwind(language: Locale) -> Fixture {
    let mut store = Store::open_in_memory().unwrap();
    let (customer, employees) = store
        .write(|tx| {
            let c = NewCustomer::from_record(CustomerRecord {
                name: "Nordwind GmbH".into(),
                street: "Deichstraße 1".into(),
                postal_code: "20459".into(),
                city: "Hamburg".into(),
                country: "DE".into(),
                currency: "EUR".into(),
            })
            .location("Hamburg")
            .employees_at("Hamburg", &["Jana Petersen", "Tom Berger"])
            .create(tx)?;
            save_settings(
                tx,
                &Settings {
                    company_name: "Nordlicht IT Services GmbH".into(),
                    address: "Am Sandtorkai 12\n20457 Hamburg".into(),
                    vat_id: "DE123456789".into(),
                    bank: "Hamburger Sparkasse".into(),
                    contact: "vertrieb@nordlicht-it.example".into(),
                    default_validity_days: 30,
                    logo_path: None,
                    language,
                    approval: Default::default(),
                },
            )?;
            Ok((c.id, c.employees))
        })
        .unwrap();
    let since = day(2026, 2, 1);
    let basic = |employee| {
        support::booking::rental(
            customer,
            "SVC-M365",
            "BASIC",
            &[("SUPPORT", "8X5")],
            for_employee(employee),
            since,
        )
    };
    let jana_m365 = hold(&mut store, &basic(employees[0]))[0];
    let tom_m365 = hold(&mut store, &basic(employees[1]))[0];
    set_item_status(&mut store, "NB-LEN-T14G4", "active");
    let g4 =
        support::booking::purchase(customer, "NB-LEN-T14G4", for_employee(employees[0]), since);
    let notebook = hold(&mut store, &g4)[0];
    set_item_status(&mut store, "NB-LEN-T14G4", "discontinued");

    let draft = OfferDraft {
        customer_id: customer,
        requests: Vec::new(),
        changes: vec![
            InstanceChange {
                instance_id: jana_m365,
                to: Some(ChangeTarget {
                    item: "SVC-M365".into(),
                    variant: Some("STANDARD".into()),
                    options: vec![ChosenOption {
                        group: "SUPPORT".into(),
                        choice: "24X7".into(),
                    }],
                    offer_type: OfferType::Rental,
                    quantity: 1,
                }),
                not_before: None,
            },
            InstanceChange {
                instance_id: tom_m365,
                to: None,
                not_before: None,
            },
            InstanceChange {
                instance_id: notebook,
                to: Some(ChangeTarget {
                    item: "NB-LEN-T14G5".into(),
                    variant: None,
                    options: vec![],
                    offer_type: OfferType::Purchase,
                    quantity: 1,
                }),
                not_before: None,
            },
        ],
        offer_date: Some(day(2026, 5, 20)),
        valid_until: None,
        notes: String::new(),
    };
    let offer = store.write(|tx| create_offer(tx, &draft)).unwrap();
    Fixture { store, offer }
}

fn pdftotext(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offer.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils; scripts/setup.sh test installs it)");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

fn pdf(f: &Fixture) -> String {
    pdftotext(&export_offer(f.store.conn(), f.offer.id, OfferExportFormat::Pdf).unwrap())
}

/// The offer in `language`: its PDF as text, its XLSX's text cells.
fn documents(language: Locale) -> (Fixture, String, String) {
    let f = nordwind(language);
    let pdf = pdf(&f);
    let xlsx =
        xlsx_text(&export_offer(f.store.conn(), f.offer.id, OfferExportFormat::Xlsx).unwrap());
    (f, pdf, xlsx)
}

/// The line of `text` that holds `needle`.
fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle:?} in:\n{text}"))
}

#[test]
fn the_offer_works_out_the_monthly_amount_now_and_with_it() {
    // By hand: now Jana's and Tom's Managed365 Basic 2 × 7.90, the tenant
    // both need 49.00, the notebook's device management 4.90 = 69.70. With
    // the offer: Jana's Standard with 24x7 costs 12.90 + 3.00 = 15.90
    // (+8.00), Tom's ends (−7.90), the Gen 5 is bought like the Gen 4 and
    // the device management moves to it (±0) = 69.80, +0.10.
    let f = nordwind(Locale::De);
    let change = f.offer.monthly_change.expect("a change offer");
    assert_eq!(
        (change.current, change.new, change.difference),
        (d("69.70"), d("69.80"), d("0.10"))
    );
    let kinds: Vec<(String, ChangeKind)> = f
        .offer
        .lines()
        .filter_map(|l| l.changed.as_ref().map(|c| (l.item_code.clone(), c.kind)))
        .collect();
    assert_eq!(
        kinds,
        [
            ("SVC-M365".to_owned(), ChangeKind::Upgrade),
            ("NB-LEN-T14G5".to_owned(), ChangeKind::Replace),
            ("SVC-M365".to_owned(), ChangeKind::Cancel),
        ]
    );
}

#[test]
fn the_german_pdf_shows_each_change_now_and_proposed_and_the_monthly_amounts() {
    let (_, pdf, _) = documents(Locale::De);
    // The upgrade: its kind and day, the proposed amounts on the line, the
    // current ones under it.
    assert!(
        line_with(&pdf, "Höherstufung").contains("ab 20.05.2026"),
        "{pdf}"
    );
    let upgrade = line_with(&pdf, "Managed365 Standard");
    assert!(
        upgrade.contains("Miete") && upgrade.contains("15,90 €"),
        "{pdf}"
    );
    let now = line_with(&pdf, "Bisher: Managed365 Basic");
    assert!(now.contains("Miete") && now.contains("7,90 €"), "{pdf}");
    // The successor: the notebook it is now with what it cost, and the
    // device management that moves over to the new one.
    assert!(line_with(&pdf, "Ersatz durch Nachfolger").contains("ab 20.05.2026"));
    assert!(line_with(&pdf, "Lenovo ThinkPad T14 Gen 5").contains("1.249,00 €"));
    assert!(line_with(&pdf, "Bisher: Lenovo ThinkPad T14 Gen 4").contains("1.149,00 €"));
    assert!(
        pdf.contains("Wechselt mit: Mobile device management"),
        "{pdf}"
    );
    // The cancellation: the end the terms allow (twelve months from
    // 1 February) and the last day for notice (three months before); no
    // price, never 0,00 €.
    assert!(pdf.contains("Kündigung · endet am 01.02.2027"), "{pdf}");
    assert!(pdf.contains("Kündigung bis 01.11.2026"), "{pdf}");
    let ends = line_with(&pdf, "entfällt");
    assert!(ends.contains('—') && !ends.contains("0,00"), "{ends}");
    // The totals: as before, then now, new and the difference, net.
    for (label, value) in [
        ("Monatlich netto", "15,90 €"),
        ("Monatlich bisher netto", "69,70 €"),
        ("Monatlich neu netto", "69,80 €"),
        ("Differenz monatlich netto", "+0,10 €"),
    ] {
        assert!(line_with(&pdf, label).ends_with(value), "{label}: {pdf}");
    }
    // A line that ends is sold on no terms: one rental paragraph, the upgrade's.
    assert_eq!(pdf.matches("Mindestlaufzeit 12 Monate").count(), 1, "{pdf}");
}

#[test]
fn the_english_pdf_shows_the_same_in_english() {
    let (_, pdf, _) = documents(Locale::En);
    assert!(
        line_with(&pdf, "Upgrade").contains("from 20 May 2026"),
        "{pdf}"
    );
    assert!(line_with(&pdf, "Managed365 Standard").contains("€15.90"));
    assert!(line_with(&pdf, "Currently: Managed365 Basic").contains("€7.90"));
    assert!(line_with(&pdf, "Replacement by successor").contains("from 20 May 2026"));
    assert!(
        pdf.contains("Moves over with it: Mobile device management"),
        "{pdf}"
    );
    assert!(pdf.contains("Cancellation · ends on 1 Feb 2027"), "{pdf}");
    assert!(pdf.contains("Notice by 1 Nov 2026"), "{pdf}");
    let ends = line_with(&pdf, " ends");
    assert!(!ends.contains("0.00"), "{ends}");
    for (label, value) in [
        ("Current monthly net", "€69.70"),
        ("New monthly net", "€69.80"),
        ("Monthly difference net", "+€0.10"),
    ] {
        assert!(line_with(&pdf, label).ends_with(value), "{label}: {pdf}");
    }
}

/// Every text cell of the first sheet of an XLSX, one per line.
fn xlsx_text(bytes: &[u8]) -> String {
    use calamine::{Data, Reader, Xlsx};
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let sheet = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&sheet).unwrap();
    range
        .rows()
        .flatten()
        .filter_map(|cell| match cell {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_german_change_offer_is_german_throughout_and_an_english_one_english() {
    // Each English word of a change offer is in the English documents (the
    // list is not vacuous) and in neither German one; the German words are
    // there instead.
    let (_, pdf_en, xlsx_en) = documents(Locale::En);
    let (_, pdf_de, xlsx_de) = documents(Locale::De);
    let pdf_words = [
        "Upgrade",
        "Replacement by successor",
        "Cancellation",
        "from",
        "ends on",
        "Notice by",
        "Currently",
        "Moves over",
        "ends",
        "Current monthly net",
        "New monthly net",
        "Monthly difference net",
    ];
    let xlsx_words = [
        "Change",
        "Effective",
        "Currently",
        "Current one-time",
        "Current monthly",
        "Upgrade",
        "Replacement by successor",
        "Cancellation",
        "New monthly net",
        "Monthly difference net",
        "Rental",
        "Purchase",
    ];
    for (english, german, words) in [
        (&pdf_en, &pdf_de, &pdf_words[..]),
        (&xlsx_en, &xlsx_de, &xlsx_words[..]),
    ] {
        for word in words {
            assert!(english.contains(word), "{word:?} missing from:\n{english}");
            assert!(
                !german.contains(word),
                "{word:?} in the German document:\n{german}"
            );
        }
    }
    for word in [
        "Höherstufung",
        "Ersatz durch Nachfolger",
        "Kündigung",
        "Bisher",
    ] {
        assert!(pdf_de.contains(word) && xlsx_de.contains(word), "{word:?}");
    }
}

#[test]
fn the_xlsx_holds_each_change_and_works_out_the_monthly_amounts_with_formulas() {
    use calamine::{Data, Reader, Xlsx};
    let f = nordwind(Locale::De);
    let bytes = export_offer(f.store.conn(), f.offer.id, OfferExportFormat::Xlsx).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let range = book.worksheet_range("Angebot").unwrap();
    let formulas = book.worksheet_formula("Angebot").unwrap();
    let text = |row: usize, col: usize| match range.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        other => format!("{other:?}"),
    };
    let number = |row: usize, col: usize| match range.get((row, col)) {
        Some(Data::Float(x)) => Decimal::try_from(*x).unwrap().round_dp(2),
        Some(Data::Int(x)) => Decimal::from(*x),
        other => panic!("({row}, {col}) holds {other:?}"),
    };
    let header = 5usize;
    assert_eq!(
        (14..=18).map(|c| text(header, c)).collect::<Vec<_>>(),
        [
            "Änderung",
            "Wirksam ab",
            "Bisher",
            "Einmalig bisher",
            "Monatlich bisher"
        ]
    );
    let row_of = |code: &str, kind: &str| {
        (header + 1..range.height())
            .find(|r| text(*r, 14) == kind)
            .unwrap_or_else(|| panic!("no {code} row of kind {kind:?}"))
    };
    let upgrade = row_of("SVC-M365", "Höherstufung");
    assert_eq!(text(upgrade, 15), "20.05.2026");
    assert!(text(upgrade, 16).starts_with("1 × Managed365 Basic"));
    assert_eq!(
        (number(upgrade, 11), number(upgrade, 18)),
        (d("15.90"), d("7.90"))
    );
    let replace = row_of("NB-LEN-T14G5", "Ersatz durch Nachfolger");
    assert_eq!(
        (number(replace, 10), number(replace, 17)),
        (d("1249.00"), d("1149.00"))
    );
    let cancel = row_of("SVC-M365", "Kündigung");
    assert_eq!(text(cancel, 15), "01.02.2027");
    assert_eq!(
        (number(cancel, 11), number(cancel, 18)),
        (d("0"), d("7.90"))
    );
    // Sold at no price: no unit price, not its old one.
    assert_eq!([text(cancel, 5), text(cancel, 6)], ["—", "—"]);

    let find = |label: &str| {
        (0..range.height())
            .find(|r| text(*r, 2) == label)
            .unwrap_or_else(|| panic!("no row {label:?}"))
    };
    let start = range.start().unwrap();
    let formula = |row: usize| {
        formulas
            .get_value((row as u32 - start.0, 10 - start.1))
            .cloned()
            .unwrap_or_default()
    };
    let lines = f.offer.lines().count();
    let (first, last) = (header + 2, header + 1 + lines);
    let now = find("Monatlich bisher netto");
    assert_eq!(number(now, 10), d("69.70"));
    let new = find("Monatlich neu netto");
    assert_eq!(number(new, 10), d("69.80"));
    assert_eq!(
        formula(new),
        format!("K{}+SUM(L{first}:L{last})-SUM(S{first}:S{last})", now + 1)
    );
    let difference = find("Differenz monatlich netto");
    assert_eq!(number(difference, 10), d("0.10"));
    assert_eq!(formula(difference), format!("K{}-K{}", new + 1, now + 1));
}

#[test]
fn the_csv_names_each_change_by_its_code() {
    let f = nordwind(Locale::De);
    let bytes = export_offer(f.store.conn(), f.offer.id, OfferExportFormat::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let changes: Vec<[&str; 4]> = rows
        .iter()
        .filter(|r| !r[column("change_kind")].is_empty())
        .map(|r| {
            [
                &r[column("change_kind")],
                &r[column("effective")],
                &r[column("current_one_time")],
                &r[column("current_monthly")],
            ]
        })
        .collect();
    assert_eq!(
        changes,
        [
            ["upgrade", "2026-05-20", "0.00", "7.90"],
            ["replace", "2026-05-20", "1149.00", "0.00"],
            ["cancel", "2027-02-01", "0.00", "7.90"],
        ]
    );
    let cancel = rows
        .iter()
        .find(|r| &r[column("change_kind")] == "cancel")
        .unwrap();
    assert_eq!(&cancel[column("monthly")], "0.00");
    assert!(cancel[column("instance_id")].parse::<i64>().is_ok());
}

#[test]
fn an_offer_of_new_bookings_prints_no_change_columns_or_monthly_amounts() {
    let f = nordwind(Locale::De);
    let request = support::booking::rental(
        f.offer.customer.id,
        "SVC-MDM",
        "PLUS",
        &[],
        ContextSelector::AllEmployees,
        day(2026, 6, 1),
    );
    let mut store = f.store;
    let plain = store
        .write(|tx| {
            create_offer(
                tx,
                &OfferDraft {
                    customer_id: f.offer.customer.id,
                    requests: vec![BookingRequest {
                        add_anyway: true,
                        ..request
                    }],
                    changes: Vec::new(),
                    offer_date: Some(day(2026, 5, 20)),
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    let pdf = pdftotext(&export_offer(store.conn(), plain.id, OfferExportFormat::Pdf).unwrap());
    assert!(pdf.contains("Monatlich netto"), "{pdf}");
    assert!(!pdf.contains("bisher") && !pdf.contains("Bisher"), "{pdf}");
    let xlsx = xlsx_text(&export_offer(store.conn(), plain.id, OfferExportFormat::Xlsx).unwrap());
    assert!(
        !xlsx.contains("Änderung") && !xlsx.contains("bisher"),
        "{xlsx}"
    );
}

#[test]
fn a_group_of_change_lines_keeps_its_heading_with_its_first_line() {
    // Each employee's group is one upgrade line (four rows: kind, the new
    // variant, what it is now, …) and its subtotal; 8 to 20 employees move
    // the group boundaries over the page's foot.
    let mut checked_breaks = 0;
    for count in (8..=20).step_by(2) {
        let names: Vec<String> = (1..=count).map(|i| format!("Mitarbeiter {i:02}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut store = Store::open_in_memory().unwrap();
        let customer = store
            .write(|tx| {
                Ok(NewCustomer::named("Nordwind GmbH")
                    .location("Hamburg")
                    .employees_at("Hamburg", &refs)
                    .create(tx)?
                    .id)
            })
            .unwrap();
        let basic = support::booking::rental(
            customer,
            "SVC-M365",
            "BASIC",
            &[("SUPPORT", "8X5")],
            ContextSelector::AllEmployees,
            day(2026, 2, 1),
        );
        hold(&mut store, &basic);
        let held = inventory(store.conn(), customer, day(2026, 5, 20)).unwrap();
        let changes: Vec<InstanceChange> = held
            .instances
            .iter()
            .filter(|i| i.item_code == "SVC-M365")
            .map(|i| InstanceChange {
                instance_id: i.id,
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
        assert_eq!(changes.len(), count);
        let offer = store
            .write(|tx| {
                create_offer(
                    tx,
                    &OfferDraft {
                        customer_id: customer,
                        requests: Vec::new(),
                        changes: changes.clone(),
                        offer_date: Some(day(2026, 5, 20)),
                        valid_until: None,
                        notes: String::new(),
                    },
                )
            })
            .unwrap();
        let text =
            pdftotext(&export_offer(store.conn(), offer.id, OfferExportFormat::Pdf).unwrap());
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        checked_breaks += pages.len() - 1;
        for (number, page) in pages.iter().enumerate() {
            let lines: Vec<&str> = page.lines().map(str::trim).collect();
            for (i, line) in lines.iter().enumerate() {
                if !line.starts_with("Mitarbeiter ") {
                    continue;
                }
                let rest = &lines[i + 1..];
                let kind = rest.iter().position(|l| l.contains("Höherstufung"));
                let now = rest.iter().position(|l| l.starts_with("Bisher:"));
                let subtotal = rest.iter().position(|l| l.starts_with("Zwischensumme"));
                assert!(
                    kind.is_some() && now.is_some() && subtotal.is_some() && kind < subtotal,
                    "{count} employees, page {}: {line:?} without its line and subtotal:\n{page}",
                    number + 1
                );
            }
        }
    }
    assert!(checked_breaks > 3, "the offers must break pages");
}

#[test]
fn a_linked_item_that_ends_with_a_cancelled_one_names_it_and_has_no_price() {
    // Cancelling the Gen 4 ends the device management that came with it: its
    // line names the notebook and prints no price, in German and English.
    for (language, kind, ends_with, ends) in [
        (
            Locale::De,
            "Kündigung · endet am",
            "Endet mit Lenovo ThinkPad T14 Gen 4 am",
            "entfällt",
        ),
        (
            Locale::En,
            "Cancellation · ends on",
            "Ends with Lenovo ThinkPad T14 Gen 4 on",
            "ends",
        ),
    ] {
        let f = nordwind(language);
        let notebook = f.offer.changes[2].instance_id;
        let mut store = f.store;
        let cancel = store
            .write(|tx| {
                create_offer(
                    tx,
                    &OfferDraft {
                        customer_id: f.offer.customer.id,
                        requests: Vec::new(),
                        changes: vec![InstanceChange {
                            instance_id: notebook,
                            to: None,
                            not_before: None,
                        }],
                        offer_date: Some(day(2026, 5, 20)),
                        valid_until: None,
                        notes: String::new(),
                    },
                )
            })
            .unwrap();
        let kinds: Vec<ChangeKind> = cancel
            .lines()
            .filter_map(|l| l.changed.as_ref().map(|c| c.kind))
            .collect();
        assert_eq!(kinds, [ChangeKind::Cancel, ChangeKind::EndsWith]);
        let pdf =
            pdftotext(&export_offer(store.conn(), cancel.id, OfferExportFormat::Pdf).unwrap());
        assert!(pdf.contains(kind), "{pdf}");
        assert!(pdf.contains(ends_with), "{pdf}");
        let management = line_with(&pdf, "Mobile device management");
        assert!(management.trim_end().ends_with(ends), "{pdf}");
        assert!(!management.contains("0,00") && !management.contains("0.00"));
    }
}
