//! The decision rules of a joint review: what approve, cut, cancel, adjust and
//! reset do to a project's decision. Pure: no terminal, no SQL.

pub use super::cut::{CutInput, CutInputError};
use super::money::Money;
use super::stage::{Adjustment, Stage, StageCommand, StageError, decide_stage};

/// Where a project stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum State {
    Pending,
    Approved,
    Cut,
    Cancelled,
}

impl State {
    pub const ALL: [State; 4] = [
        State::Pending,
        State::Approved,
        State::Cut,
        State::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Approved => "approved",
            State::Cut => "cut",
            State::Cancelled => "cancelled",
        }
    }

    pub fn from_code(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|st| st.code() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            State::Pending => "待审",
            State::Approved => "通过",
            State::Cut => "审减",
            State::Cancelled => "取消",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Approved => "approved",
            State::Cut => "cut",
            State::Cancelled => "cancelled",
        }
    }

    pub fn is_decided(self) -> bool {
        self != State::Pending
    }
}

/// The targets sent back for revision, and why; and where the revision
/// stands (退回修改 → 已修改 → 已确认).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adjust {
    /// 1-based numbers of the project's indicators to revise; empty means the
    /// target table as a whole.
    pub indicators: Vec<u32>,
    pub reason: String,
    pub revision: Revision,
    /// The latest revision the department sent in (its number in the
    /// meeting), if any.
    pub received: Option<i64>,
    /// The revision whose indicators are in force, once a reviewer
    /// confirmed one; before that the indicators as submitted.
    pub in_force: Option<i64>,
}

impl Adjust {
    /// The targets sent back for these indicators, for this reason.
    pub fn new(indicators: Vec<u32>, reason: impl Into<String>) -> Adjust {
        Adjust {
            indicators,
            reason: reason.into(),
            ..Adjust::default()
        }
    }
}

/// Where the revision of adjusted targets stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Revision {
    /// 退回修改: sent back, the department's revision awaited.
    #[default]
    Waiting,
    /// 已修改: the department's revision is in, for a reviewer to confirm
    /// or return.
    Revised,
    /// 已确认: a reviewer confirmed the revision; its indicators stand.
    Confirmed,
}

impl Revision {
    pub const ALL: [Revision; 3] = [Revision::Waiting, Revision::Revised, Revision::Confirmed];

    pub fn code(self) -> &'static str {
        match self {
            Revision::Waiting => "waiting",
            Revision::Revised => "revised",
            Revision::Confirmed => "confirmed",
        }
    }

    pub fn from_code(s: &str) -> Option<Revision> {
        Revision::ALL.into_iter().find(|r| r.code() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Revision::Waiting => "退回修改",
            Revision::Revised => "已修改",
            Revision::Confirmed => "已确认",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Revision::Waiting => "sent back",
            Revision::Revised => "revised",
            Revision::Confirmed => "confirmed",
        }
    }
}

/// A project's current decision.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub state: State,
    /// The approved amount; zero while pending or cancelled.
    pub approved: Money,
    /// Boxed, as is `stage`: most decisions have neither, and a meeting of
    /// 100,000 projects keeps every row's decision in memory.
    pub adjust: Option<Box<Adjust>>,
    /// A later stage's decision (monitoring, post-evaluation); `None` in
    /// target review and ex-ante evaluation.
    pub stage: Option<Box<Adjustment>>,
}

impl Decision {
    pub fn pending() -> Decision {
        Decision {
            state: State::Pending,
            approved: Money::ZERO,
            adjust: None,
            stage: None,
        }
    }

    /// The amount cut from `requested`: zero unless decided.
    pub fn cut(&self, requested: Money) -> Money {
        match self.state {
            State::Pending | State::Approved => Money::ZERO,
            State::Cut | State::Cancelled => requested - self.approved,
        }
    }
}

/// What a reviewer does to a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    Approve,
    /// Cut to this approved amount.
    Cut(Money),
    Cancel,
    Adjust(Adjust),
    Reset,
    /// The department's revision of adjusted targets is in: revision
    /// number `n` of the meeting (from `huishen import --revised`).
    Revise(i64),
    /// A reviewer confirms the revised targets.
    ConfirmRevision,
    /// A reviewer returns the revised targets again, naming what is still
    /// wrong.
    ReturnRevision(Adjust),
    /// A later stage's decision on the project with code `code`.
    Stage {
        stage: Stage,
        code: String,
        command: StageCommand,
    },
}

