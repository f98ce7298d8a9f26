//! The status line: the hints for the keys in force, a message, or the
//! search field.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Paragraph;

use crate::app::{App, Level};
use crate::domain::Stage;
use crate::keymap::{Command, Mode};
use crate::layout;
use crate::text::{clean, truncate, width};

/// Short hints for the status line, generated from the keymap in force,
/// in at most `room` cells: help and quit always there, at the end; the
/// others as many as fit, in order.
fn hints(app: &App, room: usize) -> String {
    let mode = app.mode();
    let stage = app.stage();
    // The list's hints: the stage's decisions, then what every stage has.
    // Later stages decide through the stage form; approve keeps
    // (post-evaluation only) and adjusting targets is not theirs.
    const DECIDE: &[Command] = &[
        Command::Approve,
        Command::Cut,
        Command::Cancel,
        Command::Adjust,
    ];
    const MONITOR: &[Command] = &[Command::Cut, Command::Cancel];
    const EVALUATE: &[Command] = &[Command::Cut, Command::Approve, Command::Cancel];
    const EVERY: &[Command] = &[Command::Comment, Command::Search, Command::NextPending];
    const ALWAYS: &[Command] = &[Command::Help, Command::Quit];
    let (first, then, always): (&[Command], &[Command], &[Command]) = match mode {
        Mode::Input => (app.overlay.status_commands(), &[], &[]),
        Mode::Detail => (&[Command::Back, Command::Up, Command::Down], &[], ALWAYS),
        Mode::Tally => (
            &[Command::Confirm, Command::Sort, Command::Back],
            &[],
            ALWAYS,
        ),
        _ if stage == Stage::Monitoring => (MONITOR, EVERY, ALWAYS),
        _ if stage == Stage::PostEvaluation => (EVALUATE, EVERY, ALWAYS),
        _ => (DECIDE, EVERY, ALWAYS),
    };
    let hint = |&c: &Command| {
        let k = app.keymap.key_for(mode, c)?;
        let (zh, en) = c.describe_at(stage);
        let d = app.lang.t(zh, en);
        let d = d.split(['（', '(', ',', '，']).next().unwrap_or(d).trim();
        Some(format!("{k} {d}"))
    };
    const SEP: &str = "  ";
    let end: Vec<String> = always.iter().filter_map(hint).collect();
    let end = end.join(SEP);
    let mut room = room.saturating_sub(width(&end) + if end.is_empty() { 0 } else { 2 });
    let mut shown: Vec<String> = Vec::new();
    for h in first.iter().chain(then).filter_map(hint) {
        let w = width(&h) + if shown.is_empty() { 0 } else { 2 };
        if w > room {
            break;
        }
        room -= w;
        shown.push(h);
    }
    if !end.is_empty() {
        shown.push(end);
    }
    shown.join(SEP)
}

pub fn draw_status(frame: &mut Frame, app: &App, area: Rect) {
    if let Some(search) = &app.searching {
        search.draw(frame, area, &app.ctx(), app.view.len());
        return;
    }
    let (lines, style) = status_lines(app, area.width);
    frame.render_widget(Paragraph::new(lines.join("\n")).style(style), area);
}

/// The status line's text, in lines of `width`: the hints on one line (cut
/// where they end), a message wrapped over as many as it needs (up to
/// three), so a refusal's who, what and when reach an 80-column terminal.
fn status_lines(app: &App, width: u16) -> (Vec<String>, Style) {
    let th = app.theme;
    let width = usize::from(width);
    if app.searching.is_some() {
        return (vec![String::new()], Style::default());
    }
    let left = app.status_prefix();
    match &app.message {
        Some(m) => (
            layout::message_lines(&format!("{left}{}", m.text), width),
            if m.level == Level::Error {
                th.error()
            } else {
                th.info()
            },
        ),
        None => {
            let room = width.saturating_sub(crate::text::width(&left));
            let line = clean(&format!("{left}{}", hints(app, room))).into_owned();
            (vec![truncate(&line, width)], th.dim())
        }
    }
}
