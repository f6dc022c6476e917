//! The report's count of how stated prices became prices per sales unit.

use super::engine::Engine;
use crate::feed::SupplierArticle;
use crate::master::report::PriceConversionSummary;

impl Engine<'_, '_> {
    /// Counts the article under each kind of conversion its prices went
    /// through; the first article of a kind is its example.
    pub(super) fn count_conversions(&mut self, article: &SupplierArticle) {
        let mut kinds = Vec::new();
        for conversion in [&article.cost_conversion, &article.list_conversion]
            .into_iter()
            .flatten()
        {
            for kind in conversion.kinds() {
                if !kinds.iter().any(|(k, _)| *k == kind) {
                    kinds.push((kind, conversion));
                }
            }
        }
        for (kind, conversion) in kinds {
            match self
                .report
                .price_conversions
                .iter_mut()
                .find(|c| c.kind == kind)
            {
                Some(summary) => summary.articles = summary.articles.saturating_add(1),
                None => self.report.price_conversions.push(PriceConversionSummary {
                    kind,
                    articles: 1,
                    source_key: crate::limits::clip(
                        &article.source_key,
                        crate::limits::MAX_QUOTED_CHARS,
                    )
                    .into_owned(),
                    location: article.location.clone(),
                    example: conversion.clone().clipped(),
                }),
            }
        }
    }
}