impl Command {
    pub fn code(&self) -> &'static str {
        match self {
            Command::Approve => "approve",
            Command::Cut(_) => "cut",
            Command::Cancel => "cancel",
            Command::Adjust(_) => "adjust",
            Command::Reset => "reset",
            Command::Revise(_) => "revise",
            Command::ConfirmRevision => "confirm",
            Command::ReturnRevision(_) => "return",
            Command::Stage { command, .. } => command.kind.code(),
        }
    }

    /// Reads a decision word as written in a batch file: English or Chinese.
    pub fn word(text: &str) -> Option<CommandWord> {
        let t = text.trim().to_lowercase();
        Some(match t.as_str() {
            "approve" | "approved" | "通过" | "维持" | "同意" => CommandWord::Approve,
            "cut" | "审减" | "核减" => CommandWord::Cut,
            "cancel" | "cancelled" | "取消" | "取消立项" | "取消项目立项" => {
                CommandWord::Cancel
            }
            "adjust" | "调整" | "调整绩效目标" => CommandWord::Adjust,
            "reset" | "pending" | "待审" => CommandWord::Reset,
            _ => return None,
        })
    }
}

/// The decision words of a batch file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommandWord {
    Approve,
    Cut,
    Cancel,
    Adjust,
    Reset,
    /// A later stage's kind, read with the meeting's stage.
    Stage(super::stage::Kind),
    /// No decision, only the row's comment: an exported table's 待审 row,
    /// which leaves the project's decision as it stands.
    Comment,
}

impl CommandWord {
    pub fn accepted() -> &'static str {
        "approve, cut, cancel, adjust, reset (or 通过, 审减, 取消, 调整, 待审)"
    }
}

/// Why a decision is refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecisionError {
    CutToZero,
    CutNotBelowRequest {
        approved: Money,
        requested: Money,
    },
    CutBelowZero,
    AdjustCancelled,
    AdjustNeedsReason,
    /// A revision for a project whose targets are not waiting for one.
    NotWaitingForRevision(Option<Revision>),
    /// Confirm or return a project with no revision to look at.
    NoRevisionToReview(Option<Revision>),
    Stage(StageError),
}

impl From<StageError> for DecisionError {
    fn from(e: StageError) -> DecisionError {
        DecisionError::Stage(e)
    }
}

/// Checks a cut to `approved` against the rule 0 < approved < requested.
pub fn check_cut(approved: Money, requested: Money) -> Result<(), DecisionError> {
    if approved.fen() < 0 {
        Err(DecisionError::CutBelowZero)
    } else if approved.is_zero() {
        Err(DecisionError::CutToZero)
    } else if approved >= requested {
        Err(DecisionError::CutNotBelowRequest {
            approved,
            requested,
        })
    } else {
        Ok(())
    }
}

