//! Reading submissions (项目 + 绩效指标) and decision batches (初审意见) from
//! CSV/TSV text (UTF-8, UTF-16 with BOM, GB18030/GBK) and workbooks
//! (xlsx, xlsm, xls, ods).
//!
//! All or nothing: every problem in the files is collected and returned, each
//! located by file, row and column as the user sees them in Excel; nothing
//! is returned unless the files are clean. No input makes this panic.

mod columns;
mod table;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use rust_decimal::Decimal;

use crate::domain::Reason;
use crate::domain::budget::BudgetType;
use crate::domain::decision::{Command, CommandWord, CutInput, CutInputError};
use crate::domain::money::{AmountError, Money, Unit, normalize_number_text, parse_amount};
use crate::domain::project::{
    AmountSplit, BatchRow, NewIndicator, NewProject, Problem, Submission,
};
use crate::domain::stage::{Kind as StageKind, Stage, StageError};

use columns::{CODE, Column, Spec, map_header};
use table::{Cell, Opened, Row, TypedKind};

/// Problems kept; beyond this only a count is kept, so a garbage file of
/// millions of bad cells cannot exhaust memory.
const MAX_PROBLEMS: usize = 1000;
const MAX_CODE: usize = 64;
const MAX_NAME: usize = 500;
const MAX_COMMENT: usize = 2000;

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
            s.spawn(move || read_indicator_file(path, slot))
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

/// Reads a separate indicators file into its table; its text, when it is
/// delimited text, is kept in `slot` for the rows to borrow from. Runs on a
/// thread of its own, so its problems are returned, in order, to be added
/// after the projects file's.
fn read_indicator_file<'t>(path: &Path, slot: &'t OnceLock<String>) -> (Table<'t>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut indicator_table: Table = None;
    let ifile = file_name(path);
    match table::open(path, &ifile) {
        Err(ps) => problems.extend(ps),
        Ok(Opened::Text(text)) => {
            let text: &'t str = slot.get_or_init(|| text);
            match table::text_rows(text, &ifile) {
                Ok(rows) => indicator_table = Some((ifile, rows)),
                Err(ps) => problems.extend(ps),
            }
        }
        Ok(Opened::Book(mut book)) => {
            match find_table(&mut book, &ifile, &INDICATOR_TABLE, None, true) {
                Ok(t) => indicator_table = t.map(|f| f.table),
                Err(ps) => problems.extend(ps),
            }
        }
    }
    (indicator_table, problems)
}

/// A submission from delimited text already in memory (embedded demo data):
/// the same checks as [`read_submission`]. `indicators` is (file name, text).
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
        let indicator_job = indicators
            .zip(ifile.as_deref())
            .map(|((_, text), file)| s.spawn(move || table::parse_delimited(text, file)));
        let (rows, ps) = table::parse_delimited(projects, &pfile);
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
    let (rows, ps) = table::parse_delimited(text, &file);
    problems.extend(ps);
    let out = read_batch_rows(&rows, &file, stage, &mut problems);
    problems.result(out.rows)
}

type Table<'t> = Option<(String, Vec<Row<'t>>)>;

/// The projects of a table, read, with the problems found in them kept
/// apart: the indicators file's own problems are listed before them.
struct ReadProjects<'r> {
    list: Vec<NewProject>,
    known: Option<HashSet<&'r str>>,
    problems: Problems,
}

impl<'r> ReadProjects<'r> {
    fn of(table: Option<&'r (String, Vec<Row<'_>>)>) -> Option<ReadProjects<'r>> {
        table.map(|(file, rows)| {
            let mut problems = Problems::default();
            let (list, known) = read_projects(rows, file, &mut problems);
            ReadProjects {
                list,
                known,
                problems,
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
    let mut known: Option<HashSet<&str>> = None;
    if let Some(read) = projects {
        problems.append(read.problems);
        sub.projects = read.list;
        known = read.known;
    }
    if let Some((file, rows)) = &indicator_table {
        sub.indicators = read_indicators(rows, file, known.as_ref(), &mut problems);
    }
    problems.result(sub)
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
    let mut problems = Problems::default();
    let file = file_name(path);
    let text;
    let table = match table::open(path, &file) {
        Err(ps) => {
            problems.extend(ps);
            None
        }
        Ok(Opened::Text(t)) => {
            text = t;
            match table::text_rows(&text, &file) {
                Ok(rows) => Some((file.clone(), rows)),
                Err(ps) => {
                    problems.extend(ps);
                    None
                }
            }
        }
        Ok(Opened::Book(mut book)) => {
            match find_table(&mut book, &file, &BATCH_TABLE, None, true) {
                Ok(t) => t.map(|f| f.table),
                Err(ps) => {
                    problems.extend(ps);
                    None
                }
            }
        }
    };
    let mut out = Batch::default();
    if let Some((file, rows)) = &table {
        out = read_batch_rows(rows, file, stage, &mut problems);
    }
    problems.result(out)
}

// ---------------------------------------------------------------------------
// Problems and safe text

/// The problems found so far.
#[derive(Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    more: usize,
}

impl Problems {
    pub fn push(&mut self, p: Problem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.more += 1;
        }
    }

    fn extend(&mut self, ps: Vec<Problem>) {
        for p in ps {
            self.push(p);
        }
    }

    /// Adds problems found apart, as if they had been pushed here: the
    /// first `MAX_PROBLEMS` of everything are kept and the rest counted.
    fn append(&mut self, other: Problems) {
        for p in other.list {
            self.push(p);
        }
        self.more += other.more;
    }

    fn result<T>(mut self, ok: T) -> Result<T, Vec<Problem>> {
        if self.list.is_empty() {
            return Ok(ok);
        }
        if self.more > 0 {
            let file = self.list.last().map(|p| p.file.clone()).unwrap_or_default();
            self.list.push(Problem::new(
                &file,
                None,
                None,
                format!("… and {} more problems not listed", self.more),
                format!("……另有 {} 处问题未列出", self.more),
            ));
        }
        Err(self.list)
    }
}

const NO_SHEETS: &str = "the workbook has no sheets";
const NO_SHEETS_ZH: &str = "工作簿中没有工作表";

/// A problem, its reason in English and in Chinese.
const ONLY_MERGE: &str = "only a merge names a project to merge into (合并至)";
const ONLY_MERGE_ZH: &str = "只有合并才填写“合并至”";
const BOTH_OR_NEITHER: &str = "write both 审定 and 审减 (they add up to the request), or neither";
const BOTH_OR_NEITHER_ZH: &str = "审定和审减要么都填（两者相加等于申报金额），要么都不填";
const ADJUST_COMMENT: &str =
    "adjust needs a comment: the reason (which targets, and what they lack)";
const ADJUST_COMMENT_ZH: &str = "调整须填写审核意见：说明理由（哪些目标、缺什么）";

/// Text safe for a terminal and short: control characters escaped, at most
/// `max` characters.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// A cell's text quoted for a message.
pub(crate) fn quote(text: &str) -> String {
    format!("\"{}\"", clip(text, 40))
}

fn file_name(path: &Path) -> String {
    clip(&path.display().to_string(), usize::MAX)
}

/// A kind of table a workbook may hold, for finding its sheet.
struct TableKind {
    specs: &'static [Spec],
    /// Sheet names that say what the sheet holds, as `find_sheet` compares
    /// them; the first is the one suggested.
    sheets: &'static [&'static str],
    /// What the table holds, for messages.
    en: &'static str,
    zh: &'static str,
}

const PROJECT_TABLE: TableKind = TableKind {
    specs: PROJECT_SPECS,
    sheets: &["项目", "projects"],
    en: "projects",
    zh: "项目",
};
const INDICATOR_TABLE: TableKind = TableKind {
    specs: INDICATOR_SPECS,
    sheets: &["绩效指标", "indicators"],
    en: "indicators",
    zh: "绩效指标",
};
const BATCH_TABLE: TableKind = TableKind {
    specs: BATCH_SPECS,
    sheets: &["审核结果", "decisions"],
    en: "decisions",
    zh: "审核结果",
};

