//! Master data import (issue 6): matching across sources, one transaction per
//! import (cancel and refusal change nothing), re-imports that change nothing,
//! full feeds that discontinue, every BMEcat fixture through the engine, the
//! saved report, FTS search with filters, and keyset paging of the catalog list.

mod support;

use rust_decimal::Decimal;
use servicefolio::catalog::{self, CatalogQuery, ListCursor, ProductSearch, StockStatus};
use servicefolio::feed::{generate_itscope_feed, ArticleField, ColumnMapping, MappingProfile};
use servicefolio::master::{self, import_reader, ImportOptions, ImportProgress, ImportReport};
use servicefolio::pricing::{save_price_rule, PriceEnding, PriceRuleDraft, RuleScope};
use servicefolio::vocabulary::ItemStatus;
use servicefolio::{Error, ErrorKind, Store};
use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};
use support::booking::{for_employee, purchase};
use support::customers;
use support::feeds::{from_source, import_bytes, itscope_csv};
use support::store::{rows_as_text, temp_store_without_demo};

fn d(text: &str) -> Decimal {
    text.parse().expect("test literal")
}

/// One ITScope-style row: key, EAN, part number, manufacturer, name, long
/// description, category, cost, stock status.
#[allow(clippy::too_many_arguments)]
fn row(
    key: &str,
    ean: &str,
    mpn: &str,
    maker: &str,
    name: &str,
    long: &str,
    category: &str,
    cost: &str,
    stock: &str,
) -> String {
    format!("{key};{ean};{mpn};{maker};{name};;{long};;{category};{cost};;EUR;19;{stock};5;S-{key}")
}

/// A feed of `source`, full (it discontinues what it no longer has) or not.
fn import(
    store: &mut Store,
    bytes: &[u8],
    source: &str,
    full: bool,
) -> servicefolio::Result<ImportReport> {
    let options = ImportOptions {
        full: Some(full),
        ..from_source(source)
    };
    import_bytes(store, bytes, "feed.csv", &options)
}

/// Everything the import writes, as text, to compare before and after.
fn snapshot(store: &Store) -> String {
    rows_as_text(
        store.conn(),
        &[
        "SELECT id, kind, code, name, category, description, status FROM catalog_item ORDER BY id",
        "SELECT item_id, manufacturer, manufacturer_part_number, ean, cost_price, list_price,
                currency, tax_rate, stock_status, source, source_key FROM product ORDER BY item_id",
        "SELECT id, product_id, source, source_key, supplier_sku, cost_price, list_price, currency,
                stock_status, stock_quantity, status, preferred, pinned, import_run_id, row_hash
         FROM supplier_offer ORDER BY id",
        "SELECT id, source, rows_read FROM import_run ORDER BY id",
        "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name",
        ],
    )
}

fn products(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM product", [], |r| r.get(0))
        .expect("count")
}

fn search(store: &Store, text: &str) -> Vec<catalog::ProductHit> {
    catalog::search_products(
        store.conn(),
        &ProductSearch {
            text: text.into(),
            ..ProductSearch::default()
        },
    )
    .expect("search")
}

#[test]
fn fts5_is_available_in_the_bundled_sqlite() {
    let store = Store::open_in_memory_empty().expect("store");
    store
        .conn()
        .execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5 (a); INSERT INTO t VALUES ('hello world');",
        )
        .expect("fts5");
    let n: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM t WHERE t MATCH 'wor*'", [], |r| {
            r.get(0)
        })
        .expect("match");
    assert_eq!(n, 1);
}

#[test]
fn reimporting_the_same_file_changes_nothing() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let mut feed = Vec::new();
    generate_itscope_feed(300, 11, &mut feed).expect("feed");
    let first = import(&mut store, &feed, "itscope", false).expect("first import");
    assert_eq!(first.rows_read, 300);
    assert_eq!(first.new, 300);
    assert_eq!(first.rejected, 0);
    assert_eq!((first.updated, first.unchanged), (0, 0));
    assert_eq!(products(&store), i64::from(first.new_products));
    let before = snapshot(&store);

    let second = import(&mut store, &feed, "itscope", true).expect("second import");
    assert_eq!(second.rows_read, 300);
    assert_eq!(second.unchanged, 300);
    assert_eq!(
        (
            second.new,
            second.updated,
            second.rejected,
            second.discontinued
        ),
        (0, 0, 0, 0)
    );
    // Only the new run's row differs.
    let after = snapshot(&store);
    let strip_runs = |s: &str| {
        s.lines()
            .filter(|l| !l.ends_with("|Integer(300)|"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip_runs(&before), strip_runs(&after));
    assert_eq!(master::import_reports(store.conn()).expect("runs").len(), 2);
}

#[test]
fn a_cancelled_import_leaves_the_catalog_as_it_was() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let mut small = Vec::new();
    generate_itscope_feed(50, 1, &mut small).expect("feed");
    import(&mut store, &small, "itscope", false).expect("first import");
    let before = snapshot(&store);

    let mut big = Vec::new();
    generate_itscope_feed(10_000, 2, &mut big).expect("feed");
    let cancel = AtomicBool::new(false);
    let mut seen: Vec<ImportProgress> = Vec::new();
    let result = import_reader(
        &mut store,
        Cursor::new(big.clone()),
        "big.csv",
        big.len() as u64,
        &ImportOptions {
            source: Some("itscope".into()),
            full: Some(true),
            ..ImportOptions::default()
        },
        &mut |p| {
            seen.push(p);
            cancel.store(true, Ordering::Relaxed);
        },
        &cancel,
    );
    let error = result.expect_err("cancelled");
    assert!(matches!(error, Error::Cancelled), "{error}");
    assert_eq!(error.kind(), ErrorKind::Cancelled);
    assert_eq!(seen.len(), 1);
    assert!(seen[0].rows > 0 && seen[0].bytes > 0 && seen[0].bytes < big.len() as u64);
    assert_eq!(snapshot(&store), before);
}

#[test]
fn a_big_import_still_matches_products_by_gtin_and_part_number() {
    // Bulk mode skips look-ups that cannot find anything (a key filter); the
    // ones that can must still match: a product already in the catalog by its
    // GTIN, another by manufacturer (ignoring case) and part number, and an
    // article repeating the GTIN of one earlier in the same file.
    let mut store = Store::open_in_memory_empty().expect("store");
    let first = [
        row(
            "A1",
            "4006381333931",
            "20XK0001GE",
            "Lenovo",
            "Lenovo ThinkPad X1",
            "",
            "1001",
            "1.500,00",
            "1",
        ),
        row(
            "A2",
            "",
            "WD19S",
            "Dell",
            "Dell Dock WD19S",
            "",
            "1003",
            "199,00",
            "1",
        ),
    ];
    import(&mut store, &itscope_csv(&first), "alpha", false).expect("small import");
    let mut feed = Vec::new();
    generate_itscope_feed(6_000, 11, &mut feed).expect("feed");
    let text = String::from_utf8(feed).expect("utf-8");
    let repeated_ean = text
        .lines()
        .nth(1)
        .expect("row")
        .split(';')
        .nth(1)
        .expect("ean")
        .to_owned();
    let mut text = text;
    for extra in [
        row(
            "B1",
            "4006381333931",
            "OTHER-1",
            "Lenovo",
            "ThinkPad X1 (beta)",
            "",
            "1001",
            "1.450,00",
            "1",
        ),
        row(
            "B2",
            "",
            "WD19S",
            "DELL",
            "Dell WD19S Dock",
            "",
            "1003",
            "189,00",
            "1",
        ),
        row(
            "B3",
            &repeated_ean,
            "OTHER-3",
            "Acme",
            "Same EAN again",
            "",
            "1001",
            "9,00",
            "1",
        ),
    ] {
        text.push_str(&extra);
        text.push('\n');
    }
    assert!(text.len() > 1 << 20, "big enough for bulk mode");
    let report = import(&mut store, text.as_bytes(), "beta", false).expect("bulk import");
    assert_eq!(report.new, 6_003);
    // The three extra articles made no product of their own.
    assert!(report.new_products <= 6_000);
    assert_eq!(products(&store), 2 + i64::from(report.new_products));
    let offers_of = |code: &str| -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT o.source || ':' || o.source_key FROM supplier_offer o
                 JOIN catalog_item ci ON ci.id = o.product_id WHERE ci.code = ?1 ORDER BY o.id",
            )
            .expect("prepare");
        let rows = stmt.query_map([code], |r| r.get(0)).expect("query");
        rows.collect::<Result<_, _>>().expect("offers")
    };
    assert_eq!(offers_of("EAN-4006381333931"), ["alpha:A1", "beta:B1"]);
    assert_eq!(offers_of("ALPHA-A2"), ["alpha:A2", "beta:B2"]);
    let repeated = offers_of(&format!("EAN-{repeated_ean}"));
    assert_eq!(repeated.len(), 2, "{repeated:?}");
    assert_eq!(repeated[1], "beta:B3");
}

