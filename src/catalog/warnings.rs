//! What a draft may be saved with but its author should know: shown next to
//! the field it concerns, never a refusal (unlike a `RuleViolation`). One kind
//! so far: a link to a product that has no price yet. Booking refuses such a
//! product ("… has no price yet (it comes with …)"), but an import may price
//! it soon, so linking it is allowed and said where the link is made (the
//! designer, the category rules view).

use serde::Serialize;

use super::LinkRecord;
use crate::error::RuleViolation;

/// Why a link deserves a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum LinkWarningKind {
    /// The linked product has no price yet: bookings that include it are
    /// refused until an import or the designer gives it one.
    Unpriced,
}

/// A word about one link of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LinkWarning {
    /// The field of the link in the draft (`links[0].item`).
    pub field: String,
    /// The linked item: its code and name.
    pub item: String,
    pub name: String,
    pub kind: LinkWarningKind,
}

impl LinkWarning {
    /// The warning in English (the UI writes its own text from `kind`).
    pub fn message(&self) -> String {
        match self.kind {
            LinkWarningKind::Unpriced => format!(
                "{} has no price yet: bookings that include it will be refused until it has one",
                self.name
            ),
        }
    }
}

/// What checking a draft found: the rules it would break (saving refuses it)
/// and what it may be saved with (warnings).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct DraftCheck {
    pub violations: Vec<RuleViolation>,
    pub warnings: Vec<LinkWarning>,
}

/// The warnings about `links`: `unpriced(code)` answers the name of the linked
/// item when it is a product without a price.
pub(crate) fn link_warnings(
    links: &[LinkRecord],
    mut unpriced: impl FnMut(&str) -> crate::Result<Option<String>>,
) -> crate::Result<Vec<LinkWarning>> {
    let mut warnings = Vec::new();
    for (i, link) in links.iter().enumerate() {
        if let Some(name) = unpriced(&link.item)? {
            warnings.push(LinkWarning {
                field: format!("links[{i}].item"),
                item: link.item.clone(),
                name,
                kind: LinkWarningKind::Unpriced,
            });
        }
    }
    Ok(warnings)
}
