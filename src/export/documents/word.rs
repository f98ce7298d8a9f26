//! A document as Word writes it (`.docx`, with the maintained `docx-rs`):
//! what bureaus send. A4, upright or on its side, 2 cm margins; the
//! meeting in the page header, "第 N 页 共 M 页" in the footer; tables
//! with borders, their widths in the proportions of the workbook's
//! columns, amounts and figures set right, the total row in bold.

use docx_rs::{
    AlignmentType, Docx, Footer, Header, HeightRule, NumPages, PageMargin, PageNum,
    PageOrientationType, Paragraph, Run, RunFonts, Shading, Table, TableCell, TableRow, VMergeType,
    WidthType,
};

use super::paper::{Cell, Writer};
use crate::export::xlsx::print::Orientation;

/// A4 in twentieths of a point.
const A4_SHORT: u32 = 11_906;
const A4_LONG: u32 = 16_838;
/// 2 cm.
const MARGIN: i32 = 1_134;
/// Body text 11 pt, the title 16 pt (in half-points).
const TEXT_SIZE: usize = 22;
const TITLE_SIZE: usize = 32;
const TABLE_SIZE: usize = 18;
/// A line of a table's text, with room to spare (9 pt set single), and the
/// margins either side of a cell's text (Word's default), in twips.
const TABLE_LINE: u32 = 260;
const CELL_MARGINS: u32 = 216;

/// The Chinese type bureaus set their documents in.
fn fonts() -> RunFonts {
    RunFonts::new().east_asia("宋体")
}

pub struct Word {
    doc: Docx,
    /// The table's column widths, in twips.
    grid: Vec<usize>,
}

impl Word {
    /// A document whose tables have columns in the proportions of
    /// `widths`, across the page's width.
    pub fn new(widths: &[f64], orientation: Orientation, title: &str, exported_at: &str) -> Word {
        let (w, h) = match orientation {
            Orientation::Portrait => (A4_SHORT, A4_LONG),
            Orientation::Landscape => (A4_LONG, A4_SHORT),
        };
        let room = f64::from(w) - 2.0 * f64::from(MARGIN);
        let sum: f64 = widths.iter().sum::<f64>().max(1.0);
        let grid = widths
            .iter()
            .map(|c| (c / sum * room).floor() as usize)
            .collect();
        let small = |text: &str| Run::new().add_text(text).size(18).fonts(fonts());
        let doc = Docx::new()
            .page_size(w, h)
            .page_orient(match orientation {
                Orientation::Portrait => PageOrientationType::Portrait,
                Orientation::Landscape => PageOrientationType::Landscape,
            })
            .page_margin(
                PageMargin::new()
                    .top(MARGIN)
                    .bottom(MARGIN)
                    .left(MARGIN)
                    .right(MARGIN),
            )
            .default_fonts(fonts())
            .default_size(TEXT_SIZE)
            .header(Header::new().add_paragraph(Paragraph::new().add_run(small(title))))
            .footer(
                Footer::new().add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .add_run(small(&format!("导出时间：{exported_at}　　第 ")))
                        .add_page_num(PageNum::new())
                        .add_run(small(" 页 共 "))
                        .add_num_pages(NumPages::new())
                        .add_run(small(" 页")),
                ),
            );
        Word { doc, grid }
    }

    fn push(&mut self, p: Paragraph) {
        let doc = std::mem::take(&mut self.doc);
        self.doc = doc.add_paragraph(p);
    }

    /// `keep`: the row goes on with the next (a merged cell runs into it),
    /// so the two stay on one page — a merged cell is cut at a page break.
    fn cell(&self, c: &Cell, col: usize, bold: bool, shade: Option<&str>, keep: bool) -> TableCell {
        let (text, align) = match c {
            Cell::Text(t) => (t.clone(), AlignmentType::Left),
            Cell::Figure(t) => (t.clone(), AlignmentType::Right),
            Cell::Money(m) => (m.wan_display(), AlignmentType::Right),
            Cell::Blank | Cell::Above => (String::new(), AlignmentType::Left),
        };
        let mut cell =
            TableCell::new().width(self.grid.get(col).copied().unwrap_or(1000), WidthType::Dxa);
        // A line of the text is a paragraph of the cell.
        for line in text.split('\n') {
            let mut run = Run::new().add_text(line).size(TABLE_SIZE).fonts(fonts());
            if bold {
                run = run.bold();
            }
            cell = cell.add_paragraph(Paragraph::new().align(align).keep_next(keep).add_run(run));
        }
        if let Some(fill) = shade {
            cell = cell.shading(Shading::new().fill(fill));
        }
        cell
    }

    /// How many lines of height each of `rows` must have at least: a cell
    /// that goes on down over the rows below it (a project's name and code
    /// beside its indicators) needs its lines shared among them, or a
    /// reader that does not grow merged rows (LibreOffice) cuts its last
    /// lines off — a project's code went missing from a printed targets
    /// table. Lines are counted as a hanzi takes two columns of 9 pt.
    fn least_lines(&self, rows: &[Vec<Cell>]) -> Vec<u32> {
        let mut least = vec![1u32; rows.len()];
        for (i, r) in rows.iter().enumerate() {
            for (c, cell) in r.iter().enumerate() {
                let text = match cell {
                    Cell::Text(t) | Cell::Figure(t) => t,
                    _ => continue,
                };
                let span = 1 + rows[i + 1..]
                    .iter()
                    .take_while(|next| matches!(next.get(c), Some(Cell::Above)))
                    .count();
                if span == 1 {
                    // A row of its own grows to its cells' text.
                    continue;
                }
                let width = self.grid.get(c).copied().unwrap_or(1000) as u32;
                let room = width.saturating_sub(CELL_MARGINS).max(1);
                // A display column at 9 pt: half of a hanzi's 180 twips.
                let column = (TABLE_SIZE as u32) * 5;
                let needed: u32 = text
                    .split('\n')
                    .map(|l| {
                        (crate::text::width(l) as u32 * column)
                            .div_ceil(room)
                            .max(1)
                    })
                    .sum();
                let each = needed.div_ceil(span as u32);
                for l in &mut least[i..i + span] {
                    *l = (*l).max(each);
                }
            }
        }
        least
    }

    /// The finished `.docx`.
    pub fn finish(self) -> Result<Vec<u8>, String> {
        let mut out = std::io::Cursor::new(Vec::new());
        self.doc.build().pack(&mut out).map_err(|e| e.to_string())?;
        Ok(out.into_inner())
    }
}