#[test]
fn a_big_import_into_a_small_catalog_indexes_everything_at_the_end() {
    // Over 1 MB into an empty catalog: bulk mode (list indexes and search
    // triggers dropped during the import, rebuilt at its end).
    let mut store = Store::open_in_memory_empty().expect("store");
    let schema = |store: &Store| -> Vec<String> {
        let mut stmt = store
            .conn()
            .prepare(
                "SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') ORDER BY name",
            )
            .expect("prepare");
        let rows = stmt.query_map([], |r| r.get(0)).expect("query");
        rows.collect::<Result<_, _>>().expect("names")
    };
    let before = schema(&store);
    let mut feed = Vec::new();
    generate_itscope_feed(6_000, 7, &mut feed).expect("feed");
    assert!(feed.len() > 1 << 20);
    let report = import(&mut store, &feed, "itscope", false).expect("import");
    assert_eq!(report.new, 6_000);
    assert_eq!(schema(&store), before);
    let count = |store: &Store, sql: &str| -> i64 {
        store
            .conn()
            .query_row(sql, [], |r| r.get(0))
            .expect("count")
    };
    let indexed = |store: &Store| {
        count(
            store,
            "SELECT count(*) FROM product_search WHERE product_search MATCH 'manufacturer: lenovo'",
        )
    };
    let lenovo = count(
        &store,
        "SELECT count(*) FROM product WHERE manufacturer = 'Lenovo'",
    );
    assert!(lenovo > 0);
    assert_eq!(indexed(&store), lenovo);

    // Again, one existing product renamed: reindexed, nothing indexed twice.
    let text = String::from_utf8(feed).expect("utf-8");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut fields: Vec<String> = lines[1].splitn(6, ';').map(str::to_owned).collect();
    fields[4] = "Zyxwv Sonderedition".into();
    lines[1] = fields.join(";");
    let changed = lines.join("\n") + "\n";
    let report = import(&mut store, changed.as_bytes(), "itscope", false).expect("re-import");
    assert_eq!((report.updated, report.unchanged), (1, 5_999));
    assert_eq!(schema(&store), before);
    assert_eq!(indexed(&store), lenovo);
    let hits = search(&store, "zyxwv");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].code, format!("EAN-{}", fields[1]));
    // The triggers are back: a hand edit is indexed.
    store
        .write(|tx| {
            tx.execute(
                "UPDATE catalog_item SET name = 'Qwxyz Spezial' WHERE id = ?1",
                [hits[0].id],
            )?;
            Ok(())
        })
        .expect("rename");
    assert!(search(&store, "zyxwv").is_empty());
    assert_eq!(search(&store, "qwxyz").len(), 1);

    // A big file into a catalog that has a few of its articles already (bulk
    // mode again: the file brings far more new products than there are):
    // the existing product it renames is reindexed, the new ones indexed.
    let mut store = Store::open_in_memory_empty().expect("store");
    let head = lines[..101].join("\n") + "\n";
    let mut original: Vec<String> = head.lines().map(str::to_owned).collect();
    original[1] = text.lines().nth(1).expect("row").to_owned();
    let first = import(
        &mut store,
        (original.join("\n") + "\n").as_bytes(),
        "itscope",
        false,
    )
    .expect("first hundred");
    assert_eq!(first.new, 100);
    let report = import(&mut store, changed.as_bytes(), "itscope", false).expect("big import");
    assert_eq!(
        (report.new, report.updated, report.unchanged),
        (5_900, 1, 99)
    );
    assert_eq!(schema(&store), before);
    assert_eq!(indexed(&store), lenovo);
    assert_eq!(search(&store, "zyxwv").len(), 1);
}

#[test]
fn a_file_that_breaks_off_after_many_articles_changes_nothing() {
    // Articles are written as they are read: the ones written before the
    // reader finds the file truncated are rolled back, and the refusal names
    // the element where it broke off.
    let mut store = Store::open_in_memory_empty().expect("store");
    let before = snapshot(&store);
    let text = String::from_utf8(
        std::fs::read(support::bmecat_dir().join("bmecat12-new-catalog.xml")).expect("fixture"),
    )
    .expect("utf-8");
    let start = text.find("<ARTICLE>").expect("article");
    let end = text.find("</ARTICLE>").expect("article end") + "</ARTICLE>".len();
    let article = &text[start..end];
    let mut articles = String::new();
    for n in 0..600 {
        articles.push_str(
            &article
                .replace("<SUPPLIER_AID>1000<", &format!("<SUPPLIER_AID>K{n}<"))
                .replace("<EAN>8712670911213<", "<EAN><"),
        );
    }
    let whole = format!("{}{articles}{}", &text[..start], &text[end..]);
    let cut = whole.rfind("<PRICE_AMOUNT>").expect("last price");
    let truncated = whole.as_bytes()[..cut].to_vec();
    let options = ImportOptions::default();
    let error = import_bmecat(&mut store, &truncated, &options).expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    let message = error.to_string();
    assert!(message.contains("ARTICLE[600]"), "{message}");
    assert!(message.contains("truncated"), "{message}");
    assert_eq!(snapshot(&store), before);
    // The whole file imports.
    let report = import_bmecat(&mut store, whole.as_bytes(), &options).expect("import");
    assert_eq!(report.new, 600);
}

#[test]
fn a_file_that_is_not_a_feed_is_refused_and_changes_nothing() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let before = snapshot(&store);
    let zip = b"PK\x03\x04 not really a workbook".to_vec();
    let options = ImportOptions {
        source: Some("itscope".into()),
        format: Some(servicefolio::feed::FeedFormat::Csv),
        ..ImportOptions::default()
    };
    let error = import_reader(
        &mut store,
        Cursor::new(zip),
        "prices.csv",
        0,
        &options,
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect_err("refused");
    assert_eq!(error.kind(), ErrorKind::InvalidInput);
    assert!(
        error.to_string().contains("prices.csv is not a CSV file"),
        "{error}"
    );
    // A file missing the key column is refused too, naming the column.
    let error = import(
        &mut store,
        b"ean;price\n4006381333931;1,00\n",
        "itscope",
        false,
    )
    .expect_err("refused");
    assert!(error.to_string().contains("puid"), "{error}");
    assert_eq!(snapshot(&store), before);
}

