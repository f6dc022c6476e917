//! The booking engine: a request becomes a `BookingPlan` (nothing written) with
//! the requested lines, the prerequisites found or provisioned, the mandatory
//! linked lines and the optional items on offer; `apply` writes a plan as
//! instances in one transaction, refusing a plan the store has moved past;
//! the inventory, the lifecycle and the renewals coming up read them back.

mod add_on;
mod apply;
mod change;
mod inventory;
mod lifecycle;
mod onboarding;
mod places;
mod plan;
mod refusal;
mod renewals;
mod request;
pub(crate) mod store;

pub use add_on::{applicable_add_ons, order_add_on, AddOnCharge, ApplicableAddOn};
pub(crate) use apply::write_plan;
pub use apply::{apply, ApplyAs};
pub(crate) use change::plan_change_with;
pub use change::{
    apply_change, apply_changes, plan_change, running_monthly, AppliedChange, ChangeKind,
    ChangeTarget, CurrentInstance, EndingLink, InstanceChange, LinkedInstance, PlannedChange,
};
pub use inventory::{inventory, ContextCost, InstanceView, Inventory};
pub use lifecycle::{
    contract_dates, earliest_end, next_deadline, transition, ContractDates, Deadline, DeadlineKind,
    TransitionOutcome,
};
pub use onboarding::{
    create_template, delete_template, onboard_employee, templates, update_template, Onboarded,
    Template, TemplateRecord, TemplateScope, TemplateStep,
};
pub use places::{Place, PlaceCost};
pub(crate) use plan::CustomerSnapshot;
pub use plan::{
    plan, BookingPlan, LineReason, NewWorkplace, OptionalOffer, PlanLine, Prerequisite,
};
pub use renewals::{renewals, Renewal, Renewals, DEFAULT_WINDOW_DAYS, MAX_WINDOW_DAYS};
pub use request::{BookingRequest, ChosenOption, ContextSelector};
// Rounding lives in `pricing`; re-exported where inventory users look for it.
pub use crate::pricing::to_cents;
