//! `settings show|set`: the sender of documents and the document language.

use clap::Subcommand;
use servicefolio::{settings, Store};
use std::io::Write;
use std::path::PathBuf;

use super::output::{self, Failure};
use super::parse_json;

#[derive(Debug, Subcommand)]
pub enum SettingsCommand {
    /// Print the settings as JSON.
    Show,
    /// Replace the settings with a JSON file of the same shape as `settings show`.
    Set { file: PathBuf },
}

pub fn run(
    store: &mut Store,
    command: SettingsCommand,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    match command {
        // Always JSON: the shape `settings set` reads back.
        SettingsCommand::Show => {
            output::print(out, true, &settings::settings(store.conn())?, |_, _| Ok(()))
        }
        SettingsCommand::Set { file } => {
            let parsed: settings::Settings = parse_json(&file)?;
            store.write(|tx| settings::save_settings(tx, &parsed))?;
            Ok(())
        }
    }
}
