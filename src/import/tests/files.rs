//! Reading a file into rows: encodings, delimiters, workbook cells as
//! Excel shows them, and garbage refused without a panic.

use super::*;

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

    // The first 100 bytes of a real workbook: cut off, and said so.
    let book = dir.path().join("full.xlsx");
    xlsx(&book, &[("Sheet1", PROJECTS)], 0);
    let bytes = std::fs::read(&book).unwrap();
    for name in ["t.xlsx", "t.dat"] {
        let t = write(&dir, name, &bytes[..100]);
        let err = read_submission(&t, None).unwrap_err();
        has(&err, &s(&t), None, None, "the file is incomplete");
        assert!(read_batch(&t).is_err());
    }

    // 65,536 columns in the header.
    let mut wide: String = (0..65_536).map(|i| format!("c{i},")).collect();
    wide.push_str("\n1,2,3\n");
    let p = write(&dir, "wide.csv", &wide);
    let err = read_submission(&p, None).unwrap_err();
    assert_eq!(err.len(), 5);
    assert!(err.iter().all(|p| p.kind.say(Lang::En).len() < 2000));
    assert!(
        err[0].kind.say(Lang::En).contains("65536 columns"),
        "{}",
        err[0].kind.say(Lang::En)
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

#[test]
fn invisible_characters_in_a_cell_do_not_make_a_second_department() {
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
    // Inside the text too: `市\u{200b}教育局` prints as `市教育局`.
    assert_eq!(
        got,
        [
            ("Z1", "市教育局"),
            ("Z2", "市教育局"),
            ("Z3", "市教育局"),
            ("Z4", "市教育局"),
        ]
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
