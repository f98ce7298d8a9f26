//! Meeting outputs: the decided demo meeting written as a workbook, a CSV and
//! a summary, read back and held against `huishen tally`.
//!
//! One file for the three outputs (workbook, CSV, summary) because they are
//! checked against each other and share the cell readers at the top.

mod common;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx, open_workbook};
use rust_decimal::Decimal;

use common::{
    BATCH_HEADER, apply, apply_text, demo, fails, import_meeting, ok, roster_add, s, tally_json,
};
use huishen::export::{self, Encoding, Format};
use huishen::i18n::Lang;
use huishen::store::{OpenMode, Store};
use huishen::words::Say;

/// `huishen demo --decided` in a fresh folder: the report's meeting, decided.
fn decided_demo(dir: &Path) -> PathBuf {
    demo(&dir.join("m.db"), &["--decided"])
}

/// `huishen demo` in a fresh folder, undecided but for the decision rows
/// (项目编码,审核结果,金额（万元）,审核意见) of `batch`.
fn demo_with(dir: &Path, batch: &str) -> PathBuf {
    let db = demo(&dir.join("m.db"), &[]);
    apply_text(&db, "batch.csv", &format!("{BATCH_HEADER}\n{batch}"), &[]);
    db
}

fn dec(v: &serde_json::Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("a decimal string")).unwrap()
}

fn write(db: &Path, format: Format, out: &Path, encoding: Encoding, lang: Lang) -> String {
    let store = Store::open(db, OpenMode::ReadOnly).expect("open read-only");
    export::export(&store, format, out, encoding, lang)
        .expect("export")
        .say(lang)
}

/// How many rows the meeting's `comment` or `event` table holds, through
/// the store.
fn count(db: &Path, table: &str) -> usize {
    let store = common::db::read(db);
    match table {
        "comment" => store.export_comments().unwrap().len(),
        "event" => store.events(None).unwrap().len(),
        other => panic!("no count of {other}"),
    }
}

/// A number cell as an exact amount, rounded to the fen (six decimals in 万元).
fn fen(cell: &Data) -> Decimal {
    match cell {
        Data::Float(f) => Decimal::from_str(&f.to_string()).unwrap().round_dp(6),
        Data::Int(i) => Decimal::from(*i),
        Data::Empty => Decimal::ZERO,
        other => panic!("not a number: {other:?}"),
    }
}

fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not text: {other:?}"),
    }
}

/// The column of `header` in the first row.
fn col(rows: &[&[Data]], header: &str) -> usize {
    rows[0]
        .iter()
        .position(|c| text(c) == header)
        .unwrap_or_else(|| panic!("no column {header}"))
}

/// The cut rate a `0.00%` cell holds, as the tally's percentage string.
fn percent(cell: &Data) -> String {
    match cell {
        Data::Float(f) => (Decimal::from_str(&f.to_string()).unwrap() * Decimal::from(100))
            .round_dp(2)
            .to_string(),
        other => panic!("not a rate: {other:?}"),
    }
}

