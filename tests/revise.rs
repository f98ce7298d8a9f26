//! Revise and confirm (退回修改 → 已修改 → 已确认), issue 17: a project whose
//! targets the panel sent back takes the department's revision
//! (`huishen import --revised`), the screen shows old beside new until a
//! reviewer confirms it (`v`) or returns it with a reason (`t`), the list
//! and the tally count projects by where they stand, and every step is an
//! event in the log. The round trip runs the real binary in a pty.

mod common;

use std::path::{Path, PathBuf};

use common::review;
use common::*;

const WHO: &str = "评审甲";

/// Three projects of two departments with their indicators; 0001 cut and
/// sent back (indicator 1), 0002 approved, 0003 pending.
fn meeting(dir: &Path) -> PathBuf {
    write(
        dir,
        "ind.csv",
        "项目编码,一级指标,二级指标,三级指标,指标值,计量单位\n\
         P-0001,产出指标,数量指标,培训人次,≥100,人次\n\
         P-0001,效益指标,社会效益指标,群众知晓率,提高,%\n\
         P-0002,产出指标,数量指标,维修道路,12,公里\n\
         P-0003,产出指标,质量指标,验收合格率,100,%\n",
    );
    let db = import_meeting(
        dir,
        "项目编码,部门,项目名称,预算类型,申报金额（万元）\n\
         P-0001,市教育局,教师培训经费,一般公共预算,100.00\n\
         P-0002,市交通运输局,农村公路养护,一般公共预算,50.00\n\
         P-0003,市交通运输局,客运站改造,一般公共预算,30.00\n",
        &["--as", WHO, "--indicators", s(&dir.join("ind.csv"))],
    );
    apply_text(
        &db,
        "batch.csv",
        "项目编码,审核结果,金额（万元）,调整指标,审核意见\n\
         P-0001,审减,80,,压减培训规模\n\
         P-0001,调整,,1,培训人次目标偏低，未说明测算依据\n\
         P-0002,通过,,,\n",
        &["--as", WHO],
    );
    db
}

fn revision(dir: &Path, name: &str, rows: &str) -> PathBuf {
    write(
        dir,
        name,
        format!("项目编码,一级指标,二级指标,三级指标,指标值,计量单位\n{rows}"),
    )
}

fn revised_counts(db: &Path) -> (u64, u64, u64) {
    let j = tally_json(db);
    let c = &j["counts"];
    (
        c["waiting"].as_u64().unwrap(),
        c["revised"].as_u64().unwrap(),
        c["confirmed"].as_u64().unwrap(),
    )
}

#[test]
fn a_revision_goes_round_sent_back_revised_returned_revised_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let db = meeting(dir.path());
    assert_eq!(revised_counts(&db), (1, 0, 0));

    // A revision for a project not waiting for one is refused, naming it,
    // and nothing is written.
    let wrong = revision(
        dir.path(),
        "wrong.csv",
        "P-0001,产出指标,数量指标,培训人次,≥150,人次\nP-0002,产出指标,数量指标,维修道路,15,公里\n",
    );
    let said = refused(
        "a revision of an approved project",
        huishen(&[
            "import",
            s(&wrong),
            "--revised",
            "--db",
            s(&db),
            "--as",
            WHO,
            "--lang",
            "zh",
        ]),
    );
    assert!(said.contains("wrong.csv 第 3 行"), "{said}");
    assert!(
        said.contains("P-0002") && said.contains("不在等待修改"),
        "{said}"
    );
    assert_eq!(revised_counts(&db), (1, 0, 0));

    // The department's first revision.
    let first = revision(
        dir.path(),
        "rev1.csv",
        "P-0001,产出指标,数量指标,培训人次,≥120,人次\nP-0001,效益指标,社会效益指标,群众知晓率,提高,%\n",
    );
    let out = ok(&[
        "import",
        s(&first),
        "--revised",
        "--db",
        s(&db),
        "--as",
        WHO,
        "--lang",
        "zh",
    ]);
    assert!(out.contains("1 个项目的修改稿"), "{out}");
    assert_eq!(revised_counts(&db), (0, 1, 0));

    let mut t = review::open_zh(&db, WHO, 140, 40, &[], dir.path());
    t.wait_text("P-0001");
    // The list marks it 已改; the tally bar counts it.
    // (Waited for together: a frame may arrive in pieces.)
    t.wait_all(&["已改", "已修改 1", "待修改 0"]);
    // Old beside new in the detail pane.
    t.wait_all(&[
        "部门修改稿",
        "原 产出指标 / 数量指标 / 培训人次  ≥100人次",
        "新 产出指标 / 数量指标 / 培训人次  ≥120人次",
    ]);

    // Returned again, with a reason: back to 退回修改.
    t.send("t");
    t.wait_text("退回重新修改");
    t.send(" \t");
    t.send("仍未说明测算依据");
    t.send("\r");
    t.wait_text("已保存 P-0001");
    t.wait_gone("部门修改稿");
    t.wait_gone("已修改 1");

    // The second revision comes in while the screen is open: it follows.
    let second = revision(
        dir.path(),
        "rev2.csv",
        "P-0001,产出指标,数量指标,培训人次,≥120,人次\nP-0001,产出指标,成本指标,人均培训成本,≤800,元\nP-0001,效益指标,社会效益指标,群众知晓率,≥90,%\n",
    );
    ok(&[
        "import",
        s(&second),
        "--revised",
        "--db",
        s(&db),
        "--as",
        WHO,
    ]);
    // An added indicator is marked.
    t.wait_all(&["部门修改稿", "新增"]);
    t.wait_text("已修改 1");

    // Confirmed: its indicators are now the project's.
    t.send("v");
    t.wait_all(&["已确认 1", "已保存 P-0001"]);
    t.wait_gone("部门修改稿");
    t.wait_all(&["人均培训成本", "≤800元"]);
    t.quit_ok();

    assert_eq!(revised_counts(&db), (0, 0, 1));
    // Every step is in the log.
    let log = ok(&["log", "--db", s(&db), "--lang", "zh"]);
    let steps: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("P-0001"))
        .filter_map(|l| {
            ["修改稿导入", "退回重新修改", "确认修改", "调整绩效目标"]
                .into_iter()
                .find(|w| l.contains(w))
        })
        .collect();
    assert_eq!(
        steps,
        [
            "调整绩效目标",
            "修改稿导入",
            "退回重新修改",
            "修改稿导入",
            "确认修改"
        ],
        "{log}"
    );
    // A confirmed revision takes no other.
    let said = refused(
        "a third revision",
        huishen(&[
            "import",
            s(&first),
            "--revised",
            "--db",
            s(&db),
            "--as",
            WHO,
            "--lang",
            "en",
        ]),
    );
    assert!(said.contains("confirmed"), "{said}");
}
