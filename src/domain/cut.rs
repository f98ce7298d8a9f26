//! What a reviewer types for a cut — `80` (the approved amount), `-20` (the
//! cut), `-15%` (a share of the request) — and what it comes to for a
//! project: a share is rounded to the meeting's unit ([`Rounding`]), typed
//! amounts stay exact.

use rust_decimal::Decimal;

use super::decision::{Decision, DecisionError, check_cut};
use super::money::{AmountError, Money, Unit, normalize_number_text, parse_amount};
use super::rounding::Rounding;
use super::tally::{Figures, percent_half_up};

/// What a cut would do, shown before Enter commits it: the project's
/// approved amount and cut, the cut's share of the request, the meeting's
/// cut rate with it, and the unit a share was rounded to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preview {
    pub approved: Money,
    pub cut: Money,
    pub rate: Option<Decimal>,
    pub overall_rate: Option<Decimal>,
    /// The meeting's unit, when the amount was derived (a share).
    pub rounded: Option<Rounding>,
}

/// What a reviewer types for a cut.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CutInput {
    /// `80`: the approved amount.
    Approved(Money),
    /// `-20`: the amount to cut.
    By(Money),
    /// `-15%`: the share of the request to cut.
    Percent(Decimal),
}

/// Why a cut amount cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CutInputError {
    Amount(AmountError),
    Percent,
    PercentWithoutMinus,
    /// `+5`: a cut cannot raise the request; `80` approves 80, `-5` cuts 5.
    Plus,
    /// `800000元` where amounts are in 万元: the unit written, and the one
    /// expected (an amount is never converted behind the writer's back).
    OtherUnit {
        stated: Unit,
        unit: Unit,
    },
}

impl CutInput {
    /// Reads `80` (approved), `-20` (cut by) or `-15%` (cut by a share), in
    /// `unit` for amounts; `80万` or `80万元` where the unit is 万元 (as
    /// import reads `26万`), `¥80`. A leading `+` is refused: a cut raises
    /// nothing.
    pub fn parse(text: &str, unit: Unit) -> Result<CutInput, CutInputError> {
        let s = normalize_number_text(text);
        if s.starts_with('+') {
            return Err(CutInputError::Plus);
        }
        if let Some(p) = s.strip_suffix('%') {
            let p = p.trim();
            let Some(p) = p.strip_prefix('-') else {
                return Err(CutInputError::PercentWithoutMinus);
            };
            let p = p.trim();
            if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit() || c == '.') {
                return Err(CutInputError::Percent);
            }
            let d: Decimal = p.parse().map_err(|_| CutInputError::Percent)?;
            return Ok(CutInput::Percent(d));
        }
        let (minus, rest) = match s.strip_prefix('-') {
            Some(r) => (true, r.trim()),
            None => (false, s.as_str()),
        };
        let rest = strip_unit(rest, unit)?;
        let amount = parse_amount(rest, unit).map_err(CutInputError::Amount)?;
        Ok(if minus {
            CutInput::By(amount)
        } else {
            CutInput::Approved(amount)
        })
    }

    /// Whether the program computes the amount (a share), so the meeting's
    /// rounding applies.
    pub fn is_derived(&self) -> bool {
        matches!(self, CutInput::Percent(_))
    }

    /// The approved amount this input means for a request of `requested`,
    /// a share's cut rounded half-up to `rounding` (`-15%` of 71.31 cuts
    /// 10.70 at 0.01 万元, leaving 60.61). Not yet checked against the cut
    /// rule; see [`super::decision::check_cut`].
    pub fn approved(&self, requested: Money, rounding: Rounding) -> Money {
        match self {
            CutInput::Approved(m) => *m,
            CutInput::By(m) => requested.checked_sub(*m).unwrap_or(Money::from_fen(-1)),
            CutInput::Percent(p) => requested
                .checked_sub(rounding.share(requested, *p))
                .unwrap_or(Money::from_fen(-1)),
        }
    }

    /// [`CutInput::approved`] rounded to the fen, for a meeting without a
    /// rounding unit of its own.
    pub fn approved_for(&self, requested: Money) -> Money {
        match self {
            CutInput::Percent(p) => requested
                .checked_sub(requested.percent(*p))
                .unwrap_or(Money::from_fen(-1)),
            other => other.approved(requested, Rounding::default()),
        }
    }
}

/// What `input` would do to a project that requested `requested` and
/// stands at `current`, in a meeting whose figures are `total` (this
/// project's current decision among them): or why it is no cut.
pub fn preview(
    input: &CutInput,
    requested: Money,
    rounding: Rounding,
    total: &Figures,
    current: &Decision,
) -> Result<Preview, DecisionError> {
    let approved = input.approved(requested, rounding);
    check_cut(approved, requested)?;
    let cut = requested - approved;
    // The meeting's figures with this project's decision replaced.
    let decided_requested = if current.state.is_decided() {
        total.decided_requested
    } else {
        total.decided_requested + requested
    };
    let total_cut = total.cut - current.cut(requested) + cut;
    Ok(Preview {
        approved,
        cut,
        rate: percent_half_up(cut, requested),
        overall_rate: percent_half_up(total_cut, decided_requested),
        rounded: input.is_derived().then_some(rounding),
    })
}

