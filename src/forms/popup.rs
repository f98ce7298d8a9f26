//! What every popup is drawn with: its frame, its text fields, the line
//! naming its project and its error line.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use ratatui_textarea::TextArea;

use super::{Ctx, NotYet, Target};
use crate::i18n::Lang;
use crate::layout;
use crate::text::{ascii_text, clean, width, wrap};
use crate::theme::Theme;
use crate::words::Say;
use crate::words::forms::FormLabel;
use crate::words::screen::{Current, Standing};

/// A framed popup of `w` × `h` in the middle of `full`, titled; returns
/// the area inside the frame.
pub fn dialog(frame: &mut Frame, theme: Theme, full: Rect, w: u16, h: u16, title: &str) -> Rect {
    let area = layout::centered(full, w, h);
    clear_over(frame, area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(theme.header());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    inner
}

/// Clears `area` for a popup drawn over the list. A double-width character
/// just left of it would have its right half under the popup's border: the
/// terminal would draw the character and drop the border, so it becomes a
/// blank.
pub fn clear_over(frame: &mut Frame, area: Rect) {
    if area.x > 0 {
        let buf = frame.buffer_mut();
        for y in area.top()..area.bottom() {
            if let Some(cell) = buf.cell_mut((area.x - 1, y))
                && unicode_width::UnicodeWidthStr::width(cell.symbol()) > 1
            {
                cell.set_symbol(" ");
            }
        }
    }
    frame.render_widget(Clear, area);
}

/// Draws a text field and, when it has focus, puts the terminal's own cursor
/// at the editing position so an input method composes in the right place.
pub fn draw_field(frame: &mut Frame, field: &TextArea<'_>, area: Rect, focus: bool) {
    frame.render_widget(field, area);
    if focus {
        let sc = field.screen_cursor();
        let (top, left) = field.scroll_offset();
        let x = area.x + (sc.col as u16).saturating_sub(left);
        let y = area.y + (sc.row as u16).saturating_sub(top);
        if x < area.right() && y < area.bottom() {
            frame.set_cursor_position(Position { x, y });
        }
    }
}

/// The project a form is about, with its request.
pub fn target_line(t: &Target, l: Lang) -> String {
    format!(
        "{} {} · {} {} 万元",
        clean(&t.code),
        clean(&t.name),
        FormLabel::Requested.word(l),
        t.requested.wan_display()
    )
}

/// What a form says it cannot save, on its error rows: the refusal of the
/// last Enter, else why what is typed is no decision (nothing while a
/// field is still empty).
pub fn shown_error<T>(preview: &Result<T, NotYet>, error: &Option<String>) -> Option<String> {
    match (error, preview) {
        (Some(e), _) => Some(e.clone()),
        (None, Err(NotYet::Invalid(e))) => Some(e.clone()),
        _ => None,
    }
}

/// An error as its rows show it, in lines of `width`: wrapped, never cut
/// at the box's edge (up to four lines, the rest on the status line).
fn error_lines(theme: Theme, e: &Option<String>, width: u16) -> Vec<String> {
    let Some(e) = e else {
        return vec![String::new()];
    };
    let text = format!("✗ {e}");
    let text = if theme.ascii { ascii_text(&text) } else { text };
    let mut lines = wrap(&clean(&text), usize::from(width.max(2)));
    lines.truncate(4);
    lines
}

/// How many rows a form's error takes at `width`: one when there is none.
pub fn error_height(theme: Theme, e: &Option<String>, width: u16) -> u16 {
    error_lines(theme, e, width).len() as u16
}

/// Draws the error rows into `area`.
pub fn draw_error(frame: &mut Frame, area: Rect, theme: Theme, e: &Option<String>) {
    let lines: Vec<Line> = error_lines(theme, e, area.width)
        .into_iter()
        .map(|l| Line::styled(l, theme.error()))
        .collect();
    frame.render_widget(Paragraph::new(lines), area);
}

/// The project's decision as it stands now, under the line naming it:
/// re-deciding starts from what stands.
pub fn draw_current(frame: &mut Frame, area: Rect, ctx: &Ctx, project_id: i64) {
    if let Some(r) = ctx.row(project_id) {
        let now = Current(Standing::of(r, ctx.stage)).say(ctx.lang);
        let style = ctx.theme.state(r.decision.state);
        frame.render_widget(Paragraph::new(clean(&now).into_owned()).style(style), area);
    }
}

/// The popup's rows, top down, each of its height.
pub fn rows(area: Rect, heights: &[u16]) -> Vec<Rect> {
    Layout::vertical(heights.iter().map(|&h| Constraint::Length(h)))
        .split(area)
        .to_vec()
}

/// A label with its text field after it, on one row.
pub fn labelled_field(
    frame: &mut Frame,
    area: Rect,
    label: Span<'_>,
    field: &TextArea<'_>,
    focus: bool,
) {
    let lw = width(&label.content) as u16;
    frame.render_widget(Paragraph::new(label), area);
    let fa = Rect {
        x: area.x + lw,
        width: area.width.saturating_sub(lw),
        ..area
    };
    draw_field(frame, field, fa, focus);
}
