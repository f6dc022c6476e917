//! Forward-only schema migrations, embedded in the binary. Migration N brings a
//! database from `user_version` N-1 to N; applied ones are never edited.

use rusqlite::Transaction;

use crate::error::Result;

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_catalog.sql"),
    include_str!("migrations/0002_service_model.sql"),
    include_str!("migrations/0003_customers.sql"),
    include_str!("migrations/0004_inventory.sql"),
    include_str!("migrations/0005_instance_add_ons.sql"),
    include_str!("migrations/0006_onboarding.sql"),
    include_str!("migrations/0007_pricing.sql"),
    include_str!("migrations/0008_revision.sql"),
    include_str!("migrations/0009_offers.sql"),
    include_str!("migrations/0010_master_data.sql"),
    include_str!("migrations/0011_search_prefix.sql"),
    include_str!("migrations/0012_search_detail_column.sql"),
    include_str!("migrations/0013_prices.sql"),
    include_str!("migrations/0014_feed_ownership.sql"),
    include_str!("migrations/0015_category_rules.sql"),
    include_str!("migrations/0016_offer_approvals.sql"),
    include_str!("migrations/0017_successors.sql"),
    include_str!("migrations/0018_change_offers.sql"),
    include_str!("migrations/0019_export_folder.sql"),
    include_str!("migrations/0020_offer_line_reason.sql"),
];

/// The schema version this build writes and understands.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub(super) fn apply(tx: &Transaction<'_>, from: i64) -> Result<()> {
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from as usize) {
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
    }
    Ok(())
}
