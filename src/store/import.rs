//! A submission into the meeting: one bulk insert, all or nothing.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use rusqlite::{Transaction, params};

use crate::domain::problem::{CellProblem, MeetingProblem};
use crate::domain::{Money, NewIndicator, NewProject, Problem, Submission};

use super::access::check_access;
use super::connection::{now, retry_when_busy};
use super::files::Reach;
use super::schema;
use super::{Actor, Result, Store, StoreError};

/// What an import added.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportSummary {
    pub projects: usize,
    pub indicators: usize,
    pub departments_added: usize,
}

impl Store {
    /// Adds a submission's projects and indicators. All or nothing: a
    /// project code already in the meeting is a problem like any other.
    pub fn import_submission(&mut self, sub: &Submission, actor: &Actor) -> Result<ImportSummary> {
        // A bulk insert that fits in the page cache is not spilled to the
        // WAL half-way; the cache goes back to the default afterwards.
        self.conn.pragma_update(None, "cache_size", -262_144)?;
        let journal = self.journal_for_bulk_insert()?;
        // Every reference the bulk insert writes is one it has just made or
        // read: a department's id from the meeting or its own insert, a
        // project's and its decision's from the ids it gives the projects,
        // above the meeting's largest. SQLite's per-row foreign-key lookups
        // would find nothing new; they are off for the import (the pragma
        // only changes outside a transaction) and on again whatever happens.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let result = self.import_in_tx(sub, actor);
        let fk = self.conn.pragma_update(None, "foreign_keys", true);
        if journal {
            // Not an error of the import, which has committed or not by now:
            // should this fail, the next session to open the file for
            // writing switches it to WAL (see `configure`).
            let _ = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
        }
        fk?;
        self.conn.pragma_update(None, "cache_size", -2000)?;
        // The import turns CHECK constraints off for its bulk insert only;
        // whatever happened in it, every later statement is checked again.
        let reset = self
            .conn
            .pragma_update(None, "ignore_check_constraints", false);
        let summary = result?;
        reset?;
        Ok(summary)
    }

    /// [`Store::import_submission`] into a meeting file this command has
    /// just made, and removes if the import fails: until the import has
    /// committed, nothing in the file needs to survive a power cut. SQLite
    /// writes it without its dozen fsyncs (making the file, going into and
    /// out of WAL, the commit), and one fsync of the file and one of its
    /// folder afterwards make the meeting as durable as a commit would.
    pub fn import_into_new_file(
        &mut self,
        sub: &Submission,
        actor: &Actor,
    ) -> Result<ImportSummary> {
        if !matches!(self.reach(), Reach::Own) || self.read_only {
            return self.import_submission(sub, actor);
        }
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        let result = self.import_submission(sub, actor);
        let back = self.conn.pragma_update(None, "synchronous", "FULL");
        let summary = result?;
        back?;
        let sync = |path: &Path| std::fs::File::open(path).and_then(|f| f.sync_all());
        sync(&self.target).map_err(|e| StoreError::os(&self.path, e))?;
        let folder = match self.target.parent() {
            Some(f) if !f.as_os_str().is_empty() => f,
            _ => Path::new("."),
        };
        sync(folder).map_err(|e| StoreError::os(folder, e))?;
        Ok(summary)
    }

