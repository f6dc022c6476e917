//! The neutral shape every feed format is read into: one supplier article, or a
//! problem with the row it came from. Nothing here knows CSV or XML.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};

use crate::catalog::{SalesUnit, StockStatus};
use crate::error::SourceLocation;

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
    /// The smallest quantity (in order units) this price applies to (1 when absent).
    pub lower_bound: Decimal,
    /// BMEcat 2005 `PRICE_BASE`: the price is for an amount of another unit.
    pub base: Option<PriceBase>,
}

/// BMEcat 2005 `PRICE_BASE`: the price is for `value` (`PRICE_UNIT_VALUE`) of
/// `unit` (`PRICE_UNIT`); one order unit holds `factor` (`PRICE_UNIT_FACTOR`)
/// of `unit`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PriceBase {
    pub value: Decimal,
    pub unit: Option<String>,
    pub factor: Option<Decimal>,
}

/// BMEcat `ARTICLE_ORDER_DETAILS` / `PRODUCT_ORDER_DETAILS`: how the article
/// is ordered. Prices are per order unit, for `price_quantity` of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct OrderDetails {
    /// `ORDER_UNIT`: the unit the article is ordered and sold in.
    pub order_unit: Option<String>,
    /// `CONTENT_UNIT` and `NO_CU_PER_OU`: what one order unit contains.
    pub content_unit: Option<String>,
    pub content_per_order_unit: Option<Decimal>,
    /// `PRICE_QUANTITY`: how many order units a price is for (1 when absent).
    pub price_quantity: Option<Decimal>,
    /// `QUANTITY_MIN` / `QUANTITY_INTERVAL`: the smallest order and its steps,
    /// in order units (absent, or written as 0: 1).
    pub quantity_min: Option<Decimal>,
    pub quantity_interval: Option<Decimal>,
}

impl OrderDetails {
    pub fn is_empty(&self) -> bool {
        *self == OrderDetails::default()
    }
}

/// What was done to a stated price to make it a price per sales unit (one
/// order unit). The report shows one per kind of conversion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PriceConversion {
    pub price_type: String,
    /// `PRICE_AMOUNT` as written.
    pub amount: Decimal,
    pub currency: Option<String>,
    /// `PRICE_FACTOR` (1 when absent).
    pub factor: Decimal,
    /// `LOWER_BOUND` of the tier taken, and how many tiers the price type has.
    pub lower_bound: Decimal,
    pub tiers: u32,
    /// `QUANTITY_MIN`: the tier taken is the one that applies to it.
    pub quantity_min: Option<Decimal>,
    /// `PRICE_QUANTITY` (1 when absent; not used when `base` is given).
    pub price_quantity: Decimal,
    pub base: Option<PriceBase>,
    /// With `base`: how many price units one order unit holds
    /// (`PRICE_UNIT_FACTOR`, 1 for the order unit itself, `NO_CU_PER_OU` for its
    /// content unit).
    pub units_per_order_unit: Option<Decimal>,
    pub order_unit: Option<String>,
    /// The price per order unit that is stored (at most
    /// [`super::unit_price::UNIT_PRICE_DECIMALS`] decimals).
    pub unit_price: Decimal,
}

/// `net_customer 10.50 EUR for 100 C62 → 0.105 per C62`: the stated price,
/// what was applied to it, and the price per order unit.
impl fmt::Display for PriceConversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let unit = self.order_unit.as_deref().unwrap_or("unit");
        write!(f, "{} {}", self.price_type, self.amount)?;
        if let Some(currency) = &self.currency {
            write!(f, " {currency}")?;
        }
        if self.factor != Decimal::ONE {
            write!(f, " × factor {}", self.factor)?;
        }
        match &self.base {
            Some(base) => {
                write!(
                    f,
                    " for {} {}",
                    base.value,
                    base.unit.as_deref().unwrap_or(unit)
                )?;
                if let Some(per) = self.units_per_order_unit.filter(|u| *u != Decimal::ONE) {
                    write!(f, " ({per} per {unit})")?;
                }
            }
            None if self.price_quantity != Decimal::ONE => {
                write!(f, " for {} {unit}", self.price_quantity)?
            }
            None => {}
        }
        if self.tiers > 1 || self.lower_bound > Decimal::ONE {
            write!(f, ", tier from {} of {}", self.lower_bound, self.tiers)?;
            if let Some(minimum) = self.quantity_min {
                write!(f, " (minimum order {minimum})")?;
            }
        }
        write!(f, " → {} per {unit}", self.unit_price)
    }
}

