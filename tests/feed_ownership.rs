//! A feed only ever touches what it owns (issue 11, item 2): a source is the
//! supplier (never a default that belongs to another source), a full feed
//! discontinues only what the same source's same catalog delivered before,
//! rejected rows never discontinue anything, and a full feed that would
//! discontinue too much (or any, from a file that looks cut off) stops and
//! writes nothing until allowed. Every file is made in the test.

mod support;

use rust_decimal::Decimal;
use servicefolio::error::{DiscontinueCheck, GuardReason, SourceMissing};
use servicefolio::feed::{ArticleField, ColumnMapping, MappingProfile};
use servicefolio::master::{self, Discontinuation, ImportOptions, Removal};
use servicefolio::store::revision;
use servicefolio::vocabulary::ItemStatus;
use servicefolio::{Error, ErrorDetails, ErrorKind, ErrorPayload, Store};
use support::feeds::{csv_file, from_source, import_bytes, ITSCOPE_HEADER_WITHOUT_TYPE_NAME};
use support::store::{rows_as_text, temp_store_without_demo};

/// An ITScope-style row: key, name and cost; 15 fields like the header.
fn row(key: &str, name: &str, cost: &str) -> String {
    format!("{key};;P-{key};Acme;{name};;;1001;{cost};;EUR;19;1;5;S-{key}")
}

/// Rows `from..=to`: "Article n" costing n,00.
fn rows(from: u32, to: u32) -> Vec<String> {
    (from..=to)
        .map(|n| row(&n.to_string(), &format!("Article {n}"), &format!("{n},00")))
        .collect()
}

/// An ITScope export without the product type's name, of `rows`.
fn csv(rows: &[String]) -> Vec<u8> {
    csv_file(ITSCOPE_HEADER_WITHOUT_TYPE_NAME, rows)
}

fn full(source: &str) -> ImportOptions {
    ImportOptions {
        full: Some(true),
        ..from_source(source)
    }
}

fn allowing(options: ImportOptions) -> ImportOptions {
    ImportOptions {
        allow_discontinue: true,
        ..options
    }
}

/// A BMEcat 1.2 file: the transaction, the header's supplier and catalog id
/// (either may be left out), and articles (key, name, price).
fn bmecat(
    transaction: &str,
    supplier: Option<&str>,
    catalog_id: Option<&str>,
    articles: &[(&str, &str, &str)],
) -> Vec<u8> {
    let priced: Vec<(&str, &str, String)> = articles
        .iter()
        .map(|(key, name, price)| {
            (
                *key,
                *name,
                format!(
                    "<ARTICLE_PRICE price_type=\"net_customer\">\n\
                     <PRICE_AMOUNT>{price}</PRICE_AMOUNT>\n</ARTICLE_PRICE>\n"
                ),
            )
        })
        .collect();
    bmecat_prices(transaction, supplier, catalog_id, &priced)
}

/// The same with each article's prices as written (the inside of
/// ARTICLE_PRICE_DETAILS; empty: the article states no price at all).
fn bmecat_prices(
    transaction: &str,
    supplier: Option<&str>,
    catalog_id: Option<&str>,
    articles: &[(&str, &str, String)],
) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BMECAT version=\"1.2\">\n<HEADER>\n<CATALOG>\n<LANGUAGE>deu</LANGUAGE>\n",
    );
    if let Some(id) = catalog_id {
        xml.push_str(&format!("<CATALOG_ID>{id}</CATALOG_ID>\n"));
    }
    xml.push_str("<CATALOG_VERSION>1.0</CATALOG_VERSION>\n<CURRENCY>EUR</CURRENCY>\n</CATALOG>\n");
    if let Some(name) = supplier {
        xml.push_str(&format!(
            "<SUPPLIER>\n<SUPPLIER_NAME>{name}</SUPPLIER_NAME>\n</SUPPLIER>\n"
        ));
    }
    xml.push_str(&format!("</HEADER>\n<{transaction}>\n"));
    for (key, name, prices) in articles {
        let prices = if prices.is_empty() {
            String::new()
        } else {
            format!("<ARTICLE_PRICE_DETAILS>\n{prices}</ARTICLE_PRICE_DETAILS>\n")
        };
        xml.push_str(&format!(
            "<ARTICLE>\n<SUPPLIER_AID>{key}</SUPPLIER_AID>\n<ARTICLE_DETAILS>\n\
             <DESCRIPTION_SHORT>{name}</DESCRIPTION_SHORT>\n</ARTICLE_DETAILS>\n\
             {prices}</ARTICLE>\n"
        ));
    }
    xml.push_str(&format!("</{transaction}>\n</BMECAT>\n"));
    xml.into_bytes()
}

/// Everything an import writes, as text, to compare before and after.
fn snapshot(store: &Store) -> String {
    rows_as_text(
        store.conn(),
        &[
            "SELECT id, code, name, status FROM catalog_item ORDER BY id",
            "SELECT id, product_id, source, source_key, cost_price, status, preferred, catalog,
                import_run_id FROM supplier_offer ORDER BY id",
            "SELECT * FROM import_run ORDER BY id",
            "SELECT * FROM import_problem ORDER BY run_id, position",
            "SELECT * FROM import_discontinued ORDER BY run_id, position",
            "SELECT revision FROM store_revision",
        ],
    )
}

