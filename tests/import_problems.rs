//! What an import and a batch say about a file, through the binary (issue
//! 19, items 3, 5, 7 and 8): look-alike names are one name, every problem
//! that can be known is said at once in file order, a file that is not a
//! table (or is damaged) is named for what it is in the reader's language,
//! and the smaller wordings.

mod common;

use std::path::Path;

use common::*;

fn zh(args: &[&str]) -> String {
    let out = command(args).env("LANG", "zh_CN.UTF-8").output().unwrap();
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8(out.stderr).unwrap()
}

/// The problem lines of a refusal, the folder taken off their file names.
fn lines(err: &str, dir: &Path) -> Vec<String> {
    let prefix = format!("{}/", dir.display());
    err.lines()
        .skip(1)
        .map(|l| l.trim().replace(&prefix, ""))
        .collect()
}

// ---------------------------------------------------------------------------
// 3. Look-alike names are one name

/// A zero-width space inside a department, a right-to-left override in a
/// name, a no-break space: removed (or made a space) wherever they stand.
/// One department, and a GBK export that works.
#[test]
fn invisible_characters_inside_a_cell_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = import_meeting(
        d,
        &format!(
            "{PROJECTS_HEADER}\n\
             P1,市财政局,甲,一般公共预算,1\n\
             P2,市\u{200b}财政局,乙\u{202e}丙,一般公共预算,2\n\
             P3,市财\u{2060}政\u{feff}局\u{200e},丁\u{a0}戊,一般公共预算,3\n"
        ),
        &[],
    );
    let tally = tally_json(&db);
    assert_eq!(
        tally["by_department"].as_array().unwrap().len(),
        1,
        "{tally}"
    );
    let out = d.join("gbk.csv");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "csv",
        "--encoding",
        "gbk",
        "--out",
        s(&out),
    ]);
    let text = encoding_rs::GBK
        .decode(&std::fs::read(&out).unwrap())
        .0
        .into_owned();
    assert!(text.contains("P2,市财政局,,乙丙,"), "{text}");
    assert!(text.contains("P3,市财政局,,丁 戊,"), "{text}");
}

/// What GBK has no character for (an emoji, ©) is refused by a GBK export,
/// naming the project, the column and the character; UTF-8 writes it.
#[test]
fn what_gbk_cannot_write_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = import_meeting(
        d,
        &format!("{PROJECTS_HEADER}\nP1,市财政局,版权©登记,一般公共预算,1\n"),
        &[],
    );
    let out = d.join("gbk.csv");
    let args = [
        "export",
        "--db",
        s(&db),
        "--format",
        "csv",
        "--encoding",
        "gbk",
        "--out",
        s(&out),
    ];
    let err = fails(&args);
    assert!(
        err.contains("project P1, column 项目名称: the character “©” (U+00A9) cannot be written in GBK; use --encoding utf8"),
        "{err}"
    );
    assert!(!out.exists());
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "csv",
        "--out",
        s(&out),
    ]);
}

// ---------------------------------------------------------------------------
// 5. Every problem at once

/// One unreadable amount no longer hides the rows the meeting refuses: a
/// cut that leaves the whole request, `-0%`, a project not in the meeting —
/// all said, in file order, each with its column, in both languages.
#[test]
fn a_batch_says_every_problem_in_file_order() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let db = import_meeting(
        d,
        &format!(
            "{PROJECTS_HEADER}\nP1,市财政局,甲,一般公共预算,100\nP2,市财政局,乙,一般公共预算,50\n"
        ),
        &[],
    );
    let batch = write(
        d,
        "b.csv",
        "项目编码,审核结果,金额（万元）,审核意见\n\
         P1,审减,100,\n\
         P9,通过,,\n\
         P2,审减,12a,\n\
         P2,审减,-0%,\n",
    );
    let before = common::db::dump(&db);
    let err = fails(&["apply", s(&batch), "--db", s(&db)]);
    assert_eq!(
        lines(&err, d),
        [
            "b.csv: row 2, column 金额（万元） (C): P1: a cut must leave less than the request: \
             approved 100.00 ≥ requested 100.00 万元",
            "b.csv: row 3, column 项目编码 (A): no project P9 in this meeting",
            "b.csv: row 4, column 金额（万元） (C): bad amount \"12a\": not a number; write \
             digits with an optional decimal point, e.g. 1234.5 or 1,234.50",
            "b.csv: row 5, column 金额（万元） (C): P2: a cut must leave less than the request: \
             approved 50.00 ≥ requested 50.00 万元",
        ],
        "{err}"
    );
    assert!(
        err.starts_with("huishen: 4 problem(s); nothing was written:"),
        "{err}"
    );
    let err = zh(&["apply", s(&batch), "--db", s(&db)]);
    assert_eq!(
        lines(&err, d),
        [
            "b.csv 第 2 行 金额（万元） (C) 列：P1：审减后须少于申报：审定 100.00 ≥ 申报 100.00 万元",
            "b.csv 第 3 行 项目编码 (A) 列：本次会审中没有项目 P9",
            "b.csv 第 4 行 金额（万元） (C) 列：金额 \"12a\" 有误：不是数字：请写数字，可带小数点，如 1234.5 或 1,234.50",
            "b.csv 第 5 行 金额（万元） (C) 列：P2：审减后须少于申报：审定 50.00 ≥ 申报 50.00 万元",
        ],
        "{err}"
    );
    assert_eq!(common::db::dump(&db), before, "nothing was written");
}

