//! Reading the catalog: the searchable list and the detail of one item.

use rusqlite::{params, Connection, OptionalExtension, Row};
use rust_decimal::Decimal;
use std::collections::HashMap;

use super::view::*;
use super::*;
use crate::error::{RefusalSays, Wording};
use crate::money::{decimal_from_text, optional_decimal_from_text};
use crate::vocabulary::{BookingContext, ItemStatus};
use crate::{Error, Result};

/// What the catalog list shows: every item whose searchable text contains all
/// words of `text` (name, code, category, manufacturer, part number, EAN; case
/// does not matter), optionally of one kind, in list order. In a catalog of
/// more than [`FULL_TEXT_FROM`] products, the products a search finds are
/// those of the product search (`catalog::search_products`: words start a word
/// of the name, manufacturer, part number, EAN or description), best first
/// and at most [`LISTED_MATCHES`] of them (type more to narrow).
#[derive(Debug, Clone, Default, serde::Deserialize, specta::Type)]
pub struct CatalogQuery {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub kind: Option<ItemKind>,
    /// At most this many items (a page); `None`: all of them.
    #[serde(default)]
    pub limit: Option<u32>,
    /// Only items after this one in list order (keyset paging: pass the last
    /// item of the previous page).
    #[serde(default)]
    pub after: Option<ListCursor>,
}

/// Where a page of the catalog list ends: the last item's kind, category, name
/// and id (all in its [`CatalogItemSummary`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct ListCursor {
    pub kind: ItemKind,
    pub category: String,
    pub name: String,
    pub id: i64,
}

impl ListCursor {
    pub fn of(item: &CatalogItemSummary) -> ListCursor {
        ListCursor {
            kind: item.kind,
            category: item.category.clone(),
            name: item.name.clone(),
            id: item.id,
        }
    }
}

/// The list's first sort key (the same CASE as the SQL and its index).
fn kind_rank(kind: ItemKind) -> i64 {
    match kind {
        ItemKind::Service => 0,
        ItemKind::BasicService => 1,
        ItemKind::AddOn => 2,
        ItemKind::Product => 3,
    }
}

impl CatalogQuery {
    /// The search words as LIKE patterns with `%`, `_` and `\` escaped.
    fn like_tokens(&self) -> String {
        let tokens: Vec<String> = self
            .text
            .split_whitespace()
            .map(|word| {
                let mut escaped = String::with_capacity(word.len());
                for c in word.chars() {
                    if matches!(c, '%' | '_' | '\\') {
                        escaped.push('\\');
                    }
                    escaped.push(c);
                }
                escaped
            })
            .collect();
        serde_json::Value::from(tokens).to_string()
    }
}

/// The list in the order of the `catalog_item_list_order` index, so a page
/// after a cursor is an index seek, not a sort of the whole catalog.
const LIST_SQL: &str = "
    SELECT ci.id, ci.kind, ci.code, ci.name, ci.category, ci.status,
           p.manufacturer, p.manufacturer_part_number, p.ean,
           COALESCE(p.list_price, a.one_time_price),
           COALESCE(p.currency, a.currency, s.currency)
    FROM catalog_item ci
    LEFT JOIN product p ON p.item_id = ci.id
    LEFT JOIN add_on a ON a.item_id = ci.id
    LEFT JOIN service s ON s.item_id = ci.id
    WHERE (CASE ci.kind WHEN 'service' THEN 0 WHEN 'basic_service' THEN 1
                        WHEN 'add_on' THEN 2 ELSE 3 END) < ?8
      AND (json_array_length(?1) = 0 OR ci.kind IN (SELECT value FROM json_each(?1)))
      AND (?9 = 0 OR ci.status = 'active')
      AND ci.code NOT IN (SELECT value FROM json_each(?10))
      AND NOT EXISTS (
          SELECT 1 FROM json_each(?2) AS word
          WHERE (ci.name || ' ' || ci.code || ' ' || ci.category || ' ' ||
                 COALESCE(p.manufacturer, '') || ' ' ||
                 COALESCE(p.manufacturer_part_number, '') || ' ' || COALESCE(p.ean, ''))
                NOT LIKE '%' || word.value || '%' ESCAPE '\\')
      AND (?3 IS NULL OR
           (CASE ci.kind WHEN 'service' THEN 0 WHEN 'basic_service' THEN 1
                         WHEN 'add_on' THEN 2 ELSE 3 END,
            ci.category COLLATE NOCASE, ci.name COLLATE NOCASE, ci.id) > (?3, ?4, ?5, ?6))
    ORDER BY CASE ci.kind WHEN 'service' THEN 0 WHEN 'basic_service' THEN 1
                          WHEN 'add_on' THEN 2 ELSE 3 END,
             ci.category COLLATE NOCASE, ci.name COLLATE NOCASE, ci.id
    LIMIT ?7";

