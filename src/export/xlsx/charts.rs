//! Sheet 图表: the cut by budget type and by department as native charts
//! (horizontal bars, the amount on each), and at a later stage the money
//! per kind, each drawn from the summary sheets' own cells — the document
//! sent after the meeting shows what the board showed, and a chart follows
//! an edit of its sheet. Printed on one page, upright.

use rust_xlsxwriter::{Chart, ChartDataLabel, ColNum, Format, RowNum, Worksheet, XlsxError};

use super::print::{Fit, Orientation, Page, print_setup};

/// A chart's width, and the height of one bar and of the chart around its
/// bars (title, axis), in pixels. A bar is tall enough for its group's name
/// in a 10-point Chinese font with room to spare: at 18 LibreOffice
/// (7.4, WenQuanYi Micro Hei) left every other department unnamed.
const WIDTH: u32 = 700;
const BAR: u32 = 22;
const FRAME: u32 = 110;
/// A row's height in pixels, for placing one chart below another.
const ROW: u32 = 20;

/// One chart: `rows` groups of sheet `sheet`, their names in column 0 and
/// the amounts charted in column `col`, from row 1 (under the header).
pub(super) struct Source<'a> {
    pub title: &'a str,
    pub sheet: &'a str,
    pub rows: usize,
    pub col: ColNum,
}

/// The sheet: a heading, then each chart below the one before.
pub(super) fn charts(sources: &[Source<'_>], page: &Page<'_>) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name("图表")?;
    ws.write_string_with_format(0, 0, "审核结果图表", &Format::new().set_bold())?;
    let mut row: RowNum = 2;
    for s in sources.iter().filter(|s| s.rows > 0) {
        let height = FRAME + BAR * s.rows as u32;
        ws.insert_chart(row, 0, &bar_chart(s, height))?;
        row += height.div_ceil(ROW) + 1;
    }
    print_setup(&mut ws, page, Orientation::Portrait, Fit::OnePage, None)?;
    Ok(ws)
}

fn bar_chart(s: &Source<'_>, height: u32) -> Chart {
    let last = s.rows as RowNum;
    let mut c = Chart::new_bar();
    c.add_series()
        .set_name((s.sheet, 0, s.col))
        .set_categories((s.sheet, 1, 0, last, 0))
        .set_values((s.sheet, 1, s.col, last, s.col))
        .set_data_label(ChartDataLabel::new().show_value());
    c.title().set_name(s.title);
    c.legend().set_hidden();
    // The first group at the top, as in its sheet.
    c.y_axis().set_reverse();
    c.set_width(WIDTH).set_height(height);
    c
}