/// An import checks its 合计 lines even when a row has an error; a line
/// some of whose rows could not be read says so; a first 小计 speaks of the
/// rows from the first project, not of a line above it.
#[test]
fn an_import_checks_its_totals_whatever_else_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let import = |name: &str, rows: &str| -> (Vec<String>, Vec<String>) {
        let file = write(d, name, format!("{PROJECTS_HEADER}\n{rows}"));
        let db = d.join("m.db");
        let args = ["import", s(&file), "--db", s(&db)];
        (lines(&fails(&args), d), lines(&zh(&args), d))
    };
    // A row with an error, its amount read: the total is checked.
    let (en, _) = import(
        "a.csv",
        "P1,市财政局,甲,专项资金,10\nP2,市财政局,乙,一般公共预算,20\n合计,,,,31\n",
    );
    assert_eq!(en.len(), 2, "{en:?}");
    assert!(en[0].starts_with("a.csv: row 2, column 预算类型 (D): unknown budget type"));
    assert_eq!(
        en[1],
        "a.csv: row 4, column 申报金额（万元） (E): the total line says \"31\" but the projects \
         add up to 30.00 (the total line is larger by 1.00)"
    );
    // An amount that could not be read: its total is not checked, and says so.
    let (en, zh_lines) = import(
        "b.csv",
        "P1,市财政局,甲,一般公共预算,10\nP2,市财政局,乙,一般公共预算,12a\n合计,,,,31\n",
    );
    assert_eq!(
        en[1],
        "b.csv: row 4, column 申报金额（万元） (E): the total line is not checked: the amount \
         of row 3 it adds up could not be read; correct those rows first"
    );
    assert_eq!(
        zh_lines[1],
        "b.csv 第 4 行 申报金额（万元） (E) 列：合计行未核对：它所合计的第 3 行金额无法读取；请先改正这些行"
    );
    // Groups: the first 小计 is off.
    let (en, zh_lines) = import(
        "c.csv",
        "P1,市财政局,甲,一般公共预算,10\nP2,市财政局,乙,一般公共预算,20\n小计,,,,31\n\
         P3,市教育局,丙,一般公共预算,5\n小计,,,,5\n",
    );
    assert_eq!(
        en,
        [
            "c.csv: row 4, column 申报金额（万元） (E): the total line says \"31\" but the \
          projects add up to 35.00 in all, 30.00 from the first project down to this line, \
          5.00 down to the next"
        ]
    );
    assert_eq!(
        zh_lines,
        [
            "c.csv 第 4 行 申报金额（万元） (E) 列：合计行为 \"31\"，但各项目申报金额全部相加为 35.00，\
          自第一个项目至本行为 30.00，到下一合计行为 5.00"
        ]
    );
}

// ---------------------------------------------------------------------------
// 7. Files that are not tables, or are damaged, named as such

