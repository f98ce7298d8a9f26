//! The tally bar: how far the meeting is and what it has decided, in
//! figures, wrapped at a figure to the screen's width. Its line count is
//! part of the layout, so it is built here, below the app and the views.

use ratatui::text::{Line, Span};

use crate::domain::tally::Figures;
use crate::domain::{Ceiling, StageTally, State, Tally};
use crate::i18n::Lang;
use crate::theme::Theme;

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
    fn label(&self, zh: &str, en: &str) -> Span<'static> {
        Span::styled(format!("{} ", self.lang.t(zh, en)), self.theme.dim())
    }

    /// A labelled value after `sep`.
    fn item(&self, sep: &'static str, (zh, en): (&str, &str), value: Span<'static>) -> BarItem {
        (sep, vec![self.label(zh, en), value])
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
                ("已审", "decided"),
                self.figure(format!("{}/{}", f.decided, f.projects)),
            ),
            self.item(
                "  ",
                ("申报", "requested"),
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
                ("已审申报", "requested (decided)"),
                self.figure(f.decided_requested.wan_display()),
            ),
            self.item(
                "  ",
                ("审定", "approved"),
                self.figure(f.approved.wan_display()),
            ),
            self.item("  ", ("审减", "cut"), self.figure(f.cut.wan_display())),
            self.item("  ", ("审减率", "rate"), self.figure(rate_text(f))),
        ]
    }

    /// The same figures for the projects a filter or search shows, after
    /// a label.
    fn shown_items(&self, f: &Figures) -> Vec<BarItem> {
        let label = if self.shown_is_mine {
            self.label("我的股室", "my sections:")
        } else {
            self.label("筛选中", "shown:")
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
                    ("我的股室", "mine"),
                    self.figure(format!("{}/{}", m.decided, m.projects)),
                ),
            );
        }
        line1.extend(self.decided_items(f));
        let mut line2 = vec![
            self.item(
                "",
                ("取消", "cancelled"),
                count(c.cancelled, State::Cancelled),
            ),
            self.item("  ", ("审减", "cut"), count(c.cut, State::Cut)),
            self.item(
                "  ",
                ("通过", "approved"),
                count(c.approved, State::Approved),
            ),
            self.item("  ", ("待审", "pending"), Span::raw(c.pending.to_string())),
            // Not a fourth kind of decision: targets are adjusted on approved
            // and cut projects alike, so it stands apart from the counts that
            // add up to the decided.
            self.item(
                " · ",
                ("调整目标", "targets adjusted"),
                Span::raw(c.adjusted.to_string()),
            ),
        ];
        // Once revisions come in: where the adjusted projects stand.
        if c.revised + c.confirmed > 0 {
            line2.extend([
                self.item(
                    "  ",
                    ("待修改", "awaited"),
                    Span::raw(c.waiting.to_string()),
                ),
                self.item(
                    "  ",
                    ("已修改", "revised"),
                    Span::styled(c.revised.to_string(), th.state(State::Cut)),
                ),
                self.item(
                    "  ",
                    ("已确认", "confirmed"),
                    Span::raw(c.confirmed.to_string()),
                ),
            ]);
        }
        line2.extend([("  ", vec![self.label("（万元）", "(万元)")])]);
        if let Some(fit) = self.ceiling.total_fit(self.tally) {
            let mut item = vec![
                self.label("控制数", "ceiling"),
                Span::raw(fit.ceiling.wan_display()),
                Span::raw(" "),
            ];
            if fit.is_over() {
                item.push(Span::styled(
                    format!(
                        "{} {}",
                        l.t("尚需审减", "still to cut"),
                        fit.to_cut.wan_display()
                    ),
                    th.error(),
                ));
            } else {
                item.push(Span::styled(l.t("在控制数内", "within"), th.info()));
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
                ("调整合计", "adjusted"),
                self.figure(st.adjusted_total().wan_display()),
            ),
            self.item(
                "  ",
                ("待审", "pending"),
                Span::raw(f.counts.pending.to_string()),
            ),
            ("  ", vec![self.label("（万元）", "(万元)")]),
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
                self.item(
                    if i > 0 { "  " } else { "" },
                    (st.stage.kind_zh(k.kind), k.kind.en()),
                    Span::styled(value, style),
                )
            })
            .collect();
        vec![line1, line2]
    }
}
