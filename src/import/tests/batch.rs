//! Decision batches: words, amounts and indicator numbers, and an
//! exported results table read back.

use super::*;

const BATCH: &str = "\
项目编码,审核结果,审减金额（万元）,审核意见,调整指标
P001,通过,,,
P002,审减,20,压减经费,
P003,取消项目立项,,不符合立项条件,
P004,调整,,目标未量化,\"1，３、5 5\"
P005,待审,,,
P002,cut,7.5,,
";

#[test]
fn batch_reads_words_amounts_and_indicators() {
    let dir = TempDir::new().unwrap();
    let rows = read_batch(&write(&dir, "b.csv", BATCH)).unwrap();
    let words: Vec<CommandWord> = rows.iter().map(|r| r.word).collect();
    use CommandWord::*;
    assert_eq!(words, [Approve, Cut, Cancel, Adjust, Reset, Cut]);
    assert_eq!(rows[1].amount, Some(CutInput::By(wan("20"))));
    assert_eq!(rows[1].comment.as_deref(), Some("压减经费"));
    assert_eq!(rows[0].amount, None);
    assert_eq!(rows[0].comment, None);
    assert_eq!(rows[3].indicators, [1, 3, 5]);
    assert_eq!(rows[3].source_row, 5);
    assert_eq!(rows[5].project_code, "P002");
    assert_eq!(rows[5].amount, Some(CutInput::By(wan("7.5"))));
    assert_eq!(batch_from_csv_text("b.csv", BATCH).unwrap(), rows);

    let approved = "项目编码,审核决定,审定金额（元）\nP1,审减,800000\n";
    let rows = read_batch(&write(&dir, "a.csv", approved)).unwrap();
    assert_eq!(rows[0].amount, Some(CutInput::Approved(wan("80"))));

    let input = "project_id,decision,amount,reason\nP1,cut,80,a\nP2,cut,-20,b\nP3,cut,-15%,c\n";
    let rows = read_batch(&write(&dir, "i.csv", input)).unwrap();
    assert_eq!(rows[0].amount, Some(CutInput::Approved(wan("80"))));
    assert_eq!(rows[1].amount, Some(CutInput::By(wan("20"))));
    assert_eq!(
        rows[2].amount,
        Some(CutInput::Percent(rust_decimal::Decimal::from(15)))
    );

    // The same in a workbook, amounts as numbers.
    let book = dir.path().join("b.xlsx");
    xlsx(&book, &[("Sheet1", BATCH)], 0);
    assert_eq!(
        read_batch(&book).unwrap(),
        read_batch(&write(&dir, "b2.csv", BATCH)).unwrap()
    );

    // A header and no rows is an empty batch.
    assert_eq!(
        read_batch(&write(&dir, "e.csv", "项目编码,决定\n")).unwrap(),
        vec![]
    );
}

#[test]
fn batch_rejections() {
    let dir = TempDir::new().unwrap();
    let text = "\
项目编码,结论,金额,意见,指标
P1,审减,,,
P2,通过,80,,
P3,调整,,,1
P4,批准,,,
P5,调整,,缺指标,1 x
P6,通过,,,2
P7,审减,abc,,
";
    let p = write(&dir, "b.csv", text);
    let err = read_batch(&p).unwrap_err();
    let f = s(&p);
    has(&err, &f, Some(2), Some("金额 (C)"), "a cut needs an amount");
    has(
        &err,
        &f,
        Some(3),
        Some("金额 (C)"),
        "an amount only goes with cut",
    );
    has(
        &err,
        &f,
        Some(4),
        Some("意见 (D)"),
        "adjust needs a comment",
    );
    has(
        &err,
        &f,
        Some(5),
        Some("结论 (B)"),
        "unknown decision \"批准\"",
    );
    has(&err, &f, Some(5), Some("结论 (B)"), CommandWord::accepted());
    has(
        &err,
        &f,
        Some(6),
        Some("指标 (E)"),
        "\"x\" is not an indicator number",
    );
    has(
        &err,
        &f,
        Some(7),
        Some("指标 (E)"),
        "indicator numbers only go with adjust",
    );
    has(&err, &f, Some(8), Some("金额 (C)"), "bad amount \"abc\"");
    assert_eq!(err.len(), 7, "{err:#?}");

    let p = write(&dir, "n.csv", "项目编码,结论\nP1,审减\n");
    let err = read_batch(&p).unwrap_err();
    has(&err, &s(&p), Some(2), Some("结论 (B)"), "no amount column");

    let p = write(&dir, "two.csv", "项目编码,结论,审减金额,金额\n");
    let err = read_batch(&p).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(1),
        Some("审减金额 (C)"),
        "two amount columns",
    );
    let p = write(&dir, "two.csv", "项目编码,结论,金额,审定金额\n");
    let err = read_batch(&p).unwrap_err();
    has(
        &err,
        &s(&p),
        Some(1),
        Some("审定金额 (D)"),
        "two amount columns",
    );
}

