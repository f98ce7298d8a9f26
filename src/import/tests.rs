use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, Formula, Workbook};
use tempfile::TempDir;

use super::*;
use crate::domain::money::{Money, Unit};

const PROJECTS: &str = "\
项目编码,部门,项目名称,预算类型,申报金额（万元）,业务股室
P001,教育局,校舍改造,一般公共预算,1234.5,教科文股
1001,卫健委,\"疫苗接种, 二期\",政府性基金预算,80,社保股
P003,交通局,道路养护,国有资本经营预算,0.25,
";

const INDICATORS: &str = "\
项目编码,一级指标,二级指标,三级指标,指标值,计量单位
P001,产出指标,数量指标,改造校舍面积,≥3000,平方米
1001,效益指标,社会效益,接种率,≥95%,%
P001,满意度指标,服务对象满意度,师生满意度,≥90%,
";

fn write(dir: &TempDir, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let (rows, problems) = table::parse_delimited(text, "t");
    assert!(problems.is_empty(), "{problems:?}");
    // Back to a dense grid, for writing workbooks.
    rows.iter()
        .map(|r| {
            let width = r.cells.last().map_or(0, |(c, _)| c + 1);
            (0..width)
                .map(|c| match r.get(c) {
                    Some(Cell::Text(t)) => t.to_string(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect()
}

/// Writes sheets to an xlsx; numeric-looking cells become numbers.
fn xlsx(path: &Path, sheets: &[(&str, &str)], first_row: u32) {
    let mut wb = Workbook::new();
    for (name, text) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in csv_rows(text).iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (r, c) = (first_row + r as u32, c as u16);
                if cell.is_empty() {
                    continue;
                }
                match cell.parse::<f64>() {
                    Ok(f) => ws.write_number(r, c, f).unwrap(),
                    Err(_) => ws.write_string(r, c, cell).unwrap(),
                };
            }
        }
    }
    wb.save(path).unwrap();
}

fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out
}

fn wan(s: &str) -> Money {
    parse_amount(s, Unit::Wan).unwrap()
}

fn has(problems: &[Problem], file: &str, row: Option<usize>, col: Option<&str>, text: &str) {
    assert!(
        problems.iter().any(|p| p.file == file
            && p.row == row
            && p.column.as_deref() == col
            && p.message.contains(text)),
        "no problem {file} {row:?} {col:?} {text:?} in:\n{}",
        problems
            .iter()
            .map(|p| format!("  {p} [{:?}]", p.column))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn every_encoding_and_format_reads_the_same() {
    let dir = TempDir::new().unwrap();
    let utf8 = read_submission(
        &write(&dir, "p.csv", PROJECTS),
        Some(&write(&dir, "i.csv", INDICATORS)),
    )
    .unwrap();
    assert_eq!(utf8.projects.len(), 3);
    assert_eq!(utf8.indicators.len(), 3);
    let p = &utf8.projects[1];
    assert_eq!(
        (p.code.as_str(), p.department.as_str(), p.name.as_str()),
        ("1001", "卫健委", "疫苗接种, 二期")
    );
    assert_eq!(p.budget_type, BudgetType::Fund);
    assert_eq!(p.requested, wan("80"));
    assert_eq!(p.section.as_deref(), Some("社保股"));
    assert_eq!(p.source_row, 3);
    assert_eq!(utf8.projects[0].requested.fen(), 1_234_500_000);
    assert_eq!(utf8.projects[2].requested, wan("0.25"));
    assert_eq!(utf8.projects[2].section, None);
    let i = &utf8.indicators[1];
    assert_eq!(
        (
            i.project_code.as_str(),
            i.indicator.as_str(),
            i.target.as_str(),
            i.unit.as_str()
        ),
        ("1001", "接种率", "≥95%", "%")
    );
    assert_eq!(utf8.indicators[2].unit, "");
    assert_eq!(utf8.indicators[2].source_row, 4);

    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend(PROJECTS.as_bytes());
    let mut ibom = b"\xEF\xBB\xBF".to_vec();
    ibom.extend(INDICATORS.as_bytes());
    let gbk = |t: &str| encoding_rs::GBK.encode(t).0.into_owned();
    let tsv = |t: &str| {
        csv_rows(t)
            .iter()
            .map(|r| r.join("\t") + "\r\n")
            .collect::<String>()
    };
    let book = dir.path().join("book.xlsx");
    xlsx(&book, &[("Sheet1", PROJECTS)], 0);
    let ibook = dir.path().join("ibook.xlsx");
    xlsx(&ibook, &[("Sheet1", INDICATORS)], 0);

    let variants: Vec<(&str, Submission)> = vec![
        (
            "bom",
            read_submission(
                &write(&dir, "pb.csv", &bom),
                Some(&write(&dir, "ib.csv", &ibom)),
            )
            .unwrap(),
        ),
        (
            "gbk",
            read_submission(
                &write(&dir, "pg.csv", gbk(PROJECTS)),
                Some(&write(&dir, "ig.csv", gbk(INDICATORS))),
            )
            .unwrap(),
        ),
        (
            "utf16",
            read_submission(
                &write(&dir, "pu.txt", utf16le(&tsv(PROJECTS))),
                Some(&write(&dir, "iu.TXT", utf16le(&tsv(INDICATORS)))),
            )
            .unwrap(),
        ),
        ("xlsx", read_submission(&book, Some(&ibook)).unwrap()),
        (
            "text api",
            submission_from_csv_text("p.csv", PROJECTS, Some(("i.csv", INDICATORS))).unwrap(),
        ),
    ];
    for (what, sub) in variants {
        assert_eq!(sub.projects, utf8.projects, "{what}");
        assert_eq!(sub.indicators, utf8.indicators, "{what}");
    }
}

#[test]
fn xlsx_cells_read_as_typed() {
    assert_eq!(table::float_text(1234.5), "1234.5");
    assert_eq!(table::float_text(1001.0), "1001");
    assert_eq!(table::float_text(0.1), "0.1");
    assert_eq!(table::float_text(1e21), "1000000000000000000000");
    assert_eq!(table::float_text(-0.0), "0");
    // Formula noise is cut to Excel's 15 significant digits.
    assert_eq!(table::float_text(0.1 + 0.2), "0.3");
    assert_eq!(table::float_text(123.45000000000002), "123.45");
    assert_eq!(table::float_text(1234.5 * 3.0), "3703.5");
    assert_eq!(table::percent_text(0.95), "95%");
    assert_eq!(table::percent_text(-0.15), "-15%");
    assert_eq!(table::percent_text(0.125), "12.5%");
}

#[test]
fn percent_cells_and_misnamed_workbooks() {
    let dir = TempDir::new().unwrap();
    let pct = Format::new().set_num_format("0%");
    // A batch whose amounts were typed as -15% in Excel.
    let book = dir.path().join("pct.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["项目编码", "审核结果", "金额"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "P1").unwrap();
    ws.write_string(1, 1, "审减").unwrap();
    ws.write_number_with_format(1, 2, -0.15, &pct).unwrap();
    ws.write_string(2, 0, "P2").unwrap();
    ws.write_string(2, 1, "审减").unwrap();
    ws.write_formula(
        2,
        2,
        Formula::new("=100.1-20.1").set_result("80.00000000000001"),
    )
    .unwrap();
    wb.save(&book).unwrap();
    let rows = read_batch(&book).unwrap();
    assert_eq!(
        rows[0].amount,
        Some(CutInput::Percent(rust_decimal::Decimal::from(15)))
    );
    assert_eq!(rows[1].amount, Some(CutInput::Approved(wan("80"))));

    // An xlsx named .xls, and a text file named .xls, still read.
    let xls = write(&dir, "book.xls", std::fs::read(&book).unwrap());
    assert_eq!(read_batch(&xls).unwrap(), rows);
    let txt = write(&dir, "text.xls", "项目编码\t审核结果\nP1\t通过\n");
    assert_eq!(read_batch(&txt).unwrap()[0].word, CommandWord::Approve);
}

#[test]
fn yuan_headers_scale_and_english_headers_work() {
    let dir = TempDir::new().unwrap();
    let yuan = "项目编码,部门,项目名称,预算类型,申报金额（元）\nP1,教育局,甲,一般公共预算,\"12,345,678.90\"\n";
    let sub = read_submission(&write(&dir, "y.csv", yuan), None).unwrap();
    assert_eq!(sub.projects[0].requested.fen(), 1_234_567_890);
    assert_eq!(sub.indicators_file, None);

    let bracket = "项目编码,部门,项目名称,预算类型,申报金额【元】\nP1,教育局,甲,一般公共预算,100\n";
    let sub = read_submission(&write(&dir, "b.csv", bracket), None).unwrap();
    assert_eq!(sub.projects[0].requested.fen(), 10_000);
    let slash = "项目编码,部门,项目名称,预算类型,申报金额/元\nP1,教育局,甲,一般公共预算,100\n";
    let sub = read_submission(&write(&dir, "s.csv", slash), None).unwrap();
    assert_eq!(sub.projects[0].requested.fen(), 10_000);

    let en = "Project ID;Dept;Name;Budget Type;Requested (wan);Section\n\
              A-1;Education;Schools;fund;7038.7;Culture\n";
    let sub = read_submission(&write(&dir, "en.csv", en), None).unwrap();
    let p = &sub.projects[0];
    assert_eq!(p.code, "A-1");
    assert_eq!(p.budget_type, BudgetType::Fund);
    assert_eq!(p.requested.fen(), 7_038_700_000);
    assert_eq!(p.section.as_deref(), Some("Culture"));
}

#[test]
fn workbook_with_project_and_indicator_sheets() {
    let dir = TempDir::new().unwrap();
    let book = dir.path().join("submission.XLSX");
    // The indicators sheet comes first, and rows start at row 3.
    xlsx(&book, &[("绩效指标", INDICATORS), (" 项目 ", PROJECTS)], 2);
    let sub = read_submission(&book, None).unwrap();
    assert_eq!(sub.projects.len(), 3);
    assert_eq!(sub.indicators.len(), 3);
    assert_eq!(sub.projects[0].source_row, 4);
    assert_eq!(sub.indicators_file.as_deref(), Some(s(&book).as_str()));

    // An indicators file given as well wins over the sheet.
    let other = "项目编码,一级指标,二级指标,三级指标\nP003,产出指标,时效指标,按期完工\n";
    let sub = read_submission(&book, Some(&write(&dir, "other.csv", other))).unwrap();
    assert_eq!(sub.indicators.len(), 1);
    assert_eq!(sub.indicators[0].indicator, "按期完工");

    // English sheet names; problems name the sheet and its real rows.
    let book = dir.path().join("en.xlsx");
    let bad = INDICATORS.replace("1001,效益", "9999,效益");
    xlsx(&book, &[("Projects", PROJECTS), ("Indicators", &bad)], 0);
    let err = read_submission(&book, None).unwrap_err();
    let file = format!("{} [Indicators]", s(&book));
    has(
        &err,
        &file,
        Some(3),
        Some("项目编码 (A)"),
        "indicator for unknown project 9999",
    );
    assert_eq!(err.len(), 1);
}

#[test]
fn rejections_are_all_reported_with_file_row_and_column() {
    let dir = TempDir::new().unwrap();
    let projects = "\
项目编码,部门,项目名称,预算类型,申报金额
P001,教育局,A,专项,100

P002,教育局,B,一般公共预算,12a
P001,教育局,C,一般公共预算,5
P005,,D,一般公共预算,5
";
    let indicators =
        "项目编码,一级指标,二级指标,三级指标\nP002,产出指标,数量指标,x\nP999,产出指标,数量指标,y\n";
    let pp = write(&dir, "p.csv", projects);
    let ip = write(&dir, "i.csv", indicators);
    let err = read_submission(&pp, Some(&ip)).unwrap_err();
    let (p, i) = (s(&pp), s(&ip));
    has(
        &err,
        &p,
        Some(2),
        Some("预算类型 (D)"),
        "unknown budget type \"专项\"",
    );
    has(
        &err,
        &p,
        Some(2),
        Some("预算类型 (D)"),
        BudgetType::accepted_names(),
    );
    // Row 3 is blank; numbers stay those a spreadsheet shows.
    has(
        &err,
        &p,
        Some(4),
        Some("申报金额 (E)"),
        "bad amount \"12a\": not a number",
    );
    has(
        &err,
        &p,
        Some(5),
        Some("项目编码 (A)"),
        "duplicate project code P001, first on row 2",
    );
    has(
        &err,
        &p,
        Some(6),
        Some("部门 (B)"),
        "部门 (department) is empty",
    );
    has(
        &err,
        &i,
        Some(3),
        Some("项目编码 (A)"),
        "indicator for unknown project P999",
    );
    assert_eq!(err.len(), 5, "{err:#?}");
    // Display puts it together.
    let shown = err[0].to_string();
    assert!(
        shown.starts_with(&format!("{p}: row 2, column 预算类型 (D): ")),
        "{shown}"
    );
}

#[test]
fn header_problems() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "m.csv",
        "项目编码,部门,项目名称,预算类型\nP1,教育局,甲,一般公共预算\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(1),
        None,
        "missing column 申报金额 (requested); the header row has: 项目编码, 部门, 项目名称, 预算类型",
    );
    assert!(err[0].message.contains("申报数"));
    assert_eq!(err.len(), 1);

    let p = write(
        &dir,
        "u.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（美元）\nP1,教育局,甲,一般公共预算,5\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(1),
        Some("申报金额（美元） (E)"),
        "unknown unit \"美元\"",
    );
    assert!(err[0].message.contains("万元 or 元"));

    // Two missing columns and a doubled one, all at once.
    let p = write(&dir, "d.csv", "项目编码,部门,部门,名字\n");
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(1),
        Some("部门 (C)"),
        "two columns are 部门 (department)",
    );
    has(
        &err,
        &s(&p),
        Some(1),
        None,
        "missing column 项目名称 (name)",
    );
    has(
        &err,
        &s(&p),
        Some(1),
        None,
        "missing column 预算类型 (budget_type)",
    );

    // 部门 beats 单位; unknown columns are ignored; leading blank lines skipped.
    let p = write(
        &dir,
        "a.csv",
        "\n,,\n序号,项目编码,部门,单位,项目,项目名称,预算类型,申报金额,备注\n1,P1,教育局,一中,x,甲,一般公共预算,5,zz\n",
    );
    let sub = read_submission(&p, None).unwrap();
    assert_eq!(sub.projects[0].department, "教育局");
    assert_eq!(sub.projects[0].name, "甲");
    assert_eq!(sub.projects[0].source_row, 4);

    // In an indicators file 单位 is the unit of measure.
    let p = write(
        &dir,
        "ok.csv",
        "项目编码,部门,项目名称,预算类型,申报金额\nP1,教育局,甲,一般公共预算,5\n",
    );
    let i = write(
        &dir,
        "iu.csv",
        "项目编码,一级指标,二级指标,指标名称,指标值,单位\nP1,产出指标,数量指标,面积,3000,平方米\n",
    );
    let sub = read_submission(&p, Some(&i)).unwrap();
    assert_eq!(sub.indicators[0].unit, "平方米");
    assert_eq!(sub.indicators[0].indicator, "面积");

    // A header and nothing else is not a submission.
    let p = write(&dir, "h.csv", "项目编码,部门,项目名称,预算类型,申报金额\n");
    let err = read_submission(&p, None).unwrap_err();
    has(&err, &s(&p), Some(1), None, "no projects");
    let p = write(&dir, "e.csv", "");
    let err = read_submission(&p, None).unwrap_err();
    has(&err, &s(&p), None, None, "the file is empty");
}

#[test]
fn unsafe_and_oversized_cells_are_refused() {
    let dir = TempDir::new().unwrap();
    let long_code = "X".repeat(65);
    let huge = "名".repeat(10 * 1024 * 1024 / 3);
    let text = format!(
        "项目编码,部门,项目名称,预算类型,申报金额\n\
         P\u{0}1,教育局,甲,一般公共预算,5\n\
         P2,教育局,\u{1b}[31m红,一般公共预算,5\n\
         {long_code},教育局,甲,一般公共预算,5\n\
         P4,教育局,{huge},一般公共预算,5\n\
         P5,教育局,\"两行\n名称\",一般公共预算,5\n"
    );
    let p = write(&dir, "c.csv", &text);
    let err = read_submission(&p, None).unwrap_err();
    let f = s(&p);
    has(
        &err,
        &f,
        Some(2),
        Some("项目编码 (A)"),
        "contains control characters",
    );
    has(
        &err,
        &f,
        Some(3),
        Some("项目名称 (C)"),
        "contains control characters",
    );
    has(
        &err,
        &f,
        Some(4),
        Some("项目编码 (A)"),
        "too long: 65 characters, at most 64",
    );
    has(&err, &f, Some(5), Some("项目名称 (C)"), "too long");
    assert_eq!(err.len(), 4, "{err:#?}");
    for p in &err {
        assert!(p.to_string().len() < 400);
        assert!(!p.to_string().chars().any(|c| c.is_control()), "{p}");
    }

    // An error value in a workbook cell.
    let book = dir.path().join("err.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["项目编码", "部门", "项目名称", "预算类型", "申报金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["P1", "教育局", "甲", "一般公共预算"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).unwrap();
    }
    ws.write_formula(1, 4, Formula::new("=1/0").set_result("#DIV/0!"))
        .unwrap();
    wb.save(&book).unwrap();
    let err = read_submission(&book, None).unwrap_err();
    has(&err, &s(&book), Some(2), Some("申报金额 (E)"), "#DIV/0!");
}

const BATCH: &str = "\
项目编码,审核结果,审减金额（万元）,审核意见,调整指标
P001,通过,,,
P002,审减,20,压减经费,
P003,取消项目立项,,不符合立项条件,
P004,调整,,目标未量化,\"1，３、5 5\"
P005,待审,,,
P002,cut,7.5,,
";

#[test]
fn batch_reads_words_amounts_and_indicators() {
    let dir = TempDir::new().unwrap();
    let rows = read_batch(&write(&dir, "b.csv", BATCH)).unwrap();
    let words: Vec<CommandWord> = rows.iter().map(|r| r.word).collect();
    use CommandWord::*;
    assert_eq!(words, [Approve, Cut, Cancel, Adjust, Reset, Cut]);
    assert_eq!(rows[1].amount, Some(CutInput::By(wan("20"))));
    assert_eq!(rows[1].comment.as_deref(), Some("压减经费"));
    assert_eq!(rows[0].amount, None);
    assert_eq!(rows[0].comment, None);
    assert_eq!(rows[3].indicators, [1, 3, 5]);
    assert_eq!(rows[3].source_row, 5);
    assert_eq!(rows[5].project_code, "P002");
    assert_eq!(rows[5].amount, Some(CutInput::By(wan("7.5"))));
    assert_eq!(batch_from_csv_text("b.csv", BATCH).unwrap(), rows);

    let approved = "项目编码,审核决定,审定金额（元）\nP1,审减,800000\n";
    let rows = read_batch(&write(&dir, "a.csv", approved)).unwrap();
    assert_eq!(rows[0].amount, Some(CutInput::Approved(wan("80"))));

    let input = "project_id,decision,amount,reason\nP1,cut,80,a\nP2,cut,-20,b\nP3,cut,-15%,c\n";
    let rows = read_batch(&write(&dir, "i.csv", input)).unwrap();
    assert_eq!(rows[0].amount, Some(CutInput::Approved(wan("80"))));
    assert_eq!(rows[1].amount, Some(CutInput::By(wan("20"))));
    assert_eq!(
        rows[2].amount,
        Some(CutInput::Percent(rust_decimal::Decimal::from(15)))
    );

    // The same in a workbook, amounts as numbers.
    let book = dir.path().join("b.xlsx");
    xlsx(&book, &[("Sheet1", BATCH)], 0);
    assert_eq!(
        read_batch(&book).unwrap(),
        read_batch(&write(&dir, "b2.csv", BATCH)).unwrap()
    );

    // A header and no rows is an empty batch.
    assert_eq!(
        read_batch(&write(&dir, "e.csv", "项目编码,决定\n")).unwrap(),
        vec![]
    );
}

#[test]
fn batch_rejections() {
    let dir = TempDir::new().unwrap();
    let text = "\
项目编码,结论,金额,意见,指标
P1,审减,,,
P2,通过,80,,
P3,调整,,,1
P4,批准,,,
P5,调整,,缺指标,1 x
P6,通过,,,2
P7,审减,abc,,
";
    let p = write(&dir, "b.csv", text);
    let err = read_batch(&p).unwrap_err();
    let f = s(&p);
    has(&err, &f, Some(2), Some("金额 (C)"), "a cut needs an amount");
    has(
        &err,
        &f,
        Some(3),
        Some("金额 (C)"),
        "an amount only goes with cut",
    );
    has(
        &err,
        &f,
        Some(4),
        Some("意见 (D)"),
        "adjust needs a comment",
    );
    has(
        &err,
        &f,
        Some(5),
        Some("结论 (B)"),
        "unknown decision \"批准\"",
    );
    has(&err, &f, Some(5), Some("结论 (B)"), CommandWord::accepted());
    has(
        &err,
        &f,
        Some(6),
        Some("指标 (E)"),
        "\"x\" is not an indicator number",
    );
    has(
        &err,
        &f,
        Some(7),
        Some("指标 (E)"),
        "indicator numbers only go with adjust",
    );
    has(&err, &f, Some(8), Some("金额 (C)"), "bad amount \"abc\"");
    assert_eq!(err.len(), 7, "{err:#?}");

    let p = write(&dir, "n.csv", "项目编码,结论\nP1,审减\n");
    let err = read_batch(&p).unwrap_err();
    has(&err, &s(&p), Some(2), Some("结论 (B)"), "no amount column");

    let p = write(&dir, "two.csv", "项目编码,结论,审减金额,金额\n");
    let err = read_batch(&p).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(1),
        Some("审减金额 (C)"),
        "two amount columns",
    );
    let p = write(&dir, "two.csv", "项目编码,结论,金额,审定金额\n");
    let err = read_batch(&p).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(1),
        Some("审定金额 (D)"),
        "two amount columns",
    );
}