/// A table read from a workbook: its label for messages and its rows.
type SheetTable = (String, Vec<Row<'static>>);

/// A sheet found and read.
struct Found {
    sheet: String,
    table: SheetTable,
}

/// The projects and (if `want_indicators`) the indicators of a submission
/// workbook, and the problems met finding and reading them.
fn submission_sheets(
    book: &mut table::Book,
    file: &str,
    want_indicators: bool,
) -> (Option<SheetTable>, Option<SheetTable>, Vec<Problem>) {
    let mut problems = Vec::new();
    let names = book.sheet_names();
    let isheet = find_sheet(&names, INDICATOR_TABLE.sheets).map(str::to_string);
    let projects = match find_table(book, file, &PROJECT_TABLE, isheet.as_deref(), true) {
        Ok(t) => t,
        Err(ps) => {
            problems.extend(ps);
            None
        }
    };
    let mut indicators = None;
    if want_indicators {
        // The indicators are on the sheet named for them, else on another
        // sheet with their header, if there is one.
        let psheet = projects.as_ref().map(|f| f.sheet.as_str());
        match find_table(book, file, &INDICATOR_TABLE, psheet, false) {
            Ok(t) => indicators = t.map(|f| f.table),
            Err(ps) => problems.extend(ps),
        }
    }
    (projects.map(|f| f.table), indicators, problems)
}

/// `file [sheet]`, or the file alone for a workbook of one sheet.
fn sheet_label(file: &str, sheet: &str, many: bool) -> String {
    if many {
        format!("{file} [{}]", clip(sheet, 40))
    } else {
        file.to_string()
    }
}

/// Finds and reads the sheet that holds a table of `kind`: the sheet named
/// for it (`项目`, `绩效指标`, `审核结果`); else the one visible sheet, other
/// than `skip`, whose first rows hold its header — a cover sheet (填报说明)
/// or a hidden sheet of dropdown choices may come first; else, with
/// `fallback`, the first visible sheet, whose problems are then reported.
/// Two sheets with the header are refused: reading one would silently
/// leave the other out.
fn find_table(
    book: &mut table::Book,
    file: &str,
    kind: &TableKind,
    skip: Option<&str>,
    fallback: bool,
) -> Result<Option<Found>, Vec<Problem>> {
    let names = book.sheet_names();
    let many = names.len() > 1;
    if let Some(s) = find_sheet(&names, kind.sheets) {
        return read_table(book, file, s, true);
    }
    let visible: Vec<String> = book
        .visible_sheets()
        .into_iter()
        .filter(|s| Some(s.as_str()) != skip)
        .collect();
    let mut found: Vec<&str> = Vec::new();
    for s in &visible {
        // A sheet that cannot be read is reported if it is read in full.
        if let Ok(rows) = book.read_sheet_head(s, file, TITLE_ROWS + 1)
            && header_at(&rows, kind.specs, file).is_some()
        {
            found.push(s);
        }
    }
    match found.as_slice() {
        [one] => read_table(book, file, one, many),
        [] if !fallback => Ok(None),
        [] => match visible.first() {
            Some(s) => read_table(book, file, s, many),
            None if names.is_empty() => Err(vec![Problem::new(
                file,
                None,
                None,
                NO_SHEETS,
                NO_SHEETS_ZH,
            )]),
            None => Err(vec![Problem::new(
                file,
                None,
                None,
                format!(
                    "the workbook has no sheet of {}; its sheets: {}",
                    kind.en,
                    sheet_list(&names, ", ")
                ),
                format!(
                    "工作簿中没有{}表；现有工作表：{}",
                    kind.zh,
                    sheet_list(&names, "、")
                ),
            )]),
        },
        [..] => Err(vec![Problem::new(
            file,
            None,
            None,
            format!(
                "the sheets {} all hold a table of {}; one is read: name it {} (or move \
                 the others to files of their own)",
                sheet_list(&found, ", "),
                kind.en,
                kind.sheets[0]
            ),
            format!(
                "工作表 {} 都是{}表，只能读取一个：请把要导入的工作表命名为“{}”（或把其余的另存为单独的文件）",
                sheet_list(&found, "、"),
                kind.zh,
                kind.sheets[0]
            ),
        )]),
    }
}

fn read_table(
    book: &mut table::Book,
    file: &str,
    sheet: &str,
    many: bool,
) -> Result<Option<Found>, Vec<Problem>> {
    let label = sheet_label(file, sheet, many);
    match book.read_sheet(sheet, &label) {
        Ok(rows) => Ok(Some(Found {
            sheet: sheet.to_string(),
            table: (label, rows),
        })),
        Err(p) => Err(vec![p]),
    }
}

fn sheet_list(names: &[impl AsRef<str>], sep: &str) -> String {
    names
        .iter()
        .map(|n| clip(n.as_ref(), 40))
        .collect::<Vec<_>>()
        .join(sep)
}

fn find_sheet<'a>(names: &'a [String], wanted: &[&str]) -> Option<&'a str> {
    names
        .iter()
        .find(|n| {
            let n = n.trim().to_lowercase();
            wanted.iter().any(|w| n == *w)
        })
        .map(String::as_str)
}

// ---------------------------------------------------------------------------
// Cells of a row

#[derive(Clone, Copy)]
enum Kind {
    /// A code: short, one line.
    Code,
    /// A name or other free text; may hold line breaks and tabs.
    Name,
    /// A comment: longer free text.
    Comment,
    /// A type, a word: parsed afterwards.
    Value,
    /// An amount: parsed afterwards; a date or TRUE/FALSE is refused here.
    Amount,
}

impl Kind {
    fn max(self) -> Option<usize> {
        match self {
            Kind::Code => Some(MAX_CODE),
            Kind::Name => Some(MAX_NAME),
            Kind::Comment => Some(MAX_COMMENT),
            Kind::Value | Kind::Amount => None,
        }
    }

    fn allows_breaks(self) -> bool {
        matches!(self, Kind::Name | Kind::Comment)
    }
}

/// Reads the cells of one row, reporting what is wrong with them.
struct RowCtx<'a, 'p> {
    file: &'a str,
    row: &'a Row<'a>,
    problems: &'p mut Problems,
    ok: bool,
}

