//! The budget ceiling (控制数): how much the meeting may approve in total and
//! per budget, and how much must still be cut to fit.

use super::budget::BudgetType;
use super::money::Money;
use super::tally::{Figures, Tally};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ceiling {
    pub total: Option<Money>,
    pub by_budget: Vec<(BudgetType, Money)>,
    /// Each department's ceiling, by its name, in the order departments
    /// were submitted.
    pub by_department: Vec<(String, Money)>,
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
        self.total.is_none() && self.by_budget.is_empty() && self.by_department.is_empty()
    }

    /// The ceiling of a department, if one is set.
    pub fn department(&self, name: &str) -> Option<Money> {
        self.by_department
            .iter()
            .find(|(d, _)| d == name)
            .map(|(_, m)| *m)
    }

    /// A department's fit against its figures, if it has a ceiling.
    pub fn department_fit(&self, name: &str, f: &Figures) -> Option<Fit> {
        self.department(name).map(|c| Fit::of(c, f))
    }

    /// The departments over their ceilings, by name, sorted: the list's
    /// filter keeps their projects.
    pub fn departments_over(&self, t: &Tally) -> Vec<String> {
        let mut out: Vec<String> = t
            .by_department
            .iter()
            .filter(|(d, f)| self.department_fit(d, f).is_some_and(|fit| fit.is_over()))
            .map(|(d, _)| d.clone())
            .collect();
        out.sort();
        out
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
            by_department: Vec::new(),
        };
        let fit = c.total_fit(&t).unwrap();
        let d = Ceiling {
            by_department: vec![("教育局".into(), wan("120"))],
            ..Ceiling::default()
        };
        let (_, f) = &t.by_department[0];
        let dfit = d.department_fit("教育局", f).unwrap();
        assert_eq!(
            dfit.to_cut,
            wan("10"),
            "80 approved and 50 pending over 120"
        );
        assert_eq!(d.departments_over(&t), vec!["教育局".to_string()]);
        assert_eq!(d.department_fit("卫生健康局", f), None);
        assert_eq!((fit.projected, fit.to_cut), (wan("130"), wan("10")));
        assert!(fit.is_over());
        let b = c.budget_fits(&t);
        assert_eq!(b[0].1.to_cut, Money::ZERO, "80 fits under 90");
        assert_eq!(b[1].1.to_cut, wan("10"), "50 pending over 40");
        assert!(!Fit::of(wan("200"), &t.total).is_over());
    }
}
