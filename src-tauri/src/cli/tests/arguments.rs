//! Parsing the arguments: subcommands, flags, exit codes for bad usage.

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
    let dir = std::env::temp_dir().join(format!("servicefolio-cli-rules-{}", std::process::id()));
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
