//! Fuzz target `feed_bmecat`: the body is shared with the corpus runner (tests/fuzz_corpus.rs).
#![no_main]

#[allow(dead_code)]
#[path = "../../tests/support/fuzz_targets.rs"]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = targets::feed_bmecat(data);
});
