//! A batch planned against projects held in memory: no SQLite.

use std::cell::RefCell;
use std::collections::HashMap;

use super::*;
use crate::domain::{AmountSplit, CutInput, State};
use crate::words::{Lang, Say};

fn wan(s: &str) -> Money {
    s.parse().unwrap()
}

fn row(source_row: usize, code: &str, word: CommandWord, text: &str) -> BatchRow {
    BatchRow {
        source_row,
        project_code: code.into(),
        word,
        amount: None,
        comment: None,
        reason: None,
        indicators: Vec::new(),
        word_text: text.into(),
        stage_amount: None,
        merged_into: None,
        split: None,
        also: Vec::new(),
        measures: Default::default(),
        reasons: None,
        columns: Default::default(),
    }
}

fn project(requested: &str, indicators: u32) -> ProjectState {
    ProjectState {
        requested: wan(requested),
        indicators,
        decision: Decision::pending(),
        latest_comment: None,
    }
}

/// A meeting of projects P1 (100 万元, 2 indicators) and P2 (50 万元).
fn meeting() -> HashMap<&'static str, ProjectState> {
    HashMap::from([("P1", project("100", 2)), ("P2", project("50", 0))])
}

fn plan_in(
    projects: &HashMap<&'static str, ProjectState>,
    stage: Stage,
    rows: &[BatchRow],
) -> Result<Plan, Vec<Problem>> {
    plan("d.csv", rows, stage, Rounding::default(), |code| {
        projects.get(code).cloned()
    })
}

/// Each problem as `row: English | 中文`.
fn said(problems: &[Problem]) -> Vec<String> {
    problems
        .iter()
        .map(|p| {
            format!(
                "{}: {} | {}",
                p.row.unwrap_or(0),
                p.kind.say(Lang::En),
                p.kind.say(Lang::Zh)
            )
        })
        .collect()
}

fn approved(amount: &str) -> Decision {
    Decision {
        state: State::Approved,
        approved: wan(amount),
        adjust: None,
        stage: None,
    }
}

fn cut_to(amount: &str) -> Decision {
    Decision {
        state: State::Cut,
        ..approved(amount)
    }
}

#[test]
fn each_row_starts_from_what_the_rows_before_leave() {
    let mut cut = row(2, "P1", CommandWord::Cut, "审减");
    cut.amount = Some(CutInput::Approved(wan("80")));
    let rows = [
        cut,
        row(3, "P2", CommandWord::Approve, "通过"),
        row(4, "P1", CommandWord::Approve, "通过"),
    ];
    let plan = plan_in(&meeting(), Stage::TargetReview, &rows).unwrap();
    let steps: Vec<_> = plan
        .steps
        .iter()
        .map(|s| (s.code.as_str(), s.kind, s.before.clone(), s.after.clone()))
        .collect();
    assert_eq!(
        steps,
        [
            ("P1", "cut", Decision::pending(), cut_to("80")),
            ("P2", "approve", Decision::pending(), approved("50")),
            ("P1", "approve", cut_to("80"), approved("100")),
        ]
    );
    // Each project once, in the order first touched, from before the
    // batch to after it.
    assert_eq!(
        plan.projects,
        [
            Outcome {
                code: "P1".into(),
                before: Decision::pending(),
                after: approved("100"),
            },
            Outcome {
                code: "P2".into(),
                before: Decision::pending(),
                after: approved("50"),
            },
        ]
    );
}

#[test]
fn a_project_is_looked_up_once() {
    let projects = meeting();
    let asked = RefCell::new(Vec::new());
    let rows = [
        row(2, "P1", CommandWord::Approve, "通过"),
        row(3, "P1", CommandWord::Reset, "待审"),
        row(4, "P1", CommandWord::Approve, "通过"),
    ];
    let plan = plan(
        "d.csv",
        &rows,
        Stage::TargetReview,
        Rounding::default(),
        |code| {
            asked.borrow_mut().push(code.to_string());
            projects.get(code).cloned()
        },
    )
    .unwrap();
    assert_eq!(asked.into_inner(), ["P1"]);
    assert_eq!(plan.steps.len(), 3);
    assert!(plan.projects[0].changed());
}

#[test]
fn every_problem_is_said_at_once_with_its_row() {
    let mut adjust = row(5, "P1", CommandWord::Adjust, "调整");
    adjust.indicators = vec![1, 3];
    adjust.comment = Some("指标不全".into());
    let mut zero = row(6, "P2", CommandWord::Cut, "审减");
    zero.amount = Some(CutInput::Approved(Money::ZERO));
    let rows = [
        row(2, "P9", CommandWord::Approve, "通过"),
        row(3, "P1", CommandWord::Approve, "通过"),
        row(4, "P1", CommandWord::Cut, "审减"),
        adjust,
        zero,
    ];
    let problems = plan_in(&meeting(), Stage::TargetReview, &rows).unwrap_err();
    assert_eq!(
        said(&problems),
        [
            "2: no project P9 in this meeting | 本次会审中没有项目 P9",
            "4: a cut needs an amount | 审减须填写金额",
            "5: project P1 has no indicator 3 (it has 2) | 项目 P1 没有第 3 个绩效指标（共 2 个）",
            "6: P2: a cut to zero is a cancellation; cancel the project instead | P2：审减到零即取消立项，请改用取消",
        ]
    );
    assert!(
        problems
            .iter()
            .all(|p| p.file == "d.csv" && p.column.is_none())
    );
}

