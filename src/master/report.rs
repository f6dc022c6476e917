//! The import report: saved with the run, listed and reopened.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

use crate::error::{GuardReason, SourceLocation};
use crate::feed::{ConversionKind, FeedFormat, PriceConversion, PriceTypeCount, RowProblem};
use crate::{Error, Result};

/// Why an import discontinued an offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Removal {
    /// A full feed of the offer's catalog did not name it.
    Missing,
    /// The feed deleted it (BMEcat `mode="delete"`).
    Deleted,
}

impl Removal {
    pub(super) fn as_str(self) -> &'static str {
        match self {
            Removal::Missing => "missing",
            Removal::Deleted => "deleted",
        }
    }
}

/// An offer an import discontinued, with its product's name at the time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct DiscontinuedOffer {
    pub product_id: i64,
    pub source_key: String,
    pub name: String,
    pub why: Removal,
}

/// What a run did about discontinuing, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Discontinuation {
    /// Not a full feed: what it lacks stays as it is.
    NotFull,
    /// A full feed with rejected rows whose key could not be read: it cannot
    /// tell which articles those were, so it discontinued nothing.
    RowsWithoutKey { rows: u32 },
    /// A full feed: `missing` of the catalog's `active` offers were not in it
    /// and were discontinued; `allowed`: what the guard saw and the user allowed.
    FullFeed {
        active: u32,
        missing: u32,
        allowed: Vec<GuardReason>,
    },
}

/// What one import did: counts and every rejected row (file, line or XML
/// element path, field, reason; the first [`super::KEPT_PROBLEMS`] are kept).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportReport {
    pub id: i64,
    pub source: String,
    /// The catalog the file delivered: `bmecat:<CATALOG_ID>`, or `csv` / `xlsx`.
    pub catalog: String,
    pub file_name: String,
    pub format: FeedFormat,
    /// The file listed every article of the source's catalog (missing ones were discontinued).
    pub full_feed: bool,
    pub started_at: String,
    pub finished_at: String,
    /// Articles and rejected rows read.
    pub rows_read: u32,
    /// Supplier offers created (of which `new_products` created a product; the
    /// others joined a product with the same GTIN or manufacturer + part number).
    pub new: u32,
    pub new_products: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub rejected: u32,
    /// Offers discontinued: missing from a full feed, or deleted by the feed.
    pub discontinued: u32,
    pub problems: Vec<RowProblem>,
    /// Rejected rows beyond the kept ones.
    pub problems_not_kept: u32,
    /// What the run did about discontinuing, and why (`None`: a run saved
    /// before this was recorded).
    pub discontinuation: Option<Discontinuation>,
    /// The offers discontinued (the first [`super::KEPT_DISCONTINUED`]) ...
    pub discontinued_offers: Vec<DiscontinuedOffer>,
    /// ... and how many more.
    pub discontinued_not_kept: u32,
    /// Articles taken without any price: findable, but not bookable or offerable
    /// until an import brings a price.
    pub unpriced: u32,
    /// Articles that stated no price whose offer kept the prices (and the
    /// order details) an earlier import brought.
    pub prices_kept: u32,
    /// Every price type the file states (BMEcat), most frequent first: on how
    /// many articles, and how many took it as cost and as list price.
    pub price_types: Vec<PriceTypeCount>,
    /// Distinct price types beyond the first 100 (counted, not listed).
    pub price_types_not_kept: u32,
    /// How stated prices became prices per sales unit: per kind of conversion,
    /// how many articles, and the first one as an example.
    pub price_conversions: Vec<PriceConversionSummary>,
}

/// One kind of price conversion in an import: how many articles it applied to
/// (counting each article once per kind), and the first as an example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct PriceConversionSummary {
    pub kind: ConversionKind,
    pub articles: u32,
    pub source_key: String,
    pub location: SourceLocation,
    pub example: PriceConversion,
}

