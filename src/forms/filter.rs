//! The filter form: the list shows only the projects of a state, a
//! department, a budget type, a section, new or continuing, a condition on
//! a figure (执行率 < 60), the departments over their ceiling, the
//! reviewer's own sections (each may be "all").

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

use super::popup::dialog;
use super::{Ctx, Hint, Keys, Outcome, Press, Submit, hint_line};
use crate::domain::{BudgetType, Novelty, State};
use crate::keymap::Command;
use crate::listing::{FigureCond, Filter};
use crate::text::{clean, pad_right};
use crate::words::Say;
use crate::words::board::budget_name;
use crate::words::forms::FormLabel;
use crate::words::screen::{Typed, state_label};
use crate::words::weigh::{FilterWords, novelty_label};
use ratatui::crossterm::event::KeyCode;

/// Which filter field the cursor is on, and the values chosen; on the
/// department and section fields what is typed narrows the values (71
/// departments are not stepped through one by one); on the figure's what
/// is typed is the condition.
pub struct FilterForm {
    pub field: usize,
    pub state: Option<State>,
    pub department: Option<String>,
    pub budget: Option<BudgetType>,
    pub section: Option<String>,
    pub novelty: Option<Novelty>,
    /// The condition on a figure as typed: `执行率<60`.
    pub figure: String,
    pub over_ceiling: bool,
    pub mine: bool,
    /// What is typed on the department field (1) and the section field (3).
    pub typed: [String; 2],
}

