//! The sort form: the list sorted by a column, again for the reverse, or
//! back in submission order.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::popup::dialog;
use super::{Ctx, Hint, Keys, Outcome, Press, Submit, hint_line};
use crate::keymap::Command;
use crate::listing::{SORT_COLUMNS, Sort};
use crate::words::forms::FormLabel;

pub struct SortForm {
    /// Index into `SORT_COLUMNS`; one past its end is submission order.
    pub cursor: usize,
    /// The sort in force when the form opened.
    pub current: Sort,
}

/// The form's hint line.
const HINTS: &[Hint] = &[(
    Keys::One(Command::Confirm),
    "排序，再按一次倒序",
    "sorts; again reverses",
)];

impl SortForm {
    /// The form on the sort in force.
    pub fn open(current: Sort) -> SortForm {
        let cursor = current
            .and_then(|(c, _)| SORT_COLUMNS.iter().position(|&x| x == c))
            .unwrap_or(0);
        SortForm { cursor, current }
    }

    pub fn on_key(&mut self, press: &Press) -> Outcome {
        match press.on_list(false) {
            Some(Command::Up) => self.cursor = self.cursor.saturating_sub(1),
            Some(Command::Down | Command::NextField) => {
                self.cursor = (self.cursor + 1).min(SORT_COLUMNS.len())
            }
            Some(Command::Confirm | Command::Toggle) => {
                // The column in force again reverses it.
                let sort = match SORT_COLUMNS.get(self.cursor) {
                    None => None,
                    Some(&c) => match self.current {
                        Some((old, desc)) if old == c => Some((c, !desc)),
                        _ => Some((c, false)),
                    },
                };
                return Outcome::Submit(Submit::Sort(sort));
            }
            _ => {}
        }
        Outcome::Stay
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let h = SORT_COLUMNS.len() as u16 + 4;
        let inner = dialog(frame, th, full, 40, h, FormLabel::SortBy.word(l));
        let mut lines: Vec<Line> = SORT_COLUMNS
            .iter()
            .map(|c| {
                let mark = match self.current {
                    Some((sc, d)) if sc == *c => {
                        if d {
                            " ↓"
                        } else {
                            " ↑"
                        }
                    }
                    _ => "",
                };
                format!("{}{mark}", c.label(l))
            })
            .chain(std::iter::once(
                FormLabel::SubmissionOrder.word(l).to_string(),
            ))
            .enumerate()
            .map(|(i, s)| {
                let line = Line::raw(s);
                if i == self.cursor {
                    line.style(th.selected())
                } else {
                    line
                }
            })
            .collect();
        lines.push(Line::styled(hint_line(ctx, HINTS), th.dim()));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