#[test]
fn the_workbook_holds_every_project_and_the_tally_to_the_fen() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let tally = tally_json(&db);
    let out = dir.path().join("结果.xlsx");
    let said = write(&db, Format::Xlsx, &out, Encoding::Utf8, Lang::Zh);
    assert!(
        said.contains("结果.xlsx") && said.contains("1373"),
        "{said}"
    );

    let mut wb: Xlsx<_> = open_workbook(&out).expect("calamine opens it");
    assert_eq!(
        wb.sheet_names(),
        [
            "部门汇总",
            "预算类型汇总",
            "审减原因汇总",
            "股室汇总",
            "新增延续汇总",
            "图表",
            "审核结果",
            "审核意见",
            "审核日志"
        ]
    );

    // 审核结果: 1373 projects and the totals row.
    let range = wb.worksheet_range("审核结果").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 1 + 1373 + 1);
    assert_eq!(text(&rows[1][0]), "2021-001-0001");
    assert_eq!(text(&rows[1][4]), "一般公共预算");
    let totals = rows[rows.len() - 1];
    assert_eq!(text(&totals[0]), "合计");
    let data = &rows[1..rows.len() - 1];
    for (header, key) in [
        ("申报金额（万元）", "requested"),
        ("审定金额（万元）", "approved"),
        ("审减金额（万元）", "cut"),
    ] {
        let c = col(&rows, header);
        let sum: Decimal = data.iter().map(|r| fen(&r[c])).sum();
        assert_eq!(sum, dec(&tally[key]), "sum of {header}");
        assert_eq!(fen(&totals[c]), dec(&tally[key]), "totals row {header}");
    }
    let rate = col(&rows, "审减率");
    assert_eq!(percent(&totals[rate]), tally["cut_rate"].as_str().unwrap());
    let state = col(&rows, "审核结果");
    let cancelled = data.iter().filter(|r| text(&r[state]) == "取消").count();
    assert_eq!(cancelled, 224);
    let adjusted = data
        .iter()
        .filter(|r| text(&r[col(&rows, "调整绩效目标")]) == "是")
        .count();
    assert_eq!(adjusted, 343);
    assert!(
        data.iter()
            .all(|r| !text(&r[col(&rows, "评审人")]).is_empty())
    );

    // The totals are formulas over the rows, the tally cached as their result.
    let formulas = wb.worksheet_formula("审核结果").unwrap();
    let f = |c: usize| {
        formulas
            .get_value((1374, c as u32))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(f(5), "SUM(F2:F1374)");
    assert_eq!(f(7), "SUM(H2:H1374)");
    assert_eq!(
        f(rate),
        "IF(SUMIF(J2:J1374,\"<>待审\",F2:F1374)=0,\"\",H1375/SUMIF(J2:J1374,\"<>待审\",F2:F1374))"
    );

    // The summaries: the tally's groups, their cuts adding up to the total.
    for (sheet, key, groups) in [
        ("部门汇总", "by_department", 71),
        ("预算类型汇总", "by_budget_type", 4),
        ("股室汇总", "by_section", 8),
        ("新增延续汇总", "by_novelty", 2),
    ] {
        let range = wb.worksheet_range(sheet).unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        // The table ends at its 合计 row; signature lines may stand below it.
        let end = rows.iter().position(|r| text(&r[0]) == "合计").unwrap();
        let rows = rows[..=end].to_vec();
        assert_eq!(rows.len(), 1 + groups + 1, "{sheet}");
        let c = col(&rows, "审减金额（万元）");
        let body = &rows[1..rows.len() - 1];
        let sum: Decimal = body.iter().map(|r| fen(&r[c])).sum();
        assert_eq!(sum, dec(&tally["cut"]), "{sheet}");
        let last = rows[rows.len() - 1];
        assert_eq!(text(&last[0]), "合计");
        assert_eq!(fen(&last[c]), dec(&tally["cut"]), "{sheet} total");
        let r = col(&rows, "审减率");
        assert_eq!(percent(&last[r]), tally["cut_rate"].as_str().unwrap());
        for (row, group) in body.iter().zip(tally[key].as_array().unwrap()) {
            assert_eq!(fen(&row[c]), dec(&group["cut"]), "{sheet} {:?}", row[0]);
            let projects = &row[col(&rows, "项目数")];
            assert_eq!(
                fen(projects),
                Decimal::from(group["projects"].as_u64().unwrap())
            );
        }
    }
    // By reason: each reason's cut as the tally says; no total, as a
    // project with two reasons counts under both.
    let range = wb.worksheet_range("审减原因汇总").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let reasons = tally["by_reason"].as_array().unwrap();
    assert_eq!(reasons.len(), 8);
    let c = col(&rows, "审减金额（万元）");
    for (row, reason) in rows[1..].iter().zip(reasons) {
        assert_eq!(text(&row[0]), reason["reason"].as_str().unwrap());
        assert_eq!(fen(&row[c]), dec(&reason["cut"]));
    }
    let over: Decimal = reasons.iter().map(|r| dec(&r["cut"])).sum();
    assert!(over > dec(&tally["cut"]), "reasons overlap");
    let budgets = wb.worksheet_range("预算类型汇总").unwrap();
    assert_eq!(text(budgets.get((1, 0)).unwrap()), "一般公共预算");

    // Every comment and every event.
    let comments = wb.worksheet_range("审核意见").unwrap();
    assert_eq!(comments.rows().count() - 1, count(&db, "comment"));
    let log = wb.worksheet_range("审核日志").unwrap();
    assert_eq!(log.rows().count() - 1, count(&db, "event"));
    assert!(
        log.rows()
            .any(|r| text(&r[3]) == "取消" && text(&r[6]).starts_with("取消，审减 "))
    );
}

#[test]
fn the_csv_goes_back_into_import_and_gbk_says_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let utf8 = dir.path().join("结果.csv");
    let said = write(&db, Format::Csv, &utf8, Encoding::Utf8, Lang::En);
    assert!(said.contains("1373 projects"), "{said}");
    let bytes = std::fs::read(&utf8).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM first");
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "项目编码,部门,业务股室,项目名称,预算类型,申报金额（万元）,审定金额（万元）,审减金额（万元）,审减率,审核结果,调整绩效目标,需调整指标,调整理由,最新审核意见,评审人,时间,审减原因,新增/延续,上年预算（万元）,上年执行数（万元）,上年执行率"
    );
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("2021-001-0001,市委办公室,综合股,党史学习教育专项经费,一般公共预算,26.00,26.00,0.00,0.00%,通过,")
    );
    assert_eq!(text.lines().count(), 1 + 1373, "no totals row");

    // Import it as a submission into a fresh meeting.
    let again = dir.path().join("again.db");
    ok(&["import", s(&utf8), "--db", s(&again)]);
    let t = tally_json(&again);
    assert_eq!(t["projects"], 1373);
    assert_eq!(t["requested"], "347740.00");
    assert_eq!(t["by_department"].as_array().unwrap().len(), 71);

    // GBK: the same text, without the BOM.
    let gbk = dir.path().join("结果-gbk.csv");
    write(&db, Format::Csv, &gbk, Encoding::Gbk, Lang::Zh);
    let gbk_bytes = std::fs::read(&gbk).unwrap();
    let (decoded, _, errors) = encoding_rs::GBK.decode(&gbk_bytes);
    assert!(!errors);
    assert_eq!(decoded, text);
    let back = dir.path().join("gbk.db");
    ok(&["import", s(&gbk), "--db", s(&back)]);
    assert_eq!(tally_json(&back)["requested"], "347740.00");
}

