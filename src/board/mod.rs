//! The board: the meeting as a room watches it on a projector — the
//! headline figures in big digits, progress and the ceiling as gauges, the
//! cut by budget type and the departments with the largest cuts as bar
//! charts (a later stage: its kinds), the last decisions and the pace.
//! Read-only: it reads the store and never writes. `huishen board` runs it
//! on a terminal of its own ([`run`]); the review screen shows it over
//! itself.
//!
//! - `mod.rs`: what the board shows ([`Board`], read from the store) and
//!   which charts lead ([`BoardView`]).
//! - `layout`: where each part goes at a size.
//! - `draw`: the views, pure functions of a `Board` onto a frame.
//! - `run`: the terminal loop of `huishen board`.
//! - `text`: the pace as text, for `huishen tally` on a terminal.

pub mod draw;
pub mod layout;
pub mod run;
pub mod text;

use crate::domain::{Ceiling, Figures, Pace, Stage, StageTally, Tally};
use crate::store::{RecentDecision, Store, StoreError};

/// Everything the board shows, as the meeting's file holds it now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Board {
    pub title: String,
    pub stage: Stage,
    /// The whole tally, per department too.
    pub tally: Tally,
    pub ceiling: Ceiling,
    /// A later stage's figures per kind.
    pub stage_tally: Option<StageTally>,
    /// The last changes to a decision, newest first.
    pub recent: Vec<RecentDecision>,
    pub pace: Pace,
    /// The decisions' times read so far, and the newest event read: a
    /// refresh reads only the events after it.
    times: Vec<(i64, u64)>,
    read_upto: i64,
}

impl Board {
    /// The most recent decisions read: more than any screen lists.
    pub const RECENT: usize = 40;

    /// The board of the meeting in `store` at `now` (seconds since the
    /// epoch: the pace's last ten minutes).
    pub fn read(store: &Store, now: i64) -> Result<Board, StoreError> {
        let mut b = Board {
            title: String::new(),
            stage: Stage::default(),
            tally: Tally::default(),
            ceiling: Ceiling::default(),
            stage_tally: None,
            recent: Vec::new(),
            pace: Pace::default(),
            times: Vec::new(),
            read_upto: 0,
        };
        b.refresh(store, now)?;
        Ok(b)
    }

    /// Brings the board up to the meeting at `now`: the tally, the
    /// ceiling and the last decisions read again (a few hundred rows
    /// whatever the meeting's size), the decisions' times only for the
    /// events added since the last read.
    pub fn refresh(&mut self, store: &Store, now: i64) -> Result<(), StoreError> {
        let meeting = store.meeting()?;
        self.stage = Stage::parse(&meeting.stage).unwrap_or_default();
        self.title = meeting.title;
        self.tally = store.tally()?;
        self.ceiling = store.ceiling()?;
        self.stage_tally = if self.stage.adjusts() {
            Some(store.stage_tally()?)
        } else {
            None
        };
        self.recent = store.recent_decisions(Board::RECENT)?;
        let (more, upto) = store.decision_times_after(self.read_upto)?;
        self.times.extend(more);
        self.read_upto = upto;
        self.pace = Pace::new(&self.times, now, self.tally.total.counts.pending);
        Ok(())
    }

    /// The panels below the headline, in their order.
    pub fn panels(&self) -> &'static [Panel] {
        if self.stage.adjusts() {
            &[Panel::Kinds, Panel::Recent, Panel::Pace]
        } else {
            &[
                Panel::Budgets,
                Panel::Departments,
                Panel::Recent,
                Panel::Pace,
            ]
        }
    }

    /// The departments by their cut, largest first; a tie in submission
    /// order. Only departments with a cut.
    pub fn largest_cuts(&self) -> Vec<(&str, &Figures)> {
        let mut d: Vec<(&str, &Figures)> = self
            .tally
            .by_department
            .iter()
            .filter(|(_, f)| !f.cut.is_zero())
            .map(|(n, f)| (n.as_str(), f))
            .collect();
        d.sort_by_key(|(_, f)| std::cmp::Reverse(f.cut));
        d
    }
}

/// A part of the board below the headline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The cut by budget type, with the budgets' ceilings.
    Budgets,
    /// The departments with the largest cuts.
    Departments,
    /// A later stage's kinds: count and amount.
    Kinds,
    /// The last decisions.
    Recent,
    /// Decisions per ten minutes, and the estimate.
    Pace,
}

/// What the viewer chose: which panel leads when they do not all fit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BoardView {
    pub first: usize,
}

impl BoardView {
    /// The next panel leads (`step` 1) or the one before (`step` -1), of
    /// `n` panels.
    pub fn turn(&mut self, step: isize, n: usize) {
        if n > 0 {
            self.first = (self.first as isize + step).rem_euclid(n as isize) as usize;
        }
    }
}
