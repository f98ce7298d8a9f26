//! The history overlay: the meeting's event log, newest first, taking in
//! other sessions' events as they commit; the filter key steps through the
//! reviewers who appear in it. Each event in the words of `huishen log`
//! (from what to what, a cut with its amount), wrapped, never cut; the
//! event at the top is the selected one, and Enter goes to its project.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::popup::dialog;
use super::{Ctx, Outcome, page, scroll};
use std::collections::HashMap;

use crate::domain::{Money, Stage};
use crate::i18n::Lang;
use crate::keymap::{Command, Mode};
use crate::store::{EventRow, ProjectRow};
use crate::text::{clean, width as width_of, wrap};
use crate::words::event::EventWords;
use crate::words::forms::FormLabel;
use crate::words::screen::short_time;

pub struct History {
    /// The event at the top, the selected one (among those shown).
    pub scroll: usize,
    /// Newest first, as loaded when opened and taken in since.
    pub events: Vec<EventRow>,
    /// Only this reviewer's events.
    pub reviewer: Option<String>,
    /// Each project's request, by code: a cut is worded with its amount.
    requested: HashMap<String, Money>,
}

impl History {
    /// The history of `events`, oldest first as the store gives them, of
    /// the meeting's `rows`.
    pub fn open(mut events: Vec<EventRow>, rows: &[ProjectRow]) -> History {
        events.reverse();
        History {
            scroll: 0,
            events,
            reviewer: None,
            requested: rows
                .iter()
                .map(|r| (r.code.to_string(), r.requested))
                .collect(),
        }
    }

    /// The selected event: the one at the top.
    fn selected(&self) -> Option<&EventRow> {
        shown(&self.events, self.reviewer.as_deref()).nth(self.scroll)
    }

    /// The newest event shown, to read what came after it.
    pub fn newest(&self) -> i64 {
        self.events.first().map_or(0, |e| e.id)
    }

    /// Takes in events committed since (oldest first) at the top; scrolled
    /// down, the lines in view stay where they are.
    pub fn take_in(&mut self, fresh: Vec<EventRow>) {
        if self.scroll > 0 {
            self.scroll += shown(&fresh, self.reviewer.as_deref()).count();
        }
        self.events.splice(0..0, fresh.into_iter().rev());
    }

    pub fn on_command(&mut self, cmd: Command, ctx: &Ctx) -> Outcome {
        // Enter: to the selected event's project (an event of none stays).
        if cmd == Command::ToggleDetail {
            return match self.selected().and_then(|e| e.project.clone()) {
                Some(code) => Outcome::GoTo(code),
                None => Outcome::Stay,
            };
        }
        if cmd == Command::Filter {
            // Step through the reviewers who appear in the log.
            let mut names: Vec<&str> = self.events.iter().map(|e| e.reviewer.as_str()).collect();
            names.sort_unstable();
            names.dedup();
            let next = match self.reviewer.as_deref() {
                None => names.first(),
                Some(r) => names.iter().skip_while(|n| **n != r).nth(1),
            };
            self.reviewer = next.map(|n| n.to_string());
            self.scroll = 0;
            return Outcome::Stay;
        }
        // The last line may scroll to the top, no further.
        let last = shown(&self.events, self.reviewer.as_deref())
            .count()
            .saturating_sub(1);
        scroll(cmd, &mut self.scroll, last, page(ctx))
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let l = ctx.lang;
        let reviewer = self.reviewer.as_deref();
        let filter_key = ctx
            .keymap
            .key_for(Mode::Detail, Command::Filter)
            .map(|k| k.to_string())
            .unwrap_or_default();
        let title = format!(
            "{} — {} {} ({filter_key} {})",
            FormLabel::HistoryTitle.word(l),
            FormLabel::Reviewer.word(l),
            clean(reviewer.unwrap_or(FormLabel::All.word(l))),
            FormLabel::Switch.word(l)
        );
        let inner = dialog(
            frame,
            ctx.theme,
            full,
            full.width.saturating_sub(4),
            full.height.saturating_sub(2),
            &title,
        );
        // Only the events in view are worded: a long meeting logs an event
        // for every decision and comment. Each wraps under its words.
        let width = usize::from(inner.width);
        let mut lines: Vec<Line> = Vec::new();
        for (i, e) in shown(&self.events, reviewer).skip(self.scroll).enumerate() {
            if lines.len() >= usize::from(inner.height) {
                break;
            }
            let head = format!(
                "{} {} ({}) ",
                short_time(&e.at),
                clean(&e.reviewer),
                clean(&e.os_user)
            );
            let requested = e
                .project
                .as_ref()
                .and_then(|c| self.requested.get(c))
                .copied();
            let what = EventWords::of(e, requested, ctx.stage, l).line();
            let indent = if width >= width_of(&head) + 20 {
                width_of(&head)
            } else {
                2
            };
            // The continuation lines under the words (or, on a narrow
            // screen, indented a little), as wide as the first.
            let room = width.saturating_sub(width_of(&head)).max(2);
            let mut parts = wrap(&what, room).into_iter();
            let mut text = vec![head + &parts.next().unwrap_or_default()];
            text.extend(parts.map(|part| format!("{}{part}", " ".repeat(indent))));
            for t in text {
                let line = Line::raw(t);
                lines.push(if i == 0 {
                    line.style(ctx.theme.selected())
                } else {
                    line
                });
            }
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }
}

/// The events a reviewer filter lets through, in their order.
fn shown<'a>(
    events: &'a [EventRow],
    reviewer: Option<&'a str>,
) -> impl Iterator<Item = &'a EventRow> {
    events
        .iter()
        .filter(move |e| reviewer.is_none_or(|r| e.reviewer == r))
}

/// What an event did to a project, in the detail pane's record of it:
/// the decision it made, in the words of `huishen log`, without the
/// project (the pane is about it) and the decision before (the record
/// above it says that), cleaned.
pub fn event_text(e: &EventRow, requested: Option<Money>, stage: Stage, l: Lang) -> String {
    let mut w = EventWords::without_old(e, requested, stage, l);
    w.project = None;
    w.line()
}
