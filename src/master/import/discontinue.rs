//! Discontinuing what a full feed lacks, and the offers the report keeps.

use rusqlite::params;
use std::collections::HashSet;

use super::engine::Engine;
use super::KEPT_DISCONTINUED;
use crate::catalog::store::products::feed as product_rows;
use crate::error::DiscontinueCheck;
use crate::master::offers::refresh_product;
use crate::master::report::{Discontinuation, DiscontinuedOffer, Removal};
use crate::master::store;
use crate::{Error, Result};

impl Engine<'_, '_> {
    /// What a run does about discontinuing: in a full feed whose rows all had
    /// a key, the active offers of its source's catalog that it lacks are
    /// discontinued, when that looks safe (`guard`) or is allowed; otherwise
    /// [`Error::WouldDiscontinue`] and nothing is written.
    pub(super) fn discontinue_missing(
        &mut self,
        source: &str,
        catalog: &str,
    ) -> Result<Discontinuation> {
        Ok(if !self.full {
            Discontinuation::NotFull
        } else if self.unkeyed_rows > 0 {
            // Those rows may be any of the catalog's articles.
            Discontinuation::RowsWithoutKey {
                rows: self.unkeyed_rows,
            }
        } else {
            let mut missing = Vec::new();
            {
                let mut stmt = self.tx.prepare_cached(
                    "SELECT id, product_id FROM supplier_offer
                     WHERE source = ?1 AND catalog = ?2 AND status = 'active'",
                )?;
                let mut rows = stmt.query(params![source, catalog])?;
                while let Some(r) = rows.next()? {
                    let id: i64 = r.get(0)?;
                    if !self.seen.contains(&id) {
                        missing.push((id, r.get::<_, i64>(1)?));
                    }
                }
            }
            // In the order they were first imported.
            missing.sort_unstable();
            let count = u32::try_from(missing.len()).unwrap_or(u32::MAX);
            // The catalog's active offers before the import: those the file
            // named, and those it lacks.
            let active = count.saturating_add(self.seen_active);
            let reasons = if missing.is_empty() {
                Vec::new()
            } else {
                self.guard(source, catalog, count, active)?
            };
            if !reasons.is_empty() && !self.allow_discontinue {
                return Err(Error::WouldDiscontinue(Box::new(DiscontinueCheck {
                    file_name: self.file_name.into(),
                    source: source.into(),
                    catalog: catalog.into(),
                    would_discontinue: count,
                    active,
                    rows_read: self.report.rows_read,
                    reasons,
                })));
            }
            let mut products = HashSet::new();
            for (offer, product) in &missing {
                product_rows::discontinue_offer(self.tx, *offer, self.run_id)?;
                products.insert(*product);
            }
            for product in products {
                refresh_product(self.tx, product, &self.rules)?;
            }
            self.report.discontinued = self.report.discontinued.saturating_add(count);
            let room = KEPT_DISCONTINUED.saturating_sub(self.discontinued.len());
            self.discontinued.extend(
                missing
                    .iter()
                    .take(room)
                    .map(|(offer, product)| (*offer, *product, Removal::Missing)),
            );
            Discontinuation::FullFeed {
                active,
                missing: count,
                allowed: reasons,
            }
        })
    }

    /// Keeps the first discontinued offers in the report, with their product's name.
    pub(super) fn save_discontinued(&mut self) -> Result<()> {
        for (position, (offer, product, why)) in self.discontinued.iter().enumerate() {
            let (source_key, name): (String, String) = self
                .tx
                .prepare_cached(
                    "SELECT o.source_key, ci.name FROM supplier_offer o
                     JOIN catalog_item ci ON ci.id = o.product_id WHERE o.id = ?1",
                )?
                .query_row([offer], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let offer = DiscontinuedOffer {
                product_id: *product,
                source_key,
                name,
                why: *why,
            };
            store::insert_discontinued(self.tx, self.run_id, position, &offer)?;
            self.report.discontinued_offers.push(offer);
        }
        let kept = u32::try_from(self.discontinued.len()).unwrap_or(u32::MAX);
        self.report.discontinued_not_kept = self.report.discontinued.saturating_sub(kept);
        Ok(())
    }
}