#[test]
fn the_summary_says_what_the_report_says() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let out = dir.path().join("纪要.md");
    write(&db, Format::Md, &out, Encoding::Utf8, Lang::Zh);
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(
        md.contains("经统计，部门申报项目1373个，涉及资金347740万元。通过绩效目标审核，取消项目立项224个，进一步调整、完善、优化项目绩效目标343个，审减财政资金117186万元。"),
        "{md}"
    );
    assert!(
        md.contains("审核后保留项目1149个，审定安排资金230554万元，审减率33.70%。"),
        "{md}"
    );
    assert!(!md.contains("待审，"), "nothing is pending");
    assert!(md.contains("| **合计** | **1373** | **347,740.00** | **230,554.00** | **117,186.00** | **33.70%** | **224** | **343** | **0** |"), "{md}");
    assert!(md.contains("| 一般公共预算 |"), "{md}");
    // Ten largest cuts, numbered.
    assert!(
        md.contains("\n| 10 | ") && !md.contains("\n| 11 | "),
        "{md}"
    );

    let en = dir.path().join("summary.md");
    write(&db, Format::Md, &en, Encoding::Utf8, Lang::En);
    let md = std::fs::read_to_string(&en).unwrap();
    assert!(
        md.contains("Departments submitted 1373 projects requesting 347740 万元. In the performance target review, 224 projects were cancelled, the performance targets of 343 projects were sent back"),
        "{md}"
    );
    assert!(md.contains("117186 万元 of fiscal funds was cut"), "{md}");
    assert!(
        md.contains("1149 projects remain, with 230554 万元 approved; the cut rate is 33.70%."),
        "{md}"
    );
}

#[test]
fn a_meeting_in_progress_says_how_much_is_pending() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_with(
        dir.path(),
        "2021-001-0001,审减,-15%,压减\n2021-001-0002,取消,,重复\n",
    );
    let out = dir.path().join("m.md");
    write(&db, Format::Md, &out, Encoding::Utf8, Lang::Zh);
    let md = std::fs::read_to_string(&out).unwrap();
    // 26 cut by 15% = 3.90, and 23 cancelled.
    assert!(md.contains("取消项目立项1个"), "{md}");
    assert!(md.contains("审减财政资金26.9万元。"), "{md}");
    assert!(
        md.contains("尚有1371个项目待审，涉及资金347691万元"),
        "{md}"
    );
    assert!(
        md.contains("已审项目2个，申报资金49万元，审定安排资金22.1万元，审减率54.90%。"),
        "{md}"
    );

    // The workbook's totals: pending projects count in the request, not in the rate.
    let xlsx = dir.path().join("m.xlsx");
    write(&db, Format::Xlsx, &xlsx, Encoding::Utf8, Lang::Zh);
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("审核结果").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let totals = rows[rows.len() - 1];
    assert_eq!(fen(&totals[5]), Decimal::from(347740));
    assert_eq!(fen(&totals[6]), Decimal::from_str("22.1").unwrap());
    assert_eq!(fen(&totals[7]), Decimal::from_str("26.9").unwrap());
    assert_eq!(percent(&totals[8]), "54.90");
    // A pending project shows no approved amount, cut or rate.
    assert_eq!(rows[3][6], Data::Empty);
    assert_eq!(rows[3][8], Data::Empty);
    assert_eq!(text(&rows[3][9]), "待审");
    // The event log says who did what.
    let log = wb.worksheet_range("审核日志").unwrap();
    let cut = log.rows().find(|r| text(&r[3]) == "审减").unwrap();
    assert_eq!(text(&cut[1]), common::login());
    assert_eq!(text(&cut[2]), common::login());
    assert_eq!(text(&cut[4]), "2021-001-0001");
    assert_eq!(text(&cut[5]), "待审");
    // Each amount is named for what it is: the cut, and the approved one.
    assert_eq!(text(&cut[6]), "审减 3.90 万元，审定 22.10 万元");
}

