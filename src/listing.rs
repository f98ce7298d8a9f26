//! The list as shown: which rows, in which order, for a filter, a search
//! and a sort. Rebuilt when the filter, search or sort changes; when a few
//! rows change under it (a commit here or in another session), patched row
//! by row, so a commit on a large meeting does not cost a rebuild. Either
//! way it equals what a rebuild from the rows would give.

use std::cmp::Ordering;
use std::ops::Deref;

use memchr::memmem;

use crate::domain::{BudgetType, Money, State};
use crate::i18n::Lang;
use crate::store::ProjectRow;

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
}

impl Column {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Column::Code => lang.t("编码", "code"),
            Column::Department => lang.t("部门", "department"),
            Column::Name => lang.t("项目名称", "project"),
            Column::Budget => lang.t("预算类型", "budget"),
            Column::Requested => lang.t("申报", "requested"),
            Column::Approved => lang.t("审定", "approved"),
            Column::Cut => lang.t("审减", "cut"),
            Column::State => lang.t("状态", "state"),
            Column::Section => lang.t("股室", "section"),
        }
    }
}

/// The columns the list can be sorted by, in the sort form's order.
pub const SORT_COLUMNS: [Column; 9] = [
    Column::Code,
    Column::Department,
    Column::Name,
    Column::Budget,
    Column::Requested,
    Column::Approved,
    Column::Cut,
    Column::State,
    Column::Section,
];

/// Up to this many changed rows are patched in; more rebuild the view.
pub const PATCH_LIMIT: usize = 64;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub state: Option<State>,
    pub department: Option<String>,
    pub budget: Option<BudgetType>,
    pub section: Option<String>,
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
    };
    if desc { o.reverse() } else { o }
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
/// department apart (NUL between them, so a query cannot match across two
/// fields), rows one after another with a newline after each.
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
    buf.push(b'\n');
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
mod tests {
    use super::*;
    use crate::domain::{Decision, Money};

