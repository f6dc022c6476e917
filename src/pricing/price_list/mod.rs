//! Customer price lists (docs/pricing.md §4): for one customer and a period,
//! a service variant's own price, an option's own delta, or a percentage discount
//! on a service or a whole category. Products keep their fixed price.
//!
//! Precedence when a price is resolved, for a variant: the variant's override,
//! else the service's discount, else the category's discount, else the catalog.
//! For an option: the option's override, else the same discounts on its catalog
//! delta, else the catalog delta.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use std::collections::HashSet;

use super::store::price_lists as store;
use crate::error::{InputSays, RefusalSays, Wording};
use crate::money::{amount_wording, bounded, optional_decimal_from_text};
use crate::vocabulary::OfferType;
use crate::{Error, Result};

pub(crate) mod record;

pub use record::{
    CustomerPrice, DiscountTarget, PriceList, PriceListDraft, PriceListEntry, PriceSource,
    PriceTarget,
};

/// A service by code: its id and category. A product is refused by name, since
/// customer prices do not apply to products.
fn service(conn: &Connection, code: &str, field: &str) -> Result<(i64, String)> {
    let found: Option<(i64, String, bool)> = conn
        .prepare_cached(
            "SELECT ci.id, ci.category, s.item_id IS NOT NULL
             FROM catalog_item ci LEFT JOIN service s ON s.item_id = ci.id WHERE ci.code = ?1",
        )?
        .query_row([code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    match found {
        Some((id, category, true)) => Ok((id, category)),
        Some(_) => Err(Error::input_said(
            field,
            Wording::new(InputSays::NotAService).text("code", code),
        )),
        None => Err(Error::input_said(
            field,
            Wording::new(InputSays::CatalogHasNoService).text("code", code),
        )),
    }
}

fn variant_id(
    conn: &Connection,
    service_id: i64,
    service: &str,
    code: &str,
    field: &str,
) -> Result<i64> {
    conn.prepare_cached("SELECT id FROM service_variant WHERE service_id = ?1 AND code = ?2")?
        .query_row(params![service_id, code], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            Error::input_said(
                field,
                Wording::new(InputSays::ServiceHasNoVariant)
                    .text("service", service)
                    .text("variant", code),
            )
        })
}

fn choice_id(
    conn: &Connection,
    service_id: i64,
    service: &str,
    group: &str,
    choice: &str,
    field: &str,
) -> Result<i64> {
    let group_id: i64 = conn
        .prepare_cached("SELECT id FROM option_group WHERE service_id = ?1 AND code = ?2")?
        .query_row(params![service_id, group], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            Error::input_said(
                field,
                Wording::new(InputSays::ServiceHasNoOptionGroup)
                    .text("service", service)
                    .text("group", group),
            )
        })?;
    conn.prepare_cached("SELECT id FROM option_choice WHERE group_id = ?1 AND code = ?2")?
        .query_row(params![group_id, choice], |r| r.get(0))
        .optional()?
        .ok_or_else(|| {
            Error::input_said(
                field,
                Wording::new(InputSays::OptionGroupHasNoChoice)
                    .text("service", service)
                    .text("group", group)
                    .text("choice", choice),
            )
        })
}

/// The catalog's per-unit amount of a variant sold one way; none if not offered.
fn catalog_variant_amount(
    conn: &Connection,
    variant_id: i64,
    offer_type: OfferType,
) -> Result<Option<Decimal>> {
    let sql = match offer_type {
        OfferType::Rental => "SELECT monthly_price FROM rental_terms WHERE variant_id = ?1",
        OfferType::Purchase => "SELECT price FROM purchase_terms WHERE variant_id = ?1",
        OfferType::Leasing => "SELECT financed_amount FROM leasing_terms WHERE variant_id = ?1",
    };
    let text: Option<String> = conn
        .prepare_cached(sql)?
        .query_row([variant_id], |r| r.get(0))
        .optional()?;
    optional_decimal_from_text(text, "catalog price")
}

/// The catalog's delta of an option choice for one offer type (none stored = 0).
fn catalog_option_delta(
    conn: &Connection,
    choice_id: i64,
    offer_type: OfferType,
) -> Result<Decimal> {
    let text: Option<String> = conn
        .prepare_cached(
            "SELECT CASE ?2 WHEN 'rental' THEN rental_monthly_delta
                            WHEN 'purchase' THEN purchase_delta
                            ELSE leasing_amount_delta END
             FROM option_choice WHERE id = ?1",
        )?
        .query_row(params![choice_id, offer_type.as_str()], |r| r.get(0))?;
    Ok(optional_decimal_from_text(text, "option delta")?.unwrap_or_default())
}

/// A variant of a service that is not sold this way.
fn not_offered(service: &str, variant: &str, offer_type: OfferType) -> Wording {
    Wording::new(InputSays::VariantNotOffered)
        .text("service", service)
        .text("variant", variant)
        .offer_type("offer_type", offer_type)
}

