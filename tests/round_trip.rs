//! A round trip changes nothing (issue 19, item 2): a meeting exported, its
//! table imported into a fresh meeting and applied there, exported again,
//! gives the same table — in CSV, in GBK CSV and in the workbook — with
//! names, departments, comments and reasons that start like formulas, hold
//! quotes, commas and line breaks, or look like other text; and applying the
//! same table twice changes nothing. The `时间` column, the minute each
//! decision was saved, is the one column left out of the comparison: the
//! second meeting decides later.

mod common;

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::db::events;
use common::*;
use huishen::domain::Stage;
use huishen::export::{self, Encoding, Format};
use huishen::i18n::Lang;
use huishen::import;
use huishen::store::{Actor, OpenMode, Store};
use proptest::prelude::*;

const CHAIR: &str = "张三";

/// Projects whose texts a spreadsheet would run, or misread.
const PROJECTS: &str = "\
项目编码,部门,项目名称,预算类型,申报金额（万元）
P1,=市财政局,\"=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\",一般公共预算,100
P2,+市教育局,\"-指标一, 二\n第二行\",一般公共预算,80
P3,@市卫健委,'=已带引号,政府性基金预算,60
P4,市\u{200b}财政局,\"\"\"引号\"\" 与，逗号\",一般公共预算,40
P5,市财政局,'-5 号工程,一般公共预算,20
";

/// Decisions whose comments and reasons start like formulas.
const BATCH: &str = "\
项目编码,审核结果,金额（万元）,审核意见,调整指标
P1,审减,-15%,=同意压减,
P2,调整,,\"-指标一不量化\n-指标二缺失\",
P2,审减,60,+压减 20 万元,
P3,取消,,@与职能无关,
P5,通过,,''-保持原额,
";

fn chair() -> [&'static str; 2] {
    ["--as", CHAIR]
}

/// A meeting built from [`PROJECTS`] and [`BATCH`], and a comment on a
/// project left pending (P4).
fn meeting(dir: &Path) -> PathBuf {
    let db = import_meeting(dir, PROJECTS, &chair());
    apply_text(&db, "b.csv", BATCH, &chair());
    apply_text(
        &db,
        "note.csv",
        "项目编码,审核结果,审定金额,审减金额,最新审核意见\nP4,待审,,,-待补充测算依据\n",
        &chair(),
    );
    db
}

fn export_to(db: &Path, out: &Path, format: &str, gbk: bool) {
    let mut args = vec!["export", "--db", s(db), "--format", format, "--out", s(out)];
    if gbk {
        args.extend(["--encoding", "gbk"]);
    }
    ok(&args);
}

/// A table's rows without its `时间` column, decoded.
fn csv_rows(path: &Path, gbk: bool) -> Vec<Vec<String>> {
    let bytes = std::fs::read(path).unwrap();
    let text = if gbk {
        encoding_rs::GBK.decode(&bytes).0.into_owned()
    } else {
        String::from_utf8(bytes).unwrap()
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    // 时间 wherever it stands (it was the last column once, and a column
    // added after it made this test depend on the minute).
    let time = rows
        .first()
        .and_then(|h| {
            h.iter()
                .position(|c| c.trim_start_matches('\u{feff}') == "时间")
        })
        .expect("a 时间 column");
    rows.into_iter()
        .map(|mut r| {
            r.remove(time);
            r
        })
        .collect()
}

/// The sheet's cells as text, the `时间` column left out.
fn sheet_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let time = range.rows().next().and_then(|h| {
        h.iter()
            .position(|c| matches!(c, Data::String(s) if s == "时间"))
    });
    range
        .rows()
        .map(|r| {
            r.iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != time)
                .map(|(_, c)| match c {
                    Data::Empty => String::new(),
                    c => c.to_string(),
                })
                .collect()
        })
        .collect()
}

/// Imports the exported `table` into a fresh meeting and applies it there.
fn carried(dir: &Path, table: &Path) -> PathBuf {
    let db = dir.join(format!(
        "{}.db",
        table.file_name().unwrap().to_string_lossy()
    ));
    ok(&["import", s(table), "--db", s(&db), "--as", CHAIR]);
    apply(&db, table, &chair());
    db
}

