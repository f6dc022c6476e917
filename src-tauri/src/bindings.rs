//! Typed IPC: the commands and the TypeScript bindings generated from their types.

use crate::commands;

pub fn builder() -> tauri_specta::Builder<tauri::Wry> {
    tauri_specta::Builder::<tauri::Wry>::new()
        .commands(tauri_specta::collect_commands![
            commands::app_info,
            commands::catalog_list,
            commands::catalog_pick,
            commands::catalog_items,
            commands::catalog_item,
            commands::catalog_record,
            commands::catalog_check,
            commands::catalog_save,
            commands::catalog_delete,
            commands::catalog_undo,
            commands::catalog_graph,
            commands::category_rule_list,
            commands::category_rule_check,
            commands::category_rule_save,
            commands::category_rule_delete,
            commands::customer_list,
            commands::customer_structure,
            commands::customer_create,
            commands::customer_update,
            commands::customer_delete,
            commands::location_create,
            commands::location_update,
            commands::location_delete,
            commands::employee_create,
            commands::employee_update,
            commands::employee_delete,
            commands::employee_import,
            commands::cloud_container_create,
            commands::cloud_container_update,
            commands::cloud_container_delete,
            commands::workplace_create,
            commands::workplace_update,
            commands::workplace_delete,
            commands::booking_plan,
            commands::booking_apply,
            commands::inventory,
            commands::instance_transition,
            commands::add_on_order,
            commands::add_on_applicable,
            commands::template_list,
            commands::template_create,
            commands::template_update,
            commands::template_delete,
            commands::employee_onboard,
            commands::offer_create,
            commands::offer_list,
            commands::offer_get,
            commands::offer_update,
            commands::offer_set_status,
            commands::offer_new_version,
            commands::offer_compare,
            commands::offer_delete,
            commands::offer_export,
            commands::settings_get,
            commands::settings_set,
            commands::import_preview,
            commands::import_run,
            commands::import_cancel,
            commands::import_reports,
            commands::import_report,
            commands::mapping_profiles,
            commands::mapping_profile_save,
            commands::mapping_profile_delete,
            commands::product_search,
            commands::product_offers,
            commands::product_pin_offer,
            commands::price_list_list,
            commands::price_list_create,
            commands::price_list_update,
            commands::price_list_delete,
            commands::price_rule_list,
            commands::price_rule_save,
            commands::price_rule_delete,
            commands::price_rules_apply,
        ])
        .events(tauri_specta::collect_events![commands::ImportProgressEvent])
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
