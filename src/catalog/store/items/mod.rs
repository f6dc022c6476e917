//! Catalog items: the store module that alone writes `catalog_item` and the
//! tables of an item's parts (variants, options, contexts, links, requirements,
//! add-ons, components, terms) and maps their rows.
//!
//! The one writer of an item: its own data (`write_item`), then its references
//! to other items (`write_relations`), so a reference may point at an item
//! written after it. The designer, the category rules' products and a
//! portfolio import all write items through here; the checks they run first
//! stay with them. The caller's action holds the transaction. `read` maps the
//! rows back into records (`read_catalog`, `read_item`).

pub(crate) mod feed;
mod read;
mod successors;

pub use read::{read_catalog, read_item};
pub(crate) use successors::active_successors;
pub use successors::Successor;

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::products;
use crate::catalog::{
    ComponentRecord, ItemRecord, LinkRecord, OptionSelection, RequirementRecord, ServiceRecord,
};
use crate::error::{RefusalSays, Wording};
use crate::vocabulary::BookingContext;
use crate::{Error, Result};

/// The id of the item with this code, if there is one.
pub(crate) fn item_id(conn: &Connection, code: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM catalog_item WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

fn resolve(tx: &Transaction<'_>, code: &str) -> Result<i64> {
    item_id(tx, code)?.ok_or_else(|| {
        Error::not_found(Wording::new(RefusalSays::CatalogItemNotFound).text("item", code))
    })
}

/// Writes an item's own data (not its references to other items). `existing` is
/// the code the item has in the store now, if it is there (it differs from the
/// record's code when the item is renamed). Returns the item's id.
pub(crate) fn write_item(
    tx: &Transaction<'_>,
    existing: Option<&str>,
    record: &ItemRecord,
) -> Result<i64> {
    let kind = record.kind();
    let (name, category, description, status) = match record {
        ItemRecord::Product(p) => (&p.name, &p.category, &p.description, p.status),
        ItemRecord::Service(s) => (&s.name, &s.category, &s.description, s.status),
        ItemRecord::AddOn(a) => (&a.name, &a.category, &a.description, a.status),
    };
    let id = match existing
        .map(|code| item_id(tx, code))
        .transpose()?
        .flatten()
    {
        Some(id) => {
            tx.prepare_cached(
                "UPDATE catalog_item SET kind = ?2, code = ?3, name = ?4, category = ?5, description = ?6,
                     status = ?7 WHERE id = ?1",
            )?
            .execute(params![id, kind, record.code(), name, category, description, status])?;
            id
        }
        None => {
            tx.prepare_cached(
                "INSERT INTO catalog_item (kind, code, name, category, description, status)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                kind,
                record.code(),
                name,
                category,
                description,
                status
            ])?;
            tx.last_insert_rowid()
        }
    };

    // An item that changed its type loses the detail row of the old type.
    if !matches!(record, ItemRecord::Product(_)) {
        products::delete_product(tx, id)?;
    }
    if !matches!(record, ItemRecord::Service(_)) {
        tx.prepare_cached("DELETE FROM service WHERE item_id = ?1")?
            .execute([id])?;
    }
    if !matches!(record, ItemRecord::AddOn(_)) {
        tx.prepare_cached("DELETE FROM add_on WHERE item_id = ?1")?
            .execute([id])?;
    }

    let contexts: &[BookingContext] = match record {
        ItemRecord::Product(p) => &p.allowed_contexts,
        ItemRecord::Service(s) => &s.allowed_contexts,
        ItemRecord::AddOn(_) => &[],
    };
    tx.prepare_cached("DELETE FROM item_context WHERE item_id = ?1")?
        .execute([id])?;
    for context in contexts {
        tx.prepare_cached("INSERT INTO item_context (item_id, context) VALUES (?1, ?2)")?
            .execute(params![id, context])?;
    }

    match record {
        ItemRecord::Product(p) => products::write_product(tx, id, p)?,
        ItemRecord::Service(s) => write_service(tx, id, s)?,
        ItemRecord::AddOn(a) => {
            tx.prepare_cached(
                "INSERT INTO add_on (item_id, one_time_price, currency, tax_rate) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (item_id) DO UPDATE SET one_time_price = excluded.one_time_price,
                     currency = excluded.currency, tax_rate = excluded.tax_rate",
            )?
            .execute(params![id, a.one_time_price.to_string(), a.currency, a.tax_rate.to_string()])?;
        }
    }
    Ok(id)
}

