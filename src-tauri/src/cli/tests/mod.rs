//! The CLI's tests: parsing, exit codes, what a failure prints, and whole runs
//! against real databases.

use super::catalog::list_line;
use super::import::{bmecat_options, print_report, PriceRole};
use super::*;
use servicefolio::catalog::{self, CatalogQuery, ItemKind};
use servicefolio::{customer, feed, master, Store};

mod arguments;
mod change_offers;
mod files;
mod imports;