    /// Into an empty meeting that no other connection has open, a bulk
    /// insert goes through the rollback journal: each new page is written
    /// once, where the WAL writes it twice (the log, then the checkpoint).
    /// Just as atomic and durable. True if it switched; the caller switches
    /// back to WAL. With anyone else connected it stays in WAL at once
    /// (no busy wait: leaving WAL needs the file to itself).
    fn journal_for_bulk_insert(&mut self) -> Result<bool> {
        let empty: bool =
            self.conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM project)", [], |r| {
                    r.get(0)
                })?;
        // A hardened meeting's folder takes no `-journal` from the caller.
        if !empty || self.read_only || matches!(self.reach(), Reach::Group(_)) {
            return Ok(false);
        }
        self.conn.busy_handler(None::<fn(i32) -> bool>)?;
        let mode = self
            .conn
            .query_row("PRAGMA journal_mode = DELETE", [], |r| {
                r.get::<_, String>(0)
            });
        retry_when_busy(&mut self.conn)?;
        Ok(mode.is_ok_and(|m| m.eq_ignore_ascii_case("delete")))
    }

    fn import_in_tx(&mut self, sub: &Submission, actor: &Actor) -> Result<ImportSummary> {
        let tx = self.write_tx()?;
        check_access(&tx, actor, true)?;
        let mut problems = Vec::new();
        // Projects are never deleted and their ids are assigned upwards, so
        // every project this import adds has an id above this one.
        let max_before: Option<i64> =
            tx.query_row("SELECT max(id) FROM project", [], |r| r.get(0))?;
        if max_before.is_some() {
            // The meeting's codes, read once.
            let mut stmt = tx.prepare("SELECT code FROM project")?;
            let known = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<std::collections::HashSet<String>>>()?;
            for p in &sub.projects {
                if known.contains(&p.code) {
                    problems.push(Problem::new(
                        &sub.projects_file,
                        Some(p.source_row),
                        None,
                        MeetingProblem::AlreadyInMeeting {
                            code: p.code.clone(),
                        },
                    ));
                }
            }
        }
        // What the meeting requests with this file's projects stays within
        // a meeting's limit, so no sum the tally makes can overflow.
        let already: i64 =
            tx.query_row("SELECT COALESCE(SUM(requested), 0) FROM project", [], |r| {
                r.get(0)
            })?;
        let adding: i128 = sub
            .projects
            .iter()
            .map(|p| i128::from(p.requested.fen()))
            .sum();
        if i128::from(already) + adding > i128::from(Money::MAX_MEETING.fen()) {
            problems.push(Problem::new(
                &sub.projects_file,
                None,
                None,
                MeetingProblem::MeetingTotalTooLarge {
                    already: Money::from_fen(already),
                    adding: Money::from_fen(i64::try_from(adding).unwrap_or(i64::MAX)),
                    most: Money::MAX_MEETING,
                },
            ));
        }
        if !problems.is_empty() {
            return Err(StoreError::Problems(problems));
        }
        let at = now(&tx)?;
        // The meeting's departments, read once.
        let mut dept_ids: HashMap<String, i64> = {
            let mut stmt = tx.prepare("SELECT name, id FROM department")?;
            stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        let depts_before = dept_ids.len();
        // Each indicator's project (by its place in the submission) and
        // number: every project here is new, so its indicators number from
        // 1. Checked before anything is written.
        let place: HashMap<&str, usize> = if sub.indicators.is_empty() {
            HashMap::new()
        } else {
            sub.projects
                .iter()
                .enumerate()
                .map(|(k, p)| (p.code.as_str(), k))
                .collect()
        };
        let mut seqs = vec![0u32; sub.projects.len()];
        let mut indicators: Vec<(usize, u32, &NewIndicator)> =
            Vec::with_capacity(sub.indicators.len());
        // A file lists a project's indicators together: the project of the
        // indicator before is tried before the map.
        let mut last: Option<(&str, usize)> = None;
        for i in &sub.indicators {
            let code = i.project_code.as_str();
            let found = match last {
                Some((c, k)) if c == code => Some(k),
                _ => place.get(code).copied(),
            };
            match found {
                Some(k) => {
                    last = Some((code, k));
                    seqs[k] += 1;
                    indicators.push((k, seqs[k], i));
                }
                None => problems.push(Problem::new(
                    sub.indicators_file.as_deref().unwrap_or(&sub.projects_file),
                    Some(i.source_row),
                    None,
                    CellProblem::IndicatorUnknownProject {
                        code: i.project_code.clone(),
                    },
                )),
            }
        }
        if !problems.is_empty() {
            return Err(StoreError::Problems(problems));
        }
        // Indicators are keyed by (project, number): written in that order,
        // each goes at the end of the table instead of into its middle. A
        // file that lists each project's indicators together already is.
        if !indicators.is_sorted_by_key(|&(k, seq, _)| (k, seq)) {
            indicators.sort_unstable_by_key(|&(k, seq, _)| (k, seq));
        }
        tx.execute_batch(schema::BULK_BEGIN)?;
        // Into an empty meeting, the secondary indexes are built once after
        // the insert instead of row by row.
        let rebuild_indexes = max_before.is_none();
        if rebuild_indexes {
            for sql in schema::BULK_DROP_INDEXES {
                tx.execute_batch(sql)?;
            }
        }
        // The CHECK constraints of what the bulk insert writes: a project's
        // budget_type (written from `BudgetType::code`, always one of the
        // four) and requested >= 0 (a `Money` can hold a negative, so it is
        // looked at here), and the decision's state, approved and adjust
        // (left to their defaults: pending, 0, 0). Indicators and departments
        // have none. Only when every value is known to pass are the checks
        // skipped, and only until the bulk insert is done.
        let validated = sub.projects.iter().all(|p| {
            let l = &p.last;
            p.requested.fen() >= 0
                && [l.budget, l.spent].iter().flatten().all(|m| m.fen() >= 0)
                && l.rate.is_none_or(|r| r.hundredths() >= 0)
        });
        if validated {
            tx.pragma_update(None, "ignore_check_constraints", true)?;
        }
        // New departments first, in the order the submission names them.
        let mut dept_of: Vec<(&NewProject, i64)> = Vec::with_capacity(sub.projects.len());
        {
            let mut add_dept = tx.prepare("INSERT INTO department (name) VALUES (?1)")?;
            // A file lists a department's projects together: the project
            // before's department is tried before the map.
            let mut last: Option<(&str, i64)> = None;
            for p in &sub.projects {
                let known = match last {
                    Some((name, d)) if name == p.department => Some(d),
                    _ => dept_ids.get(p.department.as_str()).copied(),
                };
                let d = match known {
                    Some(d) => d,
                    None => {
                        add_dept.execute([&p.department])?;
                        let d = tx.last_insert_rowid();
                        dept_ids.insert(p.department.clone(), d);
                        d
                    }
                };
                last = Some((p.department.as_str(), d));
                dept_of.push((p, d));
            }
        }
        // The k-th project gets id base + 1 + k, written with it: the ids
        // its indicators and decision are written with need no reading back.
        let base = max_before.unwrap_or(0);
        let ids = (base + 1..).zip(&dept_of).collect::<Vec<_>>();
        insert_chunked(
            &tx,
            "INSERT INTO project (id, code, department_id, name, budget_type, section, requested,
                                  last_budget, last_spent, last_rate, novelty, goal) VALUES",
            12,
            &ids,
            |st, at, (id, (p, d))| {
                st.raw_bind_parameter(at, *id)?;
                st.raw_bind_parameter(at + 1, p.code.as_str())?;
                st.raw_bind_parameter(at + 2, *d)?;
                st.raw_bind_parameter(at + 3, p.name.as_str())?;
                st.raw_bind_parameter(at + 4, p.budget_type.code())?;
                st.raw_bind_parameter(at + 5, p.section.as_deref())?;
                st.raw_bind_parameter(at + 6, p.requested.fen())?;
                st.raw_bind_parameter(at + 7, p.last.budget.map(|m| m.fen()))?;
                st.raw_bind_parameter(at + 8, p.last.spent.map(|m| m.fen()))?;
                st.raw_bind_parameter(at + 9, p.last.rate.map(|r| r.hundredths()))?;
                st.raw_bind_parameter(at + 10, p.novelty.map(|n| n.code()))?;
                st.raw_bind_parameter(at + 11, p.goal.as_str())
            },
        )?;
        drop(ids);
        // Every new project starts pending, in one statement.
        tx.execute(
            schema::BULK_DECISIONS,
            [base + 1, base + dept_of.len() as i64],
        )?;
        insert_chunked(
            &tx,
            "INSERT INTO indicator (project_id, seq, level1, level2, indicator, target, unit) VALUES",
            7,
            &indicators,
            |st, at, (k, seq, i)| {
                st.raw_bind_parameter(at, base + 1 + *k as i64)?;
                st.raw_bind_parameter(at + 1, *seq)?;
                st.raw_bind_parameter(at + 2, i.level1.as_str())?;
                st.raw_bind_parameter(at + 3, i.level2.as_str())?;
                st.raw_bind_parameter(at + 4, i.indicator.as_str())?;
                st.raw_bind_parameter(at + 5, i.target.as_str())?;
                st.raw_bind_parameter(at + 6, i.unit.as_str())
            },
        )?;
        if validated {
            tx.pragma_update(None, "ignore_check_constraints", false)?;
        }
        if rebuild_indexes {
            for sql in schema::BULK_CREATE_INDEXES {
                tx.execute_batch(sql)?;
            }
        }
        add_to_tally(&tx, &dept_of)?;
        tx.execute_batch(schema::TALLY_INSERT_TRIGGER)?;
        let detail = serde_json::json!({
            "file": sub.projects_file,
            "indicators_file": sub.indicators_file,
            "projects": sub.projects.len(),
            "indicators": sub.indicators.len(),
        });
        tx.execute(
            "INSERT INTO event (at, reviewer, os_user, kind, detail) VALUES (?1, ?2, ?3, 'import', ?4)",
            params![at, actor.name, actor.os_user, detail.to_string()],
        )?;
        tx.commit()?;
        Ok(ImportSummary {
            projects: sub.projects.len(),
            indicators: sub.indicators.len(),
            departments_added: dept_ids.len() - depts_before,
        })
    }
}

