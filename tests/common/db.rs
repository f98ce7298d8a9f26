//! What a meeting file holds, read back for the tests' checks. Everything
//! here goes through the store's API, but `dump`: "nothing was written"
//! must see every row of every table, the ones no API reads (the schema,
//! `user_version`, the summary tables) included.

use std::collections::HashMap;
use std::path::Path;

use huishen::domain::Novelty;
use huishen::domain::decision::Decision;
use huishen::domain::tally::{Breakdown, Figures, Tally, TallyJson, TallyRow, group_figures};
use huishen::store::{EventRow, OpenMode, ProjectRow, Snapshot, Store};

/// The meeting at `db`, opened read-only.
pub fn read(db: &Path) -> Store {
    Store::open(db, OpenMode::ReadOnly)
        .unwrap_or_else(|e| panic!("open {} read-only: {e:?}", db.display()))
}

/// Every table's rows (sorted), its schema and the schema version: what
/// "the database is unchanged" means, beyond the file's bytes.
pub fn dump(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let mut out = format!("user_version {version}\n");
    let tables: Vec<(String, String)> = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (name, sql) in tables {
        out += &format!("{sql}\n");
        let mut st = conn.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
        let n = st.column_count();
        let mut rows: Vec<String> = st
            .query_map([], |r| {
                let cells: Vec<String> = (0..n)
                    .map(|i| format!("{:?}", r.get::<_, rusqlite::types::Value>(i).unwrap()))
                    .collect();
                Ok(cells.join(" | "))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows.sort();
        out += &rows.join("\n");
        out.push('\n');
    }
    out
}

/// SQLite's own consistency check: `"ok"` for a sound file.
pub fn integrity(db: &Path) -> String {
    read(db).integrity_check().unwrap().join("\n")
}

/// The current state (its code) and approved amount (fen) of project `code`.
pub fn decision_of(db: &Path, code: &str) -> (String, i64) {
    let store = read(db);
    let id = store.project_id(code).unwrap();
    let row = store.project_rows_by_id(&[id]).unwrap().remove(0);
    (
        row.decision.state.code().to_string(),
        row.decision.approved.fen(),
    )
}

/// The event log, oldest first.
pub fn events(db: &Path) -> Vec<EventRow> {
    read(db).events(None).unwrap()
}

/// The tally a replay of the event log gives: every project starts pending
/// and takes the new state of each of its events in order.
pub fn replayed_tally(store: &Store) -> Tally {
    let mut last: HashMap<String, Snapshot> = HashMap::new();
    for e in store.events(None).unwrap() {
        if let (Some(code), Some(new)) = (e.project, e.new) {
            last.insert(code, new);
        }
    }
    let projects = store.project_rows().unwrap();
    Tally::from_rows(projects.iter().map(|p| {
        let d = last
            .get(&*p.code)
            .and_then(Snapshot::decision)
            .unwrap_or_else(Decision::pending);
        TallyRow {
            projects: 1,
            department: &p.department,
            budget_type: p.budget_type,
            requested: p.requested,
            state: d.state,
            approved: d.approved,
            adjust: d.adjust.as_ref().map(|a| a.revision),
        }
    }))
}

/// The breakdown a replay of the event log gives: by section and by new
/// or continuing as the projects say, by reason as each project's last
/// event left its reasons (by id, so a renamed reason counts under its
/// name now), every reason of the meeting's list in its order.
pub fn replayed_breakdown(store: &Store) -> Breakdown {
    let mut last: HashMap<String, Snapshot> = HashMap::new();
    for e in store.events(None).unwrap() {
        if let (Some(code), Some(new)) = (e.project, e.new) {
            last.insert(code, new);
        }
    }
    let projects = store.project_rows().unwrap();
    let rows: Vec<(&ProjectRow, Decision, Vec<i64>)> = projects
        .iter()
        .map(|p| {
            let snap = last.get(&*p.code);
            let d = snap
                .and_then(Snapshot::decision)
                .unwrap_or_else(Decision::pending);
            let ids = snap.map(|s| s.reason_ids.clone()).unwrap_or_default();
            (p, d, ids)
        })
        .collect();
    let row = |p: &'_ ProjectRow, d: &Decision| TallyRow {
        projects: 1,
        department: "",
        budget_type: p.budget_type,
        requested: p.requested,
        state: d.state,
        approved: d.approved,
        adjust: d.adjust.as_ref().map(|a| a.revision),
    };
    let mut by_section: Vec<(Option<String>, Figures)> = group_figures(
        rows.iter()
            .map(|(p, d, _)| (p.section.as_deref().map(String::from), row(p, d))),
    );
    by_section.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
    let mut by_novelty: Vec<(Option<Novelty>, Figures)> =
        group_figures(rows.iter().map(|(p, d, _)| (p.novelty, row(p, d))));
    by_novelty.sort_by_key(|(n, _)| n.map_or(2, |n| n as u8));
    let by_reason = store
        .reasons()
        .unwrap()
        .into_iter()
        .map(|r| {
            let mut f = Figures::default();
            for (p, d, ids) in &rows {
                if ids.contains(&r.id) {
                    f.add(&row(p, d));
                }
            }
            (r.name, f)
        })
        .collect();
    Breakdown {
        by_section,
        by_novelty,
        by_reason,
    }
}

/// [`replayed_tally`] and [`replayed_breakdown`] as `huishen tally --json`
/// writes them (without ceilings).
pub fn replayed_tally_json(db: &Path) -> serde_json::Value {
    let store = read(db);
    let json = TallyJson::from(&replayed_tally(&store)).with_breakdown(&replayed_breakdown(&store));
    serde_json::to_value(json).unwrap()
}
