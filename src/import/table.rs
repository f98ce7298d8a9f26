//! Reading a file into rows of trimmed cells: delimited text in UTF-8,
//! UTF-16 or GB18030/GBK, and workbooks through calamine.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::io::{Cursor, Read};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calamine::{
    Data, DataRef, Dimensions, ExcelDateTime, Ods, Reader, SheetType, SheetVisible, Sheets, Xls,
    Xlsb, Xlsx, XlsxFormulaMetadata,
};
use encoding_rs::{Encoding, GB18030};
use rust_decimal::Decimal;

use super::clip;
use super::columns::column_letter;
use crate::domain::Problem;

/// No submission or batch comes near this; a bigger file is the wrong file.
pub(crate) const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// One cell with content, trimmed. The text borrows from the file's text
/// where it can (delimited text without `""` escapes); workbook cells and
/// unescaped quoted cells own theirs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Cell<'t> {
    Text(Cow<'t, str>),
    /// A spreadsheet error value such as `#N/A`.
    Error(String),
    /// A workbook cell that is not text: a number, a date, TRUE/FALSE.
    Typed(Box<Typed>),
}

/// A workbook cell that is not text, or that shows the value of a merged
/// cell above it: its text (what Excel shows in a cell of General format)
/// and what it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Typed {
    pub text: String,
    pub kind: TypedKind,
    /// In a merged cell spanning rows (a department merged down over its
    /// projects), each row below the first shows the first row's value:
    /// the merged range, `B2:B4`.
    pub merged: Option<String>,
    /// A formula whose saved value is 0 or none (its text, `=` first):
    /// a program that writes formulas without calculating them saves 0
    /// or nothing, and the cell does not hold what Excel would show.
    pub formula: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TypedKind {
    /// Text, shown from a merged cell above.
    Text,
    Number,
    /// A date or a time.
    Date,
    /// TRUE or FALSE.
    Bool,
    /// A formula with no saved value: `formula` has its text.
    Uncalculated,
}

impl Cell<'_> {
    /// The text of a cell that holds a value; None for an error value.
    pub fn text(&self) -> Option<&str> {
        match self {
            Cell::Text(t) => Some(t),
            Cell::Typed(t) => Some(&t.text),
            Cell::Error(_) => None,
        }
    }

    fn typed(text: String, kind: TypedKind) -> Cell<'static> {
        Cell::Typed(Box::new(Typed {
            text,
            kind,
            merged: None,
            formula: None,
        }))
    }

    /// This cell's value as a row below it in a merged range shows it.
    fn merged_down(&self, range: &str) -> Cell<'static> {
        let (text, kind) = match self {
            Cell::Text(t) => (t.to_string(), TypedKind::Text),
            Cell::Typed(t) => (t.text.clone(), t.kind),
            Cell::Error(e) => return Cell::Error(e.clone()),
        };
        Cell::Typed(Box::new(Typed {
            text,
            kind,
            merged: Some(range.to_string()),
            formula: None,
        }))
    }

    /// A formula cell whose saved value is none, or 0.
    fn formula(value: Option<Cell<'static>>, formula: String) -> Cell<'static> {
        let (text, kind) = match value {
            None => (String::new(), TypedKind::Uncalculated),
            Some(Cell::Typed(t)) => (t.text, t.kind),
            Some(Cell::Text(t)) => (t.into_owned(), TypedKind::Text),
            Some(e @ Cell::Error(_)) => return e,
        };
        Cell::Typed(Box::new(Typed {
            text,
            kind,
            merged: None,
            formula: Some(formula),
        }))
    }
}

/// A row that has at least one non-empty cell.
#[derive(Clone, Debug, Default)]
pub(crate) struct Row<'t> {
    /// The row number the user sees (1-based).
    pub number: usize,
    /// Non-empty cells by 0-based column, sorted by column.
    pub cells: Vec<(usize, Cell<'t>)>,
}

impl<'t> Row<'t> {
    pub fn get(&self, col: usize) -> Option<&Cell<'t>> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
    }
}

