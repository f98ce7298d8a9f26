//! Importing what reviewers weigh: last year's budget, spending and rate
//! and new or continuing, from workbooks as budget offices lay them out
//! (a 上年情况 group merged over 预算数, 执行数, 执行率; amounts in 元; rates
//! in a percent format) and from CSV (rates as `85%`, or bare numbers
//! under a header that says `（%）` or `（小数）`), read back through the
//! exported results; refusals and warnings naming the cell.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use rust_xlsxwriter::{Format, FormatAlign, Workbook};

/// The exported results (CSV) of `db` as rows of cells by header.
fn results(db: &Path) -> Vec<std::collections::HashMap<String, String>> {
    let out = db.with_extension("csv");
    ok(&["export", "--db", s(db), "--format", "csv", "--out", s(&out)]);
    let bytes = std::fs::read(&out).unwrap();
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let heads: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    r.records()
        .map(|rec| {
            heads
                .iter()
                .cloned()
                .zip(rec.unwrap().iter().map(str::to_string))
                .collect()
        })
        .collect()
}

/// Code, department, name, request (元), last year's budget, spending (元)
/// and rate (a fraction), new or continuing.
type OfficeRow = (
    &'static str,
    &'static str,
    &'static str,
    f64,
    Option<(f64, f64, f64)>,
    &'static str,
);

/// A budget office's workbook: a header of two rows, 上年情况 merged over
/// three columns, the others merged down; amounts in 元; the rate a
/// number in a percent format (0.85 shown as 85.00%).
fn office_workbook(dir: &Path) -> PathBuf {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let head = Format::new().set_bold().set_align(FormatAlign::Center);
    let pct = Format::new().set_num_format("0.00%");
    for (c, name) in [
        (0u16, "项目编码"),
        (1, "部门"),
        (2, "项目名称"),
        (3, "预算类型"),
        (4, "申报金额（元）"),
    ] {
        ws.merge_range(0, c, 1, c, name, &head).unwrap();
    }
    ws.merge_range(0, 5, 0, 7, "上年情况", &head).unwrap();
    ws.write_with_format(1, 5, "预算数（元）", &head).unwrap();
    ws.write_with_format(1, 6, "执行数（元）", &head).unwrap();
    ws.write_with_format(1, 7, "执行率", &head).unwrap();
    ws.merge_range(0, 8, 1, 8, "新增/延续", &head).unwrap();
    let rows: [OfficeRow; 4] = [
        (
            "B-01",
            "教育局",
            "学生资助",
            1_200_000.0,
            Some((1_000_000.0, 850_000.0, 0.85)),
            "延续",
        ),
        // No word on new or continuing, but last year's budget: 延续.
        (
            "B-02",
            "教育局",
            "校舍维修改造",
            500_000.0,
            Some((400_000.0, 220_000.0, 0.55)),
            "",
        ),
        (
            "B-03",
            "卫健委",
            "党史学习教育专项经费",
            300_000.0,
            None,
            "新增",
        ),
        ("B-04", "卫健委", "疫苗接种补助", 800_000.0, None, ""),
    ];
    for (i, (code, dept, name, req, last, novelty)) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        ws.write(r, 0, *code).unwrap();
        ws.write(r, 1, *dept).unwrap();
        ws.write(r, 2, *name).unwrap();
        ws.write(r, 3, "一般公共预算").unwrap();
        ws.write(r, 4, *req).unwrap();
        if let Some((b, sp, rate)) = last {
            ws.write(r, 5, *b).unwrap();
            ws.write(r, 6, *sp).unwrap();
            ws.write_with_format(r, 7, *rate, &pct).unwrap();
        }
        if !novelty.is_empty() {
            ws.write(r, 8, *novelty).unwrap();
        }
    }
    let path = dir.join("上年情况.xlsx");
    wb.save(&path).unwrap();
    path
}

