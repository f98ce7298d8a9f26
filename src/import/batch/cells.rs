//! The cells of a batch row that need more than their text: the decision
//! word at the meeting's stage, the amount, the indicator numbers, and an
//! exported row's adjustment.

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::domain::decision::{Command, CommandWord, CutInput, CutInputError};
use crate::domain::money::{normalize_number_text, parse_amount};
use crate::domain::stage::Stage;

use super::{B_ADJUST_FLAG, B_ADJUST_LIST, B_ADJUST_REASON, B_APPROVED, B_CUT};
use crate::import::cell::{Kind, RowCtx, optional};
use crate::import::columns::Column;
use crate::import::quote;
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
                format!("{} is not 是 or empty (调整绩效目标)", quote(flag)),
                format!("{} 不是“是”，也不是空（调整绩效目标）", quote(flag)),
            );
            return None;
        }
    }
    let reason = optional(cx.text(col(B_ADJUST_REASON), Kind::Comment).map(str::trim));
    let Some(reason) = reason else {
        cx.report(
            col(B_ADJUST_REASON).unwrap_or(c_flag),
            "an adjustment (调整绩效目标 是) needs its reason in 调整理由",
            "调整绩效目标为“是”时，须在调整理由中写明理由",
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
        Err((msg, msg_zh)) => {
            if let Some(c) = col {
                cx.report(c, msg, msg_zh);
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
                format!(
                    "bad amount {}: a cut of more than 100% is larger than the request",
                    quote(text)
                ),
                format!("金额 {} 有误：审减超过 100%，大于申报金额", quote(text)),
            );
            None
        }
        Ok(v) => Some(v),
        Err(e) => {
            cx.bad_amount(c, text, &e);
            None
        }
    }
}

/// `1, 3、5` → [1, 3, 5]: 1-based indicator numbers, full-width digits
/// allowed, repeats dropped. The error is in English and in Chinese.
pub(super) fn parse_indicator_list(text: &str) -> Result<Vec<u32>, (String, String)> {
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
                return Err((
                    "indicator numbers start at 1".to_string(),
                    "指标序号从 1 开始".to_string(),
                ));
            }
            Some(n) => {
                if seen.insert(n) {
                    out.push(n);
                }
            }
            None => {
                return Err((
                    format!(
                        "{} is not an indicator number; write numbers such as 1, 3、5",
                        quote(tok)
                    ),
                    format!("{} 不是指标序号；请写数字，如 1, 3、5", quote(tok)),
                ));
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
                format!(
                    "{} is not an outcome that comes beside another; write a kind and its amount, e.g. 收回结余 20.50",
                    quote(part)
                ),
                format!(
                    "{} 不是可并列的调整结果；请写调整类型和金额，如 收回结余 20.50",
                    quote(part)
                ),
            );
            return None;
        };
        match crate::domain::money::parse_amount(amount, crate::domain::money::Unit::Wan) {
            Ok(m) if m.fen() > 0 => out.push((kind, m)),
            Ok(_) => {
                cx.report(c, "the amount must be more than 0", "金额必须大于 0");
                return None;
            }
            Err(e) => {
                cx.bad_amount(c, amount, &e);
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
                    format!(
                        "unknown measure {}; write 改进管理 or 完善制度",
                        quote(part)
                    ),
                    format!(
                        "无法识别的结果应用 {}；请填写改进管理或完善制度",
                        quote(part)
                    ),
                );
                return None;
            }
        }
    }
    Some(m)
}
