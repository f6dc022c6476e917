//! Mapping profiles saved by name. The built-in ITScope profile is always there
//! (a saved profile of the same name replaces it).

use rusqlite::{Connection, Transaction};

use super::store;
use crate::error::{InputSays, RefusalSays, Wording};
use crate::feed::MappingProfile;
use crate::{Error, Result};

/// Saves a profile under its name, replacing one of the same name (ignoring case).
pub fn save_mapping_profile(tx: &Transaction<'_>, profile: &MappingProfile) -> Result<()> {
    if profile.name.trim().is_empty() {
        return Err(Error::input_said(
            "name",
            Wording::new(InputSays::ProfileNeedsName),
        ));
    }
    profile.check()?;
    store::upsert_mapping_profile(tx, profile)
}

/// The profile with this name (ignoring case); the built-in ITScope profile
/// unless one was saved under its name.
pub fn mapping_profile(conn: &Connection, name: &str) -> Result<MappingProfile> {
    match store::saved_mapping_profile(conn, name)? {
        Some(profile) => Ok(profile),
        None if name.trim().eq_ignore_ascii_case("itscope") => Ok(MappingProfile::itscope()),
        None => Err(Error::not_found(
            Wording::new(RefusalSays::MappingProfileNotFound).text("name", name),
        )),
    }
}

/// Every profile by name, the built-in ITScope one included.
pub fn mapping_profiles(conn: &Connection) -> Result<Vec<MappingProfile>> {
    let mut profiles = store::saved_mapping_profiles(conn)?;
    if !profiles
        .iter()
        .any(|p| p.name.eq_ignore_ascii_case("itscope"))
    {
        profiles.insert(0, MappingProfile::itscope());
    }
    Ok(profiles)
}

pub fn delete_mapping_profile(tx: &Transaction<'_>, name: &str) -> Result<()> {
    if !store::delete_mapping_profile(tx, name)? {
        return Err(Error::not_found(
            Wording::new(RefusalSays::MappingProfileNotFound).text("name", name),
        ));
    }
    Ok(())
}
