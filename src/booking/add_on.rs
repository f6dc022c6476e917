//! Add-ons: one-time service requests for an existing instance (on-site
//! installation, reimaging), only where the add-on applies to the instance's item.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rust_decimal::Decimal;
use serde::Serialize;

use super::store::{insert_add_on_charge, stored_status, NewAddOnCharge};
use crate::error::{InputSays, RefusalSays, Wording};
use crate::money::decimal_from_text;
use crate::vocabulary::ItemStatus;
use crate::{Error, Result};

/// A one-time charge recorded against an instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct AddOnCharge {
    pub id: i64,
    pub instance_id: i64,
    pub add_on_code: String,
    pub add_on_name: String,
    pub quantity: i64,
    pub unit_price: Decimal,
    pub currency: String,
    pub ordered_on: NaiveDate,
}

/// Orders an add-on for a live instance, at the add-on's current price.
pub fn order_add_on(
    tx: &Transaction<'_>,
    instance_id: i64,
    add_on: &str,
    quantity: i64,
    on: NaiveDate,
    note: &str,
) -> Result<AddOnCharge> {
    if let Some(wording) = crate::money::quantity_wording(quantity) {
        return Err(Error::input_said("quantity", wording));
    }
    let (item_id, item_name, status): (i64, String, String) = tx
        .prepare_cached("SELECT i.item_id, ci.name, i.status FROM instance i JOIN catalog_item ci ON ci.id = i.item_id WHERE i.id = ?1")?
        .query_row([instance_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| Error::not_found(Wording::new(RefusalSays::InstanceNotFound).text("id", instance_id)))?;
    if status == "retired" {
        return Err(Error::input_said(
            "instance",
            Wording::new(InputSays::RetiredNoAddOns)
                .text("item", &item_name)
                .text("id", instance_id),
        ));
    }
    let (add_on_id, name, item_status, price, currency, tax): (
        i64,
        String,
        ItemStatus,
        String,
        String,
        String,
    ) = tx
        .prepare_cached(
            "SELECT a.item_id, ci.name, ci.status, a.one_time_price, a.currency, a.tax_rate
             FROM add_on a JOIN catalog_item ci ON ci.id = a.item_id WHERE ci.code = ?1",
        )?
        .query_row([add_on], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?
        .ok_or_else(|| {
            Error::input_said(
                "add_on",
                Wording::new(InputSays::CatalogHasNoAddOn).text("add_on", add_on),
            )
        })?;
    if item_status != ItemStatus::Active {
        return Err(Error::input_said(
            "add_on",
            Wording::new(InputSays::TakesNoNewOrders)
                .text("add_on", &name)
                .item_status("status", item_status),
        ));
    }
    let applies: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM add_on_target WHERE add_on_id = ?1 AND target_id = ?2)",
        )?
        .query_row(params![add_on_id, item_id], |r| r.get(0))?;
    if !applies {
        return Err(Error::input_said(
            "add_on",
            Wording::new(InputSays::AddOnDoesNotApply)
                .text("add_on", &name)
                .text("item", &item_name),
        ));
    }
    let unit_price = decimal_from_text(&price, "unit_price")?;
    crate::money::bounded(
        unit_price.checked_mul(rust_decimal::Decimal::from(quantity)),
        || format!("{quantity} × {name} at {unit_price}"),
    )?;
    let id = insert_add_on_charge(
        tx,
        &NewAddOnCharge {
            instance_id,
            add_on_id,
            quantity,
            unit_price: &price,
            currency: &currency,
            tax_rate: &tax,
            ordered_on: on,
            note,
        },
    )?;
    Ok(AddOnCharge {
        id,
        instance_id,
        add_on_code: add_on.to_owned(),
        add_on_name: name,
        quantity,
        unit_price,
        currency,
        ordered_on: on,
    })
}

/// An add-on that can be ordered for a given instance, at today's price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct ApplicableAddOn {
    pub code: String,
    pub name: String,
    pub unit_price: Decimal,
    pub currency: String,
}

/// The active add-ons that apply to the instance's item, by name: what the
/// "add-on" action offers. A retired instance takes none.
pub fn applicable_add_ons(conn: &Connection, instance_id: i64) -> Result<Vec<ApplicableAddOn>> {
    let status = stored_status(conn, instance_id)?.ok_or_else(|| {
        Error::not_found(Wording::new(RefusalSays::InstanceNotFound).text("id", instance_id))
    })?;
    if status == "retired" {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT ci.code, ci.name, a.one_time_price, a.currency
         FROM instance i
         JOIN add_on_target t ON t.target_id = i.item_id
         JOIN add_on a ON a.item_id = t.add_on_id
         JOIN catalog_item ci ON ci.id = a.item_id
         WHERE i.id = ?1 AND ci.status = 'active'
         ORDER BY ci.name, ci.code",
    )?;
    let mut rows = stmt.query([instance_id])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(ApplicableAddOn {
            code: r.get(0)?,
            name: r.get(1)?,
            unit_price: decimal_from_text(&r.get::<_, String>(2)?, "one_time_price")?,
            currency: r.get(3)?,
        });
    }
    Ok(out)
}