impl Default for ImportReport {
    fn default() -> Self {
        ImportReport {
            id: 0,
            source: String::new(),
            catalog: String::new(),
            file_name: String::new(),
            format: FeedFormat::Csv,
            full_feed: false,
            started_at: String::new(),
            finished_at: String::new(),
            rows_read: 0,
            new: 0,
            new_products: 0,
            updated: 0,
            unchanged: 0,
            rejected: 0,
            discontinued: 0,
            problems: Vec::new(),
            problems_not_kept: 0,
            discontinuation: None,
            discontinued_offers: Vec::new(),
            discontinued_not_kept: 0,
            unpriced: 0,
            prices_kept: 0,
            price_types: Vec::new(),
            price_types_not_kept: 0,
            price_conversions: Vec::new(),
        }
    }
}

/// One line of the list of past imports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportRunSummary {
    pub id: i64,
    pub source: String,
    pub catalog: String,
    pub file_name: String,
    pub format: FeedFormat,
    pub full_feed: bool,
    pub finished_at: String,
    pub rows_read: u32,
    pub new: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub rejected: u32,
    pub discontinued: u32,
}

impl Discontinuation {
    pub(super) fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn from_json(json: Option<String>) -> Result<Option<Self>> {
        json.map(|j| {
            serde_json::from_str(&j)
                .map_err(|e| Error::Corrupt(format!("import run discontinuation: {e}")))
        })
        .transpose()
    }
}

fn removal_from(text: &str) -> Result<Removal> {
    match text {
        "missing" => Ok(Removal::Missing),
        "deleted" => Ok(Removal::Deleted),
        other => Err(Error::Corrupt(format!(
            "discontinued offer reason {other:?}"
        ))),
    }
}

pub(super) fn format_str(format: FeedFormat) -> &'static str {
    match format {
        FeedFormat::Bmecat => "bmecat",
        FeedFormat::Csv => "csv",
        FeedFormat::Xlsx => "xlsx",
    }
}

fn format_from(text: &str) -> Result<FeedFormat> {
    match text {
        "bmecat" => Ok(FeedFormat::Bmecat),
        "csv" => Ok(FeedFormat::Csv),
        "xlsx" => Ok(FeedFormat::Xlsx),
        other => Err(Error::Corrupt(format!("import format {other:?}"))),
    }
}

const RUN_COLUMNS: &str = "id, source, file_name, format, full_feed, started_at, finished_at,
    rows_read, new, new_products, updated, unchanged, rejected, discontinued, problems_not_kept,
    catalog, discontinuation, discontinued_not_kept, unpriced, price_types_not_kept, prices_kept";

/// A run's report without its lists, its format's text, and its
/// discontinuation's JSON.
fn report_from_row(r: &Row<'_>) -> rusqlite::Result<(ImportReport, String, Option<String>)> {
    Ok((
        ImportReport {
            id: r.get(0)?,
            source: r.get(1)?,
            catalog: r.get(15)?,
            file_name: r.get(2)?,
            format: FeedFormat::Csv,
            full_feed: r.get(4)?,
            started_at: r.get(5)?,
            finished_at: r.get(6)?,
            rows_read: r.get(7)?,
            new: r.get(8)?,
            new_products: r.get(9)?,
            updated: r.get(10)?,
            unchanged: r.get(11)?,
            rejected: r.get(12)?,
            discontinued: r.get(13)?,
            problems: Vec::new(),
            problems_not_kept: r.get(14)?,
            discontinuation: None,
            discontinued_offers: Vec::new(),
            discontinued_not_kept: r.get(17)?,
            unpriced: r.get(18)?,
            prices_kept: r.get(20)?,
            price_types: Vec::new(),
            price_types_not_kept: r.get(19)?,
            price_conversions: Vec::new(),
        },
        r.get(3)?,
        r.get(16)?,
    ))
}

