//! The list as shown: which rows, in which order, for a filter, a search
//! and a sort. Rebuilt when the filter, search or sort changes; when a few
//! rows change under it (a commit here or in another session), patched row
//! by row, so a commit on a large meeting does not cost a rebuild. Either
//! way it equals what a rebuild from the rows would give.

use std::cmp::Ordering;
use std::ops::Deref;

use memchr::memmem;

use crate::domain::{BudgetType, Money, Novelty, Percent, State};
use crate::i18n::Lang;
use crate::store::ProjectRow;
use crate::words::list::ListLabel;

/// A column of the project list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Code,
    Department,
    Name,
    Budget,
    Requested,
    Approved,
    Cut,
    State,
    Section,
    /// 新增 / 延续.
    Novelty,
    /// 上年执行率.
    Rate,
    /// 增幅: the request against last year's budget.
    Growth,
}

impl Column {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Column::Code => ListLabel::Code.word(lang),
            Column::Department => ListLabel::Department.word(lang),
            Column::Name => ListLabel::Name.word(lang),
            Column::Budget => ListLabel::Budget.word(lang),
            Column::Requested => ListLabel::Requested.word(lang),
            Column::Approved => ListLabel::Approved.word(lang),
            Column::Cut => ListLabel::Cut.word(lang),
            Column::State => ListLabel::State.word(lang),
            Column::Section => ListLabel::Section.word(lang),
            Column::Novelty => ListLabel::Novelty.word(lang),
            Column::Rate => ListLabel::Rate.word(lang),
            Column::Growth => ListLabel::Growth.word(lang),
        }
    }
}

/// The columns the list can be sorted by, in the sort form's order.
pub const SORT_COLUMNS: [Column; 12] = [
    Column::Code,
    Column::Department,
    Column::Name,
    Column::Budget,
    Column::Requested,
    Column::Approved,
    Column::Cut,
    Column::State,
    Column::Section,
    Column::Novelty,
    Column::Rate,
    Column::Growth,
];

/// Up to this many changed rows are patched in; more rebuild the view.
pub const PATCH_LIMIT: usize = 64;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub state: Option<State>,
    pub department: Option<String>,
    pub budget: Option<BudgetType>,
    pub section: Option<String>,
    pub novelty: Option<Novelty>,
    /// A condition on a figure: `执行率 < 60`.
    pub figure: Option<FigureCond>,
    /// Only the departments over their ceiling: their names, sorted, as
    /// the tally has them now (the app keeps them up to date).
    pub over_ceiling: Option<Vec<String>>,
    /// Only the sections the reviewer looks after, sorted.
    pub mine: Option<Vec<String>>,
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn keeps(&self, r: &ProjectRow) -> bool {
        self.state.is_none_or(|s| r.decision.state == s)
            && self
                .department
                .as_ref()
                .is_none_or(|d| *r.department == **d)
            && self.budget.is_none_or(|b| r.budget_type == b)
            && self
                .section
                .as_ref()
                .is_none_or(|s| r.section.as_ref() == Some(s))
            && self.novelty.is_none_or(|n| r.novelty == Some(n))
            && self.figure.is_none_or(|c| c.keeps(r))
            && self.over_ceiling.as_ref().is_none_or(|l| {
                l.binary_search_by(|d| d.as_str().cmp(&r.department))
                    .is_ok()
            })
            && self.mine.as_ref().is_none_or(|l| {
                r.section
                    .as_ref()
                    .is_some_and(|s| l.binary_search(s).is_ok())
            })
    }

    /// Whether the filter is only the reviewer's own sections: the screen
    /// a section head opens on.
    pub fn is_only_mine(&self) -> bool {
        self.mine.is_some()
            && Filter {
                mine: None,
                ..self.clone()
            }
            .is_empty()
    }
}

/// A figure a filter can hold a condition on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    /// 上年执行率.
    Rate,
    /// 增幅.
    Growth,
}

impl Figure {
    fn of(self, r: &ProjectRow) -> Option<Percent> {
        match self {
            Figure::Rate => r.last_rate(),
            Figure::Growth => r.growth(),
        }
    }
}

/// How a figure compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
}

/// `执行率 < 60`: a figure, how it compares, and with what. A project
/// without the figure is not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FigureCond {
    pub figure: Figure,
    pub cmp: Cmp,
    pub value: Percent,
}

/// Why typed text is no condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CondError {
    /// Names no figure: 执行率 or 增幅 (rate, growth).
    NoFigure,
    /// No `<`, `<=`, `>` or `>=`.
    NoComparison,
    /// The value is no percentage.
    BadValue(String),
}