/// The decision that results from `command` on a project that requested
/// `requested` and stands at `current`.
pub fn decide(
    current: &Decision,
    requested: Money,
    command: &Command,
) -> Result<Decision, DecisionError> {
    Ok(match command {
        Command::Approve => Decision {
            state: State::Approved,
            approved: requested,
            adjust: current.adjust.clone(),
            stage: None,
        },
        Command::Cut(approved) => {
            check_cut(*approved, requested)?;
            Decision {
                state: State::Cut,
                approved: *approved,
                adjust: current.adjust.clone(),
                stage: None,
            }
        }
        // A cancelled project has no targets left to revise.
        Command::Cancel => Decision {
            state: State::Cancelled,
            approved: Money::ZERO,
            adjust: None,
            stage: None,
        },
        Command::Adjust(adjust) => {
            if adjust.reason.trim().is_empty() {
                return Err(DecisionError::AdjustNeedsReason);
            }
            // Sent back (again): a revision is awaited; what came in before
            // and what stands are kept.
            let before = current.adjust.as_deref();
            let adjust = Adjust {
                indicators: adjust.indicators.clone(),
                reason: adjust.reason.clone(),
                revision: Revision::Waiting,
                received: before.and_then(|a| a.received),
                in_force: before.and_then(|a| a.in_force),
            };
            let adjust = &adjust;
            match current.state {
                State::Cancelled => return Err(DecisionError::AdjustCancelled),
                // Adjusting an undecided project keeps its amount: approve as
                // submitted with the targets sent back.
                State::Pending => Decision {
                    state: State::Approved,
                    approved: requested,
                    adjust: Some(Box::new(adjust.clone())),
                    stage: None,
                },
                State::Approved | State::Cut => Decision {
                    state: current.state,
                    approved: current.approved,
                    adjust: Some(Box::new(adjust.clone())),
                    stage: current.stage.clone(),
                },
            }
        }
        Command::Reset => Decision::pending(),
        Command::Revise(n) => {
            let a = waiting_adjust(current, Revision::Waiting)
                .map_err(DecisionError::NotWaitingForRevision)?;
            with_adjust(
                current,
                Adjust {
                    revision: Revision::Revised,
                    received: Some(*n),
                    ..a.clone()
                },
            )
        }
        Command::ConfirmRevision => {
            let a = waiting_adjust(current, Revision::Revised)
                .map_err(DecisionError::NoRevisionToReview)?;
            with_adjust(
                current,
                Adjust {
                    revision: Revision::Confirmed,
                    in_force: a.received,
                    ..a.clone()
                },
            )
        }
        Command::ReturnRevision(again) => {
            if again.reason.trim().is_empty() {
                return Err(DecisionError::AdjustNeedsReason);
            }
            let a = waiting_adjust(current, Revision::Revised)
                .map_err(DecisionError::NoRevisionToReview)?;
            with_adjust(
                current,
                Adjust {
                    indicators: again.indicators.clone(),
                    reason: again.reason.clone(),
                    revision: Revision::Waiting,
                    ..a.clone()
                },
            )
        }
        Command::Stage {
            stage,
            code,
            command,
        } => decide_stage(*stage, requested, code, command)?,
    })
}

/// The adjustment of a decided project whose revision stands at `at`;
/// else where it stands (`None`: not sent back).
fn waiting_adjust(current: &Decision, at: Revision) -> Result<&Adjust, Option<Revision>> {
    match current.adjust.as_deref() {
        Some(a) if a.revision == at && current.state != State::Cancelled => Ok(a),
        Some(a) => Err(Some(a.revision)),
        None => Err(None),
    }
}

