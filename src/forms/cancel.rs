//! The cancel form (取消项目立项): the whole request counts as cut; an
//! optional reason.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::popup::{dialog, draw_current, draw_error, draw_field, error_height, rows, target_line};
use super::{Ctx, Hint, Keys, Outcome, Press, Submit, Target};
use super::{draw_hints, field_text, text_box, type_into};
use crate::domain::{self, State};
use crate::i18n::Lang;
use crate::keymap::Command;

pub struct CancelForm {
    pub target: Target,
    pub comment: TextArea<'static>,
    pub error: Option<String>,
}

/// The form's hint line.
const HINTS: &[Hint] = &[
    (Keys::One(Command::Confirm), "确认取消", "confirm"),
    (
        Keys::One(Command::ConfirmNext),
        "确认并下一个",
        "confirm & next",
    ),
    (Keys::One(Command::Back), "返回", "back"),
];

impl CancelForm {
    pub fn open(target: Target) -> CancelForm {
        CancelForm {
            target,
            comment: text_box(""),
            error: None,
        }
    }

    pub fn on_key(&mut self, press: &Press) -> Outcome {
        match press.on_list(true) {
            Some(c @ (Command::Confirm | Command::ConfirmNext)) => {
                return Outcome::Submit(Submit::Decide {
                    target: self.target.clone(),
                    command: domain::Command::Cancel,
                    comment: Some(field_text(&self.comment)),
                    next: c == Command::ConfirmNext,
                });
            }
            Some(Command::Newline) => self.comment.insert_newline(),
            _ => {
                if type_into(&mut self.comment, press.ev) {
                    self.error = None;
                }
            }
        }
        Outcome::Stay
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let title = l.t("取消项目立项", "Cancel project");
        let w = 72.min(full.width);
        let eh = error_height(th, &self.error, w.saturating_sub(2));
        let inner = dialog(frame, th, full, w, 10 + eh, title);
        let rows = rows(inner, &[1, 1, 1, eh, 1, 3, 1]);
        frame.render_widget(Paragraph::new(target_line(&self.target, l)), rows[0]);
        draw_current(frame, rows[1], ctx, self.target.project_id);
        let rows = &rows[1..];
        frame.render_widget(
            Paragraph::new(match l {
                Lang::Zh => format!(
                    "确认取消？全部 {} 万元计入审减。",
                    self.target.requested.wan_display()
                ),
                Lang::En => format!(
                    "Cancel it? All {} 万元 count as cut.",
                    self.target.requested.wan_display()
                ),
            })
            .style(th.state(State::Cancelled)),
            rows[1],
        );
        draw_error(frame, rows[2], th, &self.error);
        frame.render_widget(
            Paragraph::new(l.t("理由（可选）：", "reason (optional):")),
            rows[3],
        );
        draw_field(frame, &self.comment, rows[4], true);
        draw_hints(frame, rows[5], ctx, HINTS);
    }
}