/// The 审核日志 sheet says what a comment, a roster change and a ceiling
/// were, in the screen's words.
#[test]
fn the_log_sheet_says_what_each_event_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_with(
        dir.path(),
        "2021-001-0001,审减,-15%,\"测算依据不充分\n请补充\"\n",
    );
    roster_add(&db, "李四", &["--role", "observer", "--os-user", "nobody"]);
    ok(&["roster", "set", "李四", "--role", "member", "--db", s(&db)]);
    ok(&["roster", "remove", "李四", "--db", s(&db)]);
    ok(&[
        "ceiling",
        "--total",
        "230000",
        "--budget",
        "fund=1.5",
        "--db",
        s(&db),
    ]);
    ok(&["ceiling", "--budget", "fund=none", "--db", s(&db)]);
    ok(&["lock", "--db", s(&db)]);

    let xlsx = dir.path().join("m.xlsx");
    write(&db, Format::Xlsx, &xlsx, Encoding::Utf8, Lang::En);
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let log = wb.worksheet_range("审核日志").unwrap();
    let rows: Vec<&[Data]> = log.rows().collect();
    assert_eq!(
        rows[0].iter().map(text).collect::<Vec<_>>(),
        [
            "时间",
            "评审人",
            "系统用户",
            "操作",
            "项目编码",
            "原状态",
            "新状态",
            "说明"
        ]
    );
    // 操作, 项目编码, 原状态, 新状态, 说明 of the rows this test made.
    let said: Vec<[String; 5]> = rows[1..]
        .iter()
        .map(|r| std::array::from_fn(|i| text(&r[3 + i])))
        .collect();
    let row = |cells: [&str; 5]| cells.map(String::from);
    let code = "2021-001-0001";
    assert_eq!(
        said[said.len() - 9..],
        [
            row(["审减", code, "待审", "审减 3.90 万元，审定 22.10 万元", ""]),
            row(["意见", code, "", "", "测算依据不充分 请补充"]),
            row(["名单加入", "", "", "", "李四（列席，登录账号 nobody）"]),
            row(["名单变更", "", "", "", "李四（列席 → 评审）"]),
            row(["名单移出", "", "", "", "李四（评审）"]),
            row(["控制数", "", "", "", "合计 230,000.00 万元"]),
            row(["控制数", "", "", "", "政府性基金预算 1.50 万元"]),
            row(["控制数", "", "", "", "政府性基金预算 已清除"]),
            row(["锁定会审", "", "", "", ""]),
        ]
    );
}

#[test]
fn formula_like_names_stay_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_meeting(
        dir.path(),
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\n\
         P1,教育局,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",一般公共预算,10\n\
         P2,@财政局,+86 专线,一般公共预算,0.000001\n",
        &[],
    );

    let xlsx = dir.path().join("m.xlsx");
    write(&db, Format::Xlsx, &xlsx, Encoding::Utf8, Lang::Zh);
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("审核结果").unwrap();
    assert_eq!(
        range.get((1, 3)),
        Some(&Data::String("=HYPERLINK(\"http://x\",\"y\")".into()))
    );
    assert_eq!(range.get((2, 1)), Some(&Data::String("@财政局".into())));
    // One fen is kept, not rounded away.
    assert_eq!(
        fen(range.get((2, 5)).unwrap()),
        Decimal::from_str("0.000001").unwrap()
    );
    let formulas = wb.worksheet_formula("审核结果").unwrap();
    for row in 1..=2 {
        for c in 0..16 {
            assert_eq!(
                formulas
                    .get_value((row, c))
                    .map(String::as_str)
                    .unwrap_or(""),
                "",
                "no formula in row {row} column {c}"
            );
        }
    }

    let csv = dir.path().join("m.csv");
    write(&db, Format::Csv, &csv, Encoding::Utf8, Lang::Zh);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("P1,教育局,,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",一般公共预算,10.00,"),
        "{text}"
    );
    assert!(
        text.contains("P2,'@财政局,,'+86 专线,一般公共预算,0.000001,"),
        "{text}"
    );
}

#[test]
fn what_gbk_cannot_write_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = import_meeting(
        dir.path(),
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\nP7,教育局,校园安全😀工程,一般公共预算,10\n",
        &[],
    );
    let out = dir.path().join("m.csv");
    let store = Store::open(&db, OpenMode::ReadOnly).unwrap();
    let err = export::export(&store, Format::Csv, &out, Encoding::Gbk, Lang::En)
        .unwrap_err()
        .say(Lang::En);
    assert!(
        err.contains("P7") && err.contains("项目名称") && err.contains("U+1F600"),
        "{err}"
    );
    assert!(!out.exists(), "nothing written");
    // UTF-8 has no such limit.
    export::export(&store, Format::Csv, &out, Encoding::Utf8, Lang::En).unwrap();
    // And the database is never overwritten.
    let err = export::export(&store, Format::Xlsx, &db, Encoding::Utf8, Lang::En)
        .unwrap_err()
        .say(Lang::En);
    assert!(err.contains("meeting database"), "{err}");
}

#[test]
fn the_default_file_sits_beside_the_database() {
    assert_eq!(
        export::default_path(Path::new("/srv/会审/2021.db"), Format::Xlsx),
        PathBuf::from("/srv/会审/2021-审核结果.xlsx")
    );
}

#[test]
fn the_export_subcommand_writes_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let out = dir.path().join("cli.xlsx");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "xlsx",
        "--out",
        s(&out),
    ]);
    let mut wb: Xlsx<_> = open_workbook(&out).unwrap();
    let range = wb.worksheet_range("审核结果").unwrap();
    assert_eq!(range.rows().count(), 1 + 1373 + 1);
}

