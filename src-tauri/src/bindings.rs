//! Typed IPC: the commands and the TypeScript bindings generated from their types.

use crate::commands;

pub fn builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            commands::settings::app_info,
            commands::catalog::catalog_list,
            commands::catalog::catalog_pick,
            commands::catalog::catalog_items,
            commands::catalog::catalog_item,
            commands::catalog::catalog_record,
            commands::catalog::catalog_check,
            commands::catalog::catalog_save,
            commands::catalog::catalog_delete,
            commands::catalog::catalog_undo,
            commands::catalog::catalog_graph,
            commands::catalog::category_rule_list,
            commands::catalog::category_rule_check,
            commands::catalog::category_rule_save,
            commands::catalog::category_rule_delete,
            commands::customers::customer_list,
            commands::customers::customer_structure,
            commands::customers::customer_create,
            commands::customers::customer_update,
            commands::customers::customer_delete,
            commands::customers::location_create,
            commands::customers::location_update,
            commands::customers::location_delete,
            commands::customers::employee_create,
            commands::customers::employee_update,
            commands::customers::employee_delete,
            commands::customers::employee_import,
            commands::customers::cloud_container_create,
            commands::customers::cloud_container_update,
            commands::customers::cloud_container_delete,
            commands::customers::workplace_create,
            commands::customers::workplace_update,
            commands::customers::workplace_delete,
            commands::booking::booking_plan,
            commands::booking::booking_apply,
            commands::inventory::inventory,
            commands::inventory::instance_transition,
            commands::inventory::add_on_order,
            commands::inventory::add_on_applicable,
            commands::inventory::renewals,
            commands::booking::template_list,
            commands::booking::template_create,
            commands::booking::template_update,
            commands::booking::template_delete,
            commands::booking::employee_onboard,
            commands::offers::offer_create,
            commands::offers::offer_list,
            commands::offers::offer_get,
            commands::offers::offer_update,
            commands::offers::offer_switch_offer_type,
            commands::offers::offer_set_status,
            commands::offers::offer_approve,
            commands::offers::offer_new_version,
            commands::offers::offer_compare,
            commands::offers::offer_delete,
            commands::offers::offer_export,
            commands::settings::settings_get,
            commands::settings::settings_set,
            commands::settings::export_folder_get,
            commands::settings::export_folder_set,
            commands::import::import_preview,
            commands::import::import_run,
            commands::import::import_cancel,
            commands::import::import_reports,
            commands::import::import_report,
            commands::import::mapping_profiles,
            commands::import::mapping_profile_save,
            commands::import::mapping_profile_delete,
            commands::catalog::product_search,
            commands::catalog::product_offers,
            commands::catalog::product_pin_offer,
            commands::pricing::price_list_list,
            commands::pricing::price_list_create,
            commands::pricing::price_list_update,
            commands::pricing::price_list_delete,
            commands::pricing::price_rule_list,
            commands::pricing::price_rule_save,
            commands::pricing::price_rule_delete,
            commands::pricing::price_rules_apply,
        ])
        .events(tauri_specta::collect_events![
            commands::import::ImportProgressEvent
        ])
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Where the generated bindings live, relative to this crate.
    const BINDINGS_PATH: &str = "../ui/src/lib/bindings.ts";

    fn typescript() -> specta_typescript::Typescript {
        specta_typescript::Typescript::default()
            .header("// Generated from the Rust types by tauri-specta. Do not edit: run `make bindings`.\n")
            // Ids are SQLite rowids, far below 2^53.
            .bigint(specta_typescript::BigIntExportBehavior::Number)
    }

    /// Fails when the committed bindings differ from what the Rust types generate.
    /// `UPDATE_BINDINGS=1 cargo test -p servicefolio-app bindings` rewrites them.
    #[test]
    fn bindings_are_current() {
        let committed_path = Path::new(env!("CARGO_MANIFEST_DIR")).join(BINDINGS_PATH);
        let fresh_path =
            std::env::temp_dir().join(format!("servicefolio-bindings-{}.ts", std::process::id()));
        builder()
            .export(typescript(), &fresh_path)
            .expect("export bindings");
        let fresh = std::fs::read_to_string(&fresh_path).expect("read fresh bindings");
        let _ = std::fs::remove_file(&fresh_path);
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&committed_path, &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
        assert!(
            committed == fresh,
            "{} is stale: the Rust types changed. Run `make bindings` and commit the result.",
            committed_path.display()
        );
    }
}