#[test]
fn an_exported_tables_amounts_must_be_the_projects() {
    let split = |approved: &str, cut: &str| {
        Some(AmountSplit {
            approved: wan(approved),
            cut: wan(cut),
            columns: "G + H".into(),
        })
    };
    let mut sum = row(2, "P1", CommandWord::Approve, "通过");
    sum.split = split("90", "20");
    let mut leaves = row(3, "P2", CommandWord::Approve, "通过");
    leaves.split = split("40", "10");
    let mut fits = row(4, "P1", CommandWord::Cut, "审减");
    fits.amount = Some(CutInput::Approved(wan("90")));
    fits.split = split("90", "10");
    let problems = plan_in(&meeting(), Stage::TargetReview, &[sum, leaves, fits]).unwrap_err();
    assert_eq!(
        said(&problems),
        [
            "2: P1: 审定 90.00 + 审减 20.00 = 110.00 万元, but the project requested 100.00 万元 \
             | P1：审定 90.00 + 审减 20.00 = 110.00 万元，但该项目申报金额为 100.00 万元",
            "3: P2: 通过 leaves 50.00 万元 approved, but 审定 says 40.00 \
             | P2：通过 后审定金额为 50.00 万元，但审定列写的是 40.00",
        ]
    );
    assert!(
        problems
            .iter()
            .all(|p| p.column.as_deref() == Some("G + H"))
    );
}

#[test]
fn a_comment_already_said_is_not_added_again() {
    let mut projects = meeting();
    projects.get_mut("P1").unwrap().latest_comment = Some("依据不足".into());
    let with = |n, code, comment: &str| {
        let mut r = row(n, code, CommandWord::Approve, "通过");
        r.comment = Some(comment.into());
        r
    };
    let rows = [
        with(2, "P1", " 依据不足 "),
        with(3, "P1", "另有意见"),
        with(4, "P1", "另有意见"),
        with(5, "P2", "依据不足"),
        with(6, "P2", "  "),
    ];
    let plan = plan_in(&projects, Stage::TargetReview, &rows).unwrap();
    let comments: Vec<_> = plan.steps.iter().map(|s| s.comment.as_deref()).collect();
    assert_eq!(
        comments,
        [None, Some("另有意见"), None, Some("依据不足"), None]
    );
}

#[test]
fn a_later_stage_takes_its_own_words_and_merges_into_the_meeting() {
    let stage_row = |n, code, kind, amount: Option<&str>, into: Option<&str>| {
        let mut r = row(n, code, CommandWord::Stage(kind), kind.zh());
        r.stage_amount = amount.map(wan);
        r.merged_into = into.map(String::from);
        r
    };
    let rows = [
        row(2, "P1", CommandWord::Approve, "通过"),
        stage_row(3, "P1", Kind::Merge, Some("100"), Some(" P9 ")),
        stage_row(4, "P1", Kind::Merge, Some("100"), Some("P2")),
        row(5, "P2", CommandWord::Reset, "待审"),
    ];
    let problems = plan_in(&meeting(), Stage::PostEvaluation, &rows).unwrap_err();
    let said = said(&problems);
    assert_eq!(said.len(), 2, "{said:?}");
    assert!(
        said[0].starts_with(
            "2: P1: 通过 is a decision of 绩效目标会审 (target_review); \
             this meeting is at 事后绩效评价 (post_evaluation)"
        ),
        "{}",
        said[0]
    );
    assert_eq!(
        said[1],
        "3: P1: no project P9 in this meeting to merge into | P1：本次会审中没有项目 P9，无法合并"
    );

    let plan = plan_in(&meeting(), Stage::PostEvaluation, &rows[2..]).unwrap();
    let kinds: Vec<_> = plan.steps.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, ["merge", "reset"]);
    assert_eq!(
        plan.steps[0]
            .after
            .stage
            .as_ref()
            .and_then(|a| a.merged_into.as_deref()),
        Some("P2")
    );
    // P2 reset from pending: touched, not changed.
    assert!(!plan.projects[1].changed());
}

#[test]
fn the_screens_words_at_a_later_stage() {
    let keep = at_stage(Stage::PostEvaluation, "P1", &Command::Approve).unwrap();
    assert_eq!(keep.code(), "keep");
    let cancel = at_stage(Stage::Monitoring, "P1", &Command::Cancel).unwrap();
    assert_eq!(cancel.code(), "cancel");
    assert!(matches!(
        at_stage(Stage::Monitoring, "P1", &Command::Approve),
        Err(StageError::WordOfOtherStage { word, .. }) if word == "approve (通过)"
    ));
    assert!(matches!(
        at_stage(Stage::Monitoring, "P1", &Command::Cut(wan("1"))),
        Err(StageError::WordOfOtherStage { word, .. }) if word == "cut (审减)"
    ));
    assert_eq!(
        at_stage(Stage::TargetReview, "P1", &Command::Approve),
        Ok(Command::Approve)
    );
    let later = Command::Stage {
        stage: Stage::Monitoring,
        code: "P1".into(),
        command: StageCommand {
            also: Vec::new(),
            measures: Default::default(),
            kind: Kind::Increase,
            amount: Some(wan("5")),
            merged_into: None,
        },
    };
    assert_eq!(
        at_stage(Stage::ExAnte, "P1", &later),
        Err(StageError::NotThisStage {
            kind: Kind::Increase,
            stage: Stage::ExAnte,
        })
    );
}

#[test]
fn a_merge_target_is_the_code_trimmed() {
    let merge = |kind, into: Option<&str>| StageCommand {
        also: Vec::new(),
        measures: Default::default(),
        kind,
        amount: None,
        merged_into: into.map(String::from),
    };
    assert_eq!(merge_target(&merge(Kind::Merge, Some(" P2 "))), Some("P2"));
    assert_eq!(merge_target(&merge(Kind::Merge, Some("  "))), None);
    assert_eq!(merge_target(&merge(Kind::Merge, None)), None);
    assert_eq!(merge_target(&merge(Kind::Cancel, Some("P2"))), None);
}
