//! Messages and leftovers (issue 11): a full disk or a folder that refuses files
//! is said as such and names the file, failed writes leave nothing behind,
//! errors carry structured details, and reading (a preview, a refused import)
//! never advances the store's revision.

mod support;

use servicefolio::booking::{self, ApplyAs, BookingRequest};
use servicefolio::customer::{self, BadRows, CustomerRecord};
use servicefolio::master::{self, ImportOptions};
use servicefolio::offer::{self, OfferDraft, OfferExportFormat};
use servicefolio::portfolio::{self, PortfolioFile};
use servicefolio::{files, Store};
use servicefolio::{store, Error, ErrorDetails, ErrorKind, ErrorPayload, FileAction, FileProblem};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use support::customers;
use support::store::temp_store;

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// ACME with two employees; returns the customer id.
fn acme(store: &mut Store) -> i64 {
    customers::acme()
        .employee("Anna")
        .employee("Ben")
        .create_in(store)
        .id
}

fn managed365(customer: i64) -> BookingRequest {
    serde_json::from_value(serde_json::json!({
        "customer_id": customer,
        "item": "SVC-M365",
        "variant": "BASIC",
        "options": [{"group": "SUPPORT", "choice": "8X5"}],
        "offer_type": "rental",
        "contexts": "all_employees",
        "quantity": 1,
        "start_date": "2027-01-01"
    }))
    .unwrap()
}

/// The store's catalog with one link to an item that does not exist.
fn dangling_link(store: &Store) -> PortfolioFile {
    let json = portfolio::export(store.conn()).unwrap();
    let broken = json.replacen(
        "\"item\": \"NW-FTN-FG40F\"",
        "\"item\": \"NO-SUCH-ITEM\"",
        1,
    );
    assert_ne!(json, broken);
    PortfolioFile::parse(&broken).unwrap()
}

fn revision(store: &Store) -> i64 {
    store::revision(store.conn()).unwrap()
}

#[test]
fn previews_and_refused_imports_leave_the_revision_and_a_pending_plan_stays_valid() {
    let db = temp_store("a.db");
    let mut store = db.store;
    let customer = acme(&mut store);
    let plan = booking::plan(store.conn(), &managed365(customer)).unwrap();
    let at = revision(&store);
    let employees = |store: &Store| customer::customer_structure(store.conn(), customer).unwrap();
    let before = employees(&store);

    // An employee file: previewed, then imported with a bad row (refused).
    let rows =
        customer::read_employee_csv("name,email\nClara,clara@acme.example\n,nobody@acme.example\n")
            .unwrap();
    let preview =
        customer::import_employee_rows(&mut store, customer, &rows, BadRows::RefuseFile, true)
            .unwrap();
    assert_eq!(preview.rows, 2);
    assert_eq!(preview.problems.len(), 1, "the row without a name");
    assert_eq!(revision(&store), at, "a preview only reads");
    let refused =
        customer::import_employee_rows(&mut store, customer, &rows, BadRows::RefuseFile, false)
            .unwrap();
    assert_eq!(refused.created, 0);
    assert_eq!(revision(&store), at, "a refused import writes nothing");

    // A supplier feed the importer refuses (XML whose declaration lies about
    // its encoding) and a portfolio file that breaks a rule.
    let feed = db.dir.path().join("catalog.xml");
    std::fs::write(
        &feed,
        "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<BMECAT version=\"2005\"></BMECAT>",
    )
    .unwrap();
    let error = master::import_feed(
        &mut store,
        &feed,
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput, "{error}");
    assert_eq!(revision(&store), at, "a refused feed import rolls back");
    let broken = dangling_link(&store);
    let error = portfolio::import(&mut store, &broken).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidPortfolio, "{error}");
    assert_eq!(
        revision(&store),
        at,
        "a refused portfolio import rolls back"
    );
    // A read through `read` cannot write even when it tries.
    store
        .read(|tx| {
            tx.execute("UPDATE store_revision SET revision = revision + 100", [])?;
            Ok(())
        })
        .unwrap();
    assert_eq!(revision(&store), at);
    assert_eq!(employees(&store), before);

    // The plan made before all this still books.
    let booked = store
        .write(|tx| booking::apply(tx, &plan, ApplyAs::Ordered))
        .unwrap();
    assert_eq!(
        booked.len(),
        3,
        "Managed365 for Anna and Ben, and the tenant"
    );

    // And a real write does move the revision: a plan made before it is stale.
    let plan = booking::plan(store.conn(), &managed365(customer)).unwrap();
    customer::import_employee_rows(&mut store, customer, &rows, BadRows::Skip, false).unwrap();
    assert!(revision(&store) > at);
    let error = store
        .write(|tx| booking::apply(tx, &plan, ApplyAs::Ordered))
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::StalePlan);
}

