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
    pub error: Option<String>,
}

/// The form's hint line.
const HINTS: &[Hint] = &[
    (Keys::One(Command::Confirm), "保存", "save"),
    (Keys::One(Command::Newline), "换行", "new line"),
    (Keys::One(Command::Back), "放弃", "abandon"),
];

impl CommentForm {
    pub fn open(target: Target) -> CommentForm {
        CommentForm {
            target,
            body: text_box(""),
            error: None,
        }
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        match press.on_list(true) {
            Some(Command::Confirm) => {
                let body = field_text(&self.body);
                if body.trim().is_empty() {
                    self.error = Some(Note::CommentEmpty.say(ctx.lang));
                    return Outcome::Stay;
                }
                return Outcome::Submit(Submit::Comment {
                    target: self.target.clone(),
                    body,
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
        let inner = dialog(frame, th, full, w, 11 + eh, title);
        let rows = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(3),
            Constraint::Length(eh),
            Constraint::Length(1),
        ])
        .split(inner);
        frame.render_widget(Paragraph::new(target_line(&self.target, l)), rows[0]);
        draw_field(frame, &self.body, rows[1], true);
        draw_error(frame, rows[2], th, &self.error);
        draw_hints(frame, rows[3], ctx, HINTS);
    }
}
