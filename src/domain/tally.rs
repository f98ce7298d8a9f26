//! The running totals the panel watches: requested, approved, cut and the cut
//! rate, overall, by department and by budget type. Pure arithmetic over the
//! rows the store hands over.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Serialize;

use super::budget::BudgetType;
use super::decision::{Revision, State};
use super::lastyear::Novelty;
use super::money::Money;

/// One project as the tally sees it, or a group of projects alike in
/// department, budget, state and adjustment (a row of the summary table),
/// with their amounts summed.
#[derive(Clone, Copy, Debug)]
pub struct TallyRow<'a> {
    /// How many projects the row stands for: 1 for a single project.
    pub projects: u64,
    pub department: &'a str,
    pub budget_type: BudgetType,
    pub requested: Money,
    pub state: State,
    pub approved: Money,
    /// Targets sent back, and where their revision stands; `None`: not
    /// adjusted.
    pub adjust: Option<Revision>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub pending: u64,
    pub approved: u64,
    pub cut: u64,
    pub cancelled: u64,
    pub adjusted: u64,
    /// Of the adjusted: sent back and waiting for the department's
    /// revision (退回修改), revised (已修改), confirmed (已确认).
    pub waiting: u64,
    pub revised: u64,
    pub confirmed: u64,
}

/// The figures of one group of projects.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub projects: u64,
    pub requested: Money,
    pub decided: u64,
    /// What the decided projects asked for: the base of the cut rate.
    pub decided_requested: Money,
    pub approved: Money,
    pub cut: Money,
    pub counts: Counts,
}

impl Figures {
    pub fn add(&mut self, row: &TallyRow<'_>) {
        let n = row.projects;
        self.projects += n;
        self.requested += row.requested;
        if let Some(r) = row.adjust {
            self.counts.adjusted += n;
            match r {
                Revision::Waiting => self.counts.waiting += n,
                Revision::Revised => self.counts.revised += n,
                Revision::Confirmed => self.counts.confirmed += n,
            }
        }
        match row.state {
            State::Pending => {
                self.counts.pending += n;
                return;
            }
            State::Approved => self.counts.approved += n,
            State::Cut => self.counts.cut += n,
            State::Cancelled => self.counts.cancelled += n,
        }
        self.decided += n;
        self.decided_requested += row.requested;
        self.approved += row.approved;
        self.cut += row.requested - row.approved;
    }

    /// Cut ÷ requested of the decided projects, in percent, two decimals,
    /// half-up; `None` before anything is decided. Integer arithmetic, so the
    /// rounding is exact.
    pub fn cut_rate(&self) -> Option<Decimal> {
        percent_half_up(self.cut, self.decided_requested)
    }

    /// Projects that go on with targets (not cancelled), as the report counts them.
    pub fn remaining(&self) -> u64 {
        self.projects - self.counts.cancelled
    }
}

/// `part ÷ whole` as a percentage with two decimals, rounded half-up.
pub fn percent_half_up(part: Money, whole: Money) -> Option<Decimal> {
    if whole.fen() <= 0 {
        return None;
    }
    let (p, w) = (i128::from(part.fen()), i128::from(whole.fen()));
    // basis points, rounded half away from zero
    let num = p * 10_000 * 2;
    let bp = if num >= 0 {
        (num + w) / (2 * w)
    } else {
        (num - w) / (2 * w)
    };
    Some(Decimal::from_i128_with_scale(bp, 2))
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: Figures,
    /// In the order departments were first seen (submission order).
    pub by_department: Vec<(String, Figures)>,
    /// In the fixed order of the four budgets; only budgets with projects.
    pub by_budget_type: Vec<(BudgetType, Figures)>,
}

impl Tally {
    pub fn from_rows<'a>(rows: impl IntoIterator<Item = TallyRow<'a>>) -> Tally {
        let mut total = Figures::default();
        let mut by_department: Vec<(String, Figures)> = Vec::new();
        let mut dept_index: HashMap<&'a str, usize> = HashMap::new();
        let mut by_budget = [Figures::default(); 4];
        for row in rows {
            total.add(&row);
            let i = *dept_index.entry(row.department).or_insert_with(|| {
                by_department.push((row.department.to_string(), Figures::default()));
                by_department.len() - 1
            });
            by_department[i].1.add(&row);
            by_budget[row.budget_type as usize].add(&row);
        }
        let by_budget_type = BudgetType::ALL
            .into_iter()
            .zip(by_budget)
            .filter(|(_, f)| f.projects > 0)
            .collect();
        Tally {
            total,
            by_department,
            by_budget_type,
        }
    }
}

