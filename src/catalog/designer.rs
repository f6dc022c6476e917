//! The service designer's actions: check a draft against every catalog rule, save
//! it, delete an item, and undo the edits of the session. Each action is one
//! write transaction.

use serde::{Deserialize, Serialize};

use super::store::items::{self, write_item, write_relations};
use super::warnings::{link_warnings, DraftCheck};
use super::{
    check_catalog, check_successor_status, read_catalog, read_item, ItemKind, ItemRecord, ItemRef,
};
use crate::error::{CatalogRule, CatalogSays, RefusalSays, RuleViolation, Wording};
use crate::vocabulary::ItemStatus;
use crate::{Error, Result, Store};
use rusqlite::Connection;

/// An item as the designer sends it: the record, and the code the item has in
/// the store now (none for a new item).
#[derive(Debug, Clone, Serialize, Deserialize, specta::Type)]
pub struct ItemDraft {
    pub original_code: Option<String>,
    pub record: ItemRecord,
}

/// Every rule the catalog would break if the draft were saved (violations on the
/// draft itself carry its field; those on other items say which), and what it
/// may be saved with but its author should know (a link to a product without
/// a price).
pub fn check_draft(conn: &Connection, draft: &ItemDraft) -> Result<DraftCheck> {
    let mut catalog = read_catalog(conn)?;
    let stored = match &draft.original_code {
        Some(code) => Some(catalog.find(code).ok_or_else(|| {
            Error::not_found(Wording::new(RefusalSays::CatalogItemNotFound).text("item", code))
        })?),
        None => None,
    };
    let new_code = draft.record.code();
    if let Some(old) = &draft.original_code {
        catalog.put(Some(old), draft.record.clone());
        if old != new_code {
            catalog.rename_references(old, new_code);
        }
    } else {
        catalog.put(None, draft.record.clone());
    }
    let mut violations: Vec<RuleViolation> = check_catalog(&catalog)
        .into_iter()
        .chain(check_successor_status(&catalog, &|code| code == new_code))
        .map(|l| l.violation)
        .collect();

    // A deprecated (or retired) item may keep its links but gain no new ones, in
    // either direction.
    let old_links: Vec<&str> = stored
        .as_ref()
        .map(|s| s.links().iter().map(|l| l.item.as_str()).collect())
        .unwrap_or_default();
    for (i, link) in draft.record.links().iter().enumerate() {
        if old_links.contains(&link.item.as_str()) {
            continue;
        }
        let said = if draft.record.status() != ItemStatus::Active {
            Some(
                Wording::new(CatalogSays::NoNewLinks)
                    .text("item", new_code)
                    .item_status("status", draft.record.status()),
            )
        } else {
            catalog
                .find(&link.item)
                .filter(|t| t.status() != ItemStatus::Active)
                .map(|target| {
                    Wording::new(CatalogSays::NotNewlyLinked)
                        .text("target", &link.item)
                        .item_status("status", target.status())
                })
        };
        if let Some(said) = said {
            violations.push(RuleViolation {
                item: new_code.to_owned(),
                item_name: draft.record.name().to_owned(),
                field: format!("links[{i}].item"),
                rule: CatalogRule::DeprecatedLink,
                message: said.english(),
                wording: said,
            });
        }
    }
    let warnings = link_warnings(draft.record.links(), |code| {
        Ok(match catalog.find(code) {
            Some(ItemRecord::Product(p)) if p.list_price.is_none() => Some(p.name),
            _ => None,
        })
    })?;
    Ok(DraftCheck {
        violations,
        warnings,
    })
}

/// One saved change, to undo it.
#[derive(Debug, Clone)]
struct Change {
    /// The item as it was; none if the change created it.
    before: Option<ItemRecord>,
    /// The code the item has after the change; none if the change deleted it.
    after: Option<String>,
}

/// The edits of this session, newest last.
#[derive(Debug, Default)]
pub struct EditHistory {
    changes: Vec<Change>,
}

impl EditHistory {
    pub fn can_undo(&self) -> bool {
        !self.changes.is_empty()
    }
}

/// What an undo did, for the UI to show and select.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct Undone {
    /// In English, for logs and scripts; the UI builds its sentence from the
    /// fields below.
    pub description: String,
    /// The edit that was taken back.
    pub undid: UndoneEdit,
    /// The kind, code and name of the item the edit was about (as it was
    /// before the undo for a creation; as it is now otherwise).
    pub kind: ItemKind,
    pub code: String,
    pub name: String,
    /// The item as it is now; none if the undo removed it.
    pub item: Option<ItemRef>,
}

/// Which edit an undo took back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum UndoneEdit {
    /// The item was created in this session; the undo removed it.
    Created,
    /// The item was changed; the undo restored its previous state.
    Edited,
    /// The item was deleted; the undo brought it back.
    Deleted,
}

