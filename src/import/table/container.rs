//! What a file really is, told from its bytes rather than its name: a
//! workbook (and which), delimited text, or something that is no table at
//! all (a web page saved as .xls, a PDF, a picture, an archive, a Word
//! document); and, for a workbook, its parts unpacked and measured before
//! calamine reads them, so a hostile file is refused within a known amount
//! of memory (see `limits`).

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::limits::{MAX_CELLS, MAX_SHARED_STRINGS, MAX_UNPACKED, MAX_XML_RUN, MIB};
use super::xls_check;
use crate::domain::problem::{FileKind, FileProblem, Unreadable};
use crate::import::clip;

/// A workbook's format, as calamine reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BookKind {
    Xlsx,
    Xls,
    Ods,
    Xlsb,
}

/// What the bytes are.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Container {
    Text,
    Book(BookKind),
}

const ZIP: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells what the file is. The container decides, whatever the name says
/// (an .xlsx named .csv is read as the workbook it is); a file with
/// neither container is text (old systems export text, or HTML, as .xls),
/// unless its first bytes say it is a PDF, a picture or an archive.
pub(super) fn sniff(bytes: &[u8]) -> Result<Container, FileProblem> {
    let not_a_table = |k| Err(FileProblem::NotATable(k));
    if bytes.starts_with(ZIP) || bytes.starts_with(EMPTY_ZIP) {
        return zip_kind(bytes).map(Container::Book);
    }
    if bytes.starts_with(OLE) {
        // The directory of an OLE file names its streams in UTF-16.
        if has_utf16(bytes, "EncryptedPackage") {
            return Err(FileProblem::Unreadable {
                sheet: None,
                why: Unreadable::Encrypted,
            });
        }
        if has_utf16(bytes, "WordDocument") {
            return not_a_table(FileKind::WordDocument);
        }
        if xls_check::too_large(bytes) {
            return Err(FileProblem::TooManyCells { most: MAX_CELLS });
        }
        return Ok(Container::Book(BookKind::Xls));
    }
    if bytes.starts_with(b"%PDF-") {
        return not_a_table(FileKind::Pdf);
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF87a")
        || bytes.starts_with(b"GIF89a")
    {
        return not_a_table(FileKind::Image);
    }
    if bytes.starts_with(&[0x1F, 0x8B])
        || bytes.starts_with(b"Rar!\x1a\x07")
        || bytes.starts_with(b"7z\xBC\xAF\x27\x1C")
    {
        return not_a_table(FileKind::Archive);
    }
    Ok(Container::Text)
}

/// Text that is markup, not a table: a web page (what Excel's "save as
/// web page" writes, often named .xls), a web archive (.mht) or Excel
/// 2003's XML spreadsheet. Looked at in the text's first kilobytes.
pub(super) fn markup(text: &str) -> Option<FileKind> {
    let head: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.contains("urn:schemas-microsoft-com:office:spreadsheet") && !head.contains("<html") {
        return Some(FileKind::Excel2003Xml);
    }
    let web = ["<!doctype html", "<html", "<table", "<head", "<body"];
    if web.iter().any(|w| head.starts_with(w))
        || (head.starts_with("<?xml") && head.contains("<html"))
        || (head.starts_with("mime-version:") && head.contains("multipart/related"))
    {
        return Some(FileKind::WebPage);
    }
    None
}

fn has_utf16(bytes: &[u8], name: &str) -> bool {
    let wide: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &wide).is_some()
}

