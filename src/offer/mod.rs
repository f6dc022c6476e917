//! Offers (issue 5, docs/offers.md): a priced proposal to a customer built from
//! booking plans. Numbered per year (`ANG-2026-0001`), versioned (a sent version
//! is frozen; a new version copies it as a draft), compared line by line, and
//! accepted in one transaction that applies its plans as ordered inventory.
//! Exports: a customer PDF, an XLSX calculation sheet and CSV.
//!
//! One concept per module: the record's types (`record`), read back (`read`),
//! and the list (`list`); how it is created (`create`) from plans turned into frozen lines (`lines`), valid
//! for a while (`validity`), edited or deleted as a draft (`edit`), moved along
//! its status (`status`), approved where a rule of the settings asks for it
//! (`approval`, against the rules in `rules`), revised (`version`), compared (`compare`) and exported
//! (`export` and the documents); what happened to it is its `history`; `store`
//! alone writes its tables.

mod approval;
mod change_lines;
mod compare;
mod create;
mod csv_export;
mod edit;
mod export;
mod history;
mod lines;
mod list;
mod logo;
mod pdf;
mod read;
mod record;
mod rules;
mod status;
pub(crate) mod store;
mod validity;
mod version;
mod xlsx;

use chrono::Utc;

use crate::error::{RefusalSays, Wording};

pub use approval::approve_offer;
pub use compare::{compare_offers, LineChange, OfferComparison};
pub use create::{create_offer, OfferDraft};
pub use csv_export::offer_csv;
pub use edit::{delete_offer, switch_offer_type, update_offer, OfferUpdate};
pub use export::{export_offer, export_offer_to, ExportChoices, OfferExportFormat};
pub use list::offers;
pub use pdf::offer_pdf;
pub use read::{offer, offer_number};
pub use record::{
    Approval, ChangedInstance, MonthlyChange, Offer, OfferApproval, OfferCustomer, OfferEvent,
    OfferEventKind, OfferGroup, OfferLineView, OfferStatus, OfferSummary,
};
pub use status::{set_offer_status, OfferStatusChange};
pub use version::new_offer_version;
pub use xlsx::offer_xlsx;

/// A document the library (`format`: "PDF", "XLSX", "CSV") could not make;
/// its words are the reason.
fn export_failed(format: &str, reason: impl std::fmt::Display) -> Wording {
    Wording::new(RefusalSays::ExportLibrary)
        .text("format", format)
        .text("reason", reason)
}

/// When a version is created or changes status, as stored.
fn now() -> String {
    Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
