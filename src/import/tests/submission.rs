//! A submission's projects and indicators: problems located, capped and
//! in reading order; headings, subtotals and notes around the projects.

use super::*;

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
    let shown = err[0].say(Lang::En);
    assert!(
        shown.starts_with(&format!("{p}: row 2, column 预算类型 (D): ")),
        "{shown}"
    );
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
    assert!(
        err.last()
            .unwrap()
            .kind
            .say(Lang::En)
            .contains("2000 more problems")
    );
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
    let never_closed = |p: &Problem| p.kind.say(Lang::En).contains("never closed");
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
    assert!(
        err.last()
            .unwrap()
            .kind
            .say(Lang::En)
            .contains("more problems")
    );
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
    let mut known = Codes::default();
    known.seen("P1", 2);
    // Over the cap, and a few problems in each half.
    for bad_every in [20, 9000] {
        let text = rows_of(bad_every);
        let (rows, ps) = table::parse_delimited(&text, "i.csv");
        assert!(ps.is_empty());
        let mut halves = Problems::default();
        let out = read_indicators(&rows, "i.csv", Some(&known), &mut halves);
        let mut one = Problems::default();
        let Mapped { cols, body, .. } =
            read_header(&rows, "i.csv", INDICATOR_SPECS, &mut one).unwrap();
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
    assert!(
        err[0]
            .kind
            .say(Lang::Zh)
            .contains("自上一合计行以来为 30.00")
    );

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
fn codes_in_order_and_out_of_order_tell_the_same_repeats() {
    let rows = ["A3", "A5", "A7", "A5", "A1", "A7", "A9", "A1"];
    let mut in_order = Codes::default();
    let mut repeats = Vec::new();
    for (k, code) in rows.iter().enumerate() {
        repeats.push(in_order.seen(code, k + 2));
    }
    // A5 again on row 5 (first on row 3); A7 on row 7 (row 4), A1 on row
    // 9 (row 6): told before and after the map comes in.
    assert_eq!(
        repeats,
        [None, None, None, Some(3), None, Some(4), None, Some(6)]
    );
    for code in ["A1", "A3", "A5", "A7", "A9"] {
        assert!(in_order.contains(code), "{code}");
    }
    assert!(!in_order.contains("A2"));
    // A file in code order, 9 before 10: no map, and the same answers.
    let mut sorted = Codes::default();
    for (k, code) in ["A1", "A3", "A9", "A10", "A11"].iter().enumerate() {
        assert_eq!(sorted.seen(code, k + 2), None);
    }
    for (code, is) in [
        ("A3", true),
        ("A10", true),
        ("A4", false),
        ("A0", false),
        ("A12", false),
    ] {
        assert_eq!(sorted.contains(code), is, "{code}");
    }
    assert_eq!(sorted.seen("A9", 9), Some(4));
    assert_eq!(sorted.seen("A11", 10), Some(6));
}

/// A projects table of many rows, read in two halves on two threads, gives
/// what one pass gives: projects, codes, problems (capped), warnings and
/// how many were read as 延续, with repeated codes within and across the
/// halves, codes out of order, 合计 and note lines.
#[test]
fn projects_read_in_halves_are_read_as_in_one_pass() {
    use super::projects::{Notes, read_projects_in_halves_from};
    let rows_of = |repeat_across: bool, bad_every: usize| {
        let mut text =
            String::from("项目编码,部门,项目名称,预算类型,申报金额,上年预算,上年执行数\n");
        let n = 30_000;
        for i in 0..n {
            // Out of order in the second half; a repeat within it,
            // and (if asked) one of the first half's codes in the second.
            let code = match i {
                20_000 => "P00016000".to_string(),
                25_000 if repeat_across => "P00000007".to_string(),
                i if i > 22_000 && i % 1000 == 0 => format!("Q{i:08}"),
                i => format!("P{i:08}"),
            };
            let amount = if i % bad_every == bad_every - 1 {
                "12a".to_string()
            } else {
                format!("{}.5", i % 97)
            };
            let (budget, spent) = if i % 5 == 0 { ("10", "12") } else { ("", "") };
            text.push_str(&format!(
                "{code},部门{},项目{i},一般公共预算,{amount},{budget},{spent}\n",
                i / 80
            ));
            if i == 14_000 {
                text.push_str("注：以下为二期项目,,,,,,\n");
            }
            if i == 10_000 || i == 20_000 {
                text.push_str(",,小计,,3,,\n");
            }
        }
        text.push_str(",,合计,,1,,\n");
        text
    };
    for (across, bad_every) in [(false, 100_000), (true, 10_000), (false, 7)] {
        let text = rows_of(across, bad_every);
        let (rows, ps) = table::parse_delimited(&text, "p.csv");
        assert!(ps.is_empty());
        let read = |parallel_rows| {
            let mut problems = Problems::default();
            let mut notes = Notes::default();
            let (out, codes) = read_projects_in_halves_from(
                &rows,
                "p.csv",
                &mut problems,
                &mut notes,
                parallel_rows,
            );
            let codes = codes.unwrap();
            let known = ["P00000100", "P00029999", "Q00023000", "P00023000", "X"]
                .map(|c| codes.contains(c));
            (
                out,
                known,
                problems.into_list(),
                notes.warnings,
                notes.inferred,
            )
        };
        let (halves, one) = (read(1000), read(usize::MAX));
        assert_eq!(halves.1, one.1, "{across} {bad_every}");
        assert_eq!(halves.2, one.2, "{across} {bad_every}");
        assert_eq!(halves.3, one.3);
        assert_eq!(halves.4, one.4);
        assert_eq!(halves.0, one.0);
        assert!(!one.2.is_empty() && one.4 > 0 && !one.3.is_empty());
    }
}