impl<'a> RowCtx<'a, '_> {
    fn report(&mut self, col: &Column, message: impl Into<String>, message_zh: impl Into<String>) {
        self.ok = false;
        self.problems.push(Problem::new(
            self.file,
            Some(self.row.number),
            Some(col.label.clone()),
            message,
            message_zh,
        ));
    }

    /// A cell that is not an amount: `bad amount "12a": not a number…`.
    /// A number finer than a fen is often shown rounded by its number
    /// format, so the message says the cell holds more than it shows.
    fn bad_amount(&mut self, col: &Column, text: &str, e: &impl Reason) {
        let number = matches!(
            self.row.get(col.index),
            Some(Cell::Typed(t)) if t.kind == TypedKind::Number
        );
        let (hint, hint_zh) = match parse_amount(text, col.unit) {
            Err(AmountError::TooPrecise { unit }) if number => {
                let places = match unit {
                    Unit::Wan => 6,
                    Unit::Yuan => 2,
                };
                (
                    format!(
                        "; the cell holds this number though Excel may show it rounded: \
                         round it with =ROUND(…, {places}) or type the amount"
                    ),
                    format!(
                        "；单元格中的数就是这个，Excel 显示的可能是四舍五入后的值：\
                         请用 =ROUND(…, {places}) 取整，或直接填写金额"
                    ),
                )
            }
            _ => (String::new(), String::new()),
        };
        self.report(
            col,
            format!("bad amount {}: {e}{hint}", quote(text)),
            format!("金额 {} 有误：{}{hint_zh}", quote(text), e.zh()),
        );
    }

    /// The cell's text, `""` if empty; None if the column is absent or the
    /// cell is refused (reported).
    fn text(&mut self, col: Option<&Column>, kind: Kind) -> Option<&'a str> {
        let col = col?;
        let row: &'a Row<'a> = self.row;
        match row.get(col.index) {
            None => Some(""),
            Some(Cell::Error(e)) => {
                self.report(
                    col,
                    format!(
                        "the cell holds the error {}; type the value instead",
                        clip(e, 20)
                    ),
                    format!("单元格是错误值 {}；请直接填写内容", clip(e, 20)),
                );
                None
            }
            Some(Cell::Typed(t)) => {
                let text: &'a str = &t.text;
                match (kind, t.kind) {
                    (_, TypedKind::Uncalculated) => {
                        let (f, f_zh) = formula_shown(t.formula.as_deref());
                        self.report(
                            col,
                            format!(
                                "the cell is a formula{f} with no saved value: the file was \
                                 written by a program and never calculated; open it in Excel \
                                 or WPS, save it, and import it again"
                            ),
                            format!(
                                "单元格是公式{f_zh}，但没有保存计算结果：文件由程序生成，从未计算过；\
                                 请用 Excel 或 WPS 打开并保存后再导入"
                            ),
                        );
                        None
                    }
                    // One amount shown over several projects' rows: counting
                    // it for each would count it several times.
                    (Kind::Amount, _) if t.merged.is_some() => {
                        let range = t.merged.as_deref().unwrap_or("");
                        self.report(
                            col,
                            format!(
                                "the cell is part of the merged cell {range}: each project \
                                 needs its own amount; unmerge {range} and fill in each row"
                            ),
                            format!(
                                "单元格属于合并单元格 {range}：每个项目应有自己的金额；\
                                 请取消合并 {range}，并逐行填写"
                            ),
                        );
                        None
                    }
                    (Kind::Amount, TypedKind::Date) => {
                        self.report(
                            col,
                            format!(
                                "the cell holds a date ({text}), not an amount; type the \
                                 amount, and format the cell as a number"
                            ),
                            format!("单元格是日期（{text}），不是金额；请填写金额，并把单元格设置为数值格式"),
                        );
                        None
                    }
                    (Kind::Amount, TypedKind::Bool) => {
                        self.report(
                            col,
                            format!(
                                "the cell holds the logical value {text}, not an amount; type \
                                 the amount"
                            ),
                            format!("单元格是逻辑值 {text}，不是金额；请填写金额"),
                        );
                        None
                    }
                    // Excel turns a code such as 1-2 or 2021-3 into a date.
                    (Kind::Code, TypedKind::Date) => {
                        self.report(
                            col,
                            format!(
                                "the code is a date ({text}): Excel took what was typed for a \
                                 date; format the column as text and type the codes again"
                            ),
                            format!(
                                "编码是日期（{text}）：Excel 把填写的内容当成了日期；\
                                 请把该列设置为文本格式，再重新填写编码"
                            ),
                        );
                        None
                    }
                    // Excel keeps 15 digits of a number: a longer code typed
                    // as a number has lost its last digits.
                    (Kind::Code, TypedKind::Number)
                        if text.bytes().filter(u8::is_ascii_digit).count() > 15 =>
                    {
                        self.report(
                            col,
                            format!(
                                "the code {text} is stored as a number, and Excel keeps only 15 \
                                 digits of a number: its last digits may be lost; format the \
                                 column as text and type the codes again"
                            ),
                            format!(
                                "编码 {text} 以数字形式保存，而 Excel 的数字只保留 15 位有效数字，\
                                 末几位可能已经丢失；请把该列设置为文本格式，再重新填写编码"
                            ),
                        );
                        None
                    }
                    _ => Some(text),
                }
            }
            Some(Cell::Text(t)) => {
                // Control characters are C0, DEL and C1; in UTF-8 a C1
                // character starts with 0xC2, which most text (CJK included)
                // never has, so the characters are only looked at if a byte
                // says there may be one.
                let maybe_control = t.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2);
                let bad = maybe_control
                    .then(|| {
                        t.chars().find(|c| {
                            c.is_control()
                                && !(kind.allows_breaks() && matches!(c, '\t' | '\n' | '\r'))
                        })
                    })
                    .flatten();
                if let Some(c) = bad {
                    self.report(
                        col,
                        format!(
                            "contains control characters ({}); remove them",
                            c.escape_default()
                        ),
                        format!("含有控制字符（{}），请删除", c.escape_default()),
                    );
                    return None;
                }
                // No more characters than bytes: only a long text is counted.
                if let Some(max) = kind.max()
                    && t.len() > max
                {
                    let n = t.chars().count();
                    if n > max {
                        self.report(
                            col,
                            format!("too long: {n} characters, at most {max}"),
                            format!("过长：{n} 个字符，最多 {max} 个"),
                        );
                        return None;
                    }
                }
                if matches!(kind, Kind::Amount) {
                    return self.amount_unit(col, t);
                }
                if matches!(kind, Kind::Code) && is_scientific(t) {
                    self.report(
                        col,
                        format!(
                            "the code {} is a number Excel wrote in scientific notation, and \
                             its digits are lost; format the column as text (or as the number \
                             format 0) in Excel, type the codes again if need be, and save",
                            quote(t)
                        ),
                        format!(
                            "编码 {} 是 Excel 以科学计数法写出的数字，原有数字已经丢失；请在 Excel \
                             中把该列设置为文本格式（或数字格式 0），必要时重新填写编码，再保存",
                            quote(t)
                        ),
                    );
                    return None;
                }
                Some(t)
            }
        }
    }

    /// An amount written with a currency sign or a unit — `¥1,234.00` (as
    /// Excel saves a cell in a currency format to CSV), `1234元` in a column
    /// of 元, `26万` or `26万元` in one of 万元 — is the amount; a unit that
    /// is not the column's is refused, not converted behind the writer's
    /// back. The sign says money, not which unit.
    fn amount_unit(&mut self, col: &Column, t: &'a str) -> Option<&'a str> {
        let body = t.strip_prefix(['¥', '￥']).map_or(t, str::trim_start);
        let (body, stated) = match [("万元", Unit::Wan), ("万", Unit::Wan), ("元", Unit::Yuan)]
            .into_iter()
            .find_map(|(w, u)| body.strip_suffix(w).map(|b| (b.trim_end(), u)))
        {
            Some((b, u)) => (b, Some(u)),
            None => (body, None),
        };
        if body.is_empty() {
            return Some(t);
        }
        let Some(stated) = stated.filter(|u| *u != col.unit) else {
            return Some(body);
        };
        self.report(
            col,
            format!(
                "{} is in {} but this column is in {}; write the amount in {}, or put the \
                 unit in the header, e.g. 申报金额（{}）",
                quote(t),
                stated.label(),
                col.unit.label(),
                col.unit.label(),
                stated.label()
            ),
            format!(
                "{} 的单位是{}，但本列以{}为单位；请按{}填写，或在表头中写明单位，如 申报金额（{}）",
                quote(t),
                stated.label(),
                col.unit.label(),
                col.unit.label(),
                stated.label()
            ),
        );
        None
    }

    /// A cell that must not be empty.
    fn required(&mut self, col: &Column, spec: &Spec, kind: Kind) -> Option<&'a str> {
        let t = self.text(Some(col), kind)?;
        if t.is_empty() {
            self.report(
                col,
                format!("{} is empty; it is required", spec.name()),
                format!("{}为空，必须填写", spec.zh),
            );
            return None;
        }
        Some(t)
    }
}

fn optional(t: Option<&str>) -> Option<String> {
    t.filter(|t| !t.is_empty()).map(str::to_string)
}

/// Splits a table into its header (the first non-empty row) and the rows
/// below; reports an empty file.
/// The header row, the rows below it, and the unit a line above the header
/// gives (`单位：元`), if any.
///
/// Submissions from a finance system usually open with a title (表名) and a
/// unit line above the header: the header is the first of the first rows
/// that names every required column; without one, the first row is taken
/// and its missing columns are reported.
fn header_and_rows<'r, 't>(
    rows: &'r [Row<'t>],
    file: &str,
    specs: &[Spec],
    problems: &mut Problems,
) -> Option<(&'r Row<'t>, &'r [Row<'t>], Option<Unit>)> {
    if rows.is_empty() {
        let wanted: Vec<&str> = specs.iter().filter(|s| s.required).map(|s| s.zh).collect();
        problems.push(Problem::new(
            file,
            None,
            None,
            format!(
                "the file is empty; its first row must be the header: {}",
                wanted.join(", ")
            ),
            format!("文件为空；第一行应为表头：{}", wanted.join("、")),
        ));
        return None;
    }
    let at = header_at(rows, specs, file).unwrap_or(0);
    // The unit may also stand in a cell of the header row itself, to the
    // right of the headers: `单位：元`.
    let unit = rows[..=at].iter().find_map(unit_line);
    Some((&rows[at], &rows[at + 1..], unit))
}

