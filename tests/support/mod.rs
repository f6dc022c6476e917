//! What the tests and benchmarks share, one module a set-up: a store on a
//! file (`store`), customers and their structure (`customers`), small
//! catalogs (`catalog`), supplier feeds and their import (`feeds`), price
//! lists (`price_lists`), booking requests (`booking`) on the demo catalog and
//! contract terms (`terms`).
//! A test binary uses only some of them, hence `dead_code` allowed.
//!
//! Here too: where the shared test data lives (`../shared` beside the checkout,
//! the workplace's layout; `/work/shared` when the checkout is elsewhere, a
//! fresh clone in CI; or `SERVICEFOLIO_SHARED`), and how a database goes back
//! to an older schema.
#![allow(dead_code)]

pub mod booking;
pub mod catalog;
pub mod customers;
pub mod feeds;
pub mod price_lists;
pub mod store;
pub mod terms;

use std::path::PathBuf;

/// The folder of the supplier BMEcat catalogues (`shared/fixtures/bmecat`).
pub fn bmecat_dir() -> PathBuf {
    let candidates = [
        std::env::var_os("SERVICEFOLIO_SHARED").map(PathBuf::from),
        Some(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared"
        ))),
        Some(PathBuf::from("/work/shared")),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|shared| shared.join("fixtures/bmecat"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| {
            panic!("shared/fixtures/bmecat not found beside the checkout or at /work/shared; set SERVICEFOLIO_SHARED")
        })
}

/// Takes a database of this build back to schema 12 by undoing what the later
/// migrations add (in reverse order), so tests can open "an older database"
/// and watch the migrations run again. Each migration after 0012 that changes
/// the schema adds its undo here.
pub fn undo_migrations_after_12(conn: &rusqlite::Connection) {
    // 0013 made `product.list_price` nullable by editing the table's stored
    // text; schema 12 had NOT NULL, so its undo puts the constraint back the
    // same way, which is only honest for a catalog without unpriced products.
    let unpriced: i64 = conn
        .query_row(
            "SELECT count(*) FROM product WHERE list_price IS NULL",
            [],
            |r| r.get(0),
        )
        .expect("unpriced products");
    assert_eq!(
        unpriced, 0,
        "schema 12 cannot hold unpriced products: price or delete them before going back"
    );
    conn.execute_batch(
        "-- 0020 offer line reasons
         ALTER TABLE offer_line DROP COLUMN reason;
         -- 0019 the export folder
         ALTER TABLE settings DROP COLUMN export_folder;
         -- 0018 change offers
         ALTER TABLE offer_line DROP COLUMN changed;
         ALTER TABLE offer DROP COLUMN current_monthly;
         ALTER TABLE offer DROP COLUMN changes;
         -- 0017 successors
         DROP TABLE item_successor;
         -- 0016 offer approvals
         DROP TABLE offer_event;
         ALTER TABLE offer_line DROP COLUMN list_unit_amount;
         ALTER TABLE offer DROP COLUMN approved_at;
         ALTER TABLE offer DROP COLUMN approved_by;
         ALTER TABLE settings DROP COLUMN approval_max_contract_value;
         ALTER TABLE settings DROP COLUMN approval_min_margin_percent;
         ALTER TABLE settings DROP COLUMN approval_max_discount_percent;
         -- 0015 category rules
         DROP VIEW item_effective_context;
         DROP INDEX product_by_category_rule;
         ALTER TABLE product DROP COLUMN category_rule_id;
         DROP TABLE category_rule_link;
         DROP TABLE category_rule_context;
         DROP TABLE category_rule_category;
         DROP TABLE category_rule;
         -- 0014 feed ownership
         ALTER TABLE supplier_offer DROP COLUMN catalog;
         ALTER TABLE import_run DROP COLUMN catalog;
         ALTER TABLE import_run DROP COLUMN discontinuation;
         ALTER TABLE import_run DROP COLUMN discontinued_not_kept;
         ALTER TABLE import_problem DROP COLUMN source_key;
         DROP TABLE import_discontinued;
         -- 0013 prices (the NOT NULL of list_price back as 0013 took it away:
         -- writable_schema, checked the way 0013 checks its own edit)
         DROP TABLE import_price_conversion;
         DROP TABLE import_price_type;
         ALTER TABLE import_run DROP COLUMN prices_kept;
         ALTER TABLE import_run DROP COLUMN price_types_not_kept;
         ALTER TABLE import_run DROP COLUMN unpriced;
         ALTER TABLE supplier_offer DROP COLUMN quantity_min;
         ALTER TABLE supplier_offer DROP COLUMN price_quantity;
         ALTER TABLE supplier_offer DROP COLUMN content_per_order_unit;
         ALTER TABLE supplier_offer DROP COLUMN content_unit;
         ALTER TABLE supplier_offer DROP COLUMN order_unit;
         ALTER TABLE product DROP COLUMN sales_unit_content_unit;
         ALTER TABLE product DROP COLUMN sales_unit_content;
         ALTER TABLE product DROP COLUMN sales_unit;
         PRAGMA writable_schema = ON;
         UPDATE sqlite_schema
            SET sql = replace(sql, 'list_price               TEXT,', 'list_price               TEXT NOT NULL,')
          WHERE type = 'table' AND name = 'product';
         PRAGMA writable_schema = RESET;
         CREATE TEMP TABLE undo_0013_check (list_price_not_null INTEGER NOT NULL CHECK (list_price_not_null));
         INSERT INTO undo_0013_check
             SELECT EXISTS (SELECT 1 FROM pragma_table_info('product') WHERE name = 'list_price' AND \"notnull\");
         DROP TABLE undo_0013_check;
         PRAGMA user_version = 12;",
    )
    .expect("back to schema 12");
}
