//! Header rows: which column holds what, and in which unit.

use crate::domain::RateUnit;
use crate::domain::money::Unit;
use crate::domain::problem::{Problem, TableProblem, WeighProblem};

use super::table::{Cell, Row};
use super::{Problems, clip};

/// A column a table may have.
pub(crate) struct Spec {
    /// The Chinese and English names shown in messages.
    pub zh: &'static str,
    pub en: &'static str,
    /// Every accepted name, best first; on a tie the better name wins.
    pub aliases: &'static [&'static str],
    pub required: bool,
    /// The header may carry a unit for amounts: `申报金额（万元）`.
    pub money: bool,
    /// Columns of the same group exclude each other (the batch amounts).
    pub group: Option<&'static str>,
    /// The header may say what a rate's bare numbers are:
    /// `上年执行率（%）`, `上年执行率（小数）`.
    pub rate: bool,
}

/// A spec with no money and no group.
pub(crate) const fn spec(
    zh: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> Spec {
    Spec {
        zh,
        en,
        aliases,
        required,
        money: false,
        group: None,
        rate: false,
    }
}

pub(crate) const CODE: &[&str] = &[
    "项目编码",
    "项目代码",
    "项目编号",
    "project_id",
    "project_code",
    "code",
    "id",
];

const MAX_HEADER_BYTES: usize = 200;

/// A column found in the header.
#[derive(Clone, Debug)]
pub(crate) struct Column {
    pub index: usize,
    /// The header as written with its letter: `申报金额 (E)`.
    pub label: String,
    /// For money columns: the unit from the header, 万元 if none.
    pub unit: Unit,
    /// For a rate column: what its header says bare numbers are.
    pub rate_unit: RateUnit,
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
pub(crate) fn column_letter(index: usize) -> String {
    let mut n = index as u128 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(char::from(b'A' + r));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// Lowercase, no blanks, ASCII brackets.
fn fold(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{feff}')
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '【' | '［' => '[',
            '】' | '］' => ']',
            '／' => '/',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Splits a header into its name and the unit in trailing brackets:
/// `申报金额（万元）` → (`申报金额`, `万元`).
pub(crate) fn split_header(text: &str) -> (String, Option<String>) {
    let f = fold(text);
    for (open, close) in [('(', ')'), ('[', ']')] {
        if let Some(body) = f.strip_suffix(close)
            && let Some(at) = body.rfind(open)
            && at > 0
        {
            return (
                body[..at].to_string(),
                Some(body[at + open.len_utf8()..].to_string()),
            );
        }
    }
    (f, None)
}

/// The key names are compared by: `Project ID`, `project_id` and
/// `project-id` are the same name.
fn key(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, '_' | '-')).collect()
}

/// Every accepted name's key, with its spec and rank.
fn alias_keys(specs: &[Spec]) -> Vec<(String, usize, usize)> {
    let mut out = Vec::new();
    for (si, s) in specs.iter().enumerate() {
        for (rank, a) in s.aliases.iter().enumerate() {
            out.push((key(&fold(a)), si, rank));
        }
    }
    out
}

fn find_alias(keys: &[(String, usize, usize)], name: &str) -> Option<(usize, usize)> {
    let k = key(name);
    keys.iter()
        .find(|(a, _, _)| *a == k)
        .map(|(_, si, rank)| (*si, *rank))
}

/// What the header says about one spec.
struct Candidate {
    spec: usize,
    rank: usize,
    index: usize,
    label: String,
    unit: Option<String>,
}

fn header_text<'a>(cell: &'a Cell<'_>) -> &'a str {
    match cell {
        Cell::Error(e) => e,
        c => c.text().unwrap_or(""),
    }
}

pub(crate) fn label(text: &str, index: usize) -> String {
    format!("{} ({})", clip(&one_line(text), 40), column_letter(index))
}

/// A header as one line, the way it reads in the sheet: a line break
/// (Alt-Enter in a wrapped header cell) between two Chinese characters is
/// dropped, elsewhere it becomes a space. `申报金额\n（万元）` →
/// `申报金额（万元）`, `Requested\n(wan)` → `Requested (wan)`.
pub(crate) fn one_line(text: &str) -> String {
    if !text.contains(['\n', '\r', '\t']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        // A run of blanks: kept as it is unless it holds a break.
        let mut run = String::from(c);
        while let Some(&n) = chars.peek().filter(|n| n.is_whitespace()) {
            run.push(n);
            chars.next();
        }
        if !run.contains(['\n', '\r', '\t']) {
            out.push_str(&run);
            continue;
        }
        let before_wide = out.chars().last().is_some_and(|b| !b.is_ascii());
        let after_wide = chars.peek().is_some_and(|a| !a.is_ascii());
        let at_an_end = out.is_empty() || chars.peek().is_none();
        if !(at_an_end || before_wide && after_wide) {
            out.push(' ');
        }
    }
    out
}

/// Maps the header row to `specs`. Reports missing, doubled and unit
/// problems; returns None if the rows cannot be read.
pub(crate) fn map_header(
    header: &Row,
    specs: &[Spec],
    file: &str,
    default_unit: Option<Unit>,
    problems: &mut Problems,
) -> Option<Vec<Option<Column>>> {
    let keys = alias_keys(specs);
    let mut candidates: Vec<Candidate> = Vec::new();
    for (index, cell) in &header.cells {
        let text = header_text(cell);
        // No accepted name, even with a unit, is anywhere near this long.
        if text.len() > MAX_HEADER_BYTES {
            continue;
        }
        let (name, unit) = split_header(text);
        let found = find_alias(&keys, &name).map(|m| (m, unit)).or_else(|| {
            // `申报金额/万元`, `申报金额_万元`
            let at = name.rfind(['/', '_'])?;
            let (left, right) = (&name[..at], &name[at + 1..]);
            Unit::from_label(right)?;
            find_alias(&keys, left).map(|m| (m, Some(right.to_string())))
        });
        if let Some(((spec, rank), unit)) = found {
            candidates.push(Candidate {
                spec,
                rank,
                index: *index,
                label: label(text, *index),
                unit,
            });
        }
    }
    let mut ok = true;
    let mut columns: Vec<Option<Column>> = vec![None; specs.len()];
    for (si, spec) in specs.iter().enumerate() {
        let mine: Vec<&Candidate> = candidates.iter().filter(|c| c.spec == si).collect();
        let Some(best) = mine.iter().map(|c| c.rank).min() else {
            if spec.required {
                ok = false;
                problems.push(missing(spec, header, file));
            }
            continue;
        };
        let best: Vec<&&Candidate> = mine.iter().filter(|c| c.rank == best).collect();
        if best.len() > 1 {
            ok = false;
            let labels: Vec<&str> = best.iter().map(|c| c.label.as_str()).collect();
            problems.push(Problem::new(
                file,
                Some(header.number),
                Some(best[1].label.clone()),
                TableProblem::TwoColumns {
                    zh: spec.zh,
                    en: spec.en,
                    labels: labels.iter().map(|l| l.to_string()).collect(),
                },
            ));
            continue;
        }
        let c = best[0];
        let mut unit = default_unit.unwrap_or(Unit::Wan);
        if spec.money
            && let Some(u) = &c.unit
        {
            match Unit::from_label(u) {
                // `单位：元` over `申报金额（万元）`: which is it?
                Some(x) if default_unit.is_some_and(|d| d != x) => {
                    ok = false;
                    let d = default_unit.unwrap_or(x);
                    problems.push(Problem::new(
                        file,
                        Some(header.number),
                        Some(c.label.clone()),
                        TableProblem::UnitConflict { header: x, line: d },
                    ));
                }
                Some(x) => unit = x,
                None => {
                    ok = false;
                    problems.push(Problem::new(
                        file,
                        Some(header.number),
                        Some(c.label.clone()),
                        TableProblem::UnknownUnit {
                            unit: clip(u, 40),
                            column: spec.zh,
                        },
                    ));
                }
            }
        }
        let mut rate_unit = RateUnit::Unstated;
        if spec.rate
            && let Some(u) = &c.unit
        {
            match RateUnit::from_label(u) {
                Some(r) => rate_unit = r,
                None => {
                    ok = false;
                    problems.push(Problem::new(
                        file,
                        Some(header.number),
                        Some(c.label.clone()),
                        WeighProblem::UnknownRateUnit {
                            unit: clip(u, 40),
                            column: spec.zh,
                        },
                    ));
                }
            }
        }
        columns[si] = Some(Column {
            index: c.index,
            label: c.label.clone(),
            unit,
            rate_unit,
        });
    }
    // Columns of one group exclude each other.
    let mut seen: Vec<(&str, &Column)> = Vec::new();
    for (spec, col) in specs.iter().zip(&columns) {
        if let (Some(g), Some(col)) = (spec.group, col) {
            if let Some((_, first)) = seen.iter().find(|(sg, _)| *sg == g) {
                ok = false;
                problems.push(two_amount_columns(file, header, first, col));
            } else {
                seen.push((g, col));
            }
        }
    }
    ok.then_some(columns)
}

fn missing(spec: &Spec, header: &Row, file: &str) -> Problem {
    const SHOWN: usize = 30;
    let names: Vec<String> = header
        .cells
        .iter()
        .take(SHOWN)
        .map(|(_, c)| clip(&one_line(header_text(c)), 40))
        .collect();
    let others: Vec<&str> = spec
        .aliases
        .iter()
        .copied()
        .filter(|a| *a != spec.zh && *a != spec.en)
        .collect();
    Problem::new(
        file,
        Some(header.number),
        None,
        TableProblem::MissingColumn {
            zh: spec.zh,
            en: spec.en,
            header: names,
            columns: header.cells.len(),
            others,
        },
    )
}

/// Two columns that each hold the amount: which is meant cannot be told.
pub(crate) fn two_amount_columns(
    file: &str,
    header: &Row,
    first: &Column,
    second: &Column,
) -> Problem {
    Problem::new(
        file,
        Some(header.number),
        Some(second.label.clone()),
        TableProblem::TwoAmountColumns {
            first: first.label.clone(),
            second: second.label.clone(),
        },
    )
}
