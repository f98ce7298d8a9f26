//! Each section's own projects and the meeting's reasons, through the
//! store and the commands: a member deciding outside their sections is
//! logged as such, and refused once the chair says sections only (the
//! chair is not held); `huishen reasons` edits the list a batch and the
//! forms pick from, and the tally counts under the names in force.

mod common;

use std::path::Path;

use huishen::domain::Command;
use huishen::i18n::Lang;
use huishen::store::{Denied, Role, Store, StoreError};
use huishen::words::Say;

use common::*;

fn project(st: &Store, code: &str) -> (i64, i64) {
    let r = st
        .project_rows()
        .unwrap()
        .into_iter()
        .find(|r| *r.code == *code)
        .unwrap_or_else(|| panic!("no {code}"));
    (r.id, r.version)
}

/// The words of the log's last event, as `huishen log` says them.
fn last_log_line(db: &Path) -> String {
    let log = ok(&["log", "--db", s(db), "--lang", "zh"]);
    log.lines().last().unwrap_or_default().to_string()
}

#[test]
fn sections_only_holds_members_to_their_sections_and_the_log_says_who_went_outside() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let chair = actor("主持", "chair");
    let mut st = demo_store(&db, &chair);
    st.roster_add("乙", Role::Member, None, &chair).unwrap();
    st.set_sections("乙", &["国资股".to_string()], &chair)
        .unwrap();
    let yi = actor("乙", "yi");

    // Allowed while the meeting does not say sections only, and logged.
    let (id, v) = project(&st, "2021-001-0001");
    st.decide(id, v, &Command::Approve, None, &yi).unwrap();
    let line = last_log_line(&db);
    assert!(line.contains("2021-001-0001"), "{line}");
    assert!(line.contains("（非本人负责股室：综合股）"), "{line}");
    // Inside their own: nothing said.
    let (id, v) = project(&st, "2021-052-0001");
    st.decide(id, v, &Command::Approve, None, &yi).unwrap();
    assert!(!last_log_line(&db).contains("非本人负责股室"));

    // Sections only: refused, saying whose and which.
    st.set_sections_only(true, &chair).unwrap();
    let (id, v) = project(&st, "2021-001-0002");
    let e = st.decide(id, v, &Command::Approve, None, &yi).unwrap_err();
    assert!(
        matches!(e, StoreError::Denied(Denied::OutsideSections { .. })),
        "{e:?}"
    );
    assert_eq!(
        e.say(Lang::Zh),
        "本次会审只允许评审决定本人负责股室（国资股）的项目；2021-001-0002 属于综合股；未写入任何数据"
    );
    assert!(
        e.say(Lang::En).contains("2021-001-0002 is 综合股's"),
        "{}",
        e.say(Lang::En)
    );
    // Their own still, and the chair anywhere.
    let (id, v) = project(&st, "2021-052-0002");
    st.decide(id, v, &Command::Approve, None, &yi).unwrap();
    let (id, v) = project(&st, "2021-001-0002");
    st.decide(id, v, &Command::Approve, None, &chair).unwrap();
    drop(st);

    let t = tally_json(&db);
    assert_eq!(t["decided"], 4);
    let mine = t["by_section"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["section"] == "国资股")
        .unwrap();
    assert_eq!(mine["decided"], 2);
}

#[test]
fn the_reasons_list_is_the_meetings_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo(&dir.path().join("m.db"), &[]);
    let list = ok(&["reasons", "list", "--db", s(&db), "--lang", "zh"]);
    assert!(list.contains(" 3  上年执行率低"), "{list}");
    ok(&["reasons", "add", "重复申报", "--db", s(&db)]);
    ok(&["reasons", "rename", "8", "属于基本支出", "--db", s(&db)]);
    // A batch picks by the new number and the new name.
    apply_text(
        &db,
        "b.csv",
        "项目编码,审核结果,金额（万元）,审核意见,审减原因\n\
         2021-001-0001,取消,,与其他项目重复,9\n\
         2021-001-0002,审减,-10%,,属于基本支出\n",
        &[],
    );
    let by_reason = |db: &Path| -> Vec<(String, u64)> {
        tally_json(db)["by_reason"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["reason"].as_str().unwrap().to_string(),
                    r["projects"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let got = by_reason(&db);
    assert_eq!(got.len(), 9);
    assert_eq!(got[7], ("属于基本支出".to_string(), 1));
    assert_eq!(got[8], ("重复申报".to_string(), 1));

    // A name the list lacks is refused naming the row and the list.
    let why = fails(&[
        "apply",
        s(&write(
            dir.path(),
            "bad.csv",
            "项目编码,审核结果,金额（万元）,审核意见,审减原因\n2021-001-0003,取消,,,超标准\n",
        )),
        "--db",
        s(&db),
        "--lang",
        "zh",
    ]);
    assert!(why.contains("第 2 行"), "{why}");
    assert!(
        why.contains("本次会审没有序号或名称为“超标准”的审减原因"),
        "{why}"
    );
    assert!(why.contains("重复申报"), "{why}");
    assert_eq!(by_reason(&db), got, "nothing written");
}