#[test]
fn a_workbook_with_a_merged_last_year_group_in_yuan_and_percent_cells() {
    let dir = tempfile::tempdir().unwrap();
    let file = office_workbook(dir.path());
    let db = dir.path().join("m.db");
    let said = ok(&["import", s(&file), "--db", s(&db), "--lang", "zh"]);
    assert!(said.contains("已导入 4 个项目"), "{said}");
    assert!(
        said.contains("1 个项目未注明新增或延续，因填有上年预算，按延续项目读入"),
        "{said}"
    );

    let rows = results(&db);
    let b1 = &rows[0];
    assert_eq!(b1["申报金额（万元）"], "120.00", "元 read as 元");
    assert_eq!(b1["上年预算（万元）"], "100.00");
    assert_eq!(b1["上年执行数（万元）"], "85.00");
    assert_eq!(
        b1["上年执行率"], "85.00%",
        "a percent cell is its percentage"
    );
    assert_eq!(b1["新增/延续"], "延续");
    assert_eq!(rows[1]["新增/延续"], "延续", "inferred");
    assert_eq!(rows[1]["上年执行率"], "55.00%");
    assert_eq!(rows[2]["新增/延续"], "新增");
    assert_eq!(rows[2]["上年预算（万元）"], "");
    assert_eq!(rows[3]["新增/延续"], "", "never guessed");

    let t = tally_json(&db);
    let novelty: Vec<(serde_json::Value, u64)> = t["by_novelty"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["novelty"].clone(), n["projects"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        novelty,
        [
            (serde_json::json!("new"), 1),
            (serde_json::json!("continuing"), 2),
            (serde_json::Value::Null, 1)
        ]
    );
}

const HEAD: &str = "项目编码,部门,项目名称,预算类型,申报金额（万元）";

/// A CSV of one project with last year's columns `extra` (header, cells).
fn one(dir: &Path, name: &str, extra_head: &str, extra: &str) -> PathBuf {
    write(
        dir,
        name,
        format!("{HEAD},{extra_head}\nC-01,教育局,学生资助,一般公共预算,120,{extra}\n"),
    )
}

/// How each way of writing a rate is read: `85%` as 85 %; under
/// `（%）` a bare 85 is 85 %; under `（小数）` a bare 0.85 is 85 %.
#[test]
fn a_rate_is_read_by_its_sign_or_by_its_headers_unit() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (head, cell)) in [
        ("上年执行率", "85%"),
        ("上年执行率（%）", "85"),
        ("上年执行率（小数）", "0.85"),
        ("上年预算执行率(%)", "85.0"),
    ]
    .iter()
    .enumerate()
    {
        let file = one(dir.path(), &format!("r{i}.csv"), head, cell);
        let db = dir.path().join(format!("r{i}.db"));
        ok(&["import", s(&file), "--db", s(&db)]);
        assert_eq!(results(&db)[0]["上年执行率"], "85.00%", "{head} {cell}");
    }
}

#[test]
fn a_bare_rate_under_a_bare_header_is_refused_naming_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let file = one(dir.path(), "bare.csv", "上年执行率", "0.85");
    let db = dir.path().join("bare.db");
    let why = fails(&["import", s(&file), "--db", s(&db), "--lang", "zh"]);
    assert!(
        why.contains("bare.csv 第 2 行 上年执行率 (F) 列：执行率 \"0.85\" 有误"),
        "{why}"
    );
    assert!(
        why.contains("上年执行率（%）或 上年执行率（小数）"),
        "{why}"
    );
    assert!(
        !db.exists() || tally_json(&db)["projects"] == 0,
        "nothing written"
    );
    let why = fails(&["import", s(&file), "--db", s(&db), "--lang", "en"]);
    assert!(why.contains("row 2"), "{why}");
}

#[test]
fn new_with_last_years_budget_is_refused_naming_both_cells() {
    let dir = tempfile::tempdir().unwrap();
    let file = one(
        dir.path(),
        "new.csv",
        "上年预算（万元）,新增/延续",
        "100,新增",
    );
    let db = dir.path().join("new.db");
    let why = fails(&["import", s(&file), "--db", s(&db), "--lang", "zh"]);
    assert!(
        why.contains(
            "new.csv 第 2 行 新增/延续 (G) 列：项目填为新增，但 上年预算（万元） (F) 有上年预算"
        ),
        "{why}"
    );
    assert!(why.contains("未写入任何数据"), "{why}");
}

#[test]
fn an_unknown_rate_unit_in_the_header_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = one(dir.path(), "unit.csv", "上年执行率（成）", "8.5");
    let why = fails(&[
        "import",
        s(&file),
        "--db",
        s(&dir.path().join("u.db")),
        "--lang",
        "zh",
    ]);
    assert!(why.contains("表头中的单位 \"成\" 无法识别"), "{why}");
}

/// Odd figures are warnings, said in the reader's language, and the
/// import goes on: a rate over 100 %, spending over the budget.
#[test]
fn odd_figures_are_warnings_and_the_import_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let file = one(
        dir.path(),
        "odd.csv",
        "上年预算（万元）,上年执行数（万元）,上年执行率",
        "40,50,125%",
    );
    let db = dir.path().join("odd.db");
    let said = ok(&["import", s(&file), "--db", s(&db), "--lang", "zh"]);
    assert!(said.contains("已导入 1 个项目"), "{said}");
    assert!(
        said.contains("odd.csv 第 2 行 上年执行数（万元） (G) 列：提醒：上年执行数 50.00 万元超过上年预算 40.00 万元"),
        "{said}"
    );
    assert!(
        said.contains("第 2 行 上年执行率 (H) 列：提醒：上年执行率 125.00% 超过 100%"),
        "{said}"
    );
    let db2 = dir.path().join("odd2.db");
    let said = ok(&["import", s(&file), "--db", s(&db2), "--lang", "en"]);
    assert!(
        said.contains("warning: last year's rate 125.00% is over 100%"),
        "{said}"
    );
    assert_eq!(results(&db)[0]["上年执行率"], "125.00%");
}