/// The figures by what the summary tables do not hold: each business
/// section's, new and continuing projects', and each reason's for a cut or
/// a cancellation. A project with two reasons counts under both, so the
/// reasons' cuts add up to more than the meeting's cut.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Breakdown {
    /// In the order of the sections' names; projects without a section
    /// last (`None`).
    pub by_section: Vec<(Option<String>, Figures)>,
    /// New, continuing, and not stated (`None`), those that have projects.
    pub by_novelty: Vec<(Option<Novelty>, Figures)>,
    /// Every reason of the meeting's list, in its order, with the decided
    /// projects that carry it.
    pub by_reason: Vec<(String, Figures)>,
}

/// Rows grouped by a key, each group's figures summed, in the order the
/// keys are first seen.
pub fn group_figures<'a, K: Eq + std::hash::Hash + Clone>(
    rows: impl IntoIterator<Item = (K, TallyRow<'a>)>,
) -> Vec<(K, Figures)> {
    let mut out: Vec<(K, Figures)> = Vec::new();
    let mut at: HashMap<K, usize> = HashMap::new();
    for (k, row) in rows {
        let i = *at.entry(k.clone()).or_insert_with(|| {
            out.push((k, Figures::default()));
            out.len() - 1
        });
        out[i].1.add(&row);
    }
    out
}

/// The tally as `huishen tally --json` writes it: amounts as exact decimal
/// strings in 万元.
#[derive(Serialize)]
pub struct FiguresJson {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_type: Option<&'static str>,
    pub projects: u64,
    pub requested: String,
    pub decided: u64,
    /// A target review's figures; left out at a later stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decided_requested: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approved: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cut: Option<String>,
    /// `null` before anything is decided; left out at a later stage.
    #[serde(skip_serializing_if = "Skip::is_skipped")]
    pub cut_rate: Skip<Option<String>>,
    pub remaining: u64,
    pub counts: Counts,
    /// A department's ceiling (控制数), when one is set for it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<String>,
    /// How much must still be cut to bring the department under it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub still_to_cut: Option<String>,
    /// A later stage's kinds in this group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kinds: Option<serde_json::Value>,
}

/// A field written as it is, or left out (`Skipped`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip<T> {
    Value(T),
    Skipped,
}

impl<T> Skip<T> {
    pub fn is_skipped(&self) -> bool {
        matches!(self, Skip::Skipped)
    }
}

impl<T: Serialize> Serialize for Skip<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Skip::Value(v) => v.serialize(s),
            Skip::Skipped => s.serialize_none(),
        }
    }
}

impl FiguresJson {
    pub fn new(f: &Figures) -> FiguresJson {
        FiguresJson {
            department: None,
            budget_type: None,
            projects: f.projects,
            requested: f.requested.wan_string(),
            decided: f.decided,
            decided_requested: Some(f.decided_requested.wan_string()),
            approved: Some(f.approved.wan_string()),
            cut: Some(f.cut.wan_string()),
            cut_rate: Skip::Value(f.cut_rate().map(|r| r.to_string())),
            remaining: f.remaining(),
            counts: f.counts,
            kinds: None,
            ceiling: None,
            still_to_cut: None,
        }
    }

    /// The same at a later stage: without a target review's approved, cut
    /// and cut rate.
    pub fn later_stage(&mut self) {
        self.decided_requested = None;
        self.approved = None;
        self.cut = None;
        self.cut_rate = Skip::Skipped;
    }
}

#[derive(Serialize)]
pub struct TallyJson {
    #[serde(flatten)]
    pub total: FiguresJson,
    pub by_department: Vec<FiguresJson>,
    pub by_budget_type: Vec<FiguresJson>,
    /// The ceiling's fits, when a ceiling is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<serde_json::Value>,
    /// The meeting's stage, and for the later stages each kind's figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kinds: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adjusted_total: Option<String>,
    /// A later stage's measures: how many decisions improve management,
    /// how many working rules.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measures: Option<super::stage::MeasureCounts>,
    /// Each reason's decided projects (a project with two reasons counts
    /// under both), each business section's, new and continuing.
    pub by_reason: Vec<serde_json::Value>,
    pub by_novelty: Vec<serde_json::Value>,
    pub by_section: Vec<serde_json::Value>,
}

/// A group's figures with its key first: `{"reason": "…", "projects": …}`.
pub fn keyed_json(key: &str, value: serde_json::Value, f: &Figures) -> serde_json::Value {
    let mut map = serde_json::Map::new();
    map.insert(key.to_string(), value);
    if let serde_json::Value::Object(rest) =
        serde_json::to_value(FiguresJson::new(f)).expect("figures serialize")
    {
        map.extend(rest);
    }
    serde_json::Value::Object(map)
}

