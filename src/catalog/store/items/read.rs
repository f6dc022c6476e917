//! Mapping the item tables' rows back into records: for export files, for the
//! designer, and for checking an edit against the whole catalog. The order is canonical (items by
//! code, variants and options by position, references by code, category rules by
//! name), so the same catalog always gives the same file.

use rusqlite::Connection;
use std::collections::HashMap;

use crate::catalog::store::category_rules;
use crate::catalog::store::products::{self, ProductRow};
use crate::catalog::{
    AddOnRecord, CatalogRecords, ComponentRecord, ItemKind, ItemRecord, LeasingTerms, LinkQuantity,
    LinkRecord, OfferTerms, OptionChoiceRecord, OptionGroupRecord, OptionSelection, PriceDeltas,
    ProductRecord, PurchaseTerms, RentalTerms, RequirementRecord, RequirementScope, ServiceKind,
    ServiceRecord, ServiceUnit, VariantRecord,
};
use crate::error::{RefusalSays, Wording};
use crate::money::{decimal_from_text, optional_decimal_from_text};
use crate::vocabulary::{BookingContext, ItemStatus};
use crate::{Error, Result};

/// The whole catalog as records, in canonical order.
pub fn read_catalog(conn: &Connection) -> Result<CatalogRecords> {
    Loader { conn, only: None }.load()
}

/// One item as a record.
pub fn read_item(conn: &Connection, code: &str) -> Result<ItemRecord> {
    let id = super::item_id(conn, code)?.ok_or_else(|| {
        Error::not_found(Wording::new(RefusalSays::CatalogItemNotFound).text("item", code))
    })?;
    let catalog = Loader {
        conn,
        only: Some(id),
    }
    .load()?;
    catalog.find(code).ok_or_else(|| {
        Error::not_found(Wording::new(RefusalSays::CatalogItemNotFound).text("item", code))
    })
}

struct Item {
    id: i64,
    kind: ItemKind,
    code: String,
    name: String,
    category: String,
    description: String,
    status: ItemStatus,
}

/// Reads every table once (or only the rows of one item) and assembles records.
struct Loader<'c> {
    conn: &'c Connection,
    only: Option<i64>,
}