/// A second header row right under the header, as a two-row header has
/// it: `申报金额（万元）` over `合计 | 财政拨款 | 其他资金`, the other headers
/// merged down over both rows (or empty below). It holds only text, and
/// only under amount columns (or columns not read). The amount is read
/// from the sub-column headed 合计 (小计, 总计); an amount split into parts
/// with no total is refused. Returns the rows below it (all of `body` if
/// there is no second header row), or None once a problem is reported.
fn second_header<'r, 't>(
    header: &Row,
    body: &'r [Row<'t>],
    specs: &[Spec],
    cols: &mut [Option<Column>],
    file: &str,
    problems: &mut Problems,
) -> Option<&'r [Row<'t>]> {
    let Some(next) = body.first().filter(|r| r.number == header.number + 1) else {
        return Some(body);
    };
    // A cell shown from a merged header cell above.
    let from_header = |c: &Cell| matches!(c, Cell::Typed(t) if t.merged.is_some());
    // The columns an amount header spans: up to the next header cell.
    let span = |index: usize| {
        let end = header
            .cells
            .iter()
            .map(|(c, _)| *c)
            .find(|c| *c > index)
            .unwrap_or(usize::MAX);
        index..end
    };
    let money: Vec<usize> = specs
        .iter()
        .zip(cols.iter())
        .enumerate()
        .filter(|(_, (s, c))| s.money && c.is_some())
        .map(|(i, _)| i)
        .collect();
    let in_money = |index: usize| {
        money
            .iter()
            .filter_map(|&si| cols[si].as_ref())
            .any(|c| span(c.index).contains(&index))
    };
    let mapped = |index: usize| cols.iter().flatten().any(|c| c.index == index);
    let mut under_money = false;
    for (index, cell) in &next.cells {
        if from_header(cell) {
            continue;
        }
        let Some(text) = cell.text() else {
            return Some(body);
        };
        let number = matches!(cell, Cell::Typed(t) if t.kind != TypedKind::Text)
            || parse_amount(text, Unit::Wan).is_ok();
        if number || (mapped(*index) && !in_money(*index)) {
            return Some(body);
        }
        under_money |= in_money(*index);
    }
    if !under_money {
        return Some(body);
    }
    let mut ok = true;
    for si in money {
        let Some(c) = cols[si].as_mut() else { continue };
        let parts: Vec<(usize, &str)> = next
            .cells
            .iter()
            .filter(|(i, cell)| span(c.index).contains(i) && !from_header(cell))
            .filter_map(|(i, cell)| cell.text().map(|t| (*i, t)))
            .collect();
        if parts.is_empty() {
            continue;
        }
        let totals: Vec<&(usize, &str)> = parts
            .iter()
            .filter(|(_, t)| is_total_word(&columns::split_header(t).0))
            .collect();
        match totals.as_slice() {
            [(index, text)] => {
                let head = header.get(c.index).and_then(Cell::text).unwrap_or("");
                let unit_of = |t: &str| {
                    columns::split_header(t)
                        .1
                        .and_then(|u| Unit::from_label(&u))
                };
                let label = columns::label(&format!("{head} {text}"), *index);
                // `合计（元）` under a header without a unit gives the unit.
                match (unit_of(head), unit_of(text)) {
                    (Some(h), Some(u)) if h != u => {
                        ok = false;
                        problems.push(Problem::new(
                            file,
                            Some(next.number),
                            Some(label.clone()),
                            format!(
                                "the header says {} and the 合计 under it {}; keep one unit",
                                h.label(),
                                u.label()
                            ),
                            format!(
                                "表头的单位是{}，其下的合计却是{}；请只保留一种单位",
                                h.label(),
                                u.label()
                            ),
                        ));
                    }
                    (None, Some(u)) => c.unit = u,
                    _ => {}
                }
                c.label = label;
                c.index = *index;
            }
            _ => {
                ok = false;
                let names: Vec<String> = parts.iter().map(|(_, t)| clip(t, 20)).collect();
                problems.push(Problem::new(
                    file,
                    Some(next.number),
                    Some(c.label.clone()),
                    format!(
                        "{} is split into {} on this row, with no one 合计 (total) among them; \
                         one amount per project is read: add a 合计 column under it, or keep \
                         one amount column",
                        c.label,
                        names.join(", ")
                    ),
                    format!(
                        "{} 在本行分为 {}，其中没有唯一的“合计”列；每个项目只读取一个金额：\
                         请在其下增加“合计”列，或只保留一个金额列",
                        c.label,
                        names.join("、")
                    ),
                ));
            }
        }
    }
    ok.then(|| &body[1..])
}

/// Where the header is: the first of the first rows that names every
/// required column of `specs`.
fn header_at(rows: &[Row], specs: &[Spec], file: &str) -> Option<usize> {
    rows.iter()
        .take(TITLE_ROWS + 1)
        .position(|r| map_header(r, specs, file, None, &mut Problems::default()).is_some())
}

/// How many rows of title may stand above the header.
const TITLE_ROWS: usize = 10;

/// `单位：元`, `单位:万元`, `金额单位：万元` in a line above the header.
fn unit_line(row: &Row) -> Option<Unit> {
    row.cells.iter().find_map(|(_, cell)| {
        let text = cell.text()?;
        let (_, after) = text.split_once("单位")?;
        let after = after.trim_start_matches([':', '：', ' ', '\u{3000}', '（', '(']);
        // `金额单位为元。`
        let after = after.strip_prefix(['为', '是']).unwrap_or(after);
        let word: String = after
            .chars()
            .take_while(|c| {
                !matches!(
                    c,
                    ')' | '）' | ' ' | '\u{3000}' | ',' | '，' | ';' | '；' | '。' | '、'
                )
            })
            .collect();
        Unit::from_label(&word)
    })
}

// ---------------------------------------------------------------------------
// Projects