impl TallyJson {
    /// Adds the breakdown's groups.
    pub fn with_breakdown(mut self, b: &Breakdown) -> TallyJson {
        self.by_reason = b
            .by_reason
            .iter()
            .map(|(r, f)| keyed_json("reason", r.as_str().into(), f))
            .collect();
        self.by_novelty = b
            .by_novelty
            .iter()
            .map(|(n, f)| keyed_json("novelty", n.map(|n| n.code()).into(), f))
            .collect();
        self.by_section = b
            .by_section
            .iter()
            .map(|(s, f)| keyed_json("section", s.as_deref().into(), f))
            .collect();
        self
    }
}

impl From<&Tally> for TallyJson {
    fn from(t: &Tally) -> TallyJson {
        TallyJson {
            total: FiguresJson::new(&t.total),
            by_department: t
                .by_department
                .iter()
                .map(|(d, f)| FiguresJson {
                    department: Some(d.clone()),
                    ..FiguresJson::new(f)
                })
                .collect(),
            by_budget_type: t
                .by_budget_type
                .iter()
                .map(|(b, f)| FiguresJson {
                    budget_type: Some(b.code()),
                    ..FiguresJson::new(f)
                })
                .collect(),
            ceiling: None,
            stage: None,
            kinds: None,
            adjusted_total: None,
            measures: None,
            by_reason: Vec::new(),
            by_novelty: Vec::new(),
            by_section: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(s: &str) -> Money {
        s.parse().unwrap()
    }

    fn row(
        dept: &'static str,
        b: BudgetType,
        req: &str,
        state: State,
        appr: &str,
    ) -> TallyRow<'static> {
        TallyRow {
            projects: 1,
            department: dept,
            budget_type: b,
            requested: wan(req),
            state,
            approved: wan(appr),
            adjust: None,
        }
    }

    #[test]
    fn the_report_cut_rate_rounds_half_up() {
        assert_eq!(
            percent_half_up(wan("3431"), wan("7038.7"))
                .unwrap()
                .to_string(),
            "48.74"
        );
        assert_eq!(
            percent_half_up(wan("117186"), wan("347740"))
                .unwrap()
                .to_string(),
            "33.70"
        );
        // exactly half a basis point rounds up
        assert_eq!(
            percent_half_up(Money::from_fen(1), Money::from_fen(8))
                .unwrap()
                .to_string(),
            "12.50"
        );
        assert_eq!(
            percent_half_up(Money::from_fen(1), Money::from_fen(20_001))
                .unwrap()
                .to_string(),
            "0.00"
        );
        assert_eq!(
            percent_half_up(Money::from_fen(1), Money::from_fen(20_000))
                .unwrap()
                .to_string(),
            "0.01"
        );
        assert_eq!(percent_half_up(Money::ZERO, Money::ZERO), None);
    }

    #[test]
    fn tallies_by_department_and_budget() {
        use BudgetType::*;
        let rows = [
            row("教育局", General, "100", State::Cut, "80"),
            row("教育局", Fund, "50", State::Cancelled, "0"),
            row("卫生健康局", General, "30", State::Approved, "30"),
            row("卫生健康局", General, "20", State::Pending, "0"),
        ];
        let t = Tally::from_rows(rows);
        assert_eq!(t.total.projects, 4);
        assert_eq!(t.total.requested, wan("200"));
        assert_eq!(t.total.decided, 3);
        assert_eq!(t.total.decided_requested, wan("180"));
        assert_eq!(t.total.approved, wan("110"));
        assert_eq!(t.total.cut, wan("70"));
        assert_eq!(t.total.cut_rate().unwrap().to_string(), "38.89");
        assert_eq!(
            t.total.counts,
            Counts {
                pending: 1,
                approved: 1,
                cut: 1,
                cancelled: 1,
                ..Counts::default()
            }
        );
        assert_eq!(t.by_department[0].0, "教育局");
        assert_eq!(t.by_department[0].1.cut, wan("70"));
        assert_eq!(t.by_department[1].1.cut_rate().unwrap().to_string(), "0.00");
        assert_eq!(t.by_budget_type.len(), 2);
        assert_eq!(t.by_budget_type[1].0, Fund);
        assert_eq!(t.by_budget_type[1].1.cut, wan("50"));
    }

    #[test]
    fn nothing_decided_has_no_cut_rate() {
        let t = Tally::from_rows([row("a", BudgetType::General, "1", State::Pending, "0")]);
        assert_eq!(t.total.cut_rate(), None);
        let j = serde_json::to_value(TallyJson::from(&t)).unwrap();
        assert_eq!(j["cut_rate"], serde_json::Value::Null);
        assert_eq!(j["requested"], "1.00");
    }
}
