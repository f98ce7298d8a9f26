//! The cut form (审减): the approved amount or the cut (80, -20, -15%), a
//! live preview of what it does to the project and the meeting's cut rate,
//! and an optional comment.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::popup::{
    dialog, draw_error, draw_field, labelled_field, not_yet_line, rows, target_line,
};
use super::{Ctx, Hint, Keys, NotYet, Outcome, Press, Submit, Target};
use super::{draw_hints, field_text, submit_checked, text_box, text_field, type_into};
use crate::domain::decision::{CutInput, check_cut};
use crate::domain::tally::percent_half_up;
use crate::domain::{self, Money, State, Unit};
use crate::keymap::Command;
use crate::words::Say;
use crate::words::screen::Note;

pub struct CutForm {
    pub target: Target,
    pub amount: TextArea<'static>,
    pub comment: TextArea<'static>,
    /// 0: amount, 1: comment
    pub focus: usize,
    pub error: Option<String>,
}

/// What a cut would do, shown before Enter commits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CutPreview {
    pub approved: Money,
    pub cut: Money,
    pub rate: Option<rust_decimal::Decimal>,
    pub overall_rate: Option<rust_decimal::Decimal>,
}

/// The form's hint line.
const HINTS: &[Hint] = &[
    (Keys::One(Command::Confirm), "保存", "save"),
    (Keys::One(Command::NextField), "切换", "switch field"),
    (Keys::One(Command::Back), "放弃", "abandon"),
];

impl CutForm {
    pub fn open(target: Target) -> CutForm {
        CutForm {
            target,
            amount: text_field(""),
            comment: text_box(""),
            focus: 0,
            error: None,
        }
    }

    /// The preview: approved, cut, and the overall cut rate the meeting
    /// would have; or why the input is not (yet) a valid cut.
    pub fn preview(&self, ctx: &Ctx) -> Result<CutPreview, NotYet> {
        let text = field_text(&self.amount);
        if text.trim().is_empty() {
            return Err(NotYet::Empty);
        }
        let invalid = |e: &dyn Say| NotYet::Invalid(e.say(ctx.lang));
        let input = CutInput::parse(&text, Unit::Wan).map_err(|e| invalid(&e))?;
        let requested = self.target.requested;
        let approved = input.approved_for(requested);
        check_cut(approved, requested).map_err(|e| invalid(&e))?;
        let cut = requested - approved;
        // The overall figures with this project's current decision replaced.
        let t = ctx.total;
        let current = ctx
            .row(self.target.project_id)
            .map(|r| (r.decision.state.is_decided(), r.decision.cut(r.requested)))
            .unwrap_or((false, Money::ZERO));
        let decided_requested = if current.0 {
            t.decided_requested
        } else {
            t.decided_requested + requested
        };
        let total_cut = t.cut - current.1 + cut;
        Ok(CutPreview {
            approved,
            cut,
            rate: percent_half_up(cut, requested),
            overall_rate: percent_half_up(total_cut, decided_requested),
        })
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        match press.on_list(true) {
            Some(Command::NextField | Command::PrevField) => self.focus = 1 - self.focus,
            Some(Command::Confirm) => return self.confirm(ctx),
            Some(Command::Newline) if self.focus == 1 => self.comment.insert_newline(),
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

    fn confirm(&mut self, ctx: &Ctx) -> Outcome {
        let checked = self.preview(ctx).map(|p| Submit::Decide {
            target: self.target.clone(),
            command: domain::Command::Cut(p.approved),
            comment: Some(field_text(&self.comment)),
        });
        submit_checked(&mut self.error, checked, Note::TypeCutAmount, ctx.lang)
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let inner = dialog(frame, th, full, 72, 12, l.t("审减", "Cut"));
        let rows = rows(inner, &[1, 1, 1, 1, 1, 3, 1]);
        frame.render_widget(Paragraph::new(target_line(&self.target, l)), rows[0]);
        let label = l.t(
            "审定金额或审减（80 / -20 / -15%）：",
            "approved, or cut (80 / -20 / -15%): ",
        );
        labelled_field(frame, rows[1], label.into(), &self.amount, self.focus == 0);
        let preview = match self.preview(ctx) {
            Ok(p) => Line::from(vec![
                Span::raw(format!("→ {} ", l.t("审定", "approved"))),
                Span::styled(p.approved.wan_display(), th.figure()),
                Span::raw(format!("  {} ", l.t("审减", "cut"))),
                Span::styled(p.cut.wan_display(), th.state(State::Cut)),
                Span::raw(format!(
                    " ({})  {} {}",
                    p.rate.map(|r| format!("{r}%")).unwrap_or_default(),
                    l.t("总审减率", "overall rate"),
                    p.overall_rate
                        .map(|r| format!("{r}%"))
                        .unwrap_or_else(|| "—".into())
                )),
            ]),
            Err(why) => not_yet_line(th, &why, &self.error),
        };
        frame.render_widget(Paragraph::new(preview), rows[2]);
        draw_error(frame, rows[3], th, &self.error);
        frame.render_widget(
            Paragraph::new(l.t("审核意见（可选）：", "comment (optional): ")),
            rows[4],
        );
        draw_field(frame, &self.comment, rows[5], self.focus == 1);
        draw_hints(frame, rows[6], ctx, HINTS);
    }
}
