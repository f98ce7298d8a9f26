//! A worksheet being filled: the workbook's cell styles, amounts and rates
//! as the doubles a cell holds, the widest text of each column.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, Color, Format as Style, FormatBorder, Formula, RowNum, Worksheet, XlsxError,
    column_number_to_name,
};

use super::super::FigureCell;
use crate::domain::{Figures, Money};
use crate::text::width;

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Column widths stop here, in characters.
const MAX_COLUMN_WIDTH: f64 = 60.0;

pub(super) struct Styles {
    pub(super) header: Style,
    pub(super) money: Style,
    pub(super) money_fine: Style,
    pub(super) rate: Style,
    pub(super) count: Style,
    pub(super) total_text: Style,
    pub(super) total_money: Style,
    pub(super) total_money_fine: Style,
    pub(super) total_rate: Style,
    pub(super) total_count: Style,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let total = || {
            Style::new()
                .set_bold()
                .set_border_top(FormatBorder::Thin)
                .set_background_color(Color::RGB(0xF2F2F2))
        };
        Styles {
            header: Style::new()
                .set_bold()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin),
            money: Style::new().set_num_format("#,##0.00"),
            money_fine: Style::new().set_num_format("#,##0.00####"),
            rate: Style::new().set_num_format("0.00%"),
            count: Style::new().set_num_format("0"),
            total_text: total(),
            total_money: total().set_num_format("#,##0.00"),
            total_money_fine: total().set_num_format("#,##0.00####"),
            total_rate: total().set_num_format("0.00%"),
            total_count: total().set_num_format("0"),
        }
    }

    /// Two decimals unless the amount is finer than 0.01万元 (100 yuan).
    pub(super) fn money_for(&self, m: Money, total: bool) -> &Style {
        match (m.fen() % 10_000 != 0, total) {
            (false, false) => &self.money,
            (true, false) => &self.money_fine,
            (false, true) => &self.total_money,
            (true, true) => &self.total_money_fine,
        }
    }
}

/// The double a cell holds for an amount: the exact 万元 decimal, converted
/// at the last moment (via its decimal text, which parses to the nearest double).
pub(super) fn wan_f64(m: Money) -> f64 {
    m.to_wan().to_string().parse().unwrap_or(0.0)
}

/// A percentage (`33.70`) as the fraction a `0.00%` cell holds.
pub(super) fn rate_fraction(r: Decimal) -> Decimal {
    (r / Decimal::from(100)).normalize()
}

/// A worksheet being filled, keeping the widest text of each column.
pub(super) struct Sheet<'s> {
    pub(super) ws: Worksheet,
    widths: Vec<usize>,
    styles: &'s Styles,
}

