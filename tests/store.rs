//! The store against real SQLite files: migrations, seeding, and refusing files
//! that are not ours or are newer than this build.

mod support;

use rusqlite::Connection;
use servicefolio::store::SCHEMA_VERSION;
use servicefolio::{catalog, ErrorKind, Store};

fn item_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM catalog_item", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn migrations_apply_to_an_empty_database_and_seed_the_demo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/servicefolio.db");
    let store = Store::open(&path).unwrap();

    let info = store.info().unwrap();
    assert_eq!(info.schema_version, SCHEMA_VERSION);
    // 0008 is the store revision, 0009 offers, 0010 master data, 0011 search
    // prefixes, 0012 the search index without term positions, 0013 prices
    // per sales unit and unpriced products, 0014 feed ownership: catalogs and
    // discontinuation, 0015 category rules, 0016 offer approvals and history,
    // 0017 successors, 0018 change offers, 0019 the export folder.
    assert_eq!(SCHEMA_VERSION, 20);
    let fk: i64 = store
        .conn()
        .pragma_query_value(None, "foreign_keys", |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1, "foreign keys are enforced");
    let mode: String = store
        .conn()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    for table in [
        "catalog_item",
        "product",
        "service",
        "service_variant",
        "rental_terms",
        "requirement",
        "item_link",
        "add_on",
    ] {
        let exists: bool = store
            .conn()
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?1)",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert!(exists, "table {table} exists");
    }
    assert!(item_count(&store) > 30, "the demo portfolio was seeded");
}

#[test]
fn reopening_keeps_the_data_and_does_not_seed_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("servicefolio.db");
    let first = item_count(&Store::open(&path).unwrap());
    {
        let mut store = Store::open(&path).unwrap();
        store
            .write(|tx| {
                tx.execute(
                    "UPDATE catalog_item SET name = 'Renamed' WHERE code = 'SVC-MDM'",
                    [],
                )?;
                Ok(())
            })
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(item_count(&store), first);
    let name: String = store
        .conn()
        .query_row(
            "SELECT name FROM catalog_item WHERE code = 'SVC-MDM'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(name, "Renamed", "an edit survives reopening");
}

#[test]
fn a_failed_action_changes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let before = item_count(&store);
    let result = store.write(|tx| {
        tx.execute("DELETE FROM add_on_target", [])?;
        // Violates the unique code: the whole action must roll back.
        tx.execute(
            "INSERT INTO catalog_item (kind, code, name, category) VALUES ('product', 'SVC-MDM', 'Dup', 'X')",
            [],
        )?;
        Ok(())
    });
    assert_eq!(result.unwrap_err().kind(), ErrorKind::Database);
    assert_eq!(item_count(&store), before);
    let targets: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM add_on_target", [], |r| r.get(0))
        .unwrap();
    assert!(targets > 0, "the delete was rolled back too");
}

#[test]
fn a_newer_schema_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.db");
    drop(Store::open(&path).unwrap());
    {
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 7)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = std::fs::read(&path).unwrap();

    let error = Store::open(&path).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::SchemaTooNew);
    let message = error.to_string();
    assert!(
        message.contains(&format!("schema version {}", SCHEMA_VERSION + 7)),
        "{message}"
    );
    assert!(message.contains("newer Servicefolio"), "{message}");
    assert!(message.contains("left untouched"), "{message}");

    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is byte for byte the same"
    );
    assert!(
        !dir.path().join("future.db-wal").exists(),
        "no WAL file was created"
    );
}

#[test]
fn another_applications_database_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE invoices (id INTEGER PRIMARY KEY); INSERT INTO invoices VALUES (1);",
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotOurDatabase);
    assert!(error.to_string().contains("another application"), "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    let text = b"these are my notes, not a database\n".repeat(200);
    std::fs::write(&path, &text).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotOurDatabase, "{error}");
    assert_eq!(std::fs::read(&path).unwrap(), text);
}

#[test]
fn an_empty_store_has_the_schema_but_no_items() {
    let store = Store::open_in_memory_empty().unwrap();
    assert_eq!(item_count(&store), 0);
    assert!(catalog::list_items(store.conn(), &Default::default())
        .unwrap()
        .is_empty());
}

#[test]
fn a_version_1_database_is_migrated_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../src/store/migrations/0001_catalog.sql"))
            .unwrap();
        conn.pragma_update(None, "application_id", 0x5346_4F4C)
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO catalog_item (kind, code, name, category) VALUES ('service', 'OLD', 'Old service', 'X');
             INSERT INTO service (item_id, unit, currency, tax_rate) VALUES (1, 'flat', 'EUR', '19');",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.info().unwrap().schema_version, SCHEMA_VERSION);
    assert_eq!(
        item_count(&store),
        1,
        "the data is kept and the demo is not seeded into an existing database"
    );
    let groups: i64 = store
        .conn()
        .query_row("SELECT count(*) FROM option_group", [], |r| r.get(0))
        .unwrap();
    assert_eq!(groups, 0, "the new tables exist");
}

