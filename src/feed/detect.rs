//! What kind of feed a file is, from its first bytes, and a preview of it for
//! the import wizard (format, encoding, separator, decimal mark, first rows).

use serde::{Deserialize, Serialize};
use std::io::{Read, Seek, SeekFrom};

use super::bmecat::{bmecat_price_types, BmecatOptions};
use super::csv_feed::{first_line, refuse_non_text, sniff_separator};
use super::decimal::DecimalMark;
use super::encoding::{
    detect_encoding, starts_with_markup, xml_encoding, FeedEncoding, SNIFF_BYTES,
};
use super::profile::Separator;
use super::record::PriceTypeCount;
use super::table::detect_decimal_mark;
use super::xlsx_feed::xlsx_rows;
use crate::error::FeedError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum FeedFormat {
    Bmecat,
    Csv,
    Xlsx,
}

/// The format the first bytes show: a zip archive is XLSX, markup is XML (read
/// as BMEcat, which refuses other XML by its root), text is CSV.
pub fn detect_format(head: &[u8]) -> Option<FeedFormat> {
    if head.starts_with(b"PK\x03\x04") {
        return Some(FeedFormat::Xlsx);
    }
    // Markup in any encoding's bytes, whatever its declaration claims.
    if starts_with_markup(head) {
        return Some(FeedFormat::Bmecat);
    }
    let encoding = detect_encoding(head);
    let (text, _) = encoding.encoding().decode_with_bom_removal(head);
    let text = text.trim_start();
    if text.is_empty() {
        return None;
    }
    if text.starts_with('<') {
        return Some(FeedFormat::Bmecat);
    }
    let binary =
        !matches!(encoding, FeedEncoding::Utf16Le | FeedEncoding::Utf16Be) && head.contains(&0);
    (!binary).then_some(FeedFormat::Csv)
}

/// What the wizard shows before the user maps columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct FeedPreview {
    pub format: FeedFormat,
    pub encoding: Option<FeedEncoding>,
    pub separator: Option<Separator>,
    pub decimal_mark: Option<DecimalMark>,
    /// The header row of a table (empty for BMEcat).
    pub header: Vec<String>,
    /// The first rows after the header, as text (for BMEcat: the first lines of the file).
    pub rows: Vec<Vec<String>>,
    /// BMEcat: the price types the first `price_types_from` articles state,
    /// with how many of them state each and take it as cost / list price by
    /// default (empty for tables).
    pub price_types: Vec<PriceTypeCount>,
    pub price_types_from: u32,
}

/// How many BMEcat articles the preview reads for their price types.
pub const PREVIEW_ARTICLES: u32 = 1000;

/// Looks at the start of a feed (at most 64 KiB of a text file) and tells how it
/// would be read, with its first `limit` rows.
pub fn preview_feed<R: Read + Seek>(
    mut reader: R,
    file: &str,
    limit: usize,
) -> Result<FeedPreview, FeedError> {
    let io = |source| FeedError::Io {
        file: file.into(),
        source,
    };
    let mut head = Vec::new();
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(io)?;
    let format = detect_format(&head).ok_or_else(|| FeedError::Empty { file: file.into() })?;
    match format {
        FeedFormat::Xlsx => {
            reader.seek(SeekFrom::Start(0)).map_err(io)?;
            let mut rows = xlsx_rows(reader, file, limit.saturating_add(1))?;
            let header = if rows.is_empty() {
                Vec::new()
            } else {
                rows.remove(0)
            };
            Ok(FeedPreview {
                format,
                encoding: None,
                separator: None,
                decimal_mark: None,
                header,
                rows,
                price_types: Vec::new(),
                price_types_from: 0,
            })
        }
        FeedFormat::Bmecat => {
            let encoding = xml_encoding(&head).map_err(|reason| FeedError::XmlEncoding {
                file: file.into(),
                reason,
            })?;
            let (text, _) = encoding.encoding().decode_with_bom_removal(&head);
            reader.seek(SeekFrom::Start(0)).map_err(io)?;
            let (price_types, price_types_from) =
                bmecat_price_types(reader, &BmecatOptions::default(), file, PREVIEW_ARTICLES);
            Ok(FeedPreview {
                format,
                encoding: Some(encoding),
                separator: None,
                decimal_mark: None,
                header: Vec::new(),
                rows: text
                    .lines()
                    .take(limit)
                    .map(|l| vec![l.to_owned()])
                    .collect(),
                price_types,
                price_types_from,
            })
        }
        FeedFormat::Csv => {
            let encoding = detect_encoding(&head);
            refuse_non_text(&head, encoding, file)?;
            let separator = sniff_separator(&first_line(&head, encoding));
            let (text, _) = encoding.encoding().decode_with_bom_removal(&head);
            // The prefix may end mid-row: only whole rows are shown.
            let complete = text.rfind('\n').map_or(&text[..], |end| &text[..end]);
            let mut csv = csv::ReaderBuilder::new()
                .delimiter(separator.byte())
                .has_headers(false)
                .flexible(true)
                .from_reader(complete.as_bytes());
            let mut records = csv.records().filter_map(Result::ok).map(|r| {
                r.iter()
                    .map(|c| c.trim().to_owned())
                    .collect::<Vec<String>>()
            });
            let header = records.next().unwrap_or_default();
            let rows: Vec<Vec<String>> = records.take(limit).collect();
            let mark =
                detect_decimal_mark(rows.iter().flatten().map(String::as_str), Some(separator));
            Ok(FeedPreview {
                format,
                encoding: Some(encoding),
                separator: Some(separator),
                decimal_mark: Some(mark),
                header,
                rows,
                price_types: Vec::new(),
                price_types_from: 0,
            })
        }
    }
}