/// Counts the new projects into the tally's summaries, as the insert
/// trigger dropped for the bulk insert would have, one row per department
/// and budget type instead of one per project. Each new decision is left to
/// its defaults (pending, nothing approved, not adjusted), so it counts
/// under state `pending` and adjust 0 with nothing approved.
fn add_to_tally(tx: &Transaction<'_>, dept_of: &[(&NewProject, i64)]) -> Result<()> {
    // (department, budget type) → its new projects: a file lists a
    // department's projects together, so a run adds up before the map.
    let mut by_dept: BTreeMap<(i64, &str), Count> = BTreeMap::new();
    let mut run: Option<((i64, &str), Count)> = None;
    for (p, d) in dept_of {
        let key = (*d, p.budget_type.code());
        match &mut run {
            Some((k, count)) if *k == key => count.add(1, p.requested.fen()),
            _ => {
                let one = Count {
                    projects: 1,
                    requested: p.requested.fen(),
                };
                if let Some((k, count)) = run.replace((key, one)) {
                    by_dept
                        .entry(k)
                        .or_default()
                        .add(count.projects, count.requested);
                }
            }
        }
    }
    if let Some((k, count)) = run {
        by_dept
            .entry(k)
            .or_default()
            .add(count.projects, count.requested);
    }
    let mut by_budget: BTreeMap<&str, Count> = BTreeMap::new();
    let mut add = tx.prepare(schema::TALLY_ADD_SUMMARY)?;
    for (&(d, budget), c) in &by_dept {
        add.execute(params![d, budget, c.projects, c.requested])?;
        by_budget
            .entry(budget)
            .or_default()
            .add(c.projects, c.requested);
    }
    let mut add = tx.prepare(schema::TALLY_ADD_BUDGET)?;
    for (budget, c) in by_budget {
        add.execute(params![budget, c.projects, c.requested])?;
    }
    Ok(())
}

