//! Booking a workplace bundle (workplace + notebook + Managed365 + MDM + backup)
//! for 5,000 employees across 20 locations: plan + apply, against the floor of a
//! bare insert of the same number of rows in one transaction.
//!
//! Run: `cargo bench --bench booking` (an optimised build; not part of `make test`).

// Timings are printed in milliseconds; no money is involved.
#![allow(clippy::float_arithmetic)]

#[path = "../tests/support/mod.rs"]
mod support;

use chrono::NaiveDate;
use servicefolio::booking::*;
use servicefolio::customer::*;
use servicefolio::Store;
use std::time::{Duration, Instant};
use support::booking::{purchase, rental};
use support::customers::NewCustomer;
use support::store::temp_store;

const EMPLOYEES: usize = 5_000;
const LOCATIONS: usize = 20;

/// Bench AG: 5,000 employees spread over 20 sites, each with a desk.
fn customer(store: &mut Store) -> i64 {
    let sites: Vec<String> = (0..LOCATIONS).map(|n| format!("Site {n:02}")).collect();
    let mut bench = NewCustomer::named("Bench AG");
    for site in &sites {
        bench = bench.location(site);
    }
    for n in 0..EMPLOYEES {
        bench = bench
            .employee_record(EmployeeRecord {
                name: format!("Employee {n:05}"),
                email: Some(format!("e{n}@bench.example")),
                department: format!("Dept {}", n % 12),
                ..Default::default()
            })
            .at(&sites[n % LOCATIONS])
            .with_workplace("Desk");
    }
    bench.create_in(store).id
}

/// The workplace bundle for every employee: the workplace with backup, the
/// notebook (and its mandatory device management), Managed365.
fn requests(customer_id: i64) -> Vec<BookingRequest> {
    let start = NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
    let everyone = || ContextSelector::AllEmployees;
    vec![
        BookingRequest {
            include_optional: vec!["SVC-BACKUP".into()],
            ..rental(
                customer_id,
                "SVC-WAAS",
                "OFFICE",
                &[("SUPPORT", "8X5")],
                everyone(),
                start,
            )
        },
        purchase(customer_id, "NB-LEN-T14G5", everyone(), start),
        rental(
            customer_id,
            "SVC-M365",
            "STANDARD",
            &[("SUPPORT", "8X5")],
            everyone(),
            start,
        ),
    ]
}

fn main() {
    let db = temp_store("bench.db");
    let dir = db.dir.path();
    let mut store = db.store;
    let customer_id = customer(&mut store);
    let mut planning = Duration::ZERO;
    let mut applying = Duration::ZERO;
    let mut rows = 0;
    for request in requests(customer_id) {
        let t = Instant::now();
        let plan = plan(store.conn(), &request).unwrap();
        planning += t.elapsed();
        let t = Instant::now();
        rows += store
            .write(|tx| apply(tx, &plan, ApplyAs::Ordered))
            .unwrap()
            .len();
        applying += t.elapsed();
    }
    let total = planning + applying;
    // Every row the booking wrote: instances, their logged transitions, chosen options
    // and prerequisite links.
    let written: usize = store
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM instance) + (SELECT count(*) FROM instance_transition)
                  + (SELECT count(*) FROM instance_option) + (SELECT count(*) FROM instance_prerequisite)",
            [],
            |r| r.get::<_, i64>(0),
        )
        .unwrap() as usize;

    // The rows as the booking wrote them, inserted again row by row into a second
    // store with the same schema, keys and indexes: what SQLite itself needs.
    let schema_floor = {
        let conn = store.conn();
        let rows = |table: &str| -> (String, Vec<Vec<rusqlite::types::Value>>) {
            let mut stmt = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
            let columns = stmt.column_count();
            let marks = vec!["?"; columns].join(", ");
            let rows = stmt
                .query_map([], |r| (0..columns).map(|i| r.get(i)).collect())
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            (format!("INSERT INTO {table} VALUES ({marks})"), rows)
        };
        let tables = [
            rows("instance"),
            rows("instance_option"),
            rows("instance_transition"),
            rows("instance_prerequisite"),
        ];
        let mut copy = Store::open(&dir.join("schema-floor.db")).unwrap();
        customer(&mut copy);
        let t = Instant::now();
        copy.write(|tx| {
            for (sql, rows) in &tables {
                let mut insert = tx.prepare(sql)?;
                for row in rows {
                    insert.execute(rusqlite::params_from_iter(row))?;
                }
            }
            Ok(())
        })
        .unwrap();
        t.elapsed()
    };

    // The floor: the same number of instance rows, inserted bare in one transaction.
    let floor_db = rusqlite::Connection::open(dir.join("floor.db")).unwrap();
    floor_db
        .execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE instance (id INTEGER PRIMARY KEY, customer_id INTEGER, item_id INTEGER, variant_id INTEGER,
                 offer_type TEXT, context TEXT, employee_id INTEGER, workplace_id INTEGER, quantity INTEGER,
                 terms TEXT, status TEXT, start_date TEXT, parent_id INTEGER, reason TEXT);",
        )
        .unwrap();
    let terms = r#"{"offer_type":"rental","currency":"EUR","tax_rate":"19","monthly_per_unit":"12.90","one_time_per_unit":"0","setup_fee":"0","minimum_term_months":12,"notice_period_months":3,"renewal_period_months":12,"leasing":null}"#;
    let floor_for = |count: usize| {
        floor_db.execute("DELETE FROM instance", []).unwrap();
        let t = Instant::now();
        let tx = floor_db.unchecked_transaction().unwrap();
        {
            let mut insert = tx
                .prepare("INSERT INTO instance (customer_id, item_id, variant_id, offer_type, context, employee_id, workplace_id, quantity, terms, status, start_date, parent_id, reason) VALUES (1, 2, 3, 'rental', 'employee', ?1, NULL, 1, ?2, 'ordered', '2027-01-01', NULL, 'requested')")
                .unwrap();
            for n in 0..count {
                insert.execute(rusqlite::params![n as i64, terms]).unwrap();
            }
        }
        tx.commit().unwrap();
        t.elapsed()
    };
    let floor = floor_for(rows);
    let floor_all = floor_for(written);

    println!(
        "booking bundle for {EMPLOYEES} employees across {LOCATIONS} locations: {rows} instances"
    );
    println!("  plan   {:>8.1} ms", planning.as_secs_f64() * 1e3);
    println!(
        "  apply  {:>8.1} ms (checks the plan is current, then writes)",
        applying.as_secs_f64() * 1e3
    );
    println!("  total  {:>8.1} ms", total.as_secs_f64() * 1e3);
    println!(
        "  floor  {:>8.1} ms (bare insert of {rows} rows in one transaction)",
        floor.as_secs_f64() * 1e3
    );
    println!(
        "  ratio  {:>8.2} x the floor",
        total.as_secs_f64() / floor.as_secs_f64()
    );
    println!("  rows written in all: {written} (instances, transitions, options, prerequisites)");
    println!(
        "  floor  {:>8.1} ms (bare insert of {written} rows in one transaction)",
        floor_all.as_secs_f64() * 1e3
    );
    println!(
        "  ratio  {:>8.2} x that floor",
        total.as_secs_f64() / floor_all.as_secs_f64()
    );
    println!(
        "  schema {:>8.1} ms (the same {written} rows inserted row by row into our own tables, keys and indexes)",
        schema_floor.as_secs_f64() * 1e3
    );
    println!(
        "  ratio  {:>8.2} x that",
        total.as_secs_f64() / schema_floor.as_secs_f64()
    );
}
