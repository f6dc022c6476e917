//! Headless subcommands. Each parses its flags, calls one core function and prints.

use clap::{Parser, Subcommand};
use servicefolio::catalog::{self, CatalogItemSummary, CatalogQuery, ItemKind};
use servicefolio::feed::{self, FeedFormat};
use servicefolio::locale::Locale;
use servicefolio::master;
use servicefolio::offer::{self, OfferExportFormat, OfferStatus};
use servicefolio::portfolio::{self, PortfolioFile};
use servicefolio::Store;
use servicefolio::{booking, customer, settings};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

/// The identifier in tauri.conf.json; Tauri's app data dir is the data dir joined with it.
pub const IDENTIFIER: &str = "io.servicefolio.desktop";
const DATABASE_FILE: &str = "servicefolio.db";

#[derive(Debug, Parser)]
#[command(
    name = "servicefolio",
    version,
    about = "Design IT service portfolios and turn them into priced offers.",
    long_about = "Design IT service portfolios and turn them into priced offers.\n\n\
                  Without a subcommand the desktop window opens."
)]
pub struct Cli {
    /// The database file (created and seeded with the demo portfolio if missing).
    /// Default: servicefolio.db in the app's data directory.
    #[arg(long, global = true, env = "SERVICEFOLIO_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// A database created by this run starts with an empty catalog instead of the demo.
    #[arg(long, global = true)]
    pub no_demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the catalog.
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Write the catalog to a portfolio file (*.servicefolio.json).
    Export {
        /// The file to write; it is replaced only once it is complete.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Add a portfolio file's items to the catalog, updating those with the same code.
    /// An invalid file is refused with the JSON path and the reason; nothing changes.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// Customers and their structure.
    #[command(subcommand)]
    Customer(CustomerCommand),
    /// Tools for developers (test data).
    #[command(subcommand)]
    Dev(DevCommand),
    /// Plan a booking request (docs/booking-request.md) and, with --apply, book it.
    Book {
        #[arg(long, value_name = "FILE")]
        request: PathBuf,
        /// Write the plan into the inventory as ordered instances.
        #[arg(long)]
        apply: bool,
        #[arg(long)]
        json: bool,
    },
    /// Order an add-on (a one-time service request) for an instance.
    AddOn {
        #[arg(value_name = "INSTANCE")]
        instance: i64,
        #[arg(value_name = "CODE")]
        code: String,
        #[arg(long, default_value_t = 1)]
        quantity: i64,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Offers: create from booking requests, list, show, move along, version, compare, export.
    #[command(subcommand)]
    Offer(OfferCommand),
    /// The sender of documents and the document language.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// A customer's instances with status, dates and costs.
    Inventory {
        #[arg(long, value_name = "ID")]
        customer: i64,
        /// The day to compute dates for (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum OfferCommand {
    /// Create an offer (draft, version 1) from booking request files, planned in order.
    Create {
        #[arg(long, value_name = "ID")]
        customer: i64,
        /// A booking request JSON file (docs/booking-request.md); repeat for more.
        #[arg(long, value_name = "FILE", required = true)]
        request: Vec<PathBuf>,
        /// The offer date (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        /// Default: the date plus the default validity days of the settings.
        #[arg(long, value_name = "YYYY-MM-DD")]
        valid_until: Option<chrono::NaiveDate>,
        #[arg(long, default_value = "")]
        notes: String,
        #[arg(long)]
        json: bool,
    },
    /// List offers (id, number, version, status, customer, validity).
    List {
        #[arg(long, value_name = "ID")]
        customer: Option<i64>,
        #[arg(long)]
        json: bool,
    },
    /// An offer's lines by group, its totals and (internal) margin.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Move an offer along: draft → sent → accepted | rejected | expired.
    /// Accepting books its plans as ordered inventory.
    Status {
        id: i64,
        #[arg(value_parser = ["sent", "accepted", "rejected", "expired"])]
        status: String,
    },
    /// Copy an offer as a new draft version.
    NewVersion {
        id: i64,
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
    },
    /// What changed between two offers (versions), line by line.
    Compare {
        from: i64,
        to: i64,
        #[arg(long)]
        json: bool,
    },
    /// Write the customer PDF, the XLSX calculation sheet or CSV.
    #[command(group(clap::ArgGroup::new("format").required(true).args(["pdf", "xlsx", "csv"])))]
    Export {
        id: i64,
        #[arg(long, value_name = "FILE")]
        pdf: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        csv: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Print the settings as JSON.
    Show,
    /// Replace the settings with a JSON file of the same shape as `settings show`.
    Set { file: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum CustomerCommand {
    /// Create a customer; prints its id.
    Create {
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "EUR")]
        currency: String,
        #[arg(long, default_value = "")]
        street: String,
        #[arg(long, default_value = "")]
        postal_code: String,
        #[arg(long, default_value = "")]
        city: String,
        #[arg(long, default_value = "")]
        country: String,
    },
    /// List customers (id, name, currency).
    List {
        #[arg(long)]
        json: bool,
    },
    /// A customer's structure: locations, employees, cloud containers, workplaces.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Add a location; prints its id.
    AddLocation {
        customer: i64,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        city: String,
    },
    /// Add a cloud container; prints its id.
    AddContainer {
        customer: i64,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        application: String,
    },
    /// Add a workplace for an employee; prints its id.
    AddWorkplace {
        employee: i64,
        #[arg(long)]
        name: String,
    },
    /// Add an onboarding template from a JSON file (name, scope, steps).
    AddTemplate { customer: i64, file: PathBuf },
    /// Book every onboarding template that applies to an employee, in one step.
    Onboard {
        employee: i64,
        /// The first day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        start: Option<chrono::NaiveDate>,
    },
    /// Import employees from a CSV or XLSX file (name, email, department, location).
    /// A file with bad rows changes nothing unless --skip-bad-rows.
    ImportEmployees {
        customer: i64,
        file: PathBuf,
        /// Show what would happen; write nothing.
        #[arg(long)]
        preview: bool,
        #[arg(long)]
        skip_bad_rows: bool,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// List catalog items, one per line (kind, code, name, price).
    List {
        /// Print a JSON array instead.
        #[arg(long)]
        json: bool,
        /// Only items whose name, code, manufacturer, part number or EAN contain every word.
        #[arg(long, value_name = "TEXT", default_value = "")]
        search: String,
        /// Only items of this kind.
        #[arg(long, value_parser = parse_kind)]
        kind: Option<ItemKind>,
    },
    /// Import a supplier feed (ITScope-style CSV, any CSV/XLSX with a mapping
    /// profile, BMEcat) in one transaction, and print the import report. A
    /// progress bar shows on stderr when it is a terminal.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// csv, xlsx or bmecat (default: detected from the first bytes).
        #[arg(long, value_name = "F", value_parser = parse_format)]
        format: Option<FeedFormat>,
        /// A saved mapping profile for CSV/XLSX (default: the built-in ITScope one).
        #[arg(long, value_name = "P")]
        profile: Option<String>,
        /// The source the articles come from. Default: the supplier a BMEcat file
        /// names (a file naming none is refused until this names one), or the
        /// mapping profile's name (ITScope without --profile).
        #[arg(long, value_name = "NAME")]
        source: Option<String>,
        /// The file lists every article of its source's catalog: active offers of
        /// that catalog it lacks are discontinued (BMEcat T_NEW_CATALOG always is).
        #[arg(long, conflicts_with = "not_full")]
        full: bool,
        /// Discontinue nothing the file lacks, even for a BMEcat T_NEW_CATALOG.
        #[arg(long)]
        not_full: bool,
        /// Let a full feed discontinue more than a tenth of its catalog's active
        /// offers, or any when the file looks cut off (otherwise it stops and
        /// imports nothing).
        #[arg(long)]
        allow_discontinue: bool,
        /// BMEcat: take the cost or list price from this price type (`cost=net_customer`,
        /// `list=UVP`); repeat in order of preference. Replaces that role's defaults
        /// (cost: net_customer, net_list; list: nrp, gros_list, net_list, net_customer).
        /// The report lists every price type the file states.
        #[arg(long = "price-type", value_name = "ROLE=TYPE", value_parser = parse_price_type)]
        price_type: Vec<(PriceRole, String)>,
        /// BMEcat: the language of names and descriptions (deu, eng, de, en, ...);
        /// repeat in order of preference (default: deu, then eng).
        #[arg(long = "lang", value_name = "CODE", value_parser = parse_language)]
        lang: Vec<String>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Search products as you type (full-text, every word a prefix, ranked).
    Search {
        #[arg(value_name = "QUERY", default_value = "")]
        query: String,
        #[arg(long)]
        manufacturer: Option<String>,
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        source: Option<String>,
        /// Only products in or low stock.
        #[arg(long)]
        in_stock: bool,
        #[arg(long, default_value_t = 20)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Past imports (id, time, source, file, counts).
    Imports {
        #[arg(long)]
        json: bool,
    },
    /// Reopen the report of an import.
    Report {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// The category rules (booking contexts and linked items of imported
    /// products), with how many products each governs. Edit them in the app
    /// or in a portfolio file (`export`, `import`).
    Rules {
        #[arg(long)]
        json: bool,
    },
}

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

fn parse_price_type(text: &str) -> Result<(PriceRole, String), String> {
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

fn parse_language(text: &str) -> Result<String, String> {
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
fn bmecat_options(
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

fn parse_format(text: &str) -> Result<FeedFormat, String> {
    match text.to_ascii_lowercase().as_str() {
        "csv" => Ok(FeedFormat::Csv),
        "xlsx" => Ok(FeedFormat::Xlsx),
        "bmecat" | "xml" => Ok(FeedFormat::Bmecat),
        _ => Err("expected csv, xlsx or bmecat".into()),
    }
}

fn parse_kind(text: &str) -> Result<ItemKind, String> {
    ItemKind::parse(text).ok_or_else(|| {
        let names: Vec<&str> = ItemKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("expected one of {}", names.join(", "))
    })
}

/// The database the app uses when no `--db` is given.
pub fn default_database_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(IDENTIFIER).join(DATABASE_FILE))
}

/// Why a subcommand failed: the core refused (a typed error, maybe with the
/// file it is about), or writing the output failed.
#[derive(Debug)]
pub enum Failure {
    Core {
        error: servicefolio::Error,
        /// What the error is about when the core does not say (the file read).
        about: Option<String>,
    },
    Output(std::io::Error),
}

impl From<servicefolio::Error> for Failure {
    fn from(error: servicefolio::Error) -> Self {
        Failure::Core { error, about: None }
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure::Output(error)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Self {
        Failure::Output(error.into())
    }
}

/// A core error about `file` (its message is prefixed with the file's name).
fn in_file(file: &Path) -> impl FnOnce(servicefolio::Error) -> Failure + '_ {
    move |error| Failure::Core {
        error,
        about: Some(file.display().to_string()),
    }
}

/// A JSON file (a request, a template, settings) that does not parse.
fn parse_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T, Failure> {
    let text = servicefolio::files::read_to_string(file)?;
    serde_json::from_str(&text).map_err(|e| {
        Failure::from(servicefolio::Error::InvalidInput {
            field: file.display().to_string(),
            reason: e.to_string(),
        })
    })
}

/// The error object `--json` prints on stdout: `{"error": {kind, message, details}}`.
#[derive(Debug, serde::Serialize)]
pub struct JsonError<'a> {
    pub error: &'a servicefolio::ErrorPayload,
}

impl Command {
    /// Whether the command was asked for JSON output (`--json`); its failures
    /// are then printed as a JSON error object on stdout too.
    pub fn json(&self) -> bool {
        match self {
            Command::Catalog(c) => match c {
                CatalogCommand::List { json, .. }
                | CatalogCommand::Import { json, .. }
                | CatalogCommand::Search { json, .. }
                | CatalogCommand::Imports { json }
                | CatalogCommand::Report { json, .. }
                | CatalogCommand::Rules { json } => *json,
            },
            Command::Book { json, .. } | Command::Inventory { json, .. } => *json,
            Command::Offer(c) => match c {
                OfferCommand::Create { json, .. }
                | OfferCommand::List { json, .. }
                | OfferCommand::Show { json, .. }
                | OfferCommand::Compare { json, .. } => *json,
                OfferCommand::Status { .. }
                | OfferCommand::NewVersion { .. }
                | OfferCommand::Export { .. } => false,
            },
            Command::Customer(c) => match c {
                CustomerCommand::List { json }
                | CustomerCommand::Show { json, .. }
                | CustomerCommand::ImportEmployees { json, .. } => *json,
                _ => false,
            },
            Command::Export { .. }
            | Command::Import { .. }
            | Command::Dev(_)
            | Command::AddOn { .. }
            | Command::Settings(_) => false,
        }
    }
}

/// Runs a subcommand; returns the process exit code. A failure prints the
/// reason on stderr and exits 1; with `--json` it also prints
/// `{"error": {"kind", "message", "details"}}` on stdout.
pub fn run(command: Command, db: Option<&Path>, no_demo: bool) -> i32 {
    run_to(
        command,
        db,
        no_demo,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr(),
    )
}

/// [`run`], printing to `out` and `err`.
pub fn run_to(
    command: Command,
    db: Option<&Path>,
    no_demo: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let json = command.json();
    let result = match db.map(Path::to_path_buf).or_else(default_database_path) {
        Some(path) => execute(command, &path, no_demo, out),
        None => Err(Failure::from(servicefolio::Error::InvalidInput {
            field: "--db".into(),
            reason: "no data directory is known for this user; pass --db PATH".into(),
        })),
    };
    match result {
        Ok(()) => 0,
        // `servicefolio catalog list | head` closes the pipe early: not an error.
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(Failure::Output(e)) => {
            let _ = writeln!(err, "servicefolio: cannot write the output: {e}");
            1
        }
        Err(Failure::Core { error, about }) => {
            let mut payload = servicefolio::ErrorPayload::from(error);
            if let Some(about) = about {
                payload.message = format!("{about}: {}", payload.message);
            }
            let _ = writeln!(err, "servicefolio: {}", payload.message);
            if json {
                // A closed stdout loses only the copy of what stderr said.
                let _ = serde_json::to_writer_pretty(&mut *out, &JsonError { error: &payload })
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out));
            }
            1
        }
    }
}

fn execute(
    command: Command,
    path: &Path,
    no_demo: bool,
    mut out: &mut dyn Write,
) -> Result<(), Failure> {
    // Needs no database.
    if let Command::Dev(DevCommand::GenFeed { rows, seed, out }) = &command {
        let mut written = 0;
        servicefolio::files::write_atomically(out, |file| {
            written = feed::generate_itscope_feed(*rows, *seed, file)?;
            Ok(())
        })?;
        eprintln!("wrote {written} rows to {}", out.display());
        return Ok(());
    }
    let mut store = if no_demo {
        Store::open_without_demo(path)?
    } else {
        Store::open(path)?
    };
    match command {
        Command::Export { out: file } => {
            let text = portfolio::export(store.conn())?;
            servicefolio::files::write_bytes(&file, text.as_bytes())?;
        }
        Command::Import { file } => {
            let text = servicefolio::files::read_to_string(&file)?;
            let records = PortfolioFile::parse(&text).map_err(in_file(&file))?;
            let summary = portfolio::import(&mut store, &records)?;
            writeln!(
                out,
                "imported {}: {} added, {} updated, {} unchanged",
                file.display(),
                summary.added,
                summary.updated,
                summary.unchanged
            )?;
        }
        Command::Customer(command) => customer_command(&mut store, command, &mut out)?,
        Command::Offer(command) => offer_command(&mut store, command, &mut out)?,
        Command::Settings(SettingsCommand::Show) => {
            serde_json::to_writer_pretty(&mut out, &settings::settings(store.conn())?)?;
            writeln!(out)?;
        }
        Command::Settings(SettingsCommand::Set { file }) => {
            let parsed: settings::Settings = parse_json(&file)?;
            store.write(|tx| settings::save_settings(tx, &parsed))?;
        }
        Command::Book {
            request,
            apply,
            json,
        } => {
            let parsed: booking::BookingRequest = parse_json(&request)?;
            let plan = booking::plan(store.conn(), &parsed)?;
            let booked = if apply {
                Some(store.write(|tx| booking::apply(tx, &plan, booking::ApplyAs::Ordered))?)
            } else {
                None
            };
            if json {
                serde_json::to_writer_pretty(
                    &mut out,
                    &serde_json::json!({ "plan": plan, "instances": booked }),
                )?;
                writeln!(out)?;
            } else {
                print_plan(&mut out, &plan)?;
                if let Some(ids) = booked {
                    writeln!(out, "booked {} instance(s) as ordered", ids.len())?;
                }
            }
        }
        Command::AddOn {
            instance,
            code,
            quantity,
            note,
        } => {
            let today = chrono::Local::now().date_naive();
            let charge = store
                .write(|tx| booking::order_add_on(tx, instance, &code, quantity, today, &note))?;
            writeln!(
                out,
                "ordered {} x {} for instance {instance}: {} {} each",
                charge.quantity, charge.add_on_name, charge.unit_price, charge.currency
            )?;
        }
        Command::Inventory {
            customer,
            date,
            json,
        } => {
            let today = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let inventory = booking::inventory(store.conn(), customer, today)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &inventory)?;
                writeln!(out)?;
            } else {
                for i in &inventory.instances {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\tx{}\t{}\t{} {c} once\t{} {c}/month",
                        i.id,
                        i.status.as_str(),
                        i.item_name,
                        i.context_label,
                        i.quantity,
                        i.offer_type.as_str(),
                        i.one_time,
                        i.monthly,
                        c = i.currency
                    )?;
                }
                for c in &inventory.per_context {
                    writeln!(
                        out,
                        "total {}\t{} {cur} once\t{} {cur}/month",
                        c.label,
                        c.one_time,
                        c.monthly,
                        cur = inventory.currency
                    )?;
                }
                writeln!(
                    out,
                    "total customer\t{} {cur} once\t{} {cur}/month",
                    inventory.one_time,
                    inventory.monthly,
                    cur = inventory.currency
                )?;
            }
        }
        Command::Dev(_) => {}
        Command::Catalog(CatalogCommand::Import {
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
        }) => {
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
                &mut store,
                &file,
                &options,
                &mut |p| bar.show(&p),
                &AtomicBool::new(false),
            );
            bar.clear();
            let report = report?;
            if json {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
            } else {
                print_report(&mut out, &report)?;
            }
        }
        Command::Catalog(CatalogCommand::Search {
            query,
            manufacturer,
            category,
            source,
            in_stock,
            limit,
            json,
        }) => {
            let hits = catalog::search_products(
                store.conn(),
                &catalog::ProductSearch {
                    text: query,
                    category,
                    manufacturer,
                    source,
                    in_stock,
                    include_discontinued: false,
                    limit: Some(limit),
                },
            )?;
            if json {
                serde_json::to_writer_pretty(&mut out, &hits)?;
                writeln!(out)?;
            } else {
                for h in &hits {
                    let price = match h.list_price {
                        Some(price) => format!("{price} {}", h.currency),
                        None => "no price".to_owned(),
                    };
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\t{}\t{price}\t{}",
                        h.code,
                        h.name,
                        h.manufacturer,
                        h.part_number,
                        h.ean.as_deref().unwrap_or(""),
                        h.stock_status.as_str()
                    )?;
                }
            }
        }
        Command::Catalog(CatalogCommand::Imports { json }) => {
            let runs = master::import_reports(store.conn())?;
            if json {
                serde_json::to_writer_pretty(&mut out, &runs)?;
                writeln!(out)?;
            } else {
                for r in &runs {
                    writeln!(
                        out,
                        "{}\t{}\t{}\t{}\tread {}, new {}, updated {}, unchanged {}, rejected {}, discontinued {}",
                        r.id, r.finished_at, r.source, r.file_name, r.rows_read, r.new, r.updated,
                        r.unchanged, r.rejected, r.discontinued
                    )?;
                }
            }
        }
        Command::Catalog(CatalogCommand::Rules { json }) => {
            let rules = catalog::category_rules(store.conn())?;
            if json {
                serde_json::to_writer_pretty(&mut out, &rules)?;
                writeln!(out)?;
            } else {
                for r in &rules {
                    let what = match (&r.record.categories[..], &r.record.manufacturer) {
                        ([], None) => "default".to_owned(),
                        ([], Some(m)) => format!("manufacturer {m}"),
                        (categories, None) => categories.join(", "),
                        (categories, Some(m)) => format!("{} ({m})", categories.join(", ")),
                    };
                    let contexts: Vec<&str> = r
                        .record
                        .allowed_contexts
                        .iter()
                        .map(|c| c.as_str())
                        .collect();
                    let links: Vec<String> = r
                        .record
                        .links
                        .iter()
                        .map(|l| format!("{} ({})", l.item, l.mode.as_str()))
                        .collect();
                    writeln!(
                        out,
                        "{}\t{} products\t{what}\t{}\t{}",
                        r.record.name,
                        r.products,
                        contexts.join(", "),
                        links.join(", ")
                    )?;
                }
            }
        }
        Command::Catalog(CatalogCommand::Report { id, json }) => {
            let report = master::import_report(store.conn(), id)?;
            if json {
                serde_json::to_writer_pretty(&mut out, &report)?;
                writeln!(out)?;
            } else {
                print_report(&mut out, &report)?;
            }
        }
        Command::Catalog(CatalogCommand::List { json, search, kind }) => {
            let items = catalog::list_items(
                store.conn(),
                &CatalogQuery {
                    text: search,
                    kind,
                    ..Default::default()
                },
            )?;
            if json {
                serde_json::to_writer_pretty(&mut out, &items)?;
                writeln!(out)?;
            } else {
                for item in &items {
                    writeln!(out, "{}", list_line(item))?;
                }
            }
        }
    }
    Ok(())
}

