//! A document laid out on one worksheet as a bureau prints it: a title,
//! paragraphs across the page, tables with borders, signature lines; A4
//! upright, one page wide, as many pages down as it runs (`xlsx::print`).

use rust_xlsxwriter::{
    ColNum, Color, Format as Style, FormatAlign, FormatBorder, RowNum, Worksheet, XlsxError,
};

use crate::domain::Money;
use crate::export::xlsx::print::{Fit, Orientation, Page, print_setup};
use crate::text::width;

/// A Chinese character's width in Excel's unit of column width.
const CJK_UNITS: f64 = 2.1;
/// The height of one line of 11-point text, in points.
const LINE_HEIGHT: f64 = 15.0;

/// A cell of a document's table.
#[derive(Clone, Debug)]
pub enum Cell {
    Text(String),
    /// A count or a rate, set to the right as figures are.
    Figure(String),
    Money(Money),
    Blank,
    /// The cell above goes on down over this row (a project's cells beside
    /// its indicators); on a worksheet or in Markdown, left blank.
    Above,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

pub struct Paper {
    ws: Worksheet,
    row: RowNum,
    /// Column widths, in Excel's unit.
    widths: Vec<f64>,
    title: Style,
    para: Style,
    bold_para: Style,
    head: Style,
    text: Style,
    money: Style,
    figure: Style,
    total_figure: Style,
    total_text: Style,
    total_money: Style,
    sign: Style,
}

impl Paper {
    /// A sheet named `name` whose columns are `widths` wide (Excel's unit;
    /// together about 95 for an upright A4 page).
    pub fn new(name: &str, widths: &[f64]) -> Result<Paper, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as ColNum, *w)?;
        }
        let cell = || {
            Style::new()
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap()
        };
        let total = || cell().set_bold().set_background_color(Color::RGB(0xF2F2F2));
        Ok(Paper {
            ws,
            row: 0,
            widths: widths.to_vec(),
            title: Style::new()
                .set_bold()
                .set_font_size(16)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            para: Style::new().set_text_wrap().set_align(FormatAlign::Top),
            bold_para: Style::new().set_bold().set_align(FormatAlign::Bottom),
            head: cell()
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xDDEBF7)),
            text: cell(),
            money: cell().set_num_format("#,##0.00"),
            figure: cell().set_align(FormatAlign::Right),
            total_figure: total().set_align(FormatAlign::Right),
            total_text: total(),
            total_money: total().set_num_format("#,##0.00"),
            sign: Style::new().set_align(FormatAlign::Bottom),
        })
    }

    fn last_col(&self) -> ColNum {
        (self.widths.len() - 1) as ColNum
    }

    /// How many lines `text` takes in `room` (Excel's unit).
    fn lines(text: &str, room: f64) -> usize {
        text.lines()
            .map(|l| {
                let units = width(l) as f64 * CJK_UNITS / 2.0;
                ((units / (room - 1.0).max(1.0)).ceil() as usize).max(1)
            })
            .sum::<usize>()
            .max(1)
    }

    fn across(&mut self, text: &str, style: &Style, height: Option<f64>) -> Result<(), XlsxError> {
        let room: f64 = self.widths.iter().sum();
        let n = Self::lines(text, room);
        let row = self.row;
        self.ws
            .merge_range(row, 0, row, self.last_col(), text, style)?;
        self.ws
            .set_row_height(row, height.unwrap_or(n as f64 * LINE_HEIGHT + 4.0))?;
        self.row += 1;
        Ok(())
    }

    /// The document's title, centred, large.
    pub fn title(&mut self, text: &str) -> Result<(), XlsxError> {
        let style = self.title.clone();
        let room: f64 = self.widths.iter().sum();
        let n = Self::lines(text, room / 1.5);
        self.across(text, &style, Some(n as f64 * 24.0 + 8.0))
    }

    /// A paragraph across the page, wrapped.
    pub fn para(&mut self, text: &str) -> Result<(), XlsxError> {
        let style = self.para.clone();
        self.across(text, &style, None)
    }

    /// A heading line in bold.
    pub fn heading(&mut self, text: &str) -> Result<(), XlsxError> {
        let style = self.bold_para.clone();
        self.across(text, &style, Some(LINE_HEIGHT * 1.6))
    }

    /// An empty line.
    pub fn gap(&mut self) {
        self.row += 1;
    }

    /// A table: its header, its rows, and a total row in bold.
    pub fn table(
        &mut self,
        headers: &[&str],
        rows: &[Vec<Cell>],
        total: Option<Vec<Cell>>,
    ) -> Result<(), XlsxError> {
        let h = self.row;
        let mut n = 1;
        for (c, t) in headers.iter().enumerate() {
            self.ws
                .write_string_with_format(h, c as ColNum, *t, &self.head)?;
            n = n.max(Self::lines(t, self.widths[c]));
        }
        self.ws.set_row_height(h, n as f64 * LINE_HEIGHT + 4.0)?;
        self.row += 1;
        for cells in rows {
            self.cells(cells, false)?;
        }
        if let Some(t) = total {
            self.cells(&t, true)?;
        }
        Ok(())
    }

    fn cells(&mut self, cells: &[Cell], total: bool) -> Result<(), XlsxError> {
        let r = self.row;
        let mut n = 1;
        for c in 0..self.widths.len() {
            let col = c as ColNum;
            let (text_style, money_style, figure_style) = if total {
                (&self.total_text, &self.total_money, &self.total_figure)
            } else {
                (&self.text, &self.money, &self.figure)
            };
            match cells.get(c).unwrap_or(&Cell::Blank) {
                Cell::Text(s) => {
                    self.ws.write_string_with_format(r, col, s, text_style)?;
                    n = n.max(Self::lines(s, self.widths[c]));
                }
                // A figure is short and does not wrap.
                Cell::Figure(s) => {
                    self.ws.write_string_with_format(r, col, s, figure_style)?;
                }
                Cell::Money(m) => {
                    let v: f64 = m.to_wan().to_string().parse().unwrap_or(0.0);
                    self.ws.write_number_with_format(r, col, v, money_style)?;
                }
                Cell::Blank | Cell::Above => {
                    self.ws.write_blank(r, col, text_style)?;
                }
            }
        }
        self.ws.set_row_height(r, n as f64 * LINE_HEIGHT + 4.0)?;
        self.row += 1;
        Ok(())
    }

    /// Signature lines: each label followed by a line, spread over the page.
    pub fn signatures(&mut self, labels: &[&str]) -> Result<(), XlsxError> {
        let per = labels.len().max(1);
        let n = self.widths.len();
        let r = self.row;
        self.ws.set_row_height(r, 36.0)?;
        for (i, label) in labels.iter().enumerate() {
            let (from, to) = (i * n / per, ((i + 1) * n / per).max(i * n / per + 1));
            let room: f64 = self.widths[from..to].iter().sum();
            let line = (room - 2.0 - width(label) as f64 * CJK_UNITS / 2.0)
                .floor()
                .max(6.0) as usize;
            let text = format!("{label}{}", "_".repeat(line));
            if to - from > 1 {
                self.ws
                    .merge_range(r, from as ColNum, r, (to - 1) as ColNum, &text, &self.sign)?;
            } else {
                self.ws
                    .write_string_with_format(r, from as ColNum, &text, &self.sign)?;
            }
        }
        self.row += 1;
        Ok(())
    }

    /// The sheet set up for A4 upright, one page wide (a document reads
    /// top to bottom; no row is repeated, so the first page starts with
    /// its title).
    pub fn finish(self, page: &Page<'_>) -> Result<Worksheet, XlsxError> {
        self.finish_turned(page, Orientation::Portrait)
    }

    /// The same, on its side when a table is too wide for an upright page.
    pub fn finish_turned(
        mut self,
        page: &Page<'_>,
        orientation: Orientation,
    ) -> Result<Worksheet, XlsxError> {
        print_setup(&mut self.ws, page, orientation, Fit::OneWide, None)?;
        Ok(self.ws)
    }
}

