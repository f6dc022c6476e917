//! The CLI's tests: parsing, exit codes, what a failure prints, and whole runs
//! against real databases.

use super::catalog::list_line;
use super::import::{bmecat_options, print_report, PriceRole};
use super::*;
use servicefolio::catalog::{self, CatalogQuery, ItemKind};
use servicefolio::{customer, feed, master, Store};

mod arguments {
    use super::*;
    use clap::error::ErrorKind as ClapError;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("servicefolio").chain(args.iter().copied()))
    }

    #[test]
    fn no_subcommand_opens_the_window() {
        let cli = parse(&["--db", "/tmp/x.db"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.db.as_deref(), Some(Path::new("/tmp/x.db")));
    }

    #[test]
    fn the_environment_names_the_database_when_no_flag_does() {
        // The real variable is read the same way; a separate name keeps tests independent.
        std::env::set_var("SERVICEFOLIO_DB_TEST", "/tmp/from-env.db");
        let matches = Cli::command()
            .mut_arg("db", |arg| arg.env("SERVICEFOLIO_DB_TEST"))
            .try_get_matches_from(["servicefolio", "catalog", "list"])
            .unwrap();
        assert_eq!(
            matches.get_one::<PathBuf>("db").map(PathBuf::as_path),
            Some(Path::new("/tmp/from-env.db"))
        );
        let declared = Cli::command();
        let db = declared
            .get_arguments()
            .find(|a| a.get_id() == "db")
            .unwrap();
        assert_eq!(db.get_env(), Some(std::ffi::OsStr::new("SERVICEFOLIO_DB")));
    }

    #[test]
    fn an_offer_pdf_may_be_exported_with_an_empty_sender_when_asked_for() {
        // Why: the core refuses a PDF without its sender unless the caller
        // allows it (issue 13, item 8); a script says so with the flag.
        for (args, allowed) in [
            (&["offer", "export", "7", "--pdf", "o.pdf"][..], false),
            (
                &[
                    "offer",
                    "export",
                    "7",
                    "--pdf",
                    "o.pdf",
                    "--allow-empty-sender",
                ],
                true,
            ),
        ] {
            let cli = parse(args).unwrap();
            let Some(Command::Offer(OfferCommand::Export {
                allow_empty_sender, ..
            })) = cli.command
            else {
                panic!("{args:?}")
            };
            assert_eq!(allow_empty_sender, allowed, "{args:?}");
        }
    }

    #[test]
    fn bad_usage_exits_with_2() {
        for args in [
            &["bogus"][..],
            &["--frobnicate"],
            &["catalog", "list", "--kind", "gadget"],
            &["catalog"],
        ] {
            let error = parse(args).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{args:?}: {error}");
        }
        assert_eq!(
            parse(&["--version"]).unwrap_err().kind(),
            ClapError::DisplayVersion
        );
    }

    #[test]
    fn catalog_list_takes_json_search_and_kind() {
        let cli = parse(&[
            "catalog", "list", "--json", "--search", "dock usb", "--kind", "product",
        ])
        .unwrap();
        match cli.command {
            Some(Command::Catalog(CatalogCommand::List { json, search, kind })) => {
                assert!(json);
                assert_eq!(search, "dock usb");
                assert_eq!(kind, Some(ItemKind::Product));
            }
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn catalog_import_takes_price_types_and_languages_and_refuses_bad_ones() {
        let cli = parse(&[
            "catalog",
            "import",
            "f.xml",
            "--price-type",
            "cost=EK_ohne_MWST",
            "--price-type",
            "list=UVP",
            "--price-type",
            "LIST=nrp",
            "--lang",
            "en",
            "--lang",
            "deu",
        ])
        .unwrap();
        let Some(Command::Catalog(CatalogCommand::Import(args))) = cli.command else {
            panic!("parsed as {:?}", cli.command);
        };
        assert_eq!(
            bmecat_options(&args.price_type, &args.lang),
            Some(feed::BmecatOptions {
                languages: vec!["en".into(), "deu".into()],
                cost_price_types: vec!["EK_ohne_MWST".into()],
                list_price_types: vec!["UVP".into(), "nrp".into()],
                currency: None,
            })
        );
        // Only the roles given replace their defaults; no flag, no options.
        let only_list = bmecat_options(&[(PriceRole::List, "UVP".into())], &[]).unwrap();
        assert_eq!(
            only_list.cost_price_types,
            feed::BmecatOptions::default().cost_price_types
        );
        assert_eq!(bmecat_options(&[], &[]), None);
        for bad in [
            &["--price-type", "purchase=net_list"][..],
            &["--price-type", "cost="],
            &["--price-type", "net_list"],
            &["--lang", "12"],
            &["--lang", "deutsch"],
        ] {
            let args: Vec<&str> = ["catalog", "import", "f.xml"]
                .into_iter()
                .chain(bad.iter().copied())
                .collect();
            let error = parse(&args).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{bad:?}: {error}");
        }
    }

    #[test]
    fn a_missing_db_file_is_created_and_seeded_like_the_apps_first_start() {
        let dir = std::env::temp_dir().join(format!("servicefolio-cli-{}", std::process::id()));
        let path = dir.join("new.db");
        let _ = std::fs::remove_dir_all(&dir);
        let code = run(
            Command::Catalog(CatalogCommand::List {
                json: true,
                search: String::new(),
                kind: None,
            }),
            Some(&path),
            false,
        );
        assert_eq!(code, 0);
        let created = Store::open(&path).unwrap();
        let seeded = catalog::list_items(created.conn(), &CatalogQuery::default()).unwrap();
        let fresh = Store::open_in_memory().unwrap();
        assert_eq!(
            seeded,
            catalog::list_items(fresh.conn(), &CatalogQuery::default()).unwrap()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn catalog_rules_lists_the_category_rules() {
        let cli = parse(&["catalog", "rules", "--json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Catalog(CatalogCommand::Rules { json: true }))
        ));
        let dir =
            std::env::temp_dir().join(format!("servicefolio-cli-rules-{}", std::process::id()));
        let path = dir.join("rules.db");
        let _ = std::fs::remove_dir_all(&dir);
        for json in [true, false] {
            let code = run(
                Command::Catalog(CatalogCommand::Rules { json }),
                Some(&path),
                false,
            );
            assert_eq!(code, 0);
        }
        let store = Store::open(&path).unwrap();
        assert!(catalog::category_rules(store.conn()).unwrap().len() >= 6);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_database_that_cannot_be_opened_exits_with_1() {
        let dir = std::env::temp_dir().join(format!("servicefolio-cli-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("notes.db");
        std::fs::write(&path, "not a database, just notes ".repeat(100)).unwrap();
        let code = run(
            Command::Catalog(CatalogCommand::List {
                json: false,
                search: String::new(),
                kind: None,
            }),
            Some(&path),
            false,
        );
        assert_eq!(code, 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_list_line_has_kind_code_name_and_price() {
        let store = Store::open_in_memory().unwrap();
        let items = catalog::list_items(
            store.conn(),
            &CatalogQuery {
                text: "SVC-M365".into(),
                kind: None,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            list_line(&items[0]),
            "service\tSVC-M365\tManaged365\tfrom 7.90 EUR/month"
        );
    }
}

mod file_tests {
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
            out.contains(
                "already held\tAnna already has Managed365 Basic, ordered since 2027-01-01"
            ),
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
            lines[0].starts_with(
                "2026-10-01\tnotice deadline\tACME\tAnna\tManaged365 Basic\trental\t#"
            ),
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
            out.contains(
                "breaks approval rules:\n  discount 20 % > 15 % (line 2: Managed365 Basic"
            ),
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
}

mod import_tests {
    use super::*;

    const HEADER: &str = "puid;ean;manufacturerSKU;manufacturerName;productNameWithManufacturer;\
shortDescription;longDescription;productTypeId;price;priceCalc;currencyCode;taxRate;stockStatus;stock;supplierSKU";

    fn feed(rows: u32) -> String {
        let mut text = String::from(HEADER);
        for n in 1..=rows {
            text.push_str(&format!(
                "\n{n};;P-{n};Acme;Article {n};;;1001;{n},00;;EUR;19;1;5;S-{n}"
            ));
        }
        text.push('\n');
        text
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("servicefolio-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Runs `servicefolio --db DB --no-demo catalog import FILE ARGS...`.
    fn import(db: &Path, file: &Path, args: &[&str]) -> Result<(), String> {
        let mut argv = vec!["servicefolio", "catalog", "import"];
        let file = file.to_str().unwrap();
        argv.push(file);
        argv.extend_from_slice(args);
        let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        match run_to(cli.command.unwrap(), Some(db), true, &mut out, &mut err) {
            0 => Ok(()),
            _ => Err(String::from_utf8_lossy(&err).trim_end().to_owned()),
        }
    }

    fn active(db: &Path) -> i64 {
        Store::open_without_demo(db)
            .unwrap()
            .conn()
            .query_row(
                "SELECT count(*) FROM supplier_offer WHERE status = 'active'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn a_full_feed_that_would_discontinue_too_much_needs_allow_discontinue() {
        let dir = scratch("cli-allow-discontinue");
        let db = dir.join("f.db");
        let (all, few) = (dir.join("all.csv"), dir.join("few.csv"));
        std::fs::write(&all, feed(20)).unwrap();
        std::fs::write(&few, feed(5)).unwrap();
        import(&db, &all, &["--full", "--source", "acme"]).unwrap();
        let refusal = import(&db, &few, &["--full", "--source", "acme"]).unwrap_err();
        assert!(
            refusal.contains(
                "few.csv would discontinue 15 of the 20 active offers of source acme (catalog csv)"
            ),
            "{refusal}"
        );
        assert!(refusal.contains("more than a tenth"), "{refusal}");
        assert!(refusal.contains("Nothing was imported"), "{refusal}");
        assert!(refusal.contains("--allow-discontinue"), "{refusal}");
        assert!(refusal.contains("--not-full"), "{refusal}");
        assert_eq!(active(&db), 20);
        // Without discontinuing: imports, nothing goes.
        import(&db, &few, &["--full", "--not-full", "--source", "acme"])
            .expect_err("--full and --not-full exclude each other");
        import(&db, &few, &["--not-full", "--source", "acme"]).unwrap();
        assert_eq!(active(&db), 20);
        import(
            &db,
            &few,
            &["--full", "--allow-discontinue", "--source", "acme"],
        )
        .unwrap();
        assert_eq!(active(&db), 5);
        // The report says what went and why.
        let store = Store::open_without_demo(&db).unwrap();
        let last = master::import_reports(store.conn()).unwrap()[0].id;
        let report = master::import_report(store.conn(), last).unwrap();
        let mut out = Vec::new();
        print_report(&mut out, &report).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("source acme, catalog csv"), "{text}");
        assert!(
            text.contains("full feed: 15 of the catalog's 20 active offers were not in the file and were discontinued"),
            "{text}"
        );
        assert!(
            text.contains("allowed although that is more than a tenth of them"),
            "{text}"
        );
        assert!(
            text.contains("discontinued (missing): 6\tArticle 6"),
            "{text}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_bmecat_without_a_supplier_needs_a_source() {
        let dir = scratch("cli-source-required");
        let db = dir.join("s.db");
        let file = dir.join("nameless.xml");
        std::fs::write(
            &file,
            "<?xml version=\"1.0\"?><BMECAT version=\"1.2\"><HEADER><CATALOG>\
             <LANGUAGE>deu</LANGUAGE><CATALOG_ID>C</CATALOG_ID><CATALOG_VERSION>1</CATALOG_VERSION>\
             <CURRENCY>EUR</CURRENCY></CATALOG></HEADER><T_NEW_CATALOG><ARTICLE>\
             <SUPPLIER_AID>X-1</SUPPLIER_AID><ARTICLE_DETAILS><DESCRIPTION_SHORT>Thing</DESCRIPTION_SHORT>\
             </ARTICLE_DETAILS><ARTICLE_PRICE_DETAILS><ARTICLE_PRICE price_type=\"net_customer\">\
             <PRICE_AMOUNT>1.00</PRICE_AMOUNT></ARTICLE_PRICE></ARTICLE_PRICE_DETAILS></ARTICLE>\
             </T_NEW_CATALOG></BMECAT>",
        )
        .unwrap();
        let refusal = import(&db, &file, &[]).unwrap_err();
        assert!(
            refusal.contains("nameless.xml names no supplier (BMEcat SUPPLIER_NAME)"),
            "{refusal}"
        );
        assert!(refusal.contains("--source NAME"), "{refusal}");
        assert!(refusal.ends_with("nothing was imported"), "{refusal}");
        assert_eq!(active(&db), 0);
        import(&db, &file, &["--source", "maker"]).unwrap();
        assert_eq!(active(&db), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
