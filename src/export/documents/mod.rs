//! The documents a meeting sends out of the room (issue 17): the
//! performance targets table for the People's Congress and publication
//! (项目支出绩效目标表, `targets`), each department's review opinion
//! (审核意见书, `opinion`), and the minutes (会议纪要, `minutes`).
//!
//! They are the bureau's documents and Chinese whatever `--lang` says, as
//! the workbook is; each is written as a workbook set up for A4 paper (the
//! print setup every sheet shares, `xlsx::print`) or as Markdown. What
//! leaves the bureau never carries a comment kept inside it: the
//! documents read only the comments for the department.
//!
//! Everything is read in one snapshot ([`DocData::read`]), so a document's
//! totals match its rows even while other sessions keep deciding.

pub mod minutes;
pub mod opinion;
pub mod paper;
pub mod targets;
pub mod word;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Error, Format, check_target, write_replacing};
use crate::domain::{Stage, StageTally, Tally};
use crate::store::{CommentRow, EventRow, Indicator, Meeting, ProjectRow, RosterEntry, Store};

/// Which document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// 项目支出绩效目标表.
    Targets,
    /// 审核意见书, one per department.
    Opinions,
    /// 会议纪要.
    Minutes,
}

/// What was written: the files, and how many projects and departments
/// they hold. Worded in `words/export.rs`.
#[derive(Debug)]
pub struct Documents {
    pub kind: DocKind,
    pub format: Format,
    pub files: Vec<PathBuf>,
    pub projects: usize,
    pub departments: usize,
    /// Projects the document lists as still waiting (the targets table:
    /// sent back and not yet confirmed).
    pub waiting: usize,
}

/// What the screen's `E` wrote: the opinions, the targets table and the
/// minutes, beside the database. Worded in `words/export.rs`.
#[derive(Debug)]
pub struct Sent {
    pub opinions: Documents,
    pub targets: Documents,
    pub minutes: Documents,
}

/// Everything the documents show, read in one snapshot.
pub struct DocData {
    pub meeting: Meeting,
    pub stage: Stage,
    pub tally: Tally,
    /// A later stage's figures per kind; `None` at the first two stages.
    pub stage_tally: Option<StageTally>,
    /// In submission order.
    pub projects: Vec<ProjectRow>,
    /// Each project's indicators in force (a confirmed revision's, else as
    /// submitted), by project id.
    pub in_force: HashMap<i64, Vec<Indicator>>,
    /// The comments for the department (none kept inside the bureau), by
    /// project code, oldest first; times in local time.
    pub comments: HashMap<String, Vec<CommentRow>>,
    /// The indicators an adjustment's numbers name, by project id: the
    /// revision returned, else those in force.
    pub named_indicators: HashMap<i64, Vec<Indicator>>,
    /// The reasons of each cut or cancelled project's decision,
    /// `、`-joined in the meeting's order, by project id.
    pub reasons: HashMap<i64, String>,
    /// Each project's 年度目标 where it has one, by project id.
    pub goals: HashMap<i64, String>,
    pub roster: Vec<RosterEntry>,
    /// The event log, oldest first, times as stored (UTC).
    pub events: Vec<EventRow>,
}

/// The kinds of event that decide something.
pub(super) const DECIDING: &[&str] = &[
    "approve", "cut", "cancel", "adjust", "reset", "undo", "confirm", "return", "revise",
];

impl DocData {
    pub fn read(store: &Store) -> crate::store::Result<DocData> {
        store.read_consistent(|s| {
            let mut comments: HashMap<String, Vec<CommentRow>> = HashMap::new();
            for (code, _, mut c) in s.export_comments()? {
                if c.internal {
                    continue;
                }
                c.at = crate::time::local_minutes(&c.at);
                comments.entry(code).or_default().push(c);
            }
            let projects = s.project_rows()?;
            let in_force = s.indicators_in_force()?;
            let mut named_indicators = HashMap::new();
            for p in &projects {
                let Some(a) = p.decision.adjust.as_deref() else {
                    continue;
                };
                let list = match a.received {
                    Some(r) if a.revision != crate::domain::Revision::Confirmed => {
                        s.revision_indicators(r)?
                    }
                    _ => in_force.get(&p.id).cloned().unwrap_or_default(),
                };
                named_indicators.insert(p.id, list);
            }
            Ok(DocData {
                meeting: s.meeting()?,
                stage: s.stage()?,
                tally: s.tally()?,
                stage_tally: if s.stage()?.adjusts() {
                    Some(s.stage_tally()?)
                } else {
                    None
                },
                projects,
                in_force,
                comments,
                named_indicators,
                reasons: s.reason_names()?,
                goals: s.goals()?,
                roster: s.roster()?,
                events: s.events(None)?,
            })
        })
    }

