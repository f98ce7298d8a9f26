//! The cancel form (取消项目立项): the whole request counts as cut; an
//! optional reason.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::ReasonPicker;
use super::popup::{dialog, draw_current, draw_error, draw_field, error_height, rows, target_line};
use super::{Ctx, Hint, Keys, Outcome, Press, Submit, Target};
use super::{draw_hints, field_text, text_box, type_into};
use crate::domain::{self, CutReason, State};
use crate::i18n::Lang;
use crate::keymap::Command;
use crate::words::Say;
use crate::words::weigh::FormWords;

pub struct CancelForm {
    pub target: Target,
    /// The reasons for the cancellation, ticked by number.
    pub reasons: ReasonPicker,
    pub comment: TextArea<'static>,
    /// 0: reasons, 1: comment
    pub focus: usize,
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
    (Keys::One(Command::NextField), "切换", "switch field"),
    (Keys::One(Command::Back), "返回", "back"),
];

/// The hint line while the reasons have the focus.
const REASON_HINTS: &[Hint] = &[
    (
        Keys::Picks(9),
        "勾选原因，输入文字即写理由",
        "tick a reason, or type the reason in words",
    ),
    (Keys::One(Command::Confirm), "确认取消", "confirm"),
    (Keys::One(Command::NextField), "切换", "switch field"),
    (Keys::One(Command::Back), "返回", "back"),
];

impl CancelForm {
    /// The form on `target`, the reasons first (ticked as the project's
    /// decision has them now), then the comment.
    pub fn open(target: Target, reasons: &[CutReason]) -> CancelForm {
        CancelForm {
            target,
            reasons: ReasonPicker::open(reasons),
            comment: text_box(""),
            focus: 0,
            error: None,
        }
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        match press.on_list(self.focus == 1) {
            Some(c @ (Command::Confirm | Command::ConfirmNext)) => {
                return Outcome::Submit(Submit::Decide {
                    target: self.target.clone(),
                    command: domain::Command::Cancel,
                    comment: Some(field_text(&self.comment)),
                    reasons: Some(self.reasons.ids(ctx.reasons)),
                    next: c == Command::ConfirmNext,
                });
            }
            Some(Command::NextField | Command::PrevField) => self.focus = 1 - self.focus,
            // Words typed on the reasons begin the comment.
            _ if self.focus == 0 => {
                if !self.reasons.on_key(press, ctx) && press.key.is_text() {
                    self.focus = 1;
                    type_into(&mut self.comment, press.ev);
                    self.error = None;
                }
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
        let rh = ReasonPicker::height(ctx, w.saturating_sub(2));
        let inner = dialog(frame, th, full, w, 11 + eh + rh, title);
        let rows = rows(inner, &[1, 1, 1, eh, 1, rh, 1, 3, 1]);
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
        frame.render_widget(Paragraph::new(FormWords::ReasonsLabel.say(l)), rows[3]);
        self.reasons.draw(frame, rows[4], ctx, self.focus == 0);
        frame.render_widget(
            Paragraph::new(l.t("理由（可选）：", "reason (optional):")),
            rows[5],
        );
        draw_field(frame, &self.comment, rows[6], self.focus == 1);
        let hints = if self.focus == 0 { REASON_HINTS } else { HINTS };
        draw_hints(frame, rows[7], ctx, hints);
    }
}
