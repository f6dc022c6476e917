//! The window's commands, one file per area. Each is thin: it takes its typed
//! arguments, calls one core function on the session (`with_session` for a
//! change, `read` for a read, `import` for an import) and returns its result or
//! its `ErrorPayload`. `bindings.rs` lists them for the generated TypeScript.

pub mod booking;
pub mod catalog;
pub mod customers;
pub mod import;
pub mod inventory;
pub mod offers;
pub mod pricing;
pub mod settings;