/// One product of a search in a big catalog, with what the list shows.
const PRODUCT_SQL: &str = "
    SELECT ci.id, ci.kind, ci.code, ci.name, ci.category, ci.status,
           p.manufacturer, p.manufacturer_part_number, p.ean, p.list_price, p.currency
    FROM catalog_item ci JOIN product p ON p.item_id = ci.id
    WHERE ci.id = ?1";

/// One item of any kind by its code, with what the list shows.
const BY_CODE_SQL: &str = "
    SELECT ci.id, ci.kind, ci.code, ci.name, ci.category, ci.status,
           p.manufacturer, p.manufacturer_part_number, p.ean,
           COALESCE(p.list_price, a.one_time_price),
           COALESCE(p.currency, a.currency, s.currency)
    FROM catalog_item ci
    LEFT JOIN product p ON p.item_id = ci.id
    LEFT JOIN add_on a ON a.item_id = ci.id
    LEFT JOIN service s ON s.item_id = ci.id
    WHERE ci.code = ?1";

/// The items with these codes as the list shows them, in that order; codes
/// the catalog does not have are left out.
pub(super) fn summaries_by_code(
    conn: &Connection,
    codes: &[&str],
) -> Result<Vec<CatalogItemSummary>> {
    let service_prices = service_headline_prices(conn)?;
    let mut stmt = conn.prepare_cached(BY_CODE_SQL)?;
    let mut items = Vec::with_capacity(codes.len());
    for code in codes {
        if let Some(row) = stmt.query_row([code], row_with_price).optional()? {
            items.push(priced(row, &service_prices)?);
        }
    }
    Ok(items)
}

/// How many products a search in a big catalog lists at most, best first.
pub const LISTED_MATCHES: u32 = 500;

/// Above this many products a search lists the products of the product search
/// (words match from their start, in name, manufacturer, part number, EAN and
/// description; best first, at most [`LISTED_MATCHES`]); a smaller catalog is
/// simply scanned (words match anywhere, code and category too; list order).
pub const FULL_TEXT_FROM: i64 = 20_000;

pub fn list_items(conn: &Connection, query: &CatalogQuery) -> Result<Vec<CatalogItemSummary>> {
    let kinds: Vec<ItemKind> = query.kind.into_iter().collect();
    list(
        conn,
        &ListFilter {
            query,
            kinds: &kinds,
            active_only: false,
            exclude: &[],
        },
    )
}

/// What narrows the list besides the query's text and kind: several kinds,
/// only active items, some items left out (see `super::pick`).
pub(super) struct ListFilter<'a> {
    /// Text, limit and cursor (its `kind` is ignored: `kinds` says it).
    pub query: &'a CatalogQuery,
    /// Only these kinds; empty: every kind.
    pub kinds: &'a [ItemKind],
    pub active_only: bool,
    /// Codes of items never listed.
    pub exclude: &'a [String],
}

