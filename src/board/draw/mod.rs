//! The board's views: pure functions of a [`Board`] onto a frame. The
//! title, the headline (figures in big digits, the gauges) and the key
//! hints are here; the panels below in `panels`.

mod panels;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

use super::layout::{self, FigureSize, Glyphs};
use super::{Board, BoardView};
use crate::domain::{Fit, Money};
use crate::i18n::Lang;
use crate::keymap::{Command, Keymap, Mode};
use crate::text::{clean, pad_right, truncate, width};
use crate::theme::Theme;
use crate::words::Say;
use crate::words::board::{BoardText, ceiling_items};

/// What the views read besides the board.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: &'a Keymap,
    /// Shown over the review screen: the board's key goes back to it.
    pub over_screen: bool,
}

/// The smallest area the board is drawn in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

/// The board in `area`.
pub fn draw(frame: &mut Frame, area: Rect, b: &Board, view: &BoardView, cx: &Ctx<'_>) {
    draw_board(frame, area, b, view, cx);
    if cx.theme.ascii {
        ascii_cells(frame.buffer_mut(), area);
    }
}

/// Every glyph of `area` a terminal may draw two cells wide, in ASCII: the
/// screen's own (box lines, `·`, `…`) and the board's blocks — the big
/// digits' halves, the bars and the gauges' shades.
fn ascii_cells(buf: &mut ratatui::buffer::Buffer, area: Rect) {
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let cell = &mut buf[(x, y)];
            let mut chars = cell.symbol().chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            let a = match c {
                '▀' => '"',
                '▄' => '_',
                '░' => '.',
                '▒' => 'x',
                '▓' => '%',
                '▌' => '[',
                '▐' => ']',
                '\u{2580}'..='\u{259f}' => '#',
                c => match crate::text::ascii_glyph(c) {
                    Some(a) => a,
                    None => continue,
                },
            };
            cell.set_char(a);
        }
    }
}

fn draw_board(frame: &mut Frame, area: Rect, b: &Board, view: &BoardView, cx: &Ctx<'_>) {
    frame.render_widget(Clear, area);
    let l = cx.lang;
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let msg = BoardText::TooSmall {
            need: (MIN_WIDTH, MIN_HEIGHT),
            have: (area.width, area.height),
        }
        .say(l);
        frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let [title, body, hint] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let title_text = BoardText::Title {
        meeting: &clean(&b.title),
        stage: b.stage,
    }
    .say(l);
    frame.render_widget(
        Paragraph::new(pad_right(
            &truncate(&format!(" {title_text}"), usize::from(title.width)),
            usize::from(title.width),
        ))
        .style(cx.theme.title()),
        title,
    );

    let figures = figures(b, l);
    let sizes: Vec<FigureSize> = figures
        .iter()
        .map(|f| FigureSize {
            label: width(&f.label) as u16,
            chars: f.text.chars().count() as u16,
        })
        .collect();
    let gauges = gauges(b, l);
    // The headline takes up to two fifths of the screen, eleven rows at
    // least (two rows of figures, the gauges beside them, at 80×24).
    let budget = (body.height * 2 / 5).max(11).min(body.height);
    // ASCII-safe glyphs: no quadrants, which have no ASCII stand-in.
    let head = layout::headline(
        Rect { height: 0, ..body },
        &sizes,
        |w| gauge_rows(&gauges, w),
        budget,
        !cx.theme.ascii,
    );
    for (f, r) in figures.iter().zip(&head.figures) {
        draw_figure(frame, clip(*r, body), f, head.glyphs, cx.theme);
    }
    draw_gauges(frame, clip(head.gauges, body), &gauges, cx.theme);

    // The panels below, the chosen one first, as many as fit.
    let top = body.y + head.height + 1;
    let below = Rect::new(
        body.x,
        top.min(body.bottom()),
        body.width,
        body.bottom().saturating_sub(top),
    );
    let all = b.panels();
    let order: Vec<_> = (0..all.len())
        .map(|i| all[(view.first + i) % all.len()])
        .collect();
    let col_w = layout::column_width(below.width);
    let needs: Vec<_> = order
        .iter()
        .map(|&p| panels::need(p, b, col_w, l))
        .collect();
    let rects = layout::panels(below, &needs);
    for (&p, r) in order.iter().zip(&rects) {
        panels::draw(frame, *r, p, b, cx);
    }
    draw_hint(frame, hint, (rects.len(), all.len()), cx);
}

