//! The fuzz corpus runner: the five fuzz targets (tests/support/fuzz_targets.rs,
//! the same bodies `make fuzz` runs under libFuzzer) over every seed of
//! `fuzz/corpus/<target>/`, every reproducer of `fuzz/regressions/<target>/`
//! (the BMEcat target also over the shared supplier catalogues, read where
//! they lie), and a fixed number of deterministic mutations of the seeds: byte
//! flips, truncations, duplicated, deleted and spliced regions, dictionary
//! tokens, huge numbers, deep nesting, repeated lines, long runs and other
//! encodings. The cases are a fixed count from a fixed RNG seed, not a time
//! budget, so every run is the same run; a failure is shrunk by proptest to
//! the fewest mutations that still fail.
//!
//! Each case must not panic (caught here), and a refused input must say why;
//! the target bodies check the rest (a refused import changes nothing, counts
//! agree, exports read back). Findings that other branches are fixing right
//! now are listed once, in [`KNOWN_UNFIXED`], with what they break and why
//! they are tolerated; remove an entry when its fix is merged (the runner
//! fails when a listed reproducer no longer fails, so none stays stale).

mod support;

#[path = "support/fuzz_targets.rs"]
mod fuzz_targets;

use fuzz_targets::{Outcome, TARGETS};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};
use std::cell::RefCell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Once;

/// Mutated cases per target (on top of every seed and reproducer as it is).
const MUTATED_CASES: u32 = 120;

/// The RNG seed of the mutations: a fixed one, so every run is the same.
const RNG_SEED: [u8; 32] = *b"servicefolio-fuzz-corpus-runner!";

/// A finding that is known, reported and being fixed on another branch.
struct Unfixed {
    target: &'static str,
    /// A minimised input in `fuzz/regressions/<target>/` that shows it.
    reproducer: &'static str,
    symptom: Symptom,
    /// Mutations this runner leaves out while the finding is open, because the
    /// process would not survive them (an abort cannot be caught, a hang not stopped).
    blocks: &'static [Kind],
    /// What goes wrong, where, and who is fixing it.
    reason: &'static str,
}

// The list is empty now; the variants stay for the next finding.
#[allow(dead_code)]
enum Symptom {
    /// A panic whose message contains `message`, raised at or called from
    /// source file `at`: the reproducer is run and must still panic so; any case
    /// of the target that panics so is counted, not failed.
    Panic {
        at: &'static str,
        message: &'static str,
    },
    /// The process aborts (allocation failure, stack overflow) or runs out of
    /// memory: the reproducer is not run.
    Abort,
    /// Runs for minutes or more: the reproducer is not run.
    Hang,
}

/// Everything the fuzzer found that this branch does not fix (see docs/fuzzing.md).
const KNOWN_UNFIXED: &[Unfixed] = &[
    // Empty: every finding of the first runs is fixed on main (docs/fuzzing.md
    // lists them); each reproducer in fuzz/regressions/ now runs as a seed.
];

/// Kinds of mutation, as [`Unfixed::blocks`] names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    FlipBits,
    Truncate,
    Delete,
    Duplicate,
    Splice,
    Token,
    HugeNumber,
    Nest,
    DeepNest,
    RepeatLine,
    LongRun,
    Encode,
    FarCell,
}

#[derive(Debug, Clone, Copy)]
enum Recode {
    Utf16Le,
    Utf16Be,
    Utf16LeWithoutBom,
    Utf8Bom,
    Latin1,
    InvalidUtf8(Index),
    /// Every line end a lone CR (classic Mac), or CRLF.
    CrLineEnds,
    CrLfLineEnds,
}

