//! The adjust form (调整绩效目标): tick the indicators to revise and say
//! why; the amount stays as decided.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::popup::{dialog, draw_current, draw_error, draw_field, error_height, rows, target_line};
use super::{Ctx, Hint, Keys, Outcome, Press, Submit, Target};
use super::{draw_hints, field_text, text_box, type_into};
use crate::domain::{self, Adjust};
use crate::keymap::Command;
use crate::store::Indicator;
use crate::text::{clean, truncate};
use crate::words::Say;

pub struct AdjustForm {
    pub target: Target,
    /// (number, text, ticked)
    pub indicators: Vec<(u32, String, bool)>,
    pub cursor: usize,
    pub reason: TextArea<'static>,
    /// 0: indicator list, 1: reason
    pub focus: usize,
    pub error: Option<String>,
    /// The department's revision is in: Enter returns it again
    /// (退回重新修改) instead of sending the targets back afresh.
    pub returning: bool,
}

/// What the status line offers while the form is open.
pub const STATUS: &[Command] = &[
    Command::Toggle,
    Command::Confirm,
    Command::ConfirmNext,
    Command::Back,
    Command::NextField,
];

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

impl AdjustForm {
    /// The form on `target`'s indicators, ticked and reasoned as its
    /// current adjustment (if any) has them.
    pub fn open(target: Target, indicators: &[Indicator], current: Option<&Adjust>) -> AdjustForm {
        let returning = current.is_some_and(|a| a.revision == domain::Revision::Revised);
        // A revision returned names its own indicators afresh.
        let ticked = |n: u32| !returning && current.is_some_and(|a| a.indicators.contains(&n));
        let indicators = indicators
            .iter()
            .map(|i| {
                (
                    i.seq,
                    format!(
                        "{} / {} / {} {}{}",
                        i.level1, i.level2, i.indicator, i.target, i.unit
                    ),
                    ticked(i.seq),
                )
            })
            .collect();
        AdjustForm {
            target,
            indicators,
            cursor: 0,
            reason: text_box(if returning {
                ""
            } else {
                current.map(|a| a.reason.as_str()).unwrap_or("")
            }),
            focus: 0,
            error: None,
            returning,
        }
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        match press.on_list(self.focus == 1) {
            Some(Command::NextField | Command::PrevField) => self.focus = 1 - self.focus,
            Some(Command::Up) if self.focus == 0 => self.cursor = self.cursor.saturating_sub(1),
            Some(Command::Down) if self.focus == 0 => {
                self.cursor = (self.cursor + 1).min(self.indicators.len().saturating_sub(1))
            }
            Some(Command::Toggle) if self.focus == 0 => {
                if let Some(i) = self.indicators.get_mut(self.cursor) {
                    i.2 = !i.2;
                }
            }
            Some(Command::Confirm) => return self.confirm(ctx, false),
            Some(Command::ConfirmNext) => return self.confirm(ctx, true),
            Some(Command::Newline) if self.focus == 1 => self.reason.insert_newline(),
            _ if self.focus == 1 => {
                type_into(&mut self.reason, press.ev);
                self.error = None;
            }
            _ => {}
        }
        Outcome::Stay
    }

    fn confirm(&mut self, ctx: &Ctx, next: bool) -> Outcome {
        let adjust = Adjust::new(
            self.indicators
                .iter()
                .filter(|i| i.2)
                .map(|i| i.0)
                .collect(),
            field_text(&self.reason),
        );
        // A revision in to review: sent back again.
        let command = if self.returning {
            domain::Command::ReturnRevision(adjust)
        } else {
            domain::Command::Adjust(adjust)
        };
        // Checked against the decision as it stands (a cancelled project
        // has no targets left), as the store will.
        let pending = domain::Decision::pending();
        let current = ctx
            .row(self.target.project_id)
            .map_or(&pending, |r| &r.decision);
        match domain::decide(current, self.target.requested, &command) {
            Err(e) => {
                self.error = Some(e.say(ctx.lang));
                Outcome::Stay
            }
            Ok(_) => Outcome::Submit(Submit::Decide {
                reasons: None,
                target: self.target.clone(),
                command,
                comment: None,
                next,
            }),
        }
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let w = 76.min(full.width);
        let eh = error_height(th, &self.error, w.saturating_sub(2));
        let n = self.indicators.len() as u16;
        let h = (n.max(1) + 9 + eh).min(full.height);
        let title = if self.returning {
            l.t("退回重新修改", "Return the revision")
        } else {
            l.t("调整绩效目标", "Adjust targets")
        };
        let inner = dialog(frame, th, full, w, h, title);
        let rows = rows(inner, &[1, 1, 1, n.max(1), 1, 2, eh, 1]);
        frame.render_widget(Paragraph::new(target_line(&self.target, l)), rows[0]);
        draw_current(frame, rows[1], ctx, self.target.project_id);
        let rows = &rows[1..];
        frame.render_widget(
            Paragraph::new(l.t(
                "选择需调整的指标（空格选中）：",
                "indicators to revise (space ticks):",
            )),
            rows[1],
        );
        let items: Vec<Line> = self
            .indicators
            .iter()
            .enumerate()
            .map(|(i, (n, text, on))| {
                let line = Line::raw(truncate(
                    &format!("[{}] {n}. {}", if *on { "x" } else { " " }, clean(text)),
                    rows[2].width as usize,
                ));
                if self.focus == 0 && i == self.cursor {
                    line.style(th.selected())
                } else {
                    line
                }
            })
            .collect();
        frame.render_widget(Paragraph::new(items), rows[2]);
        frame.render_widget(Paragraph::new(l.t("理由：", "reason:")), rows[3]);
        draw_field(frame, &self.reason, rows[4], self.focus == 1);
        draw_error(frame, rows[5], th, &self.error);
        draw_hints(frame, rows[6], ctx, HINTS);
    }
}
