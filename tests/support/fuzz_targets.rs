//! The bodies of the fuzz targets, shared by the cargo-fuzz project (`fuzz/`,
//! one binary per target) and the corpus runner that `cargo test` runs
//! (`tests/fuzz_corpus.rs`). Each takes the bytes of a file as a user would
//! open it and hands them to the core's public entry points the way the app
//! does: the import wizard's preview, the feed reader with the format forced
//! and detected, the whole import into a fresh empty store; the portfolio
//! file parsed, validated, imported, written back, and its items booked and
//! offered; the employee file read, previewed and imported.
//!
//! Besides "no panic" (libFuzzer aborts on one, the corpus runner catches it),
//! every body checks what must hold whatever the bytes are, with `assert!`s
//! that both callers see as failures:
//! - a refused input says why (a message that is not empty);
//! - a refused import or write changes nothing (revision and row counts);
//! - what a reader counts is what it handed out, and the import reads the
//!   same rows the reader did;
//! - what the app writes (a portfolio export) it reads back, unchanged;
//! - whatever amounts a file brings, booking and offering them does not crash.
//!
//! Only the core's public API is used: nothing here is compiled into the core.

use chrono::NaiveDate;
use rusqlite::Connection;
use servicefolio::booking::{self, ApplyAs, BookingRequest, ChosenOption, ContextSelector};
use servicefolio::catalog::{ItemRecord, LinkMode};
use servicefolio::customer::{
    self, BadRows, CloudContainerRecord, CustomerRecord, EmployeeRecord, LocationRecord,
    WorkplaceRecord,
};
use servicefolio::feed::{
    detect_format, encoding::SNIFF_BYTES, preview_feed, read_feed, FeedFormat, FeedItem,
    FeedOptions,
};
use servicefolio::master::{import_reader, ImportOptions};
use servicefolio::offer::{self, OfferDraft, OfferExportFormat};
use servicefolio::portfolio::{self, PortfolioFile};
use servicefolio::vocabulary::{BookingContext, ContextRef, OfferType};
use servicefolio::{ErrorKind, Store};
use std::convert::Infallible;
use std::io::Cursor;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::OnceLock;

/// What became of one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Read and imported (possibly with rejected rows).
    Accepted,
    /// Refused as a whole, with this message.
    Refused(String),
}

/// A target's body: the bytes of one file in, what became of them out.
pub type Target = fn(&[u8]) -> Outcome;

/// The five targets, by the names of the cargo-fuzz binaries and corpus folders.
pub const TARGETS: [(&str, Target); 5] = [
    ("feed_csv", feed_csv),
    ("feed_xlsx", feed_xlsx),
    ("feed_bmecat", feed_bmecat),
    ("portfolio", portfolio),
    ("employee_import", employee_import),
];

pub fn feed_csv(data: &[u8]) -> Outcome {
    feed(data, FeedFormat::Csv, "feed.csv")
}

/// The bytes as a workbook: a zip file as it is, anything else as the parts
/// of a workbook this harness zips up (see [`xlsx_input`]).
pub fn feed_xlsx(data: &[u8]) -> Outcome {
    feed(&xlsx_input(data), FeedFormat::Xlsx, "feed.xlsx")
}

pub fn feed_bmecat(data: &[u8]) -> Outcome {
    feed(data, FeedFormat::Bmecat, "feed.xml")
}

/// A refusal must say what is wrong.
fn refused(message: String) -> Outcome {
    assert!(
        !message.trim().is_empty(),
        "a refused input came back without a message"
    );
    Outcome::Refused(message)
}

