//! The read queries behind the meeting outputs (`crate::export`): every
//! project with who decided it last and its latest comment, and every
//! comment, read with the event log ([`Store::events`]) inside one snapshot.
//! Times are as stored (UTC); the export words them in local time
//! (`crate::time`).

use super::rows::{PROJECT_ROW_COLUMNS, PROJECT_ROW_FROM, PROJECT_ROW_LEN, project_row};
use super::{CommentRow, ProjectRow, Result, Store, StoredDecision};

impl Store {
    /// Runs `f` inside one read transaction, so every query it makes sees
    /// the same committed state, even while other sessions keep deciding.
    pub fn read_consistent<T>(&self, f: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let out = f(self)?;
        // Nothing was written; ending the read transaction releases the snapshot.
        tx.rollback()?;
        Ok(out)
    }

    /// Every project in submission order, with its decision as stored and
    /// its latest comment, if any.
    pub fn export_projects(&self) -> Result<Vec<(ProjectRow, StoredDecision, Option<CommentRow>)>> {
        // A project row's columns first, as `project_row` reads them.
        // The latest comment for the department: one kept inside the
        // bureau never goes into a table that may leave it.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PROJECT_ROW_COLUMNS},
                    d.updated_by, d.updated_at, lc.author, lc.os_user, lc.at, lc.body
             {PROJECT_ROW_FROM}
             LEFT JOIN comment lc ON lc.id =
                 (SELECT max(c.id) FROM comment c WHERE c.project_id = p.id AND c.internal = 0)
             ORDER BY p.id"
        ))?;
        const N: usize = PROJECT_ROW_LEN;
        let rows = stmt
            .query_map([], |r| {
                let row = project_row(r)?;
                let stored = StoredDecision {
                    decision: row.decision.clone(),
                    version: row.version,
                    updated_by: r.get(N)?,
                    updated_at: r.get(N + 1)?,
                };
                let latest = match r.get::<_, Option<String>>(N + 5)? {
                    Some(body) => Some(CommentRow {
                        author: r.get(N + 2)?,
                        os_user: r.get(N + 3)?,
                        at: r.get(N + 4)?,
                        internal: false,
                        body,
                    }),
                    None => None,
                };
                Ok((row, stored, latest))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Every comment in the order it was made, with its project's code and
    /// name.
    pub fn export_comments(&self) -> Result<Vec<(String, String, CommentRow)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.code, p.name, c.author, c.os_user, c.at, c.body, c.internal
             FROM comment c JOIN project p ON p.id = c.project_id
             ORDER BY c.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    CommentRow {
                        author: r.get(2)?,
                        os_user: r.get(3)?,
                        at: r.get(4)?,
                        body: r.get(5)?,
                        internal: r.get(6)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    /// Each project's 年度目标 where it has one, by project id: for the
    /// targets table only, so the rows the screen keeps do not carry it.
    pub fn goals(&self) -> Result<std::collections::HashMap<i64, String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, goal FROM project WHERE goal <> ''")?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