fn check_percent(percent: Decimal, field: &str) -> Result<()> {
    if percent < Decimal::ZERO || percent > Decimal::ONE_HUNDRED {
        return Err(Error::input_said(
            field,
            Wording::new(InputSays::DiscountNotPercent).number("percent", percent),
        ));
    }
    Ok(())
}

/// Validates the draft against the catalog and the customer's other lists.
fn check(conn: &Connection, id: Option<i64>, draft: &PriceListDraft) -> Result<()> {
    if draft.name.trim().is_empty() {
        return Err(Error::input_problem(
            "name",
            crate::error::InputProblem::Empty,
        ));
    }
    if let Some(until) = draft.valid_until {
        if until < draft.valid_from {
            return Err(Error::input_said(
                "valid_until",
                Wording::new(InputSays::PriceListEndsBeforeStart)
                    .date("until", until)
                    .date("from", draft.valid_from),
            ));
        }
    }
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM customer WHERE id = ?1)")?
        .query_row([draft.customer_id], |r| r.get(0))?;
    if !exists {
        return Err(Error::not_found(
            Wording::new(RefusalSays::CustomerNotFound).text("id", draft.customer_id),
        ));
    }
    let clash = store::overlapping_price_list(
        conn,
        draft.customer_id,
        id,
        draft.valid_from,
        draft.valid_until,
    )?;
    if let Some((name, from, until)) = clash {
        // The stored dates, as dates (as they are, should one not read as a date).
        let date = |wording: Wording, name: &str, text: &str| match NaiveDate::parse_from_str(
            text, "%Y-%m-%d",
        ) {
            Ok(day) => wording.date(name, day),
            Err(_) => wording.text(name, text),
        };
        let wording = match until {
            Some(until) => date(Wording::new(InputSays::OverlapsPriceList), "until", &until),
            None => Wording::new(InputSays::OverlapsOpenPriceList),
        };
        return Err(Error::input_said(
            "valid_from",
            date(wording.text("name", name), "from", &from),
        ));
    }
    Ok(())
}

/// Writes the entries of list `id`, resolving and checking every code.
fn write_entries(tx: &Transaction<'_>, id: i64, entries: &[PriceListEntry]) -> Result<()> {
    let mut seen = HashSet::new();
    for (index, entry) in entries.iter().enumerate() {
        let field = |name: &str| format!("entries[{index}].{name}");
        let duplicate = || Error::input_said(field("entry"), Wording::new(InputSays::EntryTwice));
        match entry {
            PriceListEntry::Variant {
                service: code,
                variant,
                offer_type,
                amount,
            } => {
                let (service_id, _) = service(tx, code, &field("service"))?;
                let variant_id = variant_id(tx, service_id, code, variant, &field("variant"))?;
                if catalog_variant_amount(tx, variant_id, *offer_type)?.is_none() {
                    return Err(Error::input_said(
                        field("offer_type"),
                        not_offered(code, variant, *offer_type),
                    ));
                }
                if let Some(wording) = amount_wording(*amount, false) {
                    return Err(Error::input_said(field("amount"), wording));
                }
                if !seen.insert(("variant", variant_id, offer_type.as_str().to_owned())) {
                    return Err(duplicate());
                }
                store::insert_variant_price(tx, id, variant_id, *offer_type, *amount)?;
            }
            PriceListEntry::Option {
                service: code,
                group,
                choice,
                offer_type,
                amount,
            } => {
                let (service_id, _) = service(tx, code, &field("service"))?;
                // Checked now; stored by code (see migration 0007).
                choice_id(tx, service_id, code, group, choice, &field("choice"))?;
                // A delta, like the catalog's: negative is a discount.
                if let Some(wording) = amount_wording(*amount, true) {
                    return Err(Error::input_said(field("amount"), wording));
                }
                let key = format!("{group}\u{1f}{choice}\u{1f}{}", offer_type.as_str());
                if !seen.insert(("option", service_id, key)) {
                    return Err(duplicate());
                }
                store::insert_option_price(
                    tx,
                    id,
                    service_id,
                    group,
                    choice,
                    *offer_type,
                    *amount,
                )?;
            }
            PriceListEntry::Discount { target, percent } => {
                check_percent(*percent, &field("percent"))?;
                let (service_id, category) = match target {
                    DiscountTarget::Service(code) => {
                        (Some(service(tx, code, &field("target"))?.0), None)
                    }
                    DiscountTarget::Category(name) => {
                        let known: bool = tx
                            .prepare_cached(
                                "SELECT EXISTS (SELECT 1 FROM catalog_item ci JOIN service s ON s.item_id = ci.id
                                                WHERE ci.category = ?1)",
                            )?
                            .query_row([name], |r| r.get(0))?;
                        if !known {
                            return Err(Error::input_said(
                                field("target"),
                                Wording::new(InputSays::NoServiceInCategory).text("category", name),
                            ));
                        }
                        (None, Some(name.as_str()))
                    }
                };
                let key = (
                    if service_id.is_some() {
                        "service"
                    } else {
                        "category"
                    },
                    service_id.unwrap_or_default(),
                    category.unwrap_or_default().to_owned(),
                );
                if !seen.insert(key) {
                    return Err(duplicate());
                }
                store::insert_discount(tx, id, service_id, category, *percent)?;
            }
        }
    }
    Ok(())
}

