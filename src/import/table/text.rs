//! Delimited text: decoded from UTF-8, UTF-16 or GB18030/GBK, split into
//! rows the way a spreadsheet opens it.

use std::borrow::Cow;

use encoding_rs::{Encoding, GB18030};

use super::limits::MAX_CELLS;
use super::{Cell, Row, any_byte_triple, clean_plain_text_cell, clean_text_cell, may_hold_one};
use crate::domain::problem::{FileProblem, Problem};

/// Decodes text: a BOM decides (UTF-8, UTF-16 LE/BE); without one, UTF-8
/// if valid, else GB18030 (a superset of GBK).
pub(crate) fn decode(bytes: Vec<u8>, file: &str) -> Result<String, Problem> {
    if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|c| c.into_owned())
            .ok_or_else(|| {
                Problem::new(
                    file,
                    None,
                    None,
                    FileProblem::NotValidAsBom {
                        encoding: enc.name(),
                    },
                )
            });
    }
    // UTF-8 becomes the text in place, without a copy. encoding_rs checks
    // it several times faster than the standard library where most of it is
    // Chinese (under 10 ms against 40 for 28 MB).
    if Encoding::utf8_valid_up_to(&bytes) == bytes.len() {
        // SAFETY: every byte of `bytes` has just been checked to be UTF-8.
        return Ok(unsafe { String::from_utf8_unchecked(bytes) });
    }
    if let Some(p) = mixed_encoding(&bytes, file) {
        return Err(p);
    }
    GB18030
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .map(|c| c.into_owned())
        .ok_or_else(|| Problem::new(file, None, None, FileProblem::NotText))
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
        FileProblem::MixedEncoding { utf8_row: u },
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
    parse_delimited_within(text, file, MAX_CELLS)
}

/// [`parse_delimited`] keeping at most `max_cells` cells: a file a user
/// gives is held to [`MAX_CELLS`]; text this program generated (the demo
/// meetings, up to the benchmark's million projects) is not a file to
/// bound.
pub(crate) fn parse_delimited_within<'t>(
    text: &'t str,
    file: &str,
    max_cells: usize,
) -> (Vec<Row<'t>>, Vec<Problem>) {
    let delim = sniff_delimiter(text);
    let (mut rows, mut problems) = match halves(text) {
        // Each half keeps to the limit on its own, so that together they
        // hold at most twice as many cells before the limit is applied.
        Some(cut) => {
            let (first, second) = std::thread::scope(|s| {
                let job = s.spawn(|| parse_part(&text[cut..], file, delim, max_cells));
                let first = parse_part(&text[..cut], file, delim, max_cells);
                let second = job.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
                (first, second)
            });
            // Text without a quote has no problem but the limit's.
            debug_assert!(first.problems.is_empty() && second.problems.is_empty());
            let mut rows = first.rows;
            rows.reserve(second.rows.len());
            rows.extend(second.rows.into_iter().map(|mut r| {
                r.number += first.lines;
                r
            }));
            (rows, first.problems)
        }
        None => {
            let part = parse_part(text, file, delim, max_cells);
            (part.rows, part.problems)
        }
    };
    let mut kept = 0usize;
    if let Some(over) = rows.iter().find(|r| {
        kept += r.cells.len();
        kept > max_cells
    }) {
        problems.push(Problem::new(
            file,
            Some(over.number),
            None,
            FileProblem::TooManyCells { most: max_cells },
        ));
        rows.clear();
    }
    (rows, problems)
}

/// Text of at least this many bytes is read in two halves on two threads.
const PARALLEL_BYTES: usize = 1 << 20;

/// Where a big text splits into two halves read apart: after the first
/// line break past its middle, if no quote in it can hold a line break.
fn halves(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    if n < PARALLEL_BYTES || memchr::memchr(b'"', bytes).is_some() {
        return None;
    }
    let mid = n / 2;
    let at = mid + memchr::memchr2(b'\n', b'\r', &bytes[mid..])?;
    let cut = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
        at + 2
    } else {
        at + 1
    };
    (cut < n).then_some(cut)
}

/// The rows of a part of a text, numbered from 1; `lines` is how many it
/// ended (the first row number of a part that follows, less one). It stops
/// at the row that brings it over `max_cells` cells (kept: the caller
/// applies the limit).
struct Part<'t> {
    rows: Vec<Row<'t>>,
    problems: Vec<Problem>,
    lines: usize,
}

