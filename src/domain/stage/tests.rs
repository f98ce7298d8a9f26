use super::*;

fn wan(s: &str) -> Money {
    s.parse().unwrap()
}

fn cmd(kind: Kind, amount: Option<&str>, into: Option<&str>) -> StageCommand {
    StageCommand {
        kind,
        amount: amount.map(wan),
        merged_into: into.map(str::to_string),
        ..StageCommand::default()
    }
}

#[test]
fn a_decision_carries_further_outcomes_and_measures() {
    let req = wan("600");
    let p = Stage::PostEvaluation;
    let both = StageCommand {
        also: vec![(Kind::Recover, wan("20.5"))],
        measures: Measures {
            management: true,
            rules: false,
        },
        ..cmd(Kind::Reduce, Some("300"), None)
    };
    let d = decide_stage(p, req, "A", &both).unwrap();
    let a = d.stage.unwrap();
    let t = p.tally([&*a]);
    assert_eq!(t.get(Kind::Reduce).count, 1);
    assert_eq!(t.get(Kind::Recover).amount, wan("20.5"));
    assert_eq!(t.measures.management, 1);
    assert_eq!(t.adjusted_total(), wan("320.5"));
    let twice = StageCommand {
        also: vec![(Kind::Reduce, wan("1"))],
        ..cmd(Kind::Reduce, Some("300"), None)
    };
    assert_eq!(
        decide_stage(p, req, "A", &twice),
        Err(StageError::NotAlso(Kind::Reduce))
    );
    let cancel_too = StageCommand {
        also: vec![(Kind::Cancel, wan("1"))],
        ..cmd(Kind::Reduce, Some("300"), None)
    };
    assert!(decide_stage(p, req, "A", &cancel_too).is_err());
    // Monitoring that changed no money: its measures are the decision.
    let m = StageCommand {
        measures: Measures {
            management: true,
            rules: true,
        },
        ..cmd(Kind::Unchanged, None, None)
    };
    let d = decide_stage(Stage::Monitoring, req, "A", &m).unwrap();
    assert_eq!(d.state, State::Approved);
    let a = d.stage.unwrap();
    assert_eq!(a.amount, Money::ZERO);
    let t = Stage::Monitoring.tally([&*a]);
    assert_eq!((t.measures.management, t.measures.rules), (1, 1));
    assert_eq!(t.adjusted_total(), Money::ZERO);
}

#[test]
fn stage_names_parse_in_both_languages() {
    for s in Stage::ALL {
        assert_eq!(Stage::parse(s.code()), Some(s));
        assert_eq!(Stage::parse(s.zh()), Some(s));
    }
    assert_eq!(Stage::parse("ex-ante"), Some(Stage::ExAnte));
    assert_eq!(Stage::parse("later"), None);
    assert_eq!(Stage::default(), Stage::TargetReview);
}

#[test]
fn words_belong_to_their_stage() {
    let m = Stage::Monitoring;
    let p = Stage::PostEvaluation;
    assert_eq!(m.word("调增"), Some(Kind::Increase));
    assert_eq!(m.word("调减"), Some(Kind::Decrease));
    assert_eq!(p.word("调减"), Some(Kind::Reduce));
    assert_eq!(p.word("合并"), Some(Kind::Merge));
    assert_eq!(p.word("Keep"), Some(Kind::Keep));
    assert_eq!(m.word("维持"), None);
    assert_eq!(m.word_of_other_stage("通过"), Some(Stage::TargetReview));
    assert_eq!(m.word_of_other_stage("合并"), Some(Stage::PostEvaluation));
    assert_eq!(m.word_of_other_stage("收回"), None);
    assert_eq!(
        Stage::TargetReview.word_of_other_stage("调增"),
        Some(Stage::Monitoring)
    );
    assert_eq!(Stage::TargetReview.word_of_other_stage("审减"), None);
    assert!(m.accepted().contains("调减下年预算"));
}