/// Articles and problems a whole reading handed out (checked against its
/// summary), or the refusal's message.
fn read_all(data: &[u8], format: Option<FeedFormat>, file: &str) -> Result<(u32, u32), String> {
    let options = FeedOptions {
        file_name: file.into(),
        format,
        ..FeedOptions::default()
    };
    let (mut articles, mut problems) = (0u32, 0u32);
    let mut lines = Vec::new();
    let summary = read_feed(Cursor::new(data), &options, &mut |item| {
        match item {
            FeedItem::Article(article) => {
                articles += 1;
                lines.push(article.location.line);
            }
            FeedItem::Problem(problem) => {
                assert!(
                    !problem.reason.trim().is_empty(),
                    "a rejected row without a reason: {problem:?}"
                );
                problems += 1;
                lines.push(problem.location.line);
            }
            _ => {}
        }
        Ok::<(), Infallible>(())
    })
    .map_err(|failure| failure.to_string())?;
    assert_eq!(
        (summary.articles, summary.problems),
        (articles, problems),
        "the summary counts what the reader handed out"
    );
    if let Some(format) = format {
        assert_eq!(summary.format, Some(format));
    }
    if summary.format == Some(FeedFormat::Csv) {
        // Rows come in file order, after the header.
        assert!(
            lines.windows(2).all(|w| w[0] <= w[1]) && lines.iter().all(|l| *l >= 2),
            "CSV rows report the lines they are on: {lines:?}"
        );
    }
    Ok((articles, problems))
}

/// An empty store (the real migrations, no demo) for one input: a database
/// file copied from a template made once per process, in `/dev/shm` where
/// there is one (else the temporary folder), removed again when dropped. Creating a
/// store runs every migration, about 9 ms even in an optimised build; the copy
/// opens in 2, which quadruples the fuzzer's executions per second.
struct Scratch {
    store: Option<Store>,
    path: PathBuf,
}

impl Scratch {
    fn new() -> Scratch {
        static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let dir = ["/dev/shm"]
            .iter()
            .map(PathBuf::from)
            .find(|d| d.is_dir())
            .unwrap_or_else(std::env::temp_dir);
        let pid = std::process::id();
        let path = |n: u64| dir.join(format!("servicefolio-fuzz-{pid}-{n}.db"));
        let template = TEMPLATE.get_or_init(|| {
            let made = path(NEXT.fetch_add(1, Ordering::Relaxed));
            remove_database(&made);
            drop(Store::open_without_demo(&made).expect("a template store"));
            let bytes = std::fs::read(&made).expect("the template store");
            remove_database(&made);
            bytes
        });
        let path = path(NEXT.fetch_add(1, Ordering::Relaxed));
        remove_database(&path);
        std::fs::write(&path, template).expect("a scratch store");
        let store = Store::open_without_demo(&path).expect("the scratch store opens");
        Scratch {
            store: Some(store),
            path,
        }
    }

    fn store(&mut self) -> &mut Store {
        self.store.as_mut().expect("open until dropped")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        drop(self.store.take());
        remove_database(&self.path);
    }
}

fn remove_database(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let mut file = path.as_os_str().to_owned();
        file.push(suffix);
        let _ = std::fs::remove_file(file);
    }
}

/// What a refused write must leave as it was.
fn snapshot(conn: &Connection) -> Vec<i64> {
    let mut counts = vec![servicefolio::store::revision(conn).expect("revision")];
    for table in [
        "catalog_item",
        "product",
        "supplier_offer",
        "import_run",
        "employee",
        "location",
        "instance",
        "offer",
    ] {
        counts.push(
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .expect("count"),
        );
    }
    counts
}

