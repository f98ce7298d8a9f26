//! Meeting outputs: the review result as a workbook (xlsx), a table (csv) or
//! a meeting summary (md), in the words of the meeting's stage; the later
//! stages add each decision's kind and amount and a sheet per kind.
//!
//! Every figure comes from the tally the screen shows ([`Store::tally`],
//! [`Figures`]); per project, only the project's own decision is shown
//! ([`crate::domain::Decision::cut`], [`percent_half_up`]). Everything is read
//! inside one read transaction, so the totals always match the rows even
//! while other sessions keep deciding.
//!
//! The workbook and the table are the bureau's documents and always carry
//! Chinese sheet names and headers (the csv goes back into `huishen import`);
//! the language only chooses the summary's text. What was written and why
//! an export failed are facts ([`Written`], [`Error`]) the caller says.

mod csv_file;
pub mod documents;
mod markdown;
mod xlsx;

pub use markdown::{Column, DecidedPart, Heading, Opening, Standing};
pub use xlsx::print::PrintText;

use std::borrow::Cow;
use std::io::Write;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use rust_xlsxwriter::XlsxError;

use crate::domain::tally::percent_half_up;
use crate::domain::{Figures, Kind, Money, Stage, StageTally, State, Tally};
use crate::i18n::Lang;
use crate::store::{CommentRow, EventRow, Meeting, ProjectRow, Store, StoreError, StoredDecision};
use crate::time::local_minutes;

/// What to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A workbook: results, summaries by department and budget type, comments, log.
    Xlsx,
    /// The results table, one row per project (goes back into `huishen import`).
    Csv,
    /// The meeting summary in the report's words, with tables.
    Md,
    /// A Word document: the documents a meeting sends out only
    /// (--per-department, --targets, --minutes).
    Docx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
            Format::Md => "md",
            Format::Docx => "docx",
        }
    }
}

/// The character encoding of a CSV export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Encoding {
    /// UTF-8 with a byte order mark, so Excel reads the Chinese correctly.
    Utf8,
    /// GBK, as Excel on an older Chinese Windows expects.
    Gbk,
}

/// Writes the export in the summary's language `lang` (the workbook and the
/// table are always Chinese); returns what was written, for the caller to
/// say ([`Written`], worded in `words/export.rs`).
pub fn export(
    store: &Store,
    format: Format,
    out: &Path,
    encoding: Encoding,
    lang: Lang,
) -> Result<Written, Error> {
    if encoding == Encoding::Gbk && format != Format::Csv {
        return Err(Error::GbkNotCsv);
    }
    if format == Format::Docx {
        return Err(Error::DocxIsForDocuments);
    }
    check_target(store, out)?;
    let data = MeetingData::read(store, format == Format::Xlsx).map_err(Error::Read)?;
    let bytes = match format {
        Format::Xlsx => xlsx::workbook(&data).map_err(Error::Workbook)?,
        Format::Csv => csv_file::table(&data, encoding)?,
        Format::Md => markdown::summary(&data, lang).into_bytes(),
        Format::Docx => return Err(Error::DocxIsForDocuments),
    };
    write_replacing(out, store.path(), &bytes)?;
    Ok(Written {
        path: out.to_path_buf(),
        format,
        encoding,
        projects: data.projects.len(),
        departments: data.tally.by_department.len(),
        budget_types: data.tally.by_budget_type.len(),
        comments: data.comments.len(),
        events: data.events.len(),
    })
}

/// What an export wrote: the file and what is in it.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    pub format: Format,
    pub encoding: Encoding,
    pub projects: usize,
    pub departments: usize,
    pub budget_types: usize,
    /// Only counted in a workbook (0 otherwise).
    pub comments: usize,
    /// Only counted in a workbook (0 otherwise).
    pub events: usize,
}

/// Why an export was refused or failed; nothing was written. Worded in
/// `words/export.rs`.
#[derive(Debug)]
pub enum Error {
    /// `--encoding gbk` with a format other than csv.
    GbkNotCsv,
    /// An empty output path.
    NoFileName,
    /// The output path is a folder.
    IsFolder(PathBuf),
    /// The output path is the meeting database itself.
    IsDatabase(PathBuf),
    /// The output's folder does not exist.
    NoFolder(PathBuf),
    /// The meeting could not be read.
    Read(StoreError),
    /// The workbook writer failed.
    Workbook(XlsxError),
    /// The CSV writer failed.
    Csv(csv::Error),
    /// A cell GBK cannot represent: the project, the column, the character.
    NotGbk {
        code: String,
        column: &'static str,
        found: char,
    },
    /// A header GBK cannot represent.
    HeaderNotGbk,
    /// A document is a workbook or Markdown, not CSV.
    NotADocumentFormat,
    /// The results are a workbook, CSV or Markdown; a Word document is
    /// one of the documents a meeting sends out.
    DocxIsForDocuments,
    /// A Word document could not be made.
    Docx(String),
    /// A per-department export's `--out` is a file, not a folder.
    NotAFolder(PathBuf),
    /// The file could not be written.
    Write {
        path: PathBuf,
        error: std::io::Error,
    },
}