/// Past imports, newest first.
pub fn import_reports(conn: &Connection) -> Result<Vec<ImportRunSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RUN_COLUMNS} FROM import_run ORDER BY id DESC"
    ))?;
    let mut rows = stmt.query([])?;
    let mut runs = Vec::new();
    while let Some(r) = rows.next()? {
        let (report, format, _) = report_from_row(r)?;
        runs.push(ImportRunSummary {
            id: report.id,
            source: report.source,
            catalog: report.catalog,
            file_name: report.file_name,
            format: format_from(&format)?,
            full_feed: report.full_feed,
            finished_at: report.finished_at,
            rows_read: report.rows_read,
            new: report.new,
            updated: report.updated,
            unchanged: report.unchanged,
            rejected: report.rejected,
            discontinued: report.discontinued,
        });
    }
    Ok(runs)
}

/// A saved report with its rejected rows and the offers it discontinued.
pub fn import_report(conn: &Connection, id: i64) -> Result<ImportReport> {
    let (mut report, format, discontinuation) = conn
        .prepare_cached(&format!(
            "SELECT {RUN_COLUMNS} FROM import_run WHERE id = ?1"
        ))?
        .query_row([id], report_from_row)
        .optional()?
        .ok_or_else(|| Error::not_found(format!("import report {id}")))?;
    report.format = format_from(&format)?;
    report.discontinuation = Discontinuation::from_json(discontinuation)?;
    let mut stmt = conn.prepare_cached(
        "SELECT file, line, element, field, reason, source_key FROM import_problem
         WHERE run_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        report.problems.push(RowProblem {
            file: r.get(0)?,
            location: SourceLocation {
                line: r.get(1)?,
                element: r.get(2)?,
            },
            field: r.get(3)?,
            reason: r.get(4)?,
            source_key: r.get(5)?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT product_id, source_key, name, why FROM import_discontinued
         WHERE run_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        report.discontinued_offers.push(DiscontinuedOffer {
            product_id: r.get(0)?,
            source_key: r.get(1)?,
            name: r.get(2)?,
            why: removal_from(&r.get::<_, String>(3)?)?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT price_type, articles, as_cost, as_list FROM import_price_type
         WHERE run_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        report.price_types.push(PriceTypeCount {
            price_type: r.get(0)?,
            articles: r.get(1)?,
            as_cost: r.get(2)?,
            as_list: r.get(3)?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT kind, articles, source_key, line, element, conversion FROM import_price_conversion
         WHERE run_id = ?1",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let conversion: String = r.get(5)?;
        report.price_conversions.push(PriceConversionSummary {
            kind: ConversionKind::parse(&kind)
                .ok_or_else(|| Error::Corrupt(format!("price conversion kind {kind:?}")))?,
            articles: r.get(1)?,
            source_key: r.get(2)?,
            location: SourceLocation {
                line: r.get(3)?,
                element: r.get(4)?,
            },
            example: serde_json::from_str(&conversion)
                .map_err(|e| Error::Corrupt(format!("price conversion of run {id}: {e}")))?,
        });
    }
    report.price_conversions.sort_by_key(|c| {
        ConversionKind::ALL
            .iter()
            .position(|k| *k == c.kind)
            .unwrap_or(usize::MAX)
    });
    Ok(report)
}

/// Saves what the report adds to `import_run` and `import_problem`: the price
/// types and the price conversions (in the import's transaction).
pub(super) fn save_price_parts(
    tx: &rusqlite::Transaction<'_>,
    report: &ImportReport,
) -> Result<()> {
    for (position, t) in report.price_types.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO import_price_type (run_id, position, price_type, articles, as_cost, as_list)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            report.id,
            i64::try_from(position).unwrap_or(i64::MAX),
            t.price_type,
            t.articles,
            t.as_cost,
            t.as_list
        ])?;
    }
    for c in &report.price_conversions {
        let conversion = serde_json::to_string(&c.example)
            .map_err(|e| Error::Corrupt(format!("price conversion: {e}")))?;
        tx.prepare_cached(
            "INSERT INTO import_price_conversion (run_id, kind, articles, source_key, line, element,
                 conversion)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            report.id,
            c.kind.as_str(),
            c.articles,
            c.source_key,
            c.location.line,
            c.location.element,
            conversion
        ])?;
    }
    Ok(())
}