/// `r` no larger than `within`.
fn clip(r: Rect, within: Rect) -> Rect {
    r.intersection(within)
}

/// A headline figure: its label and its text, in its style.
struct Figure {
    label: String,
    text: String,
    style: Style,
}

/// The headline's figures: 审定, 审减, 审减率; a later stage's money
/// adjusted.
fn figures(b: &Board, l: Lang) -> Vec<Figure> {
    let bold = Style::default().add_modifier(Modifier::BOLD);
    if let Some(st) = &b.stage_tally {
        return vec![Figure {
            label: BoardText::Adjusted.say(l),
            text: st.adjusted_total().wan_display(),
            style: bold,
        }];
    }
    let t = &b.tally.total;
    vec![
        Figure {
            label: BoardText::Approved.say(l),
            text: t.approved.wan_display(),
            style: bold,
        },
        Figure {
            label: BoardText::Cut.say(l),
            text: t.cut.wan_display(),
            style: bold,
        },
        Figure {
            label: BoardText::Rate.say(l),
            text: big_rate(t.cut_rate()),
            style: bold,
        },
    ]
}

/// The cut rate as the big font can draw it: `33.70%`, or `-` before
/// anything is decided (the font has no `—`).
pub fn big_rate(r: Option<rust_decimal::Decimal>) -> String {
    r.map(|r| format!("{r}%")).unwrap_or_else(|| "-".into())
}

fn draw_figure(frame: &mut Frame, r: Rect, f: &Figure, g: Glyphs, theme: Theme) {
    if r.height == 0 {
        return;
    }
    let [label, digits] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(r);
    frame.render_widget(
        Paragraph::new(f.label.as_str()).style(theme.header()),
        label,
    );
    let size = match g {
        Glyphs::Half => PixelSize::HalfHeight,
        Glyphs::Quadrant => PixelSize::Quadrant,
        Glyphs::Text => {
            frame.render_widget(Paragraph::new(f.text.as_str()).style(f.style), digits);
            return;
        }
    };
    let big = BigText::builder()
        .pixel_size(size)
        .style(f.style)
        .lines(vec![Line::from(f.text.clone())])
        .build();
    frame.render_widget(big, digits);
}

/// One gauge: its figures, each a (label, value) a line never splits, and
/// its bar.
struct Gauge {
    items: Vec<(String, String)>,
    bar: Bar,
}

enum Bar {
    /// Decided of all.
    Progress { done: u64, all: u64 },
    /// A ceiling against what the meeting is heading for.
    Ceiling(Fit),
}

/// The gauges: progress, then the ceiling of the total; at a later stage,
/// which has no budget chart, each budget's ceiling too.
fn gauges(b: &Board, l: Lang) -> Vec<Gauge> {
    let t = &b.tally.total;
    let mut out = vec![Gauge {
        items: vec![
            (
                BoardText::Decided.say(l),
                format!("{} / {}", t.decided, t.projects),
            ),
            (BoardText::Pending.say(l), t.counts.pending.to_string()),
        ],
        bar: Bar::Progress {
            done: t.decided,
            all: t.projects,
        },
    }];
    if let Some(fit) = b.ceiling.total_fit(&b.tally) {
        out.push(Gauge {
            items: ceiling_items(None, &fit, l),
            bar: Bar::Ceiling(fit),
        });
    }
    if b.stage.adjusts() {
        for (budget, fit) in b.ceiling.budget_fits(&b.tally) {
            out.push(Gauge {
                items: ceiling_items(Some(budget), &fit, l),
                bar: Bar::Ceiling(fit),
            });
        }
    }
    out
}