fn offer_command(
    store: &mut Store,
    command: OfferCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        OfferCommand::Create {
            customer,
            request,
            date,
            valid_until,
            notes,
            json,
        } => {
            let mut requests = Vec::new();
            for file in &request {
                requests.push(parse_json::<booking::BookingRequest>(file)?);
            }
            let draft = offer::OfferDraft {
                customer_id: customer,
                requests,
                offer_date: date,
                valid_until,
                notes,
            };
            let created = store.write(|tx| offer::create_offer(tx, &draft))?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &created)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{}\t{}", created.id, created.title())?;
            }
        }
        OfferCommand::List { customer, json } => {
            let list = offer::offers(store.conn(), customer)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &list)?;
                writeln!(out)?;
            } else {
                for o in list {
                    writeln!(
                        out,
                        "{}\t{} v{}\t{}\t{}\t{}\tvalid until {}",
                        o.id,
                        o.number,
                        o.version,
                        o.status.as_str(),
                        o.customer_name,
                        o.offer_date,
                        o.valid_until
                    )?;
                }
            }
        }
        OfferCommand::Show { id, json } => {
            let shown = offer::offer(store.conn(), id)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &shown)?;
                writeln!(out)?;
            } else {
                print_offer(out, &shown)?;
            }
        }
        OfferCommand::Status { id, status } => {
            let status = OfferStatus::parse(&status)?;
            let change = store.write(|tx| offer::set_offer_status(tx, id, status))?;
            writeln!(
                out,
                "{} v{} is {}",
                change.offer.number,
                change.offer.version,
                change.offer.status.as_str()
            )?;
            if !change.ordered_instances.is_empty() {
                writeln!(
                    out,
                    "booked {} instance(s) as ordered",
                    change.ordered_instances.len()
                )?;
            }
        }
        OfferCommand::NewVersion { id, date } => {
            let copy = store.write(|tx| offer::new_offer_version(tx, id, date))?;
            writeln!(out, "{}\t{}", copy.id, copy.title())?;
        }
        OfferCommand::Compare { from, to, json } => {
            let comparison = offer::compare_offers(store.conn(), from, to)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &comparison)?;
                writeln!(out)?;
            } else {
                writeln!(out, "{} → {}", comparison.from, comparison.to)?;
                for change in &comparison.changes {
                    let text = match change {
                        offer::LineChange::Added {
                            context_label,
                            description,
                            quantity,
                            ..
                        } => format!("+ {context_label}: {quantity} x {description}"),
                        offer::LineChange::Removed {
                            context_label,
                            description,
                            quantity,
                            ..
                        } => format!("- {context_label}: {quantity} x {description}"),
                        offer::LineChange::Changed {
                            context_label,
                            description,
                            quantity_from,
                            quantity_to,
                            unit_price_from,
                            unit_price_to,
                            ..
                        } => format!(
                            "~ {context_label}: {description}: quantity {quantity_from} → {quantity_to}, unit price {unit_price_from} → {unit_price_to}"
                        ),
                    };
                    writeln!(out, "{text}")?;
                }
                writeln!(out, "{} line(s) unchanged", comparison.unchanged)?;
            }
        }
        OfferCommand::Export { id, pdf, xlsx, csv } => {
            let (format, path) = match (pdf, xlsx, csv) {
                (Some(p), _, _) => (OfferExportFormat::Pdf, p),
                (_, Some(p), _) => (OfferExportFormat::Xlsx, p),
                (_, _, Some(p)) => (OfferExportFormat::Csv, p),
                _ => {
                    return Err(servicefolio::Error::InvalidInput {
                        field: "--pdf, --xlsx, --csv".into(),
                        reason: "name a file with one of them".into(),
                    }
                    .into())
                }
            };
            let bytes = offer::export_offer_to(store.conn(), id, format, &path)?;
            writeln!(out, "wrote {} ({bytes} bytes)", path.display())?;
        }
    }
    Ok(())
}

