//! The filter form: the list shows only the projects of a state, a
//! department, a budget type and a section (each may be "all").

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::popup::dialog;
use super::{Ctx, Hint, Keys, Outcome, Press, Submit, hint_line};
use crate::domain::{BudgetType, State};
use crate::keymap::Command;
use crate::listing::Filter;
use crate::text::{clean, pad_right};
use crate::words::screen::state_label;

/// Which filter field the cursor is on, and the values chosen.
pub struct FilterForm {
    pub field: usize,
    pub state: Option<State>,
    pub department: Option<String>,
    pub budget: Option<BudgetType>,
    pub section: Option<String>,
}

/// The form's hint line.
pub(super) const HINTS: &[Hint] = &[
    (
        Keys::Pair(Command::PrevChoice, Command::NextChoice),
        "选择",
        "choose",
    ),
    (Keys::Pair(Command::Up, Command::Down), "切换", "field"),
    (Keys::One(Command::Confirm), "应用", "apply"),
    (Keys::One(Command::Back), "放弃", "abandon"),
];

impl FilterForm {
    /// The form with the filter in force.
    pub fn open(filter: &Filter) -> FilterForm {
        FilterForm {
            field: 0,
            state: filter.state,
            department: filter.department.clone(),
            budget: filter.budget,
            section: filter.section.clone(),
        }
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        match press.on_list(false) {
            Some(Command::Up) => self.field = self.field.saturating_sub(1),
            Some(Command::Down | Command::NextField) => self.field = (self.field + 1).min(3),
            Some(Command::PrevField) => self.field = self.field.saturating_sub(1),
            Some(Command::Confirm) => {
                return Outcome::Submit(Submit::Filter(Filter {
                    state: self.state,
                    department: self.department.clone(),
                    budget: self.budget,
                    section: self.section.clone(),
                }));
            }
            Some(Command::PrevChoice) => self.cycle(-1, ctx),
            Some(Command::NextChoice | Command::Toggle) => self.cycle(1, ctx),
            _ => {}
        }
        Outcome::Stay
    }

    /// Steps the focused field through its values (None = all).
    fn cycle(&mut self, step: isize, ctx: &Ctx) {
        // In submission order, as the tally lists them.
        let mut seen = std::collections::HashSet::new();
        let departments: Vec<String> = ctx
            .rows
            .iter()
            .filter(|r| seen.insert(r.department.as_str()))
            .map(|r| r.department.clone())
            .collect();
        let mut sections: Vec<String> = ctx.rows.iter().filter_map(|r| r.section.clone()).collect();
        sections.sort();
        sections.dedup();
        fn cycle<T: Clone + PartialEq>(all: &[T], cur: &Option<T>, step: isize) -> Option<T> {
            let n = all.len() as isize + 1;
            let pos = cur
                .as_ref()
                .and_then(|c| all.iter().position(|x| x == c))
                .map_or(0, |p| p as isize + 1);
            let next = (pos + step).rem_euclid(n);
            (next > 0).then(|| all[next as usize - 1].clone())
        }
        match self.field {
            0 => self.state = cycle(&State::ALL, &self.state, step),
            1 => self.department = cycle(&departments, &self.department, step),
            2 => self.budget = cycle(&BudgetType::ALL, &self.budget, step),
            _ => self.section = cycle(&sections, &self.section, step),
        }
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let inner = dialog(frame, th, full, 60, 8, l.t("筛选", "Filter"));
        let all = l.t("全部", "all").to_string();
        let values = [
            (
                l.t("状态", "state"),
                self.state.map(|s| state_label(s, l).to_string()),
            ),
            (l.t("部门", "department"), self.department.clone()),
            (
                l.t("预算类型", "budget"),
                self.budget.map(|b| l.t(b.zh(), b.en()).to_string()),
            ),
            (l.t("业务股室", "section"), self.section.clone()),
        ];
        let mut lines: Vec<Line> = values
            .into_iter()
            .enumerate()
            .map(|(i, (k, v))| {
                let line = Line::raw(format!(
                    "{}  ‹ {} ›",
                    pad_right(k, 10),
                    clean(&v.unwrap_or(all.clone()))
                ));
                if i == self.field {
                    line.style(th.selected())
                } else {
                    line
                }
            })
            .collect();
        lines.push(Line::raw(""));
        lines.push(Line::styled(hint_line(ctx, HINTS), th.dim()));
        frame.render_widget(Paragraph::new(lines), inner);
    }
}