/// The later stages' workbook and CSV carry the kind and amount of each
/// decision, and sheet 调整汇总 equals the tally's kinds to the fen.
#[test]
fn later_stages_write_their_kinds_and_amounts() {
    for (stage, kinds_expected, total) in [
        ("monitoring", 6, "4645.16"),
        ("post_evaluation", 7, "9051.82"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        demo(&db, &["--stage", stage, "--decided"]);
        let tally = tally_json(&db);
        assert_eq!(tally["adjusted_total"], total);
        let kinds = tally["kinds"].as_object().unwrap();
        assert_eq!(kinds.len(), kinds_expected);

        let out = dir.path().join("out.xlsx");
        write(&db, Format::Xlsx, &out, Encoding::Utf8, Lang::Zh);
        let mut wb: Xlsx<_> = open_workbook(&out).expect("calamine opens it");
        assert_eq!(
            wb.sheet_names()[..6],
            [
                "部门汇总",
                "预算类型汇总",
                "调整汇总",
                "股室汇总",
                "图表",
                "审核结果"
            ]
        );

        // 调整汇总: one row per kind, then the total without 维持.
        let range = wb.worksheet_range("调整汇总").unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        assert_eq!(rows.len(), kinds_expected + 2, "{stage}");
        let word = |code: &str| {
            let k = huishen::domain::Kind::from_code(code).unwrap();
            huishen::domain::Stage::parse(stage).unwrap().kind_zh(k)
        };
        for (code, v) in kinds {
            let row = rows
                .iter()
                .find(|r| text(&r[0]) == word(code))
                .unwrap_or_else(|| panic!("{stage}: no row for {code}"));
            assert_eq!(fen(&row[1]), Decimal::from(v["count"].as_u64().unwrap()));
            assert_eq!(fen(&row[2]), dec(&v["amount"]), "{stage} {code}");
        }
        let last = rows.last().unwrap();
        assert!(text(&last[0]).starts_with("合计"));
        assert_eq!(fen(&last[2]), dec(&tally["adjusted_total"]), "{stage}");

        // 审核结果: each project's kind and amount; by kind they add up to
        // the tally, and the totals row holds the adjusted total.
        let range = wb.worksheet_range("审核结果").unwrap();
        let rows: Vec<&[Data]> = range.rows().collect();
        let (ck, ca) = (col(&rows, "调整类型"), col(&rows, "调整金额（万元）"));
        col(&rows, "合并至");
        let data = &rows[1..rows.len() - 1];
        assert_eq!(data.len(), tally["projects"].as_u64().unwrap() as usize);
        // A project's further outcomes (收回结余 20.50 beside 调减) count
        // under their own kind.
        let cx = col(&rows, "另有调整");
        for (code, v) in kinds {
            let main: Decimal = data
                .iter()
                .filter(|r| text(&r[ck]) == word(code))
                .map(|r| fen(&r[ca]))
                .sum();
            let also: Decimal = data
                .iter()
                .flat_map(|r| {
                    let t = text(&r[cx]);
                    t.split('、')
                        .filter_map(|p| p.strip_prefix(word(code)))
                        .map(|a| a.trim().parse::<Decimal>().unwrap())
                        .collect::<Vec<_>>()
                })
                .sum();
            assert_eq!(main + also, dec(&v["amount"]), "{stage} {code}");
        }
        assert_eq!(
            fen(&rows.last().unwrap()[ca]),
            dec(&tally["adjusted_total"])
        );

        // The CSV has the same columns and reads back into import.
        let csv = dir.path().join("out.csv");
        write(&db, Format::Csv, &csv, Encoding::Utf8, Lang::Zh);
        let body = std::fs::read_to_string(&csv).unwrap();
        let header = body.lines().next().unwrap();
        assert!(
            header.contains(
                "调整类型,调整金额（万元）,合并至,另有调整,另有调整金额（万元）,结果应用"
            ),
            "{header}"
        );
        let again = dir.path().join("again.db");
        ok(&["new", s(&again), "--stage", stage]);
        ok(&["import", s(&csv), "--db", s(&again)]);
        assert_eq!(tally_json(&again)["requested"], tally["requested"]);
    }
}

/// The cells of the Markdown table under `heading`: the header row, then
/// every row (the bold total last), markup and thousands separators removed.
fn md_table(md: &str, heading: &str) -> Vec<Vec<String>> {
    let start = md
        .find(&format!("## {heading}"))
        .unwrap_or_else(|| panic!("no section {heading}:\n{md}"));
    md[start..]
        .lines()
        .skip(1)
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| l.starts_with('|'))
        .filter(|l| !l.starts_with("| ---"))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace("**", "").replace(',', ""))
                .collect()
        })
        .collect()
}