/// Trims blanks, including the ideographic space and NBSP, and the
/// invisible characters text copied from a web page or a Word document
/// brings along: a stray BOM, zero-width spaces and joiners, the word
/// joiner, left-to-right and right-to-left marks. `市教育局` with a zero-width
/// space after it is the same department as `市教育局`, not a second one.
pub(crate) fn trim_cell(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200f}' | '\u{2060}')
    })
}

fn push_cell<'t>(cells: &mut Vec<(usize, Cell<'t>)>, col: usize, text: &'t str) {
    let t = trim_cell(text);
    if !t.is_empty() {
        cells.push((col, Cell::Text(Cow::Borrowed(t))));
    }
}

/// A file opened for reading.
pub(crate) enum Opened {
    /// Delimited text, decoded: its rows ([`text_rows`]) borrow from it.
    Text(String),
    Book(Book),
}

/// The rows of delimited text, or every problem found in it.
pub(crate) fn text_rows<'t>(text: &'t str, file: &str) -> Result<Vec<Row<'t>>, Vec<Problem>> {
    let (rows, problems) = parse_delimited(text, file);
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// Opens `path` by its extension, or by its first bytes when the extension
/// says nothing.
pub(crate) fn open(path: &Path, file: &str) -> Result<Opened, Vec<Problem>> {
    let bytes = read_bytes(path, file).map_err(|p| vec![p])?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let kind = match ext.as_str() {
        "csv" | "txt" | "tsv" => BookKind::Text,
        // A workbook extension on a file that is neither a zip nor an OLE
        // container: old systems export text (or HTML) as ".xls".
        "xlsx" | "xlsm" | "xls" | "ods" | "xlsb" if !zip && !ole => BookKind::Text,
        // The container decides when the extension lies (an xlsx named .xls).
        _ if ole => BookKind::Xls,
        "xlsx" | "xlsm" => BookKind::Xlsx,
        "ods" => BookKind::Ods,
        "xlsb" => BookKind::Xlsb,
        _ if zip || ole => BookKind::Sniffed,
        _ => BookKind::Text,
    };
    if kind == BookKind::Text {
        return decode(&bytes, file).map(Opened::Text).map_err(|p| vec![p]);
    }
    let opened = catch_unwind(AssertUnwindSafe(|| open_book(bytes, kind)));
    match opened {
        Ok(Ok(inner)) => Ok(Opened::Book(Book { inner })),
        Ok(Err(e)) => Err(vec![Problem::new(
            file,
            None,
            None,
            format!("cannot read the workbook: {}", clip(&e, 200)),
            format!("无法读取工作簿：{}", clip(&e, 200)),
        )]),
        Err(_) => Err(vec![Problem::new(
            file,
            None,
            None,
            "cannot read the workbook: the file is damaged",
            "无法读取工作簿：文件已损坏",
        )]),
    }
}

/// An I/O error in Chinese, the common kinds named; the system's own words
/// otherwise.
fn io_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "文件不存在".to_string(),
        ErrorKind::PermissionDenied => "没有读取权限".to_string(),
        ErrorKind::IsADirectory => "这是一个目录，不是文件".to_string(),
        _ => e.to_string(),
    }
}

fn read_bytes(path: &Path, file: &str) -> Result<Vec<u8>, Problem> {
    let f = File::open(path).map_err(|e| {
        Problem::new(
            file,
            None,
            None,
            format!("cannot open the file: {e}"),
            format!("无法打开文件：{}", io_zh(&e)),
        )
    })?;
    let mut bytes = Vec::new();
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            Problem::new(
                file,
                None,
                None,
                format!("cannot read the file: {e}"),
                format!("无法读取文件：{}", io_zh(&e)),
            )
        })?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::new(
            file,
            None,
            None,
            format!(
                "the file is larger than {} MB; is it the right file?",
                MAX_FILE_BYTES / 1024 / 1024
            ),
            format!(
                "文件大于 {} MB，是否选错了文件？",
                MAX_FILE_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(bytes)
}

/// Decodes text: a BOM decides (UTF-8, UTF-16 LE/BE); without one, UTF-8
/// if valid, else GB18030 (a superset of GBK).
pub(crate) fn decode(bytes: &[u8], file: &str) -> Result<String, Problem> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|c| c.into_owned())
            .ok_or_else(|| {
                Problem::new(
                    file,
                    None,
                    None,
                    format!(
                        "the file starts as {} text but is not valid {}",
                        enc.name(),
                        enc.name()
                    ),
                    format!(
                        "文件开头标明为 {} 编码，但内容不是有效的 {}",
                        enc.name(),
                        enc.name()
                    ),
                )
            });
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    if let Some(p) = mixed_encoding(bytes, file) {
        return Err(p);
    }
    GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
        .ok_or_else(|| {
            Problem::new(
                file,
                None,
                None,
                "not UTF-8 or GB18030/GBK text",
                "不是 UTF-8 或 GB18030/GBK 编码的文本",
            )
        })
}