fn feed(data: &[u8], format: FeedFormat, file: &str) -> Outcome {
    // The import wizard looks at the file first.
    if let Ok(preview) = preview_feed(Cursor::new(data), file, 20) {
        assert!(
            preview.rows.len() <= 20,
            "a preview shows at most its limit"
        );
    }

    let forced = read_all(data, Some(format), file);
    if let Err(message) = &forced {
        refused(message.clone());
    }
    let head = &data[..data.len().min(SNIFF_BYTES)];
    match detect_format(head) {
        Some(detected) if detected == format => assert_eq!(
            read_all(data, None, file),
            forced,
            "a detected format reads like the same format chosen"
        ),
        Some(_) => {
            let _ = read_all(data, None, file);
        }
        None => {}
    }

    let mut scratch = Scratch::new();
    let store = scratch.store();
    let before = snapshot(store.conn());
    let options = ImportOptions {
        format: Some(format),
        ..ImportOptions::default()
    };
    let total = u64::try_from(data.len()).unwrap_or(u64::MAX);
    let imported = import_reader(
        store,
        Cursor::new(data),
        file,
        total,
        &options,
        &mut |_| {},
        &AtomicBool::new(false),
    );
    match imported {
        Ok(report) => {
            let Ok((articles, problems)) = forced else {
                panic!("the import took a file the reader refused: {forced:?}");
            };
            assert_eq!(
                report.rows_read,
                articles + problems,
                "the import reads the rows the reader does"
            );
            assert!(report.rejected <= report.rows_read);
            Outcome::Accepted
        }
        Err(error) => {
            assert_eq!(
                snapshot(store.conn()),
                before,
                "a refused import changes nothing"
            );
            refused(error.to_string())
        }
    }
}

/// A portfolio file as `servicefolio import` reads it: text, parsed, imported
/// into an empty catalog; then exported, read back and imported again; then
/// sold (see [`sell`]).
pub fn portfolio(data: &[u8]) -> Outcome {
    let Ok(text) = std::str::from_utf8(data) else {
        // The CLI reads the file as UTF-8 text and stops here.
        return refused("not UTF-8 text".into());
    };
    let file = match PortfolioFile::parse(text) {
        Ok(file) => file,
        Err(error) => {
            assert_eq!(error.kind(), ErrorKind::InvalidPortfolio, "{error}");
            return refused(error.to_string());
        }
    };
    let _ = portfolio::validate(&file);
    let mut scratch = Scratch::new();
    let store = scratch.store();
    let before = snapshot(store.conn());
    match portfolio::import(store, &file) {
        Err(error) => {
            assert_eq!(
                snapshot(store.conn()),
                before,
                "a refused import changes nothing"
            );
            refused(error.to_string())
        }
        Ok(_) => {
            let exported = portfolio::export(store.conn()).expect("an imported catalog exports");
            let again = PortfolioFile::parse(&exported)
                .unwrap_or_else(|e| panic!("the export does not read back: {e}\n{exported}"));
            portfolio::validate(&again)
                .unwrap_or_else(|e| panic!("the export is not valid: {e}\n{exported}"));
            let second = portfolio::import(store, &again)
                .unwrap_or_else(|e| panic!("the export does not import back: {e}\n{exported}"));
            assert_eq!(
                (second.added, second.updated),
                (0, 0),
                "importing the export again changes nothing"
            );
            sell(store, &file);
            Outcome::Accepted
        }
    }
}

/// Requests [`sell`] makes of one file, at most.
const SOLD_REQUESTS: usize = 6;

