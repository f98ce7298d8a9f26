//! How wide the project list's columns of codes and money are: as wide as
//! their widest value, measured over every row (not only those on screen,
//! so a column keeps its width while the list scrolls), amounts aligned at
//! the decimal point. Measured when rows change, not on every frame.

use crate::domain::Money;
use crate::store::ProjectRow;
use crate::text::{DecimalColumn, width};

/// The widths the list's codes and amounts need.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Widths {
    /// The longest project code: a row's key is never cut.
    pub code: usize,
    pub requested: DecimalColumn,
    /// Approved amounts of decided projects (`—` for the others).
    pub approved: DecimalColumn,
    /// What the cut column shows: a cut, or a later stage's amount.
    pub cut: DecimalColumn,
    /// The widest 上年执行率 (`85.00%`); 0 when no row has one.
    pub rate: usize,
    /// The widest 增幅 (`+25.00%`); 0 when no row has one.
    pub growth: usize,
    /// Whether any row says new or continuing.
    pub novelty: bool,
}

impl Widths {
    pub fn of(rows: &[ProjectRow]) -> Widths {
        let mut w = Widths {
            approved: DecimalColumn { int: 1, frac: 0 },
            ..Widths::default()
        };
        for r in rows {
            w.code = w.code.max(width(&r.code));
            take(&mut w.requested, r.requested);
            let d = &r.decision;
            if d.state.is_decided() {
                take(&mut w.approved, d.approved);
            }
            match &d.stage {
                Some(a) => take(&mut w.cut, a.amount),
                None => take(&mut w.cut, d.cut(r.requested)),
            }
            if r.last.is_some() {
                if let Some(p) = r.last_rate() {
                    w.rate = w.rate.max(p.text().len());
                }
                if let Some(p) = r.growth() {
                    w.growth = w.growth.max(growth_text(p).len());
                }
            }
            w.novelty |= r.novelty.is_some();
        }
        w
    }

    /// The widths after some rows changed to `new`, worked out from those
    /// rows alone: a refresh after a commit must not look at every row.
    /// Columns only widen here (a column a cut has narrowed stays as wide
    /// until the rows are read anew), so the list does not shift under
    /// the reader at every decision.
    pub fn widened(self, new: &[ProjectRow]) -> Widths {
        let n = Widths::of(new);
        let mut w = self;
        w.code = w.code.max(n.code);
        w.requested.take(n.requested.int, n.requested.frac);
        w.approved.take(n.approved.int, n.approved.frac);
        w.cut.take(n.cut.int, n.cut.frac);
        w
    }
}

/// 增幅 as the list writes it: `+25.00%`, `-12.50%`, `0.00%`.
pub fn growth_text(p: crate::domain::Percent) -> String {
    if p.hundredths() > 0 {
        format!("+{}", p.text())
    } else {
        p.text()
    }
}

/// Takes in an amount as `Money::wan_display` writes it (`2,803.9775`),
/// counted without writing it.
fn take(c: &mut DecimalColumn, m: Money) {
    let (int, frac) = wan_cells(m);
    c.take(int, frac);
}

/// The cells of an amount's integer part in 万元 (separators and sign
/// included) and the digits of its fraction (two to six).
pub fn wan_cells(m: Money) -> (usize, usize) {
    let fen = m.fen();
    let sign = usize::from(fen < 0);
    let fen = fen.unsigned_abs();
    let whole = fen / 1_000_000;
    let digits = whole.checked_ilog10().map_or(1, |d| d as usize + 1);
    let rest = fen % 1_000_000;
    let frac = match rest {
        r if r % 10_000 == 0 => 2,
        r if r % 1_000 == 0 => 3,
        r if r % 100 == 0 => 4,
        r if r % 10 == 0 => 5,
        _ => 6,
    };
    (sign + digits + (digits - 1) / 3, frac)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_counted_as_the_amount_is_written() {
        for fen in [
            0i64,
            1,
            10_000,
            26_000_000,
            2_803_977_500,
            347_740_000_000,
            123_456_789_012_345,
            -3_900_000,
            999_999,
        ] {
            let m = Money::from_fen(fen);
            let text = m.wan_display();
            let (int, frac) = text.split_once('.').unwrap();
            assert_eq!(wan_cells(m), (int.len(), frac.len()), "{text}");
        }
    }
}
