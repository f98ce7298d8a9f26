//! A cell's text as the reader means it: blanks trimmed, invisible
//! characters gone wherever they stand, look-alike spaces made one space,
//! and, in delimited text, the `'` a CSV export puts before `= + - @`
//! taken off again.
//!
//! Text copied from a web page, a Word document or a chat brings invisible
//! characters along: zero-width spaces and joiners, left-to-right and
//! right-to-left marks, bidirectional embeddings, overrides and isolates,
//! a stray byte order mark, soft hyphens — Unicode's format characters
//! (category Cf). `市\u{200b}财政局` prints as `市财政局` but would be a second
//! department; U+202E turns the text around on screen and cannot be
//! written in GBK. They are removed everywhere in a cell, not refused: they
//! carry nothing a reader sees. A no-break space (U+00A0) and the other
//! typographic spaces inside a cell are an ordinary space; the ideographic
//! space (U+3000), which is as wide as a character, stays.

use std::borrow::Cow;

use crate::export::needs_guard;

/// Whether `c` is a Unicode format character (general category Cf, as of
/// Unicode 15.1).
pub(crate) fn is_format(c: char) -> bool {
    // None between: every cell's first and last character is asked, and
    // most are Chinese text or ASCII.
    let u = u32::from(c);
    if u < 0xad || (0x2070..0xfeff).contains(&u) {
        return false;
    }
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// A space that looks like the ordinary one: no-break, figure, thin, hair,
/// en, em and the like (the ideographic space is wider and is not one).
fn is_look_alike_space(c: char) -> bool {
    matches!(
        c,
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}'
    )
}

/// Whether the text may hold a character [`is_format`] or
/// [`is_look_alike_space`] is about, told from the first three bytes of
/// its characters: text without one needs no look. Chinese text's own
/// characters and punctuation (`，` is EF BC 8C, `“` E2 80 9C, `—` E2 80
/// 94) are told apart from them. A quick look finds the blocks of 16 bytes
/// where such a character may start (`，` and the like pass it); only
/// those are looked at byte by byte.
pub(super) fn may_hold_one(t: &str) -> bool {
    let b = t.as_bytes();
    let at = |i: usize| b.get(i).copied().unwrap_or(b' ');
    let mut from = 0;
    while let Some(block) = first_block(&b[from..], |c, c1, _| {
        let is = |x: u8| c == x;
        is(0xc2)
            | is(0xd8)
            | is(0xdb)
            | is(0xdc)
            | is(0xe0)
            | is(0xe1)
            | is(0xe2)
            | (is(0xef) & ((c1 == 0xbb) | (c1 == 0xbf)))
            | is(0xf0)
            | is(0xf3)
    }) {
        let start = from + block;
        let end = (start + BLOCK).min(b.len());
        if (start..end).any(|i| starts_one(b[i], at(i + 1), at(i + 2))) {
            return true;
        }
        from = end;
    }
    false
}

/// Whether a character [`is_format`] or [`is_look_alike_space`] is about
/// starts with these three bytes.
fn starts_one(b: u8, b1: u8, b2: u8) -> bool {
    let within = |c: u8, lo: u8, hi: u8| (lo..=hi).contains(&c);
    match b {
        // U+00A0, U+00AD
        0xc2 => matches!(b1, 0xa0 | 0xad),
        // U+0600 to U+0605, U+061C, U+06DD, U+070F
        0xd8 => b1 <= 0x85 || b1 == 0x9c,
        0xdb => b1 == 0x9d,
        0xdc => b1 == 0x8f,
        // U+0890, U+0891, U+08E2
        0xe0 => (b1 == 0xa2 && within(b2, 0x90, 0x91)) || (b1 == 0xa3 && b2 == 0xa2),
        // U+180E
        0xe1 => b1 == 0xa0 && b2 == 0x8e,
        // U+2000 to U+200F, U+202A to U+202F, U+205F to U+206F
        0xe2 => {
            (b1 == 0x80 && (b2 <= 0x8f || within(b2, 0xaa, 0xaf)))
                || (b1 == 0x81 && within(b2, 0x9f, 0xaf))
        }
        // U+FEFF, U+FFF9 to U+FFFB
        0xef => (b1 == 0xbb && b2 == 0xbf) || (b1 == 0xbf && within(b2, 0xb9, 0xbb)),
        // U+110BD and the others above U+FFFF
        0xf0 => matches!(b1, 0x91 | 0x93 | 0x9b | 0x9d),
        0xf3 => b1 == 0xa0,
        _ => false,
    }
}

/// The bytes looked at together by [`first_block`].
const BLOCK: usize = 16;

/// Whether `hit(byte, the next byte, the one after)` holds anywhere in
/// `bytes` (after the last byte come spaces).
pub(crate) fn any_byte_triple(bytes: &[u8], hit: impl Fn(u8, u8, u8) -> bool) -> bool {
    first_block(bytes, hit).is_some()
}

/// Where the first block of [`BLOCK`] bytes starts in which `hit(byte, the
/// next byte, the one after)` holds (after the last byte come spaces).
/// Every cell's text, or a whole file, is looked at this way: a block at a
/// time without stopping in between, the shorter rest copied into a block
/// padded with spaces, so that the compiler makes vector instructions of it
/// (`hit` must be false for spaces, and use `&` and `|`, not `&&` and
/// `||`).
fn first_block(bytes: &[u8], hit: impl Fn(u8, u8, u8) -> bool) -> Option<usize> {
    const W: usize = BLOCK;
    let block_hit = |block: &[u8; W + 2]| {
        let mut any = false;
        for k in 0..W {
            any |= hit(block[k], block[k + 1], block[k + 2]);
        }
        any
    };
    let mut at = 0;
    // Whole blocks straight from the text; the rest copied into one.
    while let Some(block) = bytes.get(at..at + W + 2) {
        if block_hit(block.try_into().expect("W + 2 bytes")) {
            return Some(at);
        }
        at += W;
    }
    let rest = &bytes[at..];
    let mut block = [b' '; W + 2];
    block[..rest.len()].copy_from_slice(rest);
    block_hit(&block).then_some(at)
}