/// The list with filters: [`list_items`] for the catalog browser, and the
/// item pickers' search (`super::pick`), one search for both.
pub(super) fn list(conn: &Connection, filter: &ListFilter<'_>) -> Result<Vec<CatalogItemSummary>> {
    let query = filter.query;
    let wants = |kind: ItemKind| filter.kinds.is_empty() || filter.kinds.contains(&kind);
    let kinds_json =
        serde_json::Value::from(filter.kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>())
            .to_string();
    let exclude_json = serde_json::Value::from(filter.exclude.to_vec()).to_string();
    let service_prices = service_headline_prices(conn)?;
    let words = query.like_tokens();
    // In a big catalog any text goes through the full-text index: text with
    // nothing searchable in it (`-`, `/`) finds no product rather than
    // LIKE-scanning a million of them.
    let full_text = !query.text.trim().is_empty() && big_catalog(conn)?;
    let after = query.after.as_ref();
    let cursor = (
        after.map(|c| kind_rank(c.kind)),
        after.map(|c| c.category.as_str()),
        after.map(|c| c.name.as_str()),
        after.map(|c| c.id),
    );
    let mut items = Vec::new();
    let limit = query.limit.map_or(-1, i64::from);
    // Services, basic services and add-ons come first in the list; with the full
    // text on, products are read by a second query that starts from the index.
    let past_others = after.is_some_and(|c| c.kind == ItemKind::Product);
    if !(full_text && past_others) {
        // With the full text on, products are not scanned: the list-order
        // index is read only up to them (its first column is the kind rank).
        // The read also ends after the last kind asked for (a picker of
        // basic services reads no product).
        let last_wanted = ItemKind::ALL
            .iter()
            .copied()
            .filter(|k| wants(*k) && !(full_text && *k == ItemKind::Product))
            .map(kind_rank)
            .max();
        let kinds_below = last_wanted.map_or(0, |rank| rank + 1);
        let mut stmt = conn.prepare_cached(LIST_SQL)?;
        let rows = stmt.query_map(
            params![
                kinds_json,
                words,
                cursor.0,
                cursor.1,
                cursor.2,
                cursor.3,
                limit,
                kinds_below,
                filter.active_only,
                exclude_json
            ],
            row_with_price,
        )?;
        for row in rows {
            items.push(priced(row?, &service_prices)?);
        }
    }
    if full_text && wants(ItemKind::Product) {
        let search = ProductSearch {
            text: query.text.clone(),
            include_discontinued: !filter.active_only,
            ..Default::default()
        };
        let ranked = ranked_products(conn, &search, LISTED_MATCHES)?;
        let ranked = &ranked[..ranked.len().min(LISTED_MATCHES as usize)];
        // Paging goes on after the cursor's product in the ranked list.
        let start = match after {
            Some(c) if c.kind == ItemKind::Product => ranked
                .iter()
                .position(|id| *id == c.id)
                .map_or(ranked.len(), |at| at + 1),
            _ => 0,
        };
        let room = usize::try_from(limit).map_or(usize::MAX, |l| l.saturating_sub(items.len()));
        let mut stmt = conn.prepare_cached(PRODUCT_SQL)?;
        let mut listed = 0;
        for id in ranked.iter().skip(start) {
            if listed == room {
                break;
            }
            let row = stmt.query_row([id], row_with_price)?;
            let (summary, _, _) = &row;
            if (filter.active_only && summary.status != ItemStatus::Active)
                || filter.exclude.contains(&summary.code)
            {
                continue;
            }
            items.push(priced(row, &service_prices)?);
            listed += 1;
        }
    }
    Ok(items)
}

/// Whether the catalog holds more than [`FULL_TEXT_FROM`] products (stops counting there).
fn big_catalog(conn: &Connection) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM product LIMIT 1 OFFSET ?1)")?
        .query_row([FULL_TEXT_FROM], |r| r.get(0))?)
}

type RowWithPrice = (CatalogItemSummary, Option<String>, Option<String>);

fn row_with_price(row: &Row<'_>) -> rusqlite::Result<RowWithPrice> {
    Ok((
        summary_from_row(row)?,
        row.get::<_, Option<String>>(9)?,
        row.get::<_, Option<String>>(10)?,
    ))
}

fn priced(
    (mut summary, one_time, currency): RowWithPrice,
    service_prices: &HashMap<i64, Price>,
) -> Result<CatalogItemSummary> {
    summary.price = match (summary.kind, one_time, currency) {
        (ItemKind::Product | ItemKind::AddOn, Some(amount), Some(currency)) => Some(Price {
            amount: decimal_from_text(&amount, "price")?,
            currency,
            period: PricePeriod::OneTime,
            from: false,
        }),
        (ItemKind::Service | ItemKind::BasicService, _, _) => {
            service_prices.get(&summary.id).cloned()
        }
        _ => None,
    };
    Ok(summary)
}

fn summary_from_row(row: &Row<'_>) -> rusqlite::Result<CatalogItemSummary> {
    Ok(CatalogItemSummary {
        id: row.get(0)?,
        kind: row.get(1)?,
        code: row.get(2)?,
        name: row.get(3)?,
        category: row.get(4)?,
        status: row.get(5)?,
        manufacturer: row.get(6)?,
        part_number: row.get(7)?,
        ean: row.get(8)?,
        price: None,
    })
}

