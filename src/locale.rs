//! How documents write amounts, dates and their labels, in German or English
//! (docs/offers.md §Locale). Amounts are formatted from the exact `Decimal`,
//! never through a float.
//!
//! | | de | en |
//! | --- | --- | --- |
//! | money (EUR) | `1.234,56 €` | `€1,234.56` |
//! | money (other) | `1.234,56 CHF` | `CHF 1,234.56` |
//! | date | `23.11.2026` | `23 Nov 2026` |
//! | percent | `19 %` | `19%` |

mod changes;

pub use changes::ChangeLabels;

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{InputSays, Wording};
use crate::vocabulary::OfferType;
use crate::{Error, Result};

/// The language of customer documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    De,
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::De => "de",
            Locale::En => "en",
        }
    }

    pub fn parse(text: &str) -> Result<Locale> {
        match text {
            "de" => Ok(Locale::De),
            "en" => Ok(Locale::En),
            other => Err(Error::input_said(
                "language",
                Wording::new(InputSays::NotDocumentLanguage).text("value", other),
            )),
        }
    }

    /// A number with two decimals and grouped thousands: `1.234,56` / `1,234.56`.
    /// Rounded half away from zero if it has more than two decimals.
    pub fn amount(self, value: Decimal) -> String {
        self.amount_to(value, 2)
    }

    /// A per-unit price exactly as the line multiplies it (docs/pricing.md §1):
    /// two decimals, or more when it has more (a leasing rate 42.775, a
    /// discounted price 11.9325): rounding it here would show a price whose
    /// product with the quantity is not the line's amount.
    pub fn exact_amount(self, value: Decimal) -> String {
        self.amount_to(value, value.normalize().scale().max(2))
    }

    /// Whether `value` has more than two decimals, so `exact_amount` shows more.
    pub fn has_sub_cents(value: Decimal) -> bool {
        value.normalize().scale() > 2
    }

    fn amount_to(self, value: Decimal, decimals: u32) -> String {
        let rounded =
            value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        let (thousands, decimal) = match self {
            Locale::De => ('.', ','),
            Locale::En => (',', '.'),
        };
        let text = format!("{:.*}", decimals as usize, rounded.abs());
        let (whole, cents) = text.split_once('.').unwrap_or((&text, "00"));
        let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(thousands);
            }
            grouped.push(digit);
        }
        let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
            "-"
        } else {
            ""
        };
        format!("{sign}{grouped}{decimal}{cents}")
    }

    /// An amount of money: `1.234,56 €` / `€1,234.56`; `-1.234,56 €` / `-€1,234.56`.
    pub fn money(self, value: Decimal, currency: &str) -> String {
        self.with_currency(self.amount(value.abs()), value, currency)
    }

    /// A per-unit price with its currency, exact as in `exact_amount`.
    pub fn unit_money(self, value: Decimal, currency: &str) -> String {
        self.with_currency(self.exact_amount(value.abs()), value, currency)
    }

    fn with_currency(self, number: String, value: Decimal, currency: &str) -> String {
        let negative =
            value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero) < Decimal::ZERO;
        let sign = if negative { "-" } else { "" };
        let symbol = match currency {
            "EUR" => Some("€"),
            "USD" => Some("$"),
            "GBP" => Some("£"),
            _ => None,
        };
        match (self, symbol) {
            (Locale::De, Some(symbol)) => format!("{sign}{number} {symbol}"),
            (Locale::De, None) => format!("{sign}{number} {currency}"),
            (Locale::En, Some(symbol)) => format!("{sign}{symbol}{number}"),
            (Locale::En, None) => format!("{sign}{currency} {number}"),
        }
    }

    /// `23.11.2026` / `23 Nov 2026`.
    pub fn date(self, date: NaiveDate) -> String {
        match self {
            Locale::De => date.format("%d.%m.%Y").to_string(),
            Locale::En => {
                const MONTHS: [&str; 12] = [
                    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
                    "Dec",
                ];
                format!(
                    "{} {} {}",
                    date.day(),
                    MONTHS[date.month0() as usize],
                    date.year()
                )
            }
        }
    }

    /// A percentage as stored (19 for 19 %): `19 %`, `2,95 %` / `19%`, `2.95%`.
    pub fn percent(self, value: Decimal) -> String {
        let text = value.normalize().to_string();
        match self {
            Locale::De => format!("{} %", text.replace('.', ",")),
            Locale::En => format!("{text}%"),
        }
    }

    /// "Seite 1 von 2" / "Page 1 of 2".
    pub fn page(self, page: usize, pages: usize) -> String {
        match self {
            Locale::De => format!("Seite {page} von {pages}"),
            Locale::En => format!("Page {page} of {pages}"),
        }
    }

    /// "12 Monate" / "12 months".
    pub fn months(self, months: u32) -> String {
        match (self, months) {
            (Locale::De, 1) => "1 Monat".to_owned(),
            (Locale::De, n) => format!("{n} Monate"),
            (Locale::En, 1) => "1 month".to_owned(),
            (Locale::En, n) => format!("{n} months"),
        }
    }

    pub fn offer_type(self, offer_type: OfferType) -> &'static str {
        match (self, offer_type) {
            (Locale::De, OfferType::Rental) => "Miete",
            (Locale::De, OfferType::Purchase) => "Kauf",
            (Locale::De, OfferType::Leasing) => "Leasing",
            (Locale::En, OfferType::Rental) => "Rental",
            (Locale::En, OfferType::Purchase) => "Purchase",
            (Locale::En, OfferType::Leasing) => "Leasing",
        }
    }

    /// The fixed words of customer documents.
    pub fn labels(self) -> &'static Labels {
        match self {
            Locale::De => &DE,
            Locale::En => &EN,
        }
    }
}