/// At the later stages the summary's tables follow the stage: each kind's
/// count and amount by department and by budget type add up to `huishen
/// tally --json`, and no cut rate (a target review's figure) appears.
#[test]
fn later_stage_summaries_tabulate_the_kinds() {
    for stage in ["monitoring", "post_evaluation"] {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("m.db");
        demo(&db, &["--stage", stage, "--decided"]);
        let tally = tally_json(&db);
        let kinds = tally["kinds"].as_object().unwrap();
        let st = huishen::domain::Stage::parse(stage).unwrap();
        let out = dir.path().join("m.md");
        ok(&[
            "--lang",
            "zh",
            "export",
            "--db",
            s(&db),
            "--format",
            "md",
            "--out",
            s(&out),
        ]);
        let md = std::fs::read_to_string(&out).unwrap();
        assert!(!md.contains("审减率"), "{stage}:\n{md}");
        assert!(!md.contains("审减金额最大"), "{stage}:\n{md}");
        for heading in ["按部门（万元）", "按预算类型（万元）"] {
            let table = md_table(&md, heading);
            let (head, body) = table.split_first().unwrap();
            let (total, groups) = body.split_last().unwrap();
            assert_eq!(total[0], "合计", "{stage} {heading}");
            let at = |name: &str| {
                head.iter()
                    .position(|h| h == name)
                    .unwrap_or_else(|| panic!("{stage} {heading}: no column {name}: {head:?}"))
            };
            let sum = |c: usize| -> Decimal {
                groups
                    .iter()
                    .map(|r| Decimal::from_str(&r[c]).unwrap())
                    .sum()
            };
            for (code, v) in kinds {
                let word = st.kind_zh(huishen::domain::Kind::from_code(code).unwrap());
                let (n, a) = (at(&format!("{word}（个）")), at(&format!("{word}（万元）")));
                let count = Decimal::from(v["count"].as_u64().unwrap());
                assert_eq!(sum(n), count, "{stage} {heading} {code}");
                assert_eq!(sum(a), dec(&v["amount"]), "{stage} {heading} {code}");
                assert_eq!(Decimal::from_str(&total[n]).unwrap(), count);
                assert_eq!(Decimal::from_str(&total[a]).unwrap(), dec(&v["amount"]));
            }
            let adjusted = head.iter().position(|h| h.starts_with("调整合计")).unwrap();
            assert_eq!(sum(adjusted), dec(&tally["adjusted_total"]), "{stage}");
            assert_eq!(
                Decimal::from_str(&total[adjusted]).unwrap(),
                dec(&tally["adjusted_total"])
            );
        }
        // The largest adjustments: no 维持, largest first.
        let top = md_table(&md, "调整金额最大的10个项目（万元）");
        let amount = top[0].iter().position(|h| h == "调整金额").unwrap();
        let kind = top[0].iter().position(|h| h == "调整类型").unwrap();
        let amounts: Vec<Decimal> = top[1..]
            .iter()
            .map(|r| Decimal::from_str(&r[amount]).unwrap())
            .collect();
        assert!(amounts.windows(2).all(|w| w[0] >= w[1]), "{amounts:?}");
        assert!(top[1..].iter().all(|r| r[kind] != "维持"));
        assert_eq!(
            top[0].contains(&"合并至".to_string()),
            stage == "post_evaluation"
        );

        let en = dir.path().join("en.md");
        ok(&[
            "--lang",
            "en",
            "export",
            "--db",
            s(&db),
            "--format",
            "md",
            "--out",
            s(&en),
        ]);
        let md = std::fs::read_to_string(&en).unwrap();
        assert!(!md.to_lowercase().contains("cut rate"), "{stage}:\n{md}");
        assert!(md.contains("largest adjustments"), "{stage}:\n{md}");
    }
}

/// The exported CSV is a decision batch: applied to a fresh copy of the
/// undecided meeting it gives the same tally to the fen; a row whose 审定
/// and 审减 do not add up to the request is refused with its row and
/// columns, and nothing is written.
#[test]
fn the_exported_csv_carries_the_decisions_into_another_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let csv = dir.path().join("结果.csv");
    write(&db, Format::Csv, &csv, Encoding::Utf8, Lang::Zh);

    let fresh = dir.path().join("fresh.db");
    demo(&fresh, &[]);
    let said = apply(&fresh, &csv, &[]);
    assert!(said.contains("1373 rows"), "{said}");
    // Counted by project, though 343 rows also adjust targets.
    assert!(said.contains("1373 decisions saved"), "{said}");
    assert_eq!(tally_json(&fresh), tally_json(&db));
    // Each project's latest comment comes along (once, though an adjusted
    // project's comment is also its reason), and applying the table again
    // adds none.
    let latest = |db: &Path| -> Vec<(String, String)> {
        let mut latest: Vec<(String, String)> = common::db::read(db)
            .export_projects()
            .unwrap()
            .into_iter()
            .filter_map(|(p, _, c)| Some((p.code.into(), c?.body)))
            .collect();
        latest.sort();
        latest
    };
    let carried = latest(&fresh);
    assert!(carried.len() > 1000, "{}", carried.len());
    assert_eq!(carried, latest(&db));
    assert_eq!(count(&fresh, "comment"), carried.len(), "one comment each");
    apply(&fresh, &csv, &[]);
    assert_eq!(count(&fresh, "comment"), carried.len(), "none added again");
    assert_eq!(tally_json(&fresh), tally_json(&db));

    // One row's 审定 changed: it no longer adds up to the request.
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
    let row = lines
        .iter()
        .position(|l| l.starts_with("2021-001-0003,"))
        .unwrap();
    let mut cells: Vec<&str> = lines[row].split(',').collect();
    assert_eq!((cells[5], cells[6], cells[7]), ("47.00", "47.00", "0.00"));
    cells[6] = "20.00";
    lines[row] = cells.join(",");
    let bad = common::write(dir.path(), "bad.csv", lines.join("\r\n"));
    let other = dir.path().join("other.db");
    demo(&other, &[]);
    let before = tally_json(&other);
    let err = fails(&["apply", s(&bad), "--db", s(&other)]);
    assert!(
        err.contains(&format!("row {}", row + 1))
            && err.contains("审定金额（万元） (G) + 审减金额（万元） (H)")
            && err.contains("47.00"),
        "{err}"
    );
    assert_eq!(tally_json(&other), before, "nothing was written");

    // A meeting in progress: its 待审 rows are left out, and said so.
    let part = dir.path().join("part.db");
    demo(&part, &[]);
    apply_text(
        &part,
        "two.csv",
        "项目编码,审核结果,金额,审核意见\n2021-001-0001,审减,20,x\n2021-001-0002,取消,,y\n",
        &[],
    );
    let part_csv = dir.path().join("part.csv");
    write(&part, Format::Csv, &part_csv, Encoding::Utf8, Lang::Zh);
    let said = apply(&other, &part_csv, &[]);
    assert!(said.contains("skipped 1371"), "{said}");
    let (a, b) = (tally_json(&part), tally_json(&other));
    for k in ["decided", "approved", "cut", "counts"] {
        assert_eq!(a[k], b[k], "{k}");
    }
}

