//! The cells of a batch row that need more than their text: the decision
//! word at the meeting's stage, the amount, the indicator numbers, and an
//! exported row's adjustment.

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::domain::decision::{Command, CommandWord, CutInput, CutInputError};
use crate::domain::money::{normalize_number_text, parse_amount};
use crate::domain::problem::{LaterProblem, RowProblem};
use crate::domain::stage::Stage;

use super::{B_ADJUST_FLAG, B_ADJUST_LIST, B_ADJUST_REASON, B_APPROVED, B_CUT};
use crate::import::cell::{Kind, RowCtx, optional};
use crate::import::clip;
use crate::import::columns::Column;
use crate::import::table::{Cell, Row};

/// An exported row's 调整绩效目标 / 需调整指标 / 调整理由: `是` with a reason
/// is an adjustment (no numbers or 全部: every indicator); empty is none.
pub(super) fn exported_adjustment(
    cx: &mut RowCtx,
    cols: &[Option<Column>],
) -> Option<(String, Vec<u32>)> {
    let col = |i: usize| cols[i].as_ref();
    let c_flag = col(B_ADJUST_FLAG)?;
    let flag = cx.text(Some(c_flag), Kind::Value)?.trim();
    match flag {
        "" | "否" | "no" => return None,
        "是" | "yes" => {}
        _ => {
            cx.report(
                c_flag,
                RowProblem::AdjustFlag {
                    text: clip(flag, 40),
                },
            );
            return None;
        }
    }
    let reason = optional(cx.text(col(B_ADJUST_REASON), Kind::Comment).map(str::trim));
    let Some(reason) = reason else {
        cx.report(
            col(B_ADJUST_REASON).unwrap_or(c_flag),
            RowProblem::AdjustNeedsReason,
        );
        return None;
    };
    let list = cx
        .text(col(B_ADJUST_LIST), Kind::Value)
        .unwrap_or("")
        .trim();
    if list == "全部" {
        return Some((reason, Vec::new()));
    }
    indicator_list(cx, col(B_ADJUST_LIST), list).map(|v| (reason, v))
}

/// The indicator numbers of a cell of `col`, its problem reported.
pub(super) fn indicator_list(
    cx: &mut RowCtx,
    col: Option<&Column>,
    text: &str,
) -> Option<Vec<u32>> {
    match parse_indicator_list(text) {
        Ok(v) => Some(v),
        Err(kind) => {
            if let Some(c) = col {
                cx.report(c, kind);
            }
            None
        }
    }
}

/// A decision word at `stage`: reset everywhere, the stage's own words at a
/// later stage, the target review's otherwise.
pub(super) fn read_word(stage: Stage, text: &str) -> Option<CommandWord> {
    if !stage.adjusts() {
        return Command::word(text);
    }
    if let Some(k) = stage.word(text) {
        return Some(CommandWord::Stage(k));
    }
    match Command::word(text) {
        Some(CommandWord::Reset) => Some(CommandWord::Reset),
        _ => None,
    }
}

pub(super) fn row_word<'a>(cx: &RowCtx<'a, '_>, c: &Column) -> &'a str {
    let row: &'a Row<'a> = cx.row;
    row.get(c.index).and_then(Cell::text).unwrap_or("")
}

pub(super) fn parse_batch_amount(
    kind: usize,
    text: &str,
    c: &Column,
    cx: &mut RowCtx,
) -> Option<CutInput> {
    let parsed = match kind {
        B_CUT => parse_amount(text, c.unit)
            .map(CutInput::By)
            .map_err(CutInputError::Amount),
        B_APPROVED => parse_amount(text, c.unit)
            .map(CutInput::Approved)
            .map_err(CutInputError::Amount),
        _ => CutInput::parse(text, c.unit),
    };
    match parsed {
        // More than the whole request cannot be cut; refused here, with the
        // cell named, before a huge share reaches the arithmetic.
        Ok(CutInput::Percent(p)) if p > Decimal::ONE_HUNDRED => {
            cx.report(
                c,
                RowProblem::CutOver100 {
                    text: clip(text, 40),
                },
            );
            None
        }
        Ok(v) => Some(v),
        Err(e) => {
            cx.bad_amount(c, text, e);
            None
        }
    }
}

/// `1, 3、5` → [1, 3, 5]: 1-based indicator numbers, full-width digits
/// allowed, repeats dropped.
pub(super) fn parse_indicator_list(text: &str) -> Result<Vec<u32>, RowProblem> {
    let norm = normalize_number_text(text);
    let mut out: Vec<u32> = Vec::new();
    let mut seen: HashSet<u32> = HashSet::new();
    for tok in norm
        .split(|c: char| matches!(c, ',' | '、' | ';' | '；') || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let n = if tok.chars().all(|c| c.is_ascii_digit()) {
            tok.parse::<u32>().ok()
        } else {
            None
        };
        match n {
            Some(0) => {
                return Err(RowProblem::IndicatorNumberZero);
            }
            Some(n) => {
                if seen.insert(n) {
                    out.push(n);
                }
            }
            None => {
                return Err(RowProblem::NotAnIndicatorNumber {
                    text: clip(tok, 40),
                });
            }
        }
    }
    Ok(out)
}

/// A later stage's further outcomes as a cell writes them: `收回结余 20.50`,
/// several separated by `、`, `；` or `;` — each a kind of the stage that may
/// come beside another, with its amount in 万元.
pub(super) fn also_list(
    cx: &mut RowCtx,
    stage: Stage,
    c: &Column,
    text: &str,
) -> Option<Vec<(crate::domain::stage::Kind, crate::domain::Money)>> {
    let mut out = Vec::new();
    for part in text.split(['、', '；', ';', '，', ',']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let at = part
            .find(|ch: char| ch.is_ascii_digit() || ch == '.' || ('０'..='９').contains(&ch))
            .unwrap_or(part.len());
        let (word, amount) = (part[..at].trim(), part[at..].trim());
        let Some(kind) = stage.word(word).filter(|k| k.may_come_also()) else {
            cx.report(
                c,
                LaterProblem::NotAnAlso {
                    text: clip(part, 40),
                },
            );
            return None;
        };
        match crate::domain::money::parse_amount(amount, crate::domain::money::Unit::Wan) {
            Ok(m) if m.fen() > 0 => out.push((kind, m)),
            Ok(_) => {
                cx.report(c, RowProblem::AmountNotPositive);
                return None;
            }
            Err(e) => {
                cx.bad_amount(c, amount, CutInputError::Amount(e));
                return None;
            }
        }
    }
    Some(out)
}

/// The measures a cell names: 改进管理, 完善制度, separated by `、` or `；`.
pub(super) fn measure_list(
    cx: &mut RowCtx,
    c: &Column,
    text: &str,
) -> Option<crate::domain::stage::Measures> {
    let mut m = crate::domain::stage::Measures::default();
    for part in text.split(['、', '；', ';', '，', ',']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        match crate::domain::stage::Measures::word(part) {
            Some(one) => m = m.with(one),
            None => {
                cx.report(
                    c,
                    LaterProblem::UnknownMeasure {
                        text: clip(part, 40),
                    },
                );
                return None;
            }
        }
    }
    Some(m)
}