    /// xorshift64: deterministic, no dependency.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }

        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }

        fn pick<'a, T>(&mut self, all: &'a [T]) -> &'a T {
            &all[self.below(all.len())]
        }
    }

    const DEPTS: [&str; 4] = ["教育局", "卫健委", "Water Board", "ΣΟΦΙΑ"];
    const WORDS: [&str; 8] = ["教育", "设备", "School", "ab", "BA", "局", "Σ", "x1"];
    const SECTIONS: [&str; 3] = ["一股", "二股", "Ops"];

    fn name(rng: &mut Rng) -> String {
        (0..1 + rng.below(3)).map(|_| *rng.pick(&WORDS)).collect()
    }

    fn decision(rng: &mut Rng, requested: Money) -> Decision {
        let state = *rng.pick(&State::ALL);
        let approved = match state {
            State::Pending | State::Cancelled => Money::ZERO,
            State::Approved => requested,
            State::Cut => Money::from_fen(rng.below(requested.fen() as usize) as i64),
        };
        Decision {
            state,
            approved,
            adjust: None,
            stage: None,
        }
    }

    fn row(rng: &mut Rng, id: i64) -> ProjectRow {
        let requested = Money::from_fen(1 + rng.below(5) as i64 * 1000);
        ProjectRow {
            id,
            code: format!("P{:03}{}", id, rng.pick(&["", "a", "Ab"])),
            department: (*rng.pick(&DEPTS)).into(),
            name: name(rng),
            budget_type: *rng.pick(&BudgetType::ALL),
            section: (rng.below(4) > 0).then(|| rng.pick(&SECTIONS).to_string()),
            requested,
            decision: decision(rng, requested),
            version: 0,
            comments: 0,
        }
    }

    /// The view by definition: every row kept by the filter whose search
    /// text contains the needle, stably sorted.
    fn oracle(rows: &[ProjectRow], filter: &Filter, sort: Sort, search: &str) -> Vec<usize> {
        let needle = search.to_lowercase();
        let mut v: Vec<usize> = (0..rows.len())
            .filter(|&i| {
                let r = &rows[i];
                let hay = format!("{}\u{0}{}\u{0}{}", r.code, r.name, r.department).to_lowercase();
                filter.keeps(r) && hay.contains(needle.as_str())
            })
            .collect();
        v.sort_by(|&a, &b| cmp_keys(sort, &rows[a], &rows[b]));
        v
    }

    fn fresh(rows: &[ProjectRow], filter: &Filter, sort: Sort, search: &str) -> Vec<usize> {
        let mut v = View::default();
        v.rows_replaced(rows);
        v.update(rows, filter, sort, search);
        v.shown
    }

    #[test]
    fn a_patched_view_equals_a_rebuilt_one_over_400_random_steps() {
        for seed in 1..=6u64 {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ seed);
            let mut rows: Vec<ProjectRow> = (0..300).map(|id| row(&mut rng, id)).collect();
            let mut view = View::default();
            view.rows_replaced(&rows);
            let (mut filter, mut sort, mut search) = (Filter::default(), None, String::new());
            view.update(&rows, &filter, sort, &search);
            for step in 0..400 {
                match rng.below(10) {
                    // A decision (sometimes a renamed project, sometimes more
                    // rows than are patched).
                    0..=4 => {
                        let n = if rng.below(20) == 0 {
                            PATCH_LIMIT + 1 + rng.below(10)
                        } else {
                            1 + rng.below(4)
                        };
                        let mut changes = Vec::new();
                        for _ in 0..n {
                            let i = rng.below(rows.len());
                            if changes.iter().any(|(j, _)| *j == i) {
                                continue;
                            }
                            let mut r = rows[i].clone();
                            r.decision = decision(&mut rng, r.requested);
                            r.version += 1;
                            if rng.below(10) == 0 {
                                r.name = name(&mut rng);
                            }
                            changes.push((i, r));
                        }
                        view.patch(&mut rows, changes);
                    }
                    5 => {
                        filter = Filter::default();
                        match rng.below(5) {
                            0 => filter.state = Some(*rng.pick(&State::ALL)),
                            1 => filter.department = Some(rng.pick(&DEPTS).to_string()),
                            2 => filter.budget = Some(*rng.pick(&BudgetType::ALL)),
                            3 => filter.section = Some(rng.pick(&SECTIONS).to_string()),
                            _ => {}
                        }
                    }
                    6 => {
                        sort = (rng.below(5) > 0)
                            .then(|| (*rng.pick(&SORT_COLUMNS), rng.below(2) == 0));
                    }
                    7 | 8 => {
                        let c = *rng.pick(&['教', '育', 'a', 'B', 'σ', 'Σ', '1', 'p', '0']);
                        search.push(c);
                    }
                    _ => {
                        if rng.below(3) == 0 {
                            search.clear();
                        } else {
                            search.pop();
                        }
                    }
                }
                view.update(&rows, &filter, sort, &search);
                let want = oracle(&rows, &filter, sort, &search);
                assert_eq!(
                    view.shown, want,
                    "seed {seed}, step {step}: {filter:?} {sort:?} {search:?}"
                );
                assert_eq!(fresh(&rows, &filter, sort, &search), want);
                for (pos, &i) in view.iter().enumerate() {
                    assert_eq!(view.position(&rows, i), Some(pos));
                }
            }
        }
    }

    #[test]
    fn a_search_does_not_match_across_two_rows_or_two_fields() {
        let mut rng = Rng(7);
        let mut rows = vec![row(&mut rng, 1), row(&mut rng, 2)];
        rows[0].department = "教育局".into();
        rows[1].code = "ab".into();
        rows[1].name = "cd".into();
        let mut view = View::default();
        view.rows_replaced(&rows);
        for needle in ["局\nab", "局ab", "abcd"] {
            view.update(&rows, &Filter::default(), None, needle);
            assert!(view.is_empty(), "{needle:?}");
        }
        view.update(&rows, &Filter::default(), None, "AB");
        assert_eq!(&*view, &[1]);
    }
}
