//! Migration 0013 (`*_prices.sql`) on a big catalog: a database of the schema
//! before it, with `BENCH_ROWS` imported products (1,000,000 by default), is
//! migrated by 0013 alone (the later migrations are timed apart, when the
//! store opens it); against the other way to drop `product.list_price`'s
//! NOT NULL, rebuilding the table (SQLite's twelve steps: new table, copy,
//! drop, rename, indexes and triggers again) on a copy of the same file.
//!
//! Run: `cargo bench --bench prices_migration` (not part of `make test`).

// Timings are printed in seconds; no money is involved.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/support/mod.rs"]
mod support;

use rusqlite::Connection;
use servicefolio::Store;
use std::path::Path;
use std::time::Instant;

/// The prices migration itself (0013).
fn prices_migration() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
    let file = std::fs::read_dir(&dir)
        .expect("migrations")
        .map(|e| e.expect("entry").path())
        .find(|p| p.to_string_lossy().ends_with("_prices.sql"))
        .expect("the prices migration");
    std::fs::read_to_string(file).expect("read")
}

/// The migrations before 0013, as the embedded list had them.
fn migrations_before_prices() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .expect("migrations")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".sql"))
        .collect();
    files.sort();
    let end = files
        .iter()
        .position(|f| f.ends_with("_prices.sql"))
        .expect("the prices migration");
    files[..end]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).expect("read"))
        .collect()
}

/// A database of the schema before 0013 with `rows` imported products, each
/// with its supplier offer and in the search index.
fn old_catalog(path: &Path, rows: u64) {
    let mut conn = Connection::open(path).expect("open");
    conn.pragma_update(None, "journal_mode", "WAL")
        .expect("wal");
    let before = migrations_before_prices();
    let tx = conn.transaction().expect("tx");
    for sql in &before {
        tx.execute_batch(sql).expect("migration");
    }
    tx.pragma_update(None, "application_id", 0x5346_4F4C_i64)
        .expect("id");
    tx.pragma_update(None, "user_version", before.len() as i64)
        .expect("version");
    // Filled set-based with the search triggers off, indexed at the end.
    let triggers: Vec<String> = {
        let mut stmt = tx
            .prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name LIKE 'product_search_%'")
            .expect("triggers");
        let found = stmt
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<Result<Vec<String>, _>>()
            .expect("rows");
        found
    };
    for name in [
        "product_search_insert",
        "product_search_delete",
        "product_search_update",
        "product_search_item_update",
    ] {
        tx.execute_batch(&format!("DROP TRIGGER {name}"))
            .expect("drop trigger");
    }
    tx.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1)
         INSERT INTO catalog_item (id, kind, code, name, category, description)
         SELECT i, 'product', 'ITSCOPE-' || i, 'Product ' || i || ' Notebook Dock USB-C',
                'Category ' || (i % 40), 'Description of product ' || i FROM n",
        [i64::try_from(rows).expect("rows")],
    )
    .expect("items");
    tx.execute(
        "INSERT INTO product (item_id, manufacturer, manufacturer_part_number, ean, cost_price,
             list_price, currency, tax_rate, stock_status, source, source_key)
         SELECT id, 'Maker ' || (id % 300), 'MPN-' || id, NULL, (id % 997) || '.50',
                (id % 997 + 10) || '.00', 'EUR', '19', 'in_stock', 'itscope', id
         FROM catalog_item",
        [],
    )
    .expect("products");
    tx.execute(
        "INSERT INTO supplier_offer (product_id, source, source_key, cost_price, currency,
             stock_status, preferred)
         SELECT item_id, 'itscope', source_key, cost_price, 'EUR', 'in_stock', 1 FROM product",
        [],
    )
    .expect("offers");
    tx.execute(
        "INSERT INTO product_search (rowid, name, manufacturer, part_number, ean, description)
         SELECT ci.id, ci.name, p.manufacturer, p.manufacturer_part_number, '', ci.description
         FROM product p JOIN catalog_item ci ON ci.id = p.item_id",
        [],
    )
    .expect("index");
    for sql in triggers {
        tx.execute_batch(&sql).expect("trigger");
    }
    tx.commit().expect("commit");
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .expect("checkpoint");
}

