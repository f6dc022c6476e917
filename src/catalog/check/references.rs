//! The references of an item (or a category rule) to other items: requirements
//! name a basic service, links name a product or service; none dangles, none
//! points at itself or twice.

use std::collections::HashSet;

use super::{quantity_too_large, with_article, CatalogRule, Checker, Kinds};
use crate::catalog::{ItemKind, LinkRecord, RequirementRecord};
use crate::limits::MAX_QUANTITY_TEXT;

pub(super) fn check_requirements(
    c: &mut Checker<'_>,
    requires: &[RequirementRecord],
    kinds: &Kinds<'_>,
) {
    let mut seen = HashSet::new();
    let code = c.code;
    for (i, r) in requires.iter().enumerate() {
        let field = format!("requires[{i}].service");
        match kinds.get(r.service.as_str()) {
            None => c.add(
                field,
                CatalogRule::MissingReference,
                format!(
                    "{code} requires {:?}, which is not in the catalog",
                    r.service
                ),
            ),
            Some(_) if r.service == code => c.add(
                field,
                CatalogRule::RequirementTarget,
                format!("{code} requires itself"),
            ),
            Some((ItemKind::BasicService, _)) if !seen.insert(&r.service) => c.add(
                field,
                CatalogRule::RequirementTarget,
                format!("{code} requires {} twice", r.service),
            ),
            Some((ItemKind::BasicService, _)) => {}
            Some((kind, _)) => c.add(
                field,
                CatalogRule::RequirementTarget,
                format!(
                    "{code} requires {}, which is {}, not a basic service",
                    r.service,
                    with_article(*kind)
                ),
            ),
        }
    }
}

pub(super) fn check_links(c: &mut Checker<'_>, links: &[LinkRecord], kinds: &Kinds<'_>) {
    let mut seen = HashSet::new();
    let code = c.code;
    for (i, l) in links.iter().enumerate() {
        let field = format!("links[{i}].item");
        match kinds.get(l.item.as_str()) {
            None => c.add(
                field,
                CatalogRule::MissingReference,
                format!("{code} links {:?}, which is not in the catalog", l.item),
            ),
            Some((ItemKind::AddOn, _)) => c.add(
                field,
                CatalogRule::LinkTarget,
                format!(
                    "{code} links the add-on {}; add-ons are ordered for instances, not linked",
                    l.item
                ),
            ),
            Some(_) if l.item == code => c.add(
                field,
                CatalogRule::LinkTarget,
                format!("{code} links itself"),
            ),
            Some(_) if !seen.insert(&l.item) => c.add(
                field,
                CatalogRule::LinkTarget,
                format!("{code} links {} twice", l.item),
            ),
            Some(_) => {}
        }
        if l.quantity.count() == 0 {
            c.add(
                format!("links[{i}].quantity"),
                CatalogRule::LinkTarget,
                format!("{code} → {}: a link quantity is at least 1", l.item),
            );
        } else if quantity_too_large(l.quantity.count()) {
            c.add(
                format!("links[{i}].quantity"),
                CatalogRule::LinkTarget,
                format!(
                    "{code} → {}: {} is beyond {MAX_QUANTITY_TEXT}, the largest quantity",
                    l.item,
                    l.quantity.count()
                ),
            );
        }
    }
}