fn parse_part<'t>(text: &'t str, file: &str, delim: u8, max_cells: usize) -> Part<'t> {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut row_no = 1usize;
    let mut col = 0usize;
    let mut cells: Vec<(usize, Cell<'t>)> = Vec::new();
    // Cells kept so far, against the limit.
    let mut kept = 0usize;
    let mut i = 0usize;
    let field_end =
        |from: usize| memchr::memchr3(delim, b'\n', b'\r', &bytes[from..]).map_or(n, |p| from + p);
    if n == 0 {
        return Part {
            rows,
            problems,
            lines: 0,
        };
    }
    // Two looks at the whole text instead of one at each cell: for a format
    // character or a look-alike space (without one, no cell needs
    // [`plain`](super::plain)), and for a control character other than a
    // line break or a tab delimiter (without one, only a quoted cell can
    // hold one: a line break or a tab).
    let may_format = may_hold_one(text);
    let tab = delim == b'\t';
    let no_controls = !any_byte_triple(bytes, |b, _, _| {
        ((b < 0x20) & (b != b'\n') & (b != b'\r') & !(tab & (b == b'\t')))
            | (b == 0x7f)
            | (b == 0xc2)
    });
    let mut row_no_controls = no_controls;
    let push_cell = |cells: &mut Vec<(usize, Cell<'t>)>, col: usize, text: &'t str| {
        let t = if may_format {
            clean_text_cell(text)
        } else {
            Cow::Borrowed(clean_plain_text_cell(text))
        };
        if !t.is_empty() {
            cells.push((col, Cell::Text(t)));
        }
    };
    loop {
        if i < n && bytes[i] == b'"' {
            // The cell is a slice of the text unless it has a `""` or text
            // after its closing quote; only then is it copied.
            let mut seg = i + 1;
            let mut field: Option<String> = None;
            let (content_end, after) = loop {
                match memchr::memchr(b'"', &bytes[seg..]) {
                    None => {
                        problems.push(Problem::new(
                            file,
                            Some(row_no),
                            None,
                            FileProblem::UnclosedQuote,
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
            if memchr::memchr3(b'\n', b'\r', b'\t', &bytes[i..k]).is_some() {
                row_no_controls = false;
            }
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
                kept += cells.len();
                // The row's own vector is allocated once, to its size; this
                // one is used again for the next row.
                let mut own = Vec::with_capacity(cells.len());
                own.append(&mut cells);
                rows.push(Row {
                    number: row_no,
                    cells: own,
                    no_controls: row_no_controls,
                });
                if kept > max_cells {
                    break;
                }
            }
            row_no_controls = no_controls;
            row_no += 1;
            col = 0;
            if i >= n {
                break;
            }
        }
    }
    Part {
        rows,
        problems,
        lines: row_no - 1,
    }
}

fn push_owned_cell(cells: &mut Vec<(usize, Cell<'_>)>, col: usize, text: &str) {
    let t = clean_text_cell(text);
    if !t.is_empty() {
        cells.push((col, Cell::Text(Cow::Owned(t.into_owned()))));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows as comparable values.
    type Seen<'t> = Vec<(usize, Vec<(usize, Cell<'t>)>, bool)>;

    fn seen<'t>(rows: &[Row<'t>]) -> Seen<'t> {
        rows.iter()
            .map(|r| (r.number, r.cells.clone(), r.no_controls))
            .collect()
    }

    /// A big text read in two halves gives the rows, numbers and problems
    /// one pass gives, whatever line ends, blank lines and limit it has.
    #[test]
    fn halves_read_as_one_pass() {
        let mut text = String::from("项目编码,部门,名称\n");
        let mut k = 0;
        while text.len() < 3 * PARALLEL_BYTES {
            let end = ["\n", "\r\n", "\r", "\n\n"][k % 4];
            let zwsp = if k % 7 == 0 { "\u{200b}" } else { "" };
            text.push_str(&format!("P{k},市{zwsp}教育局,项目{k},,{end}"));
            k += 1;
        }
        let cut = halves(&text).expect("a big text without quotes");
        assert!(cut > text.len() / 2 && cut < text.len());
        let one = parse_part(&text, "f.csv", b',', usize::MAX);
        let all: usize = one.rows.iter().map(|r| r.cells.len()).sum();
        let (rows, problems) = parse_delimited_within(&text, "f.csv", usize::MAX);
        assert!(problems.is_empty());
        assert_eq!(seen(&rows), seen(&one.rows));
        // Over the limit in the first half and in the second: refused at
        // the row one pass stops at.
        for most in [all / 4, all * 3 / 4, all - 1] {
            let mut kept = 0;
            let over = one
                .rows
                .iter()
                .find(|r| {
                    kept += r.cells.len();
                    kept > most
                })
                .unwrap();
            let (rows, problems) = parse_delimited_within(&text, "f.csv", most);
            assert!(rows.is_empty());
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].row, Some(over.number), "{most}");
        }
        // A quote anywhere: one pass.
        text.push_str("\"P\n1\",x\n");
        assert_eq!(halves(&text), None);
    }
}
