//! A mapping profile says how to read a table (CSV or XLSX): which column is
//! which article field, the separator, encoding and decimal mark. Profiles are
//! saved by name and reused; ITScope's export has a built-in one.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::decimal::{parse_decimal, DecimalMark};
use super::encoding::FeedEncoding;
use super::record::{RowProblem, SupplierArticle};
use crate::catalog::StockStatus;
use crate::error::FeedError;
use crate::error::SourceLocation;

/// The article fields a column can feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ArticleField {
    SourceKey,
    Ean,
    Manufacturer,
    ManufacturerPartNumber,
    Name,
    ShortDescription,
    LongDescription,
    Category,
    CostPrice,
    ListPrice,
    Currency,
    TaxRate,
    StockStatus,
    StockQuantity,
    SupplierSku,
}

impl ArticleField {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleField::SourceKey => "source_key",
            ArticleField::Ean => "ean",
            ArticleField::Manufacturer => "manufacturer",
            ArticleField::ManufacturerPartNumber => "manufacturer_part_number",
            ArticleField::Name => "name",
            ArticleField::ShortDescription => "short_description",
            ArticleField::LongDescription => "long_description",
            ArticleField::Category => "category",
            ArticleField::CostPrice => "cost_price",
            ArticleField::ListPrice => "list_price",
            ArticleField::Currency => "currency",
            ArticleField::TaxRate => "tax_rate",
            ArticleField::StockStatus => "stock_status",
            ArticleField::StockQuantity => "stock_quantity",
            ArticleField::SupplierSku => "supplier_sku",
        }
    }

    fn is_number(self) -> bool {
        matches!(
            self,
            ArticleField::CostPrice | ArticleField::ListPrice | ArticleField::TaxRate
        )
    }
}

/// Column separator of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Separator {
    Semicolon,
    Comma,
    Tab,
    Pipe,
}

impl Separator {
    pub const ALL: [Separator; 4] = [
        Separator::Semicolon,
        Separator::Comma,
        Separator::Tab,
        Separator::Pipe,
    ];

    pub fn byte(self) -> u8 {
        match self {
            Separator::Semicolon => b';',
            Separator::Comma => b',',
            Separator::Tab => b'\t',
            Separator::Pipe => b'|',
        }
    }
}

/// One column of the file and the field it feeds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ColumnMapping {
    /// The header text (matched ignoring case and surrounding blanks).
    pub column: String,
    pub field: ArticleField,
    /// A file without this column is refused at once.
    pub required: bool,
    /// Other header texts of the same column, for exports that name it
    /// differently (ITScope's small export: `ProductType` where the standard
    /// export has `productTypeName`); the first one the file has is read.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<String>,
}

impl ColumnMapping {
    /// Every header text the column may have, `column` first.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.column.as_str()).chain(self.also.iter().map(String::as_str))
    }
}

/// How to read one kind of table file. `None` settings are detected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct MappingProfile {
    pub name: String,
    pub separator: Option<Separator>,
    pub encoding: Option<FeedEncoding>,
    pub decimal_mark: Option<DecimalMark>,
    pub columns: Vec<ColumnMapping>,
    /// Currency of rows that state none.
    pub default_currency: Option<String>,
}

impl MappingProfile {
    /// ITScope's CSV export: product columns and price/stock columns, of which
    /// only `puid` must be there (product and price files come separately).
    /// The category is the product type's *name* (`productTypeName` in the
    /// standard export, `ProductType` in the small one), never `productTypeId`,
    /// a number that means nothing to a category rule or a person.
    pub fn itscope() -> Self {
        let column = |column: &str, field, required| ColumnMapping {
            column: column.into(),
            field,
            required,
            also: Vec::new(),
        };
        // The small export (small.csv) names some columns differently; header
        // texts match ignoring case, so `Puid`, `Ean` and `ManufacturerSKU`
        // need no alias.
        let or = |mut mapping: ColumnMapping, also: &[&str]| {
            mapping.also = also.iter().map(|a| (*a).to_owned()).collect();
            mapping
        };
        MappingProfile {
            name: "ITScope".into(),
            separator: None,
            encoding: None,
            decimal_mark: None,
            columns: vec![
                column("puid", ArticleField::SourceKey, true),
                column("ean", ArticleField::Ean, false),
                column(
                    "manufacturerSKU",
                    ArticleField::ManufacturerPartNumber,
                    false,
                ),
                column("manufacturerName", ArticleField::Manufacturer, false),
                or(
                    column("productNameWithManufacturer", ArticleField::Name, false),
                    &["ProductName"],
                ),
                or(
                    column("shortDescription", ArticleField::ShortDescription, false),
                    &["ShortInfo"],
                ),
                or(
                    column("longDescription", ArticleField::LongDescription, false),
                    &["BestDescription"],
                ),
                or(
                    column("productTypeName", ArticleField::Category, false),
                    &["ProductType"],
                ),
                column("price", ArticleField::CostPrice, false),
                column("priceCalc", ArticleField::ListPrice, false),
                column("currencyCode", ArticleField::Currency, false),
                column("taxRate", ArticleField::TaxRate, false),
                column("stockStatus", ArticleField::StockStatus, false),
                column("stock", ArticleField::StockQuantity, false),
                column("supplierSKU", ArticleField::SupplierSku, false),
            ],
            default_currency: Some("EUR".into()),
        }
    }

