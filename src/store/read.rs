//! The reads behind the screen: the meeting, the tally, the project rows, a
//! project's detail and the event log.

use std::collections::HashMap;

use rusqlite::{OptionalExtension, params};

use crate::domain::{
    BudgetType, Ceiling, Money, Revision, Rounding, Stage, StageTally, Tally, TallyRow,
};

use super::revision::{indicator_at, revised_indicators};
use super::rows::{
    Changed, DECISION_MORE, PROJECT_ROW_SELECT, Shared, budget_at, decision_at, event_row,
    project_row, project_row_in, revision_level, state_at,
};
use super::write::{read_decision, rounding_in};
use super::{
    CommentRow, EventNote, EventRow, Meeting, ProjectDetail, ProjectRow, Result, Role, Store,
    StoreError,
};

impl Store {
    pub fn meeting(&self) -> Result<Meeting> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT title, stage, locked, created_at, created_by, rounding FROM meeting WHERE id = 1",
            )?
            .query_row([], |r| {
                Ok(Meeting {
                    title: r.get(0)?,
                    stage: r.get(1)?,
                    locked: r.get(2)?,
                    created_at: r.get(3)?,
                    created_by: r.get(4)?,
                    // A unit this version does not know rounds as the default.
                    rounding: Rounding::from_fen(r.get(5)?).unwrap_or_default(),
                })
            })?)
    }

    /// The unit the meeting rounds what it derives to.
    pub fn rounding(&self) -> Result<Rounding> {
        Ok(rounding_in(&self.conn)?)
    }

    /// The meeting's stage; an unknown code reads as target review.
    pub fn stage(&self) -> Result<Stage> {
        let code: String =
            self.conn
                .query_row("SELECT stage FROM meeting WHERE id = 1", [], |r| r.get(0))?;
        Ok(Stage::parse(&code).unwrap_or_default())
    }

    /// The later stage's figures: each kind's count and amount.
    pub fn stage_tally(&self) -> Result<StageTally> {
        let stage = self.stage()?;
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT d.state, d.approved, d.adjust, d.adjust_indicators, d.adjust_reason, {DECISION_MORE}
             FROM decision d WHERE d.kind IS NOT NULL AND d.state <> 'pending'"
        ))?;
        let list = st
            .query_map([], |r| decision_at(r, 0, 5))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(stage.tally(list.iter().filter_map(|d| d.stage.as_deref())))
    }

    /// The budget ceiling (控制数), if any is set.
    pub fn ceiling(&self) -> Result<Ceiling> {
        let mut st = self
            .conn
            .prepare_cached("SELECT budget_type, amount FROM ceiling ORDER BY budget_type")?;
        let mut c = Ceiling::default();
        let rows = st.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, Money::from_fen(r.get(1)?)))
        })?;
        for row in rows {
            let (b, amount) = row?;
            match BudgetType::ALL.into_iter().find(|x| x.code() == b) {
                Some(b) => c.by_budget.push((b, amount)),
                None => c.total = Some(amount),
            }
        }
        c.by_budget.sort();
        c.by_department = self.department_ceilings()?;
        Ok(c)
    }

    /// The tally, recomputed from every project's current decision.
    pub fn tally(&self) -> Result<Tally> {
        self.tally_from(
            "SELECT dep.name, s.budget_type, s.requested, s.state, s.approved, s.adjust, s.projects
             FROM tally_summary s JOIN department dep ON dep.id = s.department_id
             ORDER BY s.department_id",
        )
    }

    /// The overall figures and those per budget, from the per-budget
    /// summary (a few dozen rows, whatever the meeting's size); without the
    /// per-department figures.
    pub fn tally_overview(&self) -> Result<Tally> {
        let mut t = self.tally_from(
            "SELECT '', budget_type, requested, state, approved, adjust, projects FROM tally_budget",
        )?;
        t.by_department.clear();
        Ok(t)
    }

    /// The tally recomputed from every project, bypassing the summary
    /// table: what the summary must always equal.
    pub fn tally_recomputed(&self) -> Result<Tally> {
        self.tally_from(
            "SELECT dep.name, p.budget_type, p.requested, d.state, d.approved,
                    CASE WHEN d.adjust = 0 THEN 0 WHEN d.revision = 'revised' THEN 2
                         WHEN d.revision = 'confirmed' THEN 3 ELSE 1 END, 1
             FROM project p
             JOIN department dep ON dep.id = p.department_id
             JOIN decision d ON d.project_id = p.id
             ORDER BY dep.id, p.id",
        )
    }

    fn tally_from(&self, sql: &str) -> Result<Tally> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    budget_at(r, 1)?,
                    Money::from_fen(r.get(2)?),
                    state_at(r, 3)?,
                    Money::from_fen(r.get(4)?),
                    r.get::<_, i64>(5)?,
                    r.get::<_, i64>(6)? as u64,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Tally::from_rows(rows.iter().map(
            |(dep, b, req, st, appr, adj, n)| TallyRow {
                projects: *n,
                department: dep,
                budget_type: *b,
                requested: *req,
                state: *st,
                approved: *appr,
                adjust: revision_level(*adj),
            },
        )))
    }

    /// The newest event's id: a cursor into the log, which doubles as the
    /// change feed every session follows.
    pub fn last_event_id(&self) -> Result<i64> {
        Ok(self
            .conn
            .prepare_cached("SELECT coalesce(max(id), 0) FROM event")?
            .query_row([], |r| r.get(0))?)
    }

    /// What changed after event `after`, up to event `upto`: the projects
    /// touched, and whether anything else was (a ceiling, a reason, the
    /// roster); `None` when projects were added (reload everything).
    pub fn changed_projects(&self, after: i64, upto: i64) -> Result<Option<Changed>> {
        let imported: bool = self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM event WHERE id > ?1 AND id <= ?2 AND kind = 'import')",
            )?
            .query_row([after, upto], |r| r.get(0))?;
        if imported {
            return Ok(None);
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT DISTINCT project_id FROM event WHERE id > ?1 AND id <= ?2")?;
        let mut changed = Changed::default();
        for id in st.query_map([after, upto], |r| r.get::<_, Option<i64>>(0))? {
            match id? {
                Some(id) => changed.projects.push(id),
                None => changed.meeting = true,
            }
        }
        Ok(Some(changed))
    }

    /// Every project with its current decision, in submission order.
    pub fn project_rows(&self) -> Result<Vec<ProjectRow>> {
        // Sized once: a vector grown by doubling holds up to twice the rows.
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM project", [], |r| r.get(0))?;
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{PROJECT_ROW_SELECT} ORDER BY p.id"))?;
        let mut shared = Shared::default();
        let mut rows = Vec::with_capacity(n.max(0) as usize);
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            rows.push(project_row_in(r, &mut shared)?);
        }
        Ok(rows)
    }

    /// The first `n` projects in submission order: the first screen.
    pub fn project_rows_first(&self, n: usize) -> Result<Vec<ProjectRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{PROJECT_ROW_SELECT} ORDER BY p.id LIMIT ?1"))?;
        let rows = stmt
            .query_map([n as i64], project_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// The rows of some projects, as `project_rows` gives them.
    pub fn project_rows_by_id(&self, ids: &[i64]) -> Result<Vec<ProjectRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{PROJECT_ROW_SELECT} WHERE p.id = ?1"))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            if let Some(r) = stmt.query_row([id], project_row).optional()? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Everything the detail pane shows about one project: its indicators,
    /// comments and decision history (newest first).
    pub fn project_detail(&self, project_id: i64) -> Result<ProjectDetail> {
        // The indicators in force: a confirmed revision's, else as
        // submitted; and a revision in for review beside them.
        let decision = read_decision(&self.conn, project_id).optional()?;
        let adjust = decision.as_ref().and_then(|d| d.adjust.as_deref());
        let indicators = match adjust.and_then(|a| a.in_force) {
            Some(r) => revised_indicators(&self.conn, r)?,
            None => {
                let mut ind = self.conn.prepare_cached(
                    "SELECT seq, level1, level2, indicator, target, unit FROM indicator
                     WHERE project_id = ?1 ORDER BY seq",
                )?;
                ind.query_map([project_id], |r| indicator_at(r, 0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?
            }
        };
        let revised = match adjust {
            Some(a) if a.revision == Revision::Revised => match a.received {
                Some(r) => Some(revised_indicators(&self.conn, r)?),
                None => None,
            },
            _ => None,
        };
        let mut com = self.conn.prepare_cached(
            "SELECT author, os_user, at, body, internal
             FROM comment WHERE project_id = ?1 ORDER BY id DESC",
        )?;
        let comments = com
            .query_map([project_id], |r| {
                Ok(CommentRow {
                    author: r.get(0)?,
                    os_user: r.get(1)?,
                    at: r.get(2)?,
                    body: r.get(3)?,
                    internal: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut ev = self.conn.prepare_cached(
            "SELECT e.id, e.at, e.reviewer, e.os_user, e.kind, p.code, e.old_state, e.new_state,
                    e.detail
             FROM event e LEFT JOIN project p ON p.id = e.project_id
             WHERE e.project_id = ?1 AND e.kind <> 'comment' ORDER BY e.id DESC",
        )?;
        let history = ev
            .query_map([project_id], |r| {
                let mut e = event_row(r)?;
                e.note = r
                    .get::<_, Option<String>>(8)?
                    .and_then(|d| EventNote::of_detail(&e.kind, &d));
                Ok(e)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(ProjectDetail {
            indicators,
            revised,
            comments,
            history,
            reasons: super::weigh::reasons_of(&self.conn, project_id)?,
        })
    }

    /// The event log, oldest first, optionally only one reviewer's events,
    /// with what each comment, roster and ceiling event said
    /// ([`EventRow::note`]).
    pub fn events(&self, reviewer: Option<&str>) -> Result<Vec<EventRow>> {
        self.noted_events(reviewer, 0)
    }

    /// The events after event `after`, oldest first: the history overlay
    /// (`after` 0), and what an open history adds when other sessions
    /// commit.
    pub fn events_after(&self, after: i64) -> Result<Vec<EventRow>> {
        self.noted_events(None, after)
    }

    /// [`Store::events`] after event `after`.
    fn noted_events(&self, reviewer: Option<&str>, after: i64) -> Result<Vec<EventRow>> {
        // A comment event names its comment in `detail` ({"comment": id});
        // `json_valid` first, so a damaged detail reads as no text rather
        // than failing the whole log. A ceiling event's detail is its note.
        let mut ev = self.conn.prepare_cached(
            "SELECT e.id, e.at, e.reviewer, e.os_user, e.kind, p.code, e.old_state, e.new_state, c.body,
                    e.detail, c.internal
             FROM event e LEFT JOIN project p ON p.id = e.project_id
             LEFT JOIN comment c ON c.id = CASE WHEN e.kind = 'comment' AND json_valid(e.detail)
                                                THEN json_extract(e.detail, '$.comment') END
             WHERE (?1 IS NULL OR e.reviewer = ?1) AND e.id > ?2 ORDER BY e.id",
        )?;
        let mut rows = ev
            .query_map(params![reviewer, after], |r| {
                let mut e = event_row(r)?;
                e.note = match r.get::<_, Option<String>>(8)? {
                    Some(body) if r.get::<_, Option<bool>>(10)? == Some(true) => {
                        Some(EventNote::InternalComment(body))
                    }
                    Some(body) => Some(EventNote::Comment(body)),
                    None => r
                        .get::<_, Option<String>>(9)?
                        .and_then(|d| EventNote::of_detail(&e.kind, &d)),
                };
                Ok(e)
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if rows.iter().any(|e| e.kind.starts_with("roster_")) {
            let mut notes = self.roster_notes()?;
            for e in rows.iter_mut().filter(|e| e.kind.starts_with("roster_")) {
                e.note = notes.remove(&e.id);
            }
        }
        Ok(rows)
    }

    /// Every roster event's note by event id. Whether an add was a change
    /// and what role a removal took away come from the roster events before
    /// it (anyone's, whatever the reviewer filter), so the whole roster log
    /// is read; it is a few rows.
    fn roster_notes(&self) -> Result<HashMap<i64, EventNote>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, kind, detail FROM event
             WHERE kind IN ('roster_add', 'roster_set', 'roster_remove') ORDER BY id",
        )?;
        let rows = st
            .query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let text =
            |d: &serde_json::Value, k: &str| d.get(k).and_then(|v| v.as_str()).map(String::from);
        let mut held: HashMap<String, Option<Role>> = HashMap::new();
        let mut notes = HashMap::new();
        for (id, kind, detail) in rows {
            let d: serde_json::Value = detail
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
            let Some(name) = text(&d, "name") else {
                continue;
            };
            if kind == "roster_set" {
                let role = d.get("role").and_then(|c| {
                    let from = Role::parse(&text(c, "from")?)?;
                    Some((from, Role::parse(&text(c, "to")?)?))
                });
                if let Some((_, to)) = role {
                    held.insert(name.clone(), Some(to));
                }
                let os_user = d
                    .get("os_user")
                    .filter(|c| c.is_object())
                    .map(|c| (text(c, "from"), text(c, "to")));
                notes.insert(
                    id,
                    EventNote::RosterSet {
                        name,
                        role,
                        os_user,
                    },
                );
                continue;
            }
            let add = kind == "roster_add";
            let role = text(&d, "role").and_then(|r| Role::parse(&r));
            let was = if add {
                held.insert(name.clone(), role)
            } else {
                held.remove(&name)
            };
            notes.insert(
                id,
                EventNote::Roster {
                    name,
                    role: role.filter(|_| add),
                    was: was.flatten(),
                    os_user: text(&d, "os_user").filter(|_| add),
                },
            );
        }
        Ok(notes)
    }

    /// The project id for a code.
    pub fn project_id(&self, code: &str) -> Result<i64> {
        self.conn
            .query_row("SELECT id FROM project WHERE code = ?1", [code], |r| {
                r.get(0)
            })
            .optional()?
            .ok_or_else(|| StoreError::UnknownProject(code.to_string()))
    }

    /// Runs SQLite's own consistency check; `Ok(())` when it says "ok".
    pub fn integrity_check(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
