//! The import engine: a feed is read as a stream (crate::feed) and each article
//! is matched, validated on its own and written in the one transaction of the
//! import. Whole-catalog validation is never run here: a million products would
//! make it the bottleneck, and articles only ever touch their own product.

use rusqlite::{params, Transaction};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::key_filter::KnownKeys;
use super::offers::refresh_product;
use super::profiles::mapping_profile;
use super::report::{
    format_str, Discontinuation, DiscontinuedOffer, ImportReport, PriceConversionSummary, Removal,
};
use super::store;
use crate::catalog::store::items::feed::{self as item_rows, FeedItems};
use crate::catalog::store::products::feed::{
    self as product_rows, FeedOffer, FeedProducts, NewOffer, NewProduct, OfferFields, ProductFields,
};
use crate::catalog::{SalesUnit, StockStatus, StoredRules};
use crate::error::{DiscontinueCheck, GuardReason, SourceMissing};
use crate::feed::{
    apply_prices, detect_format, preview_feed, read_feed, sales_unit, ArticleMode, BmecatOptions,
    CutEnd, FeedFormat, FeedItem, FeedOptions, FeedPreview, MappingProfile, OrderDetails,
    PriceChoice, RowProblem, SupplierArticle, Transaction as BmecatTransaction,
};
use crate::limits::{MAX_AMOUNT, MAX_AMOUNT_TEXT};
use crate::money::{decimal_from_text, optional_decimal_from_text};
use crate::pricing::{list_price, list_price_from_rule, price_rules, PriceRule};
use crate::store::bulk_load::{self, SetAside};
use crate::{Error, Result, Store};

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
    let file = std::fs::File::open(path)
        .map_err(|e| Error::input("file", format!("{} cannot be read: {e}", path.display())))?;
    let total = file.metadata().map(|m| m.len()).unwrap_or(0);
    import_reader(store, file, &file_name, total, options, progress, cancel)
}

