//! Supplier offers of a product, and which one it takes its cost and stock from.

use rusqlite::{params, Connection, Transaction};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::store::items::feed as item_rows;
use crate::catalog::store::products::feed as product_rows;
use crate::catalog::StockStatus;
use crate::error::{RefusalSays, Wording};
use crate::feed::{sales_unit, OrderDetails};
use crate::money::optional_decimal_from_text;
use crate::pricing::{list_price, price_rules, PriceRule};
use crate::vocabulary::ItemStatus;
use crate::{Error, Result};

/// What one source offers of a product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct SupplierOffer {
    pub id: i64,
    pub product_id: i64,
    pub source: String,
    pub source_key: String,
    pub supplier_sku: Option<String>,
    pub cost_price: Option<Decimal>,
    pub list_price: Option<Decimal>,
    pub currency: String,
    pub stock_status: StockStatus,
    pub stock_quantity: Option<u32>,
    /// No longer in the source's feed (kept: inventory may point at it).
    pub discontinued: bool,
    /// The product takes its cost price and stock from this offer.
    pub preferred: bool,
    /// The user chose this offer; otherwise the cheapest in stock is preferred.
    pub pinned: bool,
}

/// The offers of a product: the preferred first, then by cost.
pub fn product_offers(conn: &Connection, product_id: i64) -> Result<Vec<SupplierOffer>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, product_id, source, source_key, supplier_sku, cost_price, list_price, currency,
                stock_status, stock_quantity, status = 'discontinued', preferred, pinned
         FROM supplier_offer WHERE product_id = ?1 ORDER BY preferred DESC, status, id",
    )?;
    let mut rows = stmt.query([product_id])?;
    let mut offers = Vec::new();
    while let Some(r) = rows.next()? {
        offers.push(SupplierOffer {
            id: r.get(0)?,
            product_id: r.get(1)?,
            source: r.get(2)?,
            source_key: r.get(3)?,
            supplier_sku: r.get(4)?,
            cost_price: optional_decimal_from_text(r.get(5)?, "cost_price")?,
            list_price: optional_decimal_from_text(r.get(6)?, "list_price")?,
            currency: r.get(7)?,
            stock_status: r.get(8)?,
            stock_quantity: r.get(9)?,
            discontinued: r.get(10)?,
            preferred: r.get(11)?,
            pinned: r.get(12)?,
        });
    }
    let cost = |o: &SupplierOffer| o.cost_price;
    offers.sort_by(|a, b| {
        (
            !a.preferred,
            a.discontinued,
            cost(a).is_none(),
            cost(a),
            a.id,
        )
            .cmp(&(
                !b.preferred,
                b.discontinued,
                cost(b).is_none(),
                cost(b),
                b.id,
            ))
    });
    Ok(offers)
}

/// Makes `offer_id` the product's preferred offer whatever the prices say, or
/// with `None` goes back to the cheapest in stock. Returns the offers.
pub fn pin_preferred_offer(
    tx: &Transaction<'_>,
    product_id: i64,
    offer_id: Option<i64>,
) -> Result<Vec<SupplierOffer>> {
    if let Some(offer) = offer_id {
        let belongs: bool = tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM supplier_offer WHERE id = ?1 AND product_id = ?2)",
            )?
            .query_row(params![offer, product_id], |r| r.get(0))?;
        if !belongs {
            return Err(Error::not_found(
                Wording::new(RefusalSays::SupplierOfferNotFound)
                    .text("offer", offer)
                    .text("product", product_id),
            ));
        }
    }
    product_rows::pin_offer(tx, product_id, offer_id)?;
    refresh_product(tx, product_id, &price_rules(tx)?)?;
    product_offers(tx, product_id)
}

/// What `refresh_product` reads of the product itself.
struct ProductRow {
    code: String,
    source: String,
    current_list: Option<String>,
    current_currency: String,
    category: String,
    manufacturer: String,
    status: ItemStatus,
    /// Sales unit and its content (none: a piece).
    unit: [Option<String>; 2],
}

struct OfferRow {
    id: i64,
    cost: Option<Decimal>,
    list: Option<Decimal>,
    currency: String,
    stock: StockStatus,
    pinned: bool,
    /// The offer is priced per the product's sales unit.
    same_unit: bool,
}