    /// The departments in the tally's order, each with its projects.
    pub fn by_department(&self) -> Vec<(&str, Vec<&ProjectRow>)> {
        let mut out: Vec<(&str, Vec<&ProjectRow>)> = self
            .tally
            .by_department
            .iter()
            .map(|(d, _)| (d.as_str(), Vec::new()))
            .collect();
        let at: HashMap<&str, usize> = out.iter().enumerate().map(|(i, (d, _))| (*d, i)).collect();
        for p in &self.projects {
            if let Some(&i) = at.get(&*p.department) {
                out[i].1.push(p);
            }
        }
        out
    }

    /// The first and last decision's times (local, to the minute), if any.
    pub fn span(&self) -> Option<(String, String)> {
        let mut deciding = self
            .events
            .iter()
            .filter(|e| DECIDING.contains(&e.kind.as_str()) || e.kind == "comment");
        let first = deciding.next()?;
        let last = deciding.next_back().unwrap_or(first);
        Some((
            crate::time::local_minutes(&first.at),
            crate::time::local_minutes(&last.at),
        ))
    }

    /// The day of the meeting's last decision, or today.
    pub fn meeting_day(&self) -> String {
        let at = self
            .span()
            .map(|(_, last)| last)
            .unwrap_or_else(now_minutes);
        format_day(&at)
    }

    /// The meeting's title, or its stage's name when it has none.
    pub fn title(&self) -> String {
        let t = self.meeting.title.trim();
        if t.is_empty() {
            self.stage.zh().to_string()
        } else {
            t.to_string()
        }
    }
}

/// A department's name as part of a file name: what a file system
/// refuses (`/ \ : * ? " < > |`, control characters) becomes `_`.
pub fn file_part(name: &str) -> String {
    let s: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        format!("_{s}")
    } else {
        s
    }
}

/// The folder a per-department export writes into: made if it is not
/// there (its parent must be); refused if it is a file or the database.
pub(super) fn prepare_dir(dir: &Path) -> Result<(), Error> {
    if dir.as_os_str().is_empty() {
        return Err(Error::NoFileName);
    }
    if dir.is_dir() {
        return Ok(());
    }
    if dir.exists() {
        return Err(Error::NotAFolder(dir.to_path_buf()));
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        return Err(Error::NoFolder(parent.to_path_buf()));
    }
    std::fs::create_dir(dir).map_err(|error| Error::Write {
        path: dir.to_path_buf(),
        error,
    })
}

/// Writes one document's bytes to `out` as every export is written
/// (beside it, then renamed; the database's permission bits).
pub(super) fn write_doc(store: &Store, out: &Path, bytes: &[u8]) -> Result<(), Error> {
    check_target(store, out)?;
    write_replacing(out, store.path(), bytes)
}

