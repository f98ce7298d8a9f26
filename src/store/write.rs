//! A reviewer's writes (a decision against the version they saw, a comment,
//! undo, the stage, the ceiling) and the rows each adds to the event log.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::domain::batch::{at_stage, merge_target};
use crate::domain::stage::{StageCommand, StageError};
use crate::domain::{BudgetType, Command, Decision, Money, Rounding, Stage, decide};

use super::access::check_access;
use super::connection::now;
use super::rows::{DECISION_MORE, also_text, decision_at, indicators_text};
use super::weigh::{
    outside_section, reasons_in, reasons_of, sections_in, sections_only_in, set_reasons_tx,
};
use super::{Actor, Conflict, Denied, Result, Role, Snapshot, Store, StoreError, StoredDecision};
use crate::domain::{CutReason, State};

impl Store {
    pub fn set_title(&mut self, title: &str, actor: &Actor) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        tx.execute("UPDATE meeting SET title = ?1 WHERE id = 1", [title])?;
        tx.commit()?;
        Ok(())
    }

    /// One reviewer's decision on one project, made against `expected_version`
    /// (the version they saw). Refused with the fresh state if someone else
    /// changed the project since.
    pub fn decide(
        &mut self,
        project_id: i64,
        expected_version: i64,
        command: &Command,
        comment: Option<&str>,
        actor: &Actor,
    ) -> Result<StoredDecision> {
        self.decide_with(project_id, expected_version, command, comment, None, actor)
    }

    /// [`Store::decide`] with the reasons for a cut or a cancellation (ids
    /// of the meeting's reasons): `None` keeps those the project has if it
    /// stays cut or cancelled. A decision that neither cuts nor cancels
    /// carries none. Deciding a project outside the sections the reviewer
    /// looks after is logged as such, and refused to a member when the
    /// meeting says sections only.
    pub fn decide_with(
        &mut self,
        project_id: i64,
        expected_version: i64,
        command: &Command,
        comment: Option<&str>,
        reasons: Option<&[i64]>,
        actor: &Actor,
    ) -> Result<StoredDecision> {
        let tx = self.write_tx()?;
        let role = check_access(&tx, actor, false)?;
        let (code, requested, current) = tx
            .prepare_cached(&format!(
                "SELECT p.code, p.requested, d.state, d.approved, d.adjust, d.adjust_indicators,
                    d.adjust_reason, d.version, d.updated_by, d.updated_at, {DECISION_MORE}
             FROM project p JOIN decision d ON d.project_id = p.id WHERE p.id = ?1"
            ))?
            .query_row([project_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    Money::from_fen(r.get(1)?),
                    StoredDecision {
                        decision: decision_at(r, 2, 10)?,
                        version: r.get(7)?,
                        updated_by: r.get(8)?,
                        updated_at: r.get(9)?,
                    },
                ))
            })?;
        if current.version != expected_version {
            return Err(StoreError::Conflict(Box::new(Conflict {
                code,
                by: current.updated_by.unwrap_or_default(),
                at: current.updated_at.unwrap_or_default(),
                state: current.decision.state,
                approved: current.decision.approved,
            })));
        }
        let outside = outside_section(&tx, actor, project_id)?;
        if let Some(o) = &outside
            && role == Role::Member
            && sections_only_in(&tx)?
        {
            return Err(StoreError::Denied(Denied::OutsideSections {
                code,
                section: o.section.clone(),
                mine: sections_in(&tx, &actor.name)?,
            }));
        }
        let stage = stage_in(&tx)?;
        let command = &at_stage(stage, &code, command)?;
        if let Command::Stage { command: c, .. } = command {
            check_merge_target(&tx, c)?;
        }
        let next = decide(&current.decision, requested, command)?;
        let had = reasons_of(&tx, project_id)?;
        let given = match reasons {
            Some(ids) => Some(known_reasons(&tx, ids)?),
            None => None,
        };
        let now_reasons = next_reasons(&current.decision, &next, &had, given);
        let at = now(&tx)?;
        let written = next != current.decision || now_reasons != had;
        if written {
            insert_decision_event(
                &tx,
                &at,
                actor,
                command.code(),
                project_id,
                &Snapshot::of(&current.decision).with_reasons(&had),
                &Snapshot::of(&next).with_reasons(&now_reasons),
                outside.map(|o| serde_json::json!({ "outside_section": o.section })),
            )?;
            write_decision(&tx, &at, actor, project_id, &next)?;
            if now_reasons != had {
                let ids: Vec<i64> = now_reasons.iter().map(|r| r.id).collect();
                set_reasons_tx(&tx, project_id, &ids)?;
            }
        }
        if let Some(body) = comment.filter(|c| !c.trim().is_empty()) {
            add_comment_tx(&tx, &at, actor, project_id, body)?;
        }
        // `write_decision` bumps the version by one; nothing else moves it.
        let stored = StoredDecision {
            version: current.version + i64::from(written),
            decision: next,
            updated_by: Some(actor.name.clone()),
            updated_at: Some(at),
        };
        tx.commit()?;
        Ok(stored)
    }

    /// A comment for the department (反馈部门).
    pub fn add_comment(&mut self, project_id: i64, body: &str, actor: &Actor) -> Result<()> {
        self.add_comment_scoped(project_id, body, false, actor)
    }

    /// A comment, for the department or kept inside the bureau
    /// (`internal`: never in what leaves it).
    pub fn add_comment_scoped(
        &mut self,
        project_id: i64,
        body: &str,
        internal: bool,
        actor: &Actor,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, false)?;
        let at = now(&tx)?;
        add_comment_in(&tx, &at, actor, project_id, body, internal)?;
        tx.commit()?;
        Ok(())
    }

    /// Sets the meeting's stage: when it is created, before any decision.
    pub fn set_stage(&mut self, stage: Stage) -> Result<()> {
        let tx = self.write_tx()?;
        tx.execute("UPDATE meeting SET stage = ?1 WHERE id = 1", [stage.code()])?;
        tx.commit()?;
        Ok(())
    }

    /// Sets the unit the meeting rounds what it derives to: when it is
    /// created, before any decision.
    pub fn set_rounding(&mut self, rounding: Rounding) -> Result<()> {
        let tx = self.write_tx()?;
        tx.execute(
            "UPDATE meeting SET rounding = ?1 WHERE id = 1",
            [rounding.fen()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Sets (or with `None` clears) the ceiling of a budget, or of the
    /// total with `budget` `None`. Chair only.
    pub fn set_ceiling(
        &mut self,
        budget: Option<BudgetType>,
        amount: Option<Money>,
        actor: &Actor,
    ) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        let key = budget.map(|b| b.code()).unwrap_or("");
        match amount {
            Some(a) => tx.execute(
                "INSERT INTO ceiling (budget_type, amount) VALUES (?1, ?2)
                 ON CONFLICT (budget_type) DO UPDATE SET amount = excluded.amount",
                params![key, a.fen()],
            )?,
            None => tx.execute("DELETE FROM ceiling WHERE budget_type = ?1", [key])?,
        };
        let at = now(&tx)?;
        insert_note(
            &tx,
            &at,
            actor,
            "ceiling",
            serde_json::json!({"budget_type": key, "amount": amount.map(|a| a.wan_string())}),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Reverts `actor`'s most recent decision that is not yet undone, as a
    /// new event. Refused if anyone changed that project after it.
    pub fn undo_last(&mut self, actor: &Actor) -> Result<(String, Decision)> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, false)?;
        let last: Option<(i64, i64, String, Option<String>)> = tx
            .query_row(
                "SELECT e.id, e.project_id, p.code, e.old_state FROM event e JOIN project p ON p.id = e.project_id
                 WHERE e.reviewer = ?1 AND e.kind IN ('approve', 'cut', 'cancel', 'adjust', 'reset', 'confirm', 'return')
                   AND e.id NOT IN (SELECT json_extract(detail, '$.undoes') FROM event
                                    WHERE kind = 'undo' AND detail IS NOT NULL)
                 ORDER BY e.id DESC LIMIT 1",
                [&actor.name],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        let Some((event_id, project_id, code, old)) = last else {
            return Err(StoreError::NothingToUndo);
        };
        let later: Option<(String, String, Option<String>)> = tx
            .query_row(
                "SELECT reviewer, at, new_state FROM event
                 WHERE project_id = ?1 AND id > ?2 AND kind IN ('approve', 'cut', 'cancel', 'adjust', 'reset', 'undo', 'confirm', 'return', 'revise')
                 ORDER BY id DESC LIMIT 1",
                params![project_id, event_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((by, at, new)) = later {
            let d = new
                .and_then(|n| serde_json::from_str::<Snapshot>(&n).ok())
                .and_then(|s| s.decision())
                .unwrap_or_else(Decision::pending);
            return Err(StoreError::Conflict(Box::new(Conflict {
                code,
                by,
                at,
                state: d.state,
                approved: d.approved,
            })));
        }
        let old: Option<Snapshot> = old.and_then(|o| serde_json::from_str::<Snapshot>(&o).ok());
        let restore = old
            .as_ref()
            .and_then(|s| s.decision())
            .unwrap_or_else(Decision::pending);
        // The reasons it had, as far as the meeting still has them.
        let restore_reasons: Vec<CutReason> = match &old {
            Some(s) => reasons_in(&tx)?
                .into_iter()
                .filter(|r| s.reason_ids.contains(&r.id))
                .collect(),
            None => Vec::new(),
        };
        let had = reasons_of(&tx, project_id)?;
        let current = read_decision(&tx, project_id)?;
        let at = now(&tx)?;
        insert_decision_event(
            &tx,
            &at,
            actor,
            "undo",
            project_id,
            &Snapshot::of(&current).with_reasons(&had),
            &Snapshot::of(&restore).with_reasons(&restore_reasons),
            Some(serde_json::json!({ "undoes": event_id })),
        )?;
        write_decision(&tx, &at, actor, project_id, &restore)?;
        if restore_reasons != had {
            let ids: Vec<i64> = restore_reasons.iter().map(|r| r.id).collect();
            set_reasons_tx(&tx, project_id, &ids)?;
        }
        tx.commit()?;
        Ok((code, restore))
    }
}

/// A project's decision as it stands, inside a transaction or out.
pub(super) fn read_decision(conn: &Connection, project_id: i64) -> rusqlite::Result<Decision> {
    conn.prepare_cached(&format!(
        "SELECT d.state, d.approved, d.adjust, d.adjust_indicators, d.adjust_reason, {DECISION_MORE}
         FROM decision d WHERE d.project_id = ?1"
    ))?
    .query_row([project_id], |r| decision_at(r, 0, 5))
}

/// The meeting's rounding unit, inside a transaction or out.
pub(super) fn rounding_in(conn: &Connection) -> rusqlite::Result<Rounding> {
    let fen: i64 = conn
        .prepare_cached("SELECT rounding FROM meeting WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    Ok(Rounding::from_fen(fen).unwrap_or_default())
}

pub(super) fn stage_in(conn: &Connection) -> rusqlite::Result<Stage> {
    let code: String = conn
        .prepare_cached("SELECT stage FROM meeting WHERE id = 1")?
        .query_row([], |r| r.get(0))?;
    Ok(Stage::parse(&code).unwrap_or_default())
}

/// A merge goes into a project of this meeting.
fn check_merge_target(conn: &Connection, c: &StageCommand) -> Result<()> {
    if let Some(t) = merge_target(c) {
        let found: bool = conn.query_row(
            "SELECT count(*) > 0 FROM project WHERE code = ?1",
            [t],
            |r| r.get(0),
        )?;
        if !found {
            return Err(StageError::MergeTargetUnknown(t.to_string()).into());
        }
    }
    Ok(())
}

/// An event about the meeting rather than a project (roster, lock).
pub(super) fn insert_note(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    kind: &str,
    detail: serde_json::Value,
) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO event (at, reviewer, os_user, kind, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            at,
            actor.name,
            actor.os_user,
            kind,
            (!detail.is_null()).then(|| detail.to_string())
        ],
    )?;
    Ok(())
}

/// The reasons a decision carries after `next` replaces `current`: those
/// given, else those it had while it stays cut or cancelled; none for a
/// decision that neither cuts nor cancels.
pub(super) fn next_reasons(
    current: &Decision,
    next: &Decision,
    had: &[CutReason],
    given: Option<Vec<CutReason>>,
) -> Vec<CutReason> {
    let cuts = |d: &Decision| matches!(d.state, State::Cut | State::Cancelled);
    if !cuts(next) {
        return Vec::new();
    }
    match given {
        Some(g) => g,
        None if cuts(current) => had.to_vec(),
        None => Vec::new(),
    }
}

/// The meeting's reasons of these ids, in the list's order; an id the list
/// no longer has (removed by the chair a moment ago) is refused.
pub(super) fn known_reasons(conn: &Connection, ids: &[i64]) -> Result<Vec<CutReason>> {
    let all = reasons_in(conn)?;
    if let Some(missing) = ids.iter().find(|id| !all.iter().any(|r| r.id == **id)) {
        return Err(StoreError::Reason(
            crate::domain::reason::ReasonError::Unknown(format!("#{missing}")),
        ));
    }
    Ok(all.into_iter().filter(|r| ids.contains(&r.id)).collect())
}

/// An event about a project: its decision before and after (a decision's
/// reasons in them), and what else the event says (`{"file": …}` of a
/// batch, `{"undoes": …}` of an undo, `{"outside_section": …}`).
#[allow(clippy::too_many_arguments)]
pub(super) fn insert_decision_event(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    kind: &str,
    project_id: i64,
    before: &Snapshot,
    after: &Snapshot,
    detail: Option<serde_json::Value>,
) -> rusqlite::Result<()> {
    let old = serde_json::to_string(before).expect("snapshot serializes");
    let new = serde_json::to_string(after).expect("snapshot serializes");
    let detail = detail.map(|d| d.to_string());
    tx.prepare_cached(
        "INSERT INTO event (at, reviewer, os_user, kind, project_id, old_state, new_state, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        at,
        actor.name,
        actor.os_user,
        kind,
        project_id,
        old,
        new,
        detail
    ])?;
    Ok(())
}

pub(super) fn write_decision(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    project_id: i64,
    d: &Decision,
) -> rusqlite::Result<()> {
    let (adjust, inds, reason) = match &d.adjust {
        Some(a) => (true, indicators_text(&a.indicators), a.reason.as_str()),
        None => (false, String::new(), ""),
    };
    let a = d.adjust.as_deref();
    tx.prepare_cached(
        "UPDATE decision SET state = ?2, approved = ?3, adjust = ?4, adjust_indicators = ?5,
                adjust_reason = ?6, updated_by = ?7, updated_os_user = ?8, updated_at = ?9,
                kind = ?10, amount = ?11, merged_into = ?12, revision = ?13, revision_got = ?14,
                targets_in = ?15, also = ?16, measures = ?17, version = version + 1
         WHERE project_id = ?1",
    )?
    .execute(params![
        project_id,
        d.state.code(),
        d.approved.fen(),
        adjust,
        inds,
        reason,
        actor.name,
        actor.os_user,
        at,
        d.stage.as_ref().map(|a| a.kind.code()),
        d.stage.as_ref().map_or(0, |a| a.amount.fen()),
        d.stage.as_ref().and_then(|a| a.merged_into.as_deref()),
        a.map_or("waiting", |a| a.revision.code()),
        a.and_then(|a| a.received),
        a.and_then(|a| a.in_force),
        d.stage
            .as_ref()
            .map(|s| also_text(&s.also))
            .unwrap_or_default(),
        d.stage.as_ref().map_or(0, |s| s.measures.bits()),
    ])?;
    Ok(())
}

/// A comment for the department.
pub(super) fn add_comment_tx(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    project_id: i64,
    body: &str,
) -> rusqlite::Result<()> {
    add_comment_in(tx, at, actor, project_id, body, false)
}

fn add_comment_in(
    tx: &Transaction<'_>,
    at: &str,
    actor: &Actor,
    project_id: i64,
    body: &str,
    internal: bool,
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO comment (project_id, author, os_user, at, body, internal)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?
    .execute(params![
        project_id,
        actor.name,
        actor.os_user,
        at,
        body,
        internal
    ])?;
    // Logged too, so every session's change feed sees the new comment.
    tx.execute(
        "INSERT INTO event (at, reviewer, os_user, kind, project_id, detail)
         VALUES (?1, ?2, ?3, 'comment', ?4, ?5)",
        params![
            at,
            actor.name,
            actor.os_user,
            project_id,
            if internal {
                serde_json::json!({ "comment": tx.last_insert_rowid(), "internal": true })
            } else {
                serde_json::json!({ "comment": tx.last_insert_rowid() })
            }
            .to_string()
        ],
    )?;
    Ok(())
}