impl Writer for Word {
    type Error = std::convert::Infallible;

    fn title(&mut self, text: &str) -> Result<(), Self::Error> {
        self.push(
            Paragraph::new().align(AlignmentType::Center).add_run(
                Run::new()
                    .add_text(text)
                    .size(TITLE_SIZE)
                    .bold()
                    .fonts(fonts()),
            ),
        );
        Ok(())
    }

    fn para(&mut self, text: &str) -> Result<(), Self::Error> {
        self.push(Paragraph::new().add_run(Run::new().add_text(text).fonts(fonts())));
        Ok(())
    }

    fn heading(&mut self, text: &str) -> Result<(), Self::Error> {
        self.push(
            Paragraph::new()
                .keep_next(true)
                .add_run(Run::new().add_text(text).bold().fonts(fonts())),
        );
        Ok(())
    }

    fn gap(&mut self) {
        self.push(Paragraph::new());
    }

    fn table(
        &mut self,
        headers: &[&str],
        rows: &[Vec<Cell>],
        total: Option<Vec<Cell>>,
    ) -> Result<(), Self::Error> {
        let n = self.grid.len();
        let least = self.least_lines(rows);
        // A cell goes on down over the rows below it that say `Above`.
        let line = |w: &Word, cells: &[Cell], next: Option<&Vec<Cell>>, bold, shade, lines: u32| {
            let row = TableRow::new(
                (0..n)
                    .map(|c| {
                        let here = cells.get(c).unwrap_or(&Cell::Blank);
                        let keep = next.is_some_and(|r| r.iter().any(|c| matches!(c, Cell::Above)));
                        let cell = w.cell(here, c, bold, shade, keep);
                        let below = next.and_then(|r| r.get(c));
                        match (here, below) {
                            (Cell::Above, _) => cell.vertical_merge(VMergeType::Continue),
                            (_, Some(Cell::Above)) => cell.vertical_merge(VMergeType::Restart),
                            _ => cell,
                        }
                    })
                    .collect(),
            )
            .cant_split();
            if lines > 1 {
                row.row_height((lines * TABLE_LINE) as f32)
                    .height_rule(HeightRule::AtLeast)
            } else {
                row
            }
        };
        let head: Vec<Cell> = headers.iter().map(|h| Cell::text(*h)).collect();
        let mut table_rows = vec![line(self, &head, None, true, Some("DDEBF7"), 1)];
        for (i, r) in rows.iter().enumerate() {
            table_rows.push(line(self, r, rows.get(i + 1), false, None, least[i]));
        }
        if let Some(t) = total {
            table_rows.push(line(self, &t, None, true, Some("F2F2F2"), 1));
        }
        let table = Table::new(table_rows).set_grid(self.grid.clone());
        let doc = std::mem::take(&mut self.doc);
        self.doc = doc.add_table(table);
        Ok(())
    }

    fn signatures(&mut self, labels: &[&str]) -> Result<(), Self::Error> {
        let text = labels
            .iter()
            .map(|l| format!("{l}________________"))
            .collect::<Vec<_>>()
            .join("　　");
        self.push(Paragraph::new().add_run(Run::new().add_text(text).fonts(fonts())));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name and code that take four lines beside two indicator rows:
    /// both rows are given two lines at least, and the first keeps with
    /// the second, so the merged cell is never cut (LibreOffice cuts it).
    #[test]
    fn a_merged_cell_gets_the_height_of_its_text_and_stays_on_one_page() {
        let mut w = Word::new(&[1.0, 3.0], Orientation::Portrait, "t", "now");
        let long = "很长的项目名称".repeat(3) + "\n（2021-013-0090）";
        let rows = vec![
            vec![Cell::text(long), Cell::text("产出指标")],
            vec![Cell::Above, Cell::text("满意度指标")],
            vec![Cell::text("短名"), Cell::text("产出指标")],
        ];
        assert_eq!(w.least_lines(&rows), vec![2, 2, 1]);
        w.table(&["项目", "指标"], &rows, None).unwrap();
        let xml = String::from_utf8(w.doc.build().document).unwrap();
        assert_eq!(xml.matches(r#"w:hRule="atLeast""#).count(), 2, "{xml}");
        assert!(xml.contains(r#"<w:trHeight w:val="520" w:hRule="atLeast" />"#));
        // The block's first row's paragraphs keep with the next; no other.
        assert_eq!(xml.matches("<w:keepNext").count(), 3, "{xml}");
    }
}
