//! The 合计 lines of a projects table, checked against the rows, and what
//! the file requests in all.
//!
//! Exactness: a total that disagrees with its rows is a problem, not a
//! rounding to smooth over. A 合计 line says what many projects request, so
//! it is read up to a meeting's limit, not one project's. A line whose rows
//! could not all be read is not checked, and the problem says which rows
//! stood in the way; every other line is.

use rust_decimal::Decimal;

use crate::domain::money::{Money, parse_amount_at_most};
use crate::domain::problem::{Problem, TableProblem};

use super::cell::zero_formula;
use super::columns::Column;
use super::table::Row;
use super::{Problems, clip};

/// A project row's request: read, or the row whose amount could not be.
pub(super) type Request = Result<Money, usize>;

/// A 合计 line, what it says, and how many project rows stand above it.
pub(super) struct TotalLine<'r, 't> {
    pub row: &'r Row<'t>,
    pub stated: Option<&'r str>,
    pub at: usize,
}

/// Checks what the file requests in all against a meeting's limit, then
/// each 合计 line against the rows: 合计 against all of them, a 小计 (when
/// there are several lines) against its group, the rows between it and the
/// line before it or down to the next.
pub(super) fn check_totals(
    file: &str,
    c_req: &Column,
    requests: &[Request],
    totals: &[TotalLine],
    problems: &mut Problems,
) {
    let read: i128 = requests.iter().flatten().map(|m| i128::from(m.fen())).sum();
    if read > i128::from(Money::MAX_MEETING.fen()) {
        problems.push(Problem::new(
            file,
            None,
            Some(c_req.label.clone()),
            TableProblem::FileTotalTooLarge {
                total: Decimal::from_i128_with_scale(read, 6).normalize(),
                projects: requests.iter().flatten().count(),
                most: Money::MAX_MEETING,
            },
        ));
        // Its 合计 lines say as much and are not looked at.
        return;
    }
    let sum = |from: usize, to: usize| -> Result<Money, Vec<usize>> {
        let part = &requests[from..to];
        let unread: Vec<usize> = part.iter().filter_map(|r| r.err()).collect();
        if unread.is_empty() {
            Ok(part.iter().flatten().copied().sum())
        } else {
            Err(unread)
        }
    };
    let unit = c_req.unit;
    let groups = totals.len() > 1;
    for (k, line) in totals.iter().enumerate() {
        let Some(text) = line.stated else { continue };
        let from = if k == 0 { 0 } else { totals[k - 1].at };
        let to = totals.get(k + 1).map_or(requests.len(), |t| t.at);
        let all = sum(0, requests.len());
        // A group is only a candidate with several lines, and with rows.
        let above = (groups && line.at > from).then(|| sum(from, line.at));
        let below = (groups && to > line.at).then(|| sum(line.at, to));
        let candidates = [Some(&all), above.as_ref(), below.as_ref()];
        let stated = parse_amount_at_most(text, unit, Money::MAX_MEETING);
        if let Ok(m) = &stated
            && candidates.iter().flatten().any(|c| c.as_ref() == Ok(m))
        {
            continue;
        }
        let unread: Vec<usize> = candidates
            .iter()
            .flatten()
            .filter_map(|c| c.as_ref().err())
            .flatten()
            .copied()
            .collect();
        let not_checked = |mut rows: Vec<usize>| {
            rows.sort_unstable();
            rows.dedup();
            TableProblem::TotalNotChecked { rows }
        };
        let all = all.clone().unwrap_or_default();
        let kind = if zero_formula(line.row, c_req).is_some() {
            // A total formula saved as 0 (or not at all) says nothing.
            if unread.is_empty() {
                TableProblem::TotalUncalculated {
                    formula: zero_formula(line.row, c_req).map(str::to_string),
                    saved_empty: text.is_empty(),
                    sum: all,
                    unit,
                }
            } else {
                not_checked(unread)
            }
        } else {
            match stated {
                Err(error) => TableProblem::TotalBadAmount {
                    text: clip(text, 40),
                    error,
                },
                // Rows it might add up to could not be read.
                Ok(_) if !unread.is_empty() => not_checked(unread),
                Ok(_) if groups => TableProblem::TotalGroupOff {
                    text: clip(text, 40),
                    sum: all,
                    above: above.and_then(Result::ok),
                    above_from_top: k == 0,
                    below: below.and_then(Result::ok),
                    unit,
                },
                Ok(m) => TableProblem::TotalOff {
                    text: clip(text, 40),
                    sum: all,
                    stated: m,
                    unit,
                },
            }
        };
        problems.push(Problem::new(
            file,
            Some(line.row.number),
            Some(c_req.label.clone()),
            kind,
        ));
    }
}
