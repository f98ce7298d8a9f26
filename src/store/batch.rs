//! A decision batch applied: in file order, all or nothing.

use std::collections::{HashMap, HashSet};

use rusqlite::OptionalExtension;

use crate::domain::Reason;
use crate::domain::decision::CommandWord;
use crate::domain::stage::{StageCommand, StageError};
use crate::domain::{Adjust, BatchRow, Command, Decision, Money, Problem, Stage, decide};

use super::access::check_access;
use super::connection::now;
use super::rows::decision_at;
use super::write::{
    add_comment_tx, check_merge_target, insert_event, latest_comment, stage_command, stage_in,
    write_decision,
};
use super::{Actor, Result, Store, StoreError};

/// What a batch did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BatchSummary {
    pub rows: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub comments: usize,
}

impl Store {
    /// Applies a batch of decisions in file order. All or nothing: every
    /// row is checked against the state the rows before it leave, and any
    /// problem rolls the whole batch back.
    pub fn apply_batch(
        &mut self,
        file: &str,
        rows: &[BatchRow],
        actor: &Actor,
    ) -> Result<BatchSummary> {
        struct Current {
            id: i64,
            requested: Money,
            indicators: u32,
            stored: Decision,
            decision: Decision,
        }
        let tx = self.write_tx()?;
        check_access(&tx, actor, false)?;
        let stage = stage_in(&tx)?;
        let mut problems = Vec::new();
        let mut current: HashMap<String, Current> = HashMap::new();
        // Each project's latest comment, as the rows before leave it.
        let mut last_comment: HashMap<i64, Option<String>> = HashMap::new();
        // (project code, command, comment, new decision) per row, in order
        let mut steps: Vec<(&str, &'static str, Option<&str>, Decision, Decision)> = Vec::new();
        {
            let mut lookup = tx.prepare(
                "SELECT p.id, p.requested, d.state, d.approved, d.adjust, d.adjust_indicators,
                        d.adjust_reason, (SELECT count(*) FROM indicator i WHERE i.project_id = p.id),
                        d.kind, d.amount, d.merged_into
                 FROM project p JOIN decision d ON d.project_id = p.id WHERE p.code = ?1",
            )?;
            for row in rows {
                let problem = |message: String, message_zh: String| {
                    Problem::new(file, Some(row.source_row), None, message, message_zh)
                };
                if !current.contains_key(&row.project_code) {
                    let found = lookup
                        .query_row([&row.project_code], |r| {
                            let d = decision_at(r, 2, 8)?;
                            Ok(Current {
                                id: r.get(0)?,
                                requested: Money::from_fen(r.get(1)?),
                                indicators: r.get(7)?,
                                stored: d.clone(),
                                decision: d,
                            })
                        })
                        .optional()?;
                    match found {
                        Some(c) => {
                            current.insert(row.project_code.clone(), c);
                        }
                        None => {
                            problems.push(problem(
                                format!("no project {} in this meeting", row.project_code),
                                format!("本次会审中没有项目 {}", row.project_code),
                            ));
                            continue;
                        }
                    }
                }
                let cur = current.get_mut(&row.project_code).expect("inserted above");
                // An exported table's 审定 and 审减 must be this project's.
                let split_problem = |message: String, message_zh: String| Problem {
                    column: row.split.as_ref().map(|s| s.columns.clone()),
                    ..problem(message, message_zh)
                };
                if let Some(split) = &row.split
                    && split.approved + split.cut != cur.requested
                {
                    problems.push(split_problem(
                        format!(
                            "{}: 审定 {} + 审减 {} = {} 万元, but the project requested {} 万元",
                            row.project_code,
                            split.approved.wan_string(),
                            split.cut.wan_string(),
                            (split.approved + split.cut).wan_string(),
                            cur.requested.wan_string()
                        ),
                        format!(
                            "{}：审定 {} + 审减 {} = {} 万元，但该项目申报金额为 {} 万元",
                            row.project_code,
                            split.approved.wan_string(),
                            split.cut.wan_string(),
                            (split.approved + split.cut).wan_string(),
                            cur.requested.wan_string()
                        ),
                    ));
                    continue;
                }
                let command = match row.word {
                    CommandWord::Stage(kind) => Command::Stage {
                        stage,
                        code: row.project_code.clone(),
                        command: StageCommand {
                            kind,
                            amount: row.stage_amount,
                            merged_into: row.merged_into.clone(),
                        },
                    },
                    _ if stage.adjusts() && row.word != CommandWord::Reset => {
                        let e = StageError::WordOfOtherStage {
                            word: row.word_text.clone(),
                            of: Stage::TargetReview,
                            meeting: stage,
                        };
                        problems.push(problem(
                            format!("{}: {e}", row.project_code),
                            format!("{}：{}", row.project_code, e.zh()),
                        ));
                        continue;
                    }
                    CommandWord::Approve => Command::Approve,
                    CommandWord::Cancel => Command::Cancel,
                    CommandWord::Reset => Command::Reset,
                    CommandWord::Cut => match &row.amount {
                        Some(input) => Command::Cut(input.approved_for(cur.requested)),
                        None => {
                            problems.push(problem(
                                "a cut needs an amount".into(),
                                "审减须填写金额".into(),
                            ));
                            continue;
                        }
                    },
                    CommandWord::Adjust => {
                        if let Some(&n) = row
                            .indicators
                            .iter()
                            .find(|&&n| n == 0 || n > cur.indicators)
                        {
                            problems.push(problem(
                                format!(
                                    "project {} has no indicator {n} (it has {})",
                                    row.project_code, cur.indicators
                                ),
                                format!(
                                    "项目 {} 没有第 {n} 个绩效指标（共 {} 个）",
                                    row.project_code, cur.indicators
                                ),
                            ));
                            continue;
                        }
                        Command::Adjust(Adjust {
                            indicators: row.indicators.clone(),
                            reason: row.comment.clone().unwrap_or_default(),
                        })
                    }
                };
                let command = match stage_command(stage, &row.project_code, &command) {
                    Ok(c) => c,
                    Err(e) => {
                        problems.push(problem(
                            format!("{}: {e}", row.project_code),
                            format!("{}：{}", row.project_code, store_reason_zh(&e)),
                        ));
                        continue;
                    }
                };
                if let Command::Stage { command: c, .. } = &command
                    && let Err(e) = check_merge_target(&tx, c)
                {
                    problems.push(problem(
                        format!("{}: {e}", row.project_code),
                        format!("{}：{}", row.project_code, store_reason_zh(&e)),
                    ));
                    continue;
                }
                match decide(&cur.decision, cur.requested, &command) {
                    Ok(next)
                        if row
                            .split
                            .as_ref()
                            .is_some_and(|s| s.approved != next.approved) =>
                    {
                        let said = row.split.as_ref().map(|s| s.approved).unwrap_or_default();
                        problems.push(split_problem(
                            format!(
                                "{}: {} leaves {} 万元 approved, but 审定 says {}",
                                row.project_code,
                                row.word_text,
                                next.approved.wan_string(),
                                said.wan_string()
                            ),
                            format!(
                                "{}：{} 后审定金额为 {} 万元，但审定列写的是 {}",
                                row.project_code,
                                row.word_text,
                                next.approved.wan_string(),
                                said.wan_string()
                            ),
                        ));
                    }
                    Ok(next) => {
                        // A comment the project's latest one already says
                        // is not added again: an exported table applied
                        // twice, or its latest comment followed by the same
                        // text as the adjustment's reason.
                        let comment = match row.comment.as_deref() {
                            Some(c) if !c.trim().is_empty() => {
                                let last = match last_comment.get(&cur.id) {
                                    Some(l) => l.clone(),
                                    None => latest_comment(&tx, cur.id)?,
                                };
                                let again = last.as_deref().map(str::trim) == Some(c.trim());
                                last_comment.insert(cur.id, Some(c.to_string()));
                                (!again).then_some(c)
                            }
                            _ => None,
                        };
                        let before = std::mem::replace(&mut cur.decision, next.clone());
                        steps.push((&row.project_code, command.code(), comment, before, next));
                    }
                    Err(e) => problems.push(problem(
                        format!("{}: {e}", row.project_code),
                        format!("{}：{}", row.project_code, e.zh()),
                    )),
                }
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Problems(problems));
        }
        let at = now(&tx)?;
        let mut summary = BatchSummary {
            rows: rows.len(),
            ..BatchSummary::default()
        };
        // Counted by project: a row may take two steps (a decision, then
        // its targets adjusted), and a reader counts the projects.
        let touched: HashSet<&str> = steps.iter().map(|s| s.0).collect();
        summary.changed = touched
            .iter()
            .filter(|c| current[**c].decision != current[**c].stored)
            .count();
        summary.unchanged = touched.len() - summary.changed;
        for (code, kind, comment, before, after) in &steps {
            let id = current[*code].id;
            if before != after {
                insert_event(&tx, &at, actor, kind, id, before, after, Some(file))?;
            }
            if let Some(body) = comment.filter(|c| !c.trim().is_empty()) {
                add_comment_tx(&tx, &at, actor, id, body)?;
                summary.comments += 1;
            }
        }
        for c in current.values() {
            if c.decision != c.stored {
                write_decision(&tx, &at, actor, c.id, &c.decision)?;
            }
        }
        tx.commit()?;
        Ok(summary)
    }
}

/// A refusal found while reading a batch, in Chinese: a decision's own
/// words, anything else (a database error) as it is.
fn store_reason_zh(e: &StoreError) -> String {
    match e {
        StoreError::Decision(d) => d.zh(),
        other => other.to_string(),
    }
}
