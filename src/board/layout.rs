//! Where the board's parts go at a size, as arithmetic: how big the
//! headline's digits are drawn and how its figures are arranged, where the
//! gauges go, and which panels fit below. Nothing is ever cut: a figure
//! that does not fit at one size is drawn smaller, and a panel that does
//! not fit waits for its turn (Tab).

use ratatui::layout::Rect;

/// How the headline's digits are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Glyphs {
    /// tui-big-text's 8×8 font, a pixel half a cell high: 8 columns by 4
    /// rows a character, about square on a terminal.
    Half,
    /// A pixel a quarter of a cell: 4 columns by 4 rows a character.
    Quadrant,
    /// Plain bold text.
    Text,
}

impl Glyphs {
    /// Columns and rows one character takes.
    pub fn cell(self) -> (u16, u16) {
        match self {
            Glyphs::Half => (8, 4),
            Glyphs::Quadrant => (4, 4),
            Glyphs::Text => (1, 1),
        }
    }
}

/// A headline figure's size before it is drawn: its label's width and its
/// text's characters (the big font is one cell per character).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FigureSize {
    pub label: u16,
    pub chars: u16,
}

impl FigureSize {
    /// The block a figure takes: its label on a line, its digits below.
    fn block(self, g: Glyphs) -> (u16, u16) {
        let (cw, ch) = g.cell();
        (self.label.max(self.chars * cw), 1 + ch)
    }
}

/// Columns between two figures, or a figure and the gauges.
pub const GAP: u16 = 3;
/// The gauges go beside the figures only where they get this many columns.
pub const MIN_SIDE: u16 = 30;

/// Where the headline's parts go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Headline {
    pub glyphs: Glyphs,
    /// Each figure's block, in the figures' order.
    pub figures: Vec<Rect>,
    /// The gauges' block.
    pub gauges: Rect,
    /// The rows the headline takes in all.
    pub height: u16,
}

/// The arrangements tried, best first: big digits in one row or two, then
/// smaller ones, then one figure a row; plain text last.
fn candidates(n: usize, quadrants: bool) -> Vec<(Glyphs, Vec<Vec<usize>>)> {
    let all: Vec<usize> = (0..n).collect();
    let one_row = vec![all.clone()];
    let mut two_rows = Vec::new();
    if n == 3 {
        two_rows.push(vec![vec![0, 1], vec![2]]);
        two_rows.push(vec![vec![0, 2], vec![1]]);
    } else if n == 2 {
        two_rows.push(vec![vec![0], vec![1]]);
    }
    let alone: Vec<Vec<usize>> = all.iter().map(|&i| vec![i]).collect();
    let mut out = Vec::new();
    for g in [Glyphs::Half, Glyphs::Quadrant] {
        out.push((g, one_row.clone()));
        out.extend(two_rows.iter().map(|r| (g, r.clone())));
    }
    for g in [Glyphs::Half, Glyphs::Quadrant, Glyphs::Text] {
        out.push((g, alone.clone()));
    }
    out.insert(out.len() - 1, (Glyphs::Text, one_row));
    out.retain(|(g, _)| quadrants || *g != Glyphs::Quadrant);
    out
}

/// The headline in `area` (its width, from its top), no taller than
/// `budget` rows where any arrangement allows: `figures` as blocks, and
/// the gauges' block, `gauge_rows(width)` rows high at a width, beside the
/// last row of figures where that leaves it `MIN_SIDE` columns, else below.
/// Quadrant glyphs only where `quadrants` (not in ASCII-safe drawing).
pub fn headline(
    area: Rect,
    figures: &[FigureSize],
    gauge_rows: impl Fn(u16) -> u16,
    budget: u16,
    quadrants: bool,
) -> Headline {
    let mut last = None;
    for (g, rows) in candidates(figures.len(), quadrants) {
        let h = arrange(area, figures, &gauge_rows, g, &rows);
        let fits_width = h.figures.iter().all(|r| r.right() <= area.right());
        if fits_width && h.height <= budget {
            return h;
        }
        if fits_width {
            last = Some(h);
        }
    }
    // Nothing fits the budget: the smallest arrangement that fits the width.
    last.unwrap_or_else(|| arrange(area, figures, &gauge_rows, Glyphs::Text, &[]))
}

fn arrange(
    area: Rect,
    figures: &[FigureSize],
    gauge_rows: &impl Fn(u16) -> u16,
    g: Glyphs,
    rows: &[Vec<usize>],
) -> Headline {
    let mut blocks = vec![Rect::default(); figures.len()];
    let mut y = area.y;
    let mut last_row = (area.x, area.y, 0);
    for row in rows {
        let mut x = area.x;
        let mut height = 0;
        for &i in row {
            let (w, h) = figures[i].block(g);
            blocks[i] = Rect::new(x, y, w, h);
            x += w + GAP;
            height = height.max(h);
        }
        last_row = (x, y, height);
        y += height;
    }
    let (side_x, side_y, _) = last_row;
    let side_w = area.right().saturating_sub(side_x);
    let (gauges, height) = if side_w >= MIN_SIDE && !rows.is_empty() {
        let gh = gauge_rows(side_w);
        let r = Rect::new(side_x, side_y, side_w, gh);
        (r, (y - area.y).max(r.bottom() - area.y))
    } else {
        let gh = gauge_rows(area.width);
        (Rect::new(area.x, y, area.width, gh), y - area.y + gh)
    };
    Headline {
        glyphs: g,
        figures: blocks,
        gauges,
        height,
    }
}