/// Which workbook a zip is, once its parts are measured; or what else it
/// is.
fn zip_kind(bytes: &[u8]) -> Result<BookKind, FileProblem> {
    let unreadable = |why| FileProblem::Unreadable { sheet: None, why };
    // A zip ends in its directory's end record; a file cut off in a
    // download or a copy has lost it.
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    if memchr::memmem::find(tail, EMPTY_ZIP).is_none() {
        return Err(unreadable(Unreadable::Truncated));
    }
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(why(&e)))?;
    let names: Vec<String> = zip
        .file_names()
        .filter_map(|n| n.ok().map(|n| n.into_owned()))
        .collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    let kind = if names.iter().any(|n| n.starts_with("xl/")) {
        if has("xl/workbook.bin") {
            BookKind::Xlsb
        } else if has("xl/workbook.xml") {
            BookKind::Xlsx
        } else {
            return Err(unreadable(Unreadable::Damaged));
        }
    } else if has("content.xml") && mimetype(&mut zip).contains("spreadsheet") {
        BookKind::Ods
    } else if names.iter().any(|n| n.starts_with("word/")) || mimetype(&mut zip).contains("text") {
        return Err(FileProblem::NotATable(FileKind::WordDocument));
    } else {
        return Err(FileProblem::NotATable(FileKind::Archive));
    };
    measure_parts(&mut zip, kind)?;
    Ok(kind)
}

/// An OpenDocument file's `mimetype` part (a short line), or nothing.
fn mimetype(zip: &mut ZipArchive<Cursor<&[u8]>>) -> String {
    let mut s = String::new();
    if let Ok(f) = zip.by_name("mimetype") {
        let _ = f.take(200).read_to_string(&mut s);
    }
    s
}

/// Why a zip cannot be read.
fn why(e: &ZipError) -> Unreadable {
    match e {
        ZipError::UnsupportedArchive(m) if *m == ZipError::PASSWORD_REQUIRED => {
            Unreadable::Encrypted
        }
        ZipError::InvalidPassword => Unreadable::Encrypted,
        ZipError::UnsupportedArchive(_) | ZipError::CompressionMethodNotSupported(_) => {
            Unreadable::Compression
        }
        _ => Unreadable::Damaged,
    }
}

/// Unpacks every part calamine may read (XML, relationships, binary
/// sheets; not pictures) and counts what comes out — declared sizes can
/// lie — against [`MAX_UNPACKED`] in all and [`MAX_SHARED_STRINGS`] for the
/// shared strings, and in XML the longest run of text or tag against
/// [`MAX_XML_RUN`]. Nothing is kept: memory stays at one buffer.
fn measure_parts(zip: &mut ZipArchive<Cursor<&[u8]>>, kind: BookKind) -> Result<(), FileProblem> {
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| FileProblem::Unreadable {
            sheet: None,
            why: why(&e),
        })?;
        let name = part.name().map(|n| n.into_owned()).unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        let xml = lower.ends_with(".xml") || lower.ends_with(".rels");
        if part.is_dir() || !(xml || lower.ends_with(".bin")) {
            continue;
        }
        let shown = clip(&name, 60);
        let shared = lower.ends_with("sharedstrings.xml") || lower.ends_with("sharedstrings.bin");
        let mut size = 0u64;
        let mut run = 0u64;
        // An OpenDocument sheet's cells, repeats counted.
        let mut repeats = (kind == BookKind::Ods && lower == "content.xml").then(Repeats::default);
        loop {
            let n = match part.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(_) => {
                    return Err(FileProblem::Unreadable {
                        sheet: None,
                        why: Unreadable::Damaged,
                    });
                }
            };
            size += n as u64;
            total += n as u64;
            if total > MAX_UNPACKED {
                return Err(FileProblem::UnpackedTooLarge {
                    part: shown,
                    most_mib: MAX_UNPACKED / MIB,
                });
            }
            if shared && size > MAX_SHARED_STRINGS {
                return Err(FileProblem::UnpackedTooLarge {
                    part: shown,
                    most_mib: MAX_SHARED_STRINGS / MIB,
                });
            }
            if xml {
                run = longest_run(&buf[..n], run).ok_or_else(|| FileProblem::XmlRunTooLong {
                    part: shown.clone(),
                    most_kib: MAX_XML_RUN / 1024,
                })?;
            }
            if let Some(r) = &mut repeats
                && r.feed(&buf[..n])
            {
                return Err(FileProblem::TooManyCells { most: MAX_CELLS });
            }
        }
    }
    Ok(())
}

