//! Servicefolio: with no subcommand the window opens; with one, the same binary
//! answers headless (for scripts and tests).

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod bindings;
mod cli;
mod commands;
mod desktop;
mod state;

use clap::Parser;

fn main() {
    let args = cli::Cli::parse();
    let code = match args.command {
        None => desktop::run(args.db, args.no_demo),
        Some(command) => cli::run(command, args.db.as_deref(), args.no_demo),
    };
    std::process::exit(code);
}
