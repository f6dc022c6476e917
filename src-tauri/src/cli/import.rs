//! Supplier feeds: `catalog import|imports|report` and `dev gen-feed`.

use clap::{Args, Subcommand};
use servicefolio::feed::{self, FeedFormat};
use servicefolio::{master, Store};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use super::output::{self, Failure};

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Write a realistic ITScope-style CSV feed (same seed, same file).
    GenFeed {
        #[arg(long)]
        rows: u64,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
}

/// Which price of a BMEcat article a price type feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriceRole {
    Cost,
    List,
}

pub(super) fn parse_price_type(text: &str) -> Result<(PriceRole, String), String> {
    let (role, kind) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?} is not ROLE=TYPE (cost=net_customer, list=nrp)"))?;
    let role = match role.trim().to_ascii_lowercase().as_str() {
        "cost" => PriceRole::Cost,
        "list" => PriceRole::List,
        other => return Err(format!("{other:?} is not a role: cost or list")),
    };
    let kind = kind.trim();
    if kind.is_empty() {
        return Err(format!("{text:?} names no price type"));
    }
    Ok((role, kind.to_owned()))
}

pub(super) fn parse_language(text: &str) -> Result<String, String> {
    let code = text.trim();
    if (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphabetic()) {
        Ok(code.to_owned())
    } else {
        Err(format!(
            "{text:?} is not a language code (two or three letters: de, deu, en, eng)"
        ))
    }
}

/// The BMEcat options the flags ask for; `None` when none was given.
pub(super) fn bmecat_options(
    price_types: &[(PriceRole, String)],
    languages: &[String],
) -> Option<feed::BmecatOptions> {
    if price_types.is_empty() && languages.is_empty() {
        return None;
    }
    let mut options = feed::BmecatOptions::default();
    let of = |role: PriceRole| -> Vec<String> {
        price_types
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, t)| t.clone())
            .collect()
    };
    let (cost, list) = (of(PriceRole::Cost), of(PriceRole::List));
    if !cost.is_empty() {
        options.cost_price_types = cost;
    }
    if !list.is_empty() {
        options.list_price_types = list;
    }
    if !languages.is_empty() {
        options.languages = languages.to_vec();
    }
    Some(options)
}

pub(super) fn parse_format(text: &str) -> Result<FeedFormat, String> {
    match text.to_ascii_lowercase().as_str() {
        "csv" => Ok(FeedFormat::Csv),
        "xlsx" => Ok(FeedFormat::Xlsx),
        "bmecat" | "xml" => Ok(FeedFormat::Bmecat),
        _ => Err("expected csv, xlsx or bmecat".into()),
    }
}

/// `dev gen-feed`: needs no database.
pub fn dev(command: DevCommand) -> Result<(), Failure> {
    let DevCommand::GenFeed { rows, seed, out } = command;
    let mut written = 0;
    servicefolio::files::write_atomically(&out, |file| {
        written = feed::generate_itscope_feed(rows, seed, file)?;
        Ok(())
    })?;
    eprintln!("wrote {written} rows to {}", out.display());
    Ok(())
}

