//! BMEcat catalogues (1.01/1.2 `ARTICLE`, 2005 `PRODUCT`), read with a pull
//! parser one element at a time: an article is handed out when its end tag is
//! read, so memory stays that of the largest article, whatever the file size.
//!
//! Transactions: `T_NEW_CATALOG`, `T_UPDATE_PRODUCTS` (per-article mode
//! new/update/delete) and `T_UPDATE_PRICES`. Group assignments that follow the
//! articles (`ARTICLE_TO_CATALOGGROUP_MAP`) are handed out as their own items.

use quick_xml::events::{BytesStart, Event};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::io::{BufReader, Read};

use super::decimal::parse_decimal_any;
use super::encoding::{decode, sniff, xml_encoding, FeedEncoding};
use super::error::FeedFailure;
use super::lines::{CountingBufRead, EventBudget};
use super::profile::tax_percent;
use super::record::{
    ArticleFeature, ArticleMode, PriceBase, PriceTypeCount, PriceTypeTally, RowProblem,
    SupplierArticle, SupplierPrice,
};
use super::unit_price::{apply_prices, sales_unit, taken_types, PriceChoice};
use super::FeedItem;
use crate::error::FeedError;
use crate::error::SourceLocation;
use crate::limits::{
    clip, MAX_QUOTED_CHARS, MAX_XML_DEPTH, MAX_XML_EVENT_BYTES, MAX_XML_RECORD_BYTES,
    MAX_XML_TEXT_BYTES,
};

/// Choices for reading a BMEcat file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct BmecatOptions {
    /// Description languages in order of preference (`deu`, `de`, `ger` all mean German).
    pub languages: Vec<String>,
    /// Price types for the cost price, in order of preference.
    pub cost_price_types: Vec<String>,
    /// Price types for the list price, in order of preference.
    pub list_price_types: Vec<String>,
    /// Preferred currency when an article has prices in several; else the header's.
    pub currency: Option<String>,
}

impl Default for BmecatOptions {
    fn default() -> Self {
        BmecatOptions {
            languages: vec!["deu".into(), "eng".into()],
            cost_price_types: vec!["net_customer".into(), "net_list".into()],
            list_price_types: vec![
                "nrp".into(),
                "gros_list".into(),
                "net_list".into(),
                "net_customer".into(),
            ],
            currency: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Transaction {
    NewCatalog,
    UpdateProducts,
    UpdatePrices,
}

impl Transaction {
    fn from_element(name: &str) -> Option<Transaction> {
        match name {
            "T_NEW_CATALOG" => Some(Transaction::NewCatalog),
            "T_UPDATE_PRODUCTS" => Some(Transaction::UpdateProducts),
            "T_UPDATE_PRICES" => Some(Transaction::UpdatePrices),
            _ => None,
        }
    }
}

/// What the header says, handed out before the first article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CatalogHeader {
    /// The `version` attribute: `1.01`, `1.2`, `2005`.
    pub version: String,
    pub transaction: Option<Transaction>,
    /// Default language of texts without a `lang` attribute (normalised, `deu`).
    pub language: Option<String>,
    /// Default currency of prices without `PRICE_CURRENCY`.
    pub currency: Option<String>,
    pub catalog_id: Option<String>,
    pub catalog_version: Option<String>,
    pub catalog_name: Option<String>,
    pub supplier_name: Option<String>,
}

/// A group of the catalogue's group system (`CATALOG_STRUCTURE`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct CatalogGroup {
    pub id: String,
    pub name: String,
    pub parent_id: Option<String>,
    pub location: SourceLocation,
}

/// `ARTICLE_TO_CATALOGGROUP_MAP`: an article belongs to a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct GroupAssignment {
    pub article_key: String,
    pub group_id: String,
    pub location: SourceLocation,
}

/// ISO 639 codes as files write them, as one three-letter code (`DEU`, `de`,
/// `ger` → `deu`).
pub fn normalise_language(code: &str) -> String {
    let code = code.trim().to_ascii_lowercase();
    match code.as_str() {
        "de" | "ger" => "deu".into(),
        "en" => "eng".into(),
        "fr" | "fre" => "fra".into(),
        "it" => "ita".into(),
        "es" => "spa".into(),
        "nl" | "dut" => "nld".into(),
        "pl" => "pol".into(),
        "cs" | "cze" => "ces".into(),
        _ => code,
    }
}

/// An element that is open, with what its end tag needs of its start tag.
#[derive(Debug)]
struct Open {
    name: String,
    lang: Option<String>,
    /// `type` or `price_type`.
    kind: Option<String>,
    /// 1-based position among the articles, for paths.
    index: Option<u32>,
}

