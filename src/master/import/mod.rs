//! The import engine: a feed is read as a stream (crate::feed) and each article
//! is matched, validated on its own and written in the one transaction of the
//! import. Whole-catalog validation is never run here: a million products would
//! make it the bottleneck, and articles only ever touch their own product.
//!
//! This module holds the options and the run (one transaction, a cancel check
//! every 4,096 rows); its jobs each have their own: reading the file
//! (`reading`), the source and catalog it delivers (`source`), the engine that
//! dispatches each item (`engine`), checking an article (`clean`), matching it
//! (`matching`), writing it (`write`) and its prices (`prices`, `price_bound`),
//! the report's conversions (`conversions`), discontinuing what a full feed
//! lacks (`discontinue`) and its guard (`guard`), the run's log (`run_log`),
//! and bulk mode (`bulk`). The SQL is the owners' (docs/store.md).

mod bulk;
mod clean;
mod conversions;
mod discontinue;
mod engine;
mod guard;
mod matching;
mod price_bound;
mod prices;
mod reading;
mod run_log;
mod source;
mod write;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::catalog::store::items::feed::FeedItems;
use crate::catalog::store::products::feed::FeedProducts;
use crate::catalog::StoredRules;
use crate::error::{InputProblem, InputSays, Wording};
use crate::feed::{
    preview_feed, read_feed, BmecatOptions, FeedFormat, FeedItem, FeedOptions, FeedPreview,
    MappingProfile,
};
use crate::master::key_filter::KnownKeys;
use crate::master::profiles::mapping_profile;
use crate::master::report::ImportReport;
use crate::pricing::price_rules;
use crate::{Error, Result, Store};
use bulk::{Bulk, IMPORT_CACHE_KIB};
use clean::check_tax;
use engine::Engine;
use reading::{sniff_format, Counting};
use run_log::now;
use source::{check_source, slug};
pub use write::derive_code;

/// Tax rate (percent) of articles whose feed states none: German VAT.
pub const DEFAULT_TAX_RATE: Decimal = Decimal::from_parts(19, 0, 0, false, 0);

/// How many rejected rows a report keeps with file, line and reason; the rest
/// are counted (`problems_not_kept`).
pub const KEPT_PROBLEMS: usize = 10_000;

/// How to import one file. The defaults read an ITScope-style CSV as an
/// incremental feed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct ImportOptions {
    /// The source the articles come from (`itscope`, a supplier). Default: for
    /// BMEcat the supplier the header names (a file naming none is refused with
    /// [`Error::SourceRequired`]); for CSV/XLSX the name of the mapping profile,
    /// when it maps the columns of the built-in ITScope profile or of a saved
    /// one of that name (columns mapped otherwise and not saved name no source).
    #[serde(default)]
    pub source: Option<String>,
    /// `None`: detected from the first bytes.
    #[serde(default)]
    pub format: Option<FeedFormat>,
    /// For CSV and XLSX; `None`: the built-in ITScope profile.
    #[serde(default)]
    pub profile: Option<MappingProfile>,
    /// The file lists every article of its source's catalog: active offers of
    /// that source and catalog that it lacks are discontinued. `None`: as the
    /// file says (BMEcat `T_NEW_CATALOG` is full, everything else is not);
    /// `Some(false)`: discontinue nothing, whatever the file says.
    #[serde(default)]
    pub full: Option<bool>,
    /// A full feed may discontinue more than a tenth of its catalog's active
    /// offers, or any when the file looks cut off; without this such an import
    /// stops with [`Error::WouldDiscontinue`] and writes nothing.
    #[serde(default)]
    pub allow_discontinue: bool,
    /// Tax rate (percent) of articles stating none; default 19.
    #[serde(default)]
    pub default_tax_rate: Option<Decimal>,
    /// Currency of articles stating none (after the profile's); default EUR.
    #[serde(default)]
    pub default_currency: Option<String>,
    /// For BMEcat: languages and price types.
    #[serde(default)]
    pub bmecat: Option<BmecatOptions>,
}

/// How far an import has come (sent every few thousand rows and at the end).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct ImportProgress {
    /// Rows (articles and rejected rows) read so far.
    pub rows: u64,
    /// Bytes of the file read so far, and its size (0 when unknown).
    pub bytes: u64,
    pub total_bytes: u64,
}

const PROGRESS_EVERY: u64 = 4096;

/// Imports the feed at `path` in one transaction. `progress` is called every
/// few thousand rows; setting `cancel` stops the import, which then changes
/// nothing and answers [`Error::Cancelled`].
pub fn import_feed(
    store: &mut Store,
    path: &Path,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let file = std::fs::File::open(path).map_err(|e| unreadable(path.display(), e))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    import_reader(store, file, &file_name, total, options, progress, cancel)
}

/// A feed file that cannot be read, with what the system said.
fn unreadable(file: impl std::fmt::Display, error: impl std::fmt::Display) -> Error {
    Error::input_said(
        "file",
        Wording::new(InputSays::FileUnreadable)
            .text("file", file)
            .text("error", error),
    )
}

/// What the import wizard shows of a file before the user maps columns: its
/// format, encoding, separator, decimal mark, header and first `limit` rows.
pub fn preview_file(path: &Path, limit: usize) -> Result<FeedPreview> {
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let file = std::fs::File::open(path).map_err(|e| unreadable(path.display(), e))?;
    Ok(preview_feed(file, &file_name, limit)?)
}

