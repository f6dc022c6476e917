//! The import report: saved with the run, listed and reopened.

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

    pub(super) fn from_json(json: Option<String>) -> Result<Option<Self>> {
        json.map(|j| {
            serde_json::from_str(&j)
                .map_err(|e| Error::Corrupt(format!("import run discontinuation: {e}")))
        })
        .transpose()
    }
}

pub(super) fn removal_from(text: &str) -> Result<Removal> {
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

pub(super) fn format_from(text: &str) -> Result<FeedFormat> {
    match text {
        "bmecat" => Ok(FeedFormat::Bmecat),
        "csv" => Ok(FeedFormat::Csv),
        "xlsx" => Ok(FeedFormat::Xlsx),
        other => Err(Error::Corrupt(format!("import format {other:?}"))),
    }
}
