//! Where each part of the screen goes, as arithmetic on its size: below
//! both the app (which must know how many rows the list shows, to keep the
//! selection in view) and the views (which draw into these areas).
//!
//! The tally bar and the status line take the lines their text needs at the
//! screen's width, so the list's height depends on what they say: the bar's
//! figures ([`bar`]) and the message's wrapping are here too.

pub mod bar;
pub mod columns;

use ratatui::layout::{Constraint, Layout, Rect};

use crate::i18n::Lang;
use crate::text::{clean, truncate, wrap};
use crate::words::list::ListLabel;

/// The smallest terminal the screen is drawn in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// What decides the screen's layout besides its size: how many lines the
/// tally bar and the status line need, and which panes are open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shape {
    pub tally_lines: u16,
    pub status_lines: u16,
    pub show_detail: bool,
    pub detail_focus: bool,
    pub show_tally: bool,
}

pub struct Areas {
    pub title: Rect,
    pub list: Rect,
    pub detail: Option<Rect>,
    pub tally: Rect,
    pub status: Rect,
}

pub fn areas(full: Rect, shape: &Shape) -> Areas {
    let [title, body, tally, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(shape.tally_lines),
        Constraint::Length(shape.status_lines),
    ])
    .areas(full);
    let (list, detail) = if shape.detail_focus {
        (Rect { height: 0, ..body }, Some(body))
    } else if shape.show_detail && body.width >= 120 {
        let [l, d] = Layout::horizontal([Constraint::Percentage(62), Constraint::Percentage(38)])
            .areas(body);
        (l, Some(d))
    } else if shape.show_detail && body.height >= 28 {
        let [l, d] =
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(body);
        (l, Some(d))
    } else {
        (body, None)
    };
    Areas {
        title,
        list,
        detail,
        tally,
        status,
    }
}

/// How many project rows the list shows on a screen of `full`.
pub fn list_capacity(full: Rect, shape: &Shape) -> u16 {
    let a = areas(full, shape);
    let list = if shape.show_tally {
        tally_split(a.list).0
    } else {
        a.list
    };
    list.height.saturating_sub(1)
}

/// The list's area shared with the tally panel below it: (list, panel).
pub fn tally_split(list: Rect) -> (Rect, Rect) {
    let [l, t] =
        Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(list);
    (l, t)
}

/// A `w` × `h` area in the middle of `full`, no larger than it.
pub fn centered(full: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(full.width);
    let h = h.min(full.height);
    Rect {
        x: full.x + (full.width - w) / 2,
        y: full.y + (full.height - h) / 2,
        width: w,
        height: h,
    }
}

/// The most lines a message takes on the status line.
pub const STATUS_LINES: usize = 3;

/// What the status line says before a message or the hints: the loading
/// progress, the search, whether a filter is on, and how many rows show.
pub fn status_prefix(
    l: Lang,
    loading: Option<(usize, u64)>,
    search: &str,
    filtered: bool,
    shown: (usize, usize),
) -> String {
    let mut left = String::new();
    if let Some((read, all)) = loading {
        left += &format!("{} {read}/{all}… ", ListLabel::Loading.word(l));
    }
    if !search.is_empty() {
        left += &format!("/{} ", clean(search));
    }
    if filtered {
        left += &format!("[{}] ", ListLabel::Filtered.word(l));
    }
    if !search.is_empty() || filtered {
        left += &format!("{}/{} · ", shown.0, shown.1);
    }
    left
}

/// A message on the status line in lines of `width`: wrapped over as many
/// as it needs, up to three, so a refusal's who, what and when reach an
/// 80-column terminal.
pub fn message_lines(text: &str, width: usize) -> Vec<String> {
    let mut lines = wrap(&clean(text), width);
    if lines.len() > STATUS_LINES {
        let rest = lines.split_off(STATUS_LINES - 1).join("");
        lines.push(truncate(&rest, width));
    }
    lines
}
