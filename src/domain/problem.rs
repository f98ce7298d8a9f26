//! What is wrong with a file the reader gave: where (file, row, column) and
//! what, as a fact with its values. Worded in `words/import.rs`; nothing
//! here writes a sentence.
//!
//! Texts carried from a cell are already made safe to show and clipped the
//! way the message shows them (`import::quote` leaves the quotes to the
//! words), so a problem holds at most a few hundred characters whatever the
//! file holds.

use rust_decimal::Decimal;

use super::decision::{CutInputError, DecisionError};
use super::money::{AmountError, Money, Unit};
use super::stage::{Kind, Stage, StageError};

/// A problem found in an input file, located as precisely as possible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based spreadsheet row (the header is row 1).
    pub row: Option<usize>,
    /// The column as the file names it, with its letter: `申报金额 (E)`.
    pub column: Option<String>,
    /// What is wrong (boxed: a kind carries up to a header's worth of
    /// names, and most results carry no problem at all).
    pub kind: Box<ProblemKind>,
}

impl Problem {
    pub fn new(
        file: &str,
        row: Option<usize>,
        column: Option<String>,
        kind: impl Into<ProblemKind>,
    ) -> Problem {
        Problem {
            file: file.to_string(),
            row,
            column,
            kind: Box::new(kind.into()),
        }
    }
}

/// Puts problems in file order: what concerns the whole file first, then
/// by row, stably (a row's problems keep their order, column by column);
/// the count of problems not listed stays last.
pub fn in_file_order(problems: &mut [Problem]) {
    problems.sort_by_key(|p| {
        let last = matches!(*p.kind, ProblemKind::File(FileProblem::More { .. }));
        (last, p.row)
    });
}

/// The tables a file may hold, for messages about finding one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Table {
    Projects,
    Indicators,
    Decisions,
    Ceilings,
}

/// Why a file could not be opened or read: the kind the reader can act on,
/// and the system's own words for any other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Io {
    NotFound(String),
    PermissionDenied(String),
    IsADirectory(String),
    Other(String),
}

impl Io {
    pub fn of(e: &std::io::Error) -> Io {
        use std::io::ErrorKind;
        let text = e.to_string();
        match e.kind() {
            ErrorKind::NotFound => Io::NotFound(text),
            ErrorKind::PermissionDenied => Io::PermissionDenied(text),
            ErrorKind::IsADirectory => Io::IsADirectory(text),
            _ => Io::Other(text),
        }
    }
}

/// Why a workbook cannot be read, in terms the reader can act on (never
/// the reading library's own words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// A zip whose end is missing: cut off in a download or a copy.
    Truncated,
    /// A zip or its XML that does not hold together.
    Damaged,
    /// An Excel 97-2003 file (.xls) that does not hold together.
    DamagedXls,
    /// Cells refer to shared strings the workbook does not hold.
    MissingSharedStrings,
    /// Protected by a password.
    Encrypted,
    /// Packed with a compression other than the usual one.
    Compression,
    /// Reading it failed in a way that says nothing more.
    Unknown,
}

/// What a file is when it is not a table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// An HTML page, or a web archive (.mht): what "save as web page"
    /// writes, often named .xls by old systems.
    WebPage,
    /// Excel 2003's XML spreadsheet.
    Excel2003Xml,
    Pdf,
    Image,
    /// A zip, rar, 7z or gzip archive that is not a workbook.
    Archive,
    /// A Word document (.docx or .doc).
    WordDocument,
}

/// What is wrong, by what it is wrong with. Each group converts into it,
/// so a site builds the group's variant: `CellProblem::TooLong { .. }`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    File(FileProblem),
    Table(TableProblem),
    Cell(CellProblem),
    Row(RowProblem),
    Meeting(MeetingProblem),
    Weigh(WeighProblem),
    Later(LaterProblem),
    Revision(RevisionProblem),
}

/// What keeps a file from being read as a table: the file itself, its
/// encoding, its quoting, its sheets.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileProblem {
    /// The file could not be opened.
    CannotOpen(Io),
    /// The file could not be read.
    CannotRead(Io),
    /// Larger than any submission; the limit in MB.
    FileTooLarge {
        mb: u64,
    },
    /// A BOM says one encoding and the bytes are not it.
    NotValidAsBom {
        encoding: &'static str,
    },
    /// Neither UTF-8 nor GB18030.
    NotText,
    /// A UTF-8 row `utf8_row` and this row that is not.
    MixedEncoding {
        utf8_row: usize,
    },
    /// A `"` opened and never closed.
    UnclosedQuote,
    /// The workbook, or one of its sheets, cannot be read: why.
    Unreadable {
        sheet: Option<String>,
        why: Unreadable,
    },
    /// The file is of another kind than a table: a web page, a PDF …
    NotATable(FileKind),
    /// A workbook whose parts unpack to more than the limit (MiB): `part`
    /// is the one that passed it.
    UnpackedTooLarge {
        part: String,
        most_mib: u64,
    },
    /// A run of text or a tag in a workbook's XML longer than the limit
    /// (KiB): what no spreadsheet program writes.
    XmlRunTooLong {
        part: String,
        most_kib: u64,
    },
    /// More cells in a sheet or a delimited file than the limit.
    TooManyCells {
        most: usize,
    },
    /// More text in a sheet's cells than the limit (MiB).
    SheetTextTooLarge {
        most_mib: u64,
    },
    /// A cell holding more characters than a spreadsheet cell can.
    CellTooLong {
        chars: usize,
        most: usize,
    },
    NoSheets,
    /// No sheet of `table`; the sheets there are.
    NoSheetOf {
        table: Table,
        sheets: Vec<String>,
    },
    /// Several sheets hold the table; `name` is the one to give it.
    SheetsAmbiguous {
        table: Table,
        sheets: Vec<String>,
        name: &'static str,
    },
    /// The file is empty; the required columns' Chinese names.
    EmptyFile {
        wanted: Vec<&'static str>,
    },
    /// So many problems that the rest are only counted.
    More {
        count: usize,
    },
}

