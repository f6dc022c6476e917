//! Change offers from the command line (issue 13, item 2): `offer create`
//! with change files and `--cancel`, and nothing else; `offer show` prints
//! each change line (its kind, when, now → proposed) and the customer's
//! monthly amount now, with the offer, and the difference, also as JSON.

use super::*;
use clap::error::ErrorKind as ClapError;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("servicefolio-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn run_captured(command: Command, db: &Path) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_to(command, Some(db), false, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("servicefolio").chain(args.iter().copied()))
}

/// ACME with Anna, who has rented Managed365 Basic (8x5, 7.90 € a month)
/// since 1 February 2026 with the tenant it needs (49.00 € a month), both
/// active: (customer, Anna's Managed365 instance).
fn acme_holding_managed365(db: &Path) -> (i64, i64) {
    let mut store = Store::open(db).unwrap();
    let customer = store
        .write(|tx| {
            let c = customer::create_customer(
                tx,
                &customer::CustomerRecord {
                    name: "ACME".into(),
                    currency: "EUR".into(),
                    ..Default::default()
                },
            )?;
            customer::create_employee(
                tx,
                c.id,
                &customer::EmployeeRecord {
                    name: "Anna".into(),
                    ..Default::default()
                },
            )?;
            Ok(c.id)
        })
        .unwrap();
    let request: servicefolio::booking::BookingRequest = serde_json::from_str(&format!(
        r#"{{"customer_id": {customer}, "item": "SVC-M365", "variant": "BASIC", "options": [{{"group": "SUPPORT", "choice": "8X5"}}], "offer_type": "rental", "contexts": "all_employees", "quantity": 1, "start_date": "2026-02-01"}}"#
    ))
    .unwrap();
    let plan = servicefolio::booking::plan(store.conn(), &request).unwrap();
    let ids = store
        .write(|tx| {
            let ids =
                servicefolio::booking::apply(tx, &plan, servicefolio::booking::ApplyAs::Ordered)?;
            for id in &ids {
                tx.execute("UPDATE instance SET status = 'active' WHERE id = ?1", [id])?;
            }
            Ok(ids)
        })
        .unwrap();
    let inventory =
        servicefolio::booking::inventory(store.conn(), customer, chrono::NaiveDate::MIN).unwrap();
    let m365 = inventory
        .instances
        .iter()
        .find(|i| i.item_code == "SVC-M365")
        .unwrap()
        .id;
    assert!(ids.contains(&m365));
    (customer, m365)
}

fn create(customer: i64, change: Vec<PathBuf>, cancel: Vec<i64>, json: bool) -> Command {
    Command::Offer(OfferCommand::Create {
        customer,
        request: Vec::new(),
        change,
        cancel,
        date: chrono::NaiveDate::from_ymd_opt(2026, 5, 20),
        valid_until: None,
        notes: String::new(),
        json,
    })
}

fn show(id: i64, json: bool) -> Command {
    Command::Offer(OfferCommand::Show { id, json })
}

