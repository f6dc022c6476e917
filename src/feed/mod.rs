//! Supplier feeds (issue 6, the parsing half): ITScope-style CSV, any CSV or
//! XLSX with a mapping profile, and BMEcat 1.01/1.2/2005, read as a stream of
//! format-neutral [`SupplierArticle`]s and [`RowProblem`]s. No database here:
//! the caller's visitor decides what to write, and can stop the reading.

pub mod bmecat;
pub mod csv_feed;
pub mod decimal;
pub mod detect;
pub mod encoding;
pub mod error;
pub mod generate;
mod lines;
pub mod profile;
pub mod record;
mod table;
pub mod unit_price;
mod xlsx_check;
pub mod xlsx_feed;

use serde::Serialize;
use std::io::{Read, Seek, SeekFrom};

use crate::error::FeedError;

pub use bmecat::{
    bmecat_price_types, read_bmecat, BmecatOptions, CatalogGroup, CatalogHeader, GroupAssignment,
    Transaction,
};
pub use csv_feed::{read_csv, CutEnd, TableSettings};
pub use decimal::{parse_decimal, DecimalMark};
pub use detect::{detect_format, preview_feed, FeedFormat, FeedPreview, PREVIEW_ARTICLES};
pub use encoding::FeedEncoding;
pub use error::FeedFailure;
pub use generate::generate_itscope_feed;
pub use profile::{ArticleField, ColumnMapping, MappingProfile, Separator};
pub use record::{
    ArticleFeature, ArticleMode, ConversionKind, OrderDetails, PriceBase, PriceConversion,
    PriceTypeCount, PriceTypeTally, RowProblem, SupplierArticle, SupplierPrice,
};
pub use unit_price::{
    apply_prices, sales_unit, taken_types, PriceChoice, PriceError, UNIT_PRICE_DECIMALS,
};
pub use xlsx_feed::read_xlsx;

/// One thing a feed says, in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FeedItem {
    /// BMEcat: the header, before the first article.
    Catalog(CatalogHeader),
    /// BMEcat: a group of the catalogue's group system.
    Group(CatalogGroup),
    /// BMEcat: an article belongs to a group (these follow the articles).
    GroupAssignment(GroupAssignment),
    Article(Box<SupplierArticle>),
    /// A row or article that was not taken.
    Problem(RowProblem),
    /// BMEcat, after the last article: every price type the file states, on
    /// how many articles (taken or not), and how many took it as cost / list
    /// price; distinct types beyond the first 100 are counted in `not_kept`.
    PriceTypes {
        types: Vec<PriceTypeCount>,
        not_kept: u32,
    },
}

/// How to read a feed. The defaults detect everything.
#[derive(Debug, Clone)]
pub struct FeedOptions {
    /// The name problems are reported under (the file's name).
    pub file_name: String,
    /// `None`: detected from the first bytes.
    pub format: Option<FeedFormat>,
    /// For CSV and XLSX.
    pub profile: MappingProfile,
    /// For BMEcat.
    pub bmecat: BmecatOptions,
    /// Overrides the detected encoding (CSV and XML; the profile's, if set, wins for CSV).
    pub encoding: Option<FeedEncoding>,
}

impl Default for FeedOptions {
    fn default() -> Self {
        FeedOptions {
            file_name: "feed".into(),
            format: None,
            profile: MappingProfile::itscope(),
            bmecat: BmecatOptions::default(),
            encoding: None,
        }
    }
}

/// What a completed reading saw.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, specta::Type)]
pub struct FeedSummary {
    pub format: Option<FeedFormat>,
    pub encoding: Option<FeedEncoding>,
    pub articles: u32,
    pub problems: u32,
    /// A CSV file that looks cut off at its end.
    pub cut_end: Option<CutEnd>,
}

/// Reads a feed of any supported format, handing each item to `visit` as soon as
/// it is read; an `Err` from `visit` stops the reading at once and comes back as
/// [`FeedFailure::Stopped`]. The file is never held in memory as a whole.
pub fn read_feed<R: Read + Seek, E>(
    mut reader: R,
    options: &FeedOptions,
    visit: &mut impl FnMut(FeedItem) -> Result<(), E>,
) -> Result<FeedSummary, FeedFailure<E>> {
    let file = options.file_name.as_str();
    let io = |source| FeedError::Io {
        file: file.into(),
        source,
    };
    let format = match options.format {
        Some(format) => format,
        None => {
            let mut head = Vec::new();
            (&mut reader)
                .take(encoding::SNIFF_BYTES as u64)
                .read_to_end(&mut head)
                .map_err(io)?;
            reader.seek(SeekFrom::Start(0)).map_err(io)?;
            detect_format(&head).ok_or_else(|| FeedError::WrongFormat {
                file: file.into(),
                expected: "a BMEcat, CSV or XLSX feed",
                reason: "its first bytes match none of them".into(),
            })?
        }
    };
    let mut summary = FeedSummary {
        format: Some(format),
        ..FeedSummary::default()
    };
    let mut counted = |item: FeedItem| {
        let item = match item {
            FeedItem::Article(_) => {
                summary.articles = summary.articles.saturating_add(1);
                item
            }
            // A reason may quote a cell of any size: every problem leaves the
            // feed module with its texts capped.
            FeedItem::Problem(p) => {
                summary.problems = summary.problems.saturating_add(1);
                FeedItem::Problem(p.clipped())
            }
            other => other,
        };
        visit(item)
    };
    let (encoding, cut_end) = match format {
        FeedFormat::Bmecat => (
            Some(read_bmecat(
                reader,
                &options.bmecat,
                options.encoding,
                file,
                &mut counted,
            )?),
            None,
        ),
        FeedFormat::Csv => {
            let mut profile = options.profile.clone();
            profile.encoding = profile.encoding.or(options.encoding);
            let settings = read_csv(reader, &profile, file, &mut counted)?;
            (Some(settings.encoding), settings.cut_end)
        }
        FeedFormat::Xlsx => {
            read_xlsx(reader, &options.profile, file, &mut counted)?;
            (None, None)
        }
    };
    summary.encoding = encoding;
    summary.cut_end = cut_end;
    Ok(summary)
}