const fn spec(
    zh: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> Spec {
    Spec {
        zh,
        en,
        aliases,
        required,
        money: false,
        group: None,
    }
}

const P_CODE: usize = 0;
const P_DEPT: usize = 1;
const P_NAME: usize = 2;
const P_BUDGET: usize = 3;
const P_REQUESTED: usize = 4;
const P_SECTION: usize = 5;

const PROJECT_SPECS: &[Spec] = &[
    spec("项目编码", "project_id", CODE, true),
    spec(
        "部门",
        "department",
        &[
            "部门",
            "部门名称",
            "预算部门",
            "单位",
            "单位名称",
            "预算单位",
            "预算单位名称",
            "部门（单位）",
            "部门（单位）名称",
            "department",
            "dept",
        ],
        true,
    ),
    spec(
        "项目名称",
        "name",
        &["项目名称", "项目", "project_name", "project", "name"],
        true,
    ),
    spec(
        "预算类型",
        "budget_type",
        &["预算类型", "预算", "资金性质", "budget_type", "budget"],
        true,
    ),
    Spec {
        money: true,
        ..spec(
            "申报金额",
            "requested",
            &[
                "申报金额",
                "申报数",
                "申请金额",
                "申报资金",
                "申请资金",
                "申报数额",
                "requested",
                "amount",
            ],
            true,
        )
    },
    spec(
        "业务股室",
        "section",
        &["业务股室", "股室", "section"],
        false,
    ),
];

/// The projects, and every code the file names (None if the header is
/// unreadable, so indicators cannot be checked against it).
fn read_projects<'r>(
    rows: &'r [Row<'_>],
    file: &'r str,
    problems: &mut Problems,
) -> (Vec<NewProject>, Option<HashSet<&'r str>>) {
    let specs = PROJECT_SPECS;
    let Some((header, body, unit)) = header_and_rows(rows, file, specs, problems) else {
        return (Vec::new(), None);
    };
    let Some(mut cols) = map_header(header, specs, file, unit, problems) else {
        return (Vec::new(), None);
    };
    let Some(body) = second_header(header, body, specs, &mut cols, file, problems) else {
        return (Vec::new(), None);
    };
    let col = |i: usize| cols[i].as_ref();
    let (Some(c_code), Some(c_dept), Some(c_name), Some(c_budget), Some(c_req)) = (
        col(P_CODE),
        col(P_DEPT),
        col(P_NAME),
        col(P_BUDGET),
        col(P_REQUESTED),
    ) else {
        return (Vec::new(), None);
    };
    let mut out = Vec::new();
    let mut first_row: HashMap<&str, usize> = HashMap::new();
    // Each total line, what it says, and how many projects were above it.
    let mut totals: Vec<(&Row, Option<&str>, usize)> = Vec::new();
    let mut notes = 0usize;
    for row in body {
        // A 合计 line (no code and a total where the name goes, or 合计
        // where the code goes, as most budget sheets and our own workbook
        // write it) is not a project; its figure is checked against the rows.
        let code_is_total =
            matches!(row.get(c_code.index).and_then(Cell::text), Some(t) if is_total_word(t));
        if (row.get(c_code.index).is_none() || code_is_total) && is_total_line(row) {
            let stated = row.get(c_req.index).and_then(Cell::text);
            totals.push((row, stated, out.len()));
            continue;
        }
        if is_note_line(row, &cols) {
            notes += 1;
            // `注：金额单位为元` under the table is read, not passed over.
            if let Some(u) = unit_line(row).filter(|u| *u != c_req.unit) {
                problems.push(unit_note(file, row, c_req, u));
            }
            continue;
        }
        let mut cx = RowCtx {
            file,
            row,
            problems,
            ok: true,
        };
        let code = cx.required(c_code, &specs[P_CODE], Kind::Code);
        if let Some(code) = code {
            match first_row.get(code) {
                Some(first) => cx.report(
                    c_code,
                    format!("duplicate project code {code}, first on row {first}"),
                    format!("项目编码 {code} 重复，首次出现在第 {first} 行"),
                ),
                None => {
                    first_row.insert(code, row.number);
                }
            }
        }
        let department = cx.required(c_dept, &specs[P_DEPT], Kind::Name);
        let name = cx.required(c_name, &specs[P_NAME], Kind::Name);
        let budget = cx
            .required(c_budget, &specs[P_BUDGET], Kind::Value)
            .and_then(|t| match BudgetType::parse(t) {
                Some(b) => Some(b),
                None => {
                    cx.report(
                        c_budget,
                        format!(
                            "unknown budget type {}; write one of {}",
                            quote(t),
                            BudgetType::accepted_names()
                        ),
                        format!(
                            "无法识别的预算类型 {}；请填写{}",
                            quote(t),
                            BudgetType::accepted_names_zh()
                        ),
                    );
                    None
                }
            });
        let requested = cx
            .required(c_req, &specs[P_REQUESTED], Kind::Amount)
            .and_then(|t| match parse_amount(t, c_req.unit) {
                // A request of 0 from a formula: a program that writes
                // formulas without calculating them saves 0.
                Ok(m) if m == Money::ZERO && zero_formula(row, c_req).is_some() => {
                    let (f, f_zh) = formula_shown(zero_formula(row, c_req));
                    cx.report(
                        c_req,
                        format!(
                            "the cell is a formula{f} whose saved value is 0; if the file was \
                             written by a program, open it in Excel or WPS and save it so the \
                             formulas are calculated; if the request really is 0, type 0"
                        ),
                        format!(
                            "单元格是公式{f_zh}，保存的结果为 0；如文件由程序生成，请用 Excel 或 WPS \
                             打开并保存，使公式得到计算；如申报金额确为 0，请直接填写 0"
                        ),
                    );
                    None
                }
                Ok(m) => Some(m),
                Err(e) => {
                    cx.bad_amount(c_req, t, &e);
                    None
                }
            });
        let section = optional(cx.text(col(P_SECTION), Kind::Name));
        if let (
            true,
            Some(code),
            Some(department),
            Some(name),
            Some(budget_type),
            Some(requested),
        ) = (cx.ok, code, department, name, budget, requested)
        {
            out.push(NewProject {
                code: code.to_string(),
                department: department.to_string(),
                name: name.to_string(),
                budget_type,
                section,
                requested,
                source_row: row.number,
            });
        }
    }
    if body.len() == totals.len() + notes {
        problems.push(Problem::new(
            file,
            Some(header.number),
            None,
            "no projects below the header row",
            "表头行下面没有项目",
        ));
    }
    // Exactness: a total that disagrees with its rows is a problem, not a
    // rounding to smooth over.
    // A 小计 under a group of projects (a department) adds up the projects
    // between it and the total line before it, or, standing over its group,
    // those down to the next; 合计 adds up all of them, wherever it stands.
    if out.len() == first_row.len() {
        let sum: Money = out.iter().map(|p| p.requested).sum();
        let shown = |m: Money| match c_req.unit {
            Unit::Wan => m.wan_string(),
            Unit::Yuan => format!("{}", rust_decimal::Decimal::new(m.fen(), 2)),
        };
        let sum_text = shown(sum);
        let group = |from: usize, to: usize| -> Option<Money> {
            (to > from).then(|| out[from..to].iter().map(|p| p.requested).sum())
        };
        let at: Vec<usize> = totals.iter().map(|(_, _, at)| *at).collect();
        for (k, (row, stated, here)) in totals.into_iter().enumerate() {
            let Some(text) = stated else { continue };
            let above = group(if k == 0 { 0 } else { at[k - 1] }, here);
            let below = group(here, at.get(k + 1).copied().unwrap_or(out.len()));
            let groups = at.len() > 1;
            match parse_amount(text, c_req.unit) {
                Ok(m) if m == sum => {}
                Ok(m) if groups && (Some(m) == above || Some(m) == below) => {}
                // A total formula saved as 0 (or not at all) says nothing.
                _ if zero_formula(row, c_req).is_some() => {
                    let (f, f_zh) = formula_shown(zero_formula(row, c_req));
                    problems.push(Problem::new(
                        file,
                        Some(row.number),
                        Some(c_req.label.clone()),
                        format!(
                            "the total line is a formula{f} whose saved value is {}, but the \
                             projects add up to {sum_text}: the file was written by a program \
                             and never calculated; open it in Excel or WPS, save it, and \
                             import it again",
                            if text.is_empty() { "none" } else { "0" }
                        ),
                        format!(
                            "合计行是公式{f_zh}，保存的结果为{}，但各项目申报金额相加为 {sum_text}：\
                             文件由程序生成，从未计算过；请用 Excel 或 WPS 打开并保存后再导入",
                            if text.is_empty() { "空" } else { " 0" }
                        ),
                    ));
                }
                Ok(_) if groups => {
                    let mut parts = vec![format!("{sum_text} in all")];
                    let mut parts_zh = vec![format!("全部相加为 {sum_text}")];
                    if let Some(a) = above {
                        parts.push(format!("{} since the total line above", shown(a)));
                        parts_zh.push(format!("自上一合计行以来为 {}", shown(a)));
                    }
                    if let Some(b) = below {
                        parts.push(format!("{} down to the next", shown(b)));
                        parts_zh.push(format!("到下一合计行为 {}", shown(b)));
                    }
                    problems.push(Problem::new(
                        file,
                        Some(row.number),
                        Some(c_req.label.clone()),
                        format!(
                            "the total line says {} but the projects add up to {}",
                            quote(text),
                            parts.join(", ")
                        ),
                        format!(
                            "合计行为 {}，但各项目申报金额{}",
                            quote(text),
                            parts_zh.join("，")
                        ),
                    ));
                }
                Ok(m) => problems.push(Problem::new(
                    file,
                    Some(row.number),
                    Some(c_req.label.clone()),
                    format!(
                        "the total line says {} but the projects add up to {} ({})",
                        quote(text),
                        sum_text,
                        if m > sum { "more" } else { "less" }
                    ),
                    format!(
                        "合计行为 {}，但各项目申报金额相加为 {}（合计行{}）",
                        quote(text),
                        sum_text,
                        if m > sum { "多了" } else { "少了" }
                    ),
                )),
                Err(e) => problems.push(Problem::new(
                    file,
                    Some(row.number),
                    Some(c_req.label.clone()),
                    format!("bad amount {} in the total line: {e}", quote(text)),
                    format!("合计行的金额 {} 有误：{}", quote(text), e.zh()),
                )),
            }
        }
    }
    (out, Some(first_row.into_keys().collect()))
}

/// A note that gives the amounts another unit than their column has.
fn unit_note(file: &str, row: &Row, col: &Column, said: Unit) -> Problem {
    Problem::new(
        file,
        Some(row.number),
        None,
        format!(
            "this line says the amounts are in {}, but the column {} is read in {}; write the \
             unit in the header, e.g. 申报金额（{}）",
            said.label(),
            col.label,
            col.unit.label(),
            said.label()
        ),
        format!(
            "本行说明金额单位为{}，但 {} 列按{}读取；请在表头中写明单位，如 申报金额（{}）",
            said.label(),
            col.label,
            col.unit.label(),
            said.label()
        ),
    )
}

/// A line that is not a row of the table: nothing in a column read (a
/// department's heading `一、市教育局` or a note under 序号, a template's
/// numbered empty line), or nothing but `label：text` cells (`注：…`,
/// `填表人：张三`, `审核人：李四`, as a form's foot has them).
fn is_note_line(row: &Row, cols: &[Option<Column>]) -> bool {
    let read = |i: usize| cols.iter().flatten().any(|c| c.index == i);
    if !row.cells.iter().any(|(i, _)| read(*i)) {
        return true;
    }
    row.cells.iter().all(|(_, c)| {
        c.text().is_some_and(|t| {
            t.split_once(['：', ':'])
                .is_some_and(|(label, _)| !label.trim().is_empty() && label.chars().count() <= 10)
                && parse_amount(t, Unit::Wan).is_err()
        })
    })
}

