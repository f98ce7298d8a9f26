//! Reading one cell: what a spreadsheet does to codes, amounts and text.

use super::*;

/// A delimited file is looked at whole for control characters: where the
/// only one is a line break or a tab delimiter in a quoted cell, that
/// row's cells are still each looked at.
#[test]
fn a_line_break_or_a_tab_in_a_quoted_code_is_refused_in_an_otherwise_clean_file() {
    let dir = TempDir::new().unwrap();
    for (name, d) in [("lf.csv", ","), ("tab.tsv", "\t")] {
        let text = [
            "项目编码,部门,项目名称,预算类型,申报金额",
            "P1,教育局,甲,一般公共预算,5",
            "\"P\n2\",教育局,\"两行\n名称\",一般公共预算,5",
            "\"P\t3\",教育局,丙,一般公共预算,5",
            "P4,教育局,丁,一般公共预算,5",
        ]
        .join("\n")
        .replace(',', d);
        let p = write(&dir, name, &text);
        let err = read_submission(&p, None).unwrap_err();
        let f = s(&p);
        has(
            &err,
            &f,
            Some(3),
            Some("项目编码 (A)"),
            "contains control characters",
        );
        has(
            &err,
            &f,
            Some(4),
            Some("项目编码 (A)"),
            "contains control characters",
        );
        assert_eq!(err.len(), 2, "{name}: {err:#?}");
    }
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
        assert!(p.say(Lang::En).len() < 400);
        assert!(!p.say(Lang::En).chars().any(|c| c.is_control()), "{p:?}");
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
            .kind
            .say(Lang::Zh)
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
    assert!(
        !err[0].kind.say(Lang::En).contains("ROUND"),
        "{}",
        err[0].kind.say(Lang::En)
    );

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
    // The 合计 line adds up row 2, which could not be read: not checked,
    // and said so.
    has(
        &err,
        &s(&book),
        Some(5),
        col,
        "the total line is not checked: the amount of row 2 it adds up could not be read",
    );
    assert_eq!(err.len(), 2, "{err:#?}");
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
            .kind
            .say(Lang::Zh)
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
