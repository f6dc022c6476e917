//! Servicefolio core: the catalog, its SQLite store and the portfolio file format.
//!
//! The core knows nothing of Tauri or the UI. Every user action is one function
//! here that runs in one write transaction; the desktop shell and the headless
//! subcommands only unpack arguments and call these functions.

pub mod booking;
pub mod catalog;
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

pub use error::{Error, ErrorDetails, ErrorKind, ErrorPayload, FileAction, FileProblem, Result};
pub use store::{Store, StoreReader};