/// Per service: the lowest monthly rental price of its variants, or if none is
/// rented, the lowest one-time purchase price.
fn service_headline_prices(conn: &Connection) -> Result<HashMap<i64, Price>> {
    let mut stmt = conn.prepare_cached(
        "SELECT v.service_id, s.currency, r.monthly_price, pt.price
         FROM service_variant v
         JOIN service s ON s.item_id = v.service_id
         LEFT JOIN rental_terms r ON r.variant_id = v.id
         LEFT JOIN purchase_terms pt ON pt.variant_id = v.id",
    )?;
    let mut monthly: HashMap<i64, (String, Vec<Decimal>)> = HashMap::new();
    let mut one_time: HashMap<i64, (String, Vec<Decimal>)> = HashMap::new();
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let service: i64 = row.get(0)?;
        let currency: String = row.get(1)?;
        if let Some(price) = optional_decimal_from_text(row.get(2)?, "monthly_price")? {
            monthly
                .entry(service)
                .or_insert_with(|| (currency.clone(), vec![]))
                .1
                .push(price);
        }
        if let Some(price) = optional_decimal_from_text(row.get(3)?, "price")? {
            one_time
                .entry(service)
                .or_insert_with(|| (currency, vec![]))
                .1
                .push(price);
        }
    }
    let lowest = |period: PricePeriod, (currency, prices): (String, Vec<Decimal>)| {
        let min = prices.iter().min().copied().unwrap_or_default();
        Price {
            amount: min,
            currency,
            period,
            from: prices.iter().any(|p| *p != min),
        }
    };
    let mut result: HashMap<i64, Price> = one_time
        .into_iter()
        .map(|(id, prices)| (id, lowest(PricePeriod::OneTime, prices)))
        .collect();
    for (id, prices) in monthly {
        result.insert(id, lowest(PricePeriod::Monthly, prices));
    }
    Ok(result)
}

/// One item with its relations in the service model.
pub fn item_detail(conn: &Connection, id: i64) -> Result<CatalogItemDetail> {
    let mut items = conn.prepare_cached(
        "SELECT ci.id, ci.kind, ci.code, ci.name, ci.category, ci.status,
                p.manufacturer, p.manufacturer_part_number, p.ean, ci.description
         FROM catalog_item ci LEFT JOIN product p ON p.item_id = ci.id
         WHERE ci.id = ?1",
    )?;
    let (summary, description) = items
        .query_row([id], |row| {
            Ok((summary_from_row(row)?, row.get::<_, String>(9)?))
        })
        .optional()?
        .ok_or_else(|| {
            Error::not_found(Wording::new(RefusalSays::CatalogItemNotFound).text("item", id))
        })?;
    // The list's price logic is the single source of the headline price.
    let price = list_items(
        conn,
        &CatalogQuery {
            text: summary.code.clone(),
            kind: Some(summary.kind),
            ..Default::default()
        },
    )?
    .into_iter()
    .find(|s| s.id == id)
    .and_then(|s| s.price);
    let summary = CatalogItemSummary { price, ..summary };

    let body = match summary.kind {
        ItemKind::Product => ItemBody::Product(product_detail(conn, id)?),
        ItemKind::Service | ItemKind::BasicService => ItemBody::Service(service_detail(conn, id)?),
        ItemKind::AddOn => ItemBody::AddOn(add_on_detail(conn, id)?),
    };

    // A product without contexts of its own is booked as its category rule says.
    let governing_rule = if summary.kind == ItemKind::Product {
        super::rules::governing_rule(conn, id)?
    } else {
        None
    };
    let (allowed_contexts, links_out) = match &governing_rule {
        Some(rule) => (
            super::rules::rule_effect(conn, rule.id)?.0,
            rule_links(conn, rule.id)?,
        ),
        None => (
            allowed_contexts(conn, id)?,
            links(conn, id, Direction::Outgoing)?,
        ),
    };
    Ok(CatalogItemDetail {
        allowed_contexts,
        governing_rule,
        requires: requirements(conn, id, Direction::Outgoing)?,
        required_by: requirements(conn, id, Direction::Incoming)?,
        links: links_out,
        linked_from: links(conn, id, Direction::Incoming)?,
        linked_from_rules: super::rules::rules_linking(conn, id)?,
        add_ons: item_refs(
            conn,
            "SELECT ci.id, ci.kind, ci.code, ci.name FROM add_on_target t
             JOIN catalog_item ci ON ci.id = t.add_on_id
             WHERE t.target_id = ?1 ORDER BY ci.name COLLATE NOCASE",
            id,
        )?,
        successors: item_refs(
            conn,
            "SELECT ci.id, ci.kind, ci.code, ci.name FROM item_successor s
             JOIN catalog_item ci ON ci.id = s.successor_id
             WHERE s.item_id = ?1 ORDER BY s.position",
            id,
        )?,
        succeeds: item_refs(
            conn,
            "SELECT ci.id, ci.kind, ci.code, ci.name FROM item_successor s
             JOIN catalog_item ci ON ci.id = s.item_id
             WHERE s.successor_id = ?1 ORDER BY ci.name COLLATE NOCASE",
            id,
        )?,
        summary,
        description,
        body,
    })
}

