//! Reading a decision batch (初审意见, 审核结果): one decision per row, in
//! the words of the meeting's stage; or a results table as `huishen
//! export` writes it, its two amounts to be checked against the project.

use std::sync::Arc;

use crate::domain::decision::{CommandWord, CutInput, CutInputError};
use crate::domain::money::parse_amount;
use crate::domain::problem::{LaterProblem, Problem, RowProblem, TableProblem, WeighProblem};
use crate::domain::project::{AmountSplit, BatchReasons, BatchRow, RowColumns};
use crate::domain::reason::ReasonRef;
use crate::domain::stage::{Kind as StageKind, Stage, StageError};

use super::cell::{Kind, RowCtx, optional};
use super::columns::{CODE, Column, Spec, spec, two_amount_columns};
use super::lines::{is_note_line, is_total_row, unit_note};
use super::locate::{Mapped, read_header};
use super::table::{Cell, Row};
use super::{Problems, clip, quote};
use cells::{exported_adjustment, indicator_list, parse_batch_amount, read_word, row_word};

mod cells;

const B_CODE: usize = 0;
const B_DECISION: usize = 1;
const B_AMOUNT: usize = 2;
const B_CUT: usize = 3;
const B_APPROVED: usize = 4;
const B_COMMENT: usize = 5;
const B_INDICATORS: usize = 6;
const B_MERGED_INTO: usize = 7;
/// The adjustment columns of an exported results table (审核结果 sheet).
const B_ADJUST_FLAG: usize = 8;
const B_ADJUST_LIST: usize = 9;
const B_ADJUST_REASON: usize = 10;
/// A later stage's results table: its decision's kind and amount.
const B_KIND: usize = 11;
const B_KIND_AMOUNT: usize = 12;
/// The reasons for a cut or a cancellation.
const B_REASONS: usize = 13;
/// A later stage's further outcomes (`收回结余 20.50`) and measures
/// (`改进管理、完善制度`).
const B_ALSO: usize = 14;
const B_MEASURES: usize = 15;

const fn money(s: Spec) -> Spec {
    Spec {
        money: true,
        group: Some("amount"),
        ..s
    }
}

pub(super) const BATCH_SPECS: &[Spec] = &[
    spec("项目编码", "project_id", CODE, true),
    spec(
        "审核结果",
        "decision",
        &["审核结果", "审核决定", "决定", "结论", "decision"],
        true,
    ),
    // `80` approved, `-20` cut by, `-15%` cut by a share.
    money(spec("金额", "amount", &["金额", "审减", "amount"], false)),
    money(spec(
        "审减金额",
        "cut",
        &["审减金额", "cut", "cut_amount"],
        false,
    )),
    // Not in the group: beside 审减金额 it is an exported results table
    // (both must add up to the request); beside 金额 it is refused below.
    Spec {
        group: None,
        ..money(spec(
            "审定金额",
            "approved",
            &["审定金额", "安排金额", "approved"],
            false,
        ))
    },
    spec(
        "审核意见",
        "comment",
        // 最新审核意见: the exported results table's column.
        &[
            "审核意见",
            "意见",
            "备注",
            "comment",
            "reason",
            "最新审核意见",
        ],
        false,
    ),
    spec(
        "调整指标",
        "indicators",
        &["调整指标", "指标", "indicators"],
        false,
    ),
    spec(
        "合并至",
        "merged_into",
        &["合并至", "合并到", "合并入", "merged_into", "merge_into"],
        false,
    ),
    spec("调整绩效目标", "adjust_targets", &["调整绩效目标"], false),
    spec("需调整指标", "indicators_to_adjust", &["需调整指标"], false),
    spec("调整理由", "adjust_reason", &["调整理由"], false),
    spec("调整类型", "adjustment_kind", &["调整类型"], false),
    Spec {
        group: None,
        ..money(spec("调整金额", "adjustment_amount", &["调整金额"], false))
    },
    spec(
        "审减原因",
        "reasons",
        &[
            "审减原因",
            "审减/取消原因",
            "原因",
            "reasons",
            "cut_reasons",
        ],
        false,
    ),
    spec("另有调整", "also", &["另有调整", "其他调整", "also"], false),
    spec(
        "结果应用",
        "measures",
        &["结果应用", "改进措施", "measures"],
        false,
    ),
];

/// A decision batch as read: its rows, and how many rows of an exported
/// results table were left out because the project was 待审 there.
#[derive(Debug, Default)]
pub struct Batch {
    pub rows: Vec<BatchRow>,
    pub skipped_pending: usize,
}