/// Default file name next to the database for the screen's export action:
/// `<db stem>-审核结果.xlsx`.
pub fn default_path(db: &Path, format: Format) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "huishen".to_string());
    let name = format!("{stem}-审核结果.{}", format.extension());
    match db.parent() {
        Some(dir) => dir.join(name),
        None => PathBuf::from(name),
    }
}

/// Everything an export shows, read in one snapshot.
struct MeetingData {
    meeting: Meeting,
    stage: Stage,
    tally: Tally,
    /// A later stage's figures per kind; `None` at the first two stages.
    stage_tally: Option<StageTally>,
    projects: Vec<Line>,
    /// (project code, project name, comment); only read for the workbook.
    comments: Vec<(String, String, CommentRow)>,
    /// Only read for the workbook.
    events: Vec<EventRow>,
    /// The ceilings (控制数): the total's, each budget's and department's.
    ceiling: crate::domain::Ceiling,
    /// The tally by section, novelty and reason.
    breakdown: crate::domain::Breakdown,
}

/// One project with how it stands.
struct Line {
    row: ProjectRow,
    stored: StoredDecision,
    latest_comment: Option<CommentRow>,
    /// The decision's reasons, `、`-joined in the list's order.
    reasons: Option<String>,
}

impl MeetingData {
    fn read(store: &Store, everything: bool) -> crate::store::Result<MeetingData> {
        store.read_consistent(|s| {
            let stage = s.stage()?;
            let mut reasons = s.reason_names()?;
            Ok(MeetingData {
                meeting: s.meeting()?,
                stage,
                tally: s.tally()?,
                stage_tally: if stage.adjusts() {
                    Some(s.stage_tally()?)
                } else {
                    None
                },
                // The store's times are UTC; a record shows them in local
                // time, decisions and comments to the minute.
                projects: s
                    .export_projects()?
                    .into_iter()
                    .map(|(row, mut stored, mut latest_comment)| {
                        stored.updated_at = stored.updated_at.as_deref().map(local_minutes);
                        if let Some(c) = &mut latest_comment {
                            c.at = local_minutes(&c.at);
                        }
                        Line {
                            reasons: reasons.remove(&row.id),
                            row,
                            stored,
                            latest_comment,
                        }
                    })
                    .collect(),
                comments: if everything {
                    let mut comments = s.export_comments()?;
                    for (_, _, c) in &mut comments {
                        c.at = local_minutes(&c.at);
                    }
                    comments
                } else {
                    Vec::new()
                },
                events: if everything {
                    let mut events = s.events(None)?;
                    for e in &mut events {
                        e.at = crate::time::local(&e.at);
                    }
                    events
                } else {
                    Vec::new()
                },
                ceiling: s.ceiling()?,
                breakdown: s.breakdown()?,
            })
        })
    }
}

/// A cell of the results table, before it is written in one format or another.
enum Cell {
    Text(String),
    /// An amount in 万元.
    Money(Money),
    /// A percentage with two decimals (`33.70` means 33.70%).
    Rate(Decimal),
    Blank,
}

/// The columns of the results table (sheet 审核结果 and the csv). The first
/// six are what `huishen import` reads back as a submission, and the last
/// four too (last year's figures, new or continuing); 审减原因 is what
/// `huishen apply` reads back as a batch's reasons.
const RESULT_HEADERS: [&str; 21] = [
    "项目编码",
    "部门",
    "业务股室",
    "项目名称",
    "预算类型",
    "申报金额（万元）",
    "审定金额（万元）",
    "审减金额（万元）",
    "审减率",
    "审核结果",
    "调整绩效目标",
    "需调整指标",
    "调整理由",
    "最新审核意见",
    "评审人",
    "时间",
    "审减原因",
    "新增/延续",
    "上年预算（万元）",
    "上年执行数（万元）",
    "上年执行率",
];

/// The columns a later stage adds after 审核结果: its decision's kind, amount
/// and the project merged into.
const STAGE_HEADERS: [&str; 6] = [
    "调整类型",
    "调整金额（万元）",
    "合并至",
    "另有调整",
    "另有调整金额（万元）",
    "结果应用",
];

