//! A decision batch applied: the rows planned by [`crate::domain::batch`]
//! against the meeting as it stands inside the write transaction, then
//! written in file order. All or nothing.

use std::collections::HashMap;

use rusqlite::OptionalExtension;

use crate::domain::batch::{self, ProjectState};
use crate::domain::problem::in_file_order;
use crate::domain::{BatchRow, Money, Problem};

use super::access::check_access;
use super::connection::now;
use super::rows::decision_at;
use super::write::{add_comment_tx, insert_event, rounding_in, stage_in, write_decision};
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
        mut known: Vec<Problem>,
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
            let mut lookup = tx.prepare(
                "SELECT p.id, p.requested, d.state, d.approved, d.adjust, d.adjust_indicators,
                        d.adjust_reason, (SELECT count(*) FROM indicator i WHERE i.project_id = p.id),
                        d.kind, d.amount, d.merged_into,
                        (SELECT body FROM comment c WHERE c.project_id = p.id ORDER BY c.id DESC LIMIT 1)
                 FROM project p JOIN decision d ON d.project_id = p.id WHERE p.code = ?1",
            )?;
            batch::plan(file, rows, stage, rounding, |code| {
                let found = lookup
                    .query_row([code], |r| {
                        Ok((
                            r.get::<_, i64>(0)?,
                            ProjectState {
                                requested: Money::from_fen(r.get(1)?),
                                indicators: r.get(7)?,
                                decision: decision_at(r, 2, 8)?,
                                latest_comment: r.get(11)?,
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
        let plan = match planned {
            Ok(plan) if known.is_empty() => plan,
            Ok(_) => return Err(StoreError::Problems(known)),
            Err(found) => {
                known.extend(found);
                in_file_order(&mut known);
                return Err(StoreError::Problems(known));
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
        for step in &plan.steps {
            let id = ids[&step.code];
            if step.before != step.after {
                insert_event(
                    &tx,
                    &at,
                    actor,
                    step.kind,
                    id,
                    &step.before,
                    &step.after,
                    Some(serde_json::json!({ "file": file })),
                )?;
            }
            if let Some(body) = &step.comment {
                add_comment_tx(&tx, &at, actor, id, body)?;
                summary.comments += 1;
            }
        }
        for p in plan.projects.iter().filter(|p| p.changed()) {
            write_decision(&tx, &at, actor, ids[&p.code], &p.after)?;
        }
        tx.commit()?;
        Ok(summary)
    }
}
