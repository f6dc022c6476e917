//! Typing into an item picker on a catalog of 1,000,000 imported products (and
//! the demo's services): the core's time per keystroke of the booking
//! dialog's picker (services and products, bookable only, a page of 50) for
//! each prefix of a word as it is typed, beside a floor measured in the same
//! run: SQLite alone answering the same full-text query (the ids of the first
//! 500 matches, as many as the search ranks) and reading the page's 50 rows.
//!
//! Run: `cargo bench --bench item_picker` (an optimised build; not part of
//! `make test`). `BENCH_ROWS=100000` for a shorter run.

// Timings are printed in milliseconds; no money is involved.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/support/mod.rs"]
mod support;

use servicefolio::catalog::{fts_query, pick_items, ItemKind, PickQuery, LISTED_MATCHES};
use servicefolio::master::{import_feed, ImportOptions};
use servicefolio::Store;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use support::feeds::{bench_rows, generated_itscope_feed};

/// How often each keystroke is timed.
const RUNS: usize = 21;
/// The booking dialog's page.
const PAGE: u32 = 50;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let generated = generated_itscope_feed(bench_rows());
    let feed = &generated.path;
    // The demo's services and products, then the feed's products.
    let mut store = Store::open(&generated.dir.path().join("catalog.db")).expect("store");
    let start = Instant::now();
    let report = import_feed(
        &mut store,
        feed,
        &ImportOptions::default(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .expect("import");
    println!(
        "catalog: {} new products imported in {:.0} ms",
        report.new_products,
        ms(start.elapsed())
    );

    // Opening the dialog: the first page without text.
    let open = PickQuery {
        kinds: vec![ItemKind::Service, ItemKind::Product],
        active_only: true,
        limit: PAGE,
        ..Default::default()
    };
    let (median, max) = timed(|| pick_items(store.conn(), &open).expect("pick").len());
    println!("open (no text): median {median:.2} ms, max {max:.2} ms");

    let words = ["notebook", "lenovo", "thinkpad", "4008190"];
    let mut all_medians = Vec::new();
    let mut worst: f64 = 0.0;
    println!(
        "{:<18} {:>6} {:>12} {:>10} {:>12} {:>10}",
        "typed", "shown", "core median", "core max", "floor median", "floor max"
    );
    for word in words {
        for typed in prefixes(word).chain(std::iter::once(format!("notebook {}", &word[..3]))) {
            let query = PickQuery {
                text: typed.clone(),
                ..open.clone()
            };
            let shown = pick_items(store.conn(), &query).expect("pick").len();
            let (median, max) = timed(|| pick_items(store.conn(), &query).expect("pick").len());
            let (floor_median, floor_max) = timed(|| floor(store.conn(), &typed));
            println!(
                "{:<18} {shown:>6} {median:>9.2} ms {max:>7.2} ms {floor_median:>9.2} ms {floor_max:>7.2} ms",
                format!("{typed:?}")
            );
            all_medians.push(median);
            worst = worst.max(max);
        }
    }
    all_medians.sort_by(f64::total_cmp);
    println!(
        "every keystroke: median of medians {:.2} ms, slowest median {:.2} ms, slowest run {:.2} ms",
        all_medians[all_medians.len() / 2],
        all_medians.last().copied().unwrap_or_default(),
        worst
    );
}

/// "n", "no", "not", ... up to the whole word.
fn prefixes(word: &str) -> impl Iterator<Item = String> + '_ {
    (1..=word.len()).map(move |n| word[..n].to_owned())
}

/// SQLite by itself for what was typed: the widest full-text query's first
/// matches (as many as the search ranks at most) and the page's rows.
fn floor(conn: &rusqlite::Connection, typed: &str) -> usize {
    let Some(fts) = fts_query(typed) else {
        return 0;
    };
    let ids: Vec<i64> = conn
        .prepare_cached("SELECT rowid FROM product_search WHERE product_search MATCH ?1 LIMIT ?2")
        .expect("prepare")
        .query_map(rusqlite::params![fts, LISTED_MATCHES], |r| r.get(0))
        .expect("match")
        .collect::<rusqlite::Result<_>>()
        .expect("ids");
    let mut read = conn
        .prepare_cached(
            "SELECT ci.code, ci.name, ci.status, p.list_price, p.currency
             FROM catalog_item ci JOIN product p ON p.item_id = ci.id WHERE ci.id = ?1",
        )
        .expect("prepare");
    let mut n = 0;
    for id in ids.iter().take(PAGE as usize) {
        read.query_row([id], |r| r.get::<_, String>(0))
            .expect("row");
        n += 1;
    }
    n
}

/// Median and maximum of [`RUNS`] runs, in milliseconds.
fn timed(mut run: impl FnMut() -> usize) -> (f64, f64) {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(run());
            start.elapsed()
        })
        .collect();
    times.sort();
    (ms(times[RUNS / 2]), ms(times[RUNS - 1]))
}
