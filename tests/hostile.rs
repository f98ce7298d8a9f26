//! Hostile input: bad files through the real binary, random inputs (proptest)
//! through the library, terminal escape sequences in the data, SQL built only
//! from constants, and formula-looking cells in the CSV export.
//!
//! Nothing may panic; a rejected import or batch exits 1 with a message that
//! names the file (and the row and column where there is one) and leaves the
//! database byte for byte as it was.
//!
//! The full-size variants are `#[ignore]`d (they take minutes); run them with
//! `cargo test --test hostile -- --ignored`.
//!
//! One file of its five sections (marked below) because each test binary
//! links the whole crate: split, they would cost `cargo test` link time and
//! share the same helpers.

mod common;

use std::panic::catch_unwind;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use std::thread;
use std::time::Duration;

use common::db::{dump, integrity};
use common::pty::{self, Session};
use common::*;
use huishen::domain::decision::{Command, CutInput, Decision, decide};
use huishen::domain::money::{AmountError, Money, Unit, parse_amount};
use huishen::import::{batch_from_csv_text, submission_from_csv_text};
use huishen::keymap::Keymap;
use proptest::prelude::*;
use rusqlite::{Connection, params};
use rust_decimal::Decimal;

/// The chair of every meeting here (created it).
const CHAIR: &str = "甲";

const BASE_CSV: &str = "\
项目编码,部门,业务股室,项目名称,预算类型,申报金额（万元）
B1,教育局,综合股,基础一,一般公共预算,10
B2,教育局,综合股,基础二,一般公共预算,20
B3,卫健委,社保股,基础三,政府性基金预算,30
";

use common::PROJECTS_HEADER as HEADER;

// ---------------------------------------------------------------------------
// Helpers

fn hostile(name: &str) -> PathBuf {
    fixture(&format!("hostile/{name}"))
}

/// A meeting with projects B1–B3, chaired by 甲.
fn base_meeting(dir: &Path) -> PathBuf {
    import_meeting(dir, BASE_CSV, &["--as", CHAIR])
}

/// The file's bytes and its dump.
fn snapshot(db: &Path) -> (Vec<u8>, String) {
    (std::fs::read(db).unwrap(), dump(db))
}

/// What one run of the binary did.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `huishen ARGS` and checks what every run must satisfy: it exits
/// (no signal) with 0 or 1, never 101; nothing panicked; and neither stream
/// holds an escape or another control character a terminal would act on.
fn run(args: &[&str]) -> Run {
    let out = huishen(args);
    let code = out
        .status
        .code()
        .unwrap_or_else(|| panic!("huishen {args:?} was killed by a signal: {:?}", out.status));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        !stderr.contains("panicked") && code != 101,
        "huishen {args:?} panicked (exit {code}):\n{stderr}"
    );
    assert!(
        code == 0 || code == 1,
        "huishen {args:?} exited {code}:\n{stderr}"
    );
    for (name, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        if let Some(b) = bytes
            .iter()
            .find(|&&b| b < 0x20 && b != b'\n' && b != b'\t' || b == 0x7f)
        {
            panic!(
                "huishen {args:?} wrote the control byte {b:#04x} to {name}:\n{}",
                String::from_utf8_lossy(bytes).escape_debug()
            );
        }
    }
    Run {
        code,
        stdout,
        stderr,
    }
}

/// What a file must do to the meeting.
#[derive(Clone, Copy, Debug)]
enum Want {
    /// Imported or applied: exit 0.
    Accept,
    /// Refused: exit 1, every line `FILE: <needle>` on stderr, and the
    /// database byte for byte unchanged.
    Reject(&'static [&'static str]),
}

use Want::{Accept, Reject};

/// A submission file given to `apply`.
const NOT_A_BATCH: Want = Reject(&["row 1: missing column 审核结果 (decision)"]);
/// A batch file given to `import`.
const NOT_A_SUBMISSION: Want = Reject(&["row 1: missing column 部门 (department)"]);

/// `Reject` with a needle made at run time.
fn reject_with(needle: String) -> Want {
    Reject(Vec::leak(vec![&*needle.leak()]))
}

static CASE: AtomicUsize = AtomicUsize::new(0);

/// Runs `huishen CMD FILE --db COPY --as 甲` on a fresh copy of `base`
/// (plus `extra` arguments) and checks the outcome against `want`.
fn check(cmd: &str, file: &Path, extra: &[&str], base: &Path, want: Want) {
    check_naming(cmd, file, extra, base, want, file);
}

/// `check`, where the problems are in `named` (an `--indicators` file).
fn check_naming(cmd: &str, file: &Path, extra: &[&str], base: &Path, want: Want, named: &Path) {
    let n = CASE.fetch_add(1, Ordering::Relaxed);
    let db = base.with_file_name(format!("case-{n}.db"));
    std::fs::copy(base, &db).unwrap();
    let before = snapshot(&db);
    let mut args = vec![cmd, s(file)];
    args.extend_from_slice(extra);
    args.extend_from_slice(&["--db", s(&db), "--as", CHAIR]);
    let r = run(&args);
    let what = format!(
        "huishen {cmd} {} ({want:?}):\nstdout: {}\nstderr: {}",
        file.display(),
        r.stdout,
        r.stderr
    );
    match want {
        Accept => {
            assert_eq!(r.code, 0, "{what}");
            let said = if cmd == "import" {
                "imported"
            } else {
                "decisions saved"
            };
            assert!(r.stdout.contains(said), "{what}");
            assert_eq!(integrity(&db), "ok", "{what}");
        }
        Reject(needles) => {
            assert_eq!(r.code, 1, "{what}");
            assert!(r.stderr.starts_with("huishen: "), "{what}");
            // One header whether the reader or the store found the problems.
            assert!(
                r.stderr.contains("problem(s); nothing was written:\n"),
                "{what}: {}",
                r.stderr
            );
            let file = named.display().to_string();
            assert!(
                r.stderr.contains(&format!("{file}: ")) || r.stderr.contains(&format!("{file} [")),
                "{what}"
            );
            for needle in needles {
                // `FILE: row 2, …`, or `FILE [sheet]: row 2, …` for a workbook.
                assert!(
                    r.stderr.contains(&format!("{file}: {needle}"))
                        || r.stderr.contains(&format!("{file} {needle}")),
                    "no line `{file}: {needle}` in {what}"
                );
            }
            let after = snapshot(&db);
            assert!(after.0 == before.0, "the file changed: {what}");
            assert_eq!(after.1, before.1, "the tables changed: {what}");
        }
    }
    std::fs::remove_file(&db).unwrap();
}

