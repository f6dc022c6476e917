//! Workplaces a booking creates (issue 14, item 1): a service booked into
//! workplaces, for an employee who has none, lands in a workplace the booking
//! creates for them in the same transaction. Until it is written the plan
//! names it by the employee's id, negated (`ContextRef::Workplace(-employee)`):
//! no stored workplace has a negative id, so it can never be mistaken for one,
//! and planning the same request again names it the same way (an offer's
//! accept compares the plans).

use serde::{Deserialize, Serialize};

use crate::vocabulary::ContextRef;

/// A workplace the plan creates for an employee who has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
pub struct NewWorkplace {
    pub employee_id: i64,
    /// The employee's name, as the plan shows it.
    pub employee: String,
}

/// The context of the workplace a plan creates for `employee`.
pub(crate) fn new_workplace_of(employee: i64) -> ContextRef {
    ContextRef::Workplace(-employee)
}

/// The employee whose new workplace `context` is, if it is one.
pub(crate) fn new_workplace_employee(context: ContextRef) -> Option<i64> {
    match context {
        ContextRef::Workplace(id) if id < 0 => Some(-id),
        _ => None,
    }
}
