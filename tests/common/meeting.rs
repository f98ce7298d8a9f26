//! Meetings to test against, built as a user builds them: through the
//! binary (`demo`, `import`, `apply`, `roster add`) or, for tests that hold a
//! `Store`, through the library's own import.

use std::path::{Path, PathBuf};

use huishen::domain::{Stage, Submission};
use huishen::import::submission_from_csv_text;
use huishen::store::{Actor, Store};

use super::{data, ok, s, write};

/// The header of a projects file with the five columns a submission needs.
pub const PROJECTS_HEADER: &str = "项目编码,部门,项目名称,预算类型,申报金额（万元）";
/// The header of a decision batch, as the export and the demo write it.
pub const BATCH_HEADER: &str = "项目编码,审核结果,金额（万元）,审核意见";

/// `huishen demo --no-open --db DB EXTRA…` (`--decided`, `--stage S`,
/// `--as WHO`): the report's meeting, 1373 projects. Returns `db`.
pub fn demo(db: &Path, extra: &[&str]) -> PathBuf {
    let mut args = vec!["demo", "--no-open", "--db", s(db)];
    args.extend_from_slice(extra);
    ok(&args);
    db.to_path_buf()
}

/// A meeting `dir/m.db` made by `huishen import` of `projects` (a CSV text,
/// header included, written to `dir/projects.csv`), with `extra` arguments
/// (`--as WHO` names its chair).
pub fn import_meeting(dir: &Path, projects: &str, extra: &[&str]) -> PathBuf {
    let src = write(dir, "projects.csv", projects);
    let db = dir.join("m.db");
    let mut args = vec!["import", s(&src), "--db", s(&db)];
    args.extend_from_slice(extra);
    ok(&args);
    db
}

/// `huishen apply FILE --db DB EXTRA…`, which must succeed; its stdout.
pub fn apply(db: &Path, file: &Path, extra: &[&str]) -> String {
    let mut args = vec!["apply", s(file), "--db", s(db)];
    args.extend_from_slice(extra);
    ok(&args)
}

/// Writes a decision batch (`text`, header included) beside `db` as `name`
/// and applies it with `extra` arguments; stdout.
pub fn apply_text(db: &Path, name: &str, text: &str, extra: &[&str]) -> String {
    let file = write(db.parent().expect("the meeting's folder"), name, text);
    apply(db, &file, extra)
}

/// `huishen roster add WHO --db DB EXTRA…` (`--role R`, `--as CHAIR`).
pub fn roster_add(db: &Path, who: &str, extra: &[&str]) {
    let mut args = vec!["roster", "add", who, "--db", s(db)];
    args.extend_from_slice(extra);
    ok(&args);
}

pub fn actor(name: &str, os_user: &str) -> Actor {
    Actor {
        name: name.into(),
        os_user: os_user.into(),
    }
}

/// The demo meeting (projects and indicators), imported through the
/// library into a new file `db` by `by`, who chairs it.
pub fn demo_store(db: &Path, by: &Actor) -> Store {
    let projects = std::fs::read_to_string(data("demo-projects.csv")).unwrap();
    let indicators = std::fs::read_to_string(data("demo-indicators.csv")).unwrap();
    let sub = submission_from_csv_text(
        "demo-projects.csv",
        &projects,
        Some(("demo-indicators.csv", &indicators)),
    )
    .unwrap();
    store_of(db, &sub, by)
}

/// The demo meeting of a later `stage` (its projects and indicators, not
/// its decisions), imported through the library into a new file `db`.
pub fn stage_store(db: &Path, stage: Stage, by: &Actor) -> Store {
    let files = huishen::demo::stage_files(stage);
    let sub = submission_from_csv_text(
        "projects.csv",
        &files.projects_csv,
        Some(("indicators.csv", &files.indicators_csv)),
    )
    .unwrap();
    let mut store = Store::open_or_create(db, by).unwrap();
    store.set_stage(stage).unwrap();
    store.import_submission(&sub, by).unwrap();
    store
}

/// A generated meeting's submission of `projects` projects (deterministic
/// per `seed`), parsed as an import parses it.
pub fn generated(projects: usize, seed: u64) -> Submission {
    let files = huishen::demo::generate_meeting(projects, seed);
    submission_from_csv_text(
        "projects.csv",
        &files.projects_csv,
        Some(("indicators.csv", &files.indicators_csv)),
    )
    .unwrap()
}

/// A new meeting file `db` holding `sub`, imported by `by`, who chairs it.
pub fn store_of(db: &Path, sub: &Submission, by: &Actor) -> Store {
    let mut store = Store::open_or_create(db, by).unwrap();
    store.import_submission(sub, by).unwrap();
    store
}
