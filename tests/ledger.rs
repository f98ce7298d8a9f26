//! The review ledger, driven through the real binary as a user would.
//!
//! Somewhat over 600 lines: the refusal tests below need their files and
//! messages written out in full, in both languages.

mod common;

use common::db::{dump, events};
use common::*;
use rusqlite::Connection;

fn import_demo(db: &std::path::Path) {
    ok(&[
        "import",
        s(&data("demo-projects.csv")),
        "--indicators",
        s(&data("demo-indicators.csv")),
        "--db",
        s(db),
    ]);
}

#[test]
fn the_demo_reproduces_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    import_demo(&db);
    let t = tally_json(&db);
    assert_eq!(t["projects"], 1373);
    assert_eq!(t["requested"], "347740.00");
    assert_eq!(t["counts"]["pending"], 1373);
    assert_eq!(t["by_department"].as_array().unwrap().len(), 71);
    assert_eq!(t["by_budget_type"].as_array().unwrap().len(), 4);

    roster_add(&db, "评审组", &[]);
    apply(&db, &data("demo-decisions.csv"), &["--as", "评审组"]);
    let t = tally_json(&db);
    assert_eq!(t["counts"]["cancelled"], 224);
    assert_eq!(t["counts"]["adjusted"], 343);
    assert_eq!(t["counts"]["pending"], 0);
    assert_eq!(t["cut"], "117186.00");
    assert_eq!(t["approved"], "230554.00");
    assert_eq!(t["remaining"], 1149);
    assert_eq!(t["cut_rate"], "33.70");
    // The by-department and by-budget figures add up to the total, to the fen.
    for key in ["by_department", "by_budget_type"] {
        let sum: rust_decimal::Decimal = t[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                d["cut"]
                    .as_str()
                    .unwrap()
                    .parse::<rust_decimal::Decimal>()
                    .unwrap()
            })
            .sum();
        assert_eq!(sum.to_string(), "117186.00", "{key}");
    }
}

#[test]
fn the_exante_evaluation_gives_48_74_percent() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e.db");
    ok(&[
        "import",
        s(&data("exante-projects.csv")),
        "--indicators",
        s(&data("exante-indicators.csv")),
        "--db",
        s(&db),
    ]);
    apply(&db, &data("exante-decisions.csv"), &[]);
    let t = tally_json(&db);
    assert_eq!(t["projects"], 5);
    assert_eq!(t["requested"], "7038.70");
    assert_eq!(t["approved"], "3607.70");
    assert_eq!(t["cut"], "3431.00");
    assert_eq!(t["cut_rate"], "48.74");
}

#[test]
fn demo_command_works_from_any_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let out = command(&["demo", "--decided", "--db", s(&db), "--no-open"])
        .current_dir(dir.path())
        .env("LANG", "C")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let t = tally_json(&db);
    assert_eq!(t["cut"], "117186.00");
}

/// A small valid meeting to reject things against.
fn small_meeting(dir: &std::path::Path) -> std::path::PathBuf {
    let db = import_meeting(
        dir,
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\nP1,教育局,校舍维修,一般公共预算,100\nP2,卫生健康局,设备购置,政府性基金预算,\"1,234.50\"\n",
        &[],
    );
    roster_add(&db, "张三", &[]);
    db
}