/// A file that is partly UTF-8 and partly not (a UTF-8 header over rows
/// pasted from a GBK file): read either way, half of it comes out garbled,
/// so it is refused, naming the first row that is not UTF-8. A line counts
/// as UTF-8 only with several non-ASCII characters: GBK text is valid UTF-8
/// by accident only in short runs.
fn mixed_encoding(bytes: &[u8], file: &str) -> Option<Problem> {
    const MIN_NON_ASCII: usize = 4;
    let mut utf8_line = None;
    let mut other_line = None;
    let mut line_no = 0usize;
    let mut rest = bytes;
    loop {
        let end = rest
            .iter()
            .position(|&b| b == b'\n' || b == b'\r')
            .unwrap_or(rest.len());
        line_no += 1;
        match std::str::from_utf8(&rest[..end]) {
            Ok(l) => {
                let non_ascii = l.chars().filter(|c| !c.is_ascii()).count();
                if utf8_line.is_none() && non_ascii >= MIN_NON_ASCII {
                    utf8_line = Some(line_no);
                }
            }
            Err(_) => {
                other_line.get_or_insert(line_no);
            }
        }
        if (utf8_line.is_some() && other_line.is_some()) || end == rest.len() {
            break;
        }
        let crlf = rest[end] == b'\r' && rest.get(end + 1) == Some(&b'\n');
        rest = &rest[end + if crlf { 2 } else { 1 }..];
    }
    let (u, o) = (utf8_line?, other_line?);
    Some(Problem::new(
        file,
        Some(o),
        None,
        format!(
            "the file mixes encodings: row {u} is UTF-8 but this row is not (GBK?); \
             save the whole file again in one encoding, e.g. CSV UTF-8"
        ),
        format!(
            "文件混用了多种编码：第 {u} 行是 UTF-8，本行却不是（GBK？）；\
             请把整个文件按同一种编码重新保存，如 CSV UTF-8"
        ),
    ))
}

/// Tab if the first line with a tab, comma or semicolon has more tabs than
/// commas, `;` if it has only semicolons, else comma. A title above the
/// header that is one cell, unpadded, has none of them and says nothing.
fn sniff_delimiter(text: &str) -> u8 {
    let line = text
        .split(['\n', '\r'])
        .find(|l| l.contains(['\t', ',', ';']))
        .unwrap_or("");
    let count = |b: u8| line.bytes().filter(|&c| c == b).count();
    let (tabs, commas, semis) = (count(b'\t'), count(b','), count(b';'));
    if tabs > commas {
        b'\t'
    } else if commas == 0 && tabs == 0 && semis > 0 {
        b';'
    } else {
        b','
    }
}

