//! Price lists: the store module that alone writes `price_list` and its
//! variant, option and discount rows, and maps their rows (docs/store.md). Its
//! functions take the caller's connection or transaction: the operation that
//! calls them (create, update, delete a list) holds the one transaction of the
//! user action. The lists' checks and the price precedence stay in
//! src/pricing/price_list.rs.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rust_decimal::Decimal;

use crate::error::{RefusalSays, Wording};
use crate::money::decimal_from_text;
use crate::pricing::price_list::record::{DiscountTarget, PriceList, PriceListEntry, PriceSource};
use crate::vocabulary::OfferType;
use crate::{Error, Result};

/// Dates are stored as ISO text.
const DATE: &str = "%Y-%m-%d";

fn date_text(date: NaiveDate) -> String {
    date.format(DATE).to_string()
}

fn date_from_text(text: &str, column: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, DATE)
        .map_err(|e| Error::Corrupt(format!("{column} holds {text:?}, not a date: {e}")))
}

fn offer_type_from_text(text: &str) -> Result<OfferType> {
    match text {
        "rental" => Ok(OfferType::Rental),
        "purchase" => Ok(OfferType::Purchase),
        "leasing" => Ok(OfferType::Leasing),
        other => Err(Error::Corrupt(format!("offer type {other:?}"))),
    }
}

/// Another list of the customer (not `except`) whose period overlaps
/// `from`..=`until` (open ends as the last day there is): its name, valid from
/// and valid until as stored.
pub(crate) fn overlapping_price_list(
    conn: &Connection,
    customer_id: i64,
    except: Option<i64>,
    from: NaiveDate,
    until: Option<NaiveDate>,
) -> Result<Option<(String, String, Option<String>)>> {
    // Two intervals [a, b] and [c, d] (open ends as +∞) overlap when a ≤ d and c ≤ b.
    let far = "9999-12-31";
    Ok(conn
        .prepare_cached(
            "SELECT name, valid_from, valid_until FROM price_list
             WHERE customer_id = ?1 AND id IS NOT ?2
               AND valid_from <= ?4 AND ?3 <= ifnull(valid_until, ?5)
             ORDER BY valid_from LIMIT 1",
        )?
        .query_row(
            params![
                customer_id,
                except,
                date_text(from),
                until.map(date_text).unwrap_or_else(|| far.to_owned()),
                far
            ],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?)
}

/// Inserts a list without entries; its id.
pub(crate) fn insert_price_list(
    tx: &Transaction<'_>,
    customer_id: i64,
    name: &str,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO price_list (customer_id, name, valid_from, valid_until) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        customer_id,
        name,
        date_text(valid_from),
        valid_until.map(date_text)
    ])?;
    Ok(tx.last_insert_rowid())
}

/// A list's name and period.
pub(crate) fn set_price_list_period(
    tx: &Transaction<'_>,
    id: i64,
    name: &str,
    valid_from: NaiveDate,
    valid_until: Option<NaiveDate>,
) -> Result<()> {
    tx.prepare_cached(
        "UPDATE price_list SET name = ?2, valid_from = ?3, valid_until = ?4 WHERE id = ?1",
    )?
    .execute(params![
        id,
        name,
        date_text(valid_from),
        valid_until.map(date_text)
    ])?;
    Ok(())
}

/// Deletes every entry of a list, to be written again.
pub(crate) fn delete_price_list_entries(tx: &Transaction<'_>, id: i64) -> Result<()> {
    for sql in [
        "DELETE FROM price_list_variant WHERE price_list_id = ?1",
        "DELETE FROM price_list_option WHERE price_list_id = ?1",
        "DELETE FROM price_list_discount WHERE price_list_id = ?1",
    ] {
        tx.prepare_cached(sql)?.execute([id])?;
    }
    Ok(())
}

/// A variant's own per-unit amount for one offer type.
pub(crate) fn insert_variant_price(
    tx: &Transaction<'_>,
    list: i64,
    variant_id: i64,
    offer_type: OfferType,
    amount: Decimal,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO price_list_variant (price_list_id, variant_id, offer_type, amount) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![list, variant_id, offer_type.as_str(), amount.to_string()])?;
    Ok(())
}

/// An option choice's own per-unit delta for one offer type, by code (see
/// migration 0007).
pub(crate) fn insert_option_price(
    tx: &Transaction<'_>,
    list: i64,
    service_id: i64,
    group: &str,
    choice: &str,
    offer_type: OfferType,
    amount: Decimal,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO price_list_option (price_list_id, service_id, group_code, choice_code, offer_type, amount)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![list, service_id, group, choice, offer_type.as_str(), amount.to_string()])?;
    Ok(())
}

/// A discount on a service or (service none) a category.
pub(crate) fn insert_discount(
    tx: &Transaction<'_>,
    list: i64,
    service_id: Option<i64>,
    category: Option<&str>,
    percent: Decimal,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO price_list_discount (price_list_id, service_id, category, percent) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![list, service_id, category, percent.to_string()])?;
    Ok(())
}

/// Deletes a list with its entries; false if there is none.
pub(crate) fn delete_price_list(tx: &Transaction<'_>, id: i64) -> Result<bool> {
    let rows = tx
        .prepare_cached("DELETE FROM price_list WHERE id = ?1")?
        .execute([id])?;
    Ok(rows > 0)
}

