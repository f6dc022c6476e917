//! The window's commands. Each unpacks its arguments and calls one core function.

use servicefolio::catalog::ItemRecord;
use servicefolio::catalog::{
    self, CatalogGraph, CatalogItemDetail, CatalogItemSummary, CatalogQuery, CategoryRule,
    DraftCheck, ItemDraft, ItemRef, PickQuery, RuleApplied, RuleDraft, Undone,
};
use servicefolio::store::StoreInfo;
use servicefolio::ErrorPayload;
use tauri::{Manager, State};

use crate::state::AppState;

/// The database in use and the app's version.
#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<StoreInfo, ErrorPayload> {
    state.info()
}

/// Catalog items matching the search, in catalog order.
#[tauri::command]
#[specta::specta]
pub async fn catalog_list(
    state: State<'_, AppState>,
    query: CatalogQuery,
) -> Result<Vec<CatalogItemSummary>, ErrorPayload> {
    state.read(|conn| catalog::list_items(conn, &query))
}

/// One page of an item picker's search (the catalog list's search, filtered).
#[tauri::command]
#[specta::specta]
pub async fn catalog_pick(
    state: State<'_, AppState>,
    query: PickQuery,
) -> Result<Vec<CatalogItemSummary>, ErrorPayload> {
    state.read(|conn| catalog::pick_items(conn, &query))
}

/// The items with these codes, in that order (unknown codes left out).
#[tauri::command]
#[specta::specta]
pub async fn catalog_items(
    state: State<'_, AppState>,
    codes: Vec<String>,
) -> Result<Vec<CatalogItemSummary>, ErrorPayload> {
    state.read(|conn| catalog::items_by_codes(conn, &codes))
}

/// One catalog item with its relations.
#[tauri::command]
#[specta::specta]
pub async fn catalog_item(
    state: State<'_, AppState>,
    id: i64,
) -> Result<CatalogItemDetail, ErrorPayload> {
    state.read(|conn| catalog::item_detail(conn, id))
}

/// One item as an editable record.
#[tauri::command]
#[specta::specta]
pub async fn catalog_record(
    state: State<'_, AppState>,
    code: String,
) -> Result<ItemRecord, ErrorPayload> {
    state.read(|conn| catalog::item_record(conn, &code))
}

/// The rules a draft would break if saved, and what it may be saved with but
/// its author should know; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn catalog_check(
    state: State<'_, AppState>,
    draft: ItemDraft,
) -> Result<DraftCheck, ErrorPayload> {
    state.read(|conn| catalog::check_draft(conn, &draft))
}

/// Saves a draft in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn catalog_save(
    state: State<'_, AppState>,
    draft: ItemDraft,
) -> Result<ItemRef, ErrorPayload> {
    state.with_session(|s| catalog::save_item(&mut s.store, &mut s.history, &draft))
}

/// Deletes an item nothing refers to.
#[tauri::command]
#[specta::specta]
pub async fn catalog_delete(state: State<'_, AppState>, code: String) -> Result<(), ErrorPayload> {
    state.with_session(|s| catalog::delete_item(&mut s.store, &mut s.history, &code))
}

/// Takes back the newest edit of the session.
#[tauri::command]
#[specta::specta]
pub async fn catalog_undo(state: State<'_, AppState>) -> Result<Undone, ErrorPayload> {
    state.with_session(|s| catalog::undo(&mut s.store, &mut s.history))
}

/// The category rules with how many products each governs.
#[tauri::command]
#[specta::specta]
pub async fn category_rule_list(
    state: State<'_, AppState>,
) -> Result<Vec<CategoryRule>, ErrorPayload> {
    state.read(catalog::category_rules)
}

/// The catalog rules a rule draft would break if saved, and what it may be
/// saved with but its author should know; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn category_rule_check(
    state: State<'_, AppState>,
    draft: RuleDraft,
) -> Result<DraftCheck, ErrorPayload> {
    state.read(|conn| catalog::check_rule(conn, &draft))
}

/// Saves a rule and reassigns the products whose rule changes, in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn category_rule_save(
    state: State<'_, AppState>,
    draft: RuleDraft,
) -> Result<RuleApplied, ErrorPayload> {
    state.with_session(|s| catalog::save_category_rule(&mut s.store, &draft))
}

