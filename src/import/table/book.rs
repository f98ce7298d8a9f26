//! Workbooks (xlsx, xlsm, xls, xlsb, ods) through calamine: their sheets,
//! and their cells as Excel shows them (numbers, dates, percentages,
//! formulas never calculated, merged cells).

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{
    Data, DataRef, Dimensions, ExcelDateTime, Ods, Reader, SheetType, SheetVisible, Sheets, Xls,
    XlsError, Xlsb, Xlsx, XlsxError, XlsxFormulaMetadata,
};
use rust_decimal::Decimal;
use zip::result::ZipError;

use super::container::BookKind;
use super::limits::{MAX_CELL_CHARS, MAX_CELLS, MAX_SHEET_TEXT, MIB};
use super::{Cell, Row, TypedKind, clean_cell};
use crate::domain::problem::{FileProblem, Problem, Unreadable};
use crate::import::clip;
use crate::import::columns::column_letter;

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

fn open_book(bytes: Vec<u8>, kind: BookKind) -> Result<BookInner, Unreadable> {
    let rs = Cursor::new(bytes);
    Ok(match kind {
        BookKind::Xlsx => BookInner::Xlsx(Box::new(Xlsx::new(rs).map_err(|e| xlsx_why(&e))?)),
        BookKind::Xls => BookInner::Other(Box::new(Sheets::Xls(
            Xls::new(rs).map_err(|e| xls_why(&e))?,
        ))),
        BookKind::Ods => BookInner::Other(Box::new(Sheets::Ods(
            Ods::new(rs).map_err(|e| why(&e.into()))?,
        ))),
        BookKind::Xlsb => BookInner::Other(Box::new(Sheets::Xlsb(
            Xlsb::new(rs).map_err(|e| why(&e.into()))?,
        ))),
    })
}

/// Why calamine could not read a workbook, in terms the reader can act on
/// (its own words are never shown).
fn why(e: &calamine::Error) -> Unreadable {
    match e {
        calamine::Error::Xlsx(e) => xlsx_why(e),
        calamine::Error::Xls(e) => xls_why(e),
        calamine::Error::Ods(calamine::OdsError::Password)
        | calamine::Error::Xlsb(calamine::XlsbError::Password) => Unreadable::Encrypted,
        calamine::Error::Ods(_) | calamine::Error::Xlsb(_) | calamine::Error::Io(_) => {
            Unreadable::Damaged
        }
        _ => Unreadable::Unknown,
    }
}

fn xlsx_why(e: &XlsxError) -> Unreadable {
    match e {
        XlsxError::Password => Unreadable::Encrypted,
        XlsxError::Unexpected(m) if m.contains("shared strings") => {
            Unreadable::MissingSharedStrings
        }
        XlsxError::Zip(ZipError::InvalidPassword) => Unreadable::Encrypted,
        XlsxError::Zip(ZipError::UnsupportedArchive(m)) if *m == ZipError::PASSWORD_REQUIRED => {
            Unreadable::Encrypted
        }
        XlsxError::Zip(
            ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_),
        ) => Unreadable::Compression,
        _ => Unreadable::Damaged,
    }
}

fn xls_why(e: &XlsError) -> Unreadable {
    match e {
        XlsError::Password => Unreadable::Encrypted,
        _ => Unreadable::DamagedXls,
    }
}

/// Why a sheet's cells could not all be read.
enum Failure {
    /// The workbook does not hold together.
    Unreadable(Unreadable),
    /// A limit passed (see `limits`); at a cell, its row and column.
    Limit(FileProblem, Option<(u32, u32)>),
}

impl From<XlsxError> for Failure {
    fn from(e: XlsxError) -> Failure {
        Failure::Unreadable(xlsx_why(&e))
    }
}

impl Book {
    /// Opens a workbook of `kind`; a damaged file is a problem, never a
    /// panic.
    pub(super) fn open(bytes: Vec<u8>, kind: BookKind, file: &str) -> Result<Book, Vec<Problem>> {
        let opened = catch_unwind(AssertUnwindSafe(|| open_book(bytes, kind)));
        let why = match opened {
            Ok(Ok(inner)) => return Ok(Book { inner }),
            Ok(Err(why)) => why,
            Err(_) => match kind {
                BookKind::Xls => Unreadable::DamagedXls,
                _ => Unreadable::Damaged,
            },
        };
        Err(vec![Problem::new(
            file,
            None,
            None,
            FileProblem::Unreadable { sheet: None, why },
        )])
    }

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
        let unreadable = |why| FileProblem::Unreadable {
            sheet: Some(clip(name, 40)),
            why,
        };
        let cells = match res {
            Ok(Ok(c)) => c,
            Ok(Err(Failure::Unreadable(why))) => {
                return Err(Problem::new(file, None, None, unreadable(why)));
            }
            Ok(Err(Failure::Limit(kind, at))) => {
                let row = at.map(|(r, _)| r as usize + 1);
                let column = at.map(|(_, c)| column_letter(c as usize));
                return Err(Problem::new(file, row, column, kind));
            }
            Err(_) => {
                let why = match &self.inner {
                    BookInner::Other(s) if matches!(**s, Sheets::Xls(_)) => Unreadable::DamagedXls,
                    _ => Unreadable::Damaged,
                };
                return Err(Problem::new(file, None, None, unreadable(why)));
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
    ) -> Result<Vec<(u32, u32, Cell<'static>)>, Failure> {
        let mut budget = Budget::default();
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
                    let mut reader = x.worksheet_cells_reader(name)?;
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
                        while let Some((r, c, style)) = reader.next_style_id()? {
                            if percent.get(style) == Some(&true) {
                                percent_cells.insert((r, c));
                            }
                        }
                    }
                }
                let mut reader = x.worksheet_cells_reader(name)?;
                while let Some(rec) = reader.next_cell_with_formula_metadata()? {
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
                    budget.take(r, col, &cell)?;
                    out.push((r, col, cell));
                }
            }
            BookInner::Other(s) => {
                let range = s
                    .worksheet_range(name)
                    .map_err(|e| Failure::Unreadable(why(&e)))?;
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, d) in range.used_cells() {
                    if let Some(cell) = data_cell(d) {
                        let r = r0.saturating_add(u32::try_from(r).unwrap_or(u32::MAX));
                        let c = c0.saturating_add(u32::try_from(c).unwrap_or(u32::MAX));
                        budget.take(r, c, &cell)?;
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
            fill_merged_down(&mut out, &merges, &mut budget)?;
        }
        out.shrink_to_fit();
        Ok(out)
    }
}