impl FigureCond {
    pub fn keeps(&self, r: &ProjectRow) -> bool {
        let Some(v) = self.figure.of(r) else {
            return false;
        };
        match self.cmp {
            Cmp::Lt => v < self.value,
            Cmp::Le => v <= self.value,
            Cmp::Gt => v > self.value,
            Cmp::Ge => v >= self.value,
        }
    }

    /// `执行率<60`, `执行率 < 60 %`, `rate <= 59.5`, `增幅>20%`, `growth >= -10`,
    /// full-width `＜` and `≤` too. The value is in percent.
    pub fn parse(text: &str) -> Result<FigureCond, CondError> {
        let t: String = crate::domain::money::normalize_number_text(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '＜' => '<',
                '＞' => '>',
                '＝' => '=',
                c => c,
            })
            .collect::<String>()
            .replace('≤', "<=")
            .replace('≥', ">=")
            .to_lowercase();
        let at = t.find(['<', '>']).ok_or(CondError::NoComparison)?;
        let (name, rest) = t.split_at(at);
        let figure = match name {
            "执行率" | "上年执行率" | "rate" => Figure::Rate,
            "增幅" | "growth" => Figure::Growth,
            _ => return Err(CondError::NoFigure),
        };
        let (cmp, value) = if let Some(v) = rest.strip_prefix("<=") {
            (Cmp::Le, v)
        } else if let Some(v) = rest.strip_prefix(">=") {
            (Cmp::Ge, v)
        } else if let Some(v) = rest.strip_prefix('<') {
            (Cmp::Lt, v)
        } else if let Some(v) = rest.strip_prefix('>') {
            (Cmp::Gt, v)
        } else {
            return Err(CondError::NoComparison);
        };
        let v = value.strip_suffix('%').unwrap_or(value);
        let (negative, v) = match v.strip_prefix('-') {
            Some(x) => (true, x),
            None => (false, v),
        };
        let p = crate::domain::lastyear::parse_rate(v, crate::domain::RateUnit::Percent)
            .map_err(|_| CondError::BadValue(value.to_string()))?;
        let value = if negative {
            Percent::from_hundredths(-p.hundredths())
        } else {
            p
        };
        Ok(FigureCond { figure, cmp, value })
    }
}

pub type Sort = Option<(Column, bool)>;

/// The order rows are listed in: by the sort column (reversed when
/// descending), ties in submission order. A total order, so a row's place
/// can be found by binary search.
fn cmp_rows(sort: Sort, x: &ProjectRow, a: usize, y: &ProjectRow, b: usize) -> Ordering {
    cmp_keys(sort, x, y).then(a.cmp(&b))
}

/// The amount in the list's cut column: a later stage's adjustment, else the cut.
fn shown_amount(r: &ProjectRow) -> Money {
    match &r.decision.stage {
        Some(a) => a.amount,
        None => r.decision.cut(r.requested),
    }
}

fn cmp_keys(sort: Sort, x: &ProjectRow, y: &ProjectRow) -> Ordering {
    let Some((col, desc)) = sort else {
        return Ordering::Equal;
    };
    let o = match col {
        Column::Code => x.code.cmp(&y.code),
        Column::Department => x.department.cmp(&y.department),
        Column::Name => x.name.cmp(&y.name),
        Column::Budget => x.budget_type.cmp(&y.budget_type),
        Column::Requested => x.requested.cmp(&y.requested),
        Column::Approved => x.decision.approved.cmp(&y.decision.approved),
        // At a later stage these columns show the adjustment's amount and
        // kind; sort by what is shown.
        Column::Cut => shown_amount(x).cmp(&shown_amount(y)),
        Column::State => (x.decision.state, x.decision.stage.as_ref().map(|a| a.kind))
            .cmp(&(y.decision.state, y.decision.stage.as_ref().map(|a| a.kind))),
        Column::Section => x.section.cmp(&y.section),
        Column::Novelty => x.novelty.cmp(&y.novelty),
        // Projects without the figure after those with it, either way.
        Column::Rate => return by_figure(x.last_rate(), y.last_rate(), desc),
        Column::Growth => return by_figure(x.growth(), y.growth(), desc),
    };
    if desc { o.reverse() } else { o }
}

