//! Imports: the store module that alone writes the import log (`import_run`,
//! its problems, discontinued offers, price conversions and price types) and
//! the mapping profiles, and maps their rows. The import (`super::import`)
//! and the report and profile commands decide; this module only reads and
//! writes rows, in the caller's transaction.

use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use super::report::{
    format_from, format_str, removal_from, Discontinuation, DiscontinuedOffer, ImportReport,
    ImportRunSummary, PriceConversionSummary,
};
use crate::error::{Error, Result, SourceLocation};
use crate::error::{InputSays, Wording};
use crate::feed::{ConversionKind, MappingProfile, PriceTypeCount, RowProblem};

// ---- The import log: one run ----

/// Starts the log of a run (its counts are written by [`finish_run`]); answers
/// the run's id.
pub(crate) fn begin_run(tx: &Transaction<'_>, file_name: &str, started_at: &str) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO import_run (source, file_name, format, full_feed, started_at,
             finished_at, rows_read, new, new_products, updated, unchanged, rejected,
             discontinued)
         VALUES ('', ?1, 'csv', 0, ?2, ?2, 0, 0, 0, 0, 0, 0, 0)",
    )?
    .execute(params![file_name, started_at])?;
    Ok(tx.last_insert_rowid())
}

/// Writes a finished run's counts, source, catalog and discontinuation.
pub(crate) fn finish_run(tx: &Transaction<'_>, r: &ImportReport) -> Result<()> {
    tx.prepare_cached(
        "UPDATE import_run SET source = ?2, format = ?3, full_feed = ?4, finished_at = ?5,
             rows_read = ?6, new = ?7, new_products = ?8, updated = ?9, unchanged = ?10,
             rejected = ?11, discontinued = ?12, problems_not_kept = ?13, catalog = ?14,
             discontinuation = ?15, discontinued_not_kept = ?16
         WHERE id = ?1",
    )?
    .execute(params![
        r.id,
        r.source,
        format_str(r.format),
        r.full_feed,
        r.finished_at,
        r.rows_read,
        r.new,
        r.new_products,
        r.updated,
        r.unchanged,
        r.rejected,
        r.discontinued,
        r.problems_not_kept,
        r.catalog,
        r.discontinuation.as_ref().map(Discontinuation::to_json),
        r.discontinued_not_kept
    ])?;
    tx.prepare_cached(
        "UPDATE import_run SET unpriced = ?2, price_types_not_kept = ?3, prices_kept = ?4
         WHERE id = ?1",
    )?
    .execute(params![
        r.id,
        r.unpriced,
        r.price_types_not_kept,
        r.prices_kept
    ])?;
    Ok(())
}

/// The rows read by the last full import of `source`'s `catalog` other than
/// the run `except`.
pub(crate) fn last_full_rows(
    conn: &Connection,
    source: &str,
    catalog: &str,
    except: i64,
) -> Result<Option<u32>> {
    Ok(conn
        .prepare_cached(
            "SELECT rows_read FROM import_run
             WHERE source = ?1 AND catalog = ?2 AND full_feed = 1 AND id <> ?3
             ORDER BY id DESC LIMIT 1",
        )?
        .query_row(params![source, catalog, except], |r| r.get(0))
        .optional()?)
}

/// Keeps a run's rejected rows, in order.
pub(crate) fn insert_problems(
    tx: &Transaction<'_>,
    run_id: i64,
    problems: &[RowProblem],
) -> Result<()> {
    for (position, p) in problems.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO import_problem (run_id, position, file, line, element, field, reason,
                 source_key)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            run_id,
            i64::try_from(position).unwrap_or(i64::MAX),
            p.file,
            p.location.line,
            p.location.element,
            p.field,
            p.reason,
            p.source_key
        ])?;
    }
    Ok(())
}

/// Keeps an offer a run discontinued, at `position` in its list.
pub(crate) fn insert_discontinued(
    tx: &Transaction<'_>,
    run_id: i64,
    position: usize,
    offer: &DiscontinuedOffer,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO import_discontinued (run_id, position, product_id, source_key, name, why)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        run_id,
        i64::try_from(position).unwrap_or(i64::MAX),
        offer.product_id,
        offer.source_key,
        offer.name,
        offer.why.as_str()
    ])?;
    Ok(())
}