/// The fixed words of an offer document in one language.
#[derive(Debug)]
pub struct Labels {
    pub offer: &'static str,
    pub offer_number: &'static str,
    pub version: &'static str,
    pub date: &'static str,
    pub valid_until: &'static str,
    pub customer_number: &'static str,
    pub position: &'static str,
    pub description: &'static str,
    pub quantity: &'static str,
    pub offer_type: &'static str,
    pub tax: &'static str,
    pub unit_price: &'static str,
    pub one_time: &'static str,
    pub monthly: &'static str,
    pub subtotal: &'static str,
    pub one_time_net: &'static str,
    pub monthly_net: &'static str,
    pub residual: &'static str,
    pub vat: &'static str,
    pub one_time_gross: &'static str,
    pub monthly_gross: &'static str,
    pub contract_value: &'static str,
    pub contract_value_gross: &'static str,
    pub terms: &'static str,
    pub rental_terms: &'static str,
    pub minimum_term: &'static str,
    pub notice: &'static str,
    pub renewal: &'static str,
    pub leasing_terms: &'static str,
    pub leasing_factor: &'static str,
    pub residual_value: &'static str,
    pub financed_amount: &'static str,
    pub prices_net: &'static str,
    pub notes: &'static str,
    pub greeting: &'static str,
    pub vat_id: &'static str,
    pub bank: &'static str,
    pub contact: &'static str,
    pub customer_wide: &'static str,
    pub per_month: &'static str,
    /// The footnote of a unit price marked `*` (more than two decimals).
    pub exact_unit_price: &'static str,
    /// What the total contract value counts (docs/pricing.md §3).
    pub contract_value_note: &'static str,
    /// The column of the booking context (employee, location, …).
    pub context: &'static str,
    pub setup_fee: &'static str,
    /// Under a line with a setup fee: "incl. one-time setup €490.00".
    pub setup_included: &'static str,
    pub salutation: &'static str,
    /// After "VAT 19 %" in the contract value's VAT rows.
    pub on_contract_value: &'static str,
    /// "term" in the leasing terms: "Leasing: term 36 months, …".
    pub leasing_term: &'static str,
    /// After the leasing factor: "of the financed amount per month".
    pub of_financed_per_month: &'static str,
    /// "This offer is valid until" (the date follows, then a full stop).
    pub offer_valid_until: &'static str,
}