/// The migrations before the one named `*_{name}.sql`, in order.
fn migrations_before(name: &str) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/migrations");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| f.ends_with(".sql"))
        .collect();
    files.sort();
    let end = files
        .iter()
        .position(|f| f.ends_with(&format!("_{name}.sql")))
        .expect("the migration");
    files[..end]
        .iter()
        .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
        .collect()
}

#[test]
fn the_prices_migration_makes_list_prices_optional_without_rebuilding_the_product_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("before-prices.db");
    let before = migrations_before("prices");
    {
        let conn = Connection::open(&path).unwrap();
        for sql in &before {
            conn.execute_batch(sql).unwrap();
        }
        conn.pragma_update(None, "application_id", 0x5346_4F4C)
            .unwrap();
        conn.pragma_update(None, "user_version", before.len() as i64)
            .unwrap();
        conn.execute_batch(
            "INSERT INTO catalog_item (kind, code, name, category) VALUES ('product', 'P1', 'Dock', 'X');
             INSERT INTO product (item_id, manufacturer, manufacturer_part_number, cost_price,
                                  list_price, currency, tax_rate, source, source_key)
                 VALUES (1, 'Acme', 'D-1', '80', '99.90', 'EUR', '19', 'acme', 'D-1');
             INSERT INTO supplier_offer (product_id, source, source_key, cost_price, currency, preferred)
                 VALUES (1, 'acme', 'D-1', '80', 'EUR', 1);",
        )
        .unwrap();
        let without_price = conn
            .execute(
                "INSERT INTO product (item_id, manufacturer, manufacturer_part_number,
                     list_price, currency, tax_rate) VALUES (99, 'Acme', 'x', NULL, 'EUR', '19')",
                [],
            )
            .unwrap_err();
        assert!(
            without_price.to_string().contains("NOT NULL"),
            "before the migration a product needs a list price: {without_price}"
        );
    }
    // A second connection that read the old schema before the migration.
    let other = Connection::open(&path).unwrap();
    let _: i64 = other
        .query_row("SELECT count(*) FROM product", [], |r| r.get(0))
        .unwrap();

    let store = Store::open(&path).unwrap();
    assert_eq!(store.info().unwrap().schema_version, SCHEMA_VERSION);
    let (list, rowid_kept): (String, i64) = store
        .conn()
        .query_row(
            "SELECT list_price, item_id FROM product WHERE manufacturer_part_number = 'D-1'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (list.as_str(), rowid_kept),
        ("99.90", 1),
        "the data is kept"
    );
    let not_null: bool = store
        .conn()
        .query_row(
            "SELECT \"notnull\" FROM pragma_table_info('product') WHERE name = 'list_price'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!not_null);
    let check: String = store
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    // The other connection sees the new schema: it may write a product without a price.
    other
        .execute_batch(
            "INSERT INTO catalog_item (kind, code, name, category) VALUES ('product', 'P3', 'Cable', 'X');
             INSERT INTO product (item_id, manufacturer, manufacturer_part_number, list_price,
                                  currency, tax_rate, sales_unit)
                 SELECT id, 'Acme', 'C-1', NULL, 'EUR', '19', 'MTR' FROM catalog_item WHERE code = 'P3';",
        )
        .unwrap();
    let detail = catalog::list_items(store.conn(), &Default::default()).unwrap();
    let cable = detail.iter().find(|i| i.code == "P3").unwrap();
    assert_eq!(cable.price, None);
}

/// Every table, index, view and trigger as SQLite stores it, by name.
fn schema(conn: &Connection) -> Vec<(String, String)> {
    let mut stmt = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn going_back_to_schema_12_and_migrating_again_gives_the_schema_of_a_new_database() {
    // The tests of older databases take one back with
    // support::undo_migrations_after_12; migrating it again must give exactly
    // what a new database has, or those tests would test another schema.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("back.db");
    let fresh = schema(Store::open(&path).unwrap().conn());
    {
        let store = Store::open(&path).unwrap();
        support::undo_migrations_after_12(store.conn());
        let list_price_not_null: bool = store
            .conn()
            .query_row(
                "SELECT \"notnull\" FROM pragma_table_info('product') WHERE name = 'list_price'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(list_price_not_null, "schema 12 needs a list price");
        let check: String = store
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.info().unwrap().schema_version, SCHEMA_VERSION);
    assert_eq!(schema(store.conn()), fresh);
}
