//! Reading one cell of a row: its text, made safe and checked for what a
//! spreadsheet does to codes, amounts and text (dates, logical values,
//! formulas never calculated, merged cells, control characters, lengths).

use crate::domain::decision::CutInputError;
use crate::domain::money::{AmountError, Unit, parse_amount};
use crate::domain::problem::{CellProblem, Problem, ProblemKind};

use super::columns::{Column, Spec};
use super::table::{Cell, Row, TypedKind, any_byte_triple};
use super::{Problems, clip};

const MAX_CODE: usize = 64;
const MAX_NAME: usize = 500;
const MAX_COMMENT: usize = 2000;

#[derive(Clone, Copy)]
pub(super) enum Kind {
    /// A code: short, one line.
    Code,
    /// A name or other free text; may hold line breaks and tabs.
    Name,
    /// A comment: longer free text.
    Comment,
    /// A type, a word: parsed afterwards.
    Value,
    /// An amount: parsed afterwards; a date or TRUE/FALSE is refused here.
    Amount,
}

impl Kind {
    fn max(self) -> Option<usize> {
        match self {
            Kind::Code => Some(MAX_CODE),
            Kind::Name => Some(MAX_NAME),
            Kind::Comment => Some(MAX_COMMENT),
            Kind::Value | Kind::Amount => None,
        }
    }

    fn allows_breaks(self) -> bool {
        matches!(self, Kind::Name | Kind::Comment)
    }
}

/// Reads the cells of one row, reporting what is wrong with them.
pub(super) struct RowCtx<'a, 'p> {
    file: &'a str,
    pub row: &'a Row<'a>,
    problems: &'p mut Problems,
    /// Whether every cell read so far was accepted.
    pub ok: bool,
}

impl<'a, 'p> RowCtx<'a, 'p> {
    pub fn new(file: &'a str, row: &'a Row<'a>, problems: &'p mut Problems) -> RowCtx<'a, 'p> {
        RowCtx {
            file,
            row,
            problems,
            ok: true,
        }
    }

    pub fn report(&mut self, col: &Column, kind: impl Into<ProblemKind>) {
        self.ok = false;
        self.problems.push(Problem::new(
            self.file,
            Some(self.row.number),
            Some(col.label.clone()),
            kind,
        ));
    }

    /// A cell that is not an amount: `bad amount "12a": not a number…`.
    /// A number finer than a fen is often shown rounded by its number
    /// format, so the message says the cell holds more than it shows.
    pub fn bad_amount(&mut self, col: &Column, text: &str, error: CutInputError) {
        let number = matches!(
            self.row.get(col.index),
            Some(Cell::Typed(t)) if t.kind == TypedKind::Number
        );
        let rounded = match parse_amount(text, col.unit) {
            Err(AmountError::TooPrecise { unit }) if number => Some(unit),
            _ => None,
        };
        self.report(
            col,
            CellProblem::BadAmount {
                text: clip(text, 40),
                error,
                rounded,
            },
        );
    }

