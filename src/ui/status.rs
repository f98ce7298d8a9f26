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
use crate::text::{clean, truncate};

/// Short hints for the status line, generated from the keymap in force.
fn hints(app: &App) -> String {
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
    const EVERY: &[Command] = &[
        Command::Comment,
        Command::Search,
        Command::NextPending,
        Command::Help,
        Command::Quit,
    ];
    let (first, then): (&[Command], &[Command]) = match mode {
        Mode::Input => (app.overlay.status_commands(), &[]),
        Mode::Detail => (
            &[Command::Back, Command::Up, Command::Down, Command::Help],
            &[],
        ),
        _ if stage == Stage::Monitoring => (MONITOR, EVERY),
        _ if stage == Stage::PostEvaluation => (EVALUATE, EVERY),
        _ => (DECIDE, EVERY),
    };
    first
        .iter()
        .chain(then)
        .filter_map(|&c| {
            let k = app.keymap.key_for(mode, c)?;
            let (zh, en) = c.describe_at(stage);
            let d = app.lang.t(zh, en);
            let d = d.split(['（', '(', ',', '，']).next().unwrap_or(d).trim();
            Some(format!("{k} {d}"))
        })
        .collect::<Vec<_>>()
        .join("  ")
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
        None => (
            vec![truncate(&clean(&format!("{left}{}", hints(app))), width)],
            th.dim(),
        ),
    }
}