impl From<FileProblem> for ProblemKind {
    fn from(p: FileProblem) -> ProblemKind {
        ProblemKind::File(p)
    }
}

/// What is wrong with a table as a whole: its header, the lines around
/// it, its 合计 lines (their amounts in the column's unit).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableProblem {
    /// A required column is missing: its names, the header's first cells
    /// (`columns` in all) and the other names accepted.
    MissingColumn {
        zh: &'static str,
        en: &'static str,
        header: Vec<String>,
        columns: usize,
        others: Vec<&'static str>,
    },
    /// Two columns are the same one.
    TwoColumns {
        zh: &'static str,
        en: &'static str,
        labels: Vec<String>,
    },
    TwoAmountColumns {
        first: String,
        second: String,
    },
    /// The header's unit and the unit line's.
    UnitConflict {
        header: Unit,
        line: Unit,
    },
    /// A unit in a header that is none.
    UnknownUnit {
        unit: String,
        column: &'static str,
    },
    /// A second header row's 合计 in another unit than the header.
    SubHeaderUnitConflict {
        header: Unit,
        total: Unit,
    },
    /// An amount split into parts with no total.
    SplitWithoutTotal {
        column: String,
        parts: Vec<String>,
    },
    /// A note under the table giving the amounts another unit.
    UnitNote {
        said: Unit,
        column: String,
        unit: Unit,
    },
    /// This is a target review's results table, applied at a later stage.
    ResultsTableOfTargetReview {
        stage: Stage,
    },
    NoProjects,
    /// A total formula saved as 0 or nothing.
    TotalUncalculated {
        formula: Option<String>,
        saved_empty: bool,
        sum: Money,
        unit: Unit,
    },
    /// A total that is neither all the projects nor its group.
    TotalGroupOff {
        text: String,
        sum: Money,
        above: Option<Money>,
        /// The group above is the table's first (there is no line above).
        above_from_top: bool,
        below: Option<Money>,
        unit: Unit,
    },
    /// A total that is not the projects' sum: more or less.
    TotalOff {
        text: String,
        sum: Money,
        stated: Money,
        unit: Unit,
    },
    /// A total some of whose rows could not be read: not checked.
    TotalNotChecked {
        rows: Vec<usize>,
    },
    /// The file's projects request more than a meeting may hold: the total
    /// in 万元, how many projects, the limit.
    FileTotalTooLarge {
        total: Decimal,
        projects: usize,
        most: Money,
    },
    TotalBadAmount {
        text: String,
        error: AmountError,
    },
}

impl From<TableProblem> for ProblemKind {
    fn from(p: TableProblem) -> ProblemKind {
        ProblemKind::Table(p)
    }
}

/// What is wrong with one cell, or a project's row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CellProblem {
    /// A spreadsheet error value (`#N/A`).
    CellError {
        value: String,
    },
    /// A formula never calculated.
    Uncalculated {
        formula: Option<String>,
    },
    /// An amount merged over several rows.
    MergedAmount {
        range: String,
    },
    AmountIsDate {
        text: String,
    },
    AmountIsBool {
        text: String,
    },
    CodeIsDate {
        text: String,
    },
    /// A code of more than 15 digits stored as a number.
    CodeTooLongNumber {
        text: String,
    },
    /// A code Excel wrote in scientific notation.
    ScientificCode {
        text: String,
    },
    ControlCharacter {
        found: char,
    },
    TooLong {
        chars: usize,
        max: usize,
    },
    /// An amount in another unit than its column's.
    OtherUnit {
        text: String,
        stated: Unit,
        column: Unit,
    },
    /// A required cell is empty: its column's names.
    Required {
        zh: &'static str,
        en: &'static str,
    },
    /// A cell that is not an amount; `rounded`: a number finer than a fen
    /// that its format may show rounded (in this unit).
    BadAmount {
        text: String,
        error: CutInputError,
        rounded: Option<Unit>,
    },
    UnknownBudgetType {
        text: String,
    },
    DuplicateCode {
        code: String,
        first_row: usize,
    },
    /// A request of 0 from a formula.
    FormulaZero {
        formula: Option<String>,
    },
    IndicatorUnknownProject {
        code: String,
    },
}