#[test]
fn two_sources_with_the_same_ean_make_one_product_and_the_cheapest_in_stock_is_preferred() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let ean = "4006381333931";
    let a = itscope_csv(&[row(
        "A1",
        ean,
        "TP-14",
        "Lenovo",
        "Lenovo ThinkPad T14",
        "",
        "1001",
        "1.000,00",
        "1",
    )]);
    let b = itscope_csv(&[row(
        "B7",
        ean,
        "TP-14",
        "LENOVO",
        "ThinkPad T14 (B)",
        "",
        "1001",
        "950,00",
        "1",
    )]);
    let c = itscope_csv(&[row(
        "C3", "", "TP-14", "lenovo", "TP T14", "", "1001", "900,00", "0",
    )]);
    let ra = import(&mut store, &a, "alpha", false).expect("alpha");
    let rb = import(&mut store, &b, "beta", false).expect("beta");
    // Same manufacturer (other case) and part number, no EAN: the same product too.
    let rc = import(&mut store, &c, "gamma", false).expect("gamma");
    assert_eq!(
        (ra.new_products, rb.new_products, rc.new_products),
        (1, 0, 0)
    );
    assert_eq!((rb.new, rc.new), (1, 1));
    assert_eq!(products(&store), 1);

    let hit = &search(&store, "thinkpad")[0];
    // Named after the source that created it; cheapest in stock is beta (gamma is out of stock).
    assert_eq!(hit.name, "Lenovo ThinkPad T14");
    assert_eq!(hit.code, format!("EAN-{ean}"));
    let offers = master::product_offers(store.conn(), hit.id).expect("offers");
    assert_eq!(offers.len(), 3);
    let preferred: Vec<&str> = offers
        .iter()
        .filter(|o| o.preferred)
        .map(|o| o.source.as_str())
        .collect();
    assert_eq!(preferred, ["beta"]);
    let cost: Option<String> = store
        .conn()
        .query_row(
            "SELECT cost_price FROM product WHERE item_id = ?1",
            [hit.id],
            |r| r.get(0),
        )
        .expect("cost");
    assert_eq!(cost.as_deref(), Some("950.00"));
    assert_eq!(hit.stock_status, StockStatus::InStock);

    // Gamma comes into stock: now the cheapest in stock.
    let c2 = itscope_csv(&[row(
        "C3", "", "TP-14", "lenovo", "TP T14", "", "1001", "900,00", "1",
    )]);
    let rc2 = import(&mut store, &c2, "gamma", false).expect("gamma again");
    assert_eq!(rc2.updated, 1);
    let offers = master::product_offers(store.conn(), hit.id).expect("offers");
    assert_eq!(offers[0].source, "gamma");
    assert!(offers[0].preferred);

    // The user pins alpha; it stays preferred though dearer, until unpinned.
    let alpha = offers
        .iter()
        .find(|o| o.source == "alpha")
        .expect("alpha")
        .id;
    let pinned = store
        .write(|tx| master::pin_preferred_offer(tx, hit.id, Some(alpha)))
        .expect("pin");
    assert!(pinned[0].pinned && pinned[0].preferred && pinned[0].source == "alpha");
    assert_eq!(search(&store, "thinkpad")[0].list_price, Some(d("1000.00")));
    let unpinned = store
        .write(|tx| master::pin_preferred_offer(tx, hit.id, None))
        .expect("unpin");
    assert_eq!(unpinned[0].source, "gamma");
    let other = store.write(|tx| master::pin_preferred_offer(tx, hit.id, Some(alpha + 100)));
    assert_eq!(
        other.expect_err("foreign offer").kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn a_full_feed_discontinues_missing_articles_and_never_deletes_them() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let rows = [
        row(
            "1",
            "4006381333931",
            "M-1",
            "Dell",
            "Dell Monitor P2723",
            "",
            "1002",
            "200,00",
            "1",
        ),
        row(
            "2",
            "4012345678901",
            "M-2",
            "Dell",
            "Dell Dock WD19",
            "",
            "1003",
            "150,00",
            "1",
        ),
        row(
            "3",
            "",
            "M-3",
            "Dell",
            "Dell Mouse MS116",
            "",
            "1005",
            "9,00",
            "1",
        ),
    ];
    import(&mut store, &itscope_csv(&rows), "dell", true).expect("first");
    // Not full: nothing is discontinued.
    let partial = import(&mut store, &itscope_csv(&rows[..2]), "dell", false).expect("partial");
    assert_eq!(partial.discontinued, 0);
    // One of three is more than a tenth: only allowed (tests/feed_ownership.rs).
    let full = import_reader(
        &mut store,
        Cursor::new(itscope_csv(&rows[..2])),
        "feed.csv",
        0,
        &ImportOptions {
            source: Some("dell".into()),
            full: Some(true),
            allow_discontinue: true,
            ..ImportOptions::default()
        },
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("full");
    assert_eq!(full.discontinued, 1);
    assert_eq!(full.unchanged, 2);
    assert_eq!(products(&store), 3);
    let status: ItemStatus = store
        .conn()
        .query_row(
            "SELECT ci.status FROM catalog_item ci JOIN product p ON p.item_id = ci.id WHERE p.source_key = '3'",
            [],
            |r| r.get(0),
        )
        .expect("status");
    assert_eq!(status, ItemStatus::Discontinued);
    // Hidden from search unless asked for.
    assert!(search(&store, "ms116").is_empty());
    let with = catalog::search_products(
        store.conn(),
        &ProductSearch {
            text: "ms116".into(),
            include_discontinued: true,
            ..ProductSearch::default()
        },
    )
    .expect("search");
    assert_eq!(with.len(), 1);
    // Back in the feed: active again.
    let back = import(&mut store, &itscope_csv(&rows), "dell", true).expect("back");
    assert_eq!((back.updated, back.unchanged, back.discontinued), (1, 2, 0));
    assert_eq!(search(&store, "ms116").len(), 1);
}

#[test]
fn bad_rows_are_rejected_with_line_and_reason_and_the_report_reopens() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let rows = [
        row(
            "1",
            "4006381333931",
            "M-1",
            "HP",
            "HP EliteBook",
            "",
            "1001",
            "900,00",
            "1",
        ),
        row("2", "", "M-2", "HP", "HP Dock", "", "1003", "abc", "1"),
        row("3", "", "M-3", "HP", "", "", "1003", "12,00", "1"),
        // No price at all: taken, unpriced.
        row("4", "", "M-4", "HP", "HP Mouse", "", "1005", "", "1"),
    ];
    let report = import(&mut store, &itscope_csv(&rows), "hp", false).expect("import");
    assert_eq!(
        (
            report.rows_read,
            report.new,
            report.rejected,
            report.unpriced
        ),
        (4, 2, 2, 1)
    );
    let reopened = master::import_report(store.conn(), report.id).expect("reopen");
    assert_eq!(reopened, report);
    let lines: Vec<(u32, &str)> = reopened
        .problems
        .iter()
        .map(|p| (p.location.line, p.field.as_str()))
        .collect();
    assert_eq!(lines, [(3, "cost_price"), (4, "name")]);
    assert!(reopened.problems.iter().all(|p| p.file == "feed.csv"));
    let list = master::import_reports(store.conn()).expect("list");
    assert_eq!((list[0].id, list[0].rejected), (report.id, 2));
    assert_eq!(
        master::import_report(store.conn(), 999)
            .expect_err("none")
            .kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn list_prices_come_from_price_rules_when_one_covers_the_product() {
    let mut store = Store::open_in_memory_empty().expect("store");
    store
        .write(|tx| {
            save_price_rule(
                tx,
                &PriceRuleDraft {
                    scope: RuleScope::Manufacturer("cisco".into()),
                    markup_percent: d("20"),
                    ending: PriceEnding::Whole,
                },
            )
        })
        .expect("rule");
    let rows = [
        // 100 × 1.2 = 120.00
        row(
            "1",
            "",
            "C-1",
            "Cisco",
            "Cisco Switch",
            "",
            "1004",
            "100,00",
            "1",
        ),
        // No rule for Logitech, no supplier list price: the cost.
        row(
            "2",
            "",
            "L-1",
            "Logitech",
            "Logitech Maus",
            "",
            "1005",
            "10,00",
            "1",
        ),
    ];
    import(&mut store, &itscope_csv(&rows), "itscope", false).expect("import");
    assert_eq!(search(&store, "switch")[0].list_price, Some(d("120")));
    assert_eq!(search(&store, "maus")[0].list_price, Some(d("10.00")));
}

/// Four products for the search tests: a ThinkPad, two docks (one with USB-C
/// only in its description) and a cable that mentions the ThinkPad.
fn search_sample() -> Vec<u8> {
    itscope_csv(&[
        row(
            "1",
            "4006381333931",
            "20XK0001GE",
            "Lenovo",
            "Lenovo ThinkPad X1 Carbon",
            "Business-Notebook",
            "1001",
            "1.500,00",
            "1",
        ),
        row(
            "2",
            "4008190000018",
            "40AY0090EU",
            "Lenovo",
            "Lenovo USB-C Dock Gen 2",
            "Dockingstation mit USB-C",
            "1003",
            "180,00",
            "3",
        ),
        row(
            "3",
            "4012345678901",
            "WD19S",
            "Dell",
            "Dell Dock WD19S",
            "USB-C Dock, 130 W",
            "1003",
            "199,00",
            "1",
        ),
        row(
            "4",
            "4000000000006",
            "X-9",
            "Acme",
            "Acme Kabel",
            "passt zu jedem Lenovo ThinkPad",
            "1009",
            "5,00",
            "1",
        ),
    ])
}

#[test]
fn search_by_prefix_ean_part_number_ranked_and_filtered() {
    let mut store = Store::open_in_memory_empty().expect("store");
    import(&mut store, &search_sample(), "itscope", false).expect("import");
    let names =
        |hits: Vec<catalog::ProductHit>| hits.into_iter().map(|h| h.name).collect::<Vec<_>>();

    // Prefixes as you type; the name hit ranks above the description hit.
    assert_eq!(
        names(search(&store, "lenov think")),
        ["Lenovo ThinkPad X1 Carbon", "Acme Kabel"]
    );
    assert_eq!(
        names(search(&store, "4008190")),
        ["Lenovo USB-C Dock Gen 2"]
    );
    assert_eq!(names(search(&store, "wd19")), ["Dell Dock WD19S"]);
    assert_eq!(
        names(search(&store, "20xk0001")),
        ["Lenovo ThinkPad X1 Carbon"]
    );
    // Whole words in the name, manufacturer, part number or EAN first (the
    // shorter name first), then prefixes and the description.
    assert_eq!(
        names(search(&store, "dock")),
        ["Dell Dock WD19S", "Lenovo USB-C Dock Gen 2"]
    );
    assert_eq!(
        names(search(&store, "lenovo")),
        [
            "Lenovo USB-C Dock Gen 2",
            "Lenovo ThinkPad X1 Carbon",
            "Acme Kabel"
        ]
    );
    let docks = names(search(&store, "dock usb-c"));
    assert_eq!(docks.len(), 2);
    assert!(docks.contains(&"Dell Dock WD19S".to_owned()));
    assert!(search(&store, "nothing-like-this").is_empty());
    // Query syntax typed by the user is text, not FTS5 syntax.
    assert!(search(&store, "\"lenovo OR NEAR(").is_empty());

    let filtered =
        |f: ProductSearch| names(catalog::search_products(store.conn(), &f).expect("search"));
    let dock = || ProductSearch {
        text: "dock".into(),
        ..ProductSearch::default()
    };
    assert_eq!(
        filtered(ProductSearch {
            manufacturer: Some("DELL".into()),
            ..dock()
        }),
        ["Dell Dock WD19S"]
    );
    assert_eq!(
        filtered(ProductSearch {
            in_stock: true,
            ..dock()
        }),
        ["Dell Dock WD19S"]
    );
    assert_eq!(
        filtered(ProductSearch {
            category: Some("1001".into()),
            text: String::new(),
            ..dock()
        }),
        ["Lenovo ThinkPad X1 Carbon"]
    );
    assert_eq!(
        filtered(ProductSearch {
            source: Some("other".into()),
            ..dock()
        })
        .len(),
        0
    );
    assert_eq!(
        filtered(ProductSearch {
            source: Some("itscope".into()),
            ..dock()
        })
        .len(),
        2
    );
    assert_eq!(
        filtered(ProductSearch {
            limit: Some(1),
            ..dock()
        })
        .len(),
        1
    );

    // Renaming a product by hand reindexes it (the triggers keep FTS in sync).
    store
        .write(|tx| {
            tx.execute(
                "UPDATE catalog_item SET name = 'Acme Patchkabel' WHERE code = 'EAN-4000000000006'",
                [],
            )?;
            Ok(())
        })
        .expect("rename");
    assert_eq!(names(search(&store, "patchk")), ["Acme Patchkabel"]);
}

#[test]
fn the_search_index_of_an_older_database_is_rebuilt_without_positions() {
    // A database at schema 11 (its index kept term positions) is migrated by
    // 0012: every product is found as before, hyphenated words included.
    let old = temp_store_without_demo("old.db");
    let mut store = old.store;
    import(&mut store, &search_sample(), "itscope", false).expect("import");
    // What migrations after 0012 add, undone (they run again).
    support::undo_migrations_after_12(store.conn());
    store
        .conn()
        .execute_batch(
            "DROP TABLE product_search;
             CREATE VIRTUAL TABLE product_search USING fts5 (
                 name, manufacturer, part_number, ean, description,
                 content = '', contentless_delete = 1, prefix = '2 3',
                 tokenize = 'unicode61 remove_diacritics 2');
             INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
                 SELECT ci.id, ci.name, p.manufacturer, p.manufacturer_part_number,
                        COALESCE(p.ean, ''), ci.description
                 FROM product p JOIN catalog_item ci ON ci.id = p.item_id;
             PRAGMA user_version = 11;",
        )
        .expect("back to schema 11");
    drop(store);
    let store = Store::open_without_demo(&old.path).expect("migrated");
    assert_eq!(
        store.info().expect("info").schema_version,
        servicefolio::store::SCHEMA_VERSION
    );
    let definition: String = store
        .conn()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'product_search'",
            [],
            |r| r.get(0),
        )
        .expect("index");
    assert!(definition.contains("detail = column"), "{definition}");
    let names =
        |text: &str| -> Vec<String> { search(&store, text).into_iter().map(|h| h.name).collect() };
    assert_eq!(
        names("thinkpad"),
        ["Lenovo ThinkPad X1 Carbon", "Acme Kabel"]
    );
    // Both tokens in the name first, then in the description.
    assert_eq!(
        names("usb-c dock"),
        ["Lenovo USB-C Dock Gen 2", "Dell Dock WD19S"]
    );
    assert_eq!(names("40ay"), ["Lenovo USB-C Dock Gen 2"]);
    assert_eq!(names("business"), ["Lenovo ThinkPad X1 Carbon"]);
}

#[test]
fn every_bmecat_fixture_imports_through_the_engine() {
    let dir = support::bmecat_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xml"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 7);
    for name in &names {
        // Each on its own (fixtures share suppliers and keys).
        let mut store = Store::open_in_memory_empty().expect("store");
        let before = products(&store);
        let report = master::import_feed(
            &mut store,
            &dir.join(name),
            &ImportOptions::default(),
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            report.format,
            servicefolio::feed::FeedFormat::Bmecat,
            "{name}"
        );
        assert!(report.rows_read >= 1, "{name}");
        assert_eq!(
            report.rows_read,
            report.new
                + report.updated
                + report.unchanged
                + report.rejected
                + if report.discontinued > 0 && !report.full_feed {
                    report.discontinued
                } else {
                    0
                },
            "{name}: {report:?}"
        );
        assert!(!report.source.is_empty(), "{name}");
        if name.contains("weidmueller") {
            // A manufacturer's master data: its one product names a price type
            // without an amount, so it is imported without a price.
            assert_eq!((report.new, report.unpriced), (1, 1), "{report:?}");
            let hit = &search(&store, "Klemmenmarkierung")[0];
            assert_eq!(hit.list_price, None);
            assert_eq!(report.price_types.len(), 1, "{report:?}");
            assert_eq!(report.price_types[0].price_type, "net_customer");
        } else if name.contains("new-catalog") || name.contains("reference") {
            assert!(report.full_feed, "{name}");
            assert!(report.new >= 1, "{name}: {report:?}");
            assert!(products(&store) > before, "{name}");
        }
        // Importing it again changes nothing.
        let again = master::import_feed(
            &mut store,
            &dir.join(name),
            &ImportOptions::default(),
            &mut |_| {},
            &AtomicBool::new(false),
        )
        .unwrap_or_else(|e| panic!("{name} again: {e}"));
        assert_eq!((again.new, again.updated), (0, 0), "{name}: {again:?}");
        // Every imported product is searchable.
        let indexed: i64 = store
            .conn()
            .query_row("SELECT count(*) FROM product_search", [], |r| r.get(0))
            .unwrap_or(-1);
        assert_eq!(indexed, products(&store), "{name}");
    }
}

#[test]
fn mapping_profiles_are_saved_by_name_and_reused() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let profiles = master::mapping_profiles(store.conn()).expect("list");
    assert_eq!(profiles[0].name, "ITScope");
    let mut mine = MappingProfile {
        name: "Großhändler X".into(),
        separator: None,
        encoding: None,
        decimal_mark: None,
        columns: vec![
            ColumnMapping {
                column: "Artikel".into(),
                field: ArticleField::SourceKey,
                required: true,
                also: vec![],
            },
            ColumnMapping {
                column: "Bezeichnung".into(),
                field: ArticleField::Name,
                required: true,
                also: vec![],
            },
            ColumnMapping {
                column: "EK".into(),
                field: ArticleField::CostPrice,
                required: true,
                also: vec![],
            },
        ],
        default_currency: Some("EUR".into()),
    };
    store
        .write(|tx| master::save_mapping_profile(tx, &mine))
        .expect("save");
    mine.default_currency = Some("CHF".into());
    store
        .write(|tx| master::save_mapping_profile(tx, &mine))
        .expect("replace");
    let loaded = master::mapping_profile(store.conn(), "großhändler x").expect("load");
    assert_eq!(loaded, mine);
    assert_eq!(
        master::mapping_profiles(store.conn()).expect("list").len(),
        2
    );

    let report = import_reader(
        &mut store,
        Cursor::new(b"Artikel;Bezeichnung;EK\nX-1;Kabel;1,50\n".to_vec()),
        "x.csv",
        0,
        &ImportOptions {
            profile: Some(loaded),
            ..ImportOptions::default()
        },
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("import with the profile");
    assert_eq!((report.source.as_str(), report.new), ("großhändler-x", 1));
    assert_eq!(search(&store, "kabel")[0].currency, "CHF");

    let bad = MappingProfile {
        columns: vec![],
        ..mine.clone()
    };
    assert_eq!(
        store
            .write(|tx| master::save_mapping_profile(tx, &bad))
            .expect_err("no key")
            .kind(),
        ErrorKind::InvalidInput
    );
    store
        .write(|tx| master::delete_mapping_profile(tx, "GROSSHÄNDLER X"))
        .expect_err("case of ß differs");
    store
        .write(|tx| master::delete_mapping_profile(tx, &mine.name))
        .expect("delete");
    assert_eq!(
        master::mapping_profile(store.conn(), &mine.name)
            .expect_err("gone")
            .kind(),
        ErrorKind::NotFound
    );
}

#[test]
fn the_catalog_list_pages_by_keyset() {
    let mut store = Store::open_in_memory().expect("demo store");
    let mut feed = Vec::new();
    generate_itscope_feed(120, 5, &mut feed).expect("feed");
    import(&mut store, &feed, "itscope", false).expect("import");
    let all = catalog::list_items(store.conn(), &CatalogQuery::default()).expect("all");
    let mut paged = Vec::new();
    let mut after: Option<ListCursor> = None;
    loop {
        let page = catalog::list_items(
            store.conn(),
            &CatalogQuery {
                limit: Some(17),
                after: after.clone(),
                ..CatalogQuery::default()
            },
        )
        .expect("page");
        assert!(page.len() <= 17);
        let Some(last) = page.last() else { break };
        after = Some(ListCursor::of(last));
        paged.extend(page);
    }
    assert_eq!(paged, all);
    assert!(all.len() > 120);
}

#[test]
fn a_big_catalog_is_searched_through_the_full_text_index_and_paged() {
    // Just over the size from which the list searches products by full text.
    let mut store = Store::open_in_memory().expect("store with the demo catalog");
    let mut feed = Vec::new();
    let rows = catalog::FULL_TEXT_FROM as u64 + 500;
    generate_itscope_feed(rows, 5, &mut feed).expect("feed");
    let report = import(&mut store, &feed, "itscope", false).expect("import");
    assert_eq!(report.rejected, 0);
    let list = |text: &str, limit: Option<u32>, after: Option<ListCursor>| {
        catalog::list_items(
            store.conn(),
            &CatalogQuery {
                text: text.into(),
                kind: None,
                limit,
                after,
            },
        )
        .expect("list")
    };

    // A generated product, found by its part number and by its EAN.
    let sample = list("", Some(1), None);
    let first_product = catalog::list_items(
        store.conn(),
        &CatalogQuery {
            kind: Some(catalog::ItemKind::Product),
            limit: Some(1),
            ..Default::default()
        },
    )
    .expect("first product")
    .remove(0);
    assert!(!sample.is_empty());
    let part = first_product.part_number.clone().expect("part number");
    let hits = list(&part, None, None);
    assert!(hits.iter().any(|h| h.id == first_product.id), "{part}");
    assert!(hits.iter().all(|h| h
        .part_number
        .as_deref()
        .is_some_and(|p| p.to_lowercase().contains(&part.to_lowercase()))));
    let ean = first_product.ean.clone().expect("ean");
    assert_eq!(list(&ean, None, None).len(), 1);

    // Services still match by code (they are scanned), products by their words.
    assert!(list("SVC-M365", None, None)
        .iter()
        .any(|h| h.code == "SVC-M365"));
    let thinkpads = list("thinkpad", None, None);
    assert!(thinkpads.iter().any(|h| h.code == "NB-LEN-T14G5"));
    // Products come best first: the word whole in the name (the generated
    // ThinkPads) before products that only mention it.
    assert!(thinkpads
        .iter()
        .take(20)
        .all(|h| h.name.to_lowercase().contains("thinkpad")));
    // Text with nothing searchable in it lists no product (and scans none).
    assert!(list("-", None, None)
        .iter()
        .all(|h| h.kind != catalog::ItemKind::Product));
    // A broad word lists at most LISTED_MATCHES products.
    let broad = list("lenovo", None, None);
    let products = broad
        .iter()
        .filter(|h| h.kind == catalog::ItemKind::Product)
        .count();
    assert_eq!(products, catalog::LISTED_MATCHES as usize);

    // Paging a broad search gives exactly the unpaged answer, in the same order.
    let everything = list("lenovo", None, None);
    assert!(everything.len() > 100, "{}", everything.len());
    let mut paged = Vec::new();
    let mut after = None;
    loop {
        let page = list("lenovo", Some(37), after.clone());
        if page.is_empty() {
            break;
        }
        after = page.last().map(ListCursor::of);
        paged.extend(page);
    }
    let ids =
        |items: &[catalog::CatalogItemSummary]| items.iter().map(|i| i.id).collect::<Vec<_>>();
    assert_eq!(ids(&paged), ids(&everything));
}

// ---------------------------------------------------------------------------
// Prices per sales unit and unpriced products (issue 11), each with a small
// BMEcat written here.

/// A BMEcat 1.2 catalogue of `transaction` (`T_NEW_CATALOG`, `T_UPDATE_PRICES`)
/// from supplier "Acme" holding `articles`.
fn bmecat(transaction: &str, articles: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <BMECAT version=\"1.2\"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE><CATALOG_ID>C1</CATALOG_ID>\
         <CATALOG_VERSION>1</CATALOG_VERSION><CURRENCY>EUR</CURRENCY></CATALOG>\
         <SUPPLIER><SUPPLIER_NAME>Acme</SUPPLIER_NAME></SUPPLIER></HEADER>\n\
         <{transaction}>\n{articles}</{transaction}></BMECAT>\n"
    )
    .into_bytes()
}

