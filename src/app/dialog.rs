//! The small forms a reviewer fills in: the cut amount with its preview, a
//! cancellation's reason, the targets to adjust, a comment, search, filter
//! and sort. Each holds the project version it was opened against, so a
//! change by someone else meanwhile is caught at commit.

use ratatui_textarea::TextArea;

use crate::domain::{BudgetType, Money, State};

use super::Column;

pub fn text_field(initial: &str) -> TextArea<'static> {
    let mut t = TextArea::new(initial.lines().map(str::to_string).collect());
    t.set_cursor_line_style(ratatui::style::Style::default());
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
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

pub const SORT_COLUMNS: [Column; 9] = [
    Column::Code,
    Column::Department,
    Column::Name,
    Column::Budget,
    Column::Requested,
    Column::Approved,
    Column::Cut,
    Column::State,
    Column::Section,
];

// One overlay exists at a time; boxing the forms would buy nothing.
#[allow(clippy::large_enum_variant)]
pub enum Overlay {
    None,
    Help {
        scroll: u16,
    },
    /// The meeting's event log, newest first, as loaded when opened.
    History {
        scroll: u16,
        events: Vec<crate::store::EventRow>,
        /// Only this reviewer's events.
        reviewer: Option<String>,
    },
    Cut(CutForm),
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
                | Overlay::Cancel(_)
                | Overlay::Adjust(_)
                | Overlay::Comment(_)
                | Overlay::Filter(_)
                | Overlay::Sort(_)
        )
    }
}
