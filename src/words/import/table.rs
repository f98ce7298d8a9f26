//! A table's problems in words: its header, the lines around it, its 合计
//! lines.

use super::{formula, q, shown};
use crate::domain::Money;
use crate::domain::money::group_thousands;
use crate::domain::problem::TableProblem;
use crate::words::decision::wan_whole;
use crate::words::{Lang, Say};

impl Say for TableProblem {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                TableProblem::MissingColumn {
                    zh,
                    header,
                    columns,
                    others,
                    ..
                },
                Lang::Zh,
            ) => {
                let mut has = header.join("、");
                if *columns > header.len() {
                    has.push_str(&format!("……（共 {columns} 列）"));
                }
                format!(
                    "缺少“{zh}”列；表头行现有：{has}；也可写作：{}",
                    others.join("、")
                )
            }
            (
                TableProblem::MissingColumn {
                    zh,
                    en,
                    header,
                    columns,
                    others,
                },
                Lang::En,
            ) => {
                let mut has = header.join(", ");
                if *columns > header.len() {
                    has.push_str(&format!(", … ({columns} columns)"));
                }
                format!(
                    "missing column {zh} ({en}); the header row has: {has}; also accepted: {}",
                    others.join(", ")
                )
            }
            (TableProblem::TwoColumns { zh, labels, .. }, Lang::Zh) => {
                format!("有两列都是{zh}：{}；请只保留一列", labels.join(" 和 "))
            }
            (TableProblem::TwoColumns { zh, en, labels }, Lang::En) => format!(
                "two columns are {zh} ({en}): {}; keep one",
                labels.join(" and ")
            ),
            (TableProblem::TwoAmountColumns { first, second }, Lang::Zh) => {
                format!("有两个金额列：{first} 和 {second}；请只保留一个")
            }
            (TableProblem::TwoAmountColumns { first, second }, Lang::En) => {
                format!("two amount columns, {first} and {second}; keep one")
            }
            (TableProblem::UnitConflict { header, line }, Lang::Zh) => format!(
                "表头的单位是{}，但单位行写的是{}；请只保留一种单位",
                header.label(),
                line.label()
            ),
            (TableProblem::UnitConflict { header, line }, Lang::En) => format!(
                "the header says {} but the unit line says {}; keep one unit",
                header.label(),
                line.label()
            ),
            (TableProblem::UnknownUnit { unit, column }, Lang::Zh) => format!(
                "表头中的单位 {} 无法识别；请写万元或元，如 {column}（万元）",
                q(unit)
            ),
            (TableProblem::UnknownUnit { unit, column }, Lang::En) => format!(
                "unknown unit {} in the header; write 万元 or 元, e.g. {column}（万元）",
                q(unit)
            ),
            (TableProblem::SubHeaderUnitConflict { header, total }, Lang::Zh) => format!(
                "表头的单位是{}，其下的合计却是{}；请只保留一种单位",
                header.label(),
                total.label()
            ),
            (TableProblem::SubHeaderUnitConflict { header, total }, Lang::En) => format!(
                "the header says {} and the 合计 under it {}; keep one unit",
                header.label(),
                total.label()
            ),
            (TableProblem::SplitWithoutTotal { column, parts }, Lang::Zh) => format!(
                "{column} 在本行分为 {}，其中没有唯一的“合计”列；每个项目只读取一个金额：\
             请在其下增加“合计”列，或只保留一个金额列",
                parts.join("、")
            ),
            (TableProblem::SplitWithoutTotal { column, parts }, Lang::En) => format!(
                "{column} is split into {} on this row, with no one 合计 (total) among them; \
             one amount per project is read: add a 合计 column under it, or keep \
             one amount column",
                parts.join(", ")
            ),
            (TableProblem::UnitNote { said, column, unit }, Lang::Zh) => format!(
                "本行说明金额单位为{}，但 {column} 列按{}读取；请在表头中写明单位，如 申报金额（{}）",
                said.label(),
                unit.label(),
                said.label()
            ),
            (TableProblem::UnitNote { said, column, unit }, Lang::En) => format!(
                "this line says the amounts are in {}, but the column {column} is read in {}; write the \
             unit in the header, e.g. 申报金额（{}）",
                said.label(),
                unit.label(),
                said.label()
            ),
            (TableProblem::ResultsTableOfTargetReview { stage }, Lang::Zh) => format!(
                "这是绩效目标会审的审核结果表（有审定金额和审减金额，没有调整类型和调整金额）；\
             {}阶段请使用同阶段会审导出的审核结果表，或提交批量表：项目编码、审核结果（调整类型：{}）、\
             金额（调整金额）和合并至",
                stage.zh(),
                stage.accepted_zh()
            ),
            (TableProblem::ResultsTableOfTargetReview { stage }, Lang::En) => format!(
                "this is a target review's results table (审定金额 and 审减金额, no 调整类型 \
             and 调整金额); at {} ({}) apply the results table of a meeting of this stage, \
             or a batch of 项目编码, 审核结果 (the 调整类型: {}), 金额 (the 调整金额) and 合并至",
                stage.zh(),
                stage.code(),
                stage.accepted()
            ),
            (TableProblem::NoProjects, Lang::Zh) => "表头行下面没有项目".into(),
            (TableProblem::NoProjects, Lang::En) => "no projects below the header row".into(),
            (TableProblem::TotalBadAmount { text, error }, Lang::Zh) => {
                format!("合计行的金额 {} 有误：{}", q(text), error.say(lang))
            }
            (TableProblem::TotalBadAmount { text, error }, Lang::En) => {
                format!(
                    "bad amount {} in the total line: {}",
                    q(text),
                    error.say(lang)
                )
            }
            (
                TableProblem::TotalUncalculated {
                    formula: f,
                    saved_empty,
                    sum,
                    unit,
                },
                Lang::Zh,
            ) => format!(
                "合计行是公式{}，保存的结果为{}，但各项目申报金额相加为 {}：\
             文件由程序生成，从未计算过；请用 Excel 或 WPS 打开并保存后再导入",
                formula(f, lang),
                if *saved_empty { "空" } else { " 0" },
                shown(*sum, *unit)
            ),
            (
                TableProblem::TotalUncalculated {
                    formula: f,
                    saved_empty,
                    sum,
                    unit,
                },
                Lang::En,
            ) => format!(
                "the total line is a formula{} whose saved value is {}, but the \
             projects add up to {}: the file was written by a program \
             and never calculated; open it in Excel or WPS, save it, and \
             import it again",
                formula(f, lang),
                if *saved_empty { "none" } else { "0" },
                shown(*sum, *unit)
            ),
            (
                TableProblem::TotalGroupOff {
                    text,
                    sum,
                    above,
                    above_from_top,
                    below,
                    unit,
                },
                Lang::Zh,
            ) => {
                let mut parts = vec![format!("全部相加为 {}", shown(*sum, *unit))];
                if let Some(a) = above {
                    parts.push(if *above_from_top {
                        format!("自第一个项目至本行为 {}", shown(*a, *unit))
                    } else {
                        format!("自上一合计行以来为 {}", shown(*a, *unit))
                    });
                }
                if let Some(b) = below {
                    parts.push(format!("到下一合计行为 {}", shown(*b, *unit)));
                }
                format!("合计行为 {}，但各项目申报金额{}", q(text), parts.join("，"))
            }
            (
                TableProblem::TotalGroupOff {
                    text,
                    sum,
                    above,
                    above_from_top,
                    below,
                    unit,
                },
                Lang::En,
            ) => {
                let mut parts = vec![format!("{} in all", shown(*sum, *unit))];
                if let Some(a) = above {
                    parts.push(if *above_from_top {
                        format!(
                            "{} from the first project down to this line",
                            shown(*a, *unit)
                        )
                    } else {
                        format!("{} since the total line above", shown(*a, *unit))
                    });
                }
                if let Some(b) = below {
                    parts.push(format!("{} down to the next", shown(*b, *unit)));
                }
                format!(
                    "the total line says {} but the projects add up to {}",
                    q(text),
                    parts.join(", ")
                )
            }
            (
                TableProblem::TotalOff {
                    text,
                    sum,
                    stated,
                    unit,
                },
                Lang::Zh,
            ) => format!(
                "合计行为 {}，但各项目申报金额相加为 {}（合计行{} {}）",
                q(text),
                shown(*sum, *unit),
                if stated > sum { "多" } else { "少" },
                shown(difference(*stated, *sum), *unit)
            ),
            (
                TableProblem::TotalOff {
                    text,
                    sum,
                    stated,
                    unit,
                },
                Lang::En,
            ) => format!(
                "the total line says {} but the projects add up to {} (the total line is {} by {})",
                q(text),
                shown(*sum, *unit),
                if stated > sum { "larger" } else { "smaller" },
                shown(difference(*stated, *sum), *unit)
            ),
            (TableProblem::TotalNotChecked { rows }, Lang::Zh) => format!(
                "合计行未核对：它所合计的第 {} 行金额无法读取；请先改正这些行",
                row_list(rows, "、")
            ),
            (TableProblem::TotalNotChecked { rows }, Lang::En) => format!(
                "the total line is not checked: the amount of row {} it adds up could not be read; \
                 correct those rows first",
                row_list(rows, ", ")
            ),
            (
                TableProblem::FileTotalTooLarge {
                    total,
                    projects,
                    most,
                },
                Lang::Zh,
            ) => format!(
                "本文件 {projects} 个项目的申报金额合计 {} 万元，超过一次会审的上限 {} 万元；\
                 请检查金额及其单位（元还是万元）",
                group_thousands(&total.to_string()),
                wan_whole(*most)
            ),
            (
                TableProblem::FileTotalTooLarge {
                    total,
                    projects,
                    most,
                },
                Lang::En,
            ) => format!(
                "the {projects} projects of this file request {} 万元 in all, more than a meeting \
                 may hold ({} 万元); check the amounts and their unit (元 or 万元)",
                group_thousands(&total.to_string()),
                wan_whole(*most)
            ),
        }
    }
}

/// How far apart two amounts are.
fn difference(a: Money, b: Money) -> Money {
    if a > b { a - b } else { b - a }
}

/// `3、5、9` or `3, 5, 9`, the first ten and how many more.
fn row_list(rows: &[usize], sep: &str) -> String {
    const SHOWN: usize = 10;
    let mut s = rows
        .iter()
        .take(SHOWN)
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(sep);
    if rows.len() > SHOWN {
        s += &format!("{sep}… ({})", rows.len());
    }
    s
}
