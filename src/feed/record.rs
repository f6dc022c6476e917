//! The neutral shape every feed format is read into: one supplier article, or a
//! problem with the row it came from. Nothing here knows CSV or XML.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::fmt;

use crate::catalog::StockStatus;

/// Where in a file something was found: a 1-based line (CSV, and XML too), a
/// worksheet row (XLSX), and for XML the element path.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SourceLocation {
    /// 1-based line of a text file, or row of a worksheet; 0 when unknown.
    pub line: u32,
    /// `/BMECAT/T_NEW_CATALOG/ARTICLE[2]/...` for XML; `None` for tables.
    pub element: Option<String>,
}

impl SourceLocation {
    pub fn line(line: u32) -> Self {
        SourceLocation {
            line,
            element: None,
        }
    }

    pub fn element(path: impl Into<String>, line: u32) -> Self {
        SourceLocation {
            line,
            element: Some(path.into()),
        }
    }
}

impl fmt::Display for SourceLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.element, self.line) {
            (Some(path), 0) => write!(f, "{path}"),
            (Some(path), line) => write!(f, "{path} (line {line})"),
            (None, 0) => write!(f, "unknown line"),
            (None, line) => write!(f, "line {line}"),
        }
    }
}

/// A row (or XML article) that was not taken, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
// The employee import has a `RowProblem` of its own; the UI sees both.
#[specta(rename = "FeedRowProblem")]
pub struct RowProblem {
    pub file: String,
    pub location: SourceLocation,
    /// The article field or column concerned ("cost_price", "PRICE_AMOUNT", ...).
    pub field: String,
    pub reason: String,
    /// The article's key at the supplier, when the row could be read that far:
    /// a rejected row with a key keeps its offer alive in a full feed; one
    /// without a key cannot, so a full feed with such rows discontinues nothing.
    // Boxed: a row problem stays small enough to be an `Err` by value.
    #[serde(default)]
    pub source_key: Option<Box<str>>,
}

impl RowProblem {
    /// The problem with every text cut to what a message shows
    /// (`limits::MAX_MESSAGE_CHARS`): a reason may quote a file's cell.
    pub fn clipped(mut self) -> RowProblem {
        use crate::limits::{clip_message, MAX_QUOTED_CHARS};
        self.reason = clip_message(self.reason);
        if self.field.chars().count() > MAX_QUOTED_CHARS {
            self.field = crate::limits::clip(&self.field, MAX_QUOTED_CHARS).into_owned();
        }
        self.location.element = self.location.element.map(clip_message);
        self
    }
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}, {}: {}: {}",
            self.file, self.location, self.field, self.reason
        )
    }
}

/// What a record asks of the catalog. CSV rows and BMEcat `T_NEW_CATALOG`
/// articles are `New`; BMEcat updates say so per article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ArticleMode {
    /// Create or replace the article (a full record).
    #[default]
    New,
    /// Replace the master data of an existing article (`T_UPDATE_PRODUCTS mode="update"`).
    Update,
    /// Remove the article (`mode="delete"`): only the key is meaningful.
    Delete,
    /// Only the prices are meaningful (`T_UPDATE_PRICES`).
    PriceUpdate,
}

/// One price as the supplier states it (BMEcat has several per article).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SupplierPrice {
    /// `net_customer`, `net_list`, `nrp`, ... (as written in the file).
    pub price_type: String,
    /// The amount as written; `None` when the file names a price without an amount.
    pub amount: Option<Decimal>,
    pub currency: Option<String>,
    /// Percent (19 for 19 %), whether the file wrote `19` or `0.19`.
    pub tax_rate: Option<Decimal>,
    /// BMEcat `PRICE_FACTOR`: the amount is multiplied by it (1 when absent).
    pub factor: Decimal,
    /// The smallest quantity this price applies to (1 when absent).
    pub lower_bound: Decimal,
}

impl SupplierPrice {
    /// The price actually charged for one unit: amount × factor.
    pub fn effective_amount(&self) -> Option<Decimal> {
        self.amount.map(|a| a * self.factor)
    }
}

/// A feature (attribute) of an article: "Gewicht" = "500" "g".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ArticleFeature {
    pub name: String,
    /// Usually one; BMEcat allows several (`110`, `220` volts).
    pub values: Vec<String>,
    pub unit: Option<String>,
}

/// One supplier article, format-neutral. Optional fields are `None` when the
/// file does not state them (a price update carries no name).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct SupplierArticle {
    pub location: SourceLocation,
    /// The article's key at the supplier (ITScope `puid`, BMEcat `SUPPLIER_AID`/`SUPPLIER_PID`).
    pub source_key: String,
    pub mode: ArticleMode,
    /// EAN/GTIN as written (its check digit is not enforced here: see
    /// [`SupplierArticle::has_valid_gtin`]).
    pub ean: Option<String>,
    pub manufacturer: Option<String>,
    pub manufacturer_part_number: Option<String>,
    pub name: Option<String>,
    pub short_description: Option<String>,
    pub long_description: Option<String>,
    /// The language the descriptions were taken in (ISO 639-2, `deu`), when known.
    pub language: Option<String>,
    /// Category as a text (ITScope product type, a mapped category column).
    pub category: Option<String>,
    /// Catalogue group ids this article belongs to (BMEcat group system).
    pub catalog_groups: Vec<String>,
    /// Purchase price per unit (the preferred price type; amount × factor).
    pub cost_price: Option<Decimal>,
    pub list_price: Option<Decimal>,
    pub currency: Option<String>,
    /// Percent (19 for 19 %).
    pub tax_rate: Option<Decimal>,
    pub stock_status: Option<StockStatus>,
    pub stock_quantity: Option<u32>,
    /// The supplier's own order number, when it differs from the source key.
    pub supplier_sku: Option<String>,
    /// Every price the file states for this article (BMEcat), in file order.
    pub prices: Vec<SupplierPrice>,
    pub features: Vec<ArticleFeature>,
}

impl SupplierArticle {
    /// Whether the EAN is a GTIN with a correct check digit.
    pub fn has_valid_gtin(&self) -> bool {
        self.ean.as_deref().is_some_and(crate::money::is_valid_gtin)
    }
}