/// The default name of a whole-meeting document beside the database:
/// `<db stem>-<what>.<ext>`.
pub fn default_doc_path(db: &Path, what: &str, format: Format) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "huishen".to_string());
    let name = format!("{stem}-{what}.{}", format.extension());
    match db.parent() {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// A document is a workbook, a Word document or Markdown.
pub(super) fn check_format(format: Format) -> Result<(), Error> {
    match format {
        Format::Xlsx | Format::Docx | Format::Md => Ok(()),
        Format::Csv => Err(Error::NotADocumentFormat),
    }
}

/// The export time a document's footer and text give, to the minute.
pub(super) fn now_minutes() -> String {
    jiff::ZonedDateTime::now()
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// `2021-03-05 14:30` → `2021年3月5日`.
pub fn format_day(at: &str) -> String {
    let day = at.get(..10).unwrap_or(at);
    let parts: Vec<&str> = day.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => format!(
            "{y}年{}月{}日",
            m.trim_start_matches('0'),
            d.trim_start_matches('0')
        ),
        _ => day.to_string(),
    }
}

/// Data made safe inside Markdown text and table cells.
pub(super) fn md(text: &str) -> String {
    super::markdown::md(text)
}

/// Writes the targets table: one file for the meeting (`out` a file), or
/// with `per_department` one per department into the folder `out`
/// (`<部门>-绩效目标表.xlsx`).
pub fn export_targets(
    store: &Store,
    format: Format,
    out: &Path,
    per_department: bool,
) -> Result<Documents, Error> {
    check_format(format)?;
    if per_department {
        prepare_dir(out)?;
    } else {
        check_target(store, out)?;
    }
    let data = DocData::read(store).map_err(Error::Read)?;
    let groups = data.by_department();
    let render = |groups: &[(&str, Vec<&ProjectRow>)]| -> Result<Vec<u8>, Error> {
        Ok(match format {
            Format::Xlsx => targets::workbook(&data, groups).map_err(Error::Workbook)?,
            Format::Docx => targets::docx(&data, groups).map_err(Error::Docx)?,
            _ => targets::markdown(&data, groups).into_bytes(),
        })
    };
    let mut written = Documents {
        kind: DocKind::Targets,
        format,
        files: Vec::new(),
        projects: 0,
        departments: 0,
        waiting: 0,
    };
    for (_, projects) in &groups {
        let kept = targets::kept(&data, projects);
        written.projects += kept.len();
        written.departments += usize::from(!kept.is_empty());
        written.waiting += kept
            .iter()
            .filter(|(_, t)| matches!(t, targets::Targets::Waiting(_)))
            .count();
    }
    if per_department {
        for group in &groups {
            if targets::kept(&data, &group.1).is_empty() {
                continue;
            }
            let file = out.join(format!(
                "{}-绩效目标表.{}",
                file_part(group.0),
                format.extension()
            ));
            write_doc(store, &file, &render(std::slice::from_ref(group))?)?;
            written.files.push(file);
        }
    } else {
        write_doc(store, out, &render(&groups)?)?;
        written.files.push(out.to_path_buf());
    }
    Ok(written)
}

/// Writes each department's review opinion (审核意见书) into the folder
/// `out`: `<部门>-审核意见书.xlsx`, one per department with projects.
pub fn export_opinions(store: &Store, format: Format, out: &Path) -> Result<Documents, Error> {
    check_format(format)?;
    prepare_dir(out)?;
    let data = DocData::read(store).map_err(Error::Read)?;
    let mut written = Documents {
        kind: DocKind::Opinions,
        format,
        files: Vec::new(),
        projects: 0,
        departments: 0,
        waiting: 0,
    };
    for (dept, projects) in data.by_department() {
        if projects.is_empty() {
            continue;
        }
        let o = opinion::Opinion::of(&data, dept, &projects);
        let bytes = match format {
            Format::Xlsx => opinion::workbook(&data, &o).map_err(Error::Workbook)?,
            Format::Docx => opinion::docx(&data, &o).map_err(Error::Docx)?,
            _ => opinion::markdown(&data, &o).into_bytes(),
        };
        let file = out.join(format!(
            "{}-审核意见书.{}",
            file_part(dept),
            format.extension()
        ));
        write_doc(store, &file, &bytes)?;
        written.files.push(file);
        written.projects += projects.len();
        written.departments += 1;
    }
    Ok(written)
}

/// Writes the minutes (会议纪要) to `out`; `attendees` as the chair sets
/// them, else those on the roster who made or viewed anything.
pub fn export_minutes(
    store: &Store,
    format: Format,
    out: &Path,
    attendees: &[String],
) -> Result<Documents, Error> {
    check_format(format)?;
    check_target(store, out)?;
    let data = DocData::read(store).map_err(Error::Read)?;
    let m = minutes::Minutes::of(&data, attendees);
    let bytes = match format {
        Format::Xlsx => minutes::workbook(&m).map_err(Error::Workbook)?,
        Format::Docx => minutes::docx(&m).map_err(Error::Docx)?,
        _ => minutes::markdown(&m).into_bytes(),
    };
    write_doc(store, out, &bytes)?;
    Ok(Documents {
        kind: DocKind::Minutes,
        format,
        files: vec![out.to_path_buf()],
        projects: data.projects.len(),
        departments: data.tally.by_department.len(),
        waiting: 0,
    })
}

impl DocData {
    /// A project's 年度目标, empty where it has none.
    pub fn goal(&self, p: &ProjectRow) -> &str {
        self.goals.get(&p.id).map_or("", String::as_str)
    }
}
