//! Reading submissions (项目 + 绩效指标) and decision batches (初审意见) from
//! CSV/TSV text (UTF-8, UTF-16 with BOM, GB18030/GBK) and workbooks
//! (xlsx, xlsm, xls, ods).
//!
//! All or nothing: every problem in the files is collected and returned, each
//! located by file, row and column as the user sees them in Excel; nothing
//! is returned unless the files are clean. No input makes this panic.
//!
//! The rooms, in the order a file goes through them: `table` turns a file
//! into rows of cells (delimited text or a workbook); `locate` finds the
//! sheet, the header row and the lines that are not rows; `columns` maps
//! the header to the columns read; `cell` reads one cell; `projects`,
//! `indicators` and `batch` read their tables' rows. This file holds the
//! entry points; `problems` collects what is wrong.

mod batch;
mod ceilings;
mod cell;
mod columns;
mod group_header;
mod indicators;
mod lines;
mod locate;
mod problems;
mod projects;
mod table;
mod totals;

use std::path::Path;
use std::sync::OnceLock;

use crate::domain::project::{BatchRow, NewIndicator, NewProject, Problem, Submission};
use crate::domain::stage::Stage;

pub use batch::Batch;
use batch::read_batch_rows;
pub use ceilings::CeilingRow;
use indicators::read_indicators;
use locate::{
    BATCH_TABLE, CEILING_TABLE, INDICATOR_TABLE, TableKind, find_table, submission_sheets,
};
pub(crate) use problems::{Problems, clip, quote};
pub(crate) use table::plain;
use table::{Opened, Row};

/// Reads a projects file and, if given, an indicators file. A workbook with
/// sheets `项目` and `绩效指标` (or `projects`/`indicators`) holds both; an
/// `indicators` file given as well wins over the sheet.
pub fn read_submission(
    projects: &Path,
    indicators: Option<&Path>,
) -> Result<Submission, Vec<Problem>> {
    let mut problems = Problems::default();
    let pfile = file_name(projects);
    let mut sub = Submission {
        projects_file: pfile.clone(),
        indicators_file: indicators.map(file_name),
        ..Submission::default()
    };
    // Decoded text files: their rows borrow from them.
    let indicator_text = OnceLock::new();

    // A separate indicators file (usually the bigger one) is read on a
    // second thread while the projects file is read and checked here. The
    // problems come out in the order reading one after the other gives:
    // the projects file's, the indicators file's, then the projects'.
    std::thread::scope(|s| {
        let indicator_job = indicators.map(|path| {
            let slot = &indicator_text;
            s.spawn(move || read_file_table(path, &INDICATOR_TABLE, slot))
        });
        let project_text;
        let mut project_table: Table = None;
        let mut indicator_table: Table = None;
        match table::open(projects, &pfile) {
            Err(ps) => problems.extend(ps),
            Ok(Opened::Text(text)) => {
                project_text = text;
                match table::text_rows(&project_text, &pfile) {
                    Ok(rows) => project_table = Some((pfile.clone(), rows)),
                    Err(ps) => problems.extend(ps),
                }
            }
            Ok(Opened::Book(mut book)) => {
                let (p, i, ps) = submission_sheets(&mut book, &pfile, indicators.is_none());
                problems.extend(ps);
                project_table = p;
                if i.is_some() {
                    sub.indicators_file = Some(pfile.clone());
                    indicator_table = i;
                }
            }
        }
        let read = ReadProjects::of(project_table.as_ref());
        if let Some(job) = indicator_job {
            let (table, ps) = job.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            problems.extend(ps);
            indicator_table = table;
        }
        finish_submission(sub, read, indicator_table, problems)
    })
}

/// Reads the table of `kind` from the file at `path`: all of delimited
/// text, whose decoded text is kept in `slot` for the rows to borrow from,
/// or the sheet of a workbook that holds it. The problems are returned, in
/// order, to be added where reading the file comes: a separate indicators
/// file is read on a thread of its own and its problems come after the
/// projects file's.
fn read_file_table<'t>(
    path: &Path,
    kind: &TableKind,
    slot: &'t OnceLock<String>,
) -> (Table<'t>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut found: Table = None;
    let file = file_name(path);
    match table::open(path, &file) {
        Err(ps) => problems.extend(ps),
        Ok(Opened::Text(text)) => {
            let text: &'t str = slot.get_or_init(|| text);
            match table::text_rows(text, &file) {
                Ok(rows) => found = Some((file, rows)),
                Err(ps) => problems.extend(ps),
            }
        }
        Ok(Opened::Book(mut book)) => match find_table(&mut book, &file, kind, None, true) {
            Ok(t) => found = t.map(|f| f.table),
            Err(ps) => problems.extend(ps),
        },
    }
    (found, problems)
}

/// A submission from delimited text already in memory (the demo data this
/// program generates): the same checks as [`read_submission`] but for the
/// cell limit a user's file is held to. `indicators` is (file name, text).
pub fn submission_from_csv_text(
    projects_file: &str,
    projects: &str,
    indicators: Option<(&str, &str)>,
) -> Result<Submission, Vec<Problem>> {
    let mut problems = Problems::default();
    let pfile = clip(projects_file, usize::MAX);
    let sub = Submission {
        projects_file: pfile.clone(),
        indicators_file: indicators.map(|(f, _)| clip(f, usize::MAX)),
        ..Submission::default()
    };
    // The indicators text is split on a second thread while the projects
    // are read here; problems in the order of reading one after the other.
    let ifile = indicators.map(|(f, _)| clip(f, usize::MAX));
    std::thread::scope(|s| {
        let indicator_job = indicators.zip(ifile.as_deref()).map(|((_, text), file)| {
            s.spawn(move || table::parse_delimited_within(text, file, usize::MAX))
        });
        let (rows, ps) = table::parse_delimited_within(projects, &pfile, usize::MAX);
        problems.extend(ps);
        let project_table = Some((pfile, rows));
        let read = ReadProjects::of(project_table.as_ref());
        let indicator_table = indicator_job.zip(ifile.clone()).map(|(job, file)| {
            let (rows, ps) = job.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            problems.extend(ps);
            (file, rows)
        });
        finish_submission(sub, read, indicator_table, problems)
    })
}

