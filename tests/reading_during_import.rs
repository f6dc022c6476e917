//! Reading while the store writes (issue 12): a `StoreReader` on the same file
//! answers while an import holds its one long write transaction, sees the
//! state committed before it (never the import's uncommitted rows), sees the
//! import's rows once it commits, and sees nothing changed after a cancel.
//! The import is paused by its own progress hook, which reads through the
//! reader: no threads racing, no timing.

mod support;

use servicefolio::catalog::{self, CatalogQuery, ProductSearch};
use servicefolio::customer::{self, CustomerRecord};
use servicefolio::feed::generate_itscope_feed;
use servicefolio::master::import_reader;
use servicefolio::{offer, store, Error, Store, StoreReader};
use std::io::Cursor;
use std::sync::atomic::{AtomicBool, Ordering};
use support::customers::NewCustomer;
use support::feeds::{from_source, import_bytes};
use support::store::{temp_store_without_demo, TempStore};

/// What the browsing views show of the store: the catalog list, the product
/// search, the customers, the offers, and the revision the UI's plans carry.
#[derive(Debug, PartialEq)]
struct Browsed {
    catalog_items: usize,
    product_hits: usize,
    customers: Vec<String>,
    offers: usize,
    revision: i64,
}

fn browse(reader: &mut StoreReader) -> Browsed {
    reader
        .read(|conn| {
            Ok(Browsed {
                catalog_items: catalog::list_items(conn, &CatalogQuery::default())?.len(),
                product_hits: catalog::search_products(
                    conn,
                    &ProductSearch {
                        limit: Some(500),
                        ..ProductSearch::default()
                    },
                )?
                .len(),
                customers: customer::customers(conn)?
                    .into_iter()
                    .map(|c| c.record.name)
                    .collect(),
                offers: offer::offers(conn, None)?.len(),
                revision: store::revision(conn)?,
            })
        })
        .expect("the reader answers")
}

fn feed(rows: u64, seed: u64) -> Vec<u8> {
    let mut bytes = Vec::new();
    generate_itscope_feed(rows, seed, &mut bytes).expect("feed");
    bytes
}

/// A store on a real file (a reader needs one) with a small catalog from an
/// import and one customer.
fn store_with_catalog() -> TempStore {
    let mut db = temp_store_without_demo("servicefolio.db");
    import_bytes(
        &mut db.store,
        &feed(40, 1),
        "small.csv",
        &from_source("itscope"),
    )
    .expect("small import");
    NewCustomer::named("Müller Maschinenbau").create_in(&mut db.store);
    db
}

#[test]
fn a_read_during_an_import_sees_the_store_as_it_was_and_the_import_once_it_commits() {
    let db = store_with_catalog();
    let mut store = db.store;
    let mut reader = store.open_reader().expect("reader");
    let before = browse(&mut reader);
    assert_eq!(before.product_hits, 40);
    assert_eq!(before.customers, ["Müller Maschinenbau"]);

    // Over 1 MB into a small catalog: bulk mode, which also drops the list's
    // indexes and the search triggers inside the import's transaction. The
    // reader keeps seeing the committed schema and rows.
    let big = feed(6_000, 2);
    assert!(big.len() > 1 << 20);
    let mut during = Vec::new();
    let report = import_reader(
        &mut store,
        Cursor::new(big.clone()),
        "big.csv",
        big.len() as u64,
        &from_source("itscope"),
        &mut |_| during.push(browse(&mut reader)),
        &AtomicBool::new(false),
    )
    .expect("import");
    // (A few generated articles match the small catalog's products.)
    assert!(report.new > 5_000, "{report:?}");

    // The hook ran inside the open import transaction, after thousands of
    // uncommitted rows: every read there answered with the state before.
    assert!(during.len() >= 2, "progress was reported during the import");
    for seen in &during {
        assert_eq!(seen, &before);
    }
    // Committed: the next read of the same reader sees the new products and
    // the moved revision (no snapshot outlived the reads before).
    let after = browse(&mut reader);
    assert_eq!(
        after.product_hits, 500,
        "the search now finds the new products"
    );
    assert_eq!(
        after.catalog_items,
        before.catalog_items + usize::try_from(report.new).expect("count")
    );
    assert!(after.revision > before.revision);
    assert_eq!(after.customers, before.customers);
}

