//! A bad row of an employee file (`Error::BadRows`: its line, the field and
//! what is wrong): raised by `customer::import_employees`, defined here below
//! the error that carries it.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
pub struct RowProblem {
    pub line: u32,
    pub field: String,
    pub message: String,
}
