//! The list as shown: which rows, in which order, for a filter, a search
//! and a sort. Rebuilt when the filter, search or sort changes; when a few
//! rows change under it (a commit here or in another session), patched row
//! by row, so a commit on a large meeting does not cost a rebuild. Either
//! way it equals what a rebuild from the rows would give.

use std::cmp::Ordering;
use std::collections::HashMap;

use memchr::memmem;

use crate::domain::{BudgetType, Money, Novelty, Percent, State};
use crate::i18n::Lang;
use crate::store::{ProjectRow, SharedText};
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
                .is_none_or(|s| r.section.as_deref() == Some(s.as_str()))
            && self.novelty.is_none_or(|n| r.novelty == Some(n))
            && self.figure.is_none_or(|c| c.keeps(r))
            && self.over_ceiling.as_ref().is_none_or(|l| {
                l.binary_search_by(|d| d.as_str().cmp(&r.department))
                    .is_ok()
            })
            && self.mine.as_ref().is_none_or(|l| {
                r.section
                    .as_deref()
                    .is_some_and(|s| l.binary_search_by(|m| m.as_str().cmp(s)).is_ok())
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
fn sorted_order(rows: &[ProjectRow], sort: Sort) -> Vec<u32> {
    let mut order: Vec<u32> = (0..index(rows.len())).collect();
    if sort.is_some() {
        order.sort_unstable_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            cmp_rows(sort, &rows[a], a, &rows[b], b)
        });
    }
    order
}

/// A row's index as the view keeps it: `u32`, half of a `usize`, as a
/// meeting has far fewer than 4,294,967,295 projects.
fn index(i: usize) -> u32 {
    u32::try_from(i).expect("fewer than 2^32 rows")
}

/// Where row `i` (as `row`) is, or would go, in `list`, which is in the
/// order of `sort` with every other row as in `rows`.
fn place(
    list: &[u32],
    rows: &[ProjectRow],
    sort: Sort,
    i: usize,
    row: &ProjectRow,
) -> Result<usize, usize> {
    list.binary_search_by(|&j| cmp_rows(sort, &rows[j as usize], j as usize, row, i))
}

/// Texts one after another in one buffer, lowercased, each ending in a
/// newline; a text's fields are apart (NUL between them, so a query cannot
/// match across two fields).
#[derive(Clone, Debug)]
struct Texts {
    buf: Vec<u8>,
    /// `starts[i]..starts[i + 1] - 1` is text `i`; one more entry than
    /// texts. `u32`: the search text of a meeting stays far below 4 GB
    /// (about 90 bytes a project).
    starts: Vec<u32>,
}

impl Default for Texts {
    fn default() -> Texts {
        Texts::with_capacity(0, 0)
    }
}