    /// A profile must name the source key once, and no field twice.
    pub fn check(&self) -> Result<(), FeedError> {
        let refuse = |reason: String| FeedError::InvalidProfile {
            profile: self.name.clone(),
            reason,
        };
        let keys = self
            .columns
            .iter()
            .filter(|c| c.field == ArticleField::SourceKey)
            .count();
        if keys != 1 {
            return Err(refuse(format!(
                "exactly one column must be the source key (found {keys})"
            )));
        }
        for (i, mapping) in self.columns.iter().enumerate() {
            if mapping.names().any(|name| name.trim().is_empty()) {
                return Err(refuse(format!(
                    "the column for {} has no name",
                    mapping.field.as_str()
                )));
            }
            if self.columns[..i].iter().any(|m| m.field == mapping.field) {
                return Err(refuse(format!(
                    "{} is mapped twice",
                    mapping.field.as_str()
                )));
            }
        }
        if let Some(currency) = &self.default_currency {
            if !crate::money::is_currency_code(currency) {
                return Err(refuse(format!(
                    "{currency:?} is not a currency code (three capital letters)"
                )));
            }
        }
        Ok(())
    }
}

/// Where each mapped field sits in the rows of one file.
#[derive(Debug, Clone)]
pub(crate) struct ColumnIndex {
    fields: Vec<(ArticleField, usize)>,
    header_len: usize,
}