#[derive(Debug, Clone)]
enum Mutation {
    FlipBits {
        at: Index,
        mask: u8,
    },
    Truncate {
        at: Index,
    },
    Delete {
        at: Index,
        len: usize,
    },
    Duplicate {
        from: Index,
        len: usize,
        to: Index,
    },
    Splice {
        other: Index,
        from: Index,
        len: usize,
        to: Index,
    },
    Token {
        token: Index,
        at: Index,
    },
    HugeNumber {
        nth: Index,
        number: Index,
    },
    Nest {
        at: Index,
        depth: usize,
    },
    DeepNest {
        at: Index,
    },
    RepeatLine {
        line: Index,
        times: usize,
    },
    LongRun {
        at: Index,
        byte: u8,
        len: usize,
    },
    Encode(Recode),
    FarCell {
        nth: Index,
        cell: Index,
    },
}

impl Mutation {
    fn kind(&self) -> Kind {
        match self {
            Mutation::FlipBits { .. } => Kind::FlipBits,
            Mutation::Truncate { .. } => Kind::Truncate,
            Mutation::Delete { .. } => Kind::Delete,
            Mutation::Duplicate { .. } => Kind::Duplicate,
            Mutation::Splice { .. } => Kind::Splice,
            Mutation::Token { .. } => Kind::Token,
            Mutation::HugeNumber { .. } => Kind::HugeNumber,
            Mutation::Nest { .. } => Kind::Nest,
            Mutation::DeepNest { .. } => Kind::DeepNest,
            Mutation::RepeatLine { .. } => Kind::RepeatLine,
            Mutation::LongRun { .. } => Kind::LongRun,
            Mutation::Encode(_) => Kind::Encode,
            Mutation::FarCell { .. } => Kind::FarCell,
        }
    }
}

/// Numbers no amount, count or position should ever be.
const HUGE: [&str; 14] = [
    "79228162514264337593543950335",
    "-79228162514264337593543950335",
    "792281625142643375935439503350",
    "1e28",
    "1E+308",
    "99999999999999999999999999999999999999",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "4294967296",
    "18446744073709551616",
    "-0",
    "1000000000000",
    "1000000000000.01",
    "-1",
];

/// Cell references beyond any real sheet (XLSX allows XFD1048576 at most).
const FAR_CELLS: [&str; 5] = [
    "XFD1048576",
    "ZZZZZZ1",
    "A1048577",
    "AAAAAAAAAAAA1",
    "A4294967297",
];

/// How deep `DeepNest` nests (BMEcat took 52 s for this depth before a limit).
const DEEP: usize = 20_000;

/// Mutated inputs are cut to this size (a few mutations in a row could
/// otherwise multiply a seed into megabytes), and a repeated line adds at most
/// [`REPEATED_BYTES`].
const MAX_INPUT: usize = 256 * 1024;
const REPEATED_BYTES: usize = 64 * 1024;

fn mutation() -> impl Strategy<Value = Mutation> {
    let recode = prop_oneof![
        Just(Recode::Utf16Le),
        Just(Recode::Utf16Be),
        Just(Recode::Utf16LeWithoutBom),
        Just(Recode::Utf8Bom),
        Just(Recode::Latin1),
        any::<Index>().prop_map(Recode::InvalidUtf8),
        Just(Recode::CrLineEnds),
        Just(Recode::CrLfLineEnds),
    ];
    prop_oneof![
        3 => (any::<Index>(), 1u8..).prop_map(|(at, mask)| Mutation::FlipBits { at, mask }),
        1 => any::<Index>().prop_map(|at| Mutation::Truncate { at }),
        2 => (any::<Index>(), 1usize..64).prop_map(|(at, len)| Mutation::Delete { at, len }),
        2 => (any::<Index>(), 1usize..512, any::<Index>())
            .prop_map(|(from, len, to)| Mutation::Duplicate { from, len, to }),
        2 => (any::<Index>(), any::<Index>(), 1usize..512, any::<Index>())
            .prop_map(|(other, from, len, to)| Mutation::Splice { other, from, len, to }),
        4 => (any::<Index>(), any::<Index>()).prop_map(|(token, at)| Mutation::Token { token, at }),
        4 => (any::<Index>(), any::<Index>())
            .prop_map(|(nth, number)| Mutation::HugeNumber { nth, number }),
        1 => (any::<Index>(), 1usize..=500).prop_map(|(at, depth)| Mutation::Nest { at, depth }),
        1 => any::<Index>().prop_map(|at| Mutation::DeepNest { at }),
        1 => (any::<Index>(), 2usize..=300)
            .prop_map(|(line, times)| Mutation::RepeatLine { line, times }),
        1 => (any::<Index>(), any::<u8>(), 1usize..=70_000)
            .prop_map(|(at, byte, len)| Mutation::LongRun { at, byte, len }),
        1 => recode.prop_map(Mutation::Encode),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(nth, cell)| Mutation::FarCell { nth, cell }),
    ]
}