/// (source key, status) of every offer of `source`, by key.
fn offers(store: &Store, source: &str) -> Vec<(String, String)> {
    let mut stmt = store
        .conn()
        .prepare(
            "SELECT source_key, status FROM supplier_offer WHERE source = ?1
             ORDER BY length(source_key), source_key",
        )
        .expect("prepare");
    stmt.query_map([source], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn active_keys(store: &Store, source: &str) -> Vec<String> {
    offers(store, source)
        .into_iter()
        .filter(|(_, status)| status == "active")
        .map(|(key, _)| key)
        .collect()
}

fn catalog_of(store: &Store, source: &str, key: &str) -> String {
    store
        .conn()
        .query_row(
            "SELECT catalog FROM supplier_offer WHERE source = ?1 AND source_key = ?2",
            [source, key],
            |r| r.get(0),
        )
        .expect("offer")
}

fn would_discontinue(error: Error) -> DiscontinueCheck {
    assert_eq!(error.kind(), ErrorKind::WouldDiscontinue, "{error}");
    match error {
        Error::WouldDiscontinue(check) => *check,
        other => panic!("not a discontinue check: {other}"),
    }
}

#[test]
fn a_bmecat_without_a_supplier_is_refused_and_touches_nothing_then_imports_with_a_source() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(
        &mut store,
        &csv(&rows(1, 3)),
        "itscope.csv",
        &ImportOptions {
            full: Some(true),
            ..ImportOptions::default()
        },
    )
    .expect("the ITScope feed");
    assert_eq!(active_keys(&store, "itscope"), ["1", "2", "3"]);
    // A full catalogue that names no supplier: once imported as `itscope` (the
    // default profile's name), it discontinued the real ITScope feed.
    let nameless = bmecat(
        "T_NEW_CATALOG",
        None,
        Some("M-1"),
        &[("X-1", "Maker Switch 8", "99.00")],
    );
    let before = snapshot(&store);
    let refused = import_bytes(
        &mut store,
        &nameless,
        "maker.xml",
        &ImportOptions::default(),
    )
    .expect_err("no supplier, no source");
    assert_eq!(refused.kind(), ErrorKind::SourceRequired);
    let message = refused.to_string();
    assert!(
        message.contains("maker.xml") && message.contains("SUPPLIER_NAME"),
        "{message}"
    );
    assert!(
        message.contains("--source") && message.contains("Source field"),
        "{message}"
    );
    let payload = ErrorPayload::from(refused);
    assert!(matches!(
        payload.details,
        Some(ErrorDetails::SourceRequired {
            why: SourceMissing::NoSupplierName,
            ..
        })
    ));
    // Nothing written: no run, no offer, the revision as it was.
    assert_eq!(snapshot(&store), before);
    // Not even a profile's name stands in for the supplier.
    let with_profile = ImportOptions {
        profile: Some(MappingProfile::itscope()),
        ..ImportOptions::default()
    };
    assert_eq!(
        import_bytes(&mut store, &nameless, "maker.xml", &with_profile)
            .expect_err("a profile is no supplier")
            .kind(),
        ErrorKind::SourceRequired
    );
    assert_eq!(snapshot(&store), before);

    let report = import_bytes(
        &mut store,
        &nameless,
        "maker.xml",
        &ImportOptions {
            source: Some("maker".into()),
            ..ImportOptions::default()
        },
    )
    .expect("named");
    assert_eq!(
        (report.source.as_str(), report.catalog.as_str()),
        ("maker", "bmecat:M-1")
    );
    assert!(report.full_feed, "T_NEW_CATALOG is a full feed");
    assert_eq!((report.new, report.discontinued), (1, 0));
    assert_eq!(active_keys(&store, "itscope"), ["1", "2", "3"]);
    assert_eq!(active_keys(&store, "maker"), ["X-1"]);
}

#[test]
fn a_bmecat_supplier_name_is_its_source_and_the_catalog_id_its_catalog() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let file = bmecat(
        "T_NEW_CATALOG",
        Some("Maker Systems GmbH"),
        Some("2024-A"),
        &[("A-1", "Router", "10.00")],
    );
    let report =
        import_bytes(&mut store, &file, "a.xml", &ImportOptions::default()).expect("import");
    assert_eq!(report.source, "maker-systems-gmbh");
    assert_eq!(report.catalog, "bmecat:2024-A");
    assert_eq!(
        catalog_of(&store, "maker-systems-gmbh", "A-1"),
        "bmecat:2024-A"
    );
    // A header without a catalog id is a catalog of its own.
    let plain = bmecat(
        "T_NEW_CATALOG",
        Some("Maker Systems GmbH"),
        None,
        &[("B-1", "Switch", "20.00")],
    );
    let report =
        import_bytes(&mut store, &plain, "b.xml", &ImportOptions::default()).expect("import");
    assert_eq!(report.catalog, "bmecat:");
    assert_eq!(
        active_keys(&store, "maker-systems-gmbh"),
        ["A-1", "B-1"],
        "neither catalog discontinued the other"
    );
}

