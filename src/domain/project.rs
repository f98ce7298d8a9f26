//! The records a submission and a decision batch carry into the meeting.

use std::sync::Arc;

use super::budget::BudgetType;
use super::decision::{CommandWord, CutInput};
use super::money::Money;

pub use super::problem::Problem;

/// A project as a department submitted it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProject {
    pub code: String,
    pub department: String,
    pub name: String,
    pub budget_type: BudgetType,
    pub section: Option<String>,
    pub requested: Money,
    /// 年度目标: what the project is to achieve this year (optional).
    pub goal: String,
    /// Last year's figures, as far as the file gives them.
    pub last: super::LastYear,
    /// New or continuing, as the file says (or its last year's budget).
    pub novelty: Option<super::Novelty>,
    /// Row in the source file (1-based, header is row 1), for messages.
    pub source_row: usize,
}

/// One performance indicator (三级指标) of a submitted project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewIndicator {
    pub project_code: String,
    pub level1: String,
    pub level2: String,
    pub indicator: String,
    pub target: String,
    pub unit: String,
    pub source_row: usize,
}

/// A submission read from one projects file and its indicators.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Submission {
    /// File names as the user gave them, for messages.
    pub projects_file: String,
    pub indicators_file: Option<String>,
    pub projects: Vec<NewProject>,
    pub indicators: Vec<NewIndicator>,
    /// What looks odd but does not stop the import.
    pub warnings: Vec<Warning>,
    /// How many projects were read as 延续 because they give last year's
    /// budget and the file does not say (never silently: the import says
    /// how many).
    pub inferred_continuing: usize,
}

/// Something odd in a file that does not stop the import: said, located
/// as a problem is, and the import goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    pub row: usize,
    /// The column as the file names it, with its letter.
    pub column: Option<String>,
    pub odd: super::lastyear::LastYearOdd,
}

/// One row of a decision batch (初审意见).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchRow {
    pub source_row: usize,
    pub project_code: String,
    pub word: CommandWord,
    /// For a cut: what the amount column said.
    pub amount: Option<CutInput>,
    /// Added as the project's comment (and, for an adjust, its reason).
    pub comment: Option<String>,
    /// For an adjust whose reason is not its comment: an exported table's
    /// 调整理由, whose comment came along with the decision's row.
    pub reason: Option<String>,
    /// For an adjust: 1-based indicator numbers to revise.
    pub indicators: Vec<u32>,
    /// The decision word as written, for messages.
    pub word_text: String,
    /// A later stage's amount (万元 column, positive).
    pub stage_amount: Option<Money>,
    /// A later stage's merge: the code of the project merged into.
    pub merged_into: Option<String>,
    /// Both 审定 and 审减 as an exported results table carries them: they
    /// must add up to the project's request, and the decision must leave
    /// the approved amount they say.
    pub split: Option<AmountSplit>,
    /// A later stage's further money outcomes (收回结余 beside 调减).
    pub also: Vec<(super::stage::Kind, Money)>,
    /// A later stage's measures (改进管理, 完善制度).
    pub measures: super::stage::Measures,
    /// The columns the row's cells stand in, for messages (shared by the
    /// rows of a file).
    pub columns: Arc<RowColumns>,
    /// The reasons for a cut or a cancellation (审减原因), as the row names
    /// them, by number or name; `None` without the column or with the
    /// cell empty.
    pub reasons: Option<BatchReasons>,
}

/// The reasons a batch row names, and the column they stand in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BatchReasons {
    pub refs: Vec<super::ReasonRef>,
    /// The column as the file names it, with its letter: `审减原因 (E)`.
    pub column: String,
}

/// The columns of a batch as the file names them, with their letters
/// (`金额 (C)`): a refusal names the cell it is about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RowColumns {
    pub code: Option<String>,
    pub decision: Option<String>,
    /// Where the amount of a cut (or a later stage's amount) was read.
    pub amount: Option<String>,
    pub comment: Option<String>,
    pub indicators: Option<String>,
    pub merged_into: Option<String>,
}

/// The approved amount and the cut of one row, with the columns they came
/// from (`审定金额（万元） (G) + 审减金额（万元） (H)`) for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountSplit {
    pub approved: Money,
    pub cut: Money,
    pub columns: String,
}