/// The fields, by their number.
const STATE: usize = 0;
const DEPARTMENT: usize = 1;
const BUDGET: usize = 2;
const SECTION: usize = 3;
const NOVELTY: usize = 4;
const FIGURE: usize = 5;
const OVER: usize = 6;
const MINE: usize = 7;
const FIELDS: usize = 8;

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
            novelty: filter.novelty,
            figure: filter.figure.map(cond_text).unwrap_or_default(),
            over_ceiling: filter.over_ceiling.is_some(),
            mine: filter.mine.is_some(),
            typed: Default::default(),
        }
    }

    /// What is typed on `field`, if it is typed into.
    fn typed_on(&self, field: usize) -> Option<&str> {
        match field {
            DEPARTMENT => Some(&self.typed[0]),
            SECTION => Some(&self.typed[1]),
            _ => None,
        }
    }

    /// The values of a typed-into field that contain what is typed, in
    /// submission order (departments) or by name (sections).
    fn matching(&self, field: usize, ctx: &Ctx) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        let mut all: Vec<String> = match field {
            DEPARTMENT => ctx
                .rows
                .iter()
                .filter(|r| seen.insert(&*r.department))
                .map(|r| r.department.to_string())
                .collect(),
            _ => {
                let mut s: Vec<String> = ctx
                    .rows
                    .iter()
                    .filter_map(|r| r.section.as_deref())
                    .filter(|s| seen.insert(*s))
                    .map(String::from)
                    .collect();
                s.sort();
                s
            }
        };
        if let Some(t) = self.typed_on(field).filter(|t| !t.is_empty()) {
            let t = t.to_lowercase();
            all.retain(|v| v.to_lowercase().contains(&t));
        }
        all
    }

    /// Whether the field's typing matches nothing: Enter then waits.
    fn no_match(&self, ctx: &Ctx) -> Option<usize> {
        [DEPARTMENT, SECTION].into_iter().find(|&f| {
            self.typed_on(f).is_some_and(|t| !t.is_empty()) && self.matching(f, ctx).is_empty()
        })
    }

    /// The condition typed on the figure's field: `None` when nothing is
    /// typed.
    fn condition(&self) -> Option<Result<FigureCond, crate::listing::CondError>> {
        (!self.figure.trim().is_empty()).then(|| FigureCond::parse(&self.figure))
    }

    /// Types into (or, `None`, erases from) the focused field, and chooses
    /// its first match.
    fn type_char(&mut self, c: Option<char>, ctx: &Ctx) {
        if self.field == FIGURE {
            match c {
                Some(c) => self.figure.push(c),
                None => {
                    self.figure.pop();
                }
            }
            return;
        }
        let i = if self.field == DEPARTMENT { 0 } else { 1 };
        match c {
            Some(c) => self.typed[i].push(c),
            None => {
                self.typed[i].pop();
            }
        }
        if self.typed[i].is_empty() {
            return;
        }
        let first = self.matching(self.field, ctx).into_iter().next();
        if self.field == DEPARTMENT {
            self.department = first;
        } else {
            self.section = first;
        }
    }

    pub fn on_key(&mut self, press: &Press, ctx: &Ctx) -> Outcome {
        let typing = self.typed_on(self.field).is_some() || self.field == FIGURE;
        if typing {
            match press.ev.code {
                KeyCode::Char(c) if press.key.is_text() => {
                    self.type_char(Some(c), ctx);
                    return Outcome::Stay;
                }
                KeyCode::Backspace => {
                    self.type_char(None, ctx);
                    return Outcome::Stay;
                }
                _ => {}
            }
        }
        match press.on_list(typing) {
            Some(Command::Up) => self.field = self.field.saturating_sub(1),
            Some(Command::Down | Command::NextField) => {
                self.field = (self.field + 1).min(FIELDS - 1)
            }
            Some(Command::PrevField) => self.field = self.field.saturating_sub(1),
            Some(Command::Confirm) if self.no_match(ctx).is_some() => {}
            Some(Command::Confirm) if matches!(self.condition(), Some(Err(_))) => {}
            Some(Command::Confirm) => {
                return Outcome::Submit(Submit::Filter(Filter {
                    state: self.state,
                    department: self.department.clone(),
                    budget: self.budget,
                    section: self.section.clone(),
                    novelty: self.novelty,
                    figure: self.condition().and_then(Result::ok),
                    over_ceiling: self.over_ceiling.then(|| ctx.over.to_vec()),
                    mine: (self.mine && !ctx.my_sections.is_empty())
                        .then(|| ctx.my_sections.to_vec()),
                }));
            }
            Some(Command::PrevChoice) => self.cycle(-1, ctx),
            Some(Command::NextChoice | Command::Toggle) => self.cycle(1, ctx),
            _ => {}
        }
        Outcome::Stay
    }

    /// Steps the focused field through its values (None = all), those
    /// that match what is typed.
    fn cycle(&mut self, step: isize, ctx: &Ctx) {
        let departments = self.matching(DEPARTMENT, ctx);
        let sections = self.matching(SECTION, ctx);
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
            STATE => self.state = cycle(&State::ALL, &self.state, step),
            DEPARTMENT => self.department = cycle(&departments, &self.department, step),
            BUDGET => self.budget = cycle(&BudgetType::ALL, &self.budget, step),
            SECTION => self.section = cycle(&sections, &self.section, step),
            NOVELTY => self.novelty = cycle(&Novelty::ALL, &self.novelty, step),
            OVER => self.over_ceiling = !self.over_ceiling,
            MINE => self.mine = !self.mine,
            _ => {}
        }
    }

    pub fn draw(&self, frame: &mut Frame, full: Rect, ctx: &Ctx) {
        let (l, th) = (ctx.lang, ctx.theme);
        let inner = dialog(frame, th, full, 70, 12, FormLabel::Filter.word(l));
        let all = FormLabel::All.word(l).to_string();
        let yes_no = |on: bool, yes: FilterWords| on.then(|| yes.say(l));
        let figure = match self.condition() {
            None if self.field == FIGURE => Some(FilterWords::FigureHint.say(l)),
            None => None,
            Some(Ok(_)) => Some(self.figure.clone()),
            Some(Err(e)) => Some(format!("{}  ✗ {}", self.figure, e.say(l))),
        };
        let values = [
            (
                FormLabel::State.word(l),
                self.state.map(|s| state_label(s, l).to_string()),
            ),
            (FormLabel::Department.word(l), self.department.clone()),
            (
                FormLabel::Budget.word(l),
                self.budget.map(|b| budget_name(b, l).to_string()),
            ),
            (FormLabel::Section.word(l), self.section.clone()),
            (
                FormLabel::Novelty.word(l),
                self.novelty.map(|n| novelty_label(Some(n), l).to_string()),
            ),
            (FormLabel::Figure.word(l), figure),
            (
                FormLabel::Ceiling.word(l),
                yes_no(self.over_ceiling, FilterWords::OverCeiling),
            ),
            (
                FormLabel::MySections.word(l),
                if ctx.my_sections.is_empty() {
                    self.mine.then(|| FilterWords::NoSections.say(l))
                } else {
                    yes_no(self.mine, FilterWords::Mine(ctx.my_sections.join("、")))
                },
            ),
        ];
        let mut lines: Vec<Line> = values
            .into_iter()
            .enumerate()
            .map(|(i, (k, v))| {
                let mut text = format!(
                    "{}  ‹ {} ›",
                    pad_right(k, 10),
                    clean(&v.unwrap_or(all.clone()))
                );
                if let Some(t) = self.typed_on(i).filter(|t| !t.is_empty()) {
                    let n = self.matching(i, ctx).len();
                    text += &Typed {
                        text: t.to_string(),
                        matches: n,
                    }
                    .say(l);
                } else if i == self.field && self.typed_on(i).is_some() {
                    text += &Typed {
                        text: String::new(),
                        matches: 0,
                    }
                    .say(l);
                }
                let line = Line::raw(text);
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

/// A condition as the field shows it again: `执行率<60.00%`.
fn cond_text(c: FigureCond) -> String {
    use crate::listing::{Cmp, Figure};
    format!(
        "{}{}{}",
        match c.figure {
            Figure::Rate => "执行率",
            Figure::Growth => "增幅",
        },
        match c.cmp {
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
        },
        c.value.text()
    )
}