#[test]
fn manufacturer_catalogs_of_one_supplier_discontinue_only_within_their_catalog() {
    let mut store = Store::open_in_memory_empty().expect("store");
    // Manufacturer files with one article each, under the same supplier.
    let one = |id: &str, key: &str| {
        bmecat(
            "T_NEW_CATALOG",
            Some("Maker"),
            Some(id),
            &[(key, &format!("Device {key}"), "100.00")],
        )
    };
    import_bytes(
        &mut store,
        &one("CAT-A", "A-1"),
        "a.xml",
        &ImportOptions::default(),
    )
    .expect("A");
    let b = import_bytes(
        &mut store,
        &one("CAT-B", "B-1"),
        "b.xml",
        &ImportOptions::default(),
    )
    .expect("B");
    assert_eq!(b.discontinued, 0, "{b:?}");
    assert_eq!(
        b.discontinuation,
        Some(Discontinuation::FullFeed {
            active: 0,
            missing: 0,
            allowed: Vec::new()
        })
    );
    assert_eq!(active_keys(&store, "maker"), ["A-1", "B-1"]);

    // The same catalog with another article: its one article would go, which
    // is more than a tenth of it: the import stops and writes nothing.
    let before = snapshot(&store);
    let stopped = import_bytes(
        &mut store,
        &one("CAT-A", "A-2"),
        "a2.xml",
        &ImportOptions::default(),
    )
    .expect_err("asks first");
    assert_eq!(
        snapshot(&store),
        before,
        "nothing written, revision unchanged"
    );
    let check = would_discontinue(stopped);
    assert_eq!(
        check,
        DiscontinueCheck {
            file_name: "a2.xml".into(),
            source: "maker".into(),
            catalog: "bmecat:CAT-A".into(),
            would_discontinue: 1,
            active: 1,
            rows_read: 1,
            reasons: vec![GuardReason::MoreThanATenth],
        }
    );

    // Allowed: A-1 goes, B-1 (another catalog) stays.
    let allowed = import_bytes(
        &mut store,
        &one("CAT-A", "A-2"),
        "a2.xml",
        &allowing(ImportOptions::default()),
    )
    .expect("allowed");
    assert_eq!((allowed.new, allowed.discontinued), (1, 1));
    assert_eq!(
        allowed.discontinuation,
        Some(Discontinuation::FullFeed {
            active: 1,
            missing: 1,
            allowed: vec![GuardReason::MoreThanATenth]
        })
    );
    assert_eq!(allowed.discontinued_offers.len(), 1);
    assert_eq!(allowed.discontinued_offers[0].source_key, "A-1");
    assert_eq!(allowed.discontinued_offers[0].name, "Device A-1");
    assert_eq!(allowed.discontinued_offers[0].why, Removal::Missing);
    assert_eq!(
        offers(&store, "maker"),
        [
            ("A-1".to_owned(), "discontinued".to_owned()),
            ("A-2".to_owned(), "active".to_owned()),
            ("B-1".to_owned(), "active".to_owned()),
        ]
    );
    // Reopened, the report says the same.
    assert_eq!(
        master::import_report(store.conn(), allowed.id).expect("reopen"),
        allowed
    );

    // A-1 back: it was not an active offer of the catalog before, A-2 was.
    let back = import_bytes(
        &mut store,
        &bmecat(
            "T_NEW_CATALOG",
            Some("Maker"),
            Some("CAT-A"),
            &[
                ("A-1", "Device A-1", "100.00"),
                ("A-2", "Device A-2", "100.00"),
            ],
        ),
        "a12.xml",
        &ImportOptions::default(),
    )
    .expect("A-1 back");
    assert_eq!(
        back.discontinuation,
        Some(Discontinuation::FullFeed {
            active: 1,
            missing: 0,
            allowed: Vec::new()
        })
    );

    // Or imported without discontinuing: nothing goes, whatever the file says.
    let kept = import_bytes(
        &mut store,
        &one("CAT-A", "A-3"),
        "a3.xml",
        &ImportOptions {
            full: Some(false),
            ..ImportOptions::default()
        },
    )
    .expect("not full");
    assert!(!kept.full_feed);
    assert_eq!(kept.discontinuation, Some(Discontinuation::NotFull));
    assert_eq!(active_keys(&store, "maker"), ["A-1", "A-2", "A-3", "B-1"]);
}