/// The syntax a seed is written in, for the mutations that need one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Xml,
    Json,
    Text,
}

fn shape(target: &str, seed: &[u8]) -> Shape {
    match target {
        "portfolio" => Shape::Json,
        "feed_bmecat" | "feed_xlsx" => Shape::Xml,
        _ if seed.starts_with(b"<") => Shape::Xml,
        _ => Shape::Text,
    }
}

/// A position in `0..=len`.
fn at(index: &Index, len: usize) -> usize {
    index.index(len + 1)
}

fn replace(bytes: &mut Vec<u8>, range: std::ops::Range<usize>, with: &[u8]) {
    bytes.splice(range, with.iter().copied());
}

/// Runs of ASCII digits a number mutation may replace: in XML only text
/// content (not attribute values such as cell references).
fn digit_runs(bytes: &[u8], shape: Shape) -> Vec<std::ops::Range<usize>> {
    let mut runs = Vec::new();
    let mut in_tag = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b'0'..=b'9' => {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                if !(shape == Shape::Xml && in_tag) {
                    runs.push(start..i);
                }
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    runs
}

/// Applies one mutation (`seeds` are the other seeds of the target, for splicing).
fn apply(bytes: &mut Vec<u8>, m: &Mutation, shape: Shape, seeds: &[Vec<u8>], tokens: &[Vec<u8>]) {
    let len = bytes.len();
    match m {
        Mutation::FlipBits { at: i, mask } => {
            if len > 0 {
                bytes[i.index(len)] ^= mask;
            }
        }
        Mutation::Truncate { at: i } => bytes.truncate(at(i, len)),
        Mutation::Delete { at: i, len: n } => {
            let start = at(i, len);
            bytes.drain(start..(start + n).min(len));
        }
        Mutation::Duplicate { from, len: n, to } => {
            let start = at(from, len);
            let part = bytes[start..(start + n).min(len)].to_vec();
            let to = at(to, len);
            replace(bytes, to..to, &part);
        }
        Mutation::Splice {
            other,
            from,
            len: n,
            to,
        } => {
            let other = &seeds[other.index(seeds.len())];
            let start = at(from, other.len());
            let part = &other[start..(start + n).min(other.len())];
            let to = at(to, len);
            replace(bytes, to..to, part);
        }
        Mutation::Token { token, at: i } => {
            if !tokens.is_empty() {
                let to = at(i, len);
                replace(bytes, to..to, &tokens[token.index(tokens.len())]);
            }
        }
        Mutation::HugeNumber { nth, number } => {
            let runs = digit_runs(bytes, shape);
            if !runs.is_empty() {
                let run = runs[nth.index(runs.len())].clone();
                replace(bytes, run, HUGE[number.index(HUGE.len())].as_bytes());
            }
        }
        Mutation::Nest { at: i, depth } => nest(bytes, at(i, len), *depth, shape),
        Mutation::DeepNest { at: i } => nest(bytes, at(i, len), DEEP, shape),
        Mutation::RepeatLine { line, times } => {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(
                    bytes
                        .iter()
                        .enumerate()
                        .filter(|(_, b)| **b == b'\n')
                        .map(|(i, _)| i + 1),
                )
                .filter(|s| *s < len)
                .collect();
            if !starts.is_empty() {
                let start = starts[line.index(starts.len())];
                let end = bytes[start..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(len, |p| start + p + 1);
                let line = bytes[start..end].to_vec();
                let times = (*times).min(REPEATED_BYTES / line.len().max(1)).max(1);
                let copies: Vec<u8> = line.repeat(times);
                replace(bytes, end..end, &copies);
            }
        }
        Mutation::LongRun {
            at: i,
            byte,
            len: n,
        } => {
            let to = at(i, len);
            replace(bytes, to..to, &vec![*byte; *n]);
        }
        Mutation::Encode(recode) => *bytes = encode(bytes, *recode),
        Mutation::FarCell { nth, cell } => {
            let mut refs = Vec::new();
            for needle in [&b" r=\""[..], &b"ref=\""[..]] {
                let mut from = 0;
                while let Some(p) = find(&bytes[from..], needle) {
                    let start = from + p + needle.len();
                    let end = bytes[start..]
                        .iter()
                        .position(|b| *b == b'"')
                        .map_or(len, |q| start + q);
                    refs.push(start..end);
                    from = end;
                }
            }
            if !refs.is_empty() {
                let range = refs[nth.index(refs.len())].clone();
                replace(
                    bytes,
                    range,
                    FAR_CELLS[cell.index(FAR_CELLS.len())].as_bytes(),
                );
            }
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Nests `depth` levels at `at`: elements in XML (after the next `>`), arrays in
/// JSON, quotes in text.
fn nest(bytes: &mut Vec<u8>, at: usize, depth: usize, shape: Shape) {
    let (open, close): (&[u8], &[u8]) = match shape {
        Shape::Xml => (b"<X>", b"</X>"),
        Shape::Json => (b"[", b"]"),
        Shape::Text => (b"\"", b"\""),
    };
    let at = match shape {
        Shape::Xml => bytes[at..]
            .iter()
            .position(|b| *b == b'>')
            .map_or(bytes.len(), |p| at + p + 1),
        _ => at,
    };
    let mut inner = open.repeat(depth);
    inner.extend(close.repeat(depth));
    replace(bytes, at..at, &inner);
}

fn encode(bytes: &[u8], recode: Recode) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    match recode {
        Recode::Utf16Le | Recode::Utf16LeWithoutBom => {
            let mut out = if matches!(recode, Recode::Utf16Le) {
                vec![0xFF, 0xFE]
            } else {
                Vec::new()
            };
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        }
        Recode::Utf16Be => {
            let mut out = vec![0xFE, 0xFF];
            out.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
            out
        }
        Recode::Utf8Bom => [&b"\xEF\xBB\xBF"[..], bytes].concat(),
        Recode::Latin1 => text
            .chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
            .collect(),
        Recode::InvalidUtf8(i) => {
            let mut out = bytes.to_vec();
            let to = at(&i, out.len());
            replace(&mut out, to..to, b"\xC3\x28\xFF");
            out
        }
        Recode::CrLineEnds | Recode::CrLfLineEnds => {
            let end: &[u8] = if matches!(recode, Recode::CrLineEnds) {
                b"\r"
            } else {
                b"\r\n"
            };
            let mut out = Vec::with_capacity(bytes.len());
            let mut i = 0;
            while i < bytes.len() {
                match bytes[i] {
                    b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                        out.extend_from_slice(end);
                        i += 1;
                    }
                    b'\r' | b'\n' => out.extend_from_slice(end),
                    other => out.push(other),
                }
                i += 1;
            }
            out
        }
    }
}

/// The tokens of a libFuzzer dictionary (`"..."` or `name="..."` lines, `\xNN`,
/// `\\` and `\"` escapes).
fn dictionary(path: &Path) -> Vec<Vec<u8>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            let quoted = &line[line.find('"').expect("a quoted token") + 1..line.len() - 1];
            let mut out = Vec::new();
            let mut bytes = quoted.bytes();
            while let Some(b) = bytes.next() {
                if b != b'\\' {
                    out.push(b);
                    continue;
                }
                match bytes.next() {
                    Some(b'x') => {
                        let hex: Vec<u8> = bytes.by_ref().take(2).collect();
                        let hex = std::str::from_utf8(&hex).expect("hex digits");
                        out.push(u8::from_str_radix(hex, 16).expect("a \\xNN escape"));
                    }
                    Some(other) => out.push(other),
                    None => {}
                }
            }
            out
        })
        .collect()
}

