//! The catalog rules' violations (`Error::RuleViolations`, and located in a
//! portfolio file `Error::InvalidPortfolio`): raised by `catalog`'s checks and
//! `portfolio::validate`, defined here below the error that carries them.

use serde::Serialize;

use super::Wording;

/// Which rule a violation breaks; the UI may group or style by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum CatalogRule {
    UniqueCode,
    Required,
    Currency,
    TaxRate,
    Amount,
    Ean,
    Contexts,
    Status,
    Variants,
    OfferTerms,
    RequirementTarget,
    MissingReference,
    LinkTarget,
    AddOnTargets,
    Components,
    Options,
    Cycle,
    DeprecatedLink,
    /// A successor of another kind than its item (a service names a product).
    SuccessorKind,
    /// A successor that is not active (deprecated, retired, discontinued).
    SuccessorStatus,
    /// An item that is (through its successors) its own successor.
    SuccessorCycle,
}

/// One broken rule, on one field of one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RuleViolation {
    /// Code of the item ("category rule NAME" for a category rule).
    pub item: String,
    /// Name of the item (the rule's name for a category rule); empty when the
    /// code names no item.
    pub item_name: String,
    /// The field within the item (`variants[0].offers.rental.monthly_price`); empty
    /// when the rule concerns the item as a whole.
    pub field: String,
    pub rule: CatalogRule,
    /// In English, for logs, the CLI and scripts: `wording`'s English.
    pub message: String,
    /// The sentence with its typed values, for the UI to say in its language.
    pub wording: Wording,
}

/// A violation in a portfolio file, with where it is (a JSON path such as
/// `$.catalog.services[2].variants[0].offers.rental.monthly_price`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct LocatedViolation {
    pub path: String,
    pub violation: RuleViolation,
}