fn write_service(tx: &Transaction<'_>, id: i64, s: &ServiceRecord) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO service (item_id, unit, currency, tax_rate) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (item_id) DO UPDATE SET unit = excluded.unit, currency = excluded.currency,
             tax_rate = excluded.tax_rate",
    )?
    .execute(params![id, s.unit, s.currency, s.tax_rate.to_string()])?;

    // Variants keep their identity by code (bookings will point at them); the ones
    // no longer in the record go.
    let mut keep = Vec::with_capacity(s.variants.len());
    for (position, v) in (0_i64..).zip(&s.variants) {
        let variant: i64 = tx
            .prepare_cached(
                "INSERT INTO service_variant (service_id, code, name, description, position, setup_fee)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (service_id, code) DO UPDATE SET name = excluded.name,
                     description = excluded.description, position = excluded.position,
                     setup_fee = excluded.setup_fee
                 RETURNING id",
            )?
            .query_row(params![id, v.code, v.name, v.description, position, v.setup_fee.map(|f| f.to_string())], |r| r.get(0))?;
        keep.push(variant);
        for table in [
            "DELETE FROM rental_terms WHERE variant_id = ?1",
            "DELETE FROM purchase_terms WHERE variant_id = ?1",
            "DELETE FROM leasing_terms WHERE variant_id = ?1",
        ] {
            tx.prepare_cached(table)?.execute([variant])?;
        }
        if let Some(r) = &v.offers.rental {
            tx.prepare_cached(
                "INSERT INTO rental_terms (variant_id, monthly_price, minimum_term_months,
                     notice_period_months, renewal_period_months) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                variant,
                r.monthly_price.to_string(),
                r.minimum_term_months,
                r.notice_period_months,
                r.renewal_period_months
            ])?;
        }
        if let Some(p) = &v.offers.purchase {
            tx.prepare_cached("INSERT INTO purchase_terms (variant_id, price) VALUES (?1, ?2)")?
                .execute(params![variant, p.price.to_string()])?;
        }
        if let Some(l) = &v.offers.leasing {
            tx.prepare_cached(
                "INSERT INTO leasing_terms (variant_id, financed_amount, term_months,
                     leasing_factor_percent, residual_value_percent) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                variant,
                l.financed_amount.to_string(),
                l.term_months,
                l.leasing_factor_percent.to_string(),
                l.residual_value_percent.to_string()
            ])?;
        }
    }
    let keep_json = serde_json::Value::from(keep).to_string();
    tx.prepare_cached(
        "DELETE FROM service_variant WHERE service_id = ?1
         AND id NOT IN (SELECT value FROM json_each(?2))",
    )?
    .execute(params![id, keep_json])?;

    tx.prepare_cached("DELETE FROM option_group WHERE service_id = ?1")?
        .execute([id])?;
    for (position, group) in (0_i64..).zip(&s.option_groups) {
        let selection = match group.selection {
            OptionSelection::Single => "single",
            OptionSelection::Multiple => "multiple",
        };
        let group_id: i64 = tx
            .prepare_cached(
                "INSERT INTO option_group (service_id, code, name, position, selection, required)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) RETURNING id",
            )?
            .query_row(
                params![
                    id,
                    group.code,
                    group.name,
                    position,
                    selection,
                    group.required
                ],
                |r| r.get(0),
            )?;
        for variant in &group.variants {
            tx.prepare_cached(
                "INSERT INTO option_group_variant (group_id, variant_id)
                 SELECT ?1, id FROM service_variant WHERE service_id = ?2 AND code = ?3",
            )?
            .execute(params![group_id, id, variant])?;
        }
        for (choice_position, choice) in (0_i64..).zip(&group.choices) {
            let d = &choice.price_deltas;
            tx.prepare_cached(
                "INSERT INTO option_choice (group_id, code, name, description, position,
                     rental_monthly_delta, purchase_delta, leasing_amount_delta)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                group_id,
                choice.code,
                choice.name,
                choice.description,
                choice_position,
                d.rental_monthly.map(|x| x.to_string()),
                d.purchase.map(|x| x.to_string()),
                d.leasing_amount.map(|x| x.to_string())
            ])?;
        }
    }
    Ok(())
}

/// Writes an item's references to other items (requirements, links, add-on
/// targets, goods components, successors), replacing the ones it had.
pub(crate) fn write_relations(tx: &Transaction<'_>, record: &ItemRecord) -> Result<()> {
    let id = resolve(tx, record.code())?;
    tx.prepare_cached("DELETE FROM requirement WHERE item_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM item_link WHERE parent_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM add_on_target WHERE add_on_id = ?1")?
        .execute([id])?;
    tx.prepare_cached("DELETE FROM service_component WHERE service_id = ?1")?
        .execute([id])?;
    let (requires, links): (&[RequirementRecord], &[LinkRecord]) = match record {
        ItemRecord::Product(p) => (&p.requires, &p.links),
        ItemRecord::Service(s) => (&s.requires, &s.links),
        ItemRecord::AddOn(_) => (&[], &[]),
    };
    for r in requires {
        tx.prepare_cached(
            "INSERT INTO requirement (item_id, basic_service_id, scope) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, resolve(tx, &r.service)?, r.scope])?;
    }
    for l in links {
        tx.prepare_cached(
            "INSERT INTO item_link (parent_id, child_id, mode, quantity_rule, quantity) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![id, resolve(tx, &l.item)?, l.mode, l.quantity.rule(), l.quantity.count()])?;
    }
    match record {
        ItemRecord::AddOn(a) => {
            for target in &a.applies_to {
                tx.prepare_cached(
                    "INSERT INTO add_on_target (add_on_id, target_id) VALUES (?1, ?2)",
                )?
                .execute(params![id, resolve(tx, target)?])?;
            }
        }
        ItemRecord::Service(s) => {
            for (position, component) in (0_i64..).zip(&s.components) {
                let (kind, product, quantity, description) = match component {
                    ComponentRecord::Goods {
                        product,
                        quantity_per_unit,
                    } => (
                        "goods",
                        Some(resolve(tx, product)?),
                        Some(*quantity_per_unit),
                        "",
                    ),
                    ComponentRecord::Resource { description } => {
                        ("resource", None, None, description.as_str())
                    }
                    ComponentRecord::Action { description } => {
                        ("action", None, None, description.as_str())
                    }
                };
                tx.prepare_cached(
                    "INSERT INTO service_component (service_id, position, kind, product_id, quantity_per_unit, description)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(params![id, position, kind, product, quantity, description])?;
            }
        }
        ItemRecord::Product(_) => {}
    }
    let successors = record
        .successors()
        .iter()
        .map(|code| resolve(tx, code))
        .collect::<Result<Vec<_>>>()?;
    successors::write_successors(tx, id, &successors)?;
    Ok(())
}

/// Deletes the item with this code; its parts go with it (the schema's
/// cascades). Whether anything still refers to it is the caller's check.
pub(crate) fn delete_item(conn: &Connection, code: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM catalog_item WHERE code = ?1")?
        .execute([code])?;
    Ok(())
}