fn fuzz_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz"))
}

/// The files of a folder, by name (none if it does not exist).
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, Vec<u8>)> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (name, bytes)
        })
        .collect();
    files.sort();
    files
}

/// What a panic said, and where.
#[derive(Debug, Clone)]
struct Panic {
    file: String,
    line: u32,
    message: String,
    /// Taken only for a message a known finding states (it is slow).
    backtrace: String,
}

thread_local! {
    /// Set while a case runs: its panic is noted here instead of printed.
    static CAUGHT: RefCell<Option<Option<Panic>>> = const { RefCell::new(None) };
}

fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let capturing = CAUGHT.with(|c| c.borrow().is_some());
            if !capturing {
                return default(info);
            }
            let payload = info.payload();
            let message = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            let (file, line) = info
                .location()
                .map_or((String::new(), 0), |l| (l.file().to_owned(), l.line()));
            let stated = KNOWN_UNFIXED.iter().any(
                |u| matches!(u.symptom, Symptom::Panic { message: m, .. } if message.contains(m)),
            );
            let backtrace = if stated {
                std::backtrace::Backtrace::force_capture().to_string()
            } else {
                String::new()
            };
            CAUGHT.with(|c| {
                *c.borrow_mut() = Some(Some(Panic {
                    file,
                    line,
                    message,
                    backtrace,
                }));
            });
        }));
    });
}

