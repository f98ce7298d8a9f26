//! Drawing projects: names from the departments' templates, amounts
//! log-uniform in each template's range, settled to the meeting's total.

use std::collections::HashSet;

use crate::domain::money::Money;

use super::catalogue::{GENERIC, PLACES, RIVERS, SCHOOLS, TOWNS, Tpl, VILLAGES};
use super::departments::Dept;
use super::rng::{Rng, pow_frac};
use super::{CENT_WAN, FEN_PER_WAN, YEAR};

pub(super) struct Project {
    pub(super) code: String,
    pub(super) dept: usize,
    pub(super) name: String,
    pub(super) tpl: Tpl,
    /// Where the amount lies in the template's range, 0..65536.
    pub(super) p: u16,
    /// The amount as drawn, in 万元, before scaling and rounding: a random
    /// size, not money. `settle_amounts` turns it into whole fen, and only
    /// `requested` (exact) is ever written or summed.
    pub(super) raw: f64,
    /// The rounding step, in fen.
    pub(super) step: i64,
    pub(super) requested: Money,
}

/// Draws `total` projects spread over `depts` in proportion to their sizes.
pub(super) fn draw_projects(depts: &[Dept], total: usize, rng: &mut Rng) -> Vec<Project> {
    let weight: usize = depts.iter().map(|d| d.count).sum();
    let mut projects = Vec::with_capacity(total);
    let mut cum = 0usize;
    let mut done = 0usize;
    for (di, dept) in depts.iter().enumerate() {
        cum += dept.count;
        let upto = cum * total / weight;
        let n = upto - done;
        done = upto;
        let mut used: HashSet<u64> = HashSet::with_capacity(n * 2);
        for seq in 1..=n {
            let (tpl, name) = unique_name(dept, &mut used, rng);
            let p = (rng.next_u64() >> 48) as u16;
            let raw = f64::from(tpl.lo) * pow_frac(f64::from(tpl.hi) / f64::from(tpl.lo), p);
            let step = amount_step(raw, rng);
            projects.push(Project {
                code: format!("{YEAR}-{:03}-{seq:04}", di + 1),
                dept: di,
                name,
                tpl,
                p,
                raw,
                step,
                requested: Money::ZERO,
            });
        }
    }
    projects
}

/// A project name not yet used in the department.
pub(super) fn unique_name(dept: &Dept, used: &mut HashSet<u64>, rng: &mut Rng) -> (Tpl, String) {
    let mut last = None;
    for _ in 0..40 {
        let tpl = if rng.chance(12) {
            rng.pick(GENERIC)
        } else {
            rng.pick(dept.tpls)
        };
        let name = fill(tpl.name, dept.home, rng);
        if used.insert(fnv1a(&name)) {
            return (tpl, name);
        }
        last = Some((tpl, name));
    }
    let (tpl, name) = last.expect("at least one try");
    for phase in ["二期", "三期", "四期", "五期", "续建"] {
        let n = format!("{name}（{phase}）");
        if used.insert(fnv1a(&n)) {
            return (tpl, n);
        }
    }
    let mut k = 2;
    loop {
        let n = format!("{name}（{k}）");
        if used.insert(fnv1a(&n)) {
            return (tpl, n);
        }
        k += 1;
    }
}

/// FNV-1a: a fixed hash of a name, so the names used stay cheap to remember
/// and the choice of names never depends on the standard library's hasher.
pub(super) fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Fills a template's placeholders.
pub(super) fn fill(pattern: &str, home: Option<&'static str>, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(pattern.len() + 24);
    let mut rest = pattern;
    let mut town: Option<&'static str> = home;
    while let Some(i) = rest.find('{') {
        out.push_str(&rest[..i]);
        let j = i + rest[i..].find('}').expect("closed placeholder");
        let key = &rest[i + 1..j];
        let here = *town.get_or_insert_with(|| rng.pick(&PLACES));
        match key {
            "年" => out.push_str("2021年"),
            "镇" => out.push_str(here),
            "镇2" => loop {
                let other = rng.pick(&PLACES[..TOWNS]);
                if other != here {
                    out.push_str(other);
                    break;
                }
            },
            "村" => {
                out.push_str(rng.pick(&VILLAGES));
                out.push_str(if here.ends_with("街道") {
                    "社区"
                } else {
                    "村"
                });
            }
            "校" => {
                out.push_str(here.strip_suffix("街道").unwrap_or(here));
                out.push_str(rng.pick(&SCHOOLS));
            }
            "院" => match here.strip_suffix("街道") {
                Some(b) => {
                    out.push_str(b);
                    out.push_str("社区卫生服务中心");
                }
                None => {
                    out.push_str(here);
                    out.push_str(if rng.chance(40) {
                        "中心卫生院"
                    } else {
                        "卫生院"
                    });
                }
            },
            "河" => out.push_str(rng.pick(&RIVERS)),
            other => unreachable!("unknown placeholder {other}"),
        }
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}

/// How an amount is rounded: large ones to whole 万元, small ones to the 0.01.
pub(super) fn amount_step(raw: f64, rng: &mut Rng) -> i64 {
    let r = rng.below(100);
    let wan = if raw >= 1000.0 {
        match r {
            0..30 => 1000,
            30..70 => 100,
            70..85 => 10,
            _ => 1,
        }
    } else if raw >= 10.0 {
        match r {
            0..45 => 100,
            45..75 => 10,
            _ => 1,
        }
    } else {
        match r {
            0..50 => 10,
            _ => 1,
        }
    };
    wan * CENT_WAN
}

/// Scales the drawn amounts to sum about `target`, rounds each to its step
/// and, if `exact`, gives the rounding difference to the largest projects.
pub(super) fn settle_amounts(projects: &mut [Project], target: Money, exact: bool) {
    if projects.is_empty() {
        return;
    }
    let raw_sum: f64 = projects.iter().map(|p| p.raw).sum();
    let scale = target.fen() as f64 / FEN_PER_WAN as f64 / raw_sum;
    for p in projects.iter_mut() {
        let fen = p.raw * scale * FEN_PER_WAN as f64;
        let steps = (fen / p.step as f64).round() as i64;
        let fen = (steps * p.step).max(CENT_WAN);
        p.requested = Money::from_fen(fen);
    }
    if exact {
        let sum: Money = projects.iter().map(|p| p.requested).sum();
        let mut diff = target.fen() - sum.fen();
        let mut order: Vec<usize> = (0..projects.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse((projects[i].requested, i)));
        for &i in &order {
            if diff == 0 {
                break;
            }
            let cur = projects[i].requested.fen();
            // Change no project by more than a tenth.
            let change = diff.clamp(-cur / 10, cur / 10) / CENT_WAN * CENT_WAN;
            projects[i].requested = Money::from_fen(cur + change);
            diff -= change;
        }
        assert_eq!(diff, 0, "the total could not be settled");
    }
}