#[test]
fn an_article_that_moves_to_another_catalog_of_its_supplier_follows_it() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let many = |id: &str, keys: &[&str]| {
        let articles: Vec<(&str, String, &str)> = keys
            .iter()
            .map(|k| (*k, format!("Item {k}"), "5.00"))
            .collect();
        let borrowed: Vec<(&str, &str, &str)> = articles
            .iter()
            .map(|(k, n, p)| (*k, n.as_str(), *p))
            .collect();
        bmecat("T_NEW_CATALOG", Some("Maker"), Some(id), &borrowed)
    };
    let a_keys: Vec<String> = (1..=20).map(|n| format!("A-{n}")).collect();
    let a_refs: Vec<&str> = a_keys.iter().map(String::as_str).collect();
    import_bytes(
        &mut store,
        &many("A", &a_refs),
        "a.xml",
        &ImportOptions::default(),
    )
    .expect("A");
    import_bytes(
        &mut store,
        &many("B", &["B-1"]),
        "b.xml",
        &ImportOptions::default(),
    )
    .expect("B");
    // A-20 now comes with catalog B (unchanged otherwise: its row hash is the same).
    let moved = import_bytes(
        &mut store,
        &many("B", &["B-1", "A-20"]),
        "b.xml",
        &ImportOptions::default(),
    )
    .expect("B with A-20");
    assert_eq!((moved.unchanged, moved.discontinued), (2, 0));
    // Catalog B had one active offer before: A-20 was catalog A's.
    assert_eq!(
        moved.discontinuation,
        Some(Discontinuation::FullFeed {
            active: 1,
            missing: 0,
            allowed: Vec::new()
        })
    );
    assert_eq!(catalog_of(&store, "maker", "A-20"), "bmecat:B");
    // Catalog A without A-20 discontinues nothing: A-20 is catalog B's now.
    let a = import_bytes(
        &mut store,
        &many("A", &a_refs[..19]),
        "a.xml",
        &ImportOptions::default(),
    )
    .expect("A without A-20");
    assert_eq!(a.discontinued, 0);
    // Catalog B without it discontinues it (1 of 2: allowed here).
    let b = import_bytes(
        &mut store,
        &many("B", &["B-1"]),
        "b.xml",
        &allowing(ImportOptions::default()),
    )
    .expect("B alone");
    assert_eq!(b.discontinued, 1);
    assert_eq!(b.discontinued_offers[0].source_key, "A-20");
}

#[test]
fn a_truncated_full_csv_stops_and_asks_and_proceeds_when_allowed() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(&mut store, &csv(&rows(1, 20)), "feed.csv", &full("acme")).expect("first");
    // The same file cut in the middle of line 20 (row 19): row 20 is lost.
    let whole = String::from_utf8(csv(&rows(1, 20))).expect("text");
    let cut_at = whole.find("19;;P-19;Acme;Article 19").expect("row 19") + 20;
    let cut = whole.as_bytes()[..cut_at].to_vec();
    assert!(!cut.ends_with(b"\n"));

    let before = snapshot(&store);
    let check = would_discontinue(
        import_bytes(&mut store, &cut, "cut.csv", &full("acme")).expect_err("looks cut off"),
    );
    assert_eq!(snapshot(&store), before);
    // 1 of 20 is not more than a tenth: the cut end alone stops it.
    assert_eq!(
        (check.would_discontinue, check.active, check.rows_read),
        (1, 20, 19)
    );
    assert_eq!(
        check.reasons,
        [GuardReason::LastLineCut {
            line: 20,
            fields: 5,
            header_fields: 15
        }]
    );
    let message = Error::WouldDiscontinue(Box::new(check)).to_string();
    assert!(
        message.contains("cut.csv") && message.contains("1 of the 20 active offers"),
        "{message}"
    );
    assert!(message.contains("--allow-discontinue"), "{message}");

    let report =
        import_bytes(&mut store, &cut, "cut.csv", &allowing(full("acme"))).expect("allowed");
    // Row 19 is rejected (its key is readable, so its product stays); row 20
    // is not in the file and is discontinued.
    assert_eq!((report.rejected, report.discontinued), (1, 1));
    assert_eq!(report.problems[0].location.line, 20);
    assert_eq!(report.problems[0].source_key.as_deref(), Some("19"));
    assert_eq!(
        offers(&store, "acme")[18..],
        [
            ("19".to_owned(), "active".to_owned()),
            ("20".to_owned(), "discontinued".to_owned())
        ]
    );
}

#[test]
fn a_csv_cut_inside_the_key_of_its_last_row_discontinues_nothing() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(&mut store, &csv(&rows(1, 20)), "feed.csv", &full("acme")).expect("first");
    // "1" of "19": the key may be cut, so the row is one without a key.
    let mut text = String::from_utf8(csv(&rows(1, 18))).expect("text");
    text.push('1');
    let report =
        import_bytes(&mut store, text.as_bytes(), "cut.csv", &full("acme")).expect("no question");
    assert_eq!((report.rejected, report.discontinued), (1, 0));
    assert_eq!(report.problems[0].source_key, None);
    assert_eq!(
        report.discontinuation,
        Some(Discontinuation::RowsWithoutKey { rows: 1 })
    );
    assert_eq!(active_keys(&store, "acme").len(), 20);
}

#[test]
fn a_csv_that_ends_inside_a_quote_looks_cut_off() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(&mut store, &csv(&rows(1, 20)), "feed.csv", &full("acme")).expect("first");
    // Row 19's long description is quoted and spans lines; the file ends inside it.
    let mut text = String::from_utf8(csv(&rows(1, 18))).expect("text");
    text.push_str("19;;P-19;Acme;Article 19;;\"A long text\nover two lines; and cut");
    let check = would_discontinue(
        import_bytes(&mut store, text.as_bytes(), "quote.csv", &full("acme"))
            .expect_err("open quote"),
    );
    assert_eq!(check.reasons, [GuardReason::OpenQuote { line: 20 }]);
    // The same file ending with a line end is still open.
    text.push('\n');
    let check = would_discontinue(
        import_bytes(&mut store, text.as_bytes(), "quote.csv", &full("acme"))
            .expect_err("open quote"),
    );
    assert_eq!(check.reasons, [GuardReason::OpenQuote { line: 20 }]);
    // A whole file with quotes, ending without a line end, looks whole.
    let mut whole = String::from_utf8(csv(&rows(1, 19))).expect("text");
    whole.push_str("20;;P-20;Acme;\"Article 20; \"\"quoted\"\"\";;;1001;20,00;;EUR;19;1;5;S-20");
    let report =
        import_bytes(&mut store, whole.as_bytes(), "whole.csv", &full("acme")).expect("whole");
    assert_eq!((report.rejected, report.discontinued), (0, 0));
}