    /// The cell's text, `""` if empty; None if the column is absent or the
    /// cell is refused (reported).
    pub fn text(&mut self, col: Option<&Column>, kind: Kind) -> Option<&'a str> {
        let col = col?;
        let row: &'a Row<'a> = self.row;
        match row.get(col.index) {
            None => Some(""),
            Some(Cell::Error(e)) => {
                self.report(col, CellProblem::CellError { value: clip(e, 20) });
                None
            }
            Some(Cell::Typed(t)) => {
                let text: &'a str = &t.text;
                let refused = match (kind, t.kind) {
                    (_, TypedKind::Uncalculated) => CellProblem::Uncalculated {
                        formula: t.formula.as_deref().map(str::to_string),
                    },
                    // One amount shown over several projects' rows: counting
                    // it for each would count it several times.
                    (Kind::Amount, _) if t.merged.is_some() => CellProblem::MergedAmount {
                        range: t.merged.as_deref().unwrap_or_default().to_string(),
                    },
                    (Kind::Amount, TypedKind::Date) => CellProblem::AmountIsDate {
                        text: text.to_string(),
                    },
                    (Kind::Amount, TypedKind::Bool) => CellProblem::AmountIsBool {
                        text: text.to_string(),
                    },
                    // Excel turns a code such as 1-2 or 2021-3 into a date.
                    (Kind::Code, TypedKind::Date) => CellProblem::CodeIsDate {
                        text: text.to_string(),
                    },
                    // Excel keeps 15 digits of a number: a longer code typed
                    // as a number has lost its last digits.
                    (Kind::Code, TypedKind::Number)
                        if text.bytes().filter(u8::is_ascii_digit).count() > 15 =>
                    {
                        CellProblem::CodeTooLongNumber {
                            text: text.to_string(),
                        }
                    }
                    _ => return Some(text),
                };
                self.report(col, refused);
                None
            }
            Some(Cell::Text(t)) => {
                // Control characters are C0, DEL and C1; in UTF-8 a C1
                // character starts with 0xC2, which most text (CJK included)
                // never has, so the characters are only looked at if a byte
                // says there may be one.
                let bad = (!row.no_controls && may_hold_control(t))
                    .then(|| {
                        t.chars().find(|c| {
                            c.is_control()
                                && !(kind.allows_breaks() && matches!(c, '\t' | '\n' | '\r'))
                        })
                    })
                    .flatten();
                if let Some(c) = bad {
                    self.report(col, CellProblem::ControlCharacter { found: c });
                    return None;
                }
                // No more characters than bytes: only a long text is counted.
                if let Some(max) = kind.max()
                    && t.len() > max
                {
                    let n = t.chars().count();
                    if n > max {
                        self.report(col, CellProblem::TooLong { chars: n, max });
                        return None;
                    }
                }
                if matches!(kind, Kind::Amount) {
                    return self.amount_unit(col, t);
                }
                if matches!(kind, Kind::Code) && is_scientific(t) {
                    self.report(col, CellProblem::ScientificCode { text: clip(t, 40) });
                    return None;
                }
                Some(t)
            }
        }
    }

    /// An amount written with a currency sign or a unit — `¥1,234.00` (as
    /// Excel saves a cell in a currency format to CSV), `1234元` in a column
    /// of 元, `26万` or `26万元` in one of 万元 — is the amount; a unit that
    /// is not the column's is refused, not converted behind the writer's
    /// back. The sign says money, not which unit.
    fn amount_unit(&mut self, col: &Column, t: &'a str) -> Option<&'a str> {
        let body = t.strip_prefix(['¥', '￥']).map_or(t, str::trim_start);
        let (body, stated) = match [("万元", Unit::Wan), ("万", Unit::Wan), ("元", Unit::Yuan)]
            .into_iter()
            .find_map(|(w, u)| body.strip_suffix(w).map(|b| (b.trim_end(), u)))
        {
            Some((b, u)) => (b, Some(u)),
            None => (body, None),
        };
        if body.is_empty() {
            return Some(t);
        }
        let Some(stated) = stated.filter(|u| *u != col.unit) else {
            return Some(body);
        };
        self.report(
            col,
            CellProblem::OtherUnit {
                text: clip(t, 40),
                stated,
                column: col.unit,
            },
        );
        None
    }

    /// A cell that must not be empty.
    pub fn required(&mut self, col: &Column, spec: &Spec, kind: Kind) -> Option<&'a str> {
        let t = self.text(Some(col), kind)?;
        if t.is_empty() {
            self.report(
                col,
                CellProblem::Required {
                    zh: spec.zh,
                    en: spec.en,
                },
            );
            return None;
        }
        Some(t)
    }
}

pub(super) fn optional(t: Option<&str>) -> Option<String> {
    t.filter(|t| !t.is_empty()).map(str::to_string)
}

/// Whether a byte of the text is one a control character starts with (C0,
/// DEL, or 0xC2 for C1): every cell's text is looked at.
fn may_hold_control(t: &str) -> bool {
    any_byte_triple(t.as_bytes(), |b, _, _| {
        (b < 0x20) | (b == 0x7f) | (b == 0xc2)
    })
}

/// `2.021E+11`, `1E+15`: how Excel writes a long number of General format
/// to CSV, its last digits gone.
pub(super) fn is_scientific(t: &str) -> bool {
    let Some((mantissa, exp)) = t.split_once(['E', 'e']) else {
        return false;
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, "0"));
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    int.len() == 1
        && [int, frac, exp]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The formula of a cell whose saved value is 0 or none.
pub(super) fn zero_formula<'r>(row: &'r Row, col: &Column) -> Option<&'r str> {
    match row.get(col.index) {
        Some(Cell::Typed(t)) => t.formula.as_deref(),
        _ => None,
    }
}
