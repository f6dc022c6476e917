//! Supplier feed imports from the command line: ITScope CSVs, full feeds and what they discontinue.

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
