//! What is wrong with a value typed into a form, as data: the UI says it in
//! its language from the problem and the field, the core's English message is
//! the fallback for scripts and logs.

use chrono::NaiveDate;
use serde::Serialize;

use super::Wording;
use crate::vocabulary::{InstanceStatus, OfferType};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum InputProblem {
    /// Nothing (or only spaces) where something is needed.
    Empty,
    /// Not an ISO 3166 country code (two capital letters).
    NotCountry {
        value: String,
    },
    /// Not an ISO 4217 currency code (three capital letters).
    NotCurrency {
        value: String,
    },
    NotEmail {
        value: String,
    },
    /// The value is taken already where it must be unique.
    Taken {
        value: String,
        among: Unique,
    },
    /// An instance's lifecycle does not go from `from` to `to`.
    CannotBecome {
        item: String,
        from: InstanceStatus,
        to: InstanceStatus,
    },
    /// A running contract (rental, leasing) is cancelled before it is retired.
    CancelFirst {
        item: String,
        offer_type: OfferType,
    },
    /// A cancelled contract runs until its end: it is retired from then on.
    RunsUntil {
        item: String,
        end: NaiveDate,
    },
    /// Any other problem, as a sentence with its values.
    Said {
        wording: Wording,
    },
}

/// Where a value must be unique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Unique {
    /// Location names of a customer.
    Location,
    /// Cloud container names of a customer.
    CloudContainer,
    /// Workplace names of an employee.
    Workplace,
    /// E-mail addresses of a customer's employees.
    EmployeeEmail,
    /// Onboarding template names of a customer.
    Template,
}

impl InputProblem {
    /// The core's own wording (English), as the message says it.
    pub fn describe(&self) -> String {
        match self {
            InputProblem::Empty => "must not be empty".into(),
            InputProblem::NotCountry { value } => {
                format!("{value:?} is not an ISO 3166 country code (two capital letters, e.g. DE)")
            }
            InputProblem::NotCurrency { value } => {
                format!("{value:?} is not an ISO 4217 currency code (e.g. EUR)")
            }
            InputProblem::NotEmail { value } => format!("{value:?} is not an e-mail address"),
            InputProblem::CannotBecome { item, from, to } => format!(
                "{item} is {}; it cannot become {}",
                from.as_str(),
                to.as_str()
            ),
            InputProblem::CancelFirst { item, offer_type } => format!(
                "{item} runs on a {} contract: cancel it first",
                offer_type.as_str()
            ),
            InputProblem::RunsUntil { item, end } => {
                format!("{item} runs until {end}: it can be retired from then on")
            }
            InputProblem::Said { wording } => wording.english(),
            InputProblem::Taken { value, among } => match among {
                Unique::Location => format!("a location named {value:?} already exists"),
                Unique::CloudContainer => {
                    format!("a cloud container named {value:?} already exists")
                }
                Unique::Workplace => {
                    format!("a workplace named {value:?} for this employee already exists")
                }
                Unique::EmployeeEmail => {
                    format!("an employee with the e-mail {value:?} already exists")
                }
                Unique::Template => format!("a template named {value:?} already exists"),
            },
        }
    }
}
