//! Whole runs against real database files: portfolio files, bookings, renewals, offers, failures under --json.

use super::*;

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("servicefolio-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn catalog_import_with_chosen_price_types_imports_what_the_defaults_reject() {
    let dir = scratch("cli-price-types");
    let db = dir.join("a.db");
    let file = dir.join("supplier.xml");
    std::fs::write(
            &file,
            "<?xml version=\"1.0\"?><BMECAT version=\"1.2\"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE>\
             <CATALOG_ID>C1</CATALOG_ID><CATALOG_VERSION>1</CATALOG_VERSION><CURRENCY>EUR</CURRENCY>\
             </CATALOG><SUPPLIER><SUPPLIER_NAME>Acme</SUPPLIER_NAME></SUPPLIER></HEADER><T_NEW_CATALOG>\
             <ARTICLE><SUPPLIER_AID>K-1</SUPPLIER_AID><ARTICLE_DETAILS>\
             <DESCRIPTION_SHORT lang=\"deu\">Kabel</DESCRIPTION_SHORT>\
             <DESCRIPTION_SHORT lang=\"eng\">Cable</DESCRIPTION_SHORT></ARTICLE_DETAILS>\
             <ARTICLE_ORDER_DETAILS><ORDER_UNIT>C62</ORDER_UNIT><PRICE_QUANTITY>10</PRICE_QUANTITY>\
             </ARTICLE_ORDER_DETAILS><ARTICLE_PRICE_DETAILS>\
             <ARTICLE_PRICE price_type=\"EK_ohne_MWST\"><PRICE_AMOUNT>80.00</PRICE_AMOUNT></ARTICLE_PRICE>\
             <ARTICLE_PRICE price_type=\"UVP\"><PRICE_AMOUNT>119.00</PRICE_AMOUNT></ARTICLE_PRICE>\
             </ARTICLE_PRICE_DETAILS></ARTICLE></T_NEW_CATALOG></BMECAT>",
        )
        .unwrap();
    let import = |extra: &[&str]| {
        let args: Vec<String> = ["catalog", "import"]
            .into_iter()
            .map(str::to_owned)
            .chain([file.display().to_string()])
            .chain(extra.iter().map(|s| (*s).to_owned()))
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        run(
            Cli::try_parse_from(std::iter::once("servicefolio").chain(args))
                .unwrap()
                .command
                .unwrap(),
            Some(&db),
            true,
        )
    };
    let products = || {
        let store = Store::open(&db).unwrap();
        let hits = catalog::search_products(
            store.conn(),
            &catalog::ProductSearch {
                include_discontinued: true,
                ..Default::default()
            },
        )
        .unwrap();
        hits.into_iter()
            .map(|h| (h.name, h.list_price.map(|p| p.to_string())))
            .collect::<Vec<_>>()
    };
    // The defaults know neither type: the article is rejected, the run is saved.
    assert_eq!(import(&[]), 0);
    assert!(products().is_empty());
    assert_eq!(
        import(&[
            "--price-type",
            "cost=EK_ohne_MWST",
            "--price-type",
            "list=UVP",
            "--lang",
            "en"
        ]),
        0
    );
    // 119.00 for 10 pieces: 11.9 a piece; the English name.
    assert_eq!(products(), [("Cable".to_owned(), Some("11.9".to_owned()))]);
    let store = Store::open(&db).unwrap();
    let report = master::import_reports(store.conn()).unwrap();
    assert_eq!((report.len(), report[1].rejected, report[0].new), (2, 1, 1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_then_import_into_an_empty_database_then_export_is_byte_identical() {
    let dir = scratch("cli-round-trip");
    let (first, second) = (
        dir.join("first.servicefolio.json"),
        dir.join("second.servicefolio.json"),
    );
    assert_eq!(
        run(
            Command::Export { out: first.clone() },
            Some(&dir.join("a.db")),
            false
        ),
        0
    );
    let empty = dir.join("empty.db");
    assert_eq!(
        run(
            Command::Import {
                file: first.clone()
            },
            Some(&empty),
            true
        ),
        0
    );
    assert_eq!(
        run(
            Command::Export {
                out: second.clone()
            },
            Some(&empty),
            false
        ),
        0
    );
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_invalid_file_is_refused_and_changes_nothing() {
    let dir = scratch("cli-bad-file");
    let db = dir.join("a.db");
    let bad = dir.join("bad.servicefolio.json");
    std::fs::write(&bad, r#"{"format": "servicefolio-portfolio", "version": 1, "catalog": {"products": [{"code": 7}]}}"#).unwrap();
    let before = servicefolio::portfolio::export(Store::open(&db).unwrap().conn()).unwrap();
    assert_eq!(run(Command::Import { file: bad }, Some(&db), false), 1);
    assert_eq!(
        servicefolio::portfolio::export(Store::open(&db).unwrap().conn()).unwrap(),
        before
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_request_file_is_planned_booked_and_shows_in_the_inventory() {
    let dir = scratch("cli-book");
    let db = dir.join("a.db");
    let id = {
        let mut store = Store::open(&db).unwrap();
        store
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
            .unwrap()
    };
    let request = dir.join("request.json");
    std::fs::write(
            &request,
            format!(r#"{{"customer_id": {id}, "item": "SVC-M365", "variant": "BASIC", "options": [{{"group": "SUPPORT", "choice": "8X5"}}], "offer_type": "rental", "contexts": "all_employees", "quantity": 1, "start_date": "2027-01-01"}}"#),
        )
        .unwrap();
    let book = |apply| Command::Book {
        request: request.clone(),
        apply,
        add_anyway: false,
        json: true,
    };
    assert_eq!(run(book(false), Some(&db), false), 0);
    assert_eq!(
        servicefolio::booking::inventory(
            Store::open(&db).unwrap().conn(),
            id,
            chrono::NaiveDate::MIN
        )
        .unwrap()
        .instances
        .len(),
        0,
        "planning writes nothing"
    );
    assert_eq!(run(book(true), Some(&db), false), 0);
    let inventory = servicefolio::booking::inventory(
        Store::open(&db).unwrap().conn(),
        id,
        chrono::NaiveDate::MIN,
    )
    .unwrap();
    assert_eq!(inventory.instances.len(), 2, "Managed365 and the tenant");
    assert_eq!(inventory.monthly.to_string(), "56.90", "7.90 + 49.00");

    // Issue 13, item 1: Anna holds Managed365 now. The plan says so, booking
    // it again is refused and writes nothing, --add-anyway books it.
    let again = |apply, add_anyway| Command::Book {
        request: request.clone(),
        apply,
        add_anyway,
        json: false,
    };
    let (code, out, _) = run_captured(again(false, false), &db);
    assert_eq!(code, 0, "planning is not refused, it warns");
    assert!(
        out.contains("already held\tAnna already has Managed365 Basic, ordered since 2027-01-01"),
        "{out}"
    );
    assert!(out.contains("--add-anyway"), "{out}");
    let (code, _, err) = run_captured(again(true, false), &db);
    assert_eq!(code, 1);
    assert!(err.contains("Anna already has Managed365 Basic"), "{err}");
    let count = || {
        servicefolio::booking::inventory(
            Store::open(&db).unwrap().conn(),
            id,
            chrono::NaiveDate::MIN,
        )
        .unwrap()
        .instances
        .len()
    };
    assert_eq!(count(), 2, "nothing was booked");
    let (code, out, _) = run_captured(again(true, true), &db);
    assert_eq!(code, 0, "{out}");
    assert_eq!(count(), 3, "a second Managed365 for Anna, as asked");
    assert_eq!(
        run(
            Command::Inventory {
                customer: id,
                date: None,
                json: false
            },
            Some(&db),
            false
        ),
        0
    );
    std::fs::write(&request, r#"{"customer_id": 1, "item": "SVC-M365"}"#).unwrap();
    assert_eq!(
        run(book(false), Some(&db), false),
        1,
        "an incomplete request is refused"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn renewals_lists_the_deadlines_coming_up_as_text_and_json() {
    // Managed365 Basic rented from 2026-01-01 on the demo's terms (12 months,
    // 3 months' notice): notice is due by 2026-10-01 for it and its tenant.
    let dir = scratch("cli-renewals");
    let db = dir.join("a.db");
    {
        let mut store = Store::open(&db).unwrap();
        let id = store
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
                r#"{{"customer_id": {id}, "item": "SVC-M365", "variant": "BASIC", "options": [{{"group": "SUPPORT", "choice": "8X5"}}], "offer_type": "rental", "contexts": "all_employees", "quantity": 1, "start_date": "2026-01-01"}}"#
            ))
            .unwrap();
        let plan = servicefolio::booking::plan(store.conn(), &request).unwrap();
        store
            .write(|tx| {
                servicefolio::booking::apply(tx, &plan, servicefolio::booking::ApplyAs::Ordered)
            })
            .unwrap();
    }
    let renewals = |within, json| Command::Renewals {
        within,
        date: chrono::NaiveDate::from_ymd_opt(2026, 9, 15),
        json,
    };
    let (code, out, _) = run_captured(renewals(90, false), &db);
    assert_eq!(code, 0);
    let lines: Vec<_> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0]
            .starts_with("2026-10-01\tnotice deadline\tACME\tAnna\tManaged365 Basic\trental\t#"),
        "{out}"
    );
    assert!(lines[0].ends_with("\t7.90 EUR/month"), "{out}");
    assert!(
        lines[1].contains("\tcustomer-wide\tMicrosoft 365 tenant Standard\t"),
        "{out}"
    );

    let (code, out, _) = run_captured(renewals(90, true), &db);
    assert_eq!(code, 0);
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(printed["until"], "2026-12-14");
    assert_eq!(printed["renewals"][0]["kind"], "notice_deadline");
    assert_eq!(printed["renewals"][0]["date"], "2026-10-01");
    assert_eq!(printed["renewals"][0]["term_end"], "2027-01-01");

    // Nothing within a week; a window beyond the bound is refused, by name.
    let (code, out, _) = run_captured(renewals(7, false), &db);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            "no notice deadline, term end or lease end from 2026-09-15 to 2026-09-22\n"
        )
    );
    let (code, out, _) = run_captured(renewals(731, true), &db);
    assert_eq!(code, 1);
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(printed["error"]["details"]["field"], "within");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs a command and returns its exit code, stdout and stderr.
fn run_captured(command: Command, db: &Path) -> (i32, String, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_to(command, Some(db), false, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn an_offer_over_an_approval_rule_is_sent_once_approved_and_shows_its_history() {
    use servicefolio::pricing::{DiscountTarget, PriceListDraft, PriceListEntry};
    let dir = scratch("cli-approve");
    let db = dir.join("a.db");
    let offer_id = {
        let mut store = Store::open(&db).unwrap();
        store
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
                    // 20 % off Managed365 for ACME: more than the 15 % the rule allows.
                    servicefolio::pricing::create_price_list(
                        tx,
                        &PriceListDraft {
                            customer_id: c.id,
                            name: "ACME".into(),
                            valid_from: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
                            valid_until: None,
                            entries: vec![PriceListEntry::Discount {
                                target: DiscountTarget::Service("SVC-M365".into()),
                                percent: 20.into(),
                            }],
                        },
                    )?;
                    let request: servicefolio::booking::BookingRequest = serde_json::from_str(
                        &format!(r#"{{"customer_id": {}, "item": "SVC-M365", "variant": "BASIC", "options": [{{"group": "SUPPORT", "choice": "8X5"}}], "offer_type": "rental", "contexts": "all_employees", "quantity": 1, "start_date": "2027-01-01"}}"#, c.id),
                    )
                    .unwrap();
                    let o = servicefolio::offer::create_offer(
                        tx,
                        &servicefolio::offer::OfferDraft {
                            customer_id: c.id,
                            requests: vec![request],
                            changes: Vec::new(),
                            offer_date: Some(chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()),
                            valid_until: None,
                            notes: String::new(),
                        },
                    )?;
                    Ok(o.id)
                })
                .unwrap()
    };
    // The rule is set the way a user sets settings: show, edit, set.
    let (code, shown, _) = run_captured(Command::Settings(SettingsCommand::Show), &db);
    assert_eq!(code, 0);
    let mut settings: serde_json::Value = serde_json::from_str(&shown).unwrap();
    assert_eq!(
        settings["approval"]["max_discount_percent"],
        serde_json::Value::Null
    );
    settings["approval"]["max_discount_percent"] = "15".into();
    let file = dir.join("settings.json");
    std::fs::write(&file, settings.to_string()).unwrap();
    let (code, _, err) = run_captured(Command::Settings(SettingsCommand::Set { file }), &db);
    assert_eq!(code, 0, "{err}");

    let status = || {
        Command::Offer(OfferCommand::Status {
            id: offer_id,
            status: "sent".into(),
        })
    };
    let (code, _, err) = run_captured(status(), &db);
    assert_eq!(code, 1);
    assert!(
        err.contains("cannot be sent before it is approved: it breaks discount 20 % > 15 %"),
        "{err}"
    );
    let approve = |by: &str| {
        Command::Offer(OfferCommand::Approve {
            id: offer_id,
            by: by.into(),
            json: true,
        })
    };
    let (code, out, _) = run_captured(approve(""), &db);
    assert_eq!(code, 1);
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(printed["error"]["details"]["field"], "by");
    let (code, out, err) = run_captured(approve("Maria Keller"), &db);
    assert_eq!(code, 0, "{err}");
    let approved: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(approved["approval"]["approved"]["by"], "Maria Keller");
    assert_eq!(approved["approval"]["required"], false);
    let (code, out, err) = run_captured(status(), &db);
    assert_eq!((code, err.as_str()), (0, ""));
    assert!(out.contains("is sent"), "{out}");

    let (code, out, _) = run_captured(
        Command::Offer(OfferCommand::Show {
            id: offer_id,
            json: false,
        }),
        &db,
    );
    assert_eq!(code, 0);
    assert!(out.contains("approved by Maria Keller at "), "{out}");
    assert!(
        out.contains("breaks approval rules:\n  discount 20 % > 15 % (line 2: Managed365 Basic"),
        "{out}"
    );
    let history: Vec<&str> = out
        .lines()
        .skip_while(|l| *l != "history:")
        .skip(1)
        .map(|l| l.split("  ").last().unwrap())
        .collect();
    assert_eq!(history, ["created", "approved by Maria Keller", "sent"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_json_a_failure_prints_an_error_object_on_stdout() {
    let dir = scratch("cli-json-error");
    let db = dir.join("a.db");
    let missing = dir.join("missing.json");
    let (code, out, err) = run_captured(
        Command::Book {
            request: missing.clone(),
            apply: false,
            add_anyway: false,
            json: true,
        },
        &db,
    );
    assert_eq!(code, 1);
    let message = format!("cannot read {}: it does not exist", missing.display());
    assert_eq!(err, format!("servicefolio: {message}\n"));
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        printed,
        serde_json::json!({"error": {
            "kind": "file",
            "message": message,
            "details": {
                "type": "file",
                "path": missing.display().to_string(),
                "action": "read",
                "problem": "not_found",
                "reason": "it does not exist"
            }
        }})
    );

    // A request that does not parse: the file is the field.
    let request = dir.join("request.json");
    std::fs::write(&request, r#"{"customer_id": "one"}"#).unwrap();
    let (code, out, _) = run_captured(
        Command::Book {
            request: request.clone(),
            apply: false,
            add_anyway: false,
            json: true,
        },
        &db,
    );
    assert_eq!(code, 1);
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(printed["error"]["kind"], "invalid_input");
    assert_eq!(
        printed["error"]["details"]["field"],
        request.display().to_string()
    );

    // A database of another application, with the reason.
    let notes = dir.join("notes.db");
    std::fs::write(&notes, "not a database, just notes ".repeat(100)).unwrap();
    let list = || {
        Command::Catalog(CatalogCommand::List {
            json: true,
            search: String::new(),
            kind: None,
        })
    };
    let (code, out, _) = run_captured(list(), &notes);
    assert_eq!(code, 1);
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(printed["error"]["kind"], "not_our_database");
    assert_eq!(
        printed["error"]["details"]["path"],
        notes.display().to_string()
    );

    // Without --json, stdout stays empty.
    let (code, out, err) = run_captured(
        Command::Book {
            request: missing,
            apply: false,
            add_anyway: false,
            json: false,
        },
        &db,
    );
    assert_eq!((code, out.as_str()), (1, ""));
    assert!(err.contains("it does not exist"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn with_json_a_refused_booking_prints_each_reason_as_data() {
    // Scripts (and the UI, which gets the same payload over IPC) read why a
    // request was refused from the details, never from the message.
    let dir = scratch("cli-json-refusal");
    let db = dir.join("a.db");
    let request = dir.join("request.json");
    std::fs::write(
        &request,
        r#"{"customer_id": 999, "item": "SVC-M365", "variant": "BASIC", "options": [],
                "offer_type": "rental", "contexts": "all_employees", "quantity": 1,
                "start_date": "2027-01-01"}"#,
    )
    .unwrap();
    let (code, out, _) = run_captured(
        Command::Book {
            request,
            apply: false,
            add_anyway: false,
            json: true,
        },
        &db,
    );
    assert_eq!(code, 1);
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(printed["error"]["kind"], "invalid_request");
    assert_eq!(
        printed["error"]["details"],
        serde_json::json!({
            "type": "invalid_request",
            "reasons": [{
                "refusal": {"reason": "no_customer", "customer_id": 999},
                "through": null,
                "part": null,
                "text": "there is no customer 999"
            }]
        })
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn refused_employee_rows_come_back_as_bad_rows_with_json() {
    let dir = scratch("cli-bad-rows");
    let db = dir.join("a.db");
    let customer = {
        let mut store = Store::open(&db).unwrap();
        store
            .write(|tx| {
                customer::create_customer(
                    tx,
                    &customer::CustomerRecord {
                        name: "ACME".into(),
                        currency: "EUR".into(),
                        ..Default::default()
                    },
                )
            })
            .unwrap()
            .id
    };
    let file = dir.join("staff.csv");
    std::fs::write(
        &file,
        "name,email\nAnna,anna@acme.example\nBen,not-an-address\n",
    )
    .unwrap();
    let import = |json| {
        Command::Customer(CustomerCommand::ImportEmployees {
            customer,
            file: file.clone(),
            preview: false,
            skip_bad_rows: false,
            json,
        })
    };
    let (code, out, err) = run_captured(import(true), &db);
    assert_eq!(code, 1);
    let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
    let error = &printed["error"];
    assert_eq!(error["kind"], "bad_rows");
    assert_eq!(error["details"]["problems"][0]["line"], 3);
    assert_eq!(error["details"]["problems"][0]["field"], "email");
    assert!(err.contains("1 bad row(s); nothing was imported"), "{err}");
    // Text mode lists the rows on stdout and fails the same way.
    let (code, out, _) = run_captured(import(false), &db);
    assert_eq!(code, 1);
    assert!(out.contains(":3: email:"), "{out}");
    let store = Store::open(&db).unwrap();
    assert!(customer::customer_structure(store.conn(), customer)
        .unwrap()
        .employees
        .is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_export_that_cannot_be_written_names_the_file_and_leaves_nothing() {
    let dir = scratch("cli-export-folder");
    let target = dir.join("catalog.servicefolio.json");
    std::fs::create_dir(&target).unwrap();
    let (code, _, err) = run_captured(
        Command::Export {
            out: target.clone(),
        },
        &dir.join("a.db"),
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        format!(
            "servicefolio: cannot write {}: it is a folder, not a file\n",
            target.display()
        )
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("a.db"))
        .collect();
    names.sort();
    assert_eq!(names, ["catalog.servicefolio.json"]);
    let _ = std::fs::remove_dir_all(&dir);
}