/// `0` → `A`, `26` → `AA`, as spreadsheets letter columns.
fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        out.push(b'A' + ((n - 1) % 26) as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

// ---------------------------------------------------------------------------
// 1. The corpus of bad files, through the real binary

/// Every committed fixture with what `import` and `apply` must do with it.
const CORPUS: &[(&str, Want, Want)] = &[
    (
        "already-there.csv",
        Reject(&["row 3: project B1 is already in this meeting"]),
        NOT_A_BATCH,
    ),
    (
        "batch-cut-too-much.csv",
        NOT_A_SUBMISSION,
        Reject(&["row 3, column 金额（万元） (C): B2: the cut is larger than the request"]),
    ),
    (
        "batch-escape-comment.csv",
        NOT_A_SUBMISSION,
        Reject(&["row 2, column 审核意见 (D): contains control characters (\\u{1b})"]),
    ),
    ("batch-formula-comment.csv", NOT_A_SUBMISSION, Accept),
    (
        "batch-huge-amount.csv",
        NOT_A_SUBMISSION,
        Reject(&[
            "row 2, column 金额（万元） (C): bad amount \"99999999999999999999\": the amount is too large",
            "row 3, column 金额（万元） (C): bad amount \"-99999999999999999999\": the amount is too large",
        ]),
    ),
    (
        "batch-huge-percent.csv",
        NOT_A_SUBMISSION,
        Reject(&[
            "row 2, column 金额（万元） (C): bad amount \"-99999999999999999999999999%\": a cut of more than 100%",
        ]),
    ),
    (
        "batch-over-100-percent.csv",
        NOT_A_SUBMISSION,
        Reject(&["row 2, column 金额（万元） (C): bad amount \"-150%\": a cut of more than 100%"]),
    ),
    ("batch-ok.csv", NOT_A_SUBMISSION, Accept),
    (
        "batch-second-row-bad.csv",
        NOT_A_SUBMISSION,
        Reject(&["row 3, column 项目编码 (A): no project NOPE in this meeting"]),
    ),
    (
        "binary-noise.csv",
        Reject(&["not UTF-8 or GB18030/GBK text"]),
        Reject(&["not UTF-8 or GB18030/GBK text"]),
    ),
    (
        "blank-lines.csv",
        Reject(&["the file is empty"]),
        Reject(&["the file is empty"]),
    ),
    ("bom-middle.csv", Accept, NOT_A_BATCH),
    (
        "c1-control.csv",
        Reject(&["row 2, column 项目名称 (C): contains control characters (\\u{9b})"]),
        NOT_A_BATCH,
    ),
    ("cr-only.csv", Accept, NOT_A_BATCH),
    ("crlf.csv", Accept, NOT_A_BATCH),
    ("emoji-combining.csv", Accept, NOT_A_BATCH),
    (
        "empty.csv",
        Reject(&["the file is empty"]),
        Reject(&["the file is empty"]),
    ),
    (
        "escape-clear.csv",
        Reject(&["row 2, column 项目名称 (C): contains control characters (\\u{1b})"]),
        NOT_A_BATCH,
    ),
    (
        "escape-indicator.csv",
        Reject(&["row 1: missing column 部门 (department)"]),
        NOT_A_BATCH,
    ),
    (
        "escape-section.csv",
        Reject(&["row 2, column 业务股室 (F): contains control characters (\\u{1b})"]),
        NOT_A_BATCH,
    ),
    (
        "escape-title.csv",
        Reject(&["row 2, column 部门 (B): contains control characters (\\u{1b})"]),
        NOT_A_BATCH,
    ),
    ("formula-injection.csv", Accept, NOT_A_BATCH),
    (
        "header-only.csv",
        Reject(&["row 1: no projects below the header row"]),
        NOT_A_BATCH,
    ),
    (
        "huge-amount.csv",
        Reject(&[
            "row 2, column 申报金额（万元） (E): bad amount \"99999999999999999999999999999999\": the amount is too large",
            "row 3, column 申报金额（万元） (E): bad amount \"1e308\": exponent notation",
            "row 4, column 申报金额（万元） (E): bad amount \"NaN\": not a number",
            // `-0` (row 5) is zero, read, not refused.
        ]),
        NOT_A_BATCH,
    ),
    (
        "mixed-encoding.csv",
        Reject(&["row 2: the file mixes encodings: row 1 is UTF-8"]),
        Reject(&["row 2: the file mixes encodings: row 1 is UTF-8"]),
    ),
    (
        "nul-bytes.csv",
        Reject(&["row 2, column 项目名称 (C): contains control characters (\\u{0})"]),
        NOT_A_BATCH,
    ),
    (
        "nul-header.csv",
        Reject(&[
            "row 1: missing column 项目编码 (project_id); the header row has: 项目\\u{0}编码",
        ]),
        Reject(&["row 1: missing column 项目编码 (project_id)"]),
    ),
    ("renamed-csv.xlsx", Accept, NOT_A_BATCH),
    (
        "renamed-text.xlsx",
        Reject(&["row 1: missing column 项目编码 (project_id)"]),
        Reject(&["row 1: missing column 项目编码 (project_id)"]),
    ),
    ("rtl-marks.csv", Accept, NOT_A_BATCH),
    ("stray-quote.csv", Accept, NOT_A_BATCH),
    (
        "unbalanced-quotes.csv",
        Reject(&["row 2: a quoted cell is never closed"]),
        Reject(&["row 2: a quoted cell is never closed"]),
    ),
    (
        "utf16-odd.csv",
        Reject(&["the file starts as UTF-16LE text but is not valid UTF-16LE"]),
        Reject(&["the file starts as UTF-16LE text but is not valid UTF-16LE"]),
    ),
    ("utf16le-bom.csv", Accept, NOT_A_BATCH),
];

#[test]
fn every_committed_bad_file_is_imported_cleanly_or_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    // Every fixture has an expectation, and every expectation a fixture.
    let mut on_disk: Vec<String> = std::fs::read_dir(fixture("hostile"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != "README.md")
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = CORPUS.iter().map(|(n, _, _)| n.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "tests/fixtures/hostile and CORPUS differ");

    for (name, import, apply) in CORPUS {
        check("import", &hostile(name), &[], &base, *import);
        check("apply", &hostile(name), &[], &base, *apply);
    }
    // Indicators are checked like projects.
    check_naming(
        "import",
        &hostile("crlf.csv"),
        &["--indicators", s(&hostile("escape-indicator.csv"))],
        &base,
        Reject(&["row 2, column 三级指标 (D): contains control characters (\\u{1b})"]),
        &hostile("escape-indicator.csv"),
    );
    // A refused import into a new path leaves no file behind.
    let fresh = dir.path().join("never.db");
    let r = run(&["import", s(&hostile("escape-clear.csv")), "--db", s(&fresh)]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        !fresh.exists(),
        "a refused import created {}",
        fresh.display()
    );
}

/// A submission workbook: sheet 项目 with `rows` under the header.
fn workbook(path: &Path, rows: &[[&str; 5]]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("项目").unwrap();
    for (c, h) in HEADER.split(',').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, *cell).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn truncated_and_hostile_workbooks_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    let good = dir.path().join("good.xlsx");
    workbook(
        &good,
        &[
            [
                "X1",
                "教育局",
                "=HYPERLINK(\"http://x\",\"y\")",
                "一般公共预算",
                "10",
            ],
            ["X2", "@财政局", "+1", "一般公共预算", "20"],
        ],
    );
    check("import", &good, &[], &base, Accept);
    check("apply", &good, &[], &base, NOT_A_BATCH);

    let bytes = std::fs::read(&good).unwrap();
    let len = bytes.len();
    for n in [
        0,
        1,
        3,
        4,
        30,
        100,
        512,
        len / 3,
        len / 2,
        len - 100,
        len - 22,
        len - 1,
    ] {
        let cut = write(dir.path(), &format!("cut-{n}.xlsx"), &bytes[..n]);
        check("import", &cut, &[], &base, Reject(&[]));
        check("apply", &cut, &[], &base, Reject(&[]));
    }
    // Garbage inside a valid zip container.
    let mut noisy = bytes.clone();
    for i in (len / 4..len / 2).step_by(7) {
        noisy[i] ^= 0x5a;
    }
    let noisy_path = write(dir.path(), "noisy.xlsx", &noisy);
    check("import", &noisy_path, &[], &base, Reject(&[]));

    // Control characters typed into a workbook cell are refused as in CSV.
    let esc = dir.path().join("esc.xlsx");
    workbook(
        &esc,
        &[["X1", "教育局", "校舍\u{1b}[2J维修", "一般公共预算", "10"]],
    );
    check(
        "import",
        &esc,
        &[],
        &base,
        Reject(&["[项目]: row 2, column 项目名称 (C): contains control characters (\\u{1b})"]),
    );
}

