//! The domain of a joint review: money, decisions, budgets and the tally.
//! Plain Rust: no terminal, no SQL.

pub mod batch;
pub mod budget;
pub mod ceiling;
pub mod cut;
pub mod decision;
pub mod lastyear;
pub mod money;
pub mod pace;
pub mod problem;
pub mod project;
pub mod reason;
pub mod rounding;
pub mod stage;
pub mod tally;

pub use budget::BudgetType;
pub use ceiling::{Ceiling, Fit};
pub use decision::{Adjust, Command, CutInput, Decision, DecisionError, Revision, State, decide};
pub use lastyear::{LastYear, Novelty, Percent, RateUnit};
pub use money::{Money, Unit, parse_amount};
pub use pace::Pace;
pub use problem::{Problem, ProblemKind};
pub use project::{
    AmountSplit, BatchRow, NewIndicator, NewProject, RowColumns, Submission, Warning,
};
pub use reason::{CutReason, ReasonRef};
pub use rounding::{Rounding, RoundingError};
pub use stage::{Adjustment, Kind, Stage, StageCommand, StageError, StageTally};
pub use tally::{Breakdown, Figures, Tally, TallyRow};
