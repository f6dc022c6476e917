//! Mapping profiles saved by name. The built-in ITScope profile is always there
//! (a saved profile of the same name replaces it).

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::feed::MappingProfile;
use crate::{Error, Result};

/// Saves a profile under its name, replacing one of the same name (ignoring case).
pub fn save_mapping_profile(tx: &Transaction<'_>, profile: &MappingProfile) -> Result<()> {
    if profile.name.trim().is_empty() {
        return Err(Error::input("name", "a mapping profile needs a name"));
    }
    profile.check()?;
    let json =
        serde_json::to_string(profile).map_err(|e| Error::input("profile", e.to_string()))?;
    tx.prepare_cached(
        "INSERT INTO mapping_profile (name, profile) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET name = excluded.name, profile = excluded.profile",
    )?
    .execute(params![profile.name.trim(), json])?;
    Ok(())
}

fn parse(json: &str) -> Result<MappingProfile> {
    serde_json::from_str(json).map_err(|e| Error::Corrupt(format!("mapping profile: {e}")))
}

/// The profile with this name (ignoring case); the built-in ITScope profile
/// unless one was saved under its name.
pub fn mapping_profile(conn: &Connection, name: &str) -> Result<MappingProfile> {
    let stored: Option<String> = conn
        .prepare_cached("SELECT profile FROM mapping_profile WHERE name = ?1")?
        .query_row([name.trim()], |r| r.get(0))
        .optional()?;
    match stored {
        Some(json) => parse(&json),
        None if name.trim().eq_ignore_ascii_case("itscope") => Ok(MappingProfile::itscope()),
        None => Err(Error::not_found(format!("mapping profile {name:?}"))),
    }
}

/// Every profile by name, the built-in ITScope one included.
pub fn mapping_profiles(conn: &Connection) -> Result<Vec<MappingProfile>> {
    let mut stmt = conn.prepare_cached("SELECT profile FROM mapping_profile ORDER BY name")?;
    let mut rows = stmt.query([])?;
    let mut profiles = Vec::new();
    while let Some(r) = rows.next()? {
        profiles.push(parse(&r.get::<_, String>(0)?)?);
    }
    if !profiles
        .iter()
        .any(|p| p.name.eq_ignore_ascii_case("itscope"))
    {
        profiles.insert(0, MappingProfile::itscope());
    }
    Ok(profiles)
}

pub fn delete_mapping_profile(tx: &Transaction<'_>, name: &str) -> Result<()> {
    let rows = tx
        .prepare_cached("DELETE FROM mapping_profile WHERE name = ?1")?
        .execute([name.trim()])?;
    if rows == 0 {
        return Err(Error::not_found(format!("mapping profile {name:?}")));
    }
    Ok(())
}
