//! The words of an export: what was written, and why nothing was.

use super::{Lang, Say};
use crate::export::documents::{DocKind, Documents, Sent};
use crate::export::{Encoding, Error, Format, PrintText, Written};

impl Say for Documents {
    fn say(&self, lang: Lang) -> String {
        let (n, d, w) = (self.projects, self.departments, self.waiting);
        let place = match self.files.as_slice() {
            [one] => one.display().to_string(),
            many => many
                .first()
                .and_then(|f| f.parent())
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
        };
        let files = self.files.len();
        match (self.kind, lang) {
            (DocKind::Targets, Lang::Zh) => format!(
                "已导出项目支出绩效目标表 {place}（{files} 个文件）：{d} 个部门 {n} 个项目，其中 {w} 个绩效目标待修改确认"
            ),
            (DocKind::Targets, Lang::En) => format!(
                "wrote the performance targets table {place} ({files} files): {n} projects of {d} departments, {w} of them with targets still to be revised and confirmed"
            ),
            (DocKind::Opinions, Lang::Zh) => {
                format!("已导出审核意见书 {place}：{files} 份，{d} 个部门 {n} 个项目")
            }
            (DocKind::Opinions, Lang::En) => format!(
                "wrote {files} review opinions into {place}: {n} projects of {d} departments"
            ),
            (DocKind::Minutes, Lang::Zh) => {
                format!("已导出会议纪要 {place}：{d} 个部门 {n} 个项目")
            }
            (DocKind::Minutes, Lang::En) => {
                format!("wrote the minutes {place}: {n} projects of {d} departments")
            }
        }
    }
}

impl Say for Sent {
    fn say(&self, lang: Lang) -> String {
        let name = |d: &Documents| {
            let f = match d.kind {
                DocKind::Opinions => d.files.first().and_then(|f| f.parent()),
                _ => d.files.first().map(|f| f.as_path()),
            };
            f.and_then(|f| f.file_name())
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        };
        let n = self.opinions.files.len();
        let (o, t, m) = (
            name(&self.opinions),
            name(&self.targets),
            name(&self.minutes),
        );
        match lang {
            Lang::Zh => format!(
                "已导出审核意见书 {n} 份（{o}）、项目支出绩效目标表（{t}）和会议纪要（{m}），存于数据库旁"
            ),
            Lang::En => format!(
                "wrote {n} review opinions ({o}), the targets table ({t}) and the minutes ({m}) next to the database"
            ),
        }
    }
}

impl Say for Written {
    fn say(&self, lang: Lang) -> String {
        let path = self.path.display();
        let n = self.projects;
        let encoding = match self.encoding {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gbk => "GBK",
        };
        match (self.format, lang) {
            (Format::Xlsx, Lang::Zh) => format!(
                "已导出 {path}：审核结果 {n} 个项目，部门汇总 {} 个部门，预算类型汇总 {} 类，审核意见 {} 条，审核日志 {} 条",
                self.departments, self.budget_types, self.comments, self.events
            ),
            (Format::Xlsx, Lang::En) => format!(
                "wrote {path}: {n} projects, {} departments, {} budget types, {} comments, {} log entries",
                self.departments, self.budget_types, self.comments, self.events
            ),
            (Format::Csv, Lang::Zh) => format!("已导出 {path}：{n} 个项目（{encoding}）"),
            (Format::Csv, Lang::En) => format!("wrote {path}: {n} projects ({encoding})"),
            (Format::Md, Lang::Zh) => format!("已导出会审纪要 {path}：{n} 个项目"),
            (Format::Md, Lang::En) => format!("wrote the meeting summary {path}: {n} projects"),
            // The results are never a Word document (export refuses it).
            (Format::Docx, Lang::Zh) => format!("已导出 {path}：{n} 个项目"),
            (Format::Docx, Lang::En) => format!("wrote {path}: {n} projects"),
        }
    }
}

