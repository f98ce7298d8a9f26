//! The words of a file's problems: where (`p.csv 第 4 行 部门 (B) 列`, `p.csv:
//! row 4, column 部门 (B)`) and what — a file that cannot be read, a header
//! without a column, a cell that is not what its column wants, a 合计 line
//! that does not add up. `table` and `cell` say those; a batch row's and
//! the meeting's refusals are in `words/decision.rs`.

use rust_decimal::Decimal;

use super::{Lang, Say};
use crate::domain::problem::{FileProblem, Io, Problem, ProblemKind, Table};
use crate::domain::{Money, Unit};

/// `p.csv 第 4 行 部门 (B) 列：部门为空，必须填写`,
/// `p.csv: row 4, column 部门 (B): 部门 (department) is empty; it is required`.
mod cell;
mod table;

impl Say for Problem {
    fn say(&self, lang: Lang) -> String {
        let mut s = self.file.clone();
        match lang {
            Lang::Zh => {
                if let Some(r) = self.row {
                    s += &format!(" 第 {r} 行");
                }
                if let Some(c) = &self.column {
                    s += &format!(" {c} 列");
                }
                s + "：" + &self.kind.say(lang)
            }
            Lang::En => {
                if let Some(r) = self.row {
                    s += &format!(": row {r}");
                }
                if let Some(c) = &self.column {
                    s += &format!(", column {c}");
                }
                s + ": " + &self.kind.say(lang)
            }
        }
    }
}

/// A cell's text in quotes (already clipped by the reader).
pub(super) fn q(text: &str) -> String {
    format!("\"{text}\"")
}

/// An amount as its column writes it: 万元 with two decimals at least,
/// yuan with two.
pub(super) fn shown(m: Money, unit: Unit) -> String {
    match unit {
        Unit::Wan => m.wan_string(),
        Unit::Yuan => Decimal::new(m.fen(), 2).to_string(),
    }
}

/// ` (=SUM(E2:E9))` / `（=SUM(E2:E9)）`, or nothing when the text is not known.
pub(super) fn formula(f: &Option<String>, lang: Lang) -> String {
    match (f.as_deref(), lang) {
        (Some(f), Lang::Zh) if !f.is_empty() => format!("（{f}）"),
        (Some(f), Lang::En) if !f.is_empty() => format!(" ({f})"),
        _ => String::new(),
    }
}

fn io(e: &Io, lang: Lang) -> &str {
    match (e, lang) {
        (Io::NotFound(_), Lang::Zh) => "文件不存在",
        (Io::PermissionDenied(_), Lang::Zh) => "没有读取权限",
        (Io::IsADirectory(_), Lang::Zh) => "这是一个目录，不是文件",
        (Io::NotFound(t) | Io::PermissionDenied(t) | Io::IsADirectory(t) | Io::Other(t), _) => t,
    }
}

fn table(t: Table, lang: Lang) -> &'static str {
    match (t, lang) {
        (Table::Projects, Lang::Zh) => "项目",
        (Table::Projects, Lang::En) => "projects",
        (Table::Indicators, Lang::Zh) => "绩效指标",
        (Table::Indicators, Lang::En) => "indicators",
        (Table::Decisions, Lang::Zh) => "审核结果",
        (Table::Decisions, Lang::En) => "decisions",
    }
}

impl Say for ProblemKind {
    fn say(&self, lang: Lang) -> String {
        match self {
            ProblemKind::File(p) => p.say(lang),
            ProblemKind::Table(p) => p.say(lang),
            ProblemKind::Cell(p) => p.say(lang),
            ProblemKind::Row(p) => p.say(lang),
            ProblemKind::Meeting(p) => p.say(lang),
        }
    }
}