/// `80万` → `80` where amounts are in 万元; a unit other than `unit` is
/// refused.
fn strip_unit(s: &str, unit: Unit) -> Result<&str, CutInputError> {
    let s = s.strip_prefix(['¥', '￥']).map_or(s, str::trim_start);
    for (suffix, stated) in [("万元", Unit::Wan), ("万", Unit::Wan), ("元", Unit::Yuan)] {
        if let Some(body) = s.strip_suffix(suffix) {
            if stated != unit {
                return Err(CutInputError::OtherUnit { stated, unit });
            }
            return Ok(body.trim_end());
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::decision::{DecisionError, check_cut};

    fn wan(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn cut_input_takes_three_forms() {
        let req = wan("100");
        let approved = |t: &str| CutInput::parse(t, Unit::Wan).unwrap().approved_for(req);
        assert_eq!(approved("80"), wan("80"));
        assert_eq!(approved("-20"), wan("80"));
        assert_eq!(approved("-15%"), wan("85"));
        assert_eq!(approved("－１５％"), wan("85"));
        assert_eq!(approved("-12.5%"), wan("87.5"));
        assert_eq!(approved(" - 20 "), wan("80"));
        assert_eq!(
            CutInput::parse("15%", Unit::Wan),
            Err(CutInputError::PercentWithoutMinus)
        );
        assert_eq!(
            CutInput::parse("-x%", Unit::Wan),
            Err(CutInputError::Percent)
        );
        assert!(CutInput::parse("abc", Unit::Wan).is_err());
        // Cutting more than requested is caught by the rule, not wrapped around.
        let over = CutInput::parse("-120", Unit::Wan)
            .unwrap()
            .approved_for(req);
        assert_eq!(check_cut(over, req), Err(DecisionError::CutBelowZero));
        let all = CutInput::parse("-100%", Unit::Wan)
            .unwrap()
            .approved_for(req);
        assert_eq!(check_cut(all, req), Err(DecisionError::CutToZero));
    }

    /// `+5` is refused (it read as "approve 5.00" before); `80万` reads as
    /// import reads `26万`; `800000元` among 万元 is refused, not converted.
    #[test]
    fn a_plus_is_refused_and_a_unit_is_read() {
        let parse = |t: &str| CutInput::parse(t, Unit::Wan);
        assert_eq!(parse("+5"), Err(CutInputError::Plus));
        assert_eq!(parse("＋5"), Err(CutInputError::Plus));
        assert_eq!(parse("+15%"), Err(CutInputError::Plus));
        assert_eq!(parse("80万"), Ok(CutInput::Approved(wan("80"))));
        assert_eq!(parse("80 万元"), Ok(CutInput::Approved(wan("80"))));
        assert_eq!(parse("-20万"), Ok(CutInput::By(wan("20"))));
        assert_eq!(parse("¥80"), Ok(CutInput::Approved(wan("80"))));
        assert_eq!(
            parse("800000元"),
            Err(CutInputError::OtherUnit {
                stated: Unit::Yuan,
                unit: Unit::Wan
            })
        );
        assert_eq!(
            CutInput::parse("1234元", Unit::Yuan),
            Ok(CutInput::Approved("0.1234".parse().unwrap()))
        );
    }

    /// A share is rounded to the meeting's unit, the rest exact: `-15%` of
    /// 71.31 cuts 10.70 (not 10.6965), leaving 60.61.
    #[test]
    fn a_share_is_rounded_to_the_meetings_unit() {
        let p = CutInput::parse("-15%", Unit::Wan).unwrap();
        assert!(p.is_derived());
        assert_eq!(p.approved(wan("71.31"), Rounding::CENT_WAN), wan("60.61"));
        assert_eq!(p.approved(wan("71.31"), Rounding::YUAN), wan("60.6135"));
        assert_eq!(p.approved(wan("71.31"), Rounding::WAN), wan("60.31"));
        let p = CutInput::parse("-33.3%", Unit::Wan).unwrap();
        assert_eq!(p.approved(wan("50.54"), Rounding::CENT_WAN), wan("33.71"));
        // Typed amounts keep their exact value.
        let by = CutInput::parse("-1.2345", Unit::Wan).unwrap();
        assert!(!by.is_derived());
        assert_eq!(by.approved(wan("10"), Rounding::WAN), wan("8.7655"));
        let to = CutInput::parse("8.7655", Unit::Wan).unwrap();
        assert_eq!(to.approved(wan("10"), Rounding::WAN), wan("8.7655"));
    }
}