#[test]
fn a_bad_import_lists_every_problem_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_meeting(dir.path());
    let before = dump(&db);
    let bad = write(
        dir.path(),
        "bad.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\n\
         P3,教育局,营养餐,一般公共预算,12a\n\
         P4,教育局,学前教育,专项资金,50\n\
         P5,教育局,校车,一般公共预算,10\n\
         P5,教育局,校车二期,一般公共预算,20\n\
         P1,教育局,重复,一般公共预算,1\n",
    );
    let err = fails(&["import", s(&bad), "--db", s(&db)]);
    assert!(err.contains("bad.csv: row 2, column 申报金额"), "{err}");
    assert!(err.contains("\"12a\""), "{err}");
    assert!(err.contains("row 3, column 预算类型"), "{err}");
    assert!(err.contains("专项资金"), "{err}");
    assert!(err.contains("row 5") && err.contains("duplicate"), "{err}");
    assert_eq!(
        dump(&db),
        before,
        "a failed import must leave the database unchanged"
    );

    // A code already in the meeting is refused too, with the row.
    let dup = write(
        dir.path(),
        "dup.csv",
        "project_id,department,project,budget_type,requested (yuan)\nP9,教育局,x,general,5\nP1,教育局,y,fund,5\n",
    );
    let err = fails(&["import", s(&dup), "--db", s(&db)]);
    assert!(
        err.contains("dup.csv: row 3") && err.contains("P1"),
        "{err}"
    );
    assert_eq!(dump(&db), before);

    // A missing column names the column.
    let missing = write(
        dir.path(),
        "missing.csv",
        "项目编码,部门,项目名称,申报金额\nP7,教育局,x,1\n",
    );
    let err = fails(&["import", s(&missing), "--db", s(&db)]);
    assert!(err.contains("预算类型"), "{err}");
    assert_eq!(dump(&db), before);

    // An indicator for a project that is not in the submission.
    let p = write(
        dir.path(),
        "p8.csv",
        "项目编码,部门,项目名称,预算类型,申报金额\nP8,教育局,x,一般公共预算,1\n",
    );
    let ind = write(
        dir.path(),
        "i8.csv",
        "项目编码,一级指标,二级指标,三级指标,指标值,计量单位\nP8,产出指标,数量指标,校舍面积,≥3000,平方米\nNOPE,产出指标,数量指标,校舍面积,≥3000,平方米\n",
    );
    let err = fails(&["import", s(&p), "--indicators", s(&ind), "--db", s(&db)]);
    assert!(
        err.contains("i8.csv: row 3") && err.contains("NOPE"),
        "{err}"
    );
    assert_eq!(dump(&db), before);
}

#[test]
fn a_bad_batch_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_meeting(dir.path());
    let before = dump(&db);
    let batch = write(
        dir.path(),
        "b.csv",
        "项目编码,审核结果,金额,审核意见\nP1,审减,80,压减\nP2,审减,2000,超过申报\nP9,通过,,\n",
    );
    let err = fails(&["apply", s(&batch), "--db", s(&db), "--as", "张三"]);
    assert!(err.contains("b.csv: row 3") && err.contains("P2"), "{err}");
    assert!(err.contains("row 4") && err.contains("P9"), "{err}");
    assert_eq!(dump(&db), before, "P1's valid cut must not be half-applied");
}

#[test]
fn cut_amounts_take_three_forms_in_a_batch() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_meeting(dir.path());
    apply_text(
        &db,
        "b.csv",
        "project_id,decision,amount,comment\nP1,cut,-15%,压减15%\nP2,cut,-234.5,\n",
        &["--as", "张三"],
    );
    let t = tally_json(&db);
    assert_eq!(t["approved"], "1085.00");
    assert_eq!(t["cut"], "249.50");
    assert_eq!(t["counts"]["cut"], 2);
    // Who did it is recorded with the OS user.
    let cut = events(&db).into_iter().find(|e| e.kind == "cut").unwrap();
    let (who, os) = (cut.reviewer, cut.os_user);
    assert_eq!((who.as_str(), os.as_str()), ("张三", login().as_str()));
}

#[test]
fn gbk_and_xlsx_import_the_same_as_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let text = "项目编码,部门,业务股室,项目名称,预算类型,申报金额（元）\n\
                A1,教育局,教科文股,义务教育薄弱环节改善,一般公共预算,1234567.89\n\
                A2,民政局,社会保障股,困难群众救助,社会保险基金预算,50000\n";
    let utf8 = write(dir.path(), "u.csv", text);
    let gbk = dir.path().join("g.csv");
    let (bytes, _, bad) = encoding_rs::GBK.encode(text);
    assert!(!bad);
    std::fs::write(&gbk, &bytes).unwrap();
    let xlsx = dir.path().join("x.xlsx");
    {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (r, line) in text.lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                match (r > 0 && c == 5, cell.parse::<f64>()) {
                    (true, Ok(n)) => ws.write_number(r as u32, c as u16, n).unwrap(),
                    _ => ws.write_string(r as u32, c as u16, cell).unwrap(),
                };
            }
        }
        wb.save(&xlsx).unwrap();
    }
    let mut tallies = Vec::new();
    for (i, f) in [&utf8, &gbk, &xlsx].iter().enumerate() {
        let db = dir.path().join(format!("{i}.db"));
        ok(&["import", s(f), "--db", s(&db)]);
        tallies.push(tally_json(&db));
    }
    assert_eq!(tallies[0]["requested"], "128.456789");
    assert_eq!(tallies[0], tallies[1], "GBK differs from UTF-8");
    assert_eq!(tallies[0], tallies[2], "XLSX differs from UTF-8");
}

