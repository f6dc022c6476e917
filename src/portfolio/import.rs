//! Importing a portfolio file into the store. An import adds the file's items and updates the
//! items whose code is already there; the merged catalog must satisfy every rule
//! before anything is written, and the caller's transaction makes it all or nothing.

use rusqlite::Transaction;
use serde::Serialize;
use std::collections::HashMap;

use super::format::PortfolioFile;
use crate::catalog::{
    check_catalog, check_successor_status, read_catalog, write_records, CatalogRecords, ItemRecord,
    Located, Section,
};
use crate::{Error, Result, Store};

/// What an import did, counting items and category rules.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportSummary {
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
}

/// Imports a portfolio file into the store in one transaction.
pub fn import(store: &mut Store, file: &PortfolioFile) -> Result<ImportSummary> {
    store.write(|tx| import_into(tx, file))
}

/// Imports inside the caller's transaction.
pub fn import_into(tx: &Transaction<'_>, file: &PortfolioFile) -> Result<ImportSummary> {
    refuse_duplicate_codes(&file.catalog)?;
    let existing = read_catalog(tx)?;
    let mut merged = existing.clone();
    let records = records_of(&file.catalog);
    // An import updates items; it never turns one kind of item into another.
    for record in &records {
        if let Some(old) = existing.find(record.code()) {
            if old.kind() != record.kind() {
                let (section, index) =
                    file_position(&file.catalog, record.code()).unwrap_or((Section::Products, 0));
                return Err(Error::invalid(
                    format!("$.catalog.{}[{index}].code", section.name()),
                    format!(
                        "{} is a {} in the catalog; the file would make it a {}",
                        record.code(),
                        old.kind().as_str().replace('_', " "),
                        record.kind().as_str().replace('_', " ")
                    ),
                ));
            }
        }
    }
    for record in &records {
        merged.put(Some(record.code()), record.clone());
    }
    // Rules are matched by name, ignoring case.
    for rule in &file.catalog.category_rules {
        merged
            .category_rules
            .retain(|r| !r.name.eq_ignore_ascii_case(&rule.name));
        merged.category_rules.push(rule.clone());
    }
    let mut violations = check_catalog(&merged);
    // The file's items name successors and set statuses; an item already in
    // the database is only asked about where the file touches it.
    let in_file = |code: &str| records.iter().any(|r| r.code() == code);
    violations.extend(check_successor_status(&merged, &in_file));
    if let Some(first) = violations.first() {
        // Name the place in the file where we can; an item that is only in the
        // database is named by its code.
        let place = |l: &Located| {
            let (item, field) = (&l.violation.item, &l.violation.field);
            let found = if l.section == Section::CategoryRules {
                file.catalog
                    .category_rules
                    .iter()
                    .position(|r| &r.label() == item)
                    .map(|index| (Section::CategoryRules, index))
            } else {
                file_position(&file.catalog, item)
            };
            match found {
                Some((section, index)) => {
                    let base = format!("$.catalog.{}[{index}]", section.name());
                    if field.is_empty() {
                        base
                    } else {
                        format!("{base}.{field}")
                    }
                }
                None if l.section == Section::CategoryRules => {
                    format!("{item} (already in the database)")
                }
                None => format!("catalog item {item} (already in the database)"),
            }
        };
        let mut reason = first.violation.message.clone();
        if violations.len() > 1 {
            let rest: Vec<String> = violations[1..]
                .iter()
                .map(|l| format!("{}: {}", place(l), l.violation.message))
                .collect();
            reason = format!("{reason}; and {} more: {}", rest.len(), rest.join("; "));
        }
        return Err(Error::invalid(place(first), reason));
    }

    // Only what differs from the catalog is written; the rest is counted.
    let mut summary = ImportSummary::default();
    let mut written = Vec::new();
    for record in &records {
        match existing.find(record.code()) {
            Some(old) if &old == record => summary.unchanged += 1,
            Some(_) => {
                summary.updated += 1;
                written.push(record);
            }
            None => {
                summary.added += 1;
                written.push(record);
            }
        }
    }
    let mut rules = Vec::new();
    for rule in &file.catalog.category_rules {
        let stored = existing
            .category_rules
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(&rule.name));
        match stored {
            Some(old) if old == rule => summary.unchanged += 1,
            Some(_) => summary.updated += 1,
            None => summary.added += 1,
        }
        if stored != Some(rule) {
            rules.push(rule);
        }
    }
    write_records(tx, &written, &rules)?;
    Ok(summary)
}

/// A code names one item: the same code twice in a file is refused with both
/// places (merging the file into the catalog would keep the last one silently).
fn refuse_duplicate_codes(catalog: &CatalogRecords) -> Result<()> {
    let codes = catalog
        .services
        .iter()
        .enumerate()
        .map(|(i, s)| (Section::Services, i, s.code.as_str()))
        .chain(
            catalog
                .add_ons
                .iter()
                .enumerate()
                .map(|(i, a)| (Section::AddOns, i, a.code.as_str())),
        )
        .chain(
            catalog
                .products
                .iter()
                .enumerate()
                .map(|(i, p)| (Section::Products, i, p.code.as_str())),
        );
    let mut first: HashMap<&str, String> = HashMap::new();
    for (section, index, code) in codes {
        let place = format!("$.catalog.{}[{index}]", section.name());
        if let Some(earlier) = first.get(code) {
            return Err(Error::invalid(
                format!("{place}.code"),
                format!(
                    "the code {} is already used by {earlier}; a code names one item",
                    crate::limits::quote(code)
                ),
            ));
        }
        first.insert(code, place);
    }
    Ok(())
}

fn records_of(catalog: &CatalogRecords) -> Vec<ItemRecord> {
    catalog
        .services
        .iter()
        .map(|s| ItemRecord::Service(s.clone()))
        .chain(catalog.add_ons.iter().map(|a| ItemRecord::AddOn(a.clone())))
        .chain(
            catalog
                .products
                .iter()
                .map(|p| ItemRecord::Product(p.clone())),
        )
        .collect()
}

fn file_position(catalog: &CatalogRecords, code: &str) -> Option<(Section, usize)> {
    catalog
        .services
        .iter()
        .position(|s| s.code == code)
        .map(|i| (Section::Services, i))
        .or_else(|| {
            catalog
                .add_ons
                .iter()
                .position(|a| a.code == code)
                .map(|i| (Section::AddOns, i))
        })
        .or_else(|| {
            catalog
                .products
                .iter()
                .position(|p| p.code == code)
                .map(|i| (Section::Products, i))
        })
}