/// 审定 and 审减 together are an exported results table: both amounts go
/// with the row to be checked against the project, 待审 rows are left out,
/// and 调整绩效目标 是 adds the adjustment.
#[test]
fn an_exported_results_table_is_a_batch() {
    let dir = TempDir::new().unwrap();
    let text = "项目编码,申报金额（万元）,审定金额（万元）,审减金额（万元）,审核结果,调整绩效目标,需调整指标,调整理由\n\
                P1,100.00,80.00,20.00,审减,是,全部,目标偏高\n\
                P2,50.00,50.00,0.00,通过,,,\n\
                P3,30.00,,,待审,,,\n\
                P4,10.00,0.00,10.00,取消,,,\n\
                P5,10.00,10.00,0.00,通过,是,1、3,缺少时效指标\n";
    let b = read_batch_file(
        &write(&dir, "x.csv", text),
        crate::domain::Stage::TargetReview,
    )
    .unwrap();
    assert_eq!(b.skipped_pending, 1);
    let got: Vec<(&str, CommandWord)> = b
        .rows
        .iter()
        .map(|r| (r.project_code.as_str(), r.word))
        .collect();
    use CommandWord::*;
    assert_eq!(
        got,
        [
            ("P1", Cut),
            ("P1", Adjust),
            ("P2", Approve),
            ("P4", Cancel),
            ("P5", Approve),
            ("P5", Adjust)
        ]
    );
    assert_eq!(b.rows[0].amount, Some(CutInput::Approved(wan("80"))));
    let split = b.rows[0].split.as_ref().unwrap();
    assert_eq!((split.approved, split.cut), (wan("80"), wan("20")));
    assert!(split.columns.contains("(C)") && split.columns.contains("(D)"));
    // The reason is the adjustment's; the row's comment (最新审核意见)
    // came with the decision's row.
    assert_eq!(b.rows[1].reason.as_deref(), Some("目标偏高"));
    assert_eq!(b.rows[1].comment, None);
    assert!(b.rows[1].indicators.is_empty(), "全部");
    assert_eq!(b.rows[5].indicators, [1, 3]);
    assert_eq!(b.rows[2].split.as_ref().unwrap().cut, Money::ZERO);

    let bad = "项目编码,审定金额,审减金额,审核结果,调整绩效目标,调整理由\n\
               P1,80,,审减,,\n\
               P2,,,待审x,,\n\
               P3,1,,待审,,\n\
               P4,,,通过,是,\n";
    let p = write(&dir, "bad.csv", bad);
    let err = read_batch_file(&p, crate::domain::Stage::TargetReview).unwrap_err();
    has(&err, &s(&p), Some(2), Some("审减金额 (C)"), "write both");
    has(
        &err,
        &s(&p),
        Some(3),
        Some("审核结果 (D)"),
        "unknown decision",
    );
    has(
        &err,
        &s(&p),
        Some(4),
        Some("审定金额 (B)"),
        "待审 row has no amounts",
    );
    has(
        &err,
        &s(&p),
        Some(5),
        Some("调整理由 (F)"),
        "needs its reason",
    );

    // At a later stage the table is refused, saying what to write instead.
    let p = write(&dir, "later.csv", text);
    let err = read_batch_file(&p, crate::domain::Stage::Monitoring).unwrap_err();
    has(&err, &s(&p), Some(1), None, "调整类型");
}

#[test]
fn a_cut_of_more_than_the_whole_request_is_refused_in_the_file() {
    let dir = TempDir::new().unwrap();
    let text = "\
项目编码,审核结果,金额（万元）
P1,审减,-100%
P2,审减,-100.01%
P3,审减,-99999999999999999999999999%
P4,审减,-12.5%
";
    let p = write(&dir, "b.csv", text);
    let err = read_batch(&p).unwrap_err();
    let f = s(&p);
    let col = Some("金额（万元） (C)");
    has(&err, &f, Some(3), col, "more than 100%");
    has(&err, &f, Some(4), col, "more than 100%");
    assert_eq!(err.len(), 2, "{err:#?}");
    // 100% itself reaches the decision rule, which calls it a cancellation.
    let rows = batch_from_csv_text("b.csv", "项目编码,审核结果,金额\nP1,审减,-100%\n").unwrap();
    assert_eq!(
        rows[0].amount,
        Some(CutInput::Percent(Decimal::ONE_HUNDRED))
    );
}
