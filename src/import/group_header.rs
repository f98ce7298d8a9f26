//! A header of two rows whose top names a group merged over several
//! columns, as budget sheets write last year's figures:
//!
//! ```text
//! 项目编码 | … | 申报金额 |        上年情况         | 新增/延续
//!          |   |          | 预算数 | 执行数 | 执行率 |
//! ```
//!
//! Each column under the group is read as the group's name and its own
//! (`上年预算数`, `上年执行数`, `上年执行率（%）`); the columns merged down
//! over both rows keep their names, and the rows below the second are the
//! table's.

use std::borrow::Cow;

use super::columns::split_header;
use super::table::{Cell, Row};

/// The names of a group of last year's figures, as they stand over it.
const LAST_YEAR: &[&str] = &[
    "上年",
    "上年度",
    "上一年度",
    "上年情况",
    "上年执行情况",
    "上年预算执行情况",
    "上年预算及执行",
    "上年预算及执行情况",
    "lastyear",
];

/// The header read with its second row, if the first names a group over
/// columns the second row names: the header as one row of combined names.
pub(super) fn combined(header: &Row, next: Option<&Row>) -> Option<Row<'static>> {
    let next = next.filter(|n| n.number == header.number + 1)?;
    let is_group = |c: &Cell| {
        c.text().is_some_and(|t| {
            let name = split_header(t).0;
            LAST_YEAR.contains(&name.as_str())
        })
    };
    let groups: Vec<usize> = header
        .cells
        .iter()
        .filter(|(_, c)| is_group(c))
        .map(|(i, _)| *i)
        .collect();
    if groups.is_empty() {
        return None;
    }
    let span = |at: usize| {
        let end = header
            .cells
            .iter()
            .map(|(c, _)| *c)
            .find(|c| *c > at)
            .unwrap_or(usize::MAX);
        at..end
    };
    let merged = |c: &Cell| matches!(c, Cell::Typed(t) if t.merged.is_some());
    let mut out: Vec<(usize, Cell<'static>)> = Vec::new();
    for (i, c) in &next.cells {
        if merged(c) {
            continue;
        }
        // A cell under no group: the second row is no header of ours.
        if !groups.iter().any(|&g| span(g).contains(i)) {
            return None;
        }
        let text = c.text()?;
        let sub = text.trim();
        let sub = sub.strip_prefix("上年").unwrap_or(sub);
        out.push((*i, Cell::Text(Cow::Owned(format!("上年{sub}")))));
    }
    if out.is_empty() {
        return None;
    }
    for (i, c) in &header.cells {
        if groups.contains(i) || out.iter().any(|(o, _)| o == i) {
            continue;
        }
        let text = c.text().unwrap_or("").to_string();
        out.push((*i, Cell::Text(Cow::Owned(text))));
    }
    out.sort_by_key(|(i, _)| *i);
    Some(Row {
        number: header.number,
        cells: out,
        no_controls: false,
    })
}