/// The results table's headers at `stage`.
fn result_headers(stage: Stage) -> Vec<&'static str> {
    let mut h = RESULT_HEADERS.to_vec();
    if stage.adjusts() {
        let at = COL_STATE as usize + 1;
        h.splice(at..at, STAGE_HEADERS);
    }
    h
}

/// Column indexes in [`RESULT_HEADERS`] that the totals row refers to.
const COL_REQUESTED: u16 = 5;
const COL_APPROVED: u16 = 6;
const COL_CUT: u16 = 7;
const COL_RATE: u16 = 8;
const COL_STATE: u16 = 9;
/// At a later stage: the kind and the amount (see [`result_headers`]).
const COL_KIND: u16 = 10;
const COL_ADJUSTED: u16 = 11;
/// At a later stage: the further outcomes' amount.
const COL_ALSO: u16 = 14;

impl Line {
    /// The row's cells under [`result_headers`] of `stage`.
    fn cells(&self, stage: Stage) -> Vec<Cell> {
        let mut cells = Vec::from(self.target_review_cells());
        if stage.adjusts() {
            let a = self.row.decision.stage.as_ref();
            let at = COL_STATE as usize + 1;
            cells.splice(
                at..at,
                [
                    a.map_or(Cell::Blank, |a| {
                        Cell::Text(stage.kind_zh(a.kind).to_string())
                    }),
                    // 资金不变 has no amount.
                    a.filter(|a| a.kind != Kind::Unchanged)
                        .map_or(Cell::Blank, |a| Cell::Money(a.amount)),
                    a.and_then(|a| a.merged_into.clone())
                        .map_or(Cell::Blank, Cell::Text),
                    // `收回结余 20.50`, as `huishen apply` reads it back.
                    a.filter(|a| !a.also.is_empty()).map_or(Cell::Blank, |a| {
                        Cell::Text(
                            a.also
                                .iter()
                                .map(|(k, m)| format!("{} {}", stage.kind_zh(*k), m.wan_string()))
                                .collect::<Vec<_>>()
                                .join("、"),
                        )
                    }),
                    a.filter(|a| !a.also.is_empty()).map_or(Cell::Blank, |a| {
                        Cell::Money(a.also.iter().fold(Money::ZERO, |s, (_, m)| s + *m))
                    }),
                    a.filter(|a| !a.measures.is_empty())
                        .map_or(Cell::Blank, |a| {
                            Cell::Text(crate::event_words::measures_words(a.measures, Lang::Zh))
                        }),
                ],
            );
        }
        cells
    }

    fn target_review_cells(&self) -> [Cell; 21] {
        let p = &self.row;
        let d = &p.decision;
        let decided = d.state.is_decided();
        let cut = d.cut(p.requested);
        let text = |s: &str| {
            if s.is_empty() {
                Cell::Blank
            } else {
                Cell::Text(s.to_string())
            }
        };
        let opt = |s: Option<&str>| s.map_or(Cell::Blank, text);
        [
            text(&p.code),
            text(&p.department),
            opt(p.section.as_deref()),
            text(&p.name),
            text(p.budget_type.zh()),
            Cell::Money(p.requested),
            if decided {
                Cell::Money(d.approved)
            } else {
                Cell::Blank
            },
            if decided {
                Cell::Money(cut)
            } else {
                Cell::Blank
            },
            match percent_half_up(cut, p.requested) {
                Some(r) if decided => Cell::Rate(r),
                _ => Cell::Blank,
            },
            text(d.state.zh()),
            opt(d.adjust.as_ref().map(|_| "是")),
            match &d.adjust {
                Some(a) if a.indicators.is_empty() => text("全部"),
                Some(a) => text(&indicator_list(&a.indicators)),
                None => Cell::Blank,
            },
            opt(d.adjust.as_ref().map(|a| a.reason.as_str())),
            opt(self.latest_comment.as_ref().map(|c| c.body.as_str())),
            opt(self.stored.updated_by.as_deref()),
            opt(self.stored.updated_at.as_deref()),
            opt(self.reasons.as_deref()),
            opt(p.novelty.map(|n| n.zh())),
            p.last
                .as_ref()
                .and_then(|l| l.budget)
                .map_or(Cell::Blank, Cell::Money),
            p.last
                .as_ref()
                .and_then(|l| l.spent)
                .map_or(Cell::Blank, Cell::Money),
            p.last
                .as_ref()
                .and_then(|l| l.rate)
                .map_or(Cell::Blank, |r| Cell::Rate(r.to_decimal())),
        ]
    }
}