pub fn create_price_list(tx: &Transaction<'_>, draft: &PriceListDraft) -> Result<PriceList> {
    check(tx, None, draft)?;
    let id = store::insert_price_list(
        tx,
        draft.customer_id,
        draft.name.trim(),
        draft.valid_from,
        draft.valid_until,
    )?;
    write_entries(tx, id, &draft.entries)?;
    price_list(tx, id)
}

/// Replaces a list's period, name and entries; it stays with its customer.
pub fn update_price_list(
    tx: &Transaction<'_>,
    id: i64,
    draft: &PriceListDraft,
) -> Result<PriceList> {
    let current = price_list(tx, id)?;
    if current.customer_id != draft.customer_id {
        return Err(Error::input_said(
            "customer_id",
            Wording::new(InputSays::PriceListStaysWithCustomer),
        ));
    }
    check(tx, Some(id), draft)?;
    store::set_price_list_period(
        tx,
        id,
        draft.name.trim(),
        draft.valid_from,
        draft.valid_until,
    )?;
    store::delete_price_list_entries(tx, id)?;
    write_entries(tx, id, &draft.entries)?;
    price_list(tx, id)
}

pub fn delete_price_list(tx: &Transaction<'_>, id: i64) -> Result<()> {
    if !store::delete_price_list(tx, id)? {
        return Err(Error::not_found(
            Wording::new(RefusalSays::PriceListNotFound).text("id", id),
        ));
    }
    Ok(())
}

/// A list with its entries: variants, then options, then discounts, each by code.
pub fn price_list(conn: &Connection, id: i64) -> Result<PriceList> {
    store::price_list(conn, id)
}

/// A customer's price lists, the earliest first.
pub fn price_lists(conn: &Connection, customer_id: i64) -> Result<Vec<PriceList>> {
    store::price_list_ids(conn, customer_id)?
        .into_iter()
        .map(|id| price_list(conn, id))
        .collect()
}

/// The per-unit amount `customer_id` pays on `date` for a variant or an option
/// choice sold as `offer_type` (precedence in the module comment).
pub fn customer_price(
    conn: &Connection,
    customer_id: i64,
    target: &PriceTarget,
    offer_type: OfferType,
    date: NaiveDate,
) -> Result<CustomerPrice> {
    let code = match target {
        PriceTarget::Variant { service, .. } | PriceTarget::Option { service, .. } => service,
    };
    let (service_id, category) = service(conn, code, "service")?;
    let list = store::list_in_force(conn, customer_id, date)?;
    // The catalog amount of this target, and its override in the list in force.
    let (catalog, own): (Decimal, Option<Decimal>) = match target {
        PriceTarget::Variant { variant, .. } => {
            let id = variant_id(conn, service_id, code, variant, "variant")?;
            let catalog = catalog_variant_amount(conn, id, offer_type)?.ok_or_else(|| {
                Error::input_said("offer_type", not_offered(code, variant, offer_type))
            })?;
            let own = store::variant_override(conn, list, id, offer_type)?;
            (catalog, own)
        }
        PriceTarget::Option { group, choice, .. } => {
            let id = choice_id(conn, service_id, code, group, choice, "choice")?;
            let own = store::option_override(conn, list, service_id, group, choice, offer_type)?;
            (catalog_option_delta(conn, id, offer_type)?, own)
        }
    };
    let at_catalog = CustomerPrice {
        catalog,
        price: catalog,
        source: PriceSource::Catalog,
        price_list_id: None,
    };
    let Some(list) = list else {
        return Ok(at_catalog);
    };
    if let Some(price) = own {
        return Ok(CustomerPrice {
            price,
            source: PriceSource::Override,
            price_list_id: Some(list),
            ..at_catalog
        });
    }
    Ok(match store::discount(conn, list, service_id, &category)? {
        Some((percent, source)) => CustomerPrice {
            price: bounded(
                Decimal::ONE_HUNDRED
                    .checked_sub(percent)
                    .and_then(|share| catalog.checked_mul(share))
                    .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED)),
                || format!("{catalog} less {percent} %"),
            )?,
            source,
            price_list_id: Some(list),
            ..at_catalog
        },
        None => CustomerPrice {
            price_list_id: Some(list),
            ..at_catalog
        },
    })
}