/// Like [`import_feed`], from any seekable reader (`file_name` is what the
/// report and the problems name).
pub fn import_reader<R: Read + Seek>(
    store: &mut Store,
    reader: R,
    file_name: &str,
    total_bytes: u64,
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportReport> {
    if let Some(profile) = &options.profile {
        profile.check()?;
    }
    let default_currency = options
        .default_currency
        .clone()
        .unwrap_or_else(|| "EUR".into());
    if !crate::money::is_currency_code(&default_currency) {
        return Err(Error::input_problem(
            "default_currency",
            InputProblem::NotCurrency {
                value: default_currency,
            },
        ));
    }
    let default_tax = options.default_tax_rate.unwrap_or(DEFAULT_TAX_RATE);
    check_tax(default_tax).map_err(|wording| Error::input_said("default_tax_rate", wording))?;
    let explicit_source = options.source.as_deref().map(check_source).transpose()?;
    let mut reader = reader;
    let format = match options.format {
        Some(format) => Some(format),
        // Known before the first article: it decides where the source and the
        // catalog come from. (A file that is none is refused by the reading.)
        None => sniff_format(&mut reader).map_err(|e| unreadable(file_name, e))?,
    };

    let position = Rc::new(Cell::new(0u64));
    let reader = Counting {
        inner: reader,
        position: Rc::clone(&position),
    };
    let profile = options
        .profile
        .clone()
        .unwrap_or_else(MappingProfile::itscope);
    // A table's default source: the profile's name, if the profile maps the
    // columns of one the user knows by that name (the built-in ITScope
    // profile, which describes ITScope's export, or a saved one); its reading
    // settings (separator, encoding, ...) may differ. A mapping of other
    // columns, not saved, is nobody's: its name may be that of another source.
    let table_source = (mapping_profile(store.conn(), &profile.name)
        .ok()
        .is_some_and(|known| known.columns == profile.columns))
    .then(|| slug(&profile.name))
    .filter(|s| !s.is_empty());
    let feed_options = FeedOptions {
        file_name: file_name.into(),
        format,
        profile: profile.clone(),
        bmecat: options.bmecat.clone().unwrap_or_default(),
        encoding: None,
    };
    let started_at = now();

    // A bigger page cache for the one long transaction (128 MiB at most: the
    // import must stay well under 300 MB), restored afterwards.
    let conn = store.conn();
    let cache_size: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    conn.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
    conn.set_prepared_statement_cache_capacity(64);

    let outcome = store.write(|tx| {
        let mut engine = Engine {
            tx,
            file_name,
            source: explicit_source,
            table_source,
            bmecat: format == Some(FeedFormat::Bmecat),
            bmecat_options: feed_options.bmecat.clone(),
            format,
            header: None,
            scope: None,
            full: options.full.unwrap_or(false),
            full_choice: options.full,
            allow_discontinue: options.allow_discontinue,
            unkeyed_rows: 0,
            cut_end: None,
            discontinued: Vec::new(),
            default_currency,
            default_tax,
            rules: price_rules(tx)?,
            groups: HashMap::new(),
            group_parents: HashMap::new(),
            category_rules: StoredRules::load(tx)?,
            rule_dirty: Vec::new(),
            seen: HashSet::new(),
            seen_active: 0,
            report: ImportReport::default(),
            run_id: 0,
            reindex_up_to: None,
            reindex: Vec::new(),
            known: None,
            products: FeedProducts::prepare(tx)?,
            items: FeedItems::prepare(tx)?,
        };
        engine.start(&started_at)?;
        let known_source = engine.source.as_deref().or(if engine.bmecat {
            None
        } else {
            engine.table_source.as_deref()
        });
        let bulk = Bulk::begin(tx, total_bytes, known_source)?;
        if let Some(bulk) = &bulk {
            engine.reindex_up_to = Some(bulk.items_before);
            // About three keys per article; an ITScope row is 250 bytes.
            let keys = total_bytes / 80 + 3 * u64::try_from(bulk.items_before).unwrap_or(0);
            engine.known = Some(KnownKeys::load(tx, keys)?);
        }
        let mut rows = 0u64;
        let summary = read_feed(reader, &feed_options, &mut |item| {
            if matches!(item, FeedItem::Article(_) | FeedItem::Problem(_)) {
                rows += 1;
                if rows.is_multiple_of(PROGRESS_EVERY) {
                    if cancel.load(Ordering::Relaxed) {
                        return Err(Error::Cancelled);
                    }
                    progress(ImportProgress {
                        rows,
                        bytes: position.get(),
                        total_bytes,
                    });
                }
            }
            engine.visit(item)
        })?;
        if cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        let format = summary.format.unwrap_or(FeedFormat::Csv);
        engine.cut_end = summary.cut_end;
        progress(ImportProgress {
            rows,
            bytes: position.get().max(total_bytes),
            total_bytes,
        });
        let reindex = std::mem::take(&mut engine.reindex);
        let rule_dirty = std::mem::take(&mut engine.rule_dirty);
        let report = engine.finish(format, &started_at)?;
        crate::catalog::assign_products(tx, &rule_dirty)?;
        if let Some(bulk) = bulk {
            bulk.end(tx, reindex)?;
        }
        Ok(report)
    });
    store.conn().pragma_update(None, "cache_size", cache_size)?;
    outcome
}

/// Offers kept in a report's list of what was discontinued (the rest are counted).
pub const KEPT_DISCONTINUED: usize = 1_000;
