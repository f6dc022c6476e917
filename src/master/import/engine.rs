//! The import engine: what it knows while it reads a file, and each item of the
//! feed dispatched to the job that handles it.

use rusqlite::Transaction;
use rust_decimal::Decimal;
use std::collections::{HashMap, HashSet};

use super::{KEPT_DISCONTINUED, KEPT_PROBLEMS};
use crate::catalog::store::items::feed::{self as item_rows, FeedItems};
use crate::catalog::store::products::feed::{self as product_rows, FeedOffer, FeedProducts};
use crate::catalog::StoredRules;
use crate::feed::{
    ArticleMode, BmecatOptions, CutEnd, FeedFormat, FeedItem, RowProblem, SupplierArticle,
    Transaction as BmecatTransaction,
};
use crate::master::key_filter::KnownKeys;
use crate::master::offers::refresh_product;
use crate::master::report::{ImportReport, Removal};
use crate::pricing::PriceRule;
use crate::Result;

/// One import under way: its options, what it has learned of the file so far
/// (source, catalog, BMEcat groups, the offers it named), the report it
/// fills, and the statements it runs per article. Its jobs are in the
/// sibling modules, each an `impl Engine` of its own.
pub(super) struct Engine<'a, 't> {
    pub(super) tx: &'a Transaction<'t>,
    pub(super) file_name: &'a str,
    /// The source: given, or once known the one derived (see `scope`).
    pub(super) source: Option<String>,
    /// A table's default source (see `import_reader`).
    pub(super) table_source: Option<String>,
    /// The file is BMEcat (its format was given or sniffed, or it has a header).
    pub(super) bmecat: bool,
    /// BMEcat languages and price types: a price update that restates no
    /// order details is priced again with the offer's (and the header's
    /// currency, from `header`).
    pub(super) bmecat_options: BmecatOptions,
    pub(super) format: Option<FeedFormat>,
    /// BMEcat: the header, handed out before the first article.
    pub(super) header: Option<crate::feed::CatalogHeader>,
    /// The source and catalog, once known.
    pub(super) scope: Option<Scope>,
    /// Treated as a full feed (`full_choice`, or as the file says).
    pub(super) full: bool,
    pub(super) full_choice: Option<bool>,
    pub(super) allow_discontinue: bool,
    /// Rejected rows whose key could not be read.
    pub(super) unkeyed_rows: u32,
    /// A CSV that looks cut off at its end (known once it is read).
    pub(super) cut_end: Option<CutEnd>,
    /// The first [`KEPT_DISCONTINUED`] offers discontinued (offer, product,
    /// why): those the feed deleted, in file order, then those it lacks.
    pub(super) discontinued: Vec<(i64, i64, Removal)>,
    pub(super) default_currency: String,
    pub(super) default_tax: Decimal,
    pub(super) rules: Vec<PriceRule>,
    /// BMEcat group id → name, for categories, and group id → parent id.
    pub(super) groups: HashMap<String, String>,
    pub(super) group_parents: HashMap<String, String>,
    /// The category rules, to assign each new product its rule.
    pub(super) category_rules: StoredRules,
    /// Products whose category or manufacturer changed: their rule is
    /// reassigned at the end.
    pub(super) rule_dirty: Vec<i64>,
    /// Offers of this source the file names (for discontinuing the rest; kept
    /// in full feeds only, which say so before their first article).
    pub(super) seen: HashSet<i64>,
    /// Of those, the ones that were active offers of this catalog before.
    pub(super) seen_active: u32,
    pub(super) report: ImportReport,
    pub(super) run_id: i64,
    /// In bulk mode (the search triggers dropped): products up to this id
    /// existed before; those whose indexed text changes are noted in
    /// `reindex` (the new ones are indexed at the end anyway).
    pub(super) reindex_up_to: Option<i64>,
    pub(super) reindex: Vec<i64>,
    /// In bulk mode: the keys the catalog may have, so that look-ups that
    /// cannot find anything are skipped.
    pub(super) known: Option<KnownKeys>,
    /// The statements run for (nearly) every article, prepared once.
    pub(super) products: FeedProducts<'a>,
    pub(super) items: FeedItems<'a>,
}

impl Engine<'_, '_> {
    pub(super) fn visit(&mut self, item: FeedItem) -> Result<()> {
        match item {
            FeedItem::Catalog(header) => {
                if header.transaction == Some(BmecatTransaction::NewCatalog)
                    && self.full_choice.is_none()
                {
                    self.full = true;
                }
                self.bmecat = true;
                self.header = Some(header);
                // A file that names no source is refused here, before any article.
                self.scope()?;
            }
            FeedItem::Group(group) => {
                if let Some(parent) = group.parent_id {
                    self.group_parents.insert(group.id.clone(), parent);
                }
                self.groups.insert(group.id, group.name);
            }
            FeedItem::GroupAssignment(assignment) => {
                let source = self.source()?;
                // A group without a name gives no category (never its id).
                let Some(name) = self.group_name(&assignment.group_id) else {
                    return Ok(());
                };
                let product = item_rows::categorize_offer_product(
                    self.tx,
                    &name,
                    &source,
                    &assignment.article_key,
                )?;
                self.rule_dirty.extend(product);
            }
            FeedItem::Problem(problem) => {
                self.report.rows_read += 1;
                match &problem.source_key {
                    // Its offer stays: the article is in the file, only unreadable.
                    Some(key) if self.full => {
                        let source = self.source()?;
                        if let Some(e) = self.find_offer(&source, key)? {
                            self.saw_existing(&e);
                        }
                    }
                    Some(_) => {}
                    None => self.unkeyed_rows += 1,
                }
                self.reject(problem);
            }
            FeedItem::Article(article) => {
                self.report.rows_read += 1;
                self.article(*article)?;
            }
            FeedItem::PriceTypes { types, not_kept } => {
                self.report.price_types = types;
                self.report.price_types_not_kept = not_kept;
            }
        }
        Ok(())
    }