/// 审定 and 审减 together are an exported results table: both amounts go
/// with the row to be checked against the project, 待审 rows are left out,
/// and 调整绩效目标 是 adds the adjustment.
#[test]
fn an_exported_results_table_is_a_batch() {
    let dir = TempDir::new().unwrap();
    let text = "项目编码,申报金额（万元）,审定金额（万元）,审减金额（万元）,审核结果,调整绩效目标,需调整指标,调整理由\n\
                P1,100.00,80.00,20.00,审减,是,全部,目标偏高\n\
                P2,50.00,50.00,0.00,通过,,,\n\
                P3,30.00,,,待审,,,\n\
                P4,10.00,0.00,10.00,取消,,,\n\
                P5,10.00,10.00,0.00,通过,是,1、3,缺少时效指标\n";
    let b = read_batch_file(
        &write(&dir, "x.csv", text),
        crate::domain::Stage::TargetReview,
    )
    .unwrap();
    assert_eq!(b.skipped_pending, 1);
    let got: Vec<(&str, CommandWord)> = b
        .rows
        .iter()
        .map(|r| (r.project_code.as_str(), r.word))
        .collect();
    use CommandWord::*;
    assert_eq!(
        got,
        [
            ("P1", Cut),
            ("P1", Adjust),
            ("P2", Approve),
            ("P4", Cancel),
            ("P5", Approve),
            ("P5", Adjust)
        ]
    );
    assert_eq!(b.rows[0].amount, Some(CutInput::Approved(wan("80"))));
    let split = b.rows[0].split.as_ref().unwrap();
    assert_eq!((split.approved, split.cut), (wan("80"), wan("20")));
    assert!(split.columns.contains("(C)") && split.columns.contains("(D)"));
    assert_eq!(b.rows[1].comment.as_deref(), Some("目标偏高"));
    assert!(b.rows[1].indicators.is_empty(), "全部");
    assert_eq!(b.rows[5].indicators, [1, 3]);
    assert_eq!(b.rows[2].split.as_ref().unwrap().cut, Money::ZERO);

    let bad = "项目编码,审定金额,审减金额,审核结果,调整绩效目标,调整理由\n\
               P1,80,,审减,,\n\
               P2,,,待审x,,\n\
               P3,1,,待审,,\n\
               P4,,,通过,是,\n";
    let p = write(&dir, "bad.csv", bad);
    let err = read_batch_file(&p, crate::domain::Stage::TargetReview).unwrap_err();
    has(&err, &s(&p), Some(2), Some("审减金额 (C)"), "write both");
    has(
        &err,
        &s(&p),
        Some(3),
        Some("审核结果 (D)"),
        "unknown decision",
    );
    has(
        &err,
        &s(&p),
        Some(4),
        Some("审定金额 (B)"),
        "待审 row has no amounts",
    );
    has(
        &err,
        &s(&p),
        Some(5),
        Some("调整理由 (F)"),
        "needs its reason",
    );

    // At a later stage the table is refused, saying what to write instead.
    let p = write(&dir, "later.csv", text);
    let err = read_batch_file(&p, crate::domain::Stage::Monitoring).unwrap_err();
    has(&err, &s(&p), Some(1), None, "调整类型");
}

