//! Writes a validated portfolio into the store, inside the caller's transaction.

use rusqlite::{params, Transaction};
use std::collections::HashMap;

use super::format::{LinkRecord, PortfolioFile, RequirementRecord};
use crate::catalog::{BookingContext, ItemKind, ItemStatus};
use crate::{Error, Result};

/// Adds the portfolio's catalog to the store. Codes already in the store are
/// refused; the caller's transaction makes it all or nothing.
pub fn import_into(tx: &Transaction<'_>, file: &PortfolioFile) -> Result<()> {
    let catalog = &file.catalog;
    let mut ids: HashMap<&str, i64> = HashMap::new();

    for (i, s) in catalog.services.iter().enumerate() {
        let path = format!("$.catalog.services[{i}]");
        let id = insert_item(
            tx,
            &path,
            s.kind.item_kind(),
            &s.code,
            &s.name,
            &s.category,
            &s.description,
            s.status,
        )?;
        insert_contexts(tx, id, &s.allowed_contexts)?;
        tx.prepare_cached(
            "INSERT INTO service (item_id, unit, currency, tax_rate) VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![id, s.unit, s.currency, s.tax_rate.to_string()])?;
        for (position, v) in (0_i64..).zip(&s.variants) {
            tx.prepare_cached(
                "INSERT INTO service_variant (service_id, code, name, description, position, setup_fee)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![id, v.code, v.name, v.description, position, v.setup_fee.map(|f| f.to_string())])?;
            let variant = tx.last_insert_rowid();
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
                tx.prepare_cached(
                    "INSERT INTO purchase_terms (variant_id, price) VALUES (?1, ?2)",
                )?
                .execute(params![variant, p.price.to_string()])?;
            }
            if let Some(l) = &v.offers.leasing {
                tx.prepare_cached(
                    "INSERT INTO leasing_terms (variant_id, financed_amount, term_months,
                         leasing_factor_percent, residual_value_percent) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![variant, l.financed_amount.to_string(), l.term_months, l.leasing_factor_percent.to_string(), l.residual_value_percent.to_string()])?;
            }
        }
        ids.insert(&s.code, id);
    }

    for (i, a) in catalog.add_ons.iter().enumerate() {
        let path = format!("$.catalog.add_ons[{i}]");
        let id = insert_item(
            tx,
            &path,
            ItemKind::AddOn,
            &a.code,
            &a.name,
            &a.category,
            &a.description,
            a.status,
        )?;
        tx.prepare_cached("INSERT INTO add_on (item_id, one_time_price, currency, tax_rate) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![id, a.one_time_price.to_string(), a.currency, a.tax_rate.to_string()])?;
        ids.insert(&a.code, id);
    }

    for (i, p) in catalog.products.iter().enumerate() {
        let path = format!("$.catalog.products[{i}]");
        let id = insert_item(
            tx,
            &path,
            ItemKind::Product,
            &p.code,
            &p.name,
            &p.category,
            &p.description,
            p.status,
        )?;
        insert_contexts(tx, id, &p.allowed_contexts)?;
        tx.prepare_cached(
            "INSERT INTO product (item_id, manufacturer, manufacturer_part_number, ean, cost_price,
                 list_price, currency, tax_rate, stock_status, source, source_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            id,
            p.manufacturer,
            p.manufacturer_part_number,
            p.ean,
            p.cost_price.map(|c| c.to_string()),
            p.list_price.to_string(),
            p.currency,
            p.tax_rate.to_string(),
            p.stock_status,
            p.source,
            p.source_key
        ])?;
        ids.insert(&p.code, id);
    }

    // Relations, once every item has its id.
    let relations = catalog
        .services
        .iter()
        .map(|s| (s.code.as_str(), &s.requires, &s.links))
        .chain(
            catalog
                .products
                .iter()
                .map(|p| (p.code.as_str(), &p.requires, &p.links)),
        );
    for (code, requires, links) in relations {
        insert_relations(tx, &ids, code, requires, links)?;
    }
    for a in &catalog.add_ons {
        for target in &a.applies_to {
            tx.prepare_cached("INSERT INTO add_on_target (add_on_id, target_id) VALUES (?1, ?2)")?
                .execute(params![ids[a.code.as_str()], resolve(&ids, target)?])?;
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn insert_item(
    tx: &Transaction<'_>,
    path: &str,
    kind: ItemKind,
    code: &str,
    name: &str,
    category: &str,
    description: &str,
    status: ItemStatus,
) -> Result<i64> {
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM catalog_item WHERE code = ?1)")?
        .query_row([code], |r| r.get(0))?;
    if exists {
        return Err(Error::invalid(
            format!("{path}.code"),
            format!("the catalog already has an item with code {code:?}"),
        ));
    }
    tx.prepare_cached(
        "INSERT INTO catalog_item (kind, code, name, category, description, status)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![kind, code, name, category, description, status])?;
    Ok(tx.last_insert_rowid())
}

fn insert_contexts(tx: &Transaction<'_>, id: i64, contexts: &[BookingContext]) -> Result<()> {
    let mut stmt =
        tx.prepare_cached("INSERT INTO item_context (item_id, context) VALUES (?1, ?2)")?;
    for context in contexts {
        stmt.execute(params![id, context])?;
    }
    Ok(())
}

fn insert_relations(
    tx: &Transaction<'_>,
    ids: &HashMap<&str, i64>,
    code: &str,
    requires: &[RequirementRecord],
    links: &[LinkRecord],
) -> Result<()> {
    let id = resolve(ids, code)?;
    for r in requires {
        tx.prepare_cached(
            "INSERT INTO requirement (item_id, basic_service_id, scope) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![id, resolve(ids, &r.service)?, r.scope])?;
    }
    for l in links {
        tx.prepare_cached(
            "INSERT INTO item_link (parent_id, child_id, mode, quantity_rule, quantity)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            id,
            resolve(ids, &l.item)?,
            l.mode,
            l.quantity.rule(),
            l.quantity.count()
        ])?;
    }
    Ok(())
}

/// Codes were validated before import; a miss here means the caller skipped it.
fn resolve(ids: &HashMap<&str, i64>, code: &str) -> Result<i64> {
    ids.get(code)
        .copied()
        .ok_or_else(|| Error::invalid("$.catalog", format!("no item has the code {code:?}")))
}
