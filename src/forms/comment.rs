//! The comment form (审核意见): a review comment on a project, written
//! without deciding it.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::popup::{dialog, draw_error, draw_field, error_height, target_line};
use super::{Ctx, Hint, Keys, Outcome, Press, Submit, Target};
use super::{draw_hints, field_text, text_box, type_into};
use crate::keymap::Command;
use crate::words::Say;
use crate::words::screen::Note;

pub struct CommentForm {
    pub target: Target,
    pub body: TextArea<'static>,
    /// Kept inside the bureau (内部意见): never in what goes to the
    /// department or out of the bureau. A comment is for the department
    /// unless this is chosen.
    pub internal: bool,
    /// On the for-whom row (else in the text).
    pub on_scope: bool,
    pub error: Option<String>,
}

/// The form's hint line.
const HINTS: &[Hint] = &[
    (Keys::One(Command::Confirm), "保存", "save"),
    (Keys::One(Command::Newline), "换行", "new line"),
    (Keys::One(Command::NextField), "反馈/内部", "for whom"),
    (Keys::One(Command::Back), "放弃", "abandon"),
];

impl CommentForm {
    pub fn open(target: Target) -> CommentForm {
        CommentForm {
            target,
            body: text_box(""),
            internal: false,
            on_scope: false,
            error: None,
        }
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        match press.on_list(!self.on_scope) {
            Some(Command::NextField | Command::PrevField) => self.on_scope = !self.on_scope,
            // On the for-whom row the toggle (or a choice key) flips it.
            Some(
                Command::Toggle
                | Command::PrevChoice
                | Command::NextChoice
                | Command::Up
                | Command::Down,
            ) if self.on_scope => self.internal = !self.internal,
            _ if self.on_scope && !matches!(press.command(), Some(Command::Confirm)) => {}
            Some(Command::Confirm) => {
                let body = field_text(&self.body);
                if body.trim().is_empty() {
                    self.error = Some(Note::CommentEmpty.say(ctx.lang));
                    return Outcome::Stay;
                }
                return Outcome::Submit(Submit::Comment {
                    target: self.target.clone(),
                    body,
                    internal: self.internal,
                });
            }
            Some(Command::Newline) => self.body.insert_newline(),
            _ => {
                type_into(&mut self.body, press.ev);
                self.error = None;
            }
        }
        Outcome::Stay
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let w = 72.min(full.width);
        let eh = error_height(th, &self.error, w.saturating_sub(2));
        let title = l.t("审核意见", "Review comment");
        let inner = dialog(frame, th, full, w, 12 + eh, title);
        let rows = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(1),
            Constraint::Length(eh),
            Constraint::Length(1),
        ])
        .split(inner);
        frame.render_widget(Paragraph::new(target_line(&self.target, l)), rows[0]);
        draw_field(frame, &self.body, rows[1], !self.on_scope);
        let mark = |on: bool| if on { "(•)" } else { "( )" };
        let scope = format!(
            "{}{} {}  {} {}",
            l.t("意见用于：", "for: "),
            mark(!self.internal),
            l.t("反馈部门", "the department"),
            mark(self.internal),
            l.t("内部（不出财政局）", "internal (stays in the bureau)"),
        );
        let style = if self.on_scope {
            th.selected()
        } else {
            th.dim()
        };
        frame.render_widget(Paragraph::new(scope).style(style), rows[2]);
        draw_error(frame, rows[3], th, &self.error);
        draw_hints(frame, rows[4], ctx, HINTS);
    }
}