impl Say for Error {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (Error::GbkNotCsv, Lang::Zh) => "GBK 编码只适用于 CSV 导出（--format csv）".into(),
            (Error::GbkNotCsv, Lang::En) => {
                "--encoding gbk applies to CSV only (--format csv)".into()
            }
            (Error::NoFileName, Lang::Zh) => "没有给出导出文件名".into(),
            (Error::NoFileName, Lang::En) => "no output file given".into(),
            (Error::IsFolder(p), Lang::Zh) => format!("{} 是一个文件夹；请给出文件名", p.display()),
            (Error::IsFolder(p), Lang::En) => {
                format!("{} is a folder; give a file name", p.display())
            }
            (Error::IsDatabase(p), Lang::Zh) => {
                format!("{} 是会审数据库本身，不能覆盖", p.display())
            }
            (Error::IsDatabase(p), Lang::En) => format!(
                "{} is the meeting database itself; choose another file",
                p.display()
            ),
            (Error::NotADocumentFormat, Lang::Zh) => {
                "文书导出为 Excel 工作簿、Word 文档或 Markdown（--format xlsx、docx 或 md），不是 CSV"
                    .into()
            }
            (Error::NotADocumentFormat, Lang::En) => {
                "a document is written as a workbook, a Word document or Markdown (--format xlsx, docx or md), not CSV"
                    .into()
            }
            (Error::DocxIsForDocuments, Lang::Zh) => {
                "Word 文档用于审核意见书、绩效目标表和会议纪要（--per-department、--targets、--minutes）；审核结果请导出为 xlsx、csv 或 md"
                    .into()
            }
            (Error::DocxIsForDocuments, Lang::En) => {
                "a Word document is for the review opinions, the targets table and the minutes (--per-department, --targets, --minutes); export the results as xlsx, csv or md"
                    .into()
            }
            (Error::Docx(e), Lang::Zh) => format!("生成 Word 文档失败：{e}"),
            (Error::Docx(e), Lang::En) => format!("could not make the Word document: {e}"),
            (Error::NotAFolder(p), Lang::Zh) => {
                format!(
                    "{} 是文件；按部门导出请给出文件夹（--out DIR）",
                    p.display()
                )
            }
            (Error::NotAFolder(p), Lang::En) => format!(
                "{} is a file; a per-department export writes into a folder (--out DIR)",
                p.display()
            ),
            (Error::NoFolder(p), Lang::Zh) => format!("文件夹不存在：{}", p.display()),
            (Error::NoFolder(p), Lang::En) => format!("no such folder: {}", p.display()),
            (Error::Read(e), Lang::Zh) => format!("读取会审数据失败：{}", e.say(lang)),
            (Error::Read(e), Lang::En) => format!("cannot read the meeting: {}", e.say(lang)),
            (Error::Workbook(e), Lang::Zh) => format!("生成工作簿失败：{e}"),
            (Error::Workbook(e), Lang::En) => format!("cannot build the workbook: {e}"),
            (Error::Csv(e), Lang::Zh) => format!("写出 CSV 失败：{e}"),
            (Error::Csv(e), Lang::En) => format!("cannot write the CSV: {e}"),
            (
                Error::NotGbk {
                    code,
                    column,
                    found,
                },
                lang,
            ) => {
                let ch = format!("“{found}” (U+{:04X})", *found as u32);
                match lang {
                    Lang::Zh => format!(
                        "项目 {code} 的“{column}”含有 GBK 无法表示的字符 {ch}；请改用 --encoding utf8"
                    ),
                    Lang::En => format!(
                        "project {code}, column {column}: the character {ch} cannot be written in GBK; use --encoding utf8"
                    ),
                }
            }
            (Error::HeaderNotGbk, Lang::Zh) => {
                "表头含有 GBK 无法表示的字符；请改用 --encoding utf8".into()
            }
            (Error::HeaderNotGbk, Lang::En) => {
                "a header has a character GBK cannot represent; use --encoding utf8".into()
            }
            (Error::Write { path, error }, Lang::Zh) => {
                format!(
                    "无法写入 {}：{}",
                    path.display(),
                    super::io_reason(error, lang)
                )
            }
            (Error::Write { path, error }, Lang::En) => {
                format!("cannot write {}: {error}", path.display())
            }
        }
    }
}

impl Say for PrintText<'_> {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (PrintText::PageOfPages, Lang::Zh) => "第 &P 页 共 &N 页".into(),
            (PrintText::PageOfPages, Lang::En) => "Page &P of &N".into(),
            (PrintText::ExportedAt(at), Lang::Zh) => format!("导出时间：{at}"),
            (PrintText::ExportedAt(at), Lang::En) => format!("Exported {at}"),
            (PrintText::Reviewer, Lang::Zh) => "评审人：".into(),
            (PrintText::Reviewer, Lang::En) => "Reviewers: ".into(),
            (PrintText::Chair, Lang::Zh) => "主持人：".into(),
            (PrintText::Chair, Lang::En) => "Chair: ".into(),
            (PrintText::Date, Lang::Zh) => "日期：".into(),
            (PrintText::Date, Lang::En) => "Date: ".into(),
        }
    }
}