fn print_offer(out: &mut impl Write, o: &offer::Offer) -> std::io::Result<()> {
    let en = Locale::En;
    let money = |amount| en.money(amount, &o.currency);
    writeln!(
        out,
        "{} ({}) for {}: dated {}, valid until {}",
        o.title(),
        o.status.as_str(),
        o.customer.name,
        o.offer_date,
        o.valid_until
    )?;
    for group in &o.groups {
        writeln!(out, "{}", group.label)?;
        for l in &group.lines {
            writeln!(
                out,
                "  {:>3}  {} x {}  {}  one-time {}  monthly {}",
                l.position,
                l.quantity,
                l.description,
                l.offer_type.as_str(),
                money(l.amounts.one_time),
                money(l.amounts.monthly)
            )?;
        }
    }
    let t = &o.calculation.totals;
    let m = &o.calculation.margin;
    writeln!(
        out,
        "one-time net {}, monthly net {}, contract value net {} over {} months",
        money(t.net.one_time),
        money(t.net.monthly),
        money(t.net.contract_value),
        t.longest_term_months
    )?;
    writeln!(
        out,
        "gross: one-time {}, monthly {}, contract value {}",
        money(t.one_time_gross),
        money(t.monthly_gross),
        money(t.contract_value_gross)
    )?;
    writeln!(
        out,
        "internal margin over the term: {} ({} line(s) without a cost)",
        money(m.margin_contract_value),
        m.lines_without_cost
    )
}

