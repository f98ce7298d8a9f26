//! The tally panel (`b`) as a ranking of the departments the panel works
//! from: every department, sorted by its cut, its cut rate, its request
//! or its pending count (`s` steps through them, then back to the order
//! of submission), a selection to move (the panel has the keys while it is
//! open), and Enter filters the project list to the selected department.

use super::{App, Command};
use crate::domain::{Figures, Tally};
use crate::keymap::Mode;
use crate::listing::Filter;
use crate::store::StoreError;
use crate::text::clean;
use crate::words::Say;
use crate::words::screen::Note;

/// What the departments are ranked by, largest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RankBy {
    #[default]
    Cut,
    Rate,
    Requested,
    Pending,
    /// The order departments were submitted in.
    Submitted,
}

impl RankBy {
    pub const ALL: [RankBy; 5] = [
        RankBy::Cut,
        RankBy::Rate,
        RankBy::Requested,
        RankBy::Pending,
        RankBy::Submitted,
    ];

    fn next(self) -> RankBy {
        let i = RankBy::ALL.iter().position(|r| *r == self).unwrap_or(0);
        RankBy::ALL[(i + 1) % RankBy::ALL.len()]
    }
}

/// The panel's state: the order and the selected department (an index
/// into the ranked order).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ranking {
    pub by: RankBy,
    pub selected: usize,
}

/// The departments of `t` ranked `by`: indices into `t.by_department`,
/// largest first, a tie in submission order. A department with nothing
/// decided has no rate and ranks after every rate.
pub fn ranked(t: &Tally, by: RankBy) -> Vec<usize> {
    let mut order: Vec<usize> = (0..t.by_department.len()).collect();
    let f = |i: usize| -> &Figures { &t.by_department[i].1 };
    match by {
        RankBy::Cut => order.sort_by_key(|&i| std::cmp::Reverse(f(i).cut)),
        RankBy::Rate => order.sort_by_key(|&i| std::cmp::Reverse(f(i).cut_rate())),
        RankBy::Requested => order.sort_by_key(|&i| std::cmp::Reverse(f(i).requested)),
        RankBy::Pending => order.sort_by_key(|&i| std::cmp::Reverse(f(i).counts.pending)),
        RankBy::Submitted => {}
    }
    order
}

impl App {
    /// Opens the panel, the selected project's department selected, or
    /// closes it.
    pub(super) fn toggle_ranking(&mut self) -> Result<(), StoreError> {
        self.show_tally = !self.show_tally;
        self.load_tally()?;
        if self.show_tally {
            let current = self.selected_row().map(|r| r.department.to_string());
            let order = ranked(&self.tally, self.ranking.by);
            self.ranking.selected = order
                .iter()
                .position(|&i| Some(&self.tally.by_department[i].0) == current.as_ref())
                .unwrap_or(0);
        }
        self.scroll_into_view();
        Ok(())
    }

    /// A key while the panel is open.
    pub(super) fn on_ranking_key(&mut self, cmd: Command) -> Result<(), StoreError> {
        let n = self.tally.by_department.len();
        let page = 10;
        let r = &mut self.ranking;
        match cmd {
            Command::Up => r.selected = r.selected.saturating_sub(1),
            Command::Down => r.selected = (r.selected + 1).min(n.saturating_sub(1)),
            Command::PageUp => r.selected = r.selected.saturating_sub(page),
            Command::PageDown => r.selected = (r.selected + page).min(n.saturating_sub(1)),
            Command::Top => r.selected = 0,
            Command::Bottom => r.selected = n.saturating_sub(1),
            Command::Sort => {
                // The same department stays selected in the new order.
                let order = ranked(&self.tally, r.by);
                let at = order.get(r.selected).copied();
                r.by = r.by.next();
                let order = ranked(&self.tally, r.by);
                r.selected = at
                    .and_then(|i| order.iter().position(|&j| j == i))
                    .unwrap_or(0);
            }
            Command::Confirm | Command::ToggleDetail => {
                let order = ranked(&self.tally, r.by);
                if let Some(&i) = order.get(r.selected) {
                    let department = self.tally.by_department[i].0.clone();
                    let keep = self.selected_row().map(|r| r.id);
                    self.filter = Filter {
                        department: Some(department.clone()),
                        ..self.filter.clone()
                    };
                    self.rebuild_view(keep);
                    self.load_detail()?;
                    self.show_tally = false;
                    self.load_tally()?;
                    let clear = self
                        .keymap
                        .key_for(Mode::List, Command::Back)
                        .map(|k| k.to_string())
                        .unwrap_or_default();
                    self.info(
                        Note::FilteredTo {
                            department: clean(&department).into_owned(),
                            shown: self.view.len(),
                            clear,
                        }
                        .say(self.lang),
                    );
                    self.scroll_into_view();
                }
            }
            Command::ToggleTally | Command::Back => self.toggle_ranking()?,
            _ => return self.run(cmd),
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{BudgetType, Money, State, TallyRow};

    fn row(dept: &'static str, req: i64, state: State, appr: i64) -> TallyRow<'static> {
        TallyRow {
            projects: 1,
            department: dept,
            budget_type: BudgetType::General,
            requested: Money::from_fen(req),
            state,
            approved: Money::from_fen(appr),
            adjust: None,
        }
    }

    #[test]
    fn departments_rank_by_each_figure() {
        let t = Tally::from_rows([
            row("甲", 100, State::Cut, 50),
            row("乙", 400, State::Cut, 300),
            row("丙", 300, State::Pending, 0),
            row("丙", 10, State::Pending, 0),
        ]);
        assert_eq!(ranked(&t, RankBy::Cut), [1, 0, 2]);
        // 50% before 25%; no rate last
        assert_eq!(ranked(&t, RankBy::Rate), [0, 1, 2]);
        assert_eq!(ranked(&t, RankBy::Requested), [1, 2, 0]);
        assert_eq!(ranked(&t, RankBy::Pending), [2, 0, 1]);
        assert_eq!(ranked(&t, RankBy::Submitted), [0, 1, 2]);
        assert_eq!(RankBy::Submitted.next(), RankBy::Cut);
    }
}