/// What a sheet's cells have taken so far, against the limits: so many
/// cells, so much text (a shared string is kept once for every cell that
/// shows it, a merged cell's text once for every row it covers).
#[derive(Default)]
struct Budget {
    cells: usize,
    text: usize,
}

impl Budget {
    fn take(&mut self, r: u32, c: u32, cell: &Cell) -> Result<(), Failure> {
        self.cells += 1;
        if self.cells > MAX_CELLS {
            return Err(Failure::Limit(
                FileProblem::TooManyCells { most: MAX_CELLS },
                None,
            ));
        }
        let text = match cell {
            Cell::Text(t) => t.as_ref(),
            Cell::Typed(t) => &t.text,
            Cell::Error(e) => e,
        };
        // No more characters than bytes: only a long text is counted.
        if text.len() > MAX_CELL_CHARS {
            let chars = text.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(Failure::Limit(
                    FileProblem::CellTooLong {
                        chars,
                        most: MAX_CELL_CHARS,
                    },
                    Some((r, c)),
                ));
            }
        }
        self.text += text.len();
        if self.text > MAX_SHEET_TEXT {
            return Err(Failure::Limit(
                FileProblem::SheetTextTooLarge {
                    most_mib: MAX_SHEET_TEXT as u64 / MIB,
                },
                None,
            ));
        }
        Ok(())
    }
}

/// Gives each row below the first of a merged range spanning rows the
/// value its first cell holds, as Excel shows it (only in the range's first
/// column, and no further down than the sheet's last row with data).
fn fill_merged_down(
    cells: &mut Vec<(u32, u32, Cell<'static>)>,
    merges: &[Dimensions],
    budget: &mut Budget,
) -> Result<(), Failure> {
    let down: Vec<&Dimensions> = merges.iter().filter(|m| m.end.0 > m.start.0).collect();
    if down.is_empty() {
        return Ok(());
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
                budget.take(r, c0, &below)?;
                fills.push((r, c0, below.clone()));
            }
        }
    }
    // Sorted stably: a value Excel kept under the merge comes first, and
    // wins (see `group_rows`).
    cells.extend(fills);
    Ok(())
}

/// The cells as rows, in order. The cells are taken from the end of their
/// list, which gives its memory back as the rows take theirs: the two are
/// never both whole (a sheet at the limit of cells holds a few hundred
/// bytes a cell, not twice that).
fn group_rows(mut cells: Vec<(u32, u32, Cell<'static>)>) -> Vec<Row<'static>> {
    cells.sort_by_key(|(r, c, _)| (*r, *c));
    let mut rows: Vec<Row<'static>> = Vec::new();
    while let Some((r, c, cell)) = cells.pop() {
        if cells.capacity() > 4096 && cells.len() < cells.capacity() / 2 {
            cells.shrink_to_fit();
        }
        let (number, c) = (r as usize + 1, c as usize);
        match rows.last_mut() {
            Some(last) if last.number == number => {
                // A repeated position keeps its first value: taken from the
                // end, the first comes last.
                match last.cells.last_mut() {
                    Some(same) if same.0 == c => same.1 = cell,
                    _ => last.cells.push((c, cell)),
                }
            }
            _ => {
                // The row before is whole: no room kept for more cells.
                if let Some(last) = rows.last_mut() {
                    last.cells.shrink_to_fit();
                }
                rows.push(Row {
                    number,
                    cells: vec![(c, cell)],
                    no_controls: false,
                })
            }
        }
    }
    if let Some(last) = rows.last_mut() {
        last.cells.shrink_to_fit();
    }
    rows.reverse();
    for row in &mut rows {
        row.cells.reverse();
    }
    rows
}

fn text_cell(s: &str) -> Option<Cell<'static>> {
    let t = clean_cell(s);
    (!t.is_empty()).then(|| Cell::Text(Cow::Owned(t.into_owned())))
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
    let t = clean_cell(s);
    (!t.is_empty()).then(|| Cell::typed(t.into_owned(), TypedKind::Date))
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