#[test]
fn amounts_must_be_positive_and_within_the_request() {
    let req = wan("100");
    let m = Stage::Monitoring;
    let d = decide_stage(m, req, "A", &cmd(Kind::Decrease, Some("30"), None)).unwrap();
    assert_eq!((d.state, d.approved), (State::Approved, req));
    assert_eq!(d.stage.unwrap().amount, wan("30"));
    assert_eq!(
        decide_stage(m, req, "A", &cmd(Kind::Decrease, Some("0"), None)),
        Err(StageError::AmountNotPositive)
    );
    assert_eq!(
        decide_stage(m, req, "A", &cmd(Kind::Decrease, None, None)),
        Err(StageError::AmountMissing(Kind::Decrease))
    );
    assert!(matches!(
        decide_stage(m, req, "A", &cmd(Kind::Decrease, Some("101"), None)),
        Err(StageError::AmountOverRequest { .. })
    ));
    // An increase may go beyond the request.
    assert!(decide_stage(m, req, "A", &cmd(Kind::Increase, Some("150"), None)).is_ok());
    assert!(matches!(
        decide_stage(
            Stage::PostEvaluation,
            req,
            "A",
            &cmd(Kind::Reduce, Some("120"), None)
        ),
        Err(StageError::AmountOverRequest { .. })
    ));
}

#[test]
fn cancel_and_keep_take_the_whole_request() {
    let req = wan("2000");
    let c = decide_stage(Stage::Monitoring, req, "A", &cmd(Kind::Cancel, None, None)).unwrap();
    assert_eq!((c.state, c.approved), (State::Cancelled, Money::ZERO));
    assert_eq!(c.stage.unwrap().amount, req);
    let k = decide_stage(
        Stage::PostEvaluation,
        req,
        "A",
        &cmd(Kind::Keep, None, None),
    )
    .unwrap();
    assert_eq!(k.stage.unwrap().amount, req);
}

#[test]
fn merge_needs_another_project() {
    let req = wan("100");
    let p = Stage::PostEvaluation;
    assert_eq!(
        decide_stage(p, req, "A", &cmd(Kind::Merge, Some("10"), None)),
        Err(StageError::MergeNeedsTarget)
    );
    assert_eq!(
        decide_stage(p, req, "A", &cmd(Kind::Merge, Some("10"), Some(" A "))),
        Err(StageError::MergeIntoItself)
    );
    let d = decide_stage(p, req, "A", &cmd(Kind::Merge, Some("10"), Some("B"))).unwrap();
    assert_eq!(d.stage.unwrap().merged_into.as_deref(), Some("B"));
    assert_eq!(
        decide_stage(p, req, "A", &cmd(Kind::Keep, None, Some("B"))),
        Err(StageError::MergeTargetOnlyForMerge)
    );
}

#[test]
fn a_kind_of_another_stage_is_refused() {
    let e = decide_stage(
        Stage::Monitoring,
        wan("1"),
        "A",
        &cmd(Kind::Keep, None, None),
    )
    .unwrap_err();
    assert_eq!(
        e,
        StageError::NotThisStage {
            kind: Kind::Keep,
            stage: Stage::Monitoring
        }
    );
}

#[test]
fn tally_counts_each_kind() {
    let a = |k, s: &str| Adjustment::new(k, wan(s));
    let list = [
        a(Kind::Increase, "50"),
        a(Kind::Decrease, "1000"),
        a(Kind::Decrease, "1390.16"),
        a(Kind::Cancel, "2000"),
        a(Kind::Recall, "105"),
        a(Kind::NextYearCut, "100"),
    ];
    let t = Stage::Monitoring.tally(&list);
    assert_eq!(t.get(Kind::Decrease).count, 2);
    assert_eq!(t.get(Kind::Decrease).amount, wan("2390.16"));
    assert_eq!(t.adjusted_total(), wan("4645.16"));
    let p = Stage::PostEvaluation.tally(&[a(Kind::Keep, "10"), a(Kind::Reduce, "2")]);
    assert_eq!(p.adjusted_total(), wan("2"));
}
