//! Servicefolio core: the catalog, its SQLite store and the portfolio file format.
//!
//! The core knows nothing of Tauri or the UI. Every user action is one function
//! here that runs in one write transaction; the desktop shell and the headless
//! subcommands only unpack arguments and call these functions.
//!
//! The modules stand on floors and use only those below them, so no import
//! runs in a circle (tests/floors.rs keeps the order), from the ground up:
//! `limits` (the bounds) → `vocabulary` (the words the error's details share:
//! booking context, item and instance status, offer type) → `error` → `money`,
//! `files` → `store` → `catalog` → `portfolio` (the file format) → `demo` (the
//! demo a new database starts with) → `contract` (what pricing, booking and
//! offers share: line terms, blocking instances) → `feed`, `customer`,
//! `pricing` → `master` → `booking` → `locale`, `settings` → `offer`. A type
//! two rooms share lives on the lower one's floor or below, never in the higher
//! one: the error's typed details sit in `error/` (the words they use in
//! `vocabulary`) below every room that raises them.

pub mod booking;
pub mod catalog;
pub mod contract;
pub mod customer;
pub mod demo;
pub mod error;
pub mod feed;
pub mod files;
pub mod limits;
pub mod locale;
pub mod master;
pub mod money;
pub mod offer;
pub mod portfolio;
pub mod pricing;
pub mod settings;
pub mod store;
pub mod vocabulary;

pub use error::{Error, ErrorDetails, ErrorKind, ErrorPayload, FileAction, FileProblem, Result};
pub use store::{Store, StoreReader};