/// An article: key, EAN, order details and price elements.
fn bme_article(key: &str, ean: &str, order: &str, prices: &str) -> String {
    format!(
        "<ARTICLE><SUPPLIER_AID>{key}</SUPPLIER_AID><ARTICLE_DETAILS>\
         <DESCRIPTION_SHORT>Schraube {key}</DESCRIPTION_SHORT><EAN>{ean}</EAN>\
         <MANUFACTURER_NAME>Acme</MANUFACTURER_NAME><MANUFACTURER_AID>MPN-{key}</MANUFACTURER_AID>\
         </ARTICLE_DETAILS><ARTICLE_ORDER_DETAILS>{order}</ARTICLE_ORDER_DETAILS>\
         <ARTICLE_PRICE_DETAILS>{prices}</ARTICLE_PRICE_DETAILS></ARTICLE>\n"
    )
}

fn bme_price(kind: &str, amount: &str) -> String {
    format!("<ARTICLE_PRICE price_type=\"{kind}\"><PRICE_AMOUNT>{amount}</PRICE_AMOUNT></ARTICLE_PRICE>")
}

fn import_bmecat(
    store: &mut Store,
    bytes: &[u8],
    options: &ImportOptions,
) -> servicefolio::Result<ImportReport> {
    import_bytes(store, bytes, "catalog.xml", options)
}

