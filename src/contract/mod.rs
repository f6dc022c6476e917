//! What a booked contract is made of, in the words pricing, booking, offers and
//! documents share: how it is sold (`OfferType`), where it lands (`ContextRef`),
//! its frozen price terms (`LineTerms`), where an instance stands in its life
//! (`InstanceStatus`) and the instances that block a change (`BlockingInstance`).
//! It sits below them all, so none of them imports another for these words.

mod blocking_instance;
mod context;
mod instance_status;
mod line_terms;
mod offer_type;

pub use blocking_instance::BlockingInstance;
pub use context::ContextRef;
pub use instance_status::InstanceStatus;
pub use line_terms::LineTerms;
pub use offer_type::OfferType;
