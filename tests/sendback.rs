//! What the meeting sends back (issue 17), through the real binary on the
//! demo meeting: a review opinion for each of the 71 departments whose
//! totals add up to the meeting's exactly, the targets table listing the
//! 1149 projects kept, the minutes, and no internal comment in anything
//! that leaves the bureau.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::review;
use common::*;
use huishen::store::{Actor, OpenMode, Store};
use rust_decimal::Decimal;

fn decided_demo(dir: &Path) -> PathBuf {
    demo(&dir.join("m.db"), &["--decided", "--as", "评审甲"])
}

fn dec(v: &serde_json::Value) -> Decimal {
    Decimal::from_str(v.as_str().expect("a decimal string")).unwrap()
}

/// `1,234.50` or `**1,234.50**` → 1234.50.
fn amount(cell: &str) -> Decimal {
    Decimal::from_str(&cell.replace(['*', ','], "")).unwrap_or_else(|_| panic!("{cell:?}"))
}

/// The cells of the Markdown table rows of `text` that start with `first`.
fn md_rows<'a>(text: &'a str, first: &str) -> Vec<Vec<&'a str>> {
    text.lines()
        .filter(|l| l.starts_with(&format!("| {first}")))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split(" | ")
                .map(str::trim)
                .collect()
        })
        .collect()
}

/// Every text in every cell of every sheet of a workbook, by sheet.
fn workbook_text(path: &Path) -> Vec<(String, String)> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("calamine opens it");
    let names = wb.sheet_names().to_vec();
    names
        .into_iter()
        .map(|n| {
            let range = wb.worksheet_range(&n).unwrap();
            let text = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| match c {
                            Data::String(s) => s.clone(),
                            other => other.to_string(),
                        })
                        .collect::<Vec<_>>()
                        .join("\t")
                })
                .collect::<Vec<_>>()
                .join("\n");
            (n, text)
        })
        .collect()
}

#[test]
fn every_department_gets_an_opinion_and_they_add_up_to_the_meeting() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let t = tally_json(&db);
    let out = dir.path().join("意见书");
    let said = ok(&[
        "--lang",
        "zh",
        "export",
        "--db",
        s(&db),
        "--per-department",
        "--format",
        "md",
        "--out",
        s(&out),
    ]);
    assert!(said.contains("71 份，71 个部门 1373 个项目"), "{said}");
    let files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 71);
    let (mut requested, mut approved, mut cut) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let mut projects = 0;
    let mut departments = HashSet::new();
    // Each project's reasons as its opinion gives them after its decision.
    let mut reasons: std::collections::HashMap<String, String> = Default::default();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let dept = text
            .lines()
            .nth(2)
            .unwrap()
            .trim_end_matches('：')
            .to_string();
        assert!(
            f.file_name().unwrap().to_string_lossy().starts_with(&dept),
            "{f:?} is addressed to {dept}"
        );
        departments.insert(dept);
        // Each project's row, then the total: the rows add up to it.
        let rows: Vec<Vec<&str>> = text
            .lines()
            .filter(|l| l.starts_with("| ") && l.chars().nth(2).is_some_and(|c| c.is_ascii_digit()))
            .map(|l| {
                l.trim()
                    .trim_matches('|')
                    .split(" | ")
                    .map(str::trim)
                    .collect()
            })
            .collect();
        for r in &rows {
            let code = r[1].rsplit('（').next().unwrap().trim_end_matches('）');
            if let Some((_, after)) = r[3].split_once("（原因：") {
                let (names, _) = after.split_once('）').unwrap();
                reasons.insert(code.to_string(), names.to_string());
            }
        }
        let total = &md_rows(&text, "**合计**")[0];
        let sum = |i: usize| rows.iter().map(|r| amount(r[i])).sum::<Decimal>();
        assert_eq!(sum(2), amount(total[2]), "{f:?} requested");
        assert_eq!(sum(4), amount(total[4]), "{f:?} approved");
        assert_eq!(sum(5), amount(total[5]), "{f:?} cut");
        projects += rows.len();
        requested += amount(total[2]);
        approved += amount(total[4]);
        cut += amount(total[5]);
        assert!(text.contains("主持人：评审甲"), "{f:?}");
        assert!(text.contains("财政局（盖章）"), "{f:?}");
    }
    assert_eq!(projects, 1373);
    assert_eq!(departments.len(), 71);
    assert_eq!(requested, dec(&t["requested"]));
    assert_eq!(approved, dec(&t["approved"]));
    assert_eq!(cut, dec(&t["cut"]));
    assert_eq!(cut, Decimal::from(117_186));
    // The reasons are the results table's, project by project.
    let csv = dir.path().join("results.csv");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--format",
        "csv",
        "--out",
        s(&csv),
    ]);
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut table = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let head = table.headers().unwrap().clone();
    let at = |name: &str| head.iter().position(|h| h == name).unwrap();
    let (c_code, c_reasons) = (at("项目编码"), at("审减原因"));
    let want: std::collections::HashMap<String, String> = table
        .records()
        .map(|r| r.unwrap())
        .filter(|r| !r[c_reasons].is_empty())
        .map(|r| (r[c_code].to_string(), r[c_reasons].to_string()))
        .collect();
    assert!(want.len() > 100, "{}", want.len());
    assert_eq!(reasons, want);

    // The workbooks: one per department, the same totals.
    let out = dir.path().join("xlsx");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--per-department",
        "--out",
        s(&out),
    ]);
    let files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 71);
    let mut requested = Decimal::ZERO;
    for f in &files {
        let mut wb: Xlsx<_> = open_workbook(f).unwrap();
        let range = wb.worksheet_range("审核意见书").unwrap();
        let total = range
            .rows()
            .find(|r| matches!(&r[0], Data::String(s) if s == "合计"))
            .expect("a 合计 row");
        let Data::Float(x) = total[2] else {
            panic!("{:?}", total[2])
        };
        requested += Decimal::from_str(&format!("{x:.2}")).unwrap();
    }
    assert_eq!(requested, dec(&t["requested"]));
}

