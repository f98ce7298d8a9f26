//! A sheet made for printing, as a bureau prints its tables: A4, the table
//! one page wide, its header row on every page, the meeting in the page
//! header, the page number and the export time in the footer; and the
//! signature lines under a table that is signed. Every sheet huishen writes
//! is set up here ([`print_setup`]), so a new document prints like the rest.

use rust_xlsxwriter::{RowNum, Worksheet, XlsxError};

use crate::i18n::Lang;
use crate::words::Say;

/// Excel's paper size code for A4.
const A4: u8 = 9;
/// Margins in inches: 0.8 cm at the sides, 1.9 cm at the top and bottom
/// with the header and footer 0.8 cm from the edge, inside what office
/// printers can print.
const MARGINS: [f64; 6] = [0.3, 0.3, 0.75, 0.75, 0.3, 0.3];
/// A page header or footer holds at most 255 characters (UTF-16 units)
/// with its codes; the meeting's title is cut well before that.
const MAX_TITLE_CHARS: usize = 100;

/// How the page is turned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Orientation {
    /// Upright: a narrow table (a summary).
    Portrait,
    /// On its side: a wide table (the results, the log).
    Landscape,
}

/// How far a sheet is shrunk to the paper.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// The whole sheet on one page: a summary that is read and signed at once.
    OnePage,
    /// Every column on the page, as many pages down as the rows need.
    OneWide,
}

/// What a printed page says around the table.
pub struct Page<'a> {
    /// The meeting's title, in the page header.
    pub title: &'a str,
    /// When the document was made (`2021-03-05 14:30`), in the footer.
    pub exported_at: &'a str,
    /// The language of the footer's words (the page number, "exported").
    pub lang: Lang,
}

/// The words printed around a table, worded in `words/export.rs`.
#[derive(Clone, Copy, Debug)]
pub enum PrintText<'a> {
    /// "Page N of M", in a page footer's codes: `&P` the page, `&N` the pages.
    PageOfPages,
    /// When the document was exported.
    ExportedAt(&'a str),
    /// The signature lines' labels: who reviewed, who chaired, the date.
    Reviewer,
    Chair,
    Date,
}

/// Sets `ws` up for printing:
///
/// - A4 (`set_paper_size(9)`) in `orientation`;
/// - shrunk to `fit`: [`Fit::OnePage`] (1×1) or [`Fit::OneWide`] (1 page
///   wide, as many down as needed; `set_print_fit_to_pages`);
/// - `repeat_rows` (first and last, zero-based) printed at the top of every
///   page (`set_repeat_rows`), for the table's header;
/// - margins of 0.8 cm at the sides and 1.9 cm at the top and bottom
///   ([`MARGINS`]), centred across the page;
/// - page header: the meeting's title at the left, the sheet's name (`&A`)
///   at the right;
/// - page footer: the export time at the left, "第 &P 页 共 &N 页" (or "Page
///   &P of &N", in `page.lang`) in the middle. The numbers are not
///   restarted per sheet: LibreOffice's `&N` is the total of what is
///   printed at once (a PDF of the whole workbook: 共 199 页 on every page),
///   so a sheet's own "第 1 页" would read "第 1 页 共 199 页". Printed
///   alone, a sheet counts its own pages.
///
/// Lines around the cells are the cells' own borders (see `sheet.rs`), not
/// printed gridlines, so that signature lines under a table print without
/// boxes; column widths, wrapping and row heights are the sheet's.
pub fn print_setup(
    ws: &mut Worksheet,
    page: &Page<'_>,
    orientation: Orientation,
    fit: Fit,
    repeat_rows: Option<(RowNum, RowNum)>,
) -> Result<(), XlsxError> {
    ws.set_paper_size(A4);
    match orientation {
        Orientation::Portrait => ws.set_portrait(),
        Orientation::Landscape => ws.set_landscape(),
    };
    match fit {
        Fit::OnePage => ws.set_print_fit_to_pages(1, 1),
        Fit::OneWide => ws.set_print_fit_to_pages(1, 0),
    };
    if let Some((first, last)) = repeat_rows {
        ws.set_repeat_rows(first, last)?;
    }
    let [left, right, top, bottom, header, footer] = MARGINS;
    ws.set_margins(left, right, top, bottom, header, footer);
    ws.set_print_center_horizontally(true);
    ws.set_header(format!("&L{}&R&A", header_text(page.title)));
    ws.set_footer(format!(
        "&L{}&C{}",
        header_text(&PrintText::ExportedAt(page.exported_at).say(page.lang)),
        PrintText::PageOfPages.say(page.lang)
    ));
    Ok(())
}

/// Text as a page header shows it: one line, `&` doubled (a single `&`
/// starts a code), cut to [`MAX_TITLE_CHARS`].
fn header_text(s: &str) -> String {
    let one_line: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let one_line = one_line.trim();
    let cut: String = if one_line.chars().count() > MAX_TITLE_CHARS {
        one_line
            .chars()
            .take(MAX_TITLE_CHARS - 1)
            .chain(std::iter::once('…'))
            .collect()
    } else {
        one_line.to_string()
    };
    cut.replace('&', "&&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_text_is_one_line_with_ampersands_doubled() {
        assert_eq!(header_text("A&B 会审"), "A&&B 会审");
        assert_eq!(header_text("第一行\n第二行"), "第一行 第二行");
        assert_eq!(header_text("&P"), "&&P");
        let long = "审".repeat(300);
        let cut = header_text(&long);
        assert_eq!(cut.chars().count(), MAX_TITLE_CHARS);
        assert!(cut.ends_with('…'));
    }
}
