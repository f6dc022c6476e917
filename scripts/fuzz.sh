#!/usr/bin/env bash
# Runs the cargo-fuzz targets one after another, FUZZ_SECONDS each (see docs/fuzzing.md).
#   scripts/fuzz.sh                      every target
#   scripts/fuzz.sh feed_bmecat portfolio   these
# Environment:
#   FUZZ_SECONDS   time per target (default 60)
#   FUZZ_SANITIZER none (default) or address (AddressSanitizer: about three times
#                  slower here; switching rebuilds everything)
#   FUZZ_ARGS      more libFuzzer flags (e.g. -max_len=200000)
# The working corpus grows in fuzz/work/corpus/<target> (seeded from fuzz/corpus/<target>
# and for BMEcat the shared supplier catalogues, read where they lie; not from
# fuzz/regressions, whose open findings would only be found again at once); crashes, timeouts and out-of-memory inputs land in fuzz/artifacts/<target>/;
# each run's log is fuzz/work/<target>.log. A crash does not stop the run (fork mode):
# every finding of the time budget is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_TARGET="${FUZZ_SECONDS:-60}"
SANITIZER="${FUZZ_SANITIZER:-none}"
ALL=(feed_csv feed_xlsx feed_bmecat portfolio employee_import)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")

if ! command -v cargo-fuzz >/dev/null; then
    echo "fuzz: installing cargo-fuzz"
    cargo install cargo-fuzz --locked
fi

# cargo-fuzz passes -Z flags (sanitizers, coverage instrumentation), which need a
# nightly compiler; the pinned stable toolchain accepts them with RUSTC_BOOTSTRAP=1.
export RUSTC_BOOTSTRAP=1

shared_bmecat() {
    for dir in "${SERVICEFOLIO_SHARED:-}" ../shared /work/shared; do
        if [ -n "$dir" ] && [ -d "$dir/fixtures/bmecat" ]; then
            echo "$dir/fixtures/bmecat"
            return
        fi
    done
}

if [ ${#TARGETS[@]} -eq ${#ALL[@]} ]; then
    cargo fuzz build --sanitizer "$SANITIZER"
else
    for target in "${TARGETS[@]}"; do
        cargo fuzz build --sanitizer "$SANITIZER" "$target"
    done
fi

summary=()
for target in "${TARGETS[@]}"; do
    work="fuzz/work/corpus/$target"
    artifacts="fuzz/artifacts/$target"
    log="fuzz/work/$target.log"
    mkdir -p "$work" "$artifacts"
    seeds=("fuzz/corpus/$target")
    if [ "$target" = feed_bmecat ]; then
        bmecat="$(shared_bmecat)"
        [ -n "$bmecat" ] && seeds+=("$bmecat")
    fi
    echo "fuzz: $target for ${SECONDS_PER_TARGET} s (log: $log)"
    # One job at a time (the machine is shared); -fork=1 keeps going after a
    # crash, a timeout (10 s) or an out-of-memory input (2 GB).
    set +e
    cargo fuzz run --sanitizer "$SANITIZER" "$target" "$work" "${seeds[@]}" -- \
        -dict="fuzz/dict/$target.dict" \
        -artifact_prefix="$artifacts/" \
        -max_total_time="$SECONDS_PER_TARGET" \
        -rss_limit_mb=2048 -timeout=10 \
        -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
        -print_final_stats=1 ${FUZZ_ARGS:-} >"$log" 2>&1
    status=$?
    set -e
    last="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
    found="$(ls "$artifacts" | wc -l)"
    summary+=("$target: ${last:-no progress line (see $log)}; artifacts: $found; exit $status")
done

# Scratch databases of inputs that crashed (their process never cleaned up;
# files of processes still running are left alone).
for file in /dev/shm/servicefolio-fuzz-* "${TMPDIR:-/tmp}"/servicefolio-fuzz-*; do
    [ -e "$file" ] || continue
    pid="${file##*/servicefolio-fuzz-}"
    pid="${pid%%-*}"
    [ -d "/proc/$pid" ] || rm -f "$file"
done

echo
echo "fuzz summary (executions, coverage, findings per target):"
printf '  %s\n' "${summary[@]}"