/// Runs one case; a panic comes back as what it said.
fn run(body: fn(&[u8]) -> Outcome, input: &[u8]) -> Result<Outcome, Panic> {
    install_panic_hook();
    CAUGHT.with(|c| *c.borrow_mut() = Some(None));
    let result = catch_unwind(AssertUnwindSafe(|| body(input)));
    let caught = CAUGHT.with(|c| c.borrow_mut().take()).flatten();
    result.map_err(|_| {
        caught.unwrap_or(Panic {
            file: String::new(),
            line: 0,
            message: "a panic without a message".into(),
            backtrace: String::new(),
        })
    })
}

/// The known finding a panic is, if it is one.
fn known(target: &str, panic: &Panic) -> Option<&'static Unfixed> {
    KNOWN_UNFIXED.iter().find(|u| {
        u.target == target
            && matches!(u.symptom, Symptom::Panic { at, message }
                if panic.message.contains(message)
                    && (panic.file.ends_with(at) || panic.backtrace.contains(at)))
    })
}

#[derive(Debug, Default)]
struct Tally {
    cases: u32,
    accepted: u32,
    refused: u32,
    known_panics: u32,
}

impl Tally {
    fn count(&mut self, target: &str, result: &Result<Outcome, Panic>) -> Result<(), String> {
        self.cases += 1;
        match result {
            Ok(Outcome::Accepted) => self.accepted += 1,
            Ok(Outcome::Refused(_)) => self.refused += 1,
            Err(panic) => match known(target, panic) {
                Some(_) => self.known_panics += 1,
                None => {
                    return Err(format!(
                        "panicked at {}:{}: {}",
                        panic.file, panic.line, panic.message
                    ))
                }
            },
        }
        Ok(())
    }
}

fn show(input: &[u8]) -> String {
    const SHOWN: usize = 600;
    let text = String::from_utf8_lossy(&input[..input.len().min(SHOWN)]).into_owned();
    if input.len() > SHOWN {
        format!("{text:?}... ({} bytes)", input.len())
    } else {
        format!("{text:?}")
    }
}