/// A list with its entries: variants, then options, then discounts, each by
/// code (the catalog's codes joined in).
pub(crate) fn price_list(conn: &Connection, id: i64) -> Result<PriceList> {
    let head: Option<(i64, String, String, Option<String>)> = conn
        .prepare_cached(
            "SELECT customer_id, name, valid_from, valid_until FROM price_list WHERE id = ?1",
        )?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .optional()?;
    let Some((customer_id, name, from, until)) = head else {
        return Err(Error::not_found(
            Wording::new(RefusalSays::PriceListNotFound).text("id", id),
        ));
    };
    let mut entries = Vec::new();
    let mut stmt = conn.prepare_cached(
        "SELECT ci.code, v.code, p.offer_type, p.amount
         FROM price_list_variant p JOIN service_variant v ON v.id = p.variant_id
         JOIN catalog_item ci ON ci.id = v.service_id
         WHERE p.price_list_id = ?1 ORDER BY ci.code, v.position, p.offer_type",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        entries.push(PriceListEntry::Variant {
            service: r.get(0)?,
            variant: r.get(1)?,
            offer_type: offer_type_from_text(&r.get::<_, String>(2)?)?,
            amount: decimal_from_text(&r.get::<_, String>(3)?, "price_list_variant.amount")?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT ci.code, p.group_code, p.choice_code, p.offer_type, p.amount
         FROM price_list_option p JOIN catalog_item ci ON ci.id = p.service_id
         WHERE p.price_list_id = ?1 ORDER BY ci.code, p.group_code, p.choice_code, p.offer_type",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        entries.push(PriceListEntry::Option {
            service: r.get(0)?,
            group: r.get(1)?,
            choice: r.get(2)?,
            offer_type: offer_type_from_text(&r.get::<_, String>(3)?)?,
            amount: decimal_from_text(&r.get::<_, String>(4)?, "price_list_option.amount")?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT ci.code, d.category, d.percent
         FROM price_list_discount d LEFT JOIN catalog_item ci ON ci.id = d.service_id
         WHERE d.price_list_id = ?1 ORDER BY d.service_id IS NULL, ci.code, d.category",
    )?;
    let mut rows = stmt.query([id])?;
    while let Some(r) = rows.next()? {
        let target = match (
            r.get::<_, Option<String>>(0)?,
            r.get::<_, Option<String>>(1)?,
        ) {
            (Some(code), _) => DiscountTarget::Service(code),
            (None, Some(category)) => DiscountTarget::Category(category),
            (None, None) => {
                return Err(Error::Corrupt(format!(
                    "price list {id} has a discount without a target"
                )))
            }
        };
        entries.push(PriceListEntry::Discount {
            target,
            percent: decimal_from_text(&r.get::<_, String>(2)?, "price_list_discount.percent")?,
        });
    }
    Ok(PriceList {
        id,
        customer_id,
        name,
        valid_from: date_from_text(&from, "valid_from")?,
        valid_until: until
            .map(|u| date_from_text(&u, "valid_until"))
            .transpose()?,
        entries,
    })
}

/// The ids of a customer's lists, the earliest first.
pub(crate) fn price_list_ids(conn: &Connection, customer_id: i64) -> Result<Vec<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM price_list WHERE customer_id = ?1 ORDER BY valid_from")?
        .query_map([customer_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

/// The list of a customer in force on `date`, if any.
pub(crate) fn list_in_force(
    conn: &Connection,
    customer_id: i64,
    date: NaiveDate,
) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM price_list
             WHERE customer_id = ?1 AND valid_from <= ?2 AND (valid_until IS NULL OR valid_until >= ?2)
             ORDER BY valid_from DESC LIMIT 1",
        )?
        .query_row(params![customer_id, date_text(date)], |r| r.get(0))
        .optional()?)
}

/// The list's own amount for a variant sold as `offer_type`, if it has one
/// (none without a list).
pub(crate) fn variant_override(
    conn: &Connection,
    list: Option<i64>,
    variant_id: i64,
    offer_type: OfferType,
) -> Result<Option<Decimal>> {
    let amount: Option<String> = conn
        .prepare_cached(
            "SELECT amount FROM price_list_variant
             WHERE price_list_id = ?1 AND variant_id = ?2 AND offer_type = ?3",
        )?
        .query_row(params![list, variant_id, offer_type.as_str()], |r| r.get(0))
        .optional()?;
    amount
        .map(|a| decimal_from_text(&a, "price list amount"))
        .transpose()
}

/// The list's own delta for an option choice sold as `offer_type`, if it has
/// one (none without a list).
pub(crate) fn option_override(
    conn: &Connection,
    list: Option<i64>,
    service_id: i64,
    group: &str,
    choice: &str,
    offer_type: OfferType,
) -> Result<Option<Decimal>> {
    let amount: Option<String> = conn
        .prepare_cached(
            "SELECT amount FROM price_list_option
             WHERE price_list_id = ?1 AND service_id = ?2 AND group_code = ?3
               AND choice_code = ?4 AND offer_type = ?5",
        )?
        .query_row(
            params![list, service_id, group, choice, offer_type.as_str()],
            |r| r.get(0),
        )
        .optional()?;
    amount
        .map(|a| decimal_from_text(&a, "price list amount"))
        .transpose()
}

/// The list's discount for this service (beats one for its category): percent and source.
pub(crate) fn discount(
    conn: &Connection,
    list: i64,
    service_id: i64,
    category: &str,
) -> Result<Option<(Decimal, PriceSource)>> {
    let found: Option<(Option<i64>, String)> = conn
        .prepare_cached(
            "SELECT service_id, percent FROM price_list_discount
             WHERE price_list_id = ?1 AND (service_id = ?2 OR category = ?3)
             ORDER BY service_id IS NULL LIMIT 1",
        )?
        .query_row(params![list, service_id, category], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    found
        .map(|(service, percent)| {
            let percent = decimal_from_text(&percent, "price_list_discount.percent")?;
            let source = if service.is_some() {
                PriceSource::ServiceDiscount { percent }
            } else {
                PriceSource::CategoryDiscount { percent }
            };
            Ok((percent, source))
        })
        .transpose()
}