/// What a panel needs, its heading included: the rows it cannot do
/// without, the rows it reads well in, and the most it has use for (a list
/// as long as it is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Need {
    pub min: u16,
    pub want: u16,
    pub most: u16,
}

/// Panels side by side from this width on.
pub const TWO_COLUMNS: u16 = 150;

fn columns(width: u16) -> u16 {
    if width >= TWO_COLUMNS { 2 } else { 1 }
}

/// The width of a panel in an area `width` wide.
pub fn column_width(width: u16) -> u16 {
    let c = columns(width);
    (width - (c - 1) * GAP) / c
}

/// The panels that fit in `area`, in the order given (the leading panel
/// first), each with its area: one column, or two from `TWO_COLUMNS`; each
/// column filled down while the next panel's least fits, the rows left
/// given to the panels up to what they want, then up to the most they can
/// use. Two columns share the panels, the first taking no more than half.
pub fn panels(area: Rect, needs: &[Need]) -> Vec<Rect> {
    let columns = columns(area.width);
    let col_w = column_width(area.width);
    // Two columns share the panels: the first no more than half.
    let per_column = needs.len().div_ceil(usize::from(columns));
    let mut out = Vec::new();
    let mut next = 0;
    for c in 0..columns {
        let x = area.x + c * (col_w + GAP);
        // The panels of this column: a blank row between two.
        let mut taken: Vec<u16> = Vec::new();
        let mut used = 0;
        while next < needs.len() && taken.len() < per_column {
            let gap = u16::from(!taken.is_empty());
            if used + gap + needs[next].min > area.height {
                break;
            }
            used += gap + needs[next].min;
            taken.push(needs[next].min);
            next += 1;
        }
        let first = next - taken.len();
        let mut extra = area.height - used;
        // Every panel up to what it reads well in, then up to the most it
        // has use for, in order.
        for up_to in [|n: &Need| n.want, |n: &Need| n.most] {
            for (k, h) in taken.iter_mut().enumerate() {
                let more = up_to(&needs[first + k]).saturating_sub(*h).min(extra);
                *h += more;
                extra -= more;
            }
        }
        let mut y = area.y;
        for h in taken {
            out.push(Rect::new(x, y, col_w, h));
            y += h + 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn money(label: u16) -> FigureSize {
        // "230,553.00"
        FigureSize { label, chars: 10 }
    }

    fn target_review() -> [FigureSize; 3] {
        [money(12), money(12), FigureSize { label: 6, chars: 6 }]
    }

    #[test]
    fn at_80x24_two_rows_of_quadrants_with_the_gauges_beside() {
        let h = headline(Rect::new(0, 1, 80, 22), &target_review(), |_| 5, 10, true);
        assert_eq!(h.glyphs, Glyphs::Quadrant);
        // approved and the rate, then the cut with the gauges beside it
        assert_eq!(h.figures[0], Rect::new(0, 1, 40, 5));
        assert_eq!(h.figures[2], Rect::new(43, 1, 24, 5));
        assert_eq!(h.figures[1], Rect::new(0, 6, 40, 5));
        assert_eq!(h.gauges, Rect::new(43, 6, 37, 5));
        assert_eq!(h.height, 10);
    }

    #[test]
    fn at_200_wide_big_digits() {
        let h = headline(Rect::new(0, 1, 200, 58), &target_review(), |_| 5, 23, true);
        assert_eq!(h.glyphs, Glyphs::Half);
        assert_eq!(h.figures[1], Rect::new(83, 1, 80, 5));
        assert_eq!(h.figures[2].y, 6);
        assert!(h.figures.iter().all(|r| r.right() <= 200));
    }

    #[test]
    fn nothing_is_cut_when_nothing_fits() {
        let h = headline(Rect::new(0, 0, 30, 10), &target_review(), |_| 2, 3, true);
        assert_eq!(h.glyphs, Glyphs::Text);
        assert!(h.figures.iter().all(|r| r.right() <= 30), "{h:?}");
    }

    #[test]
    fn panels_fill_a_column_then_the_next() {
        let need = |min, want, most| Need { min, want, most };
        let needs = [
            need(5, 5, 5),
            need(4, 11, 30),
            need(4, 9, 41),
            need(7, 11, 11),
        ];
        // one column of 12 rows: the first two
        let p = panels(Rect::new(0, 0, 80, 12), &needs);
        assert_eq!(p, [Rect::new(0, 0, 80, 5), Rect::new(0, 6, 80, 6)]);
        // two columns of 24: two and two; the list takes what the chart
        // leaves, the chart first reads well
        let p = panels(Rect::new(0, 0, 160, 24), &needs);
        assert_eq!(p.len(), 4);
        assert_eq!(p[1], Rect::new(0, 6, 78, 18));
        assert_eq!(p[2], Rect::new(81, 0, 78, 12));
        assert_eq!(p[3], Rect::new(81, 13, 78, 11));
    }
}
