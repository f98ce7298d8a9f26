//! What reviewers weigh, in the store: the meeting's reasons for a cut and
//! those each decision carries, each department's ceiling (控制数), the
//! business sections a reviewer looks after and the chair's sections-only
//! rule, and the tally broken down by section, novelty and reason. Every
//! change here is the chair's, and logged.

use rusqlite::{Connection, OptionalExtension, Transaction, params};

use crate::domain::reason::{ReasonError, check_name};
use crate::domain::tally::group_figures;
use crate::domain::{Breakdown, CutReason, Money, Novelty, ReasonRef, TallyRow};

use super::access::check_access;
use super::connection::now;
use super::rows::{REVISION_LEVEL, budget_at, revision_level, state_at};
use super::write::insert_note;
use super::{Actor, Result, Store, StoreError};

/// What a change of the meeting's lists recorded, read back for the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WeighNote {
    ReasonAdded(String),
    ReasonRenamed {
        from: String,
        to: String,
    },
    ReasonRemoved(String),
    /// A department's ceiling set, or cleared (`None`).
    DepartmentCeiling {
        department: String,
        amount: Option<Money>,
    },
    /// The sections a reviewer looks after (none: cleared).
    Sections {
        name: String,
        sections: Vec<String>,
    },
    SectionsOnly(bool),
}

impl WeighNote {
    /// The note of an event of `kind` from its `detail`; `None` for one
    /// that does not read as one.
    pub(super) fn of(kind: &str, detail: &str) -> Option<WeighNote> {
        let d: serde_json::Value = serde_json::from_str(detail).ok()?;
        let text = |k: &str| d.get(k).and_then(|v| v.as_str()).map(String::from);
        Some(match kind {
            "reason_add" => WeighNote::ReasonAdded(text("name")?),
            "reason_rename" => WeighNote::ReasonRenamed {
                from: text("from")?,
                to: text("to")?,
            },
            "reason_remove" => WeighNote::ReasonRemoved(text("name")?),
            "department_ceiling" => WeighNote::DepartmentCeiling {
                department: text("department")?,
                amount: match text("amount") {
                    Some(a) => Some(a.parse().ok()?),
                    None => None,
                },
            },
            "sections" => WeighNote::Sections {
                name: text("name")?,
                sections: d
                    .get("sections")?
                    .as_array()?
                    .iter()
                    .filter_map(|s| s.as_str().map(String::from))
                    .collect(),
            },
            "sections_only" => WeighNote::SectionsOnly(d.get("on")?.as_bool()?),
            _ => return None,
        })
    }
}

/// A reviewer deciding a project outside the sections they look after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outside {
    /// The project's section; `None` when it names none.
    pub section: Option<String>,
}

/// Ordered by the ceiling's key, so the few ceilings are read and their
/// departments looked up, not every department probed (5,000 of them at
/// 100,000 projects, at every refresh).
pub(super) const DEPARTMENT_CEILINGS: &str = "SELECT d.name, c.amount FROM department_ceiling c
     JOIN department d ON d.id = c.department_id ORDER BY c.department_id";

impl Store {
    /// The meeting's reasons, numbered in their order.
    pub fn reasons(&self) -> Result<Vec<CutReason>> {
        Ok(reasons_in(&self.conn)?)
    }

    /// Adds a reason at the end of the list. Chair only.
    pub fn add_reason(&mut self, name: &str, actor: &Actor) -> Result<CutReason> {
        let name = check_name(name).map_err(StoreError::Reason)?;
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        if find_in(&tx, &ReasonRef::Name(name.clone()))?.is_some() {
            return Err(StoreError::Reason(ReasonError::Duplicate(name)));
        }
        tx.execute(
            "INSERT INTO reason (seq, name) VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM reason), ?1)",
            [&name],
        )?;
        let at = now(&tx)?;
        insert_note(
            &tx,
            &at,
            actor,
            "reason_add",
            serde_json::json!({ "name": name }),
        )?;
        let added = find_in(&tx, &ReasonRef::Name(name.clone()))?.expect("just added");
        tx.commit()?;
        Ok(added)
    }