/// Deletes a rule; its products fall to the next rule that matches them.
#[tauri::command]
#[specta::specta]
pub async fn category_rule_delete(
    state: State<'_, AppState>,
    id: i64,
) -> Result<RuleApplied, ErrorPayload> {
    state.with_session(|s| catalog::delete_category_rule(&mut s.store, id))
}

/// The catalog as a graph for the service model map.
#[tauri::command]
#[specta::specta]
pub async fn catalog_graph(state: State<'_, AppState>) -> Result<CatalogGraph, ErrorPayload> {
    state.read(catalog::catalog_graph)
}

// Customers and their structure.

use chrono::NaiveDate;
use servicefolio::booking::{self, BookingPlan, BookingRequest, Inventory, TransitionOutcome};
use servicefolio::customer::{
    self, CloudContainer, CloudContainerRecord, Customer, CustomerRecord, CustomerStructure,
    Employee, EmployeeRecord, Location, LocationRecord, Workplace, WorkplaceRecord,
};
use servicefolio::vocabulary::InstanceStatus;

#[tauri::command]
#[specta::specta]
pub async fn customer_list(state: State<'_, AppState>) -> Result<Vec<Customer>, ErrorPayload> {
    state.read(customer::customers)
}

#[tauri::command]
#[specta::specta]
pub async fn customer_structure(
    state: State<'_, AppState>,
    id: i64,
) -> Result<CustomerStructure, ErrorPayload> {
    state.read(|conn| customer::customer_structure(conn, id))
}

#[tauri::command]
#[specta::specta]
pub async fn customer_create(
    state: State<'_, AppState>,
    record: CustomerRecord,
) -> Result<Customer, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::create_customer(tx, &record)))
}

#[tauri::command]
#[specta::specta]
pub async fn customer_update(
    state: State<'_, AppState>,
    id: i64,
    record: CustomerRecord,
) -> Result<Customer, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_customer(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn customer_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_customer(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn location_create(
    state: State<'_, AppState>,
    customer_id: i64,
    record: LocationRecord,
) -> Result<Location, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::create_location(tx, customer_id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn location_update(
    state: State<'_, AppState>,
    id: i64,
    record: LocationRecord,
) -> Result<Location, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_location(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn location_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_location(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn employee_create(
    state: State<'_, AppState>,
    customer_id: i64,
    record: EmployeeRecord,
) -> Result<Employee, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::create_employee(tx, customer_id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn employee_update(
    state: State<'_, AppState>,
    id: i64,
    record: EmployeeRecord,
) -> Result<Employee, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_employee(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn employee_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_employee(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn cloud_container_create(
    state: State<'_, AppState>,
    customer_id: i64,
    record: CloudContainerRecord,
) -> Result<CloudContainer, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::create_cloud_container(tx, customer_id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn cloud_container_delete(
    state: State<'_, AppState>,
    id: i64,
) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_cloud_container(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn workplace_create(
    state: State<'_, AppState>,
    record: WorkplaceRecord,
) -> Result<Workplace, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::create_workplace(tx, &record)))
}

#[tauri::command]
#[specta::specta]
pub async fn workplace_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| customer::delete_workplace(tx, id)))
}

// Booking and inventory.

/// What a request would book; nothing is written.
#[tauri::command]
#[specta::specta]
pub async fn booking_plan(
    state: State<'_, AppState>,
    request: BookingRequest,
) -> Result<BookingPlan, ErrorPayload> {
    state.read(|conn| booking::plan(conn, &request))
}

/// Books a plan as ordered instances; refused with `stale_plan` if it is out of date.
#[tauri::command]
#[specta::specta]
pub async fn booking_apply(
    state: State<'_, AppState>,
    plan: BookingPlan,
) -> Result<Vec<i64>, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::apply(tx, &plan, booking::ApplyAs::Ordered))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn inventory(
    state: State<'_, AppState>,
    customer_id: i64,
    today: NaiveDate,
) -> Result<Inventory, ErrorPayload> {
    state.read(|conn| booking::inventory(conn, customer_id, today))
}

/// Moves an instance (and its linked ones) to a new status on a date.
#[tauri::command]
#[specta::specta]
pub async fn instance_transition(
    state: State<'_, AppState>,
    id: i64,
    to: InstanceStatus,
    on: NaiveDate,
    note: String,
) -> Result<TransitionOutcome, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::transition(tx, id, to, on, &note))
    })
}

/// Orders an add-on for an instance.
#[tauri::command]
#[specta::specta]
pub async fn add_on_order(
    state: State<'_, AppState>,
    instance_id: i64,
    code: String,
    quantity: i64,
    on: NaiveDate,
    note: String,
) -> Result<booking::AddOnCharge, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::order_add_on(tx, instance_id, &code, quantity, on, &note))
    })
}