/// Parses delimited text the way a spreadsheet opens it: every line is a
/// row (blank ones too, so numbers match), quoted cells may hold
/// delimiters, quotes (`""`) and line breaks, and rows may be of any length.
pub(crate) fn parse_delimited<'t>(text: &'t str, file: &str) -> (Vec<Row<'t>>, Vec<Problem>) {
    let delim = sniff_delimiter(text);
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut row_no = 1usize;
    let mut col = 0usize;
    let mut cells: Vec<(usize, Cell<'t>)> = Vec::new();
    let mut i = 0usize;
    let field_end = |from: usize| {
        bytes[from..]
            .iter()
            .position(|&b| b == delim || b == b'\n' || b == b'\r')
            .map_or(n, |p| from + p)
    };
    if n == 0 {
        return (rows, problems);
    }
    loop {
        if i < n && bytes[i] == b'"' {
            // The cell is a slice of the text unless it has a `""` or text
            // after its closing quote; only then is it copied.
            let mut seg = i + 1;
            let mut field: Option<String> = None;
            let (content_end, after) = loop {
                match bytes[seg..].iter().position(|&b| b == b'"') {
                    None => {
                        problems.push(Problem::new(
                            file,
                            Some(row_no),
                            None,
                            "a quoted cell is never closed (a \" is missing)",
                            "引号括起的单元格没有结束（缺少一个 \"）",
                        ));
                        break (n, n);
                    }
                    Some(p) => {
                        let j = seg + p;
                        if j + 1 < n && bytes[j + 1] == b'"' {
                            // Up to and with the first quote of the pair.
                            field
                                .get_or_insert_with(String::new)
                                .push_str(&text[seg..=j]);
                            seg = j + 2;
                        } else {
                            break (j, j + 1);
                        }
                    }
                }
            };
            // Text after the closing quote belongs to the cell, as in Excel.
            let k = field_end(after);
            match field {
                None if k == after => push_cell(&mut cells, col, &text[seg..content_end]),
                field => {
                    let mut f = field.unwrap_or_default();
                    f.push_str(&text[seg..content_end]);
                    f.push_str(&text[after..k]);
                    push_owned_cell(&mut cells, col, &f);
                }
            }
            i = k;
        } else {
            let k = field_end(i);
            push_cell(&mut cells, col, &text[i..k]);
            i = k;
        }
        col += 1;
        let mut end_of_row = true;
        if i < n {
            match bytes[i] {
                b'\r' => {
                    i += 1;
                    if i < n && bytes[i] == b'\n' {
                        i += 1;
                    }
                }
                b'\n' => i += 1,
                _ => {
                    i += 1; // the delimiter
                    end_of_row = false;
                }
            }
        }
        if end_of_row {
            if !cells.is_empty() {
                rows.push(Row {
                    number: row_no,
                    cells: std::mem::take(&mut cells),
                });
            }
            row_no += 1;
            col = 0;
            if i >= n {
                break;
            }
        }
    }
    (rows, problems)
}

fn push_owned_cell(cells: &mut Vec<(usize, Cell<'_>)>, col: usize, text: &str) {
    let t = trim_cell(text);
    if !t.is_empty() {
        cells.push((col, Cell::Text(Cow::Owned(t.to_string()))));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BookKind {
    Text,
    Xlsx,
    Xls,
    Ods,
    Xlsb,
    Sniffed,
}

type Rs = Cursor<Vec<u8>>;

enum BookInner {
    /// Read cell by cell: a sparse sheet never becomes a dense grid.
    Xlsx(Box<Xlsx<Rs>>),
    Other(Box<Sheets<Rs>>),
}

/// An open workbook.
pub(crate) struct Book {
    inner: BookInner,
}

fn open_book(bytes: Vec<u8>, kind: BookKind) -> Result<BookInner, String> {
    let rs = Cursor::new(bytes);
    let err = |e: &dyn std::fmt::Display| e.to_string();
    Ok(match kind {
        BookKind::Xlsx => BookInner::Xlsx(Box::new(Xlsx::new(rs).map_err(|e| err(&e))?)),
        BookKind::Xls => {
            BookInner::Other(Box::new(Sheets::Xls(Xls::new(rs).map_err(|e| err(&e))?)))
        }
        BookKind::Ods => {
            BookInner::Other(Box::new(Sheets::Ods(Ods::new(rs).map_err(|e| err(&e))?)))
        }
        BookKind::Xlsb => {
            BookInner::Other(Box::new(Sheets::Xlsb(Xlsb::new(rs).map_err(|e| err(&e))?)))
        }
        BookKind::Sniffed | BookKind::Text => {
            if let Ok(x) = Xlsx::new(rs.clone()) {
                BookInner::Xlsx(Box::new(x))
            } else {
                BookInner::Other(Box::new(
                    calamine::open_workbook_auto_from_rs(rs).map_err(|e| err(&e))?,
                ))
            }
        }
    })
}

impl Book {
    pub fn sheet_names(&self) -> Vec<String> {
        match &self.inner {
            BookInner::Xlsx(x) => x.sheet_names(),
            BookInner::Other(s) => s.sheet_names(),
        }
    }

    /// The worksheets a person sees in Excel's tabs: not hidden, not a
    /// chart. A workbook whose every sheet is hidden shows them all.
    pub fn visible_sheets(&self) -> Vec<String> {
        let meta = match &self.inner {
            BookInner::Xlsx(x) => x.sheets_metadata(),
            BookInner::Other(s) => s.sheets_metadata(),
        };
        let shown: Vec<String> = meta
            .iter()
            .filter(|m| m.visible == SheetVisible::Visible && m.typ == SheetType::WorkSheet)
            .map(|m| m.name.clone())
            .collect();
        if shown.is_empty() {
            return self.sheet_names();
        }
        shown
    }

    /// The non-empty rows of sheet `name`, with the row numbers Excel shows.
    pub fn read_sheet(&mut self, name: &str, file: &str) -> Result<Vec<Row<'static>>, Problem> {
        self.read_rows(name, file, None)
    }

    /// The first `rows` non-empty rows of sheet `name`: enough to find its
    /// header without reading all of a big sheet.
    pub fn read_sheet_head(
        &mut self,
        name: &str,
        file: &str,
        rows: usize,
    ) -> Result<Vec<Row<'static>>, Problem> {
        self.read_rows(name, file, Some(rows))
    }

    fn read_rows(
        &mut self,
        name: &str,
        file: &str,
        limit: Option<usize>,
    ) -> Result<Vec<Row<'static>>, Problem> {
        let res = catch_unwind(AssertUnwindSafe(|| self.collect_cells(name, limit)));
        let cells = match res {
            Ok(Ok(c)) => c,
            Ok(Err(e)) => {
                return Err(Problem::new(
                    file,
                    None,
                    None,
                    format!("cannot read sheet {}: {}", clip(name, 40), clip(&e, 200)),
                    format!("无法读取工作表 {}：{}", clip(name, 40), clip(&e, 200)),
                ));
            }
            Err(_) => {
                return Err(Problem::new(
                    file,
                    None,
                    None,
                    format!("cannot read sheet {}: the file is damaged", clip(name, 40)),
                    format!("无法读取工作表 {}：文件已损坏", clip(name, 40)),
                ));
            }
        };
        let mut rows = group_rows(cells);
        // A head is read to find the header; merged cells are filled in
        // only when the whole sheet is read.
        if let Some(n) = limit {
            rows.truncate(n);
        }
        Ok(rows)
    }

    /// The cells of sheet `name`; with a `limit`, those of its first
    /// `limit` non-empty rows at least (a workbook lists rows in order).
    fn collect_cells(
        &mut self,
        name: &str,
        limit: Option<usize>,
    ) -> Result<Vec<(u32, u32, Cell<'static>)>, String> {
        let mut out = Vec::new();
        let mut rows_seen = 0usize;
        let mut last_row = None;
        match &mut self.inner {
            BookInner::Xlsx(x) => {
                // The cells in a percent format, found in a pass of their
                // own when the workbook has such a format: the pass that
                // reads values and formulas does not give the style.
                let mut percent_cells = HashSet::new();
                {
                    let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
                    let percent: Vec<bool> = reader
                        .styles()
                        .iter()
                        .map(|s| {
                            s.number_format
                                .as_ref()
                                .is_some_and(|f| is_percent_format(&f.format_code))
                        })
                        .collect();
                    // A head is read to find the header: no percentages.
                    if limit.is_none() && percent.contains(&true) {
                        while let Some((r, c, style)) =
                            reader.next_style_id().map_err(|e| e.to_string())?
                        {
                            if percent.get(style) == Some(&true) {
                                percent_cells.insert((r, c));
                            }
                        }
                    }
                }
                let mut reader = x.worksheet_cells_reader(name).map_err(|e| e.to_string())?;
                while let Some(rec) = reader
                    .next_cell_with_formula_metadata()
                    .map_err(|e| e.to_string())?
                {
                    let (r, col) = rec.pos;
                    let value = match &rec.value {
                        DataRef::Float(f) if percent_cells.contains(&(r, col)) => {
                            Some(Cell::typed(percent_text(*f), TypedKind::Number))
                        }
                        DataRef::Int(i) if percent_cells.contains(&(r, col)) => {
                            Some(Cell::typed(format!("{i}00%"), TypedKind::Number))
                        }
                        v => data_ref_cell(v),
                    };
                    let unsaved = match &rec.value {
                        DataRef::Empty => true,
                        DataRef::Float(f) => *f == 0.0,
                        DataRef::Int(i) => *i == 0,
                        _ => false,
                    };
                    let cell = match rec.formula {
                        Some(f) if unsaved => Some(Cell::formula(value, formula_text(&f))),
                        _ => value,
                    };
                    let Some(cell) = cell else { continue };
                    if let Some(n) = limit
                        && last_row != Some(r)
                    {
                        if rows_seen == n {
                            break;
                        }
                        rows_seen += 1;
                        last_row = Some(r);
                    }
                    out.push((r, col, cell));
                }
            }
            BookInner::Other(s) => {
                let range = s.worksheet_range(name).map_err(|e| e.to_string())?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, d) in range.used_cells() {
                    if let Some(cell) = data_cell(d) {
                        let r = r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
                        let c = c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
                        out.push((r, c, cell));
                    }
                }
            }
        }
        if limit.is_none() {
            let merges = match &mut self.inner {
                // Merges that cannot be read are not filled in: a cell left
                // empty is then reported as empty, never guessed.
                BookInner::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
                BookInner::Other(s) => match s.as_mut() {
                    Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
                    _ => Vec::new(),
                },
            };
            fill_merged_down(&mut out, &merges);
        }
        Ok(out)
    }
}