#[test]
fn the_targets_table_lists_the_1149_projects_kept() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let t = tally_json(&db);
    let xlsx = dir.path().join("targets.xlsx");
    let said = ok(&[
        "--lang",
        "zh",
        "export",
        "--db",
        s(&db),
        "--targets",
        "--out",
        s(&xlsx),
    ]);
    assert!(
        said.contains("71 个部门 1149 个项目，其中 343 个"),
        "{said}"
    );
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let range = wb.worksheet_range("绩效目标表").unwrap();
    let rows: Vec<&[Data]> = range.rows().collect();
    let head: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(
        head,
        [
            "部门",
            "项目编码",
            "项目名称",
            "预算金额（万元）",
            "年度目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
            "计量单位"
        ]
    );
    let body = &rows[1..rows.len() - 1];
    let codes: HashSet<String> = body
        .iter()
        .filter_map(|r| match &r[1] {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(codes.len(), 1149);
    // The waiting ones say so, never with their old targets; the rest
    // have their goal and indicators.
    let waiting = body
        .iter()
        .filter(|r| r[5].to_string().starts_with("绩效目标已退回修改"))
        .count();
    assert_eq!(waiting, 343);
    for r in body.iter().filter(|r| matches!(&r[1], Data::String(_))) {
        let first = r[5].to_string();
        if first.starts_with("绩效目标已退回修改") {
            assert_eq!(r[7].to_string(), "", "{r:?}");
        } else {
            assert!(r[4].to_string().starts_with("通过项目实施"), "{r:?}");
            assert!(first.ends_with("指标"), "{r:?}");
        }
    }
    let total = rows.last().unwrap();
    assert_eq!(total[0].to_string(), "合计");
    let Data::Float(x) = total[3] else {
        panic!("{:?}", total[3])
    };
    assert_eq!(
        Decimal::from_str(&format!("{x:.2}")).unwrap(),
        dec(&t["approved"])
    );

    // Per department, in Markdown: 71 files, the same 1149.
    let out = dir.path().join("targets");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--targets",
        "--per-department",
        "--format",
        "md",
        "--out",
        s(&out),
    ]);
    let mut listed = 0;
    for e in std::fs::read_dir(&out).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        listed += text
            .lines()
            .filter(|l| l.starts_with("| ") && l.contains("（2021-"))
            .count();
    }
    assert_eq!(listed, 1149);
}