fn product_id(store: &Store, source_key: &str) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT product_id FROM supplier_offer WHERE source_key = ?1",
            [source_key],
            |r| r.get(0),
        )
        .expect("offer")
}

fn product_prices(store: &Store, source_key: &str) -> (Option<String>, Option<String>) {
    store
        .conn()
        .query_row(
            "SELECT p.cost_price, p.list_price FROM product p
             JOIN supplier_offer o ON o.product_id = p.item_id WHERE o.source_key = ?1",
            [source_key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("product")
}

#[test]
fn a_price_for_100_pieces_is_stored_per_piece_and_a_price_update_keeps_the_quantity() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let file = bmecat(
        "T_NEW_CATALOG",
        &bme_article(
            "S-100",
            "4006381333931",
            "<ORDER_UNIT>C62</ORDER_UNIT><PRICE_QUANTITY>100</PRICE_QUANTITY>",
            &bme_price("net_customer", "10.50"),
        ),
    );
    let report = import_bmecat(&mut store, &file, &ImportOptions::default()).expect("import");
    assert_eq!((report.new, report.rejected, report.unpriced), (1, 0, 0));
    assert_eq!(
        product_prices(&store, "S-100"),
        (Some("0.105".into()), Some("0.105".into()))
    );
    // The report shows the conversion, and which price type was taken.
    assert_eq!(report.price_conversions.len(), 1, "{report:?}");
    let conversion = &report.price_conversions[0];
    assert_eq!(
        (
            conversion.kind,
            conversion.articles,
            conversion.source_key.as_str()
        ),
        (
            servicefolio::feed::ConversionKind::PriceQuantity,
            1,
            "S-100"
        )
    );
    assert_eq!(
        (
            conversion.example.amount,
            conversion.example.price_quantity,
            conversion.example.unit_price
        ),
        (d("10.50"), d("100"), d("0.105"))
    );
    assert_eq!(
        report.price_types,
        [servicefolio::feed::PriceTypeCount {
            price_type: "net_customer".into(),
            articles: 1,
            as_cost: 1,
            as_list: 1
        }]
    );
    // Saved with the run.
    assert_eq!(
        master::import_report(store.conn(), report.id).expect("reopen"),
        report
    );

    // A price update restates the price, not the price quantity: still per 100.
    let update = bmecat(
        "T_UPDATE_PRICES",
        "<ARTICLE mode=\"update\"><SUPPLIER_AID>S-100</SUPPLIER_AID><ARTICLE_PRICE_DETAILS>\
         <ARTICLE_PRICE price_type=\"net_customer\"><PRICE_AMOUNT>12.00</PRICE_AMOUNT></ARTICLE_PRICE>\
         </ARTICLE_PRICE_DETAILS></ARTICLE>\n",
    );
    let report = import_bmecat(&mut store, &update, &ImportOptions::default()).expect("update");
    assert_eq!((report.updated, report.rejected), (1, 0), "{report:?}");
    assert_eq!(
        product_prices(&store, "S-100"),
        (Some("0.12".into()), Some("0.12".into()))
    );
    assert_eq!(
        report.price_conversions[0].kind,
        servicefolio::feed::ConversionKind::PriceQuantity
    );
}

#[test]
fn price_types_are_counted_and_unknown_ones_are_chosen_by_the_options() {
    let prices = [
        bme_price("udp_dummy", "1.00"),
        bme_price("EK_ohne_MWST", "80.00"),
        bme_price("UVP", "119.00"),
    ]
    .concat();
    let file = bmecat(
        "T_NEW_CATALOG",
        &[
            bme_article("K-1", "", "", &prices),
            bme_article("K-2", "", "", &prices),
            bme_article("K-3", "", "", &bme_price("UVP", "50.00")),
        ]
        .concat(),
    );
    let mut store = Store::open_in_memory_empty().expect("store");
    let report = import_bmecat(&mut store, &file, &ImportOptions::default()).expect("import");
    assert_eq!((report.new, report.rejected), (0, 3));
    assert!(report.problems[0].reason.contains("\"EK_ohne_MWST\""));
    assert!(report.problems[0].reason.contains("--price-type"));
    let counts: Vec<(&str, u32, u32, u32)> = report
        .price_types
        .iter()
        .map(|t| (t.price_type.as_str(), t.articles, t.as_cost, t.as_list))
        .collect();
    assert_eq!(
        counts,
        [
            ("UVP", 3, 0, 0),
            ("EK_ohne_MWST", 2, 0, 0),
            ("udp_dummy", 2, 0, 0)
        ]
    );

    let chosen = ImportOptions {
        bmecat: Some(servicefolio::feed::BmecatOptions {
            cost_price_types: vec!["EK_ohne_MWST".into()],
            list_price_types: vec!["UVP".into()],
            ..Default::default()
        }),
        ..ImportOptions::default()
    };
    let report = import_bmecat(&mut store, &file, &chosen).expect("import");
    assert_eq!((report.new, report.rejected), (3, 0), "{report:?}");
    let counts: Vec<(&str, u32, u32, u32)> = report
        .price_types
        .iter()
        .map(|t| (t.price_type.as_str(), t.articles, t.as_cost, t.as_list))
        .collect();
    assert_eq!(
        counts,
        [
            ("UVP", 3, 0, 3),
            ("EK_ohne_MWST", 2, 2, 0),
            ("udp_dummy", 2, 0, 0)
        ]
    );
    assert_eq!(
        product_prices(&store, "K-1"),
        (Some("80.00".into()), Some("119.00".into()))
    );
    // Only a list price: no cost.
    assert_eq!(product_prices(&store, "K-3"), (None, Some("50.00".into())));
}

#[test]
fn an_unpriced_product_is_found_but_never_booked_or_offered_until_an_import_prices_it() {
    use servicefolio::booking::{self, BookingRequest};
    let mut store = Store::open_in_memory().expect("store");
    let acme = customers::acme_gmbh()
        .employee("Anna")
        .create_in(&mut store);
    let (customer, employee) = (acme.id, acme.employees[0]);
    let master_data = bmecat(
        "T_NEW_CATALOG",
        &bme_article("U-1", "4006381333931", "<ORDER_UNIT>C62</ORDER_UNIT>", ""),
    );
    let report =
        import_bmecat(&mut store, &master_data, &ImportOptions::default()).expect("import");
    assert_eq!(
        (report.new, report.rejected, report.unpriced),
        (1, 0, 1),
        "{report:?}"
    );
    assert_eq!(product_prices(&store, "U-1"), (None, None));

    // Found by search, listed and shown without a price.
    let hit = &search(&store, "schraube")[0];
    assert_eq!(
        (hit.code.as_str(), hit.list_price),
        ("EAN-4006381333931", None)
    );
    let listed = catalog::list_items(
        store.conn(),
        &CatalogQuery {
            text: "Schraube".into(),
            ..CatalogQuery::default()
        },
    )
    .expect("list");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].price, None);
    let id = product_id(&store, "U-1");
    let catalog::ItemBody::Product(detail) =
        catalog::item_detail(store.conn(), id).expect("detail").body
    else {
        panic!("a product");
    };
    assert_eq!((detail.list_price, detail.margin), (None, None));

    // Bookable for employees (so that only the price is missing).
    store
        .conn()
        .execute(
            "INSERT INTO item_context (item_id, context) VALUES (?1, 'employee')",
            [id],
        )
        .expect("context");
    let request = BookingRequest {
        quantity: 2,
        ..purchase(
            customer,
            "EAN-4006381333931",
            for_employee(employee),
            chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("date"),
        )
    };
    let refused = booking::plan(store.conn(), &request).expect_err("no price");
    assert_eq!(refused.kind(), ErrorKind::InvalidRequest);
    assert!(
        refused
            .to_string()
            .contains("Schraube U-1 has no price yet"),
        "{refused}"
    );
    let draft = servicefolio::offer::OfferDraft {
        customer_id: customer,
        requests: vec![request.clone()],
        changes: Vec::new(),
        offer_date: None,
        valid_until: None,
        notes: String::new(),
    };
    let before = snapshot(&store);
    let refused = store
        .write(|tx| servicefolio::offer::create_offer(tx, &draft))
        .expect_err("no offer");
    assert!(
        refused.to_string().contains("has no price yet"),
        "{refused}"
    );
    assert_eq!(snapshot(&store), before, "nothing was written");

    // A later import brings the price: the product is priced and sells.
    let priced = bmecat(
        "T_NEW_CATALOG",
        &bme_article(
            "U-1",
            "4006381333931",
            "<ORDER_UNIT>C62</ORDER_UNIT>",
            &bme_price("net_list", "4.20"),
        ),
    );
    let report = import_bmecat(&mut store, &priced, &ImportOptions::default()).expect("import");
    assert_eq!((report.updated, report.unpriced), (1, 0), "{report:?}");
    assert_eq!(search(&store, "schraube")[0].list_price, Some(d("4.20")));
    let plan = booking::plan(store.conn(), &request).expect("priced now");
    assert_eq!(plan.lines[0].terms.one_time_per_unit, d("4.20"));
}

