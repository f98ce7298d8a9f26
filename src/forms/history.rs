//! The history overlay: the meeting's event log, newest first, taking in
//! other sessions' events as they commit; the filter key steps through the
//! reviewers who appear in it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::popup::dialog;
use super::{Ctx, Outcome, page, scroll};
use crate::domain::{Money, Stage};
use crate::event_words::EventWords;
use crate::i18n::Lang;
use crate::keymap::{Command, Mode};
use crate::store::EventRow;
use crate::text::{clean, truncate, width};
use crate::words::screen::short_time;

pub struct History {
    pub scroll: usize,
    /// Newest first, as loaded when opened and taken in since.
    pub events: Vec<EventRow>,
    /// Only this reviewer's events.
    pub reviewer: Option<String>,
}

impl History {
    /// The history of `events`, oldest first as the store gives them.
    pub fn open(mut events: Vec<EventRow>) -> History {
        events.reverse();
        History {
            scroll: 0,
            events,
            reviewer: None,
        }
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
            l.t("会审日志", "Meeting history"),
            l.t("评审人", "reviewer"),
            clean(reviewer.unwrap_or(l.t("全部", "all"))),
            l.t("切换", "switch")
        );
        let inner = dialog(
            frame,
            ctx.theme,
            full,
            full.width.saturating_sub(4),
            full.height.saturating_sub(2),
            &title,
        );
        // Only the lines in view are worded: a long meeting logs an event for
        // every decision and comment.
        let lines: Vec<Line> = shown(&self.events, reviewer)
            .skip(self.scroll)
            .take(usize::from(inner.height))
            .map(|e| {
                let head = format!(
                    "{} {} ({}) ",
                    short_time(&e.at),
                    clean(&e.reviewer),
                    clean(&e.os_user)
                );
                let room = usize::from(inner.width).saturating_sub(width(&head));
                let what = event_text(e, true, None, ctx.stage, l, room);
                Line::raw(head + &what)
            })
            .collect();
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

/// What an event did, after its time and reviewer, in at most `max` cells
/// (cut with `…`), in the words the log and the workbook use
/// ([`EventWords`]): the project only where it is not already on screen,
/// the decision made but not the one before it. The words are cleaned.
pub fn event_text(
    e: &EventRow,
    show_project: bool,
    requested: Option<Money>,
    stage: Stage,
    l: Lang,
    max: usize,
) -> String {
    let mut w = EventWords::without_old(e, requested, stage, l);
    if !show_project {
        w.project = None;
    }
    truncate(&w.line(), max)
}
