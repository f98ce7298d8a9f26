//! The four stages through the real binary: each stage's demo reproduces the
//! report's sentences, the tally follows the stage, and wrong decisions leave
//! the meeting as it was.

mod common;

use std::path::{Path, PathBuf};

use common::*;

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn decided_demo(dir: &Path, stage: &str) -> PathBuf {
    demo(
        &dir.join(format!("{stage}.db")),
        &["--stage", stage, "--decided"],
    )
}

fn summary(dir: &Path, db: &Path) -> String {
    let out = dir.join("summary.md");
    ok(&[
        "--lang",
        "zh",
        "export",
        "--db",
        s(db),
        "--format",
        "md",
        "--out",
        s(&out),
    ]);
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn each_stage_summary_has_the_report_sentences() {
    let d = dir();
    let cases = [
        (
            "ex_ante",
            "经统计，开展评估的5个项目单位申报总金额为7038.7万元，评估建议安排3607.7万元，审减资金3431万元，审减率达48.74%。",
        ),
        (
            "monitoring",
            "经统计，用于改进项目管理17个，完善工作制度、办法2个，调整项目资金4645.16万元（其中调增当年预算项目1个，增加资金50万元；调减当年预算项目7个，调减资金2390.16万元；取消项目1个，取消资金2000万元；收回当年不实施项目1个，收回资金105万元；调减下一年度项目1个，调减下年预算100万元）",
        ),
        (
            "post_evaluation",
            "收回结余资金47.95万元；改进项目（政策）管理25个；完善项目（政策）管理制度12个；维持下年预算项目11个，维持额度5088万元；增加下年预算项目9个，增加资金2250.76万元；调减下年度预算项目10个，调减资金2762.21万元；合并下年度项目预算4个，合并资金2990.9万元；取消下年度预算项目1个，取消资金1000万元。",
        ),
    ];
    for (stage, sentence) in cases {
        let db = decided_demo(d.path(), stage);
        let md = summary(d.path(), &db);
        assert!(md.contains(sentence), "{stage}:\n{md}");
    }
}

#[test]
fn tally_json_follows_the_stage() {
    let d = dir();
    let m = tally_json(&decided_demo(d.path(), "monitoring"));
    assert_eq!(m["stage"], "monitoring");
    assert_eq!(m["kinds"]["increase"]["count"], 1);
    assert_eq!(m["kinds"]["increase"]["amount"], "50.00");
    assert_eq!(m["kinds"]["decrease"]["count"], 7);
    assert_eq!(m["kinds"]["decrease"]["amount"], "2390.16");
    assert_eq!(m["kinds"]["cancel"]["amount"], "2000.00");
    assert_eq!(m["kinds"]["recall"]["amount"], "105.00");
    assert_eq!(m["kinds"]["next_year_cut"]["amount"], "100.00");
    assert_eq!(m["adjusted_total"], "4645.16");
    let p = tally_json(&decided_demo(d.path(), "事后绩效评价"));
    assert_eq!(p["stage"], "post_evaluation");
    assert_eq!(p["kinds"]["keep"]["count"], 11);
    assert_eq!(p["kinds"]["keep"]["amount"], "5088.00");
    assert_eq!(p["kinds"]["merge"]["amount"], "2990.90");
    assert_eq!(p["kinds"]["recover"]["amount"], "47.95");
    let t = tally_json(&decided_demo(d.path(), "target_review"));
    // A target review's JSON is as it always was: no stage, no kinds.
    assert!(t.get("stage").is_none());
    assert!(t.get("kinds").is_none());
}

fn monitoring_meeting(dir: &Path) -> PathBuf {
    demo(&dir.join("m.db"), &["--stage", "monitoring"])
}

fn refused(dir: &Path, db: &Path, name: &str, csv: &str) -> String {
    let before = tally_json(db);
    let file = write(dir, name, csv);
    let err = fails(&["apply", s(&file), "--db", s(db)]);
    assert_eq!(tally_json(db), before, "the batch changed the meeting");
    err
}

#[test]
fn wrong_decisions_leave_the_meeting_unchanged() {
    let d = dir();
    let db = monitoring_meeting(d.path());
    let err = refused(
        d.path(),
        &db,
        "wrong-stage.csv",
        "项目编码,审核结果,金额\n2021-JK-001,调增,10\n2021-JK-002,审减,80\n",
    );
    assert!(
        err.contains("绩效目标会审") && err.contains("事中绩效监控"),
        "{err}"
    );
    assert!(err.contains("row 3"), "{err}");
    let err = refused(
        d.path(),
        &db,
        "zero.csv",
        "项目编码,审核结果,金额\n2021-JK-002,调减,0\n",
    );
    assert!(
        err.contains("more than 0") && err.contains("row 2"),
        "{err}"
    );

    let p = d.path().join("p.db");
    demo(&p, &["--stage", "post_evaluation"]);
    let err = refused(
        d.path(),
        &p,
        "merge.csv",
        "项目编码,审核结果,金额,合并至\n2020-PJ-030,合并,100,2020-XX-999\n",
    );
    assert!(err.contains("2020-XX-999"), "{err}");
}

#[test]
fn new_takes_a_stage_and_batches_use_its_words() {
    let d = dir();
    let db = d.path().join("n.db");
    ok(&["new", s(&db), "--stage", "事中绩效监控"]);
    let stage = common::db::read(&db).meeting().unwrap().stage;
    assert_eq!(stage, "monitoring");
    let bad = d.path().join("x.db");
    fails(&["new", s(&bad), "--stage", "later"]);
}

/// Issue 17: a later stage's tally says what the stage decided — each
/// kind, the money adjusted, what the results were used for besides money
/// — and never a target review's 审定, 审减 or 审减率, in `huishen tally`,
/// `demo --no-open` and the JSON alike.
#[test]
fn tally_follows_the_stage_and_carries_the_non_money_outcomes() {
    let d = dir();
    for (stage, management, rules) in [("monitoring", 17, 2), ("post_evaluation", 25, 12)] {
        let db = d.path().join(format!("{stage}-t.db"));
        let printed = ok(&[
            "--lang",
            "zh",
            "demo",
            "--no-open",
            "--decided",
            "--stage",
            stage,
            "--db",
            s(&db),
        ]);
        let text = ok(&["--lang", "zh", "tally", "--db", s(&db)]);
        for out in [&printed, &text] {
            assert!(
                !out.contains("审减率") && !out.contains("审定"),
                "{stage}:\n{out}"
            );
            assert!(
                out.contains(&format!("改进管理 {management} · 完善制度 {rules}")),
                "{stage}:\n{out}"
            );
            assert!(out.contains("按部门（万元）"), "{stage}:\n{out}");
        }
        let j = tally_json(&db);
        for key in ["approved", "cut", "cut_rate", "decided_requested"] {
            assert!(j.get(key).is_none(), "{stage}: {key} in {j}");
            assert!(j["by_department"][0].get(key).is_none(), "{stage}: {key}");
        }
        assert_eq!(j["measures"]["management"], management, "{stage}");
        assert_eq!(j["measures"]["rules"], rules, "{stage}");
        // Each group's kinds add up to the stage's.
        let kinds = j["kinds"].as_object().unwrap();
        for (kind, total) in kinds {
            let sum: u64 = j["by_department"]
                .as_array()
                .unwrap()
                .iter()
                .map(|g| g["kinds"][kind]["count"].as_u64().unwrap())
                .sum();
            assert_eq!(sum, total["count"].as_u64().unwrap(), "{stage} {kind}");
        }
    }
    // Post-evaluation's surplus is recovered on projects also reduced, as
    // the report counts it: no project is invented for it.
    let j = tally_json(&d.path().join("post_evaluation-t.db"));
    assert_eq!(j["projects"], 35);
    assert_eq!(j["kinds"]["recover"]["count"], 3);
    assert_eq!(j["kinds"]["recover"]["amount"], "47.95");
    assert_eq!(j["kinds"]["reduce"]["count"], 10);
    // The English summary names the measures too.
    let en = d.path().join("m.md");
    let db = d.path().join("monitoring-t.db");
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
    let md = std::fs::read_to_string(en).unwrap();
    assert!(
        md.contains(
            "Used to improve the management of 17 projects and to improve working rules in 2."
        ),
        "{md}"
    );
}