/// Sells what a portfolio file brought: for a customer with one context of
/// every kind, books up to [`SOLD_REQUESTS`] of its items (each service variant
/// with every offer type it offers, its applicable option groups' first
/// choices and its optional links; each product purchased), lists the
/// inventory, and makes an offer of each request and exports it as CSV. Any
/// amount a file may hold must price without a crash; a refusal says why and
/// writes nothing.
fn sell(store: &mut Store, file: &PortfolioFile) {
    let contexts = store
        .write(|tx| {
            let customer = customer::create_customer(
                tx,
                &CustomerRecord {
                    name: "Fuzz GmbH".into(),
                    currency: "EUR".into(),
                    ..CustomerRecord::default()
                },
            )?;
            let location = customer::create_location(
                tx,
                customer.id,
                &LocationRecord {
                    name: "Berlin".into(),
                    ..LocationRecord::default()
                },
            )?;
            let employee = customer::create_employee(
                tx,
                customer.id,
                &EmployeeRecord {
                    name: "Anna".into(),
                    location_id: Some(location.id),
                    ..EmployeeRecord::default()
                },
            )?;
            let container = customer::create_cloud_container(
                tx,
                customer.id,
                &CloudContainerRecord {
                    name: "ERP".into(),
                    ..CloudContainerRecord::default()
                },
            )?;
            let workplace = customer::create_workplace(
                tx,
                &WorkplaceRecord {
                    employee_id: employee.id,
                    name: "Anna".into(),
                },
            )?;
            Ok((
                customer.id,
                [
                    (BookingContext::Employee, ContextRef::Employee(employee.id)),
                    (BookingContext::Location, ContextRef::Location(location.id)),
                    (
                        BookingContext::CloudContainer,
                        ContextRef::CloudContainer(container.id),
                    ),
                    (
                        BookingContext::Workplace,
                        ContextRef::Workplace(workplace.id),
                    ),
                    (BookingContext::Global, ContextRef::Global),
                ],
            ))
        })
        .expect("a customer with every kind of context");
    let (customer_id, refs) = contexts;
    let start = NaiveDate::from_ymd_opt(2027, 1, 1).expect("a date");
    let context = |allowed: &[BookingContext]| {
        let kind = allowed.first().copied().unwrap_or(BookingContext::Global);
        refs.iter()
            .find(|(k, _)| *k == kind)
            .map_or(ContextRef::Global, |(_, r)| *r)
    };
    let mut requests = Vec::new();
    let all = file
        .catalog
        .services
        .iter()
        .map(|s| ItemRecord::Service(s.clone()));
    let all = all.chain(
        file.catalog
            .products
            .iter()
            .map(|p| ItemRecord::Product(p.clone())),
    );
    for item in all {
        let include_optional: Vec<String> = item
            .links()
            .iter()
            .filter(|l| l.mode == LinkMode::Optional)
            .map(|l| l.item.clone())
            .collect();
        let request = |variant: Option<String>, options, offer_type, contexts| BookingRequest {
            customer_id,
            item: item.code().to_owned(),
            variant,
            options,
            offer_type,
            contexts: ContextSelector::Contexts(vec![contexts]),
            quantity: 1,
            start_date: start,
            include_optional: include_optional.clone(),
            add_anyway: false,
        };
        match &item {
            ItemRecord::Service(service) => {
                for variant in &service.variants {
                    let options: Vec<ChosenOption> = service
                        .option_groups
                        .iter()
                        .filter(|g| g.variants.is_empty() || g.variants.contains(&variant.code))
                        .filter_map(|g| {
                            g.choices.first().map(|c| ChosenOption {
                                group: g.code.clone(),
                                choice: c.code.clone(),
                            })
                        })
                        .collect();
                    let terms = &variant.offers;
                    for (offered, offer_type) in [
                        (terms.rental.is_some(), OfferType::Rental),
                        (terms.purchase.is_some(), OfferType::Purchase),
                        (terms.leasing.is_some(), OfferType::Leasing),
                    ] {
                        if offered {
                            requests.push(request(
                                Some(variant.code.clone()),
                                options.clone(),
                                offer_type,
                                context(&service.allowed_contexts),
                            ));
                        }
                    }
                }
            }
            ItemRecord::Product(product) => requests.push(request(
                None,
                Vec::new(),
                OfferType::Purchase,
                context(&product.allowed_contexts),
            )),
            ItemRecord::AddOn(_) => {}
        }
    }

    for request in requests.into_iter().take(SOLD_REQUESTS) {
        let before = snapshot(store.conn());
        match booking::plan(store.conn(), &request) {
            Ok(plan) => match store.write(|tx| booking::apply(tx, &plan, ApplyAs::Ordered)) {
                Ok(instances) => assert_eq!(instances.len(), plan.lines.len()),
                Err(error) => {
                    assert_eq!(
                        snapshot(store.conn()),
                        before,
                        "a refused booking writes nothing"
                    );
                    refused(error.to_string());
                }
            },
            Err(error) => {
                assert_eq!(snapshot(store.conn()), before, "a plan writes nothing");
                refused(error.to_string());
            }
        }
        let before = snapshot(store.conn());
        let draft = OfferDraft {
            customer_id,
            requests: vec![request],
            changes: Vec::new(),
            offer_date: Some(start),
            valid_until: None,
            notes: String::new(),
        };
        match store.write(|tx| offer::create_offer(tx, &draft)) {
            Ok(created) => {
                if let Err(error) =
                    offer::export_offer(store.conn(), created.id, OfferExportFormat::Csv)
                {
                    refused(error.to_string());
                }
            }
            Err(error) => {
                assert_eq!(
                    snapshot(store.conn()),
                    before,
                    "a refused offer writes nothing"
                );
                refused(error.to_string());
            }
        }
    }
    if let Err(error) = booking::inventory(store.conn(), customer_id, start) {
        refused(error.to_string());
    }
}