/// The add-ons that can be ordered for an instance now.
#[tauri::command]
#[specta::specta]
pub async fn add_on_applicable(
    state: State<'_, AppState>,
    instance_id: i64,
) -> Result<Vec<booking::ApplicableAddOn>, ErrorPayload> {
    state.read(|conn| booking::applicable_add_ons(conn, instance_id))
}

#[tauri::command]
#[specta::specta]
pub async fn template_update(
    state: State<'_, AppState>,
    id: i64,
    record: booking::TemplateRecord,
) -> Result<booking::Template, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::update_template(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn template_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| booking::delete_template(tx, id)))
}

#[tauri::command]
#[specta::specta]
pub async fn template_list(
    state: State<'_, AppState>,
    customer_id: i64,
) -> Result<Vec<booking::Template>, ErrorPayload> {
    state.read(|conn| booking::templates(conn, customer_id))
}

#[tauri::command]
#[specta::specta]
pub async fn template_create(
    state: State<'_, AppState>,
    customer_id: i64,
    record: booking::TemplateRecord,
) -> Result<booking::Template, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::create_template(tx, customer_id, &record))
    })
}

/// Books every onboarding template that applies to the employee, in one step.
#[tauri::command]
#[specta::specta]
pub async fn employee_onboard(
    state: State<'_, AppState>,
    employee_id: i64,
    start: NaiveDate,
) -> Result<booking::Onboarded, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| booking::onboard_employee(tx, employee_id, start))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn cloud_container_update(
    state: State<'_, AppState>,
    id: i64,
    record: CloudContainerRecord,
) -> Result<CloudContainer, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_cloud_container(tx, id, &record))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn workplace_update(
    state: State<'_, AppState>,
    id: i64,
    record: WorkplaceRecord,
) -> Result<Workplace, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| customer::update_workplace(tx, id, &record))
    })
}

/// Reads an employee file (CSV or XLSX, as bytes) and imports it, or only previews
/// it; a file with bad rows imports nothing unless `skip_bad_rows`.
#[tauri::command]
#[specta::specta]
pub async fn employee_import(
    state: State<'_, AppState>,
    customer_id: i64,
    content: Vec<u8>,
    preview: bool,
    skip_bad_rows: bool,
) -> Result<customer::EmployeeImportReport, ErrorPayload> {
    let bad_rows = if skip_bad_rows {
        customer::BadRows::Skip
    } else {
        customer::BadRows::RefuseFile
    };
    state.with_session(|s| {
        let rows = customer::read_employee_file(&content)?;
        customer::import_employee_rows(&mut s.store, customer_id, &rows, bad_rows, preview)
    })
}

use servicefolio::offer::{
    self, Offer, OfferComparison, OfferDraft, OfferExportFormat, OfferStatus, OfferStatusChange,
    OfferSummary, OfferUpdate,
};
use servicefolio::settings::{self, Settings};

/// Creates an offer (draft, version 1) from booking requests, planned in order.
#[tauri::command]
#[specta::specta]
pub async fn offer_create(
    state: State<'_, AppState>,
    draft: OfferDraft,
) -> Result<Offer, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::create_offer(tx, &draft)))
}

/// Offer versions, newest first; of one customer if given.
#[tauri::command]
#[specta::specta]
pub async fn offer_list(
    state: State<'_, AppState>,
    customer_id: Option<i64>,
) -> Result<Vec<OfferSummary>, ErrorPayload> {
    state.read(|conn| offer::offers(conn, customer_id))
}

/// One offer version with its groups, lines, totals and internal margin.
#[tauri::command]
#[specta::specta]
pub async fn offer_get(state: State<'_, AppState>, id: i64) -> Result<Offer, ErrorPayload> {
    state.read(|conn| offer::offer(conn, id))
}

/// Changes a draft (notes, validity, group order, requests); a sent one is refused.
#[tauri::command]
#[specta::specta]
pub async fn offer_update(
    state: State<'_, AppState>,
    id: i64,
    update: OfferUpdate,
) -> Result<Offer, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::update_offer(tx, id, &update)))
}

/// draft → sent → accepted / rejected / expired; accepting books the plans as ordered.
#[tauri::command]
#[specta::specta]
pub async fn offer_set_status(
    state: State<'_, AppState>,
    id: i64,
    status: OfferStatus,
) -> Result<OfferStatusChange, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::set_offer_status(tx, id, status)))
}