#[derive(Debug, Default)]
struct PriceDraft {
    price_type: String,
    amount: Option<Decimal>,
    currency: Option<String>,
    tax_rate: Option<Decimal>,
    factor: Option<Decimal>,
    lower_bound: Option<Decimal>,
    /// `PRICE_BASE` (BMEcat 2005): seen, and its value, unit and factor.
    base: bool,
    base_value: Option<Decimal>,
    base_unit: Option<String>,
    base_factor: Option<Decimal>,
}

/// What a number in a price or the order details may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberRule {
    /// An amount: from 0 to `limits::MAX_AMOUNT`.
    Amount,
    /// Greater than zero (it multiplies or divides a price).
    Positive,
    /// Zero or more (zero: not stated).
    NonNegative,
    /// What one order unit holds (`NO_CU_PER_OU`): zero or more (zero: not
    /// stated), at most `limits::MAX_QUANTITY`.
    Content,
    /// Checked later (a tax rate).
    Any,
}

impl NumberRule {
    fn of(name: &str) -> Option<NumberRule> {
        Some(match name {
            "PRICE_AMOUNT" => NumberRule::Amount,
            "PRICE_FACTOR" | "PRICE_QUANTITY" | "PRICE_UNIT_VALUE" | "PRICE_UNIT_FACTOR" => {
                NumberRule::Positive
            }
            "LOWER_BOUND" | "QUANTITY_MIN" | "QUANTITY_INTERVAL" => NumberRule::NonNegative,
            "NO_CU_PER_OU" => NumberRule::Content,
            "TAX" => NumberRule::Any,
            _ => return None,
        })
    }

    fn check(self, value: Decimal) -> Result<Decimal, String> {
        match self {
            NumberRule::Amount if value < Decimal::ZERO => {
                Err(format!("{value} is negative: a price cannot be below zero"))
            }
            NumberRule::Amount if value > crate::limits::MAX_AMOUNT => Err(format!(
                "{value} is beyond {}, the largest amount Servicefolio accepts",
                crate::limits::MAX_AMOUNT_TEXT
            )),
            NumberRule::Positive if value <= Decimal::ZERO => {
                Err(format!("{value} is not greater than zero"))
            }
            NumberRule::NonNegative | NumberRule::Content if value < Decimal::ZERO => {
                Err(format!("{value} is negative"))
            }
            NumberRule::Content if value > Decimal::from(crate::limits::MAX_QUANTITY) => {
                Err(crate::money::content_beyond_bound(value))
            }
            _ => Ok(value),
        }
    }
}

#[derive(Debug, Default)]
struct FeatureDraft {
    name: Option<String>,
    values: Vec<(Option<String>, String)>,
    details: Option<String>,
    unit: Option<String>,
}

#[derive(Debug, Default)]
struct ArticleDraft {
    article: SupplierArticle,
    short: Vec<(Option<String>, String)>,
    long: Vec<(Option<String>, String)>,
    price: Option<PriceDraft>,
    feature: Option<FeatureDraft>,
    problems: Vec<RowProblem>,
}

#[derive(Debug, Default)]
struct GroupDraft {
    id: String,
    names: Vec<(Option<String>, String)>,
    parent_id: Option<String>,
    location: SourceLocation,
}

struct Parser<'o> {
    options: &'o BmecatOptions,
    file: String,
    header: CatalogHeader,
    transaction: Option<Transaction>,
    stack: Vec<Open>,
    text: String,
    articles: u32,
    article: Option<ArticleDraft>,
    group: Option<GroupDraft>,
    assignment: Option<(String, String, SourceLocation)>,
    /// Every price type stated, article by article (taken or rejected).
    price_types: PriceTypeTally,
    /// Bytes the current article or group holds so far (its texts, and a little
    /// for each element), against `limits::MAX_XML_RECORD_BYTES`.
    record_bytes: usize,
}

/// What each element of a record costs besides its text (its path in a problem,
/// the bookkeeping of a price or feature).
const ELEMENT_OVERHEAD: usize = 256;

fn attribute(start: &BytesStart<'_>, name: &str) -> Option<String> {
    start
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == name)
        .and_then(|a| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.trim().to_owned())
        })
}