/// `catalog import FILE`: a supplier feed in one transaction, then its report.
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// csv, xlsx or bmecat (default: detected from the first bytes).
    #[arg(long, value_name = "F", value_parser = parse_format)]
    pub format: Option<FeedFormat>,
    /// A saved mapping profile for CSV/XLSX (default: the built-in ITScope one).
    #[arg(long, value_name = "P")]
    pub profile: Option<String>,
    /// The source the articles come from. Default: the supplier a BMEcat file
    /// names (a file naming none is refused until this names one), or the
    /// mapping profile's name (ITScope without --profile).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// The file lists every article of its source's catalog: active offers of
    /// that catalog it lacks are discontinued (BMEcat T_NEW_CATALOG always is).
    #[arg(long, conflicts_with = "not_full")]
    pub full: bool,
    /// Discontinue nothing the file lacks, even for a BMEcat T_NEW_CATALOG.
    #[arg(long)]
    pub not_full: bool,
    /// Let a full feed discontinue more than a tenth of its catalog's active
    /// offers, or any when the file looks cut off (otherwise it stops and
    /// imports nothing).
    #[arg(long)]
    pub allow_discontinue: bool,
    /// BMEcat: take the cost or list price from this price type (`cost=net_customer`,
    /// `list=UVP`); repeat in order of preference. Replaces that role's defaults
    /// (cost: net_customer, net_list; list: nrp, gros_list, net_list, net_customer).
    /// The report lists every price type the file states.
    #[arg(long = "price-type", value_name = "ROLE=TYPE", value_parser = parse_price_type)]
    pub price_type: Vec<(PriceRole, String)>,
    /// BMEcat: the language of names and descriptions (deu, eng, de, en, ...);
    /// repeat in order of preference (default: deu, then eng).
    #[arg(long = "lang", value_name = "CODE", value_parser = parse_language)]
    pub lang: Vec<String>,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
}

/// `catalog import`: the feed imported with a progress bar on a terminal.
pub fn import(store: &mut Store, args: ImportArgs, out: &mut dyn Write) -> Result<(), Failure> {
    let ImportArgs {
        file,
        format,
        profile,
        source,
        full,
        not_full,
        allow_discontinue,
        price_type,
        lang,
        json,
    } = args;
    let profile = profile
        .map(|name| master::mapping_profile(store.conn(), &name))
        .transpose()?;
    let options = master::ImportOptions {
        source,
        format,
        profile,
        full: match (full, not_full) {
            (true, _) => Some(true),
            (_, true) => Some(false),
            _ => None,
        },
        allow_discontinue,
        bmecat: bmecat_options(&price_type, &lang),
        ..master::ImportOptions::default()
    };
    let mut bar = ProgressBar::new();
    let report = master::import_feed(
        store,
        &file,
        &options,
        &mut |p| bar.show(&p),
        &AtomicBool::new(false),
    );
    bar.clear();
    output::print(out, json, &report?, print_report)
}

/// `catalog imports`: past imports, newest first.
pub fn imports(store: &mut Store, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let runs = master::import_reports(store.conn())?;
    output::print(out, json, &runs, |out, runs| {
        for r in runs {
            writeln!(
                out,
                "{}\t{}\t{}\t{}\tread {}, new {}, updated {}, unchanged {}, rejected {}, discontinued {}",
                r.id, r.finished_at, r.source, r.file_name, r.rows_read, r.new, r.updated,
                r.unchanged, r.rejected, r.discontinued
            )?;
        }
        Ok(())
    })
}

/// `catalog report ID`: a past import's report.
pub fn report(store: &mut Store, id: i64, json: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let report = master::import_report(store.conn(), id)?;
    output::print(out, json, &report, print_report)
}

/// "1 article", "2 articles".
fn articles(n: u32) -> String {
    counted(n, "article", "articles")
}

/// `n` and the word for one or for several.
fn counted(n: u32, one: &str, several: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { several })
}

