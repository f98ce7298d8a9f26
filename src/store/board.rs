//! The reads behind the board: when decisions were taken (the pace) and
//! the last few, with the project each was about.

use crate::domain::Money;
use crate::domain::pace::decided;

use super::rows::event_row;
use super::{EventRow, Result, Store};

/// A change to a project's decision, as the board lists the last few.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecentDecision {
    pub event: EventRow,
    pub name: String,
    pub requested: Money,
}

impl Store {
    /// When projects were decided ([`decided`]: the event took them out of
    /// pending), as (time in seconds since the epoch, how many at that
    /// second): a batch is one second with many.
    pub fn decision_times(&self) -> Result<Vec<(i64, u64)>> {
        Ok(self.decision_times_after(0)?.0)
    }

    /// [`Store::decision_times`] of the events after event `after`, and the
    /// newest event read: the board reads the log once, then only what
    /// other sessions add (the change feed).
    pub fn decision_times_after(&self, after: i64) -> Result<(Vec<(i64, u64)>, i64)> {
        // The cursor first: an event committed meanwhile is read next time.
        let upto = self.last_event_id()?;
        // The time as SQLite reads it (`crate::time` reads it the same way);
        // a damaged snapshot reads as no state.
        let mut st = self.conn.prepare_cached(
            "SELECT CAST(strftime('%s', at) AS INTEGER),
                    CASE WHEN json_valid(old_state) THEN json_extract(old_state, '$.state') END,
                    CASE WHEN json_valid(new_state) THEN json_extract(new_state, '$.state') END,
                    count(*)
             FROM event WHERE id > ?1 AND id <= ?2
                              AND project_id IS NOT NULL AND new_state IS NOT NULL
             GROUP BY 1, 2, 3",
        )?;
        let rows = st
            .query_map([after, upto], |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, i64>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let times = rows
            .into_iter()
            .filter(|(_, old, new, _)| {
                decided(old.as_deref().unwrap_or(""), new.as_deref().unwrap_or(""))
            })
            .filter_map(|(t, _, _, n)| Some((t?, n as u64)))
            .collect();
        Ok((times, upto))
    }

    /// The last `n` changes to a project's decision (a reset and an undo
    /// too), newest first.
    pub fn recent_decisions(&self, n: usize) -> Result<Vec<RecentDecision>> {
        let mut st = self.conn.prepare_cached(
            "SELECT e.id, e.at, e.reviewer, e.os_user, e.kind, p.code, e.old_state, e.new_state,
                    p.name, p.requested
             FROM event e JOIN project p ON p.id = e.project_id
             WHERE e.kind <> 'comment' AND e.new_state IS NOT NULL
             ORDER BY e.id DESC LIMIT ?1",
        )?;
        let rows = st
            .query_map([n as i64], |r| {
                Ok(RecentDecision {
                    event: event_row(r)?,
                    name: r.get(8)?,
                    requested: Money::from_fen(r.get(9)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }
}
