//! An Excel 97-2003 workbook (.xls) measured before calamine reads it.
//!
//! calamine reads every sheet of an .xls when it opens the file, and gives
//! each one a dense grid from its first cell to its last, after reserving
//! room for as many cells as the sheet's DIMENSIONS record claims: a file
//! of a few kilobytes with a cell at A1 and another at IV65536 takes a
//! gigabyte, and a record claiming a billion rows stops the process. So the
//! file's Workbook stream is found (a minimal reading of the compound file
//! it lives in) and its records are scanned: a sheet whose claimed or used
//! area passes [`MAX_CELLS`] is refused. Anything this reading does not
//! understand is left to calamine, which says the file is damaged if it is;
//! only a sheet seen to be too large is refused here.

use super::limits::MAX_CELLS;

/// The largest area (rows × columns) of one sheet, claimed by a DIMENSIONS
/// record or spanned by its cells; None if the file is not understood.
pub(super) fn largest_sheet(bytes: &[u8]) -> Option<u64> {
    let stream = workbook_stream(bytes)?;
    Some(scan(&stream))
}

/// Whether an .xls would make calamine hold more cells than a sheet may.
pub(super) fn too_large(bytes: &[u8]) -> bool {
    largest_sheet(bytes).is_some_and(|area| area > MAX_CELLS as u64)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// The compound file's `Workbook` (or BIFF5 `Book`) stream.
fn workbook_stream(b: &[u8]) -> Option<Vec<u8>> {
    let shift = u16_at(b, 0x1E)?;
    if !(9..=12).contains(&shift) {
        return None;
    }
    let size = 1usize << shift;
    let sector = |n: u32| -> Option<&[u8]> {
        let at = (n as usize).checked_add(1)?.checked_mul(size)?;
        b.get(at..at + size)
    };
    // The FAT: its sectors listed in the header, then in DIFAT sectors.
    let mut fat_sectors: Vec<u32> = (0..109)
        .filter_map(|i| u32_at(b, 0x4C + 4 * i))
        .filter(|&s| s < END_OF_CHAIN)
        .collect();
    let mut difat = u32_at(b, 0x44)?;
    let mut guard = 0;
    while difat < END_OF_CHAIN && guard < 1 << 16 {
        let s = sector(difat)?;
        for i in 0..size / 4 - 1 {
            let v = u32_at(s, 4 * i)?;
            if v < END_OF_CHAIN {
                fat_sectors.push(v);
            }
        }
        difat = u32_at(s, size - 4)?;
        guard += 1;
    }
    let mut fat: Vec<u32> = Vec::new();
    for s in fat_sectors {
        let s = sector(s)?;
        fat.extend((0..size / 4).filter_map(|i| u32_at(s, 4 * i)));
    }
    let chain = |start: u32, fat: &[u32]| -> Option<Vec<u32>> {
        let mut out = Vec::new();
        let mut n = start;
        while n < END_OF_CHAIN {
            if out.len() > fat.len() {
                return None; // a loop
            }
            out.push(n);
            n = *fat.get(n as usize)?;
        }
        Some(out)
    };
    let read = |start: u32, len: usize| -> Option<Vec<u8>> {
        let mut out = Vec::with_capacity(len.min(b.len()));
        for s in chain(start, &fat)? {
            out.extend_from_slice(sector(s)?);
        }
        out.truncate(len);
        Some(out)
    };
    let dir = read(u32_at(b, 0x30)?, usize::MAX)?;
    let entries: Vec<&[u8]> = dir.chunks_exact(128).collect();
    let name_of = |e: &[u8]| -> String {
        let len = (u16_at(e, 64).unwrap_or(0) as usize).min(64);
        let units: Vec<u16> = (0..len.saturating_sub(2) / 2)
            .filter_map(|i| u16_at(e, 2 * i))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let root = entries.first()?;
    let book = entries.iter().find(|e| {
        e.get(66) == Some(&2) && {
            let n = name_of(e).to_ascii_lowercase();
            n == "workbook" || n == "book"
        }
    })?;
    let start = u32_at(book, 116)?;
    let len = u32_at(book, 120)? as usize;
    let cutoff = u32_at(b, 0x38)? as usize;
    if len >= cutoff {
        return read(start, len);
    }
    // A small stream lives in the mini stream, in 64-byte sectors.
    let mini = read(u32_at(root, 116)?, u32_at(root, 120)? as usize)?;
    let minifat_bytes = read(u32_at(b, 0x3C)?, usize::MAX)?;
    let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
        .filter_map(|i| u32_at(&minifat_bytes, 4 * i))
        .collect();
    let mut out = Vec::with_capacity(len);
    for s in chain(start, &minifat)? {
        let at = (s as usize).checked_mul(64)?;
        out.extend_from_slice(mini.get(at..at + 64)?);
    }
    out.truncate(len);
    Some(out)
}

/// The largest area of a worksheet in a BIFF stream: what its DIMENSIONS
/// records claim, or what its cells span.
fn scan(stream: &[u8]) -> u64 {
    let mut largest = 0u64;
    let mut at = 0usize;
    let mut depth = 0usize;
    // The current sheet's first and last row and column with a cell.
    let mut span: Option<(u32, u32, u32, u32)> = None;
    let area = |s: Option<(u32, u32, u32, u32)>| {
        s.map_or(0, |(r0, r1, c0, c1)| {
            u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1)
        })
    };
    while let (Some(typ), Some(len)) = (u16_at(stream, at), u16_at(stream, at + 2)) {
        let data = stream.get(at + 4..at + 4 + len as usize).unwrap_or(&[]);
        at += 4 + len as usize;
        match typ {
            0x0809 => {
                depth += 1;
                span = None;
            }
            0x000A => {
                largest = largest.max(area(span));
                depth = depth.saturating_sub(1);
                span = None;
            }
            // DIMENSIONS: BIFF8 rows as u32 (last one past the end), BIFF5 as u16.
            0x0200 if depth > 0 => {
                let claimed = if data.len() >= 14 {
                    let rows = u32_at(data, 4)
                        .unwrap_or(0)
                        .saturating_sub(u32_at(data, 0).unwrap_or(0));
                    let cols = u16_at(data, 10)
                        .unwrap_or(0)
                        .saturating_sub(u16_at(data, 8).unwrap_or(0));
                    u64::from(rows) * u64::from(cols)
                } else {
                    let rows = u16_at(data, 2)
                        .unwrap_or(0)
                        .saturating_sub(u16_at(data, 0).unwrap_or(0));
                    let cols = u16_at(data, 6)
                        .unwrap_or(0)
                        .saturating_sub(u16_at(data, 4).unwrap_or(0));
                    u64::from(rows) * u64::from(cols)
                };
                largest = largest.max(claimed);
            }
            // Cells calamine keeps: a row and a first column, and for the
            // MULRK run its last column at the end.
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x00BD | 0x0006 if depth > 0 => {
                let (Some(r), Some(c)) = (u16_at(data, 0), u16_at(data, 2)) else {
                    continue;
                };
                let last = if typ == 0x00BD {
                    u16_at(data, data.len().saturating_sub(2)).unwrap_or(c)
                } else {
                    c
                };
                let (r, c, last) = (u32::from(r), u32::from(c), u32::from(last.max(c)));
                span = Some(match span {
                    None => (r, r, c, last),
                    Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(last)),
                });
            }
            _ => {}
        }
    }
    largest.max(area(span))
}