fn item_ref(conn: &Connection, code: &str) -> Result<ItemRef> {
    Ok(conn
        .prepare_cached("SELECT id, kind, code, name FROM catalog_item WHERE code = ?1")?
        .query_row([code], |r| {
            Ok(ItemRef {
                id: r.get(0)?,
                kind: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
            })
        })?)
}

/// Saves a draft if it breaks no rule, and remembers the change for undo.
pub fn save_item(
    store: &mut Store,
    history: &mut EditHistory,
    draft: &ItemDraft,
) -> Result<ItemRef> {
    let (before, saved) = store.write(|tx| {
        let violations = check_draft(tx, draft)?.violations;
        if !violations.is_empty() {
            return Err(Error::RuleViolations(violations));
        }
        let before = draft
            .original_code
            .as_deref()
            .map(|code| read_item(tx, code))
            .transpose()?;
        let id = write_item(tx, draft.original_code.as_deref(), &draft.record)?;
        write_relations(tx, &draft.record)?;
        // Own contexts take a product out of its category rule; none put it back.
        super::rules::assign_products(tx, &[id])?;
        Ok((before, item_ref(tx, draft.record.code())?))
    })?;
    history.changes.push(Change {
        before,
        after: Some(saved.code.clone()),
    });
    Ok(saved)
}

/// Deletes an item that nothing refers to.
pub fn delete_item(store: &mut Store, history: &mut EditHistory, code: &str) -> Result<()> {
    let before = store.write(|tx| remove(tx, code))?;
    history.changes.push(Change {
        before: Some(before),
        after: None,
    });
    Ok(())
}

fn remove(conn: &Connection, code: &str) -> Result<ItemRecord> {
    let catalog = read_catalog(conn)?;
    let before = catalog.find(code).ok_or_else(|| {
        Error::not_found(Wording::new(RefusalSays::CatalogItemNotFound).text("item", code))
    })?;
    let referrers = catalog.referrers(code);
    if !referrers.is_empty() {
        return Err(Error::RuleViolations(
            referrers
                .into_iter()
                .map(|(by, says)| {
                    let said = Wording::new(says).text("item", code).value("by", by);
                    RuleViolation {
                        item: code.to_owned(),
                        item_name: before.name().to_owned(),
                        field: String::new(),
                        rule: CatalogRule::MissingReference,
                        message: said.english(),
                        wording: said,
                    }
                })
                .collect(),
        ));
    }
    items::delete_item(conn, code)?;
    Ok(before)
}

/// Takes back the newest change of the session. A change that can no longer be
/// taken back (the catalog moved on and the old state would break a rule) stays
/// on the stack and the error says why.
pub fn undo(store: &mut Store, history: &mut EditHistory) -> Result<Undone> {
    let change = history
        .changes
        .last()
        .cloned()
        .ok_or(Error::NothingToUndo)?;
    let undone = store.write(|tx| match (&change.before, &change.after) {
        (None, Some(code)) => {
            let record = remove(tx, code)?;
            Ok(Undone {
                description: format!(
                    "removed {} {}, created in this session",
                    kind_word(&record),
                    record.name()
                ),
                undid: UndoneEdit::Created,
                kind: record.kind(),
                code: record.code().to_owned(),
                name: record.name().to_owned(),
                item: None,
            })
        }
        (Some(before), after) => {
            let draft = ItemDraft {
                original_code: after.clone(),
                record: before.clone(),
            };
            let violations = check_draft(tx, &draft)?.violations;
            if !violations.is_empty() {
                return Err(Error::RuleViolations(violations));
            }
            let id = write_item(tx, after.as_deref(), before)?;
            write_relations(tx, before)?;
            super::rules::assign_products(tx, &[id])?;
            let (verb, undid) = if after.is_some() {
                ("restored the previous state of", UndoneEdit::Edited)
            } else {
                ("brought back", UndoneEdit::Deleted)
            };
            Ok(Undone {
                description: format!("{verb} {} {}", kind_word(before), before.name()),
                undid,
                kind: before.kind(),
                code: before.code().to_owned(),
                name: before.name().to_owned(),
                item: Some(item_ref(tx, before.code())?),
            })
        }
        (None, None) => Err(Error::NothingToUndo),
    })?;
    history.changes.pop();
    Ok(undone)
}

fn kind_word(record: &ItemRecord) -> &'static str {
    match record.kind() {
        ItemKind::Product => "product",
        ItemKind::BasicService => "basic service",
        ItemKind::Service => "service",
        ItemKind::AddOn => "add-on",
    }
}

/// The record of one item, for the designer to edit.
pub fn item_record(conn: &Connection, code: &str) -> Result<ItemRecord> {
    read_item(conn, code)
}

/// Whether a code is taken (the designer suggests free codes).
pub fn code_exists(conn: &Connection, code: &str) -> Result<bool> {
    Ok(items::item_id(conn, code)?.is_some())
}