impl<'s> Sheet<'s> {
    pub(super) fn new(
        name: &str,
        headers: &[&str],
        styles: &'s Styles,
    ) -> Result<Sheet<'s>, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        let mut sheet = Sheet {
            ws,
            widths: vec![0; headers.len()],
            styles,
        };
        for (c, h) in headers.iter().enumerate() {
            sheet
                .ws
                .write_string_with_format(0, c as ColNum, *h, &styles.header)?;
            sheet.seen(c as ColNum, h);
        }
        Ok(sheet)
    }

    pub(super) fn seen(&mut self, col: ColNum, shown: &str) {
        let w = shown.lines().map(width).max().unwrap_or(0);
        let slot = &mut self.widths[col as usize];
        *slot = (*slot).max(w);
    }

    pub(super) fn text(
        &mut self,
        row: RowNum,
        col: ColNum,
        s: &str,
        total: bool,
    ) -> Result<(), XlsxError> {
        let s: String = if s.chars().count() > MAX_CELL_CHARS {
            s.chars()
                .take(MAX_CELL_CHARS - 1)
                .chain(std::iter::once('…'))
                .collect()
        } else {
            s.to_string()
        };
        if total {
            self.ws
                .write_string_with_format(row, col, &s, &self.styles.total_text)?;
        } else {
            self.ws.write_string(row, col, &s)?;
        }
        self.seen(col, &s);
        Ok(())
    }

    pub(super) fn money(&mut self, row: RowNum, col: ColNum, m: Money) -> Result<(), XlsxError> {
        let style = self.styles.money_for(m, false);
        self.ws
            .write_number_with_format(row, col, wan_f64(m), style)?;
        self.seen(col, &m.wan_display());
        Ok(())
    }

    pub(super) fn rate(
        &mut self,
        row: RowNum,
        col: ColNum,
        r: Option<Decimal>,
    ) -> Result<(), XlsxError> {
        if let Some(r) = r {
            let v: f64 = rate_fraction(r).to_string().parse().unwrap_or(0.0);
            self.ws
                .write_number_with_format(row, col, v, &self.styles.rate)?;
            self.seen(col, &format!("{r}%"));
        }
        Ok(())
    }

    pub(super) fn count(&mut self, row: RowNum, col: ColNum, n: u64) -> Result<(), XlsxError> {
        self.ws
            .write_number_with_format(row, col, n as f64, &self.styles.count)?;
        self.seen(col, &n.to_string());
        Ok(())
    }

    /// A formula in the totals row, with the tally's figure as its cached
    /// result so readers that do not recalculate show the right number.
    pub(super) fn total_formula(
        &mut self,
        row: RowNum,
        col: ColNum,
        formula: String,
        result: String,
        shown: &str,
        style: &Style,
    ) -> Result<(), XlsxError> {
        self.ws.write_formula_with_format(
            row,
            col,
            Formula::new(formula).set_result(result),
            style,
        )?;
        self.seen(col, shown);
        Ok(())
    }

    /// `=SUM(X2:Xlast)` over the data rows above the totals row.
    pub(super) fn total_sum(
        &mut self,
        row: RowNum,
        col: ColNum,
        value: FigureCell,
    ) -> Result<(), XlsxError> {
        let styles = self.styles;
        let letter = column_number_to_name(col);
        let (result, shown, style) = match value {
            FigureCell::Money(m) => (
                m.to_wan().to_string(),
                m.wan_display(),
                styles.money_for(m, true),
            ),
            FigureCell::Count(n) => (n.to_string(), n.to_string(), &styles.total_count),
            FigureCell::Rate(_) => unreachable!("rates are not sums"),
        };
        if row <= 1 {
            // No data rows: a plain figure, as SUM(X2:X1) would reach the header.
            let v: f64 = result.parse().unwrap_or(0.0);
            self.ws.write_number_with_format(row, col, v, style)?;
            self.seen(col, &shown);
            return Ok(());
        }
        self.total_formula(
            row,
            col,
            format!("=SUM({letter}2:{letter}{row})"),
            result,
            &shown,
            style,
        )
    }

    /// The totals row's cut rate: `formula` with the tally's rate cached as
    /// its result — the exact quotient the formula gives, or `""` where it
    /// gives `""` (nothing decided) — or, without a formula (no data rows),
    /// the figure itself.
    pub(super) fn total_rate(
        &mut self,
        row: RowNum,
        col: ColNum,
        f: &Figures,
        formula: Option<String>,
    ) -> Result<(), XlsxError> {
        let style = &self.styles.total_rate;
        let exact = (f.decided_requested.fen() > 0)
            .then(|| f.cut.fen() as f64 / f.decided_requested.fen() as f64);
        let shown = f.cut_rate().map(|r| format!("{r}%")).unwrap_or_default();
        match (formula, exact) {
            (Some(formula), Some(v)) => {
                self.total_formula(row, col, formula, v.to_string(), &shown, style)?;
            }
            (Some(formula), None) => {
                // An empty result is written as the sheet's default result.
                self.ws.set_formula_result_default("");
                self.ws
                    .write_formula_with_format(row, col, Formula::new(formula), style)?;
                self.ws.set_formula_result_default("0");
            }
            (None, Some(v)) => {
                self.ws.write_number_with_format(row, col, v, style)?;
                self.seen(col, &shown);
            }
            (None, None) => {
                self.ws.write_blank(row, col, style)?;
            }
        }
        Ok(())
    }

    /// Frozen header, autofilter over the data rows, widths fitted to the text.
    pub(super) fn finish(mut self, last_data_row: RowNum) -> Result<Worksheet, XlsxError> {
        self.ws.set_freeze_panes(1, 0)?;
        let last_col = (self.widths.len() - 1) as ColNum;
        self.ws.autofilter(0, 0, last_data_row.max(1), last_col)?;
        for (c, w) in self.widths.iter().enumerate() {
            let w = (*w as f64 * 1.1 + 2.0).min(MAX_COLUMN_WIDTH);
            self.ws.set_column_width(c as ColNum, w)?;
        }
        Ok(self.ws)
    }
}