/// Each file, and what the refusal says of it in English and in Chinese.
#[test]
fn wrong_and_damaged_files_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A real workbook, for its bytes.
    let good = write(
        d,
        "good.csv",
        format!("{PROJECTS_HEADER}\nP1,市财政局,甲,一般公共预算,1\n"),
    );
    let db = d.join("m.db");
    ok(&["import", s(&good), "--db", s(&db)]);
    let book = d.join("good.xlsx");
    ok(&["export", "--db", s(&db), "--out", s(&book)]);
    let bytes = std::fs::read(&book).unwrap();

    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let mut damaged_xls = ole.to_vec();
    damaged_xls.resize(2048, 0x5A);
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "page.xls",
            b"<html><head><meta charset=utf-8></head><body><table><tr><td>\xe9\xa1\xb9\xe7\x9b\xae</td></tr></table></body></html>".to_vec(),
            "this is a web page (HTML), not an Excel workbook; open it in Excel or WPS, save it as .xlsx and import that",
            "这是一个网页文件（HTML），不是 Excel 工作簿；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入",
        ),
        (
            "cut.xlsx",
            bytes[..bytes.len() / 2].to_vec(),
            "the file is incomplete: it starts as an Excel workbook but its end is missing",
            "文件不完整：它以 Excel 工作簿开头，结尾却缺失，通常是下载或复制时被截断；请重新获取完整的文件",
        ),
        (
            "old.xls",
            damaged_xls,
            "this Excel 97-2003 workbook (.xls) is damaged and cannot be read",
            "这是一个已损坏的 Excel 97-2003 工作簿（.xls），无法读取",
        ),
        (
            "scan.xlsx",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            "this is a PDF file, not a table; ask for the Excel or CSV file instead",
            "这是一个 PDF 文件，不是表格；请向报送单位索取 Excel 或 CSV 文件",
        ),
    ];
    for (name, bytes, en, zh_text) in &cases {
        let f = write(d, name, bytes);
        let other = d.join("other.db");
        let err = fails(&["import", s(&f), "--db", s(&other)]);
        assert!(err.contains(&format!("{name}: {en}")), "{name}:\n{err}");
        assert!(!err.contains("error:"), "calamine's words: {err}");
        let err = zh(&["import", s(&f), "--db", s(&other)]);
        assert!(
            err.contains(&format!("{name}：{zh_text}")),
            "{name}:\n{err}"
        );
        assert_eq!(err.lines().count(), 2, "one problem, not five: {err}");
    }

    // A workbook named .csv is read as the workbook it is.
    let renamed = write(d, "renamed.csv", &bytes);
    let fresh = d.join("fresh.db");
    ok(&["import", s(&renamed), "--db", s(&fresh)]);
    assert_eq!(tally_json(&fresh)["projects"], 1);
}

/// A workbook whose cells refer to shared strings it does not have: said
/// so, not "Cell string index not found in shared strings table".
#[test]
fn a_workbook_without_its_shared_strings_is_named_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["项目编码", "部门", "项目名称", "预算类型", "申报金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let book = d.join("nostrings.xlsx");
    wb.save(&book).unwrap();
    // The same zip without its sharedStrings.xml (and its relationship).
    let bytes = std::fs::read(&book).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let f = zip.by_index(i).unwrap();
        if f.name().unwrap() != "xl/sharedStrings.xml" {
            out.raw_copy_file(f).unwrap();
        }
    }
    std::fs::write(&book, out.finish().unwrap().into_inner()).unwrap();
    let err = fails(&["import", s(&book), "--db", s(&d.join("m.db"))]);
    assert!(
        err.contains(
            "the workbook is damaged: cells refer to text its shared strings table does not hold"
        ),
        "{err}"
    );
    let err = zh(&["import", s(&book), "--db", s(&d.join("m.db"))]);
    assert!(
        err.contains("工作簿已损坏：有单元格引用的文字不在其共享字符串表中"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// 8. The smaller ones

/// `-0` is zero, not a negative amount.
#[test]
fn minus_zero_is_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_meeting(
        dir.path(),
        &format!(
            "{PROJECTS_HEADER}\nP1,市财政局,甲,一般公共预算,-0\nP2,市财政局,乙,一般公共预算,-0.00\n"
        ),
        &[],
    );
    assert_eq!(tally_json(&db)["requested"], "0.00");
}

/// A total line that is off says which is larger, and by how much.
#[test]
fn a_total_line_says_which_is_larger() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let file = write(
        d,
        "p.csv",
        format!("{PROJECTS_HEADER}\nP1,市财政局,甲,一般公共预算,10\n合计,,,,9.5\n"),
    );
    let err = fails(&["import", s(&file), "--db", s(&d.join("m.db"))]);
    assert!(
        err.contains("the total line says \"9.5\" but the projects add up to 10.00 (the total line is smaller by 0.50)"),
        "{err}"
    );
    let err = zh(&["import", s(&file), "--db", s(&d.join("m.db"))]);
    assert!(
        err.contains("但各项目申报金额相加为 10.00（合计行少 0.50）"),
        "{err}"
    );
}