#[test]
fn a_conversion_example_quotes_a_huge_price_type_briefly() {
    // The report keeps one example per kind of conversion for the whole file
    // (and saves it with the run): the texts it quotes from the file are cut
    // like any quoted value (limits::MAX_QUOTED_CHARS).
    let mut store = Store::open_in_memory_empty().expect("store");
    let long = format!("EK-{}", "x".repeat(100_000));
    let order = "<ORDER_UNIT>C62</ORDER_UNIT><PRICE_QUANTITY>100</PRICE_QUANTITY>";
    let file = bmecat(
        "T_NEW_CATALOG",
        &bme_article("Q-1", "4006381333931", order, &bme_price(&long, "10.50")),
    );
    let options = ImportOptions {
        bmecat: Some(servicefolio::feed::BmecatOptions {
            cost_price_types: vec![long.clone()],
            ..Default::default()
        }),
        ..ImportOptions::default()
    };
    let report = import_bmecat(&mut store, &file, &options).expect("import");
    assert_eq!((report.new, report.rejected), (1, 0), "{report:?}");
    assert_eq!(product_prices(&store, "Q-1").0, Some("0.105".into()));
    let example = &report.price_conversions[0].example;
    assert!(
        example.price_type.starts_with("EK-xx"),
        "{}",
        example.price_type
    );
    assert!(
        example.price_type.chars().count() <= servicefolio::limits::MAX_QUOTED_CHARS,
        "{} characters",
        example.price_type.chars().count()
    );
    assert!(report.price_types[0].price_type.chars().count() <= 80);
    let reopened = master::import_report(store.conn(), report.id).expect("reopen");
    assert_eq!(reopened.price_conversions, report.price_conversions);
}

#[test]
fn a_pack_and_a_piece_with_the_same_gtin_stay_two_products() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let piece = bmecat(
        "T_NEW_CATALOG",
        &bme_article(
            "P-1",
            "4006381333931",
            "<ORDER_UNIT>C62</ORDER_UNIT>",
            &bme_price("net_list", "0.30"),
        ),
    );
    import_bmecat(&mut store, &piece, &ImportOptions::default()).expect("pieces");
    let pack = bmecat(
        "T_NEW_CATALOG",
        &bme_article(
            "P-1",
            "4006381333931",
            "<ORDER_UNIT>PK</ORDER_UNIT><CONTENT_UNIT>C62</CONTENT_UNIT><NO_CU_PER_OU>10</NO_CU_PER_OU>",
            &bme_price("net_list", "2.50"),
        ),
    );
    let options = ImportOptions {
        source: Some("packs".into()),
        ..ImportOptions::default()
    };
    let report = import_bmecat(&mut store, &pack, &options).expect("packs");
    assert_eq!((report.new, report.new_products), (1, 1), "{report:?}");
    assert_eq!(products(&store), 2);
    let pack_id: i64 = store
        .conn()
        .query_row(
            "SELECT product_id FROM supplier_offer WHERE source = 'packs'",
            [],
            |r| r.get(0),
        )
        .expect("pack");
    let catalog::ItemBody::Product(detail) = catalog::item_detail(store.conn(), pack_id)
        .expect("detail")
        .body
    else {
        panic!("a product");
    };
    let unit = detail.sales_unit.expect("sold per pack");
    assert_eq!(
        (
            unit.unit.as_str(),
            unit.content,
            unit.content_unit.as_deref()
        ),
        ("PK", Some(d("10")), Some("C62"))
    );
    assert_eq!(detail.list_price, Some(d("2.50")));
}

