//! A worksheet being filled: the workbook's cell styles, amounts and rates
//! as the doubles a cell holds, the widest text of each column.

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, Color, Format as Style, FormatAlign, FormatBorder, Formula, RowNum, Worksheet,
    XlsxError, column_number_to_name,
};

use super::super::FigureCell;
use super::print::{Fit, Orientation, Page, PrintText, print_setup};
use crate::domain::{Figures, Money};
use crate::i18n::Lang;
use crate::text::width;
use crate::words::Say;

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// A column's text wraps beyond this width (in characters, a Chinese
/// character counting two) unless the sheet gives the column its own.
const WRAP_WIDTH: usize = 40;
/// A Chinese character's width in Excel's unit of column width (a digit of
/// the sheet's 11-point font, 7 pixels): 14.7 pixels.
const CJK_UNITS: f64 = 2.1;
/// Rows left empty between a table and its signature lines.
const SIGN_GAP: RowNum = 2;
/// The signature row's height in points: room to sign above the line.
const SIGN_HEIGHT: f64 = 36.0;
/// A4's width less the side margins, in inches: the room across a
/// portrait page.
const PORTRAIT_WIDTH: f64 = 8.27 - 0.6;
/// A sheet is printed upright if it needs to be shrunk no further than this.
const PORTRAIT_SCALE: f64 = 0.75;
/// The height of one line of text in a row, in points (an 11-point font).
const LINE_HEIGHT: f64 = 14.5;
/// A row's height above and below its lines, in points.
const ROW_PADDING: f64 = 3.0;

pub(crate) struct Styles {
    pub(crate) header: Style,
    pub(crate) text: Style,
    pub(crate) money: Style,
    pub(crate) money_fine: Style,
    pub(crate) rate: Style,
    pub(crate) count: Style,
    pub(crate) total_text: Style,
    pub(crate) total_money: Style,
    pub(crate) total_money_fine: Style,
    pub(crate) total_rate: Style,
    pub(crate) total_count: Style,
    /// A signature line under a table: no border, no wrapping.
    pub(crate) sign: Style,
}