fn customer_command(
    store: &mut Store,
    command: CustomerCommand,
    out: &mut impl Write,
) -> Result<(), Failure> {
    match command {
        CustomerCommand::Create {
            name,
            currency,
            street,
            postal_code,
            city,
            country,
        } => {
            let record = customer::CustomerRecord {
                name,
                currency,
                street,
                postal_code,
                city,
                country,
            };
            let created = store.write(|tx| customer::create_customer(tx, &record))?;
            writeln!(out, "{}", created.id)?;
        }
        CustomerCommand::List { json } => {
            let all = customer::customers(store.conn())?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &all)?;
                writeln!(out)?;
            } else {
                for c in all {
                    writeln!(out, "{}\t{}\t{}", c.id, c.record.name, c.record.currency)?;
                }
            }
        }
        CustomerCommand::Show { id, json } => {
            let tree = customer::customer_structure(store.conn(), id)?;
            if json {
                serde_json::to_writer_pretty(&mut *out, &tree)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "{} ({})",
                    tree.customer.record.name, tree.customer.record.currency
                )?;
                for l in &tree.locations {
                    writeln!(out, "location {}\t{}", l.id, l.record.name)?;
                    for e in tree
                        .employees
                        .iter()
                        .filter(|e| e.record.location_id == Some(l.id))
                    {
                        writeln!(
                            out,
                            "  employee {}\t{}\t{}",
                            e.id, e.record.name, e.record.department
                        )?;
                    }
                }
                for e in tree
                    .employees
                    .iter()
                    .filter(|e| e.record.location_id.is_none())
                {
                    writeln!(
                        out,
                        "employee {}\t{}\t{}",
                        e.id, e.record.name, e.record.department
                    )?;
                }
                for w in &tree.workplaces {
                    writeln!(
                        out,
                        "workplace {}\t{}\temployee {}",
                        w.id, w.record.name, w.record.employee_id
                    )?;
                }
                for c in &tree.cloud_containers {
                    writeln!(
                        out,
                        "cloud container {}\t{}\t{}",
                        c.id, c.record.name, c.record.business_application
                    )?;
                }
            }
        }
        CustomerCommand::AddLocation {
            customer: id,
            name,
            city,
        } => {
            let record = customer::LocationRecord {
                name,
                city,
                ..Default::default()
            };
            writeln!(
                out,
                "{}",
                store
                    .write(|tx| customer::create_location(tx, id, &record))?
                    .id
            )?;
        }
        CustomerCommand::AddContainer {
            customer: id,
            name,
            application,
        } => {
            let record = customer::CloudContainerRecord {
                name,
                business_application: application,
                description: String::new(),
            };
            writeln!(
                out,
                "{}",
                store
                    .write(|tx| customer::create_cloud_container(tx, id, &record))?
                    .id
            )?;
        }
        CustomerCommand::AddWorkplace { employee, name } => {
            let record = customer::WorkplaceRecord {
                employee_id: employee,
                name,
            };
            writeln!(
                out,
                "{}",
                store
                    .write(|tx| customer::create_workplace(tx, &record))?
                    .id
            )?;
        }
        CustomerCommand::AddTemplate { customer: id, file } => {
            let record: booking::TemplateRecord = parse_json(&file)?;
            writeln!(
                out,
                "{}",
                store
                    .write(|tx| booking::create_template(tx, id, &record))?
                    .id
            )?;
        }
        CustomerCommand::Onboard { employee, start } => {
            let start = start.unwrap_or_else(|| chrono::Local::now().date_naive());
            let done = store.write(|tx| booking::onboard_employee(tx, employee, start))?;
            writeln!(
                out,
                "onboarded with {}: {} instance(s) booked as ordered",
                done.templates.join(", "),
                done.instances.len()
            )?;
            if let Some(workplace) = done.workplace_created {
                writeln!(out, "created workplace {workplace}")?;
            }
        }
        CustomerCommand::ImportEmployees {
            customer: id,
            file,
            preview,
            skip_bad_rows,
            json,
        } => {
            let bytes = servicefolio::files::read(&file)?;
            let rows = customer::read_employee_file(&bytes).map_err(in_file(&file))?;
            let bad = if skip_bad_rows {
                customer::BadRows::Skip
            } else {
                customer::BadRows::RefuseFile
            };
            let report = customer::import_employee_rows(store, id, &rows, bad, preview)?;
            let refused = !report.problems.is_empty() && !skip_bad_rows && !preview;
            if json && refused {
                // The error object (printed by `run`) carries the bad rows.
                return Err(servicefolio::Error::BadRows {
                    file: file.display().to_string(),
                    problems: report.problems,
                }
                .into());
            }
            if json {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)?;
            } else {
                for p in &report.problems {
                    writeln!(
                        out,
                        "{}:{}: {}: {}",
                        file.display(),
                        p.line,
                        p.field,
                        p.message
                    )?;
                }
                if !report.new_locations.is_empty() {
                    writeln!(out, "new locations: {}", report.new_locations.join(", "))?;
                }
                writeln!(
                    out,
                    "{} rows, {} employees created, {} problems",
                    report.rows,
                    report.created,
                    report.problems.len()
                )?;
            }
            if refused {
                return Err(servicefolio::Error::BadRows {
                    file: file.display().to_string(),
                    problems: report.problems,
                }
                .into());
            }
        }
    }
    Ok(())
}

