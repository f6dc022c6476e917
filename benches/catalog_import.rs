//! Importing 1,000,000 ITScope-style rows (with the search index) against the
//! floor of `sqlite3`'s own `.import` of the same CSV into a bare table, in the
//! same run, and against SQLite alone writing the same rows into our schema
//! (set-based `INSERT ... SELECT` from a staged copy: no parsing, matching or
//! validation; what the tables, indexes and search index cost by themselves); then search latency (median and 99th percentile) on that catalog,
//! of the product search and of the catalog list's search (first and second
//! page of 200, as the catalog browser asks for them).
//!
//! Run: `cargo bench --bench catalog_import` (an optimised build; not part of
//! `make test`). `BENCH_ROWS=100000` for a shorter run. Needs `sqlite3` on PATH.

// Timings are printed in milliseconds; no money is involved.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/support/mod.rs"]
mod support;

use servicefolio::catalog::{list_items, search_products, CatalogQuery, ListCursor, ProductSearch};
use servicefolio::master::{import_feed, ImportOptions};
use servicefolio::Store;
use std::process::Command;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use support::feeds::{bench_rows, generated_itscope_feed, GeneratedFeed};

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let rows = bench_rows();
    let GeneratedFeed { path: feed, dir } = generated_itscope_feed(rows);
    let size = std::fs::metadata(&feed).map(|m| m.len()).unwrap_or(0);
    println!("feed: {rows} rows, {} MB", size / 1_000_000);

    // The floor: sqlite3's .import into a bare table (no indexes, one transaction).
    let bare = dir.path().join("bare.db");
    let start = Instant::now();
    let status = Command::new("sqlite3")
        .arg(&bare)
        .arg(".mode csv")
        .arg(".separator ;")
        .arg(format!(".import {} feed", feed.display()))
        .status()
        .expect("sqlite3 on PATH");
    let floor = start.elapsed();
    assert!(status.success(), "sqlite3 .import failed");
    println!("sqlite3 .import into a bare table: {:.0} ms", ms(floor));

    let schema = schema_floor(&dir.path().join("floor.db"), &feed);
    println!(
        "SQLite alone, the same rows into our schema (tables, indexes, FTS5): {:.0} ms ({:.2}x the bare import)",
        ms(schema),
        schema.as_secs_f64() / floor.as_secs_f64()
    );

    let db = dir.path().join("catalog.db");
    let mut store = Store::open_without_demo(&db).expect("store");
    let start = Instant::now();
    let report = import_feed(
        &mut store,
        &feed,
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("import");
    let ours = start.elapsed();
    println!(
        "servicefolio import (matching, offers, FTS5 index): {:.0} ms ({} new, {} new products, {} rejected)",
        ms(ours),
        report.new,
        report.new_products,
        report.rejected
    );
    println!(
        "ratio: {:.2}x the bare import, {:.2}x SQLite alone into our schema",
        ours.as_secs_f64() / floor.as_secs_f64(),
        ours.as_secs_f64() / schema.as_secs_f64()
    );

    let start = Instant::now();
    let again = import_feed(
        &mut store,
        &feed,
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("re-import");
    println!(
        "re-import of the same file: {:.0} ms ({} unchanged)",
        ms(start.elapsed()),
        again.unchanged
    );

    const RUNS: usize = 200;
    let queries = [
        "lenovo thinkpad",
        "4008190",
        "dock usb-c",
        "lenovo notebook",
        "kingston 32",
        "dell latit",
    ];
    for query in queries {
        let search = ProductSearch {
            text: query.into(),
            limit: Some(20),
            ..ProductSearch::default()
        };
        let hits = search_products(store.conn(), &search)
            .expect("search")
            .len();
        let (median, p99) = latency(RUNS, || {
            search_products(store.conn(), &search).expect("search");
        });
        println!("search {query:?}: {hits} hits, median {median:.2} ms, p99 {p99:.2} ms");
    }
    for query in queries {
        let first = CatalogQuery {
            text: query.into(),
            kind: None,
            limit: Some(200),
            after: None,
        };
        let page = list_items(store.conn(), &first).expect("list");
        let second = CatalogQuery {
            after: page.last().map(ListCursor::of),
            ..first.clone()
        };
        let (median, p99) = latency(RUNS / 4, || {
            list_items(store.conn(), &first).expect("list");
        });
        let (median2, p992) = latency(RUNS / 4, || {
            list_items(store.conn(), &second).expect("list");
        });
        println!(
            "catalog list {query:?}: page 1 ({} items) median {median:.2} ms, p99 {p99:.2} ms; \
             page 2 median {median2:.2} ms, p99 {p992:.2} ms",
            page.len()
        );
    }
}

/// Median and 99th percentile of `runs` runs, in milliseconds.
fn latency(runs: usize, mut run: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    (ms(times[runs / 2]), ms(times[runs * 99 / 100]))
}

/// SQLite writing the feed's rows into an empty catalog of our schema by
/// itself: the rows are staged as text first (not timed), then one transaction
/// inserts items, products and offers set-based and builds the search and list
/// indexes the way bulk mode does. Every article becomes a product (no
/// matching), so this is a floor for our import, not the same work.
fn schema_floor(db: &std::path::Path, feed: &std::path::Path) -> Duration {
    drop(Store::open_without_demo(db).expect("store"));
    let mut conn = rusqlite::Connection::open(db).expect("open");
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA cache_size = -131072;")
        .expect("pragmas");
    let tx = conn.transaction().expect("stage");
    tx.execute_batch(
        "CREATE TABLE stage (puid, ean, sku, maker, name, short, long, type_id, type, price, calc,
                             cur, tax, stock_status, stock, supplier_sku)",
    )
    .expect("stage table");
    {
        let mut rows = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_path(feed)
            .expect("feed");
        let mut insert = tx
            .prepare("INSERT INTO stage VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)")
            .expect("prepare");
        for row in rows.records() {
            let row = row.expect("row");
            insert
                .execute(rusqlite::params_from_iter(row.iter()))
                .expect("stage row");
        }
    }
    tx.commit().expect("staged");
    let start = Instant::now();
    conn.execute_batch(
        "BEGIN;
         DROP INDEX catalog_item_by_kind; DROP INDEX catalog_item_list_order;
         DROP TRIGGER product_search_insert; DROP TRIGGER product_search_delete;
         DROP TRIGGER product_search_update; DROP TRIGGER product_search_item_update;
         INSERT INTO product_search (product_search, rank) VALUES ('hashsize', 16777216);
         INSERT INTO catalog_item (id, kind, code, name, category, description)
             SELECT rowid, 'product', 'EAN-' || ean || '-' || rowid, name, type, long
             FROM stage ORDER BY rowid;
         INSERT INTO product (item_id, manufacturer, manufacturer_part_number, ean, cost_price,
                              list_price, currency, tax_rate, stock_status, source, source_key)
             SELECT rowid, maker, sku, ean, price, calc, cur, tax, 'in_stock', 'itscope', puid
             FROM stage ORDER BY rowid;
         INSERT INTO supplier_offer (product_id, source, source_key, supplier_sku, cost_price,
                                     list_price, currency, stock_status, stock_quantity, preferred,
                                     import_run_id, row_hash, catalog)
             SELECT rowid, 'itscope', puid, supplier_sku, price, calc, cur, 'in_stock', stock, 1, 1, 0, 'csv'
             FROM stage ORDER BY rowid;
         INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
             SELECT ci.id, ci.name, p.manufacturer, p.manufacturer_part_number, COALESCE(p.ean, ''),
                    ci.description
             FROM product p JOIN catalog_item ci ON ci.id = p.item_id ORDER BY p.item_id;
         CREATE INDEX catalog_item_by_kind ON catalog_item (kind, name);
         CREATE INDEX catalog_item_list_order ON catalog_item (
             (CASE kind WHEN 'service' THEN 0 WHEN 'basic_service' THEN 1 WHEN 'add_on' THEN 2 ELSE 3 END),
             category COLLATE NOCASE, name COLLATE NOCASE, id);
         COMMIT;",
    )
    .expect("schema floor");
    let elapsed = start.elapsed();
    drop(conn);
    let _ = std::fs::remove_file(db);
    elapsed
}
