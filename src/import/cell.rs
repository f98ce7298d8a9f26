//! Reading one cell of a row: its text, made safe and checked for what a
//! spreadsheet does to codes, amounts and text (dates, logical values,
//! formulas never calculated, merged cells, control characters, lengths).

use crate::domain::Reason;
use crate::domain::money::{AmountError, Unit, parse_amount};
use crate::domain::project::Problem;

use super::columns::{Column, Spec};
use super::table::{Cell, Row, TypedKind};
use super::{Problems, clip, quote};

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

    pub fn report(
        &mut self,
        col: &Column,
        message: impl Into<String>,
        message_zh: impl Into<String>,
    ) {
        self.ok = false;
        self.problems.push(Problem::new(
            self.file,
            Some(self.row.number),
            Some(col.label.clone()),
            message,
            message_zh,
        ));
    }

    /// A cell that is not an amount: `bad amount "12a": not a number…`.
    /// A number finer than a fen is often shown rounded by its number
    /// format, so the message says the cell holds more than it shows.
    pub fn bad_amount(&mut self, col: &Column, text: &str, e: &impl Reason) {
        let number = matches!(
            self.row.get(col.index),
            Some(Cell::Typed(t)) if t.kind == TypedKind::Number
        );
        let (hint, hint_zh) = match parse_amount(text, col.unit) {
            Err(AmountError::TooPrecise { unit }) if number => {
                let places = match unit {
                    Unit::Wan => 6,
                    Unit::Yuan => 2,
                };
                (
                    format!(
                        "; the cell holds this number though Excel may show it rounded: \
                         round it with =ROUND(…, {places}) or type the amount"
                    ),
                    format!(
                        "；单元格中的数就是这个，Excel 显示的可能是四舍五入后的值：\
                         请用 =ROUND(…, {places}) 取整，或直接填写金额"
                    ),
                )
            }
            _ => (String::new(), String::new()),
        };
        self.report(
            col,
            format!("bad amount {}: {e}{hint}", quote(text)),
            format!("金额 {} 有误：{}{hint_zh}", quote(text), e.zh()),
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
                self.report(
                    col,
                    format!(
                        "the cell holds the error {}; type the value instead",
                        clip(e, 20)
                    ),
                    format!("单元格是错误值 {}；请直接填写内容", clip(e, 20)),
                );
                None
            }
            Some(Cell::Typed(t)) => {
                let text: &'a str = &t.text;
                match (kind, t.kind) {
                    (_, TypedKind::Uncalculated) => {
                        let (f, f_zh) = formula_shown(t.formula.as_deref());
                        self.report(
                            col,
                            format!(
                                "the cell is a formula{f} with no saved value: the file was \
                                 written by a program and never calculated; open it in Excel \
                                 or WPS, save it, and import it again"
                            ),
                            format!(
                                "单元格是公式{f_zh}，但没有保存计算结果：文件由程序生成，从未计算过；\
                                 请用 Excel 或 WPS 打开并保存后再导入"
                            ),
                        );
                        None
                    }
                    // One amount shown over several projects' rows: counting
                    // it for each would count it several times.
                    (Kind::Amount, _) if t.merged.is_some() => {
                        let range = t.merged.as_deref().unwrap_or("");
                        self.report(
                            col,
                            format!(
                                "the cell is part of the merged cell {range}: each project \
                                 needs its own amount; unmerge {range} and fill in each row"
                            ),
                            format!(
                                "单元格属于合并单元格 {range}：每个项目应有自己的金额；\
                                 请取消合并 {range}，并逐行填写"
                            ),
                        );
                        None
                    }
                    (Kind::Amount, TypedKind::Date) => {
                        self.report(
                            col,
                            format!(
                                "the cell holds a date ({text}), not an amount; type the \
                                 amount, and format the cell as a number"
                            ),
                            format!("单元格是日期（{text}），不是金额；请填写金额，并把单元格设置为数值格式"),
                        );
                        None
                    }
                    (Kind::Amount, TypedKind::Bool) => {
                        self.report(
                            col,
                            format!(
                                "the cell holds the logical value {text}, not an amount; type \
                                 the amount"
                            ),
                            format!("单元格是逻辑值 {text}，不是金额；请填写金额"),
                        );
                        None
                    }
                    // Excel turns a code such as 1-2 or 2021-3 into a date.
                    (Kind::Code, TypedKind::Date) => {
                        self.report(
                            col,
                            format!(
                                "the code is a date ({text}): Excel took what was typed for a \
                                 date; format the column as text and type the codes again"
                            ),
                            format!(
                                "编码是日期（{text}）：Excel 把填写的内容当成了日期；\
                                 请把该列设置为文本格式，再重新填写编码"
                            ),
                        );
                        None
                    }
                    // Excel keeps 15 digits of a number: a longer code typed
                    // as a number has lost its last digits.
                    (Kind::Code, TypedKind::Number)
                        if text.bytes().filter(u8::is_ascii_digit).count() > 15 =>
                    {
                        self.report(
                            col,
                            format!(
                                "the code {text} is stored as a number, and Excel keeps only 15 \
                                 digits of a number: its last digits may be lost; format the \
                                 column as text and type the codes again"
                            ),
                            format!(
                                "编码 {text} 以数字形式保存，而 Excel 的数字只保留 15 位有效数字，\
                                 末几位可能已经丢失；请把该列设置为文本格式，再重新填写编码"
                            ),
                        );
                        None
                    }
                    _ => Some(text),
                }
            }
            Some(Cell::Text(t)) => {
                // Control characters are C0, DEL and C1; in UTF-8 a C1
                // character starts with 0xC2, which most text (CJK included)
                // never has, so the characters are only looked at if a byte
                // says there may be one.
                let maybe_control = t.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2);
                let bad = maybe_control
                    .then(|| {
                        t.chars().find(|c| {
                            c.is_control()
                                && !(kind.allows_breaks() && matches!(c, '\t' | '\n' | '\r'))
                        })
                    })
                    .flatten();
                if let Some(c) = bad {
                    self.report(
                        col,
                        format!(
                            "contains control characters ({}); remove them",
                            c.escape_default()
                        ),
                        format!("含有控制字符（{}），请删除", c.escape_default()),
                    );
                    return None;
                }
                // No more characters than bytes: only a long text is counted.
                if let Some(max) = kind.max()
                    && t.len() > max
                {
                    let n = t.chars().count();
                    if n > max {
                        self.report(
                            col,
                            format!("too long: {n} characters, at most {max}"),
                            format!("过长：{n} 个字符，最多 {max} 个"),
                        );
                        return None;
                    }
                }
                if matches!(kind, Kind::Amount) {
                    return self.amount_unit(col, t);
                }
                if matches!(kind, Kind::Code) && is_scientific(t) {
                    self.report(
                        col,
                        format!(
                            "the code {} is a number Excel wrote in scientific notation, and \
                             its digits are lost; format the column as text (or as the number \
                             format 0) in Excel, type the codes again if need be, and save",
                            quote(t)
                        ),
                        format!(
                            "编码 {} 是 Excel 以科学计数法写出的数字，原有数字已经丢失；请在 Excel \
                             中把该列设置为文本格式（或数字格式 0），必要时重新填写编码，再保存",
                            quote(t)
                        ),
                    );
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
            format!(
                "{} is in {} but this column is in {}; write the amount in {}, or put the \
                 unit in the header, e.g. 申报金额（{}）",
                quote(t),
                stated.label(),
                col.unit.label(),
                col.unit.label(),
                stated.label()
            ),
            format!(
                "{} 的单位是{}，但本列以{}为单位；请按{}填写，或在表头中写明单位，如 申报金额（{}）",
                quote(t),
                stated.label(),
                col.unit.label(),
                col.unit.label(),
                stated.label()
            ),
        );
        None
    }

    /// A cell that must not be empty.
    pub fn required(&mut self, col: &Column, spec: &Spec, kind: Kind) -> Option<&'a str> {
        let t = self.text(Some(col), kind)?;
        if t.is_empty() {
            self.report(
                col,
                format!("{} is empty; it is required", spec.name()),
                format!("{}为空，必须填写", spec.zh),
            );
            return None;
        }
        Some(t)
    }
}

pub(super) fn optional(t: Option<&str>) -> Option<String> {
    t.filter(|t| !t.is_empty()).map(str::to_string)
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

/// ` (=SUM(E2:E9))` for a message in English and in Chinese, or nothing
/// when the text is not known.
pub(super) fn formula_shown(formula: Option<&str>) -> (String, String) {
    match formula {
        Some(f) if !f.is_empty() => (format!(" ({f})"), format!("（{f}）")),
        _ => (String::new(), String::new()),
    }
}