/// `current` with another adjustment, its amounts as they are.
fn with_adjust(current: &Decision, adjust: Adjust) -> Decision {
    Decision {
        adjust: Some(Box::new(adjust)),
        ..current.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(s: &str) -> Money {
        s.parse().unwrap()
    }

    fn adjust(reason: &str) -> Command {
        Command::Adjust(Adjust::new(vec![1], reason))
    }

    #[test]
    fn a_revision_is_sent_back_received_and_confirmed_or_returned() {
        let req = wan("100");
        let cut = decide(&Decision::pending(), req, &Command::Cut(wan("80"))).unwrap();
        assert_eq!(
            decide(&cut, req, &Command::Revise(1)),
            Err(DecisionError::NotWaitingForRevision(None))
        );
        let sent = decide(&cut, req, &adjust("指标不量化")).unwrap();
        assert_eq!(sent.adjust.as_ref().unwrap().revision, Revision::Waiting);
        assert_eq!(
            decide(&sent, req, &Command::ConfirmRevision),
            Err(DecisionError::NoRevisionToReview(Some(Revision::Waiting)))
        );
        let revised = decide(&sent, req, &Command::Revise(7)).unwrap();
        assert_eq!((revised.state, revised.approved), (State::Cut, wan("80")));
        let a = revised.adjust.as_ref().unwrap();
        assert_eq!(
            (a.revision, a.received, a.in_force),
            (Revision::Revised, Some(7), None)
        );
        assert_eq!(
            decide(&revised, req, &Command::Revise(8)),
            Err(DecisionError::NotWaitingForRevision(Some(
                Revision::Revised
            )))
        );
        let back = decide(
            &revised,
            req,
            &Command::ReturnRevision(Adjust::new(vec![2], "数量指标仍偏低")),
        )
        .unwrap();
        let a = back.adjust.as_ref().unwrap();
        assert_eq!(
            (a.revision, a.reason.as_str()),
            (Revision::Waiting, "数量指标仍偏低")
        );
        let again = decide(&back, req, &Command::Revise(9)).unwrap();
        let done = decide(&again, req, &Command::ConfirmRevision).unwrap();
        let a = done.adjust.as_ref().unwrap();
        assert_eq!((a.revision, a.in_force), (Revision::Confirmed, Some(9)));
        // Sent back once more: the confirmed revision stays in force meanwhile.
        let more = decide(&done, req, &adjust("时效指标缺失")).unwrap();
        let a = more.adjust.as_ref().unwrap();
        assert_eq!((a.revision, a.in_force), (Revision::Waiting, Some(9)));
    }

    #[test]
    fn approve_gives_the_request() {
        let d = decide(&Decision::pending(), wan("100"), &Command::Approve).unwrap();
        assert_eq!(d.state, State::Approved);
        assert_eq!(d.approved, wan("100"));
        assert_eq!(d.cut(wan("100")), Money::ZERO);
    }

    #[test]
    fn cut_must_leave_something_below_the_request() {
        let req = wan("100");
        let d = decide(&Decision::pending(), req, &Command::Cut(wan("80"))).unwrap();
        assert_eq!(
            (d.state, d.approved, d.cut(req)),
            (State::Cut, wan("80"), wan("20"))
        );
        assert_eq!(
            decide(&Decision::pending(), req, &Command::Cut(wan("100"))),
            Err(DecisionError::CutNotBelowRequest {
                approved: req,
                requested: req
            })
        );
        assert!(decide(&Decision::pending(), req, &Command::Cut(wan("120"))).is_err());
        assert_eq!(
            decide(&Decision::pending(), req, &Command::Cut(Money::ZERO)),
            Err(DecisionError::CutToZero)
        );
    }

    #[test]
    fn cancel_cuts_everything_and_drops_adjust() {
        let req = wan("50");
        let adjusted = decide(&Decision::pending(), req, &adjust("目标不量化")).unwrap();
        let d = decide(&adjusted, req, &Command::Cancel).unwrap();
        assert_eq!(
            (d.state, d.approved, &d.adjust),
            (State::Cancelled, Money::ZERO, &None)
        );
        assert_eq!(d.cut(req), req);
    }

    #[test]
    fn adjust_combines_with_approve_and_cut() {
        let req = wan("100");
        let a = decide(&Decision::pending(), req, &adjust("指标不完整")).unwrap();
        assert_eq!((a.state, a.approved), (State::Approved, req));
        assert!(a.adjust.is_some());
        let c = decide(&a, req, &Command::Cut(wan("90"))).unwrap();
        assert_eq!((c.state, c.approved), (State::Cut, wan("90")));
        assert!(c.adjust.is_some(), "a cut keeps the adjustment");
        let c2 = decide(&Decision::pending(), req, &Command::Cut(wan("60"))).unwrap();
        let c2 = decide(&c2, req, &adjust("成本指标偏高")).unwrap();
        assert_eq!((c2.state, c2.approved), (State::Cut, wan("60")));
        assert_eq!(c2.adjust.unwrap().reason, "成本指标偏高");
    }

    #[test]
    fn adjust_is_refused_without_reason_or_on_cancelled() {
        let req = wan("100");
        assert_eq!(
            decide(&Decision::pending(), req, &adjust("  ")),
            Err(DecisionError::AdjustNeedsReason)
        );
        let x = decide(&Decision::pending(), req, &Command::Cancel).unwrap();
        assert_eq!(
            decide(&x, req, &adjust("r")),
            Err(DecisionError::AdjustCancelled)
        );
    }

    #[test]
    fn reset_goes_back_to_pending() {
        let req = wan("100");
        let c = decide(&Decision::pending(), req, &Command::Cut(wan("1"))).unwrap();
        assert_eq!(
            decide(&c, req, &Command::Reset).unwrap(),
            Decision::pending()
        );
    }

    #[test]
    fn decision_words_in_both_languages() {
        assert_eq!(Command::word("审减"), Some(CommandWord::Cut));
        assert_eq!(Command::word(" Approve "), Some(CommandWord::Approve));
        assert_eq!(Command::word("取消"), Some(CommandWord::Cancel));
        assert_eq!(Command::word("调整"), Some(CommandWord::Adjust));
        assert_eq!(Command::word("待审"), Some(CommandWord::Reset));
        assert_eq!(Command::word("maybe"), None);
    }
}