#[test]
fn a_csv_round_trip_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = meeting(d);
    for gbk in [false, true] {
        let first = d.join(if gbk { "a-gbk.csv" } else { "a.csv" });
        export_to(&db, &first, "csv", gbk);
        let text = csv_rows(&first, gbk);
        // The guard is there, so a spreadsheet shows the text…
        assert!(text.iter().flatten().any(|c| c == "'=同意压减"), "{text:?}");
        assert!(
            text.iter().flatten().any(|c| c == "''-保持原额"),
            "{text:?}"
        );
        // … and the look-alike department is one department.
        assert!(!text.iter().flatten().any(|c| c.contains('\u{200b}')));

        let again = carried(d, &first);
        let second = d.join(if gbk { "b-gbk.csv" } else { "b.csv" });
        export_to(&again, &second, "csv", gbk);
        assert_eq!(csv_rows(&second, gbk), text, "gbk: {gbk}");

        // Applying the same table again saves nothing and adds no comment.
        let (events_before, comments_before) = (events(&again).len(), comments(&again));
        let said = apply(&again, &first, &chair());
        assert!(said.contains(" 0 decisions saved"), "{said}");
        assert!(said.contains(" 0 comments"), "{said}");
        assert_eq!(events(&again).len(), events_before);
        assert_eq!(comments(&again), comments_before);
    }
    // The comments came back as they were written, without the guard.
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let latest: Vec<String> = store
        .export_projects()
        .unwrap()
        .into_iter()
        .filter_map(|(_, _, c)| c.map(|c| c.body))
        .collect();
    assert!(latest.contains(&"=同意压减".to_string()), "{latest:?}");
    assert!(
        latest.contains(&"-待补充测算依据".to_string()),
        "{latest:?}"
    );
    // A text that itself starts with ' before a sign keeps it.
    assert!(latest.contains(&"'-保持原额".to_string()), "{latest:?}");
}

#[test]
fn a_workbook_round_trip_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = meeting(d);
    let first = d.join("a.xlsx");
    export_to(&db, &first, "xlsx", false);
    let again = carried(d, &first);
    let second = d.join("b.xlsx");
    export_to(&again, &second, "xlsx", false);
    for sheet in ["审核结果", "部门汇总", "预算类型汇总"] {
        assert_eq!(
            sheet_rows(&second, sheet),
            sheet_rows(&first, sheet),
            "{sheet}"
        );
    }
    // The CSV after the workbook, and the workbook again: nothing moves.
    let csv = d.join("a.csv");
    export_to(&db, &csv, "csv", false);
    let (events_before, comments_before) = (events(&again).len(), comments(&again));
    for table in [&csv, &first] {
        let said = apply(&again, table, &chair());
        assert!(said.contains(" 0 decisions saved"), "{said}");
        assert!(said.contains(" 0 comments"), "{said}");
    }
    assert_eq!(events(&again).len(), events_before);
    assert_eq!(comments(&again), comments_before);
}

fn comments(db: &Path) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("SELECT count(*) FROM comment", [], |r| r.get(0))
        .unwrap()
}

// ---------------------------------------------------------------------------
// The property: random small meetings, hostile text, through the library.

/// Pieces of text that a spreadsheet runs or a reader misreads.
const PIECES: &[&str] = &[
    "=",
    "+",
    "-",
    "@",
    "'",
    "''",
    "\"",
    ",",
    "，",
    "\n",
    " ",
    "\t",
    "市",
    "财政局",
    "审减",
    "指标",
    "A",
    "1",
    "%",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{feff}",
    "\u{a0}",
    "\u{ad}",
    "=SUM(A1)",
    "-5",
    "@x",
    "'=",
];

/// A text of pieces around one Chinese character, so that it is never
/// empty once its blanks and invisible characters are gone.
fn text() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(PIECES), 0..4),
        prop::collection::vec(prop::sample::select(PIECES), 0..4),
    )
        .prop_map(|(a, b)| format!("{}审{}", a.concat(), b.concat()))
}

#[derive(Clone, Debug)]
enum Decision {
    Pending,
    Approve,
    Cut(u8),
    Cancel,
    Adjust(String),
}

fn decision() -> impl Strategy<Value = Decision> {
    prop_oneof![
        Just(Decision::Pending),
        Just(Decision::Approve),
        (1..=99u8).prop_map(Decision::Cut),
        Just(Decision::Cancel),
        text().prop_map(Decision::Adjust),
    ]
}

#[derive(Clone, Debug)]
struct Project {
    department: String,
    name: String,
    requested: u32,
    decision: Decision,
    comment: Option<String>,
}

fn project() -> impl Strategy<Value = Project> {
    (
        text(),
        text(),
        1..=100_000u32,
        decision(),
        prop::option::of(text()),
    )
        .prop_map(|(department, name, requested, decision, comment)| Project {
            department,
            name,
            requested,
            decision,
            comment,
        })
}