impl Say for FileProblem {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (FileProblem::CannotOpen(e), Lang::Zh) => format!("无法打开文件：{}", io(e, lang)),
            (FileProblem::CannotOpen(e), Lang::En) => {
                format!("cannot open the file: {}", io(e, lang))
            }
            (FileProblem::CannotRead(e), Lang::Zh) => format!("无法读取文件：{}", io(e, lang)),
            (FileProblem::CannotRead(e), Lang::En) => {
                format!("cannot read the file: {}", io(e, lang))
            }
            (FileProblem::FileTooLarge { mb }, Lang::Zh) => {
                format!("文件大于 {mb} MB，是否选错了文件？")
            }
            (FileProblem::FileTooLarge { mb }, Lang::En) => {
                format!("the file is larger than {mb} MB; is it the right file?")
            }
            (FileProblem::NotValidAsBom { encoding }, Lang::Zh) => {
                format!("文件开头标明为 {encoding} 编码，但内容不是有效的 {encoding}")
            }
            (FileProblem::NotValidAsBom { encoding }, Lang::En) => {
                format!("the file starts as {encoding} text but is not valid {encoding}")
            }
            (FileProblem::NotText, Lang::Zh) => "不是 UTF-8 或 GB18030/GBK 编码的文本".into(),
            (FileProblem::NotText, Lang::En) => "not UTF-8 or GB18030/GBK text".into(),
            (FileProblem::MixedEncoding { utf8_row: u }, Lang::Zh) => format!(
                "文件混用了多种编码：第 {u} 行是 UTF-8，本行却不是（GBK？）；\
             请把整个文件按同一种编码重新保存，如 CSV UTF-8"
            ),
            (FileProblem::MixedEncoding { utf8_row: u }, Lang::En) => format!(
                "the file mixes encodings: row {u} is UTF-8 but this row is not (GBK?); \
             save the whole file again in one encoding, e.g. CSV UTF-8"
            ),
            (FileProblem::UnclosedQuote, Lang::Zh) => {
                "引号括起的单元格没有结束（缺少一个 \"）".into()
            }
            (FileProblem::UnclosedQuote, Lang::En) => {
                "a quoted cell is never closed (a \" is missing)".into()
            }
            (FileProblem::WorkbookUnreadable { detail }, Lang::Zh) => {
                format!("无法读取工作簿：{detail}")
            }
            (FileProblem::WorkbookUnreadable { detail }, Lang::En) => {
                format!("cannot read the workbook: {detail}")
            }
            (FileProblem::WorkbookDamaged, Lang::Zh) => "无法读取工作簿：文件已损坏".into(),
            (FileProblem::WorkbookDamaged, Lang::En) => {
                "cannot read the workbook: the file is damaged".into()
            }
            (FileProblem::SheetUnreadable { sheet, detail }, Lang::Zh) => {
                format!("无法读取工作表 {sheet}：{detail}")
            }
            (FileProblem::SheetUnreadable { sheet, detail }, Lang::En) => {
                format!("cannot read sheet {sheet}: {detail}")
            }
            (FileProblem::SheetDamaged { sheet }, Lang::Zh) => {
                format!("无法读取工作表 {sheet}：文件已损坏")
            }
            (FileProblem::SheetDamaged { sheet }, Lang::En) => {
                format!("cannot read sheet {sheet}: the file is damaged")
            }
            (FileProblem::NoSheets, Lang::Zh) => "工作簿中没有工作表".into(),
            (FileProblem::NoSheets, Lang::En) => "the workbook has no sheets".into(),
            (FileProblem::NoSheetOf { table: t, sheets }, Lang::Zh) => format!(
                "工作簿中没有{}表；现有工作表：{}",
                table(*t, lang),
                sheets.join("、")
            ),
            (FileProblem::NoSheetOf { table: t, sheets }, Lang::En) => format!(
                "the workbook has no sheet of {}; its sheets: {}",
                table(*t, lang),
                sheets.join(", ")
            ),
            (
                FileProblem::SheetsAmbiguous {
                    table: t,
                    sheets,
                    name,
                },
                Lang::Zh,
            ) => format!(
                "工作表 {} 都是{}表，只能读取一个：请把要导入的工作表命名为“{name}”（或把其余的另存为单独的文件）",
                sheets.join("、"),
                table(*t, lang),
            ),
            (
                FileProblem::SheetsAmbiguous {
                    table: t,
                    sheets,
                    name,
                },
                Lang::En,
            ) => format!(
                "the sheets {} all hold a table of {}; one is read: name it {name} (or move \
             the others to files of their own)",
                sheets.join(", "),
                table(*t, lang),
            ),
            (FileProblem::EmptyFile { wanted }, Lang::Zh) => {
                format!("文件为空；第一行应为表头：{}", wanted.join("、"))
            }
            (FileProblem::EmptyFile { wanted }, Lang::En) => format!(
                "the file is empty; its first row must be the header: {}",
                wanted.join(", ")
            ),
            (FileProblem::More { count }, Lang::Zh) => format!("……另有 {count} 处问题未列出"),
            (FileProblem::More { count }, Lang::En) => {
                format!("… and {count} more problems not listed")
            }
        }
    }
}

/// The decimals a fen allows in `unit`.
pub(super) fn places(unit: Unit) -> u32 {
    match unit {
        Unit::Wan => 6,
        Unit::Yuan => 2,
    }
}
