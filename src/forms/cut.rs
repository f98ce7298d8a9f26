//! The cut form (审减): the approved amount or the cut (80, -20, -15%), a
//! live preview of what it does to the project and the meeting's cut rate,
//! and an optional comment.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::ReasonPicker;
use super::popup::{
    dialog, draw_current, draw_error, draw_field, error_height, labelled_field, rows, shown_error,
    target_line,
};
use super::{Ctx, Hint, Keys, NotYet, Outcome, Press, Submit, Target};
use super::{draw_hints, field_text, submit_checked, text_box, text_field, type_into};
use crate::domain::CutReason;
use crate::domain::cut::{CutInput, preview};
use crate::domain::{self, Decision, Unit};
use crate::keymap::Command;
use crate::text::wrap;
use crate::words::Say;
use crate::words::screen::Note;
use crate::words::weigh::FormWords;

pub struct CutForm {
    pub target: Target,
    pub amount: TextArea<'static>,
    /// The reasons for the cut, ticked by number.
    pub reasons: ReasonPicker,
    pub comment: TextArea<'static>,
    /// 0: amount, 1: reasons, 2: comment
    pub focus: usize,
    pub error: Option<String>,
}

pub use crate::domain::cut::Preview as CutPreview;

/// The form's hint line.
const HINTS: &[Hint] = &[
    (Keys::One(Command::Confirm), "保存", "save"),
    (
        Keys::One(Command::ConfirmNext),
        "保存并下一个",
        "save & next",
    ),
    (Keys::One(Command::NextField), "切换", "switch field"),
    (Keys::One(Command::Back), "放弃", "abandon"),
];

/// The hint line while the reasons have the focus.
const REASON_HINTS: &[Hint] = &[
    (
        Keys::Picks(9),
        "勾选原因，输入文字即写意见",
        "tick a reason, or type the comment",
    ),
    (Keys::One(Command::Confirm), "保存", "save"),
    (Keys::One(Command::NextField), "切换", "switch field"),
    (Keys::One(Command::Back), "放弃", "abandon"),
];

impl CutForm {
    /// The form on `target`, its reasons ticked as the project's decision
    /// has them now.
    pub fn open(target: Target, reasons: &[CutReason]) -> CutForm {
        CutForm {
            target,
            amount: text_field(""),
            reasons: ReasonPicker::open(reasons),
            comment: text_box(""),
            focus: 0,
            error: None,
        }
    }

    /// The preview: approved, cut, and the overall cut rate the meeting
    /// would have, a share rounded to the meeting's unit; or why the input
    /// is not (yet) a valid cut. Read against the meeting as it stands
    /// now, so another session's decision shows at once.
    pub fn preview(&self, ctx: &Ctx) -> Result<CutPreview, NotYet> {
        let text = field_text(&self.amount);
        if text.trim().is_empty() {
            return Err(NotYet::Empty);
        }
        let invalid = |e: &dyn Say| NotYet::Invalid(e.say(ctx.lang));
        let input = CutInput::parse(&text, Unit::Wan).map_err(|e| invalid(&e))?;
        let pending = Decision::pending();
        let current = ctx
            .row(self.target.project_id)
            .map_or(&pending, |r| &r.decision);
        preview(
            &input,
            self.target.requested,
            ctx.rounding,
            ctx.total,
            current,
        )
        .map_err(|e| invalid(&e))
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        match press.on_list(self.focus != 1) {
            Some(Command::NextField) => self.focus = (self.focus + 1) % 3,
            Some(Command::PrevField) => self.focus = (self.focus + 2) % 3,
            Some(Command::Confirm) => return self.confirm(ctx, false),
            Some(Command::ConfirmNext) => return self.confirm(ctx, true),
            Some(Command::Newline) if self.focus == 2 => self.comment.insert_newline(),
            // Words typed on the reasons begin the comment.
            _ if self.focus == 1 => {
                if !self.reasons.on_key(press, ctx) && press.key.is_text() {
                    self.focus = 2;
                    type_into(&mut self.comment, press.ev);
                    self.error = None;
                }
            }
            _ => {
                let field = if self.focus == 0 {
                    &mut self.amount
                } else {
                    &mut self.comment
                };
                type_into(field, press.ev);
                self.error = None;
            }
        }
        Outcome::Stay
    }

    fn confirm(&mut self, ctx: &Ctx, next: bool) -> Outcome {
        let checked = self.preview(ctx).map(|p| Submit::Decide {
            target: self.target.clone(),
            command: domain::Command::Cut(p.approved),
            comment: Some(field_text(&self.comment)),
            reasons: Some(self.reasons.ids(ctx.reasons)),
            next,
        });
        submit_checked(&mut self.error, checked, Note::TypeCutAmount, ctx.lang)
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let preview = self.preview(ctx);
        // Why it cannot be saved: said on the error rows, wrapped.
        let error = shown_error(&preview, &self.error);
        let w = 72.min(full.width);
        let eh = error_height(th, &error, w.saturating_sub(2));
        // The preview wraps (a large amount in English), never cut.
        let said = match &preview {
            Ok(p) => wrap(&p.say(l), usize::from(w.saturating_sub(2))),
            Err(_) => vec![String::new()],
        };
        let ph = said.len().min(2) as u16;
        let rh = ReasonPicker::height(ctx, w.saturating_sub(2));
        let inner = dialog(frame, th, full, w, 11 + ph + eh + rh, l.t("审减", "Cut"));
        let rows = rows(inner, &[1, 1, 1, ph, eh, 1, rh, 1, 3, 1]);
        frame.render_widget(Paragraph::new(target_line(&self.target, l)), rows[0]);
        draw_current(frame, rows[1], ctx, self.target.project_id);
        let label = l.t(
            "审定金额或审减（80 / -20 / -15%）：",
            "approved, or cut (80 / -20 / -15%): ",
        );
        labelled_field(frame, rows[2], label.into(), &self.amount, self.focus == 0);
        frame.render_widget(Paragraph::new(said.join("\n")).style(th.figure()), rows[3]);
        draw_error(frame, rows[4], th, &error);
        frame.render_widget(Paragraph::new(FormWords::ReasonsLabel.say(l)), rows[5]);
        self.reasons.draw(frame, rows[6], ctx, self.focus == 1);
        frame.render_widget(
            Paragraph::new(l.t("审核意见（可选）：", "comment (optional): ")),
            rows[7],
        );
        draw_field(frame, &self.comment, rows[8], self.focus == 2);
        let hints = if self.focus == 1 { REASON_HINTS } else { HINTS };
        draw_hints(frame, rows[9], ctx, hints);
    }
}