#[test]
fn a_full_csv_with_half_the_rows_stops_on_more_than_a_tenth() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(&mut store, &csv(&rows(1, 20)), "feed.csv", &full("acme")).expect("first");
    // Cut at a line end: it looks whole, but 11 of 20 would go, from a file
    // with fewer than half the rows of the last full import.
    let half = csv(&rows(1, 9));
    let before = snapshot(&store);
    let check = would_discontinue(
        import_bytes(&mut store, &half, "half.csv", &full("acme")).expect_err("too many"),
    );
    assert_eq!(snapshot(&store), before);
    assert_eq!((check.would_discontinue, check.active), (11, 20));
    assert_eq!(
        check.reasons,
        [
            GuardReason::MoreThanATenth,
            GuardReason::FewerRows {
                rows: 9,
                last_full_rows: 20
            }
        ]
    );
    // Three of twenty is more than a tenth; two of twenty, a tenth, is not.
    let check = would_discontinue(
        import_bytes(&mut store, &csv(&rows(1, 17)), "17.csv", &full("acme")).expect_err("3 of 20"),
    );
    assert_eq!(check.reasons, [GuardReason::MoreThanATenth]);
    let report =
        import_bytes(&mut store, &csv(&rows(1, 18)), "18.csv", &full("acme")).expect("2 of 20");
    assert_eq!(report.discontinued, 2);
    // Not full: nothing to ask, nothing discontinued.
    let partial = import_bytes(
        &mut store,
        &half,
        "half.csv",
        &ImportOptions {
            source: Some("acme".into()),
            ..ImportOptions::default()
        },
    )
    .expect("incremental");
    assert_eq!(partial.discontinued, 0);
}

#[test]
fn far_fewer_rows_than_the_last_full_import_stops_even_a_small_discontinuation() {
    let mut store = Store::open_in_memory_empty().expect("store");
    // A full import of 40 rows, 30 of them rejected without a key (so it
    // discontinued nothing and the catalog has 10 offers).
    let mut first = rows(1, 10);
    first.extend((0..30).map(|n| row("", &format!("No key {n}"), "1,00")));
    let report = import_bytes(&mut store, &csv(&first), "first.csv", &full("acme")).expect("first");
    assert_eq!((report.rows_read, report.rejected), (40, 30));
    // Nine rows: one of ten would go (not more than a tenth), but the file has
    // fewer than half the rows of the last full import.
    let check = would_discontinue(
        import_bytes(&mut store, &csv(&rows(1, 9)), "nine.csv", &full("acme"))
            .expect_err("few rows"),
    );
    assert_eq!(
        check.reasons,
        [GuardReason::FewerRows {
            rows: 9,
            last_full_rows: 40
        }]
    );
    // The last full import of another source does not count.
    import_bytes(&mut store, &csv(&rows(1, 10)), "other.csv", &full("other")).expect("other");
    import_bytes(&mut store, &csv(&rows(1, 9)), "other.csv", &full("other"))
        .expect("1 of 10, from a file nearly as long as the last one");
}

#[test]
fn a_rejected_row_with_a_key_keeps_its_product() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(&mut store, &csv(&rows(1, 20)), "feed.csv", &full("acme")).expect("first");
    let mut next = rows(1, 20);
    next[4] = row("5", "Article 5", "abc");
    next[5] = row("6", "", "6,00");
    let report = import_bytes(&mut store, &csv(&next), "next.csv", &full("acme")).expect("next");
    assert_eq!((report.rejected, report.discontinued), (2, 0));
    let keys: Vec<Option<&str>> = report
        .problems
        .iter()
        .map(|p| p.source_key.as_deref())
        .collect();
    assert_eq!(keys, [Some("5"), Some("6")]);
    assert_eq!(active_keys(&store, "acme").len(), 20);
    assert_eq!(
        report.discontinuation,
        Some(Discontinuation::FullFeed {
            active: 20,
            missing: 0,
            allowed: Vec::new()
        })
    );
    let reopened = master::import_report(store.conn(), report.id).expect("reopen");
    assert_eq!(reopened, report);
}