/// Two figures in order, a missing one last whichever way.
fn by_figure(x: Option<Percent>, y: Option<Percent>, desc: bool) -> Ordering {
    match (x, y) {
        (Some(a), Some(b)) if desc => b.cmp(&a),
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// All rows in the order of `sort`.
fn sorted_order(rows: &[ProjectRow], sort: Sort) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    if sort.is_some() {
        order.sort_unstable_by(|&a, &b| cmp_rows(sort, &rows[a], a, &rows[b], b));
    }
    order
}

/// Where row `i` (as `row`) is, or would go, in `list`, which is in the
/// order of `sort` with every other row as in `rows`.
fn place(
    list: &[usize],
    rows: &[ProjectRow],
    sort: Sort,
    i: usize,
    row: &ProjectRow,
) -> Result<usize, usize> {
    list.binary_search_by(|&j| cmp_rows(sort, &rows[j], j, row, i))
}

/// The lowercased search text of every row, in one buffer: code, name and
/// department, then the pinyin initials and full pinyin of the name and of
/// the department, each apart (NUL between them, so a query cannot match
/// across two fields), rows one after another with a newline after each.
#[derive(Clone, Debug, Default)]
struct SearchText {
    buf: Vec<u8>,
    /// `starts[i]..starts[i + 1] - 1` is row `i`; one more entry than rows.
    starts: Vec<usize>,
}

fn push_lower(buf: &mut Vec<u8>, s: &str) {
    if s.is_ascii() {
        buf.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
    } else {
        buf.extend_from_slice(s.to_lowercase().as_bytes());
    }
}

fn push_row(buf: &mut Vec<u8>, r: &ProjectRow) {
    push_lower(buf, &r.code);
    buf.push(0);
    push_lower(buf, &r.name);
    buf.push(0);
    push_lower(buf, &r.department);
    push_pinyin(buf, &r.name);
    push_pinyin(buf, &r.department);
    buf.push(b'\n');
}

/// The pinyin initials and full pinyin of `s` as two more fields, where it
/// has Chinese (see [`crate::romanize`]).
fn push_pinyin(buf: &mut Vec<u8>, s: &str) {
    if let Some((initials, full)) = crate::romanize::forms(s) {
        buf.push(0);
        buf.extend_from_slice(initials.as_bytes());
        buf.push(0);
        buf.extend_from_slice(full.as_bytes());
    }
}

impl SearchText {
    fn build(rows: &[ProjectRow]) -> SearchText {
        // Sized once (lowercase text is as long, but for a few letters):
        // grown by doubling, the buffer would need up to twice its size
        // while it is copied, at the peak of the memory a session takes.
        let len = rows
            .iter()
            .map(|r| r.code.len() + r.name.len() + r.department.len() + 3)
            .sum();
        let mut t = SearchText {
            buf: Vec::with_capacity(len),
            starts: Vec::with_capacity(rows.len() + 1),
        };
        t.starts.push(0);
        for r in rows {
            push_row(&mut t.buf, r);
            t.starts.push(t.buf.len());
        }
        t.buf.shrink_to_fit();
        t
    }

    fn row(&self, i: usize) -> &[u8] {
        &self.buf[self.starts[i]..self.starts[i + 1] - 1]
    }

    /// Row `i` now reads as `r`.
    fn set(&mut self, i: usize, r: &ProjectRow) {
        let mut new = Vec::new();
        push_row(&mut new, r);
        let (s, e) = (self.starts[i], self.starts[i + 1]);
        if new[..] == self.buf[s..e] {
            return;
        }
        let grow = new.len() as isize - (e - s) as isize;
        self.buf.splice(s..e, new);
        if grow != 0 {
            for st in &mut self.starts[i + 1..] {
                *st = st.wrapping_add_signed(grow);
            }
        }
    }

    fn matches(&self, finder: &memmem::Finder<'_>, i: usize) -> bool {
        finder.find(self.row(i)).is_some()
    }

    /// Which rows contain the needle, in one pass over the whole buffer.
    fn hits(&self, finder: &memmem::Finder<'_>) -> Vec<bool> {
        let rows = self.starts.len() - 1;
        let mut hit = vec![false; rows];
        let n = finder.needle().len();
        let (mut pos, mut i) = (0, 0);
        while let Some(p) = finder.find(&self.buf[pos..]) {
            let p = pos + p;
            // Matches come in order: walk on to the row this one is in.
            while self.starts[i + 1] <= p {
                i += 1;
            }
            let end = self.starts[i + 1] - 1;
            // A match running into the next row does not count.
            if p + n <= end {
                hit[i] = true;
            }
            // No later match can lie in row `i`: go on from its end.
            pos = end.max(p + 1);
            if pos >= self.buf.len() {
                break;
            }
        }
        hit
    }
}

/// What `shown` was built for.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    needle: String,
    filter: Filter,
    sort: Sort,
}

/// Indices into the rows, filtered, searched and sorted; read it as a
/// slice (`app.view.len()`, `app.view[i]`).
#[derive(Clone, Debug, Default)]
pub struct View {
    shown: Vec<usize>,
    text: SearchText,
    /// Every row in the order of `order_sort`, when that is `Some`.
    order: Vec<usize>,
    order_sort: Option<Sort>,
    /// `None` when `shown` must be rebuilt.
    key: Option<Key>,
}

impl Deref for View {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        &self.shown
    }
}