/// Copies a version as a new draft with the next version number.
#[tauri::command]
#[specta::specta]
pub async fn offer_new_version(state: State<'_, AppState>, id: i64) -> Result<Offer, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::new_offer_version(tx, id, None)))
}

/// Line-by-line differences between two offers.
#[tauri::command]
#[specta::specta]
pub async fn offer_compare(
    state: State<'_, AppState>,
    from_id: i64,
    to_id: i64,
) -> Result<OfferComparison, ErrorPayload> {
    state.read(|conn| offer::compare_offers(conn, from_id, to_id))
}

/// Deletes a draft.
#[tauri::command]
#[specta::specta]
pub async fn offer_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| offer::delete_offer(tx, id)))
}

/// Writes the PDF, XLSX or CSV of an offer to `path`; returns the bytes written.
#[tauri::command]
#[specta::specta]
pub async fn offer_export(
    state: State<'_, AppState>,
    id: i64,
    format: OfferExportFormat,
    path: String,
) -> Result<u64, ErrorPayload> {
    state.read(|conn| offer::export_offer_to(conn, id, format, std::path::Path::new(&path)))
}

#[tauri::command]
#[specta::specta]
pub async fn settings_get(state: State<'_, AppState>) -> Result<Settings, ErrorPayload> {
    state.read(settings::settings)
}

#[tauri::command]
#[specta::specta]
pub async fn settings_set(
    state: State<'_, AppState>,
    settings: Settings,
) -> Result<Settings, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| settings::save_settings(tx, &settings)))
}

// Master data import and product search (issue 6).

use servicefolio::catalog::{ProductHit, ProductSearch};
use servicefolio::feed::{FeedPreview, MappingProfile};
use servicefolio::master::{
    self, ImportOptions, ImportProgress, ImportReport, ImportRunSummary, SupplierOffer,
};
use std::sync::atomic::Ordering;
use tauri_specta::Event;

/// The progress of the running import, as an event: tauri-specta rc.21 types a
/// `Channel` argument as `null` in TypeScript, so the UI listens instead.
#[derive(Debug, Clone, Copy, serde::Serialize, specta::Type, tauri_specta::Event)]
pub struct ImportProgressEvent(pub ImportProgress);

/// How a feed file would be read: format, encoding, separator, first rows.
#[tauri::command]
#[specta::specta]
pub async fn import_preview(path: String) -> Result<FeedPreview, ErrorPayload> {
    master::preview_file(std::path::Path::new(&path), 20).map_err(ErrorPayload::from)
}

/// Imports a feed in one transaction, sending progress as `ImportProgressEvent`; a
/// cancel (`import_cancel`) or a failure leaves the catalog as it was. Reads
/// answer meanwhile; changes are refused with `import_running`.
#[tauri::command]
#[specta::specta]
pub async fn import_run(
    app: tauri::AppHandle,
    path: String,
    options: ImportOptions,
) -> Result<ImportReport, ErrorPayload> {
    // On a thread of its own: the import takes minutes, and the reads that
    // answer meanwhile (and the cancel) need the runtime's few workers.
    let running = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = running.state::<AppState>();
        let cancel = std::sync::Arc::clone(&state.import_cancel);
        state.import(|s| {
            cancel.store(false, Ordering::Relaxed);
            master::import_feed(
                &mut s.store,
                std::path::Path::new(&path),
                &options,
                &mut |p| {
                    // A closed window only loses the progress, not the import.
                    let _ = ImportProgressEvent(p).emit(&running);
                },
                &cancel,
            )
        })
    })
    .await
    .unwrap_or_else(|stopped| match stopped {
        // A panic stays a panic, as when the import ran on this task (its
        // transaction was rolled back as the thread unwound).
        tauri::Error::JoinError(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
        other => panic!("the import thread ended without an answer: {other}"),
    })
}

/// Asks the running import to stop (it rolls back and answers `cancelled`).
#[tauri::command]
#[specta::specta]
pub async fn import_cancel(state: State<'_, AppState>) -> Result<(), ErrorPayload> {
    state.import_cancel.store(true, Ordering::Relaxed);
    Ok(())
}

/// Past imports, newest first.
#[tauri::command]
#[specta::specta]
pub async fn import_reports(
    state: State<'_, AppState>,
) -> Result<Vec<ImportRunSummary>, ErrorPayload> {
    state.read(master::import_reports)
}