fn allowed_contexts(conn: &Connection, id: i64) -> Result<Vec<BookingContext>> {
    let mut stmt = conn.prepare_cached("SELECT context FROM item_context WHERE item_id = ?1")?;
    let mut contexts = stmt
        .query_map([id], |row| row.get::<_, BookingContext>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // Always in the domain's order, not the table's.
    contexts.sort_by_key(|c| BookingContext::ALL.iter().position(|a| a == c));
    Ok(contexts)
}

fn item_ref_from_row(row: &Row<'_>) -> rusqlite::Result<ItemRef> {
    Ok(ItemRef {
        id: row.get(0)?,
        kind: row.get(1)?,
        code: row.get(2)?,
        name: row.get(3)?,
    })
}

fn item_ref_by_code(conn: &Connection, code: &str) -> Result<ItemRef> {
    Ok(conn
        .prepare_cached("SELECT id, kind, code, name FROM catalog_item WHERE code = ?1")?
        .query_row([code], item_ref_from_row)?)
}

fn item_refs(conn: &Connection, sql: &str, id: i64) -> Result<Vec<ItemRef>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let refs = stmt
        .query_map([id], item_ref_from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(refs)
}

#[derive(Clone, Copy)]
enum Direction {
    Outgoing,
    Incoming,
}

fn requirements(conn: &Connection, id: i64, direction: Direction) -> Result<Vec<RequirementView>> {
    let sql = match direction {
        Direction::Outgoing => {
            "SELECT ci.id, ci.kind, ci.code, ci.name, r.scope FROM requirement r
             JOIN catalog_item ci ON ci.id = r.basic_service_id
             WHERE r.item_id = ?1 ORDER BY ci.name COLLATE NOCASE"
        }
        Direction::Incoming => {
            "SELECT ci.id, ci.kind, ci.code, ci.name, r.scope FROM requirement r
             JOIN catalog_item ci ON ci.id = r.item_id
             WHERE r.basic_service_id = ?1 ORDER BY ci.name COLLATE NOCASE"
        }
    };
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt
        .query_map([id], |row| {
            Ok(RequirementView {
                item: item_ref_from_row(row)?,
                scope: row.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

fn links(conn: &Connection, id: i64, direction: Direction) -> Result<Vec<LinkView>> {
    let sql = match direction {
        Direction::Outgoing => {
            "SELECT ci.id, ci.kind, ci.code, ci.name, l.mode, l.quantity_rule, l.quantity
             FROM item_link l JOIN catalog_item ci ON ci.id = l.child_id
             WHERE l.parent_id = ?1 ORDER BY l.mode, ci.name COLLATE NOCASE"
        }
        Direction::Incoming => {
            "SELECT ci.id, ci.kind, ci.code, ci.name, l.mode, l.quantity_rule, l.quantity
             FROM item_link l JOIN catalog_item ci ON ci.id = l.parent_id
             WHERE l.child_id = ?1 ORDER BY l.mode, ci.name COLLATE NOCASE"
        }
    };
    link_views(conn, sql, id)
}

/// The links of a category rule, as a product governed by it has them.
fn rule_links(conn: &Connection, rule: i64) -> Result<Vec<LinkView>> {
    link_views(
        conn,
        "SELECT ci.id, ci.kind, ci.code, ci.name, l.mode, l.quantity_rule, l.quantity
         FROM category_rule_link l JOIN catalog_item ci ON ci.id = l.child_id
         WHERE l.rule_id = ?1 ORDER BY l.mode, ci.name COLLATE NOCASE",
        rule,
    )
}

fn link_views(conn: &Connection, sql: &str, id: i64) -> Result<Vec<LinkView>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query([id])?;
    let mut links = Vec::new();
    while let Some(row) = rows.next()? {
        let rule: String = row.get(5)?;
        let count: u32 = row.get(6)?;
        let quantity = LinkQuantity::from_stored(&rule, count)
            .ok_or_else(|| Error::Corrupt(format!("link quantity rule {rule:?}")))?;
        links.push(LinkView {
            item: item_ref_from_row(row)?,
            mode: row.get(4)?,
            quantity,
        });
    }
    Ok(links)
}

fn product_detail(conn: &Connection, id: i64) -> Result<ProductDetail> {
    let ItemRecord::Product(p) = record_of(conn, id)? else {
        return Err(Error::Corrupt(format!(
            "product {id} reads back as another kind"
        )));
    };
    // Checked: a stored price may be anything an older version let in; a margin
    // that cannot be computed is not shown rather than overflowing. An
    // unpriced product has no margin.
    let margin = p
        .cost_price
        .zip(p.list_price)
        .and_then(|(cost, list)| list.checked_sub(cost));
    let margin_percent = margin
        .zip(p.list_price.filter(|l| !l.is_zero()))
        .and_then(|(m, list)| {
            m.checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(list))
                .map(|x| {
                    x.round_dp_with_strategy(
                        1,
                        rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                    )
                })
        });
    Ok(ProductDetail {
        manufacturer: p.manufacturer,
        manufacturer_part_number: p.manufacturer_part_number,
        ean: p.ean,
        cost_price: p.cost_price,
        list_price: p.list_price,
        sales_unit: p.sales_unit,
        margin,
        margin_percent,
        currency: p.currency,
        tax_rate: p.tax_rate,
        stock_status: p.stock_status,
        source: p.source,
        source_key: p.source_key,
    })
}

/// The record reader is the one place that assembles an item from its tables.
fn record_of(conn: &Connection, id: i64) -> Result<ItemRecord> {
    let code: String = conn
        .prepare_cached("SELECT code FROM catalog_item WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    read_item(conn, &code)
}

fn service_detail(conn: &Connection, id: i64) -> Result<ServiceDetail> {
    // The record reader is the one place that assembles a service from its tables.
    let code: String = conn
        .prepare_cached("SELECT code FROM catalog_item WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let ItemRecord::Service(record) = read_item(conn, &code)? else {
        return Err(Error::Corrupt(format!(
            "service {code} reads back as another kind"
        )));
    };
    let mut components = Vec::with_capacity(record.components.len());
    for component in record.components {
        components.push(match component {
            ComponentRecord::Goods {
                product,
                quantity_per_unit,
            } => ComponentView::Goods {
                product: item_ref_by_code(conn, &product)?,
                quantity_per_unit,
            },
            ComponentRecord::Resource { description } => ComponentView::Resource { description },
            ComponentRecord::Action { description } => ComponentView::Action { description },
        });
    }
    Ok(ServiceDetail {
        unit: record.unit,
        currency: record.currency,
        tax_rate: record.tax_rate,
        variants: record.variants,
        option_groups: record.option_groups,
        components,
    })
}

fn add_on_detail(conn: &Connection, id: i64) -> Result<AddOnDetail> {
    let (price, currency, tax_rate): (String, String, String) = conn
        .prepare_cached("SELECT one_time_price, currency, tax_rate FROM add_on WHERE item_id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?
        .ok_or_else(|| Error::Corrupt(format!("add-on {id} has no add-on record")))?;
    Ok(AddOnDetail {
        one_time_price: decimal_from_text(&price, "one_time_price")?,
        currency,
        tax_rate: decimal_from_text(&tax_rate, "tax_rate")?,
        applies_to: item_refs(
            conn,
            "SELECT ci.id, ci.kind, ci.code, ci.name FROM add_on_target t
             JOIN catalog_item ci ON ci.id = t.target_id
             WHERE t.add_on_id = ?1 ORDER BY ci.name COLLATE NOCASE",
            id,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_tokens_escape_wildcards() {
        let q = CatalogQuery {
            text: "  100%  usb_c \\ ".into(),
            kind: None,
            ..Default::default()
        };
        assert_eq!(q.like_tokens(), r#"["100\\%","usb\\_c","\\\\"]"#);
    }
}
