//! Reading a file into rows of trimmed cells: delimited text in UTF-8,
//! UTF-16 or GB18030/GBK, and workbooks through calamine.
//!
//! `container` tells what a file really is (and measures a workbook's
//! parts), `text` reads delimited text, `book` reads workbooks; both give
//! rows of the cells below, made clean by `clean`, within `limits`.

mod book;
mod clean;
mod container;
mod limits;
mod text;
mod xls_check;

use std::borrow::Cow;
use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::domain::problem::{FileProblem, Io, Problem};

pub(crate) use book::Book;
#[cfg(test)]
pub(crate) use book::{float_text, percent_text};
pub(crate) use clean::{any_byte_triple, clean_cell, clean_text_cell, plain};
use clean::{clean_plain_text_cell, may_hold_one};
use container::{Container, markup, sniff};
use text::decode;
pub(crate) use text::{parse_delimited, parse_delimited_within};

pub(crate) use limits::MAX_FILE_BYTES;

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
    /// Boxed strings here: a sheet at the limit of cells holds millions.
    pub text: Box<str>,
    pub kind: TypedKind,
    /// In a merged cell spanning rows (a department merged down over its
    /// projects), each row below the first shows the first row's value:
    /// the merged range, `B2:B4`.
    pub merged: Option<Box<str>>,
    /// A formula whose saved value is 0 or none (its text, `=` first):
    /// a program that writes formulas without calculating them saves 0
    /// or nothing, and the cell does not hold what Excel would show.
    pub formula: Option<Box<str>>,
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
            text: text.into_boxed_str(),
            kind,
            merged: None,
            formula: None,
        }))
    }

    /// This cell's value as a row below it in a merged range shows it.
    fn merged_down(&self, range: &str) -> Cell<'static> {
        let (text, kind) = match self {
            Cell::Text(t) => (t.as_ref().into(), TypedKind::Text),
            Cell::Typed(t) => (t.text.clone(), t.kind),
            Cell::Error(e) => return Cell::Error(e.clone()),
        };
        Cell::Typed(Box::new(Typed {
            text,
            kind,
            merged: Some(range.into()),
            formula: None,
        }))
    }

    /// A formula cell whose saved value is none, or 0.
    fn formula(value: Option<Cell<'static>>, formula: String) -> Cell<'static> {
        let (text, kind) = match value {
            None => (Box::default(), TypedKind::Uncalculated),
            Some(Cell::Typed(t)) => (t.text, t.kind),
            Some(Cell::Text(t)) => (t.into_owned().into_boxed_str(), TypedKind::Text),
            Some(e @ Cell::Error(_)) => return e,
        };
        Cell::Typed(Box::new(Typed {
            text,
            kind,
            merged: None,
            formula: Some(formula.into_boxed_str()),
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
    /// Known to hold no control character in any cell (delimited text is
    /// looked at whole, once): its cells need no look of their own. False
    /// where that is not known.
    pub no_controls: bool,
}

impl<'t> Row<'t> {
    pub fn get(&self, col: usize) -> Option<&Cell<'t>> {
        self.cells
            .binary_search_by_key(&col, |(c, _)| *c)
            .ok()
            .map(|i| &self.cells[i].1)
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

/// Opens `path` by what its bytes are, whatever its extension says: a
/// workbook (its parts measured first), delimited text, or a refusal that
/// names what the file is instead.
pub(crate) fn open(path: &Path, file: &str) -> Result<Opened, Vec<Problem>> {
    let problem = |kind: FileProblem| vec![Problem::new(file, None, None, kind)];
    let bytes = read_bytes(path, file).map_err(|p| vec![p])?;
    match sniff(&bytes).map_err(problem)? {
        Container::Book(kind) => Book::open(bytes, kind, file).map(Opened::Book),
        Container::Text => {
            let text = decode(bytes, file).map_err(|p| vec![p])?;
            match markup(&text) {
                Some(kind) => Err(problem(FileProblem::NotATable(kind))),
                None => Ok(Opened::Text(text)),
            }
        }
    }
}

fn read_bytes(path: &Path, file: &str) -> Result<Vec<u8>, Problem> {
    let problem = |kind| Problem::new(file, None, None, kind);
    let f = File::open(path).map_err(|e| problem(FileProblem::CannotOpen(Io::of(&e))))?;
    // Read into room for the whole file at once (one more byte tells a file
    // over the limit): no copy as the buffer grows. The size is only a hint.
    let size = f.metadata().map_or(0, |m| m.len()).min(MAX_FILE_BYTES) + 1;
    let mut bytes = Vec::with_capacity(size as usize);
    f.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| problem(FileProblem::CannotRead(Io::of(&e))))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(problem(FileProblem::FileTooLarge {
            mb: MAX_FILE_BYTES / 1024 / 1024,
        }));
    }
    Ok(bytes)
}
