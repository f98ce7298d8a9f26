//! The words of a file's problems: where (`p.csv 第 4 行 部门 (B) 列`, `p.csv:
//! row 4, column 部门 (B)`) and what — a file that cannot be read, a header
//! without a column, a cell that is not what its column wants, a 合计 line
//! that does not add up. `table` and `cell` say those; a batch row's and
//! the meeting's refusals are in `words/decision.rs`.

use rust_decimal::Decimal;

use super::{Lang, Say};
use crate::domain::money::group_thousands;
use crate::domain::problem::{FileKind, FileProblem, Io, Problem, ProblemKind, Table, Unreadable};
use crate::domain::{Money, Unit};

/// `p.csv 第 4 行 部门 (B) 列：部门为空，必须填写`,
/// `p.csv: row 4, column 部门 (B): 部门 (department) is empty; it is required`.
mod cell;
mod table;
mod weigh;

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
        (Table::Ceilings, Lang::Zh) => "部门控制数",
        (Table::Ceilings, Lang::En) => "department ceilings",
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
            ProblemKind::Weigh(p) => p.say(lang),
            ProblemKind::Later(p) => p.say(lang),
            ProblemKind::Revision(p) => p.say(lang),
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
            (FileProblem::Unreadable { sheet, why }, Lang::Zh) => match sheet {
                Some(sheet) => format!("工作表 {sheet}：{}", unreadable(*why, lang)),
                None => unreadable(*why, lang).to_string(),
            },
            (FileProblem::Unreadable { sheet, why }, Lang::En) => match sheet {
                Some(sheet) => format!("sheet {sheet}: {}", unreadable(*why, lang)),
                None => unreadable(*why, lang).to_string(),
            },
            (FileProblem::NotATable(kind), _) => not_a_table(*kind, lang).to_string(),
            (FileProblem::UnpackedTooLarge { part, most_mib }, Lang::Zh) => format!(
                "工作簿解压后超过 {most_mib} MiB（在 {part} 处超出），远大于任何报送表格；\
                 本程序不读取这样的文件：请检查是否选错了文件"
            ),
            (FileProblem::UnpackedTooLarge { part, most_mib }, Lang::En) => format!(
                "the workbook unpacks to more than {most_mib} MiB (passed in {part}), far more \
                 than any submission; such a file is not read: is it the right file?"
            ),
            (FileProblem::XmlRunTooLong { part, most_kib }, Lang::Zh) => format!(
                "工作簿的 {part} 中有一段超过 {most_kib} KiB 的连续内容（大段空白或超长标记），\
                 电子表格软件不会这样写；本程序不读取这样的文件：请在 Excel 或 WPS 中打开，\
                 另存为 .xlsx 后再导入"
            ),
            (FileProblem::XmlRunTooLong { part, most_kib }, Lang::En) => format!(
                "the workbook's {part} holds a run of more than {most_kib} KiB (blanks or one \
                 huge tag) that no spreadsheet program writes; such a file is not read: open it \
                 in Excel or WPS, save it as .xlsx and import that"
            ),
            (FileProblem::TooManyCells { most }, Lang::Zh) => format!(
                "单元格超过 {} 个，远多于任何报送表格；本程序不读取这样的文件：请检查是否选错了文件，\
                 或把表格拆分为几个文件",
                group_thousands(&most.to_string())
            ),
            (FileProblem::TooManyCells { most }, Lang::En) => format!(
                "more than {} cells, far more than any submission; such a file is not read: is \
                 it the right file, or can it be split into several?",
                group_thousands(&most.to_string())
            ),
            (FileProblem::SheetTextTooLarge { most_mib }, Lang::Zh) => format!(
                "单元格中的文字合计超过 {most_mib} MiB，远多于任何报送表格；本程序不读取这样的文件：\
                 请检查是否选错了文件"
            ),
            (FileProblem::SheetTextTooLarge { most_mib }, Lang::En) => format!(
                "the cells hold more than {most_mib} MiB of text, far more than any submission; \
                 such a file is not read: is it the right file?"
            ),
            (FileProblem::CellTooLong { chars, most }, Lang::Zh) => {
                format!("单元格有 {chars} 个字符，超过电子表格单元格的上限 {most} 个；请删减内容")
            }
            (FileProblem::CellTooLong { chars, most }, Lang::En) => format!(
                "the cell holds {chars} characters, more than a spreadsheet cell can ({most}); \
                 shorten it"
            ),
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