/// The import report as lines of text.
pub(super) fn print_report(out: &mut dyn Write, r: &master::ImportReport) -> std::io::Result<()> {
    writeln!(
        out,
        "import {} of {} ({:?}{}, source {}, catalog {}): {} read, {} new ({}), {} updated, {} unchanged, {} rejected, {} discontinued",
        r.id,
        r.file_name,
        r.format,
        if r.full_feed { ", full feed" } else { "" },
        r.source,
        r.catalog,
        counted(r.rows_read, "row", "rows"),
        r.new,
        counted(r.new_products, "new product", "new products"),
        r.updated,
        r.unchanged,
        r.rejected,
        r.discontinued
    )?;
    if r.unpriced > 0 {
        writeln!(
            out,
            "unpriced: {} without a price (found in the catalog, not bookable until an import prices them)",
            articles(r.unpriced)
        )?;
    }
    if r.prices_kept > 0 {
        writeln!(
            out,
            "prices kept: {} stated no price; their offers keep the prices of an earlier import",
            articles(r.prices_kept)
        )?;
    }
    for t in &r.price_types {
        let taken = match (t.as_cost, t.as_list) {
            (0, 0) => "not taken".to_owned(),
            (cost, list) => format!("taken as cost price by {cost}, as list price by {list}"),
        };
        writeln!(
            out,
            "price type {}: {}, {taken}",
            t.price_type,
            articles(t.articles)
        )?;
    }
    if r.price_types_not_kept > 0 {
        writeln!(out, "... and {} more price types", r.price_types_not_kept)?;
    }
    for c in &r.price_conversions {
        let what = match c.kind {
            feed::ConversionKind::PriceQuantity => "divided by PRICE_QUANTITY",
            feed::ConversionKind::Factor => "multiplied by PRICE_FACTOR",
            feed::ConversionKind::Tier => "taken from one of several tiers (LOWER_BOUND)",
            feed::ConversionKind::PriceUnit => "converted from PRICE_BASE to the order unit",
        };
        writeln!(
            out,
            "converted: {} {what}, e.g. {} ({}): {}",
            articles(c.articles),
            c.source_key,
            c.location,
            c.example
        )?;
    }
    for p in &r.problems {
        writeln!(out, "rejected: {p}")?;
    }
    if r.problems_not_kept > 0 {
        writeln!(out, "... and {} more rejected rows", r.problems_not_kept)?;
    }
    match &r.discontinuation {
        Some(master::Discontinuation::NotFull) => writeln!(
            out,
            "not a full feed: articles it lacks were left as they are"
        )?,
        Some(master::Discontinuation::RowsWithoutKey { rows }) => writeln!(
            out,
            "nothing was discontinued: {rows} rejected row(s) had no readable key, so the file may still list any article"
        )?,
        Some(master::Discontinuation::FullFeed {
            active,
            missing,
            allowed,
        }) => {
            writeln!(
                out,
                "full feed: {missing} of the catalog's {active} active offers were not in the file and were discontinued"
            )?;
            for reason in allowed {
                writeln!(out, "allowed although {reason}")?;
            }
        }
        None => {}
    }
    for d in &r.discontinued_offers {
        let why = match d.why {
            master::Removal::Missing => "missing",
            master::Removal::Deleted => "deleted",
        };
        writeln!(out, "discontinued ({why}): {}\t{}", d.source_key, d.name)?;
    }
    if r.discontinued_not_kept > 0 {
        writeln!(
            out,
            "... and {} more discontinued offers",
            r.discontinued_not_kept
        )?;
    }
    Ok(())
}

/// A progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    tty: bool,
    drawn: bool,
}

impl ProgressBar {
    fn new() -> ProgressBar {
        ProgressBar {
            tty: std::io::stderr().is_terminal(),
            drawn: false,
        }
    }

    fn show(&mut self, p: &master::ImportProgress) {
        if !self.tty {
            return;
        }
        const WIDTH: u64 = 30;
        let done = p.bytes.min(p.total_bytes);
        let filled = (done * WIDTH)
            .checked_div(p.total_bytes)
            .unwrap_or(0)
            .min(WIDTH);
        let percent = (done * 100).checked_div(p.total_bytes).unwrap_or(0);
        let bar: String = (0..WIDTH)
            .map(|i| if i < filled { '#' } else { '-' })
            .collect();
        eprint!("\r[{bar}] {percent:>3}%  {} rows", p.rows);
        self.drawn = true;
    }

    fn clear(&mut self) {
        if self.drawn {
            eprint!("\r{:60}\r", "");
            self.drawn = false;
        }
    }
}