    /// Renames a reason (by its number or name); the decisions that carry
    /// it carry the new name. Chair only. Returns (old name, new name).
    pub fn rename_reason(
        &mut self,
        which: &ReasonRef,
        name: &str,
        actor: &Actor,
    ) -> Result<(String, String)> {
        let name = check_name(name).map_err(StoreError::Reason)?;
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        let old = find_in(&tx, which)?.ok_or_else(|| unknown(which))?;
        if let Some(other) = find_in(&tx, &ReasonRef::Name(name.clone()))?
            && other.id != old.id
        {
            return Err(StoreError::Reason(ReasonError::Duplicate(name)));
        }
        tx.execute(
            "UPDATE reason SET name = ?1 WHERE id = ?2",
            params![name, old.id],
        )?;
        let at = now(&tx)?;
        insert_note(
            &tx,
            &at,
            actor,
            "reason_rename",
            serde_json::json!({ "from": old.name, "to": name }),
        )?;
        tx.commit()?;
        Ok((old.name, name))
    }

    /// Removes a reason no decision carries; the ones after it move up a
    /// number. Chair only. Returns its name.
    pub fn remove_reason(&mut self, which: &ReasonRef, actor: &Actor) -> Result<String> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        let r = find_in(&tx, which)?.ok_or_else(|| unknown(which))?;
        let used: i64 = tx.query_row(
            "SELECT count(*) FROM decision_reason WHERE reason_id = ?1",
            [r.id],
            |x| x.get(0),
        )?;
        if used > 0 {
            return Err(StoreError::Reason(ReasonError::InUse {
                name: r.name,
                decisions: used as u64,
            }));
        }
        tx.execute("DELETE FROM reason WHERE id = ?1", [r.id])?;
        let at = now(&tx)?;
        insert_note(
            &tx,
            &at,
            actor,
            "reason_remove",
            serde_json::json!({ "name": r.name }),
        )?;
        tx.commit()?;
        Ok(r.name)
    }

    /// Every decided project's reasons, joined by `、` in the list's order,
    /// by project id: the exports' column 审减原因.
    pub fn reason_names(&self) -> Result<std::collections::HashMap<i64, String>> {
        Ok(reason_names(&self.conn)?.into_iter().collect())
    }

    /// The meeting's departments, in the order they were submitted.
    pub fn departments(&self) -> Result<Vec<String>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT name FROM department ORDER BY id")?;
        let rows = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(rows)
    }

    /// Each department's ceiling, in the order departments were submitted.
    pub fn department_ceilings(&self) -> Result<Vec<(String, Money)>> {
        let mut st = self.conn.prepare_cached(DEPARTMENT_CEILINGS)?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, Money::from_fen(r.get(1)?))))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Sets (or with `None` clears) the ceilings of departments, all in one
    /// transaction, each change logged. Chair only; a department not in the
    /// meeting refuses them all.
    pub fn set_department_ceilings(
        &mut self,
        list: &[(String, Option<Money>)],
        actor: &Actor,
    ) -> Result<usize> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        let at = now(&tx)?;
        let mut changed = 0;
        for (name, amount) in list {
            let id: i64 = tx
                .prepare_cached("SELECT id FROM department WHERE name = ?1")?
                .query_row([name], |r| r.get(0))
                .optional()?
                .ok_or_else(|| StoreError::UnknownDepartment(name.clone()))?;
            let before: Option<i64> = tx
                .prepare_cached("SELECT amount FROM department_ceiling WHERE department_id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if before == amount.map(|a| a.fen()) {
                continue;
            }
            match amount {
                Some(a) => tx.execute(
                    "INSERT INTO department_ceiling (department_id, amount) VALUES (?1, ?2)
                     ON CONFLICT (department_id) DO UPDATE SET amount = excluded.amount",
                    params![id, a.fen()],
                )?,
                None => tx.execute(
                    "DELETE FROM department_ceiling WHERE department_id = ?1",
                    [id],
                )?,
            };
            insert_note(
                &tx,
                &at,
                actor,
                "department_ceiling",
                serde_json::json!({
                    "department": name,
                    "amount": amount.map(|a| a.wan_string()),
                }),
            )?;
            changed += 1;
        }
        tx.commit()?;
        Ok(changed)
    }

    /// The sections each reviewer looks after, by name, sorted.
    pub fn roster_sections(&self) -> Result<Vec<(String, Vec<String>)>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT name, section FROM roster_section ORDER BY name, section")?;
        let rows = st
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for (name, section) in rows {
            match out.last_mut() {
                Some((n, list)) if *n == name => list.push(section),
                _ => out.push((name, vec![section])),
            }
        }
        Ok(out)
    }

    /// The sections `name` looks after, sorted; none for a name with none.
    pub fn sections_of(&self, name: &str) -> Result<Vec<String>> {
        Ok(sections_in(&self.conn, name)?)
    }

    /// Names the sections a reviewer on the roster looks after (none
    /// clears them). Chair only; logged.
    pub fn set_sections(&mut self, name: &str, sections: &[String], actor: &Actor) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        let on_roster: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM roster WHERE name = ?1)",
            [name],
            |r| r.get(0),
        )?;
        if !on_roster {
            return Err(StoreError::NoSuchReviewer(name.to_string()));
        }
        let mut list: Vec<String> = sections
            .iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        list.sort();
        list.dedup();
        tx.execute("DELETE FROM roster_section WHERE name = ?1", [name])?;
        for s in &list {
            tx.execute(
                "INSERT INTO roster_section (name, section) VALUES (?1, ?2)",
                params![name, s],
            )?;
        }
        let at = now(&tx)?;
        insert_note(
            &tx,
            &at,
            actor,
            "sections",
            serde_json::json!({ "name": name, "sections": list }),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Whether members may decide only the projects of their sections.
    pub fn sections_only(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("SELECT sections_only FROM meeting WHERE id = 1", [], |r| {
                r.get(0)
            })?)
    }

    /// Restricts members to their sections, or lifts it. Chair only; logged.
    pub fn set_sections_only(&mut self, on: bool, actor: &Actor) -> Result<()> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        tx.execute("UPDATE meeting SET sections_only = ?1 WHERE id = 1", [on])?;
        let at = now(&tx)?;
        insert_note(
            &tx,
            &at,
            actor,
            "sections_only",
            serde_json::json!({ "on": on }),
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The tally by section, by novelty and by reason. Reads every
    /// project: for `huishen tally` and the exports, not for every frame.
    pub fn breakdown(&self) -> Result<Breakdown> {
        let rows = |sql: &str| -> Result<Vec<(Option<String>, Row)>> {
            let mut st = self.conn.prepare_cached(sql)?;
            let rows = st
                .query_map([], |r| {
                    Ok((r.get::<_, Option<String>>(0)?, Row::read(r, 1)?))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(rows)
        };
        let figures = |rows: Vec<(Option<String>, Row)>| {
            group_figures(rows.iter().map(|(k, r)| (k.clone(), r.tally_row())))
        };
        let mut by_section = figures(rows(&format!(
            "SELECT p.section, p.budget_type, d.state, {REVISION_LEVEL}, count(*), sum(p.requested), sum(d.approved)
             FROM project p JOIN decision d ON d.project_id = p.id
             GROUP BY 1, 2, 3, 4 ORDER BY p.section IS NULL, p.section"
        ))?);
        by_section.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
        let mut by_novelty: Vec<(Option<Novelty>, _)> = figures(rows(&format!(
            "SELECT p.novelty, p.budget_type, d.state, {REVISION_LEVEL}, count(*), sum(p.requested), sum(d.approved)
             FROM project p JOIN decision d ON d.project_id = p.id
             GROUP BY 1, 2, 3, 4"
        ))?)
        .into_iter()
        .map(|(k, f)| (k.as_deref().and_then(Novelty::from_code), f))
        .collect();
        // New, continuing, then not stated.
        by_novelty.sort_by_key(|(n, _)| n.map_or(2, |n| n as u8));
        let reasons = self.reasons()?;
        let used = figures(rows(&format!(
            "SELECT r.name, p.budget_type, d.state, {REVISION_LEVEL}, count(*), sum(p.requested), sum(d.approved)
             FROM decision_reason dr JOIN reason r ON r.id = dr.reason_id
             JOIN project p ON p.id = dr.project_id JOIN decision d ON d.project_id = p.id
             GROUP BY 1, 2, 3, 4"
        ))?);
        let by_reason = reasons
            .into_iter()
            .map(|r| {
                let f = used
                    .iter()
                    .find(|(k, _)| k.as_deref() == Some(r.name.as_str()))
                    .map(|(_, f)| *f)
                    .unwrap_or_default();
                (r.name, f)
            })
            .collect();
        Ok(Breakdown {
            by_section,
            by_novelty,
            by_reason,
        })
    }
}

/// A grouped row of a breakdown query, from column `i` on: budget, state,
/// adjust, projects, requested, approved.
struct Row {
    budget: crate::domain::BudgetType,
    state: crate::domain::State,
    adjust: i64,
    projects: u64,
    requested: Money,
    approved: Money,
}

impl Row {
    fn read(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Row> {
        Ok(Row {
            budget: budget_at(r, i)?,
            state: state_at(r, i + 1)?,
            adjust: r.get(i + 2)?,
            projects: r.get::<_, i64>(i + 3)? as u64,
            requested: Money::from_fen(r.get(i + 4)?),
            approved: Money::from_fen(r.get(i + 5)?),
        })
    }

    fn tally_row(&self) -> TallyRow<'static> {
        TallyRow {
            projects: self.projects,
            department: "",
            budget_type: self.budget,
            requested: self.requested,
            state: self.state,
            approved: self.approved,
            adjust: revision_level(self.adjust),
        }
    }
}

fn unknown(which: &ReasonRef) -> StoreError {
    StoreError::Reason(ReasonError::Unknown(match which {
        ReasonRef::Number(n) => n.to_string(),
        ReasonRef::Name(s) => s.clone(),
    }))
}

/// The meeting's reasons, numbered in their order.
pub(super) fn reasons_in(conn: &Connection) -> rusqlite::Result<Vec<CutReason>> {
    let mut st = conn.prepare_cached("SELECT id, name FROM reason ORDER BY seq")?;
    let rows = st
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .enumerate()
        .map(|(i, (id, name))| CutReason {
            id,
            number: i as u32 + 1,
            name,
        })
        .collect())
}

fn find_in(conn: &Connection, which: &ReasonRef) -> rusqlite::Result<Option<CutReason>> {
    Ok(which.find(&reasons_in(conn)?).cloned())
}

/// The reasons a project's decision carries, in the list's order.
pub(super) fn reasons_of(conn: &Connection, project_id: i64) -> rusqlite::Result<Vec<CutReason>> {
    let mut st =
        conn.prepare_cached("SELECT reason_id FROM decision_reason WHERE project_id = ?1")?;
    let ids = st
        .query_map([project_id], |r| r.get::<_, i64>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(reasons_in(conn)?
        .into_iter()
        .filter(|r| ids.contains(&r.id))
        .collect())
}

/// Every project's reasons as names joined by `、`, by project id: the
/// exports' column.
pub(super) fn reason_names(conn: &Connection) -> rusqlite::Result<Vec<(i64, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT project_id, group_concat(name, '、') FROM (
             SELECT dr.project_id, r.name FROM decision_reason dr
             JOIN reason r ON r.id = dr.reason_id ORDER BY dr.project_id, r.seq)
         GROUP BY project_id",
    )?;
    let rows = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Replaces the reasons of a project's decision.
pub(super) fn set_reasons_tx(tx: &Transaction<'_>, project_id: i64, ids: &[i64]) -> Result<()> {
    tx.prepare_cached("DELETE FROM decision_reason WHERE project_id = ?1")?
        .execute([project_id])?;
    let mut ins = tx.prepare_cached(
        "INSERT OR IGNORE INTO decision_reason (project_id, reason_id) VALUES (?1, ?2)",
    )?;
    for id in ids {
        ins.execute(params![project_id, id])?;
    }
    Ok(())
}

/// The sections `name` looks after, sorted.
pub(super) fn sections_in(conn: &Connection, name: &str) -> rusqlite::Result<Vec<String>> {
    let mut st =
        conn.prepare_cached("SELECT section FROM roster_section WHERE name = ?1 ORDER BY section")?;
    let rows = st
        .query_map([name], |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(rows)
}

/// Whether `actor` decides a project outside the sections they look after:
/// `None` when they look after none, or after the project's.
pub(super) fn outside_section(
    conn: &Connection,
    actor: &Actor,
    project_id: i64,
) -> rusqlite::Result<Option<Outside>> {
    let mine = sections_in(conn, &actor.name)?;
    if mine.is_empty() {
        return Ok(None);
    }
    let section: Option<String> = conn
        .prepare_cached("SELECT section FROM project WHERE id = ?1")?
        .query_row([project_id], |r| r.get(0))?;
    Ok(match &section {
        Some(s) if mine.contains(s) => None,
        _ => Some(Outside { section }),
    })
}

/// Whether the meeting restricts members to their sections, in a
/// transaction.
pub(super) fn sections_only_in(conn: &Connection) -> rusqlite::Result<bool> {
    conn.prepare_cached("SELECT sections_only FROM meeting WHERE id = 1")?
        .query_row([], |r| r.get(0))
}