    /// Notes an offer the file names that existed before; counts it when it
    /// was an active offer of this catalog (with the ones the file lacks, those
    /// are the catalog's active offers before the import).
    pub(super) fn saw_existing(&mut self, e: &FeedOffer) {
        if self.full && self.seen.insert(e.offer_id) && e.active && e.same_catalog {
            self.seen_active += 1;
        }
    }

    /// A catalogue group's name for a category: its own, else its nearest
    /// named parent's; none for a group the file does not name.
    pub(super) fn group_name(&self, id: &str) -> Option<String> {
        let mut at = id;
        // A damaged group system may have cycles: a path longer than the
        // number of groups has one.
        for _ in 0..=self.groups.len() {
            match self.groups.get(at) {
                Some(name) if !name.trim().is_empty() => return Some(name.clone()),
                _ => at = self.group_parents.get(at)?,
            }
        }
        None
    }

    pub(super) fn saw(&mut self, offer: i64) {
        if self.full {
            self.seen.insert(offer);
        }
    }

    pub(super) fn reject(&mut self, problem: RowProblem) {
        self.report.rejected += 1;
        if self.report.problems.len() < KEPT_PROBLEMS {
            // A reason may quote an article's field (a currency of 8 MiB).
            self.report.problems.push(problem.clipped());
        } else {
            self.report.problems_not_kept += 1;
        }
    }

    pub(super) fn problem(
        &self,
        article: &SupplierArticle,
        field: &str,
        reason: String,
    ) -> RowProblem {
        RowProblem {
            file: self.file_name.into(),
            location: article.location.clone(),
            field: field.into(),
            reason,
            source_key: Some(article.source_key.as_str())
                .filter(|k| !k.is_empty())
                .map(Into::into),
        }
    }

    pub(super) fn article(&mut self, mut article: SupplierArticle) -> Result<()> {
        let source = self.source()?;
        let existing = self.find_offer(&source, &article.source_key)?;
        if let Some(e) = &existing {
            self.saw_existing(e);
        }
        if article.mode == ArticleMode::PriceUpdate && article.order.is_empty() {
            // A price update restates prices, not the order details: its
            // prices are for the price quantity and units the offer has.
            if let Some(e) = &existing {
                article.order = self.stored_order(e.offer_id)?;
            }
            if let Err(problem) = self.reprice(&mut article) {
                self.reject(problem);
                return Ok(());
            }
        }
        let rejected_before = self.report.rejected;
        match article.mode {
            ArticleMode::Delete => match existing {
                Some(e) if e.active => {
                    product_rows::discontinue_offer(self.tx, e.offer_id, self.run_id)?;
                    refresh_product(self.tx, e.product_id, &self.rules)?;
                    self.report.discontinued += 1;
                    if self.discontinued.len() < KEPT_DISCONTINUED {
                        self.discontinued
                            .push((e.offer_id, e.product_id, Removal::Deleted));
                    }
                }
                _ => self.report.unchanged += 1,
            },
            ArticleMode::PriceUpdate => match existing {
                None => {
                    let p = self.problem(
                        &article,
                        "source_key",
                        format!(
                            "a price update for {:?}, which the catalog does not have from {source}",
                            article.source_key
                        ),
                    );
                    self.reject(p);
                }
                Some(e) => self.price_update(&article, &e)?,
            },
            ArticleMode::New | ArticleMode::Update => match self.clean(&article) {
                Err(problem) => self.reject(problem),
                Ok(mut clean) => {
                    // An article that states no price at all (master data of
                    // the supplier's manufacturer catalogue, a CSV row with
                    // empty price columns) keeps the prices its offer has:
                    // "no price here" is not "no price".
                    let kept = match &existing {
                        Some(e) if e.priced && clean.cost.is_none() && clean.list.is_none() => {
                            // (An unchanged article writes nothing anyway.)
                            if !(e.hash == clean.hash && e.active) {
                                self.keep_prices(e.offer_id, &mut clean)?;
                            }
                            true
                        }
                        _ => false,
                    };
                    // The product the article joined, if it existed before.
                    let product = match existing {
                        Some(e) => {
                            self.update(&source, &article, &clean, &e)?;
                            Some(e.product_id)
                        }
                        None => self.insert(&source, &article, &clean)?,
                    };
                    if self.report.rejected == rejected_before {
                        if kept {
                            self.report.prices_kept += 1;
                        } else if clean.cost.is_none()
                            && clean.list.is_none()
                            && product.map_or(Ok(true), |p| self.unpriced(p))?
                        {
                            // (A product priced by another offer, or in the
                            // designer, is not unpriced.)
                            self.report.unpriced += 1;
                        }
                    }
                }
            },
        }
        if self.report.rejected == rejected_before && article.mode != ArticleMode::Delete {
            self.count_conversions(&article);
        }
        Ok(())
    }
}

/// Where a full feed's discontinuing reaches: the active offers of one
/// source's one catalog.
pub(super) struct Scope {
    pub(super) source: String,
    pub(super) catalog: String,
}
