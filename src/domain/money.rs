//! Exact money. Amounts live as i64 fen (1/100 yuan) in the database and as
//! `Money` in Rust; `rust_decimal::Decimal` is used wherever a fraction is
//! shown or computed. Never a float.
//!
//! Longer than a room should be because of its tests (the lower half):
//! the parser's fast path is checked against the general one here.

use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

/// The largest amount one cell may hold (one project's request, a cut, a
/// ceiling): 10^13 yuan, 1,000,000,000 万元. Far above any budget.
const MAX_FEN: i64 = 1_000_000_000_000_000;

/// The most a meeting's projects may request in all (and so one file's):
/// 10^15 yuan, 100,000,000,000 万元 — a hundred projects at the limit of
/// one. Every sum the tally and the exports make (requested, approved and
/// cut, over any group) stays far inside an i64 of fen.
const MAX_MEETING_FEN: i64 = 100_000_000_000_000_000;

/// An exact amount of money, counted in fen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Money(i64);

/// The unit an amount is written in. Submissions and the report use 万元.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Wan,
    Yuan,
}

impl Unit {
    pub fn fen_per_unit(self) -> i64 {
        match self {
            Unit::Wan => 1_000_000,
            Unit::Yuan => 100,
        }
    }

    /// Reads a unit label as it appears in a column header: `万元`, `元`,
    /// `wan`, `yuan`, `10k yuan` …
    pub fn from_label(label: &str) -> Option<Unit> {
        let l: String = label
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        match l.as_str() {
            "万元" | "万" | "wan" | "wanyuan" | "10kyuan" | "10k" | "万元人民币" => {
                Some(Unit::Wan)
            }
            "元" | "yuan" | "cny" | "rmb" | "元人民币" => Some(Unit::Yuan),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Unit::Wan => "万元",
            Unit::Yuan => "元",
        }
    }
}

/// Why a piece of text is not an amount.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AmountError {
    Empty,
    Negative,
    Exponent,
    NotANumber,
    Separator,
    TooPrecise {
        unit: Unit,
    },
    /// More than `most` (the limit of one amount, or of a total).
    TooLarge {
        most: Money,
    },
}

/// Maps full-width digits and punctuation (as a Chinese input method types
/// them) to ASCII and drops surrounding blanks, including the ideographic space.
pub fn normalize_number_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '，' => ',',
            '－' | '−' | '—' => '-',
            '＋' => '+',
            '％' => '%',
            '\u{3000}' | '\u{a0}' => ' ',
            c => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Parses an unsigned decimal written with optional thousands separators into
/// a `Decimal`. The text must already be normalized.
fn parse_unsigned_decimal(s: &str) -> Result<Decimal, AmountError> {
    if s.is_empty() {
        return Err(AmountError::Empty);
    }
    // `-0` is zero, as a spreadsheet writes a rounded nothing.
    if let Some(rest) = s.strip_prefix('-') {
        let rest = rest.trim_start();
        return match parse_unsigned_decimal(rest) {
            Ok(d) if d.is_zero() && !rest.starts_with(['-', '+']) => Ok(Decimal::ZERO),
            _ => Err(AmountError::Negative),
        };
    }
    let s = s.strip_prefix('+').unwrap_or(s);
    if s.chars().any(|c| c == 'e' || c == 'E')
        && s.chars()
            .all(|c| c.is_ascii_digit() || "eE+-.,".contains(c))
    {
        return Err(AmountError::Exponent);
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(AmountError::NotANumber);
    }
    let (int_part, frac_part) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if let Some(f) = frac_part
        && (f.contains('.') || f.contains(','))
    {
        return Err(if f.contains(',') {
            AmountError::Separator
        } else {
            AmountError::NotANumber
        });
    }
    if int_part.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(AmountError::NotANumber);
    }
    let digits: String = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            return Err(AmountError::Separator);
        }
        groups.concat()
    } else {
        int_part.to_string()
    };
    let digits = digits.trim_start_matches('0');
    // Past any limit in any unit; the limit itself is checked in fen.
    if digits.len() > 16 {
        return Err(AmountError::TooLarge {
            most: Money::MAX_AMOUNT,
        });
    }
    let frac = frac_part.unwrap_or("");
    if frac.len() > 20 {
        return Err(AmountError::TooPrecise { unit: Unit::Yuan });
    }
    let text = format!(
        "{}.{}",
        if digits.is_empty() { "0" } else { digits },
        if frac.is_empty() { "0" } else { frac }
    );
    Decimal::from_str_exact(&text).map_err(|_| AmountError::TooLarge {
        most: Money::MAX_AMOUNT,
    })
}

/// Parses a non-negative amount as written in a cell or typed by a reviewer.
///
/// Accepts `1234.5`, `1,234.50`, full-width `１２３４．５` and surrounding
/// blanks; refuses negatives, letters, NaN/inf, exponents and anything more
/// precise than a fen.
pub fn parse_amount(text: &str, unit: Unit) -> Result<Money, AmountError> {
    parse_amount_at_most(text, unit, Money::MAX_AMOUNT)
}

/// The same with another limit than one amount's: a 合计 line says what
/// many projects request, up to [`Money::MAX_MEETING`].
pub fn parse_amount_at_most(text: &str, unit: Unit, most: Money) -> Result<Money, AmountError> {
    match parse_plain(text.as_bytes(), unit, most) {
        Some(m) => Ok(m),
        None => parse_amount_decimal(text, unit, most),
    }
}

