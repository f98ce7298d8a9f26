//! The budget ceiling (控制数): how much the meeting may approve in total and
//! per budget, and how much must still be cut to fit.

use super::budget::BudgetType;
use super::money::Money;
use super::tally::{Figures, Tally};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ceiling {
    pub total: Option<Money>,
    pub by_budget: Vec<(BudgetType, Money)>,
}

/// One ceiling against the figures it limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fit {
    pub ceiling: Money,
    /// What the meeting will approve if every pending project is approved
    /// as requested: approved so far plus the pending requests.
    pub projected: Money,
    /// How much must still be cut to fit; zero when it fits.
    pub to_cut: Money,
}

impl Fit {
    pub fn of(ceiling: Money, f: &Figures) -> Fit {
        let projected = f.approved + (f.requested - f.decided_requested);
        Fit {
            ceiling,
            projected,
            to_cut: if projected > ceiling {
                projected - ceiling
            } else {
                Money::ZERO
            },
        }
    }

    pub fn is_over(&self) -> bool {
        !self.to_cut.is_zero()
    }
}

impl Ceiling {
    pub fn is_empty(&self) -> bool {
        self.total.is_none() && self.by_budget.is_empty()
    }

    /// The total's fit, if a total ceiling is set.
    pub fn total_fit(&self, t: &Tally) -> Option<Fit> {
        self.total.map(|c| Fit::of(c, &t.total))
    }

    /// Each budget ceiling's fit (a budget with no projects has none).
    pub fn budget_fits(&self, t: &Tally) -> Vec<(BudgetType, Fit)> {
        self.by_budget
            .iter()
            .map(|&(b, c)| {
                let f = t
                    .by_budget_type
                    .iter()
                    .find(|(x, _)| *x == b)
                    .map(|(_, f)| *f)
                    .unwrap_or_default();
                (b, Fit::of(c, &f))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::State;
    use crate::domain::tally::TallyRow;

    fn wan(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn pending_requests_count_until_decided() {
        let rows = [
            TallyRow {
                projects: 1,
                department: "教育局",
                budget_type: BudgetType::General,
                requested: wan("100"),
                state: State::Cut,
                approved: wan("80"),
                adjust: None,
            },
            TallyRow {
                projects: 1,
                department: "教育局",
                budget_type: BudgetType::Fund,
                requested: wan("50"),
                state: State::Pending,
                approved: Money::ZERO,
                adjust: None,
            },
        ];
        let t = Tally::from_rows(rows);
        let c = Ceiling {
            total: Some(wan("120")),
            by_budget: vec![
                (BudgetType::General, wan("90")),
                (BudgetType::Fund, wan("40")),
            ],
        };
        let fit = c.total_fit(&t).unwrap();
        assert_eq!((fit.projected, fit.to_cut), (wan("130"), wan("10")));
        assert!(fit.is_over());
        let b = c.budget_fits(&t);
        assert_eq!(b[0].1.to_cut, Money::ZERO, "80 fits under 90");
        assert_eq!(b[1].1.to_cut, wan("10"), "50 pending over 40");
        assert!(!Fit::of(wan("200"), &t.total).is_over());
    }
}