#[test]
fn a_confirmed_revision_is_what_the_targets_table_lists() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    // The first project the demo's decisions send back.
    let log = ok(&["log", "--db", s(&db), "--json"]);
    let adjusted: String = log
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|e| e["kind"] == "adjust")
        .map(|e| e["project"].as_str().unwrap().to_string())
        .unwrap();
    let rev = write(
        dir.path(),
        "rev.csv",
        format!(
            "项目编码,一级指标,二级指标,三级指标,指标值,计量单位\n{adjusted},产出指标,数量指标,修改后的产出,≥77,次\n"
        ),
    );
    ok(&[
        "import",
        s(&rev),
        "--revised",
        "--db",
        s(&db),
        "--as",
        "评审甲",
    ]);
    let md = dir.path().join("t.md");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--targets",
        "--format",
        "md",
        "--out",
        s(&md),
    ]);
    let text = std::fs::read_to_string(&md).unwrap();
    let line = text.lines().find(|l| l.contains(&adjusted)).unwrap();
    assert!(line.contains("部门修改稿已报，待财政局确认"), "{line}");
    // Confirmed (through the library, as the screen's v does).
    let mut st = Store::open(&db, OpenMode::Existing).unwrap();
    let id = st.project_id(&adjusted).unwrap();
    let row = st.project_rows_by_id(&[id]).unwrap().remove(0);
    let me = Actor {
        name: "评审甲".into(),
        os_user: whoami(),
    };
    st.decide(
        id,
        row.version,
        &huishen::domain::Command::ConfirmRevision,
        None,
        &me,
    )
    .unwrap();
    ok(&[
        "export",
        "--db",
        s(&db),
        "--targets",
        "--format",
        "md",
        "--out",
        s(&md),
    ]);
    let text = std::fs::read_to_string(&md).unwrap();
    let line = text.lines().find(|l| l.contains(&adjusted)).unwrap();
    assert!(line.contains("修改后的产出 | ≥77 | 次"), "{line}");
}

/// The OS login this test runs as, as the store records it.
fn whoami() -> String {
    huishen::store::Actor::from_env(None).os_user
}

