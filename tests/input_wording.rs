//! A wrong value in a form or an argument is said as data: which sentence
//! (`InputSays`) and its typed values (dates, amounts, offer types as such, the
//! system's words as text), from every room; the English message is made from
//! the same sentence (issue 14.5).

mod support;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use servicefolio::customer::read_employee_csv;
use servicefolio::error::{InputProblem, InputSays, Says, Value};
use servicefolio::master::{import_feed, import_reader, ImportOptions};
use servicefolio::offer::{create_offer, OfferDraft};
use servicefolio::pricing::create_price_list;
use servicefolio::settings::{save_settings, settings, ApprovalRules};
use servicefolio::vocabulary::{ContextRef, OfferType};
use servicefolio::{Error, ErrorDetails, Store};
use std::collections::BTreeMap;
use std::sync::atomic::AtomicBool;
use support::booking::managed365;
use support::customers::acme_gmbh_in_berlin;
use support::price_lists::{acme_2026, variant};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn text(t: &str) -> Value {
    Value::Text(t.into())
}

/// The field, the sentence and its values of a refused input; the message is
/// the field and the sentence's English.
fn said(error: &Error) -> (String, InputSays, BTreeMap<String, Value>) {
    let Error::InvalidInput {
        field,
        reason,
        problem: InputProblem::Said { wording },
    } = error
    else {
        panic!("not a wrong value said as a sentence: {error:?}");
    };
    assert_eq!(*reason, wording.english());
    assert_eq!(error.to_string(), format!("{field}: {reason}"));
    // The UI gets the same sentence in the details.
    let Some(ErrorDetails::InvalidInput { problem: sent, .. }) = error.details() else {
        panic!("no typed details: {error:?}");
    };
    assert_eq!(
        *sent,
        InputProblem::Said {
            wording: wording.clone()
        }
    );
    let Says::Input(says) = wording.said else {
        panic!("not an input sentence: {wording:?}");
    };
    (field.clone(), says, wording.values.clone())
}

#[test]
fn a_price_list_entry_not_offered_names_the_offer_type_as_such() {
    let mut store = Store::open_in_memory().unwrap();
    let customer = support::customers::acme_gmbh().create_in(&mut store).id;
    let mut draft = acme_2026(customer);
    draft.entries = vec![variant("SVC-M365", "BASIC", OfferType::Leasing, "1")];
    let error = store.write(|tx| create_price_list(tx, &draft)).unwrap_err();
    let (field, says, values) = said(&error);
    assert_eq!(field, "entries[0].offer_type");
    assert_eq!(says, InputSays::VariantNotOffered);
    assert_eq!(
        values,
        BTreeMap::from([
            ("service".into(), text("SVC-M365")),
            ("variant".into(), text("BASIC")),
            ("offer_type".into(), Value::OfferType(OfferType::Leasing)),
        ])
    );
    assert_eq!(
        error.to_string(),
        "entries[0].offer_type: SVC-M365 BASIC is not offered as leasing"
    );

    // A negative price: the amount as an amount.
    draft.entries = vec![variant("SVC-M365", "E3", OfferType::Rental, "-5.50")];
    let error = store.write(|tx| create_price_list(tx, &draft)).unwrap_err();
    let (field, says, values) = said(&error);
    assert_eq!(
        (field.as_str(), says),
        ("entries[0].amount", InputSays::AmountNegative)
    );
    assert_eq!(values["amount"], Value::Amount("-5.50".into()));
    assert_eq!(
        error.to_string(),
        "entries[0].amount: -5.50 is negative; a price is 0 or more"
    );
}

#[test]
fn an_offer_valid_until_before_its_date_names_both_dates() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = store
        .write(|tx| {
            acme_gmbh_in_berlin()
                .location("Berlin")
                .employees_at("Berlin", &["Anna Schmidt"])
                .create(tx)
        })
        .unwrap();
    let draft = OfferDraft {
        customer_id: acme.id,
        requests: vec![managed365(
            acme.id,
            servicefolio::booking::ContextSelector::AllEmployees,
            day(2026, 6, 1),
        )],
        changes: Vec::new(),
        offer_date: Some(day(2026, 5, 20)),
        valid_until: Some(day(2026, 5, 19)),
        notes: String::new(),
    };
    let error = store.write(|tx| create_offer(tx, &draft)).unwrap_err();
    let (field, says, values) = said(&error);
    assert_eq!(
        (field.as_str(), says),
        ("valid_until", InputSays::ValidUntilBeforeOfferDate)
    );
    assert_eq!(
        values,
        BTreeMap::from([
            ("valid_until".into(), Value::Date(day(2026, 5, 19))),
            ("offer_date".into(), Value::Date(day(2026, 5, 20))),
        ])
    );
    assert_eq!(
        error.to_string(),
        "valid_until: 2026-05-19 is before the offer date 2026-05-20"
    );
}