#[test]
fn an_offer_of_changes_only_is_created_from_a_file_and_shown_with_the_monthly_amounts() {
    let dir = scratch("cli-change-offer");
    let db = dir.join("a.db");
    let (customer, m365) = acme_holding_managed365(&db);
    let file = dir.join("upgrade.json");
    std::fs::write(
        &file,
        format!(
            r#"{{"instance_id": {m365}, "to": {{"item": "SVC-M365", "variant": "STANDARD", "options": [{{"group": "SUPPORT", "choice": "24X7"}}], "offer_type": "rental", "quantity": 1}}}}"#
        ),
    )
    .unwrap();
    let (code, out, err) = run_captured(create(customer, vec![file.clone()], vec![], true), &db);
    assert_eq!(code, 0, "{err}");
    let created: serde_json::Value = serde_json::from_str(&out).unwrap();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(created["requests"], serde_json::json!([]));
    assert_eq!(created["changes"][0]["instance_id"], m365);

    // By hand: now Managed365 Basic 7.90 + the tenant 49.00 = 56.90; with
    // Standard and 24x7 support at 12.90 + 3.00 = 15.90 it is 64.90, +8.00.
    let (code, out, _) = run_captured(show(id, false), &db);
    assert_eq!(code, 0);
    assert!(
        out.contains("upgrade from 2026-05-20: now 1 x Managed365 Basic (Support level: 8x5 business hours) (rental), monthly €7.90 → €15.90"),
        "{out}"
    );
    assert!(
        out.contains("monthly net now €56.90, with this offer €64.90, difference +€8.00"),
        "{out}"
    );

    let (code, out, _) = run_captured(show(id, true), &db);
    assert_eq!(code, 0);
    let shown: serde_json::Value = serde_json::from_str(&out).unwrap();
    let amount = |v: &serde_json::Value| v.as_str().unwrap().parse::<f64>().unwrap();
    let change = &shown["monthly_change"];
    assert_eq!(
        (
            amount(&change["current"]),
            amount(&change["new"]),
            amount(&change["difference"])
        ),
        (56.90, 64.90, 8.00)
    );
    let line = &shown["groups"][0]["lines"][0];
    assert_eq!(line["changed"]["kind"], "upgrade");
    assert_eq!(line["changed"]["effective"], "2026-05-20");
    assert_eq!(amount(&line["changed"]["current_monthly"]), 7.90);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_cancellation_by_flag_shows_its_end_and_notice_and_no_price() {
    let dir = scratch("cli-cancel-offer");
    let db = dir.join("a.db");
    let (customer, m365) = acme_holding_managed365(&db);
    let (code, out, err) = run_captured(create(customer, vec![], vec![m365], false), &db);
    assert_eq!(code, 0, "{err}");
    let id: i64 = out.split('\t').next().unwrap().parse().unwrap();
    let (code, out, _) = run_captured(show(id, false), &db);
    assert_eq!(code, 0);
    // Twelve months from 1 February, three months' notice.
    let line = out
        .lines()
        .find(|l| l.contains("x Managed365 Basic"))
        .unwrap();
    assert!(line.ends_with("rental  ends"), "{out}");
    assert!(
        out.contains("cancel ends 2027-02-01 (notice by 2026-11-01): now 1 x Managed365 Basic (Support level: 8x5 business hours) (rental), monthly €7.90 → ends"),
        "{out}"
    );
    assert!(
        out.contains("monthly net now €56.90, with this offer €49.00, difference -€7.90"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_change_file_that_does_not_parse_is_refused_by_its_name_and_nothing_is_created() {
    let dir = scratch("cli-change-bad");
    let db = dir.join("a.db");
    let (customer, m365) = acme_holding_managed365(&db);
    let file = dir.join("typo.json");
    std::fs::write(&file, format!(r#"{{"instance": {m365}}}"#)).unwrap();
    let (code, _, err) = run_captured(create(customer, vec![file], vec![], false), &db);
    assert_eq!(code, 1);
    assert!(
        err.contains("typo.json") && err.contains("instance"),
        "{err}"
    );
    let (code, out, _) = run_captured(
        Command::Offer(OfferCommand::List {
            customer: Some(customer),
            json: true,
        }),
        &db,
    );
    assert_eq!((code, out.trim()), (0, "[]"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn offer_create_needs_a_request_or_a_change() {
    let err = parse(&["offer", "create", "--customer", "1"]).unwrap_err();
    assert_eq!(err.kind(), ClapError::MissingRequiredArgument);
    for args in [
        &["offer", "create", "--customer", "1", "--change", "c.json"][..],
        &[
            "offer",
            "create",
            "--customer",
            "1",
            "--cancel",
            "7",
            "--cancel",
            "8",
        ],
        &["offer", "create", "--customer", "1", "--request", "r.json"],
    ] {
        assert!(parse(args).is_ok(), "{args:?}");
    }
    let Some(Command::Offer(OfferCommand::Create { cancel, change, .. })) = parse(&[
        "offer",
        "create",
        "--customer",
        "1",
        "--cancel",
        "7",
        "--change",
        "c.json",
    ])
    .unwrap()
    .command
    else {
        panic!("offer create");
    };
    assert_eq!((cancel, change), (vec![7], vec![PathBuf::from("c.json")]));
}