impl<'a> IntoIterator for &'a View {
    type Item = &'a usize;
    type IntoIter = std::slice::Iter<'a, usize>;

    fn into_iter(self) -> Self::IntoIter {
        self.shown.iter()
    }
}

impl View {
    /// All rows were read anew: everything is rebuilt at the next `update`.
    pub fn rows_replaced(&mut self, rows: &[ProjectRow]) {
        self.text = SearchText::build(rows);
        self.order_sort = None;
        self.key = None;
    }

    /// Makes the view show `rows` for this filter, search and sort. Typing
    /// one more character only narrows the last result.
    pub fn update(&mut self, rows: &[ProjectRow], filter: &Filter, sort: Sort, search: &str) {
        let needle = search.to_lowercase();
        let key = Key {
            needle,
            filter: filter.clone(),
            sort,
        };
        if self.key.as_ref() == Some(&key) {
            return;
        }
        if self.order_sort != Some(sort) {
            self.order = sorted_order(rows, sort);
            self.order_sort = Some(sort);
        }
        let narrowing = self.key.as_ref().is_some_and(|k| {
            k.sort == sort && k.filter == *filter && key.needle.contains(k.needle.as_str())
        });
        let base = if narrowing { &self.shown } else { &self.order };
        // No filter: no row needs to be looked at for it.
        let all = filter.is_empty();
        let shown = if key.needle.is_empty() && all {
            base.clone()
        } else if key.needle.is_empty() {
            base.iter()
                .copied()
                .filter(|&i| filter.keeps(&rows[i]))
                .collect()
        } else {
            let finder = memmem::Finder::new(key.needle.as_bytes());
            if base.len() > rows.len() / 8 {
                let hit = self.text.hits(&finder);
                base.iter()
                    .copied()
                    .filter(|&i| hit[i] && (all || filter.keeps(&rows[i])))
                    .collect()
            } else {
                base.iter()
                    .copied()
                    .filter(|&i| (all || filter.keeps(&rows[i])) && self.text.matches(&finder, i))
                    .collect()
            }
        };
        self.shown = shown;
        self.key = Some(key);
    }

    /// Puts the changed rows (index, new row) into `rows`. Up to
    /// [`PATCH_LIMIT`] of them are patched into the view in place; more
    /// leave it to be rebuilt at the next `update`.
    pub fn patch(&mut self, rows: &mut [ProjectRow], changes: Vec<(usize, ProjectRow)>) {
        let key = match self.key.take() {
            Some(k) if changes.len() <= PATCH_LIMIT && self.order_sort == Some(k.sort) => k,
            _ => {
                for (i, r) in changes {
                    self.text.set(i, &r);
                    rows[i] = r;
                }
                self.order_sort = None;
                self.key = None;
                return;
            }
        };
        let sort = key.sort;
        // Out first, found by the rows the lists were sorted on …
        let mut moved = Vec::new();
        // Set if a list was not what it should be: then it is rebuilt.
        let mut lost = false;
        for (i, new) in &changes {
            let old = &rows[*i];
            if let Ok(pos) = place(&self.shown, rows, sort, *i, old) {
                self.shown.remove(pos);
            }
            if cmp_keys(sort, old, new) != Ordering::Equal {
                match place(&self.order, rows, sort, *i, old) {
                    Ok(pos) => {
                        self.order.remove(pos);
                        moved.push(*i);
                    }
                    Err(_) => lost = true,
                }
            }
        }
        let changed: Vec<usize> = changes.iter().map(|(i, _)| *i).collect();
        for (i, r) in changes {
            self.text.set(i, &r);
            rows[i] = r;
        }
        // … then back in where the new rows go.
        let finder = (!key.needle.is_empty()).then(|| memmem::Finder::new(key.needle.as_bytes()));
        for i in changed {
            if moved.contains(&i) {
                match place(&self.order, rows, sort, i, &rows[i]) {
                    Err(pos) => self.order.insert(pos, i),
                    Ok(_) => lost = true,
                }
            }
            if key.filter.keeps(&rows[i]) && finder.as_ref().is_none_or(|f| self.text.matches(f, i))
            {
                match place(&self.shown, rows, sort, i, &rows[i]) {
                    Err(pos) => self.shown.insert(pos, i),
                    Ok(_) => lost = true,
                }
            }
        }
        if lost {
            self.order_sort = None;
            return;
        }
        self.key = Some(key);
    }

    /// Where row `i` is in the view, if it is shown.
    pub fn position(&self, rows: &[ProjectRow], i: usize) -> Option<usize> {
        match &self.key {
            Some(k) => place(&self.shown, rows, k.sort, i, &rows[i]).ok(),
            None => self.shown.iter().position(|&j| j == i),
        }
    }
}

#[cfg(test)]
mod tests;