/// `2.021E+11`, `1E+15`: how Excel writes a long number of General format
/// to CSV, its last digits gone.
fn is_scientific(t: &str) -> bool {
    let Some((mantissa, exp)) = t.split_once(['E', 'e']) else {
        return false;
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    int.len() == 1
        && [int, frac, exp]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The formula of a cell whose saved value is 0 or none.
fn zero_formula<'r>(row: &'r Row, col: &Column) -> Option<&'r str> {
    match row.get(col.index) {
        Some(Cell::Typed(t)) => t.formula.as_deref(),
        _ => None,
    }
}

/// ` (=SUM(E2:E9))` for a message in English and in Chinese, or nothing
/// when the text is not known.
fn formula_shown(formula: Option<&str>) -> (String, String) {
    match formula {
        Some(f) if !f.is_empty() => (format!(" ({f})"), format!("（{f}）")),
        _ => (String::new(), String::new()),
    }
}

/// A 合计 / 总计 / 小计 line at the foot of a submission.
fn is_total_line(row: &Row) -> bool {
    row.cells
        .iter()
        .any(|(_, c)| c.text().is_some_and(is_total_word))
}

fn is_total_word(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.trim_end_matches(['：', ':']),
        "合计" | "总计" | "小计" | "共计" | "total" | "Total" | "TOTAL"
    )
}

// ---------------------------------------------------------------------------
// Indicators

const I_CODE: usize = 0;
const I_L1: usize = 1;
const I_L2: usize = 2;
const I_IND: usize = 3;
const I_TARGET: usize = 4;
const I_UNIT: usize = 5;

const INDICATOR_SPECS: &[Spec] = &[
    spec("项目编码", "project_id", CODE, true),
    spec("一级指标", "level1", &["一级指标", "level1"], true),
    spec("二级指标", "level2", &["二级指标", "level2"], true),
    spec(
        "三级指标",
        "indicator",
        &["三级指标", "指标名称", "indicator", "level3"],
        true,
    ),
    spec("指标值", "target", &["指标值", "目标值", "target"], false),
    // In this file 单位 is the unit of measure, not the department.
    spec("计量单位", "unit", &["计量单位", "单位", "unit"], false),
];

fn read_indicators(
    rows: &[Row],
    file: &str,
    known: Option<&HashSet<&str>>,
    problems: &mut Problems,
) -> Vec<NewIndicator> {
    let specs = INDICATOR_SPECS;
    let Some((header, body, unit)) = header_and_rows(rows, file, specs, problems) else {
        return Vec::new();
    };
    let Some(cols) = map_header(header, specs, file, unit, problems) else {
        return Vec::new();
    };
    let cols = &cols;
    // Many rows are checked in two halves on two threads, each with its
    // own problems, put together in row order: the same problems, capped
    // the same way, as one pass.
    if body.len() < PARALLEL_ROWS {
        return read_indicator_rows(body, cols, file, known, problems);
    }
    let (first, second) = body.split_at(body.len() / 2);
    let mut second_problems = Problems::default();
    let (mut out, rest) = std::thread::scope(|s| {
        let job = s.spawn(|| read_indicator_rows(second, cols, file, known, &mut second_problems));
        let out = read_indicator_rows(first, cols, file, known, problems);
        (
            out,
            job.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
        )
    });
    problems.append(second_problems);
    out.extend(rest);
    out
}

/// Below this many rows, a second thread costs more than it saves.
const PARALLEL_ROWS: usize = 20_000;