#[test]
fn a_database_from_a_newer_huishen_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_meeting(dir.path());
    Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let err = fails(&["tally", "--db", s(&db)]);
    assert!(err.contains("newer huishen") && err.contains("99"), "{err}");
}

#[test]
fn files_that_are_not_meetings_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let junk = write(
        dir.path(),
        "junk.db",
        b"this is not sqlite at all, just text\n".repeat(200),
    );
    let err = fails(&["tally", "--db", s(&junk)]);
    assert!(err.contains("not a huishen meeting database"), "{err}");
    let err = fails(&["tally", "--db", s(&dir.path().join("nope.db"))]);
    assert!(err.contains("no meeting database"), "{err}");
}

#[test]
fn the_event_log_and_comments_are_append_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_meeting(dir.path());
    apply_text(
        &db,
        "b.csv",
        "项目编码,审核结果,金额,审核意见\nP1,取消,,与职能无关\n",
        &[],
    );
    let c = Connection::open(&db).unwrap();
    for sql in [
        "UPDATE event SET reviewer = 'mallory'",
        "DELETE FROM event",
        "UPDATE comment SET body = 'changed'",
        "DELETE FROM comment",
    ] {
        let err = c.execute(sql, []).unwrap_err().to_string();
        assert!(
            err.contains("append-only") || err.contains("never"),
            "{sql}: {err}"
        );
    }
    let n: i64 = c
        .query_row("SELECT count(*) FROM event", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        n, 5,
        "creator as chair, import, roster add, cancel, its comment"
    );
}

#[test]
fn a_title_a_unit_line_and_a_total_line_are_understood() {
    let dir = tempfile::tempdir().unwrap();
    // As a finance system exports it: title, unit line, header, rows, 合计.
    let text = "2022年部门项目支出预算申报表,,,,\n\
                单位：元,,,,\n\
                项目编码,部门,项目名称,预算类型,申报金额\n\
                A1,教育局,校舍维修,一般公共预算,\"1,234,567.89\"\n\
                A2,民政局,困难群众救助,一般公共预算,50000\n\
                ,合计,,,\"1,284,567.89\"\n";
    let db = import_meeting(dir.path(), text, &[]);
    let t = tally_json(&db);
    assert_eq!(t["projects"], 2);
    assert_eq!(t["requested"], "128.456789", "the unit line says 元");

    // A total that disagrees with its rows is named, and nothing is written.
    let bad = write(
        dir.path(),
        "bad.csv",
        text.replace("\"1,284,567.89\"", "\"1,284,567.80\"")
            .replace("A1", "B1")
            .replace("A2", "B2"),
    );
    let err = fails(&["import", s(&bad), "--db", s(&db)]);
    assert!(err.contains("bad.csv: row 6, column 申报金额 (E)"), "{err}");
    assert!(err.contains("add up to 1284567.89"), "{err}");
    assert_eq!(tally_json(&db)["projects"], 2);

    // 合计 where the code goes, as most budget sheets write it: the same.
    for (total, imports) in [("合计", true), ("总 计：", true), ("合计", false)] {
        let db = dir.path().join(format!("a{total}{imports}.db"));
        let f = dir.path().join("first-column.csv");
        let stated = if imports {
            "\"1,284,567.89\""
        } else {
            "1284567"
        };
        std::fs::write(
            &f,
            text.replace(",合计,,,\"1,284,567.89\"", &format!("{total},,,,{stated}")),
        )
        .unwrap();
        if imports {
            ok(&["import", s(&f), "--db", s(&db)]);
            assert_eq!(tally_json(&db)["projects"], 2, "{total}");
        } else {
            let err = fails(&["import", s(&f), "--db", s(&db)]);
            assert!(
                err.contains("first-column.csv: row 6, column 申报金额 (E)"),
                "{err}"
            );
            assert!(err.contains("the total line says"), "{err}");
        }
    }
}

/// Our own workbook and CSV, 合计 row and all, import as the projects they list.
#[test]
fn an_exported_workbook_imports_as_its_projects() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    demo(&db, &["--decided"]);
    let want = tally_json(&db)["requested"].clone();
    for format in ["xlsx", "csv"] {
        let out = dir.path().join(format!("d.{format}"));
        ok(&[
            "export",
            "--db",
            s(&db),
            "--format",
            format,
            "--out",
            s(&out),
        ]);
        let again = dir.path().join(format!("again-{format}.db"));
        ok(&["import", s(&out), "--db", s(&again)]);
        let t = tally_json(&again);
        assert_eq!(t["projects"], 1373, "{format}");
        assert_eq!(t["requested"], want, "{format}");
        // And its decisions apply, the workbook's 合计 line left out.
        apply(&again, &out, &[]);
        let t = tally_json(&again);
        let d = tally_json(&db);
        for key in ["approved", "cut", "counts"] {
            assert_eq!(t[key], d[key], "{format} {key}");
        }
    }
}