/// A decision batch from delimited text already in memory.
pub fn batch_from_csv_text(file: &str, text: &str) -> Result<Vec<BatchRow>, Vec<Problem>> {
    batch_from_csv_text_for(file, text, Stage::TargetReview)
}

/// The same, with the words of a meeting at `stage`.
pub fn batch_from_csv_text_for(
    file: &str,
    text: &str,
    stage: Stage,
) -> Result<Vec<BatchRow>, Vec<Problem>> {
    let mut problems = Problems::default();
    let file = clip(file, usize::MAX);
    let (rows, ps) = table::parse_delimited_within(text, &file, usize::MAX);
    problems.extend(ps);
    let out = read_batch_rows(&rows, &file, stage, &mut problems);
    problems.result(out.rows)
}

type Table<'t> = Option<(String, Vec<Row<'t>>)>;

/// The projects of a table, read, with the problems found in them kept
/// apart: the indicators file's own problems are listed before them.
struct ReadProjects<'r> {
    list: Vec<NewProject>,
    known: Option<projects::Codes<'r>>,
    problems: Problems,
    notes: projects::Notes,
}

impl<'r> ReadProjects<'r> {
    fn of(table: Option<&'r (String, Vec<Row<'_>>)>) -> Option<ReadProjects<'r>> {
        table.map(|(file, rows)| {
            let mut problems = Problems::default();
            let mut notes = projects::Notes::default();
            let (list, known) = projects::read_projects(rows, file, &mut problems, &mut notes);
            ReadProjects {
                list,
                known,
                problems,
                notes,
            }
        })
    }
}

fn finish_submission(
    mut sub: Submission,
    projects: Option<ReadProjects<'_>>,
    indicator_table: Table<'_>,
    mut problems: Problems,
) -> Result<Submission, Vec<Problem>> {
    let mut known = None;
    if let Some(read) = projects {
        problems.append(read.problems);
        sub.projects = read.list;
        sub.warnings = read.notes.warnings;
        sub.inferred_continuing = read.notes.inferred;
        known = read.known;
    }
    if let Some((file, rows)) = &indicator_table {
        sub.indicators = read_indicators(rows, file, known.as_ref(), &mut problems);
    }
    problems.result(sub)
}

/// Reads a department's revised indicators (the indicators format): the
/// projects it names are checked against the meeting by the store.
pub fn read_revision(path: &Path) -> Result<Vec<NewIndicator>, Vec<Problem>> {
    let mut problems = Problems::default();
    let text = OnceLock::new();
    let (table, ps) = read_file_table(path, &INDICATOR_TABLE, &text);
    problems.extend(ps);
    let mut out = Vec::new();
    if let Some((file, rows)) = &table {
        out = read_indicators(rows, file, None, &mut problems);
    }
    problems.result(out)
}

/// Reads a decision batch of a target review: one decision per row,
/// applied in order.
pub fn read_batch(path: &Path) -> Result<Vec<BatchRow>, Vec<Problem>> {
    read_batch_for(path, Stage::TargetReview)
}

/// Reads a decision batch with the words of a meeting at `stage`.
pub fn read_batch_for(path: &Path, stage: Stage) -> Result<Vec<BatchRow>, Vec<Problem>> {
    read_batch_file(path, stage).map(|b| b.rows)
}

/// The same, saying how many 待审 rows of an exported results table were
/// left out.
pub fn read_batch_file(path: &Path, stage: Stage) -> Result<Batch, Vec<Problem>> {
    match read_batch_all(path, stage) {
        (batch, problems) if problems.is_empty() => Ok(batch),
        (_, problems) => Err(problems),
    }
}

/// Every row of a decision batch that reads cleanly, and the problems of
/// the others in file order: the rows can still be checked against the
/// meeting, so that all a file's problems are said at once.
pub fn read_batch_all(path: &Path, stage: Stage) -> (Batch, Vec<Problem>) {
    let mut problems = Problems::default();
    let text = OnceLock::new();
    let (table, ps) = read_file_table(path, &BATCH_TABLE, &text);
    problems.extend(ps);
    let mut out = Batch::default();
    if let Some((file, rows)) = &table {
        out = read_batch_rows(rows, file, stage, &mut problems);
    }
    problems.sort_by_row();
    (out, problems.into_list())
}

/// Reads a table of department ceilings (`huishen ceiling --departments`):
/// the file's name as messages give it, and its rows. All or nothing.
pub fn read_ceilings(path: &Path) -> Result<(String, Vec<CeilingRow>), Vec<Problem>> {
    let mut problems = Problems::default();
    let text = OnceLock::new();
    let (table, ps) = read_file_table(path, &CEILING_TABLE, &text);
    problems.extend(ps);
    let mut out = Vec::new();
    if let Some((file, rows)) = &table {
        out = ceilings::read_ceiling_rows(rows, file, &mut problems);
    }
    problems.result((file_name(path), out))
}

fn file_name(path: &Path) -> String {
    clip(&path.display().to_string(), usize::MAX)
}

#[cfg(test)]
mod tests;