impl Loader<'_> {
    /// The item ids to read, as `BETWEEN ?1 AND ?2`: one item, or all. (Not
    /// `?1 IS NULL OR id = ?1`, which no index serves: reading one item of a
    /// million-product catalog scanned every table.)
    fn range(&self) -> [i64; 2] {
        match self.only {
            Some(id) => [id, id],
            None => [i64::MIN, i64::MAX],
        }
    }

    fn load(&self) -> Result<CatalogRecords> {
        let items = self.items()?;
        let mut contexts = self.contexts()?;
        let mut requires = self.requirements()?;
        let mut links = self.links()?;
        let mut products = self.products()?;
        let mut services = self.services()?;
        let mut variants = self.variants()?;
        let mut option_groups = self.option_groups()?;
        let mut components = self.components()?;
        let mut add_ons = self.add_ons()?;
        let mut targets = self.add_on_targets()?;
        let mut successors = super::successors::successor_codes(self.conn, self.range())?;

        let mut catalog = CatalogRecords::default();
        for item in items {
            let id = item.id;
            let corrupt = |what: &str| {
                Error::Corrupt(format!(
                    "{} {} has no {what} record",
                    kind_label(item.kind),
                    item.code
                ))
            };
            match item.kind {
                ItemKind::Product => {
                    let p = products.remove(&id).ok_or_else(|| corrupt("product"))?;
                    catalog.products.push(ProductRecord {
                        code: item.code,
                        name: item.name,
                        category: item.category,
                        manufacturer: p.manufacturer,
                        manufacturer_part_number: p.manufacturer_part_number,
                        ean: p.ean,
                        description: item.description,
                        cost_price: p.cost_price,
                        list_price: p.list_price,
                        currency: p.currency,
                        tax_rate: p.tax_rate,
                        sales_unit: p.sales_unit,
                        stock_status: p.stock_status,
                        source: p.source,
                        source_key: p.source_key,
                        status: item.status,
                        allowed_contexts: contexts.remove(&id).unwrap_or_default(),
                        requires: requires.remove(&id).unwrap_or_default(),
                        links: links.remove(&id).unwrap_or_default(),
                        successors: successors.remove(&id).unwrap_or_default(),
                    });
                }
                ItemKind::Service | ItemKind::BasicService => {
                    let s = services.remove(&id).ok_or_else(|| corrupt("service"))?;
                    catalog.services.push(ServiceRecord {
                        code: item.code,
                        name: item.name,
                        kind: if item.kind == ItemKind::BasicService {
                            ServiceKind::Basic
                        } else {
                            ServiceKind::Standard
                        },
                        category: item.category,
                        description: item.description,
                        unit: s.unit,
                        currency: s.currency,
                        tax_rate: s.tax_rate,
                        status: item.status,
                        allowed_contexts: contexts.remove(&id).unwrap_or_default(),
                        variants: variants.remove(&id).unwrap_or_default(),
                        option_groups: option_groups.remove(&id).unwrap_or_default(),
                        components: components.remove(&id).unwrap_or_default(),
                        requires: requires.remove(&id).unwrap_or_default(),
                        links: links.remove(&id).unwrap_or_default(),
                        successors: successors.remove(&id).unwrap_or_default(),
                    });
                }
                ItemKind::AddOn => {
                    let a = add_ons.remove(&id).ok_or_else(|| corrupt("add-on"))?;
                    catalog.add_ons.push(AddOnRecord {
                        code: item.code,
                        name: item.name,
                        category: item.category,
                        description: item.description,
                        one_time_price: a.0,
                        currency: a.1,
                        tax_rate: a.2,
                        status: item.status,
                        applies_to: targets.remove(&id).unwrap_or_default(),
                    });
                }
            }
        }
        if self.only.is_none() {
            catalog.category_rules = category_rules::read_rules(self.conn)?
                .into_iter()
                .map(|(_, rule)| rule)
                .collect();
        }
        Ok(catalog)
    }

    fn items(&self) -> Result<Vec<Item>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, code, name, category, description, status FROM catalog_item
             WHERE id BETWEEN ?1 AND ?2 ORDER BY code",
        )?;
        let rows = stmt
            .query_map(self.range(), |r| {
                Ok(Item {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    code: r.get(2)?,
                    name: r.get(3)?,
                    category: r.get(4)?,
                    description: r.get(5)?,
                    status: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn contexts(&self) -> Result<HashMap<i64, Vec<BookingContext>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, context FROM item_context WHERE item_id BETWEEN ?1 AND ?2",
        )?;
        let mut map: HashMap<i64, Vec<BookingContext>> = HashMap::new();
        for row in stmt.query_map(self.range(), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, BookingContext>(1)?))
        })? {
            let (id, context) = row?;
            map.entry(id).or_default().push(context);
        }
        for contexts in map.values_mut() {
            contexts.sort_by_key(|c| BookingContext::ALL.iter().position(|a| a == c));
        }
        Ok(map)
    }

    fn requirements(&self) -> Result<HashMap<i64, Vec<RequirementRecord>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT r.item_id, ci.code, r.scope FROM requirement r JOIN catalog_item ci ON ci.id = r.basic_service_id
             WHERE r.item_id BETWEEN ?1 AND ?2 ORDER BY ci.code",
        )?;
        let mut map: HashMap<i64, Vec<RequirementRecord>> = HashMap::new();
        for row in stmt.query_map(self.range(), |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, RequirementScope>(2)?,
            ))
        })? {
            let (id, service, scope) = row?;
            map.entry(id)
                .or_default()
                .push(RequirementRecord { service, scope });
        }
        Ok(map)
    }

    fn links(&self) -> Result<HashMap<i64, Vec<LinkRecord>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.parent_id, ci.code, l.mode, l.quantity_rule, l.quantity FROM item_link l
             JOIN catalog_item ci ON ci.id = l.child_id
             WHERE l.parent_id BETWEEN ?1 AND ?2 ORDER BY ci.code",
        )?;
        let mut map: HashMap<i64, Vec<LinkRecord>> = HashMap::new();
        let mut rows = stmt.query(self.range())?;
        while let Some(r) = rows.next()? {
            let rule: String = r.get(3)?;
            let quantity = LinkQuantity::from_stored(&rule, r.get(4)?)
                .ok_or_else(|| Error::Corrupt(format!("link quantity rule {rule:?}")))?;
            map.entry(r.get(0)?).or_default().push(LinkRecord {
                item: r.get(1)?,
                mode: r.get(2)?,
                quantity,
            });
        }
        Ok(map)
    }

    fn products(&self) -> Result<HashMap<i64, ProductRow>> {
        products::product_rows(self.conn, self.range())
    }

    fn services(&self) -> Result<HashMap<i64, ServiceRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT item_id, unit, currency, tax_rate FROM service WHERE item_id BETWEEN ?1 AND ?2",
        )?;
        let mut map = HashMap::new();
        let mut rows = stmt.query(self.range())?;
        while let Some(r) = rows.next()? {
            map.insert(
                r.get::<_, i64>(0)?,
                ServiceRow {
                    unit: r.get(1)?,
                    currency: r.get(2)?,
                    tax_rate: decimal_from_text(&r.get::<_, String>(3)?, "tax_rate")?,
                },
            );
        }
        Ok(map)
    }

    fn variants(&self) -> Result<HashMap<i64, Vec<VariantRecord>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.service_id, v.code, v.name, v.description, v.setup_fee,
                    r.monthly_price, r.minimum_term_months, r.notice_period_months, r.renewal_period_months,
                    pt.price,
                    l.financed_amount, l.term_months, l.leasing_factor_percent, l.residual_value_percent
             FROM service_variant v
             LEFT JOIN rental_terms r ON r.variant_id = v.id
             LEFT JOIN purchase_terms pt ON pt.variant_id = v.id
             LEFT JOIN leasing_terms l ON l.variant_id = v.id
             WHERE v.service_id BETWEEN ?1 AND ?2
             ORDER BY v.service_id, v.position",
        )?;
        let mut map: HashMap<i64, Vec<VariantRecord>> = HashMap::new();
        let mut rows = stmt.query(self.range())?;
        while let Some(r) = rows.next()? {
            let rental = match r.get::<_, Option<String>>(5)? {
                Some(monthly) => Some(RentalTerms {
                    monthly_price: decimal_from_text(&monthly, "monthly_price")?,
                    minimum_term_months: r.get(6)?,
                    notice_period_months: r.get(7)?,
                    renewal_period_months: r.get(8)?,
                }),
                None => None,
            };
            let purchase = match r.get::<_, Option<String>>(9)? {
                Some(price) => Some(PurchaseTerms {
                    price: decimal_from_text(&price, "price")?,
                }),
                None => None,
            };
            let leasing = match r.get::<_, Option<String>>(10)? {
                Some(financed) => Some(LeasingTerms {
                    financed_amount: decimal_from_text(&financed, "financed_amount")?,
                    term_months: r.get(11)?,
                    leasing_factor_percent: decimal_from_text(
                        &r.get::<_, String>(12)?,
                        "leasing_factor_percent",
                    )?,
                    residual_value_percent: decimal_from_text(
                        &r.get::<_, String>(13)?,
                        "residual_value_percent",
                    )?,
                }),
                None => None,
            };
            map.entry(r.get(0)?).or_default().push(VariantRecord {
                code: r.get(1)?,
                name: r.get(2)?,
                description: r.get(3)?,
                setup_fee: optional_decimal_from_text(r.get(4)?, "setup_fee")?,
                offers: OfferTerms {
                    rental,
                    purchase,
                    leasing,
                },
            });
        }
        Ok(map)
    }

    fn option_groups(&self) -> Result<HashMap<i64, Vec<OptionGroupRecord>>> {
        let mut group_variants: HashMap<i64, Vec<String>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT gv.group_id, v.code FROM option_group_variant gv
                 JOIN service_variant v ON v.id = gv.variant_id
                 WHERE v.service_id BETWEEN ?1 AND ?2 ORDER BY v.position",
            )?;
            for row in stmt.query_map(self.range(), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })? {
                let (group, code) = row?;
                group_variants.entry(group).or_default().push(code);
            }
        }
        let mut choices: HashMap<i64, Vec<OptionChoiceRecord>> = HashMap::new();
        {
            let mut stmt = self.conn.prepare_cached(
                "SELECT c.group_id, c.code, c.name, c.description, c.rental_monthly_delta, c.purchase_delta,
                        c.leasing_amount_delta
                 FROM option_choice c JOIN option_group g ON g.id = c.group_id
                 WHERE g.service_id BETWEEN ?1 AND ?2 ORDER BY c.group_id, c.position",
            )?;
            let mut rows = stmt.query(self.range())?;
            while let Some(r) = rows.next()? {
                choices
                    .entry(r.get(0)?)
                    .or_default()
                    .push(OptionChoiceRecord {
                        code: r.get(1)?,
                        name: r.get(2)?,
                        description: r.get(3)?,
                        price_deltas: PriceDeltas {
                            rental_monthly: optional_decimal_from_text(
                                r.get(4)?,
                                "rental_monthly_delta",
                            )?,
                            purchase: optional_decimal_from_text(r.get(5)?, "purchase_delta")?,
                            leasing_amount: optional_decimal_from_text(
                                r.get(6)?,
                                "leasing_amount_delta",
                            )?,
                        },
                    });
            }
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, service_id, code, name, selection, required FROM option_group
             WHERE service_id BETWEEN ?1 AND ?2 ORDER BY service_id, position",
        )?;
        let mut map: HashMap<i64, Vec<OptionGroupRecord>> = HashMap::new();
        let mut rows = stmt.query(self.range())?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let selection: String = r.get(4)?;
            map.entry(r.get(1)?).or_default().push(OptionGroupRecord {
                code: r.get(2)?,
                name: r.get(3)?,
                selection: match selection.as_str() {
                    "single" => OptionSelection::Single,
                    "multiple" => OptionSelection::Multiple,
                    other => return Err(Error::Corrupt(format!("option selection {other:?}"))),
                },
                required: r.get(5)?,
                variants: group_variants.remove(&id).unwrap_or_default(),
                choices: choices.remove(&id).unwrap_or_default(),
            });
        }
        Ok(map)
    }

    fn components(&self) -> Result<HashMap<i64, Vec<ComponentRecord>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.service_id, c.kind, p.code, c.quantity_per_unit, c.description
             FROM service_component c LEFT JOIN catalog_item p ON p.id = c.product_id
             WHERE c.service_id BETWEEN ?1 AND ?2 ORDER BY c.service_id, c.position",
        )?;
        let mut map: HashMap<i64, Vec<ComponentRecord>> = HashMap::new();
        let mut rows = stmt.query(self.range())?;
        while let Some(r) = rows.next()? {
            let kind: String = r.get(1)?;
            let component = match kind.as_str() {
                "goods" => ComponentRecord::Goods {
                    product: r
                        .get::<_, Option<String>>(2)?
                        .ok_or_else(|| Error::Corrupt("goods without a product".into()))?,
                    quantity_per_unit: r.get::<_, Option<u32>>(3)?.unwrap_or(1),
                },
                "resource" => ComponentRecord::Resource {
                    description: r.get(4)?,
                },
                "action" => ComponentRecord::Action {
                    description: r.get(4)?,
                },
                other => return Err(Error::Corrupt(format!("component kind {other:?}"))),
            };
            map.entry(r.get(0)?).or_default().push(component);
        }
        Ok(map)
    }

    fn add_ons(
        &self,
    ) -> Result<HashMap<i64, (rust_decimal::Decimal, String, rust_decimal::Decimal)>> {
        let mut stmt = self.conn.prepare_cached("SELECT item_id, one_time_price, currency, tax_rate FROM add_on WHERE item_id BETWEEN ?1 AND ?2")?;
        let mut map = HashMap::new();
        let mut rows = stmt.query(self.range())?;
        while let Some(r) = rows.next()? {
            map.insert(
                r.get::<_, i64>(0)?,
                (
                    decimal_from_text(&r.get::<_, String>(1)?, "one_time_price")?,
                    r.get(2)?,
                    decimal_from_text(&r.get::<_, String>(3)?, "tax_rate")?,
                ),
            );
        }
        Ok(map)
    }

    fn add_on_targets(&self) -> Result<HashMap<i64, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.add_on_id, ci.code FROM add_on_target t JOIN catalog_item ci ON ci.id = t.target_id
             WHERE t.add_on_id BETWEEN ?1 AND ?2 ORDER BY ci.code",
        )?;
        let mut map: HashMap<i64, Vec<String>> = HashMap::new();
        for row in stmt.query_map(self.range(), |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })? {
            let (id, code) = row?;
            map.entry(id).or_default().push(code);
        }
        Ok(map)
    }
}

struct ServiceRow {
    unit: ServiceUnit,
    currency: String,
    tax_rate: rust_decimal::Decimal,
}

fn kind_label(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Product => "product",
        ItemKind::Service | ItemKind::BasicService => "service",
        ItemKind::AddOn => "add-on",
    }
}