impl Parser<'_> {
    /// `/BMECAT/T_NEW_CATALOG/ARTICLE[2]/...`; a name longer than any real one is
    /// cut (the stack is at most `MAX_XML_DEPTH` deep, so the path is bounded).
    fn path(&self) -> String {
        let mut path = String::new();
        for open in &self.stack {
            path.push('/');
            path.push_str(&clip(&open.name, MAX_QUOTED_CHARS));
            if let Some(i) = open.index {
                path.push_str(&format!("[{i}]"));
            }
        }
        path
    }

    fn malformed(&self, line: u32, reason: String) -> FeedError {
        FeedError::Malformed {
            file: self.file.clone(),
            location: SourceLocation::element(
                if self.stack.is_empty() {
                    "/".to_owned()
                } else {
                    self.path()
                },
                line,
            ),
            reason,
        }
    }

    /// Adds text to the open element, refused beyond `MAX_XML_TEXT_BYTES`.
    fn push_text(&mut self, text: &str, line: u32) -> Result<(), FeedError> {
        if self.text.len().saturating_add(text.len()) > MAX_XML_TEXT_BYTES {
            return Err(self.malformed(
                line,
                format!(
                    "this element holds more than {} MiB of text; no catalogue field is that long",
                    MAX_XML_TEXT_BYTES >> 20
                ),
            ));
        }
        self.text.push_str(text);
        Ok(())
    }

    fn parent(&self) -> &str {
        self.stack
            .len()
            .checked_sub(2)
            .and_then(|i| self.stack.get(i))
            .map_or("", |o| o.name.as_str())
    }

    fn inside(&self, name: &str) -> bool {
        self.stack.iter().any(|o| o.name == name)
    }

    fn languages(&self) -> Vec<String> {
        let mut languages: Vec<String> = self
            .options
            .languages
            .iter()
            .map(|l| normalise_language(l))
            .collect();
        languages.extend(self.header.language.clone());
        languages
    }

    /// The text in the most preferred language (texts without `lang` are in the
    /// header's language).
    fn choose(&self, texts: &[(Option<String>, String)]) -> Option<(Option<String>, String)> {
        let default = self.header.language.clone();
        let texts: Vec<(Option<String>, &String)> = texts
            .iter()
            .map(|(lang, text)| (lang.clone().or_else(|| default.clone()), text))
            .collect();
        self.languages()
            .iter()
            .find_map(|wanted| {
                texts
                    .iter()
                    .find(|(lang, _)| lang.as_deref() == Some(wanted.as_str()))
            })
            .or_else(|| texts.first())
            .map(|(lang, text)| (lang.clone(), (*text).clone()))
    }

    fn start(&mut self, start: &BytesStart<'_>, line: u32) -> Result<Option<FeedItem>, FeedError> {
        let name = String::from_utf8_lossy(start.local_name().as_ref().as_bytes()).into_owned();
        self.text.clear();
        // Real BMEcat nests about 8 deep. The limit keeps every path, and every
        // look up the stack, short: deep nesting made reading quadratic.
        if self.stack.len() >= MAX_XML_DEPTH {
            return Err(self.malformed(
                line,
                format!(
                    "<{}> is nested more than {MAX_XML_DEPTH} elements deep; a BMEcat catalogue nests about 8",
                    clip(&name, MAX_QUOTED_CHARS)
                ),
            ));
        }
        if self.stack.is_empty() {
            if name != "BMECAT" {
                return Err(FeedError::WrongFormat {
                    file: self.file.clone(),
                    expected: "a BMEcat catalogue",
                    reason: format!("its root element is <{name}>, not <BMECAT>"),
                });
            }
            self.header.version = attribute(start, "version").unwrap_or_default();
        }
        let parent_is_transaction = self
            .stack
            .last()
            .is_some_and(|o| Transaction::from_element(&o.name).is_some());
        let mut index = None;
        if (name == "ARTICLE" || name == "PRODUCT") && parent_is_transaction {
            self.articles += 1;
            index = Some(self.articles);
        }
        let kind = attribute(start, "price_type").or_else(|| attribute(start, "type"));
        self.stack.push(Open {
            name: name.clone(),
            lang: attribute(start, "lang").map(|l| normalise_language(&l)),
            kind: kind.clone(),
            index,
        });
        let location = SourceLocation::element(self.path(), line);
        if self.stack.len() == 2 {
            if let Some(transaction) = Transaction::from_element(&name) {
                self.transaction = Some(transaction);
                self.header.transaction = Some(transaction);
                return Ok(Some(FeedItem::Catalog(self.header.clone())));
            }
        }
        if index.is_some() || (name == "CATALOG_STRUCTURE" && self.article.is_none()) {
            self.record_bytes = 0;
        }
        if index.is_some() {
            let mode = match (self.transaction, attribute(start, "mode").as_deref()) {
                (Some(Transaction::UpdatePrices), _) => ArticleMode::PriceUpdate,
                (_, Some("delete")) => ArticleMode::Delete,
                (_, Some("update")) => ArticleMode::Update,
                (_, Some("new")) => ArticleMode::New,
                (Some(Transaction::UpdateProducts), _) => ArticleMode::Update,
                _ => ArticleMode::New,
            };
            self.article = Some(ArticleDraft {
                article: SupplierArticle {
                    location: location.clone(),
                    mode,
                    ..SupplierArticle::default()
                },
                ..ArticleDraft::default()
            });
        }
        if self.article.is_some() || self.group.is_some() {
            // The attributes a record keeps (a price's type, a text's
            // language) count against its size like its texts.
            let kept = self.stack.last().map_or(0, |open| {
                open.kind.as_ref().map_or(0, String::len)
                    + open.lang.as_ref().map_or(0, String::len)
            });
            self.record_bytes = self.record_bytes.saturating_add(kept);
        }
        match name.as_str() {
            "ARTICLE_PRICE" | "PRODUCT_PRICE" => {
                if let Some(draft) = &mut self.article {
                    draft.price = Some(PriceDraft {
                        price_type: kind.unwrap_or_default(),
                        ..PriceDraft::default()
                    });
                }
            }
            "FEATURE" if self.inside("ARTICLE_FEATURES") || self.inside("PRODUCT_FEATURES") => {
                if let Some(draft) = &mut self.article {
                    draft.feature = Some(FeatureDraft::default());
                }
            }
            "CATALOG_STRUCTURE" => {
                self.group = Some(GroupDraft {
                    location: location.clone(),
                    ..GroupDraft::default()
                })
            }
            "ARTICLE_TO_CATALOGGROUP_MAP" | "PRODUCT_TO_CATALOGGROUP_MAP" => {
                self.assignment = Some((String::new(), String::new(), location))
            }
            _ => {}
        }
        Ok(None)
    }

    fn number(&mut self, value: &str, line: u32, rule: NumberRule) -> Option<Decimal> {
        match parse_decimal_any(value).and_then(|n| rule.check(n)) {
            Ok(number) => Some(number),
            Err(reason) => {
                let location = SourceLocation::element(self.path(), line);
                let field = self
                    .stack
                    .last()
                    .map(|o| o.name.clone())
                    .unwrap_or_default();
                if let Some(draft) = &mut self.article {
                    draft.problems.push(RowProblem {
                        file: self.file.clone(),
                        location,
                        field,
                        reason,
                        // The article's key, once it is read: finish_article.
                        source_key: None,
                    });
                }
                None
            }
        }
    }

    fn end(&mut self, line: u32) -> Result<Vec<FeedItem>, FeedError> {
        let value = std::mem::take(&mut self.text).trim().to_owned();
        let Some(open) = self.stack.last() else {
            return Ok(Vec::new());
        };
        if self.article.is_some() || self.group.is_some() {
            self.record_bytes = self
                .record_bytes
                .saturating_add(value.len())
                .saturating_add(ELEMENT_OVERHEAD);
            if self.record_bytes > MAX_XML_RECORD_BYTES {
                let what = if self.article.is_some() {
                    "article"
                } else {
                    "catalog group"
                };
                return Err(self.malformed(
                    line,
                    format!(
                        "this {what} holds more than {} MiB; no real one is that large",
                        MAX_XML_RECORD_BYTES >> 20
                    ),
                ));
            }
        }
        let (name, lang, kind) = (open.name.clone(), open.lang.clone(), open.kind.clone());
        let parent = self.parent().to_owned();
        let mut items = Vec::new();
        let text = || Some(value.clone()).filter(|v| !v.is_empty());

        // Header defaults.
        if self.stack.len() == 4 && parent == "CATALOG" && self.inside("HEADER") {
            match name.as_str() {
                "LANGUAGE" if self.header.language.is_none() || kind.as_deref() == Some("true") => {
                    self.header.language = text().map(|l| normalise_language(&l))
                }
                "CURRENCY" => self.header.currency = text(),
                "CATALOG_ID" => self.header.catalog_id = text(),
                "CATALOG_VERSION" => self.header.catalog_version = text(),
                "CATALOG_NAME" => self.header.catalog_name = text(),
                _ => {}
            }
        }
        if parent == "SUPPLIER" && name == "SUPPLIER_NAME" && self.inside("HEADER") {
            self.header.supplier_name = text();
        }

        // Group system.
        if parent == "CATALOG_STRUCTURE" {
            if let Some(group) = &mut self.group {
                match name.as_str() {
                    "GROUP_ID" => group.id = value.clone(),
                    "GROUP_NAME" => group.names.push((lang.clone(), value.clone())),
                    "PARENT_ID" => group.parent_id = text(),
                    _ => {}
                }
            }
        }
        if name == "CATALOG_STRUCTURE" {
            if let Some(group) = self.group.take() {
                let name = self
                    .choose(&group.names)
                    .map(|(_, n)| n)
                    .unwrap_or_default();
                items.push(FeedItem::Group(CatalogGroup {
                    id: group.id,
                    name,
                    parent_id: group.parent_id,
                    location: group.location,
                }));
            }
        }

        // Group assignments.
        if parent.ends_with("_TO_CATALOGGROUP_MAP") {
            if let Some((article, group, _)) = &mut self.assignment {
                match name.as_str() {
                    "ART_ID" | "PROD_ID" => *article = value.clone(),
                    "CATALOG_GROUP_ID" => *group = value.clone(),
                    _ => {}
                }
            }
        }
        if name.ends_with("_TO_CATALOGGROUP_MAP") {
            if let Some((article_key, group_id, location)) = self.assignment.take() {
                match &mut self.article {
                    Some(draft) => draft.article.catalog_groups.push(group_id),
                    None => items.push(FeedItem::GroupAssignment(GroupAssignment {
                        article_key,
                        group_id,
                        location,
                    })),
                }
            }
        }

        if self.article.is_some() {
            self.article_end(&name, &parent, lang, kind, &value, line, &mut items);
        }
        self.stack.pop();
        Ok(items)
    }

    #[allow(clippy::too_many_arguments)]
    fn article_end(
        &mut self,
        name: &str,
        parent: &str,
        lang: Option<String>,
        kind: Option<String>,
        value: &str,
        line: u32,
        items: &mut Vec<FeedItem>,
    ) {
        let text = || Some(value.to_owned()).filter(|v| !v.is_empty());
        // Numbers first: parsing them may record a problem on the draft.
        let in_price = self.article.as_ref().is_some_and(|d| d.price.is_some());
        let in_order = matches!(parent, "ARTICLE_ORDER_DETAILS" | "PRODUCT_ORDER_DETAILS");
        let number = match NumberRule::of(name) {
            Some(rule)
                if !value.is_empty()
                    && match name {
                        "PRICE_QUANTITY" | "NO_CU_PER_OU" | "QUANTITY_MIN"
                        | "QUANTITY_INTERVAL" => in_order,
                        _ => in_price,
                    } =>
            {
                self.number(value, line, rule)
            }
            _ => None,
        };
        let in_features = self.inside("ARTICLE_FEATURES") || self.inside("PRODUCT_FEATURES");
        let Some(draft) = &mut self.article else {
            return;
        };
        match (name, parent) {
            ("SUPPLIER_AID" | "SUPPLIER_PID", "ARTICLE" | "PRODUCT") => {
                draft.article.source_key = value.to_owned()
            }
            ("DESCRIPTION_SHORT", "ARTICLE_DETAILS" | "PRODUCT_DETAILS") => {
                draft.short.push((lang, value.to_owned()))
            }
            ("DESCRIPTION_LONG", "ARTICLE_DETAILS" | "PRODUCT_DETAILS") => {
                draft.long.push((lang, value.to_owned()))
            }
            ("EAN", "ARTICLE_DETAILS" | "PRODUCT_DETAILS") => draft.article.ean = text(),
            ("INTERNATIONAL_PID", "PRODUCT_DETAILS")
                if draft.article.ean.is_none()
                    && kind.as_deref().is_none_or(|k| {
                        matches!(k.to_ascii_lowercase().as_str(), "gtin" | "ean")
                    }) =>
            {
                draft.article.ean = text()
            }
            ("MANUFACTURER_AID" | "MANUFACTURER_PID", "ARTICLE_DETAILS" | "PRODUCT_DETAILS") => {
                draft.article.manufacturer_part_number = text()
            }
            ("MANUFACTURER_NAME", "ARTICLE_DETAILS" | "PRODUCT_DETAILS") => {
                draft.article.manufacturer = text()
            }
            ("SUPPLIER_ALT_AID" | "SUPPLIER_ALT_PID", "ARTICLE_DETAILS" | "PRODUCT_DETAILS") => {
                draft.article.supplier_sku = text()
            }
            ("ORDER_UNIT", "ARTICLE_ORDER_DETAILS" | "PRODUCT_ORDER_DETAILS") => {
                draft.article.order.order_unit = text()
            }
            ("CONTENT_UNIT", "ARTICLE_ORDER_DETAILS" | "PRODUCT_ORDER_DETAILS") => {
                draft.article.order.content_unit = text()
            }
            ("NO_CU_PER_OU", _) if in_order => {
                draft.article.order.content_per_order_unit = number.filter(|n| !n.is_zero())
            }
            ("PRICE_QUANTITY", _) if in_order => draft.article.order.price_quantity = number,
            ("QUANTITY_MIN", _) if in_order => {
                draft.article.order.quantity_min = number.filter(|n| !n.is_zero())
            }
            ("QUANTITY_INTERVAL", _) if in_order => {
                draft.article.order.quantity_interval = number.filter(|n| !n.is_zero())
            }
            ("PRICE_AMOUNT", _) => {
                if let Some(price) = &mut draft.price {
                    price.amount = number;
                }
            }
            ("PRICE_CURRENCY", _) => {
                if let Some(price) = &mut draft.price {
                    price.currency = text();
                }
            }
            ("TAX", _) => {
                if let Some(price) = &mut draft.price {
                    price.tax_rate = number.map(tax_percent);
                }
            }
            ("PRICE_FACTOR", _) => {
                if let Some(price) = &mut draft.price {
                    price.factor = number;
                }
            }
            ("LOWER_BOUND", _) => {
                if let Some(price) = &mut draft.price {
                    price.lower_bound = number;
                }
            }
            ("PRICE_BASE", _) => {
                if let Some(price) = &mut draft.price {
                    price.base = true;
                }
            }
            ("PRICE_UNIT_VALUE", "PRICE_BASE") => {
                if let Some(price) = &mut draft.price {
                    price.base_value = number;
                }
            }
            ("PRICE_UNIT", "PRICE_BASE") => {
                if let Some(price) = &mut draft.price {
                    price.base_unit = text();
                }
            }
            ("PRICE_UNIT_FACTOR", "PRICE_BASE") => {
                if let Some(price) = &mut draft.price {
                    price.base_factor = number;
                }
            }
            ("ARTICLE_PRICE" | "PRODUCT_PRICE", _) => {
                if let Some(price) = draft.price.take() {
                    let base = price.base.then(|| PriceBase {
                        value: price.base_value.unwrap_or(Decimal::ONE),
                        unit: price.base_unit,
                        factor: price.base_factor,
                    });
                    draft.article.prices.push(SupplierPrice {
                        price_type: price.price_type,
                        amount: price.amount,
                        currency: price.currency.or_else(|| self.header.currency.clone()),
                        tax_rate: price.tax_rate,
                        factor: price.factor.unwrap_or(Decimal::ONE),
                        lower_bound: price.lower_bound.unwrap_or(Decimal::ONE),
                        base,
                    });
                }
            }
            ("FNAME", "FEATURE") | ("FT_NAME", "FTEMPLATE") if in_features => {
                if let Some(feature) = &mut draft.feature {
                    feature.name = text();
                }
            }
            ("FVALUE", "FEATURE") if in_features => {
                if let Some(feature) = &mut draft.feature {
                    feature.values.push((lang, value.to_owned()));
                }
            }
            ("FVALUE_DETAILS", "FEATURE") if in_features => {
                if let Some(feature) = &mut draft.feature {
                    feature.details = text();
                }
            }
            ("FUNIT", "FEATURE") | ("FT_UNIT", "FTEMPLATE") if in_features => {
                if let Some(feature) = &mut draft.feature {
                    feature.unit = text();
                }
            }
            ("FEATURE", _) if in_features => {
                if let Some(feature) = draft.feature.take() {
                    let feature = self.finish_feature(feature);
                    if let (Some(feature), Some(draft)) = (feature, &mut self.article) {
                        draft.article.features.push(feature);
                    }
                }
            }
            ("ARTICLE" | "PRODUCT", _) if self.stack.last().is_some_and(|o| o.index.is_some()) => {
                if let Some(draft) = self.article.take() {
                    items.extend(self.finish_article(draft));
                }
            }
            _ => {}
        }
    }

    fn finish_feature(&self, feature: FeatureDraft) -> Option<ArticleFeature> {
        let name = feature.name?;
        // Values in several languages: those of the preferred language, plus
        // any without one.
        let chosen = self.choose(
            &feature
                .values
                .iter()
                .filter(|(lang, _)| lang.is_some())
                .cloned()
                .collect::<Vec<_>>(),
        );
        let mut values: Vec<String> = feature
            .values
            .iter()
            .filter(|(lang, _)| lang.is_none() || chosen.as_ref().is_some_and(|(l, _)| l == lang))
            .map(|(_, v)| v.clone())
            .collect();
        if values.is_empty() {
            values.extend(feature.details);
        }
        Some(ArticleFeature {
            name,
            values,
            unit: feature.unit,
        })
    }

    fn price_choice(&self) -> PriceChoice<'_> {
        PriceChoice {
            cost_types: &self.options.cost_price_types,
            list_types: &self.options.list_price_types,
            currency: self
                .options
                .currency
                .as_deref()
                .or(self.header.currency.as_deref()),
        }
    }

    fn finish_article(&mut self, draft: ArticleDraft) -> Vec<FeedItem> {
        if draft.article.mode != ArticleMode::Delete {
            let (cost, list) = taken_types(&draft.article, &self.price_choice());
            self.price_types.add(&draft.article.prices, cost, list);
        }
        let ArticleDraft {
            mut article,
            short,
            long,
            mut problems,
            ..
        } = draft;
        let problem = |field: &str, reason: &str| RowProblem {
            file: self.file.clone(),
            location: article.location.clone(),
            field: field.into(),
            reason: reason.into(),
            source_key: None,
        };
        if article.source_key.is_empty() {
            problems.push(problem(
                "SUPPLIER_AID",
                "the article has no supplier article number (SUPPLIER_AID / SUPPLIER_PID)",
            ));
        }
        if let Some((lang, name)) = self.choose(&short) {
            article.name = Some(name);
            article.language = lang;
        }
        if let Some((_, text)) = self.choose(&long) {
            article.long_description = Some(text);
        }
        if matches!(article.mode, ArticleMode::New | ArticleMode::Update) && article.name.is_none()
        {
            problems.push(problem(
                "DESCRIPTION_SHORT",
                "the article has no short description (its name)",
            ));
        }
        if !problems.is_empty() {
            // Every problem of the article names its key, if it has one: a
            // full feed keeps that article's offer alive.
            let key: Option<Box<str>> = Some(article.source_key.as_str())
                .filter(|k| !k.is_empty())
                .map(Into::into);
            return problems
                .into_iter()
                .map(|p| {
                    FeedItem::Problem(RowProblem {
                        source_key: key.clone(),
                        ..p
                    })
                })
                .collect();
        }
        if article.mode != ArticleMode::Delete {
            article.currency = self.header.currency.clone();
            let result = apply_prices(&mut article, &self.price_choice());
            // A price update that restates no order details is converted by
            // the importer with the details it keeps for the article; only a
            // price type none chose is its problem already.
            let deferred = article.mode == ArticleMode::PriceUpdate
                && article.order.is_empty()
                && result.as_ref().is_err_and(|e| e.field != "price_type");
            if let (Err(e), false) = (result, deferred) {
                // Its key is read (the checks above passed): in a full feed
                // the article's offer stays alive.
                return vec![FeedItem::Problem(RowProblem {
                    file: self.file.clone(),
                    location: article.location,
                    field: e.field,
                    reason: e.reason,
                    source_key: Some(article.source_key.into_boxed_str()),
                })];
            }
            article.sales_unit = sales_unit(&article.order);
        }
        vec![FeedItem::Article(Box::new(article))]
    }
}