/// New projects counted into a summary row: how many, and their requests
/// in fen (within a meeting's limit, so the sum does not overflow).
#[derive(Default)]
struct Count {
    projects: i64,
    requested: i64,
}

impl Count {
    fn add(&mut self, projects: i64, requested: i64) {
        self.projects += projects;
        self.requested += requested;
    }
}

/// Rows per statement in an import's bulk insert: one statement (bind,
/// step, reset) per hundred rows instead of one per row.
const INSERT_CHUNK: usize = 100;

/// Inserts `rows` with multi-row `INSERT … VALUES (…), (…)` statements:
/// `head` is the statement up to `VALUES`, `width` the values per row, and
/// `bind` binds one row's values from the given 1-based parameter index.
fn insert_chunked<T>(
    tx: &Transaction<'_>,
    head: &str,
    width: usize,
    rows: &[T],
    bind: impl Fn(&mut rusqlite::Statement<'_>, usize, &T) -> rusqlite::Result<()>,
) -> Result<()> {
    let sql = |n: usize| {
        let one = format!("({})", vec!["?"; width].join(", "));
        format!("{head} {}", vec![one; n].join(", "))
    };
    let mut full = None;
    for chunk in rows.chunks(INSERT_CHUNK) {
        let mut part;
        let stmt = if chunk.len() == INSERT_CHUNK {
            match &mut full {
                Some(st) => st,
                None => full.insert(tx.prepare(&sql(INSERT_CHUNK))?),
            }
        } else {
            part = tx.prepare(&sql(chunk.len()))?;
            &mut part
        };
        for (k, row) in chunk.iter().enumerate() {
            bind(stmt, k * width + 1, row)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}
