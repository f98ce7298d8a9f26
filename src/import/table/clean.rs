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
/// [`is_look_alike_space`] is about, told from the first two bytes of its
/// characters: text without one needs no look. Chinese text's own
/// characters and punctuation (`，` is EF BC 8C, `。` E3 80 82) start
/// otherwise.
pub(super) fn may_hold_one(t: &str) -> bool {
    any_byte_pair(t.as_bytes(), |b, next| {
        let is = |x: u8| b == x;
        let then = |x: u8| next == x;
        // U+00A0, U+00AD
        (is(0xc2) & (then(0xa0) | then(0xad)))
            // Arabic's format characters
            | (b.wrapping_sub(0xd8) <= 0xdc - 0xd8)
            // U+0890, U+0891, U+08E2
            | (is(0xe0) & (then(0xa2) | then(0xa3)))
            // U+180E
            | (is(0xe1) & then(0xa0))
            // U+2000 to U+206F
            | (is(0xe2) & (then(0x80) | then(0x81)))
            // U+FEFF, U+FFF9 to U+FFFB
            | (is(0xef) & (then(0xbb) | then(0xbf)))
            // those above U+FFFF
            | is(0xf0)
            | is(0xf3)
    })
}

/// Whether `hit(byte, the byte after it)` holds anywhere in `bytes` (after
/// the last byte comes a space). Every cell's text is looked at this way:
/// sixteen bytes at a time, without stopping in between, the shorter rest
/// padded with spaces, so that the compiler makes vector instructions of it
/// (`hit` must be false for two spaces, and use `&` and `|`, not `&&` and
/// `||`).
pub(crate) fn any_byte_pair(bytes: &[u8], hit: impl Fn(u8, u8) -> bool) -> bool {
    const W: usize = 16;
    let block_hit = |block: &[u8; W + 1]| {
        let mut any = false;
        for k in 0..W {
            any |= hit(block[k], block[k + 1]);
        }
        any
    };
    let mut at = 0;
    // Whole blocks straight from the text; the rest copied into one.
    while let Some(block) = bytes.get(at..at + W + 1) {
        if block_hit(block.try_into().expect("W + 1 bytes")) {
            return true;
        }
        at += W;
    }
    let rest = &bytes[at..];
    let mut block = [b' '; W + 1];
    block[..rest.len()].copy_from_slice(rest);
    block_hit(&block)
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
        let pair = |b: u8, next: u8| (b == b'x') & (next == b'y');
        for len in 0..50 {
            let text = vec![b'a'; len];
            assert!(!any_byte_pair(&text, pair), "{len}");
            for at in 0..len.saturating_sub(1) {
                let mut t = text.clone();
                t[at] = b'x';
                t[at + 1] = b'y';
                assert!(any_byte_pair(&t, pair), "{len} {at}");
                // Half a pair is none.
                t[at + 1] = b'a';
                assert!(!any_byte_pair(&t, pair), "{len} {at}");
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