fn print_plan(out: &mut impl Write, plan: &booking::BookingPlan) -> std::io::Result<()> {
    for (n, line) in plan.lines.iter().enumerate() {
        let per_unit = if line.terms.monthly_per_unit.is_zero() {
            format!(
                "{} {} once",
                line.terms.one_time_per_unit, line.terms.currency
            )
        } else {
            format!(
                "{} {}/month",
                line.terms.monthly_per_unit, line.terms.currency
            )
        };
        writeln!(
            out,
            "{n}\t{}{}\t{}\tx{}\t{}\t{per_unit}\t{}",
            line.item_name,
            line.variant
                .as_deref()
                .map(|v| format!(" ({v})"))
                .unwrap_or_default(),
            line.context_label,
            line.quantity,
            line.terms.offer_type.as_str(),
            line.explanation
        )?;
    }
    for offer in &plan.offered {
        writeln!(
            out,
            "offered\t{} ({}) with {}",
            offer.item_name, offer.item_code, offer.with
        )?;
    }
    Ok(())
}

/// "1 article", "2 articles".
fn articles(n: u32) -> String {
    counted(n, "article", "articles")
}

/// `n` and the word for one or for several.
fn counted(n: u32, one: &str, several: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { several })
}

/// `kind<TAB>code<TAB>name<TAB>price`: easy to read and to cut.
fn print_report(out: &mut impl Write, r: &master::ImportReport) -> std::io::Result<()> {
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

fn list_line(item: &CatalogItemSummary) -> String {
    if item.kind == ItemKind::Product && item.price.is_none() {
        return format!(
            "{}\t{}\t{}\tno price",
            item.kind.as_str(),
            item.code,
            item.name
        );
    }
    let price = item
        .price
        .as_ref()
        .map(|p| {
            let period = match p.period {
                catalog::PricePeriod::Monthly => "/month",
                catalog::PricePeriod::OneTime => "",
            };
            format!(
                "{}{} {}{period}",
                if p.from { "from " } else { "" },
                p.amount,
                p.currency
            )
        })
        .unwrap_or_default();
    format!(
        "{}\t{}\t{}\t{}",
        item.kind.as_str(),
        item.code,
        item.name,
        price
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind as ClapError;
    use clap::CommandFactory;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("servicefolio").chain(args.iter().copied()))
    }

    #[test]
    fn no_subcommand_opens_the_window() {
        let cli = parse(&["--db", "/tmp/x.db"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.db.as_deref(), Some(Path::new("/tmp/x.db")));
    }

    #[test]
    fn the_environment_names_the_database_when_no_flag_does() {
        // The real variable is read the same way; a separate name keeps tests independent.
        std::env::set_var("SERVICEFOLIO_DB_TEST", "/tmp/from-env.db");
        let matches = Cli::command()
            .mut_arg("db", |arg| arg.env("SERVICEFOLIO_DB_TEST"))
            .try_get_matches_from(["servicefolio", "catalog", "list"])
            .unwrap();
        assert_eq!(
            matches.get_one::<PathBuf>("db").map(PathBuf::as_path),
            Some(Path::new("/tmp/from-env.db"))
        );
        let declared = Cli::command();
        let db = declared
            .get_arguments()
            .find(|a| a.get_id() == "db")
            .unwrap();
        assert_eq!(db.get_env(), Some(std::ffi::OsStr::new("SERVICEFOLIO_DB")));
    }

    #[test]
    fn bad_usage_exits_with_2() {
        for args in [
            &["bogus"][..],
            &["--frobnicate"],
            &["catalog", "list", "--kind", "gadget"],
            &["catalog"],
        ] {
            let error = parse(args).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{args:?}: {error}");
        }
        assert_eq!(
            parse(&["--version"]).unwrap_err().kind(),
            ClapError::DisplayVersion
        );
    }

    #[test]
    fn catalog_list_takes_json_search_and_kind() {
        let cli = parse(&[
            "catalog", "list", "--json", "--search", "dock usb", "--kind", "product",
        ])
        .unwrap();
        match cli.command {
            Some(Command::Catalog(CatalogCommand::List { json, search, kind })) => {
                assert!(json);
                assert_eq!(search, "dock usb");
                assert_eq!(kind, Some(ItemKind::Product));
            }
            other => panic!("parsed as {other:?}"),
        }
    }

    #[test]
    fn catalog_import_takes_price_types_and_languages_and_refuses_bad_ones() {
        let cli = parse(&[
            "catalog",
            "import",
            "f.xml",
            "--price-type",
            "cost=EK_ohne_MWST",
            "--price-type",
            "list=UVP",
            "--price-type",
            "LIST=nrp",
            "--lang",
            "en",
            "--lang",
            "deu",
        ])
        .unwrap();
        let Some(Command::Catalog(CatalogCommand::Import {
            price_type, lang, ..
        })) = cli.command
        else {
            panic!("parsed as {:?}", cli.command);
        };
        assert_eq!(
            bmecat_options(&price_type, &lang),
            Some(feed::BmecatOptions {
                languages: vec!["en".into(), "deu".into()],
                cost_price_types: vec!["EK_ohne_MWST".into()],
                list_price_types: vec!["UVP".into(), "nrp".into()],
                currency: None,
            })
        );
        // Only the roles given replace their defaults; no flag, no options.
        let only_list = bmecat_options(&[(PriceRole::List, "UVP".into())], &[]).unwrap();
        assert_eq!(
            only_list.cost_price_types,
            feed::BmecatOptions::default().cost_price_types
        );
        assert_eq!(bmecat_options(&[], &[]), None);
        for bad in [
            &["--price-type", "purchase=net_list"][..],
            &["--price-type", "cost="],
            &["--price-type", "net_list"],
            &["--lang", "12"],
            &["--lang", "deutsch"],
        ] {
            let args: Vec<&str> = ["catalog", "import", "f.xml"]
                .into_iter()
                .chain(bad.iter().copied())
                .collect();
            let error = parse(&args).unwrap_err();
            assert_eq!(error.exit_code(), 2, "{bad:?}: {error}");
        }
    }

    #[test]
    fn a_missing_db_file_is_created_and_seeded_like_the_apps_first_start() {
        let dir = std::env::temp_dir().join(format!("servicefolio-cli-{}", std::process::id()));
        let path = dir.join("new.db");
        let _ = std::fs::remove_dir_all(&dir);
        let code = run(
            Command::Catalog(CatalogCommand::List {
                json: true,
                search: String::new(),
                kind: None,
            }),
            Some(&path),
            false,
        );
        assert_eq!(code, 0);
        let created = Store::open(&path).unwrap();
        let seeded = catalog::list_items(created.conn(), &CatalogQuery::default()).unwrap();
        let fresh = Store::open_in_memory().unwrap();
        assert_eq!(
            seeded,
            catalog::list_items(fresh.conn(), &CatalogQuery::default()).unwrap()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn catalog_rules_lists_the_category_rules() {
        let cli = parse(&["catalog", "rules", "--json"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Catalog(CatalogCommand::Rules { json: true }))
        ));
        let dir =
            std::env::temp_dir().join(format!("servicefolio-cli-rules-{}", std::process::id()));
        let path = dir.join("rules.db");
        let _ = std::fs::remove_dir_all(&dir);
        for json in [true, false] {
            let code = run(
                Command::Catalog(CatalogCommand::Rules { json }),
                Some(&path),
                false,
            );
            assert_eq!(code, 0);
        }
        let store = Store::open(&path).unwrap();
        assert!(catalog::category_rules(store.conn()).unwrap().len() >= 6);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_database_that_cannot_be_opened_exits_with_1() {
        let dir = std::env::temp_dir().join(format!("servicefolio-cli-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("notes.db");
        std::fs::write(&path, "not a database, just notes ".repeat(100)).unwrap();
        let code = run(
            Command::Catalog(CatalogCommand::List {
                json: false,
                search: String::new(),
                kind: None,
            }),
            Some(&path),
            false,
        );
        assert_eq!(code, 1);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_list_line_has_kind_code_name_and_price() {
        let store = Store::open_in_memory().unwrap();
        let items = catalog::list_items(
            store.conn(),
            &CatalogQuery {
                text: "SVC-M365".into(),
                kind: None,
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(
            list_line(&items[0]),
            "service\tSVC-M365\tManaged365\tfrom 7.90 EUR/month"
        );
    }
}

#[cfg(test)]
mod file_tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("servicefolio-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn catalog_import_with_chosen_price_types_imports_what_the_defaults_reject() {
        let dir = scratch("cli-price-types");
        let db = dir.join("a.db");
        let file = dir.join("supplier.xml");
        std::fs::write(
            &file,
            "<?xml version=\"1.0\"?><BMECAT version=\"1.2\"><HEADER><CATALOG><LANGUAGE>deu</LANGUAGE>\
             <CATALOG_ID>C1</CATALOG_ID><CATALOG_VERSION>1</CATALOG_VERSION><CURRENCY>EUR</CURRENCY>\
             </CATALOG><SUPPLIER><SUPPLIER_NAME>Acme</SUPPLIER_NAME></SUPPLIER></HEADER><T_NEW_CATALOG>\
             <ARTICLE><SUPPLIER_AID>K-1</SUPPLIER_AID><ARTICLE_DETAILS>\
             <DESCRIPTION_SHORT lang=\"deu\">Kabel</DESCRIPTION_SHORT>\
             <DESCRIPTION_SHORT lang=\"eng\">Cable</DESCRIPTION_SHORT></ARTICLE_DETAILS>\
             <ARTICLE_ORDER_DETAILS><ORDER_UNIT>C62</ORDER_UNIT><PRICE_QUANTITY>10</PRICE_QUANTITY>\
             </ARTICLE_ORDER_DETAILS><ARTICLE_PRICE_DETAILS>\
             <ARTICLE_PRICE price_type=\"EK_ohne_MWST\"><PRICE_AMOUNT>80.00</PRICE_AMOUNT></ARTICLE_PRICE>\
             <ARTICLE_PRICE price_type=\"UVP\"><PRICE_AMOUNT>119.00</PRICE_AMOUNT></ARTICLE_PRICE>\
             </ARTICLE_PRICE_DETAILS></ARTICLE></T_NEW_CATALOG></BMECAT>",
        )
        .unwrap();
        let import = |extra: &[&str]| {
            let args: Vec<String> = ["catalog", "import"]
                .into_iter()
                .map(str::to_owned)
                .chain([file.display().to_string()])
                .chain(extra.iter().map(|s| (*s).to_owned()))
                .collect();
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            run(
                Cli::try_parse_from(std::iter::once("servicefolio").chain(args))
                    .unwrap()
                    .command
                    .unwrap(),
                Some(&db),
                true,
            )
        };
        let products = || {
            let store = Store::open(&db).unwrap();
            let hits = catalog::search_products(
                store.conn(),
                &catalog::ProductSearch {
                    include_discontinued: true,
                    ..Default::default()
                },
            )
            .unwrap();
            hits.into_iter()
                .map(|h| (h.name, h.list_price.map(|p| p.to_string())))
                .collect::<Vec<_>>()
        };
        // The defaults know neither type: the article is rejected, the run is saved.
        assert_eq!(import(&[]), 0);
        assert!(products().is_empty());
        assert_eq!(
            import(&[
                "--price-type",
                "cost=EK_ohne_MWST",
                "--price-type",
                "list=UVP",
                "--lang",
                "en"
            ]),
            0
        );
        // 119.00 for 10 pieces: 11.9 a piece; the English name.
        assert_eq!(products(), [("Cable".to_owned(), Some("11.9".to_owned()))]);
        let store = Store::open(&db).unwrap();
        let report = master::import_reports(store.conn()).unwrap();
        assert_eq!((report.len(), report[1].rejected, report[0].new), (2, 1, 1));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn export_then_import_into_an_empty_database_then_export_is_byte_identical() {
        let dir = scratch("cli-round-trip");
        let (first, second) = (
            dir.join("first.servicefolio.json"),
            dir.join("second.servicefolio.json"),
        );
        assert_eq!(
            run(
                Command::Export { out: first.clone() },
                Some(&dir.join("a.db")),
                false
            ),
            0
        );
        let empty = dir.join("empty.db");
        assert_eq!(
            run(
                Command::Import {
                    file: first.clone()
                },
                Some(&empty),
                true
            ),
            0
        );
        assert_eq!(
            run(
                Command::Export {
                    out: second.clone()
                },
                Some(&empty),
                false
            ),
            0
        );
        assert_eq!(
            std::fs::read(&first).unwrap(),
            std::fs::read(&second).unwrap()
        );
        let leftovers: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains("partial"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_invalid_file_is_refused_and_changes_nothing() {
        let dir = scratch("cli-bad-file");
        let db = dir.join("a.db");
        let bad = dir.join("bad.servicefolio.json");
        std::fs::write(&bad, r#"{"format": "servicefolio-portfolio", "version": 1, "catalog": {"products": [{"code": 7}]}}"#).unwrap();
        let before = servicefolio::portfolio::export(Store::open(&db).unwrap().conn()).unwrap();
        assert_eq!(run(Command::Import { file: bad }, Some(&db), false), 1);
        assert_eq!(
            servicefolio::portfolio::export(Store::open(&db).unwrap().conn()).unwrap(),
            before
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_request_file_is_planned_booked_and_shows_in_the_inventory() {
        let dir = scratch("cli-book");
        let db = dir.join("a.db");
        let id = {
            let mut store = Store::open(&db).unwrap();
            store
                .write(|tx| {
                    let c = customer::create_customer(
                        tx,
                        &customer::CustomerRecord {
                            name: "ACME".into(),
                            currency: "EUR".into(),
                            ..Default::default()
                        },
                    )?;
                    customer::create_employee(
                        tx,
                        c.id,
                        &customer::EmployeeRecord {
                            name: "Anna".into(),
                            ..Default::default()
                        },
                    )?;
                    Ok(c.id)
                })
                .unwrap()
        };
        let request = dir.join("request.json");
        std::fs::write(
            &request,
            format!(r#"{{"customer_id": {id}, "item": "SVC-M365", "variant": "BASIC", "options": [{{"group": "SUPPORT", "choice": "8X5"}}], "offer_type": "rental", "contexts": "all_employees", "quantity": 1, "start_date": "2027-01-01"}}"#),
        )
        .unwrap();
        let book = |apply| Command::Book {
            request: request.clone(),
            apply,
            json: true,
        };
        assert_eq!(run(book(false), Some(&db), false), 0);
        assert_eq!(
            servicefolio::booking::inventory(
                Store::open(&db).unwrap().conn(),
                id,
                chrono::NaiveDate::MIN
            )
            .unwrap()
            .instances
            .len(),
            0,
            "planning writes nothing"
        );
        assert_eq!(run(book(true), Some(&db), false), 0);
        let inventory = servicefolio::booking::inventory(
            Store::open(&db).unwrap().conn(),
            id,
            chrono::NaiveDate::MIN,
        )
        .unwrap();
        assert_eq!(inventory.instances.len(), 2, "Managed365 and the tenant");
        assert_eq!(inventory.monthly.to_string(), "56.90", "7.90 + 49.00");
        assert_eq!(
            run(
                Command::Inventory {
                    customer: id,
                    date: None,
                    json: false
                },
                Some(&db),
                false
            ),
            0
        );
        std::fs::write(&request, r#"{"customer_id": 1, "item": "SVC-M365"}"#).unwrap();
        assert_eq!(
            run(book(false), Some(&db), false),
            1,
            "an incomplete request is refused"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Runs a command and returns its exit code, stdout and stderr.
    fn run_captured(command: Command, db: &Path) -> (i32, String, String) {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_to(command, Some(db), false, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn with_json_a_failure_prints_an_error_object_on_stdout() {
        let dir = scratch("cli-json-error");
        let db = dir.join("a.db");
        let missing = dir.join("missing.json");
        let (code, out, err) = run_captured(
            Command::Book {
                request: missing.clone(),
                apply: false,
                json: true,
            },
            &db,
        );
        assert_eq!(code, 1);
        let message = format!("cannot read {}: it does not exist", missing.display());
        assert_eq!(err, format!("servicefolio: {message}\n"));
        let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(
            printed,
            serde_json::json!({"error": {
                "kind": "file",
                "message": message,
                "details": {
                    "type": "file",
                    "path": missing.display().to_string(),
                    "action": "read",
                    "problem": "not_found",
                    "reason": "it does not exist"
                }
            }})
        );

        // A request that does not parse: the file is the field.
        let request = dir.join("request.json");
        std::fs::write(&request, r#"{"customer_id": "one"}"#).unwrap();
        let (code, out, _) = run_captured(
            Command::Book {
                request: request.clone(),
                apply: false,
                json: true,
            },
            &db,
        );
        assert_eq!(code, 1);
        let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(printed["error"]["kind"], "invalid_input");
        assert_eq!(
            printed["error"]["details"]["field"],
            request.display().to_string()
        );

        // A database of another application, with the reason.
        let notes = dir.join("notes.db");
        std::fs::write(&notes, "not a database, just notes ".repeat(100)).unwrap();
        let list = || {
            Command::Catalog(CatalogCommand::List {
                json: true,
                search: String::new(),
                kind: None,
            })
        };
        let (code, out, _) = run_captured(list(), &notes);
        assert_eq!(code, 1);
        let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(printed["error"]["kind"], "not_our_database");
        assert_eq!(
            printed["error"]["details"]["path"],
            notes.display().to_string()
        );

        // Without --json, stdout stays empty.
        let (code, out, err) = run_captured(
            Command::Book {
                request: missing,
                apply: false,
                json: false,
            },
            &db,
        );
        assert_eq!((code, out.as_str()), (1, ""));
        assert!(err.contains("it does not exist"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn with_json_a_refused_booking_prints_each_reason_as_data() {
        // Scripts (and the UI, which gets the same payload over IPC) read why a
        // request was refused from the details, never from the message.
        let dir = scratch("cli-json-refusal");
        let db = dir.join("a.db");
        let request = dir.join("request.json");
        std::fs::write(
            &request,
            r#"{"customer_id": 999, "item": "SVC-M365", "variant": "BASIC", "options": [],
                "offer_type": "rental", "contexts": "all_employees", "quantity": 1,
                "start_date": "2027-01-01"}"#,
        )
        .unwrap();
        let (code, out, _) = run_captured(
            Command::Book {
                request,
                apply: false,
                json: true,
            },
            &db,
        );
        assert_eq!(code, 1);
        let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(printed["error"]["kind"], "invalid_request");
        assert_eq!(
            printed["error"]["details"],
            serde_json::json!({
                "type": "invalid_request",
                "reasons": [{
                    "refusal": {"reason": "no_customer", "customer_id": 999},
                    "through": null,
                    "part": null,
                    "text": "there is no customer 999"
                }]
            })
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn refused_employee_rows_come_back_as_bad_rows_with_json() {
        let dir = scratch("cli-bad-rows");
        let db = dir.join("a.db");
        let customer = {
            let mut store = Store::open(&db).unwrap();
            store
                .write(|tx| {
                    customer::create_customer(
                        tx,
                        &customer::CustomerRecord {
                            name: "ACME".into(),
                            currency: "EUR".into(),
                            ..Default::default()
                        },
                    )
                })
                .unwrap()
                .id
        };
        let file = dir.join("staff.csv");
        std::fs::write(
            &file,
            "name,email\nAnna,anna@acme.example\nBen,not-an-address\n",
        )
        .unwrap();
        let import = |json| {
            Command::Customer(CustomerCommand::ImportEmployees {
                customer,
                file: file.clone(),
                preview: false,
                skip_bad_rows: false,
                json,
            })
        };
        let (code, out, err) = run_captured(import(true), &db);
        assert_eq!(code, 1);
        let printed: serde_json::Value = serde_json::from_str(&out).unwrap();
        let error = &printed["error"];
        assert_eq!(error["kind"], "bad_rows");
        assert_eq!(error["details"]["problems"][0]["line"], 3);
        assert_eq!(error["details"]["problems"][0]["field"], "email");
        assert!(err.contains("1 bad row(s); nothing was imported"), "{err}");
        // Text mode lists the rows on stdout and fails the same way.
        let (code, out, _) = run_captured(import(false), &db);
        assert_eq!(code, 1);
        assert!(out.contains(":3: email:"), "{out}");
        let store = Store::open(&db).unwrap();
        assert!(customer::customer_structure(store.conn(), customer)
            .unwrap()
            .employees
            .is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn an_export_that_cannot_be_written_names_the_file_and_leaves_nothing() {
        let dir = scratch("cli-export-folder");
        let target = dir.join("catalog.servicefolio.json");
        std::fs::create_dir(&target).unwrap();
        let (code, _, err) = run_captured(
            Command::Export {
                out: target.clone(),
            },
            &dir.join("a.db"),
        );
        assert_eq!(code, 1);
        assert_eq!(
            err,
            format!(
                "servicefolio: cannot write {}: it is a folder, not a file\n",
                target.display()
            )
        );
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| !n.starts_with("a.db"))
            .collect();
        names.sort();
        assert_eq!(names, ["catalog.servicefolio.json"]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[cfg(test)]
mod import_tests {
    use super::*;

    const HEADER: &str = "puid;ean;manufacturerSKU;manufacturerName;productNameWithManufacturer;\
shortDescription;longDescription;productTypeId;price;priceCalc;currencyCode;taxRate;stockStatus;stock;supplierSKU";

    fn feed(rows: u32) -> String {
        let mut text = String::from(HEADER);
        for n in 1..=rows {
            text.push_str(&format!(
                "\n{n};;P-{n};Acme;Article {n};;;1001;{n},00;;EUR;19;1;5;S-{n}"
            ));
        }
        text.push('\n');
        text
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("servicefolio-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Runs `servicefolio --db DB --no-demo catalog import FILE ARGS...`.
    fn import(db: &Path, file: &Path, args: &[&str]) -> Result<(), String> {
        let mut argv = vec!["servicefolio", "catalog", "import"];
        let file = file.to_str().unwrap();
        argv.push(file);
        argv.extend_from_slice(args);
        let cli = Cli::try_parse_from(argv).map_err(|e| e.to_string())?;
        let (mut out, mut err) = (Vec::new(), Vec::new());
        match run_to(cli.command.unwrap(), Some(db), true, &mut out, &mut err) {
            0 => Ok(()),
            _ => Err(String::from_utf8_lossy(&err).trim_end().to_owned()),
        }
    }

    fn active(db: &Path) -> i64 {
        Store::open_without_demo(db)
            .unwrap()
            .conn()
            .query_row(
                "SELECT count(*) FROM supplier_offer WHERE status = 'active'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn a_full_feed_that_would_discontinue_too_much_needs_allow_discontinue() {
        let dir = scratch("cli-allow-discontinue");
        let db = dir.join("f.db");
        let (all, few) = (dir.join("all.csv"), dir.join("few.csv"));
        std::fs::write(&all, feed(20)).unwrap();
        std::fs::write(&few, feed(5)).unwrap();
        import(&db, &all, &["--full", "--source", "acme"]).unwrap();
        let refusal = import(&db, &few, &["--full", "--source", "acme"]).unwrap_err();
        assert!(
            refusal.contains(
                "few.csv would discontinue 15 of the 20 active offers of source acme (catalog csv)"
            ),
            "{refusal}"
        );
        assert!(refusal.contains("more than a tenth"), "{refusal}");
        assert!(refusal.contains("Nothing was imported"), "{refusal}");
        assert!(refusal.contains("--allow-discontinue"), "{refusal}");
        assert!(refusal.contains("--not-full"), "{refusal}");
        assert_eq!(active(&db), 20);
        // Without discontinuing: imports, nothing goes.
        import(&db, &few, &["--full", "--not-full", "--source", "acme"])
            .expect_err("--full and --not-full exclude each other");
        import(&db, &few, &["--not-full", "--source", "acme"]).unwrap();
        assert_eq!(active(&db), 20);
        import(
            &db,
            &few,
            &["--full", "--allow-discontinue", "--source", "acme"],
        )
        .unwrap();
        assert_eq!(active(&db), 5);
        // The report says what went and why.
        let store = Store::open_without_demo(&db).unwrap();
        let last = master::import_reports(store.conn()).unwrap()[0].id;
        let report = master::import_report(store.conn(), last).unwrap();
        let mut out = Vec::new();
        print_report(&mut out, &report).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("source acme, catalog csv"), "{text}");
        assert!(
            text.contains("full feed: 15 of the catalog's 20 active offers were not in the file and were discontinued"),
            "{text}"
        );
        assert!(
            text.contains("allowed although that is more than a tenth of them"),
            "{text}"
        );
        assert!(
            text.contains("discontinued (missing): 6\tArticle 6"),
            "{text}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_bmecat_without_a_supplier_needs_a_source() {
        let dir = scratch("cli-source-required");
        let db = dir.join("s.db");
        let file = dir.join("nameless.xml");
        std::fs::write(
            &file,
            "<?xml version=\"1.0\"?><BMECAT version=\"1.2\"><HEADER><CATALOG>\
             <LANGUAGE>deu</LANGUAGE><CATALOG_ID>C</CATALOG_ID><CATALOG_VERSION>1</CATALOG_VERSION>\
             <CURRENCY>EUR</CURRENCY></CATALOG></HEADER><T_NEW_CATALOG><ARTICLE>\
             <SUPPLIER_AID>X-1</SUPPLIER_AID><ARTICLE_DETAILS><DESCRIPTION_SHORT>Thing</DESCRIPTION_SHORT>\
             </ARTICLE_DETAILS><ARTICLE_PRICE_DETAILS><ARTICLE_PRICE price_type=\"net_customer\">\
             <PRICE_AMOUNT>1.00</PRICE_AMOUNT></ARTICLE_PRICE></ARTICLE_PRICE_DETAILS></ARTICLE>\
             </T_NEW_CATALOG></BMECAT>",
        )
        .unwrap();
        let refusal = import(&db, &file, &[]).unwrap_err();
        assert!(
            refusal.contains("nameless.xml names no supplier (BMEcat SUPPLIER_NAME)"),
            "{refusal}"
        );
        assert!(refusal.contains("--source NAME"), "{refusal}");
        assert!(refusal.ends_with("nothing was imported"), "{refusal}");
        assert_eq!(active(&db), 0);
        import(&db, &file, &["--source", "maker"]).unwrap();
        assert_eq!(active(&db), 1);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
