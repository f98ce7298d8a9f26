//! A meeting's rounding rule for the amounts it derives: a percentage cut
//! (`-15%` of 71.31 is 10.6965 万元) is rounded half-up to the meeting's
//! unit, chosen when the meeting is created — 0.01 万元 (100 元) unless
//! said otherwise, or 1 元, or 1 万元. Amounts typed or imported keep their
//! exact value: only what the program computes is rounded.

use rust_decimal::Decimal;

use super::money::{Money, normalize_number_text};

/// The unit derived amounts are rounded to, in fen.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rounding(i64);

/// Why a rounding unit is not one a meeting can have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoundingError {
    /// Not one of the units: the text as written.
    Unknown(String),
    /// `1` alone: 1 元 or 1 万元?
    Ambiguous(String),
}

impl Rounding {
    /// 0.01 万元 = 100 元: the report's precision, and the default.
    pub const CENT_WAN: Rounding = Rounding(10_000);
    /// 1 元.
    pub const YUAN: Rounding = Rounding(100);
    /// 1 万元.
    pub const WAN: Rounding = Rounding(1_000_000);

    pub const ALL: [Rounding; 3] = [Rounding::CENT_WAN, Rounding::YUAN, Rounding::WAN];

    pub fn fen(self) -> i64 {
        self.0
    }

    /// A unit as stored; `None` for a value no meeting is created with.
    pub fn from_fen(fen: i64) -> Option<Rounding> {
        Rounding::ALL.into_iter().find(|r| r.0 == fen)
    }

    /// Reads `--round`: `0.01` (万元, the default), `0.01万元`, `100元`,
    /// `1元`, `元`, `yuan`, `1万元`, `万元`, `wan`; full-width digits and
    /// spaces allowed. A bare `1` is refused: 1 元 or 1 万元?
    pub fn parse(text: &str) -> Result<Rounding, RoundingError> {
        let t: String = normalize_number_text(text)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let (number, unit) = match ["万元", "万", "wan", "元", "yuan"]
            .into_iter()
            .find_map(|u| t.strip_suffix(u).map(|n| (n, u)))
        {
            Some((n, u)) => (n, Some(u)),
            None => (t.as_str(), None),
        };
        let per_unit: i64 = match unit {
            Some("万元" | "万" | "wan") => 1_000_000,
            Some(_) => 100,
            // A bare number is in 万元, as every amount on screen.
            None => 1_000_000,
        };
        let n: Decimal = if number.is_empty() && unit.is_some() {
            Decimal::ONE
        } else {
            number
                .parse()
                .map_err(|_| RoundingError::Unknown(text.trim().to_string()))?
        };
        if unit.is_none() && n == Decimal::ONE {
            return Err(RoundingError::Ambiguous(text.trim().to_string()));
        }
        let fen = n * Decimal::from(per_unit);
        i64::try_from(fen)
            .ok()
            .filter(|f| Decimal::from(*f) == fen)
            .and_then(Rounding::from_fen)
            .ok_or_else(|| RoundingError::Unknown(text.trim().to_string()))
    }

    /// The unit as written: `0.01 万元`, `1 元`, `1 万元`.
    pub fn label(self) -> String {
        if self.0 % 1_000_000 == 0 {
            format!("{} 万元", self.0 / 1_000_000)
        } else if self.0 < 10_000 && self.0 % 100 == 0 {
            format!("{} 元", self.0 / 100)
        } else {
            format!("{} 万元", Money::from_fen(self.0).to_wan())
        }
    }

    /// `percent` % of `amount`, rounded half-up to this unit.
    pub fn share(self, amount: Money, percent: Decimal) -> Money {
        let exact = Decimal::from(amount.fen())
            .checked_mul(percent)
            .and_then(|v| v.checked_div(Decimal::from(100)));
        self.round_fen(exact)
    }

    /// An exact number of fen rounded half-up to this unit; too large to
    /// compute, it saturates (and then fails any check against a request).
    fn round_fen(self, exact: Option<Decimal>) -> Money {
        let unit = Decimal::from(self.0);
        let rounded = exact
            .and_then(|v| v.checked_div(unit))
            .map(|v| {
                v.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            })
            .and_then(|v| v.checked_mul(unit));
        Money::from_fen(
            rounded
                .and_then(|v| i64::try_from(v).ok())
                .unwrap_or(i64::MAX),
        )
    }
}

impl Default for Rounding {
    fn default() -> Rounding {
        Rounding::CENT_WAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wan(s: &str) -> Money {
        s.parse().unwrap()
    }

    #[test]
    fn a_share_is_rounded_half_up_to_the_unit() {
        let p = |s: &str| s.parse::<Decimal>().unwrap();
        // The cases: 15% of 71.31 = 10.6965; 33.3% of 50.54 = 16.82982.
        assert_eq!(
            Rounding::CENT_WAN.share(wan("71.31"), p("15")),
            wan("10.70")
        );
        assert_eq!(
            Rounding::CENT_WAN.share(wan("50.54"), p("33.3")),
            wan("16.83")
        );
        assert_eq!(Rounding::YUAN.share(wan("71.31"), p("15")), wan("10.6965"));
        assert_eq!(
            Rounding::YUAN.share(wan("50.54"), p("33.3")),
            wan("16.8298")
        );
        assert_eq!(Rounding::WAN.share(wan("71.31"), p("15")), wan("11"));
        // Half-up: 15% of 0.30 = 0.045 → 0.05; of 0.10 = 0.015 → 0.02.
        assert_eq!(Rounding::CENT_WAN.share(wan("0.30"), p("15")), wan("0.05"));
        assert_eq!(Rounding::CENT_WAN.share(wan("0.10"), p("15")), wan("0.02"));
        assert_eq!(Rounding::WAN.share(wan("3"), p("50")), wan("2"));
        let huge: Decimal = "99999999999999999999999999".parse().unwrap();
        assert_eq!(Rounding::CENT_WAN.share(wan("27"), huge).fen(), i64::MAX);
    }

    #[test]
    fn units_are_read_in_a_few_clear_spellings() {
        for (text, want) in [
            ("0.01", Rounding::CENT_WAN),
            ("0.01万元", Rounding::CENT_WAN),
            ("0.01 万", Rounding::CENT_WAN),
            ("100元", Rounding::CENT_WAN),
            ("１元", Rounding::YUAN),
            ("1 yuan", Rounding::YUAN),
            ("元", Rounding::YUAN),
            ("0.0001", Rounding::YUAN),
            ("1万元", Rounding::WAN),
            ("万元", Rounding::WAN),
            ("wan", Rounding::WAN),
        ] {
            assert_eq!(Rounding::parse(text), Ok(want), "{text}");
        }
        assert_eq!(
            Rounding::parse("1"),
            Err(RoundingError::Ambiguous("1".into()))
        );
        for bad in ["0.5", "10元", "0.001万元", "cent", "", "-1元", "1e2"] {
            assert_eq!(
                Rounding::parse(bad),
                Err(RoundingError::Unknown(bad.into())),
                "{bad}"
            );
        }
        assert_eq!(Rounding::from_fen(10_000), Some(Rounding::CENT_WAN));
        let labels = Rounding::ALL.map(Rounding::label);
        assert_eq!(labels, ["0.01 万元", "1 元", "1 万元"]);
        assert_eq!(Rounding::from_fen(7), None);
    }
}
