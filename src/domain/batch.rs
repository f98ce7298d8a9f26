//! A decision batch (初审意见) planned: what each row does to its project,
//! checked against the state the rows before it leave. Pure: the store
//! reads each project as it stands, calls [`plan`], and writes the steps in
//! one transaction, or nothing if any row has a problem.

use std::collections::HashMap;

use super::decision::{CommandWord, DecisionError};
use super::problem::MeetingProblem;
use super::project::RowColumns;
use super::stage::{Kind, StageCommand, StageError};
use super::{Adjust, BatchRow, Command, Decision, Money, Problem, Rounding, Stage, decide};

/// A project as the batch finds it, before any of its rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProjectState {
    pub requested: Money,
    /// How many performance indicators it has.
    pub indicators: u32,
    pub decision: Decision,
    /// The text of its latest comment, if it has one.
    pub latest_comment: Option<String>,
}

/// What one row does to its project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub code: String,
    /// The command's code, the event's kind (`cut`, `adjust`, `merge` …).
    pub kind: &'static str,
    pub before: Decision,
    pub after: Decision,
    /// The row's comment, unless it is empty or the project's latest comment
    /// already says it.
    pub comment: Option<String>,
}

/// A project the batch touches: its decision before the batch and after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub code: String,
    pub before: Decision,
    pub after: Decision,
}

impl Outcome {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }
}

/// A batch with no problem: its steps and what they leave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    /// One a row, in file order.
    pub steps: Vec<Step>,
    /// Each project the steps touch, in the order first touched.
    pub projects: Vec<Outcome>,
}

/// A project as the rows so far leave it.
struct Current {
    state: ProjectState,
    decision: Decision,
    /// Its latest comment, as the rows before leave it.
    last_comment: Option<String>,
    /// Whether a row has a step on it.
    touched: bool,
}

