//! A decision batch applied: the rows planned by [`crate::domain::batch`]
//! against the meeting as it stands inside the write transaction, then
//! written in file order. All or nothing.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use crate::domain::batch::{self, ProjectState};
use crate::domain::problem::in_file_order;
use crate::domain::{BatchRow, Money, Problem};

use super::Snapshot;
use super::access::check_access;
use super::connection::now;
use super::rows::{DECISION_MORE, DECISION_MORE_LEN, decision_at};
use super::weigh::{reasons_in, reasons_of, set_reasons_tx};
use super::write::{
    add_comment_tx, insert_decision_event, next_reasons, rounding_in, stage_in, write_decision,
};
use super::{Actor, Result, Store, StoreError};
use crate::domain::CutReason;
use crate::domain::reason::unknown_in_batch;

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
        self.apply_batch_checked(file, rows, Vec::new(), actor)
    }

    /// The same for the rows of a file that read cleanly, with the
    /// problems its other rows have (`known`): the rows are still checked
    /// against the meeting, and if there is any problem, of either kind,
    /// they are all refused together in file order and nothing is written.
    pub fn apply_batch_checked(
        &mut self,
        file: &str,
        rows: &[BatchRow],
        known: Vec<Problem>,
        actor: &Actor,
    ) -> Result<BatchSummary> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, false)?;
        let stage = stage_in(&tx)?;
        let rounding = rounding_in(&tx)?;
        // The id of each project the plan looked up, and the first error
        // reading one: the plan is told "no such project", and the error
        // ends the batch before any problem is said.
        let mut ids: HashMap<String, i64> = HashMap::new();
        let mut failed = None;
        let planned = {
            let mut lookup = tx.prepare(&format!(
                "SELECT p.id, p.requested, d.state, d.approved, d.adjust, d.adjust_indicators,
                        d.adjust_reason, (SELECT count(*) FROM indicator i WHERE i.project_id = p.id),
                        {DECISION_MORE},
                        (SELECT body FROM comment c WHERE c.project_id = p.id ORDER BY c.id DESC LIMIT 1)
                 FROM project p JOIN decision d ON d.project_id = p.id WHERE p.code = ?1"
            ))?;
            batch::plan(file, rows, stage, rounding, |code| {
                let found = lookup
                    .query_row([code], |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            ProjectState {
                                requested: Money::from_fen(r.get(1)?),
                                indicators: r.get(7)?,
                                decision: decision_at(r, 2, 8)?,
                                latest_comment: r.get(8 + DECISION_MORE_LEN)?,
                            },
                        ))
                    })
                    .optional();
                match found {
                    Ok(Some((id, state))) => {
                        ids.insert(code.to_string(), id);
                        Some(state)
                    }
                    Ok(None) => None,
                    Err(e) => {
                        failed.get_or_insert(e);
                        None
                    }
                }
            })
        };
        if let Some(e) = failed {
            return Err(e.into());
        }
        // The reasons each row names, against the meeting's list; every
        // problem (other rows', the plan's, the reasons') said at once.
        let list = reasons_in(&tx)?;
        let mut problems = known;
        let given: Vec<Option<Vec<CutReason>>> = rows
            .iter()
            .map(|row| {
                let r = row.reasons.as_ref()?;
                let mut out = Vec::new();
                for said in &r.refs {
                    match said.find(&list) {
                        Some(found) if !out.contains(found) => out.push(found.clone()),
                        Some(_) => {}
                        None => problems.push(unknown_in_batch(
                            file,
                            row.source_row,
                            &r.column,
                            said,
                            &list,
                        )),
                    }
                }
                out.sort_by_key(|x| x.number);
                Some(out)
            })
            .collect();
        let plan = match planned {
            Ok(plan) if problems.is_empty() => plan,
            planned => {
                if let Err(found) = planned {
                    problems.extend(found);
                }
                in_file_order(&mut problems);
                return Err(StoreError::Problems(problems));
            }
        };
        let at = now(&tx)?;
        // Counted by project: a reader counts the projects.
        let changed = plan.projects.iter().filter(|p| p.changed()).count();
        let mut summary = BatchSummary {
            rows: rows.len(),
            changed,
            unchanged: plan.projects.len() - changed,
            comments: 0,
        };
        // Each project's reasons as the rows so far leave them.
        let mut reasons: HashMap<i64, (Vec<CutReason>, Vec<CutReason>)> = HashMap::new();
        let mut reasons_changed = 0;
        for (step, given) in plan.steps.iter().zip(given) {
            let id = ids[&step.code];
            let (had, _) = match reasons.entry(id) {
                std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                std::collections::hash_map::Entry::Vacant(e) => {
                    let now = reasons_of(&tx, id)?;
                    e.insert((now.clone(), now))
                }
            }
            .clone();
            let next = next_reasons(&step.before, &step.after, &had, given);
            if step.before != step.after || next != had {
                if step.before == step.after {
                    reasons_changed += 1;
                }
                insert_decision_event(
                    &tx,
                    &at,
                    actor,
                    step.kind,
                    id,
                    &Snapshot::of(&step.before).with_reasons(&had),
                    &Snapshot::of(&step.after).with_reasons(&next),
                    Some(serde_json::json!({ "file": file })),
                )?;
            }
            if let Some(entry) = reasons.get_mut(&id) {
                entry.0 = next;
            }
            if let Some(body) = &step.comment {
                add_comment_tx(&tx, &at, actor, id, body)?;
                summary.comments += 1;
            }
        }
        for p in plan.projects.iter() {
            let id = ids[&p.code];
            let (now, before) = &reasons[&id];
            if p.changed() || now != before {
                write_decision(&tx, &at, actor, id, &p.after)?;
            }
            if now != before {
                let list: Vec<i64> = now.iter().map(|r| r.id).collect();
                set_reasons_tx(&tx, id, &list)?;
            }
        }
        // A row that changed only the reasons changed its project too.
        if reasons_changed > 0 {
            let changed = plan
                .projects
                .iter()
                .filter(|p| p.changed() || reasons[&ids[&p.code]].0 != reasons[&ids[&p.code]].1)
                .count();
            summary.unchanged = plan.projects.len() - changed;
            summary.changed = changed;
        }
        tx.commit()?;
        Ok(summary)
    }
}
