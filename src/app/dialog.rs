//! The small forms a reviewer fills in: the cut amount with its preview, a
//! cancellation's reason, the targets to adjust, a comment, search, filter
//! and sort. Each holds the project version it was opened against, so a
//! change by someone else meanwhile is caught at commit.

use ratatui_textarea::TextArea;

use crate::domain::{BudgetType, Kind, Money, Stage, State};

pub use crate::listing::SORT_COLUMNS;

pub fn text_field(initial: &str) -> TextArea<'static> {
    let mut t = TextArea::new(initial.lines().map(str::to_string).collect());
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

/// A field for prose (a comment, a reason): long lines wrap inside the box,
/// at spaces where there are any and between characters in Chinese, so the
/// panel reads the whole text instead of its last width scrolled sideways.
pub fn text_box(initial: &str) -> TextArea<'static> {
    let mut t = text_field(initial);
    t.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    t
}

pub fn field_text(t: &TextArea<'_>) -> String {
    t.lines().join("\n")
}

/// The project a form acts on, as it was when the form opened.
#[derive(Clone, Debug)]
pub struct Target {
    pub project_id: i64,
    pub code: String,
    pub name: String,
    pub requested: Money,
    pub version: i64,
}

pub struct CutForm {
    pub target: Target,
    pub amount: TextArea<'static>,
    pub comment: TextArea<'static>,
    /// 0: amount, 1: comment
    pub focus: usize,
    pub error: Option<String>,
}

/// A later stage's decision (事中监控 / 事后评价): a kind, its amount, the
/// project merged into, and a comment.
pub struct StageForm {
    pub target: Target,
    pub stage: Stage,
    /// Index into `stage.kinds()`.
    pub kind: usize,
    pub amount: TextArea<'static>,
    pub merge: TextArea<'static>,
    pub comment: TextArea<'static>,
    pub focus: StageField,
    pub error: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StageField {
    Kind,
    Amount,
    Merge,
    Comment,
}

impl StageForm {
    pub fn kind(&self) -> Kind {
        self.stage.kinds()[self.kind.min(self.stage.kinds().len() - 1)]
    }

    /// The fields the chosen kind asks for, in order: keep takes the whole
    /// request, so it has no amount; only a merge names a project.
    pub fn fields(&self) -> Vec<StageField> {
        let mut f = vec![StageField::Kind];
        if self.kind() != Kind::Keep {
            f.push(StageField::Amount);
        }
        if self.kind() == Kind::Merge {
            f.push(StageField::Merge);
        }
        f.push(StageField::Comment);
        f
    }

    /// Moves the focus `step` fields on, wrapping.
    pub fn step_focus(&mut self, step: isize) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = fields.len() as isize;
        self.focus = fields[(at + step).rem_euclid(n) as usize];
    }

    /// Chooses the kind `step` places on, wrapping.
    pub fn step_kind(&mut self, step: isize) {
        let n = self.stage.kinds().len() as isize;
        self.kind = (self.kind as isize + step).rem_euclid(n) as usize;
    }

    /// The text field with the focus, if the focus is on one.
    pub fn field_mut(&mut self) -> Option<&mut TextArea<'static>> {
        match self.focus {
            StageField::Kind => None,
            StageField::Amount => Some(&mut self.amount),
            StageField::Merge => Some(&mut self.merge),
            StageField::Comment => Some(&mut self.comment),
        }
    }
}

pub struct CancelForm {
    pub target: Target,
    pub comment: TextArea<'static>,
    pub error: Option<String>,
}

pub struct AdjustForm {
    pub target: Target,
    /// (number, text, ticked)
    pub indicators: Vec<(u32, String, bool)>,
    pub cursor: usize,
    pub reason: TextArea<'static>,
    /// 0: indicator list, 1: reason
    pub focus: usize,
    pub error: Option<String>,
}

pub struct CommentForm {
    pub target: Target,
    pub body: TextArea<'static>,
    pub error: Option<String>,
}

/// Which filter field the cursor is on, and the values chosen.
pub struct FilterForm {
    pub field: usize,
    pub state: Option<State>,
    pub department: Option<String>,
    pub budget: Option<BudgetType>,
    pub section: Option<String>,
}

pub struct SortForm {
    pub cursor: usize,
}

// One overlay exists at a time; boxing the forms would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Overlay {
    None,
    Help {
        scroll: usize,
    },
    /// The meeting's event log, newest first, as loaded when opened.
    History {
        scroll: usize,
        events: Vec<crate::store::EventRow>,
        /// Only this reviewer's events.
        reviewer: Option<String>,
    },
    Cut(CutForm),
    Stage(StageForm),
    Cancel(CancelForm),
    Adjust(AdjustForm),
    Comment(CommentForm),
    Filter(FilterForm),
    Sort(SortForm),
}

impl Overlay {
    /// Forms take typed text; the others take navigation keys.
    pub fn is_form(&self) -> bool {
        matches!(
            self,
            Overlay::Cut(_)
                | Overlay::Stage(_)
                | Overlay::Cancel(_)
                | Overlay::Adjust(_)
                | Overlay::Comment(_)
                | Overlay::Filter(_)
                | Overlay::Sort(_)
        )
    }

    /// A decision form's project and error line: the forms whose Enter
    /// writes a decision.
    pub fn decision_form(&mut self) -> Option<(&mut Target, &mut Option<String>)> {
        match self {
            Overlay::Cut(f) => Some((&mut f.target, &mut f.error)),
            Overlay::Stage(f) => Some((&mut f.target, &mut f.error)),
            Overlay::Cancel(f) => Some((&mut f.target, &mut f.error)),
            Overlay::Adjust(f) => Some((&mut f.target, &mut f.error)),
            _ => None,
        }
    }
}

/// The history's events a reviewer filter lets through, in its order.
pub fn history_shown<'a>(
    events: &'a [crate::store::EventRow],
    reviewer: Option<&'a str>,
) -> impl Iterator<Item = &'a crate::store::EventRow> {
    events
        .iter()
        .filter(move |e| reviewer.is_none_or(|r| e.reviewer == r))
}
