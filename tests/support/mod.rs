//! Where the shared test data lives: `../shared` beside the checkout (the workplace's
//! layout), `/work/shared` when the checkout is elsewhere (a fresh clone in CI), or
//! `SERVICEFOLIO_SHARED`.

use std::path::PathBuf;

/// The folder of the supplier BMEcat catalogues (`shared/fixtures/bmecat`).
pub fn bmecat_dir() -> PathBuf {
    let candidates = [
        std::env::var_os("SERVICEFOLIO_SHARED").map(PathBuf::from),
        Some(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared"
        ))),
        Some(PathBuf::from("/work/shared")),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(|shared| shared.join("fixtures/bmecat"))
        .find(|dir| dir.is_dir())
        .unwrap_or_else(|| {
            panic!("shared/fixtures/bmecat not found beside the checkout or at /work/shared; set SERVICEFOLIO_SHARED")
        })
}
