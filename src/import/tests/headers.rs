//! Finding the table: the sheet, the header row under a title, a second
//! header row, and the names departments give their columns.

use super::*;

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
    assert!(err[0].kind.say(Lang::En).contains("申报数"));
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
    assert!(err[0].kind.say(Lang::En).contains("万元 or 元"));

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
            .kind
            .say(Lang::Zh)
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
