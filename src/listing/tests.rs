//! The view against its definition, the search (Chinese, pinyin, never
//! across two fields) and the filters.
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
        code: format!("P{:03}{}", id, rng.pick(&["", "a", "Ab"])).into(),
        department: (*rng.pick(&DEPTS)).into(),
        name: name(rng).into(),
        budget_type: *rng.pick(&BudgetType::ALL),
        section: (rng.below(4) > 0).then(|| (*rng.pick(&SECTIONS)).into()),
        requested,
        decision: decision(rng, requested),
        version: 0,
        comments: 0,
        last: None,
        novelty: None,
    }
}

/// The view by definition: every row kept by the filter whose search
/// text contains the needle, stably sorted.
fn oracle(rows: &[ProjectRow], filter: &Filter, sort: Sort, search: &str) -> Vec<usize> {
    let needle = search.to_lowercase();
    let mut v: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            let r = &rows[i];
            let mut hay = format!("{}\u{0}{}\u{0}{}", r.code, r.name, r.department).to_lowercase();
            for s in [&*r.name, &*r.department] {
                if let Some((i, f)) = crate::romanize::forms(s) {
                    hay += &format!("\u{0}{i}\u{0}{f}");
                }
            }
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
    v.iter().collect()
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
                            r.name = name(&mut rng).into();
                        }
                        // A code given anew, now and then with Chinese or
                        // Greek in it (the codes start all ASCII).
                        if rng.below(15) == 0 {
                            r.code = format!("{}{}", r.code, rng.pick(&["教", "Σ", "x"])).into();
                        }
                        // Moved to another department, now and then to
                        // one no row had before.
                        if rng.below(15) == 0 {
                            r.department = if rng.below(3) == 0 {
                                format!("教育{}局", rng.below(1000)).into()
                            } else {
                                (*rng.pick(&DEPTS)).into()
                            };
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
                    sort =
                        (rng.below(5) > 0).then(|| (*rng.pick(&SORT_COLUMNS), rng.below(2) == 0));
                }
                7 | 8 => {
                    let c = *rng.pick(&[
                        '教', '育', 'a', 'B', 'σ', 'Σ', '1', 'p', '0', 'j', 'y', 'i', 's',
                    ]);
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
                view.iter().collect::<Vec<_>>(),
                want,
                "seed {seed}, step {step}: {filter:?} {sort:?} {search:?}"
            );
            assert_eq!(fresh(&rows, &filter, sort, &search), want);
            for (pos, i) in view.iter().enumerate() {
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
    assert_eq!(view.iter().collect::<Vec<_>>(), [1]);
}

#[test]
fn pinyin_initials_and_full_pinyin_find_names_and_departments() {
    let mut rng = Rng(11);
    let mut rows: Vec<ProjectRow> = (1..=3).map(|id| row(&mut rng, id)).collect();
    rows[0].name = "党史学习教育专项经费".into();
    rows[0].department = "市委办公室".into();
    rows[1].name = "学生资助".into();
    rows[1].department = "教育局".into();
    rows[2].name = "Water works".into();
    rows[2].department = "Water Board".into();
    let mut view = View::default();
    view.rows_replaced(&rows);
    for (needle, found) in [
        ("dsxx", &[0][..]),
        ("dangshi", &[0]),
        ("DSXXJYZXJF", &[0]),
        ("swbgs", &[0]),
        ("shiwei", &[0]),
        ("jyj", &[1]),
        ("xs", &[1]),
        ("jiaoyu", &[0, 1]),
        ("党史", &[0]),
        // Not across two fields: the name's initials, then the
        // department's.
        ("jfswb", &[]),
        ("water", &[2]),
    ] {
        view.update(&rows, &Filter::default(), None, needle);
        assert_eq!(view.iter().collect::<Vec<_>>(), found, "{needle}");
    }
}

/// A project with last year's budget and spending in 万元 (a rate of
/// spent ÷ budget), asking `req`.
fn with_last(rng: &mut Rng, id: i64, req: i64, last: Option<(i64, i64)>) -> ProjectRow {
    let mut r = row(rng, id);
    let wan = |n: i64| Money::from_fen(n * 1_000_000);
    r.requested = wan(req);
    r.last = last.map(|(b, s)| {
        Box::new(crate::domain::LastYear {
            budget: Some(wan(b)),
            spent: Some(wan(s)),
            rate: None,
        })
    });
    r.novelty = Some(if last.is_some() {
        Novelty::Continuing
    } else {
        Novelty::New
    });
    r
}

#[test]
fn a_typed_condition_keeps_the_projects_whose_figure_meets_it() {
    let mut rng = Rng(3);
    let rows = [
        with_last(&mut rng, 1, 120, Some((100, 55))), // 55 %, +20 %
        with_last(&mut rng, 2, 90, Some((100, 60))),  // 60 %, -10 %
        with_last(&mut rng, 3, 100, Some((100, 95))), // 95 %, 0 %
        with_last(&mut rng, 4, 50, None),             // new: no figures
    ];
    let kept = |text: &str| -> Vec<i64> {
        let c = FigureCond::parse(text).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        rows.iter().filter(|r| c.keeps(r)).map(|r| r.id).collect()
    };
    assert_eq!(kept("执行率<60"), [1]);
    assert_eq!(kept("执行率 ≤ 60 %"), [1, 2]);
    assert_eq!(kept("上年执行率＞59.5"), [2, 3]);
    assert_eq!(kept("rate >= 95"), [3]);
    assert_eq!(kept("增幅>0"), [1]);
    assert_eq!(kept("growth >= -10%"), [1, 2, 3]);
    assert_eq!(kept("增幅<-5"), [2]);
    assert_eq!(FigureCond::parse("执行率=60"), Err(CondError::NoComparison));
    assert_eq!(FigureCond::parse("金额<60"), Err(CondError::NoFigure));
    assert!(matches!(
        FigureCond::parse("执行率<六十"),
        Err(CondError::BadValue(_))
    ));

    // New or continuing, and over the ceiling, beside it.
    let f = Filter {
        novelty: Some(Novelty::New),
        ..Filter::default()
    };
    let ids: Vec<i64> = rows.iter().filter(|r| f.keeps(r)).map(|r| r.id).collect();
    assert_eq!(ids, [4]);
    let over = rows[0].department.clone();
    let f = Filter {
        over_ceiling: Some(vec![over.to_string()]),
        figure: Some(FigureCond::parse("执行率<60").unwrap()),
        ..Filter::default()
    };
    for r in &rows {
        assert_eq!(
            f.keeps(r),
            r.department == over && r.id == 1,
            "{} {}",
            r.id,
            r.department
        );
    }
}