/// An employee file as the app reads it (a zip file is a workbook, other bytes
/// CSV text), previewed and imported for a customer; bytes that start with `<`
/// are the parts of a workbook this harness zips up (see [`xlsx_input`]).
pub fn employee_import(data: &[u8]) -> Outcome {
    let bytes = if data.starts_with(b"<") {
        xlsx_input(data)
    } else {
        data.to_vec()
    };
    let rows = match customer::read_employee_file(&bytes) {
        Ok(rows) => rows,
        Err(error) => return refused(error.to_string()),
    };
    assert!(
        rows.windows(2).all(|w| w[0].line < w[1].line),
        "rows come in file order with their lines"
    );
    assert!(rows.iter().all(|r| r.line >= 2), "the header is line 1");

    let mut scratch = Scratch::new();
    let store = scratch.store();
    let customer_id = store
        .write(|tx| {
            customer::create_customer(
                tx,
                &CustomerRecord {
                    name: "Fuzz GmbH".into(),
                    currency: "EUR".into(),
                    ..CustomerRecord::default()
                },
            )
        })
        .expect("a customer")
        .id;
    let employees = |store: &Store| {
        customer::customer_structure(store.conn(), customer_id)
            .expect("the structure")
            .employees
            .len()
    };
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);

    let before = snapshot(store.conn());
    let preview = store
        .write(|tx| customer::import_employees(tx, customer_id, &rows, BadRows::RefuseFile, true));
    let preview = match preview {
        Ok(preview) => preview,
        Err(error) => {
            assert_eq!(
                snapshot(store.conn()),
                before,
                "a refused preview changes nothing"
            );
            return refused(error.to_string());
        }
    };
    assert_eq!(preview.created, 0, "a preview creates nothing");
    assert_eq!(preview.rows, count(rows.len()));
    assert_eq!(employees(store), 0, "a preview writes nothing");

    let before = snapshot(store.conn());
    let whole = store
        .write(|tx| customer::import_employees(tx, customer_id, &rows, BadRows::RefuseFile, false));
    let whole = match whole {
        Ok(report) => report,
        Err(error) => {
            assert_eq!(
                snapshot(store.conn()),
                before,
                "a refused import changes nothing"
            );
            return refused(error.to_string());
        }
    };
    assert_eq!(
        whole.problems, preview.problems,
        "the preview told the truth"
    );
    if whole.problems.is_empty() {
        assert_eq!(whole.created, count(rows.len()));
        assert_eq!(employees(store), rows.len());
        return Outcome::Accepted;
    }
    assert_eq!(whole.created, 0, "bad rows stop the whole file");
    assert_eq!(employees(store), 0);

    let before = snapshot(store.conn());
    match store.write(|tx| customer::import_employees(tx, customer_id, &rows, BadRows::Skip, false))
    {
        Ok(report) => {
            let mut bad: Vec<u32> = report.problems.iter().map(|p| p.line).collect();
            bad.dedup();
            assert_eq!(
                report.created,
                count(rows.len() - bad.len()),
                "every row without a problem is created"
            );
            assert_eq!(employees(store), rows.len() - bad.len());
            Outcome::Accepted
        }
        Err(error) => {
            assert_eq!(
                snapshot(store.conn()),
                before,
                "a refused import changes nothing"
            );
            refused(error.to_string())
        }
    }
}

