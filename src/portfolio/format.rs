//! The records of a portfolio file. Unknown fields are refused so a typo never
//! silently drops data; money is written as a decimal string ("1299.00").

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::catalog::{
    BookingContext, ItemStatus, LinkMode, LinkQuantity, OfferTerms, RequirementScope, ServiceKind,
    ServiceUnit, StockStatus,
};
use crate::{Error, Result};

pub const FORMAT_NAME: &str = "servicefolio-portfolio";
/// Bumped when a change would make an older reader misread a file.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioFile {
    pub format: String,
    pub version: u32,
    pub catalog: CatalogRecords,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogRecords {
    #[serde(default)]
    pub services: Vec<ServiceRecord>,
    #[serde(default)]
    pub add_ons: Vec<AddOnRecord>,
    #[serde(default)]
    pub products: Vec<ProductRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementRecord {
    /// Code of the basic service.
    pub service: String,
    pub scope: RequirementScope,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkRecord {
    /// Code of the linked service or product.
    pub item: String,
    pub mode: LinkMode,
    pub quantity: LinkQuantity,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProductRecord {
    pub code: String,
    pub name: String,
    pub category: String,
    pub manufacturer: String,
    pub manufacturer_part_number: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ean: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_price: Option<Decimal>,
    pub list_price: Decimal,
    pub currency: String,
    pub tax_rate: Decimal,
    #[serde(default)]
    pub stock_status: StockStatus,
    #[serde(default = "custom_source")]
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_key: Option<String>,
    #[serde(default)]
    pub status: ItemStatus,
    pub allowed_contexts: Vec<BookingContext>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<RequirementRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkRecord>,
}

fn custom_source() -> String {
    "custom".to_owned()
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantRecord {
    pub code: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup_fee: Option<Decimal>,
    pub offers: OfferTerms,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceRecord {
    pub code: String,
    pub name: String,
    pub kind: ServiceKind,
    pub category: String,
    #[serde(default)]
    pub description: String,
    pub unit: ServiceUnit,
    pub currency: String,
    pub tax_rate: Decimal,
    #[serde(default)]
    pub status: ItemStatus,
    pub allowed_contexts: Vec<BookingContext>,
    pub variants: Vec<VariantRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<RequirementRecord>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkRecord>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddOnRecord {
    pub code: String,
    pub name: String,
    pub category: String,
    #[serde(default)]
    pub description: String,
    pub one_time_price: Decimal,
    pub currency: String,
    pub tax_rate: Decimal,
    #[serde(default)]
    pub status: ItemStatus,
    /// Codes of the products and services the add-on can be ordered for.
    pub applies_to: Vec<String>,
}

impl PortfolioFile {
    /// Parses and validates a portfolio; errors name the JSON path and the reason.
    pub fn parse(text: &str) -> Result<PortfolioFile> {
        let deserializer = &mut serde_json::Deserializer::from_str(text);
        let file: PortfolioFile = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            let inner = e.inner();
            let path = e.path().to_string();
            let path = if path == "." {
                "$".to_owned()
            } else {
                format!("$.{path}")
            };
            Error::invalid(
                path,
                format!(
                    "{} (line {}, column {})",
                    strip_position(&inner.to_string()),
                    inner.line(),
                    inner.column()
                ),
            )
        })?;
        if file.format != FORMAT_NAME {
            return Err(Error::invalid(
                "$.format",
                format!("expected \"{FORMAT_NAME}\", found {:?}", file.format),
            ));
        }
        if file.version != FORMAT_VERSION {
            return Err(Error::invalid(
                "$.version",
                format!(
                    "this Servicefolio reads version {FORMAT_VERSION}, the file is version {}",
                    file.version
                ),
            ));
        }
        super::validate(&file)?;
        Ok(file)
    }
}

/// serde_json appends " at line L column C"; the message states them itself.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at])
}