fn csv_line(cells: &[&str]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(cells).unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// Builds the meeting in `dir/a.db`; None if the import or the batch is
/// refused (text an import does not take: the property is about what it
/// does take).
fn build(dir: &Path, projects: &[Project], by: &Actor) -> Option<PathBuf> {
    let mut p = csv_line(&[
        "项目编码",
        "部门",
        "项目名称",
        "预算类型",
        "申报金额（万元）",
    ]);
    let mut b = csv_line(&[
        "项目编码",
        "审核结果",
        "金额（万元）",
        "审核意见",
        "调整指标",
    ]);
    for (i, pr) in projects.iter().enumerate() {
        let code = format!("P{i}");
        let amount = format!("{}.{:02}", pr.requested / 100, pr.requested % 100);
        p += &csv_line(&[&code, &pr.department, &pr.name, "一般公共预算", &amount]);
        let comment = pr.comment.as_deref().unwrap_or("");
        let line =
            |word: &str, amount: &str, comment: &str| csv_line(&[&code, word, amount, comment, ""]);
        b += &match &pr.decision {
            Decision::Pending => continue,
            Decision::Approve => line("通过", "", comment),
            Decision::Cut(pct) => line("审减", &format!("-{pct}%"), comment),
            Decision::Cancel => line("取消", "", comment),
            Decision::Adjust(reason) => line("调整", "", reason),
        };
    }
    let pf = write(dir, "p.csv", p);
    let bf = write(dir, "d.csv", b);
    let db = dir.join("a.db");
    let sub = import::read_submission(&pf, None).ok()?;
    let mut store = Store::open_or_create(&db, by).ok()?;
    store.import_submission(&sub, by).ok()?;
    let rows = import::read_batch_file(&bf, Stage::TargetReview).ok()?;
    store.apply_batch("d.csv", &rows.rows, by).ok()?;
    Some(db)
}

/// The three forms a meeting's table goes out in and comes back from.
#[derive(Clone, Copy, Debug)]
enum Form {
    Csv,
    GbkCsv,
    Workbook,
}

impl Form {
    const ALL: [Form; 3] = [Form::Csv, Form::GbkCsv, Form::Workbook];

    fn file(self, stem: &str) -> String {
        match self {
            Form::Csv => format!("{stem}.csv"),
            Form::GbkCsv => format!("{stem}-gbk.csv"),
            Form::Workbook => format!("{stem}.xlsx"),
        }
    }
}

/// The meeting `db` exported in `form` to `out`, and what it holds (the
/// table, and for the workbook its summaries too), `时间` left out.
fn export_in(db: &Path, form: Form, out: &Path) -> Vec<Vec<String>> {
    let store = Store::open(db, OpenMode::ReadOnly).unwrap();
    let (format, encoding) = match form {
        Form::Csv => (Format::Csv, Encoding::Utf8),
        Form::GbkCsv => (Format::Csv, Encoding::Gbk),
        Form::Workbook => (Format::Xlsx, Encoding::Utf8),
    };
    export::export(&store, format, out, encoding, Lang::Zh).unwrap();
    match form {
        Form::Csv => csv_rows(out, false),
        Form::GbkCsv => csv_rows(out, true),
        Form::Workbook => ["审核结果", "部门汇总", "预算类型汇总"]
            .into_iter()
            .flat_map(|sheet| sheet_rows(out, sheet))
            .collect(),
    }
}

proptest! {
    #![proptest_config(common::props::config(24))]

    /// export → import and apply into a fresh meeting → export is the
    /// identity, in CSV, GBK CSV and the workbook; and applying the table
    /// once more changes nothing.
    #[test]
    fn export_apply_export_is_the_identity(projects in prop::collection::vec(project(), 1..6)) {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        let by = Actor { name: CHAIR.into(), os_user: "tester".into() };
        let Some(db) = build(d, &projects, &by) else {
            return Err(TestCaseError::reject("not a meeting an import takes"));
        };
        for form in Form::ALL {
            let first = d.join(form.file("a"));
            let table = export_in(&db, form, &first);

            let fresh = d.join(format!("{}.db", form.file("b")));
            let sub = import::read_submission(&first, None).expect("the export imports");
            let mut store = Store::open_or_create(&fresh, &by).unwrap();
            store.import_submission(&sub, &by).unwrap();
            let batch = import::read_batch_file(&first, Stage::TargetReview)
                .expect("the export is a batch");
            store.apply_batch("a", &batch.rows, &by).unwrap();
            let twice = store.apply_batch("a", &batch.rows, &by).unwrap();
            prop_assert_eq!(twice.changed, 0, "{:?}", form);
            prop_assert_eq!(twice.comments, 0, "{:?}", form);
            drop(store);
            let again = export_in(&fresh, form, &d.join(form.file("b")));
            prop_assert_eq!(again, table, "{:?}", form);
        }
    }
}
