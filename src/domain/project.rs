//! The records a submission and a decision batch carry into the meeting.

use super::budget::BudgetType;
use super::decision::{CommandWord, CutInput};
use super::money::Money;

/// A project as a department submitted it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProject {
    pub code: String,
    pub department: String,
    pub name: String,
    pub budget_type: BudgetType,
    pub section: Option<String>,
    pub requested: Money,
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
    pub comment: Option<String>,
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

/// The approved amount and the cut of one row, with the columns they came
/// from (`审定金额（万元） (G) + 审减金额（万元） (H)`) for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountSplit {
    pub approved: Money,
    pub cut: Money,
    pub columns: String,
}

/// A problem found in an input file, located as precisely as possible.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    /// 1-based spreadsheet row (the header is row 1).
    pub row: Option<usize>,
    /// The column as the file names it, with its letter: `申报金额 (E)`.
    pub column: Option<String>,
    /// What is wrong, in English and in Chinese.
    pub message: String,
    pub message_zh: String,
}

impl Problem {
    /// A problem with its reason in both languages: every site that finds
    /// one says it in both, so none is left English under zh.
    pub fn new(
        file: &str,
        row: Option<usize>,
        column: Option<String>,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) -> Problem {
        Problem {
            file: file.to_string(),
            row,
            column,
            message: message.into(),
            message_zh: message_zh.into(),
        }
    }
}

/// `p.csv 第 4 行 部门 (B) 列：部门为空，必须填写`.
impl super::Reason for Problem {
    fn zh(&self) -> String {
        let mut s = self.file.clone();
        if let Some(r) = self.row {
            s += &format!(" 第 {r} 行");
        }
        if let Some(c) = &self.column {
            s += &format!(" {c} 列");
        }
        s + "：" + &self.message_zh
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(r) = self.row {
            write!(f, ": row {r}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ", column {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}