/// `1、3` as the panel writes indicator numbers.
fn indicator_list(v: &[u32]) -> String {
    v.iter().map(u32::to_string).collect::<Vec<_>>().join("、")
}

/// An amount in 万元 as a sentence writes it: no separators, no trailing
/// zeros (`347740`, `7038.7`, `0.05`).
pub fn wan_trimmed(m: Money) -> String {
    m.to_wan().normalize().to_string()
}

/// The headers of the summary sheets and tables, after the group's name.
const FIGURE_HEADERS: [&str; 10] = [
    "项目数",
    "申报金额（万元）",
    "审定金额（万元）",
    "审减金额（万元）",
    "审减率",
    "取消",
    "审减项目数",
    "通过",
    "调整",
    "待审",
];

/// The cells of one summary row, in the order of [`FIGURE_HEADERS`].
fn figure_cells(f: &Figures) -> [FigureCell; 10] {
    let c = &f.counts;
    [
        FigureCell::Count(f.projects),
        FigureCell::Money(f.requested),
        FigureCell::Money(f.approved),
        FigureCell::Money(f.cut),
        FigureCell::Rate(f.cut_rate()),
        FigureCell::Count(c.cancelled),
        FigureCell::Count(c.cut),
        FigureCell::Count(c.approved),
        FigureCell::Count(c.adjusted),
        FigureCell::Count(c.pending),
    ]
}

enum FigureCell {
    Count(u64),
    Money(Money),
    Rate(Option<Decimal>),
}

/// A cell a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, or a
/// leading tab or carriage return) gets a leading `'`, so that opening the
/// CSV in Excel or LibreOffice shows the text instead of running it. The
/// import takes one `'` off such a cell again, so a text that itself starts
/// with `'` before one of them is guarded too (`'-x` → `''-x`): what goes
/// out comes back as it was.
pub fn guard_formula(s: &str) -> Cow<'_, str> {
    if needs_guard(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether [`guard_formula`] puts a `'` before `s`: the import's rule for
/// taking it off.
pub(crate) fn needs_guard(s: &str) -> bool {
    match s.strip_prefix('\'') {
        Some(rest) => needs_guard(rest),
        None => s.starts_with(['=', '+', '-', '@', '\t', '\r']),
    }
}

/// The state's name in the reader's language.
fn state_name(s: State, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => s.zh(),
        Lang::En => s.en(),
    }
}

/// Refuses to write over the meeting itself, into a folder that does not
/// exist, or onto a folder.
fn check_target(store: &Store, out: &Path) -> Result<(), Error> {
    if out.as_os_str().is_empty() {
        return Err(Error::NoFileName);
    }
    if out.is_dir() {
        return Err(Error::IsFolder(out.to_path_buf()));
    }
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(out, store.path()) {
        return Err(Error::IsDatabase(out.to_path_buf()));
    }
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(Error::NoFolder(dir.to_path_buf()));
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `out` and renames it over
/// `out`, so a reader never sees half a file and a failed export leaves the
/// previous one in place. On unix the file gets the permission bits of the
/// meeting database `db` (see [`like_database`]).
fn write_replacing(out: &Path, db: &Path, bytes: &[u8]) -> Result<(), Error> {
    let fail = |error: std::io::Error| Error::Write {
        path: out.to_path_buf(),
        error,
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A new file each time (`create_new`): never one planted under the
    // temporary name, nor a symbolic link's target, in a shared folder.
    let mut n = 0;
    let (tmp, mut f) = loop {
        let tmp = out.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()));
        let mut opts = std::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        {
            // Private until it has the database's bits.
            use std::os::unix::fs::OpenOptionsExt;
            opts.mode(0o600);
        }
        match opts.open(&tmp) {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(fail(e)),
        }
    };
    let result = (|| {
        like_database(&f, db)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, out)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(fail(e));
    }
    Ok(())
}

/// Gives a new export the database's permission bits (read and write only;
/// never the execute or set-id bits), so whoever may use the meeting may
/// read its outputs and no one else. A replaced export gets the same: the
/// bits always follow the database, not what the file had before. The
/// group bits only stand if the file is in the database's group (moved
/// there when the folder did not put it there); else they are dropped.
/// If the database cannot be read, the file stays private (0600).
#[cfg(unix)]
fn like_database(f: &std::fs::File, db: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Ok(meta) = std::fs::metadata(db) else {
        return Ok(());
    };
    let mut mode = meta.mode() & 0o666;
    if f.metadata()?.gid() != meta.gid()
        && std::os::unix::fs::fchown(f, None, Some(meta.gid())).is_err()
    {
        mode &= !0o070;
    }
    f.set_permissions(std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn like_database(_: &std::fs::File, _: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests;