/// A small deterministic generator, for garbage.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 24) as u8
        })
        .collect()
}

#[test]
fn garbage_is_refused_without_panic() {
    let dir = TempDir::new().unwrap();
    for (i, ext) in ["csv", "xlsx", "xls", "ods", "bin", "txt"]
        .iter()
        .enumerate()
    {
        let p = write(
            &dir,
            &format!("r.{ext}"),
            noise(4096, 0x9E37_79B9_7F4A_7C15 + i as u64),
        );
        let err = read_submission(&p, Some(&p)).unwrap_err();
        assert!(!err.is_empty());
        assert!(read_batch(&p).is_err());
    }

    // The first 100 bytes of a real workbook.
    let book = dir.path().join("full.xlsx");
    xlsx(&book, &[("Sheet1", PROJECTS)], 0);
    let bytes = std::fs::read(&book).unwrap();
    for name in ["t.xlsx", "t.dat"] {
        let t = write(&dir, name, &bytes[..100]);
        let err = read_submission(&t, None).unwrap_err();
        has(&err, &s(&t), None, None, "cannot read the workbook");
        assert!(read_batch(&t).is_err());
    }

    // 65,536 columns in the header.
    let mut wide: String = (0..65_536).map(|i| format!("c{i},")).collect();
    wide.push_str("\n1,2,3\n");
    let p = write(&dir, "wide.csv", &wide);
    let err = read_submission(&p, None).unwrap_err();
    assert_eq!(err.len(), 5);
    assert!(err.iter().all(|p| p.message.len() < 2000));
    assert!(
        err[0].message.contains("65536 columns"),
        "{}",
        err[0].message
    );
    assert!(read_batch(&p).is_err());

    // NUL bytes, alone and in a file.
    let p = write(&dir, "nul.csv", vec![0u8; 1000]);
    assert!(read_submission(&p, None).is_err());
    assert!(read_batch(&p).is_err());
    let p = write(&dir, "nul2.csv", PROJECTS.replace("道路养护", "道路\0养护"));
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(4),
        Some("项目名称 (C)"),
        "contains control characters",
    );

    // An unclosed quote, a missing file, a broken UTF-16 file.
    let p = write(&dir, "q.csv", "项目编码,部门\n\"P1,教育局\n");
    let err = read_submission(&p, None).unwrap_err();
    has(&err, &s(&p), Some(2), None, "never closed");
    let missing = dir.path().join("nope.csv");
    let err = read_submission(&missing, None).unwrap_err();
    has(&err, &s(&missing), None, None, "cannot open the file");
    let p = write(&dir, "odd.txt", [0xFF, 0xFE, 0x41]);
    assert!(read_submission(&p, None).is_err());

    // Bytes that are neither UTF-8 nor GB18030.
    let p = write(&dir, "bad.csv", [b'a', 0x80, b'b', 0xFF]);
    let err = read_submission(&p, None).unwrap_err();
    has(&err, &s(&p), None, None, "not UTF-8 or GB18030/GBK text");
}

#[test]
fn problems_are_capped() {
    let dir = TempDir::new().unwrap();
    let mut text = String::from("项目编码,部门,项目名称,预算类型,申报金额\n");
    for i in 0..3000 {
        text.push_str(&format!("P{i},教育局,甲,专项,5\n"));
    }
    let p = write(&dir, "many.csv", &text);
    let err = read_submission(&p, None).unwrap_err();
    assert_eq!(err.len(), MAX_PROBLEMS + 1);
    assert!(err.last().unwrap().message.contains("2000 more problems"));
}