/// Counts the cells an OpenDocument sheet spells with repeats, as calamine
/// lays them out one by one: a row repeated N times holding a cell with
/// content repeated M times is N × M cells. Empty repeated cells (a sheet's
/// unused columns and rows, which LibreOffice writes as one repeat) are
/// not counted.
#[derive(Default)]
struct Repeats {
    tag: Vec<u8>,
    in_tag: bool,
    rows: u64,
    cells: u64,
}

impl Repeats {
    /// Takes a chunk of the part; true once the cells pass the limit.
    fn feed(&mut self, chunk: &[u8]) -> bool {
        for &b in chunk {
            if self.in_tag {
                if b == b'>' {
                    self.in_tag = false;
                    if self.close() {
                        return true;
                    }
                } else if self.tag.len() < 4096 {
                    self.tag.push(b);
                }
            } else if b == b'<' {
                self.in_tag = true;
                self.tag.clear();
            }
        }
        false
    }

    fn close(&mut self) -> bool {
        let t = self.tag.as_slice();
        let repeated = |name: &[u8]| -> u64 {
            memchr::memmem::find(t, name)
                .and_then(|at| {
                    let rest = &t[at + name.len()..];
                    let end = rest.iter().position(|b| !b.is_ascii_digit())?;
                    std::str::from_utf8(&rest[..end]).ok()?.parse().ok()
                })
                .unwrap_or(1)
        };
        if t.starts_with(b"table:table-row") {
            self.rows = repeated(b"table:number-rows-repeated=\"");
        } else if t.starts_with(b"table:table-cell") || t.starts_with(b"table:covered-table-cell") {
            let has_content =
                !t.ends_with(b"/") || memchr::memmem::find(t, b"office:value-type").is_some();
            if has_content {
                let cols = repeated(b"table:number-columns-repeated=\"");
                self.cells = self.cells.saturating_add(self.rows.saturating_mul(cols));
            }
        }
        self.cells > MAX_CELLS as u64
    }
}

/// Carries the length of the current run (text between two tags, or one
/// tag) through `chunk`: the run at its end, or None once one passes
/// [`MAX_XML_RUN`].
fn longest_run(chunk: &[u8], mut run: u64) -> Option<u64> {
    let mut at = 0;
    for mark in memchr::memchr2_iter(b'<', b'>', chunk) {
        run += (mark - at) as u64;
        if run > MAX_XML_RUN {
            return None;
        }
        run = 0;
        at = mark + 1;
    }
    run += (chunk.len() - at) as u64;
    (run <= MAX_XML_RUN).then_some(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_measured_across_chunks() {
        assert_eq!(longest_run(b"<a>xyz</a>", 0), Some(0));
        assert_eq!(longest_run(b"<a>xy", 0), Some(2));
        assert_eq!(longest_run(b"z</a>", 2), Some(0));
        let blanks = vec![b' '; MAX_XML_RUN as usize];
        assert_eq!(longest_run(&blanks, 0), Some(MAX_XML_RUN));
        assert_eq!(longest_run(b" ", MAX_XML_RUN), None);
        assert_eq!(longest_run(b"<", MAX_XML_RUN), Some(0));
    }

    #[test]
    fn markup_is_told_from_a_table() {
        assert_eq!(markup("<html><head>"), Some(FileKind::WebPage));
        assert_eq!(markup("\u{feff}  <!DOCTYPE HTML>"), Some(FileKind::WebPage));
        assert_eq!(
            markup(
                "<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"
            ),
            Some(FileKind::Excel2003Xml)
        );
        assert_eq!(
            markup("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x"),
            Some(FileKind::WebPage)
        );
        assert_eq!(markup("项目编码,部门\n<html>,x"), None);
    }
}