/// Picks the product's preferred offer among its active ones (the pinned one,
/// else the cheapest in or low stock, else the cheapest) and takes cost price,
/// stock and currency from it; an imported product's list price follows (price
/// rules, else the supplier's list price, else cost). A product without active
/// offers is discontinued; one with an active offer again is active again.
pub(super) fn refresh_product(
    tx: &Transaction<'_>,
    product_id: i64,
    rules: &[PriceRule],
) -> Result<()> {
    let ProductRow {
        code,
        source,
        current_list,
        current_currency,
        category,
        manufacturer,
        status,
        unit,
    } = tx
        .prepare_cached(
            "SELECT p.source, p.list_price, p.currency, ci.category, p.manufacturer, ci.status,
                    p.sales_unit, p.sales_unit_content, ci.code
             FROM product p JOIN catalog_item ci ON ci.id = p.item_id WHERE p.item_id = ?1",
        )?
        .query_row([product_id], |r| {
            Ok(ProductRow {
                source: r.get(0)?,
                current_list: r.get(1)?,
                current_currency: r.get(2)?,
                category: r.get(3)?,
                manufacturer: r.get(4)?,
                status: r.get(5)?,
                unit: [r.get(6)?, r.get(7)?],
                code: r.get(8)?,
            })
        })?;
    let mut offers = Vec::new();
    {
        let mut stmt = tx.prepare_cached(
            "SELECT id, cost_price, list_price, currency, stock_status, pinned, order_unit,
                    content_unit, content_per_order_unit
             FROM supplier_offer WHERE product_id = ?1 AND status = 'active'",
        )?;
        let mut rows = stmt.query([product_id])?;
        while let Some(r) = rows.next()? {
            let offer_unit = sales_unit(&OrderDetails {
                order_unit: r.get(6)?,
                content_unit: r.get(7)?,
                content_per_order_unit: optional_decimal_from_text(
                    r.get(8)?,
                    "content_per_order_unit",
                )?,
                ..OrderDetails::default()
            });
            let offer_unit = [
                offer_unit.as_ref().map(|u| u.unit.clone()),
                offer_unit
                    .as_ref()
                    .and_then(|u| u.content)
                    .map(|c| c.normalize().to_string()),
            ];
            offers.push(OfferRow {
                id: r.get(0)?,
                cost: optional_decimal_from_text(r.get(1)?, "cost_price")?,
                list: optional_decimal_from_text(r.get(2)?, "list_price")?,
                currency: r.get(3)?,
                stock: r.get(4)?,
                pinned: r.get(5)?,
                same_unit: offer_unit == unit,
            });
        }
    }
    // Prices per another unit (a piece offer of a product now sold per pack)
    // are not compared with the product's, unless no offer has its unit.
    if offers.iter().any(|o| o.same_unit) {
        offers.retain(|o| o.same_unit);
    }
    let set_status = |to: ItemStatus| item_rows::set_item_status(tx, product_id, to);
    // An offer with a price before one without (an unpriced offer would leave
    // the product unsellable), then in stock, then the cheapest.
    let chosen = offers.iter().find(|o| o.pinned).or_else(|| {
        offers.iter().min_by_key(|o| {
            let stocked = matches!(o.stock, StockStatus::InStock | StockStatus::LowStock);
            let unpriced = o.cost.is_none() && o.list.is_none();
            (unpriced, !stocked, o.cost.is_none(), o.cost, o.id)
        })
    });
    let Some(chosen) = chosen else {
        product_rows::clear_preferred_offer(tx, product_id)?;
        if status == ItemStatus::Active {
            set_status(ItemStatus::Discontinued)?;
        }
        return Ok(());
    };
    product_rows::prefer_offer(tx, product_id, chosen.id)?;
    // Products entered by hand keep their list price; an imported product takes
    // its offer's (through the price rules), and keeps the one it has, with its
    // currency, when no offer has a price (one given in the designer while it
    // was unpriced: an import without prices does not take it away).
    let (list, currency) =
        if source == "custom" {
            (current_list, chosen.currency.clone())
        } else {
            // A rule's price beyond the bound names the product (the designer's
            // pin action; an import rejects such an article before it gets here).
            let list = list_price(rules, chosen.cost, chosen.list, &category, &manufacturer)
                .map_err(|e| match e {
                    Error::AmountOutOfBounds { what } => Error::AmountOutOfBounds {
                        what: format!("product {code}: {what}"),
                    },
                    other => other,
                })?;
            match list {
                Some(list) => (Some(list.to_string()), chosen.currency.clone()),
                None if current_list.is_some() => (current_list, current_currency),
                None => (None, chosen.currency.clone()),
            }
        };
    product_rows::set_product_prices(
        tx,
        product_id,
        chosen.cost,
        list.as_deref(),
        &currency,
        chosen.stock.as_str(),
    )?;
    if status == ItemStatus::Discontinued {
        set_status(ItemStatus::Active)?;
    }
    Ok(())
}
