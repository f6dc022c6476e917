//! Small supplier feeds made in the test, and the import that reads them the
//! way the app does (a file of that name, no progress shown, never cancelled);
//! for the benchmarks, a generated ITScope feed of many rows.

use servicefolio::master::{import_reader, ImportOptions, ImportReport};
use servicefolio::Store;
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use tempfile::TempDir;

/// ITScope's standard export: the product type's id and its name (16 fields).
pub const ITSCOPE_HEADER: &str = "puid;ean;manufacturerSKU;manufacturerName;productNameWithManufacturer;\
shortDescription;longDescription;productTypeId;productTypeName;price;priceCalc;currencyCode;taxRate;stockStatus;stock;supplierSKU";

/// The same export without the product type's name (15 fields).
pub const ITSCOPE_HEADER_WITHOUT_TYPE_NAME: &str = "puid;ean;manufacturerSKU;manufacturerName;productNameWithManufacturer;\
shortDescription;longDescription;productTypeId;price;priceCalc;currencyCode;taxRate;stockStatus;stock;supplierSKU";

/// A CSV file: `header`, then one line a row, each line ended.
pub fn csv_file(header: &str, rows: &[String]) -> Vec<u8> {
    let mut text = String::from(header);
    for r in rows {
        text.push('\n');
        text.push_str(r);
    }
    text.push('\n');
    text.into_bytes()
}

/// An ITScope standard export of `rows` (each 16 fields, `;`-separated).
pub fn itscope_csv(rows: &[String]) -> Vec<u8> {
    csv_file(ITSCOPE_HEADER, rows)
}

/// Import options naming the feed's source (who owns what it delivers).
pub fn from_source(source: &str) -> ImportOptions {
    ImportOptions {
        source: Some(source.into()),
        ..ImportOptions::default()
    }
}

/// Imports `bytes` as the file `file_name` (its ending and content choose the
/// format), as one import run.
pub fn import_bytes(
    store: &mut Store,
    bytes: &[u8],
    file_name: &str,
    options: &ImportOptions,
) -> servicefolio::Result<ImportReport> {
    import_reader(
        store,
        Cursor::new(bytes.to_vec()),
        file_name,
        bytes.len() as u64,
        options,
        &mut |_| {},
        &AtomicBool::new(false),
    )
}

/// How many rows a benchmark's generated feed has: `BENCH_ROWS`, else a million.
pub fn bench_rows() -> u64 {
    std::env::var("BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

/// A generated ITScope feed (`itscope.csv`) in a temporary folder of its own,
/// where a benchmark also puts its databases.
#[derive(Debug)]
pub struct GeneratedFeed {
    pub path: PathBuf,
    pub dir: TempDir,
}

/// `rows` generated ITScope rows (seed 42: the same feed in every run).
pub fn generated_itscope_feed(rows: u64) -> GeneratedFeed {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("itscope.csv");
    let file = std::fs::File::create(&path).expect("feed file");
    servicefolio::feed::generate_itscope_feed(rows, 42, std::io::BufWriter::new(file))
        .expect("generate");
    GeneratedFeed { path, dir }
}