/// Reads the rows of a decision batch. A table with both 审定金额 and
/// 审减金额 is a results table as `huishen export` writes it: each row's two
/// amounts are carried as an [`AmountSplit`] to be checked against the
/// project, its 待审 rows are left out (counted), and a row marked 调整绩效目标
/// 是 is followed by an adjustment with its 调整理由 and 需调整指标.
pub(super) fn read_batch_rows(
    rows: &[Row],
    file: &str,
    stage: Stage,
    problems: &mut Problems,
) -> Batch {
    let mut batch = Batch::default();
    let specs = BATCH_SPECS;
    let Some(Mapped { header, cols, body }) = read_header(rows, file, specs, problems) else {
        return batch;
    };
    let col = |i: usize| cols[i].as_ref();
    let (Some(c_code), Some(c_decision)) = (col(B_CODE), col(B_DECISION)) else {
        return batch;
    };
    if let (Some(first), Some(second)) = (col(B_AMOUNT), col(B_APPROVED)) {
        problems.push(two_amount_columns(file, header, first, second));
        return batch;
    }
    let pair = col(B_APPROVED).zip(col(B_CUT));
    // A later stage's results table as `huishen export` writes it: the
    // decision is its 调整类型 and 调整金额 (with 合并至); its 审定 and 审减
    // follow from them, and its 审核结果 only says whether it was decided.
    let later = match (pair, col(B_KIND), col(B_KIND_AMOUNT)) {
        (Some(_), Some(kind), Some(amount)) if stage.adjusts() => Some((kind, amount)),
        _ => None,
    };
    let c_state = c_decision;
    let (c_decision, pair) = match later {
        Some((kind, _)) => (kind, None),
        None => (c_decision, pair),
    };
    if let (Some(_), true) = (pair, stage.adjusts()) {
        problems.push(Problem::new(
            file,
            Some(header.number),
            None,
            TableProblem::ResultsTableOfTargetReview { stage },
        ));
        return batch;
    }
    let amount_col = match later {
        Some((_, amount)) => Some((B_AMOUNT, amount)),
        None => [B_AMOUNT, B_CUT, B_APPROVED]
            .into_iter()
            .find_map(|i| col(i).map(|c| (i, c)))
            .filter(|_| pair.is_none()),
    };
    let label = |c: Option<&Column>| c.map(|c| c.label.clone());
    let columns = Arc::new(RowColumns {
        code: label(Some(c_code)),
        decision: label(Some(c_decision)),
        amount: label(
            amount_col
                .map(|(_, c)| c)
                .or(pair.map(|(approved, _)| approved)),
        ),
        comment: label(col(B_COMMENT)),
        indicators: label(col(B_INDICATORS)),
        merged_into: label(col(B_MERGED_INTO)),
    });
    // An exported row's adjustment: its reason and indicators have columns
    // of their own.
    let adjustment_columns = Arc::new(RowColumns {
        comment: label(col(B_ADJUST_REASON)),
        indicators: label(col(B_ADJUST_LIST)),
        ..RowColumns::clone(&columns)
    });
    let out = &mut batch.rows;
    for row in body {
        // A 合计 line (the workbook `huishen export` writes ends in one) is
        // not a decision.
        if is_total_row(row, c_code) {
            continue;
        }
        if is_note_line(row, &cols) {
            let money = amount_col.map(|(_, c)| c).or(pair.map(|(a, _)| a));
            if let Some(p) = money.and_then(|c| unit_note(file, row, c)) {
                problems.push(p);
            }
            continue;
        }
        // A later stage's 待审 row: no kind, left out and counted; its
        // comment comes along.
        if later.is_some() {
            let text = |c: &Column| row.get(c.index).and_then(Cell::text);
            if text(c_decision).is_none_or(str::is_empty) && text(c_state) == Some("待审") {
                let mut cx = RowCtx::new(file, row, problems);
                let code = cx.required(c_code, &specs[B_CODE], Kind::Code);
                let comment = optional(cx.text(col(B_COMMENT), Kind::Comment));
                if let (true, Some(code), Some(comment)) = (cx.ok, code, comment) {
                    out.push(comment_row(row.number, code, comment, &columns));
                }
                batch.skipped_pending += 1;
                continue;
            }
        }
        let mut cx = RowCtx::new(file, row, problems);
        let code = cx.required(c_code, &specs[B_CODE], Kind::Code);
        let word = cx
            .required(c_decision, &specs[B_DECISION], Kind::Value)
            .and_then(|t| match read_word(stage, t) {
                Some(w) => Some(w),
                None if stage.word_of_other_stage(t).is_some() => {
                    let of = stage.word_of_other_stage(t).unwrap_or_default();
                    let e = StageError::WordOfOtherStage {
                        word: quote(t),
                        of,
                        meeting: stage,
                    };
                    cx.report(c_decision, RowProblem::Stage(e));
                    None
                }
                None => {
                    cx.report(
                        c_decision,
                        RowProblem::UnknownDecision {
                            text: clip(t, 40),
                            stage,
                        },
                    );
                    None
                }
            });
        let amount_text = amount_col.and_then(|(_, c)| cx.text(Some(c), Kind::Amount));
        let comment = optional(cx.text(col(B_COMMENT), Kind::Comment));
        let list_text = cx.text(col(B_INDICATORS), Kind::Value).unwrap_or("");
        let indicators = indicator_list(&mut cx, col(B_INDICATORS), list_text).unwrap_or_default();
        let merged_text = optional(cx.text(col(B_MERGED_INTO), Kind::Value));
        let also_text = optional(cx.text(col(B_ALSO), Kind::Value));
        let measures_text = optional(cx.text(col(B_MEASURES), Kind::Value));
        let (mut also, mut measures) = (Vec::new(), Default::default());
        let later_word = matches!(word, Some(CommandWord::Stage(_)));
        for (c, text) in [(col(B_ALSO), &also_text), (col(B_MEASURES), &measures_text)] {
            if let (Some(c), Some(_), false) = (c, text, later_word) {
                cx.report(c, LaterProblem::OnlyWithLaterStage);
            }
        }
        if later_word {
            if let (Some(c), Some(t)) = (col(B_ALSO), &also_text) {
                also = cells::also_list(&mut cx, stage, c, t).unwrap_or_default();
            }
            if let (Some(c), Some(t)) = (col(B_MEASURES), &measures_text) {
                measures = cells::measure_list(&mut cx, c, t).unwrap_or_default();
            }
        }
        let mut amount = None;
        let mut stage_amount = None;
        let mut split = None;
        let mut adjustment = None;
        let review_word = word.filter(|w| !matches!(w, CommandWord::Stage(_)));
        if review_word.is_some()
            && let (Some(c), Some(_)) = (col(B_MERGED_INTO), &merged_text)
        {
            cx.report(c, RowProblem::OnlyMerge);
        }
        if let Some(CommandWord::Stage(kind)) = word {
            let text = amount_text.filter(|t| !t.is_empty());
            match (amount_col, text) {
                (Some((_, c)), Some(t)) => match parse_amount(t, c.unit) {
                    Ok(m) if m.fen() <= 0 => cx.report(c, RowProblem::AmountNotPositive),
                    Ok(m) => stage_amount = Some(m),
                    Err(e) => cx.bad_amount(c, t, CutInputError::Amount(e)),
                },
                _ if matches!(
                    kind,
                    StageKind::Keep | StageKind::Cancel | StageKind::Unchanged
                ) => {}
                (Some((_, c)), None) => cx.report(c, RowProblem::StageNeedsAmount { stage, kind }),
                (None, _) => cx.report(
                    c_decision,
                    RowProblem::StageNeedsAmountColumn { stage, kind },
                ),
            }
            match (kind, col(B_MERGED_INTO), &merged_text) {
                (StageKind::Merge, None, _) => cx.report(c_decision, RowProblem::MergeNoColumn),
                (StageKind::Merge, Some(c), None) => cx.report(c, RowProblem::MergeNoTarget),
                (StageKind::Merge, _, _) | (_, _, None) => {}
                (_, Some(c), Some(_)) => cx.report(c, RowProblem::OnlyMerge),
                (_, None, Some(_)) => {}
            }
        } else if let (Some((c_approved, c_cut)), Some(word)) = (pair, word) {
            let approved_text = cx.text(Some(c_approved), Kind::Amount);
            let cut_text = cx.text(Some(c_cut), Kind::Amount);
            let mut read = |c: &Column, t: &str| match parse_amount(t, c.unit) {
                Ok(m) => Some(m),
                Err(e) => {
                    cx.bad_amount(c, t, CutInputError::Amount(e));
                    None
                }
            };
            match (word, approved_text, cut_text) {
                (_, None, _) | (_, _, None) => {} // a cell was refused
                (CommandWord::Reset, Some(a), Some(b)) => {
                    if let Some(c) = [(c_approved, a), (c_cut, b)]
                        .into_iter()
                        .find_map(|(c, t)| (!t.is_empty()).then_some(c))
                    {
                        cx.report(c, RowProblem::PendingHasAmounts);
                    } else if cx.ok {
                        // Its decision is left out; its comment comes along.
                        if let (Some(code), Some(comment)) = (code, comment) {
                            out.push(comment_row(row.number, code, comment, &columns));
                        }
                        batch.skipped_pending += 1;
                    }
                    continue;
                }
                (_, Some(""), Some("")) if word != CommandWord::Cut => {}
                (_, Some(""), _) => cx.report(c_approved, RowProblem::BothOrNeither),
                (_, _, Some("")) => cx.report(c_cut, RowProblem::BothOrNeither),
                (_, Some(a), Some(b)) => {
                    if let (Some(approved), Some(cut)) = (read(c_approved, a), read(c_cut, b)) {
                        if word == CommandWord::Cut {
                            amount = Some(CutInput::Approved(approved));
                        }
                        split = Some(AmountSplit {
                            approved,
                            cut,
                            columns: format!("{} + {}", c_approved.label, c_cut.label),
                        });
                    }
                }
            }
            adjustment = exported_adjustment(&mut cx, &cols);
        } else if let Some(word) = word {
            let has_amount = amount_text.is_some_and(|t| !t.is_empty());
            match (word, amount_col, amount_text) {
                (CommandWord::Cut, Some((kind, c)), Some(t)) if !t.is_empty() => {
                    amount = parse_batch_amount(kind, t, c, &mut cx);
                }
                (CommandWord::Cut, Some((_, c)), Some(_)) => {
                    cx.report(c, RowProblem::CutNeedsAmountCell)
                }
                (CommandWord::Cut, None, _) => cx.report(c_decision, RowProblem::CutNoAmountColumn),
                (CommandWord::Cut, Some(_), None) => {} // the cell was refused
                (_, Some((_, c)), _) if has_amount => {
                    let word = clip(row_word(&cx, c_decision), 40);
                    cx.report(c, RowProblem::AmountOnlyWithCut { word })
                }
                _ => {}
            }
        }
        // Target review's rules, whichever columns hold the amounts.
        if let Some(word) = review_word {
            if word == CommandWord::Adjust && comment.is_none() {
                let c = col(B_COMMENT).unwrap_or(c_decision);
                cx.report(c, RowProblem::AdjustNeedsComment);
            }
            if word != CommandWord::Adjust
                && !indicators.is_empty()
                && let Some(c) = col(B_INDICATORS)
            {
                cx.report(c, RowProblem::IndicatorsOnlyWithAdjust);
            }
        }
        let reasons = col(B_REASONS).and_then(|c| {
            let refs = ReasonRef::parse_list(cx.text(Some(c), Kind::Name)?);
            (!refs.is_empty()).then(|| BatchReasons {
                refs,
                column: c.label.clone(),
            })
        });
        if let (Some(_), Some(w)) = (&reasons, word)
            && !matches!(w, CommandWord::Cut | CommandWord::Cancel)
        {
            let c = col(B_REASONS).expect("the reasons came from it");
            cx.report(c, WeighProblem::ReasonsWithoutCut);
        }
        if let (true, Some(code), Some(word)) = (cx.ok, code, word) {
            out.push(BatchRow {
                source_row: row.number,
                project_code: code.to_string(),
                word,
                amount,
                comment,
                reason: None,
                indicators,
                word_text: row_word(&cx, c_decision).trim().to_string(),
                stage_amount,
                merged_into: merged_text,
                split,
                also,
                measures,
                reasons,
                columns: Arc::clone(&columns),
            });
            if let Some((reason, indicators)) = adjustment {
                out.push(BatchRow {
                    source_row: row.number,
                    project_code: code.to_string(),
                    word: CommandWord::Adjust,
                    amount: None,
                    comment: None,
                    reason: Some(reason),
                    indicators,
                    word_text: "调整".to_string(),
                    stage_amount: None,
                    merged_into: None,
                    split: None,
                    also: Vec::new(),
                    measures: Default::default(),
                    reasons: None,
                    columns: Arc::clone(&adjustment_columns),
                });
            }
        }
    }
    batch
}

/// An exported row left out as 待审, for its comment alone: the project's
/// decision stays as the meeting has it.
fn comment_row(
    source_row: usize,
    code: &str,
    comment: String,
    columns: &Arc<RowColumns>,
) -> BatchRow {
    BatchRow {
        source_row,
        project_code: code.to_string(),
        word: CommandWord::Comment,
        amount: None,
        comment: Some(comment),
        reason: None,
        indicators: Vec::new(),
        word_text: "待审".to_string(),
        stage_amount: None,
        merged_into: None,
        split: None,
        also: Vec::new(),
        measures: Default::default(),
        reasons: None,
        columns: Arc::clone(columns),
    }
}