impl Styles {
    /// Every cell of a table has a thin border all round, so a printed
    /// table can be read without gridlines; text wraps inside its column.
    pub(crate) fn new() -> Styles {
        let cell = || {
            Style::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        let total = || cell().set_bold().set_background_color(Color::RGB(0xF2F2F2));
        Styles {
            header: cell()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: cell().set_text_wrap(),
            money: cell().set_num_format("#,##0.00"),
            money_fine: cell().set_num_format("#,##0.00####"),
            rate: cell().set_num_format("0.00%"),
            count: cell().set_num_format("0"),
            total_text: total().set_text_wrap(),
            total_money: total().set_num_format("#,##0.00"),
            total_money_fine: total().set_num_format("#,##0.00####"),
            total_rate: total().set_num_format("0.00%"),
            total_count: total().set_num_format("0"),
            sign: Style::new().set_align(FormatAlign::Bottom),
        }
    }

    /// Two decimals unless the amount is finer than 0.01万元 (100 yuan).
    pub(crate) fn money_for(&self, m: Money, total: bool) -> &Style {
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
pub(crate) fn wan_f64(m: Money) -> f64 {
    m.to_wan().to_string().parse().unwrap_or(0.0)
}

/// A percentage (`33.70`) as the fraction a `0.00%` cell holds.
pub(crate) fn rate_fraction(r: Decimal) -> Decimal {
    (r / Decimal::from(100)).normalize()
}

/// A worksheet being filled, keeping the widest text of each column.
pub(crate) struct Sheet<'s> {
    pub(crate) ws: Worksheet,
    headers: Vec<String>,
    /// The widest text seen in each column, headers aside, in Excel's unit.
    widths: Vec<f64>,
    /// Where each column's text wraps, in Excel's unit.
    wrap: Vec<f64>,
    styles: &'s Styles,
    /// Signature lines asked for under the table.
    signed: bool,
    /// The lines of wrapped text each row needs, where more than one.
    lines: std::collections::BTreeMap<RowNum, usize>,
}

/// How a finished sheet prints: what its pages say and how it is shrunk;
/// it is turned to portrait if it is narrow enough ([`orientation_for`]).
pub(crate) struct Layout<'p> {
    pub(crate) page: &'p Page<'p>,
    pub(crate) fit: Fit,
}

impl<'s> Sheet<'s> {
    pub(crate) fn new(
        name: &str,
        headers: &[&str],
        styles: &'s Styles,
    ) -> Result<Sheet<'s>, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        let mut sheet = Sheet {
            ws,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            widths: vec![0.0; headers.len()],
            wrap: vec![chars_units(WRAP_WIDTH); headers.len()],
            styles,
            signed: false,
            lines: Default::default(),
        };
        for (c, h) in headers.iter().enumerate() {
            sheet
                .ws
                .write_string_with_format(0, c as ColNum, *h, &styles.header)?;
        }
        Ok(sheet)
    }

    /// Text in the column headed `header` wraps beyond `width` characters
    /// (a Chinese character counting two), so that a long column keeps its
    /// width on paper and its rows grow instead.
    pub(crate) fn wrap_at(&mut self, header: &str, width: usize) {
        if let Some(c) = self.headers.iter().position(|h| h == header) {
            self.wrap[c] = chars_units(width);
        }
    }

    /// Signature lines (评审人, 主持人, 日期) under the table, below any
    /// range a formula or a filter reads.
    pub(crate) fn sign_below(&mut self) {
        self.signed = true;
    }

    /// Starts data row `row`: every cell gets the table's border, so the
    /// blanks among them print as cells too.
    pub(crate) fn begin_row(&mut self, row: RowNum) -> Result<(), XlsxError> {
        for c in 0..self.headers.len() {
            self.ws.write_blank(row, c as ColNum, &self.styles.text)?;
        }
        Ok(())
    }

    /// Row `row` needs `n` lines of text.
    fn needs_lines(&mut self, row: RowNum, n: usize) {
        if n > 1 {
            let slot = self.lines.entry(row).or_insert(1);
            *slot = (*slot).max(n);
        }
    }

    pub(crate) fn seen(&mut self, col: ColNum, shown: &str) {
        let w = shown.lines().map(units).fold(0.0, f64::max);
        let slot = &mut self.widths[col as usize];
        *slot = slot.max(w);
    }

    pub(crate) fn text(
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
        let style = if total {
            &self.styles.total_text
        } else {
            &self.styles.text
        };
        self.ws.write_string_with_format(row, col, &s, style)?;
        self.seen(col, &s);
        let wrap = self.wrap[col as usize];
        self.needs_lines(row, lines_within(&s, wrap));
        Ok(())
    }

    /// Text in column `col` merged down rows `first..=last` (a project's
    /// cells beside its indicators): the rows share its lines. Written
    /// after the rows were begun.
    pub(crate) fn text_down(
        &mut self,
        first: RowNum,
        last: RowNum,
        col: ColNum,
        s: &str,
    ) -> Result<(), XlsxError> {
        if first >= last {
            return self.text(first, col, s, false);
        }
        let s: String = s.chars().take(MAX_CELL_CHARS).collect();
        self.ws
            .merge_range(first, col, last, col, &s, &self.styles.text)?;
        self.seen(col, &s);
        let n = lines_within(&s, self.wrap[col as usize]);
        let each = n.div_ceil((last - first + 1) as usize);
        for r in first..=last {
            self.needs_lines(r, each);
        }
        Ok(())
    }

    /// Text across columns `first..=last` of `row`, not widening them (a
    /// note in place of a row's figures).
    pub(crate) fn note_across(
        &mut self,
        row: RowNum,
        first: ColNum,
        last: ColNum,
        s: &str,
    ) -> Result<(), XlsxError> {
        self.ws
            .merge_range(row, first, row, last, s, &self.styles.text)?;
        Ok(())
    }

    /// An amount in column `col` merged down rows `first..=last`.
    pub(crate) fn money_down(
        &mut self,
        first: RowNum,
        last: RowNum,
        col: ColNum,
        m: Money,
    ) -> Result<(), XlsxError> {
        if first < last {
            let style = self.styles.money_for(m, false).clone();
            self.ws.merge_range(first, col, last, col, "", &style)?;
        }
        self.money(first, col, m)
    }

    pub(crate) fn money(&mut self, row: RowNum, col: ColNum, m: Money) -> Result<(), XlsxError> {
        let style = self.styles.money_for(m, false);
        self.ws
            .write_number_with_format(row, col, wan_f64(m), style)?;
        self.seen(col, &m.wan_display());
        Ok(())
    }

    pub(crate) fn rate(
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

    pub(crate) fn count(&mut self, row: RowNum, col: ColNum, n: u64) -> Result<(), XlsxError> {
        self.ws
            .write_number_with_format(row, col, n as f64, &self.styles.count)?;
        self.seen(col, &n.to_string());
        Ok(())
    }

    /// A formula in the totals row, with the tally's figure as its cached
    /// result so readers that do not recalculate show the right number.
    pub(crate) fn total_formula(
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
    pub(crate) fn total_sum(
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
    pub(crate) fn total_rate(
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

    /// Frozen header, autofilter over the data rows, widths fitted to the
    /// text (and wrapping where a column's text is longer), the signature
    /// lines if asked for under the table's `last_row` (its totals), and the
    /// page setup of [`print_setup`] with the header row on every page.
    pub(crate) fn finish(
        mut self,
        last_data_row: RowNum,
        last_row: RowNum,
        layout: &Layout<'_>,
    ) -> Result<Worksheet, XlsxError> {
        self.ws.set_freeze_panes(1, 0)?;
        let last_col = (self.widths.len() - 1) as ColNum;
        self.ws.autofilter(0, 0, last_data_row.max(1), last_col)?;
        let widths: Vec<f64> = (0..self.headers.len())
            .map(|c| {
                let text = self.widths[c].min(self.wrap[c]);
                column_width(text.max(header_width(&self.headers[c])))
            })
            .collect();
        for (c, w) in widths.iter().enumerate() {
            self.ws.set_column_width(c as ColNum, *w)?;
            let room = self.widths[c]
                .min(self.wrap[c])
                .max(header_width(&self.headers[c]));
            let n = lines_within(&self.headers[c], room);
            self.needs_lines(0, n);
        }
        // Spreadsheets do not grow a row for its wrapped text when they open
        // a file (LibreOffice does not; Excel only as it draws), so each row
        // that wraps is given the height of its lines.
        for (row, n) in std::mem::take(&mut self.lines) {
            self.ws
                .set_row_height(row, n as f64 * LINE_HEIGHT + ROW_PADDING)?;
        }
        if self.signed {
            self.signatures(last_row + 1 + SIGN_GAP, &widths, layout.page.lang)?;
        }
        print_setup(
            &mut self.ws,
            layout.page,
            orientation_for(&widths),
            layout.fit,
            Some((0, 0)),
        )?;
        Ok(self.ws)
    }

    /// 评审人：____ 主持人：____ 日期：____ on row `row`, across the table's
    /// width in three parts, each label followed by a line to its part's end.
    fn signatures(&mut self, row: RowNum, widths: &[f64], lang: Lang) -> Result<(), XlsxError> {
        let n = widths.len();
        let labels = [PrintText::Reviewer, PrintText::Chair, PrintText::Date];
        self.ws.set_row_height(row, SIGN_HEIGHT)?;
        for (i, label) in labels.iter().enumerate() {
            let (from, to) = (i * n / labels.len(), (i + 1) * n / labels.len());
            let label = label.say(lang);
            let room: f64 = widths[from..to.max(from + 1)].iter().sum();
            // The line fills the part, less the label and a gap before the next.
            // An underscore is about a digit wide.
            let line = (room - 2.0 - units(&label)).floor().max(8.0) as usize;
            let text = format!("{label}{}", "_".repeat(line));
            self.ws
                .write_string_with_format(row, from as ColNum, text, &self.styles.sign)?;
        }
        Ok(())
    }
}

/// The narrowest a column may be for its header: the header wraps before a
/// unit in brackets (`申报金额（万元）` → `申报金额` / `（万元）`), and a long
/// header without one into two lines (`调整绩效目标` → `调整绩` / `效目标`).
fn header_width(header: &str) -> f64 {
    match header.find('（') {
        Some(i) => units(&header[..i]).max(units(&header[i..])),
        None if width(header) > 8 => chars_units(width(header).div_ceil(4) * 2),
        None => units(header),
    }
}

/// How wide `text` prints in Excel's unit of column width, a digit of the
/// sheet's font: a Chinese character [`CJK_UNITS`], narrow punctuation
/// half, a letter a little more than a digit.
fn units(text: &str) -> f64 {
    text.chars()
        .map(|c| match c {
            '0'..='9' => 1.0,
            ',' | '.' | ':' | ';' | ' ' | '\'' | '!' | '|' | 'i' | 'l' | 'j' => 0.5,
            '-' | '(' | ')' | '/' => 1.0,
            '%' => 1.5,
            c if c.is_ascii() => 1.1,
            c => chars_units(width(c.encode_utf8(&mut [0; 4]))),
        })
        .sum()
}

/// `chars` characters (a Chinese character counting two) in Excel's unit.
fn chars_units(chars: usize) -> f64 {
    chars as f64 * CJK_UNITS / 2.0
}

/// Portrait if the columns `widths` fit across an A4 page upright at
/// [`PORTRAIT_SCALE`] or more, else landscape. Excel's unit of width is a
/// digit of the default font, 7 pixels at 96 per inch, and a column has 5
/// pixels of margin.
fn orientation_for(widths: &[f64]) -> Orientation {
    let pixels: f64 = widths.iter().map(|w| w * 7.0 + 5.0).sum();
    if pixels * PORTRAIT_SCALE <= PORTRAIT_WIDTH * 96.0 {
        Orientation::Portrait
    } else {
        Orientation::Landscape
    }
}

/// The lines `text` takes in a column that wraps at `room` (Excel's unit).
fn lines_within(text: &str, room: f64) -> usize {
    let room = room.max(1.0);
    text.split('\n')
        .map(|line| ((units(line) / room - 1e-9).ceil() as usize).max(1))
        .sum()
}

/// A column's width for text `units` wide, with a little room to spare.
fn column_width(units: f64) -> f64 {
    units + 0.8
}