#[test]
fn a_rejected_row_without_a_key_prevents_any_discontinuation() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(&mut store, &csv(&rows(1, 20)), "feed.csv", &full("acme")).expect("first");
    // Half the catalog is gone, and one row has no key: it could be any of them.
    let mut next = rows(1, 10);
    next.push(row("", "Who am I", "3,00"));
    let report =
        import_bytes(&mut store, &csv(&next), "next.csv", &full("acme")).expect("no question");
    assert_eq!((report.rejected, report.discontinued), (1, 0));
    assert_eq!(
        report.discontinuation,
        Some(Discontinuation::RowsWithoutKey { rows: 1 })
    );
    assert_eq!(active_keys(&store, "acme").len(), 20);

    // A row whose cells are not text in the file's encoding: its key is still
    // read when its own cell is fine, and then it keeps only its own offer.
    let utf8 = MappingProfile {
        encoding: Some(servicefolio::feed::FeedEncoding::Utf8),
        ..MappingProfile::itscope()
    };
    let mut bytes = csv(&rows(1, 19));
    bytes.extend_from_slice(b"20;;P-20;Acme;Stra\xdfe 20;;;1001;20,00;;EUR;19;1;5;S-20\n");
    let options = ImportOptions {
        profile: Some(utf8),
        ..full("acme")
    };
    let report = import_bytes(&mut store, &bytes, "utf8.csv", &options).expect("keyed");
    assert_eq!((report.rejected, report.discontinued), (1, 0));
    assert_eq!(report.problems[0].source_key.as_deref(), Some("20"));
    assert!(matches!(
        report.discontinuation,
        Some(Discontinuation::FullFeed { missing: 0, .. })
    ));
    // In the key itself: unreadable, so nothing is discontinued.
    let mut bytes = csv(&rows(1, 10));
    bytes.extend_from_slice(b"2\xdf;;P-X;Acme;Thing;;;1001;20,00;;EUR;19;1;5;S-X\n");
    let report = import_bytes(&mut store, &bytes, "utf8.csv", &options).expect("unkeyed");
    assert_eq!(report.problems[0].source_key, None);
    assert_eq!(
        report.discontinuation,
        Some(Discontinuation::RowsWithoutKey { rows: 1 })
    );
    assert_eq!(active_keys(&store, "acme").len(), 20);
}

#[test]
fn a_rejected_bmecat_article_with_a_key_keeps_its_offer() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let keys: Vec<String> = (1..=20).map(|n| format!("K-{n}")).collect();
    let articles: Vec<(&str, &str, &str)> =
        keys.iter().map(|k| (k.as_str(), "Thing", "1.00")).collect();
    import_bytes(
        &mut store,
        &bmecat("T_NEW_CATALOG", Some("Maker"), Some("C"), &articles),
        "c.xml",
        &ImportOptions::default(),
    )
    .expect("first");
    // K-3 with a broken price, K-4 without a name: rejected, kept.
    let mut next = articles.clone();
    next[2] = ("K-3", "Thing", "twelve");
    next[3] = ("K-4", "", "1.00");
    let report = import_bytes(
        &mut store,
        &bmecat("T_NEW_CATALOG", Some("Maker"), Some("C"), &next),
        "c.xml",
        &ImportOptions::default(),
    )
    .expect("next");
    assert_eq!((report.rejected, report.discontinued), (2, 0), "{report:?}");
    assert!(report
        .problems
        .iter()
        .all(|p| matches!(p.source_key.as_deref(), Some("K-3" | "K-4"))));
    // An article without its key: nothing is discontinued, though K-20 is gone.
    let mut unkeyed = articles[..19].to_vec();
    unkeyed.push(("", "Nameless", "1.00"));
    let report = import_bytes(
        &mut store,
        &bmecat("T_NEW_CATALOG", Some("Maker"), Some("C"), &unkeyed),
        "c.xml",
        &ImportOptions::default(),
    )
    .expect("unkeyed");
    assert_eq!(
        report.discontinuation,
        Some(Discontinuation::RowsWithoutKey { rows: 1 })
    );
    assert_eq!(active_keys(&store, "maker").len(), 20);
}

