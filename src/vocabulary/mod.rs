//! The words the error's details share with the rooms that raise them: where a
//! booking lands (`BookingContext`, `ContextRef`), whether an item is for sale
//! (`ItemStatus`), what kind of item it is (`ItemKind`), how it is sold (`OfferType`), where
//! an offer stands (`OfferStatus`) and where an instance stands in
//! its life (`InstanceStatus`). They sit below the error, so a refused booking
//! request or a blocked delete can carry them as data (tests/floors.rs).

mod booking_context;
mod context;
mod instance_status;
mod item_kind;
mod item_status;
mod offer_status;
mod offer_type;

/// Generates `as_str` / `parse` for an enum stored as text, so the SQL names and
/// the serde names cannot drift apart.
macro_rules! stored_enum {
    ($name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<$name> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(
                        format!("{text:?} is not a {}", stringify!($name)).into(),
                    )
                })
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }
    };
}

pub(crate) use stored_enum;

pub use booking_context::BookingContext;
pub use context::ContextRef;
pub use instance_status::InstanceStatus;
pub use item_kind::ItemKind;
pub use item_status::ItemStatus;
pub use offer_status::OfferStatus;
pub use offer_type::OfferType;
