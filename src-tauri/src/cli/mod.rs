//! Headless subcommands: the arguments are parsed here, each area's verbs run in
//! its own file (catalog, import, customers, booking, inventory, offers,
//! settings), and everything is printed through `output` (one helper for the
//! answer, JSON or text; one for a failure).

mod booking;
mod catalog;
mod customers;
mod import;
mod inventory;
mod offers;
mod output;
mod settings;
#[cfg(test)]
mod tests;

use clap::{Parser, Subcommand};
use servicefolio::error::{InputSays, Wording};
use std::io::Write;
use std::path::{Path, PathBuf};

use catalog::CatalogCommand;
use customers::CustomerCommand;
use import::DevCommand;
use offers::OfferCommand;
use output::Failure;
use settings::SettingsCommand;

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
        /// Book even where a context already holds the item (any variant):
        /// sets the request's `add_anyway`.
        #[arg(long)]
        add_anyway: bool,
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
    /// Offers: create from booking requests and changes to held instances, list, show, approve, move along, version, compare, export.
    #[command(subcommand)]
    Offer(OfferCommand),
    /// The sender of documents and the document language.
    #[command(subcommand)]
    Settings(SettingsCommand),
    /// The contracts of every customer whose notice deadline, term end or lease
    /// end falls within the coming days, soonest first.
    Renewals {
        /// How many days ahead to look (at most 730).
        #[arg(long, value_name = "DAYS", default_value_t = servicefolio::booking::DEFAULT_WINDOW_DAYS)]
        within: u32,
        /// The day to look from (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<chrono::NaiveDate>,
        #[arg(long)]
        json: bool,
    },
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

/// The database the app uses when no `--db` is given.
pub fn default_database_path() -> Option<PathBuf> {
    dirs::data_dir().map(|dir| dir.join(IDENTIFIER).join(DATABASE_FILE))
}

/// A JSON file (a request, a template, settings) that does not parse.
fn parse_json<T: serde::de::DeserializeOwned>(file: &Path) -> Result<T, Failure> {
    let text = servicefolio::files::read_to_string(file)?;
    serde_json::from_str(&text).map_err(|e| {
        Failure::from(servicefolio::Error::input_said(
            file.display().to_string(),
            Wording::new(InputSays::JsonUnparsable).text("error", e),
        ))
    })
}

/// The day a command acts on when it is not given one.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

impl Command {
    /// Whether the command was asked for JSON output (`--json`); its failures
    /// are then printed as a JSON error object on stdout too. Every verb is
    /// named here (no `_`), so a new one has to say whether it takes `--json`.
    pub fn json(&self) -> bool {
        match self {
            Command::Catalog(c) => match c {
                CatalogCommand::Import(args) => args.json,
                CatalogCommand::List { json, .. }
                | CatalogCommand::Search { json, .. }
                | CatalogCommand::Imports { json }
                | CatalogCommand::Report { json, .. }
                | CatalogCommand::Rules { json } => *json,
            },
            Command::Book { json, .. }
            | Command::Inventory { json, .. }
            | Command::Renewals { json, .. } => *json,
            Command::Offer(c) => match c {
                OfferCommand::Create { json, .. }
                | OfferCommand::List { json, .. }
                | OfferCommand::Show { json, .. }
                | OfferCommand::Approve { json, .. }
                | OfferCommand::Compare { json, .. } => *json,
                OfferCommand::Status { .. }
                | OfferCommand::NewVersion { .. }
                | OfferCommand::Export { .. } => false,
            },
            Command::Customer(c) => match c {
                CustomerCommand::List { json }
                | CustomerCommand::Show { json, .. }
                | CustomerCommand::ImportEmployees { json, .. } => *json,
                CustomerCommand::Create { .. }
                | CustomerCommand::AddLocation { .. }
                | CustomerCommand::AddContainer { .. }
                | CustomerCommand::AddWorkplace { .. }
                | CustomerCommand::AddTemplate { .. }
                | CustomerCommand::Onboard { .. } => false,
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
        None => Err(Failure::from(servicefolio::Error::input_said(
            "--db",
            Wording::new(InputSays::NoDataDirectory),
        ))),
    };
    output::exit_code(result, json, out, err)
}

/// Opens the database (unless the command needs none) and hands the command to its area.
fn execute(
    command: Command,
    path: &Path,
    no_demo: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    // Needs no database.
    if let Command::Dev(command) = command {
        return import::dev(command);
    }
    let mut store = crate::state::open_store(path, no_demo)?;
    match command {
        Command::Dev(_) => unreachable!("answered above"),
        Command::Catalog(command) => catalog::run(&mut store, command, out),
        Command::Export { out: file } => catalog::export_portfolio(&store, &file),
        Command::Import { file } => catalog::import_portfolio(&mut store, &file, out),
        Command::Customer(command) => customers::run(&mut store, command, out),
        Command::Book {
            request,
            apply,
            add_anyway,
            json,
        } => booking::book(&mut store, &request, apply, add_anyway, json, out),
        Command::AddOn {
            instance,
            code,
            quantity,
            note,
        } => inventory::order_add_on(&mut store, instance, &code, quantity, &note, out),
        Command::Inventory {
            customer,
            date,
            json,
        } => inventory::show(&store, customer, date, json, out),
        Command::Renewals { within, date, json } => {
            inventory::renewals(&store, within, date, json, out)
        }
        Command::Offer(command) => offers::run(&mut store, command, out),
        Command::Settings(command) => settings::run(&mut store, command, out),
    }
}