#[test]
fn an_offer_priced_in_another_unit_than_its_product_is_not_changed() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let piece = |price: &str| {
        bmecat(
            "T_NEW_CATALOG",
            &bme_article(
                "P-1",
                "4006381333931",
                "<ORDER_UNIT>C62</ORDER_UNIT>",
                &bme_price("net_list", price),
            ),
        )
    };
    import_bmecat(&mut store, &piece("0.30"), &ImportOptions::default()).expect("acme");
    // Another source (a CSV: per piece) joins by the GTIN.
    let row = |cost: &str| {
        itscope_csv(&[row(
            "9",
            "4006381333931",
            "MPN-P-1",
            "Acme",
            "Schraube",
            "",
            "Schrauben",
            cost,
            "1",
        )])
    };
    let report = import(&mut store, &row("0,28"), "itscope", false).expect("itscope");
    assert_eq!((report.new, report.new_products), (1, 0));
    // The product's own source now sells it per pack of 10.
    let pack = bmecat(
        "T_NEW_CATALOG",
        &bme_article(
            "P-1",
            "4006381333931",
            "<ORDER_UNIT>PK</ORDER_UNIT><CONTENT_UNIT>C62</CONTENT_UNIT><NO_CU_PER_OU>10</NO_CU_PER_OU>",
            &bme_price("net_list", "2.80"),
        ),
    );
    import_bmecat(&mut store, &pack, &ImportOptions::default()).expect("acme packs");
    // The piece price of the other source is not compared with the pack price.
    let report = import(&mut store, &row("0,27"), "itscope", false).expect("itscope again");
    assert_eq!((report.updated, report.rejected), (0, 1), "{report:?}");
    let problem = &report.problems[0];
    assert_eq!(problem.field, "sales_unit");
    assert!(problem.reason.contains("priced per a piece"), "{problem}");
    assert!(problem.reason.contains("sold per PK of 10"), "{problem}");
    let cost: Option<String> = store
        .conn()
        .query_row(
            "SELECT cost_price FROM supplier_offer WHERE source = 'itscope'",
            [],
            |r| r.get(0),
        )
        .expect("offer");
    assert_eq!(cost.as_deref(), Some("0.28"), "the offer is as it was");
    // ... and the product takes its price from the offer per pack, not the
    // cheaper-looking one per piece.
    assert_eq!(
        product_prices(&store, "P-1"),
        (Some("2.80".into()), Some("2.80".into()))
    );
}

/// A BMEcat 1.2 `T_NEW_CATALOG` of supplier "Acme" with this catalog id and
/// header currency.
fn bmecat_of(catalog_id: &str, currency: &str, articles: &str) -> Vec<u8> {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <BMECAT version=\"1.2\"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE>\
         <CATALOG_ID>{catalog_id}</CATALOG_ID><CATALOG_VERSION>1</CATALOG_VERSION>\
         <CURRENCY>{currency}</CURRENCY></CATALOG>\
         <SUPPLIER><SUPPLIER_NAME>Acme</SUPPLIER_NAME></SUPPLIER></HEADER>\n\
         <T_NEW_CATALOG>\n{articles}</T_NEW_CATALOG></BMECAT>\n"
    )
    .into_bytes()
}

/// An offer's prices, currency and order details, as stored.
fn offer_prices(store: &Store, source_key: &str) -> [Option<String>; 6] {
    store
        .conn()
        .query_row(
            "SELECT cost_price, list_price, currency, order_unit, content_per_order_unit,
                    price_quantity
             FROM supplier_offer WHERE source_key = ?1",
            [source_key],
            |r| {
                Ok([
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ])
            },
        )
        .expect("offer")
}

