//! A cell's problems in words: what a spreadsheet did to it (a date, a
//! formula never calculated, a merged amount, a code in scientific
//! notation), and what its column wants.

use super::{formula, places, q};
use crate::domain::BudgetType;
use crate::domain::problem::CellProblem;
use crate::words::{Lang, Say};

impl Say for CellProblem {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (CellProblem::CellError { value }, Lang::Zh) => {
                format!("单元格是错误值 {value}；请直接填写内容")
            }
            (CellProblem::CellError { value }, Lang::En) => {
                format!("the cell holds the error {value}; type the value instead")
            }
            (CellProblem::Uncalculated { formula: f }, Lang::Zh) => format!(
                "单元格是公式{}，但没有保存计算结果：文件由程序生成，从未计算过；\
             请用 Excel 或 WPS 打开并保存后再导入",
                formula(f, lang)
            ),
            (CellProblem::Uncalculated { formula: f }, Lang::En) => format!(
                "the cell is a formula{} with no saved value: the file was \
             written by a program and never calculated; open it in Excel \
             or WPS, save it, and import it again",
                formula(f, lang)
            ),
            (CellProblem::MergedAmount { range }, Lang::Zh) => format!(
                "单元格属于合并单元格 {range}：每个项目应有自己的金额；\
             请取消合并 {range}，并逐行填写"
            ),
            (CellProblem::MergedAmount { range }, Lang::En) => format!(
                "the cell is part of the merged cell {range}: each project \
             needs its own amount; unmerge {range} and fill in each row"
            ),
            (CellProblem::AmountIsDate { text }, Lang::Zh) => {
                format!("单元格是日期（{text}），不是金额；请填写金额，并把单元格设置为数值格式")
            }
            (CellProblem::AmountIsDate { text }, Lang::En) => format!(
                "the cell holds a date ({text}), not an amount; type the \
             amount, and format the cell as a number"
            ),
            (CellProblem::AmountIsBool { text }, Lang::Zh) => {
                format!("单元格是逻辑值 {text}，不是金额；请填写金额")
            }
            (CellProblem::AmountIsBool { text }, Lang::En) => format!(
                "the cell holds the logical value {text}, not an amount; type \
             the amount"
            ),
            (CellProblem::CodeIsDate { text }, Lang::Zh) => format!(
                "编码是日期（{text}）：Excel 把填写的内容当成了日期；\
             请把该列设置为文本格式，再重新填写编码"
            ),
            (CellProblem::CodeIsDate { text }, Lang::En) => format!(
                "the code is a date ({text}): Excel took what was typed for a \
             date; format the column as text and type the codes again"
            ),
            (CellProblem::CodeTooLongNumber { text }, Lang::Zh) => format!(
                "编码 {text} 以数字形式保存，而 Excel 的数字只保留 15 位有效数字，\
             末几位可能已经丢失；请把该列设置为文本格式，再重新填写编码"
            ),
            (CellProblem::CodeTooLongNumber { text }, Lang::En) => format!(
                "the code {text} is stored as a number, and Excel keeps only 15 \
             digits of a number: its last digits may be lost; format the \
             column as text and type the codes again"
            ),
            (CellProblem::ScientificCode { text }, Lang::Zh) => format!(
                "编码 {} 是 Excel 以科学计数法写出的数字，原有数字已经丢失；请在 Excel \
             中把该列设置为文本格式（或数字格式 0），必要时重新填写编码，再保存",
                q(text)
            ),
            (CellProblem::ScientificCode { text }, Lang::En) => format!(
                "the code {} is a number Excel wrote in scientific notation, and \
             its digits are lost; format the column as text (or as the number \
             format 0) in Excel, type the codes again if need be, and save",
                q(text)
            ),
            (CellProblem::ControlCharacter { found }, Lang::Zh) => {
                format!("含有控制字符（{}），请删除", found.escape_default())
            }
            (CellProblem::ControlCharacter { found }, Lang::En) => format!(
                "contains control characters ({}); remove them",
                found.escape_default()
            ),
            (CellProblem::TooLong { chars, max }, Lang::Zh) => {
                format!("过长：{chars} 个字符，最多 {max} 个")
            }
            (CellProblem::TooLong { chars, max }, Lang::En) => {
                format!("too long: {chars} characters, at most {max}")
            }
            (
                CellProblem::OtherUnit {
                    text,
                    stated,
                    column,
                },
                Lang::Zh,
            ) => format!(
                "{} 的单位是{}，但本列以{}为单位；请按{}填写，或在表头中写明单位，如 申报金额（{}）",
                q(text),
                stated.label(),
                column.label(),
                column.label(),
                stated.label()
            ),
            (
                CellProblem::OtherUnit {
                    text,
                    stated,
                    column,
                },
                Lang::En,
            ) => format!(
                "{} is in {} but this column is in {}; write the amount in {}, or put the \
             unit in the header, e.g. 申报金额（{}）",
                q(text),
                stated.label(),
                column.label(),
                column.label(),
                stated.label()
            ),
            (CellProblem::Required { zh, .. }, Lang::Zh) => format!("{zh}为空，必须填写"),
            (CellProblem::Required { zh, en }, Lang::En) => {
                format!("{zh} ({en}) is empty; it is required")
            }
            (
                CellProblem::BadAmount {
                    text,
                    error,
                    rounded,
                },
                Lang::Zh,
            ) => {
                let hint = rounded.map_or(String::new(), |u| {
                    format!(
                        "；单元格中的数就是这个，Excel 显示的可能是四舍五入后的值：\
                     请用 =ROUND(…, {}) 取整，或直接填写金额",
                        places(u)
                    )
                });
                format!("金额 {} 有误：{}{hint}", q(text), error.say(lang))
            }
            (
                CellProblem::BadAmount {
                    text,
                    error,
                    rounded,
                },
                Lang::En,
            ) => {
                let hint = rounded.map_or(String::new(), |u| {
                    format!(
                        "; the cell holds this number though Excel may show it rounded: \
                     round it with =ROUND(…, {}) or type the amount",
                        places(u)
                    )
                });
                format!("bad amount {}: {}{hint}", q(text), error.say(lang))
            }
            (CellProblem::UnknownBudgetType { text }, Lang::Zh) => format!(
                "无法识别的预算类型 {}；请填写{}",
                q(text),
                BudgetType::accepted_names_zh()
            ),
            (CellProblem::UnknownBudgetType { text }, Lang::En) => format!(
                "unknown budget type {}; write one of {}",
                q(text),
                BudgetType::accepted_names()
            ),
            (CellProblem::DuplicateCode { code, first_row }, Lang::Zh) => {
                format!("项目编码 {code} 重复，首次出现在第 {first_row} 行")
            }
            (CellProblem::DuplicateCode { code, first_row }, Lang::En) => {
                format!("duplicate project code {code}, first on row {first_row}")
            }
            (CellProblem::FormulaZero { formula: f }, Lang::Zh) => format!(
                "单元格是公式{}，保存的结果为 0；如文件由程序生成，请用 Excel 或 WPS \
             打开并保存，使公式得到计算；如申报金额确为 0，请直接填写 0",
                formula(f, lang)
            ),
            (CellProblem::FormulaZero { formula: f }, Lang::En) => format!(
                "the cell is a formula{} whose saved value is 0; if the file was \
             written by a program, open it in Excel or WPS and save it so the \
             formulas are calculated; if the request really is 0, type 0",
                formula(f, lang)
            ),
            (CellProblem::IndicatorUnknownProject { code }, Lang::Zh) => {
                format!("绩效指标所属的项目 {code} 不在项目表中")
            }
            (CellProblem::IndicatorUnknownProject { code }, Lang::En) => {
                format!("indicator for unknown project {code}")
            }
        }
    }
}