/// Reads a BMEcat file, handing the header, groups, articles, group assignments
/// and problems to `visit` in file order, and after the last article the price
/// types it states ([`FeedItem::PriceTypes`]). A root other than `BMECAT` is
/// refused at its first element; a file that breaks off is refused at the
/// element where it does (after the articles before it were handed out).
pub fn read_bmecat<R: Read, E>(
    reader: R,
    options: &BmecatOptions,
    encoding: Option<FeedEncoding>,
    file: &str,
    visit: &mut impl FnMut(FeedItem) -> Result<(), E>,
) -> Result<FeedEncoding, FeedFailure<E>> {
    let mut parser = Parser::new(options, file);
    let encoding = parse(reader, &mut parser, encoding, file, visit)?;
    if !parser.price_types.is_empty() {
        visit(FeedItem::PriceTypes {
            types: parser.price_types.counts(),
            not_kept: parser.price_types.not_kept,
        })
        .map_err(FeedFailure::Stopped)?;
    }
    Ok(encoding)
}

/// The price types of the first `limit` articles of a BMEcat file (for the
/// import wizard's preview), and how many articles that was. A file that breaks
/// off or is refused answers with what was read before.
pub fn bmecat_price_types<R: Read>(
    reader: R,
    options: &BmecatOptions,
    file: &str,
    limit: u32,
) -> (Vec<PriceTypeCount>, u32) {
    let mut parser = Parser::new(options, file);
    let mut seen = 0u32;
    let _ = parse(reader, &mut parser, None, file, &mut |item| {
        if matches!(item, FeedItem::Article(_) | FeedItem::Problem(_)) {
            seen += 1;
            if seen >= limit {
                return Err(());
            }
        }
        Ok(())
    });
    (parser.price_types.counts(), parser.articles)
}

