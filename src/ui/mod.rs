//! Views: pure functions of the app state onto a frame. Each part of the
//! screen is a file; the popups draw themselves (`crate::forms`).

mod detail;
mod list;
mod status;
mod tally;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::app::App;
use crate::layout::{self, Areas};
use crate::text::{clean, pad_right, truncate, width};
use crate::words::Say;
use crate::words::list::ListLabel;
use crate::words::list::TooSmall;
use detail::draw_detail;
use list::draw_list;
use status::draw_status;
use tally::{draw_tally_bar, draw_tally_panel};

pub use crate::layout::{MIN_HEIGHT, MIN_WIDTH};
pub use crate::theme::Theme;

fn areas(app: &App, full: Rect) -> Areas {
    layout::areas(full, &app.shape(full.width))
}

pub fn draw(frame: &mut Frame, app: &App) {
    if let Some(board) = &app.board {
        // The board over the whole screen; it draws its own ASCII glyphs.
        let cx = crate::board::draw::Ctx {
            lang: app.lang,
            theme: app.theme,
            keymap: &app.keymap,
            over_screen: true,
        };
        crate::board::draw::draw(frame, frame.area(), &board.0, &board.1, &cx);
        return;
    }
    draw_screen(frame, app);
    if app.theme.ascii {
        ascii_cells(frame.buffer_mut());
    }
}

/// Every glyph a terminal may draw two cells wide, in ASCII: box lines,
/// quotes, ellipses, arrows, the middle dot (the setting for
/// ambiguous-width terminals, see `crate::term`).
fn ascii_cells(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        let mut chars = cell.symbol().chars();
        if let (Some(c), None) = (chars.next(), chars.next())
            && let Some(a) = crate::text::ascii_glyph(c)
        {
            cell.set_char(a);
        }
    }
}

fn draw_screen(frame: &mut Frame, app: &App) {
    let full = frame.area();
    if full.width < MIN_WIDTH || full.height < MIN_HEIGHT {
        let msg = TooSmall {
            need: (MIN_WIDTH, MIN_HEIGHT),
            have: (full.width, full.height),
        }
        .say(app.lang);
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), full);
        return;
    }
    let a = areas(app, full);
    draw_title(frame, app, a.title);
    let list_area = if app.show_tally {
        let (l, t) = layout::tally_split(a.list);
        draw_tally_panel(frame, app, t);
        l
    } else {
        a.list
    };
    if list_area.height > 0 {
        draw_list(frame, app, list_area);
    }
    if let Some(d) = a.detail {
        draw_detail(frame, app, d);
    }
    draw_tally_bar(frame, app, a.tally);
    draw_status(frame, app, a.status);
    app.overlay.draw(frame, full, &app.ctx());
}

fn draw_title(frame: &mut Frame, app: &App, area: Rect) {
    let l = app.lang;
    let file = app
        .store
        .path()
        .file_name()
        .map(|f| f.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut head = format!(" {} ", ListLabel::Huishen.word(l));
    // The target review is the default and says nothing more.
    if let Some(st) = crate::domain::Stage::parse(&app.meeting.stage)
        .filter(|s| *s != crate::domain::Stage::TargetReview)
    {
        head += &format!("· {} ", l.t(st.zh(), st.en()));
    }
    let mut tail = format!(
        "· {} · {} {}",
        clean(&file),
        ListLabel::Reviewer.word(l),
        clean(&app.actor.name)
    );
    if let Some(why) = &app.read_only {
        tail += &format!(" · {}", why.say(l));
    }
    // Who reads and why they cannot write matter more than the meeting's
    // title, which everyone knows: on a narrow terminal the title gives way.
    let title = clean(&app.meeting.title);
    let room = usize::from(area.width).saturating_sub(width(&head) + width(&tail) + 3);
    let title = if title.is_empty() || room < 6 {
        String::new()
    } else {
        format!("· {} ", truncate(&title, room))
    };
    let text = format!("{head}{title}{tail}");
    frame.render_widget(
        Paragraph::new(pad_right(&text, area.width as usize)).style(app.theme.title()),
        area,
    );
}