/// Gives each row below the first of a merged range spanning rows the
/// value its first cell holds, as Excel shows it (only in the range's first
/// column, and no further down than the sheet's last row with data).
fn fill_merged_down(cells: &mut Vec<(u32, u32, Cell<'static>)>, merges: &[Dimensions]) {
    let down: Vec<&Dimensions> = merges.iter().filter(|m| m.end.0 > m.start.0).collect();
    if down.is_empty() {
        return;
    }
    let last_row = cells.iter().map(|(r, _, _)| *r).max().unwrap_or(0);
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    // Merged ranges do not overlap in a sheet Excel wrote, so a position is
    // filled once and there are fewer fills than cells; a damaged or
    // hostile list of ranges is cut off there.
    let most = cells.len();
    let mut filled: HashSet<(u32, u32)> = HashSet::new();
    let mut fills = Vec::new();
    'ranges: for m in down {
        let (r0, c0) = m.start;
        let Ok(at) = cells.binary_search_by_key(&(r0, c0), |(r, c, _)| (*r, *c)) else {
            continue;
        };
        let range = format!(
            "{}{}:{}{}",
            column_letter(c0 as usize),
            r0 as u64 + 1,
            column_letter(m.end.1 as usize),
            m.end.0 as u64 + 1
        );
        let below = cells[at].2.merged_down(&range);
        for r in r0 + 1..=m.end.0.min(last_row) {
            if fills.len() == most {
                break 'ranges;
            }
            if filled.insert((r, c0)) {
                fills.push((r, c0, below.clone()));
            }
        }
    }
    // Sorted stably: a value Excel kept under the merge comes first, and
    // wins (see `group_rows`).
    cells.extend(fills);
}