/// Why a workbook cannot be read, and what to do.
fn unreadable(why: Unreadable, lang: Lang) -> &'static str {
    match (why, lang) {
        (Unreadable::Truncated, Lang::Zh) => {
            "文件不完整：它以 Excel 工作簿开头，结尾却缺失，通常是下载或复制时被截断；\
             请重新获取完整的文件"
        }
        (Unreadable::Truncated, Lang::En) => {
            "the file is incomplete: it starts as an Excel workbook but its end is missing, as \
             when a download or a copy is cut off; get the whole file again"
        }
        (Unreadable::Damaged, Lang::Zh) => {
            "工作簿已损坏，无法读取；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入"
        }
        (Unreadable::Damaged, Lang::En) => {
            "the workbook is damaged and cannot be read; open it in Excel or WPS, save it as \
             .xlsx and import that"
        }
        (Unreadable::DamagedXls, Lang::Zh) => {
            "这是一个已损坏的 Excel 97-2003 工作簿（.xls），无法读取；\
             请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入"
        }
        (Unreadable::DamagedXls, Lang::En) => {
            "this Excel 97-2003 workbook (.xls) is damaged and cannot be read; open it in \
             Excel or WPS, save it as .xlsx and import that"
        }
        (Unreadable::MissingSharedStrings, Lang::Zh) => {
            "工作簿已损坏：有单元格引用的文字不在其共享字符串表中（文件由程序生成且不完整）；\
             请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入"
        }
        (Unreadable::MissingSharedStrings, Lang::En) => {
            "the workbook is damaged: cells refer to text its shared strings table does not \
             hold (a program wrote it incompletely); open it in Excel or WPS, save it as .xlsx \
             and import that"
        }
        (Unreadable::Encrypted, Lang::Zh) => {
            "工作簿设有打开密码，无法读取；请在 Excel 或 WPS 中取消密码并保存后再导入"
        }
        (Unreadable::Encrypted, Lang::En) => {
            "the workbook is protected by a password; remove the password in Excel or WPS, \
             save it, and import that"
        }
        (Unreadable::Compression, Lang::Zh) => {
            "工作簿使用了本程序不支持的压缩方式；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入"
        }
        (Unreadable::Compression, Lang::En) => {
            "the workbook is packed in a way this program cannot unpack; open it in Excel or \
             WPS, save it as .xlsx and import that"
        }
        (Unreadable::Unknown, Lang::Zh) => {
            "无法读取工作簿；请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入"
        }
        (Unreadable::Unknown, Lang::En) => {
            "the workbook cannot be read; open it in Excel or WPS, save it as .xlsx and import \
             that"
        }
    }
}

/// What the file is instead of a table, and what to do.
fn not_a_table(kind: FileKind, lang: Lang) -> &'static str {
    match (kind, lang) {
        (FileKind::WebPage, Lang::Zh) => {
            "这是一个网页文件（HTML），不是 Excel 工作簿；请在 Excel 或 WPS 中打开，\
             另存为 .xlsx 后再导入"
        }
        (FileKind::WebPage, Lang::En) => {
            "this is a web page (HTML), not an Excel workbook; open it in Excel or WPS, save \
             it as .xlsx and import that"
        }
        (FileKind::Excel2003Xml, Lang::Zh) => {
            "这是 Excel 2003 XML 表格，不是 .xlsx 工作簿；请在 Excel 或 WPS 中打开，\
             另存为 .xlsx 后再导入"
        }
        (FileKind::Excel2003Xml, Lang::En) => {
            "this is an Excel 2003 XML spreadsheet, not an .xlsx workbook; open it in Excel or \
             WPS, save it as .xlsx and import that"
        }
        (FileKind::Pdf, Lang::Zh) => {
            "这是一个 PDF 文件，不是表格；请向报送单位索取 Excel 或 CSV 文件"
        }
        (FileKind::Pdf, Lang::En) => {
            "this is a PDF file, not a table; ask for the Excel or CSV file instead"
        }
        (FileKind::Image, Lang::Zh) => "这是一张图片，不是表格；请向报送单位索取 Excel 或 CSV 文件",
        (FileKind::Image, Lang::En) => {
            "this is a picture, not a table; ask for the Excel or CSV file instead"
        }
        (FileKind::Archive, Lang::Zh) => {
            "这是一个压缩包，不是 Excel 工作簿；请先解压，再导入其中的 .xlsx 或 .csv 文件"
        }
        (FileKind::Archive, Lang::En) => {
            "this is a compressed archive, not a workbook; unpack it and import the .xlsx or \
             .csv file inside"
        }
        (FileKind::WordDocument, Lang::Zh) => {
            "这是一个 Word 文档，不是表格；请把其中的表格复制到 Excel 或 WPS 表格中，\
             另存为 .xlsx 后再导入"
        }
        (FileKind::WordDocument, Lang::En) => {
            "this is a Word document, not a table; copy its table into Excel or WPS, save it \
             as .xlsx and import that"
        }
    }
}

impl Say for crate::domain::problem::LaterProblem {
    fn say(&self, lang: Lang) -> String {
        use crate::domain::problem::LaterProblem as P;
        match (self, lang) {
            (P::OnlyWithLaterStage, Lang::Zh) => {
                "另有调整和结果应用只用于事中监控、事后评价的决定".into()
            }
            (P::OnlyWithLaterStage, Lang::En) => {
                "further outcomes and measures go with a later stage's decision".into()
            }
            (P::NotAnAlso { text }, Lang::Zh) => format!(
                "{} 不是可并列的调整结果；请写调整类型和金额，如 收回结余 20.50",
                q(text)
            ),
            (P::NotAnAlso { text }, Lang::En) => format!(
                "{} is not an outcome that comes beside another; write a kind and its amount, e.g. 收回结余 20.50",
                q(text)
            ),
            (P::UnknownMeasure { text }, Lang::Zh) => {
                format!("无法识别的结果应用 {}；请填写改进管理或完善制度", q(text))
            }
            (P::UnknownMeasure { text }, Lang::En) => {
                format!("unknown measure {}; write 改进管理 or 完善制度", q(text))
            }
        }
    }
}

impl Say for crate::domain::problem::RevisionProblem {
    fn say(&self, lang: Lang) -> String {
        use crate::domain::problem::RevisionProblem as P;
        match (self, lang) {
            (P::UnknownProject { code }, Lang::Zh) => format!("本次会审中没有项目 {code}"),
            (P::UnknownProject { code }, Lang::En) => format!("no project {code} in this meeting"),
            (P::NotWaiting { code, error }, Lang::Zh) => {
                format!("项目 {code}：{}", error.say(lang))
            }
            (P::NotWaiting { code, error }, Lang::En) => {
                format!("project {code}: {}", error.say(lang))
            }
        }
    }
}