/// Runs `huishen ARGS` under a Chinese locale; insists on failure and
/// returns stderr.
fn fails_zh_locale(args: &[&str]) -> String {
    let out = command(args).env("LANG", "zh_CN.UTF-8").output().unwrap();
    refused(&format!("huishen {args:?} under zh_CN"), out)
}

/// The problem lines of a refusal (below its header), the folder's path
/// taken out so that only what huishen wrote is looked at.
fn problem_lines(err: &str, dir: &std::path::Path) -> Vec<String> {
    let prefix = format!("{}/", dir.display());
    err.lines()
        .skip(1)
        .map(|l| l.trim().replace(&prefix, ""))
        .collect()
}

/// Every line of a Chinese refusal is Chinese: no English words.
fn assert_chinese(lines: &[String]) {
    assert!(!lines.is_empty());
    for l in lines {
        for word in [
            "row", "column", "empty", "required", "bad", "amount", "number", "total", "project",
            "already", "meeting", "cut", "request", "problem",
        ] {
            assert!(!l.contains(word), "English {word:?} in {l:?}");
        }
    }
}

#[test]
fn import_and_apply_problems_are_chinese_under_zh() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_meeting(dir.path());
    let before = dump(&db);
    let d = dir.path();

    // An empty required cell, a bad amount and a code twice in the file.
    let p = write(
        d,
        "p.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\n\
         P3,,营养餐,一般公共预算,10\n\
         P4,教育局,学前教育,一般公共预算,12a\n\
         P5,教育局,校车,一般公共预算,10\n\
         P5,教育局,校车二期,一般公共预算,20\n",
    );
    let err = fails(&["import", s(&p), "--db", s(&db), "--lang", "zh"]);
    assert!(
        err.starts_with("huishen: 3 处问题，未写入任何数据："),
        "{err}"
    );
    let lines = problem_lines(&err, d);
    assert_eq!(
        lines,
        [
            "p.csv 第 2 行 部门 (B) 列：部门为空，必须填写",
            "p.csv 第 3 行 申报金额（万元） (E) 列：金额 \"12a\" 有误：\
             不是数字：请写数字，可带小数点，如 1234.5 或 1,234.50",
            "p.csv 第 5 行 项目编码 (A) 列：项目编码 P5 重复，首次出现在第 4 行",
        ],
        "{err}"
    );
    assert_chinese(&lines);
    // The locale says the same as --lang.
    assert_eq!(fails_zh_locale(&["import", s(&p), "--db", s(&db)]), err);

    // The same file in English is unchanged.
    let err = fails(&["import", s(&p), "--db", s(&db)]);
    assert_eq!(
        problem_lines(&err, d),
        [
            "p.csv: row 2, column 部门 (B): 部门 (department) is empty; it is required",
            "p.csv: row 3, column 申报金额（万元） (E): bad amount \"12a\": not a number; \
             write digits with an optional decimal point, e.g. 1234.5 or 1,234.50",
            "p.csv: row 5, column 项目编码 (A): duplicate project code P5, first on row 4",
        ],
        "{err}"
    );

    // A 合计 line the projects do not add up to.
    let t = write(
        d,
        "t.csv",
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\n\
         P3,教育局,营养餐,一般公共预算,1\n\
         P4,教育局,学前教育,一般公共预算,2\n\
         合计,,,,999\n",
    );
    let err = fails(&["import", s(&t), "--db", s(&db), "--lang", "zh"]);
    let lines = problem_lines(&err, d);
    assert_eq!(
        lines,
        [
            "t.csv 第 4 行 申报金额（万元） (E) 列：合计行为 \"999\"，但各项目申报金额相加为 3.00（合计行多 996.00）"
        ],
        "{err}"
    );
    assert_chinese(&lines);
    let err = fails(&["import", s(&t), "--db", s(&db)]);
    assert!(
        err.contains(
            "t.csv: row 4, column 申报金额（万元） (E): the total line says \"999\" \
             but the projects add up to 3.00 (the total line is larger by 996.00)"
        ),
        "{err}"
    );

    // A code already in the meeting (found by the store).
    let dup = write(
        d,
        "dup.csv",
        "项目编码,部门,项目名称,预算类型,申报金额\nP9,教育局,x,一般公共预算,5\nP1,教育局,y,一般公共预算,5\n",
    );
    let err = fails(&["import", s(&dup), "--db", s(&db), "--lang", "zh"]);
    let lines = problem_lines(&err, d);
    assert_eq!(lines, ["dup.csv 第 3 行：项目 P1 已在本次会审中"], "{err}");
    assert_chinese(&lines);
    let err = fails(&["import", s(&dup), "--db", s(&db)]);
    assert!(
        err.contains("dup.csv: row 3: project P1 is already in this meeting"),
        "{err}"
    );

    // A batch the reader refuses: an unknown decision, a bad amount.
    let b = write(
        d,
        "b.csv",
        "项目编码,审核结果,金额,审核意见\nP1,同意吧,,\nP2,审减,abc,压减\n",
    );
    let args = ["apply", s(&b), "--db", s(&db), "--as", "张三"];
    let err = fails(&[&args[..], &["--lang", "zh"]].concat());
    let lines = problem_lines(&err, d);
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0]
            == "b.csv 第 2 行 审核结果 (B) 列：无法识别的审核结果 \"同意吧\"；\
                请填写以下之一：通过、审减、取消、调整、待审",
        "{err}"
    );
    assert!(
        lines[1].starts_with("b.csv 第 3 行 金额 (C) 列：金额 \"abc\" 有误："),
        "{err}"
    );
    assert_chinese(&lines);
    let err = fails(&args);
    assert!(
        err.contains(
            "b.csv: row 2, column 审核结果 (B): unknown decision \"同意吧\"; write one of"
        ),
        "{err}"
    );

    // A batch the store refuses: cuts larger than the request.
    let c = write(
        d,
        "c.csv",
        "项目编码,审核结果,金额,审核意见\nP1,审减,-200,压减\nP2,审减,2000,超过申报\n",
    );
    let args = ["apply", s(&c), "--db", s(&db), "--as", "张三"];
    let err = fails(&[&args[..], &["--lang", "zh"]].concat());
    let lines = problem_lines(&err, d);
    assert_eq!(
        lines,
        [
            "c.csv 第 2 行 金额 (C) 列：P1：审减金额超过申报金额",
            "c.csv 第 3 行 金额 (C) 列：P2：审减后须少于申报：审定 2000.00 ≥ 申报 1234.50 万元",
        ],
        "{err}"
    );
    assert_chinese(&lines);
    let err = fails(&args);
    assert_eq!(
        problem_lines(&err, d),
        [
            "c.csv: row 2, column 金额 (C): P1: the cut is larger than the request",
            "c.csv: row 3, column 金额 (C): P2: a cut must leave less than the request: \
             approved 2000.00 ≥ requested 1234.50 万元",
        ],
        "{err}"
    );
    assert_eq!(dump(&db), before, "nothing was written");
}