/// Cells borrow from the text; only a cell with a `""` or text after its
/// closing quote is copied, and every cell reads as before.
#[test]
fn delimited_cells_borrow_unless_unescaped() {
    use std::borrow::Cow;
    let text = "a,\"b, c\",\"d\"\"e\",\"f\"g,\"\"\nh,\"i\njk\"\"\",\"x\" ,\"un";
    let (rows, problems) = table::parse_delimited(text, "t");
    assert_eq!(problems.len(), 1, "the last quote is never closed");
    let cells: Vec<(usize, String, bool)> = rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|(c, cell)| match cell {
            Cell::Text(t) => (*c, t.to_string(), matches!(t, Cow::Borrowed(_))),
            other => panic!("{other:?}"),
        })
        .collect();
    let want = [
        (0, "a", true),
        (1, "b, c", true),
        (2, "d\"e", false),
        (3, "fg", false),
        (0, "h", true),
        (1, "i\njk\"", false),
        (2, "x", false),
        (3, "un", true),
    ];
    let want: Vec<(usize, String, bool)> = want
        .iter()
        .map(|(c, t, b)| (*c, t.to_string(), *b))
        .collect();
    assert_eq!(cells, want);
}

#[test]
fn delimited_text_keeps_spreadsheet_rows() {
    let (rows, problems) = table::parse_delimited("a;b\r\n\r\n\"x\"\"y\";\"1\n2\"\n;\n  z  ", "t");
    assert!(problems.is_empty());
    let got: Vec<(usize, Vec<(usize, Cell)>)> =
        rows.into_iter().map(|r| (r.number, r.cells)).collect();
    let t = |s: &'static str| Cell::Text(s.into());
    assert_eq!(
        got,
        vec![
            (1, vec![(0, t("a")), (1, t("b"))]),
            (3, vec![(0, t("x\"y")), (1, t("1\n2"))]),
            (5, vec![(0, t("z"))]),
        ]
    );
    assert_eq!(columns::column_letter(0), "A");
    assert_eq!(columns::column_letter(25), "Z");
    assert_eq!(columns::column_letter(26), "AA");
    assert_eq!(columns::column_letter(16_383), "XFD");
    assert_eq!(
        columns::split_header(" 申报金额（万元） "),
        ("申报金额".to_string(), Some("万元".to_string()))
    );
    assert_eq!(
        columns::split_header("Requested (Yuan)"),
        ("requested".to_string(), Some("yuan".to_string()))
    );
}

#[test]
fn a_cut_of_more_than_the_whole_request_is_refused_in_the_file() {
    let dir = TempDir::new().unwrap();
    let text = "\
项目编码,审核结果,金额（万元）
P1,审减,-100%
P2,审减,-100.01%
P3,审减,-99999999999999999999999999%
P4,审减,-12.5%
";
    let p = write(&dir, "b.csv", text);
    let err = read_batch(&p).unwrap_err();
    let f = s(&p);
    let col = Some("金额（万元） (C)");
    has(&err, &f, Some(3), col, "more than 100%");
    has(&err, &f, Some(4), col, "more than 100%");
    assert_eq!(err.len(), 2, "{err:#?}");
    // 100% itself reaches the decision rule, which calls it a cancellation.
    let rows = batch_from_csv_text("b.csv", "项目编码,审核结果,金额\nP1,审减,-100%\n").unwrap();
    assert_eq!(
        rows[0].amount,
        Some(CutInput::Percent(Decimal::ONE_HUNDRED))
    );
}

#[test]
fn a_utf8_header_over_gbk_rows_is_named_not_garbled() {
    let dir = TempDir::new().unwrap();
    let (header, body) = PROJECTS.split_once('\n').unwrap();
    let (gbk, _, _) = encoding_rs::GBK.encode(body);
    let mut bytes = format!("{header}\n").into_bytes();
    bytes.extend_from_slice(&gbk);
    let p = write(&dir, "mixed.csv", &bytes);
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(2),
        None,
        "mixes encodings: row 1 is UTF-8",
    );
    assert_eq!(err.len(), 1, "{err:#?}");
    // GBK rows under a UTF-8 row, with CRLF line ends, the other way round.
    let mut bytes = gbk.to_vec();
    bytes.extend_from_slice("\r\nP9,教育局,校舍维修,一般公共预算,1\r\n".as_bytes());
    let p = write(&dir, "mixed2.csv", &bytes);
    let err = read_submission(&p, None).unwrap_err();
    has(&err, &s(&p), Some(1), None, "row 5 is UTF-8");
    // A whole GBK file (ASCII header, or a Chinese one) still reads.
    let (all, _, _) = encoding_rs::GBK.encode(PROJECTS);
    let p = write(&dir, "gbk.csv", &all);
    assert_eq!(read_submission(&p, None).unwrap().projects.len(), 3);
    let english = PROJECTS.replacen(
        header,
        "project_id,department,project,budget_type,requested,section",
        1,
    );
    let (all, _, _) = encoding_rs::GBK.encode(&english);
    let p = write(&dir, "gbk-en.csv", &all);
    assert_eq!(read_submission(&p, None).unwrap().projects.len(), 3);
}

/// The indicators file is read on a thread of its own; the problems still
/// come in the order of reading one file after the other (the projects
/// file's text, the indicators file's text, the projects, the indicators),
/// capped the same way, from a file on disk and from text alike.
#[test]
fn problems_of_both_files_come_in_reading_order() {
    let dir = TempDir::new().unwrap();
    let mut projects = String::from("项目编码,部门,项目名称,预算类型,申报金额\n");
    for i in 0..600 {
        projects.push_str(&format!("P{i},教育局,甲,专项,5\n"));
    }
    projects.push_str("Q,教育局,\"乙");
    let mut indicators = String::from("项目编码,一级指标,二级指标,三级指标,指标值,计量单位\n");
    for i in 0..600 {
        indicators.push_str(&format!("X{i},产出,数量,人次,10,人\n"));
    }
    indicators.push_str("Y,产出,\"数量");
    let pp = write(&dir, "p.csv", &projects);
    let ip = write(&dir, "i.csv", &indicators);
    // From files, a file whose text cannot be split stops there.
    let from_files = read_submission(&pp, Some(&ip)).unwrap_err();
    let files: Vec<(String, Option<usize>)> =
        from_files.iter().map(|p| (p.file.clone(), p.row)).collect();
    assert_eq!(files, [(s(&pp), Some(602)), (s(&ip), Some(602))]);
    let err =
        submission_from_csv_text("p.csv", &projects, Some(("i.csv", &indicators))).unwrap_err();
    assert_eq!(err.len(), MAX_PROBLEMS + 1);
    let never_closed = |p: &Problem| p.message.contains("never closed");
    assert!(
        err[0].file == "p.csv" && never_closed(&err[0]),
        "{:?}",
        err[0]
    );
    assert!(
        err[1].file == "i.csv" && never_closed(&err[1]),
        "{:?}",
        err[1]
    );
    // Then every project row in order, then the indicators' rows.
    let rows: Vec<(&str, usize)> = err[2..MAX_PROBLEMS]
        .iter()
        .map(|p| (p.file.as_str(), p.row.unwrap()))
        .collect();
    let mut sorted = rows.clone();
    sorted.sort_by_key(|&(f, r)| (f != "p.csv", r));
    assert_eq!(rows, sorted);
    assert!(rows.iter().any(|&(f, _)| f == "p.csv"));
    assert!(rows.iter().any(|&(f, _)| f == "i.csv"));
    assert!(err.last().unwrap().message.contains("more problems"));
    // Files that split cleanly: the same problems as the same text.
    let cut = |t: &str| t[..t.rfind('\n').unwrap() + 1].to_string();
    let (projects, indicators) = (cut(&projects), cut(&indicators));
    let pp = write(&dir, "p.csv", &projects);
    let ip = write(&dir, "i.csv", &indicators);
    let from_files = read_submission(&pp, Some(&ip)).unwrap_err();
    let from_text =
        submission_from_csv_text(&s(&pp), &projects, Some((&s(&ip), &indicators))).unwrap_err();
    assert_eq!(from_files, from_text);
    assert_eq!(from_files.len(), MAX_PROBLEMS + 1);
    let first_indicator = from_files.iter().position(|p| p.file == s(&ip)).unwrap();
    assert!(first_indicator >= 600, "{first_indicator}");
    assert!(
        from_files[..first_indicator]
            .iter()
            .all(|p| p.file == s(&pp))
    );
    assert!(
        from_files[first_indicator..MAX_PROBLEMS]
            .iter()
            .all(|p| p.file == s(&ip))
    );
}

/// Many indicator rows are checked in two halves on two threads: the same
/// indicators and the same problems, in the same order and capped the same
/// way, as one pass over every row.
#[test]
fn indicators_checked_in_halves_equal_one_pass() {
    let rows_of = |bad_every: usize| {
        let mut text = String::from("项目编码,一级指标,二级指标,三级指标,指标值,计量单位\n");
        for i in 0..PARALLEL_ROWS + 1001 {
            let code = if i % bad_every == 7 { "NOPE" } else { "P1" };
            let level1 = if i % (bad_every * 3) == 11 {
                ""
            } else {
                "产出"
            };
            text.push_str(&format!("{code},{level1},数量,人次{i},10,人\n"));
        }
        text
    };
    let known: HashSet<&str> = ["P1"].into_iter().collect();
    // Over the cap, and a few problems in each half.
    for bad_every in [20, 9000] {
        let text = rows_of(bad_every);
        let (rows, ps) = table::parse_delimited(&text, "i.csv");
        assert!(ps.is_empty());
        let mut halves = Problems::default();
        let out = read_indicators(&rows, "i.csv", Some(&known), &mut halves);
        let mut one = Problems::default();
        let (header, body, unit) =
            header_and_rows(&rows, "i.csv", INDICATOR_SPECS, &mut one).unwrap();
        let cols = map_header(header, INDICATOR_SPECS, "i.csv", unit, &mut one).unwrap();
        let want = read_indicator_rows(body, &cols, "i.csv", Some(&known), &mut one);
        assert_eq!(out, want);
        let (halves, one) = (halves.result(()), one.result(()));
        assert_eq!(halves, one);
        let n = one.unwrap_err().len();
        assert!(
            n == MAX_PROBLEMS + 1 || (3..10).contains(&n),
            "bad_every {bad_every}: {n}"
        );
    }
}

