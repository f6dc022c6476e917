//! What a subcommand prints: its answer (as JSON with `--json`, else as text)
//! and, when it fails, the reason. Every subcommand prints through these two.

use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// Why a subcommand failed: the core refused (a typed error, maybe with the
/// file it is about), or writing the output failed.
#[derive(Debug)]
pub enum Failure {
    Core {
        error: servicefolio::Error,
        /// What the error is about when the core does not say (the file read).
        about: Option<String>,
    },
    Output(std::io::Error),
}

impl From<servicefolio::Error> for Failure {
    fn from(error: servicefolio::Error) -> Self {
        Failure::Core { error, about: None }
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Self {
        Failure::Output(error)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(error: serde_json::Error) -> Self {
        Failure::Output(error.into())
    }
}

/// A core error about `file` (its message is prefixed with the file's name).
pub fn in_file(file: &Path) -> impl FnOnce(servicefolio::Error) -> Failure + '_ {
    move |error| Failure::Core {
        error,
        about: Some(file.display().to_string()),
    }
}

/// Prints `value` as pretty JSON (one value, then a newline) when `json`,
/// else as `text` writes it.
pub fn print<T: Serialize + ?Sized>(
    out: &mut dyn Write,
    json: bool,
    value: &T,
    text: impl FnOnce(&mut dyn Write, &T) -> std::io::Result<()>,
) -> Result<(), Failure> {
    if json {
        serde_json::to_writer_pretty(&mut *out, value)?;
        writeln!(out)?;
    } else {
        text(out, value)?;
    }
    Ok(())
}

/// The error object `--json` prints on stdout: `{"error": {kind, message, details}}`.
#[derive(Debug, serde::Serialize)]
pub struct JsonError<'a> {
    pub error: &'a servicefolio::ErrorPayload,
}

/// The exit code of a subcommand's result, printing a failure: the reason on
/// `err` (and with `json` also `{"error": {"kind", "message", "details"}}` on
/// `out`), exit code 1. A closed pipe (`servicefolio catalog list | head`) is
/// not an error.
pub fn exit_code(
    result: Result<(), Failure>,
    json: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    match result {
        Ok(()) => 0,
        Err(Failure::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(Failure::Output(e)) => {
            let _ = writeln!(err, "servicefolio: cannot write the output: {e}");
            1
        }
        Err(Failure::Core { error, about }) => {
            let mut payload = servicefolio::ErrorPayload::from(error);
            if let Some(about) = about {
                payload.message = format!("{about}: {}", payload.message);
            }
            let _ = writeln!(err, "servicefolio: {}", payload.message);
            if json {
                // A closed stdout loses only the copy of what stderr said.
                let _ = serde_json::to_writer_pretty(&mut *out, &JsonError { error: &payload })
                    .map_err(std::io::Error::from)
                    .and_then(|()| writeln!(out));
            }
            1
        }
    }
}