fn run_target(target: &'static str) {
    let body = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, body)| *body)
        .expect("a target");
    let dir = fuzz_dir();
    let mut seeds = files(&dir.join("corpus").join(target));
    assert!(!seeds.is_empty(), "fuzz/corpus/{target} has no seeds");
    if target == "feed_bmecat" {
        // The suppliers' catalogues are read where they lie, never copied.
        seeds.extend(
            files(&support::bmecat_dir())
                .into_iter()
                .map(|(name, bytes)| (format!("shared/fixtures/bmecat/{name}"), bytes)),
        );
    }
    let tokens = dictionary(&dir.join("dict").join(format!("{target}.dict")));
    let mut tally = Tally::default();
    let started = std::time::Instant::now();

    // Every seed and every reproducer as it is.
    let regressions = files(&dir.join("regressions").join(target));
    for (name, bytes) in seeds.iter().chain(&regressions) {
        let unfixed = KNOWN_UNFIXED
            .iter()
            .find(|u| u.target == target && u.reproducer == name);
        if unfixed.is_some_and(|u| !matches!(u.symptom, Symptom::Panic { .. })) {
            continue;
        }
        let result = run(body, bytes);
        if let Some(unfixed) = unfixed {
            assert!(
                result.as_ref().is_err_and(|p| known(target, p).is_some()),
                "{target}/{name} no longer fails as KNOWN_UNFIXED says ({}): {}; \
                 if it is fixed, remove its entry so the runner checks it",
                unfixed.reason,
                match &result {
                    Ok(outcome) => format!("{outcome:?}"),
                    Err(p) => format!("panicked at {}:{}: {}", p.file, p.line, p.message),
                }
            );
        }
        if let Err(failure) = tally.count(target, &result) {
            panic!("{target}: {name}: {failure}");
        }
    }
    for unfixed in KNOWN_UNFIXED.iter().filter(|u| u.target == target) {
        assert!(
            regressions
                .iter()
                .any(|(name, _)| name == unfixed.reproducer),
            "KNOWN_UNFIXED names fuzz/regressions/{target}/{}, which does not exist",
            unfixed.reproducer
        );
    }
    assert!(
        tally.accepted > 0,
        "{target}: no seed is accepted; the harness does not reach the import"
    );

    // Mutations of the seeds, the same ones every run.
    let blocked: Vec<Kind> = KNOWN_UNFIXED
        .iter()
        .filter(|u| u.target == target)
        .flat_map(|u| u.blocks.iter().copied())
        .collect();
    let seed_bytes: Vec<Vec<u8>> = seeds.iter().map(|(_, b)| b.clone()).collect();
    let config = Config {
        cases: MUTATED_CASES,
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &RNG_SEED));
    let strategy = (
        any::<Index>(),
        vec(
            mutation().prop_filter("blocked while a known finding is open", move |m| {
                !blocked.contains(&m.kind())
            }),
            1..=3,
        ),
    );
    let tally = RefCell::new(tally);
    let result = runner.run(&strategy, |(seed, mutations)| {
        let (name, original) = &seeds[seed.index(seeds.len())];
        let shape = shape(target, original);
        let mut input = original.clone();
        for m in &mutations {
            apply(&mut input, m, shape, &seed_bytes, &tokens);
            input.truncate(MAX_INPUT);
        }
        let t0 = std::time::Instant::now();
        let result = run(body, &input);
        if t0.elapsed().as_millis() > 500 {
            eprintln!(
                "SLOW {target} {:?} {} bytes {:?}",
                t0.elapsed(),
                input.len(),
                mutations.iter().map(|m| m.kind()).collect::<Vec<_>>()
            );
        }
        tally
            .borrow_mut()
            .count(target, &result)
            .map_err(|failure| {
                TestCaseError::fail(format!(
                    "{failure}\nseed {name}, mutations {mutations:?}\ninput {}",
                    show(&input)
                ))
            })
    });
    let tally = tally.into_inner();
    eprintln!(
        "{target}: {} cases ({} seeds and reproducers, {MUTATED_CASES} mutated): \
         {} accepted, {} refused, {} known unfixed ({:.1} s)",
        tally.cases,
        seeds.len() + regressions.len(),
        tally.accepted,
        tally.refused,
        tally.known_panics,
        started.elapsed().as_secs_f64()
    );
    if let Err(failure) = result {
        panic!("{target}: {failure}");
    }
    assert!(
        tally.refused > 0,
        "{target}: no case was refused; the mutations do not reach the checks"
    );
}

