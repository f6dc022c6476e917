//! How long an offer is valid: from its date to a day not before it, by
//! default the settings' validity days.

use chrono::{Duration, NaiveDate};
use rusqlite::Connection;

use crate::error::{InputSays, Wording};
use crate::{Error, Result};

pub(super) fn default_validity(conn: &Connection, from: NaiveDate) -> Result<NaiveDate> {
    let days = crate::settings::settings(conn)?.default_validity_days;
    // Checked: an offer date near the end of the calendar has no date after it.
    from.checked_add_signed(Duration::days(i64::from(days)))
        .ok_or_else(|| {
            Error::input_said(
                "valid_until",
                Wording::new(InputSays::BeyondLastDate)
                    .date("from", from)
                    .number("days", days),
            )
        })
}

pub(super) fn check_validity(offer_date: NaiveDate, valid_until: NaiveDate) -> Result<()> {
    if valid_until < offer_date {
        return Err(Error::input_said(
            "valid_until",
            Wording::new(InputSays::ValidUntilBeforeOfferDate)
                .date("valid_until", valid_until)
                .date("offer_date", offer_date),
        ));
    }
    Ok(())
}