/// The files too big to commit, written at run time: a `cell`-byte cell in
/// each kind of column, a row of `columns` columns, and a header line of
/// `line` bytes.
fn big_files(cell: usize, columns: usize, line: usize) {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    };
    let huge = "长".repeat(cell / 3);
    let f = write(
        "big-name.csv",
        &format!("{HEADER}\nH1,教育局,{huge},一般公共预算,10\n"),
    );
    let msg = format!(
        "row 2, column 项目名称 (C): too long: {} characters, at most 500",
        cell / 3
    );
    check("import", &f, &[], &base, reject_with(msg));

    let digits = "9".repeat(cell);
    let f = write(
        "big-amount.csv",
        &format!("{HEADER}\nH1,教育局,校舍,一般公共预算,{digits}\n"),
    );
    check(
        "import",
        &f,
        &[],
        &base,
        Reject(&["row 2, column 申报金额（万元） (E): bad amount \"999"]),
    );

    let f = write(
        "big-comment.csv",
        &format!("{BATCH_HEADER}\nB1,通过,,{huge}\n"),
    );
    check(
        "apply",
        &f,
        &[],
        &base,
        Reject(&["row 2, column 审核意见 (D): too long"]),
    );

    // Many columns: the five that matter first, then filler…
    let mut header = HEADER.to_string();
    let mut row = "W1,教育局,宽表,一般公共预算,10".to_string();
    for i in 5..columns {
        header += &format!(",x{i}");
        row += &format!(",{i}");
    }
    let f = write("wide.csv", &format!("{header}\n{row}\n"));
    check("import", &f, &[], &base, Accept);
    check("apply", &f, &[], &base, NOT_A_BATCH);
    // … or last, with a bad amount in the very last column.
    let mut header = String::new();
    let mut row = String::new();
    for i in 0..columns - 5 {
        header += &format!("x{i},");
        row += &format!("{i},");
    }
    header += HEADER;
    row += "W1,教育局,宽表,一般公共预算,12a";
    let f = write("wide-last.csv", &format!("{header}\n{row}\n"));
    let msg = format!(
        "row 2, column 申报金额（万元） ({}): bad amount \"12a\"",
        column_letter(columns - 1)
    );
    check("import", &f, &[], &base, reject_with(msg));

    // A very long header line without a single delimiter…
    let f = write("long-line.csv", &format!("{}\nH1\n", "x".repeat(line)));
    check(
        "import",
        &f,
        &[],
        &base,
        Reject(&["row 1: missing column 项目编码 (project_id)"]),
    );
    check(
        "apply",
        &f,
        &[],
        &base,
        Reject(&["row 1: missing column 项目编码 (project_id)"]),
    );
    // … and one of nothing but delimiters.
    let f = write("commas.csv", &",".repeat(line));
    check("import", &f, &[], &base, Reject(&["the file is empty"]));
}

#[test]
fn big_cells_wide_rows_and_long_lines_are_handled() {
    big_files(10 * 1024 * 1024, 65_536, 2 * 1024 * 1024);
}

/// Full size: 50 MB cells, a million columns, 50 MB lines, and a file over
/// the 100 MB limit. `cargo test --test hostile -- --ignored`
#[test]
#[ignore = "full size, minutes: cargo test --test hostile -- --ignored"]
fn full_size_files_are_handled() {
    big_files(50 * 1024 * 1024, 1_048_576, 50 * 1024 * 1024);
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    let f = dir.path().join("too-big.csv");
    let mut text = format!("{HEADER}\n").into_bytes();
    text.resize(100 * 1024 * 1024 + 1, b'x');
    std::fs::write(&f, text).unwrap();
    check(
        "import",
        &f,
        &[],
        &base,
        Reject(&["the file is larger than 100 MB"]),
    );
}

// ---------------------------------------------------------------------------
// 2. Random inputs through the library (proptest: `PROPTEST_CASES=N` runs
// N cases of each property instead of its default)