/// Marks where one part of a workbook ends in a fuzz input (a NUL byte never
/// occurs in the XML of a part).
pub const PART_SEPARATOR: u8 = 0;

/// The workbook bytes of a fuzz input: a zip file is taken as it is; other bytes
/// are the parts `sheet1.xml \0 sharedStrings.xml \0 styles.xml \0 workbook.xml`
/// (missing or empty ones left out, a default workbook), zipped here with
/// correct checksums so that mutations reach calamine's XML reading instead
/// of stopping at the zip layer.
pub fn xlsx_input(data: &[u8]) -> Vec<u8> {
    if data.starts_with(b"PK") {
        return data.to_vec();
    }
    let mut parts = data.splitn(4, |b| *b == PART_SEPARATOR);
    let sheet = parts.next().unwrap_or_default();
    let shared = parts.next().unwrap_or_default();
    let styles = parts.next().unwrap_or_default();
    let workbook = parts.next().filter(|w| !w.is_empty()).unwrap_or(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if !shared.is_empty() {
        entries.push(("xl/sharedStrings.xml", shared));
    }
    if !styles.is_empty() {
        entries.push(("xl/styles.xml", styles));
    }
    stored_zip(&entries)
}

/// The reverse of [`xlsx_input`] for a workbook the harness can read: its parts
/// joined with [`PART_SEPARATOR`] (to write seeds from real workbooks).
#[allow(dead_code)]
pub fn xlsx_parts(sheet: &[u8], shared: &[u8], styles: &[u8], workbook: &[u8]) -> Vec<u8> {
    let mut out = sheet.to_vec();
    for part in [shared, styles, workbook] {
        out.push(PART_SEPARATOR);
        out.extend_from_slice(part);
    }
    out
}

const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;

const ROOT_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;

const WORKBOOK_RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// A zip archive of uncompressed ("stored") entries.
pub fn stored_zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    fn u16le(out: &mut Vec<u8>, v: usize) {
        out.extend_from_slice(&u16::try_from(v).unwrap_or(u16::MAX).to_le_bytes());
    }
    fn u32le(out: &mut Vec<u8>, v: usize) {
        out.extend_from_slice(&u32::try_from(v).unwrap_or(u32::MAX).to_le_bytes());
    }
    // 1980-01-01 00:00, the earliest time a zip file can state.
    const TIME: usize = 0;
    const DATE: usize = 0x21;
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in entries {
        let offset = out.len();
        let crc = usize::try_from(crc32(data)).unwrap_or_default();
        out.extend_from_slice(b"PK\x03\x04");
        for v in [20, 0, 0, TIME, DATE] {
            u16le(&mut out, v);
        }
        for v in [crc, data.len(), data.len()] {
            u32le(&mut out, v);
        }
        u16le(&mut out, name.len());
        u16le(&mut out, 0);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        central.extend_from_slice(b"PK\x01\x02");
        for v in [20, 20, 0, 0, TIME, DATE] {
            u16le(&mut central, v);
        }
        for v in [crc, data.len(), data.len()] {
            u32le(&mut central, v);
        }
        for v in [name.len(), 0, 0, 0, 0] {
            u16le(&mut central, v);
        }
        u32le(&mut central, 0);
        u32le(&mut central, offset);
        central.extend_from_slice(name.as_bytes());
    }
    let central_offset = out.len();
    out.extend_from_slice(&central);
    out.extend_from_slice(b"PK\x05\x06");
    for v in [0, 0, entries.len(), entries.len()] {
        u16le(&mut out, v);
    }
    u32le(&mut out, central.len());
    u32le(&mut out, central_offset);
    u16le(&mut out, 0);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}
