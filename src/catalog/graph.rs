//! The service model map: the catalog as a graph of basic services, services,
//! linked items and add-ons, with labelled edges.

use rusqlite::Connection;
use serde::Serialize;

use super::ItemKind;
use crate::vocabulary::ItemStatus;
use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct GraphNode {
    pub id: i64,
    pub kind: ItemKind,
    pub code: String,
    pub name: String,
    pub status: ItemStatus,
}

/// How two items are related.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// `from` requires the basic service `to`.
    Required,
    /// `to` is booked with every `from`.
    Mandatory,
    /// `to` is offered with `from`.
    Optional,
    /// The add-on `from` can be ordered for `to`.
    AddOn,
    /// The service `from` delivers the product `to` as goods.
    Goods,
    /// `to` takes the place of `from` when `from` goes out of service.
    Successor,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct GraphEdge {
    pub from: i64,
    pub to: i64,
    pub kind: EdgeKind,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct CatalogGraph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// Every service, basic service and add-on, and the products that take part in a
/// relation; products that stand alone would only crowd the map.
pub fn catalog_graph(conn: &Connection) -> Result<CatalogGraph> {
    let mut edges = Vec::new();
    let queries: [(&str, Option<EdgeKind>); 5] = [
        (
            "SELECT item_id, basic_service_id, NULL FROM requirement",
            Some(EdgeKind::Required),
        ),
        ("SELECT parent_id, child_id, mode FROM item_link", None),
        (
            "SELECT add_on_id, target_id, NULL FROM add_on_target",
            Some(EdgeKind::AddOn),
        ),
        (
            "SELECT service_id, product_id, NULL FROM service_component WHERE kind = 'goods'",
            Some(EdgeKind::Goods),
        ),
        (
            "SELECT item_id, successor_id, NULL FROM item_successor",
            Some(EdgeKind::Successor),
        ),
    ];
    for (sql, kind) in queries {
        let mut stmt = conn.prepare_cached(sql)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let kind = match kind {
                Some(kind) => kind,
                None if r.get::<_, String>(2)? == "mandatory" => EdgeKind::Mandatory,
                None => EdgeKind::Optional,
            };
            edges.push(GraphEdge {
                from: r.get(0)?,
                to: r.get(1)?,
                kind,
            });
        }
    }
    edges.sort_by_key(|e| (e.from, e.to));
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, code, name, status FROM catalog_item ci
         WHERE kind <> 'product'
            OR EXISTS (SELECT 1 FROM requirement WHERE item_id = ci.id)
            OR EXISTS (SELECT 1 FROM item_link WHERE parent_id = ci.id OR child_id = ci.id)
            OR EXISTS (SELECT 1 FROM add_on_target WHERE target_id = ci.id)
            OR EXISTS (SELECT 1 FROM service_component WHERE product_id = ci.id)
            OR EXISTS (SELECT 1 FROM item_successor WHERE item_id = ci.id OR successor_id = ci.id)
         ORDER BY code",
    )?;
    let nodes = stmt
        .query_map([], |r| {
            Ok(GraphNode {
                id: r.get(0)?,
                kind: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                status: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(CatalogGraph { nodes, edges })
}