/// Blanks at the ends (the ideographic space and NBSP too) and format
/// characters there.
fn trim(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_format(c))
}

/// The cell's text cleaned (see the module's note); borrowed unless
/// something had to go.
pub(crate) fn clean_cell(s: &str) -> Cow<'_, str> {
    match plain(trim(s)) {
        Cow::Borrowed(t) => Cow::Borrowed(t),
        Cow::Owned(t) => Cow::Owned(trim(&t).to_string()),
    }
}

/// A delimited text's cell cleaned, and the CSV export's guard taken off.
/// Only there: in a workbook a cell's leading `'` is its text (Excel keeps
/// its own `'` prefix out of the value).
pub(crate) fn clean_text_cell(s: &str) -> Cow<'_, str> {
    match clean_cell(s) {
        Cow::Borrowed(t) => Cow::Borrowed(unguard(t)),
        Cow::Owned(t) => match unguard(&t) {
            u if u.len() == t.len() => Cow::Owned(t),
            u => Cow::Owned(u.to_string()),
        },
    }
}

/// [`clean_text_cell`] of text known to hold no format character and no
/// look-alike space (see [`may_hold_one`]): nothing to take out.
pub(super) fn clean_plain_text_cell(s: &str) -> &str {
    unguard(trim(s))
}

/// The text without format characters, its look-alike spaces made
/// ordinary ones; borrowed when it has none (the common case, told from
/// its bytes).
pub(crate) fn plain(t: &str) -> Cow<'_, str> {
    if !(may_hold_one(t) && t.chars().any(|c| is_format(c) || is_look_alike_space(c))) {
        return Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if is_look_alike_space(c) {
            out.push(' ');
        } else if !is_format(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `'=1+1`, `'-指标` as a CSV export wrote them: the `'` only kept a
/// spreadsheet from running the cell, as Excel's own `'` prefix does, and
/// is taken off (one of them: `''-x` was `'-x`).
fn unguard(t: &str) -> &str {
    match t.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => trim(rest),
        _ => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_go_wherever_they_stand() {
        assert_eq!(clean_cell("市\u{200b}财政局"), "市财政局");
        assert_eq!(clean_cell("\u{202e}市财政局\u{202c}"), "市财政局");
        assert_eq!(clean_cell("市\u{2066}财政\u{2069}局\u{feff}"), "市财政局");
        assert_eq!(clean_cell("软\u{ad}件"), "软件");
        assert_eq!(clean_cell("\u{200b} 市财政局 \u{200d}"), "市财政局");
        assert_eq!(clean_cell("市\u{a0}教育局"), "市 教育局");
        assert_eq!(clean_cell("市\u{3000}教育局"), "市\u{3000}教育局");
        assert!(matches!(
            clean_cell(" 市教育局，二期 "),
            Cow::Borrowed("市教育局，二期")
        ));
    }

    #[test]
    fn the_quick_look_finds_every_character_it_is_about() {
        let about = |c: char| is_format(c) || is_look_alike_space(c);
        for c in (0..=0x10ffff)
            .filter_map(char::from_u32)
            .filter(|&c| about(c))
        {
            // Wherever it stands in the blocks of 16 bytes looked at.
            for before in 0..20 {
                let t = format!("{}{c}", "a".repeat(before));
                assert!(may_hold_one(&t), "U+{:04X} after {before}", c as u32);
            }
            let t = format!("市，教育局{c}。");
            assert!(may_hold_one(&t), "U+{:04X}", c as u32);
            assert!(matches!(plain(&t), Cow::Owned(_)), "U+{:04X}", c as u32);
        }
        assert!(!may_hold_one(
            "通过项目实施，开展专题学习不少于35场次。（一）"
        ));
    }

    #[test]
    fn a_pair_is_found_wherever_it_stands() {
        let pair = |b: u8, next: u8, _| (b == b'x') & (next == b'y');
        for len in 0..50 {
            let text = vec![b'a'; len];
            assert!(!any_byte_triple(&text, pair), "{len}");
            for at in 0..len.saturating_sub(1) {
                let mut t = text.clone();
                t[at] = b'x';
                t[at + 1] = b'y';
                assert!(any_byte_triple(&t, pair), "{len} {at}");
                // Half a pair is none.
                t[at + 1] = b'a';
                assert!(!any_byte_triple(&t, pair), "{len} {at}");
            }
        }
    }

    #[test]
    fn the_csv_guard_comes_off_once() {
        assert_eq!(clean_text_cell("'=同意压减"), "=同意压减");
        assert_eq!(clean_text_cell("'-指标一"), "-指标一");
        assert_eq!(clean_text_cell("'+86"), "+86");
        assert_eq!(clean_text_cell("'@SUM(A1)"), "@SUM(A1)");
        assert_eq!(clean_text_cell("''-x"), "'-x");
        assert_eq!(clean_text_cell("'abc"), "'abc");
        assert_eq!(clean_text_cell("'"), "'");
        assert_eq!(clean_text_cell("\u{200b}'=x"), "=x");
        for s in ["=1", "-x", "'-x", "''=y", "@a", "+", "'", "x'", "'x"] {
            let guarded = if needs_guard(s) {
                format!("'{s}")
            } else {
                s.to_string()
            };
            assert_eq!(clean_text_cell(&guarded), s, "{guarded:?}");
        }
    }
}
