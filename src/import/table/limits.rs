//! What a file may hold before it is refused, so that reading any file —
//! a hostile one included — stays within a known amount of memory. Each
//! limit is far beyond a real submission (a city's 1,373 projects; the
//! benchmark's 100,000 projects and 369,000 indicators) and is said in
//! the refusal and in docs/formats.md.

/// The file itself: it is read into memory whole.
pub(crate) const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// A workbook's XML (and binary) parts, unpacked, in all. Declared sizes
/// can lie: the parts are unpacked and counted before calamine reads them.
pub(crate) const MAX_UNPACKED: u64 = 512 * 1024 * 1024;

/// The shared strings part, unpacked: calamine keeps all of its text.
pub(crate) const MAX_SHARED_STRINGS: u64 = 64 * 1024 * 1024;

/// The longest run of text between two tags, or the longest tag, in a
/// workbook's XML: a reader keeps one such run in memory at a time. A
/// cell holds at most 32,767 characters; with XML's escapes that is well
/// under this.
pub(crate) const MAX_XML_RUN: u64 = 1024 * 1024;

/// Cells with content in one sheet, or in one delimited file.
pub(crate) const MAX_CELLS: usize = 3_000_000;

/// Characters in one workbook cell: Excel's own limit.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// The text of one sheet's cells, as kept (a shared string is kept once
/// for every cell that shows it).
pub(crate) const MAX_SHEET_TEXT: usize = 128 * 1024 * 1024;

pub(crate) const MIB: u64 = 1024 * 1024;