// ---------------------------------------------------------------------------
// Spreadsheets as departments make them

#[test]
fn a_wrapped_header_is_named_on_one_line() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "w.csv",
        "项目编码,部门,项目名称,预算类型,\"申报金额\n（万元）\",\"Remark\r\nnote\"\n\
         P1,教育局,甲,一般公共预算,12a,\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(2),
        Some("申报金额（万元） (E)"),
        "bad amount \"12a\"",
    );
    let p = write(
        &dir,
        "m.csv",
        "项目编码,\"部门\n名称\",\"Remark\r\n  note\"\nP1,教育局,x\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(1),
        None,
        "the header row has: 项目编码, 部门名称, Remark note;",
    );
    assert_eq!(columns::one_line("a \n\n b"), "a b");
    assert_eq!(columns::one_line("金额\n"), "金额");
    assert_eq!(columns::one_line("金额  万元"), "金额  万元");
}

/// A sheet of text lines, for cover sheets.
fn lines_sheet(wb: &mut Workbook, name: &str, lines: &[&str], hidden: bool) {
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, l) in lines.iter().enumerate() {
        ws.write_string(r as u32, 0, *l).unwrap();
    }
    ws.set_hidden(hidden);
}

/// A sheet of delimited rows, numeric-looking cells as numbers.
fn csv_sheet(wb: &mut Workbook, name: &str, text: &str) {
    let ws = wb.add_worksheet();
    ws.set_name(name).unwrap();
    for (r, row) in csv_rows(text).iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(f) => ws.write_number(r as u32, c as u16, f).unwrap(),
                Err(_) => ws.write_string(r as u32, c as u16, cell).unwrap(),
            };
        }
    }
}

#[test]
fn the_sheet_with_the_table_is_found_past_covers_and_hidden_sheets() {
    let dir = TempDir::new().unwrap();
    // A cover sheet first, the projects on a sheet not named 项目, the
    // indicators on a sheet not named 绩效指标.
    let book = dir.path().join("cover.xlsx");
    let mut wb = Workbook::new();
    lines_sheet(
        &mut wb,
        "填报说明",
        &["填报说明：", "1. 金额单位为万元。"],
        false,
    );
    csv_sheet(&mut wb, "项目申报表", PROJECTS);
    csv_sheet(&mut wb, "绩效目标", INDICATORS);
    wb.save(&book).unwrap();
    let sub = read_submission(&book, None).unwrap();
    assert_eq!(sub.projects.len(), 3);
    assert_eq!(sub.indicators.len(), 3);
    assert_eq!(sub.indicators_file.as_deref(), Some(s(&book).as_str()));
    // Problems name the sheet read.
    let book = dir.path().join("cover-bad.xlsx");
    let mut wb = Workbook::new();
    lines_sheet(&mut wb, "说明", &["说明"], false);
    csv_sheet(&mut wb, "Sheet2", &PROJECTS.replace("1234.5", "12a"));
    wb.save(&book).unwrap();
    let err = read_submission(&book, None).unwrap_err();
    has(
        &err,
        &format!("{} [Sheet2]", s(&book)),
        Some(2),
        Some("申报金额（万元） (E)"),
        "bad amount \"12a\"",
    );

    // A hidden sheet of dropdown choices comes first.
    let book = dir.path().join("hidden.xlsx");
    let mut wb = Workbook::new();
    lines_sheet(
        &mut wb,
        "字典",
        &["预算类型", "一般公共预算", "政府性基金预算"],
        true,
    );
    csv_sheet(&mut wb, "Sheet1", PROJECTS);
    wb.worksheets_mut()[1].set_active(true);
    wb.save(&book).unwrap();
    assert_eq!(read_submission(&book, None).unwrap().projects.len(), 3);
    // Even a hidden sheet with the header is not read in place of the
    // visible one.
    let book = dir.path().join("hidden-old.xlsx");
    let mut wb = Workbook::new();
    csv_sheet(&mut wb, "旧版", &PROJECTS.replace("P003", "OLD"));
    wb.worksheets_mut()[0].set_hidden(true);
    csv_sheet(&mut wb, "新版", PROJECTS);
    // Excel keeps the active sheet visible: the visible one is active.
    wb.worksheets_mut()[1].set_active(true);
    wb.save(&book).unwrap();
    let sub = read_submission(&book, None).unwrap();
    assert_eq!(sub.projects[2].code, "P003");

    // Two visible sheets of projects: reading one would leave the other out.
    let book = dir.path().join("two.xlsx");
    let mut wb = Workbook::new();
    csv_sheet(&mut wb, "教育局", PROJECTS);
    csv_sheet(&mut wb, "卫健委", &PROJECTS.replace('P', "Q"));
    wb.save(&book).unwrap();
    let err = read_submission(&book, None).unwrap_err();
    has(
        &err,
        &s(&book),
        None,
        None,
        "the sheets 教育局, 卫健委 all hold a table of projects; one is read: name it 项目",
    );
    assert!(
        err[0]
            .message_zh
            .contains("工作表 教育局、卫健委 都是项目表")
    );

    // Nothing but a cover: its first rows are what is reported.
    let book = dir.path().join("none.xlsx");
    let mut wb = Workbook::new();
    lines_sheet(&mut wb, "说明", &["说明"], false);
    lines_sheet(&mut wb, "空", &[], false);
    wb.save(&book).unwrap();
    let err = read_submission(&book, None).unwrap_err();
    has(
        &err,
        &format!("{} [说明]", s(&book)),
        Some(1),
        None,
        "missing column 项目编码",
    );

    // A batch on the second sheet, after a cover.
    let book = dir.path().join("batch.xlsx");
    let mut wb = Workbook::new();
    lines_sheet(&mut wb, "说明", &["初审意见汇总"], false);
    csv_sheet(&mut wb, "初审", "项目编码,审核结果,金额\nP1,审减,-20\n");
    wb.save(&book).unwrap();
    assert_eq!(read_batch(&book).unwrap()[0].project_code, "P1");
}

