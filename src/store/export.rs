//! The read queries behind the meeting outputs (`crate::export`): every
//! project with who decided it last and its latest comment, and every
//! comment, read with the event log ([`Store::events`]) inside one snapshot.
//! Times are as stored (UTC); the export words them in local time
//! (`crate::time`).

use crate::domain::Money;

use super::rows::{budget_at, decision_at};
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.code, dep.name, p.name, p.budget_type, p.section, p.requested,
                    d.state, d.approved, d.adjust, d.adjust_indicators, d.adjust_reason, d.version,
                    (SELECT count(*) FROM comment c WHERE c.project_id = p.id),
                    d.updated_by, d.updated_at, lc.author, lc.os_user, lc.at, lc.body,
                    d.kind, d.amount, d.merged_into
             FROM project p
             JOIN department dep ON dep.id = p.department_id
             JOIN decision d ON d.project_id = p.id
             LEFT JOIN comment lc ON lc.id =
                 (SELECT max(c.id) FROM comment c WHERE c.project_id = p.id)
             ORDER BY p.id",
        )?;
        let rows = stmt
            .query_map([], |r| {
                let decision = decision_at(r, 7, 20)?;
                let row = ProjectRow {
                    id: r.get(0)?,
                    code: r.get(1)?,
                    department: r.get(2)?,
                    name: r.get(3)?,
                    budget_type: budget_at(r, 4)?,
                    section: r.get(5)?,
                    requested: Money::from_fen(r.get(6)?),
                    decision: decision.clone(),
                    version: r.get(12)?,
                    comments: r.get(13)?,
                };
                let stored = StoredDecision {
                    decision,
                    version: row.version,
                    updated_by: r.get(14)?,
                    updated_at: r.get(15)?,
                };
                let latest = match r.get::<_, Option<String>>(19)? {
                    Some(body) => Some(CommentRow {
                        author: r.get(16)?,
                        os_user: r.get(17)?,
                        at: r.get(18)?,
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
            "SELECT p.code, p.name, c.author, c.os_user, c.at, c.body
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
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
