//! Importing employees from CSV: real quoting, both separators, German headers,
//! locations created on the fly, and a per-row report that changes nothing by default.

mod support;

use servicefolio::customer::*;
use servicefolio::{ErrorKind, Store};
use support::customers;

/// ACME GmbH with its Berlin location (the file's "berlin" rows land there).
fn acme() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let id = customers::acme_gmbh()
        .location("Berlin")
        .create_in(&mut store)
        .id;
    (store, id)
}

const CLEAN: &str = "\u{feff}Name;E-Mail;Abteilung;Standort\n\
\"Schmidt, Anna\";anna.schmidt@acme.example;Finance;Berlin\n\
Jörg Müller;joerg.mueller@acme.example;\"Sales; Key Accounts\";Hamburg\n\
\n\
Li Wei;li.wei@acme.example;IT;berlin\n";

#[test]
fn a_clean_file_imports_with_new_locations() {
    let (mut store, id) = acme();
    let rows = read_employee_csv(CLEAN).unwrap();
    assert_eq!(rows.len(), 3, "the blank line is skipped");
    assert_eq!(rows[0].name, "Schmidt, Anna");
    assert_eq!(rows[1].department, "Sales; Key Accounts");
    assert_eq!(rows.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3, 5]);

    let preview = store
        .write(|tx| import_employees(tx, id, &rows, BadRows::RefuseFile, true))
        .unwrap();
    assert_eq!(
        (preview.created, preview.new_locations.clone()),
        (0, vec!["Hamburg".to_owned()])
    );
    assert!(
        customer_structure(store.conn(), id)
            .unwrap()
            .employees
            .is_empty(),
        "a preview writes nothing"
    );

    let report = store
        .write(|tx| import_employees(tx, id, &rows, BadRows::RefuseFile, false))
        .unwrap();
    assert_eq!(report.created, 3);
    let tree = customer_structure(store.conn(), id).unwrap();
    let berlin = tree
        .locations
        .iter()
        .find(|l| l.record.name == "Berlin")
        .unwrap()
        .id;
    let li = tree
        .employees
        .iter()
        .find(|e| e.record.name == "Li Wei")
        .unwrap();
    assert_eq!(
        li.record.location_id,
        Some(berlin),
        "locations match regardless of case"
    );
    assert_eq!(tree.locations.len(), 2);
}

#[test]
fn bad_rows_are_reported_by_line_and_stop_the_import_unless_skipped() {
    let (mut store, id) = acme();
    let text = "name,email,department,location\n\
Anna,anna@acme.example,Finance,Berlin\n\
,nobody@acme.example,Finance,Berlin\n\
Bob,bob(at)acme,IT,Berlin\n\
Anna Two,ANNA@acme.example,IT,Berlin\n";
    let rows = read_employee_csv(text).unwrap();
    let report = store
        .write(|tx| import_employees(tx, id, &rows, BadRows::RefuseFile, false))
        .unwrap();
    let problems: Vec<(u32, &str, &str)> = report
        .problems
        .iter()
        .map(|p| (p.line, p.field.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        problems,
        [
            (3, "name", "the name is empty"),
            (4, "email", "\"bob(at)acme\" is not an e-mail address"),
            (5, "email", "ANNA@acme.example is already on line 2"),
        ]
    );
    assert_eq!(report.created, 0);
    assert!(customer_structure(store.conn(), id)
        .unwrap()
        .employees
        .is_empty());

    let report = store
        .write(|tx| import_employees(tx, id, &rows, BadRows::Skip, false))
        .unwrap();
    assert_eq!(report.created, 1);
    // Importing again: Anna is there now.
    let again = store
        .write(|tx| import_employees(tx, id, &rows[..1], BadRows::RefuseFile, false))
        .unwrap();
    assert_eq!(
        again.problems[0].message,
        "anna@acme.example already belongs to an employee of ACME GmbH"
    );
}

#[test]
fn a_file_without_a_name_column_is_refused_at_once() {
    let error = read_employee_csv("mail,site\nx@y.z,Berlin\n").unwrap_err();
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert_eq!(error.to_string(), "file: line 1: no name column (the header has: mail, site; expected name, email, department, location)");
}

#[test]
fn an_xlsx_sheet_imports_like_a_csv_with_its_row_numbers() {
    let (mut store, id) = acme();
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/employees.xlsx"
    ))
    .unwrap();
    let rows = read_employee_xlsx(&bytes).unwrap();
    assert_eq!(
        rows.iter()
            .map(|r| (r.line, r.name.as_str()))
            .collect::<Vec<_>>(),
        [(2, "Anna Schmidt"), (3, "Jörg Müller"), (5, "Li Wei")]
    );
    assert_eq!(
        rows[0].cost_centre, "4711",
        "a number cell reads as its digits"
    );
    let report = store
        .write(|tx| import_employees(tx, id, &rows, BadRows::RefuseFile, false))
        .unwrap();
    assert_eq!(report.problems.len(), 1);
    assert_eq!(
        (report.problems[0].line, report.problems[0].field.as_str()),
        (3, "email")
    );
    assert_eq!(report.created, 0);

    let error = read_employee_xlsx(b"PK not really a workbook").unwrap_err();
    assert!(
        error.to_string().starts_with("file: not an XLSX workbook"),
        "{error}"
    );
}

#[test]
fn lone_cr_and_crlf_line_ends_number_rows_as_an_editor_does() {
    // Excel for Mac's "CSV (Macintosh)" ends lines with a lone CR; a file may
    // mix them. Every kind of line end counts once, blank lines included.
    for (text, lines) in [
        ("Name;E-Mail\rAnna;a@x.example\rBen;b@x.example\r", [2, 3]),
        (
            "Name;E-Mail\r\nAnna;a@x.example\r\n\r\nBen;b@x.example\r\n",
            [2, 4],
        ),
        ("Name;E-Mail\rAnna;a@x.example\r\n\rBen;b@x.example", [2, 4]),
    ] {
        let rows = read_employee_csv(text).unwrap();
        let found: Vec<u32> = rows.iter().map(|r| r.line).collect();
        assert_eq!(found, lines, "{text:?}");
        assert_eq!(rows[1].name, "Ben", "{text:?}");
    }
}
