//! Property-test plumbing (proptest): how many cases a property runs, and
//! inputs made by mutating the project's own files.
//!
//! A property runs a modest number of cases by default, so that `cargo
//! test` stays fast; `PROPTEST_CASES=N` runs N instead, for every property.

use std::path::Path;

use proptest::prelude::*;
use proptest::sample::{Index, select};

/// `cases` cases, unless `PROPTEST_CASES` says otherwise; proptest's other
/// settings (and their `PROPTEST_*` variables) as they are.
pub fn config(cases: u32) -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = cases;
    }
    config
}

/// Tokens that tend to break readers of money, CSV, batches and keymaps.
pub const INSERTS: &[&str] = &[
    "\"",
    "\"\"",
    ",",
    ";",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "\0",
    "，",
    "．",
    "０",
    "９",
    "％",
    "－",
    "\u{3000}",
    "\u{feff}",
    "\u{202e}",
    "\u{1b}[2J",
    "\u{1b}]0;t\u{7}",
    "😀",
    "e\u{301}",
    "99999999999999999999999999999",
    "184467440737095516160000",
    "0.0000000000000000000000000001",
    "1e308",
    "NaN",
    "-",
    "+",
    "%",
    ".",
    "=",
    "@",
    "[",
    "]",
    "=[",
    "\\",
    "'",
    "ctrl-",
    "alt-shift-",
    "审减",
    "取消",
    "调整",
];

/// One edit of a byte string; positions are taken modulo its length then.
#[derive(Clone, Debug)]
pub enum Edit {
    /// Flips one bit of a byte.
    Flip(Index, u8),
    /// Deletes up to n bytes.
    Delete(Index, usize),
    /// Repeats up to n bytes in place.
    Duplicate(Index, usize),
    /// Inserts an awkward token.
    Insert(Index, &'static str),
    /// Cuts the rest off.
    Truncate(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        1 => (any::<Index>(), 0..8u8).prop_map(|(at, bit)| Edit::Flip(at, bit)),
        1 => (any::<Index>(), 1..=16usize).prop_map(|(at, n)| Edit::Delete(at, n)),
        1 => (any::<Index>(), 1..=24usize).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        2 => (any::<Index>(), select(INSERTS)).prop_map(|(at, t)| Edit::Insert(at, t)),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

/// `seed` with `edits` made one after the other.
pub fn edited(seed: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for e in edits {
        // An insertion point: 0..=len.
        let point = |at: &Index, len: usize| at.index(len + 1);
        match e {
            Edit::Flip(at, bit) if !b.is_empty() => {
                let i = at.index(b.len());
                b[i] ^= 1 << bit;
            }
            Edit::Delete(at, n) if !b.is_empty() => {
                let i = at.index(b.len());
                b.drain(i..(i + n).min(b.len()));
            }
            Edit::Duplicate(at, n) => {
                let i = point(at, b.len());
                let piece = b[i..(i + n).min(b.len())].to_vec();
                b.splice(i..i, piece);
            }
            Edit::Insert(at, token) => {
                let i = point(at, b.len());
                b.splice(i..i, token.bytes());
            }
            Edit::Truncate(at) => b.truncate(point(at, b.len())),
            Edit::Flip(..) | Edit::Delete(..) => {}
        }
    }
    b
}

/// One of `seeds` with 1–8 random edits: bit flips, deletions,
/// duplications, awkward tokens, truncation.
pub fn mutated(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    (select(seeds), prop::collection::vec(edit(), 1..=8))
        .prop_map(|(seed, edits)| edited(&seed, &edits))
}

/// [`mutated`], read as text the way a lenient reader would (invalid UTF-8
/// as U+FFFD).
pub fn mutated_text(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = String> {
    mutated(seeds).prop_map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// Mostly mutations of `seeds`, sometimes any text at all.
pub fn text_like(seeds: Vec<Vec<u8>>) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => mutated_text(seeds),
        1 => any::<String>(),
        1 => prop::collection::vec(any::<u8>(), 0..512)
            .prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
    ]
}

/// The bytes of every file in `tests/fixtures/SUB` whose name ends with
/// one of `exts` (the README files are prose, not seeds).
pub fn fixture_seeds(sub: &str, exts: &[&str]) -> Vec<Vec<u8>> {
    let dir = super::fixture(sub);
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| exts.iter().any(|x| p.to_string_lossy().ends_with(x)))
        .collect();
    names.sort();
    names.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

/// The bytes of the project's own files at `paths` (relative to the crate).
pub fn own_files(paths: &[&str]) -> Vec<Vec<u8>> {
    paths
        .iter()
        .map(|p| std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join(p)).unwrap())
        .collect()
}
