//! The tally bar: how far the meeting is and what it has decided, in
//! figures, wrapped at a figure to the screen's width. Its line count is
//! part of the layout, so it is built here, below the app and the views.

use ratatui::text::{Line, Span};

use crate::domain::tally::Figures;
use crate::domain::{Ceiling, StageTally, State, Tally};
use crate::i18n::Lang;
use crate::theme::Theme;
use crate::words::board::kind_name;
use crate::words::list::{BarLabel, ListLabel};

/// What the bar shows: the meeting's tally (a later stage's by kind too)
/// and the ceiling, in the reader's language and the screen's colours.
pub struct Bar<'a> {
    pub tally: &'a Tally,
    /// The figures of the projects shown, when a filter or a search is on.
    pub shown: Option<&'a Figures>,
    /// The figures of the reviewer's own sections, when they look after any.
    pub mine: Option<&'a Figures>,
    /// Whether what is shown is exactly the reviewer's own sections.
    pub shown_is_mine: bool,
    pub stage_tally: Option<&'a StageTally>,
    pub ceiling: &'a Ceiling,
    pub lang: Lang,
    pub theme: Theme,
}

fn rate_text(f: &Figures) -> String {
    f.cut_rate()
        .map(|r| format!("{r}%"))
        .unwrap_or_else(|| "—".into())
}

/// One figure of the tally bar with the separator before it; a figure is
/// never split over two lines.
type BarItem = (&'static str, Vec<Span<'static>>);