#[test]
fn an_approval_threshold_out_of_range_is_said_for_its_own_rule() {
    let mut store = Store::open_in_memory().unwrap();
    let mut s = settings(store.conn()).unwrap();
    s.approval = ApprovalRules {
        max_discount_percent: Some(Decimal::from(120)),
        ..Default::default()
    };
    let error = store.write(|tx| save_settings(tx, &s)).unwrap_err();
    let (field, says, values) = said(&error);
    assert_eq!(
        (field.as_str(), says),
        (
            "approval.max_discount_percent",
            InputSays::MaxDiscountNotPercent
        )
    );
    assert_eq!(values["percent"], Value::Number("120".into()));
    assert_eq!(
        error.to_string(),
        "approval.max_discount_percent: must be a percentage from 0 to 100, not 120"
    );

    s.approval = ApprovalRules {
        min_margin_percent: Some(Decimal::from(-1)),
        ..Default::default()
    };
    let error = store.write(|tx| save_settings(tx, &s)).unwrap_err();
    assert_eq!(said(&error).1, InputSays::MinMarginNotPercent);

    s.approval = ApprovalRules::default();
    s.default_validity_days = 400;
    let error = store.write(|tx| save_settings(tx, &s)).unwrap_err();
    let (_, says, values) = said(&error);
    assert_eq!(says, InputSays::ValidityDaysOutOfRange);
    assert_eq!(values["days"], Value::Number("400".into()));
}

#[test]
fn an_import_says_the_file_and_the_systems_words_as_text() {
    let mut store = Store::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("feed.csv");
    let error = import_feed(
        &mut store,
        &missing,
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap_err();
    let (field, says, values) = said(&error);
    assert_eq!((field.as_str(), says), ("file", InputSays::FileUnreadable));
    assert_eq!(values["file"], text(&missing.display().to_string()));
    assert!(
        matches!(&values["error"], Value::Text(t) if !t.is_empty()),
        "{values:?}"
    );

    // A default tax rate out of range, before anything is read.
    let options = ImportOptions {
        default_tax_rate: Some(Decimal::from(150)),
        ..Default::default()
    };
    let error = import_reader(
        &mut store,
        std::io::Cursor::new(b"a;b\n".to_vec()),
        "feed.csv",
        4,
        &options,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap_err();
    let (field, says, values) = said(&error);
    assert_eq!(
        (field.as_str(), says),
        ("default_tax_rate", InputSays::NotTaxRate)
    );
    assert_eq!(values["rate"], Value::Number("150".into()));
    assert_eq!(
        error.to_string(),
        "default_tax_rate: 150 is not a tax rate in percent (0 to 100)"
    );

    // An employee file without a name column: the line and the header found.
    let error = read_employee_csv("mail,site\nx@y.z,Berlin\n").unwrap_err();
    let (field, says, values) = said(&error);
    assert_eq!((field.as_str(), says), ("file", InputSays::NoNameColumn));
    assert_eq!(
        values,
        BTreeMap::from([
            ("line".into(), text("1")),
            ("found".into(), text("mail, site")),
        ])
    );
}

#[test]
fn a_line_of_an_offer_keeps_its_sentence_under_the_lines_number() {
    use servicefolio::pricing::{offer_totals, OfferLine};
    let line = OfferLine {
        context: ContextRef::Global,
        terms: support::terms::rental(12, 3, 12),
        quantity: 0,
        unit_cost: None,
    };
    let error = offer_totals("EUR", &[line]).unwrap_err();
    let (field, says, values) = said(&error);
    assert_eq!(
        (field.as_str(), says),
        ("line 1 quantity", InputSays::QuantityNotPositive)
    );
    assert_eq!(values["quantity"], Value::Number("0".into()));
}
