//! What a booked contract is made of, in the words pricing, booking, offers and
//! documents share: its frozen price terms (`LineTerms`), and reading the
//! instances that block a change (`error::BlockingInstance`). It sits below them all, so none of them
//! imports another for these words. The smaller words (how it is sold,
//! `OfferType`; where it lands, `ContextRef`; where an instance stands in its
//! life, `InstanceStatus`) are in `vocabulary`, below the error.

mod blocking_instance;
mod instance_context;
mod line_terms;

pub use instance_context::{context_at, INSTANCE_CONTEXT_COLUMNS};
pub use line_terms::LineTerms;