/// The indicators of rows under a mapped header.
fn read_indicator_rows(
    body: &[Row],
    cols: &[Option<Column>],
    file: &str,
    known: Option<&HashSet<&str>>,
    problems: &mut Problems,
) -> Vec<NewIndicator> {
    let specs = INDICATOR_SPECS;
    let col = |i: usize| cols[i].as_ref();
    let (Some(c_code), Some(c_l1), Some(c_l2), Some(c_ind)) =
        (col(I_CODE), col(I_L1), col(I_L2), col(I_IND))
    else {
        return Vec::new();
    };
    let mut out = Vec::with_capacity(body.len());
    // The code of the row before, when it was known: a file lists a
    // project's indicators together.
    let mut last_known: Option<&str> = None;
    for row in body {
        if is_note_line(row, cols) {
            continue;
        }
        let mut cx = RowCtx {
            file,
            row,
            problems,
            ok: true,
        };
        let code = cx.required(c_code, &specs[I_CODE], Kind::Code);
        if let (Some(code), Some(known)) = (code, known)
            && last_known != Some(code)
        {
            if known.contains(code) {
                last_known = Some(code);
            } else {
                cx.report(
                    c_code,
                    format!("indicator for unknown project {code}"),
                    format!("绩效指标所属的项目 {code} 不在项目表中"),
                );
            }
        }
        let level1 = cx.required(c_l1, &specs[I_L1], Kind::Name);
        let level2 = cx.required(c_l2, &specs[I_L2], Kind::Name);
        let indicator = cx.required(c_ind, &specs[I_IND], Kind::Name);
        let target = cx.text(col(I_TARGET), Kind::Name);
        let unit = cx.text(col(I_UNIT), Kind::Name);
        if let (true, Some(code), Some(level1), Some(level2), Some(indicator)) =
            (cx.ok, code, level1, level2, indicator)
        {
            out.push(NewIndicator {
                project_code: code.to_string(),
                level1: level1.to_string(),
                level2: level2.to_string(),
                indicator: indicator.to_string(),
                target: target.unwrap_or("").to_string(),
                unit: unit.unwrap_or("").to_string(),
                source_row: row.number,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Decision batches

const B_CODE: usize = 0;
const B_DECISION: usize = 1;
const B_AMOUNT: usize = 2;
const B_CUT: usize = 3;
const B_APPROVED: usize = 4;
const B_COMMENT: usize = 5;
const B_INDICATORS: usize = 6;
const B_MERGED_INTO: usize = 7;
/// The adjustment columns of an exported results table (审核结果 sheet).
const B_ADJUST_FLAG: usize = 8;
const B_ADJUST_LIST: usize = 9;
const B_ADJUST_REASON: usize = 10;
/// A later stage's results table: its decision's kind and amount.
const B_KIND: usize = 11;
const B_KIND_AMOUNT: usize = 12;

const fn money(s: Spec) -> Spec {
    Spec {
        money: true,
        group: Some("amount"),
        ..s
    }
}

const BATCH_SPECS: &[Spec] = &[
    spec("项目编码", "project_id", CODE, true),
    spec(
        "审核结果",
        "decision",
        &["审核结果", "审核决定", "决定", "结论", "decision"],
        true,
    ),
    // `80` approved, `-20` cut by, `-15%` cut by a share.
    money(spec("金额", "amount", &["金额", "审减", "amount"], false)),
    money(spec(
        "审减金额",
        "cut",
        &["审减金额", "cut", "cut_amount"],
        false,
    )),
    // Not in the group: beside 审减金额 it is an exported results table
    // (both must add up to the request); beside 金额 it is refused below.
    Spec {
        group: None,
        ..money(spec(
            "审定金额",
            "approved",
            &["审定金额", "安排金额", "approved"],
            false,
        ))
    },
    spec(
        "审核意见",
        "comment",
        // 最新审核意见: the exported results table's column.
        &[
            "审核意见",
            "意见",
            "备注",
            "comment",
            "reason",
            "最新审核意见",
        ],
        false,
    ),
    spec(
        "调整指标",
        "indicators",
        &["调整指标", "指标", "indicators"],
        false,
    ),
    spec(
        "合并至",
        "merged_into",
        &["合并至", "合并到", "合并入", "merged_into", "merge_into"],
        false,
    ),
    spec("调整绩效目标", "adjust_targets", &["调整绩效目标"], false),
    spec("需调整指标", "indicators_to_adjust", &["需调整指标"], false),
    spec("调整理由", "adjust_reason", &["调整理由"], false),
    spec("调整类型", "adjustment_kind", &["调整类型"], false),
    Spec {
        group: None,
        ..money(spec("调整金额", "adjustment_amount", &["调整金额"], false))
    },
];

/// A decision batch as read: its rows, and how many rows of an exported
/// results table were left out because the project was 待审 there.
#[derive(Debug, Default)]
pub struct Batch {
    pub rows: Vec<BatchRow>,
    pub skipped_pending: usize,
}

/// Reads the rows of a decision batch. A table with both 审定金额 and
/// 审减金额 is a results table as `huishen export` writes it: each row's two
/// amounts are carried as an [`AmountSplit`] to be checked against the
/// project, its 待审 rows are left out (counted), and a row marked 调整绩效目标
/// 是 is followed by an adjustment with its 调整理由 and 需调整指标.
fn read_batch_rows(rows: &[Row], file: &str, stage: Stage, problems: &mut Problems) -> Batch {
    let mut batch = Batch::default();
    let specs = BATCH_SPECS;
    let Some((header, body, unit)) = header_and_rows(rows, file, specs, problems) else {
        return batch;
    };
    let Some(mut cols) = map_header(header, specs, file, unit, problems) else {
        return batch;
    };
    let Some(body) = second_header(header, body, specs, &mut cols, file, problems) else {
        return batch;
    };
    let col = |i: usize| cols[i].as_ref();
    let (Some(c_code), Some(c_decision)) = (col(B_CODE), col(B_DECISION)) else {
        return batch;
    };
    if let (Some(first), Some(second)) = (col(B_AMOUNT), col(B_APPROVED)) {
        problems.push(Problem::new(
            file,
            Some(header.number),
            Some(second.label.clone()),
            format!(
                "two amount columns, {} and {}; keep one",
                first.label, second.label
            ),
            format!(
                "有两个金额列：{} 和 {}；请只保留一个",
                first.label, second.label
            ),
        ));
        return batch;
    }
    let pair = col(B_APPROVED).zip(col(B_CUT));
    // A later stage's results table as `huishen export` writes it: the
    // decision is its 调整类型 and 调整金额 (with 合并至); its 审定 and 审减
    // follow from them, and its 审核结果 only says whether it was decided.
    let later = match (pair, col(B_KIND), col(B_KIND_AMOUNT)) {
        (Some(_), Some(kind), Some(amount)) if stage.adjusts() => Some((kind, amount)),
        _ => None,
    };
    let c_state = c_decision;
    let (c_decision, pair) = match later {
        Some((kind, _)) => (kind, None),
        None => (c_decision, pair),
    };
    if let (Some(_), true) = (pair, stage.adjusts()) {
        problems.push(Problem::new(
            file,
            Some(header.number),
            None,
            format!(
                "this is a target review's results table (审定金额 and 审减金额, no 调整类型 \
                 and 调整金额); at {} ({}) apply the results table of a meeting of this stage, \
                 or a batch of 项目编码, 审核结果 (the 调整类型: {}), 金额 (the 调整金额) and 合并至",
                stage.zh(),
                stage.code(),
                stage.accepted()
            ),
            format!(
                "这是绩效目标会审的审核结果表（有审定金额和审减金额，没有调整类型和调整金额）；\
                 {}阶段请使用同阶段会审导出的审核结果表，或提交批量表：项目编码、审核结果（调整类型：{}）、\
                 金额（调整金额）和合并至",
                stage.zh(),
                stage.accepted_zh()
            ),
        ));
        return batch;
    }
    let amount_col = match later {
        Some((_, amount)) => Some((B_AMOUNT, amount)),
        None => [B_AMOUNT, B_CUT, B_APPROVED]
            .into_iter()
            .find_map(|i| col(i).map(|c| (i, c)))
            .filter(|_| pair.is_none()),
    };
    let out = &mut batch.rows;
    for row in body {
        // A 合计 line (the workbook `huishen export` writes ends in one) is
        // not a decision.
        let code = row.get(c_code.index);
        if (code.is_none() || code.and_then(Cell::text).is_some_and(is_total_word))
            && is_total_line(row)
        {
            continue;
        }
        if is_note_line(row, &cols) {
            let money = amount_col.map(|(_, c)| c).or(pair.map(|(a, _)| a));
            if let Some(c) = money
                && let Some(u) = unit_line(row).filter(|u| *u != c.unit)
            {
                problems.push(unit_note(file, row, c, u));
            }
            continue;
        }
        // A later stage's 待审 row: no kind, left out and counted.
        if later.is_some() {
            let text = |c: &Column| row.get(c.index).and_then(Cell::text).map(table::trim_cell);
            if text(c_decision).is_none_or(str::is_empty) && text(c_state) == Some("待审") {
                batch.skipped_pending += 1;
                continue;
            }
        }
        let mut cx = RowCtx {
            file,
            row,
            problems,
            ok: true,
        };
        let code = cx.required(c_code, &specs[B_CODE], Kind::Code);
        let word = cx
            .required(c_decision, &specs[B_DECISION], Kind::Value)
            .and_then(|t| match read_word(stage, t) {
                Some(w) => Some(w),
                None if stage.word_of_other_stage(t).is_some() => {
                    let of = stage.word_of_other_stage(t).unwrap_or_default();
                    let e = StageError::WordOfOtherStage {
                        word: quote(t),
                        of,
                        meeting: stage,
                    };
                    cx.report(c_decision, e.to_string(), e.zh());
                    None
                }
                None => {
                    cx.report(
                        c_decision,
                        format!(
                            "unknown decision {}; write one of {}",
                            quote(t),
                            stage.accepted()
                        ),
                        format!(
                            "无法识别的审核结果 {}；请填写以下之一：{}",
                            quote(t),
                            stage.accepted_zh()
                        ),
                    );
                    None
                }
            });
        let amount_text = amount_col.and_then(|(_, c)| cx.text(Some(c), Kind::Amount));
        let comment = optional(cx.text(col(B_COMMENT), Kind::Comment));
        let list_text = cx.text(col(B_INDICATORS), Kind::Value).unwrap_or("");
        let indicators = match parse_indicator_list(list_text) {
            Ok(v) => v,
            Err((msg, msg_zh)) => {
                if let Some(c) = col(B_INDICATORS) {
                    cx.report(c, msg, msg_zh);
                }
                Vec::new()
            }
        };
        let merged_text = optional(cx.text(col(B_MERGED_INTO), Kind::Value));
        let mut amount = None;
        let mut stage_amount = None;
        let mut split = None;
        let mut adjustment = None;
        let review_word = word.filter(|w| !matches!(w, CommandWord::Stage(_)));
        if review_word.is_some()
            && let (Some(c), Some(_)) = (col(B_MERGED_INTO), &merged_text)
        {
            cx.report(c, ONLY_MERGE, ONLY_MERGE_ZH);
        }
        if let Some(CommandWord::Stage(kind)) = word {
            let text = amount_text.filter(|t| !t.is_empty());
            match (amount_col, text) {
                (Some((_, c)), Some(t)) => match parse_amount(t, c.unit) {
                    Ok(m) if m.fen() <= 0 => {
                        cx.report(c, "the amount must be more than 0", "金额必须大于 0")
                    }
                    Ok(m) => stage_amount = Some(m),
                    Err(e) => cx.bad_amount(c, t, &e),
                },
                _ if matches!(kind, StageKind::Keep | StageKind::Cancel) => {}
                (Some((_, c)), None) => cx.report(
                    c,
                    format!("{} needs an amount (万元)", stage.kind_zh(kind)),
                    format!("{}须填写金额（万元）", stage.kind_zh(kind)),
                ),
                (None, _) => cx.report(
                    c_decision,
                    format!(
                        "{} needs an amount, and the file has no amount column (金额)",
                        stage.kind_zh(kind)
                    ),
                    format!(
                        "{}须填写金额，但文件没有金额列（金额）",
                        stage.kind_zh(kind)
                    ),
                ),
            }
            match (kind, col(B_MERGED_INTO), &merged_text) {
                (StageKind::Merge, None, _) => cx.report(
                    c_decision,
                    "a merge names the project merged into, and the file has no 合并至 column",
                    "合并须写明并入的项目，但文件没有“合并至”列",
                ),
                (StageKind::Merge, Some(c), None) => cx.report(
                    c,
                    "a merge names the project merged into (合并至)",
                    "合并须在“合并至”中写明并入的项目",
                ),
                (StageKind::Merge, _, _) | (_, _, None) => {}
                (_, Some(c), Some(_)) => cx.report(c, ONLY_MERGE, ONLY_MERGE_ZH),
                (_, None, Some(_)) => {}
            }
        } else if let (Some((c_approved, c_cut)), Some(word)) = (pair, word) {
            let approved_text = cx.text(Some(c_approved), Kind::Amount);
            let cut_text = cx.text(Some(c_cut), Kind::Amount);
            let mut read = |c: &Column, t: &str| match parse_amount(t, c.unit) {
                Ok(m) => Some(m),
                Err(e) => {
                    cx.bad_amount(c, t, &e);
                    None
                }
            };
            match (word, approved_text, cut_text) {
                (_, None, _) | (_, _, None) => {} // a cell was refused
                (CommandWord::Reset, Some(a), Some(b)) => {
                    if let Some(c) = [(c_approved, a), (c_cut, b)]
                        .into_iter()
                        .find_map(|(c, t)| (!t.is_empty()).then_some(c))
                    {
                        cx.report(
                            c,
                            "a 待审 row has no amounts; leave 审定 and 审减 empty",
                            "待审的行没有金额；审定和审减请留空",
                        );
                    } else if cx.ok {
                        batch.skipped_pending += 1;
                    }
                    continue;
                }
                (_, Some(""), Some("")) if word != CommandWord::Cut => {}
                (_, Some(""), _) => cx.report(c_approved, BOTH_OR_NEITHER, BOTH_OR_NEITHER_ZH),
                (_, _, Some("")) => cx.report(c_cut, BOTH_OR_NEITHER, BOTH_OR_NEITHER_ZH),
                (_, Some(a), Some(b)) => {
                    if let (Some(approved), Some(cut)) = (read(c_approved, a), read(c_cut, b)) {
                        if word == CommandWord::Cut {
                            amount = Some(CutInput::Approved(approved));
                        }
                        split = Some(AmountSplit {
                            approved,
                            cut,
                            columns: format!("{} + {}", c_approved.label, c_cut.label),
                        });
                    }
                }
            }
            adjustment = exported_adjustment(&mut cx, &cols);
        } else if let Some(word) = word {
            let has_amount = amount_text.is_some_and(|t| !t.is_empty());
            match (word, amount_col, amount_text) {
                (CommandWord::Cut, Some((kind, c)), Some(t)) if !t.is_empty() => {
                    amount = parse_batch_amount(kind, t, c, &mut cx);
                }
                (CommandWord::Cut, Some((_, c)), Some(_)) => cx.report(
                    c,
                    "a cut needs an amount: the approved amount, or the cut as -20 or -15%",
                    "审减须填写金额：审定金额，或审减额如 -20、-15%",
                ),
                (CommandWord::Cut, None, _) => cx.report(
                    c_decision,
                    "a cut needs an amount, and the file has no amount column \
                     (审定金额, 审减金额 or 金额)",
                    "审减须填写金额，但文件没有金额列（审定金额、审减金额或金额）",
                ),
                (CommandWord::Cut, Some(_), None) => {} // the cell was refused
                (_, Some((_, c)), _) if has_amount => cx.report(
                    c,
                    format!(
                        "an amount only goes with cut; this row says {}",
                        quote(row_word(&cx, c_decision))
                    ),
                    format!(
                        "只有审减才填写金额；本行的审核结果是 {}",
                        quote(row_word(&cx, c_decision))
                    ),
                ),
                _ => {}
            }
        }
        // Target review's rules, whichever columns hold the amounts.
        if let Some(word) = review_word {
            if word == CommandWord::Adjust && comment.is_none() {
                let c = col(B_COMMENT).unwrap_or(c_decision);
                cx.report(c, ADJUST_COMMENT, ADJUST_COMMENT_ZH);
            }
            if word != CommandWord::Adjust
                && !indicators.is_empty()
                && let Some(c) = col(B_INDICATORS)
            {
                cx.report(
                    c,
                    "indicator numbers only go with adjust",
                    "只有调整才填写指标序号",
                );
            }
        }
        if let (true, Some(code), Some(word)) = (cx.ok, code, word) {
            out.push(BatchRow {
                source_row: row.number,
                project_code: code.to_string(),
                word,
                amount,
                comment,
                indicators,
                word_text: row_word(&cx, c_decision).trim().to_string(),
                stage_amount,
                merged_into: merged_text,
                split,
            });
            if let Some((reason, indicators)) = adjustment {
                out.push(BatchRow {
                    source_row: row.number,
                    project_code: code.to_string(),
                    word: CommandWord::Adjust,
                    amount: None,
                    comment: Some(reason),
                    indicators,
                    word_text: "调整".to_string(),
                    stage_amount: None,
                    merged_into: None,
                    split: None,
                });
            }
        }
    }
    batch
}

/// An exported row's 调整绩效目标 / 需调整指标 / 调整理由: `是` with a reason
/// is an adjustment (no numbers or 全部: every indicator); empty is none.
fn exported_adjustment(cx: &mut RowCtx, cols: &[Option<Column>]) -> Option<(String, Vec<u32>)> {
    let col = |i: usize| cols[i].as_ref();
    let c_flag = col(B_ADJUST_FLAG)?;
    let flag = cx.text(Some(c_flag), Kind::Value)?.trim();
    match flag {
        "" | "否" | "no" => return None,
        "是" | "yes" => {}
        _ => {
            cx.report(
                c_flag,
                format!("{} is not 是 or empty (调整绩效目标)", quote(flag)),
                format!("{} 不是“是”，也不是空（调整绩效目标）", quote(flag)),
            );
            return None;
        }
    }
    let reason = optional(cx.text(col(B_ADJUST_REASON), Kind::Comment).map(str::trim));
    let Some(reason) = reason else {
        cx.report(
            col(B_ADJUST_REASON).unwrap_or(c_flag),
            "an adjustment (调整绩效目标 是) needs its reason in 调整理由",
            "调整绩效目标为“是”时，须在调整理由中写明理由",
        );
        return None;
    };
    let list = cx
        .text(col(B_ADJUST_LIST), Kind::Value)
        .unwrap_or("")
        .trim();
    if list == "全部" {
        return Some((reason, Vec::new()));
    }
    match parse_indicator_list(list) {
        Ok(v) => Some((reason, v)),
        Err((msg, msg_zh)) => {
            if let Some(c) = col(B_ADJUST_LIST) {
                cx.report(c, msg, msg_zh);
            }
            None
        }
    }
}

/// A decision word at `stage`: reset everywhere, the stage's own words at a
/// later stage, the target review's otherwise.
fn read_word(stage: Stage, text: &str) -> Option<CommandWord> {
    if !stage.adjusts() {
        return Command::word(text);
    }
    if let Some(k) = stage.word(text) {
        return Some(CommandWord::Stage(k));
    }
    match Command::word(text) {
        Some(CommandWord::Reset) => Some(CommandWord::Reset),
        _ => None,
    }
}

fn row_word<'a>(cx: &RowCtx<'a, '_>, c: &Column) -> &'a str {
    let row: &'a Row<'a> = cx.row;
    row.get(c.index).and_then(Cell::text).unwrap_or("")
}

fn parse_batch_amount(kind: usize, text: &str, c: &Column, cx: &mut RowCtx) -> Option<CutInput> {
    let parsed = match kind {
        B_CUT => parse_amount(text, c.unit)
            .map(CutInput::By)
            .map_err(CutInputError::Amount),
        B_APPROVED => parse_amount(text, c.unit)
            .map(CutInput::Approved)
            .map_err(CutInputError::Amount),
        _ => CutInput::parse(text, c.unit),
    };
    match parsed {
        // More than the whole request cannot be cut; refused here, with the
        // cell named, before a huge share reaches the arithmetic.
        Ok(CutInput::Percent(p)) if p > Decimal::ONE_HUNDRED => {
            cx.report(
                c,
                format!(
                    "bad amount {}: a cut of more than 100% is larger than the request",
                    quote(text)
                ),
                format!("金额 {} 有误：审减超过 100%，大于申报金额", quote(text)),
            );
            None
        }
        Ok(v) => Some(v),
        Err(e) => {
            cx.bad_amount(c, text, &e);
            None
        }
    }
}

/// `1, 3、5` → [1, 3, 5]: 1-based indicator numbers, full-width digits
/// allowed, repeats dropped. The error is in English and in Chinese.
fn parse_indicator_list(text: &str) -> Result<Vec<u32>, (String, String)> {
    let norm = normalize_number_text(text);
    let mut out: Vec<u32> = Vec::new();
    let mut seen: HashSet<u32> = HashSet::new();
    for tok in norm
        .split(|c: char| matches!(c, ',' | '、' | ';' | '；') || c.is_whitespace())
        .filter(|t| !t.is_empty())
    {
        let n = if tok.chars().all(|c| c.is_ascii_digit()) {
            tok.parse::<u32>().ok()
        } else {
            None
        };
        match n {
            Some(0) => {
                return Err((
                    "indicator numbers start at 1".to_string(),
                    "指标序号从 1 开始".to_string(),
                ));
            }
            Some(n) => {
                if seen.insert(n) {
                    out.push(n);
                }
            }
            None => {
                return Err((
                    format!(
                        "{} is not an indicator number; write numbers such as 1, 3、5",
                        quote(tok)
                    ),
                    format!("{} 不是指标序号；请写数字，如 1, 3、5", quote(tok)),
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