impl<'o> Parser<'o> {
    fn new(options: &'o BmecatOptions, file: &str) -> Self {
        Parser {
            options,
            file: file.into(),
            header: CatalogHeader::default(),
            transaction: None,
            stack: Vec::new(),
            text: String::new(),
            articles: 0,
            article: None,
            group: None,
            assignment: None,
            price_types: PriceTypeTally::default(),
            record_bytes: 0,
        }
    }
}

fn parse<R: Read, E>(
    reader: R,
    parser: &mut Parser<'_>,
    encoding: Option<FeedEncoding>,
    file: &str,
    visit: &mut impl FnMut(FeedItem) -> Result<(), E>,
) -> Result<FeedEncoding, FeedFailure<E>> {
    let (prefix, reader) = sniff(reader).map_err(|source| FeedError::Io {
        file: file.into(),
        source,
    })?;
    if prefix.iter().all(u8::is_ascii_whitespace) {
        return Err(FeedError::Empty { file: file.into() }.into());
    }
    let encoding = match encoding {
        Some(chosen) => chosen,
        None => xml_encoding(&prefix).map_err(|reason| FeedError::XmlEncoding {
            file: file.into(),
            reason,
        })?,
    };
    let mut xml = quick_xml::Reader::from_reader(EventBudget::new(
        CountingBufRead::new(BufReader::new(decode(reader, encoding))),
        MAX_XML_EVENT_BYTES,
    ));
    xml.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    let mut seen_root = false;
    loop {
        xml.get_mut().reset();
        let event = xml.read_event_into(&mut buf);
        let line = xml.get_ref().get_ref().line();
        let malformed = |parser: &Parser<'_>, reason: String| parser.malformed(line, reason);
        match event {
            Err(_) if xml.get_ref().exceeded() => {
                return Err(malformed(
                    parser,
                    format!(
                        "more than {} MiB of XML in one piece (one tag, text or CDATA section); \
                         no catalogue field is that long",
                        MAX_XML_EVENT_BYTES >> 20
                    ),
                )
                .into());
            }
            Err(e) => {
                if !seen_root {
                    return Err(FeedError::WrongFormat {
                        file: file.into(),
                        expected: "a BMEcat catalogue",
                        reason: format!("it is not XML ({e})"),
                    }
                    .into());
                }
                return Err(malformed(parser, format!("broken XML: {e}")).into());
            }
            Ok(Event::Start(start)) => {
                if seen_root && parser.stack.is_empty() {
                    return Err(malformed(parser, "a second root element".into()).into());
                }
                seen_root = true;
                if let Some(item) = parser.start(&start, line)? {
                    visit(item).map_err(FeedFailure::Stopped)?;
                }
            }
            Ok(Event::End(_)) => {
                for item in parser.end(line)? {
                    visit(item).map_err(FeedFailure::Stopped)?;
                }
            }
            Ok(Event::Text(text)) => {
                if !parser.stack.is_empty() {
                    parser.push_text(&text.xml10_content(), line)?;
                } else if !text.xml10_content().trim().is_empty() {
                    let reason = if seen_root {
                        "text after the root element".to_owned()
                    } else {
                        "text before the root element: it is not XML".to_owned()
                    };
                    if seen_root {
                        return Err(malformed(parser, reason).into());
                    }
                    return Err(FeedError::WrongFormat {
                        file: file.into(),
                        expected: "a BMEcat catalogue",
                        reason,
                    }
                    .into());
                }
            }
            Ok(Event::CData(data)) => parser.push_text(&data.xml10_content(), line)?,
            Ok(Event::GeneralRef(reference)) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => match reference.as_ref() {
                        "amp" => Some("&".to_owned()),
                        "lt" => Some("<".to_owned()),
                        "gt" => Some(">".to_owned()),
                        "quot" => Some("\"".to_owned()),
                        "apos" => Some("'".to_owned()),
                        // An entity of the DTD's internal subset: kept as written.
                        other => Some(format!("&{other};")),
                    },
                    Err(e) => {
                        return Err(
                            malformed(parser, format!("broken character reference: {e}")).into(),
                        )
                    }
                };
                parser.push_text(&resolved.unwrap_or_default(), line)?;
            }
            Ok(Event::Eof) => {
                if !seen_root {
                    return Err(FeedError::WrongFormat {
                        file: file.into(),
                        expected: "a BMEcat catalogue",
                        reason: "it has no root element".into(),
                    }
                    .into());
                }
                if !parser.stack.is_empty() {
                    return Err(malformed(
                        parser,
                        "the file ends here, inside open elements (truncated?)".into(),
                    )
                    .into());
                }
                if parser.transaction.is_none() {
                    return Err(FeedError::WrongFormat {
                        file: file.into(),
                        expected: "a BMEcat catalogue",
                        reason: "it has no T_NEW_CATALOG, T_UPDATE_PRODUCTS or T_UPDATE_PRICES"
                            .into(),
                    }
                    .into());
                }
                break;
            }
            Ok(_) => {}
        }
        buf.clear();
    }
    Ok(encoding)
}