const DE: Labels = Labels {
    offer: "Angebot",
    offer_number: "Angebotsnummer",
    version: "Version",
    date: "Datum",
    valid_until: "Gültig bis",
    customer_number: "Kundennummer",
    position: "Pos.",
    description: "Beschreibung",
    quantity: "Menge",
    offer_type: "Art",
    tax: "USt.",
    unit_price: "Einzelpreis",
    one_time: "Einmalig",
    monthly: "Monatlich",
    subtotal: "Zwischensumme",
    one_time_net: "Einmalig netto",
    monthly_net: "Monatlich netto",
    residual: "Restwerte (am Laufzeitende)",
    vat: "USt.",
    one_time_gross: "Einmalig brutto",
    monthly_gross: "Monatlich brutto",
    contract_value: "Gesamtvertragswert netto",
    contract_value_gross: "Gesamtvertragswert brutto",
    terms: "Konditionen",
    rental_terms: "Miete",
    minimum_term: "Mindestlaufzeit",
    notice: "Kündigungsfrist",
    renewal: "Verlängerung um",
    leasing_terms: "Leasing",
    leasing_factor: "Leasingfaktor",
    residual_value: "Restwert",
    financed_amount: "finanzierter Betrag",
    prices_net: "Alle Preise netto zuzüglich der gesetzlichen Umsatzsteuer.",
    notes: "Anmerkungen",
    greeting: "vielen Dank für Ihre Anfrage. Gerne unterbreiten wir Ihnen folgendes Angebot:",
    vat_id: "USt-IdNr.",
    bank: "Bank",
    contact: "Kontakt",
    customer_wide: "Unternehmensweit",
    per_month: "mtl.",
    exact_unit_price: "* Einzelpreis exakt, wie gerechnet (Leasingrate = finanzierter Betrag × Leasingfaktor; rabattierter Preis): der Betrag der Position ist Menge × Einzelpreis, einmal auf Cent gerundet.",
    contract_value_note: "Gesamtvertragswert: die einmaligen Beträge und jede Position über ihre eigene Mindestlaufzeit (Leasing: Laufzeit und Restwert).",
    context: "Kontext",
    setup_fee: "Einrichtung",
    setup_included: "inkl. einmaliger Einrichtung",
    salutation: "Sehr geehrte Damen und Herren,",
    on_contract_value: "auf den Vertragswert",
    leasing_term: "Laufzeit",
    of_financed_per_month: "des finanzierten Betrags pro Monat",
    offer_valid_until: "Dieses Angebot ist gültig bis",
};

const EN: Labels = Labels {
    offer: "Offer",
    offer_number: "Offer number",
    version: "Version",
    date: "Date",
    valid_until: "Valid until",
    customer_number: "Customer number",
    position: "Pos.",
    description: "Description",
    quantity: "Qty",
    offer_type: "Type",
    tax: "VAT",
    unit_price: "Unit price",
    one_time: "One-time",
    monthly: "Monthly",
    subtotal: "Subtotal",
    one_time_net: "One-time net",
    monthly_net: "Monthly net",
    residual: "Residual values (at term end)",
    vat: "VAT",
    one_time_gross: "One-time gross",
    monthly_gross: "Monthly gross",
    contract_value: "Total contract value net",
    contract_value_gross: "Total contract value gross",
    terms: "Terms",
    rental_terms: "Rental",
    minimum_term: "minimum term",
    notice: "notice period",
    renewal: "renews by",
    leasing_terms: "Leasing",
    leasing_factor: "leasing factor",
    residual_value: "residual value",
    financed_amount: "financed amount",
    prices_net: "All prices are net, plus VAT at the statutory rate.",
    notes: "Notes",
    greeting: "Thank you for your enquiry. We are pleased to offer the following:",
    vat_id: "VAT ID",
    bank: "Bank",
    contact: "Contact",
    customer_wide: "Company-wide",
    per_month: "/mo",
    exact_unit_price: "* Unit price exact, as computed (leasing rate = financed amount × leasing factor; discounted price): the line's amount is quantity × unit price, rounded to cents once.",
    contract_value_note: "Total contract value: the one-time amounts and each line over its own minimum term (leasing: its term and residual value).",
    context: "Context",
    setup_fee: "Setup fee",
    setup_included: "incl. one-time setup",
    salutation: "Dear Sir or Madam,",
    on_contract_value: "on the contract value",
    leasing_term: "term",
    of_financed_per_month: "of the financed amount per month",
    offer_valid_until: "This offer is valid until",
};