impl Texts {
    fn with_capacity(texts: usize, bytes: usize) -> Texts {
        let mut starts = Vec::with_capacity(texts + 1);
        starts.push(0);
        Texts {
            buf: Vec::with_capacity(bytes),
            starts,
        }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn end_text(&mut self) {
        self.buf.push(b'\n');
        self.starts.push(offset(self.buf.len()));
    }

    fn get(&self, i: usize) -> &[u8] {
        &self.buf[self.starts[i] as usize..self.starts[i + 1] as usize - 1]
    }

    /// Text `i` now reads as `new` (with its newline).
    fn set(&mut self, i: usize, new: &[u8]) {
        let (s, e) = (self.starts[i] as usize, self.starts[i + 1] as usize);
        if *new == self.buf[s..e] {
            return;
        }
        let grow = new.len() as i64 - (e - s) as i64;
        self.buf.splice(s..e, new.iter().copied());
        if grow != 0 {
            for st in &mut self.starts[i + 1..] {
                *st = (*st as i64 + grow) as u32;
            }
        }
    }

    fn matches(&self, finder: &memmem::Finder<'_>, i: usize) -> bool {
        finder.find(self.get(i)).is_some()
    }

    /// Which texts contain the needle, in one pass over the whole buffer.
    fn hits(&self, finder: &memmem::Finder<'_>) -> Vec<bool> {
        let mut hit = vec![false; self.len()];
        let n = finder.needle().len();
        let (mut pos, mut i) = (0, 0);
        while let Some(p) = finder.find(&self.buf[pos..]) {
            let p = pos + p;
            // Matches come in order: walk on to the text this one is in.
            while self.starts[i + 1] as usize <= p {
                i += 1;
            }
            let end = self.starts[i + 1] as usize - 1;
            // A match running into the next text does not count.
            if p + n <= end {
                hit[i] = true;
            }
            // No later match can lie in text `i`: go on from its end.
            pos = end.max(p + 1);
            if pos >= self.buf.len() {
                break;
            }
        }
        hit
    }
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("the search text stays below 4 GB")
}

fn push_lower(buf: &mut Vec<u8>, s: &str) {
    if s.is_ascii() {
        buf.extend(s.bytes().map(|b| b.to_ascii_lowercase()));
    } else {
        buf.extend_from_slice(s.to_lowercase().as_bytes());
    }
}

/// `s` lowercased, then its pinyin initials and full pinyin as two more
/// fields where it has Chinese (see [`crate::romanize`]).
fn push_searched(buf: &mut Vec<u8>, s: &str) {
    push_lower(buf, s);
    if let Some((initials, full)) = crate::romanize::forms(s) {
        buf.push(0);
        buf.extend_from_slice(initials.as_bytes());
        buf.push(0);
        buf.extend_from_slice(full.as_bytes());
    }
}

/// A row's own search text: its code. Its name's and department's are
/// kept once per name and department.
fn push_row(buf: &mut Vec<u8>, r: &ProjectRow) {
    push_lower(buf, &r.code);
}

/// At most how many bytes `s` takes in a search text (but for the rare
/// letter that lowercases longer): itself, and its pinyin initials and full
/// pinyin, at most 7 bytes for a Chinese character of 3, 2 for an ASCII
/// letter or digit. Reserving it costs no memory until written.
fn most_bytes(s: &str) -> usize {
    s.len() * 4 + 2
}

/// Texts many rows share (names, departments), each searched once: a
/// text's index, and its search text (itself lowercased, its pinyin
/// initials and full pinyin).
#[derive(Clone, Debug, Default)]
struct Shared {
    texts: Texts,
    known: HashMap<SharedText, u32>,
}

impl Shared {
    /// The index of `text`, added if it is new.
    fn index(&mut self, text: &SharedText) -> u32 {
        if let Some(&d) = self.known.get(text) {
            return d;
        }
        let d = offset(self.texts.len());
        push_searched(&mut self.texts.buf, text);
        self.texts.end_text();
        self.known.insert(text.clone(), d);
        d
    }
}

/// The search text of every row: code, name and department, then the
/// pinyin initials and full pinyin of the name and of the department, each
/// a field of its own. A name and a department are kept once, however
/// many rows have them (a province's 100,000 projects name a few thousand
/// departments, and many departments ask for the same things), so a search
/// looks at each once, not once for each of its projects.
#[derive(Clone, Debug, Default)]
struct SearchText {
    /// Row `i`'s code.
    rows: Texts,
    names: Shared,
    departments: Shared,
    /// Row `i`'s name and department, indices into `names` and
    /// `departments`.
    name_of: Vec<u32>,
    department_of: Vec<u32>,
    /// Every code is ASCII (as a submission's are): a needle that is not
    /// cannot be in one, and the codes need no pass.
    codes_ascii: bool,
}

impl SearchText {
    fn build(rows: &[ProjectRow]) -> SearchText {
        // Sized once for the most it can take: grown by doubling, the
        // buffer would need up to twice its size while it is copied, at
        // the peak of the memory a session takes.
        let most = rows.iter().map(|r| most_bytes(&r.code)).sum();
        let mut t = SearchText {
            rows: Texts::with_capacity(rows.len(), most),
            name_of: Vec::with_capacity(rows.len()),
            department_of: Vec::with_capacity(rows.len()),
            codes_ascii: rows.iter().all(|r| r.code.is_ascii()),
            ..SearchText::default()
        };
        // Rows read together share their department's name: the same
        // pointer as the row before is the same department.
        let mut last: Option<(&SharedText, u32)> = None;
        for r in rows {
            push_row(&mut t.rows.buf, r);
            t.rows.end_text();
            t.name_of.push(t.names.index(&r.name));
            let d = match last {
                Some((a, d)) if SharedText::same(a, &r.department) => d,
                _ => t.departments.index(&r.department),
            };
            last = Some((&r.department, d));
            t.department_of.push(d);
        }
        t.rows.buf.shrink_to_fit();
        t
    }

