//! Importing an employee list: a CSV of N rows (default 20,000; 100,000 with
//! `-- 100000`), one location per 10 employees, read and imported into a
//! database file in one transaction. Prints the time of each step; run it under
//! `/usr/bin/time -v` for the whole process and its peak memory.
//!
//! Run: `cargo bench --bench employee_import [-- ROWS]` (an optimised build; not
//! part of `make test`). The import was quadratic in rows (20,000: 221 s).

// Timings are printed in milliseconds; no money is involved.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/support/mod.rs"]
mod support;

use servicefolio::customer::*;
use std::time::Instant;
use support::customers::NewCustomer;
use support::store::temp_store_without_demo;

fn main() {
    let rows: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(20_000);
    let mut csv = String::from("Name;E-Mail;Abteilung;Standort\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "\"Person, {i}\";p{i}@acme.example;Dept {};Site {}\n",
            i % 7,
            i / 10
        ));
    }
    let db = temp_store_without_demo("bench.db");
    let mut store = db.store;
    let customer = NewCustomer::named("Bench AG").create_in(&mut store).id;

    let started = Instant::now();
    let parsed = read_employee_file(csv.as_bytes()).expect("the file reads");
    let read = started.elapsed();
    let report = store
        .write(|tx| import_employees(tx, customer, &parsed, BadRows::RefuseFile, false))
        .expect("the import");
    let total = started.elapsed();
    assert_eq!(report.created as usize, rows);
    println!(
        "{rows} rows ({} KiB): read {:.1} ms, read + import {:.1} ms ({} locations)",
        csv.len() / 1024,
        read.as_secs_f64() * 1000.0,
        total.as_secs_f64() * 1000.0,
        report.new_locations.len()
    );
}