fn group_rows(mut cells: Vec<(u32, u32, Cell<'static>)>) -> Vec<Row<'static>> {
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let mut rows: Vec<Row<'static>> = Vec::new();
    for (r, c, cell) in cells {
        let number = r as usize + 1;
        match rows.last_mut() {
            Some(last) if last.number == number => {
                // A repeated position keeps its first value.
                if last.cells.last().is_some_and(|(lc, _)| *lc == c as usize) {
                    continue;
                }
                last.cells.push((c as usize, cell));
            }
            _ => rows.push(Row {
                number,
                cells: vec![(c as usize, cell)],
            }),
        }
    }
    rows
}

fn text_cell(s: &str) -> Option<Cell<'static>> {
    let t = trim_cell(s);
    (!t.is_empty()).then(|| Cell::Text(Cow::Owned(t.to_string())))
}

/// A float as a person typed it: the shortest text that reads back as the
/// same number (`1234.5`, `1001`). Excel keeps 15 significant digits, so a
/// longer one is formula noise (`123.45000000000002`) and is cut to 15, as
/// Excel shows it.
pub(crate) fn float_text(f: f64) -> String {
    if !f.is_finite() {
        return format!("{f}");
    }
    if f == 0.0 {
        return "0".to_string();
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits = mantissa.chars().filter(char::is_ascii_digit).count();
    let s = if digits <= 15 {
        format!("{f}")
    } else {
        let exp: i64 = exp.parse().unwrap_or(0);
        let prec = (14 - exp).clamp(0, 400) as usize;
        let t = format!("{f:.prec$}");
        if t.contains('.') {
            t.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            t
        }
    };
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// A number in a percent-formatted cell as Excel shows it: 0.95 → `95%`.
pub(crate) fn percent_text(f: f64) -> String {
    let t = float_text(f);
    match t.parse::<Decimal>() {
        Ok(d) => match d.checked_mul(Decimal::ONE_HUNDRED) {
            Some(p) => format!("{}%", p.normalize()),
            None => t,
        },
        Err(_) => t,
    }
}

/// A number format that shows a percentage: a `%` outside quotes.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

fn date_text(d: &ExcelDateTime) -> String {
    if d.is_duration() {
        return float_text(d.as_f64());
    }
    let (y, mo, day, h, mi, s, _) = d.to_ymd_hms_milli();
    if (h, mi, s) == (0, 0, 0) {
        format!("{y:04}-{mo:02}-{day:02}")
    } else {
        format!("{y:04}-{mo:02}-{day:02} {h:02}:{mi:02}:{s:02}")
    }
}

/// A date or time an OpenDocument sheet gives as ISO text.
fn iso_cell(s: &str) -> Option<Cell<'static>> {
    let t = trim_cell(s);
    (!t.is_empty()).then(|| Cell::typed(t.to_string(), TypedKind::Date))
}

/// A formula's text for a message, `=` first; a cell that shares the
/// formula of a cell above (filled down) has none of its own.
fn formula_text(f: &XlsxFormulaMetadata) -> String {
    match f {
        XlsxFormulaMetadata::Normal { formula } | XlsxFormulaMetadata::Shared { formula, .. } => {
            format!("={}", clip(formula.trim_start_matches('='), 60))
        }
        _ => String::new(),
    }
}

fn bool_cell(b: bool) -> Cell<'static> {
    Cell::typed(
        if b { "TRUE" } else { "FALSE" }.to_string(),
        TypedKind::Bool,
    )
}

/// A date cell; a duration (a time of day typed as `1:30`) is a number.
fn date_cell(d: &ExcelDateTime) -> Cell<'static> {
    let kind = if d.is_duration() {
        TypedKind::Number
    } else {
        TypedKind::Date
    };
    Cell::typed(date_text(d), kind)
}

fn data_cell(d: &Data) -> Option<Cell<'static>> {
    match d {
        Data::Empty => None,
        Data::String(s) => text_cell(s),
        Data::DateTimeIso(s) | Data::DurationIso(s) => iso_cell(s),
        Data::Int(i) => Some(Cell::typed(i.to_string(), TypedKind::Number)),
        Data::Float(f) => Some(Cell::typed(float_text(*f), TypedKind::Number)),
        Data::Bool(b) => Some(bool_cell(*b)),
        Data::DateTime(dt) => Some(date_cell(dt)),
        Data::Error(e) => Some(Cell::Error(e.to_string())),
    }
}

fn data_ref_cell(d: &DataRef<'_>) -> Option<Cell<'static>> {
    match d {
        DataRef::Empty => None,
        DataRef::String(s) => text_cell(s),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => iso_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Int(i) => Some(Cell::typed(i.to_string(), TypedKind::Number)),
        DataRef::Float(f) => Some(Cell::typed(float_text(*f), TypedKind::Number)),
        DataRef::Bool(b) => Some(bool_cell(*b)),
        DataRef::DateTime(dt) => Some(date_cell(dt)),
        DataRef::Error(e) => Some(Cell::Error(e.to_string())),
    }
}