/// Under a Chinese locale the command line's own refusals are Chinese too:
/// a missing file, a file that is not a meeting, a folder, an unknown role,
/// a reviewer not on the roster. Each still names the file or the value.
#[test]
fn command_line_refusals_are_chinese_under_zh() {
    let dir = tempfile::tempdir().unwrap();
    let db = small_meeting(dir.path());
    let missing = dir.path().join("nope.db");
    let text = write(dir.path(), "p.csv", "项目编码,部门\nP1,教育局\n");
    let cases: [(Vec<&str>, &str); 5] = [
        (vec!["tally", "--db", s(&missing)], "处没有会审数据库"),
        (vec!["tally", "--db", s(&text)], "不是会审数据库"),
        (
            vec!["tally", "--db", s(dir.path())],
            "是文件夹，不是会审文件",
        ),
        (
            vec!["roster", "add", "张三", "--role", "boss", "--db", s(&db)],
            "无法识别的角色 \"boss\"",
        ),
        (
            vec!["roster", "add", "张三", "--db", s(&db), "--as", "路人"],
            "路人 不在本次会审的名单上",
        ),
    ];
    for (args, want) in cases {
        let err = fails_zh_locale(&args);
        assert!(err.contains(want), "{args:?}: {err}");
        assert!(
            !err.contains("database") && !err.contains(" is "),
            "{args:?}: {err}"
        );
    }
    // And English stays English.
    let err = fails(&["tally", "--db", s(&missing)]);
    assert!(err.contains("no meeting database at"), "{err}");
}