/// The general path: any written form, and every error.
fn parse_amount_decimal(text: &str, unit: Unit, most: Money) -> Result<Money, AmountError> {
    let s = normalize_number_text(text);
    let d = parse_unsigned_decimal(&s).map_err(|e| match e {
        AmountError::TooLarge { .. } => AmountError::TooLarge { most },
        e => e,
    })?;
    Money::from_decimal_at_most(d, unit, most)
}

/// The common case without allocating: ASCII digits with an optional
/// leading `+` and at most as many decimals as a fen allows in `unit`
/// (`1234`, `+12.5`, `0.000001` in 万元). None for anything else, which
/// [`parse_amount_decimal`] then reads (or refuses, with its message); the
/// two agree wherever this one answers (tested below).
fn parse_plain(s: &[u8], unit: Unit, most: Money) -> Option<Money> {
    let (decimals, per_unit) = match unit {
        Unit::Wan => (6usize, 1_000_000i64),
        Unit::Yuan => (2, 100),
    };
    let s = s.strip_prefix(b"+").unwrap_or(s);
    let (int, frac) = match s.iter().position(|&b| b == b'.') {
        Some(at) => (&s[..at], &s[at + 1..]),
        None => (s, &[][..]),
    };
    // Up to 18 digits cannot overflow an i64; longer goes the long way.
    if int.is_empty() || int.len() > 18 || frac.len() > decimals {
        return None;
    }
    let mut whole = 0i64;
    for &b in int {
        if !b.is_ascii_digit() {
            return None;
        }
        whole = whole * 10 + i64::from(b - b'0');
    }
    let mut part = 0i64;
    for &b in frac {
        if !b.is_ascii_digit() {
            return None;
        }
        part = part * 10 + i64::from(b - b'0');
    }
    let scale = 10i64.pow((decimals - frac.len()) as u32);
    let fen = whole.checked_mul(per_unit)?.checked_add(part * scale)?;
    (fen <= most.0).then_some(Money(fen))
}

impl Money {
    pub const ZERO: Money = Money(0);
    /// The most one amount may be: 1,000,000,000 万元.
    pub const MAX_AMOUNT: Money = Money(MAX_FEN);
    /// The most a meeting's projects may request in all: 100,000,000,000 万元.
    pub const MAX_MEETING: Money = Money(MAX_MEETING_FEN);

    pub const fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub const fn fen(self) -> i64 {
        self.0
    }

    /// An exact decimal in `unit`, refused if it is negative, finer than a fen
    /// or out of range.
    pub fn from_decimal(d: Decimal, unit: Unit) -> Result<Money, AmountError> {
        Money::from_decimal_at_most(d, unit, Money::MAX_AMOUNT)
    }

    /// The same with another limit than one amount's.
    pub fn from_decimal_at_most(d: Decimal, unit: Unit, most: Money) -> Result<Money, AmountError> {
        if d.is_sign_negative() && !d.is_zero() {
            return Err(AmountError::Negative);
        }
        let too_large = AmountError::TooLarge { most };
        let fen = d
            .checked_mul(Decimal::from(unit.fen_per_unit()))
            .ok_or(too_large.clone())?;
        if !fen.fract().is_zero() {
            return Err(AmountError::TooPrecise { unit });
        }
        let fen = i64::try_from(fen.trunc()).map_err(|_| too_large.clone())?;
        if fen > most.0 {
            return Err(too_large);
        }
        Ok(Money(fen))
    }

    /// The amount in 万元, exact.
    pub fn to_wan(self) -> Decimal {
        Decimal::new(self.0, 6).normalize()
    }

    /// Exact 万元 text with at least two decimals and no separators, as JSON
    /// and exports carry it: `347740.00`, `1.234567`.
    pub fn wan_string(self) -> String {
        let mut d = self.to_wan();
        if d.scale() < 2 {
            d.rescale(2);
        }
        d.to_string()
    }

    /// Exact 万元 text with thousands separators, as the screen shows it.
    pub fn wan_display(self) -> String {
        group_thousands(&self.wan_string())
    }

    /// `percent` of this amount, rounded half-up to the fen. A share too
    /// large to compute saturates, so it fails any later check against the
    /// request instead of overflowing.
    pub fn percent(self, percent: Decimal) -> Money {
        let v = Decimal::from(self.0)
            .checked_mul(percent)
            .and_then(|v| v.checked_div(Decimal::from(100)))
            .map(|v| v.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero));
        Money(v.and_then(|v| i64::try_from(v).ok()).unwrap_or(i64::MAX))
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }
}

/// Puts a comma between every three digits of the integer part.
pub fn group_thousands(s: &str) -> String {
    let (sign, rest) = match s.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", s),
    };
    let (int_part, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let mut out = String::with_capacity(s.len() + int_part.len() / 3);
    out.push_str(sign);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.wan_string())
    }
}

impl FromStr for Money {
    type Err = AmountError;
    /// Parses 万元 text; use `parse_amount` for other units.
    fn from_str(s: &str) -> Result<Money, AmountError> {
        parse_amount(s, Unit::Wan)
    }
}

impl Add for Money {
    type Output = Money;
    fn add(self, o: Money) -> Money {
        Money(self.0 + o.0)
    }
}

impl AddAssign for Money {
    fn add_assign(&mut self, o: Money) {
        self.0 += o.0;
    }
}

impl Sub for Money {
    type Output = Money;
    fn sub(self, o: Money) -> Money {
        Money(self.0 - o.0)
    }
}

impl Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, Add::add)
    }
}

#[cfg(test)]
mod tests;
