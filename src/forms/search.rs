//! The search field on the status line: incremental, Enter keeps the
//! search, Esc drops it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use super::popup::draw_field;
use super::{Ctx, Outcome, Press, Submit, field_text, text_field};
use crate::keymap::Command;
use crate::text::width;
use crate::words::forms::FormLabel;

pub struct Search {
    pub field: TextArea<'static>,
}

impl Search {
    /// The field holding the search in force.
    pub fn open(search: &str) -> Search {
        Search {
            field: text_field(search),
        }
    }

    pub fn on_key(&mut self, press: &Press) -> Outcome {
        match press.command() {
            Some(Command::Confirm) => Outcome::Close,
            Some(Command::Back) => Outcome::Submit(Submit::ClearSearch),
            _ if self.field.input(press.ev) => {
                Outcome::Submit(Submit::Search(field_text(&self.field).replace('\n', " ")))
            }
            _ => Outcome::Stay,
        }
    }

    /// Pasted text, on one line; the search as it now reads.
    pub fn paste(&mut self, text: &str) -> String {
        super::paste_into(&mut self.field, text, false);
        field_text(&self.field)
    }

    /// Draws the field on the status line `area`, with how many projects
    /// match so far (`shown` of all) at the right.
    pub fn draw(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, shown: usize) {
        let label = FormLabel::Search.word(ctx.lang);
        let lw = width(label) as u16;
        frame.render_widget(Paragraph::new(label), area);
        let count = format!(" {shown}/{}", ctx.rows.len());
        let cw = (width(&count) as u16).min(area.width.saturating_sub(lw));
        frame.render_widget(
            Paragraph::new(Span::styled(count, ctx.theme.dim())),
            Rect {
                x: area.right() - cw,
                width: cw,
                ..area
            },
        );
        let fa = Rect {
            x: area.x + lw,
            width: area.width.saturating_sub(lw + cw),
            ..area
        };
        draw_field(frame, &self.field, fa, true);
    }
}
