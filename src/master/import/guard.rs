//! The guard of a full feed: why discontinuing what it lacks looks wrong.

use super::engine::Engine;
use crate::error::GuardReason;
use crate::master::store;
use crate::Result;

impl Engine<'_, '_> {
    /// Why discontinuing `count` of the catalog's `active` offers looks wrong:
    /// too many, or a file that looks cut off (its end, or far fewer rows than
    /// the last full import of the same source and catalog).
    pub(super) fn guard(
        &self,
        source: &str,
        catalog: &str,
        count: u32,
        active: u32,
    ) -> Result<Vec<GuardReason>> {
        let mut reasons = Vec::new();
        if u64::from(count) * 10 > u64::from(active) {
            reasons.push(GuardReason::MoreThanATenth);
        }
        if let Some(cut) = self.cut_end {
            reasons.push(if cut.open_quote {
                GuardReason::OpenQuote { line: cut.line }
            } else {
                GuardReason::LastLineCut {
                    line: cut.line,
                    fields: cut.fields,
                    header_fields: cut.header_fields,
                }
            });
        }
        let last_full = store::last_full_rows(self.tx, source, catalog, self.run_id)?;
        let rows = self.report.rows_read;
        if let Some(last_full_rows) =
            last_full.filter(|last| u64::from(rows) * 2 < u64::from(*last))
        {
            reasons.push(GuardReason::FewerRows {
                rows,
                last_full_rows,
            });
        }
        Ok(reasons)
    }
}