/// What a document is laid out on: a worksheet ([`Paper`]) or a Word
/// document ([`super::word::Word`]). A document's body is written once,
/// against this.
pub trait Writer {
    type Error;
    fn title(&mut self, text: &str) -> Result<(), Self::Error>;
    fn para(&mut self, text: &str) -> Result<(), Self::Error>;
    fn heading(&mut self, text: &str) -> Result<(), Self::Error>;
    fn gap(&mut self);
    fn table(
        &mut self,
        headers: &[&str],
        rows: &[Vec<Cell>],
        total: Option<Vec<Cell>>,
    ) -> Result<(), Self::Error>;
    fn signatures(&mut self, labels: &[&str]) -> Result<(), Self::Error>;
}

impl Writer for Paper {
    type Error = XlsxError;
    fn title(&mut self, text: &str) -> Result<(), XlsxError> {
        Paper::title(self, text)
    }
    fn para(&mut self, text: &str) -> Result<(), XlsxError> {
        Paper::para(self, text)
    }
    fn heading(&mut self, text: &str) -> Result<(), XlsxError> {
        Paper::heading(self, text)
    }
    fn gap(&mut self) {
        Paper::gap(self)
    }
    fn table(
        &mut self,
        headers: &[&str],
        rows: &[Vec<Cell>],
        total: Option<Vec<Cell>>,
    ) -> Result<(), XlsxError> {
        Paper::table(self, headers, rows, total)
    }
    fn signatures(&mut self, labels: &[&str]) -> Result<(), XlsxError> {
        Paper::signatures(self, labels)
    }
}
