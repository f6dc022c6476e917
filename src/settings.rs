//! The company's settings for documents: the sender on the letterhead, the
//! default validity of offers and the document language. One row.

use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::{Error, Result};

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
    /// A logo image file to print on the letterhead; kept, not yet printed.
    pub logo_path: Option<String>,
    /// The language of customer documents.
    pub language: Locale,
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
    })
}

pub fn save_settings(tx: &Transaction<'_>, settings: &Settings) -> Result<Settings> {
    if !(1..=365).contains(&settings.default_validity_days) {
        return Err(Error::input(
            "default_validity_days",
            format!(
                "must be 1 to 365 days, not {}",
                settings.default_validity_days
            ),
        ));
    }
    let logo = settings
        .logo_path
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    tx.prepare_cached(
        "UPDATE settings SET company_name = ?1, address = ?2, vat_id = ?3, bank = ?4, contact = ?5,
             default_validity_days = ?6, logo_path = ?7, language = ?8 WHERE id = 1",
    )?
    .execute(params![
        settings.company_name.trim(),
        settings.address.trim(),
        settings.vat_id.trim(),
        settings.bank.trim(),
        settings.contact.trim(),
        settings.default_validity_days,
        logo,
        settings.language.as_str()
    ])?;
    self::settings(tx)
}