impl Bar<'_> {
    /// The tally bar's two lines, each wrapped at a figure where it would not
    /// fit in `width` (the ceiling at 80 columns, a later stage's kinds).
    pub fn lines(&self, width: u16) -> Vec<Line<'static>> {
        let groups = match self.stage_tally {
            Some(st) => self.stage_items(st),
            None => self.items(),
        };
        let width = usize::from(width);
        let mut lines = Vec::new();
        for group in groups {
            let mut line: Vec<Span<'static>> = Vec::new();
            let mut used = 0;
            for (sep, body) in group {
                let w: usize = body.iter().map(|s| s.width()).sum();
                if !line.is_empty() && used + crate::text::width(sep) + w > width {
                    lines.push(Line::from(std::mem::take(&mut line)));
                    used = 0;
                }
                if !line.is_empty() {
                    line.push(Span::raw(sep));
                    used += crate::text::width(sep);
                }
                line.extend(body);
                used += w;
            }
            lines.push(Line::from(line));
        }
        lines
    }

    /// A figure's label, dimmed, with the space before its value.
    fn label(&self, label: BarLabel) -> Span<'static> {
        self.word(label.word(self.lang))
    }

    /// A word as a figure's label: dimmed, with the space before its value.
    fn word(&self, word: &str) -> Span<'static> {
        Span::styled(format!("{word} "), self.theme.dim())
    }

    /// A labelled value after `sep`.
    fn item(&self, sep: &'static str, label: BarLabel, value: Span<'static>) -> BarItem {
        (sep, vec![self.label(label), value])
    }

    /// An amount or a count that matters, in bold.
    fn figure(&self, s: String) -> Span<'static> {
        Span::styled(s, self.theme.figure())
    }

    /// How far the meeting is, first on either stage's bar: decided of all,
    /// and what was requested.
    fn progress_items(&self, f: &Figures) -> Vec<BarItem> {
        vec![
            self.item(
                "",
                BarLabel::Decided,
                self.figure(format!("{}/{}", f.decided, f.projects)),
            ),
            self.item(
                "  ",
                BarLabel::Requested,
                self.figure(f.requested.wan_display()),
            ),
        ]
    }

    /// The figures of decided projects, each over the same base: what the
    /// decided projects asked for (the cut rate's base), approved, cut and
    /// the rate — so 审减 ÷ 已审申报 = 审减率 can be checked by eye.
    fn decided_items(&self, f: &Figures) -> Vec<BarItem> {
        vec![
            self.item(
                "  ",
                BarLabel::DecidedRequested,
                self.figure(f.decided_requested.wan_display()),
            ),
            self.item(
                "  ",
                BarLabel::Approved,
                self.figure(f.approved.wan_display()),
            ),
            self.item("  ", BarLabel::Cut, self.figure(f.cut.wan_display())),
            self.item("  ", BarLabel::Rate, self.figure(rate_text(f))),
        ]
    }

    /// The same figures for the projects a filter or search shows, after
    /// a label.
    fn shown_items(&self, f: &Figures) -> Vec<BarItem> {
        let label = if self.shown_is_mine {
            self.label(BarLabel::MySectionsShown)
        } else {
            self.label(BarLabel::Shown)
        };
        let mut items = vec![("", vec![label])];
        let mut progress = self.progress_items(f);
        progress[0].0 = "";
        items.extend(progress);
        items.extend(self.decided_items(f));
        items
    }

    fn items(&self) -> Vec<Vec<BarItem>> {
        let th = self.theme;
        let l = self.lang;
        let f = &self.tally.total;
        let c = &f.counts;
        let count = |n: u64, s: State| Span::styled(n.to_string(), th.state(s));
        let mut line1 = self.progress_items(f);
        // A section head's own progress beside the meeting's, unless the
        // list shows exactly their sections (the line below says it then).
        if let Some(m) = self.mine.filter(|_| !self.shown_is_mine) {
            line1.insert(
                1,
                self.item(
                    "  ",
                    BarLabel::Mine,
                    self.figure(format!("{}/{}", m.decided, m.projects)),
                ),
            );
        }
        line1.extend(self.decided_items(f));
        let mut line2 = vec![
            self.item(
                "",
                BarLabel::Cancelled,
                count(c.cancelled, State::Cancelled),
            ),
            self.item("  ", BarLabel::Cut, count(c.cut, State::Cut)),
            self.item("  ", BarLabel::Passed, count(c.approved, State::Approved)),
            self.item("  ", BarLabel::Pending, Span::raw(c.pending.to_string())),
            // Not a fourth kind of decision: targets are adjusted on approved
            // and cut projects alike, so it stands apart from the counts that
            // add up to the decided.
            self.item(
                " · ",
                BarLabel::TargetsAdjusted,
                Span::raw(c.adjusted.to_string()),
            ),
        ];
        // Once revisions come in: where the adjusted projects stand.
        if c.revised + c.confirmed > 0 {
            line2.extend([
                self.item("  ", BarLabel::Awaited, Span::raw(c.waiting.to_string())),
                self.item(
                    "  ",
                    BarLabel::Revised,
                    Span::styled(c.revised.to_string(), th.state(State::Cut)),
                ),
                self.item(
                    "  ",
                    BarLabel::Confirmed,
                    Span::raw(c.confirmed.to_string()),
                ),
            ]);
        }
        line2.extend([("  ", vec![self.label(BarLabel::Wan)])]);
        if let Some(fit) = self.ceiling.total_fit(self.tally) {
            let mut item = vec![
                self.label(BarLabel::Ceiling),
                Span::raw(fit.ceiling.wan_display()),
                Span::raw(" "),
            ];
            if fit.is_over() {
                item.push(Span::styled(
                    format!(
                        "{} {}",
                        ListLabel::StillToCut.word(l),
                        fit.to_cut.wan_display()
                    ),
                    th.error(),
                ));
            } else {
                item.push(Span::styled(ListLabel::WithinCeiling.word(l), th.info()));
            }
            line2.push(("  ", item));
        }
        match self.shown {
            Some(shown) => vec![line1, self.shown_items(shown), line2],
            None => vec![line1, line2],
        }
    }

    /// A later stage's bar: progress, then each kind's count and amount as the
    /// report counts them, and the money adjusted in all.
    fn stage_items(&self, st: &StageTally) -> Vec<Vec<BarItem>> {
        let th = self.theme;
        let f = &self.tally.total;
        let mut line1 = self.progress_items(f);
        line1.extend([
            self.item(
                "  ",
                BarLabel::AdjustedTotal,
                self.figure(st.adjusted_total().wan_display()),
            ),
            self.item(
                "  ",
                BarLabel::Pending,
                Span::raw(f.counts.pending.to_string()),
            ),
            ("  ", vec![self.label(BarLabel::Wan)]),
        ]);
        let line2 = st
            .kinds
            .iter()
            .enumerate()
            .map(|(i, k)| {
                let style = if k.count > 0 {
                    th.state(State::Cut)
                } else {
                    th.dim()
                };
                let value = format!("{}/{}", k.count, k.amount.wan_display());
                (
                    if i > 0 { "  " } else { "" },
                    vec![
                        self.word(kind_name(st.stage, k.kind, self.lang)),
                        Span::styled(value, style),
                    ],
                )
            })
            .collect();
        vec![line1, line2]
    }
}
