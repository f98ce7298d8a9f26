//! The revise-and-confirm cycle (退回修改 → 已修改 → 已确认): a department's
//! revised indicators, imported for the projects sent back to it, kept
//! beside the indicators as submitted (neither is ever changed or
//! deleted); and which indicators are in force for each project.
//!
//! Confirming or returning a revision is a decision like any other
//! ([`Store::decide`] with `Command::ConfirmRevision` or
//! `Command::ReturnRevision`): made against the version the reviewer saw,
//! logged, undone by undo.

use std::collections::HashMap;

use rusqlite::{Connection, OptionalExtension, params};

use crate::domain::problem::RevisionProblem;
use crate::domain::{Command, DecisionError, Money, NewIndicator, Problem, decide};

use super::Snapshot;
use super::access::check_access;
use super::connection::now;
use super::weigh::reasons_of;
use super::write::{insert_decision_event, read_decision, write_decision};
use super::{Actor, Indicator, Result, Store, StoreError};

/// What a revision import added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionSummary {
    /// Projects whose revision came in.
    pub projects: usize,
    pub indicators: usize,
}

impl Store {
    /// Takes a department's revised indicators (`file` as the user named
    /// it, for the log) for the projects sent back to it: each project's
    /// rows are its whole target table as revised. All or nothing: a
    /// project not in the meeting, or not waiting for a revision (never
    /// sent back, or its revision already in or confirmed), is a problem
    /// named with its file and row, and nothing is written.
    pub fn import_revision(
        &mut self,
        file: &str,
        indicators: &[NewIndicator],
        actor: &Actor,
    ) -> Result<RevisionSummary> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, false)?;
        // The projects in the order the file names them, each with its rows.
        let mut order: Vec<&str> = Vec::new();
        let mut rows: HashMap<&str, Vec<&NewIndicator>> = HashMap::new();
        for i in indicators {
            let code = i.project_code.as_str();
            rows.entry(code)
                .or_insert_with(|| {
                    order.push(code);
                    Vec::new()
                })
                .push(i);
        }
        let mut problems = Vec::new();
        let mut found = Vec::with_capacity(order.len());
        for &code in &order {
            let first_row = rows[code][0].source_row;
            let problem = |p: RevisionProblem| Problem::new(file, Some(first_row), None, p);
            let Some((id, requested)) = tx
                .query_row(
                    "SELECT id, requested FROM project WHERE code = ?1",
                    [code],
                    |r| Ok((r.get::<_, i64>(0)?, Money::from_fen(r.get(1)?))),
                )
                .optional()?
            else {
                problems.push(problem(RevisionProblem::UnknownProject {
                    code: code.to_string(),
                }));
                continue;
            };
            let current = read_decision(&tx, id)?;
            match decide(&current, requested, &Command::Revise(0)) {
                Ok(_) => found.push((code, id, requested, current)),
                Err(e @ DecisionError::NotWaitingForRevision(_)) => {
                    problems.push(problem(RevisionProblem::NotWaiting {
                        code: code.to_string(),
                        error: e,
                    }))
                }
                Err(e) => return Err(e.into()),
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Problems(problems));
        }
        let at = now(&tx)?;
        let mut added = 0;
        for (code, id, requested, current) in found {
            tx.execute(
                "INSERT INTO revision (project_id, at, reviewer, os_user, file)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, at, actor.name, actor.os_user, file],
            )?;
            let revision = tx.last_insert_rowid();
            let mut insert = tx.prepare_cached(
                "INSERT INTO revised_indicator
                     (revision_id, seq, level1, level2, indicator, target, unit)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?;
            for (seq, i) in rows[code].iter().enumerate() {
                insert.execute(params![
                    revision,
                    seq as i64 + 1,
                    i.level1,
                    i.level2,
                    i.indicator,
                    i.target,
                    i.unit
                ])?;
                added += 1;
            }
            let next = decide(&current, requested, &Command::Revise(revision))?;
            let detail = serde_json::json!({
                "file": file,
                "revision": revision,
                "indicators": rows[code].len(),
            });
            // The decision's reasons stay as they are; the snapshots carry
            // them so that undoing the revision keeps them.
            let had = reasons_of(&tx, id)?;
            insert_decision_event(
                &tx,
                &at,
                actor,
                "revise",
                id,
                &Snapshot::of(&current).with_reasons(&had),
                &Snapshot::of(&next).with_reasons(&had),
                Some(detail),
            )?;
            write_decision(&tx, &at, actor, id, &next)?;
        }
        tx.commit()?;
        Ok(RevisionSummary {
            projects: order.len(),
            indicators: added,
        })
    }

    /// A revision's indicators, by its number.
    pub fn revision_indicators(&self, revision: i64) -> Result<Vec<Indicator>> {
        Ok(revised_indicators(&self.conn, revision)?)
    }

    /// Every project's indicators in force: those of its confirmed
    /// revision, else those submitted. By project id.
    pub fn indicators_in_force(&self) -> Result<HashMap<i64, Vec<Indicator>>> {
        let mut out: HashMap<i64, Vec<Indicator>> = HashMap::new();
        let mut st = self.conn.prepare(
            "SELECT i.project_id, i.seq, i.level1, i.level2, i.indicator, i.target, i.unit
             FROM indicator i JOIN decision d ON d.project_id = i.project_id
             WHERE d.targets_in IS NULL
             UNION ALL
             SELECT d.project_id, r.seq, r.level1, r.level2, r.indicator, r.target, r.unit
             FROM decision d JOIN revised_indicator r ON r.revision_id = d.targets_in
             ORDER BY 1, 2",
        )?;
        let rows = st.query_map([], |r| Ok((r.get::<_, i64>(0)?, indicator_at(r, 1)?)))?;
        for row in rows {
            let (id, i) = row?;
            out.entry(id).or_default().push(i);
        }
        Ok(out)
    }
}

/// The indicators of revision `revision`, in order.
pub(super) fn revised_indicators(
    conn: &Connection,
    revision: i64,
) -> rusqlite::Result<Vec<Indicator>> {
    conn.prepare_cached(
        "SELECT seq, level1, level2, indicator, target, unit FROM revised_indicator
         WHERE revision_id = ?1 ORDER BY seq",
    )?
    .query_map([revision], |r| indicator_at(r, 0))?
    .collect()
}

/// An indicator from its six columns starting at `i`.
pub(super) fn indicator_at(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Indicator> {
    Ok(Indicator {
        seq: r.get(i)?,
        level1: r.get(i + 1)?,
        level2: r.get(i + 2)?,
        indicator: r.get(i + 3)?,
        target: r.get(i + 4)?,
        unit: r.get(i + 5)?,
    })
}
