//! Where the shared test data lives: `../shared` beside the checkout (the workplace's
//! layout), `/work/shared` when the checkout is elsewhere (a fresh clone in CI), or
//! `SERVICEFOLIO_SHARED`.

use std::path::PathBuf;

/// The folder of the supplier BMEcat catalogues (`shared/fixtures/bmecat`).
#[allow(dead_code)]
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
#[allow(dead_code)]
pub fn undo_migrations_after_12(conn: &rusqlite::Connection) {
    conn.execute_batch(
        "-- 0015 category rules
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
         PRAGMA user_version = 12;",
    )
    .expect("back to schema 12");
}
