//! What reviewers weigh beside the request: last year's budget, what was
//! spent of it and the execution rate (上年预算, 上年执行数, 上年执行率), and
//! whether a project is new or continues (新增 / 延续). Rates are exact
//! integers in hundredths of a percent, never floats.

use rust_decimal::Decimal;

use super::money::{Money, normalize_number_text};

/// A percentage in hundredths of a percent: 85% is 8500, −12.5% is −1250.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Percent(i64);

impl Percent {
    pub const fn from_hundredths(n: i64) -> Percent {
        Percent(n)
    }

    pub const fn hundredths(self) -> i64 {
        self.0
    }

    pub fn to_decimal(self) -> Decimal {
        Decimal::new(self.0, 2)
    }

    /// `85.00%`, `-12.50%`.
    pub fn text(self) -> String {
        format!("{}%", self.to_decimal())
    }

    /// `part ÷ whole` in percent, two decimals, half-up; `None` without a
    /// base.
    pub fn of(part: Money, whole: Money) -> Option<Percent> {
        use rust_decimal::prelude::ToPrimitive;
        let d = super::tally::percent_half_up(part, whole)?;
        (d * Decimal::from(100)).to_i64().map(Percent)
    }
}

/// What a rate column's header says its bare numbers are.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RateUnit {
    /// No unit: a number without `%` cannot be told apart (`0.85` is 85 %
    /// or 0.85 %?) and is refused.
    #[default]
    Unstated,
    /// `上年执行率（%）`: `85` is 85 %.
    Percent,
    /// `上年执行率（小数）`: `0.85` is 85 %.
    Fraction,
}

impl RateUnit {
    /// A unit as a rate column's header writes it in brackets.
    pub fn from_label(label: &str) -> Option<RateUnit> {
        let l: String = label
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        match l.as_str() {
            "%" | "％" | "百分比" | "百分数" | "percent" | "pct" => Some(RateUnit::Percent),
            "小数" | "fraction" | "decimal" => Some(RateUnit::Fraction),
            _ => None,
        }
    }
}

/// Why a cell is not a rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateError {
    Empty,
    Negative,
    NotANumber,
    /// A number without `%` under a header that gives no unit.
    Ambiguous,
    /// Finer than a hundredth of a percent.
    TooPrecise,
    /// Over 10,000 %: not an execution rate.
    TooLarge,
}

/// The most a rate may say: 10,000 %.
const MAX_RATE: i64 = 1_000_000;

/// Reads a rate: `85%` (or `85.5％`) is a percentage wherever it stands; a
/// bare number is read by the header's unit (`85` under `（%）`, `0.85`
/// under `（小数）`) and refused under a header without one.
pub fn parse_rate(text: &str, unit: RateUnit) -> Result<Percent, RateError> {
    let s = normalize_number_text(text);
    if s.is_empty() {
        return Err(RateError::Empty);
    }
    let (number, percent) = match s.strip_suffix('%') {
        Some(n) => (n.trim_end(), true),
        None => (s.as_str(), false),
    };
    if number.starts_with('-') {
        return Err(RateError::Negative);
    }
    let number = number.strip_prefix('+').unwrap_or(number);
    let plain = !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && number.chars().filter(|&c| c == '.').count() <= 1
        && number != ".";
    if !plain {
        return Err(RateError::NotANumber);
    }
    let d = Decimal::from_str_exact(number).map_err(|_| RateError::TooLarge)?;
    let scale = match (percent, unit) {
        (true, _) | (false, RateUnit::Percent) => Decimal::from(100),
        (false, RateUnit::Fraction) => Decimal::from(10_000),
        (false, RateUnit::Unstated) => return Err(RateError::Ambiguous),
    };
    let n = d.checked_mul(scale).ok_or(RateError::TooLarge)?;
    if !n.fract().is_zero() {
        return Err(RateError::TooPrecise);
    }
    let n = i64::try_from(n.trunc()).map_err(|_| RateError::TooLarge)?;
    if n > MAX_RATE {
        return Err(RateError::TooLarge);
    }
    Ok(Percent(n))
}

/// Last year's figures of a project, as far as the file gave them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LastYear {
    /// 上年预算: last year's budget for the project.
    pub budget: Option<Money>,
    /// 上年执行数: what was spent of it.
    pub spent: Option<Money>,
    /// 上年执行率 as the file gave it.
    pub rate: Option<Percent>,
}

/// What is odd about last year's figures, but not wrong enough to refuse:
/// said by the import, which goes on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LastYearOdd {
    /// A rate over 100 % as the file gave it.
    RateOver100(Percent),
    /// More spent than budgeted.
    SpentOverBudget { spent: Money, budget: Money },
    /// The rate given is not spent ÷ budget.
    RateDisagrees { given: Percent, computed: Percent },
}

impl LastYear {
    pub fn is_empty(&self) -> bool {
        self.budget.is_none() && self.spent.is_none() && self.rate.is_none()
    }

    /// The execution rate: as given, else spent ÷ budget.
    pub fn rate(&self) -> Option<Percent> {
        self.rate.or_else(|| Percent::of(self.spent?, self.budget?))
    }

    /// 增幅: how much more (or less) this year's request is than last
    /// year's budget, in percent; `None` without a budget above zero.
    pub fn growth(&self, requested: Money) -> Option<Percent> {
        let budget = self.budget?;
        let up = requested - budget;
        if up.fen() >= 0 {
            Percent::of(up, budget)
        } else {
            Percent::of(budget - requested, budget).map(|p| Percent(-p.0))
        }
    }

