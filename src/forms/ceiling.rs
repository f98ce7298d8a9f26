//! The department ceiling form (控制数): the chair types the ceiling of the
//! selected project's department in 万元; empty clears it. The form shows
//! what the department is heading for and how much must still be cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::popup::{dialog, draw_error, error_height, labelled_field, rows};
use super::{Ctx, Hint, Keys, Outcome, Press, Submit};
use super::{draw_hints, field_text, text_field, type_into};
use crate::domain::{Fit, Money, Unit, parse_amount};
use crate::keymap::Command;
use crate::text::clean;
use crate::words::Say;
use crate::words::weigh::CeilingWords;

pub struct CeilingForm {
    pub department: String,
    /// What the department is heading for now, against its ceiling if it
    /// has one: (projected, fit).
    pub projected: Money,
    pub fit: Option<Fit>,
    pub amount: TextArea<'static>,
    pub error: Option<String>,
}

const HINTS: &[Hint] = &[
    (Keys::One(Command::Confirm), "保存", "save"),
    (Keys::One(Command::Back), "放弃", "abandon"),
];

impl CeilingForm {
    pub fn open(department: String, projected: Money, fit: Option<Fit>) -> CeilingForm {
        let initial = fit.map(|f| f.ceiling.wan_string()).unwrap_or_default();
        let mut amount = text_field(&initial);
        // The ceiling in force, selected: what is typed replaces it (not
        // 240.00230), an arrow keeps it to edit.
        if !initial.is_empty() {
            amount.select_all();
        }
        CeilingForm {
            department,
            projected,
            fit,
            amount,
            error: None,
        }
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        match press.on_list(true) {
            Some(Command::Confirm) => {
                let text = field_text(&self.amount);
                let amount = if text.trim().is_empty() {
                    None
                } else {
                    match parse_amount(&text, Unit::Wan) {
                        Ok(m) => Some(m),
                        Err(e) => {
                            self.error = Some(e.say(ctx.lang));
                            return Outcome::Stay;
                        }
                    }
                };
                return Outcome::Submit(Submit::DepartmentCeiling {
                    department: self.department.clone(),
                    amount,
                });
            }
            _ => {
                type_into(&mut self.amount, press.ev);
                self.error = None;
            }
        }
        Outcome::Stay
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let w = 64.min(full.width);
        let eh = error_height(th, &self.error, w.saturating_sub(2));
        let title = CeilingWords::Title.say(l);
        let inner = dialog(frame, th, full, w, 6 + eh, &title);
        let rows = rows(inner, &[1, 1, 1, eh, 1]);
        frame.render_widget(
            Paragraph::new(clean(&self.department).into_owned()),
            rows[0],
        );
        let now = CeilingWords::Standing {
            projected: self.projected,
            fit: self.fit,
        };
        let style = match self.fit {
            Some(f) if f.is_over() => th.error(),
            _ => th.figure(),
        };
        frame.render_widget(Paragraph::new(now.say(l)).style(style), rows[1]);
        let label = CeilingWords::Label.say(l);
        labelled_field(frame, rows[2], label.into(), &self.amount, true);
        draw_error(frame, rows[3], th, &self.error);
        draw_hints(frame, rows[4], ctx, HINTS);
    }
}