/// An export gets the meeting database's permission bits, whatever the
/// umask: 0660 in a shared group folder, so the section heads in the group
/// can open it, 0600 for a private meeting. A replaced export follows the
/// database too, and no temporary file is left beside it.
#[cfg(unix)]
#[test]
fn an_export_gets_the_database_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = import_meeting(
        dir.path(),
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\nP1,教育局,校舍改造,一般公共预算,10\n",
        &[],
    );
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o7777;
    let chmod =
        |p: &Path, m: u32| std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).unwrap();
    let csv = dir.path().join("m.csv");
    let export = |out: &Path, format: &str| {
        ok(&[
            "export",
            "--db",
            s(&db),
            "--format",
            format,
            "--out",
            s(out),
        ]);
    };

    chmod(&db, 0o660);
    export(&csv, "csv");
    assert_eq!(mode(&csv), 0o660);
    // Through the library too (the screen's `e`), and as a workbook.
    let xlsx = dir.path().join("m.xlsx");
    write(&db, Format::Xlsx, &xlsx, Encoding::Utf8, Lang::Zh);
    assert_eq!(mode(&xlsx), 0o660);

    chmod(&db, 0o600);
    export(&csv, "csv");
    assert_eq!(mode(&csv), 0o600, "a replaced export follows the database");
    let md = dir.path().join("m.md");
    export(&md, "md");
    assert_eq!(mode(&md), 0o600);
    // Never wider than the database: no execute or set-id bits.
    chmod(&db, 0o2770);
    export(&md, "md");
    assert_eq!(mode(&md), 0o660);

    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A later stage's exported results table (CSV or workbook) is a batch at
/// that stage too: its 调整类型, 调整金额 and 合并至 carry each decision, its
/// 待审 rows are left out and counted, and the meeting it is applied to ends
/// with the same tally. Applied again, it changes nothing.
#[test]
fn a_later_stages_results_carry_into_another_meeting() {
    let dir = tempfile::tempdir().unwrap();
    for stage in ["monitoring", "post_evaluation"] {
        let db = dir.path().join(format!("{stage}.db"));
        demo(&db, &["--stage", stage, "--decided"]);
        for (format, ext) in [(Format::Csv, "csv"), (Format::Xlsx, "xlsx")] {
            let out = dir.path().join(format!("{stage}.{ext}"));
            write(&db, format, &out, Encoding::Utf8, Lang::Zh);
            let fresh = dir.path().join(format!("{stage}-{ext}.db"));
            demo(&fresh, &["--stage", stage]);
            let said = apply(&fresh, &out, &[]);
            assert!(said.contains("0 unchanged"), "{stage} {ext}: {said}");
            assert_eq!(tally_json(&fresh), tally_json(&db), "{stage} {ext}");
            let again = apply(&fresh, &out, &[]);
            assert!(again.contains(" 0 decisions saved"), "{again}");
            assert_eq!(tally_json(&fresh), tally_json(&db), "{stage} {ext}");
        }
    }
    // Half-way through a monitoring meeting: the undecided rows are left out.
    let part = dir.path().join("part.db");
    demo(&part, &["--stage", "monitoring"]);
    apply_text(
        &part,
        "two.csv",
        "项目编码,审核结果,金额,审核意见\n2021-JK-002,调减,420.5,执行滞后\n2021-JK-009,取消,,不再实施\n",
        &[],
    );
    let part_csv = dir.path().join("part.csv");
    write(&part, Format::Csv, &part_csv, Encoding::Utf8, Lang::Zh);
    let other = dir.path().join("other.db");
    demo(&other, &["--stage", "monitoring"]);
    let said = apply(&other, &part_csv, &[]);
    assert!(said.contains("skipped 15"), "{said}");
    assert_eq!(tally_json(&other), tally_json(&part));
}