const SEED_PROJECTS: &str = "\
项目编码,部门,业务股室,项目名称,预算类型,申报金额（万元）
2021-001-0001,市委办公室,综合股,党史学习教育专项经费,一般公共预算,26.00
2021-001-0002,市委办公室,综合股,\"政策宣传, 专项经费\",政府性基金预算,\"1,234.50\"
P3,教育局,,校舍改造,国有资本经营预算,０．２５
";
const SEED_INDICATORS: &str = "\
项目编码,一级指标,二级指标,三级指标,指标值,计量单位
2021-001-0001,产出指标,数量指标,开展专题学习,≥51,场次
P3,效益指标,社会效益,接种率,≥95%,%
";
const SEED_BATCH: &str = "\
项目编码,审核结果,金额（万元）,审核意见,调整指标
2021-001-0001,审减,-15%,测算偏高,
2021-001-0002,调整,,\"三级指标不量化\n需补充\",1、3
P3,审减,-0.05,,
P4,取消,,与职能无关,
";
const SEED_AMOUNTS: &[&str] = &[
    "1234.5",
    "1,234.50",
    "１２３４．５",
    "0.000001",
    " 12 ",
    "80",
    "-20",
    "-15%",
    "－１５％",
    "-12.5%",
    "999999999999.99",
    ".5",
];
const SEED_KEYMAP: &str = "\
[global]
help = [\"f1\", \"ctrl-h\"]

[list]
approve = [\"y\"]
cancel = []
next_pending = [\"n\", \"tab\"]

[input]
newline = [\"alt-enter\"]
";

/// Whether text an import accepted holds a control character other than
/// the line breaks and tabs free text may have.
fn unsafe_text(t: &str, breaks: bool) -> bool {
    t.chars()
        .any(|c| c.is_control() && !(breaks && matches!(c, '\t' | '\n' | '\r')))
}

/// One input through its function; Err describes a broken promise.
fn exercise(kind: usize, text: &str, extra: Option<&str>) -> Result<(), String> {
    match kind {
        0 => match submission_from_csv_text("p.csv", text, extra.map(|t| ("i.csv", t))) {
            Ok(sub) => {
                for p in &sub.projects {
                    if unsafe_text(&p.code, false)
                        || unsafe_text(&p.name, true)
                        || unsafe_text(&p.department, true)
                    {
                        return Err(format!("accepted control characters: {p:?}"));
                    }
                    round_trip(p.requested)?;
                }
                Ok(())
            }
            Err(ps) => named(&ps, &["p.csv", "i.csv"]),
        },
        1 => match batch_from_csv_text("b.csv", text) {
            Ok(rows) => {
                for r in &rows {
                    if let Some(CutInput::Percent(p)) = &r.amount
                        && *p > rust_decimal::Decimal::ONE_HUNDRED
                    {
                        return Err(format!("accepted a cut of {p}%: {r:?}"));
                    }
                    if unsafe_text(&r.project_code, false)
                        || r.comment.as_deref().is_some_and(|c| unsafe_text(c, true))
                    {
                        return Err(format!("accepted control characters: {r:?}"));
                    }
                }
                Ok(())
            }
            Err(ps) => named(&ps, &["b.csv"]),
        },
        2 => {
            for unit in [Unit::Wan, Unit::Yuan] {
                if let Ok(m) = parse_amount(text, unit) {
                    round_trip(m)?;
                }
            }
            Ok(())
        }
        3 => match CutInput::parse(text, Unit::Wan) {
            Ok(CutInput::Approved(m) | CutInput::By(m)) => round_trip(m),
            Ok(CutInput::Percent(p)) if p.is_sign_negative() && !p.is_zero() => {
                Err(format!("a negative share {p}"))
            }
            _ => Ok(()),
        },
        _ => match Keymap::with_overrides(text, "k.toml") {
            Ok(_) => Ok(()),
            Err(errors) => {
                if let Some(e) = errors.iter().find(|e| e.file != "k.toml") {
                    return Err(format!("an error naming another file: {e}"));
                }
                Ok(())
            }
        },
    }
}

/// parse(wan_string(x)) == x.
fn round_trip(m: Money) -> Result<(), String> {
    match parse_amount(&m.wan_string(), Unit::Wan) {
        Ok(back) if back == m => Ok(()),
        other => Err(format!(
            "{m:?} → {:?} → {other:?}: does not round-trip",
            m.wan_string()
        )),
    }
}

/// Every problem names one of the files.
fn named(ps: &[huishen::domain::Problem], files: &[&str]) -> Result<(), String> {
    if ps.is_empty() {
        return Err("an error without a problem".into());
    }
    match ps.iter().find(|p| !files.contains(&p.file.as_str())) {
        Some(p) => Err(format!("a problem naming another file: {p:?}")),
        None => Ok(()),
    }
}

/// The kinds of input, as `exercise` numbers them.
const KINDS: [&str; 5] = ["submission", "batch", "amount", "cut input", "keymap"];

fn text_seeds(texts: &[&str]) -> Vec<Vec<u8>> {
    texts.iter().map(|t| t.as_bytes().to_vec()).collect()
}

/// Projects files to mutate: the seed above, the committed bad files
/// (whatever kind they are) and the small shipped submissions.
fn submission_seeds() -> Vec<Vec<u8>> {
    let mut seeds = text_seeds(&[SEED_PROJECTS]);
    seeds.extend(props::fixture_seeds("hostile", &[".csv", ".xlsx"]));
    seeds.extend(props::own_files(&[
        "data/exante-projects.csv",
        "data/monitoring-projects.csv",
    ]));
    seeds
}

fn indicator_seeds() -> Vec<Vec<u8>> {
    let mut seeds = text_seeds(&[SEED_INDICATORS]);
    seeds.extend(props::own_files(&["data/exante-indicators.csv"]));
    seeds
}

fn batch_seeds() -> Vec<Vec<u8>> {
    let mut seeds = text_seeds(&[SEED_BATCH]);
    seeds.extend(props::fixture_seeds("hostile", &[".csv"]));
    seeds.extend(props::own_files(&[
        "data/exante-decisions.csv",
        "data/monitoring-decisions.csv",
    ]));
    seeds
}

fn keymap_seeds() -> Vec<Vec<u8>> {
    let mut seeds = text_seeds(&[SEED_KEYMAP]);
    seeds.extend(props::fixture_seeds("keymap", &[".toml"]));
    seeds.extend(props::own_files(&["keymap.toml"]));
    seeds
}

/// Amounts as typed and written: mutations of the seeds, any text, and
/// exact amounts in fen over the whole range (and past it).
fn amount_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => props::text_like(text_seeds(SEED_AMOUNTS)),
        1 => (0..=1_000_000_000_000_000_000i64).prop_map(|fen| Money::from_fen(fen).wan_string()),
    ]
}

/// One input of each kind, as `exercise` takes it: (kind, text, extra).
fn any_input() -> impl Strategy<Value = (usize, String, Option<String>)> {
    prop_oneof![
        (
            props::text_like(submission_seeds()),
            proptest::option::of(props::text_like(indicator_seeds()))
        )
            .prop_map(|(t, i)| (0, t, i)),
        props::text_like(batch_seeds()).prop_map(|t| (1, t, None)),
        amount_text().prop_map(|t| (2, t, None)),
        amount_text().prop_map(|t| (3, t, None)),
        props::text_like(keymap_seeds()).prop_map(|t| (4, t, None)),
    ]
}

/// `exercise`'s verdict as a property's: a broken promise fails the case
/// (a panic fails it too, and proptest shrinks either to a small input).
fn holds(kind: usize, text: &str, extra: Option<&str>) -> Result<(), TestCaseError> {
    exercise(kind, text, extra)
        .map_err(|why| TestCaseError::fail(format!("{}: {why}", KINDS[kind])))
}

/// A request and what a reviewer types into its cut input: a share, an
/// amount to cut, an approved amount (around the request, so that all
/// three land on both sides of it), or a mutation of the seeds.
fn cut_case() -> impl Strategy<Value = (Money, String)> {
    (1..=MAX_FEN).prop_flat_map(|requested| {
        let around = (0..=(requested + requested / 10).min(MAX_FEN))
            .prop_map(|fen| Money::from_fen(fen).wan_string());
        let typed = prop_oneof![
            (0..=15_000i64).prop_map(|p| format!("-{}%", Decimal::new(p, 2).normalize())),
            around.clone().prop_map(|a| format!("-{a}")),
            around,
            props::mutated_text(text_seeds(SEED_AMOUNTS)),
        ];
        (Just(Money::from_fen(requested)), typed)
    })
}

/// The largest amount a cell may hold (10^13 yuan), in fen.
const MAX_FEN: i64 = 1_000_000_000_000_000;

proptest! {
    #![proptest_config(props::config(2_000))]

    /// Mutated and arbitrary projects files, batches, amounts, cut inputs
    /// and keymaps: no panic, no control character accepted, every problem
    /// naming its file, and every amount read back to the fen.
    #[test]
    fn random_inputs_never_panic_and_amounts_round_trip((kind, text, extra) in any_input()) {
        holds(kind, &text, extra.as_deref())?;
    }
}

proptest! {
    #![proptest_config(props::config(200_000))]

    /// The same, 200,000 inputs. `cargo test --test hostile -- --ignored`
    #[test]
    #[ignore = "200,000 inputs, minutes: cargo test --test hostile -- --ignored"]
    fn random_inputs_never_panic_full((kind, text, extra) in any_input()) {
        holds(kind, &text, extra.as_deref())?;
    }
}

proptest! {
    #![proptest_config(props::config(1_000))]

    /// Every amount up to the limit, written as the program writes it (with
    /// and without separators, in 万元 and in yuan), reads back to the fen.
    #[test]
    fn money_round_trips_to_the_fen(fen in 0..=MAX_FEN) {
        let m = Money::from_fen(fen);
        for text in [m.wan_string(), m.wan_display(), m.to_string()] {
            prop_assert_eq!(parse_amount(&text, Unit::Wan), Ok(m), "{}", text);
        }
        let yuan = format!("{}.{:02}", fen / 100, fen % 100);
        prop_assert_eq!(parse_amount(&yuan, Unit::Yuan), Ok(m), "{}", yuan);
        prop_assert_eq!(Money::from_decimal(m.to_wan(), Unit::Wan), Ok(m));
    }

    /// Past the limit an amount is refused as too large, not wrapped.
    #[test]
    fn amounts_past_the_limit_are_refused(fen in MAX_FEN + 1..=i64::MAX) {
        let text = Money::from_fen(fen).wan_string();
        prop_assert_eq!(parse_amount(&text, Unit::Wan), Err(AmountError::TooLarge { most: Money::MAX_AMOUNT }), "{}", text);
    }

    /// `-15%`, `-20`, `80` and their mutations: reading never panics; each
    /// form means what it says; and a cut the rules accept leaves approved
    /// + cut = requested, neither of them negative or zero.
    #[test]
    fn a_cut_leaves_approved_plus_cut_equal_to_the_request((requested, typed) in cut_case()) {
        let Ok(input) = CutInput::parse(&typed, Unit::Wan) else {
            return Ok(());
        };
        let approved = input.approved_for(requested);
        match &input {
            CutInput::Approved(m) => prop_assert_eq!(approved, *m),
            CutInput::By(m) if *m <= requested => prop_assert_eq!(approved + *m, requested),
            CutInput::Percent(p) if *p <= Decimal::ONE_HUNDRED => {
                prop_assert_eq!(approved + requested.percent(*p), requested);
                prop_assert!(approved.fen() >= 0, "{:?}", approved);
            }
            _ => {}
        }
        if let Ok(d) = decide(&Decision::pending(), requested, &Command::Cut(approved)) {
            let cut = d.cut(requested);
            prop_assert_eq!(d.approved + cut, requested);
            prop_assert!(d.approved.fen() > 0 && cut.fen() > 0, "{:?} + {:?}", d.approved, cut);
        }
    }
}

/// A share the importer refuses (above 100%) can still be typed into the
/// screen's cut input, which previews it with the same arithmetic.
#[test]
fn a_huge_percentage_never_panics_the_arithmetic() {
    let input = CutInput::parse("-99999999999999999999999999%", Unit::Wan).unwrap();
    let requested = parse_amount("27", Unit::Wan).unwrap();
    let approved = catch_unwind(|| input.approved_for(requested));
    assert!(approved.is_ok(), "approved_for panicked");
}

// ---------------------------------------------------------------------------
// 3. Terminal safety

/// The hostile strings planted in the database behind the importer's back.
const ESC_NAME: &str = "名A\u{1b}[2JZ";
const OSC_DEPT: &str = "部门\u{1b}]0;pwned\u{7}尾";
const CSI_CODE: &str = "X\u{1b}[31m1";
const RTL_SECTION: &str = "股\u{202e}室";
const ESC_REVIEWER: &str = "评\u{1b}[2J审";
const ESC_COMMENT: &str = "意见\u{1b}[2J\u{1b}]0;pwned\u{7}完";

/// The same, as a terminal must show them: each control character replaced.
const OSC_DEPT_SHOWN: &str = "部门\u{fffd}]0;pwned\u{fffd}尾";
const ESC_REVIEWER_SHOWN: &str = "评\u{fffd}[2J审";
const ESC_COMMENT_SHOWN: &str = "意见\u{fffd}[2J\u{fffd}]0;pwned\u{fffd}完";

fn shown(s: &str) -> String {
    s.replace('\u{fffd}', "")
}

/// Copies `base` and plants a project, a comment, a decision event and a
/// roster entry whose text holds escape sequences, straight through SQLite.
fn planted(base: &Path) -> PathBuf {
    let db = base.with_file_name("planted.db");
    std::fs::copy(base, &db).unwrap();
    let conn = Connection::open(&db).unwrap();
    conn.execute("INSERT INTO department (name) VALUES (?1)", [OSC_DEPT])
        .unwrap();
    let dept = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO project (code, department_id, name, budget_type, section, requested)
         VALUES (?1, ?2, ?3, 'general', ?4, 10000000)",
        params![CSI_CODE, dept, ESC_NAME, RTL_SECTION],
    )
    .unwrap();
    let pid = conn.last_insert_rowid();
    conn.execute("INSERT INTO decision (project_id) VALUES (?1)", [pid])
        .unwrap();
    conn.execute(
        "INSERT INTO comment (project_id, author, os_user, at, body)
         VALUES (?1, ?2, ?2, '2024-05-01T08:00:00.000Z', ?3)",
        params![pid, ESC_REVIEWER, ESC_COMMENT],
    )
    .unwrap();
    // Logged as the app logs it, so the history shows the comment's text.
    let comment = serde_json::json!({ "comment": conn.last_insert_rowid() }).to_string();
    conn.execute(
        "INSERT INTO event (at, reviewer, os_user, kind, project_id, detail)
         VALUES ('2024-05-01T08:00:00.000Z', ?1, ?1, 'comment', ?2, ?3)",
        params![ESC_REVIEWER, pid, comment],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO roster (name, role, os_user, added_at, added_by)
         VALUES (?1, 'member', NULL, '2024-05-01T08:00:00.000Z', ?2)",
        params![ESC_REVIEWER, CHAIR],
    )
    .unwrap();
    let added = serde_json::json!({ "name": ESC_REVIEWER, "role": "member" }).to_string();
    conn.execute(
        // A time, too, is shown only as text.
        "INSERT INTO event (at, reviewer, os_user, kind, detail)
         VALUES ('2024' || char(27) || ']0;pwned' || char(7) || '-05-01T08:00:00.000Z', ?1, ?1, 'roster_add', ?2)",
        params![CHAIR, added],
    )
    .unwrap();
    conn.execute(
        "UPDATE meeting SET title = ?1",
        ["会审\u{1b}]0;pwned\u{7}\u{1b}[2J"],
    )
    .unwrap();
    db
}

/// The output without cursor moves and colours (`ESC [ digits/; H|m`), so
/// text drawn in pieces reads as one.
fn without_moves(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let mut j = i + 2;
            while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b';') {
                j += 1;
            }
            if matches!(bytes.get(j), Some(b'H' | b'm')) {
                i = j + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn escape_sequences_in_the_data_never_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    // The importer refuses such a name…
    let src = write(
        dir.path(),
        "esc.csv",
        format!("{HEADER}\nE1,教育局,{ESC_NAME},一般公共预算,10\n"),
    );
    let r = run(&["import", s(&src), "--db", s(&base), "--as", CHAIR]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("contains control characters (\\u{1b})"));
    // … so it is planted behind the importer's back.
    let db = planted(&base);

    let mut sess = Session::spawn_with(
        &["open", s(&db), "--as", CHAIR],
        160,
        40,
        &[("LANG", "zh_CN.UTF-8")],
        dir.path(),
        pty::Options {
            keep_bytes: true,
            ..Default::default()
        },
    );
    // vt100 keeps no U+FFFD in its text, so the screen is compared without
    // it, and the raw bytes with it.
    // Not cleared: the other projects, the header and the tally bar (the
    // frame's last line) are all there with it.
    let screen = sess.wait_all(&[
        &shown("名A\u{fffd}[2JZ"),
        "基础一",
        "基础三",
        "编码",
        "已审",
    ]);
    assert!(screen.contains(&shown("X\u{fffd}[31m1")), "{screen}");
    // The detail pane (≥ 120 columns) shows the department, section and
    // comment of the selected project: go to the planted one, last.
    sess.send("G");
    sess.wait_all(&[&shown(ESC_COMMENT_SHOWN), &shown(OSC_DEPT_SHOWN), "股室"]);
    // The meeting history names the reviewer, and shows the comment's text
    // and who joined the roster.
    sess.send("h");
    // On the screen only as far as a name with a stand-in: vt100 drops the
    // U+FFFD and what follows on that line does not line up. The raw bytes
    // are checked for the rest, without spaces: a cell already blank on the
    // screen is skipped, not written again.
    let comment_line = format!("X\u{fffd}[31m1：{ESC_COMMENT_SHOWN}");
    let roster_line = format!("{ESC_REVIEWER_SHOWN}（评审）");
    sess.wait_all(&[
        &shown(ESC_REVIEWER_SHOWN),
        &shown("意见 X\u{fffd}[31m1"),
        &shown(&format!("名单加入 {ESC_REVIEWER_SHOWN}")),
    ]);
    let exit = sess.quit();
    assert!(
        exit.status.success(),
        "exit {:?}:\n{}",
        exit.status,
        exit.screen
    );
    let bytes = exit.bytes;
    for shown_as in [
        "A\u{fffd}[2JZ",
        "X\u{fffd}[31m1",
        ESC_COMMENT_SHOWN,
        OSC_DEPT_SHOWN,
        ESC_REVIEWER_SHOWN,
        "股\u{fffd}室",
        &comment_line,
        &roster_line,
        // the planted time's first 16 bytes, its ESC and BEL stood in for
        "2024\u{fffd}]0;pwned\u{fffd}-0",
    ] {
        assert!(
            find(&without_moves(&bytes), shown_as.as_bytes()),
            "{shown_as:?} never written as such"
        );
    }
    for bad in [
        &b"\x1b[2JZ"[..],
        b"\x1b[2J\xe5\xae\xa1", // ESC[2J审
        b"\x1b]0;pwned",
        b"\x1b[31m1",
        "\u{202e}".as_bytes(),
        b"\x07",
    ] {
        assert!(
            !find(&bytes, bad),
            "the terminal received {:?}",
            String::from_utf8_lossy(bad)
        );
    }

    // Text output.
    for args in [
        vec!["tally", "--db", s(&db)],
        vec!["tally", "--db", s(&db), "--json"],
        vec!["log", "--db", s(&db)],
        vec!["log", "--db", s(&db), "--json"],
        vec!["log", "--db", s(&db), "--reviewer", ESC_REVIEWER],
        vec!["roster", "list", "--db", s(&db)],
    ] {
        let r = run(&args); // asserts no control bytes on either stream
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    }
    let log = run(&["log", "--db", s(&db)]).stdout;
    assert!(log.contains(ESC_REVIEWER_SHOWN), "{log}");
    // The log says what the comment and the roster event said, cleaned as
    // on the screen.
    assert!(
        log.contains(&format!("comment X\u{fffd}[31m1: {ESC_COMMENT_SHOWN}")),
        "{log}"
    );
    assert!(
        log.contains(&format!("roster add {ESC_REVIEWER_SHOWN} (member)")),
        "{log}"
    );
    let tally = run(&["tally", "--db", s(&db)]).stdout;
    assert!(tally.contains(OSC_DEPT_SHOWN), "{tally}");

    // The workbook's log sheet: the same words, no control character.
    let xlsx = dir.path().join("out.xlsx");
    let r = run(&["export", "--db", s(&db), "--out", s(&xlsx)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let sheet = calamine::Reader::worksheet_range(&mut wb, "审核日志").unwrap();
    let cells: Vec<String> = sheet.rows().flatten().map(|c| c.to_string()).collect();
    assert!(
        cells.iter().all(|c| !c.chars().any(char::is_control)),
        "{cells:?}"
    );
    for want in [
        ESC_REVIEWER_SHOWN,
        "X\u{fffd}[31m1",
        ESC_COMMENT_SHOWN,
        &format!("{ESC_REVIEWER_SHOWN}（评审）"),
    ] {
        assert!(cells.iter().any(|c| c == want), "{want:?} in {cells:?}");
    }
}

#[test]
fn a_reviewer_name_with_escapes_from_the_command_line_is_logged_safely() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    // The name is put on the roster (and `roster add` says so without the
    // escape reaching the terminal), then used with `--as`: the decisions
    // are logged under it as typed.
    let added = run(&[
        "roster",
        "add",
        ESC_REVIEWER,
        "--db",
        s(&base),
        "--as",
        CHAIR,
    ]);
    assert_eq!(added.code, 0, "{}", added.stderr);
    assert!(
        added.stdout.contains(ESC_REVIEWER_SHOWN),
        "{}",
        added.stdout
    );
    let r = run(&[
        "apply",
        s(&hostile("batch-ok.csv")),
        "--db",
        s(&base),
        "--as",
        ESC_REVIEWER,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let log = run(&["log", "--db", s(&base)]).stdout;
    assert!(log.contains(ESC_REVIEWER_SHOWN), "{log}");
}

// ---------------------------------------------------------------------------
// 4. SQL only through bound parameters

/// The `format!` calls in `src` that build SQL with a value: a format string
/// with SELECT/INSERT/UPDATE/DELETE that interpolates anything but an
/// UPPER_CASE constant. Returns `line: what` per offence.
fn sql_format_offences(src: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = src.as_bytes();
    let mut from = 0;
    while let Some(p) = src[from..].find("format!(") {
        let open = from + p + "format!".len();
        from = open + 1;
        let line = src[..open].lines().count();
        let Some(args) = macro_args(b, open) else {
            continue;
        };
        let Some((fmt, rest)) = args.split_first() else {
            continue;
        };
        let Some(lit) = string_literal(fmt.trim()) else {
            continue;
        };
        let is_sql = SQL_WORDS.iter().any(|k| {
            lit.match_indices(k).any(|(i, _)| {
                let before = lit[..i].chars().next_back();
                let after = lit[i + k.len()..].chars().next();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        });
        if !is_sql {
            continue;
        }
        let mut positional = rest
            .iter()
            .filter(|a| !is_named_arg(a))
            .map(|a| a.trim().to_string());
        let named: Vec<(String, String)> = rest
            .iter()
            .filter(|a| is_named_arg(a))
            .map(|a| {
                let (n, e) = a.split_once('=').unwrap();
                (n.trim().to_string(), e.trim().to_string())
            })
            .collect();
        for hole in placeholders(&lit) {
            let expr = if hole.is_empty() {
                positional.next().unwrap_or_default()
            } else if let Ok(i) = hole.parse::<usize>() {
                rest.get(i)
                    .map(|a| a.trim().to_string())
                    .unwrap_or_default()
            } else if let Some((_, e)) = named.iter().find(|(n, _)| *n == hole) {
                e.clone()
            } else {
                hole.clone()
            };
            if !is_constant(&expr) {
                out.push(format!("line {line}: SQL interpolates `{expr}`"));
            }
        }
    }
    out
}

/// Words that make a format string SQL: the four statements, and the
/// clauses that follow a statement kept in a constant (`{SELECT_X} WHERE …`).
const SQL_WORDS: &[&str] = &[
    "SELECT", "INSERT", "UPDATE", "DELETE", "WHERE", "FROM", "VALUES", "ORDER BY", "JOIN", "LIMIT",
    "PRAGMA", "AND", "SET",
];

/// `NAME`, `schema::NAME`: an UPPER_CASE constant.
fn is_constant(expr: &str) -> bool {
    let last = expr.rsplit("::").next().unwrap_or("");
    !last.is_empty()
        && last.starts_with(|c: char| c.is_ascii_uppercase())
        && last
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        && expr
            .split("::")
            .all(|seg| !seg.is_empty() && seg.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

fn is_named_arg(a: &str) -> bool {
    let a = a.trim();
    match a.find('=') {
        Some(i) => {
            let name = a[..i].trim();
            !name.is_empty()
                && name.chars().all(|c| c.is_alphanumeric() || c == '_')
                && !a[i + 1..].starts_with('=')
        }
        None => false,
    }
}

/// The names in `{…}` holes of a format string (empty for `{}`), skipping
/// `{{`.
fn placeholders(lit: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = lit.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
            }
            '{' => {
                let mut hole = String::new();
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                    hole.push(c);
                }
                let name = hole.split(':').next().unwrap_or("").trim().to_string();
                out.push(name);
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
            }
            _ => {}
        }
    }
    out
}

/// The top-level comma-separated arguments of the macro call whose `(` is
/// at `open`.
fn macro_args(b: &[u8], open: usize) -> Option<Vec<String>> {
    let mut depth = 0usize;
    let mut args = Vec::new();
    let mut cur = Vec::new();
    let mut i = open;
    while i < b.len() {
        let c = b[i];
        match c {
            b'"' | b'r' if is_string_start(b, i) => {
                let end = string_end(b, i)?;
                cur.extend_from_slice(&b[i..end]);
                i = end;
                continue;
            }
            b'\'' if i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') => {
                // A char literal: copy up to its closing quote.
                let close = b[i + 1..].iter().skip(1).position(|&x| x == b'\'')? + i + 2;
                cur.extend_from_slice(&b[i..=close]);
                i = close + 1;
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > 1 {
                    cur.push(c);
                }
            }
            b')' | b']' | b'}' => {
                depth -= 1;
                if depth == 0 {
                    args.push(String::from_utf8_lossy(&cur).into_owned());
                    return Some(args);
                }
                cur.push(c);
            }
            b',' if depth == 1 => {
                args.push(String::from_utf8_lossy(&cur).into_owned());
                cur.clear();
            }
            _ => cur.push(c),
        }
        i += 1;
    }
    None
}

fn is_string_start(b: &[u8], i: usize) -> bool {
    if b[i] == b'"' {
        return true;
    }
    // r"…", r#"…"#, not the r of an identifier.
    let prev_ident = i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_');
    let mut j = i + 1;
    while j < b.len() && b[j] == b'#' {
        j += 1;
    }
    !prev_ident && j < b.len() && b[j] == b'"'
}

/// The index just past the string literal starting at `i`.
fn string_end(b: &[u8], i: usize) -> Option<usize> {
    if b[i] == b'r' {
        let mut j = i + 1;
        let mut hashes = 0;
        while b[j] == b'#' {
            hashes += 1;
            j += 1;
        }
        let closing: Vec<u8> = std::iter::once(b'"')
            .chain(std::iter::repeat_n(b'#', hashes))
            .collect();
        let body = j + 1;
        let k = b[body..]
            .windows(closing.len())
            .position(|w| w == closing)?;
        return Some(body + k + closing.len());
    }
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'"' => return Some(j + 1),
            _ => j += 1,
        }
    }
    None
}

/// The contents of a string literal (escapes left as written).
fn string_literal(t: &str) -> Option<String> {
    if let Some(rest) = t.strip_prefix('"') {
        return rest.strip_suffix('"').map(str::to_string);
    }
    let rest = t.strip_prefix('r')?;
    let hashes = rest.len() - rest.trim_start_matches('#').len();
    let inner = &rest[hashes..];
    let inner = inner.strip_prefix('"')?;
    let inner = inner.strip_suffix(&"#".repeat(hashes))?;
    inner.strip_suffix('"').map(str::to_string)
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_sql_scanner_tells_values_from_constants() {
    let offences = sql_format_offences(
        r##"
        let a = format!("{PROJECT_ROW_SELECT} WHERE p.id = ?1");
        let b = format!("SELECT * FROM t WHERE id = {id}");
        let c = format!("SELECT {} FROM t", col);
        let d = format!("DELETE FROM {T}", T = schema::TABLE);
        let e = format!(r#"UPDATE t SET x = {x:?}"#);
        let f = format!("{} WHERE code = '{}'", PROJECT_ROW_SELECT, code.trim());
        let g = format!("selected {n} projects, {{SELECT}} {N}");
        let h = format!("INSERT INTO {} VALUES (?1)", schema::EVENTS);
        let i = format!("{q} AND x = {}", f(a, b), q = BASE_QUERY);
        let j = format!("PRAGMA user_version = {v}");
        "##,
    );
    assert_eq!(
        offences,
        [
            "line 3: SQL interpolates `id`",
            "line 4: SQL interpolates `col`",
            "line 6: SQL interpolates `x`",
            "line 7: SQL interpolates `code.trim()`",
            "line 8: SQL interpolates `n`",
            "line 10: SQL interpolates `f(a, b)`",
            "line 11: SQL interpolates `v`",
        ]
    );
}

#[test]
fn sql_is_built_only_from_constants_and_bound_parameters() {
    let mut files = Vec::new();
    rs_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    files.sort();
    assert!(files.len() > 10, "found only {files:?}");
    let mut offences = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for o in sql_format_offences(&text) {
            offences.push(format!("{}: {o}", f.display()));
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

// ---------------------------------------------------------------------------
// 5. The CSV export neutralises formula-looking cells

#[test]
fn the_csv_export_neutralises_cells_that_start_like_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    // A project whose every text cell starts like a formula.
    let formulas = write(
        dir.path(),
        "formulas.csv",
        format!(
            "{HEADER},业务股室\n\
             @SUM(A1),+1 部门,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",一般公共预算,10,-1 股\n"
        ),
    );
    ok(&["import", s(&formulas), "--db", s(&base), "--as", CHAIR]);
    // Comments and reasons that start like formulas, through a batch.
    let batch = write(
        dir.path(),
        "b.csv",
        format!(
            "{BATCH_HEADER}\n\
             B1,通过,,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n\
             B2,审减,-1,@SUM(A1)\n\
             B3,调整,,+1 指标\n\
             @SUM(A1),取消,,-1 取消\n"
        ),
    );
    let r = run(&["apply", s(&batch), "--db", s(&base), "--as", CHAIR]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let out = dir.path().join("out.csv");
    let r = run(&[
        "export",
        "--db",
        s(&base),
        "--format",
        "csv",
        "--out",
        s(&out),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = std::fs::read_to_string(&out).unwrap();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut cells = Vec::new();
    for rec in reader.records() {
        for cell in rec.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "a cell a spreadsheet would run: {cell:?}\n{text}"
            );
            cells.push(cell.to_string());
        }
    }
    for want in [
        "'@SUM(A1)",
        "'+1 部门",
        "'-1 股",
        "'=HYPERLINK(\"http://x\",\"y\")",
        "'+1 指标",
        "'-1 取消",
    ] {
        assert!(cells.iter().any(|c| c == want), "no cell {want:?}:\n{text}");
    }
}

#[test]
fn a_roster_login_with_escapes_is_shown_safely() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    let login = "u\u{1b}[2Jx";
    // No host has such a login: the command line refuses it, safely.
    // Each `run` asserts that no control byte reaches stdout or stderr.
    let r = run(&[
        "roster",
        "add",
        "乙",
        "--db",
        s(&base),
        "--os-user",
        login,
        "--as",
        CHAIR,
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("has no login"), "{}", r.stderr);
    // A file written around huishen may hold one all the same.
    Connection::open(&base)
        .unwrap()
        .execute(
            "INSERT INTO roster (name, role, os_user, added_at, added_by)
             VALUES ('乙', 'member', ?1, '2024-01-01T00:00:00.000Z', ?2)",
            params![login, CHAIR],
        )
        .unwrap();
    run(&["roster", "list", "--db", s(&base)]);
    run(&[
        "apply",
        s(&hostile("batch-ok.csv")),
        "--db",
        s(&base),
        "--as",
        "乙",
    ]);
}

#[test]
fn a_file_name_with_escapes_is_quoted_in_problems() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    let bad = dir.path().join("bad\u{1b}[2Jname.csv");
    std::fs::copy(hostile("escape-clear.csv"), &bad).unwrap();
    let r = run(&["import", s(&bad), "--db", s(&base), "--as", CHAIR]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("bad\\u{1b}[2Jname.csv: row 2"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_batch_file_name_with_escapes_is_echoed_safely() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    let name = dir.path().join("ok\u{1b}[2J.csv");
    std::fs::copy(hostile("batch-ok.csv"), &name).unwrap();
    // `run` asserts no control byte reaches stdout or stderr.
    let r = run(&["apply", s(&name), "--db", s(&base), "--as", CHAIR]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bad = dir.path().join("bad\u{1b}[2J.csv");
    std::fs::copy(hostile("batch-second-row-bad.csv"), &bad).unwrap();
    let r = run(&["apply", s(&bad), "--db", s(&base), "--as", CHAIR]);
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn typing_a_huge_percentage_into_the_cut_input_does_not_crash() {
    let dir = tempfile::tempdir().unwrap();
    let base = base_meeting(dir.path());
    let mut sess = Session::spawn(&["open", s(&base), "--as", CHAIR], 80, 24, &[], dir.path());
    sess.wait_text("B3");
    sess.send("c");
    sess.send("-99999999999999999999999999%");
    thread::sleep(Duration::from_millis(500));
    let screen = sess.screen();
    assert!(!screen.contains("panicked"), "{screen}");
    sess.send("\x1b");
    let exit = sess.quit();
    assert!(exit.status.success(), "{exit:?}");
}