#[test]
fn feed_csv() {
    run_target("feed_csv");
}

#[test]
fn feed_xlsx() {
    run_target("feed_xlsx");
}

#[test]
fn feed_bmecat() {
    run_target("feed_bmecat");
}

#[test]
fn portfolio() {
    run_target("portfolio");
}

#[test]
fn employee_import() {
    run_target("employee_import");
}

#[test]
fn every_target_has_seeds_a_dictionary_and_a_fuzz_binary() {
    let dir = fuzz_dir();
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("fuzz/Cargo.toml");
    for (target, _) in TARGETS {
        assert!(
            !files(&dir.join("corpus").join(target)).is_empty(),
            "fuzz/corpus/{target}"
        );
        assert!(
            !dictionary(&dir.join("dict").join(format!("{target}.dict"))).is_empty(),
            "fuzz/dict/{target}.dict"
        );
        assert!(
            manifest.contains(&format!("name = \"{target}\"")),
            "fuzz/Cargo.toml has no binary {target}"
        );
        assert!(
            dir.join("fuzz_targets")
                .join(format!("{target}.rs"))
                .is_file(),
            "fuzz/fuzz_targets/{target}.rs"
        );
    }
}

#[test]
fn the_workbook_wrapper_makes_a_workbook_calamine_reads() {
    // The parts of tests/fixtures/itscope-prices.xlsx, zipped by the harness,
    // read like the workbook itself.
    let parts = std::fs::read(fuzz_dir().join("corpus/feed_xlsx/itscope-prices.parts")).unwrap();
    let whole = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/itscope-prices.xlsx"
    ))
    .unwrap();
    let read = |bytes: &[u8]| {
        let mut rows = Vec::new();
        servicefolio::feed::read_xlsx(
            std::io::Cursor::new(bytes),
            &servicefolio::feed::MappingProfile::itscope(),
            "prices.xlsx",
            &mut |item| {
                rows.push(format!("{item:?}"));
                Ok::<(), std::convert::Infallible>(())
            },
        )
        .unwrap();
        rows
    };
    let wrapped = read(&fuzz_targets::xlsx_input(&parts));
    assert_eq!(wrapped.len(), 3, "two articles and a problem: {wrapped:?}");
    assert_eq!(wrapped, read(&whole));
}

/// Runs one file through one target in the debug build, with the panic shown:
/// `FUZZ_TARGET=feed_bmecat FUZZ_INPUT=path cargo test --test fuzz_corpus replay -- --ignored --nocapture`
/// (`cargo fuzz run <target> <file>` does the same in the fuzzing build).
#[test]
#[ignore = "needs FUZZ_TARGET and FUZZ_INPUT"]
fn replay() {
    let target = std::env::var("FUZZ_TARGET").expect("FUZZ_TARGET");
    let input = std::env::var("FUZZ_INPUT").expect("FUZZ_INPUT");
    let body = TARGETS
        .iter()
        .find(|(name, _)| *name == target)
        .unwrap_or_else(|| panic!("no target {target}"))
        .1;
    let bytes = std::fs::read(&input).unwrap_or_else(|e| panic!("{input}: {e}"));
    let started = std::time::Instant::now();
    let outcome = body(&bytes);
    eprintln!("{target} {input}: {outcome:?} in {:?}", started.elapsed());
}