    /// What looks odd, in the order the columns stand.
    pub fn odd(&self) -> Vec<LastYearOdd> {
        let mut out = Vec::new();
        if let (Some(spent), Some(budget)) = (self.spent, self.budget)
            && spent > budget
        {
            out.push(LastYearOdd::SpentOverBudget { spent, budget });
        }
        // A rate worked out from spending over budget says nothing more.
        let over = self.rate.filter(|r| r.0 > 10_000);
        if let Some(r) = over {
            out.push(LastYearOdd::RateOver100(r));
        }
        if let (Some(given), Some(computed)) = (
            self.rate,
            self.spent
                .zip(self.budget)
                .and_then(|(s, b)| Percent::of(s, b)),
        ) && (given.0 - computed.0).abs() > 1
        {
            out.push(LastYearOdd::RateDisagrees { given, computed });
        }
        out
    }
}

/// New or continuing (新增 / 延续).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Novelty {
    New,
    Continuing,
}

impl Novelty {
    pub const ALL: [Novelty; 2] = [Novelty::New, Novelty::Continuing];

    pub fn code(self) -> &'static str {
        match self {
            Novelty::New => "new",
            Novelty::Continuing => "continuing",
        }
    }

    pub fn from_code(s: &str) -> Option<Novelty> {
        Novelty::ALL.into_iter().find(|n| n.code() == s)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Novelty::New => "新增",
            Novelty::Continuing => "延续",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Novelty::New => "new",
            Novelty::Continuing => "continuing",
        }
    }

    /// As a file writes it: 新增, 新增项目, 新, new; 延续, 延续项目,
    /// 延续性项目, 续, continuing, ongoing.
    pub fn parse(text: &str) -> Option<Novelty> {
        // Every name below is already in the form the text is reduced to,
        // so a cell holding one exactly needs no reducing (and no copy).
        Self::by_name(text).or_else(|| {
            let t: String = text
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_lowercase();
            Self::by_name(&t)
        })
    }

    /// A name as [`Novelty::parse`] reduces it: lowercase, no blanks.
    fn by_name(t: &str) -> Option<Novelty> {
        match t {
            "新增" | "新增项目" | "新" | "新项目" | "new" => Some(Novelty::New),
            "延续" | "延续项目" | "延续性项目" | "延续性" | "续" | "continuing" | "ongoing"
            | "continued" => Some(Novelty::Continuing),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn a_rate_is_read_by_its_sign_or_its_header() {
        use RateUnit::*;
        let p = |t, u| parse_rate(t, u).map(super::Percent::hundredths);
        assert_eq!(p("85%", Unstated), Ok(8500));
        assert_eq!(p("８５．５％", Unstated), Ok(8550));
        assert_eq!(p("85 %", Fraction), Ok(8500), "a sign says it all");
        assert_eq!(p("85", Percent), Ok(8500));
        assert_eq!(p("0.85", Fraction), Ok(8500));
        assert_eq!(p("1.0235", Fraction), Ok(10235));
        assert_eq!(p("0.85", Percent), Ok(85), "0.85 % under a % header");
        assert_eq!(p("0.85", Unstated), Err(RateError::Ambiguous));
        assert_eq!(p("85", Unstated), Err(RateError::Ambiguous));
        assert_eq!(p("85.555%", Unstated), Err(RateError::TooPrecise));
        assert_eq!(p("-5%", Unstated), Err(RateError::Negative));
        assert_eq!(p("八成", Percent), Err(RateError::NotANumber));
        assert_eq!(p("1e2%", Percent), Err(RateError::NotANumber));
        assert_eq!(p("", Percent), Err(RateError::Empty));
        assert_eq!(p("20000%", Percent), Err(RateError::TooLarge));
    }

    #[test]
    fn rate_and_growth_are_exact() {
        let y = LastYear {
            budget: Some(wan("80")),
            spent: Some(wan("52")),
            rate: None,
        };
        assert_eq!(y.rate(), Some(Percent(6500)));
        assert_eq!(y.growth(wan("100")), Some(Percent(2500)));
        assert_eq!(y.growth(wan("60")), Some(Percent(-2500)));
        assert_eq!(y.growth(wan("80")), Some(Percent(0)));
        assert_eq!(Percent(-2500).text(), "-25.00%");
        assert_eq!(Percent::of(wan("1"), wan("3")), Some(Percent(3333)));
        assert_eq!(LastYear::default().growth(wan("1")), None);
        assert!(y.odd().is_empty());
    }

    #[test]
    fn odd_figures_are_named() {
        let y = LastYear {
            budget: Some(wan("80")),
            spent: Some(wan("88")),
            rate: Some(Percent(9000)),
        };
        assert_eq!(
            y.odd(),
            vec![
                LastYearOdd::SpentOverBudget {
                    spent: wan("88"),
                    budget: wan("80")
                },
                LastYearOdd::RateDisagrees {
                    given: Percent(9000),
                    computed: Percent(11000)
                },
            ]
        );
        let over = LastYear {
            rate: Some(Percent(10100)),
            ..LastYear::default()
        };
        assert_eq!(over.odd(), vec![LastYearOdd::RateOver100(Percent(10100))]);
    }

    #[test]
    fn novelty_words() {
        assert_eq!(Novelty::parse("新增项目"), Some(Novelty::New));
        assert_eq!(Novelty::parse(" 延续 "), Some(Novelty::Continuing));
        assert_eq!(Novelty::parse("Ongoing"), Some(Novelty::Continuing));
        assert_eq!(Novelty::parse("是"), None);
    }
}
