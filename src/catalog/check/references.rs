//! The references of an item (or a category rule) to other items: requirements
//! name a basic service, links name a product or service; none dangles, none
//! points at itself or twice.

use std::collections::HashSet;

use super::{quantity_too_large, CatalogRule, CatalogSays, Checker, Kinds};
use crate::catalog::{ItemKind, LinkRecord, RequirementRecord};

pub(super) fn check_requirements(
    c: &mut Checker<'_>,
    requires: &[RequirementRecord],
    kinds: &Kinds<'_>,
) {
    let mut seen = HashSet::new();
    let code = c.code;
    for (i, r) in requires.iter().enumerate() {
        let field = format!("requires[{i}].service");
        let found = match kinds.get(r.service.as_str()) {
            None => Some((
                CatalogRule::MissingReference,
                c.says(CatalogSays::RequiresUnknown),
            )),
            Some(_) if r.service == code => Some((
                CatalogRule::RequirementTarget,
                c.says(CatalogSays::RequiresItself),
            )),
            Some((ItemKind::BasicService, _)) if !seen.insert(&r.service) => Some((
                CatalogRule::RequirementTarget,
                c.says(CatalogSays::RequiresTwice),
            )),
            Some((ItemKind::BasicService, _)) => None,
            Some((kind, _)) => Some((
                CatalogRule::RequirementTarget,
                c.says(CatalogSays::RequiresNotBasic)
                    .item_kind("kind", *kind),
            )),
        };
        if let Some((rule, said)) = found {
            c.add(field, rule, said.text("service", &r.service));
        }
    }
}

pub(super) fn check_links(c: &mut Checker<'_>, links: &[LinkRecord], kinds: &Kinds<'_>) {
    let mut seen = HashSet::new();
    let code = c.code;
    for (i, l) in links.iter().enumerate() {
        let field = format!("links[{i}].item");
        let found = match kinds.get(l.item.as_str()) {
            None => Some((CatalogRule::MissingReference, CatalogSays::LinksUnknown)),
            Some((ItemKind::AddOn, _)) => Some((CatalogRule::LinkTarget, CatalogSays::LinksAddOn)),
            Some(_) if l.item == code => Some((CatalogRule::LinkTarget, CatalogSays::LinksItself)),
            Some(_) if !seen.insert(&l.item) => {
                Some((CatalogRule::LinkTarget, CatalogSays::LinksTwice))
            }
            Some(_) => None,
        };
        if let Some((rule, says)) = found {
            let said = c.says(says).text("target", &l.item);
            c.add(field, rule, said);
        }
        let count = l.quantity.count();
        let said = if count == 0 {
            Some(c.says(CatalogSays::LinkQuantityZero))
        } else if quantity_too_large(count) {
            Some(
                c.says(CatalogSays::LinkQuantityBeyondBound)
                    .number("quantity", count),
            )
        } else {
            None
        };
        if let Some(said) = said {
            let said = said.text("target", &l.item);
            c.add(
                format!("links[{i}].quantity"),
                CatalogRule::LinkTarget,
                said,
            );
        }
    }
}
