//! The reasons for a cut or a cancellation (审减原因), picked in the cut and
//! cancel forms before the comment: the nth key of `pick` ticks the nth
//! reason, up and down move over them, the toggle key ticks the one under
//! the cursor (for a list longer than the pick keys).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Ctx, Press};
use crate::domain::CutReason;
use crate::keymap::{Command, Mode};
use crate::text::{clean, pad_right, width};

/// The reasons ticked, by id, and where the cursor is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReasonPicker {
    pub chosen: Vec<i64>,
    pub cursor: usize,
}

impl ReasonPicker {
    /// Ticked as the project's decision has them now.
    pub fn open(current: &[CutReason]) -> ReasonPicker {
        ReasonPicker {
            chosen: current.iter().map(|r| r.id).collect(),
            cursor: 0,
        }
    }

    /// The ids ticked, in the list's order.
    pub fn ids(&self, list: &[CutReason]) -> Vec<i64> {
        list.iter()
            .filter(|r| self.chosen.contains(&r.id))
            .map(|r| r.id)
            .collect()
    }

    fn toggle(&mut self, id: i64) {
        match self.chosen.iter().position(|&c| c == id) {
            Some(at) => {
                self.chosen.remove(at);
            }
            None => self.chosen.push(id),
        }
    }

    /// A key while the picker has the focus; true if it took it. Only the
    /// pick keys (digits), the toggle key (space) and the arrows: any other
    /// text begins the comment.
    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> bool {
        let n = ctx.reasons.len();
        match press.command() {
            Some(Command::Pick) => {
                if let Some(i) = ctx.keymap.nth(Mode::Input, Command::Pick, press.key)
                    && let Some(r) = ctx.reasons.get(i)
                {
                    self.cursor = i;
                    self.toggle(r.id);
                }
                true
            }
            Some(Command::Toggle) => {
                if let Some(r) = ctx.reasons.get(self.cursor) {
                    self.toggle(r.id);
                }
                true
            }
            Some(Command::Down) => {
                self.cursor = (self.cursor + 1).min(n.saturating_sub(1));
                true
            }
            Some(Command::Up) => {
                self.cursor = self.cursor.saturating_sub(1);
                true
            }
            _ => false,
        }
    }

    /// How many rows the reasons take at `width`: two columns where they
    /// fit, else one.
    pub fn height(ctx: &Ctx, w: u16) -> u16 {
        let cols = Self::columns(ctx, w);
        ctx.reasons.len().div_ceil(cols).max(1) as u16
    }

    fn columns(ctx: &Ctx, w: u16) -> usize {
        let widest = ctx
            .reasons
            .iter()
            .map(|r| width(&cell(r, false)))
            .max()
            .unwrap_or(0);
        if widest * 2 + 2 <= usize::from(w) {
            2
        } else {
            1
        }
    }

    /// Draws the reasons, ticked `[x]`, the one under the cursor marked
    /// while the picker has the focus.
    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, focus: bool) {
        let th = ctx.theme;
        let cols = Self::columns(ctx, area.width);
        let per = ctx.reasons.len().div_ceil(cols).max(1);
        let col_w = usize::from(area.width) / cols;
        let mut lines: Vec<Line> = Vec::with_capacity(per);
        for row in 0..per {
            let mut spans = Vec::new();
            for c in 0..cols {
                let i = c * per + row;
                let Some(r) = ctx.reasons.get(i) else {
                    continue;
                };
                let ticked = self.chosen.contains(&r.id);
                let text = pad_right(&cell(r, ticked), col_w);
                let style = if focus && i == self.cursor {
                    th.selected()
                } else if ticked {
                    th.figure()
                } else {
                    ratatui::style::Style::default()
                };
                spans.push(Span::styled(text, style));
            }
            lines.push(Line::from(spans));
        }
        frame.render_widget(Paragraph::new(lines), area);
    }
}

/// `[x] 3 上年执行率低`.
fn cell(r: &CutReason, ticked: bool) -> String {
    format!(
        "[{}] {} {}",
        if ticked { "x" } else { " " },
        r.number,
        clean(&r.name)
    )
}
