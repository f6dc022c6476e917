//! The run's log: started before the first article, and at the end the
//! report with its counts, problems and price parts.

use super::engine::Engine;
use crate::feed::FeedFormat;
use crate::master::report::ImportReport;
use crate::master::store;
use crate::Result;

pub(super) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

impl Engine<'_, '_> {
    pub(super) fn start(&mut self, started_at: &str) -> Result<()> {
        self.run_id = store::begin_run(self.tx, self.file_name, started_at)?;
        Ok(())
    }

    /// Discontinues what a full feed lacks (see `discontinue_missing`) and
    /// saves the report.
    pub(super) fn finish(mut self, format: FeedFormat, started_at: &str) -> Result<ImportReport> {
        let source = self.source()?;
        let catalog = self.scope()?.catalog.clone();
        let discontinuation = self.discontinue_missing(&source, &catalog)?;
        self.save_discontinued()?;
        let r = &mut self.report;
        r.id = self.run_id;
        r.source = source;
        r.catalog = catalog;
        r.file_name = self.file_name.into();
        r.format = format;
        r.full_feed = self.full;
        r.started_at = started_at.into();
        r.finished_at = now();
        r.discontinuation = Some(discontinuation);
        store::finish_run(self.tx, r)?;
        store::save_price_parts(self.tx, r)?;
        store::insert_problems(self.tx, r.id, &r.problems)?;
        Ok(self.report)
    }
}