/// The kinds of conversion a report counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ConversionKind {
    /// Divided by `PRICE_QUANTITY`.
    PriceQuantity,
    /// Multiplied by `PRICE_FACTOR`.
    Factor,
    /// One tier of several (or a tier that does not start at 1) was taken.
    Tier,
    /// Converted from `PRICE_BASE` (another unit or amount) to the order unit.
    PriceUnit,
}

impl ConversionKind {
    pub const ALL: [ConversionKind; 4] = [
        ConversionKind::PriceQuantity,
        ConversionKind::Factor,
        ConversionKind::Tier,
        ConversionKind::PriceUnit,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ConversionKind::PriceQuantity => "price_quantity",
            ConversionKind::Factor => "factor",
            ConversionKind::Tier => "tier",
            ConversionKind::PriceUnit => "price_unit",
        }
    }

    pub fn parse(text: &str) -> Option<ConversionKind> {
        ConversionKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

impl PriceConversion {
    /// The conversion as a report keeps it (one example per kind, for the
    /// whole file): the texts it quotes from the file clipped to
    /// `limits::MAX_QUOTED_CHARS`.
    pub fn clipped(mut self) -> PriceConversion {
        use crate::limits::{clip, MAX_QUOTED_CHARS};
        let cut = |text: &mut String| {
            if let std::borrow::Cow::Owned(short) = clip(text, MAX_QUOTED_CHARS) {
                *text = short;
            }
        };
        cut(&mut self.price_type);
        for text in [
            self.currency.as_mut(),
            self.order_unit.as_mut(),
            self.base.as_mut().and_then(|b| b.unit.as_mut()),
        ]
        .into_iter()
        .flatten()
        {
            cut(text);
        }
        self
    }

    /// What this conversion did (nothing: the price was taken as written).
    pub fn kinds(&self) -> Vec<ConversionKind> {
        let mut kinds = Vec::new();
        if self.base.is_none() && self.price_quantity != Decimal::ONE {
            kinds.push(ConversionKind::PriceQuantity);
        }
        if self.factor != Decimal::ONE {
            kinds.push(ConversionKind::Factor);
        }
        if self.tiers > 1 || self.lower_bound > Decimal::ONE {
            kinds.push(ConversionKind::Tier);
        }
        if self.base.as_ref().is_some_and(|b| b.value != Decimal::ONE)
            || self.units_per_order_unit.is_some_and(|u| u != Decimal::ONE)
        {
            kinds.push(ConversionKind::PriceUnit);
        }
        kinds
    }
}

/// A price type a file states: on how many articles, and how many of them took
/// it as their cost or list price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct PriceTypeCount {
    pub price_type: String,
    pub articles: u32,
    pub as_cost: u32,
    pub as_list: u32,
}

/// Counts price types article by article (each type once per article), up to
/// [`PriceTypeTally::MAX_TYPES`] distinct types; the distinct types beyond
/// them are counted in `not_kept` (up to [`PriceTypeTally::MAX_NOT_KEPT`]).
#[derive(Debug, Clone, Default)]
pub struct PriceTypeTally {
    types: Vec<PriceTypeCount>,
    /// The types beyond the listed ones, by a hash of their name as listed
    /// (ignoring case): a type on many articles counts once.
    beyond: HashSet<u64>,
    pub not_kept: u32,
}

