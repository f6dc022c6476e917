//! The source and catalog a file delivers: given, named by a BMEcat header,
//! or the default of a table's mapping profile; never another source's.

use super::engine::{Engine, Scope};
use crate::error::SourceMissing;
use crate::error::{InputProblem, InputSays, Wording};
use crate::feed::FeedFormat;
use crate::master::report::format_str;
use crate::{Error, Result};

pub(super) fn check_source(source: &str) -> Result<String> {
    let source = source.trim();
    if source.is_empty() {
        return Err(Error::input_problem("source", InputProblem::Empty));
    }
    if source.eq_ignore_ascii_case("custom") {
        return Err(Error::input_said(
            "source",
            Wording::new(InputSays::CustomIsNoSource),
        ));
    }
    Ok(source.to_owned())
}

/// `Ingram Micro GmbH` → `ingram-micro-gmbh`.
pub(super) fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

impl Engine<'_, '_> {
    /// The source of the articles; resolved (and its catalog's active offers
    /// counted) on first use, which is before the first article.
    pub(super) fn source(&mut self) -> Result<String> {
        self.scope().map(|s| s.source.clone())
    }

    /// The source and catalog this file delivers. The source is the given one,
    /// else for BMEcat the supplier the header names, else for a table the
    /// default of its mapping profile; never another source's name: without
    /// one the import is refused before anything is written. The catalog is
    /// `bmecat:<CATALOG_ID>` or the table's file kind (`csv`, `xlsx`).
    pub(super) fn scope(&mut self) -> Result<&Scope> {
        if self.scope.is_none() {
            let source = match &self.source {
                Some(source) => source.clone(),
                None if self.bmecat => {
                    let supplier = self
                        .header
                        .as_ref()
                        .and_then(|h| h.supplier_name.as_deref())
                        .map(slug)
                        .filter(|s| !s.is_empty());
                    check_source(&supplier.ok_or_else(|| Error::SourceRequired {
                        file: self.file_name.into(),
                        why: SourceMissing::NoSupplierName,
                    })?)?
                }
                None => check_source(&self.table_source.clone().ok_or_else(|| {
                    Error::SourceRequired {
                        file: self.file_name.into(),
                        why: SourceMissing::UnsavedMapping,
                    }
                })?)?,
            };
            let catalog = if self.bmecat {
                let id = self
                    .header
                    .as_ref()
                    .and_then(|h| h.catalog_id.as_deref())
                    .unwrap_or_default()
                    .trim();
                format!("bmecat:{id}")
            } else {
                format_str(self.format.unwrap_or(FeedFormat::Csv)).to_owned()
            };
            self.source = Some(source.clone());
            self.scope = Some(Scope { source, catalog });
        }
        Ok(self.scope.as_ref().expect("set above"))
    }

    pub(super) fn catalog(&self) -> &str {
        self.scope.as_ref().map_or("", |s| s.catalog.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_sources() {
        assert_eq!(slug(" Ingram Micro GmbH "), "ingram-micro-gmbh");
        assert_eq!(slug("ITScope"), "itscope");
        assert!(check_source("custom").is_err());
    }
}
