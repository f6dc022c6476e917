//! Category rules over a big catalog: 1,000,000 generated ITScope rows imported
//! into a database seeded with the demo portfolio (and its rules), then every
//! kind of rule change timed with the number of products it changed: what a
//! rule allows (no product row written), its categories (the products of those
//! categories), a manufacturer rule and the default rule (every product), a
//! delete; the rules list with its counts; the detail of an imported notebook.
//!
//! Run: `cargo bench --bench category_rules` (an optimised build; not part of
//! `make test`). `BENCH_ROWS=100000` for a shorter run; `BENCH_IMPORT_FLOOR=1`
//! first imports the same file into a catalog without rules, to compare.

// Timings are printed in milliseconds; no money is involved.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/support/mod.rs"]
mod support;

use servicefolio::catalog::{
    self, CategoryRuleRecord, LinkMode, LinkQuantity, LinkRecord, RuleDraft,
};
use servicefolio::master::{import_feed, ImportOptions};
use servicefolio::vocabulary::BookingContext;
use servicefolio::Store;
use std::sync::atomic::AtomicBool;
use std::time::Instant;
use support::feeds::{bench_rows, generated_itscope_feed, GeneratedFeed};

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let value = f();
    println!("{what}: {:.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    value
}

fn rule_named(store: &Store, name: &str) -> (i64, CategoryRuleRecord) {
    let rule = catalog::category_rules(store.conn())
        .expect("rules")
        .into_iter()
        .find(|r| r.record.name == name)
        .unwrap_or_else(|| panic!("no rule {name}"));
    (rule.id, rule.record)
}

fn save(store: &mut Store, what: &str, id: Option<i64>, record: CategoryRuleRecord) -> i64 {
    let applied = timed(what, || {
        catalog::save_category_rule(store, &RuleDraft { id, record }).expect("save")
    });
    let rule = applied.rule.expect("rule");
    println!(
        "    {} products changed; the rule governs {}",
        applied.changed, rule.products
    );
    rule.id
}

fn main() {
    let rows = bench_rows();
    let GeneratedFeed { path: feed, dir } = generated_itscope_feed(rows);
    if std::env::var_os("BENCH_IMPORT_FLOOR").is_some() {
        // The same import into a catalog without rules (no rule to assign).
        let mut bare = Store::open_without_demo(&dir.path().join("bare.db")).expect("store");
        timed(&format!("import of {rows} rows, no category rules"), || {
            import_feed(
                &mut bare,
                &feed,
                &ImportOptions::default(),
                &mut |_| {},
                &AtomicBool::new(false),
            )
            .expect("import")
        });
    }
    let mut store = Store::open(&dir.path().join("catalog.db")).expect("store");
    let report = timed(
        &format!("import of {rows} rows (demo rules assigned)"),
        || {
            import_feed(
                &mut store,
                &feed,
                &ImportOptions::default(),
                &mut |_| {},
                &AtomicBool::new(false),
            )
            .expect("import")
        },
    );
    println!("    {} new products", report.new_products);
    timed("rules list with product counts", || {
        for rule in catalog::category_rules(store.conn()).expect("rules") {
            println!("    {:<24} {:>8}", rule.record.name, rule.products);
        }
    });

    let (notebooks, mut record) = rule_named(&store, "Notebooks");
    record.allowed_contexts = vec![BookingContext::Employee];
    save(
        &mut store,
        "Notebooks: contexts changed (no product row written)",
        Some(notebooks),
        record.clone(),
    );
    record.categories.push("Tragbare Computer".into());
    save(
        &mut store,
        "Notebooks: a category added (the products of its categories looked at)",
        Some(notebooks),
        record,
    );
    save(
        &mut store,
        "new rule: Lenovo notebooks (category + manufacturer)",
        None,
        CategoryRuleRecord {
            name: "Lenovo notebooks".into(),
            categories: vec!["Notebooks".into()],
            manufacturer: Some("Lenovo".into()),
            allowed_contexts: vec![BookingContext::Employee, BookingContext::Workplace],
            links: vec![LinkRecord {
                item: "SVC-MDM".into(),
                mode: LinkMode::Mandatory,
                quantity: LinkQuantity::PerParentUnit(1),
            }],
        },
    );
    save(
        &mut store,
        "new rule: Kingston (manufacturer only: the default rule's products looked at)",
        None,
        CategoryRuleRecord {
            name: "Kingston".into(),
            categories: vec![],
            manufacturer: Some("Kingston".into()),
            allowed_contexts: vec![BookingContext::Workplace],
            links: vec![],
        },
    );
    let (default, default_record) = rule_named(&store, "Default");
    let applied = timed(
        "delete the default rule (its products fall to none)",
        || catalog::delete_category_rule(&mut store, default).expect("delete"),
    );
    println!("    {} products changed", applied.changed);
    save(
        &mut store,
        "the default rule again (the products no rule governs looked at)",
        None,
        default_record,
    );
    let id: i64 = store
        .conn()
        .query_row(
            "SELECT p.item_id FROM product p JOIN catalog_item ci ON ci.id = p.item_id
             WHERE ci.category = 'Notebooks' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a notebook");
    timed("detail of an imported notebook", || {
        catalog::item_detail(store.conn(), id).expect("detail")
    });
}