#[test]
fn a_full_bmecat_of_unpriced_articles_delivers_them_and_a_price_it_cannot_take_keeps_its_offer() {
    // Prices (unpriced articles, price problems) meet discontinuation: an
    // article without a price is delivered like any other, and one whose price
    // is refused still names its key, so only what the file lacks goes.
    let mut store = Store::open_in_memory_empty().expect("store");
    let keys: Vec<String> = (1..=20).map(|n| format!("K-{n}")).collect();
    let priced: Vec<(&str, &str, &str)> =
        keys.iter().map(|k| (k.as_str(), "Thing", "1.00")).collect();
    import_bytes(
        &mut store,
        &bmecat("T_NEW_CATALOG", Some("Maker"), Some("C"), &priced),
        "c.xml",
        &ImportOptions::default(),
    )
    .expect("priced");

    // The master data again, without a single price (the offers keep the
    // prices the first file brought).
    let unpriced: Vec<(&str, &str, String)> = keys
        .iter()
        .map(|k| (k.as_str(), "Thing", String::new()))
        .collect();
    let report = import_bytes(
        &mut store,
        &bmecat_prices("T_NEW_CATALOG", Some("Maker"), Some("C"), &unpriced),
        "master-data.xml",
        &ImportOptions::default(),
    )
    .expect("unpriced");
    assert_eq!(
        (
            report.rejected,
            report.unpriced,
            report.prices_kept,
            report.discontinued
        ),
        (0, 0, 20, 0),
        "{report:?}"
    );
    assert_eq!(
        report.discontinuation,
        Some(Discontinuation::FullFeed {
            active: 20,
            missing: 0,
            allowed: Vec::new()
        })
    );
    assert_eq!(active_keys(&store, "maker").len(), 20);

    // K-2 states only a price type nobody chose (rejected by the price
    // conversion, with its key); K-20 is gone: only K-20 is discontinued.
    let mut next: Vec<(&str, &str, String)> = keys[..19]
        .iter()
        .map(|k| {
            (
                k.as_str(),
                "Thing",
                "<ARTICLE_PRICE price_type=\"net_customer\"><PRICE_AMOUNT>2.00</PRICE_AMOUNT></ARTICLE_PRICE>\n"
                    .to_owned(),
            )
        })
        .collect();
    next[1].2 = "<ARTICLE_PRICE price_type=\"UVP_Aktion\"><PRICE_AMOUNT>2.00</PRICE_AMOUNT></ARTICLE_PRICE>\n"
        .to_owned();
    let report = import_bytes(
        &mut store,
        &bmecat_prices("T_NEW_CATALOG", Some("Maker"), Some("C"), &next),
        "c.xml",
        &ImportOptions::default(),
    )
    .expect("next");
    assert_eq!((report.rejected, report.discontinued), (1, 1), "{report:?}");
    assert_eq!(report.problems[0].field, "price_type");
    assert_eq!(report.problems[0].source_key.as_deref(), Some("K-2"));
    assert_eq!(
        report.discontinuation,
        Some(Discontinuation::FullFeed {
            active: 20,
            missing: 1,
            allowed: Vec::new()
        })
    );
    assert_eq!(
        offers(&store, "maker")
            .into_iter()
            .filter(|(_, status)| status != "active")
            .collect::<Vec<_>>(),
        [("K-20".to_owned(), "discontinued".to_owned())]
    );
}

#[test]
fn a_deleted_article_is_listed_as_deleted() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(
        &mut store,
        &bmecat(
            "T_NEW_CATALOG",
            Some("Maker"),
            Some("C"),
            &[("K-1", "One", "1.00"), ("K-2", "Two", "2.00")],
        ),
        "c.xml",
        &ImportOptions::default(),
    )
    .expect("first");
    let delete = String::from_utf8(bmecat(
        "T_UPDATE_PRODUCTS",
        Some("Maker"),
        Some("C"),
        &[("K-2", "Two", "2.00")],
    ))
    .expect("text")
    .replace("<ARTICLE>", "<ARTICLE mode=\"delete\">");
    let report = import_bytes(
        &mut store,
        delete.as_bytes(),
        "d.xml",
        &ImportOptions::default(),
    )
    .expect("delete");
    assert_eq!(report.discontinued, 1);
    assert_eq!(report.discontinuation, Some(Discontinuation::NotFull));
    assert_eq!(report.discontinued_offers[0].why, Removal::Deleted);
    assert_eq!(report.discontinued_offers[0].name, "Two");
    assert_eq!(
        master::import_report(store.conn(), report.id).expect("reopen"),
        report
    );
}

#[test]
fn a_table_names_its_source_by_a_known_profile_only() {
    let mut store = Store::open_in_memory_empty().expect("store");
    // The built-in ITScope profile describes ITScope's export.
    let report = import_bytes(
        &mut store,
        &csv(&rows(1, 2)),
        "it.csv",
        &ImportOptions::default(),
    )
    .expect("itscope");
    assert_eq!(
        (report.source.as_str(), report.catalog.as_str()),
        ("itscope", "csv")
    );
    // Read with other settings (an encoding chosen by hand), the same columns
    // still describe ITScope's export.
    let utf8 = ImportOptions {
        profile: Some(MappingProfile {
            encoding: Some(servicefolio::feed::FeedEncoding::Utf8),
            separator: Some(servicefolio::feed::Separator::Semicolon),
            ..MappingProfile::itscope()
        }),
        ..ImportOptions::default()
    };
    let report =
        import_bytes(&mut store, &csv(&rows(1, 2)), "it.csv", &utf8).expect("itscope, utf-8");
    assert_eq!(report.source, "itscope");
    // A saved profile: its name.
    let mut profile = MappingProfile::itscope();
    profile.name = "Ingram Micro".into();
    profile
        .columns
        .retain(|c| c.field != ArticleField::Category);
    store
        .write(|tx| master::save_mapping_profile(tx, &profile))
        .expect("save");
    let saved = ImportOptions {
        profile: Some(profile.clone()),
        ..ImportOptions::default()
    };
    let report = import_bytes(&mut store, &csv(&rows(1, 2)), "ingram.csv", &saved).expect("saved");
    assert_eq!(report.source, "ingram-micro");
    // The ITScope mapping changed and not saved is nobody's (it once took the
    // name "itscope" and could discontinue ITScope's products).
    let mut edited = MappingProfile::itscope();
    edited.columns.push(ColumnMapping {
        column: "Extra".into(),
        field: ArticleField::Ean,
        required: false,
        also: Vec::new(),
    });
    edited.columns.retain(|c| c.column != "ean");
    let before = snapshot(&store);
    let refused = import_bytes(
        &mut store,
        &csv(&rows(1, 2)),
        "other.csv",
        &ImportOptions {
            profile: Some(edited.clone()),
            full: Some(true),
            ..ImportOptions::default()
        },
    )
    .expect_err("unsaved mapping");
    assert!(matches!(
        &refused,
        Error::SourceRequired {
            why: SourceMissing::UnsavedMapping,
            ..
        }
    ));
    assert!(refused.to_string().contains("--source"), "{refused}");
    assert_eq!(snapshot(&store), before);
    let named = ImportOptions {
        profile: Some(edited),
        source: Some("distri".into()),
        ..ImportOptions::default()
    };
    assert_eq!(
        import_bytes(&mut store, &csv(&rows(1, 2)), "other.csv", &named)
            .expect("named")
            .source,
        "distri"
    );
    // CSV and XLSX files of a source are catalogs of their own.
    assert_eq!(catalog_of(&store, "itscope", "1"), "csv");
}