#[test]
fn a_full_disk_during_a_write_says_so_names_the_database_and_changes_nothing() {
    let db = temp_store("full.db");
    let (mut store, path) = (db.store, db.path);
    let at = revision(&store);
    // SQLite answers a database that may not grow exactly as it answers a
    // full disk (SQLITE_FULL).
    let pages: i64 = store
        .conn()
        .pragma_query_value(None, "page_count", |r| r.get(0))
        .unwrap();
    store
        .conn()
        .pragma_update(None, "max_page_count", pages)
        .unwrap();
    let error = store
        .write(|tx| {
            for n in 0..2_000 {
                customer::create_customer(
                    tx,
                    &CustomerRecord {
                        name: format!("Customer {n} with a long enough name to fill pages"),
                        currency: "EUR".into(),
                        ..Default::default()
                    },
                )?;
            }
            Ok(())
        })
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::File, "{error}");
    assert_eq!(
        error.to_string(),
        format!(
            "cannot write to the database {}: the disk is full",
            path.display()
        )
    );
    assert!(matches!(
        error.details(),
        Some(ErrorDetails::File {
            action: FileAction::WriteDatabase,
            problem: FileProblem::DiskFull,
            ..
        })
    ));
    assert_eq!(revision(&store), at);
    assert!(customer::customers(store.conn()).unwrap().is_empty());
}

#[test]
fn an_io_problem_opening_the_database_is_not_called_a_foreign_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    drop(Store::open(&path).unwrap());
    // SQLite cannot create its write-ahead log where a folder has the name.
    std::fs::create_dir(dir.path().join("app.db-wal")).unwrap();
    std::fs::write(dir.path().join("app.db-wal").join("x"), "x").unwrap();
    let error = Store::open(&path).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::File, "{error}");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("cannot open the database {}", path.display())),
        "{message}"
    );
    assert!(
        !message.contains("not a Servicefolio database"),
        "{message}"
    );

    // A folder that is a file.
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "notes").unwrap();
    let error = Store::open(&notes.join("app.db")).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::File, "{error}");
    assert!(
        matches!(error.details(), Some(ErrorDetails::File { ref path, action: FileAction::CreateFolder, .. }) if path == &notes.display().to_string()),
        "{error:?}"
    );
}

#[test]
fn a_failed_offer_export_leaves_no_partial_file_and_names_the_file() {
    let db = temp_store("a.db");
    let mut store = db.store;
    let customer = acme(&mut store);
    let offer = store
        .write(|tx| {
            offer::create_offer(
                tx,
                &OfferDraft {
                    customer_id: customer,
                    requests: vec![managed365(customer)],
                    changes: Vec::new(),
                    offer_date: None,
                    valid_until: None,
                    notes: String::new(),
                },
            )
        })
        .unwrap();
    let out = db.dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // The sender is empty here: allowed, this test is about the file.
    let allow = offer::ExportChoices {
        allow_empty_sender: true,
    };
    for format in [
        OfferExportFormat::Pdf,
        OfferExportFormat::Xlsx,
        OfferExportFormat::Csv,
    ] {
        // The target is a folder.
        let target = out.join("offer");
        std::fs::create_dir_all(&target).unwrap();
        let error =
            offer::export_offer_to(store.conn(), offer.id, format, &target, allow).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::File);
        assert_eq!(
            error.to_string(),
            format!(
                "cannot write {}: it is a folder, not a file",
                target.display()
            )
        );
        assert_eq!(entries(&out), ["offer"], "no partial file");
        // A good export replaces an older file completely.
        let good = out.join("offer.doc");
        std::fs::write(&good, "an older, longer document ".repeat(100_000)).unwrap();
        let bytes = offer::export_offer_to(store.conn(), offer.id, format, &good, allow).unwrap();
        assert_eq!(std::fs::metadata(&good).unwrap().len(), bytes);
        assert_eq!(entries(&out), ["offer", "offer.doc"]);
        std::fs::remove_file(&good).unwrap();
    }
}

#[test]
fn an_error_carries_structured_details_for_the_ui_and_scripts() {
    let mut store = Store::open_in_memory().unwrap();
    // An invalid portfolio file: the JSON path and the reason.
    let error = PortfolioFile::parse(
        r#"{"format": "servicefolio-portfolio", "version": 1, "catalog": {"products": [{"code": 7}]}}"#,
    )
    .unwrap_err();
    let payload = serde_json::to_value(ErrorPayload::from(error)).unwrap();
    assert_eq!(payload["kind"], "invalid_portfolio");
    assert_eq!(payload["details"]["type"], "invalid_portfolio");
    assert_eq!(payload["details"]["path"], "$.catalog.products[0].code");
    // Rule violations: each with its item, field and rule.
    let mut history = servicefolio::catalog::EditHistory::default();
    let error =
        servicefolio::catalog::delete_item(&mut store, &mut history, "NW-FTN-FG40F").unwrap_err();
    let payload = serde_json::to_value(ErrorPayload::from(error)).unwrap();
    assert_eq!(payload["kind"], "rule_violations");
    let violations = payload["details"]["violations"].as_array().unwrap();
    assert!(!violations.is_empty());
    assert!(violations
        .iter()
        .all(|v| v["rule"].is_string() && v["item"].is_string()));
    // A file that cannot be read: its path and the problem.
    let missing = Path::new("/nonexistent/servicefolio/request.json");
    let payload = serde_json::to_value(ErrorPayload::from(
        files::read_to_string(missing).unwrap_err(),
    ))
    .unwrap();
    assert_eq!(
        payload,
        serde_json::json!({
            "kind": "file",
            "message": "cannot read /nonexistent/servicefolio/request.json: it does not exist",
            "details": {
                "type": "file",
                "path": "/nonexistent/servicefolio/request.json",
                "action": "read",
                "problem": "not_found",
                "reason": "it does not exist"
            }
        })
    );
    // Kinds the message says all of have no details.
    let payload = serde_json::to_value(ErrorPayload::from(Error::StalePlan)).unwrap();
    assert_eq!(payload["details"], serde_json::Value::Null);
}