#[test]
fn an_internal_comment_never_leaves_the_bureau() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    const INSIDE: &str = "仅供内部：该单位去年预算执行率偏低，明年重点关注";
    const OUTSIDE: &str = "请补充测算依据，细化产出指标";
    {
        let mut st = Store::open(&db, OpenMode::Existing).unwrap();
        let me = Actor {
            name: "评审甲".into(),
            os_user: whoami(),
        };
        let id = st.project_id("2021-001-0001").unwrap();
        st.add_comment(id, OUTSIDE, &me).unwrap();
        st.add_comment_scoped(id, INSIDE, true, &me).unwrap();
    }
    let p = |name: &str| dir.path().join(name);
    let run = |args: &[&str]| {
        let mut all = vec!["export", "--db", s(&db)];
        all.extend_from_slice(args);
        ok(&all);
    };
    run(&["--format", "csv", "--out", s(&p("r.csv"))]);
    run(&["--format", "md", "--out", s(&p("r.md"))]);
    run(&["--out", s(&p("r.xlsx"))]);
    run(&["--targets", "--format", "md", "--out", s(&p("t.md"))]);
    run(&["--targets", "--out", s(&p("t.xlsx"))]);
    run(&[
        "--per-department",
        "--format",
        "md",
        "--out",
        s(&p("op-md")),
    ]);
    run(&["--per-department", "--out", s(&p("op-xlsx"))]);
    run(&["--minutes", "--format", "md", "--out", s(&p("min.md"))]);
    run(&["--minutes", "--out", s(&p("min.xlsx"))]);
    let mut texts: Vec<(String, String)> = Vec::new();
    for entry in walk(dir.path()) {
        let name = entry.display().to_string();
        if name.ends_with(".xlsx") {
            for (sheet, text) in workbook_text(&entry) {
                texts.push((format!("{name} [{sheet}]"), text));
            }
        } else if name.ends_with(".md") || name.ends_with(".csv") {
            texts.push((name, std::fs::read_to_string(&entry).unwrap()));
        }
    }
    assert!(texts.len() > 150, "{}", texts.len());
    // The department's comment reaches the department's opinion.
    let opinion = texts
        .iter()
        .find(|(n, _)| n.contains("op-md") && n.contains("市委办公室"))
        .unwrap();
    assert!(opinion.1.contains(OUTSIDE), "{}", opinion.1);
    for (name, text) in &texts {
        // The bureau's own record keeps it, marked: the workbook's comment
        // sheet and its log.
        let record = name.ends_with("r.xlsx [审核意见]") || name.ends_with("r.xlsx [审核日志]");
        if record {
            assert!(text.contains(INSIDE), "{name}");
            let line = text.lines().find(|l| l.contains(INSIDE)).unwrap();
            assert!(line.contains("内部"), "{name}: {line}");
        } else {
            assert!(
                !text.contains(INSIDE),
                "{name} carries the internal comment"
            );
        }
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

/// The Markdown table rows of a minutes' 分部门 table: every `| name | …`
/// line between its header and its bold total.
fn minutes_rows(text: &str) -> (Vec<Vec<String>>, Vec<String>) {
    let table: Vec<Vec<String>> = text
        .lines()
        .skip_while(|l| !l.starts_with("| 部门 |"))
        .skip(2)
        .take_while(|l| l.starts_with("| "))
        .map(|l| {
            l.trim()
                .trim_matches('|')
                .split(" | ")
                .map(|c| c.trim().replace("**", ""))
                .collect()
        })
        .collect();
    let (total, rows) = table.split_last().expect("a table");
    (rows.to_vec(), total.clone())
}

#[test]
fn the_minutes_say_who_when_what_and_by_department() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let t = tally_json(&db);
    let md = dir.path().join("纪要.md");
    let said = ok(&[
        "--lang",
        "zh",
        "export",
        "--db",
        s(&db),
        "--minutes",
        "--format",
        "md",
        "--out",
        s(&md),
    ]);
    assert!(said.contains("已导出会议纪要"), "{said}");
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.starts_with("# 2021年部门预算绩效目标会审（演示） 会议纪要"),
        "{text}"
    );
    // Who and when: the chair, who recorded the decisions, and the time
    // the decisions were made.
    assert!(text.contains("主持人：评审甲"), "{text}");
    assert!(text.contains("出席人员：评审甲"), "{text}");
    let when = text.lines().find(|l| l.starts_with("会议时间：")).unwrap();
    assert!(when.contains(":"), "{when}");
    // The report's sentences, as the summary says them.
    let summary = dir.path().join("summary.md");
    ok(&[
        "--lang",
        "zh",
        "export",
        "--db",
        s(&db),
        "--format",
        "md",
        "--out",
        s(&summary),
    ]);
    let opening = std::fs::read_to_string(&summary)
        .unwrap()
        .lines()
        .find(|l| l.starts_with("经统计"))
        .unwrap()
        .to_string();
    assert!(opening.contains("审减财政资金117186万元"), "{opening}");
    assert!(text.contains(&opening), "{text}");
    // By department: 71 rows that add up to the meeting's total.
    let (rows, total) = minutes_rows(&text);
    assert_eq!(rows.len(), 71);
    assert_eq!(total[0], "合计");
    for (col, key) in [(2, "requested"), (3, "approved"), (4, "cut")] {
        let sum: Decimal = rows.iter().map(|r| amount(&r[col])).sum();
        assert_eq!(sum, dec(&t[key]), "{key}");
        assert_eq!(amount(&total[col]), dec(&t[key]), "{key}");
    }
    assert_eq!(total[5], "33.70%");
    // Where the targets sent back stand, and the signatures.
    assert!(text.contains("待部门修改343个"), "{text}");
    for line in ["主持人（签字）：", "记录人（签字）：", "- 评审甲：____"] {
        assert!(text.contains(line), "no {line}\n{text}");
    }

    // The chair names who attended; the workbook says the same.
    let xlsx = dir.path().join("纪要.xlsx");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--minutes",
        "--attendees",
        "张三,李四,王五,赵六",
        "--out",
        s(&xlsx),
    ]);
    let sheets = workbook_text(&xlsx);
    assert_eq!(sheets.len(), 1);
    let (name, sheet) = &sheets[0];
    assert_eq!(name, "会议纪要");
    assert!(
        sheet.contains("出席人员：张三、李四、王五、赵六"),
        "{sheet}"
    );
    assert!(!sheet.contains("出席人员：评审甲"), "{sheet}");
    assert!(sheet.contains(&opening), "{sheet}");
    for who in ["张三：", "赵六："] {
        assert!(sheet.contains(who), "no signature line for {who}\n{sheet}");
    }
    let total = sheet.lines().find(|l| l.starts_with("合计\t")).unwrap();
    assert!(total.contains("33.70%"), "{total}");
}