/// The lines of `items` at `width`: indices of the items on each line,
/// joined by " · ", a line broken only between two items.
pub(super) fn wrap_items(items: &[(String, String)], w: u16) -> Vec<Vec<usize>> {
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut used = 0;
    for (i, (label, value)) in items.iter().enumerate() {
        let iw = width(label) + 1 + width(value);
        match lines.last_mut() {
            Some(line) if used + 3 + iw <= usize::from(w) => {
                line.push(i);
                used += 3 + iw;
            }
            _ => {
                lines.push(vec![i]);
                used = iw;
            }
        }
    }
    lines
}

/// The items of one line as spans: labels plain, values bold.
pub(super) fn item_spans(
    items: &[(String, String)],
    line: &[usize],
    value: Style,
) -> Line<'static> {
    let mut spans = Vec::new();
    for (k, &i) in line.iter().enumerate() {
        if k > 0 {
            spans.push(Span::raw(" · "));
        }
        spans.push(Span::raw(format!("{} ", items[i].0)));
        spans.push(Span::styled(items[i].1.clone(), value));
    }
    Line::from(spans)
}

fn gauge_rows(gauges: &[Gauge], w: u16) -> u16 {
    gauges
        .iter()
        .map(|g| wrap_items(&g.items, w).len() as u16 + 1)
        .sum()
}

fn draw_gauges(frame: &mut Frame, r: Rect, gauges: &[Gauge], theme: Theme) {
    let mut lines = Vec::new();
    for g in gauges {
        let value = theme.figure();
        for line in wrap_items(&g.items, r.width) {
            lines.push(item_spans(&g.items, &line, value));
        }
        lines.push(bar_line(&g.bar, usize::from(r.width), theme));
    }
    frame.render_widget(Paragraph::new(lines), r);
}

/// `part` of `whole` in `cells`, rounded down, at least one cell for a part
/// that is not nothing.
pub(super) fn cells(part: u128, whole: u128, cells: usize) -> usize {
    if whole == 0 || part == 0 {
        return 0;
    }
    ((part * cells as u128 / whole) as usize).clamp(1, cells)
}

/// A gauge's bar, `w` cells: what is done in solid blocks, what is left
/// shaded light; over a ceiling, the excess shaded dark — patterns that
/// hold without colour.
fn bar_line(bar: &Bar, w: usize, theme: Theme) -> Line<'static> {
    match bar {
        Bar::Progress { done, all } => {
            let d = cells(u128::from(*done), u128::from(*all), w);
            Line::from(vec![
                Span::styled("█".repeat(d), theme.info()),
                Span::raw("░".repeat(w - d)),
            ])
        }
        Bar::Ceiling(fit) => {
            let fen = |m: Money| m.fen().max(0) as u128;
            let scale = fen(fit.projected).max(fen(fit.ceiling));
            let within = cells(fen(fit.projected.min(fit.ceiling)), scale, w);
            let over = if fit.is_over() {
                cells(fen(fit.to_cut), scale, w).min(w - within.min(w - 1))
            } else {
                0
            };
            let within = within.min(w - over);
            let style = if fit.is_over() {
                theme.error()
            } else {
                theme.info()
            };
            Line::from(vec![
                Span::styled("█".repeat(within), style),
                Span::styled("▒".repeat(over), theme.error()),
                Span::raw("░".repeat(w - within - over)),
            ])
        }
    }
}

/// The last line: the board's keys from the keymap in force, and how many
/// of the panels show.
fn draw_hint(frame: &mut Frame, area: Rect, (shown, all): (usize, usize), cx: &Ctx<'_>) {
    let l = cx.lang;
    let mut keys = vec![];
    if shown < all {
        keys.push((Command::NextPanel, BoardText::KeyNext));
    }
    keys.push(if cx.over_screen {
        (Command::Board, BoardText::KeyBack)
    } else {
        (Command::Quit, BoardText::KeyQuit)
    });
    let mut parts: Vec<String> = keys
        .into_iter()
        .filter_map(|(c, what)| {
            let k = cx.keymap.key_for(Mode::Board, c)?;
            Some(format!("{k} {}", what.say(l)))
        })
        .collect();
    if shown < all {
        parts.push(BoardText::Panels { shown, all }.say(l));
    }
    let text = format!(" {}", parts.join("  "));
    frame.render_widget(
        Paragraph::new(truncate(&text, usize::from(area.width))).style(cx.theme.dim()),
        area,
    );
}