/// Saves what the report adds to `import_run` and `import_problem`: the price
/// types and the price conversions (in the import's transaction).
pub(crate) fn save_price_parts(tx: &Transaction<'_>, report: &ImportReport) -> Result<()> {
    for (position, t) in report.price_types.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO import_price_type (run_id, position, price_type, articles, as_cost, as_list)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            report.id,
            i64::try_from(position).unwrap_or(i64::MAX),
            t.price_type,
            t.articles,
            t.as_cost,
            t.as_list
        ])?;
    }
    for c in &report.price_conversions {
        let conversion = serde_json::to_string(&c.example)
            .map_err(|e| Error::Corrupt(format!("price conversion: {e}")))?;
        tx.prepare_cached(
            "INSERT INTO import_price_conversion (run_id, kind, articles, source_key, line, element,
                 conversion)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?
        .execute(params![
            report.id,
            c.kind.as_str(),
            c.articles,
            c.source_key,
            c.location.line,
            c.location.element,
            conversion
        ])?;
    }
    Ok(())
}

// ---- The import log: past runs ----

const RUN_COLUMNS: &str = "id, source, file_name, format, full_feed, started_at, finished_at,
    rows_read, new, new_products, updated, unchanged, rejected, discontinued, problems_not_kept,
    catalog, discontinuation, discontinued_not_kept, unpriced, price_types_not_kept, prices_kept";

/// A run's report without its lists, its format's text, and its
/// discontinuation's JSON.
fn report_from_row(r: &Row<'_>) -> rusqlite::Result<(ImportReport, String, Option<String>)> {
    Ok((
        ImportReport {
            id: r.get(0)?,
            source: r.get(1)?,
            catalog: r.get(15)?,
            file_name: r.get(2)?,
            format: crate::feed::FeedFormat::Csv,
            full_feed: r.get(4)?,
            started_at: r.get(5)?,
            finished_at: r.get(6)?,
            rows_read: r.get(7)?,
            new: r.get(8)?,
            new_products: r.get(9)?,
            updated: r.get(10)?,
            unchanged: r.get(11)?,
            rejected: r.get(12)?,
            discontinued: r.get(13)?,
            problems: Vec::new(),
            problems_not_kept: r.get(14)?,
            discontinuation: None,
            discontinued_offers: Vec::new(),
            discontinued_not_kept: r.get(17)?,
            unpriced: r.get(18)?,
            prices_kept: r.get(20)?,
            price_types: Vec::new(),
            price_types_not_kept: r.get(19)?,
            price_conversions: Vec::new(),
        },
        r.get(3)?,
        r.get(16)?,
    ))
}

/// Past runs, newest first.
pub(crate) fn run_summaries(conn: &Connection) -> Result<Vec<ImportRunSummary>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {RUN_COLUMNS} FROM import_run ORDER BY id DESC"
    ))?;
    let mut rows = stmt.query([])?;
    let mut runs = Vec::new();
    while let Some(r) = rows.next()? {
        let (report, format, _) = report_from_row(r)?;
        runs.push(ImportRunSummary {
            id: report.id,
            source: report.source,
            catalog: report.catalog,
            file_name: report.file_name,
            format: format_from(&format)?,
            full_feed: report.full_feed,
            finished_at: report.finished_at,
            rows_read: report.rows_read,
            new: report.new,
            updated: report.updated,
            unchanged: report.unchanged,
            rejected: report.rejected,
            discontinued: report.discontinued,
        });
    }
    Ok(runs)
}