#[test]
fn offers_of_an_older_database_keep_their_table_catalog_and_others_stay_unknown() {
    let older = temp_store_without_demo("old.db");
    let mut store = older.store;
    import_bytes(&mut store, &csv(&rows(1, 3)), "feed.csv", &full("acme")).expect("csv");
    import_bytes(
        &mut store,
        &bmecat(
            "T_NEW_CATALOG",
            Some("Acme"),
            Some("C"),
            &[("B-1", "Bee", "1.00")],
        ),
        "b.xml",
        &ImportOptions::default(),
    )
    .expect("bmecat");
    // Back to before 0014.
    support::undo_migrations_after_12(store.conn());
    drop(store);
    let mut store = Store::open_without_demo(&older.path).expect("migrated");
    assert_eq!(catalog_of(&store, "acme", "1"), "csv");
    // The BMEcat import did not keep its CATALOG_ID: unknown.
    assert_eq!(catalog_of(&store, "acme", "B-1"), "");
    let old = master::import_reports(store.conn()).expect("runs");
    assert_eq!(old.len(), 2);
    assert_eq!(old[1].catalog, "csv");
    assert_eq!(
        master::import_report(store.conn(), old[0].id)
            .expect("old report")
            .discontinuation,
        None
    );
    // A full BMEcat catalog of the supplier does not discontinue the unknown
    // one, nor the CSV's; naming it again gives it a catalog.
    let report = import_bytes(
        &mut store,
        &bmecat(
            "T_NEW_CATALOG",
            Some("Acme"),
            Some("D"),
            &[("D-1", "Dee", "1.00")],
        ),
        "d.xml",
        &ImportOptions::default(),
    )
    .expect("D");
    assert_eq!(report.discontinued, 0);
    assert_eq!(active_keys(&store, "acme"), ["1", "2", "3", "B-1", "D-1"]);
    import_bytes(
        &mut store,
        &bmecat(
            "T_NEW_CATALOG",
            Some("Acme"),
            Some("C"),
            &[("B-1", "Bee", "1.00")],
        ),
        "b.xml",
        &ImportOptions::default(),
    )
    .expect("C again");
    assert_eq!(catalog_of(&store, "acme", "B-1"), "bmecat:C");
}

#[test]
fn a_stopped_import_leaves_the_revision_and_a_later_one_still_works() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(&mut store, &csv(&rows(1, 20)), "feed.csv", &full("acme")).expect("first");
    let at = revision(store.conn()).expect("revision");
    import_bytes(&mut store, &csv(&rows(1, 5)), "five.csv", &full("acme")).expect_err("stops");
    assert_eq!(revision(store.conn()).expect("revision"), at);
    let cost: String = store
        .conn()
        .query_row(
            "SELECT cost_price FROM supplier_offer WHERE source_key = '3'",
            [],
            |r| r.get(0),
        )
        .expect("cost");
    assert_eq!(cost.parse::<Decimal>().expect("decimal"), Decimal::from(3));
    let report = import_bytes(
        &mut store,
        &csv(&rows(1, 5)),
        "five.csv",
        &allowing(full("acme")),
    )
    .expect("allowed");
    assert_eq!(report.discontinued, 15);
    let status: ItemStatus = store
        .conn()
        .query_row(
            "SELECT ci.status FROM catalog_item ci JOIN supplier_offer o ON o.product_id = ci.id
             WHERE o.source_key = '20'",
            [],
            |r| r.get(0),
        )
        .expect("status");
    assert_eq!(status, ItemStatus::Discontinued);
    assert!(revision(store.conn()).expect("revision") > at);
}

#[test]
fn the_report_lists_the_first_thousand_discontinued_and_counts_the_rest() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import_bytes(&mut store, &csv(&rows(1, 1005)), "feed.csv", &full("acme")).expect("first");
    let report = import_bytes(
        &mut store,
        &csv(&rows(1, 0)),
        "empty.csv",
        &allowing(full("acme")),
    )
    .expect("everything goes");
    assert_eq!(report.discontinued, 1005);
    assert_eq!(
        (
            report.discontinued_offers.len(),
            report.discontinued_not_kept
        ),
        (master::KEPT_DISCONTINUED, 5)
    );
    assert_eq!(report.discontinued_offers[0].source_key, "1");
    assert_eq!(report.discontinued_offers[999].name, "Article 1000");
    assert_eq!(
        master::import_report(store.conn(), report.id).expect("reopen"),
        report
    );
}