impl From<CellProblem> for ProblemKind {
    fn from(p: CellProblem) -> ProblemKind {
        ProblemKind::Cell(p)
    }
}

/// What keeps a batch row from saying a decision: its word, its amount,
/// its comment, its indicators.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowProblem {
    UnknownDecision {
        text: String,
        stage: Stage,
    },
    /// A decision word refused at this stage.
    Stage(StageError),
    OnlyMerge,
    AmountNotPositive,
    StageNeedsAmount {
        stage: Stage,
        kind: Kind,
    },
    StageNeedsAmountColumn {
        stage: Stage,
        kind: Kind,
    },
    MergeNoColumn,
    MergeNoTarget,
    PendingHasAmounts,
    BothOrNeither,
    /// A cut row with an empty amount.
    CutNeedsAmountCell,
    CutNoAmountColumn,
    /// An amount on a row that is not a cut: its word.
    AmountOnlyWithCut {
        word: String,
    },
    AdjustNeedsComment,
    IndicatorsOnlyWithAdjust,
    /// An exported row's 调整绩效目标 that is not 是 or empty.
    AdjustFlag {
        text: String,
    },
    AdjustNeedsReason,
    CutOver100 {
        text: String,
    },
    IndicatorNumberZero,
    NotAnIndicatorNumber {
        text: String,
    },
}

impl From<RowProblem> for ProblemKind {
    fn from(p: RowProblem) -> ProblemKind {
        ProblemKind::Row(p)
    }
}

/// A row the meeting refuses: a project it does not have (or has
/// already), a decision its rules refuse for that project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingProblem {
    UnknownProject {
        code: String,
    },
    /// An exported row's 审定 + 审减 is not the project's request.
    SplitNotRequest {
        code: String,
        approved: Money,
        cut: Money,
        requested: Money,
    },
    /// The decision refused for the project.
    Refused {
        code: String,
        error: DecisionError,
    },
    CutNoAmount,
    /// The meeting's projects with this file's would request more than a
    /// meeting may: what they request already, what the file adds.
    MeetingTotalTooLarge {
        already: Money,
        adding: Money,
        most: Money,
    },
    NoSuchIndicator {
        code: String,
        n: u32,
        has: u32,
    },
    /// The decision leaves another approved amount than the row's 审定.
    SplitApprovedDiffers {
        code: String,
        word: String,
        approved: Money,
        said: Money,
    },
    AlreadyInMeeting {
        code: String,
    },
}

impl From<MeetingProblem> for ProblemKind {
    fn from(p: MeetingProblem) -> ProblemKind {
        ProblemKind::Meeting(p)
    }
}

/// What the columns and lists a reviewer weighs refuse: last year's
/// figures, new or continuing, a batch's reasons, a department's ceiling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WeighProblem {
    /// A rate column's header names a unit that is neither % nor 小数.
    UnknownRateUnit {
        unit: String,
        column: &'static str,
    },
    BadRate {
        text: String,
        error: super::lastyear::RateError,
    },
    /// A 新增/延续 cell that says neither.
    NotNovelty {
        text: String,
    },
    /// 新增 on a row whose last year's budget (in that column) is given.
    NewWithLastYearBudget {
        budget_column: String,
    },
    /// A reason the meeting's list has neither by number nor by name;
    /// the list as `1 测算依据不充分`.
    UnknownReason {
        said: String,
        list: Vec<String>,
    },
    /// Reasons on a row that neither cuts nor cancels.
    ReasonsWithoutCut,
    DepartmentTwice {
        department: String,
        first_row: usize,
    },
    DepartmentNotInMeeting {
        department: String,
    },
}

impl From<WeighProblem> for ProblemKind {
    fn from(p: WeighProblem) -> ProblemKind {
        ProblemKind::Weigh(p)
    }
}

/// What a later stage's further outcomes and measures refuse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LaterProblem {
    /// Further outcomes or measures on a row whose decision is not a
    /// later stage's.
    OnlyWithLaterStage,
    /// A part of the 另有调整 cell that is not a kind that may come beside
    /// another, with its amount.
    NotAnAlso { text: String },
    /// A part of the 结果应用 cell that is neither 改进管理 nor 完善制度.
    UnknownMeasure { text: String },
}

impl From<LaterProblem> for ProblemKind {
    fn from(p: LaterProblem) -> ProblemKind {
        ProblemKind::Later(p)
    }
}

/// What a file of revised indicators (`import --revised`) refuses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RevisionProblem {
    UnknownProject {
        code: String,
    },
    /// A project whose targets are not waiting for a revision.
    NotWaiting {
        code: String,
        error: DecisionError,
    },
}

impl From<RevisionProblem> for ProblemKind {
    fn from(p: RevisionProblem) -> ProblemKind {
        ProblemKind::Revision(p)
    }
}