/// What the import wizard shows of a file before the user maps columns: its
/// format, encoding, separator, decimal mark, header and first `limit` rows.
pub fn preview_file(path: &Path, limit: usize) -> Result<FeedPreview> {
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into(),
    );
    let file = std::fs::File::open(path)
        .map_err(|e| Error::input("file", format!("{} cannot be read: {e}", path.display())))?;
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
        return Err(Error::input(
            "default_currency",
            format!("{default_currency:?} is not a currency code"),
        ));
    }
    let default_tax = options.default_tax_rate.unwrap_or(DEFAULT_TAX_RATE);
    check_tax(default_tax).map_err(|reason| Error::input("default_tax_rate", reason))?;
    let explicit_source = options.source.as_deref().map(check_source).transpose()?;
    let mut reader = reader;
    let format = match options.format {
        Some(format) => Some(format),
        // Known before the first article: it decides where the source and the
        // catalog come from. (A file that is none is refused by the reading.)
        None => sniff_format(&mut reader)
            .map_err(|e| Error::input("file", format!("{file_name} cannot be read: {e}")))?,
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

/// A big import into a small catalog (bulk mode). The catalog list's indexes,
/// which the import never reads and whose keys (names) come in random order,
/// are dropped for the import and built once at the end, by sorting: much
/// cheaper than a million random b-tree inserts thrashing the page cache. The
/// search index's triggers are dropped too: fired row by row, each insert
/// flushes FTS5's pending terms to disk as a tiny segment (the statement
/// savepoint), and merging those segments cost more than all the tables. The
/// new products are indexed at the end by one `INSERT ... SELECT`, and the
/// products that existed and whose indexed text the import changed are
/// reindexed one by one. All inside the import's transaction: a cancel or an
/// error rolls the DDL back too.
struct Bulk {
    /// The largest catalog item id before the import: the new products are the
    /// ones above it.
    items_before: i64,
    /// The list indexes and search triggers set aside, to put back at the end.
    set_aside: SetAside,
}

/// Bulk mode from this file size on (about 4,000 ITScope rows) ...
const BULK_MIN_BYTES: u64 = 1 << 20;
/// ... when the file likely brings more new products than the catalog has
/// items (rebuilding the indexes reads them all): the articles it holds,
/// counting this many bytes per article (an ITScope row is about 250, a
/// BMEcat article more), less the offers its source already has (a re-import
/// brings none).
const BULK_BYTES_PER_ITEM: u64 = 128;

impl Bulk {
    /// Bulk mode for an import of `total_bytes` from `source` (when known
    /// before the file is read), if it is one.
    fn begin(tx: &Transaction<'_>, total_bytes: u64, source: Option<&str>) -> Result<Option<Self>> {
        if total_bytes < BULK_MIN_BYTES {
            return Ok(None);
        }
        let items_before: i64 =
            tx.query_row("SELECT COALESCE(max(id), 0) FROM catalog_item", [], |r| {
                r.get(0)
            })?;
        let known_offers: i64 = match source {
            Some(source) => tx.query_row(
                "SELECT count(*) FROM supplier_offer WHERE source = ?1",
                [source],
                |r| r.get(0),
            )?,
            None => 0,
        };
        let likely_new = (total_bytes / BULK_BYTES_PER_ITEM)
            .saturating_sub(u64::try_from(known_offers).unwrap_or(0));
        if u64::try_from(items_before).unwrap_or(0) > likely_new {
            return Ok(None);
        }
        Ok(Some(Self {
            items_before,
            set_aside: bulk_load::set_aside(tx)?,
        }))
    }

    /// Indexes the new products and the `changed` ones for search, and puts
    /// back what `begin` dropped.
    fn end(self, tx: &Transaction<'_>, mut changed: Vec<i64>) -> Result<()> {
        changed.sort_unstable();
        changed.dedup();
        for id in changed {
            product_rows::reindex_product(tx, id)?;
        }
        // FTS5 writes its pending terms out as a new segment whenever they pass
        // `hashsize` (1 MiB by default) and then merges the segments: a bigger
        // buffer for the one big insert means far fewer, bigger segments.
        // Indexing reads the new rows in order and appends segments: it
        // needs little page cache, and the memory goes to FTS5's buffer.
        tx.pragma_update(None, "cache_size", -BULK_FTS_CACHE_KIB)?;
        product_rows::set_search_hash_size(tx, BULK_FTS_HASH_SIZE)?;
        product_rows::index_products_after(tx, self.items_before)?;
        product_rows::set_search_hash_size(tx, FTS_HASH_SIZE)?;
        tx.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        self.set_aside.put_back(tx)
    }
}

/// FTS5's default for `hashsize`, and the one bulk mode indexes with (the
/// buffer stays well inside the import's memory budget).
const FTS_HASH_SIZE: i64 = 1 << 20;
const BULK_FTS_HASH_SIZE: i64 = 16 << 20;

/// Page cache of an import (KiB), and while bulk mode builds the search index.
const IMPORT_CACHE_KIB: i64 = 128 << 10;
const BULK_FTS_CACHE_KIB: i64 = 32 << 10;

/// A reader that tells how far it has come (for the progress bar).
struct Counting<R> {
    inner: R,
    position: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.position.set(self.position.get() + n as u64);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counting<R> {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        let at = self.inner.seek(pos)?;
        self.position.set(at);
        Ok(at)
    }
}

/// The format the first bytes of `reader` show (it is rewound).
fn sniff_format<R: Read + Seek>(reader: &mut R) -> std::io::Result<Option<FeedFormat>> {
    let mut head = Vec::new();
    reader
        .take(crate::feed::encoding::SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    reader.seek(SeekFrom::Start(0))?;
    Ok(detect_format(&head))
}

pub(super) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn check_source(source: &str) -> Result<String> {
    let source = source.trim();
    if source.is_empty() {
        return Err(Error::input("source", "must not be empty"));
    }
    if source.eq_ignore_ascii_case("custom") {
        return Err(Error::input(
            "source",
            "\"custom\" marks products entered by hand; name the supplier",
        ));
    }
    Ok(source.to_owned())
}

/// `Ingram Micro GmbH` → `ingram-micro-gmbh`.
fn slug(name: &str) -> String {
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

fn check_tax(rate: Decimal) -> std::result::Result<(), String> {
    if rate < Decimal::ZERO || rate > Decimal::ONE_HUNDRED {
        Err(format!("{rate} is not a tax rate in percent (0 to 100)"))
    } else {
        Ok(())
    }
}

/// The catalog code an imported product is created with: `EAN-<gtin>` when it
/// has a valid GTIN, else `<SOURCE>-<source key>` (upper-case source). The first
/// is the same whichever source brings the product; the second is unique by
/// the (source, key) rule. When the first is taken, the second is used.
pub fn derive_code(source: &str, source_key: &str, gtin: Option<&str>) -> Vec<String> {
    let mut codes = Vec::with_capacity(2);
    if let Some(gtin) = gtin {
        codes.push(format!("EAN-{gtin}"));
    }
    codes.push(format!("{}-{}", source.to_uppercase(), source_key));
    codes
}

/// An article as it will be written, after local validation.
struct Clean {
    name: String,
    category: String,
    description: String,
    manufacturer: String,
    part_number: String,
    ean: Option<String>,
    /// The EAN, if it is a GTIN with a correct check digit (only these match).
    gtin: Option<String>,
    cost: Option<Decimal>,
    list: Option<Decimal>,
    /// The amounts as stored (written once, used by the hash and the inserts).
    cost_text: Option<String>,
    list_text: Option<String>,
    /// The unit the prices are per (none: a piece), and the order details the
    /// offer keeps (for later BMEcat price updates), as stored.
    sales_unit: Option<SalesUnit>,
    sales_unit_text: [Option<String>; 3],
    order_text: [Option<String>; 5],
    tax_text: String,
    currency: String,
    stock: StockStatus,
    quantity: Option<u32>,
    sku: Option<String>,
    hash: i64,
}

impl Clean {
    /// What the article's offer row holds.
    fn offer_fields(&self) -> OfferFields<'_> {
        OfferFields {
            sku: self.sku.as_deref(),
            cost: self.cost_text.as_deref(),
            list: self.list_text.as_deref(),
            currency: &self.currency,
            stock: self.stock.as_str(),
            quantity: self.quantity,
            hash: self.hash,
            order: &self.order_text,
        }
    }

    /// The master data it gives the product it creates (or whose source it is).
    fn product_fields(&self) -> ProductFields<'_> {
        ProductFields {
            manufacturer: &self.manufacturer,
            part_number: &self.part_number,
            ean: self.ean.as_deref(),
            tax_rate: &self.tax_text,
            sales_unit: &self.sales_unit_text,
        }
    }
}

/// FNV-1a, 64 bit: stable across builds (unlike std's hasher), so hashes
/// stored by one version still match in the next.
struct Fnv(u64);

impl Fnv {
    fn field(&mut self, text: &str) {
        for b in text.bytes().chain([0x1f]) {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Where a full feed's discontinuing reaches: the active offers of one
/// source's one catalog.
struct Scope {
    source: String,
    catalog: String,
}

/// Offers kept in a report's list of what was discontinued (the rest are counted).
pub const KEPT_DISCONTINUED: usize = 1_000;

struct Engine<'a, 't> {
    tx: &'a Transaction<'t>,
    file_name: &'a str,
    /// The source: given, or once known the one derived (see `scope`).
    source: Option<String>,
    /// A table's default source (see `import_reader`).
    table_source: Option<String>,
    /// The file is BMEcat (its format was given or sniffed, or it has a header).
    bmecat: bool,
    /// BMEcat languages and price types: a price update that restates no
    /// order details is priced again with the offer's (and the header's
    /// currency, from `header`).
    bmecat_options: BmecatOptions,
    format: Option<FeedFormat>,
    /// BMEcat: the header, handed out before the first article.
    header: Option<crate::feed::CatalogHeader>,
    /// The source and catalog, once known.
    scope: Option<Scope>,
    /// Treated as a full feed (`full_choice`, or as the file says).
    full: bool,
    full_choice: Option<bool>,
    allow_discontinue: bool,
    /// Rejected rows whose key could not be read.
    unkeyed_rows: u32,
    /// A CSV that looks cut off at its end (known once it is read).
    cut_end: Option<CutEnd>,
    /// The first [`KEPT_DISCONTINUED`] offers discontinued (offer, product,
    /// why): those the feed deleted, in file order, then those it lacks.
    discontinued: Vec<(i64, i64, Removal)>,
    default_currency: String,
    default_tax: Decimal,
    rules: Vec<PriceRule>,
    /// BMEcat group id → name, for categories, and group id → parent id.
    groups: HashMap<String, String>,
    group_parents: HashMap<String, String>,
    /// The category rules, to assign each new product its rule.
    category_rules: StoredRules,
    /// Products whose category or manufacturer changed: their rule is
    /// reassigned at the end.
    rule_dirty: Vec<i64>,
    /// Offers of this source the file names (for discontinuing the rest; kept
    /// in full feeds only, which say so before their first article).
    seen: HashSet<i64>,
    /// Of those, the ones that were active offers of this catalog before.
    seen_active: u32,
    report: ImportReport,
    run_id: i64,
    /// In bulk mode (the search triggers dropped): products up to this id
    /// existed before; those whose indexed text changes are noted in
    /// `reindex` (the new ones are indexed at the end anyway).
    reindex_up_to: Option<i64>,
    reindex: Vec<i64>,
    /// In bulk mode: the keys the catalog may have, so that look-ups that
    /// cannot find anything are skipped.
    known: Option<KnownKeys>,
    /// The statements run for (nearly) every article, prepared once.
    products: FeedProducts<'a>,
    items: FeedItems<'a>,
}

impl Engine<'_, '_> {
    fn start(&mut self, started_at: &str) -> Result<()> {
        self.run_id = store::begin_run(self.tx, self.file_name, started_at)?;
        Ok(())
    }

    /// The source of the articles; resolved (and its catalog's active offers
    /// counted) on first use, which is before the first article.
    fn source(&mut self) -> Result<String> {
        self.scope().map(|s| s.source.clone())
    }

    /// The source and catalog this file delivers. The source is the given one,
    /// else for BMEcat the supplier the header names, else for a table the
    /// default of its mapping profile; never another source's name: without
    /// one the import is refused before anything is written. The catalog is
    /// `bmecat:<CATALOG_ID>` or the table's file kind (`csv`, `xlsx`).
    fn scope(&mut self) -> Result<&Scope> {
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

    fn catalog(&self) -> &str {
        self.scope.as_ref().map_or("", |s| s.catalog.as_str())
    }

    fn visit(&mut self, item: FeedItem) -> Result<()> {
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
    fn saw_existing(&mut self, e: &FeedOffer) {
        if self.full && self.seen.insert(e.offer_id) && e.active && e.same_catalog {
            self.seen_active += 1;
        }
    }

    /// A catalogue group's name for a category: its own, else its nearest
    /// named parent's; none for a group the file does not name.
    fn group_name(&self, id: &str) -> Option<String> {
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

    fn saw(&mut self, offer: i64) {
        if self.full {
            self.seen.insert(offer);
        }
    }

    fn reject(&mut self, problem: RowProblem) {
        self.report.rejected += 1;
        if self.report.problems.len() < KEPT_PROBLEMS {
            // A reason may quote an article's field (a currency of 8 MiB).
            self.report.problems.push(problem.clipped());
        } else {
            self.report.problems_not_kept += 1;
        }
    }

    fn problem(&self, article: &SupplierArticle, field: &str, reason: String) -> RowProblem {
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

    fn article(&mut self, mut article: SupplierArticle) -> Result<()> {
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

    /// Counts the article under each kind of conversion its prices went
    /// through; the first article of a kind is its example.
    fn count_conversions(&mut self, article: &SupplierArticle) {
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

    /// The row problem of an article whose prices a price rule would turn into
    /// a list price beyond `limits::MAX_AMOUNT`, if it would: the rule of
    /// `keys` (category and manufacturer the article brings to its product as
    /// its master source; `None`: the product's own), applied to the article's
    /// `cost` and to the costs of the product's other active offers (all but
    /// `except`), since the product may take its price from any of them. Such
    /// an article is rejected before anything of it is written; the rest of
    /// the file imports.
    fn rule_problem(
        &self,
        article: &SupplierArticle,
        cost: Option<Decimal>,
        product: i64,
        except: Option<i64>,
        keys: Option<(&str, &str)>,
    ) -> Result<Option<RowProblem>> {
        if self.rules.is_empty() {
            return Ok(None);
        }
        let (category, manufacturer) = match keys {
            Some((category, manufacturer)) => (category.to_owned(), manufacturer.to_owned()),
            None => self
                .tx
                .prepare_cached(
                    "SELECT ci.category, p.manufacturer FROM product p
                     JOIN catalog_item ci ON ci.id = p.item_id WHERE p.item_id = ?1",
                )?
                .query_row([product], |r| Ok((r.get(0)?, r.get(1)?)))?,
        };
        // The article's own cost, then the other offers' (named by source and key).
        let mut costs: Vec<(Decimal, Option<String>)> =
            cost.map(|c| (c, None)).into_iter().collect();
        {
            let mut stmt = self.tx.prepare_cached(
                "SELECT cost_price, source, source_key FROM supplier_offer
                 WHERE product_id = ?1 AND status = 'active' AND id IS NOT ?2
                   AND cost_price IS NOT NULL",
            )?;
            let mut rows = stmt.query(params![product, except])?;
            while let Some(r) = rows.next()? {
                let offer = format!(
                    "the offer {} {} of its product",
                    r.get::<_, String>(1)?,
                    crate::limits::quote(&r.get::<_, String>(2)?)
                );
                costs.push((
                    decimal_from_text(&r.get::<_, String>(0)?, "cost_price")?,
                    Some(offer),
                ));
            }
        }
        for (cost, offer) in costs {
            match list_price_from_rule(cost, &self.rules, &category, &manufacturer) {
                Ok(_) => {}
                Err(Error::AmountOutOfBounds { what }) => {
                    let what = match offer {
                        None => what,
                        Some(offer) => format!("for {offer}, {what}"),
                    };
                    return Ok(Some(self.beyond_bound(article, &what)));
                }
                Err(other) => return Err(other),
            }
        }
        Ok(None)
    }

    /// The row problem of an article a price rule would price beyond the bound.
    fn beyond_bound(&self, article: &SupplierArticle, what: &str) -> RowProblem {
        self.problem(
            article,
            "list_price",
            format!(
                "{what} would be beyond {MAX_AMOUNT_TEXT}, the largest amount Servicefolio \
                 accepts: the article is not imported (lower the rule's markup, or check the price)"
            ),
        )
    }

    /// Whether a product has no list price.
    fn unpriced(&self, product_id: i64) -> Result<bool> {
        Ok(self
            .tx
            .prepare_cached("SELECT list_price IS NULL FROM product WHERE item_id = ?1")?
            .query_row([product_id], |r| r.get(0))?)
    }

    /// Puts an offer's prices, currency and the order details they were
    /// converted with (and so the sales unit they are per) into an article
    /// that states no price; its row hash stays the article's (a re-import of
    /// the same file is unchanged).
    fn keep_prices(&self, offer_id: i64, clean: &mut Clean) -> Result<()> {
        let (cost, list, currency): (Option<String>, Option<String>, String) = self
            .tx
            .prepare_cached(
                "SELECT cost_price, list_price, currency FROM supplier_offer WHERE id = ?1",
            )?
            .query_row([offer_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let order = self.stored_order(offer_id)?;
        clean.cost = optional_decimal_from_text(cost.clone(), "cost_price")?;
        clean.list = optional_decimal_from_text(list.clone(), "list_price")?;
        clean.cost_text = cost;
        clean.list_text = list;
        clean.currency = currency;
        clean.sales_unit = sales_unit(&order);
        clean.sales_unit_text = sales_unit_columns(clean.sales_unit.as_ref());
        clean.order_text = order_columns(&order);
        Ok(())
    }

    /// The order details an offer's prices were converted with.
    fn stored_order(&self, offer_id: i64) -> Result<OrderDetails> {
        let [order_unit, content_unit, content, quantity, minimum]: [Option<String>; 5] = self
            .tx
            .prepare_cached(
                "SELECT order_unit, content_unit, content_per_order_unit, price_quantity, quantity_min
                 FROM supplier_offer WHERE id = ?1",
            )?
            .query_row([offer_id], |r| {
                Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?])
            })?;
        Ok(OrderDetails {
            order_unit,
            content_unit,
            content_per_order_unit: optional_decimal_from_text(content, "content_per_order_unit")?,
            price_quantity: optional_decimal_from_text(quantity, "price_quantity")?,
            quantity_min: optional_decimal_from_text(minimum, "quantity_min")?,
            quantity_interval: None,
        })
    }

    /// Chooses and converts a BMEcat article's prices again (with the order
    /// details it has now).
    fn reprice(&self, article: &mut SupplierArticle) -> std::result::Result<(), RowProblem> {
        let choice = PriceChoice {
            cost_types: &self.bmecat_options.cost_price_types,
            list_types: &self.bmecat_options.list_price_types,
            currency: self
                .bmecat_options
                .currency
                .as_deref()
                .or(self.header.as_ref().and_then(|h| h.currency.as_deref())),
        };
        apply_prices(article, &choice).map_err(|e| self.problem(article, &e.field, e.reason))
    }

    fn find_offer(&mut self, source: &str, key: &str) -> Result<Option<FeedOffer>> {
        if let Some(known) = &mut self.known {
            known.load_source(self.tx, source)?;
            if !known.offer_may_exist(key) {
                return Ok(None);
            }
        }
        let catalog = self.scope.as_ref().map_or("", |s| s.catalog.as_str());
        self.products.find_offer(source, key, catalog)
    }

    /// Checks one article on its own: what the catalog needs of it, with the
    /// defaults applied. An EAN with a wrong check digit is kept as written
    /// (the feed module's decision) but never used to match products.
    fn clean(&self, a: &SupplierArticle) -> std::result::Result<Clean, RowProblem> {
        fn text(v: &Option<String>) -> Option<&str> {
            v.as_deref().map(str::trim).filter(|s| !s.is_empty())
        }
        let name = text(&a.name)
            .or_else(|| text(&a.short_description))
            .ok_or_else(|| self.problem(a, "name", "is empty: a product needs a name".into()))?
            .to_owned();
        let currency = a
            .currency
            .clone()
            .unwrap_or_else(|| self.default_currency.clone());
        if !crate::money::is_currency_code(&currency) {
            return Err(self.problem(
                a,
                "currency",
                format!("{currency:?} is not a currency code"),
            ));
        }
        let tax = a.tax_rate.unwrap_or(self.default_tax);
        check_tax(tax).map_err(|reason| self.problem(a, "tax_rate", reason))?;
        // No price at all is fine (the product is unpriced); a price is within
        // 0 and the bound, whatever the feed's format.
        for (field, price) in [("cost_price", a.cost_price), ("list_price", a.list_price)] {
            match price {
                Some(p) if p < Decimal::ZERO => {
                    return Err(self.problem(
                        a,
                        field,
                        format!("{p} is negative: a price cannot be below zero"),
                    ))
                }
                Some(p) if p > MAX_AMOUNT => {
                    return Err(self.problem(
                        a,
                        field,
                        format!(
                        "{p} is beyond {MAX_AMOUNT_TEXT}, the largest amount Servicefolio accepts"
                    ),
                    ))
                }
                _ => {}
            }
        }
        let category = text(&a.category)
            .map(str::to_owned)
            .or_else(|| a.catalog_groups.iter().find_map(|g| self.group_name(g)))
            .unwrap_or_default();
        let description = text(&a.long_description)
            .or_else(|| text(&a.short_description))
            .unwrap_or_default()
            .to_owned();
        let ean = text(&a.ean).map(str::to_owned);
        let gtin = ean.clone().filter(|e| crate::money::is_valid_gtin(e));
        let mut clean = Clean {
            name,
            category,
            description,
            manufacturer: text(&a.manufacturer).unwrap_or_default().to_owned(),
            part_number: text(&a.manufacturer_part_number)
                .unwrap_or_default()
                .to_owned(),
            ean,
            gtin,
            cost: a.cost_price,
            list: a.list_price,
            cost_text: a.cost_price.map(|d| d.to_string()),
            list_text: a.list_price.map(|d| d.to_string()),
            sales_unit_text: sales_unit_columns(a.sales_unit.as_ref()),
            sales_unit: a.sales_unit.clone(),
            order_text: order_columns(&a.order),
            tax_text: tax.to_string(),
            currency,
            stock: a.stock_status.unwrap_or_default(),
            quantity: a.stock_quantity,
            sku: text(&a.supplier_sku).map(str::to_owned),
            hash: 0,
        };
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        for field in [
            &clean.name,
            &clean.category,
            &clean.description,
            &clean.manufacturer,
            &clean.part_number,
            clean.ean.as_deref().unwrap_or(""),
            clean.cost_text.as_deref().unwrap_or(""),
            clean.list_text.as_deref().unwrap_or(""),
            &clean.currency,
            &clean.tax_text,
            clean.stock.as_str(),
            &clean.quantity.map(|q| q.to_string()).unwrap_or_default(),
            clean.sku.as_deref().unwrap_or(""),
        ] {
            h.field(field);
        }
        // Only when stated, so rows without them keep the hashes they had.
        if clean.sales_unit.is_some() || clean.order_text.iter().any(Option::is_some) {
            for field in clean.sales_unit_text.iter().chain(&clean.order_text) {
                h.field(field.as_deref().unwrap_or(""));
            }
        }
        clean.hash = i64::from_ne_bytes(h.0.to_ne_bytes());
        Ok(clean)
    }

    /// The product this article is another offer of: same valid GTIN, else same
    /// manufacturer (ignoring case) and part number.
    fn matching_product(&mut self, clean: &Clean) -> Result<Option<i64>> {
        if let Some(gtin) = &clean.gtin {
            if self.known.as_ref().is_none_or(|k| k.gtin_may_exist(gtin)) {
                let [unit, content, _] = &clean.sales_unit_text;
                let found = self.products.product_by_gtin(gtin, unit, content)?;
                if found.is_some() {
                    return Ok(found);
                }
            }
        }
        if clean.manufacturer.is_empty()
            || clean.part_number.is_empty()
            || self
                .known
                .as_ref()
                .is_some_and(|k| !k.part_number_may_exist(&clean.manufacturer, &clean.part_number))
        {
            return Ok(None);
        }
        let [unit, content, _] = &clean.sales_unit_text;
        self.products
            .product_by_part_number(&clean.part_number, &clean.manufacturer, unit, content)
    }

    fn insert_offer(
        &mut self,
        source: &str,
        key: &str,
        product: i64,
        c: &Clean,
        preferred: bool,
    ) -> Result<i64> {
        let catalog = self.scope.as_ref().map_or("", |s| s.catalog.as_str());
        let offer = self.products.insert_offer(&NewOffer {
            product_id: product,
            source,
            source_key: key,
            preferred,
            run_id: self.run_id,
            catalog,
            fields: c.offer_fields(),
        })?;
        if let Some(known) = &mut self.known {
            known.add_offer(key);
        }
        Ok(offer)
    }

    /// Writes a new offer: of the product it matches (whose id it answers), or
    /// of a new product.
    fn insert(
        &mut self,
        source: &str,
        article: &SupplierArticle,
        c: &Clean,
    ) -> Result<Option<i64>> {
        if let Some(product) = self.matching_product(c)? {
            if let Some(p) = self.rule_problem(article, c.cost, product, None, None)? {
                self.reject(p);
                return Ok(None);
            }
            let offer = self.insert_offer(source, &article.source_key, product, c, false)?;
            self.saw(offer);
            refresh_product(self.tx, product, &self.rules)?;
            self.report.new += 1;
            return Ok(Some(product));
        }
        let list = match list_price(&self.rules, c.cost, c.list, &c.category, &c.manufacturer) {
            Ok(list) => list,
            Err(Error::AmountOutOfBounds { what }) => {
                let p = self.beyond_bound(article, &what);
                self.reject(p);
                return Ok(None);
            }
            Err(other) => return Err(other),
        };
        let mut id = None;
        for code in derive_code(source, &article.source_key, c.gtin.as_deref()) {
            id = self
                .items
                .insert_product_item(&code, &c.name, &c.category, &c.description)?;
            if id.is_some() {
                break;
            }
        }
        let Some(id) = id else {
            let p = self.problem(
                article,
                "source_key",
                format!(
                    "the catalog code {}-{} is already used by another item",
                    source.to_uppercase(),
                    article.source_key
                ),
            );
            self.reject(p);
            return Ok(None);
        };
        let rule = self.category_rules.rule_for(&c.category, &c.manufacturer);
        let list = list.map(|l| l.to_string());
        self.products.insert_product(&NewProduct {
            item_id: id,
            fields: c.product_fields(),
            cost: c.cost_text.as_deref(),
            list: list.as_deref(),
            currency: &c.currency,
            stock: c.stock.as_str(),
            source,
            source_key: &article.source_key,
            category_rule: rule,
        })?;
        if let Some(known) = &mut self.known {
            known.add_product(c.ean.as_deref(), &c.manufacturer, &c.part_number);
        }
        let offer = self.insert_offer(source, &article.source_key, id, c, true)?;
        self.saw(offer);
        self.report.new += 1;
        self.report.new_products += 1;
        Ok(None)
    }

    fn update(
        &mut self,
        source: &str,
        article: &SupplierArticle,
        c: &Clean,
        e: &FeedOffer,
    ) -> Result<()> {
        if e.hash == c.hash && e.active {
            if !e.same_catalog {
                // The same article, now delivered by another catalog of the
                // source: it follows that catalog.
                product_rows::set_offer_catalog(self.tx, e.offer_id, self.catalog())?;
            }
            self.report.unchanged += 1;
            return Ok(());
        }
        // The source that created the product owns its master data; other
        // sources only bring their offers, in the product's sales unit.
        let (master, unit, content): (bool, Option<String>, Option<String>) = self
            .tx
            .prepare_cached(
                "SELECT source = ?2 AND source_key = ?3, sales_unit, sales_unit_content
                 FROM product WHERE item_id = ?1",
            )?
            .query_row(params![e.product_id, source, article.source_key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        if !master && (&unit, &content) != (&c.sales_unit_text[0], &c.sales_unit_text[1]) {
            let per = |unit: &Option<String>, content: &Option<String>| match (unit, content) {
                (None, _) => "a piece".to_owned(),
                (Some(u), None) => u.clone(),
                (Some(u), Some(n)) => format!("{u} of {n}"),
            };
            let p = self.problem(
                article,
                "sales_unit",
                format!(
                    "this offer is priced per {}, but its product is sold per {}: the prices \
                     cannot be compared, so the offer is not changed",
                    per(&c.sales_unit_text[0], &c.sales_unit_text[1]),
                    per(&unit, &content)
                ),
            );
            self.reject(p);
            return Ok(());
        }
        // The master source brings the category and manufacturer that choose
        // the product's price rule; another source's offer is priced under
        // the product's.
        let keys = master.then_some((c.category.as_str(), c.manufacturer.as_str()));
        if let Some(p) = self.rule_problem(article, c.cost, e.product_id, Some(e.offer_id), keys)? {
            self.reject(p);
            return Ok(());
        }
        product_rows::update_offer(
            self.tx,
            e.offer_id,
            self.run_id,
            self.catalog(),
            &c.offer_fields(),
        )?;
        if master {
            let mut changed = item_rows::update_product_item(
                self.tx,
                e.product_id,
                &c.name,
                &c.category,
                &c.description,
            )?;
            changed += product_rows::update_product_master_data(
                self.tx,
                e.product_id,
                &c.product_fields(),
            )?;
            if let Some(known) = &mut self.known {
                known.add_product(c.ean.as_deref(), &c.manufacturer, &c.part_number);
            }
            if changed > 0 {
                self.rule_dirty.push(e.product_id);
            }
            if changed > 0
                && self
                    .reindex_up_to
                    .is_some_and(|up_to| e.product_id <= up_to)
            {
                self.reindex.push(e.product_id);
            }
        }
        // Also an offer back in the feed after being discontinued.
        refresh_product(self.tx, e.product_id, &self.rules)?;
        self.report.updated += 1;
        Ok(())
    }

    fn price_update(&mut self, article: &SupplierArticle, e: &FeedOffer) -> Result<()> {
        // A cost it does not restate stays, and is checked with the others.
        let own = article.cost_price.is_some().then_some(e.offer_id);
        if let Some(p) = self.rule_problem(article, article.cost_price, e.product_id, own, None)? {
            self.reject(p);
            return Ok(());
        }
        let priced = article.cost_price.is_some() || article.list_price.is_some();
        if !article.order.is_empty() && priced {
            // Order details stated with the prices replace the ones kept (an
            // update without a price keeps the prices and the details they
            // were converted with).
            let order = &article.order;
            product_rows::set_offer_order(
                self.tx,
                e.offer_id,
                [order.order_unit.as_deref(), order.content_unit.as_deref()],
                [
                    order.content_per_order_unit,
                    order.price_quantity,
                    order.quantity_min,
                ],
            )?;
        }
        let changed = product_rows::reprice_offer(
            self.tx,
            e.offer_id,
            article.cost_price,
            article.list_price,
            // The currency of the prices it states (none: the kept prices'
            // stays).
            article.currency.as_deref().filter(|_| priced),
            self.run_id,
        )?;
        if changed == 0 {
            self.report.unchanged += 1;
        } else {
            refresh_product(self.tx, e.product_id, &self.rules)?;
            self.report.updated += 1;
        }
        Ok(())
    }

    /// Discontinues what a full feed lacks, within its source's catalog and
    /// only when that looks safe (or is allowed), and saves the report.
    fn finish(mut self, format: FeedFormat, started_at: &str) -> Result<ImportReport> {
        let source = self.source()?;
        let catalog = self.scope()?.catalog.clone();
        let discontinuation = if !self.full {
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
                self.guard(&source, &catalog, count, active)?
            };
            if !reasons.is_empty() && !self.allow_discontinue {
                return Err(Error::WouldDiscontinue(Box::new(DiscontinueCheck {
                    file_name: self.file_name.into(),
                    source,
                    catalog,
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
        };
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

    /// Why discontinuing `count` of the catalog's `active` offers looks wrong:
    /// too many, or a file that looks cut off (its end, or far fewer rows than
    /// the last full import of the same source and catalog).
    fn guard(
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

    /// Keeps the first discontinued offers in the report, with their product's name.
    fn save_discontinued(&mut self) -> Result<()> {
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

/// Order details as an offer stores them: order unit, content unit, content
/// per order unit, price quantity, minimum order.
fn order_columns(order: &OrderDetails) -> [Option<String>; 5] {
    [
        order.order_unit.clone(),
        order.content_unit.clone(),
        order.content_per_order_unit.map(|d| d.to_string()),
        order.price_quantity.map(|d| d.to_string()),
        order.quantity_min.map(|d| d.to_string()),
    ]
}

/// A sales unit as the product stores it: unit, content, content unit.
fn sales_unit_columns(unit: Option<&SalesUnit>) -> [Option<String>; 3] {
    match unit {
        None => [None, None, None],
        Some(u) => [
            Some(u.unit.clone()),
            u.content.map(|c| c.normalize().to_string()),
            u.content_unit.clone(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_codes() {
        assert_eq!(slug(" Ingram Micro GmbH "), "ingram-micro-gmbh");
        assert_eq!(slug("ITScope"), "itscope");
        assert_eq!(
            derive_code("itscope", "42", Some("4006381333931")),
            vec!["EAN-4006381333931".to_owned(), "ITSCOPE-42".to_owned()]
        );
        assert_eq!(
            derive_code("acme", "A-1", None),
            vec!["ACME-A-1".to_owned()]
        );
        assert!(check_source("custom").is_err());
        assert!(check_tax(Decimal::from(101)).is_err());
        assert!(check_tax(Decimal::from(7)).is_ok());
    }
}