impl PriceTypeTally {
    pub const MAX_TYPES: usize = 100;
    /// How many distinct types beyond the listed ones are told apart (8 bytes
    /// each, a few MB at most): a file could state a new type on every one of
    /// millions of articles. Beyond this, `not_kept` stays at this number.
    pub const MAX_NOT_KEPT: usize = 100_000;

    /// Counts the types of one article's prices, and the ones it took as cost
    /// and list price.
    pub fn add(&mut self, prices: &[SupplierPrice], cost: Option<&str>, list: Option<&str>) {
        let mut seen: Vec<&str> = Vec::new();
        for price in prices {
            let name = price.price_type.trim();
            if seen.iter().any(|s| s.eq_ignore_ascii_case(name)) {
                continue;
            }
            seen.push(name);
            let is =
                |taken: Option<&str>| taken.is_some_and(|t| t.trim().eq_ignore_ascii_case(name));
            let (cost, list) = (is(cost), is(list));
            // Kept for the whole file: a name as long as a file may make an
            // attribute (megabytes) is listed by its start and end.
            let listed = crate::limits::clip(name, crate::limits::MAX_QUOTED_CHARS);
            let index = match self
                .types
                .iter()
                .position(|t| t.price_type.eq_ignore_ascii_case(&listed))
            {
                Some(i) => i,
                None if self.types.len() < Self::MAX_TYPES => {
                    self.types.push(PriceTypeCount {
                        price_type: listed.into_owned(),
                        articles: 0,
                        as_cost: 0,
                        as_list: 0,
                    });
                    self.types.len() - 1
                }
                None => {
                    if self.beyond.len() < Self::MAX_NOT_KEPT {
                        let mut hasher = DefaultHasher::new();
                        listed.to_ascii_lowercase().hash(&mut hasher);
                        if self.beyond.insert(hasher.finish()) {
                            self.not_kept = self.not_kept.saturating_add(1);
                        }
                    }
                    continue;
                }
            };
            let t = &mut self.types[index];
            t.articles = t.articles.saturating_add(1);
            t.as_cost = t.as_cost.saturating_add(u32::from(cost));
            t.as_list = t.as_list.saturating_add(u32::from(list));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty() && self.not_kept == 0
    }

    /// The types, most frequent first.
    pub fn counts(&self) -> Vec<PriceTypeCount> {
        let mut types = self.types.clone();
        types.sort_by(|a, b| {
            b.articles
                .cmp(&a.articles)
                .then_with(|| a.price_type.cmp(&b.price_type))
        });
        types
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
    /// Purchase price per sales unit (BMEcat: the preferred price type,
    /// converted as [`super::unit_price`] describes). `None` with `list_price`
    /// `None`: the article has no price (it is imported unpriced).
    pub cost_price: Option<Decimal>,
    pub list_price: Option<Decimal>,
    /// How the cost and list price were made from a BMEcat price.
    pub cost_conversion: Option<PriceConversion>,
    pub list_conversion: Option<PriceConversion>,
    pub currency: Option<String>,
    /// Percent (19 for 19 %).
    pub tax_rate: Option<Decimal>,
    pub stock_status: Option<StockStatus>,
    pub stock_quantity: Option<u32>,
    /// The supplier's own order number, when it differs from the source key.
    pub supplier_sku: Option<String>,
    /// Every price the file states for this article (BMEcat), in file order.
    pub prices: Vec<SupplierPrice>,
    /// BMEcat order details (order unit, content, price quantity, minimum).
    pub order: OrderDetails,
    /// The unit the prices are per, when it is not a piece.
    pub sales_unit: Option<SalesUnit>,
    pub features: Vec<ArticleFeature>,
}

impl SupplierArticle {
    /// Whether the EAN is a GTIN with a correct check digit.
    pub fn has_valid_gtin(&self) -> bool {
        self.ean.as_deref().is_some_and(crate::money::is_valid_gtin)
    }
}