/// A saved import report with its rejected rows.
#[tauri::command]
#[specta::specta]
pub async fn import_report(
    state: State<'_, AppState>,
    id: i64,
) -> Result<ImportReport, ErrorPayload> {
    state.read(|conn| master::import_report(conn, id))
}

#[tauri::command]
#[specta::specta]
pub async fn mapping_profiles(
    state: State<'_, AppState>,
) -> Result<Vec<MappingProfile>, ErrorPayload> {
    state.read(master::mapping_profiles)
}

/// Saves a mapping profile under its name (replacing one of that name).
#[tauri::command]
#[specta::specta]
pub async fn mapping_profile_save(
    state: State<'_, AppState>,
    profile: MappingProfile,
) -> Result<(), ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| master::save_mapping_profile(tx, &profile))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn mapping_profile_delete(
    state: State<'_, AppState>,
    name: String,
) -> Result<(), ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| master::delete_mapping_profile(tx, &name))
    })
}

/// Full-text product search as you type, with filters.
#[tauri::command]
#[specta::specta]
pub async fn product_search(
    state: State<'_, AppState>,
    search: ProductSearch,
) -> Result<Vec<ProductHit>, ErrorPayload> {
    state.read(|conn| catalog::search_products(conn, &search))
}

/// The supplier offers of a product, the preferred first.
#[tauri::command]
#[specta::specta]
pub async fn product_offers(
    state: State<'_, AppState>,
    product_id: i64,
) -> Result<Vec<SupplierOffer>, ErrorPayload> {
    state.read(|conn| master::product_offers(conn, product_id))
}

/// Pins a product's preferred offer, or (`None`) goes back to the cheapest in stock.
#[tauri::command]
#[specta::specta]
pub async fn product_pin_offer(
    state: State<'_, AppState>,
    product_id: i64,
    offer_id: Option<i64>,
) -> Result<Vec<SupplierOffer>, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| master::pin_preferred_offer(tx, product_id, offer_id))
    })
}

// Customer price lists and price rules (issue 5).

use servicefolio::pricing::{
    self, PriceList, PriceListDraft, PriceRule, PriceRuleDraft, RepricedProducts,
};

/// A customer's price lists, by validity.
#[tauri::command]
#[specta::specta]
pub async fn price_list_list(
    state: State<'_, AppState>,
    customer_id: i64,
) -> Result<Vec<PriceList>, ErrorPayload> {
    state.read(|conn| pricing::price_lists(conn, customer_id))
}

/// Saves a new price list; refused when its validity overlaps another of the customer.
#[tauri::command]
#[specta::specta]
pub async fn price_list_create(
    state: State<'_, AppState>,
    draft: PriceListDraft,
) -> Result<PriceList, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| pricing::create_price_list(tx, &draft)))
}

#[tauri::command]
#[specta::specta]
pub async fn price_list_update(
    state: State<'_, AppState>,
    id: i64,
    draft: PriceListDraft,
) -> Result<PriceList, ErrorPayload> {
    state.with_session(|s| {
        s.store
            .write(|tx| pricing::update_price_list(tx, id, &draft))
    })
}

#[tauri::command]
#[specta::specta]
pub async fn price_list_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| pricing::delete_price_list(tx, id)))
}

/// The markup rules that price imported products.
#[tauri::command]
#[specta::specta]
pub async fn price_rule_list(state: State<'_, AppState>) -> Result<Vec<PriceRule>, ErrorPayload> {
    state.read(pricing::price_rules)
}

/// Saves the rule of its scope (replacing the one there was).
#[tauri::command]
#[specta::specta]
pub async fn price_rule_save(
    state: State<'_, AppState>,
    draft: PriceRuleDraft,
) -> Result<PriceRule, ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| pricing::save_price_rule(tx, &draft)))
}

#[tauri::command]
#[specta::specta]
pub async fn price_rule_delete(state: State<'_, AppState>, id: i64) -> Result<(), ErrorPayload> {
    state.with_session(|s| s.store.write(|tx| pricing::delete_price_rule(tx, id)))
}

/// Reprices the imported products from the rules, in one transaction.
#[tauri::command]
#[specta::specta]
pub async fn price_rules_apply(
    state: State<'_, AppState>,
) -> Result<RepricedProducts, ErrorPayload> {
    state.with_session(|s| s.store.write(pricing::apply_price_rules))
}