/// What the panel weighed goes into the outputs: a batch's reasons (by
/// number and by name) into 审核结果's 审减原因 and sheet 审减原因汇总 (no
/// total: a project with two reasons counts under both, said under it);
/// a department's ceiling into 部门汇总's two more columns and the
/// summary's table; the summary's sentences by reason, as the report words
/// them; the CSV read back into a fresh meeting says the same.
#[test]
fn the_outputs_carry_reasons_ceilings_and_sections() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir.path().join("m.db"), &[]);
    apply_text(
        &db,
        "batch.csv",
        "项目编码,审核结果,金额（万元）,审核意见,审减原因\n\
         2021-001-0001,审减,-15%,压减,1\n\
         2021-001-0002,取消,,重复,\"测算依据不充分、5\"\n\
         2021-001-0003,审减,-10%,,5\n",
        &[],
    );
    let ceilings = common::write(dir.path(), "c.csv", "部门,控制数\n市委办公室,200\n");
    ok(&["ceiling", "--db", s(&db), "--departments", s(&ceilings)]);
    let tally = tally_json(&db);
    let office = &tally["by_department"][0];
    assert_eq!(office["department"], "市委办公室");
    assert_eq!(office["ceiling"], "200.00");
    let still = dec(&office["still_to_cut"]);
    assert_eq!(
        still,
        dec(&office["requested"]) - dec(&office["cut"]) - Decimal::from(200)
    );

    // The workbook.
    let out = dir.path().join("out.xlsx");
    write(&db, Format::Xlsx, &out, Encoding::Utf8, Lang::Zh);
    let mut wb: Xlsx<_> = open_workbook(&out).expect("calamine opens it");
    assert_eq!(
        wb.sheet_names(),
        [
            "部门汇总",
            "预算类型汇总",
            "审减原因汇总",
            "股室汇总",
            "新增延续汇总",
            "图表",
            "审核结果",
            "审核意见",
            "审核日志"
        ]
    );
    let range = wb.worksheet_range("部门汇总").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(text(&rows[1][0]), "市委办公室");
    assert_eq!(
        fen(&rows[1][col(&rows, "控制数（万元）")]),
        Decimal::from(200)
    );
    assert_eq!(fen(&rows[1][col(&rows, "尚需审减（万元）")]), still);
    assert_eq!(
        rows[2][col(&rows, "控制数（万元）")],
        Data::Empty,
        "no ceiling"
    );

    let range = wb.worksheet_range("审减原因汇总").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let used: Vec<&serde_json::Value> = tally["by_reason"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["projects"] != 0)
        .collect();
    assert_eq!(used.len(), 2);
    let cut = col(&rows, "审减金额（万元）");
    for (row, reason) in rows[1..].iter().zip(&used) {
        assert_eq!(text(&row[0]), reason["reason"].as_str().unwrap());
        assert_eq!(fen(&row[cut]), dec(&reason["cut"]));
    }
    assert!(rows.iter().all(|r| text(&r[0]) != "合计"), "no total");
    assert!(text(&rows[rows.len() - 1][0]).contains("各原因的审减额相加会大于审减总额"));

    let range = wb.worksheet_range("审核结果").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let reasons = col(&rows, "审减原因");
    assert_eq!(text(&rows[1][reasons]), "测算依据不充分");
    assert_eq!(
        text(&rows[2][reasons]),
        "测算依据不充分、可整合或已有渠道保障"
    );
    assert_eq!(text(&rows[3][reasons]), "可整合或已有渠道保障");
    assert_eq!(text(&rows[4][reasons]), "");

    // The summary, in both languages.
    let md = dir.path().join("m.md");
    write(&db, Format::Md, &md, Encoding::Utf8, Lang::Zh);
    let md = std::fs::read_to_string(&md).unwrap();
    for line in [
        "## 部门控制数",
        &format!("| 市委办公室 | 200.00 | {} | {} |", "221.40", "21.40"),
        "- 因测算依据不充分审减 26.9 万元，涉及项目 2 个（其中取消 1 个）",
        "- 因可整合或已有渠道保障审减 27.7 万元，涉及项目 2 个（其中取消 1 个）",
        "## 按业务股室",
        "| 综合股 | 64 | 6,309.78 | 64.40 | 31.60 | 32.92% | 1 | 0 | 61 |",
    ] {
        assert!(md.contains(line), "{line}\n{md}");
    }
    assert_eq!(still.to_string(), "21.40");
    let en = dir.path().join("e.md");
    write(&db, Format::Md, &en, Encoding::Utf8, Lang::En);
    let en = std::fs::read_to_string(&en).unwrap();
    assert!(
        en.contains("- 26.9 万元 cut for \"测算依据不充分\", 2 project(s) (1 of them cancelled)"),
        "{en}"
    );

    // The CSV back as a batch into the undecided demo: the same reasons.
    let csv = dir.path().join("out.csv");
    write(&db, Format::Csv, &csv, Encoding::Utf8, Lang::Zh);
    let again = demo(&dir.path().join("again.db"), &[]);
    apply(&again, &csv, &[]);
    assert_eq!(tally_json(&again)["by_reason"], tally["by_reason"]);
}