#[test]
fn an_article_stating_no_price_keeps_the_prices_an_earlier_import_brought() {
    // Acme's price list: a pack of 10, priced per 100 packs, in Swiss francs.
    let mut store = Store::open_in_memory_empty().expect("store");
    let order = "<ORDER_UNIT>PK</ORDER_UNIT><CONTENT_UNIT>C62</CONTENT_UNIT>\
                 <NO_CU_PER_OU>10</NO_CU_PER_OU><PRICE_QUANTITY>100</PRICE_QUANTITY>";
    let prices = [
        bme_price("net_customer", "250.00"),
        bme_price("net_list", "350.00"),
    ]
    .concat();
    let price_list = bmecat_of(
        "PRICES",
        "CHF",
        &bme_article("K-1", "4006381333931", order, &prices),
    );
    let report = import_bmecat(&mut store, &price_list, &ImportOptions::default()).expect("prices");
    assert_eq!((report.new, report.prices_kept), (1, 0));
    let priced = offer_prices(&store, "K-1");
    assert_eq!(
        priced,
        [
            Some("2.5".into()),
            Some("3.5".into()),
            Some("CHF".into()),
            Some("PK".into()),
            Some("10".into()),
            Some("100".into())
        ]
    );

    // The same supplier's master-data catalogue (the manufacturer's, in EUR):
    // a new name, no order details and no price at all. Its master data are
    // taken; the prices, their currency and the order details they were
    // converted with stay (they were emptied, and the product unpriced).
    let master_data = bmecat_of(
        "MASTER",
        "EUR",
        &bme_article("K-1", "4006381333931", "", "")
            .replace("Schraube K-1", "Kabelbinder 200 mm, 10er"),
    );
    let report =
        import_bmecat(&mut store, &master_data, &ImportOptions::default()).expect("master data");
    assert_eq!(
        (
            report.updated,
            report.rejected,
            report.unpriced,
            report.prices_kept
        ),
        (1, 0, 0, 1),
        "{report:?}"
    );
    assert_eq!(offer_prices(&store, "K-1"), priced);
    let id = product_id(&store, "K-1");
    let catalog::ItemBody::Product(detail) =
        catalog::item_detail(store.conn(), id).expect("detail").body
    else {
        panic!("a product");
    };
    assert_eq!(
        (
            detail.cost_price,
            detail.list_price,
            detail.currency.as_str()
        ),
        (Some(d("2.5")), Some(d("3.5")), "CHF")
    );
    assert_eq!(detail.sales_unit.expect("still per pack").unit, "PK");
    let name: String = store
        .conn()
        .query_row("SELECT name FROM catalog_item WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .expect("name");
    assert_eq!(
        name, "Kabelbinder 200 mm, 10er",
        "the master data are taken"
    );
    // Saved with the run.
    assert_eq!(
        master::import_report(store.conn(), report.id)
            .expect("reopen")
            .prices_kept,
        1
    );
    // Again: unchanged, the prices still kept.
    let report = import_bmecat(&mut store, &master_data, &ImportOptions::default()).expect("again");
    assert_eq!((report.unchanged, report.prices_kept), (1, 1), "{report:?}");
    assert_eq!(offer_prices(&store, "K-1"), priced);

    // A price update without a price that states other order details keeps
    // the prices and the order details they were converted with.
    let no_price = bmecat(
        "T_UPDATE_PRICES",
        "<ARTICLE mode=\"update\"><SUPPLIER_AID>K-1</SUPPLIER_AID>\
         <ARTICLE_ORDER_DETAILS><ORDER_UNIT>C62</ORDER_UNIT></ARTICLE_ORDER_DETAILS>\
         <ARTICLE_PRICE_DETAILS></ARTICLE_PRICE_DETAILS></ARTICLE>\n",
    );
    let report = import_bmecat(&mut store, &no_price, &ImportOptions::default()).expect("update");
    assert_eq!((report.unchanged, report.rejected), (1, 0), "{report:?}");
    assert_eq!(offer_prices(&store, "K-1"), priced);

    // A price update is still converted with the kept order details: per 100.
    let update = bmecat(
        "T_UPDATE_PRICES",
        "<ARTICLE mode=\"update\"><SUPPLIER_AID>K-1</SUPPLIER_AID><ARTICLE_PRICE_DETAILS>\
         <ARTICLE_PRICE price_type=\"net_customer\"><PRICE_AMOUNT>300.00</PRICE_AMOUNT></ARTICLE_PRICE>\
         </ARTICLE_PRICE_DETAILS></ARTICLE>\n",
    );
    let report = import_bmecat(&mut store, &update, &ImportOptions::default()).expect("update");
    assert_eq!((report.updated, report.rejected), (1, 0), "{report:?}");
    assert_eq!(offer_prices(&store, "K-1")[0].as_deref(), Some("3"));

    // And a priced article brings its prices as always.
    let report = import_bmecat(&mut store, &price_list, &ImportOptions::default()).expect("prices");
    assert_eq!((report.updated, report.prices_kept), (1, 0), "{report:?}");
    assert_eq!(offer_prices(&store, "K-1"), priced);
}

#[test]
fn a_csv_row_with_empty_price_columns_keeps_the_offers_prices() {
    let mut store = Store::open_in_memory_empty().expect("store");
    let feed = |cost: &str, name: &str| {
        itscope_csv(&[row(
            "7",
            "4006381333931",
            "X-7",
            "Acme",
            name,
            "",
            "Kabel",
            cost,
            "1",
        )])
    };
    import(&mut store, &feed("12,50", "Kabel 1 m"), "itscope", false).expect("priced");
    assert_eq!(
        product_prices(&store, "7"),
        (Some("12.50".into()), Some("12.50".into()))
    );
    let report =
        import(&mut store, &feed("", "Kabel 1 m, blau"), "itscope", false).expect("no price");
    assert_eq!(
        (report.updated, report.unpriced, report.prices_kept),
        (1, 0, 1),
        "{report:?}"
    );
    assert_eq!(
        product_prices(&store, "7"),
        (Some("12.50".into()), Some("12.50".into()))
    );
    assert_eq!(search(&store, "blau")[0].list_price, Some(d("12.50")));
}

#[test]
fn a_list_price_given_in_the_designer_to_an_unpriced_product_stays_when_an_import_brings_none() {
    use servicefolio::catalog::ItemRecord;
    use servicefolio::catalog::{item_record, save_item, EditHistory, ItemDraft};

    let mut store = Store::open_in_memory_empty().expect("store");
    let file = |name: &str| {
        bmecat(
            "T_NEW_CATALOG",
            &bme_article("U-1", "4006381333931", "", "").replace("Schraube U-1", name),
        )
    };
    let report =
        import_bmecat(&mut store, &file("Schraube M4"), &ImportOptions::default()).expect("import");
    assert_eq!(report.unpriced, 1);
    let code = search(&store, "schraube")[0].code.clone();
    // The designer gives it a list price.
    let ItemRecord::Product(mut product) = item_record(store.conn(), &code).expect("record") else {
        panic!("a product");
    };
    product.list_price = Some(d("0.40"));
    save_item(
        &mut store,
        &mut EditHistory::default(),
        &ItemDraft {
            original_code: Some(code.clone()),
            record: ItemRecord::Product(product),
        },
    )
    .expect("saved in the designer");
    // A later import of the same master data (changed, so the product is
    // looked at again), still without a price, leaves it.
    let report = import_bmecat(
        &mut store,
        &file("Schraube M4 verzinkt"),
        &ImportOptions::default(),
    )
    .expect("again");
    // Its product has a price, so the report does not count it unpriced.
    assert_eq!((report.updated, report.unpriced), (1, 0), "{report:?}");
    let ItemRecord::Product(product) = item_record(store.conn(), &code).expect("record") else {
        panic!("a product");
    };
    assert_eq!(product.name, "Schraube M4 verzinkt");
    assert_eq!(
        product.list_price,
        Some(d("0.40")),
        "the designer's price stays"
    );
    assert_eq!(product.currency, "EUR");
}

fn rule(store: &mut Store, scope: RuleScope, markup: &str) {
    store
        .write(|tx| {
            save_price_rule(
                tx,
                &PriceRuleDraft {
                    scope,
                    markup_percent: d(markup),
                    ending: PriceEnding::Ninety,
                },
            )
        })
        .expect("rule");
}

#[test]
fn a_price_rule_that_prices_one_article_beyond_the_bound_rejects_only_that_article() {
    // 1000 % on servers: a cost of 100 billion would list at 1.1 trillion.
    let mut store = Store::open_in_memory_empty().expect("store");
    rule(&mut store, RuleScope::Category("Server".into()), "1000");
    let server = |key: &str, ean: &str, cost: &str| {
        row(
            key,
            ean,
            &format!("S-{key}"),
            "Acme",
            &format!("Server {key}"),
            "",
            "Server",
            cost,
            "1",
        )
    };
    let cable = row(
        "C",
        "",
        "K-1",
        "Acme",
        "Kabel",
        "",
        "Kabel",
        "200000000000",
        "1",
    );
    let rows = [
        server("A", "4006381333931", "100"),
        server("B", "", "100000000000"),
        cable.clone(),
    ];
    let report =
        import(&mut store, &itscope_csv(&rows), "itscope", false).expect("the rest imports");
    assert_eq!((report.new, report.rejected), (2, 1), "{report:?}");
    let problem = &report.problems[0];
    assert_eq!(
        (
            problem.field.as_str(),
            problem.source_key.as_deref(),
            problem.location.line
        ),
        ("list_price", Some("B"), 3)
    );
    for part in [
        "the list price from the cost 100000000000 with the markup 1000 % of the price rule for \
         category \"Server\" (1100000000000.90)",
        "would be beyond 1,000,000,000,000, the largest amount Servicefolio accepts",
        "the article is not imported",
    ] {
        assert!(problem.reason.contains(part), "{part}: {}", problem.reason);
    }
    assert_eq!(search(&store, "server")[0].list_price, Some(d("1100.90")));
    // No rule covers cables: their cost is their price, up to the bound.
    assert_eq!(
        search(&store, "kabel")[0].list_price,
        Some(d("200000000000"))
    );
    assert!(
        search(&store, "server b").is_empty(),
        "nothing of B was written"
    );

    // An update that would put A beyond it is rejected; A stays as it was.
    let rows = [server("A", "4006381333931", "100000000000"), cable.clone()];
    let report = import(&mut store, &itscope_csv(&rows), "itscope", false).expect("update");
    assert_eq!(
        (report.updated, report.unchanged, report.rejected),
        (0, 1, 1),
        "{report:?}"
    );
    assert_eq!(report.problems[0].source_key.as_deref(), Some("A"));
    assert_eq!(search(&store, "server")[0].list_price, Some(d("1100.90")));
    assert_eq!(
        product_prices(&store, "A"),
        (Some("100".into()), Some("1100.90".into()))
    );

    // Another source's offer of A (same GTIN) under A's rule: rejected too.
    let other = itscope_csv(&[row(
        "9",
        "4006381333931",
        "S-A",
        "Acme",
        "Server A",
        "",
        "",
        "100000000000",
        "1",
    )]);
    let report = import(&mut store, &other, "distri", false).expect("other source");
    assert_eq!((report.new, report.rejected), (0, 1), "{report:?}");

    // The cable's own source moves it under the server rule: its cost cannot
    // be priced by it (rejected); at 300 it can, but not the cost of another
    // source's offer of the cable (the product may take its price from any
    // offer): rejected too, naming that offer; once that offer is cheaper, the
    // cable moves.
    let recategorised = |cost: &str| {
        itscope_csv(&[row(
            "C", "", "K-1", "Acme", "Kabel", "", "Server", cost, "1",
        )])
    };
    let report = import(&mut store, &recategorised("200000000000"), "itscope", false)
        .expect("recategorised");
    assert_eq!((report.updated, report.rejected), (0, 1), "{report:?}");
    let distri =
        |cost: &str| itscope_csv(&[row("8", "", "K-1", "Acme", "Kabel", "", "", cost, "1")]);
    let report = import(&mut store, &distri("150000000000"), "distri", false).expect("distri");
    assert_eq!((report.new, report.new_products), (1, 0), "{report:?}");
    let report =
        import(&mut store, &recategorised("300"), "itscope", false).expect("recategorised, cheap");
    assert_eq!((report.updated, report.rejected), (0, 1), "{report:?}");
    assert!(
        report.problems[0].reason.starts_with(
            "for the offer distri \"8\" of its product, the list price from the cost 150000000000"
        ),
        "{}",
        report.problems[0].reason
    );
    import(&mut store, &distri("280"), "distri", false).expect("distri cheaper");
    let report =
        import(&mut store, &recategorised("300"), "itscope", false).expect("recategorised, cheap");
    assert_eq!((report.updated, report.rejected), (1, 0), "{report:?}");
    assert_eq!(search(&store, "kabel")[0].list_price, Some(d("3080.90")));
}

#[test]
fn a_price_update_that_a_rule_prices_beyond_the_bound_is_rejected_and_the_pin_action_names_the_product(
) {
    let mut store = Store::open_in_memory_empty().expect("store");
    rule(&mut store, RuleScope::Manufacturer("Acme".into()), "1000");
    let file = bmecat(
        "T_NEW_CATALOG",
        &[
            bme_article("P-1", "", "", &bme_price("net_customer", "10")),
            bme_article("P-2", "", "", &bme_price("net_customer", "20")),
        ]
        .concat(),
    );
    import_bmecat(&mut store, &file, &ImportOptions::default()).expect("import");
    let update = |key: &str, amount: &str| {
        format!(
            "<ARTICLE mode=\"update\"><SUPPLIER_AID>{key}</SUPPLIER_AID><ARTICLE_PRICE_DETAILS>\
             <ARTICLE_PRICE price_type=\"net_customer\"><PRICE_AMOUNT>{amount}</PRICE_AMOUNT>\
             </ARTICLE_PRICE></ARTICLE_PRICE_DETAILS></ARTICLE>\n"
        )
    };
    let prices = bmecat(
        "T_UPDATE_PRICES",
        &[update("P-1", "500000000000"), update("P-2", "30")].concat(),
    );
    let report = import_bmecat(&mut store, &prices, &ImportOptions::default()).expect("prices");
    assert_eq!((report.updated, report.rejected), (1, 1), "{report:?}");
    assert!(
        report.problems[0]
            .reason
            .contains("of the price rule for manufacturer \"Acme\" (5500000000000.90)"),
        "{}",
        report.problems[0].reason
    );
    assert_eq!(
        product_prices(&store, "P-1"),
        (Some("10".into()), Some("110.90".into()))
    );
    assert_eq!(
        product_prices(&store, "P-2"),
        (Some("30".into()), Some("330.90".into()))
    );

    // Outside an import (the designer pins an offer) an error is right, and
    // it says which product: here a cost an older version left.
    store
        .conn()
        .execute(
            "UPDATE supplier_offer SET cost_price = '500000000000' WHERE source_key = 'P-1'",
            [],
        )
        .expect("damage");
    let product = product_id(&store, "P-1");
    let error = store
        .write(|tx| master::pin_preferred_offer(tx, product, None))
        .expect_err("beyond the bound");
    assert_eq!(error.kind(), ErrorKind::AmountOutOfBounds);
    let code: String = store
        .conn()
        .query_row(
            "SELECT code FROM catalog_item WHERE id = ?1",
            [product],
            |r| r.get(0),
        )
        .expect("code");
    assert!(
        error
            .to_string()
            .starts_with(&format!("product {code}: the list price")),
        "{error}"
    );
}