#[test]
fn a_cancelled_import_changes_nothing_the_reader_sees() {
    let db = store_with_catalog();
    let mut store = db.store;
    let mut reader = store.open_reader().expect("reader");
    let before = browse(&mut reader);

    let big = feed(10_000, 3);
    let cancel = AtomicBool::new(false);
    let mut during = Vec::new();
    let error = import_reader(
        &mut store,
        Cursor::new(big.clone()),
        "big.csv",
        big.len() as u64,
        &from_source("itscope"),
        &mut |_| {
            // The user browses, then cancels, while the import runs.
            during.push(browse(&mut reader));
            cancel.store(true, Ordering::Relaxed);
        },
        &cancel,
    )
    .expect_err("cancelled");
    assert!(matches!(error, Error::Cancelled), "{error}");
    assert_eq!(during, [before]);
    let after = browse(&mut reader);
    assert_eq!(
        browse(&mut reader),
        after,
        "reading twice changes nothing either"
    );
    assert_eq!(after, during[0], "the rolled-back import left no trace");
}

#[test]
fn a_write_transaction_open_on_another_thread_does_not_hold_up_the_reader() {
    let db = store_with_catalog();
    let mut store = db.store;
    let mut reader = store.open_reader().expect("reader");
    let before = browse(&mut reader);

    let (opened_tx, opened) = std::sync::mpsc::channel();
    let (finish_tx, finish) = std::sync::mpsc::channel::<()>();
    let writer = std::thread::spawn(move || {
        store
            .write(|tx| {
                customer::create_customer(
                    tx,
                    &CustomerRecord {
                        name: "Schulz Logistik".into(),
                        currency: "EUR".into(),
                        ..CustomerRecord::default()
                    },
                )?;
                // The insert is made and not committed; wait while the
                // other thread reads.
                opened_tx.send(()).expect("signal");
                finish.recv().expect("go on");
                Ok(())
            })
            .expect("write");
        store
    });
    opened.recv().expect("the write transaction is open");
    assert_eq!(
        browse(&mut reader),
        before,
        "the uncommitted customer is not seen"
    );
    finish_tx.send(()).expect("signal");
    let store = writer.join().expect("writer thread");

    let after = browse(&mut reader);
    assert_eq!(after.customers, ["Müller Maschinenbau", "Schulz Logistik"]);
    assert_eq!(after.revision, before.revision + 1);
    // No read transaction stays open on the reader: a checkpoint can copy the
    // whole WAL back into the database (a reader holding a snapshot would
    // keep it from finishing: busy = 1).
    let (busy, _, _): (i64, i64, i64) = store
        .conn()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .expect("checkpoint");
    assert_eq!(busy, 0);
}

#[test]
fn the_reader_never_writes_and_needs_a_file() {
    let db = store_with_catalog();
    let store = db.store;
    let mut reader = store.open_reader().expect("reader");
    // A read that tries to write is refused by SQLite (the UI's reads never
    // do; a bug that did must not write behind the writer's back).
    let refused = reader.read(|conn| {
        conn.execute("DELETE FROM customer", [])?;
        Ok(())
    });
    assert!(matches!(refused, Err(Error::Database(_))), "{refused:?}");
    assert_eq!(browse(&mut reader).customers, ["Müller Maschinenbau"]);
    assert_eq!(reader.info().expect("info"), store.info().expect("info"));

    let in_memory = Store::open_in_memory_empty().expect("store");
    let error = in_memory.open_reader().expect_err("no file to share");
    assert_eq!(error.kind(), servicefolio::ErrorKind::InvalidInput);
}
