//! Headless subcommands. Each parses its flags, calls one core function and prints.

use clap::{Parser, Subcommand};
use servicefolio::catalog::{self, CatalogItemSummary, CatalogQuery, ItemKind};
use servicefolio::portfolio::{self, PortfolioFile};
use servicefolio::Store;
use std::io::Write;
use std::path::{Path, PathBuf};

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

/// Runs a subcommand; returns the process exit code.
pub fn run(command: Command, db: Option<&Path>, no_demo: bool) -> i32 {
    let path = match db.map(Path::to_path_buf).or_else(default_database_path) {
        Some(path) => path,
        None => {
            eprintln!("servicefolio: no data directory is known for this user; pass --db PATH");
            return 1;
        }
    };
    match execute(command, &path, no_demo) {
        Ok(()) => 0,
        // `servicefolio catalog list | head` closes the pipe early: not an error.
        Err(error)
            if error
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            0
        }
        Err(error) => {
            eprintln!("servicefolio: {error}");
            1
        }
    }
}

fn execute(command: Command, path: &Path, no_demo: bool) -> Result<(), Box<dyn std::error::Error>> {
    let mut store = if no_demo {
        Store::open_without_demo(path)?
    } else {
        Store::open(path)?
    };
    let mut out = std::io::stdout().lock();
    match command {
        Command::Export { out: file } => {
            let text = portfolio::export(store.conn())?;
            write_whole(&file, text.as_bytes())?;
        }
        Command::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            let records =
                PortfolioFile::parse(&text).map_err(|e| format!("{}: {e}", file.display()))?;
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
        Command::Catalog(CatalogCommand::List { json, search, kind }) => {
            let items = catalog::list_items(store.conn(), &CatalogQuery { text: search, kind })?;
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

/// Writes a file through a temporary sibling and a rename, so a reader never
/// sees half a file and a failed write leaves the old one in place.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
    let name = path
        .file_name()
        .ok_or_else(|| format!("{} is not a file name", path.display()))?;
    let tmp = path.with_file_name(format!(".{}.partial", name.to_string_lossy()));
    std::fs::write(&tmp, bytes).map_err(|e| format!("cannot write {}: {e}", tmp.display()))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        format!("cannot write {}: {e}", path.display())
    })?;
    Ok(())
}

/// `kind<TAB>code<TAB>name<TAB>price`: easy to read and to cut.
fn list_line(item: &CatalogItemSummary) -> String {
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
        assert!(!dir.join(".second.servicefolio.json.partial").exists());
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
}