    /// Row `i` now reads as `r`.
    fn set(&mut self, i: usize, r: &ProjectRow) {
        let mut new = Vec::new();
        push_row(&mut new, r);
        new.push(b'\n');
        self.rows.set(i, &new);
        self.codes_ascii &= r.code.is_ascii();
        self.name_of[i] = self.names.index(&r.name);
        self.department_of[i] = self.departments.index(&r.department);
    }

    fn matches(&self, finder: &memmem::Finder<'_>, i: usize) -> bool {
        self.rows.matches(finder, i)
            || self.names.texts.matches(finder, self.name_of[i] as usize)
            || self
                .departments
                .texts
                .matches(finder, self.department_of[i] as usize)
    }

    /// Which rows contain the needle: one pass over the rows' codes, one
    /// over the names and one over the departments.
    fn hits(&self, finder: &memmem::Finder<'_>) -> Vec<bool> {
        let mut hit = if self.codes_ascii && !finder.needle().is_ascii() {
            vec![false; self.rows.len()]
        } else {
            self.rows.hits(finder)
        };
        let names = self.names.texts.hits(finder);
        let departments = self.departments.texts.hits(finder);
        if names.contains(&true) || departments.contains(&true) {
            let rows = self.name_of.iter().zip(&self.department_of);
            for (h, (&n, &d)) in hit.iter_mut().zip(rows) {
                *h |= names[n as usize] | departments[d as usize];
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

/// Indices into the rows, filtered, searched and sorted
/// (`app.view.len()`, `app.view.at(i)`, `app.view.iter()`).
#[derive(Clone, Debug, Default)]
pub struct View {
    shown: Vec<u32>,
    text: SearchText,
    /// Every row in the order of `order_sort`, when that is `Some`.
    order: Vec<u32>,
    order_sort: Option<Sort>,
    /// `None` when `shown` must be rebuilt.
    key: Option<Key>,
}

impl<'a> IntoIterator for &'a View {
    type Item = usize;
    type IntoIter = std::iter::Map<std::slice::Iter<'a, u32>, fn(&u32) -> usize>;

    fn into_iter(self) -> Self::IntoIter {
        self.shown.iter().map(|&i| i as usize)
    }
}

impl View {
    /// How many rows are shown.
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The row shown at `pos`, if there is one.
    pub fn get(&self, pos: usize) -> Option<usize> {
        self.shown.get(pos).map(|&i| i as usize)
    }

    /// The row shown at `pos`; panics past the end, as indexing does.
    pub fn at(&self, pos: usize) -> usize {
        self.shown[pos] as usize
    }

    /// The rows shown, in order.
    pub fn iter(&self) -> <&View as IntoIterator>::IntoIter {
        self.into_iter()
    }

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
                .filter(|&i| filter.keeps(&rows[i as usize]))
                .collect()
        } else {
            let finder = memmem::Finder::new(key.needle.as_bytes());
            if base.len() > rows.len() / 8 {
                let hit = self.text.hits(&finder);
                base.iter()
                    .copied()
                    .filter(|&i| hit[i as usize] && (all || filter.keeps(&rows[i as usize])))
                    .collect()
            } else {
                base.iter()
                    .copied()
                    .filter(|&i| {
                        let i = i as usize;
                        (all || filter.keeps(&rows[i])) && self.text.matches(&finder, i)
                    })
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
                    Err(pos) => self.order.insert(pos, index(i)),
                    Ok(_) => lost = true,
                }
            }
            if key.filter.keeps(&rows[i]) && finder.as_ref().is_none_or(|f| self.text.matches(f, i))
            {
                match place(&self.shown, rows, sort, i, &rows[i]) {
                    Err(pos) => self.shown.insert(pos, index(i)),
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
            None => self.shown.iter().position(|&j| j as usize == i),
        }
    }
}

#[cfg(test)]
mod tests;