#[test]
fn dates_logicals_long_numeric_codes_and_hidden_decimals_are_named() {
    let dir = TempDir::new().unwrap();
    let book = dir.path().join("cells.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["项目编码", "部门", "项目名称", "预算类型", "申报金额（元）"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for r in 1..=5u32 {
        ws.write_string(r, 1, "市交通局").unwrap();
        ws.write_string(r, 2, format!("项目{r}")).unwrap();
        ws.write_string(r, 3, "一般公共预算").unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0.00");
    // A code Excel stored as a number reads as its digits.
    ws.write_number(1, 0, 202100010001.0).unwrap();
    ws.write_datetime_with_format(
        1,
        4,
        rust_xlsxwriter::ExcelDateTime::from_ymd(2022, 1, 5).unwrap(),
        &date,
    )
    .unwrap();
    ws.write_string(2, 0, "E2").unwrap();
    ws.write_boolean(2, 4, true).unwrap();
    // Shown as 33,333.33, holding 33333.333…
    ws.write_string(3, 0, "E3").unwrap();
    ws.write_formula_with_format(
        3,
        4,
        Formula::new("=100000/3").set_result("33333.333333333336"),
        &money,
    )
    .unwrap();
    // Sixteen digits as a number: Excel keeps fifteen, so the last may be lost.
    ws.write_number(4, 0, 2021000100010001.0).unwrap();
    ws.write_number(4, 4, 100.0).unwrap();
    ws.write_string(5, 0, "E5").unwrap();
    ws.write_number(5, 4, 100.0).unwrap();
    // A code typed as 1-2 that Excel took for a date.
    ws.write_datetime_with_format(
        6,
        0,
        rust_xlsxwriter::ExcelDateTime::from_ymd(2022, 1, 2).unwrap(),
        &date,
    )
    .unwrap();
    for (c, v) in ["市交通局", "项目6", "一般公共预算"].iter().enumerate() {
        ws.write_string(6, c as u16 + 1, *v).unwrap();
    }
    ws.write_number(6, 4, 100.0).unwrap();
    wb.save(&book).unwrap();
    let err = read_submission(&book, None).unwrap_err();
    let f = s(&book);
    let col = Some("申报金额（元） (E)");
    has(
        &err,
        &f,
        Some(2),
        col,
        "the cell holds a date (2022-01-05), not an amount",
    );
    has(
        &err,
        &f,
        Some(3),
        col,
        "the cell holds the logical value TRUE, not an amount",
    );
    has(
        &err,
        &f,
        Some(4),
        col,
        "bad amount \"33333.3333333333\": more precise than a fen (in 元 at most 2 decimals); \
         the cell holds this number though Excel may show it rounded: round it with =ROUND(…, 2)",
    );
    has(
        &err,
        &f,
        Some(5),
        Some("项目编码 (A)"),
        "the code 2021000100010001 is stored as a number, and Excel keeps only 15 digits",
    );
    has(
        &err,
        &f,
        Some(7),
        Some("项目编码 (A)"),
        "the code is a date (2022-01-02): Excel took what was typed for a date",
    );
    assert_eq!(err.len(), 5, "{err:#?}");
    assert!(
        err[0]
            .message_zh
            .contains("单元格是日期（2022-01-05），不是金额")
    );

    // The same in a text file is text: no hint about what Excel shows.
    let p = write(
        &dir,
        "t.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（元）\n2021000100010001,甲,乙,一般公共预算,1.234\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    assert_eq!(err.len(), 1, "{err:#?}");
    assert!(!err[0].message.contains("ROUND"), "{}", err[0].message);

    // A batch amount typed as a date.
    let book = dir.path().join("batch.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["项目编码", "审核结果", "审定金额"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "P1").unwrap();
    ws.write_string(1, 1, "审减").unwrap();
    ws.write_datetime_with_format(
        1,
        2,
        rust_xlsxwriter::ExcelDateTime::from_ymd(2022, 3, 1).unwrap(),
        &date,
    )
    .unwrap();
    wb.save(&book).unwrap();
    let err = read_batch(&book).unwrap_err();
    has(
        &err,
        &s(&book),
        Some(2),
        Some("审定金额 (C)"),
        "the cell holds a date (2022-03-01), not an amount",
    );
}

#[test]
fn merged_cells_down_a_column_read_as_excel_shows_them() {
    let dir = TempDir::new().unwrap();
    let book = dir.path().join("merged.xlsx");
    let plain = Format::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("项目").unwrap();
    for (c, h) in [
        "序号",
        "部门",
        "项目编码",
        "项目名称",
        "预算类型",
        "申报金额（万元）",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    // The department and the budget type merged down over its projects.
    ws.merge_range(1, 1, 3, 1, "市教育局", &plain).unwrap();
    ws.merge_range(1, 4, 3, 4, "一般公共预算", &plain).unwrap();
    for (i, (code, name, amount)) in [("F1", "甲", 1.0), ("F2", "乙", 2.0), ("F3", "丙", 3.0)]
        .into_iter()
        .enumerate()
    {
        let r = i as u32 + 1;
        ws.write_number(r, 0, r as f64).unwrap();
        ws.write_string(r, 2, code).unwrap();
        ws.write_string(r, 3, name).unwrap();
        ws.write_number(r, 5, amount).unwrap();
    }
    ws.write_string(4, 1, "市卫健委").unwrap();
    ws.write_string(4, 2, "F4").unwrap();
    ws.write_string(4, 3, "丁").unwrap();
    ws.write_string(4, 4, "政府性基金预算").unwrap();
    ws.write_number(4, 5, 4.0).unwrap();
    // The indicators: the code merged down over a project's indicators,
    // 一级指标 over its 二级指标.
    let ws = wb.add_worksheet();
    ws.set_name("绩效指标").unwrap();
    for (c, h) in ["项目编码", "一级指标", "二级指标", "三级指标", "指标值"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.merge_range(1, 0, 3, 0, "F1", &plain).unwrap();
    ws.merge_range(1, 1, 2, 1, "产出指标", &plain).unwrap();
    ws.write_string(3, 1, "效益指标").unwrap();
    for (r, (l2, l3)) in [
        ("数量指标", "新建校舍"),
        ("时效指标", "按期完工"),
        ("社会效益", "入学率"),
    ]
    .into_iter()
    .enumerate()
    {
        ws.write_string(r as u32 + 1, 2, l2).unwrap();
        ws.write_string(r as u32 + 1, 3, l3).unwrap();
    }
    wb.save(&book).unwrap();
    let sub = read_submission(&book, None).unwrap();
    let depts: Vec<(&str, BudgetType)> = sub
        .projects
        .iter()
        .map(|p| (p.department.as_str(), p.budget_type))
        .collect();
    assert_eq!(
        depts,
        [
            ("市教育局", BudgetType::General),
            ("市教育局", BudgetType::General),
            ("市教育局", BudgetType::General),
            ("市卫健委", BudgetType::Fund),
        ]
    );
    let inds: Vec<(&str, &str, &str)> = sub
        .indicators
        .iter()
        .map(|i| {
            (
                i.project_code.as_str(),
                i.level1.as_str(),
                i.indicator.as_str(),
            )
        })
        .collect();
    assert_eq!(
        inds,
        [
            ("F1", "产出指标", "新建校舍"),
            ("F1", "产出指标", "按期完工"),
            ("F1", "效益指标", "入学率"),
        ]
    );

    // Ranges overlapping a thousand times over, down to Excel's last row,
    // fill each cell once and no further than the data goes.
    let inline = |r: usize, cells: &[&str]| {
        let mut x = format!("<row r=\"{r}\">");
        for (c, v) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            x += &format!(
                "<c r=\"{}{r}\" t=\"inlineStr\"><is><t>{v}</t></is></c>",
                columns::column_letter(c)
            );
        }
        x + "</row>"
    };
    let rows = [
        inline(1, &["项目编码", "部门", "项目名称", "预算类型", "申报金额"]),
        inline(2, &["M1", "市教育局", "甲", "一般公共预算", "1"]),
        inline(3, &["M2", "", "乙", "一般公共预算", "2"]),
        inline(4, &["M3", "", "丙", "一般公共预算", "3"]),
    ]
    .concat();
    let merges = format!(
        "<mergeCells count=\"1000\">{}</mergeCells>",
        "<mergeCell ref=\"B2:B1048576\"/>".repeat(1000)
    );
    let book = raw_xlsx_with(&dir, "overlap.xlsx", &rows, &merges);
    let sub = read_submission(&book, None).unwrap();
    assert!(sub.projects.iter().all(|p| p.department == "市教育局"));
    assert_eq!(sub.projects.len(), 3);

    // One amount merged over two projects is not counted twice.
    let book = dir.path().join("merged-amount.xlsx");
    let mut wb = Workbook::new();
    csv_sheet(&mut wb, "Sheet1", PROJECTS);
    wb.worksheets_mut()[0]
        .merge_range(1, 4, 2, 4, "1234.5", &plain)
        .unwrap();
    wb.save(&book).unwrap();
    let err = read_submission(&book, None).unwrap_err();
    has(
        &err,
        &s(&book),
        Some(3),
        Some("申报金额（万元） (E)"),
        "the cell is part of the merged cell E2:E3: each project needs its own amount",
    );
    assert_eq!(err.len(), 1, "{err:#?}");
}

/// A two-row header: the first four headers merged down over both rows,
/// 申报金额（万元） merged across `parts` below it; then one project.
fn two_row_header(path: &Path, parts: &[&str], amounts: &[f64]) {
    let plain = Format::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["项目编码", "部门", "项目名称", "预算类型"]
        .iter()
        .enumerate()
    {
        ws.merge_range(0, c as u16, 1, c as u16, h, &plain).unwrap();
    }
    let last = 4 + parts.len() as u16 - 1;
    ws.merge_range(0, 4, 0, last, "申报金额（万元）", &plain)
        .unwrap();
    ws.write_string(0, last + 1, "备注").unwrap();
    for (i, p) in parts.iter().enumerate() {
        ws.write_string(1, 4 + i as u16, *p).unwrap();
    }
    for (c, v) in ["G1", "市水务局", "河道治理", "政府性基金预算"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *v).unwrap();
    }
    for (i, a) in amounts.iter().enumerate() {
        ws.write_number(2, 4 + i as u16, *a).unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn a_two_row_header_reads_the_amount_from_its_total_column() {
    let dir = TempDir::new().unwrap();
    for (parts, amounts) in [
        (
            &["合计", "财政拨款", "其他资金"][..],
            &[30.0, 20.0, 10.0][..],
        ),
        (
            &["财政拨款", "其他资金", "小计"][..],
            &[20.0, 10.0, 30.0][..],
        ),
    ] {
        let book = dir.path().join("two.xlsx");
        two_row_header(&book, parts, amounts);
        let sub = read_submission(&book, None).unwrap();
        assert_eq!(sub.projects.len(), 1);
        assert_eq!(sub.projects[0].requested, wan("30"), "{parts:?}");
        assert_eq!(sub.projects[0].source_row, 3);
    }
    // Parts with no total: which one is the request?
    let book = dir.path().join("parts.xlsx");
    two_row_header(&book, &["财政拨款", "其他资金"], &[20.0, 10.0]);
    let err = read_submission(&book, None).unwrap_err();
    has(
        &err,
        &s(&book),
        Some(2),
        Some("申报金额（万元） (E)"),
        "申报金额（万元） (E) is split into 财政拨款, 其他资金 on this row, with no one 合计",
    );
    assert_eq!(err.len(), 1, "{err:#?}");

    // The same from a CSV, the headers not repeated on the second row.
    let p = write(
        &dir,
        "two.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（元）,,\n\
         ,,,,财政拨款,其他资金,合计\n\
         P1,教育局,甲,一般公共预算,100,50,150\n",
    );
    let sub = read_submission(&p, None).unwrap();
    assert_eq!(sub.projects[0].requested.fen(), 15_000);
    // A bad amount names the total column under its header.
    let p = write(
        &dir,
        "two-bad.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（元）,,\n\
         ,,,,财政拨款,其他资金,合计\n\
         P1,教育局,甲,一般公共预算,100,50,15x\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(3),
        Some("申报金额（元） 合计 (G)"),
        "bad amount \"15x\"",
    );

    // The unit may be on the 合计 below the header, not twice differently.
    let p = write(
        &dir,
        "unit.csv",
        "项目编码,部门,项目名称,预算类型,申报金额,\n\
         ,,,,合计（元）,财政拨款\n\
         P1,教育局,甲,一般公共预算,150,100\n",
    );
    assert_eq!(
        read_submission(&p, None).unwrap().projects[0]
            .requested
            .fen(),
        15_000
    );
    let p = write(
        &dir,
        "units.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（万元）,\n\
         ,,,,合计（元）,财政拨款\n\
         P1,教育局,甲,一般公共预算,150,100\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(2),
        Some("申报金额（万元） 合计（元） (E)"),
        "the header says 万元 and the 合计 under it 元; keep one unit",
    );

    // A project row right under the header, its code and amount missing,
    // is a project row, not a second header.
    let p = write(
        &dir,
        "gap.csv",
        "项目编码,部门,项目名称,预算类型,申报金额\n,教育局,甲,一般公共预算,\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(2),
        Some("项目编码 (A)"),
        "项目编码 (project_id) is empty",
    );
}

#[test]
fn formulas_a_program_never_calculated_are_refused() {
    let dir = TempDir::new().unwrap();
    let header = [
        "项目编码",
        "部门",
        "项目名称",
        "预算类型",
        "申报金额（万元）",
    ];
    let sheet = |wb: &mut Workbook| {
        let ws = wb.add_worksheet();
        for (c, h) in header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..=3u32 {
            for (c, v) in [
                format!("H{r}"),
                "市民政局".into(),
                format!("低保{r}"),
                "社会保险基金预算".into(),
            ]
            .iter()
            .enumerate()
            {
                ws.write_string(r, c as u16, v).unwrap();
            }
        }
        ws.write_string(4, 0, "合计").unwrap();
    };
    // As rust_xlsxwriter and XlsxWriter write formulas: the saved value 0.
    let book = dir.path().join("generated.xlsx");
    let mut wb = Workbook::new();
    sheet(&mut wb);
    let ws = &mut wb.worksheets_mut()[0];
    ws.write_formula(1, 4, "=10+20").unwrap();
    ws.write_number(2, 4, 8.0).unwrap();
    ws.write_number(3, 4, 7.0).unwrap();
    ws.write_formula(4, 4, "=SUM(E2:E4)").unwrap();
    wb.save(&book).unwrap();
    let err = read_submission(&book, None).unwrap_err();
    let col = Some("申报金额（万元） (E)");
    has(
        &err,
        &s(&book),
        Some(2),
        col,
        "the cell is a formula (=10+20) whose saved value is 0; if the file was written by a \
         program, open it in Excel or WPS and save it",
    );
    assert_eq!(err.len(), 1, "{err:#?}");
    // As Apache POI and openpyxl write them: no saved value at all.
    let cell = |r: u32, c: &str, v: &str| {
        format!("<c r=\"{c}{r}\" t=\"inlineStr\"><is><t>{v}</t></is></c>")
    };
    let mut rows = String::new();
    for (r, cells) in [
        [
            "项目编码",
            "部门",
            "项目名称",
            "预算类型",
            "申报金额（万元）",
        ],
        ["H1", "市民政局", "低保", "社会保险基金预算", ""],
        ["H2", "市民政局", "医保", "社会保险基金预算", ""],
    ]
    .iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        rows += &format!("<row r=\"{r}\">");
        for (c, v) in cells.iter().enumerate().filter(|(_, v)| !v.is_empty()) {
            rows += &cell(r, &columns::column_letter(c), v);
        }
        rows += match r {
            2 => "<c r=\"E2\"><f>5*2</f><v></v></c>",
            3 => "<c r=\"E3\"><f>5*3</f></c>",
            _ => "",
        };
        rows += "</row>";
    }
    let book = raw_xlsx(&dir, "poi.xlsx", &rows);
    let err = read_submission(&book, None).unwrap_err();
    for (r, f) in [(2, "=5*2"), (3, "=5*3")] {
        has(
            &err,
            &s(&book),
            Some(r),
            col,
            &format!(
                "the cell is a formula ({f}) with no saved value: the file was written by a program"
            ),
        );
    }
    assert_eq!(err.len(), 2, "{err:#?}");
    assert!(
        err[0]
            .message_zh
            .contains("单元格是公式（=5*2），但没有保存计算结果")
    );

    // The amounts typed, the total a formula saved as 0.
    let book = dir.path().join("total.xlsx");
    let mut wb = Workbook::new();
    sheet(&mut wb);
    let ws = &mut wb.worksheets_mut()[0];
    for r in 1..=3u32 {
        ws.write_number(r, 4, 10.0).unwrap();
    }
    ws.write_formula(4, 4, "=SUM(E2:E4)").unwrap();
    wb.save(&book).unwrap();
    let err = read_submission(&book, None).unwrap_err();
    has(
        &err,
        &s(&book),
        Some(5),
        col,
        "the total line is a formula (=SUM(E2:E4)) whose saved value is 0, but the projects \
         add up to 30.00",
    );

    // Calculated by Excel, the same formulas are their values.
    let book = dir.path().join("excel.xlsx");
    let mut wb = Workbook::new();
    sheet(&mut wb);
    let ws = &mut wb.worksheets_mut()[0];
    ws.write_formula(1, 4, Formula::new("=10+20").set_result("30"))
        .unwrap();
    ws.write_formula(2, 4, Formula::new("=5*2").set_result("10"))
        .unwrap();
    ws.write_number(3, 4, 7.0).unwrap();
    ws.write_formula(4, 4, Formula::new("=SUM(E2:E4)").set_result("47"))
        .unwrap();
    wb.save(&book).unwrap();
    let sub = read_submission(&book, None).unwrap();
    let got: Vec<Money> = sub.projects.iter().map(|p| p.requested).collect();
    assert_eq!(got, [wan("30"), wan("10"), wan("7")]);

    // In a results table a cut of 0 worked out by Excel is a cut of 0.
    let book = dir.path().join("results.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["项目编码", "审核结果", "审定金额", "审减金额"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "P1").unwrap();
    ws.write_string(1, 1, "通过").unwrap();
    ws.write_number(1, 2, 26.0).unwrap();
    ws.write_formula(1, 3, Formula::new("=26-C2").set_result("0"))
        .unwrap();
    wb.save(&book).unwrap();
    let rows = read_batch(&book).unwrap();
    assert_eq!(rows[0].split.as_ref().map(|s| s.cut), Some(Money::ZERO));
}

/// A workbook of one sheet, `Sheet1`, holding `rows` (the XML inside
/// `<sheetData>`), zipped without compression: for what no library writes.
fn raw_xlsx(dir: &TempDir, name: &str, rows: &str) -> PathBuf {
    raw_xlsx_with(dir, name, rows, "")
}

/// The same, with `after` (such as `<mergeCells>`) after the sheet's data.
fn raw_xlsx_with(dir: &TempDir, name: &str, rows: &str, after: &str) -> PathBuf {
    const NS: &str = "http://schemas.openxmlformats.org";
    let files = [
        (
            "[Content_Types].xml",
            format!(
                "<Types xmlns=\"{NS}/package/2006/content-types\">\
                 <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
                 <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
                 <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
                 <Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>\
                 </Types>"
            ),
        ),
        (
            "_rels/.rels",
            format!(
                "<Relationships xmlns=\"{NS}/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{NS}/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
                 </Relationships>"
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                "<workbook xmlns=\"{NS}/spreadsheetml/2006/main\" xmlns:r=\"{NS}/officeDocument/2006/relationships\">\
                 <sheets><sheet name=\"Sheet1\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                "<Relationships xmlns=\"{NS}/package/2006/relationships\">\
                 <Relationship Id=\"rId1\" Type=\"{NS}/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>\
                 </Relationships>"
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                "<worksheet xmlns=\"{NS}/spreadsheetml/2006/main\"><sheetData>{rows}</sheetData>{after}</worksheet>"
            ),
        ),
    ];
    fn crc32(data: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in data {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }
    let mut zip = Vec::new();
    let mut central = Vec::new();
    for (name, text) in &files {
        let (crc, len, offset) = (crc32(text.as_bytes()), text.len() as u32, zip.len() as u32);
        // version 20, no flags, stored, no time: then crc and sizes.
        let common = |out: &mut Vec<u8>| {
            for v in [20u16, 0, 0, 0, 0] {
                out.extend(v.to_le_bytes());
            }
            for v in [crc, len, len] {
                out.extend(v.to_le_bytes());
            }
            out.extend((name.len() as u16).to_le_bytes());
            out.extend(0u16.to_le_bytes());
        };
        zip.extend(0x0403_4b50u32.to_le_bytes());
        common(&mut zip);
        zip.extend(name.as_bytes());
        zip.extend(text.as_bytes());
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes());
        common(&mut central);
        for v in [0u16, 0, 0] {
            central.extend(v.to_le_bytes());
        }
        central.extend(0u32.to_le_bytes());
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
    }
    let at = zip.len() as u32;
    zip.extend(&central);
    zip.extend(0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, files.len() as u16, files.len() as u16] {
        zip.extend(v.to_le_bytes());
    }
    zip.extend((central.len() as u32).to_le_bytes());
    zip.extend(at.to_le_bytes());
    zip.extend(0u16.to_le_bytes());
    write(dir, name, zip)
}

#[test]
fn invisible_characters_at_the_ends_of_a_cell_do_not_make_a_second_department() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "z.csv",
        "项目编码,部门,项目名称,预算类型,申报金额\n\
         Z1,市教育局\u{200b},甲,一般公共预算,1\n\
         Z2,\u{feff}市教育局\u{3000},乙,一般公共预算,2\n\
         Z3\u{200b},\u{200e}市教育局\u{a0},丙,一般公共预算 \u{2060},3\n\
         Z4,市\u{200b}教育局,丁,一般公共预算,4\n",
    );
    let sub = read_submission(&p, None).unwrap();
    let got: Vec<(&str, &str)> = sub
        .projects
        .iter()
        .map(|p| (p.code.as_str(), p.department.as_str()))
        .collect();
    // Inside the text, a character stays: it is not ours to guess.
    assert_eq!(
        got,
        [
            ("Z1", "市教育局"),
            ("Z2", "市教育局"),
            ("Z3", "市教育局"),
            ("Z4", "市\u{200b}教育局"),
        ]
    );
}

#[test]
fn headings_subtotals_notes_and_signatures_around_the_projects() {
    let dir = TempDir::new().unwrap();
    // The total on top, a heading and a 小计 per department, a note and
    // the form's signature line at the foot, a numbered empty line.
    let text = "\
2022年部门预算项目汇总表,,,,,,
序号,项目编码,部门,项目名称,预算类型,申报金额,备注
合计,,,,,60,
一、市教育局,,,,,,
1,P1,市教育局,甲,一般公共预算,10,
2,P2,市教育局,乙,一般公共预算,20,
,,市教育局,小计,,30,
二、市卫健委,,,,,,
3,P3,市卫健委,丙,政府性基金预算,30,
,,,小计,,30,
4,,,,,,
注：本表由各部门填报，金额单位为万元。,,,,,,
填表人：张三,,审核人：李四,,填报日期：2022年1月5日,,
";
    let sub = read_submission(&write(&dir, "g.csv", text), None).unwrap();
    let got: Vec<(&str, Money)> = sub
        .projects
        .iter()
        .map(|p| (p.code.as_str(), p.requested))
        .collect();
    assert_eq!(
        got,
        [("P1", wan("10")), ("P2", wan("20")), ("P3", wan("30"))]
    );

    // A 小计 standing over its group adds up the projects below it.
    let over = "项目编码,部门,项目名称,预算类型,申报金额\n\
                ,市教育局,小计,,30\nP1,市教育局,甲,一般公共预算,10\nP2,市教育局,乙,一般公共预算,20\n\
                ,市卫健委,小计,,5\nP3,市卫健委,丙,一般公共预算,5\n";
    assert_eq!(
        read_submission(&write(&dir, "o.csv", over), None)
            .unwrap()
            .projects
            .len(),
        3
    );

    // A subtotal that is no group's sum is refused, with the sums it could be.
    let p = write(
        &dir,
        "bad.csv",
        text.replace(",,,小计,,30,", ",,,小计,,31,"),
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(10),
        Some("申报金额 (F)"),
        "the total line says \"31\" but the projects add up to 60.00 in all, 30.00 since the \
         total line above",
    );
    assert_eq!(err.len(), 1, "{err:#?}");
    assert!(err[0].message_zh.contains("自上一合计行以来为 30.00"));

    // A project with a note beside it is still a project.
    let p = write(
        &dir,
        "n.csv",
        "项目编码,部门,项目名称,预算类型,申报金额,备注\nP1,,甲,一般公共预算,10,备注：续建\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(2),
        Some("部门 (B)"),
        "部门 (department) is empty",
    );

    // A note under the table that gives the amounts a unit is read.
    let p = write(
        &dir,
        "u.csv",
        "项目编码,部门,项目名称,预算类型,申报金额\nP1,教育局,甲,一般公共预算,10\n\
         注：金额单位为元。,,,,\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(3),
        None,
        "this line says the amounts are in 元, but the column 申报金额 (E) is read in 万元; \
         write the unit in the header",
    );
    let p = write(
        &dir,
        "u2.csv",
        "项目编码,部门,项目名称,预算类型,申报金额\nP1,教育局,甲,一般公共预算,10\n\
         注：金额单位为万元。,,,,\n",
    );
    assert_eq!(read_submission(&p, None).unwrap().projects.len(), 1);
    // A unit line and a header that disagree.
    let p = write(
        &dir,
        "u5.csv",
        "单位：元\n项目编码,部门,项目名称,预算类型,申报金额（万元）\nP1,教育局,甲,一般公共预算,10\n",
    );
    has(
        &read_submission(&p, None).unwrap_err(),
        &s(&p),
        Some(2),
        Some("申报金额（万元） (E)"),
        "the header says 万元 but the unit line says 元; keep one unit",
    );
    // In the header row, right of the headers.
    let p = write(
        &dir,
        "u4.csv",
        "项目编码,部门,项目名称,预算类型,申报金额,,单位：元\nP1,教育局,甲,一般公共预算,10\n",
    );
    assert_eq!(
        read_submission(&p, None).unwrap().projects[0]
            .requested
            .fen(),
        1000
    );
    // And above the header, said so.
    let p = write(
        &dir,
        "u3.csv",
        "说明：金额单位为元。\n项目编码,部门,项目名称,预算类型,申报金额\nP1,教育局,甲,一般公共预算,10\n",
    );
    assert_eq!(
        read_submission(&p, None).unwrap().projects[0]
            .requested
            .fen(),
        1000
    );
    let b = write(
        &dir,
        "ub.csv",
        "项目编码,审核结果,审减金额（万元）\nP1,审减,10\n单位：元,,\n",
    );
    has(
        &read_batch(&b).unwrap_err(),
        &s(&b),
        Some(3),
        None,
        "this line says the amounts are in 元, but the column 审减金额（万元） (C) is read in 万元",
    );

    // Notes under a batch and under indicators are not rows either.
    let b = write(
        &dir,
        "b.csv",
        "项目编码,审核结果,金额\nP1,通过,\n注：金额单位为万元,,\n审核人：李四,,\n",
    );
    assert_eq!(read_batch(&b).unwrap().len(), 1);
}

#[test]
fn the_names_departments_give_their_columns() {
    let dir = TempDir::new().unwrap();
    for (dept, amount) in [
        ("单位名称", "申报资金（万元）"),
        ("预算单位", "申请资金"),
        ("部门（单位）名称", "申报数额(万元)"),
        ("部门(单位)", "申报金额"),
    ] {
        let p = write(
            &dir,
            "h.csv",
            format!("项目编码,{dept},项目名称,预算类型,{amount}\nP1,市教育局,甲,一般公共预算,5\n"),
        );
        let sub = read_submission(&p, None).unwrap();
        assert_eq!(sub.projects[0].department, "市教育局", "{dept}");
        assert_eq!(sub.projects[0].requested, wan("5"), "{amount}");
    }
    // 部门 and 单位名称 both: the department is 部门's.
    let p = write(
        &dir,
        "both.csv",
        "项目编码,单位名称,部门,项目名称,预算类型,申报金额\nP1,市一中,市教育局,甲,一般公共预算,5\n",
    );
    assert_eq!(
        read_submission(&p, None).unwrap().projects[0].department,
        "市教育局"
    );
}

#[test]
fn an_unpadded_title_does_not_decide_the_delimiter() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "t.txt",
        "2022年市本级部门预算项目申报汇总表\n单位：元\n\
         项目编码\t部门\t项目名称\t预算类型\t申报金额\nT1\t市教育局\t甲, 乙\t一般公共预算\t10\n",
    );
    let sub = read_submission(&p, None).unwrap();
    assert_eq!(sub.projects[0].name, "甲, 乙");
    assert_eq!(sub.projects[0].requested.fen(), 1000);
    assert_eq!(sub.projects[0].source_row, 4);
}

#[test]
fn an_amount_may_carry_its_column_s_unit_but_not_another() {
    let dir = TempDir::new().unwrap();
    let p = write(
        &dir,
        "y.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（元）\n\
         Y1,甲,乙,一般公共预算,\"¥1,234.50\"\n\
         Y2,甲,乙,一般公共预算,￥ 100\n\
         Y3,甲,乙,一般公共预算,200元\n\
         Y4,甲,乙,一般公共预算,300 元\n",
    );
    let got: Vec<i64> = read_submission(&p, None)
        .unwrap()
        .projects
        .iter()
        .map(|p| p.requested.fen())
        .collect();
    assert_eq!(got, [123_450, 10_000, 20_000, 30_000]);
    let p = write(
        &dir,
        "w.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\n\
         W1,甲,乙,一般公共预算,26万\nW2,甲,乙,一般公共预算,26.5万元\nW3,甲,乙,一般公共预算,¥26万\n",
    );
    let got: Vec<Money> = read_submission(&p, None)
        .unwrap()
        .projects
        .iter()
        .map(|p| p.requested)
        .collect();
    assert_eq!(got, [wan("26"), wan("26.5"), wan("26")]);

    // Another unit than the column's is not converted.
    let p = write(
        &dir,
        "x.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（元）\n\
         X1,甲,乙,一般公共预算,26万\nX2,甲,乙,一般公共预算,元\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(2),
        Some("申报金额（元） (E)"),
        "\"26万\" is in 万元 but this column is in 元; write the amount in 元, or put the unit \
         in the header, e.g. 申报金额（万元）",
    );
    has(
        &err,
        &s(&p),
        Some(3),
        Some("申报金额（元） (E)"),
        "bad amount \"元\"",
    );
    // A batch: ¥ is money in whichever unit the column has.
    let b = write(
        &dir,
        "b.csv",
        "项目编码,审核结果,审定金额（万元）\nP1,审减,¥80\nP2,审减,80万\nP3,审减,80元\n",
    );
    let err = read_batch(&b).unwrap_err();
    has(
        &err,
        &s(&b),
        Some(4),
        Some("审定金额（万元） (C)"),
        "\"80元\" is in 元 but this column is in 万元",
    );
    assert_eq!(err.len(), 1, "{err:#?}");
}

#[test]
fn a_code_excel_saved_to_csv_in_scientific_notation_is_refused() {
    let dir = TempDir::new().unwrap();
    // Excel saves a long number of General format so.
    let p = write(
        &dir,
        "e.csv",
        "项目编码,部门,项目名称,预算类型,申报金额\n\
         2.021E+11,甲,乙,一般公共预算,1\n2021E1,甲,丙,一般公共预算,1\n1e3,甲,丁,一般公共预算,1\n",
    );
    let err = read_submission(&p, None).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(2),
        Some("项目编码 (A)"),
        "the code \"2.021E+11\" is a number Excel wrote in scientific notation",
    );
    has(
        &err,
        &s(&p),
        Some(4),
        Some("项目编码 (A)"),
        "scientific notation",
    );
    // A code that only has an E in it is a code.
    assert_eq!(err.len(), 2, "{err:#?}");
    for code in ["E1", "2021-E-01", "1.5E", "ABC1E+5", "2021E1"] {
        assert!(!is_scientific(code), "{code}");
    }
}