/// Plans the rows of `file` in order at the meeting's `stage`, a share's
/// cut (`-15%`) rounded to the meeting's `rounding` as on the screen. `lookup`
/// gives a project of the meeting by its code (`None`: no such project); it
/// is asked once for each project a row decides, and for each merge target.
/// Every row is checked, so all the problems are said at once.
pub fn plan(
    file: &str,
    rows: &[BatchRow],
    stage: Stage,
    rounding: Rounding,
    mut lookup: impl FnMut(&str) -> Option<ProjectState>,
) -> Result<Plan, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut current: HashMap<&str, Current> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    let mut steps = Vec::new();
    for row in rows {
        let code = row.project_code.as_str();
        if !current.contains_key(code) {
            let Some(state) = lookup(code) else {
                problems.push(Problem::new(
                    file,
                    Some(row.source_row),
                    row.columns.code.clone(),
                    MeetingProblem::UnknownProject {
                        code: row.project_code.clone(),
                    },
                ));
                continue;
            };
            current.insert(
                code,
                Current {
                    decision: state.decision.clone(),
                    last_comment: state.latest_comment.clone(),
                    state,
                    touched: false,
                },
            );
        }
        let cur = current.get_mut(code).expect("inserted above");
        match plan_row(file, row, (stage, rounding), cur, &mut lookup) {
            Ok(step) => {
                if !std::mem::replace(&mut cur.touched, true) {
                    order.push(code);
                }
                steps.push(step);
            }
            Err(p) => problems.push(p),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let projects = order
        .into_iter()
        .map(|code| {
            let c = &current[code];
            Outcome {
                code: code.to_string(),
                before: c.state.decision.clone(),
                after: c.decision.clone(),
            }
        })
        .collect();
    Ok(Plan { steps, projects })
}

/// One row against its project as the rows before leave it; on success the
/// project moves on to the row's decision.
fn plan_row(
    file: &str,
    row: &BatchRow,
    (stage, rounding): (Stage, Rounding),
    cur: &mut Current,
    lookup: &mut impl FnMut(&str) -> Option<ProjectState>,
) -> Result<Step, Problem> {
    let code = &row.project_code;
    let problem =
        |column: Option<String>, kind| Problem::new(file, Some(row.source_row), column, kind);
    let columns = &row.columns;
    let requested = cur.state.requested;
    // An exported table's 审定 and 审减 must be this project's.
    let split_problem = |kind| problem(row.split.as_ref().map(|s| s.columns.clone()), kind);
    if let Some(split) = &row.split
        && split.approved + split.cut != requested
    {
        return Err(split_problem(MeetingProblem::SplitNotRequest {
            code: code.clone(),
            approved: split.approved,
            cut: split.cut,
            requested,
        }));
    }
    let refused = |error: DecisionError| {
        problem(
            column_of(columns, &error),
            MeetingProblem::Refused {
                code: code.clone(),
                error,
            },
        )
    };
    let command = match row.word {
        // No decision: the comment alone.
        CommandWord::Comment => {
            let comment = new_comment(row, cur);
            return Ok(Step {
                code: code.clone(),
                kind: "comment",
                before: cur.decision.clone(),
                after: cur.decision.clone(),
                comment,
            });
        }
        CommandWord::Stage(kind) => Command::Stage {
            stage,
            code: row.project_code.clone(),
            command: StageCommand {
                kind,
                amount: row.stage_amount,
                merged_into: row.merged_into.clone(),
                also: row.also.clone(),
                measures: row.measures,
            },
        },
        _ if stage.adjusts() && row.word != CommandWord::Reset => {
            return Err(refused(DecisionError::Stage(
                StageError::WordOfOtherStage {
                    word: row.word_text.clone(),
                    of: Stage::TargetReview,
                    meeting: stage,
                },
            )));
        }
        CommandWord::Approve => Command::Approve,
        CommandWord::Cancel => Command::Cancel,
        CommandWord::Reset => Command::Reset,
        CommandWord::Cut => match &row.amount {
            Some(input) => Command::Cut(input.approved(requested, rounding)),
            None => {
                let column = columns.amount.clone().or(columns.decision.clone());
                return Err(problem(column, MeetingProblem::CutNoAmount));
            }
        },
        CommandWord::Adjust => {
            let has = cur.state.indicators;
            if let Some(&n) = row.indicators.iter().find(|&&n| n == 0 || n > has) {
                return Err(problem(
                    columns.indicators.clone(),
                    MeetingProblem::NoSuchIndicator {
                        code: code.clone(),
                        n,
                        has,
                    },
                ));
            }
            Command::Adjust(Adjust::new(
                row.indicators.clone(),
                row.reason
                    .clone()
                    .or_else(|| row.comment.clone())
                    .unwrap_or_default(),
            ))
        }
    };
    let command = at_stage(stage, &row.project_code, &command)
        .map_err(|e| refused(DecisionError::Stage(e)))?;
    if let Command::Stage { command: c, .. } = &command
        && let Some(t) = merge_target(c)
        && lookup(t).is_none()
    {
        return Err(refused(DecisionError::Stage(
            StageError::MergeTargetUnknown(t.to_string()),
        )));
    }
    let next = decide(&cur.decision, requested, &command).map_err(refused)?;
    if let Some(said) = row.split.as_ref().map(|s| s.approved)
        && said != next.approved
    {
        return Err(split_problem(MeetingProblem::SplitApprovedDiffers {
            code: code.clone(),
            word: row.word_text.clone(),
            approved: next.approved,
            said,
        }));
    }
    let comment = new_comment(row, cur);
    let before = std::mem::replace(&mut cur.decision, next.clone());
    Ok(Step {
        code: row.project_code.clone(),
        kind: command.code(),
        before,
        after: next,
        comment,
    })
}

/// The row's comment, unless the project's latest one already says it:
/// an exported table applied twice, or its latest comment followed by the
/// same text as the adjustment's reason.
fn new_comment(row: &BatchRow, cur: &mut Current) -> Option<String> {
    match row.comment.as_deref() {
        Some(c) if !c.trim().is_empty() => {
            let again = cur.last_comment.as_deref().map(str::trim) == Some(c.trim());
            cur.last_comment = Some(c.to_string());
            (!again).then(|| c.to_string())
        }
        _ => None,
    }
}

/// The column a refusal is about: the amount for a cut the rules refuse,
/// the project merged into for a merge, the decision for a word of another
/// stage; the decision when the file has no column of its own for it.
fn column_of(columns: &RowColumns, error: &DecisionError) -> Option<String> {
    let or_decision = |c: &Option<String>| c.clone().or(columns.decision.clone());
    match error {
        DecisionError::CutToZero
        | DecisionError::CutNotBelowRequest { .. }
        | DecisionError::CutBelowZero
        | DecisionError::Stage(
            StageError::AmountMissing(_)
            | StageError::AmountNotPositive
            | StageError::AmountOverRequest { .. },
        ) => or_decision(&columns.amount),
        DecisionError::AdjustNeedsReason => or_decision(&columns.comment),
        DecisionError::NotWaitingForRevision(_) | DecisionError::NoRevisionToReview(_) => {
            columns.decision.clone()
        }
        DecisionError::Stage(
            StageError::MergeNeedsTarget
            | StageError::MergeIntoItself
            | StageError::MergeTargetUnknown(_)
            | StageError::MergeTargetOnlyForMerge,
        ) => or_decision(&columns.merged_into),
        DecisionError::AdjustCancelled
        | DecisionError::Stage(
            StageError::NotThisStage { .. }
            | StageError::WordOfOtherStage { .. }
            | StageError::NotAlso(_),
        ) => columns.decision.clone(),
    }
}

/// What the screen's approve, cancel and cut mean at a later stage:
/// approve keeps (post-evaluation only), cancel cancels the whole amount;
/// cut and adjust go through the stage form. A single decision and a
/// batch's row both go through here.
pub fn at_stage(stage: Stage, code: &str, command: &Command) -> Result<Command, StageError> {
    if !stage.adjusts() {
        if let Command::Stage { command: c, .. } = command {
            return Err(StageError::NotThisStage {
                kind: c.kind,
                stage,
            });
        }
        return Ok(command.clone());
    }
    let later = |kind| Command::Stage {
        stage,
        code: code.to_string(),
        command: StageCommand {
            kind,
            ..StageCommand::default()
        },
    };
    let refuse = |word: &str| -> Result<Command, StageError> {
        Err(StageError::WordOfOtherStage {
            word: word.to_string(),
            of: Stage::TargetReview,
            meeting: stage,
        })
    };
    match command {
        Command::Approve if stage == Stage::PostEvaluation => Ok(later(Kind::Keep)),
        Command::Approve => refuse("approve (通过)"),
        Command::Cancel => Ok(later(Kind::Cancel)),
        Command::Cut(_) => refuse("cut (审减)"),
        Command::Adjust(_)
        | Command::Revise(_)
        | Command::ConfirmRevision
        | Command::ReturnRevision(_) => refuse("adjust (调整)"),
        Command::Reset => Ok(Command::Reset),
        Command::Stage { command: c, .. } => Ok(Command::Stage {
            stage,
            code: code.to_string(),
            command: c.clone(),
        }),
    }
}

/// The project a merge goes into, which must be one of the meeting's: the
/// code as given, trimmed; `None` for another kind, or no code (the
/// decision itself refuses a merge without one).
pub fn merge_target(c: &StageCommand) -> Option<&str> {
    if c.kind != Kind::Merge {
        return None;
    }
    c.merged_into
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests;