/// A saved run's report with its lists, in the order they were kept (the
/// price conversions in the order of the table): `None` when there is no
/// such run.
pub(crate) fn run(conn: &Connection, id: i64) -> Result<Option<ImportReport>> {
    let Some((mut report, format, discontinuation)) = conn
        .prepare_cached(&format!(
            "SELECT {RUN_COLUMNS} FROM import_run WHERE id = ?1"
        ))?
        .query_row([id], report_from_row)
        .optional()?
    else {
        return Ok(None);
    };
    report.format = format_from(&format)?;
    report.discontinuation = Discontinuation::from_json(discontinuation)?;
    let mut stmt = conn.prepare_cached(
        "SELECT file, line, element, field, reason, source_key FROM import_problem
         WHERE run_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        report.problems.push(RowProblem {
            file: r.get(0)?,
            location: SourceLocation {
                line: r.get(1)?,
                element: r.get(2)?,
            },
            field: r.get(3)?,
            reason: r.get(4)?,
            source_key: r.get(5)?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT product_id, source_key, name, why FROM import_discontinued
         WHERE run_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        report.discontinued_offers.push(DiscontinuedOffer {
            product_id: r.get(0)?,
            source_key: r.get(1)?,
            name: r.get(2)?,
            why: removal_from(&r.get::<_, String>(3)?)?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT price_type, articles, as_cost, as_list FROM import_price_type
         WHERE run_id = ?1 ORDER BY position",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        report.price_types.push(PriceTypeCount {
            price_type: r.get(0)?,
            articles: r.get(1)?,
            as_cost: r.get(2)?,
            as_list: r.get(3)?,
        });
    }
    let mut stmt = conn.prepare_cached(
        "SELECT kind, articles, source_key, line, element, conversion FROM import_price_conversion
         WHERE run_id = ?1",
    )?;
    let mut rows = stmt.query(params![id])?;
    while let Some(r) = rows.next()? {
        let kind: String = r.get(0)?;
        let conversion: String = r.get(5)?;
        report.price_conversions.push(PriceConversionSummary {
            kind: ConversionKind::parse(&kind)
                .ok_or_else(|| Error::Corrupt(format!("price conversion kind {kind:?}")))?,
            articles: r.get(1)?,
            source_key: r.get(2)?,
            location: SourceLocation {
                line: r.get(3)?,
                element: r.get(4)?,
            },
            example: serde_json::from_str(&conversion)
                .map_err(|e| Error::Corrupt(format!("price conversion of run {id}: {e}")))?,
        });
    }
    Ok(Some(report))
}

// ---- Mapping profiles ----

/// Saves a profile under its (trimmed) name, replacing one of the same name
/// (ignoring case).
pub(crate) fn upsert_mapping_profile(tx: &Transaction<'_>, profile: &MappingProfile) -> Result<()> {
    let json = serde_json::to_string(profile).map_err(|e| {
        Error::input_said(
            "profile",
            Wording::new(InputSays::ProfileNotStored).text("error", e),
        )
    })?;
    tx.prepare_cached(
        "INSERT INTO mapping_profile (name, profile) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, profile = excluded.profile",
    )?
    .execute(params![profile.name.trim(), json])?;
    Ok(())
}

fn profile_from_json(json: &str) -> Result<MappingProfile> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("mapping profile: {e}")))
}

/// The profile saved under this name (ignoring case), if one is.
pub(crate) fn saved_mapping_profile(
    conn: &Connection,
    name: &str,
) -> Result<Option<MappingProfile>> {
    conn.prepare_cached("SELECT profile FROM mapping_profile WHERE name = ?1")?
        .query_row([name.trim()], |r| r.get::<_, String>(0))
        .optional()?
        .map(|json| profile_from_json(&json))
        .transpose()
}

/// The saved profiles, by name.
pub(crate) fn saved_mapping_profiles(conn: &Connection) -> Result<Vec<MappingProfile>> {
    let mut stmt = conn.prepare_cached("SELECT profile FROM mapping_profile ORDER BY name")?;
    let mut rows = stmt.query([])?;
    let mut profiles = Vec::new();
    while let Some(r) = rows.next()? {
        profiles.push(profile_from_json(&r.get::<_, String>(0)?)?);
    }
    Ok(profiles)
}

/// Deletes the profile saved under this name; answers whether there was one.
pub(crate) fn delete_mapping_profile(tx: &Transaction<'_>, name: &str) -> Result<bool> {
    Ok(tx
        .prepare_cached("DELETE FROM mapping_profile WHERE name = ?1")?
        .execute([name.trim()])?
        > 0)
}
