//! `catalog list|search|rules` and the portfolio file (`export`, `import`);
//! the feed verbs of `catalog` (import, imports, report) are in `import.rs`.

use clap::Subcommand;
use servicefolio::catalog::{self, CatalogItemSummary, CatalogQuery, ItemKind};
use servicefolio::portfolio::{self, PortfolioFile};
use servicefolio::Store;
use std::io::Write;
use std::path::Path;

use super::import::ImportArgs;
use super::output::{self, in_file, Failure};

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// List catalog items, one per line (kind, code, name, price).
    List {
        /// Print a JSON array instead.
        #[arg(long)]
        json: bool,
        /// Only items whose name, code, manufacturer, part number or EAN contain every word.
        #[arg(long, value_name = "TEXT", default_value = "")]
        search: String,
        /// Only items of this kind.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<ItemKind>,
    },
    /// Import a supplier feed (ITScope-style CSV, any CSV/XLSX with a mapping
    /// profile, BMEcat) in one transaction, and print the import report. A
    /// progress bar shows on stderr when it is a terminal.
    Import(ImportArgs),
    /// Search products as you type (full-text, every word a prefix, ranked).
    Search {
        #[arg(value_name = "QUERY", default_value = "")]
        query: String,
        #[arg(long)]
        manufacturer: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        source: Option<String>,
        /// Only products in or low stock.
        #[arg(long)]
        in_stock: bool,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Past imports (id, time, source, file, counts).
    Imports {
        #[arg(long)]
        json: bool,
    },
    /// Reopen the report of an import.
    Report {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// The category rules (booking contexts and linked items of imported
    /// products), with how many products each governs. Edit them in the app
    /// or in a portfolio file (`export`, `import`).
    Rules {
        #[arg(long)]
        json: bool,
    },
}

fn parse_kind(text: &str) -> Result<ItemKind, String> {
    ItemKind::parse(text).ok_or_else(|| {
        let names: Vec<&str> = ItemKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

pub fn run(store: &mut Store, command: CatalogCommand, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        CatalogCommand::List { json, search, kind } => {
            let items = catalog::list_items(
                store.conn(),
                &CatalogQuery {
                    text: search,
                    kind,
                    ..Default::default()
                },
            )?;
            output::print(out, json, &items, |out, items| {
                for item in items {
                    writeln!(out, "{}", list_line(item))?;
                }
                Ok(())
            })
        }
        CatalogCommand::Search {
            query,
            manufacturer,
            category,
            source,
            in_stock,
            limit,
            json,
        } => {
            let hits = catalog::search_products(
                store.conn(),
                &catalog::ProductSearch {
                    text: query,
                    category,
                    manufacturer,
                    source,
                    in_stock,
                    include_discontinued: false,
                    limit: Some(limit),
                },
            )?;
            output::print(out, json, &hits, |out, hits| {
                for h in hits {
                    let price = match h.list_price {
                        Some(price) => format!("{price} {}", h.currency),
                        None => "no price".to_owned(),
                    };
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{price}\t{}",
                        h.code,
                        h.name,
                        h.manufacturer,
                        h.part_number,
                        h.ean.as_deref().unwrap_or(""),
                        h.stock_status.as_str()
                    )?;
                }
                Ok(())
            })
        }
        CatalogCommand::Rules { json } => {
            let rules = catalog::category_rules(store.conn())?;
            output::print(out, json, &rules, |out, rules| {
                for r in rules {
                    let what = match (&r.record.categories[..], &r.record.manufacturer) {
                        ([], None) => "default".to_owned(),
                        ([], Some(m)) => format!("manufacturer {m}"),
                        (categories, None) => categories.join(", "),
                        (categories, Some(m)) => format!("{} ({m})", categories.join(", ")),
                    };
                    let contexts: Vec<&str> = r
                        .record
                        .allowed_contexts
                        .iter()
                        .map(|c| c.as_str())
                        .collect();
                    let links: Vec<String> = r
                        .record
                        .links
                        .iter()
                        .map(|l| format!("{} ({})", l.item, l.mode.as_str()))
                        .collect();
                    writeln!(
                        out,
                        "{}\t{} products\t{what}\t{}\t{}",
                        r.record.name,
                        r.products,
                        contexts.join(", "),
                        links.join(", ")
                    )?;
                }
                Ok(())
            })
        }
        CatalogCommand::Import(args) => super::import::import(store, args, out),
        CatalogCommand::Imports { json } => super::import::imports(store, json, out),
        CatalogCommand::Report { id, json } => super::import::report(store, id, json, out),
    }
}

/// `export --out FILE`: the catalog as a portfolio file.
pub fn export_portfolio(store: &Store, file: &Path) -> Result<(), Failure> {
    let text = portfolio::export(store.conn())?;
    servicefolio::files::write_bytes(file, text.as_bytes())?;
    Ok(())
}

/// `import FILE`: a portfolio file's items, added or updated by code.
pub fn import_portfolio(
    store: &mut Store,
    file: &Path,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let text = servicefolio::files::read_to_string(file)?;
    let records = PortfolioFile::parse(&text).map_err(in_file(file))?;
    let summary = portfolio::import(store, &records)?;
    writeln!(
        out,
        "imported {}: {} added, {} updated, {} unchanged",
        file.display(),
        summary.added,
        summary.updated,
        summary.unchanged
    )?;
    Ok(())
}

/// `kind<TAB>code<TAB>name<TAB>price`: easy to read and to cut.
pub(super) fn list_line(item: &CatalogItemSummary) -> String {
    if item.kind == ItemKind::Product && item.price.is_none() {
        return format!(
            "{}\t{}\t{}\tno price",
            item.kind.as_str(),
            item.code,
            item.name
        );
    }
    let price = item
        .price
        .as_ref()
        .map(|p| {
            let period = match p.period {
                catalog::PricePeriod::Monthly => "/month",
                catalog::PricePeriod::OneTime => "",
            };
            format!(
                "{}{} {}{period}",
                if p.from { "from " } else { "" },
                p.amount,
                p.currency
            )
        })
        .unwrap_or_default();
    format!(
        "{}\t{}\t{}\t{}",
        item.kind.as_str(),
        item.code,
        item.name,
        price
    )
}