impl ColumnIndex {
    /// Finds the profile's columns in a header row; refuses the file, naming
    /// them, when required ones are missing.
    pub(crate) fn resolve(
        profile: &MappingProfile,
        header: &[String],
        file: &str,
        line: u32,
    ) -> Result<ColumnIndex, FeedError> {
        profile.check()?;
        let position = |column: &str| {
            header
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(column.trim()))
        };
        let mut fields = Vec::new();
        let mut missing = Vec::new();
        for mapping in &profile.columns {
            match mapping.names().find_map(position) {
                Some(i) => fields.push((mapping.field, i)),
                None if mapping.required => missing.push(mapping.column.clone()),
                None => {}
            }
        }
        if !missing.is_empty() {
            return Err(FeedError::MissingColumns {
                file: file.into(),
                profile: profile.name.clone(),
                line,
                missing,
                found: header.to_vec(),
            });
        }
        Ok(ColumnIndex {
            fields,
            header_len: header.len(),
        })
    }

    /// The cells of the number columns, for detecting the decimal mark.
    pub(crate) fn number_cells<'a>(&self, row: &'a [String]) -> Vec<&'a str> {
        self.fields
            .iter()
            .filter(|(field, _)| field.is_number())
            .filter_map(|(_, i)| row.get(*i).map(String::as_str))
            .collect()
    }

    /// The 0-based column of the source key, if the file has it.
    pub(crate) fn key_column(&self) -> Option<usize> {
        self.fields
            .iter()
            .find(|(field, _)| *field == ArticleField::SourceKey)
            .map(|(_, at)| *at)
    }

    /// The row's source key, if it can be read: its cell is there and not
    /// empty, and is not the last cell of a row shorter than the header (a row
    /// cut off there may have lost the end of its key).
    pub(crate) fn key(&self, row: &[String]) -> Option<Box<str>> {
        let at = self.key_column()?;
        if row.len() < self.header_len && at + 1 >= row.len() {
            return None;
        }
        Some(row.get(at)?.trim())
            .filter(|k| !k.is_empty())
            .map(Into::into)
    }

    /// Reads one data row into an article, or says everything wrong with it.
    pub(crate) fn article(
        &self,
        profile: &MappingProfile,
        mark: DecimalMark,
        file: &str,
        line: u32,
        row: &[String],
    ) -> Result<SupplierArticle, Vec<RowProblem>> {
        let key = self.key(row);
        let problem = |field: &str, reason: String| RowProblem {
            file: file.into(),
            location: SourceLocation::line(line),
            field: field.into(),
            reason,
            source_key: key.clone(),
        };
        let mut problems = Vec::new();
        if row.len() < self.header_len {
            problems.push(problem(
                "row",
                format!(
                    "has {} fields, the header {} (a separator or quote is missing?)",
                    row.len(),
                    self.header_len
                ),
            ));
            return Err(problems);
        }
        let mut article = SupplierArticle {
            location: SourceLocation::line(line),
            ..SupplierArticle::default()
        };
        let number =
            |field: ArticleField, text: &str, problems: &mut Vec<RowProblem>| match parse_decimal(
                text, mark,
            ) {
                Ok(value) if value.is_sign_negative() && !value.is_zero() => {
                    problems.push(problem(field.as_str(), format!("{text:?} is negative")));
                    None
                }
                Ok(value) => Some(value),
                Err(reason) => {
                    problems.push(problem(field.as_str(), reason));
                    None
                }
            };
        for (field, i) in &self.fields {
            let text = row.get(*i).map_or("", |c| c.trim());
            if text.is_empty() {
                continue;
            }
            let owned = || Some(text.to_owned());
            match field {
                ArticleField::SourceKey => article.source_key = text.to_owned(),
                ArticleField::Ean => article.ean = owned(),
                ArticleField::Manufacturer => article.manufacturer = owned(),
                ArticleField::ManufacturerPartNumber => article.manufacturer_part_number = owned(),
                ArticleField::Name => article.name = owned(),
                ArticleField::ShortDescription => article.short_description = owned(),
                ArticleField::LongDescription => article.long_description = owned(),
                ArticleField::Category => article.category = owned(),
                ArticleField::CostPrice => article.cost_price = number(*field, text, &mut problems),
                ArticleField::ListPrice => article.list_price = number(*field, text, &mut problems),
                ArticleField::TaxRate => {
                    article.tax_rate = number(*field, text, &mut problems).map(tax_percent)
                }
                ArticleField::Currency => {
                    let code = text.to_ascii_uppercase();
                    if crate::money::is_currency_code(&code) {
                        article.currency = Some(code);
                    } else {
                        problems.push(problem(
                            field.as_str(),
                            format!("{} is not a currency code", crate::limits::quote(text)),
                        ));
                    }
                }
                ArticleField::StockStatus => article.stock_status = Some(stock_status(text)),
                ArticleField::StockQuantity => match text.parse::<u32>() {
                    Ok(quantity) => article.stock_quantity = Some(quantity),
                    Err(_) => problems.push(problem(
                        field.as_str(),
                        format!(
                            "{} is not a whole number of units",
                            crate::limits::quote(text)
                        ),
                    )),
                },
                ArticleField::SupplierSku => article.supplier_sku = owned(),
            }
        }
        if article.source_key.is_empty() {
            problems.push(problem(
                ArticleField::SourceKey.as_str(),
                "is empty: every row needs its key at the supplier".into(),
            ));
        }
        if article.currency.is_none()
            && (article.cost_price.is_some() || article.list_price.is_some())
        {
            article.currency = profile.default_currency.clone();
        }
        if problems.is_empty() {
            Ok(article)
        } else {
            Err(problems)
        }
    }
}

/// Tax as percent: files write `19` or `0.19`; a rate below one is a fraction.
pub(crate) fn tax_percent(rate: Decimal) -> Decimal {
    if rate > Decimal::ZERO && rate < Decimal::ONE {
        (rate * Decimal::ONE_HUNDRED).normalize()
    } else {
        rate
    }
}

/// Stock words and codes as distributors write them; anything else is unknown
/// rather than an error (stock is advisory, prices are not).
pub(crate) fn stock_status(text: &str) -> StockStatus {
    match text.trim().to_lowercase().replace(['-', '_'], " ").as_str() {
        "1" | "in stock" | "instock" | "available" | "lagernd" | "verfügbar" | "auf lager"
        | "yes" | "ja" => StockStatus::InStock,
        "2" | "low stock" | "low" | "limited" | "gering" | "wenig" => StockStatus::LowStock,
        "3" | "on order" | "ordered" | "bestellt" | "im zulauf" | "backorder" => {
            StockStatus::OnOrder
        }
        "0" | "4" | "out of stock" | "not available" | "nicht lagernd" | "nicht verfügbar"
        | "no" | "nein" => StockStatus::OutOfStock,
        _ => StockStatus::Unknown,
    }
}
