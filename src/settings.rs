//! The company's settings for documents: the sender on the letterhead, the
//! default validity of offers and the document language; and the approval
//! rules of offers (docs/offers.md); the folder offers are exported to. One row.

use rusqlite::{params, Connection, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{InputSays, Wording};
use crate::locale::Locale;
use crate::money::{amount_wording, optional_decimal_from_text};
use crate::{Error, Result};

/// When an offer needs an approval before it is sent. Each rule is optional
/// (none: not checked); an offer breaks a rule when its figure is beyond the
/// threshold, not at it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ApprovalRules {
    /// A line priced more than this percentage (0 to 100) below its list price.
    #[serde(default)]
    pub max_discount_percent: Option<Decimal>,
    /// A margin under this percentage (0 to 100) of the price, over the lines
    /// whose cost is known.
    #[serde(default)]
    pub min_margin_percent: Option<Decimal>,
    /// A contract value (net, in the offer's currency) over this amount.
    #[serde(default)]
    pub max_contract_value: Option<Decimal>,
}

impl ApprovalRules {
    /// Each threshold within its range, or a message naming the field.
    fn check(&self) -> Result<()> {
        let percent = |field: &str, says: InputSays, value: Option<Decimal>| match value {
            Some(p) if p.is_sign_negative() || p > Decimal::ONE_HUNDRED => Err(Error::input_said(
                format!("approval.{field}"),
                Wording::new(says).number("percent", p),
            )),
            _ => Ok(()),
        };
        percent(
            "max_discount_percent",
            InputSays::MaxDiscountNotPercent,
            self.max_discount_percent,
        )?;
        percent(
            "min_margin_percent",
            InputSays::MinMarginNotPercent,
            self.min_margin_percent,
        )?;
        if let Some(amount) = self.max_contract_value {
            let problem = if amount.is_sign_negative() || amount.is_zero() {
                Some(Wording::new(InputSays::ContractValueNotPositive).amount("amount", amount))
            } else {
                amount_wording(amount, false)
            };
            if let Some(wording) = problem {
                return Err(Error::input_said("approval.max_contract_value", wording));
            }
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct Settings {
    pub company_name: String,
    /// Street, postal code and city, one per line.
    pub address: String,
    pub vat_id: String,
    /// Bank name, IBAN and BIC, as printed in the footer.
    pub bank: String,
    /// Phone, e-mail, web: as printed.
    pub contact: String,
    /// Days an offer is valid from its date, unless it says otherwise (1 to 365).
    pub default_validity_days: u32,
    /// A logo image file (PNG or JPEG) printed on the letterhead of the offer PDF.
    pub logo_path: Option<String>,
    /// The language of customer documents.
    pub language: Locale,
    /// When an offer needs an approval before it is sent; none by default.
    #[serde(default)]
    pub approval: ApprovalRules,
}

pub fn settings(conn: &Connection) -> Result<Settings> {
    let (company_name, address, vat_id, bank, contact, days, logo_path, language): (
        String,
        String,
        String,
        String,
        String,
        u32,
        Option<String>,
        String,
    ) = conn
        .prepare_cached(
            "SELECT company_name, address, vat_id, bank, contact, default_validity_days,
                    logo_path, language FROM settings WHERE id = 1",
        )?
        .query_row([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?;
    Ok(Settings {
        company_name,
        address,
        vat_id,
        bank,
        contact,
        default_validity_days: days,
        logo_path,
        language: Locale::parse(&language)
            .map_err(|_| Error::Corrupt(format!("settings.language holds {language:?}")))?,
        approval: approval_rules(conn)?,
    })
}

/// The approval rules alone (an offer is checked against them when it is read).
pub fn approval_rules(conn: &Connection) -> Result<ApprovalRules> {
    let (discount, margin, value): (Option<String>, Option<String>, Option<String>) = conn
        .prepare_cached(
            "SELECT approval_max_discount_percent, approval_min_margin_percent,
                    approval_max_contract_value FROM settings WHERE id = 1",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(ApprovalRules {
        max_discount_percent: optional_decimal_from_text(
            discount,
            "settings.approval_max_discount_percent",
        )?,
        min_margin_percent: optional_decimal_from_text(
            margin,
            "settings.approval_min_margin_percent",
        )?,
        max_contract_value: optional_decimal_from_text(
            value,
            "settings.approval_max_contract_value",
        )?,
    })
}

pub fn save_settings(tx: &Transaction<'_>, settings: &Settings) -> Result<Settings> {
    if !(1..=365).contains(&settings.default_validity_days) {
        return Err(Error::input_said(
            "default_validity_days",
            Wording::new(InputSays::ValidityDaysOutOfRange)
                .number("days", settings.default_validity_days),
        ));
    }
    settings.approval.check()?;
    let logo = settings
        .logo_path
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    tx.prepare_cached(
        "UPDATE settings SET company_name = ?1, address = ?2, vat_id = ?3, bank = ?4, contact = ?5,
             default_validity_days = ?6, logo_path = ?7, language = ?8,
             approval_max_discount_percent = ?9, approval_min_margin_percent = ?10,
             approval_max_contract_value = ?11 WHERE id = 1",
    )?
    .execute(params![
        settings.company_name.trim(),
        settings.address.trim(),
        settings.vat_id.trim(),
        settings.bank.trim(),
        settings.contact.trim(),
        settings.default_validity_days,
        logo,
        settings.language.as_str(),
        settings
            .approval
            .max_discount_percent
            .map(|d| d.to_string()),
        settings.approval.min_margin_percent.map(|d| d.to_string()),
        settings.approval.max_contract_value.map(|d| d.to_string())
    ])?;
    self::settings(tx)
}

/// The folder offers were last exported to, kept in the database so that
/// another database starts without it; none before the first export.
pub fn export_folder(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT export_folder FROM settings WHERE id = 1")?
        .query_row([], |r| r.get(0))?)
}

/// Remembers the export folder (trimmed; empty forgets it). Apart from the
/// other settings, so that saving the letterhead never puts back an older folder.
pub fn save_export_folder(tx: &Transaction<'_>, folder: Option<&str>) -> Result<Option<String>> {
    let folder = folder.map(str::trim).filter(|f| !f.is_empty());
    if let Some(f) = folder {
        if f.len() > 4096 || f.contains('\0') {
            return Err(Error::input_said(
                "export_folder",
                Wording::new(InputSays::ExportFolderTooLong),
            ));
        }
    }
    tx.prepare_cached("UPDATE settings SET export_folder = ?1 WHERE id = 1")?
        .execute(params![folder])?;
    export_folder(tx)
}