#[test]
fn a_later_stages_minutes_follow_the_stage() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(
        &dir.path().join("m.db"),
        &["--stage", "monitoring", "--decided", "--as", "主持人"],
    );
    let md = dir.path().join("纪要.md");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--minutes",
        "--format",
        "md",
        "--out",
        s(&md),
    ]);
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("用于改进项目管理17个，完善工作制度、办法2个"),
        "{text}"
    );
    let head = text.lines().find(|l| l.starts_with("| 部门 |")).unwrap();
    assert!(head.contains("调减") && head.contains("调整资金"), "{head}");
    for figure in ["审定", "审减", "审减率"] {
        assert!(!head.split(" | ").any(|h| h == figure), "{head}");
    }
    assert!(!text.contains("绩效目标调整"), "{text}");
    let (rows, total) = minutes_rows(&text);
    let t = tally_json(&db);
    let projects: u64 = rows.iter().map(|r| r[1].parse::<u64>().unwrap()).sum();
    assert_eq!(projects, t["projects"].as_u64().unwrap());
    assert_eq!(amount(&total[2]), dec(&t["requested"]));
    // A kind no project of a department has is left blank, not 0个/0.00.
    assert!(
        rows.iter().any(|r| r.iter().any(String::is_empty)),
        "{rows:?}"
    );
    assert!(!text.contains("0个/0.00"), "{text}");
}

#[test]
fn a_later_stages_opinions_say_what_was_adjusted_not_what_was_cut() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(
        &dir.path().join("m.db"),
        &["--stage", "monitoring", "--decided", "--as", "主持人"],
    );
    let t = tally_json(&db);
    let out = dir.path().join("意见书");
    ok(&[
        "export",
        "--db",
        s(&db),
        "--per-department",
        "--format",
        "md",
        "--out",
        s(&out),
    ]);
    let mut adjusted = Decimal::ZERO;
    let mut files = 0;
    for e in std::fs::read_dir(&out).unwrap() {
        let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
        files += 1;
        assert!(text.starts_with("# 关于"), "{text}");
        assert!(text.contains("项目绩效监控结果的处理意见"), "{text}");
        let head = text.lines().find(|l| l.starts_with("| 序号 |")).unwrap();
        assert_eq!(
            head,
            "| 序号 | 项目名称（编码） | 申报金额 | 处理结果 | 调整金额 | 审核意见 |"
        );
        assert!(!text.contains("需调整的绩效目标"), "{text}");
        assert!(!text.contains("资金不变 0.00"), "{text}");
        let total = &md_rows(&text, "**合计**")[0];
        adjusted += amount(total[4]);
    }
    assert_eq!(files, t["by_department"].as_array().unwrap().len());
    assert_eq!(adjusted, dec(&t["adjusted_total"]));
}

#[test]
fn word_is_for_the_documents_not_the_results() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let out = dir.path().join("docx");
    let said = ok(&[
        "--lang",
        "zh",
        "export",
        "--db",
        s(&db),
        "--per-department",
        "--format",
        "docx",
        "--out",
        s(&out),
    ]);
    assert!(said.contains("71 份"), "{said}");
    for e in std::fs::read_dir(&out).unwrap() {
        let path = e.unwrap().path();
        assert_eq!(path.extension().unwrap(), "docx");
        let bytes = std::fs::read(&path).unwrap();
        assert!(bytes.starts_with(b"PK\x03\x04"), "{path:?} is not a zip");
    }
    let refused = fails(&[
        "--lang",
        "en",
        "export",
        "--db",
        s(&db),
        "--format",
        "docx",
        "--out",
        s(&dir.path().join("r.docx")),
    ]);
    assert!(
        refused.contains("a Word document is for the review opinions"),
        "{refused}"
    );
    assert!(!dir.path().join("r.docx").exists());
    let refused = fails(&[
        "--lang",
        "en",
        "export",
        "--db",
        s(&db),
        "--minutes",
        "--format",
        "csv",
        "--out",
        s(&dir.path().join("m.csv")),
    ]);
    assert!(refused.contains("not CSV"), "{refused}");
}

#[test]
fn the_screen_sends_the_documents_with_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let db = decided_demo(dir.path());
    let mut t = review::open_zh(&db, "评审甲", 160, 40, &[], dir.path());
    t.wait_text("2021-001-0001");
    t.send("E");
    t.wait_text("已导出审核意见书 71 份（m-审核意见书）");
    t.quit_ok();
    let opinions = std::fs::read_dir(dir.path().join("m-审核意见书"))
        .unwrap()
        .count();
    assert_eq!(opinions, 71);
    for f in ["m-绩效目标表.xlsx", "m-会议纪要.xlsx"] {
        let wb: Xlsx<_> = open_workbook(dir.path().join(f)).unwrap();
        assert_eq!(wb.sheet_names().len(), 1, "{f}");
    }
}