/// SQLite's twelve-step table rebuild, dropping the NOT NULL of `list_price`.
fn rebuild(path: &Path) {
    let mut conn = Connection::open(path).expect("open");
    conn.pragma_update(None, "foreign_keys", false)
        .expect("fk off");
    let tx = conn.transaction().expect("tx");
    let (table, dependents): (String, Vec<String>) = {
        let table: String = tx
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'product'",
                [],
                |r| r.get(0),
            )
            .expect("table");
        // Its indexes and triggers, and triggers of other tables that read it.
        let mut stmt = tx
            .prepare(
                "SELECT name, type, sql FROM sqlite_schema WHERE sql IS NOT NULL
                 AND ((tbl_name = 'product' AND type IN ('index', 'trigger'))
                      OR (type = 'trigger' AND sql LIKE '%JOIN product %' OR sql LIKE '%FROM product %'))",
            )
            .expect("dependents");
        let dependents = stmt
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })
            .expect("query")
            .collect::<Result<Vec<(String, String, String)>, _>>()
            .expect("rows");
        for (name, kind, _) in &dependents {
            if kind == "trigger" {
                tx.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}"))
                    .expect("drop trigger");
            }
        }
        (
            table,
            dependents.into_iter().map(|(_, _, sql)| sql).collect(),
        )
    };
    let new_table = table
        .replacen("CREATE TABLE product", "CREATE TABLE product_new", 1)
        .replace(
            "list_price               TEXT NOT NULL,",
            "list_price               TEXT,",
        );
    tx.execute_batch(&new_table).expect("new table");
    tx.execute_batch("INSERT INTO product_new SELECT * FROM product")
        .expect("copy");
    tx.execute_batch("DROP TABLE product").expect("drop");
    tx.execute_batch("ALTER TABLE product_new RENAME TO product")
        .expect("rename");
    for sql in dependents {
        tx.execute_batch(&sql).expect("index or trigger");
    }
    let broken: i64 = tx
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .expect("fk check");
    assert_eq!(broken, 0);
    tx.commit().expect("commit");
}

fn main() {
    let rows = support::feeds::bench_rows();
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("old.db");
    let start = Instant::now();
    old_catalog(&old, rows);
    println!(
        "a catalog of {rows} products at the schema before 0013: {:.1} s to make, {} MB",
        start.elapsed().as_secs_f64(),
        std::fs::metadata(&old).map(|m| m.len()).unwrap_or(0) / 1_000_000
    );
    let copy = dir.path().join("copy.db");
    std::fs::copy(&old, &copy).expect("copy");

    // 0013 alone, as the store applies a migration (one transaction, then
    // user_version); the migrations after it run when the store opens it.
    let start = Instant::now();
    {
        let mut conn = Connection::open(&old).expect("open");
        let tx = conn.transaction().expect("tx");
        tx.execute_batch(&prices_migration()).expect("0013");
        let version: i64 = tx
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .expect("version");
        tx.pragma_update(None, "user_version", version + 1)
            .expect("version");
        tx.commit().expect("commit");
    }
    let migrated = start.elapsed();
    println!(
        "migration 0013 (the stored schema edited, columns and report tables added): {:.3} s",
        migrated.as_secs_f64()
    );
    let start = Instant::now();
    let store = Store::open(&old).expect("migrate");
    let later = start.elapsed();
    let products: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM product", [], |r| r.get(0))
        .expect("count");
    assert_eq!(products, rows as i64);
    let unpriced_allowed: bool = store
        .conn()
        .query_row(
            "SELECT NOT \"notnull\" FROM pragma_table_info('product') WHERE name = 'list_price'",
            [],
            |r| r.get(0),
        )
        .expect("list_price");
    assert!(unpriced_allowed);
    println!(
        "opening it then (the migrations after 0013): {:.3} s",
        later.as_secs_f64()
    );

    let start = Instant::now();
    rebuild(&copy);
    println!(
        "the alternative, rebuilding product (copy, drop, rename, indexes, triggers): {:.1} s",
        start.elapsed().as_secs_f64()
    );
}
